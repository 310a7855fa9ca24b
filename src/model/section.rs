//! The sections of a playbook as one closed set: the key each has in YAML, how messages name one
//! of its entities, and the order the language lists them in. Every stage that walks the
//! sections uses this enum, so a new section is added here and the compiler names every place
//! that must learn about it.

use std::fmt;

macro_rules! sections {
    ($($variant:ident => $key:literal, $noun:literal, $full_noun:literal;)*) => {
        /// A top-level section of entities.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Section {
            $($variant),*
        }

        impl Section {
            /// Every section, in the order the language lists them.
            pub const ALL: [Section; [$($key),*].len()] = [$(Section::$variant),*];

            /// The top-level key, like `feedback_loops`.
            pub const fn key(self) -> &'static str {
                match self {
                    $(Section::$variant => $key),*
                }
            }

            /// How messages name one entity of the section, like `feedback loop`.
            pub const fn noun(self) -> &'static str {
                match self {
                    $(Section::$variant => $noun),*
                }
            }

            /// The noun where it stands alone in a sentence and the short one could be unclear
            /// (`lifecycle stage` rather than `stage`).
            pub const fn full_noun(self) -> &'static str {
                match self {
                    $(Section::$variant => $full_noun),*
                }
            }

            /// The section with top-level key `key`.
            pub fn from_key(key: &str) -> Option<Section> {
                match key {
                    $($key => Some(Section::$variant),)*
                    _ => None,
                }
            }
        }
    };
}

sections! {
    Teams => "teams", "team", "team";
    People => "people", "person", "person";
    Goals => "goals", "goal", "goal";
    Kpis => "kpis", "KPI", "KPI";
    Fields => "fields", "field", "field";
    Lifecycle => "lifecycle", "stage", "lifecycle stage";
    Pipelines => "pipelines", "pipeline", "pipeline";
    Tasks => "tasks", "task", "task";
    Meetings => "meetings", "meeting", "meeting";
    Channels => "channels", "channel", "channel";
    Contacts => "contacts", "contact topic", "contact topic";
    FeedbackLoops => "feedback_loops", "feedback loop", "feedback loop";
    Campaigns => "campaigns", "campaign", "campaign";
    Systems => "systems", "system", "system";
}

impl Section {
    /// Whether the section maps ids to entities; the lifecycle is a list of stages instead.
    pub fn is_map(self) -> bool {
        self != Section::Lifecycle
    }

    /// How findings and the graph name one entity: `section.id` (`tasks.kickoff`).
    pub fn entity(self, id: &str) -> String {
        format!("{}.{id}", self.key())
    }
}

impl fmt::Display for Section {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

/// What every entity type tells the rest of the program about itself.
pub trait Entity {
    /// The section its entities are defined in.
    const SECTION: Section;
    /// The id pattern: kebab-case slugs, or snake_case for field ids (CRM property names).
    const ID_STYLE: IdStyle = IdStyle::Kebab;

    /// Fills in what one key implies for another once the entity is read (a KPI without a
    /// `unit` takes its target's), so that every later stage sees one answer.
    fn settle(&mut self) {}
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IdStyle {
    Kebab,
    Snake,
}

impl IdStyle {
    pub fn pattern(self) -> &'static str {
        match self {
            IdStyle::Kebab => "^[a-z][a-z0-9-]*$",
            IdStyle::Snake => "^[a-z][a-z0-9_]*$",
        }
    }

    pub fn accepts(self, id: &str) -> bool {
        let mut chars = id.chars();
        let separator = match self {
            IdStyle::Kebab => '-',
            IdStyle::Snake => '_',
        };
        chars.next().is_some_and(|c| c.is_ascii_lowercase())
            && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == separator)
    }

    /// The id rewritten in this style, for a `help` suggestion.
    pub fn suggest(self, id: &str) -> String {
        let separator = match self {
            IdStyle::Kebab => '-',
            IdStyle::Snake => '_',
        };
        let mut out = String::new();
        for c in id.trim().chars() {
            if c.is_ascii_alphanumeric() {
                out.extend(c.to_lowercase());
            } else if !out.ends_with(separator) && !out.is_empty() {
                out.push(separator);
            }
        }
        let out = out.trim_end_matches(separator).to_owned();
        match out.chars().next() {
            Some(c) if c.is_ascii_lowercase() => out,
            _ => format!("x{separator}{out}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_round_trip_and_follow_the_language_order() {
        for section in Section::ALL {
            assert_eq!(Section::from_key(section.key()), Some(section));
        }
        let keys: Vec<&str> = Section::ALL.iter().map(|s| s.key()).collect();
        assert_eq!(keys.first(), Some(&"teams"));
        assert_eq!(keys.last(), Some(&"systems"));
        assert_eq!(Section::from_key("lint"), None);
        assert_eq!(
            Section::FeedbackLoops.entity("weekly"),
            "feedback_loops.weekly"
        );
    }
}

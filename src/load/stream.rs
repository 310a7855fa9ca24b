//! Entities read while the file is parsed, and the file's inline suppression comments.
//!
//! A large playbook is mostly entities (tasks above all). Converting each one as soon as the
//! parser has read it, and dropping its nodes right after, keeps peak memory near the size of
//! the typed model instead of the model plus a node tree of the whole file.

use super::sections::Output;
use crate::base::span::{FileId, Span};
use crate::model::Section;
use crate::model::lint_config::SUPPRESSION_MARKER;
use crate::yaml::de::DeContext;
use crate::yaml::{self, EntitySink, Node, Parsed, SectionTag};

/// The section named by top-level key `key`, if it maps ids to entities.
pub fn entity_section(key: &str) -> Option<Section> {
    // The lifecycle is the one section that is not a map of entities.
    Section::from_key(key).filter(|section| section.is_map())
}

/// The accessor of one section in a `Playbook`.
pub type Pick<T> = fn(&mut crate::model::Playbook) -> &mut crate::model::Entries<T>;

/// Runs `$body` with `$pick` bound to the accessor of section `$section` in a `Playbook`; each
/// section has its own entity type, so this has to be a macro.
macro_rules! with_section {
    ($section:expr, |$pick:ident| $body:expr) => {
        match $section {
            $crate::model::Section::Teams => {
                let $pick: $crate::load::stream::Pick<_> = |p| &mut p.teams;
                $body
            }
            $crate::model::Section::People => {
                let $pick: $crate::load::stream::Pick<_> = |p| &mut p.people;
                $body
            }
            $crate::model::Section::Goals => {
                let $pick: $crate::load::stream::Pick<_> = |p| &mut p.goals;
                $body
            }
            $crate::model::Section::Kpis => {
                let $pick: $crate::load::stream::Pick<_> = |p| &mut p.kpis;
                $body
            }
            $crate::model::Section::Fields => {
                let $pick: $crate::load::stream::Pick<_> = |p| &mut p.fields;
                $body
            }
            $crate::model::Section::Pipelines => {
                let $pick: $crate::load::stream::Pick<_> = |p| &mut p.pipelines;
                $body
            }
            $crate::model::Section::Tasks => {
                let $pick: $crate::load::stream::Pick<_> = |p| &mut p.tasks;
                $body
            }
            $crate::model::Section::Meetings => {
                let $pick: $crate::load::stream::Pick<_> = |p| &mut p.meetings;
                $body
            }
            $crate::model::Section::Channels => {
                let $pick: $crate::load::stream::Pick<_> = |p| &mut p.channels;
                $body
            }
            $crate::model::Section::Contacts => {
                let $pick: $crate::load::stream::Pick<_> = |p| &mut p.contacts;
                $body
            }
            $crate::model::Section::FeedbackLoops => {
                let $pick: $crate::load::stream::Pick<_> = |p| &mut p.feedback_loops;
                $body
            }
            $crate::model::Section::Campaigns => {
                let $pick: $crate::load::stream::Pick<_> = |p| &mut p.campaigns;
                $body
            }
            $crate::model::Section::Systems => {
                let $pick: $crate::load::stream::Pick<_> = |p| &mut p.systems;
                $body
            }
            // The lifecycle is a list of stages, read on its own.
            $crate::model::Section::Lifecycle => {}
        }
    };
}
pub(super) use with_section;

/// Parses `text` (file `file`), converts its entities into `out` as they are read, and keeps
/// its inline suppression comments.
pub fn parse_into(out: &mut Output<'_>, text: &str, file: FileId) -> Parsed {
    let context = DeContext::new(text);
    yaml::parse(
        text,
        file,
        &mut Sections {
            out,
            context: &context,
            // Most files have no suppression at all: one search of the text settles that, and
            // spares them the search for comments.
            suppressions: text.contains(SUPPRESSION_MARKER),
        },
    )
}

/// Like [`parse_into`], from a parse recorded earlier (a file shared by several playbooks).
pub fn replay_into(
    out: &mut Output<'_>,
    text: &str,
    file: FileId,
    recording: &crate::yaml::recorded::Recording,
) -> Parsed {
    let context = DeContext::new(text);
    recording.replay(
        file,
        &mut Sections {
            out,
            context: &context,
            suppressions: text.contains(SUPPRESSION_MARKER),
        },
    )
}

/// Converts the entities of one file into the playbook as the parser finishes them.
struct Sections<'a, 'o, 't> {
    out: &'a mut Output<'o>,
    context: &'a DeContext<'t>,
    /// Whether the file may hold inline suppressions.
    suppressions: bool,
}

/// The section a tag stands for: its place in [`Section::ALL`].
fn section_of(tag: SectionTag) -> Option<Section> {
    Section::ALL.get(tag).copied()
}

/// The tag a sink gives top-level key `key`: the section's place in [`Section::ALL`].
pub fn section_tag(key: &str) -> Option<SectionTag> {
    entity_section(key).map(|section| section as SectionTag)
}

impl EntitySink for Sections<'_, '_, '_> {
    fn section(&self, key: &str) -> Option<SectionTag> {
        section_tag(key)
    }

    fn entity(&mut self, tag: SectionTag, key: Node, value: Node, repeated: &[Span]) {
        let Some(section) = section_of(tag) else {
            return;
        };
        let context = self.context;
        with_section!(section, |pick| self.out.entity(context, &key, &value, pick));
        if !repeated.is_empty()
            && let Some(id) = key.scalar_text(context.text)
        {
            // The later value of a repeated key was left out, so that key is incomplete.
            let gaps = &mut self.out.playbook.gaps;
            for span in repeated {
                gaps.unknown(
                    section,
                    id,
                    super::gaps::key_around(&value, span, context.text),
                );
            }
        }
    }

    fn repeated(&mut self, tag: SectionTag, _: Node) {
        if let Some(section) = section_of(tag) {
            self.out.playbook.gaps.sections.insert(section);
        }
    }

    fn wants_comments(&self) -> bool {
        self.suppressions
    }

    /// Only comments that start with the marker are kept: the lint stage reads them.
    fn comment(&mut self, span: Span, text: &str) {
        if text.trim_start().starts_with(SUPPRESSION_MARKER) {
            self.out.playbook.suppression_comments.push(span);
        }
    }
}

//! What a structural error leaves unknown, at the grain it is unknown: one key of one entity (a
//! misspelled name in `accountable`, a value that does not read), a whole entity (one that could
//! not be read, or an id defined twice), a whole section (written twice, or not a map), or the
//! whole playbook (a file that does not parse, an include that fails).
//!
//! Rules judge the playbook as if the error were not there; a finding that depends on what is
//! unknown is withheld, since it would report the error's consequence as a problem of its own.
//! Everything else is reported: one mistake, one finding, and no finding hidden by it.

use super::name::Name;
use super::section::Section;
use std::collections::HashSet;

#[derive(Debug, Default, Clone)]
pub struct Gaps {
    /// A file could not be read at all: nothing can be judged as a whole.
    pub everything: bool,
    /// A file of the playbook could not be read in full (an include failed, a file has a syntax
    /// error), so names may be defined in what is missing, and entities there may point at any
    /// other: only what an entity says of itself can be judged.
    pub files_incomplete: bool,
    /// `lint:` could not be read in full: rules tuned by it would judge with the wrong numbers.
    pub lint: bool,
    /// Sections that could not be read as a whole: every entity of them may be missing.
    pub sections: HashSet<Section>,
    /// What is unknown about single entities.
    pub unknowns: Vec<Unknown>,
}

/// One key of one entity whose value is unknown, or the whole entity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unknown {
    pub section: Section,
    pub id: Name,
    /// The key whose value is unknown; `None` when nothing of the entity is known.
    pub key: Option<String>,
    /// Set when the key is a reference whose name does not resolve: what it was meant to name.
    pub reference: Option<UnknownReference>,
}

/// What a reference that does not resolve was meant to name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownReference {
    /// The sections its name must be in.
    pub sections: &'static [Section],
    /// The known name nearest to what is written, taken to be the one meant; `None` when no
    /// known name is near, so it could be meant for any.
    pub near: Option<Name>,
}

impl Gaps {
    /// Records that `key` of entity `id` of `section` is unknown (`None`: all of it).
    pub fn unknown(&mut self, section: Section, id: &str, key: Option<&str>) {
        self.unknowns.push(Unknown {
            section,
            id: Name::from(id),
            key: key.map(str::to_owned),
            reference: None,
        });
    }

    /// Whether `key` of entity `id` of `section` is known to be incomplete.
    pub fn is_unknown(&self, section: Section, id: &str, key: &str) -> bool {
        self.sections.contains(&section)
            || self.unknowns.iter().any(|unknown| {
                unknown.section == section
                    && unknown.id == id
                    && unknown.key.as_deref().is_none_or(|unknown| unknown == key)
            })
    }
}

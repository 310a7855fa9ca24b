//! Which findings a structural error withholds. A rule judges the playbook as if the error were
//! not there; a finding is withheld only when it depends on something the error left unknown
//! (see [`crate::model::gaps`]): a key the rule reads of the entity the finding is about, a
//! reference into that entity that does not resolve (or resolves nowhere near), or anything of
//! what the rule judges as a whole. Everything else is reported.
//!
//! The unknowns are indexed once per playbook, so that thousands of findings and thousands of
//! unknowns cost their sum, not their product.

use super::{Keys, Reads};
use crate::diagnostic::Diagnostic;
use crate::model::{Gaps, Playbook, Section, Unknown};
use std::collections::{HashMap, HashSet};

/// The unknowns of one playbook, indexed by what they can withhold.
pub struct Withholding<'g> {
    gaps: &'g Gaps,
    /// Unknowns by the entity they are in.
    by_entity: HashMap<(Section, &'g str), Vec<&'g Unknown>>,
    /// Unresolved references by the known name they were probably meant for, and by the team of
    /// that name when it is a person (attending as a person counts for the team).
    by_near: HashMap<&'g str, Vec<&'g Unknown>>,
    /// Unknowns that may point at any entity: values that could not be read, whole entities,
    /// and references with no known name near.
    anywhere: Vec<&'g Unknown>,
}

impl<'g> Withholding<'g> {
    pub fn new(gaps: &'g Gaps, playbook: &'g Playbook) -> Self {
        let mut withholding = Withholding {
            gaps,
            by_entity: HashMap::new(),
            by_near: HashMap::new(),
            anywhere: Vec::new(),
        };
        for unknown in &gaps.unknowns {
            withholding
                .by_entity
                .entry((unknown.section, unknown.id.as_str()))
                .or_default()
                .push(unknown);
            match unknown.reference.as_ref().and_then(|r| r.near.as_deref()) {
                Some(near) => {
                    withholding.by_near.entry(near).or_default().push(unknown);
                    let team = playbook
                        .people
                        .get(near)
                        .and_then(|person| person.value.team.as_ref());
                    if let Some(team) = team {
                        withholding
                            .by_near
                            .entry(team.value.as_str())
                            .or_default()
                            .push(unknown);
                    }
                }
                None => withholding.anywhere.push(unknown),
            }
        }
        withholding
    }

    /// Whether a rule that reads `reads` cannot be run at all: the whole playbook, a whole
    /// section it reads, or `lint:` (when it is tuned by it) is unknown, or it judges what
    /// points where while a file is missing.
    pub fn skips(&self, reads: &Reads) -> bool {
        let sections = reads
            .own
            .iter()
            .chain(reads.incoming)
            .chain(reads.whole)
            .map(|(section, _)| section);
        let across = !reads.incoming.is_empty() || !reads.whole.is_empty();
        self.gaps.everything
            || (reads.lint && self.gaps.lint)
            || (across && self.gaps.files_incomplete)
            || sections
                .into_iter()
                .any(|section| self.gaps.sections.contains(section))
    }

    /// The findings of one rule that stand, given what it reads; the others are withheld.
    pub fn keep(&self, reads: &Reads, findings: Vec<Diagnostic>) -> Vec<Diagnostic> {
        if self.gaps.unknowns.is_empty() {
            return findings;
        }
        let whole = self.gaps.unknowns.iter().any(|u| reads_key(reads.whole, u));
        if whole {
            return Vec::new();
        }
        // Unknowns that may point at any entity withhold the rule's findings about every entity
        // of the sections they may point into.
        let mut anywhere: HashSet<Section> = HashSet::new();
        let mut anywhere_all = false;
        for unknown in &self.anywhere {
            if !reads_key(reads.incoming, unknown) {
                continue;
            }
            match &unknown.reference {
                Some(reference) => anywhere.extend(reference.sections.iter().copied()),
                None => anywhere_all = true,
            }
        }
        findings
            .into_iter()
            .filter(|finding| !self.withholds(reads, finding, &anywhere, anywhere_all))
            .collect()
    }

    fn withholds(
        &self,
        reads: &Reads,
        finding: &Diagnostic,
        anywhere: &HashSet<Section>,
        anywhere_all: bool,
    ) -> bool {
        let about = finding
            .entity
            .as_deref()
            .and_then(|entity| entity.split_once('.'))
            .and_then(|(section, id)| Some((Section::from_key(section)?, id)));
        let Some((section, id)) = about else {
            // A finding about the playbook as a whole depends on everything the rule reads.
            return self
                .gaps
                .unknowns
                .iter()
                .any(|u| reads_key(reads.own, u) || reads_key(reads.incoming, u));
        };
        let own = self
            .by_entity
            .get(&(section, id))
            .is_some_and(|unknowns| unknowns.iter().any(|u| reads_key(reads.own, u)));
        let incoming = !reads.incoming.is_empty()
            && (anywhere_all
                || anywhere.contains(&section)
                || self.by_near.get(id).is_some_and(|unknowns| {
                    unknowns.iter().any(|u| {
                        reads_key(reads.incoming, u)
                            && u.reference
                                .as_ref()
                                .is_some_and(|r| r.sections.contains(&section))
                    })
                }));
        own || incoming
    }
}

/// Whether `unknown` is in a key that `keys` lists (a whole entity is in every key).
fn reads_key(keys: Keys, unknown: &Unknown) -> bool {
    keys.iter().any(|(section, names)| {
        *section == unknown.section
            && unknown
                .key
                .as_deref()
                .is_none_or(|key| names.contains(&"*") || names.contains(&key))
    })
}

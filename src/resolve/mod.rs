//! Name resolution: every reference must name an entity of the right kind.
//!
//! An unknown name is an `unresolved-reference` error with the nearest known name of the expected
//! kind as a suggestion. A name of the wrong kind (a KPI where a task is expected) says what it
//! found instead, since that is a different mistake than a typo.
//!
//! [`refs`] lists every reference of a playbook in one place (the graph walks the same list);
//! [`validate`] checks values of one entity against each other.

pub mod refs;
pub mod validate;

use crate::base::suggest::Nearest;
use crate::diagnostic::Diagnostic;
use crate::diagnostic::structural::duplicate_id;
use crate::diagnostic::structural::unresolved_reference::{self, Hint};
use crate::model::{Playbook, Section, Unknown, UnknownReference};
use refs::{Relation, Target, for_each_reference};
use std::collections::HashMap;

/// What resolution found: the findings, and what the names that do not resolve leave unknown.
#[derive(Debug, Default)]
pub struct Resolution {
    pub diagnostics: Vec<Diagnostic>,
    pub unknowns: Vec<Unknown>,
}

pub fn resolve(playbook: &Playbook) -> Resolution {
    let mut resolution = Resolution::default();
    // The known names of each kind, indexed when the first unknown name of that kind turns up: a
    // playbook may hold thousands of misspelled references to thousands of tasks.
    let mut known: HashMap<Target, Nearest<'_>> = HashMap::new();
    for_each_reference(playbook, |reference| {
        // Fields named by criteria are checked, with their values, by `invalid-criterion`.
        if reference.relation == Relation::Criterion {
            return;
        }
        let name = reference.name.value.as_str();
        let sections = reference.target.sections();
        if sections
            .iter()
            .any(|&section| playbook.defines(section, name))
        {
            return;
        }
        let noun = reference.target.noun();
        let candidates = known.entry(reference.target).or_insert_with(|| {
            Nearest::new(
                sections
                    .iter()
                    .flat_map(|&section| playbook.section_ids(section)),
            )
        });
        let near = candidates.nearest(name);
        resolution.unknowns.push(Unknown {
            section: reference.from_section,
            id: reference.from_id.into(),
            key: Some(reference.key.to_owned()),
            reference: Some(UnknownReference {
                sections,
                near: near.map(Into::into),
            }),
        });
        let hint = if let Some(near) = near {
            Hint::Near(near)
        } else if let Some(found) = Section::ALL
            .iter()
            .find(|&&section| playbook.defines(section, name))
        {
            Hint::WrongKind {
                found: found.full_noun(),
            }
        } else {
            Hint::Define {
                section: sections[0].key(),
                known: !candidates.is_empty(),
            }
        };
        let hint = if reference.target == Target::Stage && playbook.stages.is_empty() {
            Hint::DefineStage
        } else {
            hint
        };
        let replacement = match hint {
            Hint::Near(near) => Some(near),
            _ => None,
        };
        let diagnostic = unresolved_reference::unknown(
            reference.from_section.full_noun(),
            reference.from_id,
            noun,
            name,
            reference.key,
            reference.name.span,
        )
        .with_help(unresolved_reference::help(hint, name, reference.key, noun))
        .with_replacement(replacement)
        .with_entity(reference.from_section.entity(reference.from_id));
        resolution.diagnostics.push(diagnostic);
    });
    resolution
}

/// A person and a team with the same id would make party references ambiguous.
pub fn party_clashes(playbook: &Playbook) -> Vec<Diagnostic> {
    playbook
        .people
        .iter()
        .filter_map(|person| {
            let team = playbook.teams.get(&person.id.value)?;
            Some(
                duplicate_id::person_and_team(&person.id.value, person.id.span, team.id.span)
                    .with_entity(Section::People.entity(&person.id.value)),
            )
        })
        .collect()
}

//! Name resolution: every reference must name an entity of the right kind.
//!
//! An unknown name is an `unresolved-reference` error with the nearest known name of the expected
//! kind as a suggestion. A name of the wrong kind (a KPI where a task is expected) says what it
//! found instead, since that is a different mistake than a typo.

use crate::diagnostic::Diagnostic;
use crate::model::Playbook;
use crate::refs::{Relation, Target, for_each_reference};
use crate::suggest::did_you_mean;

const ALL_SECTIONS: [(&str, &str); 14] = [
    ("teams", "team"),
    ("people", "person"),
    ("goals", "goal"),
    ("kpis", "KPI"),
    ("fields", "field"),
    ("lifecycle", "lifecycle stage"),
    ("pipelines", "pipeline"),
    ("tasks", "task"),
    ("meetings", "meeting"),
    ("channels", "channel"),
    ("contacts", "contact topic"),
    ("feedback_loops", "feedback loop"),
    ("campaigns", "campaign"),
    ("systems", "system"),
];

pub fn resolve(playbook: &Playbook) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    for_each_reference(playbook, |reference| {
        // Fields named by criteria are checked, with their values, by `invalid-criterion`.
        if reference.relation == Relation::Criterion {
            return;
        }
        let name = reference.name.value.as_str();
        let sections = reference.target.sections();
        if sections
            .iter()
            .any(|section| playbook.defines(section, name))
        {
            return;
        }
        let noun = reference.target.noun();
        let entity = format!("{}.{}", reference.from_section, reference.from_id);
        let kind = ALL_SECTIONS
            .iter()
            .find(|(section, _)| *section == reference.from_section)
            .map_or("entity", |(_, kind)| kind);
        let mut diagnostic = Diagnostic::error(
            "unresolved-reference",
            format!(
                "{kind} `{}` names unknown {noun} `{name}` in `{}`",
                reference.from_id, reference.key
            ),
            reference.name.span,
        )
        .with_entity(entity);
        let candidates: Vec<&str> = sections
            .iter()
            .flat_map(|section| playbook.section_ids(section))
            .collect();
        diagnostic.help = Some(
            if let Some(near) = did_you_mean(name, candidates.iter().copied()) {
                format!("did you mean `{near}`?")
            } else if let Some((_, kind)) = ALL_SECTIONS
                .iter()
                .find(|(section, _)| playbook.defines(section, name))
            {
                format!(
                    "`{name}` is a {kind}, but `{}` expects a {noun}",
                    reference.key
                )
            } else if candidates.is_empty() {
                format!("define it under `{}:`", sections[0])
            } else {
                format!(
                    "define it under `{}:`, or use one of the known names",
                    sections[0]
                )
            },
        );
        if reference.target == Target::Stage && playbook.stages.is_empty() {
            diagnostic.help = Some("define the stage in `lifecycle.stages`".to_owned());
        }
        diagnostics.push(diagnostic);
    });
    diagnostics
}

/// A person and a team with the same id would make party references ambiguous.
pub fn party_clashes(playbook: &Playbook) -> Vec<Diagnostic> {
    playbook
        .people
        .iter()
        .filter_map(|person| {
            let team = playbook.teams.get(&person.id.value)?;
            Some(
                Diagnostic::error(
                    "duplicate-id",
                    format!("`{}` is both a person and a team", person.id.value),
                    person.id.span,
                )
                .with_related(crate::diagnostic::Label::new(
                    team.id.span,
                    "the team is defined here",
                ))
                .with_help("people and teams share one namespace; rename one of them")
                .with_entity(format!("people.{}", person.id.value)),
            )
        })
        .collect()
}

//! Rules that compare the playbooks of one workspace with each other.
//!
//! Every other rule judges one playbook. In a workspace the same person, KPI or field is often
//! defined in several playbooks, and the copies drift apart; these rules see every playbook of
//! a run at once. Each playbook gives its [`Facts`] (what the rules compare, with spans) right
//! after its own lint, so the playbooks themselves need not be kept; [`compare`] then reports
//! each definition that differs from the first one met, pointing at both. A definition two
//! playbooks share through one included file is one definition, not two.

use super::levels::{self, LevelOverrides};
use super::rules::{inconsistent_field, inconsistent_kpi, inconsistent_person};
use crate::base::source::Sources;
use crate::base::span::Span;
use crate::diagnostic::{Diagnostic, Label, Rule};
use crate::model::{LintConfig, Playbook, Section};
use std::collections::HashMap;

/// One entity as the consistency rules compare it: its id and the attributes that must agree.
#[derive(Clone, Debug)]
pub struct Definition {
    pub id: String,
    pub span: Span,
    /// Attribute name and its value as written (`None`: not given); missing and given differ.
    pub attributes: Vec<(&'static str, Option<String>)>,
}

impl Definition {
    pub fn new(id: &str, span: Span) -> Self {
        Definition {
            id: id.to_owned(),
            span,
            attributes: Vec::new(),
        }
    }

    /// Adds attribute `name` with its value as written (`None`: not given).
    pub fn with(mut self, name: &'static str, value: Option<impl ToString>) -> Self {
        self.attributes
            .push((name, value.map(|value| value.to_string())));
        self
    }
}

/// What one playbook gives the comparison.
#[derive(Clone, Debug)]
pub struct Facts {
    /// The playbook's id, as findings name it.
    pub playbook: String,
    /// Its `lint:` levels, which decide the level of findings about its definitions.
    pub lint: LintConfig,
    people: Vec<Definition>,
    kpis: Vec<Definition>,
    fields: Vec<Definition>,
}

impl Facts {
    pub fn of(playbook: &Playbook) -> Facts {
        Facts {
            playbook: playbook
                .id
                .as_ref()
                .map_or_else(String::new, |id| id.value.clone()),
            lint: playbook.lint.clone(),
            people: inconsistent_person::definitions(playbook),
            kpis: inconsistent_kpi::definitions(playbook),
            fields: inconsistent_field::definitions(playbook),
        }
    }

    /// Moves every span to other file ids, as [`Diagnostic::shift_files`] does.
    pub fn shift_files(&mut self, offset: u32) {
        for definition in self
            .people
            .iter_mut()
            .chain(&mut self.kpis)
            .chain(&mut self.fields)
        {
            definition.span.file += offset;
        }
    }
}

/// The findings of the consistency rules over `playbooks` (the playbooks of one workspace, in
/// the order of the run), at the levels each playbook and the command line give them.
pub fn compare(
    playbooks: &[&Facts],
    sources: &Sources,
    overrides: &LevelOverrides,
) -> Vec<Diagnostic> {
    let mut findings = Vec::new();
    let rules: [(&'static Rule, Section, Pick); 3] = [
        (&inconsistent_person::RULE.rule, Section::People, |f| {
            &f.people
        }),
        (&inconsistent_kpi::RULE.rule, Section::Kpis, |f| &f.kpis),
        (&inconsistent_field::RULE.rule, Section::Fields, |f| {
            &f.fields
        }),
    ];
    for (rule, section, pick) in rules {
        let mut first: HashMap<&str, (&Facts, &Definition)> = HashMap::new();
        for facts in playbooks {
            let mut found = Vec::new();
            for definition in pick(facts) {
                let Some(&(earlier_facts, earlier)) = first.get(definition.id.as_str()) else {
                    first.insert(&definition.id, (facts, definition));
                    continue;
                };
                if same_place(earlier.span, definition.span, sources) {
                    continue;
                }
                if let Some(finding) =
                    differs(rule, section, definition, earlier, &earlier_facts.playbook)
                {
                    found.push(finding);
                }
            }
            findings.extend(levels::apply(found, &facts.lint, overrides));
        }
    }
    findings
}

/// The definitions of one section among a playbook's facts.
type Pick = fn(&Facts) -> &[Definition];

/// Whether two spans are one place in one file (a shared include, met through two playbooks).
fn same_place(a: Span, b: Span, sources: &Sources) -> bool {
    a.start == b.start && sources.get(a.file).path == sources.get(b.file).path
}

/// The finding about `later` when it differs from `first` (defined in playbook `playbook`).
fn differs(
    rule: &'static Rule,
    section: Section,
    later: &Definition,
    first: &Definition,
    playbook: &str,
) -> Option<Diagnostic> {
    let differences: Vec<String> = later
        .attributes
        .iter()
        .zip(&first.attributes)
        .filter(|((_, here), (_, there))| here != there)
        .map(|((name, here), (_, there))| {
            let show = |value: &Option<String>| {
                value
                    .as_ref()
                    .map_or_else(|| "none".to_owned(), |value| format!("`{value}`"))
            };
            format!("{name} {} here, {} there", show(here), show(there))
        })
        .collect();
    if differences.is_empty() {
        return None;
    }
    let noun = section.noun();
    Some(
        Diagnostic::new(
            rule,
            format!(
                "{noun} `{}` differs from its definition in playbook `{playbook}`: {}",
                later.id,
                differences.join("; ")
            ),
            later.span,
        )
        .with_related(Label::new(
            first.span,
            format!("`{}` as playbook `{playbook}` defines it", first.id),
        ))
        .with_help(format!(
            "define `{}` once in a shared file that both playbooks include, or make the two definitions agree",
            later.id
        ))
        .with_entity(section.entity(&later.id)),
    )
}

//! Semantic diff of two versions of a playbook, for pull-request review.
//!
//! Both versions are compiled and compared entity by entity: what was added, removed, and which
//! keys of which entity changed, from what to what. The lint findings of both are compared too,
//! so a reviewer sees which problems a change introduces and which it fixes.

use crate::check::Single;
use crate::diagnostic::{Diagnostic, Severity};
use crate::graph::Graph;
use crate::model::Section;
use crate::report::Located;
use serde::Serialize;
use serde_json::Value;
use std::collections::BTreeSet;

/// The keys of a section's entities that compiling derives: they change whenever something
/// else does, so they are not reported.
fn derived_keys(section: Section) -> &'static [&'static str] {
    match section {
        Section::Teams => &["members"],
        Section::Goals => &["teams", "shared"],
        Section::Lifecycle => &["team", "next_stages"],
        Section::Tasks => &["order"],
        _ => &[],
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ChangeKind {
    Added,
    Removed,
    Changed,
}

/// One entity that differs between the versions.
#[derive(Clone, Debug, Serialize)]
pub struct Change {
    pub kind: ChangeKind,
    pub section: &'static str,
    #[serde(skip)]
    pub noun: &'static str,
    pub id: String,
    /// The entity's title or name, when it has one, to help the reader.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// For changed entities: each key that differs.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<FieldChange>,
}

#[derive(Clone, Debug, Serialize)]
pub struct FieldChange {
    pub key: String,
    pub before: Value,
    pub after: Value,
}

/// A finding as the diff reports it: where it is in the version that has it.
#[derive(Clone, Debug, Serialize)]
pub struct Finding {
    pub rule: &'static str,
    pub severity: Severity,
    pub message: String,
    pub file: String,
    pub line: usize,
}

#[derive(Debug, Serialize)]
pub struct Report {
    pub version: u32,
    pub playbook: Option<String>,
    pub changes: Vec<Change>,
    pub introduced: Vec<Finding>,
    pub fixed: Vec<Finding>,
}

impl Report {
    /// Whether the change brings in error-level findings (the diff then fails).
    pub fn introduces_errors(&self) -> bool {
        self.introduced
            .iter()
            .any(|f| f.severity == Severity::Error)
    }
}

pub fn diff(old: &Single, new: &Single) -> Report {
    let old_model = model(old);
    let new_model = model(new);
    let mut changes = Vec::new();
    for section in Section::ALL {
        compare_section(&old_model, &new_model, section, &mut changes);
    }
    let (introduced, fixed) = finding_delta(old, new);
    Report {
        version: 1,
        playbook: new_model["playbook"]["id"].as_str().map(str::to_owned),
        changes,
        introduced,
        fixed,
    }
}

fn model(single: &Single) -> Value {
    let graph = Graph::build(&single.loaded.playbook);
    serde_json::to_value(crate::compile::compile(&graph, Default::default())).unwrap_or(Value::Null)
}

/// The id of an entity in the compiled model (contacts are keyed by topic).
fn key_of(entity: &Value) -> Option<&str> {
    entity["id"].as_str().or_else(|| entity["topic"].as_str())
}

fn title_of(entity: &Value) -> Option<String> {
    ["title", "name", "label"]
        .iter()
        .find_map(|key| entity[*key].as_str())
        .map(str::to_owned)
}

fn compare_section(old: &Value, new: &Value, section: Section, changes: &mut Vec<Change>) {
    let (noun, derived) = (section.noun(), derived_keys(section));
    let section = section.key();
    let empty = Vec::new();
    let old_items = old[section].as_array().unwrap_or(&empty);
    let new_items = new[section].as_array().unwrap_or(&empty);
    let find = |items: &'_ [Value], id: &str| items.iter().find(|e| key_of(e) == Some(id)).cloned();
    let change = |kind, id: &str, entity: &Value, fields| Change {
        kind,
        section,
        noun,
        id: id.to_owned(),
        title: title_of(entity),
        fields,
    };
    for entity in new_items {
        let Some(id) = key_of(entity) else { continue };
        match find(old_items, id) {
            None => changes.push(change(ChangeKind::Added, id, entity, Vec::new())),
            Some(before) => {
                let fields = compare_entity(&before, entity, derived);
                if !fields.is_empty() {
                    changes.push(change(ChangeKind::Changed, id, entity, fields));
                }
            }
        }
    }
    for entity in old_items {
        let Some(id) = key_of(entity) else { continue };
        if find(new_items, id).is_none() {
            changes.push(change(ChangeKind::Removed, id, entity, Vec::new()));
        }
    }
}

fn compare_entity(before: &Value, after: &Value, derived: &[&str]) -> Vec<FieldChange> {
    let keys: BTreeSet<&String> = before
        .as_object()
        .into_iter()
        .chain(after.as_object())
        .flat_map(|object| object.keys())
        .collect();
    let mut fields = Vec::new();
    for key in keys {
        // `*_text` keys are the display form of another key, in the documents' language.
        if key == "id" || key.ends_with("_text") || derived.contains(&key.as_str()) {
            continue;
        }
        let (b, a) = (&before[key.as_str()], &after[key.as_str()]);
        if b != a {
            fields.push(FieldChange {
                key: key.clone(),
                before: b.clone(),
                after: a.clone(),
            });
        }
    }
    fields
}

/// Findings of the new version that the old one did not have, and the other way round. A
/// finding is the same when its rule, entity and message are: positions move with every edit.
fn finding_delta(old: &Single, new: &Single) -> (Vec<Finding>, Vec<Finding>) {
    let identity = |d: &Diagnostic| (d.rule.name, d.entity.clone(), d.message.clone());
    let old_keys: BTreeSet<_> = old.diagnostics.iter().map(identity).collect();
    let new_keys: BTreeSet<_> = new.diagnostics.iter().map(identity).collect();
    let finding = |single: &Single, d: &Diagnostic| {
        let at = Located::of(d, &single.sources);
        Finding {
            rule: d.rule.name,
            severity: d.severity,
            message: d.message.clone(),
            file: at.file.to_owned(),
            line: at.line,
        }
    };
    let introduced = new
        .diagnostics
        .iter()
        .filter(|d| !old_keys.contains(&identity(d)))
        .map(|d| finding(new, d))
        .collect();
    let fixed = old
        .diagnostics
        .iter()
        .filter(|d| !new_keys.contains(&identity(d)))
        .map(|d| finding(old, d))
        .collect();
    (introduced, fixed)
}

/// A value as a reviewer reads it: `anna`, `[anna, ben]`, `>= 40`, `(none)`.
fn show(value: &Value, key: &str) -> String {
    match value {
        Value::Null => "(none)".to_owned(),
        Value::String(text) => format!("`{text}`"),
        Value::Array(items) if key == "accountable" && items.len() == 1 => show(&items[0], key),
        Value::Array(items) if items.iter().all(|i| !i.is_object() && !i.is_array()) => format!(
            "`[{}]`",
            items
                .iter()
                .map(|item| match item {
                    Value::String(text) => text.clone(),
                    other => other.to_string(),
                })
                .collect::<Vec<_>>()
                .join(", ")
        ),
        other => format!("`{other}`"),
    }
}

/// The report as Markdown, to paste as a pull-request comment.
pub fn markdown(report: &Report) -> String {
    let mut out = String::new();
    let name = report.playbook.as_deref().unwrap_or("playbook");
    out.push_str(&format!("## smarketing: changes to `{name}`\n\n"));
    let count = |kind: ChangeKind| report.changes.iter().filter(|c| c.kind == kind).count();
    let (added, changed, removed) = (
        count(ChangeKind::Added),
        count(ChangeKind::Changed),
        count(ChangeKind::Removed),
    );
    if report.changes.is_empty() {
        out.push_str("No change to goals, responsibilities, targets or processes.\n");
    } else {
        out.push_str(&format!(
            "{changed} changed, {added} added, {removed} removed.\n"
        ));
    }
    for (kind, heading) in [
        (ChangeKind::Changed, "Changed"),
        (ChangeKind::Added, "Added"),
        (ChangeKind::Removed, "Removed"),
    ] {
        let items: Vec<&Change> = report.changes.iter().filter(|c| c.kind == kind).collect();
        if items.is_empty() {
            continue;
        }
        out.push_str(&format!("\n### {heading}\n\n"));
        for change in items {
            let title = change
                .title
                .as_ref()
                .map(|t| format!(" ({t})"))
                .unwrap_or_default();
            match kind {
                ChangeKind::Changed => {
                    out.push_str(&format!("- {} `{}`{title}\n", change.noun, change.id));
                    for field in &change.fields {
                        out.push_str(&format!(
                            "  - `{}`: {} → {}\n",
                            field.key,
                            show(&field.before, &field.key),
                            show(&field.after, &field.key)
                        ));
                    }
                }
                _ => out.push_str(&format!("- {} `{}`{title}\n", change.noun, change.id)),
            }
        }
    }
    for (findings, heading) in [
        (&report.introduced, "Findings this change introduces"),
        (&report.fixed, "Findings this change fixes"),
    ] {
        if findings.is_empty() {
            continue;
        }
        out.push_str(&format!("\n### {heading}\n\n"));
        for finding in findings {
            out.push_str(&format!(
                "- **{}** `{}`: {} ({}:{})\n",
                finding.severity, finding.rule, finding.message, finding.file, finding.line
            ));
        }
    }
    out
}

pub fn json(report: &Report) -> String {
    let mut text = serde_json::to_string_pretty(report).unwrap_or_default();
    text.push('\n');
    text
}

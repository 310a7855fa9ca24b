//! `--format sarif`: SARIF 2.1.0 for GitHub code scanning (and any SARIF viewer).
//!
//! Every rule is described in `tool.driver.rules` from its documentation; results point at
//! paths relative to the repository root and carry fingerprints derived from the rule and the
//! entity, so that an alert survives edits elsewhere in the file.

use super::Located;
use super::location::{fingerprint, relative_uri, repository_root};
use crate::base::source::Sources;
use crate::diagnostic::Rule;
use crate::diagnostic::{Diagnostic, Severity};
use crate::lint::registry::RULES;
use serde_json::{Value, json};

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";
const INFORMATION_URI: &str = "https://github.com/smarketing/smarketing";

/// The SARIF log of `diagnostics`. After a baseline was applied (`baselined`), every result is
/// one the baseline does not hold, and says so with `baselineState: new`.
pub fn render(diagnostics: &[Diagnostic], sources: &Sources, baselined: bool) -> String {
    let root = repository_root();
    let results: Vec<Value> = diagnostics
        .iter()
        .map(|diagnostic| {
            let mut result = result(diagnostic, sources, root.as_deref());
            if baselined && let Some(fields) = result.as_object_mut() {
                fields.insert("baselineState".to_owned(), json!("new"));
            }
            result
        })
        .collect();
    let document = json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "smarketing",
                    "version": env!("CARGO_PKG_VERSION"),
                    "informationUri": INFORMATION_URI,
                    "rules": RULES.iter().copied().map(descriptor).collect::<Vec<_>>(),
                }
            },
            "columnKind": "unicodeCodePoints",
            "results": results,
        }]
    });
    let mut text = serde_json::to_string_pretty(&document).unwrap_or_default();
    text.push('\n');
    text
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A rule as SARIF describes it, from its documentation.
fn descriptor(rule: &Rule) -> Value {
    let summary = capitalised(rule.summary);
    json!({
        "id": rule.name,
        "name": rule.name,
        "shortDescription": { "text": summary },
        "fullDescription": { "text": section(rule.docs, "What it checks").unwrap_or_else(|| summary.clone()) },
        "help": {
            "text": rule.docs,
            "markdown": rule.docs,
        },
        "defaultConfiguration": { "level": level(rule.default) },
        "properties": {
            "tags": [if rule.structural { "structural" } else { "playbook" }],
        },
    })
}

/// The text of one `## Heading` section of a rule's documentation, at most 1024 characters
/// (GitHub's limit for descriptions), cut at a sentence.
fn section(docs: &str, heading: &str) -> Option<String> {
    let start = docs.find(&format!("## {heading}\n"))? + heading.len() + 4;
    let body = docs[start..].split("\n## ").next()?.trim();
    if body.chars().count() <= 1024 {
        return Some(body.to_owned());
    }
    let cut: String = body.chars().take(1024).collect();
    let end = cut.rfind(". ").map_or(cut.len(), |i| i + 1);
    Some(cut[..end].to_owned())
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect::<String>() + ".")
        .unwrap_or_default()
}

fn result(diagnostic: &Diagnostic, sources: &Sources, root: Option<&std::path::Path>) -> Value {
    let uri = |span: crate::base::span::Span| {
        let file = sources.get(span.file);
        relative_uri(&file.path, &file.name, root)
    };
    let region = |span: crate::base::span::Span| {
        let at = Located::span(span, sources);
        json!({
            "startLine": at.line,
            "startColumn": at.column,
            "endLine": at.end_line,
            "endColumn": at.end_column,
        })
    };
    let artifact = |span| json!({ "uri": uri(span), "uriBaseId": "%SRCROOT%" });
    let location = |span| {
        json!({
            "physicalLocation": { "artifactLocation": artifact(span), "region": region(span) }
        })
    };
    let mut text = diagnostic.message.clone();
    if let Some(help) = &diagnostic.help {
        text.push_str("\nhelp: ");
        text.push_str(help);
    }
    let mut result = json!({
        "ruleId": diagnostic.rule.name,
        "ruleIndex": RULES.iter().position(|rule| rule.name == diagnostic.rule.name).unwrap_or(0),
        "level": level(diagnostic.severity),
        "message": { "text": text },
        "locations": [location(diagnostic.span)],
        "partialFingerprints": {
            "smarketing/v1": fingerprint(diagnostic, &uri(diagnostic.span), sources),
        },
    });
    // The safe fix, as the edits `check --fix` would make.
    if let Some((title, edits)) = crate::fix::fix_edits(diagnostic, sources) {
        let replacements: Vec<Value> = edits
            .iter()
            .map(|edit| {
                json!({
                    "deletedRegion": region(edit.span),
                    "insertedContent": { "text": edit.text },
                })
            })
            .collect();
        result["fixes"] = json!([{
            "description": { "text": title },
            "artifactChanges": [{
                "artifactLocation": artifact(diagnostic.span),
                "replacements": replacements,
            }],
        }]);
    }
    if !diagnostic.related.is_empty() {
        result["relatedLocations"] = diagnostic
            .related
            .iter()
            .enumerate()
            .map(|(index, label)| {
                let mut related = location(label.span);
                related["id"] = json!(index + 1);
                related["message"] = json!({ "text": label.message });
                related
            })
            .collect();
    }
    result
}

//! `--format json`: the machine-readable report whose shape the product contract fixes.
//!
//! `{"version": 1, "diagnostics": [...], "summary": {"files", "errors", "warnings"}}`, lines and
//! columns 1-based, columns counted in characters.

use super::{Located, Summary};
use crate::base::source::Sources;
use crate::diagnostic::Diagnostic;
use serde::Serialize;

#[derive(Serialize)]
struct Report<'a> {
    version: u32,
    diagnostics: Vec<Entry<'a>>,
    summary: Summary,
}

#[derive(Serialize)]
struct Entry<'a> {
    rule: &'a str,
    severity: &'a str,
    message: &'a str,
    file: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    help: Option<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related: Vec<Related<'a>>,
}

#[derive(Serialize)]
struct Related<'a> {
    message: &'a str,
    file: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
}

pub fn render(diagnostics: &[Diagnostic], sources: &Sources, summary: Summary) -> String {
    let entries = diagnostics
        .iter()
        .map(|diagnostic| {
            let at = Located::of(diagnostic, sources);
            Entry {
                rule: diagnostic.rule.name,
                severity: diagnostic.severity.as_str(),
                message: &diagnostic.message,
                file: at.file,
                line: at.line,
                column: at.column,
                end_line: at.end_line,
                end_column: at.end_column,
                help: diagnostic.help.as_deref(),
                related: diagnostic
                    .related
                    .iter()
                    .map(|label| {
                        let at = Located::span(label.span, sources);
                        Related {
                            message: &label.message,
                            file: at.file,
                            line: at.line,
                            column: at.column,
                            end_line: at.end_line,
                            end_column: at.end_column,
                        }
                    })
                    .collect(),
            }
        })
        .collect();
    let report = Report {
        version: 1,
        diagnostics: entries,
        summary,
    };
    let mut text = serde_json::to_string_pretty(&report).unwrap_or_default();
    text.push('\n');
    text
}

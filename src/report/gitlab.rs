//! `--format gitlab`: GitLab Code Quality JSON, so that merge requests show the findings.

use super::Located;
use super::location::{fingerprint, relative_uri, repository_root};
use crate::base::source::Sources;
use crate::diagnostic::{Diagnostic, Severity};
use serde::Serialize;

#[derive(Serialize)]
struct Issue<'a> {
    description: String,
    check_name: &'a str,
    fingerprint: String,
    severity: &'static str,
    location: Location,
}

#[derive(Serialize)]
struct Location {
    path: String,
    lines: Lines,
}

#[derive(Serialize)]
struct Lines {
    begin: usize,
    end: usize,
}

pub fn render(diagnostics: &[Diagnostic], sources: &Sources) -> String {
    let root = repository_root();
    let issues: Vec<Issue<'_>> = diagnostics
        .iter()
        .map(|diagnostic| {
            let file = sources.get(diagnostic.span.file);
            let path = relative_uri(&file.path, &file.name, root.as_deref());
            let at = Located::of(diagnostic, sources);
            Issue {
                description: format!("[{}] {}", diagnostic.rule.name, diagnostic.message),
                check_name: diagnostic.rule.name,
                fingerprint: fingerprint(diagnostic, &path, sources),
                severity: match diagnostic.severity {
                    Severity::Error => "major",
                    Severity::Warning => "minor",
                    Severity::Info => "info",
                },
                location: Location {
                    path,
                    lines: Lines {
                        begin: at.line,
                        end: at.end_line,
                    },
                },
            }
        })
        .collect();
    let mut text = serde_json::to_string_pretty(&issues).unwrap_or_default();
    text.push('\n');
    text
}

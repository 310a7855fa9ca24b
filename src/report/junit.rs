//! `--format junit`: a JUnit XML report for CI systems that show test results (GitLab, Jenkins,
//! Azure DevOps). Each checked file is a test suite with one test case per rule; a rule's
//! error-level findings (and warnings under `--deny-warnings`) make its case fail.

use super::Located;
use crate::base::source::Sources;
use crate::base::text::xml_escape as xml;
use crate::diagnostic::{Diagnostic, Severity};
use crate::lint::registry::RULES;
use std::fmt::Write;

pub fn render(
    diagnostics: &[Diagnostic],
    sources: &Sources,
    files: &[String],
    deny_warnings: bool,
) -> String {
    let failing = |d: &Diagnostic| {
        d.severity == Severity::Error || (deny_warnings && d.severity == Severity::Warning)
    };
    let mut suites = String::new();
    let (mut total_tests, mut total_failures) = (0, 0);
    for file in files {
        let in_file: Vec<&Diagnostic> = diagnostics
            .iter()
            .filter(|d| sources.get(d.span.file).name == *file)
            .collect();
        let mut cases = String::new();
        let mut failures = 0;
        for rule in RULES {
            let findings: Vec<&&Diagnostic> = in_file
                .iter()
                .filter(|d| d.rule.name == rule.name)
                .collect();
            let _ = write!(
                cases,
                "    <testcase name=\"{}\" classname=\"{}\"",
                xml(rule.name),
                xml(file)
            );
            if findings.is_empty() {
                cases.push_str("/>\n");
                continue;
            }
            cases.push_str(">\n");
            let lines: Vec<String> = findings
                .iter()
                .map(|d| {
                    let at = Located::of(d, sources);
                    format!(
                        "{}:{}:{}: {}: {}",
                        at.file, at.line, at.column, d.severity, d.message
                    )
                })
                .collect();
            if findings.iter().any(|d| failing(d)) {
                failures += 1;
                let first = findings
                    .iter()
                    .find(|d| failing(d))
                    .map_or("", |d| d.message.as_str());
                let _ = writeln!(
                    cases,
                    "      <failure message=\"{}\" type=\"{}\">{}</failure>",
                    xml(first),
                    xml(rule.name),
                    xml(&lines.join("\n"))
                );
            } else {
                let _ = writeln!(
                    cases,
                    "      <system-out>{}</system-out>",
                    xml(&lines.join("\n"))
                );
            }
            cases.push_str("    </testcase>\n");
        }
        total_tests += RULES.len();
        total_failures += failures;
        let _ = write!(
            suites,
            "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{failures}\" errors=\"0\">\n{cases}  </testsuite>\n",
            xml(file),
            RULES.len()
        );
    }
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"smarketing\" tests=\"{total_tests}\" failures=\"{total_failures}\" errors=\"0\">\n{suites}</testsuites>\n"
    )
}

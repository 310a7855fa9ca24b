//! Every rule has fixtures: `fail*.yaml` must fire it (the findings are snapshotted, as JSON and
//! as rendered text), `pass*.yaml` must not. Rules that compare the playbooks of a workspace
//! have folders instead (`fail*/`, `pass*/`, each with its `smarketing.toml`), checked whole.

use crate::support::root;
use smarketing::check::{CheckOptions, check_paths};
use smarketing::diagnostic::Diagnostic;
use smarketing::lint::registry::RULES;
use smarketing::report::{Summary, human, json};
use std::path::PathBuf;

fn fixture_dir(rule: &str) -> PathBuf {
    root().join("tests/fixtures/rules").join(rule)
}

fn fixtures(rule: &str, prefix: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(fixture_dir(rule))
        .unwrap_or_else(|error| panic!("fixtures of `{rule}`: {error}"))
        .map(|entry| entry.unwrap().path())
        .filter(|path| {
            let name = path.file_name().unwrap().to_string_lossy();
            name.starts_with(prefix) && (name.ends_with(".yaml") || path.is_dir())
        })
        .collect();
    files.sort();
    files
}

/// The findings of `rule` in one fixture, checked as `check` would (relative path, default
/// options), and the sources to render them with.
fn findings(
    rule: &str,
    path: &std::path::Path,
) -> (Vec<Diagnostic>, smarketing::base::source::Sources) {
    let relative = path.strip_prefix(root()).unwrap().to_path_buf();
    let report = check_paths(&[relative], &CheckOptions::default());
    assert!(report.failures.is_empty(), "{:?}", report.failures);
    let hits = report
        .diagnostics
        .into_iter()
        .filter(|d| d.rule.name == rule)
        .collect();
    (hits, report.sources)
}

#[test]
fn every_rule_has_fixtures_that_fail_and_pass() {
    for rule in RULES {
        assert!(
            !fixtures(rule.name, "fail").is_empty(),
            "`{}` has no fail fixture",
            rule.name
        );
        assert!(
            !fixtures(rule.name, "pass").is_empty(),
            "`{}` has no pass fixture",
            rule.name
        );
    }
}

#[test]
fn fail_fixtures_fire_their_rule() {
    for rule in RULES {
        for path in fixtures(rule.name, "fail") {
            let (hits, sources) = findings(rule.name, &path);
            let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
            assert!(
                !hits.is_empty(),
                "{} does not fire `{}`",
                path.display(),
                rule.name
            );
            let rendered = format!(
                "{}\n{}",
                json::render(&hits, &sources, Summary::of(&hits, 1)),
                human::render(
                    &hits,
                    &sources,
                    human::Style {
                        color: false,
                        width: 100
                    }
                )
            );
            insta::assert_snapshot!(format!("{}-{stem}", rule.name), rendered);
        }
    }
}

#[test]
fn pass_fixtures_do_not_fire_their_rule() {
    for rule in RULES {
        for path in fixtures(rule.name, "pass") {
            let (hits, _) = findings(rule.name, &path);
            assert!(
                hits.is_empty(),
                "{} fires `{}`: {:#?}",
                path.display(),
                rule.name,
                hits
            );
        }
    }
}

#[test]
fn every_rule_is_documented() {
    for rule in RULES {
        for section in [
            "## What it checks",
            "## Why it matters",
            "## Example",
            "## Fixed",
        ] {
            assert!(
                rule.docs.contains(section),
                "`{}` docs lack `{section}`",
                rule.name
            );
        }
        assert!(
            !rule.summary.ends_with('.'),
            "`{}` summary ends with a period",
            rule.name
        );
    }
}

#[test]
fn rules_reference_is_current() {
    let path = root().join("docs/rules.md");
    let generated = smarketing::cli::explain::reference();
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::write(&path, &generated).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "docs/rules.md is stale: run `scripts/regenerate.sh` and review the diff"
    );
}

//! The bundled example playbooks: clean, and their compiled model and graph as reviewed
//! snapshots.

use crate::support::{root, smarketing, stdout};
use smarketing::check::{CheckOptions, check_paths};

#[test]
fn examples_have_no_findings_at_all() {
    let report = check_paths(&[root().join("playbooks")], &CheckOptions::default());
    assert!(report.diagnostics.is_empty(), "{:#?}", report.diagnostics);
    assert!(report.files.len() >= 6, "{:?}", report.files);
}

#[test]
fn examples_point_editors_at_the_schema() {
    for entry in walk(&root().join("playbooks")) {
        let text = std::fs::read_to_string(&entry).unwrap();
        let depth = entry.strip_prefix(root()).unwrap().components().count() - 1;
        let expected = format!(
            "# yaml-language-server: $schema={}schemas/playbook.schema.json",
            "../".repeat(depth)
        );
        assert_eq!(
            text.lines().next(),
            Some(expected.as_str()),
            "{}",
            entry.display()
        );
    }
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(walk(&path));
        } else if path.extension().is_some_and(|e| e == "yaml") {
            files.push(path);
        }
    }
    files.sort();
    files
}

#[test]
fn hotel_compiled_model() {
    insta::assert_snapshot!(stdout(&smarketing(&[
        "compile",
        "playbooks/hotel-seeblick/playbook.yaml"
    ])));
}

#[test]
fn agency_graph_as_mermaid() {
    insta::assert_snapshot!(stdout(&smarketing(&[
        "graph",
        "playbooks/agency.yaml",
        "--format",
        "mermaid"
    ])));
}

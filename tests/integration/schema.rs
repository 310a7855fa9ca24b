//! The committed JSON Schema is current, and an independent validator agrees with it.

use crate::support::{root, shared};
use std::process::Command;

#[test]
fn committed_schema_is_current() {
    let path = root().join("schemas/playbook.schema.json");
    let generated = smarketing::lint::schema::playbook_schema_json();
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::write(&path, &generated).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "schemas/playbook.schema.json is stale: run `scripts/regenerate.sh` and review the diff"
    );
}

fn example_files() -> Vec<String> {
    let mut files = Vec::new();
    for dir in ["playbooks", "playbooks/hotel-seeblick"] {
        for entry in std::fs::read_dir(root().join(dir)).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "yaml") {
                files.push(path.to_string_lossy().into_owned());
            }
        }
    }
    files.sort();
    files
}

#[test]
fn an_independent_validator_accepts_the_examples_and_rejects_typos() {
    let Some(shared) = shared() else { return };
    let run = shared.join("conformance").join("run");
    let schema = root().join("schemas/playbook.schema.json");
    let accepted = Command::new(&run)
        .arg("jsonschema")
        .arg(&schema)
        .args(example_files())
        .output()
        .unwrap();
    assert!(
        accepted.status.success(),
        "{}",
        String::from_utf8_lossy(&accepted.stdout)
    );

    let dir = tempfile::tempdir().unwrap();
    let typo = dir.path().join("typo.yaml");
    let text = std::fs::read_to_string(root().join("playbooks/agency.yaml")).unwrap();
    std::fs::write(&typo, text.replacen("accountable:", "acountable:", 1)).unwrap();
    let rejected = Command::new(&run)
        .arg("jsonschema-reject")
        .arg(&schema)
        .arg(&typo)
        .output()
        .unwrap();
    assert!(
        rejected.status.success(),
        "{}",
        String::from_utf8_lossy(&rejected.stdout)
    );
}

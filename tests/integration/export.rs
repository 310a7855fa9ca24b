//! `smarketing export`: the files for the examples (reviewed snapshots), the vendors' own
//! validators, refusals and `--check`.

use crate::support::{code, root, shared, smarketing, smarketing_in, stderr, stdout};
use std::path::Path;
use std::process::Command;

const EXAMPLES: [&str; 3] = [
    "playbooks/hotel-seeblick/playbook.yaml",
    "playbooks/b2b-saas.yaml",
    "playbooks/agency.yaml",
];

/// Every field type, option labels and `required`, so that each reaches the vendors' validators.
const EVERY_FIELD_TYPE: &str = "tests/fixtures/export/every-field-type.yaml";

fn export_to(dir: &Path, playbook: &str, target: &str) {
    let output = smarketing(&[
        "export",
        playbook,
        "--target",
        target,
        "--out",
        &dir.to_string_lossy(),
    ]);
    assert_eq!(
        code(&output),
        0,
        "{playbook} → {target}: {}",
        stderr(&output)
    );
}

fn files(dir: &Path) -> Vec<String> {
    fn walk(dir: &Path, base: &Path, found: &mut Vec<String>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, base, found);
            } else {
                found.push(
                    path.strip_prefix(base)
                        .unwrap()
                        .to_string_lossy()
                        .into_owned(),
                );
            }
        }
    }
    let mut found = Vec::new();
    walk(dir, dir, &mut found);
    // The manifest of generated files is bookkeeping, not part of the export.
    found.retain(|name| name != ".smarketing-files");
    found.sort();
    found
}

#[test]
fn every_file_of_every_example() {
    for (name, playbook) in [
        ("hotel", EXAMPLES[0]),
        ("b2b", EXAMPLES[1]),
        ("agency", EXAMPLES[2]),
        ("every-field-type", EVERY_FIELD_TYPE),
    ] {
        for target in ["hubspot", "salesforce", "csv"] {
            let dir = tempfile::tempdir().unwrap();
            export_to(dir.path(), playbook, target);
            for file in files(dir.path()) {
                let text = std::fs::read_to_string(dir.path().join(&file)).unwrap();
                insta::assert_snapshot!(
                    format!("{name}-{target}-{}", file.replace('/', "-")),
                    text
                );
            }
        }
    }
}

#[test]
fn hubspot_carries_pipelines_with_probabilities_and_enums_with_all_options() {
    let dir = tempfile::tempdir().unwrap();
    export_to(dir.path(), "playbooks/b2b-saas.yaml", "hubspot");
    let model: serde_json::Value = serde_json::from_str(&stdout(&smarketing(&[
        "compile",
        "playbooks/b2b-saas.yaml",
    ])))
    .unwrap();
    let bodies: Vec<serde_json::Value> = files(dir.path())
        .iter()
        .filter(|f| f.ends_with(".json"))
        .map(|f| {
            serde_json::from_str(&std::fs::read_to_string(dir.path().join(f)).unwrap()).unwrap()
        })
        .collect();
    for pipeline in model["pipelines"].as_array().unwrap() {
        let body = bodies
            .iter()
            .find(|b| b["label"] == pipeline["title"] && b["stages"].is_array())
            .unwrap_or_else(|| panic!("pipeline {} is exported", pipeline["id"]));
        let stages = body["stages"].as_array().unwrap();
        assert_eq!(stages.len(), pipeline["stages"].as_array().unwrap().len());
        for (stage, exported) in pipeline["stages"].as_array().unwrap().iter().zip(stages) {
            if let Some(p) = stage["probability"].as_f64() {
                assert_eq!(
                    exported["metadata"]["probability"]
                        .as_str()
                        .unwrap()
                        .parse::<f64>()
                        .unwrap(),
                    p
                );
            }
        }
    }
    let properties: Vec<&serde_json::Value> = bodies
        .iter()
        .filter_map(|b| b["inputs"].as_array())
        .flatten()
        .collect();
    for field in model["fields"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["type"] == "enum")
    {
        let Some(property) = properties.iter().find(|p| p["name"] == field["id"]) else {
            continue;
        };
        let values: Vec<&str> = property["options"]
            .as_array()
            .unwrap()
            .iter()
            .map(|o| o["value"].as_str().unwrap())
            .collect();
        let options: Vec<&str> = field["options"]
            .as_array()
            .unwrap()
            .iter()
            .map(|o| o.as_str().unwrap())
            .collect();
        assert_eq!(values, options);
    }
}

#[test]
fn exports_pass_the_vendors_validators() {
    let Some(shared) = shared() else { return };
    for playbook in EXAMPLES.into_iter().chain([EVERY_FIELD_TYPE]) {
        for target in ["hubspot", "salesforce"] {
            let dir = tempfile::tempdir().unwrap();
            export_to(dir.path(), playbook, target);
            let validated = Command::new(shared.join("conformance/run"))
                .arg(target)
                .arg(dir.path())
                .output()
                .unwrap();
            assert!(
                validated.status.success(),
                "{playbook} → {target}:\n{}",
                String::from_utf8_lossy(&validated.stdout)
            );
        }
    }
}

#[test]
fn csv_export_writes_its_three_files() {
    let dir = tempfile::tempdir().unwrap();
    export_to(dir.path(), "playbooks/b2b-saas.yaml", "csv");
    assert_eq!(
        files(dir.path()),
        ["fields.csv", "lifecycle_stages.csv", "pipeline_stages.csv"]
    );
}

#[test]
fn a_65_character_label_is_refused_for_salesforce_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let label = "Preferred arrival time window for the welcome drink at the lakes!";
    assert_eq!(label.len(), 65);
    let text = std::fs::read_to_string(root().join("playbooks/agency.yaml")).unwrap();
    let first_label = text
        .lines()
        // A field that becomes a custom field (`email` uses the standard one).
        .find(|l| l.contains("label:") && l.contains("lead_score"))
        .expect("a field label")
        .to_owned();
    let start = first_label.find("label:").unwrap() + "label:".len();
    let rest = &first_label[start..];
    let end = rest.find([',', '}']).unwrap_or(rest.len());
    let changed = format!(
        "{}label: {label}{}",
        &first_label[..start - "label:".len()],
        &rest[end..]
    );
    std::fs::write(
        dir.path().join("p.yaml"),
        text.replacen(&first_label, &changed, 1),
    )
    .unwrap();
    let output = smarketing_in(
        dir.path(),
        &["export", "p.yaml", "--target", "salesforce", "--out", "out"],
    );
    assert_eq!(code(&output), 1, "{}", stderr(&output));
    assert!(stderr(&output).contains("65"), "{}", stderr(&output));
    assert!(stderr(&output).contains("40"), "{}", stderr(&output));
    assert!(!dir.path().join("out").exists(), "no partial output");
}

#[test]
fn hubspot_refuses_an_unknown_lifecycle_value_with_a_suggestion() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(root().join("playbooks/b2b-saas.yaml")).unwrap();
    assert!(text.contains("marketingqualifiedlead"));
    std::fs::write(
        dir.path().join("p.yaml"),
        text.replacen("marketingqualifiedlead", "marketingqualifiedleed", 1),
    )
    .unwrap();
    let output = smarketing_in(
        dir.path(),
        &["export", "p.yaml", "--target", "hubspot", "--out", "out"],
    );
    assert_eq!(code(&output), 1);
    assert!(
        stderr(&output).contains("did you mean `marketingqualifiedlead`?"),
        "{}",
        stderr(&output)
    );
    assert!(!dir.path().join("out").exists());
}

#[test]
fn export_check_compares_without_writing() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("crm");
    let out_text = out.to_string_lossy().into_owned();
    let check = |expected: i32| {
        let output = smarketing(&[
            "export",
            "playbooks/agency.yaml",
            "--target",
            "hubspot",
            "--out",
            &out_text,
            "--check",
        ]);
        assert_eq!(
            code(&output),
            expected,
            "{}{}",
            stdout(&output),
            stderr(&output)
        );
        stdout(&output)
    };
    assert!(check(1).contains("missing:"));
    assert!(!out.exists());
    export_to(&out, "playbooks/agency.yaml", "hubspot");
    check(0);
    let first = files(&out)
        .into_iter()
        .find(|f| f.ends_with(".json"))
        .unwrap();
    std::fs::write(out.join(&first), "{}").unwrap();
    assert!(check(1).contains("stale:"));
}

#[test]
fn salesforce_prune_leaves_salesforces_own_values_out() {
    let Some(shared) = shared() else { return };
    for (prune, kept) in [(false, true), (true, false)] {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().to_string_lossy().into_owned();
        let mut args = vec![
            "export",
            EXAMPLES[1],
            "--target",
            "salesforce",
            "--out",
            &out,
        ];
        if prune {
            args.push("--prune");
        }
        let output = smarketing(&args);
        assert_eq!(code(&output), 0, "{}", stderr(&output));
        let stages = std::fs::read_to_string(dir.path().join(
            "force-app/main/default/standardValueSets/OpportunityStage.standardValueSet-meta.xml",
        ))
        .unwrap();
        assert_eq!(stages.contains("<fullName>Prospecting</fullName>"), kept);
        let validated = Command::new(shared.join("conformance/run"))
            .arg("salesforce")
            .arg(dir.path())
            .output()
            .unwrap();
        assert!(
            validated.status.success(),
            "{}",
            String::from_utf8_lossy(&validated.stdout)
        );
    }
}

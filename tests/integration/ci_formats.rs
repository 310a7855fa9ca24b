//! The CI formats (SARIF, GitHub annotations, JUnit, GitLab Code Quality) and `diff`.

use crate::support::{code, root, shared, smarketing, smarketing_in, stderr, stdout};
use std::process::Command;

const MANY_DEFECTS: &str = "tests/fixtures/rules";
const CYCLE: &str = "tests/fixtures/rules/dependency-cycle/fail.yaml";

#[test]
fn sarif_describes_every_rule_and_finding() {
    let output = smarketing(&["check", MANY_DEFECTS, "--format", "sarif"]);
    assert_eq!(code(&output), 1);
    assert!(stderr(&output).is_empty(), "{}", stderr(&output));
    let sarif: serde_json::Value = serde_json::from_str(&stdout(&output)).expect("valid JSON");
    assert_eq!(sarif["version"], "2.1.0");
    let run = &sarif["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    assert_eq!(rules.len(), smarketing::lint::registry::RULES.len());
    let json: serde_json::Value = serde_json::from_str(&stdout(&smarketing(&[
        "check",
        MANY_DEFECTS,
        "--format",
        "json",
    ])))
    .unwrap();
    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), json["diagnostics"].as_array().unwrap().len());
    let first = &results[0];
    let uri = first["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        .as_str()
        .unwrap();
    assert!(uri.starts_with("tests/fixtures/rules/"), "{uri}");
    assert!(
        first["partialFingerprints"]["smarketing/v1"]
            .as_str()
            .is_some_and(|f| f.len() == 16)
    );
}

#[test]
fn sarif_passes_the_conformance_validator() {
    let Some(shared) = shared() else { return };
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("out.sarif");
    std::fs::write(
        &file,
        stdout(&smarketing(&["check", MANY_DEFECTS, "--format", "sarif"])),
    )
    .unwrap();
    let validated = Command::new(shared.join("conformance/run"))
        .arg("sarif")
        .arg(&file)
        .output()
        .unwrap();
    assert!(
        validated.status.success(),
        "{}",
        String::from_utf8_lossy(&validated.stdout)
    );
}

#[test]
fn sarif_fingerprints_survive_moved_lines() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(root().join(CYCLE)).unwrap();
    std::fs::write(dir.path().join("p.yaml"), &text).unwrap();
    let fingerprints = |dir: &std::path::Path| {
        let sarif: serde_json::Value = serde_json::from_str(&stdout(&smarketing_in(
            dir,
            &["check", "p.yaml", "--format", "sarif"],
        )))
        .unwrap();
        sarif["runs"][0]["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                (
                    r["ruleId"].as_str().unwrap().to_owned(),
                    r["partialFingerprints"]["smarketing/v1"]
                        .as_str()
                        .unwrap()
                        .to_owned(),
                )
            })
            .collect::<Vec<_>>()
    };
    let before = fingerprints(dir.path());
    std::fs::write(
        dir.path().join("p.yaml"),
        text.replacen("tasks:\n", "# a comment\n\ntasks:\n", 1),
    )
    .unwrap();
    assert_eq!(before, fingerprints(dir.path()));
}

#[test]
fn github_annotations() {
    let output = smarketing(&["check", CYCLE, "--format", "github"]);
    assert_eq!(code(&output), 1);
    insta::assert_snapshot!(stdout(&output));
}

#[test]
fn github_is_the_default_inside_github_actions() {
    let output = Command::new(env!("CARGO_BIN_EXE_smarketing"))
        .args(["check", CYCLE])
        .current_dir(root())
        .env("GITHUB_ACTIONS", "true")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(
        text.lines().any(|l| l.starts_with(
            "::error file=tests/fixtures/rules/dependency-cycle/fail.yaml,line=6,col=107,"
        )),
        "{text}"
    );
    assert!(text.lines().any(|l| l.starts_with("::warning ")), "{text}");
}

#[test]
fn junit_report() {
    let output = smarketing(&[
        "check",
        "tests/fixtures/rules/task-without-responsible/fail.yaml",
        "tests/fixtures/rules/unowned-task/fail.yaml",
        "--format",
        "junit",
    ]);
    assert_eq!(code(&output), 1);
    let xml = stdout(&output);
    assert!(xml.contains("<testcase name=\"unowned-task\" classname=\"tests/fixtures/rules/unowned-task/fail.yaml\">\n      <failure"), "{xml}");
    insta::assert_snapshot!(xml);
}

#[test]
fn junit_parses_as_xml() {
    let xml = stdout(&smarketing(&["check", MANY_DEFECTS, "--format", "junit"]));
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("junit.xml");
    std::fs::write(&file, xml).unwrap();
    let parsed = Command::new("python3")
        .args(["-c", "import sys, xml.dom.minidom as m; d = m.parse(sys.argv[1]); print(len(d.getElementsByTagName('testcase')))"])
        .arg(&file)
        .output();
    let Ok(parsed) = parsed else {
        eprintln!(
            "note: python3 is absent, so the JUnit XML is not parsed by an independent parser"
        );
        return;
    };
    assert!(
        parsed.status.success(),
        "{}",
        String::from_utf8_lossy(&parsed.stderr)
    );
    let cases: usize = String::from_utf8_lossy(&parsed.stdout)
        .trim()
        .parse()
        .unwrap();
    assert!(cases > smarketing::lint::registry::RULES.len());
}

#[test]
fn gitlab_code_quality() {
    let output = smarketing(&["check", CYCLE, "--format", "gitlab"]);
    insta::assert_snapshot!(stdout(&output));
}

#[test]
fn diff_names_moved_accountability_changed_target_new_task_and_its_finding() {
    let output = smarketing(&[
        "diff",
        "tests/fixtures/diff/old.yaml",
        "tests/fixtures/diff/new.yaml",
    ]);
    assert_eq!(code(&output), 1, "the change introduces an error");
    let markdown = stdout(&output);
    assert!(
        markdown.contains("  - `accountable`: `lena` → `marcus`"),
        "{markdown}"
    );
    assert!(
        markdown.contains("  - `target`: `>= 3` → `>= 4`"),
        "{markdown}"
    );
    assert!(markdown.contains("- task `train-waiters`"), "{markdown}");
    assert!(
        markdown.contains("`unowned-task`: task `train-waiters` has no accountable party"),
        "{markdown}"
    );
    insta::assert_snapshot!(markdown);
}

#[test]
fn diff_as_json() {
    let output = smarketing(&[
        "diff",
        "tests/fixtures/diff/old.yaml",
        "tests/fixtures/diff/new.yaml",
        "--format",
        "json",
    ]);
    let report: serde_json::Value = serde_json::from_str(&stdout(&output)).expect("valid JSON");
    let changes = report["changes"].as_array().unwrap();
    assert!(
        changes
            .iter()
            .any(|c| c["kind"] == "added" && c["id"] == "train-waiters")
    );
    assert!(
        report["introduced"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["rule"] == "unowned-task")
    );
    insta::assert_snapshot!(stdout(&output));
}

#[test]
fn diff_of_a_fix_reports_the_fixed_finding_and_succeeds() {
    let output = smarketing(&[
        "diff",
        "tests/fixtures/diff/new.yaml",
        "tests/fixtures/diff/old.yaml",
    ]);
    assert_eq!(code(&output), 0);
    let markdown = stdout(&output);
    assert!(
        markdown.contains("### Findings this change fixes"),
        "{markdown}"
    );
    assert!(markdown.contains("- task `train-waiters`"), "{markdown}");
}

#[test]
fn diff_against_a_git_revision() {
    let dir = tempfile::tempdir().unwrap();
    let git = |args: &[&str]| {
        let status = Command::new("git")
            .args(["-c", "user.name=Test", "-c", "user.email=test@example.com"])
            .args(args)
            .current_dir(dir.path())
            .output()
            .unwrap();
        assert!(
            status.status.success(),
            "git {args:?}: {}",
            String::from_utf8_lossy(&status.stderr)
        );
    };
    git(&["init", "-q"]);
    std::fs::create_dir(dir.path().join("pb")).unwrap();
    std::fs::copy(
        root().join("tests/fixtures/diff/old.yaml"),
        dir.path().join("pb/playbook.yaml"),
    )
    .unwrap();
    git(&["add", "."]);
    git(&["commit", "-q", "-m", "old"]);
    std::fs::copy(
        root().join("tests/fixtures/diff/new.yaml"),
        dir.path().join("pb/playbook.yaml"),
    )
    .unwrap();
    let output = smarketing_in(dir.path(), &["diff", "--base", "HEAD", "pb/playbook.yaml"]);
    assert_eq!(code(&output), 1, "{}", stderr(&output));
    assert!(
        stdout(&output).contains("`accountable`: `lena` → `marcus`"),
        "{}",
        stdout(&output)
    );
    let missing = smarketing_in(
        dir.path(),
        &["diff", "--base", "no-such-branch", "pb/playbook.yaml"],
    );
    assert_eq!(code(&missing), 2);
    assert!(
        stderr(&missing).contains("no-such-branch"),
        "{}",
        stderr(&missing)
    );
    // A playbook the change adds: everything in it is new.
    std::fs::create_dir(dir.path().join("new")).unwrap();
    std::fs::copy(
        root().join("tests/fixtures/diff/new.yaml"),
        dir.path().join("new/playbook.yaml"),
    )
    .unwrap();
    let added = smarketing_in(dir.path(), &["diff", "--base", "HEAD", "new/playbook.yaml"]);
    assert_eq!(code(&added), 1, "{}", stderr(&added));
    assert!(
        stdout(&added).contains("- task `train-waiters`"),
        "{}",
        stdout(&added)
    );
}

#[test]
fn diff_needs_two_files_or_a_base() {
    let output = smarketing(&["diff", "tests/fixtures/diff/old.yaml"]);
    assert_eq!(code(&output), 2);
    assert!(stderr(&output).contains("--base"), "{}", stderr(&output));
}

#[test]
fn the_pre_commit_hook_and_the_action_exist() {
    let hooks = std::fs::read_to_string(root().join(".pre-commit-hooks.yaml")).unwrap();
    assert!(hooks.contains("- id: smarketing-check") && hooks.contains("entry: smarketing check"));
    let action = std::fs::read_to_string(root().join("action.yml")).unwrap();
    assert!(
        action.contains("using: composite")
            && action.contains("cargo install --locked")
            && action.contains("upload-sarif")
    );
    let docs = std::fs::read_to_string(root().join("docs/ci.md")).unwrap();
    assert!(docs.contains("## GitHub Actions") && docs.contains("## GitLab CI"));
}

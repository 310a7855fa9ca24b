//! Baselines on the real binary: today's findings recorded, a re-check clean, lines moved still
//! clean, a new defect reported alone, and a fixed one named so the file can shrink.

use crate::support::{code, smarketing_in, stderr, stdout};
use std::path::Path;

/// A playbook with five findings a team might accept for now: two tasks without anyone
/// responsible (one of them also without an accountable party), a team in no meeting, no shared
/// goal.
const OLD: &str = "version: 1
playbook: old
teams:
  sales: { name: Sales, lead: sam }
people:
  sam: { name: Sam Berger, team: sales }
contacts:
  pricing: sam
tasks:
  quote:
    title: Send the quote
    accountable: sam
  follow-up:
    title: Follow up
";

fn write(dir: &Path, text: &str) {
    std::fs::write(dir.join("p.yaml"), text).unwrap();
}

fn concise(dir: &Path, extra: &[&str]) -> (i32, String, String) {
    let mut args = vec!["check", "p.yaml", "--format", "concise"];
    args.extend_from_slice(extra);
    let output = smarketing_in(dir, &args);
    (code(&output), stdout(&output), stderr(&output))
}

#[test]
fn a_baseline_holds_todays_findings_wherever_their_lines_move() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), OLD);
    let (status, before, _) = concise(dir.path(), &[]);
    assert_eq!(status, 1, "{before}");
    assert_eq!(before.lines().count(), 5, "{before}");

    let (status, out, err) = concise(dir.path(), &["--write-baseline"]);
    assert_eq!((status, out.as_str()), (0, ""), "{err}");
    assert!(
        err.contains("wrote 5 findings to `smarketing-baseline.json`"),
        "{err}"
    );
    let written = std::fs::read_to_string(dir.path().join("smarketing-baseline.json")).unwrap();
    assert!(
        written.contains("\"entity\": \"tasks.follow-up\""),
        "{written}"
    );
    assert!(!written.contains("line"), "no line numbers: {written}");

    let (status, out, err) = concise(dir.path(), &[]);
    assert_eq!((status, out.as_str()), (0, ""), "{err}");
    assert!(err.contains("no problems (5 findings baselined)"), "{err}");

    // The tasks swap places and a comment pushes every line down: still held.
    let moved = OLD.replace(
        "tasks:\n  quote:\n    title: Send the quote\n    accountable: sam\n  follow-up:\n    title: Follow up\n",
        "# Our tasks\n\ntasks:\n  follow-up:\n    title: Follow up\n  quote:\n    title: Send the quote\n    accountable: sam\n",
    );
    write(dir.path(), &moved);
    let (status, out, err) = concise(dir.path(), &[]);
    assert_eq!((status, out.as_str()), (0, ""), "{err}");

    // A new defect is reported alone.
    write(
        dir.path(),
        &format!("{moved}  invoice:\n    title: Send the invoice\n    accountable: sam\n"),
    );
    let (status, out, err) = concise(dir.path(), &[]);
    assert_eq!(status, 0, "a warning alone does not fail: {out}{err}");
    assert_eq!(out.lines().count(), 1, "{out}");
    assert!(
        out.contains("warning[task-without-responsible] task `invoice`"),
        "{out}"
    );
    assert!(err.contains("(5 findings baselined)"), "{err}");

    // `--no-baseline` shows everything.
    let (status, out, _) = concise(dir.path(), &["--no-baseline"]);
    assert_eq!((status, out.lines().count()), (1, 6), "{out}");
}

#[test]
fn a_fixed_finding_is_named_so_the_baseline_can_shrink() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), OLD);
    concise(dir.path(), &["--write-baseline"]);
    write(
        dir.path(),
        &OLD.replace(
            "  follow-up:\n    title: Follow up\n",
            "  follow-up:\n    title: Follow up\n    accountable: sam\n",
        ),
    );
    let (status, out, err) = concise(dir.path(), &[]);
    assert_eq!((status, out.as_str()), (0, ""), "{err}");
    assert!(
        err.contains("note: 1 baselined `unowned-task` finding on `tasks.follow-up` in p.yaml is gone: `smarketing check --write-baseline` shrinks the baseline"),
        "{err}"
    );
    assert!(err.contains("(4 findings baselined)"), "{err}");
}

#[test]
fn a_named_baseline_and_a_playbook_path_after_the_flag() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), OLD);
    // A path after `--write-baseline` is a playbook, never the baseline's name.
    let output = smarketing_in(dir.path(), &["check", "--write-baseline", "p.yaml"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert!(dir.path().join("smarketing-baseline.json").is_file());
    assert!(
        !std::fs::read_to_string(dir.path().join("p.yaml"))
            .unwrap()
            .contains("version\": 1")
    );

    std::fs::create_dir(dir.path().join("ci")).unwrap();
    let (status, _, err) = concise(dir.path(), &["--write-baseline=ci/accepted.json"]);
    assert_eq!(status, 0, "{err}");
    let written = std::fs::read_to_string(dir.path().join("ci/accepted.json")).unwrap();
    assert!(written.contains("\"file\": \"../p.yaml\""), "{written}");
    std::fs::remove_file(dir.path().join("smarketing-baseline.json")).unwrap();
    let (status, out, _) = concise(dir.path(), &[]);
    assert_eq!(
        (status, out.lines().count()),
        (1, 5),
        "without the default file: {out}"
    );
    let (status, out, err) = concise(dir.path(), &["--baseline", "ci/accepted.json"]);
    assert_eq!((status, out.as_str()), (0, ""), "{err}");
}

#[test]
fn a_missing_or_damaged_baseline_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), OLD);
    let (status, _, err) = concise(dir.path(), &["--baseline", "nowhere.json"]);
    assert_eq!(status, 2, "{err}");
    assert!(
        err.contains("cannot read the baseline `nowhere.json`"),
        "{err}"
    );

    std::fs::write(
        dir.path().join("smarketing-baseline.json"),
        "{\"version\": 1,\n  \"findings\": [{\"file\": 3}]}",
    )
    .unwrap();
    let (status, _, err) = concise(dir.path(), &[]);
    assert_eq!(status, 2, "{err}");
    assert!(
        err.contains("the baseline `smarketing-baseline.json` cannot be read: line 2, column"),
        "{err}"
    );
}

#[test]
fn sarif_marks_results_as_new_against_a_baseline() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), OLD);
    concise(dir.path(), &["--write-baseline"]);
    write(
        dir.path(),
        &format!("{OLD}  invoice:\n    title: Send the invoice\n    accountable: sam\n"),
    );
    let output = smarketing_in(dir.path(), &["check", "p.yaml", "--format", "sarif"]);
    let log: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    let results = log["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), 1, "{log}");
    assert_eq!(results[0]["baselineState"], "new");
    let output = smarketing_in(
        dir.path(),
        &["check", "p.yaml", "--format", "sarif", "--no-baseline"],
    );
    let log: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    let results = log["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), 6);
    assert!(results[0].get("baselineState").is_none());
}

#[test]
fn json_says_how_many_were_baselined() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), OLD);
    concise(dir.path(), &["--write-baseline"]);
    let output = smarketing_in(dir.path(), &["check", "p.yaml", "--format", "json"]);
    let report: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(report["summary"]["baselined"], 5, "{report}");
    assert_eq!(report["diagnostics"].as_array().unwrap().len(), 0);
}

#[test]
fn a_workspace_names_its_baseline_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("smarketing.toml"),
        "[workspace]\nbaseline = \"accepted.json\"\n",
    )
    .unwrap();
    let house = dir.path().join("house");
    std::fs::create_dir(&house).unwrap();
    write(&house, OLD);
    let output = smarketing_in(&house, &["check", "p.yaml", "--write-baseline"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let written = std::fs::read_to_string(dir.path().join("accepted.json")).unwrap();
    assert!(written.contains("\"file\": \"house/p.yaml\""), "{written}");
    assert!(!house.join("smarketing-baseline.json").exists());
    // From the root, the same file holds the same findings.
    let output = smarketing_in(
        dir.path(),
        &["check", "house/p.yaml", "--format", "concise"],
    );
    assert_eq!(
        (code(&output), stdout(&output).as_str()),
        (0, ""),
        "{}",
        stderr(&output)
    );
    assert!(stderr(&output).contains("(5 findings baselined)"));
}

//! `check --fix` and `check --add-allow` on the real binary: exactly the fixed bytes change,
//! line endings and byte-order marks stay, a second run changes nothing, suppressions make the
//! next check clean, and files that must not be written are not.

use crate::support::{code, smarketing_in, stderr, stdout};
use std::path::Path;

/// A misspelled reference (after non-ASCII text), a misspelled key, a suppression naming one
/// used and one unused rule, an unused one standing alone, and a finding no fix repairs.
const PLAYBOOK: &str = "version: 1
playbook: fixes
include: [people.yaml]
lint:
  no-shared-goal: off
  no-contacts: off
tasks:
  # smarketing: allow(task-without-responsible, unowned-task)
  kickoff:
    title: Kick-off with Jürgen Müller
    accountable: tobia
  # smarketing: allow(unowned-task)
  review:
    titel: Quarterly review
    accountable: anna
    responsible: [anna]
  report:
    title: Report
    accountable: anna
";

/// [`PLAYBOOK`] as `check --fix` must leave it, written out by hand.
const FIXED: &str = "version: 1
playbook: fixes
include: [people.yaml]
lint:
  no-shared-goal: off
  no-contacts: off
tasks:
  # smarketing: allow(task-without-responsible)
  kickoff:
    title: Kick-off with Jürgen Müller
    accountable: tobias
  review:
    title: Quarterly review
    accountable: anna
    responsible: [anna]
  report:
    title: Report
    accountable: anna
";

/// An included file with CRLF line endings, a byte-order mark and a misspelled key.
const PEOPLE: &[u8] = b"\xef\xbb\xbfpeople:\r\n  tobias: { name: Tobias Kern }\r\n  anna:\r\n    name: Anna Berger\r\n    emial: anna@example.com\r\n";
const PEOPLE_FIXED: &[u8] = b"\xef\xbb\xbfpeople:\r\n  tobias: { name: Tobias Kern }\r\n  anna:\r\n    name: Anna Berger\r\n    email: anna@example.com\r\n";

/// A folder with [`PLAYBOOK`] and [`PEOPLE`].
fn playbook() -> tempfile::TempDir {
    let dir = alone(PLAYBOOK);
    std::fs::write(dir.path().join("people.yaml"), PEOPLE).unwrap();
    dir
}

/// A folder with `text` as its `playbook.yaml`.
fn alone(text: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("playbook.yaml"), text).unwrap();
    dir
}

/// The text of the folder's `playbook.yaml`.
fn playbook_text(dir: &Path) -> String {
    String::from_utf8(read(dir, "playbook.yaml")).unwrap()
}

fn check(dir: &Path, extra: &[&str]) -> (i32, String, String) {
    let mut args = vec!["check", "playbook.yaml", "--format", "concise"];
    args.extend_from_slice(extra);
    let output = smarketing_in(dir, &args);
    (code(&output), stdout(&output), stderr(&output))
}

fn read(dir: &Path, name: &str) -> Vec<u8> {
    std::fs::read(dir.join(name)).unwrap()
}

#[test]
fn fix_changes_exactly_the_fixed_bytes_and_reports_what_remains() {
    let dir = playbook();
    let (status, before, err) = check(dir.path(), &[]);
    assert_eq!(status, 1, "{before}");
    assert!(
        err.ends_with("note: 5 findings have a safe fix: `smarketing check --fix` applies them\n"),
        "{err}"
    );

    let (status, out, err) = check(dir.path(), &["--fix"]);
    assert_eq!(
        out,
        "playbook.yaml:16:3: warning[task-without-responsible] task `report` has no responsible party\n"
    );
    assert_eq!(status, 0, "only a warning remains: {err}");
    assert_eq!(playbook_text(dir.path()), FIXED);
    assert_eq!(read(dir.path(), "people.yaml"), PEOPLE_FIXED);
    insta::assert_snapshot!(err);

    let (status, again, err) = check(dir.path(), &["--fix"]);
    assert_eq!((status, again), (0, out));
    assert!(
        err.starts_with("fixed nothing: no finding has a safe fix\n"),
        "{err}"
    );
    assert_eq!(playbook_text(dir.path()), FIXED);
    assert_eq!(read(dir.path(), "people.yaml"), PEOPLE_FIXED);
}

#[test]
fn fix_exits_as_check_would_on_what_remains() {
    let dir = playbook();
    let (status, out, err) = check(dir.path(), &["--fix", "--deny-warnings"]);
    assert_eq!(status, 1, "{out}{err}");
    let unfixable = PLAYBOOK.replace("accountable: tobia\n", "accountable: nobody-like-this\n");
    std::fs::write(dir.path().join("playbook.yaml"), unfixable).unwrap();
    let (status, out, _) = check(dir.path(), &["--fix"]);
    assert_eq!(status, 1, "{out}");
    assert!(out.contains("error[unresolved-reference]"), "{out}");
}

#[test]
fn add_allow_makes_the_next_check_clean() {
    let dir = playbook();
    let (status, out, err) = check(dir.path(), &["--fix", "--add-allow"]);
    assert_eq!((status, out.as_str()), (0, ""), "{err}");
    assert!(
        err.contains("suppressed 1 finding with 1 comment in `playbook.yaml`\n"),
        "{err}"
    );
    let expected = FIXED.replace(
        "  report:\n",
        "  # smarketing: allow(task-without-responsible)\n  report:\n",
    );
    assert_eq!(playbook_text(dir.path()), expected);
    let (status, out, err) = check(dir.path(), &[]);
    assert_eq!((status, out.as_str()), (0, ""), "{err}");
}

#[test]
fn add_allow_extends_the_entitys_suppression_and_keeps_crlf() {
    let text = "version: 1\r\nplaybook: crlf\r\nlint: { no-shared-goal: off, no-contacts: off }\r\npeople:\r\n  anna: { name: Anna Berger }\r\ntasks:\r\n  a: # smarketing: allow(unowned-task)\r\n    title: A\r\n  b: { title: B, accountable: anna }\r\n";
    let dir = alone(text);
    let (status, _, err) = check(dir.path(), &["--add-allow"]);
    assert_eq!(status, 0, "{err}");
    let expected = text
        .replace(
            "allow(unowned-task)",
            "allow(unowned-task, task-without-responsible)",
        )
        .replace(
            "  b: {",
            "  # smarketing: allow(task-without-responsible)\r\n  b: {",
        );
    assert_eq!(playbook_text(dir.path()), expected);
}

#[test]
fn add_allow_says_which_findings_take_no_suppression() {
    let text = "version: 1\nplaybook: p\npeople:\n  anna: { name: Anna Berger }\ntasks:\n  a: { title: A, accountable: nobody-like-this }\n  b: { title: B }\n";
    let dir = alone(text);
    let (status, _, err) = check(dir.path(), &["--add-allow"]);
    assert_eq!(status, 1, "{err}");
    insta::assert_snapshot!(err);
}

#[cfg(unix)]
#[test]
fn a_read_only_file_is_not_touched() {
    use std::os::unix::fs::PermissionsExt;
    let dir = playbook();
    let people = dir.path().join("people.yaml");
    std::fs::set_permissions(&people, std::fs::Permissions::from_mode(0o444)).unwrap();
    let (status, out, err) = check(dir.path(), &["--fix"]);
    assert_eq!(read(dir.path(), "people.yaml"), PEOPLE);
    assert_eq!(playbook_text(dir.path()), FIXED);
    assert_eq!(
        err.matches("note: not fixed: `people.yaml` is read-only\n")
            .count(),
        1,
        "{err}"
    );
    assert!(err.starts_with("fixed 4 findings in 1 file:\n"), "{err}");
    assert_eq!(status, 1, "the misspelled key remains: {out}");
    assert!(out.contains("unknown key `emial`"), "{out}");
}

#[test]
fn a_file_that_is_not_utf8_is_not_touched() {
    let dir = playbook();
    let mut people = PEOPLE.to_vec();
    people.extend_from_slice(b"# \xff\r\n");
    std::fs::write(dir.path().join("people.yaml"), &people).unwrap();
    let (status, _, err) = check(dir.path(), &["--fix"]);
    assert_eq!(status, 1, "{err}");
    assert_eq!(read(dir.path(), "people.yaml"), people);
}

#[test]
fn standard_input_cannot_be_fixed() {
    let dir = playbook();
    for flag in ["--fix", "--add-allow"] {
        let output = smarketing_in(dir.path(), &["check", "-", flag]);
        assert_eq!(code(&output), 2);
        assert!(
            stderr(&output).contains("standard input is none: give the playbook's path"),
            "{}",
            stderr(&output)
        );
    }
}

#[test]
fn add_allow_and_write_baseline_are_two_ways_to_accept_findings() {
    let dir = playbook();
    let output = smarketing_in(
        dir.path(),
        &["check", "playbook.yaml", "--add-allow", "--write-baseline"],
    );
    assert_eq!(code(&output), 2, "{}", stderr(&output));
    assert_eq!(read(dir.path(), "people.yaml"), PEOPLE);
}

#[test]
fn sarif_results_carry_their_safe_fix() {
    let dir = playbook();
    let output = smarketing_in(dir.path(), &["check", "playbook.yaml", "--format", "sarif"]);
    let sarif: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    let fixes: Vec<&serde_json::Value> = results
        .iter()
        .filter_map(|result| result.get("fixes"))
        .collect();
    assert_eq!(fixes.len(), 5, "{results:#?}");
    let reference = results
        .iter()
        .find(|result| result["ruleId"] == "unresolved-reference")
        .unwrap();
    assert_eq!(
        reference["fixes"],
        serde_json::json!([{
            "description": { "text": "Replace `tobia` with `tobias`" },
            "artifactChanges": [{
                "artifactLocation": { "uri": "playbook.yaml", "uriBaseId": "%SRCROOT%" },
                "replacements": [{
                    "deletedRegion": { "startLine": 11, "startColumn": 18, "endLine": 11, "endColumn": 23 },
                    "insertedContent": { "text": "tobias" },
                }],
            }],
        }])
    );
}

/// A workspace whose two playbooks include one file: its misspelled team is fixed once.
#[test]
fn a_file_shared_by_a_workspaces_playbooks_is_fixed_once() {
    let dir = tempfile::tempdir().unwrap();
    let root = crate::support::root().join("playbooks/hotel-group");
    for file in [
        "smarketing.toml",
        "group/fields.yaml",
        "group/kpis.yaml",
        "group/team.yaml",
        "houses/bergblick/playbook.yaml",
        "houses/seeblick/playbook.yaml",
    ] {
        let to = dir.path().join(file);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(root.join(file), to).unwrap();
    }
    let team = dir.path().join("group/team.yaml");
    let original = std::fs::read_to_string(&team).unwrap();
    let typo = original.replacen("team: group-marketing,", "team: group-marketin,", 1);
    assert_ne!(typo, original);
    std::fs::write(&team, typo).unwrap();
    let output = smarketing_in(dir.path(), &["check", ".", "--fix"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert!(
        stderr(&output).starts_with(
            "fixed 1 finding in 1 file:\n  group/team.yaml:7: replaced `group-marketin` with `group-marketing`\n"
        ),
        "{}",
        stderr(&output)
    );
    assert_eq!(std::fs::read_to_string(&team).unwrap(), original);
}

#[test]
fn fix_then_write_baseline_records_what_remains() {
    let dir = playbook();
    let (status, out, err) = check(dir.path(), &["--fix", "--write-baseline"]);
    assert_eq!((status, out.as_str()), (0, ""), "{err}");
    assert!(
        err.contains("wrote 1 finding to `smarketing-baseline.json`"),
        "{err}"
    );
    assert_eq!(playbook_text(dir.path()), FIXED);
    let (status, out, err) = check(dir.path(), &[]);
    assert_eq!((status, out.as_str()), (0, ""), "{err}");
}

#[test]
fn add_allow_writes_into_the_included_file_that_holds_the_entity() {
    let dir = alone(
        "version: 1\nplaybook: p\ninclude: [tasks.yaml]\nlint: { no-shared-goal: off, no-contacts: off }\npeople:\n  anna: { name: Anna Berger }\n",
    );
    let tasks = "tasks:\n  a:\n    title: A\n    accountable: anna\n";
    std::fs::write(dir.path().join("tasks.yaml"), tasks).unwrap();
    let (status, _, err) = check(dir.path(), &["--add-allow"]);
    assert_eq!(status, 0, "{err}");
    assert!(
        err.starts_with("suppressed 1 finding with 1 comment in `tasks.yaml`\n"),
        "{err}"
    );
    assert_eq!(
        String::from_utf8(read(dir.path(), "tasks.yaml")).unwrap(),
        "tasks:\n  # smarketing: allow(task-without-responsible)\n  a:\n    title: A\n    accountable: anna\n"
    );
}

#[test]
fn a_path_that_does_not_exist_is_the_only_thing_said() {
    let dir = tempfile::tempdir().unwrap();
    for flag in ["--fix", "--add-allow"] {
        let output = smarketing_in(dir.path(), &["check", flag, "missing.yaml"]);
        assert_eq!(code(&output), 2);
        let err = stderr(&output);
        assert!(err.contains("cannot read `missing.yaml`"), "{err}");
        assert!(
            !err.contains("fixed") && !err.contains("suppressed"),
            "{err}"
        );
    }
}

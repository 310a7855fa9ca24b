//! The command line, on the real binary: every command, format and exit code.

use crate::support::{code, root, smarketing, smarketing_in, stderr, stdout};
use smarketing::lint::registry::RULES;

const WARNINGS_ONLY: &str = "tests/fixtures/rules/task-without-responsible/fail.yaml";
const WITH_ERRORS: &str = "tests/fixtures/rules/unowned-task/fail.yaml";

#[test]
fn check_on_the_examples_succeeds() {
    let output = smarketing(&["check", "playbooks/"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert!(
        stderr(&output).contains("checked: no problems"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn check_defaults_to_the_current_folder() {
    let output = smarketing_in(&root().join("playbooks"), &["check"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert!(
        stderr(&output).contains("6 files checked"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn errors_exit_1_and_warnings_exit_0_unless_denied() {
    assert_eq!(code(&smarketing(&["check", WITH_ERRORS])), 1);
    assert_eq!(code(&smarketing(&["check", WARNINGS_ONLY])), 0);
    assert_eq!(
        code(&smarketing(&["check", WARNINGS_ONLY, "--deny-warnings"])),
        1
    );
}

#[test]
fn concise_format_is_one_line_per_finding() {
    let output = smarketing(&["check", WITH_ERRORS, "--format", "concise"]);
    let text = stdout(&output);
    assert!(
        text.lines().any(|line| line == "tests/fixtures/rules/unowned-task/fail.yaml:6:3: error[unowned-task] task `kickoff` has no accountable party"),
        "{text}"
    );
    assert!(
        text.lines()
            .all(|line| line.starts_with("tests/fixtures/rules/unowned-task/fail.yaml:")),
        "{text}"
    );
}

#[test]
fn json_format_has_the_contract_shape() {
    let output = smarketing(&["check", WITH_ERRORS, "--format", "json"]);
    assert_eq!(code(&output), 1);
    let report: serde_json::Value = serde_json::from_str(&stdout(&output)).expect("valid JSON");
    assert_eq!(report["version"], 1);
    let first = &report["diagnostics"][0];
    for key in [
        "rule",
        "severity",
        "message",
        "file",
        "line",
        "column",
        "end_line",
        "end_column",
    ] {
        assert!(first.get(key).is_some(), "missing `{key}` in {first}");
    }
    let unowned = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["rule"] == "unowned-task")
        .expect("an unowned-task finding");
    assert_eq!(unowned["line"], 6);
    assert_eq!(unowned["column"], 3);
    assert_eq!(unowned["end_column"], 10);
    assert_eq!(report["summary"]["files"], 1);
    assert_eq!(report["summary"]["errors"], 1);
    assert!(
        stderr(&output).is_empty(),
        "json keeps stderr quiet: {}",
        stderr(&output)
    );
}

#[test]
fn human_format_shows_snippet_and_help() {
    let output = smarketing(&["check", WITH_ERRORS]);
    let text = stdout(&output);
    assert!(text.contains("unowned-task"), "{text}");
    assert!(
        text.contains("× task `kickoff` has no accountable party"),
        "{text}"
    );
    assert!(text.contains("help: add `accountable: <person>`"), "{text}");
    assert!(
        !text.contains('\u{1b}'),
        "no colour without a terminal: {text}"
    );
    assert!(stderr(&output).contains("1 error"), "{}", stderr(&output));
}

#[test]
fn color_always_colours_and_never_does_not() {
    let coloured = smarketing(&["--color", "always", "check", WITH_ERRORS]);
    assert!(stdout(&coloured).contains('\u{1b}'));
    let plain = smarketing(&["check", WITH_ERRORS, "--color", "never"]);
    assert!(!stdout(&plain).contains('\u{1b}'));
}

#[test]
fn levels_change_on_the_command_line() {
    let allowed = smarketing(&[
        "check",
        WITH_ERRORS,
        "--allow",
        "unowned-task",
        "--format",
        "concise",
    ]);
    assert!(
        !stdout(&allowed).contains("[unowned-task]"),
        "{}",
        stdout(&allowed)
    );
    assert_eq!(code(&allowed), 0);
    let denied = smarketing(&[
        "check",
        WARNINGS_ONLY,
        "--deny",
        "task-without-responsible",
        "--format",
        "concise",
    ]);
    assert!(
        stdout(&denied).contains("error[task-without-responsible]"),
        "{}",
        stdout(&denied)
    );
    assert_eq!(code(&denied), 1);
    let warned = smarketing(&[
        "check",
        WITH_ERRORS,
        "--warn",
        "unowned-task",
        "--format",
        "concise",
    ]);
    assert!(
        stdout(&warned).contains("warning[unowned-task]"),
        "{}",
        stdout(&warned)
    );
    assert_eq!(code(&warned), 0);
}

#[test]
fn unknown_and_structural_rules_are_usage_errors() {
    let unknown = smarketing(&["check", WITH_ERRORS, "--allow", "unowned-tsk"]);
    assert_eq!(code(&unknown), 2);
    assert!(
        stderr(&unknown).contains("did you mean `unowned-task`?"),
        "{}",
        stderr(&unknown)
    );
    let structural = smarketing(&["check", WITH_ERRORS, "--allow", "schema"]);
    assert_eq!(code(&structural), 2);
    assert!(
        stderr(&structural).contains("structural"),
        "{}",
        stderr(&structural)
    );
}

#[test]
fn missing_paths_and_bad_flags_exit_2() {
    let missing = smarketing(&["check", "no/such/playbook.yaml"]);
    assert_eq!(code(&missing), 2);
    assert!(
        stderr(&missing).contains("no/such/playbook.yaml"),
        "{}",
        stderr(&missing)
    );
    assert_eq!(code(&smarketing(&["check", "--format", "xml"])), 2);
    assert_eq!(code(&smarketing(&["frobnicate"])), 2);
}

#[test]
fn rules_lists_every_rule() {
    let output = smarketing(&["rules"]);
    assert_eq!(code(&output), 0);
    let text = stdout(&output);
    for rule in RULES {
        assert!(
            text.lines()
                .any(|line| line.starts_with(&format!("{} ", rule.name))),
            "`{}` missing:\n{text}",
            rule.name
        );
    }
    assert!(text.contains("error (structural)"));
}

#[test]
fn explain_documents_every_rule() {
    for rule in RULES {
        let output = smarketing(&["explain", rule.name]);
        assert_eq!(code(&output), 0, "{}", rule.name);
        let text = stdout(&output);
        assert!(text.starts_with(&format!("# {}\n", rule.name)), "{text}");
        assert!(text.contains("## Why it matters"), "{text}");
        assert!(text.contains("Default level:"), "{text}");
    }
}

#[test]
fn explain_snapshot() {
    insta::assert_snapshot!(stdout(&smarketing(&["explain", "handoff-without-sla"])));
}

#[test]
fn explain_suggests_the_nearest_rule() {
    let output = smarketing(&["explain", "handof-without-sla"]);
    assert_eq!(code(&output), 2);
    assert!(
        stderr(&output).contains("did you mean `handoff-without-sla`?"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn schema_prints_the_committed_schema() {
    let output = smarketing(&["schema"]);
    assert_eq!(code(&output), 0);
    let committed = std::fs::read_to_string(root().join("schemas/playbook.schema.json")).unwrap();
    assert_eq!(stdout(&output), committed);
}

#[test]
fn compile_prints_the_resolved_model() {
    let output = smarketing(&["compile", "playbooks/hotel-seeblick/playbook.yaml"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let model: serde_json::Value = serde_json::from_str(&stdout(&output)).expect("valid JSON");
    assert_eq!(model["playbook"]["id"], "hotel-seeblick");
    let tasks = model["tasks"].as_array().unwrap();
    assert_eq!(model["task_order"].as_array().unwrap().len(), tasks.len());
    assert!(
        model["handoffs"]
            .as_array()
            .unwrap()
            .iter()
            .any(|h| h["to_team"] == "sales")
    );
}

#[test]
fn compile_refuses_a_playbook_with_errors() {
    let output = smarketing(&["compile", WITH_ERRORS]);
    assert_eq!(code(&output), 1);
    assert!(
        stderr(&output).contains("unowned-task"),
        "{}",
        stderr(&output)
    );
    assert!(stdout(&output).is_empty());
}

#[test]
fn graph_prints_dot_mermaid_and_json() {
    let playbook = "playbooks/agency.yaml";
    let dot = stdout(&smarketing(&["graph", playbook, "--format", "dot"]));
    assert!(
        dot.starts_with("digraph playbook {") && dot.contains("[label=\"depends_on\"]"),
        "{dot}"
    );
    let mermaid = stdout(&smarketing(&["graph", playbook, "--format", "mermaid"]));
    assert!(
        mermaid.starts_with("flowchart LR") && mermaid.contains("|depends_on|"),
        "{mermaid}"
    );
    let json: serde_json::Value = serde_json::from_str(&stdout(&smarketing(&[
        "graph", playbook, "--format", "json",
    ])))
    .unwrap();
    assert!(
        json["edges"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["relation"] == "accountable")
    );
}

#[test]
fn init_scaffolds_a_playbook_that_checks_clean() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("team");
    let target_text = target.to_string_lossy().into_owned();
    let output = smarketing(&["init", &target_text]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert!(target.join("playbook.yaml").exists() && target.join("playbook.schema.json").exists());
    let check = smarketing(&["check", &target_text, "--deny-warnings"]);
    assert_eq!(code(&check), 0, "{}{}", stdout(&check), stderr(&check));
    assert!(stderr(&check).contains("no problems"), "{}", stderr(&check));
    let again = smarketing(&["init", &target_text]);
    assert_eq!(code(&again), 2);
    assert!(
        stderr(&again).contains("already exists"),
        "{}",
        stderr(&again)
    );
}

#[test]
fn every_command_has_help_with_an_example() {
    for command in [
        "check", "rules", "explain", "schema", "compile", "graph", "init",
    ] {
        let output = smarketing(&[command, "--help"]);
        assert_eq!(code(&output), 0, "{command}");
        assert!(
            stdout(&output).contains("Example"),
            "{command}: {}",
            stdout(&output)
        );
    }
}

#[test]
fn verbose_names_skipped_files() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("ci.yml"), "on: push\n").unwrap();
    let output = smarketing_in(dir.path(), &["check", "--verbose"]);
    assert_eq!(code(&output), 0);
    assert!(
        stderr(&output).contains("skipped ci.yml: no top-level `playbook:` key"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn included_files_are_checked_through_their_includer() {
    // Named explicitly, the included files are not checked on their own (they have no
    // `version` or `playbook` and would fail).
    let output = smarketing(&[
        "check",
        "playbooks/hotel-seeblick/people.yaml",
        "playbooks/hotel-seeblick/playbook.yaml",
        "--verbose",
    ]);
    assert_eq!(code(&output), 0, "{}{}", stdout(&output), stderr(&output));
    assert!(
        stderr(&output).contains("checked through the playbook that includes it"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn playbook_levels_and_inline_suppressions_apply() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("p.yaml");
    std::fs::write(
        &file,
        "version: 1\nplaybook: p\nlint:\n  no-contacts: off\n  no-shared-goal: error\npeople:\n  anna: { name: Anna }\ntasks:\n  # smarketing: allow(task-without-responsible)\n  a: { title: A, accountable: anna }\n  b: { title: B, accountable: anna } # smarketing: allow(task-without-responsible, unowned-task)\n",
    )
    .unwrap();
    let output = smarketing_in(dir.path(), &["check", "p.yaml", "--format", "concise"]);
    let text = stdout(&output);
    assert!(!text.contains("no-contacts"), "{text}");
    assert!(text.contains("error[no-shared-goal]"), "{text}");
    assert!(!text.contains("task-without-responsible"), "{text}");
    assert!(text.contains("p.yaml:11:84: warning[unused-suppression] suppression of `unowned-task` silences nothing"), "{text}");
    assert_eq!(code(&output), 1);
}

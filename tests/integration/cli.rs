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
        stderr(&output).contains("11 files checked"),
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
fn explain_documents_the_export_refusal() {
    let output = smarketing(&["explain", "export"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let text = stdout(&output);
    assert!(text.starts_with("# export\n"), "{text}");
    assert!(text.contains("cannot be exported"), "{text}");
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
        "check",
        "rules",
        "explain",
        "schema",
        "compile",
        "graph",
        "init",
        "diff",
        "render",
        "export",
        "completions",
        "man",
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
    std::fs::copy(
        root().join("playbooks/agency.yaml"),
        dir.path().join("agency.yaml"),
    )
    .unwrap();
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

/// A folder with a root playbook that includes `people.yaml` and `shared.yaml`, a second
/// playbook that includes `shared.yaml` too, and a stray YAML file nobody includes.
fn folder_with_includes() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let files = [
        (
            "playbook.yaml",
            "version: 1\nplaybook: p\ninclude: [people.yaml, shared.yaml]\n",
        ),
        ("people.yaml", "people:\n  anna: { name: Anna }\n"),
        ("shared.yaml", "channels:\n  chat: { kind: chat }\n"),
        (
            "other.yaml",
            "version: 1\nplaybook: q\ninclude: [shared.yaml]\n",
        ),
        ("stray.yaml", "on: push\n"),
    ];
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    dir
}

#[test]
fn verbose_says_an_included_file_was_checked_through_its_includer() {
    let dir = folder_with_includes();
    let output = smarketing_in(dir.path(), &["check", "--verbose", "--format", "concise"]);
    let notes = stderr(&output);
    assert!(
        notes.contains("note: skipped people.yaml on its own: checked through the playbook that includes it, playbook.yaml\n"),
        "{notes}"
    );
    assert!(
        notes.contains("note: skipped shared.yaml on its own: checked through the playbooks that include it, other.yaml, playbook.yaml\n"),
        "{notes}"
    );
    assert!(
        !notes.contains("people.yaml: no top-level"),
        "an included file is not called unchecked: {notes}"
    );
    assert!(
        notes.contains("note: skipped stray.yaml: no top-level `playbook:` key\n"),
        "{notes}"
    );
    insta::assert_snapshot!(notes);
}

#[test]
fn an_included_file_is_named_once_whether_found_or_named() {
    // Named on the command line too, the file is still checked only through its includer.
    let dir = folder_with_includes();
    let output = smarketing_in(
        dir.path(),
        &[
            "check",
            "people.yaml",
            ".",
            "--verbose",
            "--format",
            "concise",
        ],
    );
    let notes = stderr(&output);
    assert_eq!(
        notes.matches("people.yaml").count(),
        1,
        "one note about people.yaml: {notes}"
    );
    assert!(
        notes.contains("checked through the playbook that includes it, playbook.yaml"),
        "{notes}"
    );
    // Without its includer in the run, nothing checked it: it is checked on its own when named.
    let alone = smarketing_in(
        dir.path(),
        &["check", "people.yaml", "--verbose", "--format", "concise"],
    );
    assert!(
        stdout(&alone).contains("this is not a root playbook"),
        "{}",
        stdout(&alone)
    );
    assert!(
        !stderr(&alone).contains("checked through"),
        "{}",
        stderr(&alone)
    );
}

#[test]
fn a_file_reached_twice_is_checked_once() {
    let dir = folder_with_includes();
    let once = smarketing_in(
        dir.path(),
        &["check", "playbook.yaml", "--format", "concise"],
    );
    let twice = smarketing_in(
        dir.path(),
        &[
            "check",
            "playbook.yaml",
            ".",
            "./playbook.yaml",
            "--format",
            "concise",
        ],
    );
    let findings = |output: &std::process::Output| {
        stdout(output)
            .lines()
            .filter(|line| line.starts_with("playbook.yaml:"))
            .map(str::to_owned)
            .collect::<Vec<_>>()
    };
    assert!(!findings(&once).is_empty(), "{}", stdout(&once));
    assert_eq!(findings(&twice), findings(&once));
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

/// Writes `text` as `p.yaml` in a fresh folder and checks it in concise format.
fn check_text(text: &str, extra: &[&str]) -> (i32, String) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("p.yaml"), text).unwrap();
    let mut args = vec!["check", "p.yaml", "--format", "concise"];
    args.extend_from_slice(extra);
    let output = smarketing_in(dir.path(), &args);
    (
        code(&output),
        format!("{}{}", stdout(&output), stderr(&output)),
    )
}

fn clean_playbook() -> String {
    std::fs::read_to_string(root().join("playbooks/agency.yaml")).unwrap()
}

#[test]
fn one_mistake_gives_one_finding() {
    // A broken SLA drops the stage; whole-lifecycle rules would otherwise report the gap as
    // unreachable stages and handoffs without SLA.
    let text = clean_playbook();
    assert!(text.contains("sla: "), "the example has an SLA");
    let broken = text.replacen("sla: ", "sla: four hours #", 1);
    let (code, out) = check_text(&broken, &[]);
    assert_eq!(code, 1, "{out}");
    assert_eq!(
        out.lines().filter(|l| l.starts_with("p.yaml")).count(),
        1,
        "{out}"
    );
    assert!(out.contains("error[schema] `sla` of stage"), "{out}");
}

#[test]
fn a_key_typo_does_not_also_report_the_missing_key() {
    let broken = clean_playbook().replacen("    accountable:", "    acountable:", 1);
    let (_, out) = check_text(&broken, &[]);
    assert!(out.contains("unknown key `acountable`"), "{out}");
    assert!(!out.contains("unowned-task"), "{out}");
}

#[test]
fn a_misspelled_id_is_reported_once() {
    let text = clean_playbook();
    let person = text
        .lines()
        .find(|l| l.starts_with("  clara:"))
        .expect("clara is a person");
    let broken = text.replacen(person, &person.replacen("clara", "Clara", 1), 1);
    let (_, out) = check_text(&broken, &[]);
    assert_eq!(out.matches("error[").count(), 1, "{out}");
    assert!(out.contains("`Clara` is not a valid person id"), "{out}");
}

#[test]
fn a_file_that_does_not_parse_gets_no_rule_findings() {
    let (code, out) = check_text("version: 1\nplaybook: x\nteams: [\n", &[]);
    assert_eq!(code, 1);
    assert!(out.contains("error[yaml-syntax]"), "{out}");
    assert!(
        !out.contains("no-contacts") && !out.contains("no-shared-goal"),
        "{out}"
    );
}

#[test]
fn a_missing_include_does_not_cascade_into_unresolved_names() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("people.yaml"),
        "people:\n  anna: { name: Anna }\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("p.yaml"),
        "version: 1\nplaybook: p\ninclude: [peple.yaml]\ntasks:\n  a: { title: A, accountable: anna, responsible: [anna] }\n",
    )
    .unwrap();
    let output = smarketing_in(dir.path(), &["check", "p.yaml", "--format", "concise"]);
    let out = stdout(&output);
    assert_eq!(out.matches("error[").count(), 1, "{out}");
    assert!(
        out.contains("included file `peple.yaml` does not exist"),
        "{out}"
    );
    let json = smarketing_in(dir.path(), &["check", "p.yaml", "--format", "json"]);
    assert!(
        stdout(&json).contains("did you mean `people.yaml`?"),
        "{}",
        stdout(&json)
    );
}

#[test]
fn a_byte_order_mark_does_not_shift_columns() {
    let (_, out) = check_text("\u{feff}version: 3\nplaybook: p\n", &[]);
    assert!(
        out.contains("p.yaml:1:10: error[unsupported-version]"),
        "{out}"
    );
}

#[test]
fn human_columns_count_characters() {
    let (_, concise) = check_text(
        "version: 1\nplaybook: p\ntitle: Über\nteams:\n  ä: { name: Ä }\n",
        &[],
    );
    assert!(concise.contains("p.yaml:5:3: error[schema]"), "{concise}");
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("p.yaml"),
        "version: 1\nplaybook: p\npeople:\n  anna: { name: Änne Öz, team: tëam }\n",
    )
    .unwrap();
    let human = stdout(&smarketing_in(dir.path(), &["check", "p.yaml"]));
    assert!(human.contains("[p.yaml:4:32]"), "{human}");
}

#[test]
fn an_empty_include_list_is_accepted() {
    let (code, out) = check_text(
        "version: 1\nplaybook: p\ninclude:\ncontacts: {}\n",
        &["--allow", "no-shared-goal", "--allow", "no-contacts"],
    );
    assert_eq!(code, 0, "{out}");
}

#[test]
fn extension_keys_hold_anchors() {
    let long = "x".repeat(600);
    let text = format!(
        "version: 1\nplaybook: p\nx-texts:\n  intro: &intro {long}\ntitle: *intro\ndescription: *intro\n"
    );
    let (code, out) = check_text(
        &text,
        &["--allow", "no-shared-goal", "--allow", "no-contacts"],
    );
    assert_eq!(code, 0, "{out}");
}

#[test]
fn contradicting_levels_are_a_usage_error() {
    let output = smarketing(&[
        "check",
        WITH_ERRORS,
        "--allow",
        "no-contacts",
        "--deny",
        "no-contacts",
    ]);
    assert_eq!(code(&output), 2);
    assert!(
        stderr(&output).contains("contradict"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn an_empty_folder_is_an_error_not_a_pass() {
    let dir = tempfile::tempdir().unwrap();
    let output = smarketing_in(dir.path(), &["check"]);
    assert_eq!(code(&output), 2);
    assert!(
        stderr(&output).contains("no playbook found"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn a_missing_path_does_not_hide_the_others() {
    let output = smarketing(&["check", WITH_ERRORS, "no/such.yaml", "--format", "concise"]);
    assert_eq!(code(&output), 2);
    assert!(
        stdout(&output).contains("error[unowned-task]"),
        "{}",
        stdout(&output)
    );
    assert!(
        stderr(&output).contains("cannot read `no/such.yaml`"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn other_yaml_in_a_folder_is_skipped_even_when_it_is_multi_document() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("deploy.yaml"), "kind: A\n---\nkind: B\n").unwrap();
    std::fs::write(dir.path().join("broken.yml"), "a: [\n").unwrap();
    std::fs::copy(
        root().join("playbooks/agency.yaml"),
        dir.path().join("agency.yaml"),
    )
    .unwrap();
    let output = smarketing_in(dir.path(), &["check", "--verbose"]);
    assert_eq!(code(&output), 0, "{}{}", stdout(&output), stderr(&output));
    assert!(
        stderr(&output).contains("skipped deploy.yaml"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn a_file_meant_to_be_included_says_so() {
    let output = smarketing(&[
        "check",
        "playbooks/hotel-seeblick/people.yaml",
        "--format",
        "concise",
    ]);
    let out = stdout(&output);
    assert_eq!(out.matches("error[").count(), 1, "{out}");
    assert!(out.contains("this is not a root playbook"), "{out}");
}

#[test]
fn ids_in_a_repeated_section_still_resolve() {
    let (_, out) = check_text(
        "version: 1\nplaybook: p\nteams:\n  marketing: { name: Marketing }\npeople:\n  anna: { name: Anna, team: sales }\nteams:\n  sales: { name: Sales }\n",
        &[],
    );
    assert_eq!(out.matches("error[").count(), 1, "{out}");
    assert!(
        out.contains("error[duplicate-key] key `teams` appears twice"),
        "{out}"
    );
}

#[test]
fn folders_are_checked_in_parallel_with_the_same_output_every_time() {
    let first = stdout(&smarketing(&[
        "check",
        "tests/fixtures/rules",
        "--format",
        "concise",
    ]));
    for _ in 0..3 {
        assert_eq!(
            stdout(&smarketing(&[
                "check",
                "tests/fixtures/rules",
                "--format",
                "concise"
            ])),
            first
        );
    }
    let lines: Vec<&str> = first.lines().collect();
    let mut sorted = lines.clone();
    sorted.sort_by_key(|line| {
        let mut parts = line.splitn(4, ':');
        let file = parts.next().unwrap_or("").to_owned();
        let line_no: usize = parts.next().and_then(|n| n.parse().ok()).unwrap_or(0);
        let column: usize = parts.next().and_then(|n| n.parse().ok()).unwrap_or(0);
        (file, line_no, column)
    });
    assert_eq!(lines, sorted, "sorted by file, line and column");
}

#[test]
fn every_bad_key_of_an_entity_is_reported() {
    let (_, out) = check_text(
        "version: 1\nplaybook: p\npeople:\n  ann: { name: Ann }\nkpis:\n  k: { title: K, owner: ann, target: \"about 5\", review: weekley, unit: \"\" }\n",
        &[],
    );
    for expected in [
        "`target` of KPI `k`: `about 5` is not a target",
        "`review` of KPI `k`: unknown value `weekley`",
        "`unit` of KPI `k`: a unit cannot be empty",
    ] {
        assert!(out.contains(expected), "missing `{expected}` in {out}");
    }
}

const TASK_TEMPLATE: &str = "version: 1
playbook: p
x-task: &task
  accountable: anna
  responsible: [anna]
people:
  anna: {name: Anna, team: t}
teams:
  t: {name: T, lead: anna}
tasks:
  a:
    <<: *task
    title: A
  b:
    <<: *task
    title: B
    accountable: nobody
";

const QUIET: [&str; 6] = [
    "--allow",
    "no-shared-goal",
    "--allow",
    "no-contacts",
    "--allow",
    "isolated-team",
];

#[test]
fn merge_keys_fill_in_entities_and_written_keys_win() {
    let (code, out) = check_text(TASK_TEMPLATE, &QUIET);
    assert_eq!(code, 1, "{out}");
    // Task `a` takes its accountable from the template; `b` overrides it with a typo, which is
    // reported where it is written.
    assert_eq!(
        out.lines().next(),
        Some(
            "p.yaml:17:18: error[unresolved-reference] task `b` names unknown person or team `nobody` in `accountable`"
        ),
        "{out}"
    );
    assert!(out.contains("1 error, 0 warnings"), "{out}");
}

#[test]
fn a_mistake_in_a_merged_template_is_reported_at_each_use() {
    let text = TASK_TEMPLATE
        .replace("accountable: anna", "accountable: anne")
        .replace("    accountable: nobody\n", "");
    let (code, out) = check_text(&text, &QUIET);
    assert_eq!(code, 1, "{out}");
    let findings: Vec<&str> = out.lines().filter(|line| line.contains("error[")).collect();
    assert_eq!(findings.len(), 2, "{out}");
    // Line 12 and 15 hold `<<: *task`; column 9 is the alias.
    assert!(findings[0].starts_with("p.yaml:12:9: "), "{out}");
    assert!(findings[1].starts_with("p.yaml:15:9: "), "{out}");
}

#[test]
fn a_syntax_error_hides_findings_about_what_came_before_it() {
    let (code, out) = check_text(
        "version: 1\nplaybook: p\ntasks:\n  a: {title: A, bogus: 1}\nteams: [\n",
        &[],
    );
    assert_eq!(code, 1, "{out}");
    assert!(
        out.starts_with("p.yaml:5:8: error[yaml-syntax] invalid YAML: unclosed bracket '['"),
        "{out}"
    );
    assert!(!out.contains("bogus"), "{out}");
    assert!(out.contains("1 error, 0 warnings"), "{out}");
}

#[test]
fn a_large_playbook_gets_the_same_findings_as_a_small_one() {
    // From 2,000 tasks on, resolution and the graph are built on two threads.
    let mut text = String::from(
        "version: 1\nplaybook: p\npeople:\n  anna: {name: Anna, team: t}\nteams:\n  t: {name: T, lead: anna}\ntasks:\n",
    );
    for i in 0..2_500 {
        let depends = if i == 0 { 2_499 } else { i - 1 };
        text.push_str(&format!(
            "  t{i}: {{title: Task {i}, accountable: anna, responsible: [anna], depends_on: [t{depends}]}}\n"
        ));
    }
    text.push_str("  extra: {title: Extra, accountable: anne, responsible: [anna]}\n");
    let (code, out) = check_text(&text, &QUIET);
    assert_eq!(code, 1, "{out}");
    let rules: Vec<&str> = out
        .lines()
        .filter_map(|line| line.split_once("error[")?.1.split(']').next())
        .collect();
    assert_eq!(rules, ["dependency-cycle", "unresolved-reference"], "{out}");
}

/// The README's runnable samples (`$ smarketing ...` in a text block, run from the repository
/// root) print what the README shows.
#[test]
fn readme_samples_are_current() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let mut checked = 0;
    for block in readme.split("```text\n").skip(1) {
        let block = block.split("```").next().unwrap_or("");
        let Some((command, shown)) = block.split_once('\n') else {
            continue;
        };
        let Some(args) = command.strip_prefix("$ smarketing ") else {
            continue;
        };
        let args: Vec<&str> = args.split_whitespace().collect();
        // Samples whose path is not in the repository are illustrations.
        if !args.iter().any(|arg| root().join(arg).is_file()) {
            continue;
        }
        let output = smarketing(&args);
        assert_eq!(stdout(&output), shown, "README sample `{command}`");
        checked += 1;
    }
    assert!(checked >= 1, "no runnable README sample found");
}

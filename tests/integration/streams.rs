//! The standard streams of the real binary: a playbook read from standard input (`check -`), and
//! colour decided for stdout and stderr apart.

use crate::support::{code, root, smarketing, smarketing_with_input, stderr, stdout};
use std::path::Path;
use std::process::Command;

const WITH_ERRORS: &str = "tests/fixtures/rules/unowned-task/fail.yaml";
const HOTEL: &str = "playbooks/hotel-seeblick";

fn with_errors() -> Vec<u8> {
    std::fs::read(root().join(WITH_ERRORS)).unwrap()
}

/// `check -` in `dir` with `input` on standard input and `args` after the `-`.
fn check_stdin(dir: &Path, input: &[u8], args: &[&str]) -> std::process::Output {
    let mut all = vec!["check", "-"];
    all.extend_from_slice(args);
    smarketing_with_input(dir, &all, input)
}

#[test]
fn stdin_is_reported_under_the_name_given() {
    let output = check_stdin(
        &root(),
        &with_errors(),
        &[
            "--stdin-filename",
            "team/playbook.yaml",
            "--format",
            "concise",
        ],
    );
    assert_eq!(code(&output), 1, "{}", stderr(&output));
    let text = stdout(&output);
    assert!(
        text.lines().any(|line| line
            == "team/playbook.yaml:6:3: error[unowned-task] task `kickoff` has no accountable party"),
        "{text}"
    );
    assert!(
        text.lines()
            .all(|line| line.starts_with("team/playbook.yaml:")),
        "{text}"
    );
    assert_eq!(
        stderr(&output),
        "1 error, 1 warning, 1 note in 1 file\n",
        "the summary counts one file"
    );
}

#[test]
fn stdin_without_a_name_is_reported_as_stdin() {
    let output = check_stdin(&root(), &with_errors(), &["--format", "concise"]);
    assert_eq!(code(&output), 1, "{}", stderr(&output));
    let text = stdout(&output);
    assert!(
        text.contains("<stdin>:6:3: error[unowned-task] task `kickoff` has no accountable party"),
        "{text}"
    );
}

#[test]
fn every_format_names_the_stdin_filename() {
    let name = "team/playbook.yaml";
    for format in [
        "human", "concise", "json", "sarif", "github", "junit", "gitlab",
    ] {
        let output = check_stdin(
            &root(),
            &with_errors(),
            &["--stdin-filename", name, "--format", format],
        );
        assert_eq!(code(&output), 1, "{format}: {}", stderr(&output));
        let text = stdout(&output);
        assert!(text.contains(name), "{format} does not name {name}: {text}");
        assert!(!text.contains("<stdin>"), "{format}: {text}");
    }
}

#[test]
fn stdin_human_report_snapshot() {
    let output = check_stdin(
        &root(),
        &with_errors(),
        &["--stdin-filename", "team/playbook.yaml"],
    );
    insta::assert_snapshot!(stdout(&output));
}

#[test]
fn stdin_reports_the_same_as_the_file_would() {
    // Decoding is the same as for files: a byte-order mark is dropped, invalid UTF-8 and NUL
    // bytes are located.
    for bytes in [
        &b"\xef\xbb\xbfversion: 3\nplaybook: p\n"[..],
        &b"version: 1\nplaybook: p\ntitle: caf\xe9\n"[..],
        &b"version: 1\nplaybook: p\x00\n"[..],
        &b""[..],
    ] {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("p.yaml"), bytes).unwrap();
        let from_file =
            crate::support::smarketing_in(dir.path(), &["check", "p.yaml", "--format", "concise"]);
        let from_stdin = check_stdin(
            dir.path(),
            bytes,
            &["--stdin-filename", "p.yaml", "--format", "concise"],
        );
        assert_eq!(code(&from_stdin), code(&from_file));
        assert_eq!(stdout(&from_stdin), stdout(&from_file));
        assert_eq!(stderr(&from_stdin), stderr(&from_file));
        assert!(
            stdout(&from_stdin).contains("p.yaml:"),
            "{}",
            stdout(&from_stdin)
        );
    }
}

#[test]
fn stdin_includes_are_read_relative_to_the_stdin_filename() {
    // The name need not exist; the playbook's includes are found beside it.
    let root_playbook = std::fs::read(root().join(HOTEL).join("playbook.yaml")).unwrap();
    let output = check_stdin(
        &root(),
        &root_playbook,
        &[
            "--stdin-filename",
            "playbooks/hotel-seeblick/edited.yaml",
            "--format",
            "json",
        ],
    );
    assert_eq!(code(&output), 0, "{}{}", stdout(&output), stderr(&output));
    let report: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(report["summary"]["files"], 4, "{report}");
    let junit = check_stdin(
        &root(),
        &root_playbook,
        &[
            "--stdin-filename",
            "playbooks/hotel-seeblick/edited.yaml",
            "--format",
            "junit",
        ],
    );
    let xml = stdout(&junit);
    for file in ["edited.yaml", "people.yaml", "tasks.yaml", "data.yaml"] {
        assert!(
            xml.contains(&format!(
                "<testsuite name=\"playbooks/hotel-seeblick/{file}\""
            )),
            "{file}: {xml}"
        );
    }
}

#[test]
fn stdin_includes_without_a_name_are_read_relative_to_the_current_folder() {
    let folder = root().join(HOTEL);
    let root_playbook = std::fs::read(folder.join("playbook.yaml")).unwrap();
    let output = check_stdin(&folder, &root_playbook, &["--format", "json"]);
    assert_eq!(code(&output), 0, "{}{}", stdout(&output), stderr(&output));
    let report: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(report["summary"]["files"], 4, "{report}");
    // From elsewhere, the same includes are missing.
    let elsewhere = check_stdin(&root(), &root_playbook, &["--format", "concise"]);
    assert_eq!(code(&elsewhere), 1);
    assert!(
        stdout(&elsewhere).contains("<stdin>:")
            && stdout(&elsewhere).contains("error[include-error]"),
        "{}",
        stdout(&elsewhere)
    );
}

#[test]
fn stdin_includes_stay_inside_the_folder_of_the_name() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("team")).unwrap();
    std::fs::write(
        dir.path().join("people.yaml"),
        "people:\n  anna: { name: Anna }\n",
    )
    .unwrap();
    let output = check_stdin(
        dir.path(),
        b"version: 1\nplaybook: p\ninclude: [../people.yaml]\n",
        &["--stdin-filename", "team/p.yaml", "--format", "concise"],
    );
    assert_eq!(code(&output), 1);
    assert!(
        stdout(&output).contains("team/p.yaml:3:11: error[include-error]"),
        "{}",
        stdout(&output)
    );
}

#[test]
fn stdin_is_checked_rather_than_the_file_of_that_name() {
    // The file on disk is clean; the edited buffer on standard input is not.
    let output = check_stdin(
        &root(),
        &with_errors(),
        &[
            "--stdin-filename",
            "playbooks/agency.yaml",
            "--format",
            "concise",
        ],
    );
    assert_eq!(code(&output), 1);
    assert!(
        stdout(&output).contains("playbooks/agency.yaml:6:3: error[unowned-task]"),
        "{}",
        stdout(&output)
    );
}

#[test]
fn stdin_respects_the_size_cap() {
    let input = vec![b'#'; 1024 * 1024 + 1];
    let output = check_stdin(&root(), &input, &["--max-file-size", "1"]);
    assert_eq!(code(&output), 2);
    assert_eq!(
        stderr(&output),
        "error: cannot read standard input: the input is more than the limit of 1 MiB (raise it with --max-file-size)\n"
    );
    assert!(stdout(&output).is_empty());
    let within = check_stdin(
        &root(),
        &with_errors(),
        &["--max-file-size", "1", "--format", "concise"],
    );
    assert_eq!(code(&within), 1);
}

#[test]
fn stdin_usage_mistakes_exit_2() {
    let cases: [(&[&str], &str); 4] = [
        (
            &["check", "--stdin-filename", "p.yaml"],
            "error: --stdin-filename names the playbook read from standard input: give `-` as the path too (`smarketing check - --stdin-filename PATH`)\n",
        ),
        (
            &["check", WITH_ERRORS, "--stdin-filename", "p.yaml"],
            "error: --stdin-filename names the playbook read from standard input: give `-` as the path too (`smarketing check - --stdin-filename PATH`)\n",
        ),
        (
            &["check", "-", "playbooks/"],
            "error: `-` (standard input) cannot be combined with other paths: check them in a separate run (a file named `-` is `./-`)\n",
        ),
        (
            &["check", "-", "-"],
            "error: `-` (standard input) is given more than once: give it once\n",
        ),
    ];
    for (args, message) in cases {
        let output = smarketing_with_input(&root(), args, &with_errors());
        assert_eq!(code(&output), 2, "{args:?}");
        assert_eq!(stderr(&output), message, "{args:?}");
        assert!(stdout(&output).is_empty(), "{args:?}");
    }
}

#[test]
fn check_help_shows_reading_stdin() {
    let help = stdout(&smarketing(&["check", "--help"]));
    assert!(help.contains("--stdin-filename <PATH>"), "{help}");
    assert!(
        help.contains("smarketing check - --stdin-filename"),
        "an example: {help}"
    );
}

/// Runs `command` (a shell command line) with stdout and stderr on a terminal, through
/// util-linux `script`, and returns what reached the terminal. `None` where `script` is missing.
fn on_a_terminal(command: &str, no_color: bool) -> Option<String> {
    let probe = Command::new("script").arg("--version").output();
    if !probe.is_ok_and(|output| output.status.success()) {
        eprintln!("note: `script` (util-linux) is absent, so the terminal tests are skipped");
        return None;
    }
    let mut script = Command::new("script");
    script
        .args(["-q", "-e", "-c", command, "/dev/null"])
        .current_dir(root())
        .env_remove("GITHUB_ACTIONS")
        .env("COLUMNS", "100")
        .stdin(std::process::Stdio::null());
    if no_color {
        script.env("NO_COLOR", "1");
    } else {
        script.env_remove("NO_COLOR");
    }
    let output = script.output().expect("script runs");
    Some(String::from_utf8_lossy(&output.stdout).into_owned())
}

fn binary() -> String {
    format!("'{}'", env!("CARGO_BIN_EXE_smarketing"))
}

const ESCAPE: char = '\u{1b}';

#[test]
fn stderr_is_coloured_when_it_is_a_terminal_and_stdout_is_not() {
    let dir = tempfile::tempdir().unwrap();
    let captured = dir.path().join("stdout.txt");
    // `compile` refuses a playbook with errors on stderr, which stays on the terminal here.
    let Some(terminal) = on_a_terminal(
        &format!(
            "{} compile {WITH_ERRORS} > '{}'",
            binary(),
            captured.display()
        ),
        false,
    ) else {
        return;
    };
    assert!(terminal.contains(ESCAPE), "{terminal}");
    assert!(
        terminal.contains("\u{1b}[1;31merror\u{1b}[0m: `"),
        "{terminal}"
    );
    assert_eq!(std::fs::read_to_string(&captured).unwrap(), "");
    // A report on a piped stdout stays plain while the summary's terminal is coloured.
    let Some(terminal) = on_a_terminal(
        &format!(
            "{} check {WITH_ERRORS} no/such.yaml > '{}'",
            binary(),
            captured.display()
        ),
        false,
    ) else {
        return;
    };
    let report = std::fs::read_to_string(&captured).unwrap();
    assert!(report.contains("unowned-task"), "{report}");
    assert!(!report.contains(ESCAPE), "{report}");
    assert!(
        terminal.contains("\u{1b}[1;31merror\u{1b}[0m: cannot read `no/such.yaml`"),
        "{terminal}"
    );
}

#[test]
fn export_refusals_are_coloured_as_stderr_is() {
    let dir = tempfile::tempdir().unwrap();
    let playbook = dir.path().join("p.yaml");
    std::fs::write(
        &playbook,
        format!(
            "version: 1\nplaybook: p\nfields:\n  arrival_window: {{ label: {}, type: text }}\n",
            "L".repeat(65)
        ),
    )
    .unwrap();
    let command = format!(
        "{} export '{}' --target salesforce --out '{}'",
        binary(),
        playbook.display(),
        dir.path().join("out").display()
    );
    let captured = dir.path().join("stderr.txt");
    let Some(terminal) = on_a_terminal(&format!("{command} > /dev/null"), false) else {
        return;
    };
    assert!(
        terminal.contains("Salesforce allows at most 40"),
        "{terminal}"
    );
    assert!(
        terminal.contains("\u{1b}[1;31merror\u{1b}[0m: `"),
        "{terminal}"
    );
    let Some(terminal) = on_a_terminal(&format!("{command} 2> '{}'", captured.display()), false)
    else {
        return;
    };
    assert_eq!(terminal, "");
    let refusal = std::fs::read_to_string(&captured).unwrap();
    assert!(
        refusal.contains("Salesforce allows at most 40"),
        "{refusal}"
    );
    assert!(!refusal.contains(ESCAPE), "{refusal}");
    assert!(!dir.path().join("out").exists(), "nothing written");
}

#[test]
fn stdout_is_coloured_when_it_is_a_terminal_and_stderr_is_not() {
    let dir = tempfile::tempdir().unwrap();
    let captured = dir.path().join("stderr.txt");
    let Some(terminal) = on_a_terminal(
        &format!(
            "{} check {WITH_ERRORS} no/such.yaml 2> '{}'",
            binary(),
            captured.display()
        ),
        false,
    ) else {
        return;
    };
    assert!(terminal.contains(ESCAPE), "{terminal}");
    let errors = std::fs::read_to_string(&captured).unwrap();
    assert!(
        errors.contains("error: cannot read `no/such.yaml`"),
        "{errors}"
    );
    assert!(!errors.contains(ESCAPE), "{errors}");
    let Some(terminal) = on_a_terminal(
        &format!(
            "{} compile {WITH_ERRORS} 2> '{}'",
            binary(),
            captured.display()
        ),
        false,
    ) else {
        return;
    };
    assert_eq!(terminal, "");
    let refusal = std::fs::read_to_string(&captured).unwrap();
    assert!(refusal.contains("unowned-task"), "{refusal}");
    assert!(!refusal.contains(ESCAPE), "{refusal}");
}

#[test]
fn no_color_and_never_keep_a_terminal_plain() {
    let command = format!("{} check {WITH_ERRORS} no/such.yaml", binary());
    let Some(terminal) = on_a_terminal(&command, true) else {
        return;
    };
    assert!(terminal.contains("unowned-task"), "{terminal}");
    assert!(!terminal.contains(ESCAPE), "NO_COLOR: {terminal}");
    let Some(terminal) = on_a_terminal(&format!("{command} --color never"), false) else {
        return;
    };
    assert!(terminal.contains("unowned-task"), "{terminal}");
    assert!(!terminal.contains(ESCAPE), "--color never: {terminal}");
}

#[test]
fn color_always_colours_both_streams_when_piped() {
    let output = smarketing(&["--color", "always", "compile", WITH_ERRORS]);
    assert_eq!(code(&output), 1);
    assert!(stderr(&output).contains(ESCAPE), "{}", stderr(&output));
    let output = smarketing(&["--color", "always", "check", WITH_ERRORS, "no/such.yaml"]);
    assert!(stdout(&output).contains(ESCAPE), "{}", stdout(&output));
    assert!(
        stderr(&output).contains("\u{1b}[1;31merror\u{1b}[0m: cannot read"),
        "{}",
        stderr(&output)
    );
}

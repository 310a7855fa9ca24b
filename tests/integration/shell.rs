//! What users expect of a command-line tool around it: shell completions, a manual page, and a
//! `--version` that names the playbook language versions it reads.

use crate::support::{code, smarketing, stderr, stdout};
use std::process::Command;

#[test]
fn completions_are_printed_for_every_shell() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let output = smarketing(&["completions", shell]);
        assert_eq!(code(&output), 0, "{shell}: {}", stderr(&output));
        let script = stdout(&output);
        for command in ["check", "render", "completions", "man"] {
            assert!(script.contains(command), "{shell} lacks `{command}`");
        }
    }
}

#[test]
fn the_bash_completion_is_valid_bash() {
    let dir = tempfile::tempdir().unwrap();
    let script = dir.path().join("smarketing.bash");
    std::fs::write(&script, smarketing(&["completions", "bash"]).stdout).unwrap();
    match Command::new("bash").arg("-n").arg(&script).output() {
        Ok(output) => assert!(
            output.status.success(),
            "bash -n: {}",
            String::from_utf8_lossy(&output.stderr)
        ),
        Err(error) => eprintln!("note: bash is not available ({error}); `bash -n` skipped"),
    }
}

#[test]
fn an_unknown_shell_is_a_usage_error() {
    let output = smarketing(&["completions", "tcsh"]);
    assert_eq!(code(&output), 2);
    assert!(stderr(&output).contains("bash"), "{}", stderr(&output));
}

#[test]
fn the_manual_page_has_every_command() {
    let output = smarketing(&["man"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let page = stdout(&output);
    assert!(page.starts_with(".ie"), "{}", &page[..page.len().min(200)]);
    assert!(page.contains(".TH smarketing 1"), "no title line");
    for command in [
        "check",
        "rules",
        "explain",
        "schema",
        "render",
        "export",
        "compile",
        "graph",
        "diff",
        "init",
        "completions",
        "man",
    ] {
        assert!(
            page.contains(&format!(".SH \"SMARKETING {}\"", command.to_uppercase())),
            "the page has no section for `{command}`"
        );
    }
    assert!(
        page.contains("deny\\-warnings"),
        "the options of `check` are missing"
    );
}

#[test]
fn the_manual_page_renders_with_man() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("smarketing.1");
    std::fs::write(&page, smarketing(&["man"]).stdout).unwrap();
    let rendered = Command::new("man")
        .arg("-l")
        .arg(&page)
        .env("MANPAGER", "cat")
        .env("PAGER", "cat")
        .env("MANWIDTH", "100")
        .output();
    match rendered {
        Ok(output) if output.status.success() => {
            let text = String::from_utf8_lossy(&output.stdout);
            assert!(text.contains("smarketing"), "{text}");
            assert!(text.contains("SMARKETING CHECK"), "{text}");
        }
        Ok(output) => panic!("man -l failed: {}", String::from_utf8_lossy(&output.stderr)),
        Err(error) => eprintln!("note: man is not available ({error}); rendering skipped"),
    }
}

#[test]
fn version_names_the_language_versions() {
    let output = smarketing(&["--version"]);
    assert_eq!(code(&output), 0);
    assert_eq!(
        stdout(&output),
        format!(
            "smarketing {} (playbook language version 1)\n",
            env!("CARGO_PKG_VERSION")
        )
    );
    let output = smarketing(&["check", "--version"]);
    assert_eq!(code(&output), 0);
    assert!(stdout(&output).contains("playbook language version 1"));
}

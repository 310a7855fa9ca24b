//! `smarketing lsp` driven end to end over stdio by real LSP clients, on the winery playbook in
//! `tests/lsp/playbook` (a root file including `people.yaml` and `tasks.yaml`):
//!
//! - pytest-lsp under the recorded capabilities of VS Code, Neovim 0.10 and 0.11 and Emacs
//!   (`tests/lsp/run`): every finding at `check`'s place in its file, counted in the encoding
//!   agreed on, pushed and pulled; the did-you-mean fix; every safe fix at once, as on save;
//!   completion; definition; rename; and `shutdown` then `exit` ending the process with code 0;
//! - headless Neovim with its own LSP client (`tests/nvim/quickfix.lua`): a finding shown, its
//!   quick fix applied and the file written.
//!
//! Python and Neovim may be absent on a developer's machine: then these say so and skip, unless
//! CI sets `SMARKETING_REQUIRE_LSP_CLIENTS`, where a missing client is a failure.

use crate::support::{root, smarketing_in, stdout};
use std::process::{Command, Output, Stdio};
use std::sync::mpsc;
use std::time::Duration;

/// Set by CI, where the clients must run: then a missing one is a failure, not a skip.
const REQUIRED: &str = "SMARKETING_REQUIRE_LSP_CLIENTS";

/// Installing the Python packages on a cold cache takes one pip run.
const PREPARE_GUARD: Duration = Duration::from_secs(300);
/// A client that hangs is stopped here; each script also bounds its own waits.
const RUN_GUARD: Duration = Duration::from_secs(120);

/// `tests/lsp/run`'s exit code when the Python environment cannot be prepared.
const UNPREPARED: i32 = 75;

const PLAYBOOK: &str = "tests/lsp/playbook";

/// Says why `client` cannot run and skips, or fails where the clients are required.
fn skip(client: &str, why: &str) {
    assert!(
        std::env::var_os(REQUIRED).is_none(),
        "{REQUIRED} is set, but {why}"
    );
    eprintln!("note: {why}, so `smarketing lsp` is not tested with {client} (skipped)");
}

/// Runs `command` to its end, or kills it after `guard`.
fn bounded(mut command: Command, guard: Duration) -> Output {
    let what = format!("{command:?}");
    let child = command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|error| panic!("{what} does not start: {error}"));
    let pid = child.id();
    // Collected on another thread so that a full pipe cannot stall the child.
    let (sender, receiver) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = sender.send(child.wait_with_output());
    });
    let Ok(output) = receiver.recv_timeout(guard) else {
        let _ = Command::new("kill").arg("-9").arg(pid.to_string()).status();
        panic!("{what} still running after {guard:?}");
    };
    output.expect("the output is collected")
}

fn said(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

/// A copy of the winery playbook in a fresh folder, so that edits leave the repository alone.
fn copied() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().canonicalize().unwrap().join("weingut");
    std::fs::create_dir(&folder).unwrap();
    for name in ["weingut.yaml", "people.yaml", "tasks.yaml"] {
        std::fs::copy(root().join(PLAYBOOK).join(name), folder.join(name)).unwrap();
    }
    (dir, folder)
}

fn original(name: &str) -> String {
    std::fs::read_to_string(root().join(PLAYBOOK).join(name)).unwrap()
}

fn lsp_run(args: &[&str], guard: Duration) -> Output {
    let mut command = Command::new(root().join("tests/lsp/run"));
    command
        .args(args)
        .env("SMARKETING_BIN", env!("CARGO_BIN_EXE_smarketing"));
    bounded(command, guard)
}

#[test]
fn pytest_lsp_under_the_capabilities_of_four_editors() {
    if Command::new("python3").arg("--version").output().is_err() {
        return skip("pytest-lsp", "python3 is absent");
    }
    let prepared = lsp_run(&["--prepare"], PREPARE_GUARD);
    if prepared.status.code() == Some(UNPREPARED) {
        return skip(
            "pytest-lsp",
            &format!(
                "the Python environment for pytest-lsp could not be prepared:\n{}",
                said(&prepared)
            ),
        );
    }
    assert!(prepared.status.success(), "{}", said(&prepared));
    let output = lsp_run(&[], RUN_GUARD);
    let text = said(&output);
    assert!(output.status.success(), "{text}");
    // Six scenarios under four editors' capabilities, none skipped.
    assert!(text.contains("24 passed"), "{text}");
    assert!(!text.contains("skipped"), "{text}");
}

#[test]
fn neovim_shows_a_finding_applies_its_quick_fix_and_writes_the_file() {
    if Command::new("nvim").arg("--version").output().is_err() {
        return skip("Neovim", "nvim is absent");
    }
    let (_dir, folder) = copied();
    let script = root().join("tests/nvim/quickfix.lua");
    let mut nvim = Command::new("nvim");
    nvim.args(["--headless", "-u", "NONE", "-i", "NONE", "-n", "-c"])
        .arg(format!("luafile {}", script.display()))
        .current_dir(&folder)
        .env("SMARKETING_BIN", env!("CARGO_BIN_EXE_smarketing"))
        .env("SMARKETING_PLAYBOOK", &folder)
        // Neovim's own state and logs go to the temporary folder, not the user's home.
        .env("XDG_STATE_HOME", folder.join(".state"))
        .env("XDG_CACHE_HOME", folder.join(".cache"))
        .env("XDG_DATA_HOME", folder.join(".data"));
    let output = bounded(nvim, RUN_GUARD);
    let text = said(&output);
    assert!(output.status.success(), "nvim failed:\n{text}");

    let read = |name: &str| std::fs::read_to_string(folder.join(name)).unwrap();
    // The misspelled person is replaced by the did-you-mean suggestion, and nothing else moves.
    assert_eq!(
        read("tasks.yaml"),
        original("tasks.yaml").replace("accountable: baerbl\n", "accountable: baerbel\n")
    );
    // The misspelled key after `Jörg Größer-Müller` and the misspelled team after a grape:
    // Neovim counted the text before them as the server did, or the edits would have landed
    // beside the words.
    assert_eq!(
        read("people.yaml"),
        original("people.yaml")
            .replace("rolle: Kellermeister", "role: Kellermeister")
            .replace("team: verkauff,", "team: verkauf,")
    );
    assert_eq!(read("weingut.yaml"), original("weingut.yaml"));
    // `check` agrees that all three are gone.
    let check = smarketing_in(&folder, &["check", "weingut.yaml", "--format", "concise"]);
    let left = stdout(&check);
    assert!(!left.contains("error"), "{left}");
}

#[test]
fn the_playbook_has_the_findings_the_clients_look_for() {
    let check = smarketing_in(
        &root().join(PLAYBOOK),
        &["check", "weingut.yaml", "--format", "concise"],
    );
    let found = stdout(&check);
    for expected in [
        "tasks.yaml:8:18: error[unresolved-reference]",
        "people.yaml:6:53: error[schema]",
        "people.yaml:8:39: error[unresolved-reference]",
    ] {
        assert!(found.contains(expected), "{expected} in:\n{found}");
    }
}

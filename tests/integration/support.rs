//! Helpers shared by the integration tests.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The crate root; tests run with it as the working directory so paths in output are stable.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs the real `smarketing` binary in the crate root, without colour.
pub fn smarketing(args: &[&str]) -> Output {
    smarketing_in(&root(), args)
}

pub fn smarketing_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_smarketing"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("GITHUB_ACTIONS")
        .env("COLUMNS", "100")
        .output()
        .expect("the smarketing binary runs")
}

/// Runs the real binary in `dir` like [`smarketing_in`], with `input` on its standard input.
pub fn smarketing_with_input(dir: &Path, args: &[&str], input: &[u8]) -> Output {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_smarketing"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("GITHUB_ACTIONS")
        .env("COLUMNS", "100")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("the smarketing binary runs");
    let mut stdin = child.stdin.take().expect("stdin is piped");
    // Written on another thread: a refused (too large) input may never be read to the end, and
    // the output pipes must be drained meanwhile.
    let input = input.to_vec();
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(&input);
    });
    let output = child
        .wait_with_output()
        .expect("the smarketing binary ends");
    let _ = writer.join();
    output
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

pub fn code(output: &Output) -> i32 {
    output.status.code().unwrap_or(-1)
}

/// `../shared`, where the vendor schemas and conformance scripts live, if this checkout has it.
pub fn shared() -> Option<PathBuf> {
    let shared = root().join("..").join("shared");
    if shared.join("conformance").join("run").exists() {
        Some(shared)
    } else {
        eprintln!(
            "note: {} is absent, so the conformance check against the vendor schemas is skipped",
            shared.display()
        );
        None
    }
}

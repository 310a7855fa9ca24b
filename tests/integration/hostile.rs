//! Hostile input: every kind ends in exit 1 or 2 with a message naming the file, quickly and in
//! bounded memory. Each run gets a 1 GiB address-space limit (`ulimit -v`), so unbounded memory
//! would end in an allocation failure and fail the test; a 20 s guard catches hangs.

use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

const MEMORY_LIMIT_KIB: u64 = 1024 * 1024;
const HANG_GUARD: Duration = Duration::from_secs(20);

/// Runs `smarketing check FILE` under the memory limit; returns exit code and all output.
fn check(dir: &Path, file: &str) -> (i32, String) {
    let script =
        format!("ulimit -v {MEMORY_LIMIT_KIB} && exec \"$0\" check --format concise \"$1\"");
    let child = Command::new("sh")
        .arg("-c")
        .arg(script)
        .arg(env!("CARGO_BIN_EXE_smarketing"))
        .arg(file)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("sh runs");
    let pid = child.id();
    // The output is collected on another thread so that a full pipe cannot stall the child.
    let (sender, receiver) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = sender.send(child.wait_with_output());
    });
    let Ok(output) = receiver.recv_timeout(HANG_GUARD) else {
        let _ = Command::new("kill").arg("-9").arg(pid.to_string()).status();
        panic!("`check {file}` still running after {HANG_GUARD:?}");
    };
    let output = output.expect("output is collected");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    (output.status.code().unwrap_or(-1), text)
}

/// Writes `content` to `name` in a fresh folder and checks it: exit 1 or 2, output names the file
/// and says `expected`.
fn refused(name: &str, content: &[u8], expected: &str) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(name), content).unwrap();
    assert_refused(dir.path(), name, expected);
}

fn assert_refused(dir: &Path, name: &str, expected: &str) {
    let (code, text) = check(dir, name);
    assert!(
        code == 1 || code == 2,
        "`{name}` ended with exit code {code}:\n{text}"
    );
    assert!(
        text.contains(name),
        "the message does not name `{name}`:\n{text}"
    );
    assert!(
        text.contains(expected),
        "`{name}`: expected `{expected}` in:\n{text}"
    );
}

#[test]
fn empty_file() {
    refused("empty.yaml", b"", "the playbook is empty");
}

#[test]
fn only_a_comment() {
    refused("comment.yaml", b"# nothing here\n", "the playbook is empty");
}

#[test]
fn a_list_at_the_top() {
    refused(
        "list.yaml",
        b"- version: 1\n- playbook: x\n",
        "a playbook file is a map of sections, but this one is a list",
    );
}

#[test]
fn a_scalar_at_the_top() {
    refused("scalar.yaml", b"just some text\n", "but this one is text");
}

#[test]
fn invalid_utf8() {
    refused(
        "latin1.yaml",
        b"version: 1\nplaybook: caf\xe9\n",
        "latin1.yaml:2:14: error[yaml-syntax] the file is not valid UTF-8",
    );
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("latin1.yaml"),
        b"version: 1\nplaybook: caf\xe9\n",
    )
    .unwrap();
    let (_, text) = check(dir.path(), "latin1.yaml");
    assert!(
        !text.contains("no-contacts"),
        "no rule findings on unreadable text: {text}"
    );
}

#[test]
fn a_binary_file() {
    let bytes: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8)
        .collect();
    refused("image.yaml", &bytes, "error[yaml-syntax]");
}

#[test]
fn nul_bytes_in_text() {
    refused(
        "nul.yaml",
        b"version: 1\nplaybook: a\0b\n",
        "the file contains a NUL byte",
    );
}

#[test]
fn hundred_thousand_nested_brackets() {
    refused(
        "brackets.yaml",
        "[".repeat(100_000).as_bytes(),
        "brackets.yaml:1:65: error[yaml-syntax] invalid YAML: the YAML is nested more than 64 levels deep",
    );
}

#[test]
fn thousands_of_nested_block_sequences() {
    let mut text = String::new();
    for depth in 0..5_000 {
        text.push_str(&" ".repeat(depth * 2));
        text.push_str("-\n");
    }
    refused(
        "sequences.yaml",
        text.as_bytes(),
        "nested more than 64 levels deep",
    );
}

#[test]
fn thousands_of_nested_maps() {
    let mut text = String::new();
    for depth in 0..5_000 {
        text.push_str(&" ".repeat(depth));
        text.push_str("a:\n");
    }
    refused(
        "maps.yaml",
        text.as_bytes(),
        "nested more than 64 levels deep",
    );
}

#[test]
fn nested_alias_bomb() {
    let mut text = String::from(
        "version: 1\nplaybook: lol\na0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n",
    );
    for level in 1..12 {
        let row = vec![format!("*a{}", level - 1); 9].join(", ");
        text.push_str(&format!("a{level}: &a{level} [{row}]\n"));
    }
    refused(
        "laughs.yaml",
        text.as_bytes(),
        "aliases expand to too many values",
    );
}

#[test]
fn wide_alias_bomb() {
    let mut text = String::from("version: 1\nplaybook: wide\nbase: &base [");
    text.push_str(&vec!["x"; 1000].join(", "));
    text.push_str("]\nmany: [");
    text.push_str(&vec!["*base"; 10_000].join(", "));
    text.push_str("]\n");
    refused(
        "wide.yaml",
        text.as_bytes(),
        "aliases expand to too many values",
    );
}

#[test]
fn a_300_megabyte_file() {
    let dir = tempfile::tempdir().unwrap();
    let file = std::fs::File::create(dir.path().join("huge.yaml")).unwrap();
    // Sparse: the size is what matters, and the file is refused before it is read.
    file.set_len(300 * 1024 * 1024).unwrap();
    assert_refused(dir.path(), "huge.yaml", "more than the limit of 64 MiB");
}

#[test]
fn a_huge_single_scalar() {
    let mut text = b"version: 1\nplaybook: p\ntitle: ".to_vec();
    text.extend(std::iter::repeat_n(b'x', 40 * 1024 * 1024));
    text.extend(b"\nteams: [\n");
    refused("scalar-huge.yaml", &text, "error[yaml-syntax]");
}

#[test]
fn an_include_cycle() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("root.yaml"),
        "version: 1\nplaybook: root\ninclude: [a.yaml]\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("a.yaml"), "include: [b.yaml]\n").unwrap();
    std::fs::write(dir.path().join("b.yaml"), "include: [a.yaml]\n").unwrap();
    let (code, text) = check(dir.path(), "root.yaml");
    assert_eq!(code, 1, "{text}");
    assert!(
        text.contains(
            "b.yaml:1:11: error[include-error] include cycle: a.yaml -> b.yaml -> a.yaml"
        ),
        "{text}"
    );
}

#[test]
fn a_self_include() {
    refused(
        "self.yaml",
        b"version: 1\nplaybook: me\ninclude: [self.yaml]\n",
        "include cycle: self.yaml -> self.yaml",
    );
}

#[test]
fn a_missing_include() {
    refused(
        "root.yaml",
        b"version: 1\nplaybook: root\ninclude: [gone.yaml]\n",
        "included file `gone.yaml` does not exist",
    );
}

#[test]
fn an_include_outside_the_folder() {
    let dir = tempfile::tempdir().unwrap();
    let inner = dir.path().join("inner");
    std::fs::create_dir(&inner).unwrap();
    std::fs::write(dir.path().join("outside.yaml"), "teams: {}\n").unwrap();
    std::fs::write(
        inner.join("root.yaml"),
        "version: 1\nplaybook: root\ninclude: [../outside.yaml, /etc/passwd]\n",
    )
    .unwrap();
    let (code, text) = check(&inner, "root.yaml");
    assert_eq!(code, 1, "{text}");
    assert!(
        text.contains("include `../outside.yaml` leaves the playbook's folder"),
        "{text}"
    );
    assert!(
        text.contains("include `/etc/passwd` is an absolute path"),
        "{text}"
    );
}

#[test]
fn wrong_types_everywhere_are_all_reported() {
    let text = "version: one\nplaybook: 42\nteams: [a, b]\npeople:\n  anna: 5\ntasks:\n  t: { title: [x], accountable: {a: 1}, due: soon }\n  u: { title: U, depends_on: {t: 1} }\n";
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("types.yaml"), text).unwrap();
    let (code, out) = check(dir.path(), "types.yaml");
    assert_eq!(code, 1, "{out}");
    for expected in [
        "types.yaml:1:10: error[schema] `version`: expected a whole number, found the text `one`",
        "types.yaml:3:8: error[schema] `teams` must be a map from id to team, but it is a list",
        "types.yaml:5:9: error[schema] person `anna`: expected a map (person), found the number `5`",
        "types.yaml:7:15: error[schema] `title` of task `t`: expected text, found a list",
        "types.yaml:8:30: error[schema] `depends_on` of task `u`: expected text, found a map",
    ] {
        assert!(out.contains(expected), "missing `{expected}` in:\n{out}");
    }
}

#[test]
fn many_duplicate_keys() {
    let mut text = String::from("version: 1\nplaybook: dup\nteams:\n");
    for _ in 0..20_000 {
        text.push_str("  a: { name: A }\n");
    }
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("dups.yaml"), &text).unwrap();
    let (code, out) = check(dir.path(), "dups.yaml");
    assert_eq!(code, 1);
    assert_eq!(out.matches("error[duplicate-key]").count(), 19_999);
}

#[test]
fn a_folder_named_as_a_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("folder.yaml")).unwrap();
    std::fs::write(
        dir.path().join("root.yaml"),
        "version: 1\nplaybook: root\ninclude: [folder.yaml]\n",
    )
    .unwrap();
    let (code, text) = check(dir.path(), "root.yaml");
    assert_eq!(code, 1, "{text}");
    assert!(
        text.contains("cannot read included file `folder.yaml`: not a regular file"),
        "{text}"
    );
}

#[test]
fn several_documents() {
    refused(
        "docs.yaml",
        b"version: 1\nplaybook: a\n---\nversion: 1\n",
        "more than one YAML document",
    );
}

#[test]
fn a_missing_file_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let (code, text) = check(dir.path(), "missing.yaml");
    assert_eq!(code, 2, "{text}");
    assert!(
        text.contains("cannot read `missing.yaml`: no such file or folder"),
        "{text}"
    );
}

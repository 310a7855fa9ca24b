//! Randomly damaged playbooks: whatever the damage, `check` ends with exit 0, 1 or 2, says
//! something, and neither panics nor hangs. The damage is pseudo-random from a fixed seed, so a
//! failure reproduces; the failing input is printed.

use crate::support::root;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

/// xorshift64*: a tiny deterministic generator, enough to pick damage.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const TOKENS: [&str; 16] = [
    "[",
    "]",
    "{",
    "}",
    ":",
    "- ",
    "&a ",
    "*a",
    "!!binary ",
    "'",
    "\"",
    "#",
    "\t",
    "\u{0}",
    "é",
    "---\n",
];

/// One random change to a playbook's bytes.
fn damage(text: &[u8], random: &mut Random) -> Vec<u8> {
    let mut bytes = text.to_vec();
    let lines: Vec<&[u8]> = text.split(|&b| b == b'\n').collect();
    match random.below(8) {
        0 => {
            // Drop a line.
            let skip = random.below(lines.len());
            bytes = lines
                .iter()
                .enumerate()
                .filter(|(i, _)| *i != skip)
                .map(|(_, l)| *l)
                .collect::<Vec<_>>()
                .join(&b'\n');
        }
        1 => {
            // Repeat a line (duplicate keys, duplicate ids).
            let at = random.below(lines.len());
            let mut out: Vec<&[u8]> = lines.clone();
            out.insert(at, lines[at]);
            bytes = out.join(&b'\n');
        }
        2 => {
            // Insert a YAML token somewhere.
            let at = random.below(bytes.len());
            let token = TOKENS[random.below(TOKENS.len())].as_bytes();
            bytes.splice(at..at, token.iter().copied());
        }
        3 => {
            // Cut the file short.
            bytes.truncate(random.below(bytes.len()));
        }
        4 => {
            // Shift a line's indentation.
            let at = random.below(lines.len());
            let mut out: Vec<Vec<u8>> = lines.iter().map(|l| l.to_vec()).collect();
            if random.below(2) == 0 {
                out[at].splice(0..0, *b"   ");
            } else {
                let keep = out[at].iter().position(|&b| b != b' ').unwrap_or(0);
                out[at].drain(..keep.min(2));
            }
            bytes = out.join(&b'\n');
        }
        5 => {
            // Overwrite a byte with anything, valid UTF-8 or not.
            if !bytes.is_empty() {
                let at = random.below(bytes.len());
                bytes[at] = random.below(256) as u8;
            }
        }
        6 => {
            // Swap two lines.
            let (a, b) = (random.below(lines.len()), random.below(lines.len()));
            let mut out: Vec<&[u8]> = lines.clone();
            out.swap(a, b);
            bytes = out.join(&b'\n');
        }
        _ => {
            // Replace a value with a different kind of value.
            let at = random.below(lines.len());
            let mut out: Vec<Vec<u8>> = lines.iter().map(|l| l.to_vec()).collect();
            if let Some(colon) = out[at].iter().position(|&b| b == b':') {
                let replacement = [
                    "",
                    " [a, b]",
                    " {x: 1}",
                    " 12",
                    " true",
                    " ~",
                    " *a",
                    " 2027-13-45",
                ][random.below(8)];
                out[at].truncate(colon + 1);
                out[at].extend_from_slice(replacement.as_bytes());
            }
            bytes = out.join(&b'\n');
        }
    }
    bytes
}

fn check(dir: &std::path::Path) -> (Option<i32>, String) {
    let child = Command::new(env!("CARGO_BIN_EXE_smarketing"))
        .args(["check", "p.yaml", "--format", "concise"])
        .current_dir(dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let pid = child.id();
    let (sender, receiver) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = sender.send(child.wait_with_output());
    });
    let Ok(output) = receiver.recv_timeout(Duration::from_secs(20)) else {
        let _ = Command::new("kill").arg("-9").arg(pid.to_string()).status();
        return (None, "hung".into());
    };
    let output = output.unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    (output.status.code(), text)
}

#[test]
fn three_hundred_damaged_playbooks_end_cleanly() {
    let sources = [
        "playbooks/agency.yaml",
        "playbooks/b2b-saas.yaml",
        "tests/fixtures/diff/old.yaml",
    ];
    let originals: Vec<Vec<u8>> = sources
        .iter()
        .map(|p| std::fs::read(root().join(p)).unwrap())
        .collect();
    // SMARKETING_MUTATION_ROUNDS and SMARKETING_MUTATION_SEED make longer or other runs.
    let rounds: usize = std::env::var("SMARKETING_MUTATION_ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(300);
    let seed: u64 = std::env::var("SMARKETING_MUTATION_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x5eed_cafe_f00d_1234);
    let mut random = Random(seed.max(1));
    let dir = tempfile::tempdir().unwrap();
    let mut codes = [0usize; 3];
    for round in 0..rounds {
        let original = &originals[round % originals.len()];
        let mut damaged = damage(original, &mut random);
        if random.below(3) == 0 {
            damaged = damage(&damaged, &mut random);
        }
        // In process, the whole pipeline: a damaged playbook that still compiles is rendered and
        // exported too.
        let _ = crate::pipeline::exercise(&damaged);
        std::fs::write(dir.path().join("p.yaml"), &damaged).unwrap();
        let (code, text) = check(dir.path());
        let shown = String::from_utf8_lossy(&damaged);
        match code {
            Some(code @ 0..=2) => codes[code as usize] += 1,
            other => panic!("round {round}: exit {other:?}\n{text}\n--- input ---\n{shown}"),
        }
        assert!(
            !text.contains("panicked"),
            "round {round}: {text}\n--- input ---\n{shown}"
        );
        assert!(
            !text.trim().is_empty(),
            "round {round}: no output\n--- input ---\n{shown}"
        );
    }
    // The damage must really damage: most runs find something.
    assert!(codes[1] > rounds / 3, "exit codes 0/1/2: {codes:?}");
    eprintln!("{rounds} damaged playbooks: exit codes 0/1/2: {codes:?}");
}

//! Measures `smarketing lsp` as an editor meets it: the real binary over stdio, a playbook open,
//! and the time from a keystroke (`didChange`) to the diagnostics of the changed file.
//!
//! `cargo run --release --example lsp_latency -- BINARY PLAYBOOK [KEYSTROKES]` prints, as
//! Markdown lines: the time from opening the playbook to its first diagnostics; the median, 90th
//! percentile and maximum time from one keystroke to the diagnostics of the text it made, each
//! keystroke sent after the previous one's diagnostics arrived; and a burst of keystrokes sent
//! at once, with how many checks the server ran for them and when the last text's diagnostics
//! arrived. `scripts/bench-lsp.sh` runs it on the hotel example and a generated playbook.

use serde_json::{Value, json};
use smarketing::lsp::transport::{Frame, read_frame, write_frame};
use std::io::{BufReader, Read};
use std::process::{ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(binary), Some(playbook)) = (args.next(), args.next()) else {
        eprintln!("usage: lsp_latency BINARY PLAYBOOK [KEYSTROKES]");
        std::process::exit(2);
    };
    let keystrokes: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(50);
    let path = std::fs::canonicalize(&playbook).expect("the playbook exists");
    let folder = path.parent().expect("a file has a folder");
    let uri = format!("file://{}", path.display());
    let text = std::fs::read_to_string(&path).expect("the playbook reads");

    let mut child = Command::new(binary)
        .arg("lsp")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("the server starts");
    let mut input = child.stdin.take().expect("piped");
    let messages = read_messages(child.stdout.take().expect("piped"));
    send(
        &mut input,
        json!({ "jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
            "processId": null,
            "capabilities": { "general": { "positionEncodings": ["utf-8"] } },
            "workspaceFolders": [{ "uri": format!("file://{}", folder.display()), "name": "bench" }]
        }}),
    );
    wait_for(&messages, |m| m["id"] == 1);
    notify(&mut input, "initialized", json!({}));

    let start = Instant::now();
    notify(
        &mut input,
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": uri, "languageId": "yaml", "version": 1, "text": text } }),
    );
    let published = |version: i64| {
        let uri = uri.clone();
        move |m: &Value| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri.as_str()
                && m["params"]["version"] == version
        }
    };
    let first = wait_for(&messages, published(1));
    let opened = start.elapsed();
    let findings = first["params"]["diagnostics"]
        .as_array()
        .map_or(0, Vec::len);

    // A keystroke at the end of the file and its undo, alternately: the playbook stays the same.
    let lines = text.lines().count() as u32;
    let change = |version: i64| {
        let typed = version % 2 == 0;
        let range = if typed {
            json!({ "start": { "line": lines, "character": 0 }, "end": { "line": lines, "character": 0 } })
        } else {
            json!({ "start": { "line": lines, "character": 0 }, "end": { "line": lines, "character": 1 } })
        };
        json!({
            "textDocument": { "uri": uri, "version": version },
            "contentChanges": [{ "range": range, "text": if typed { "#" } else { "" } }]
        })
    };
    let mut times = Vec::with_capacity(keystrokes);
    let mut version = 1;
    for _ in 0..keystrokes {
        version += 1;
        let sent = Instant::now();
        notify(&mut input, "textDocument/didChange", change(version));
        wait_for(&messages, published(version));
        times.push(sent.elapsed());
    }
    times.sort();

    // Keystrokes faster than any check: they must not queue up.
    let burst = keystrokes.max(2) as i64 & !1;
    let sent = Instant::now();
    let first_of_burst = version + 1;
    for _ in 0..burst {
        version += 1;
        notify(&mut input, "textDocument/didChange", change(version));
    }
    let mut checks = 0;
    loop {
        let message = next(&messages);
        let is_ours = message["method"] == "textDocument/publishDiagnostics"
            && message["params"]["uri"] == uri.as_str();
        if is_ours {
            checks += 1;
            if message["params"]["version"] == version {
                break;
            }
        }
    }
    let burst_time = sent.elapsed();

    send(
        &mut input,
        json!({ "jsonrpc": "2.0", "id": 2, "method": "shutdown" }),
    );
    wait_for(&messages, |m| m["id"] == 2);
    notify(&mut input, "exit", Value::Null);
    let status = child.wait().expect("the server ends");

    let at = |q: f64| times[((times.len() - 1) as f64 * q).round() as usize];
    println!(
        "- {}: {} bytes, {findings} findings; open → diagnostics {:.1} ms",
        playbook,
        text.len(),
        ms(opened)
    );
    println!(
        "- keystroke → diagnostics, {keystrokes} keystrokes: median {:.2} ms, p90 {:.2} ms, max {:.2} ms",
        ms(at(0.5)),
        ms(at(0.9)),
        ms(at(1.0))
    );
    println!(
        "- {burst} keystrokes at once (versions {first_of_burst}–{version}): {checks} checks, last diagnostics after {:.1} ms",
        ms(burst_time)
    );
    println!(
        "- exit status after shutdown and exit: {}",
        status.code().unwrap_or(-1)
    );
}

fn ms(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1000.0
}

fn send(input: &mut ChildStdin, message: Value) {
    write_frame(input, &message.to_string()).expect("the server reads");
}

fn notify(input: &mut ChildStdin, method: &str, params: Value) {
    send(
        input,
        json!({ "jsonrpc": "2.0", "method": method, "params": params }),
    );
}

/// The server's messages, read on a thread of their own as they come.
fn read_messages(output: impl Read + Send + 'static) -> Receiver<Value> {
    let (sender, receiver) = channel();
    std::thread::spawn(move || {
        let mut reader = BufReader::new(output);
        while let Ok(Some(frame)) = read_frame(&mut reader) {
            let Frame::Message(message) = frame else {
                continue;
            };
            let value = serde_json::to_value(&message).unwrap_or(Value::Null);
            if sender.send(value).is_err() {
                return;
            }
        }
    });
    receiver
}

fn next(messages: &Receiver<Value>) -> Value {
    messages
        .recv_timeout(Duration::from_secs(120))
        .expect("the server answers within two minutes")
}

fn wait_for(messages: &Receiver<Value>, wanted: impl Fn(&Value) -> bool) -> Value {
    loop {
        let message = next(messages);
        if wanted(&message) {
            return message;
        }
    }
}

//! `smarketing lsp` as a process: what it does with the ends of a session and with bytes that
//! are not the protocol's, seen from its exit code and its answers.

use serde_json::{Value, json};
use smarketing::lsp::transport::{Frame, read_frame, write_frame};
use std::io::{BufReader, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

struct Server {
    child: Child,
    input: Option<ChildStdin>,
    output: Receiver<Value>,
}

impl Server {
    fn start() -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_smarketing"))
            .arg("lsp")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let input = child.stdin.take().unwrap();
        let stdout = child.stdout.take().unwrap();
        let (sender, output) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            while let Ok(Some(Frame::Message(message))) = read_frame(&mut reader) {
                if sender
                    .send(serde_json::to_value(&message).unwrap())
                    .is_err()
                {
                    return;
                }
            }
        });
        let mut server = Server {
            child,
            input: Some(input),
            output,
        };
        server.send(json!({ "jsonrpc": "2.0", "id": 1, "method": "initialize", "params": { "capabilities": {} } }));
        server.answer(1);
        server.send(json!({ "jsonrpc": "2.0", "method": "initialized", "params": {} }));
        server
    }

    fn send(&mut self, message: Value) {
        write_frame(self.input.as_mut().unwrap(), &message.to_string()).unwrap();
    }

    fn answer(&self, id: i64) -> Value {
        loop {
            let message = self
                .output
                .recv_timeout(Duration::from_secs(30))
                .expect("an answer");
            if message["id"] == id {
                return message;
            }
        }
    }

    /// The exit code and standard error, waiting at most 30 s.
    fn end(mut self) -> (i32, String) {
        for _ in 0..300 {
            if let Some(status) = self.child.try_wait().unwrap() {
                let mut stderr = String::new();
                std::io::Read::read_to_string(&mut self.child.stderr.take().unwrap(), &mut stderr)
                    .unwrap();
                return (status.code().unwrap_or(-1), stderr);
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        self.child.kill().unwrap();
        panic!("the server did not end");
    }
}

#[test]
fn shutdown_then_exit_ends_with_0_and_later_requests_are_refused() {
    let mut server = Server::start();
    server.send(json!({ "jsonrpc": "2.0", "id": 2, "method": "shutdown" }));
    assert_eq!(server.answer(2)["result"], Value::Null);
    server.send(json!({ "jsonrpc": "2.0", "id": 3, "method": "workspace/symbol", "params": { "query": "" } }));
    assert_eq!(server.answer(3)["error"]["code"], -32600);
    server.send(json!({ "jsonrpc": "2.0", "method": "exit" }));
    assert_eq!(server.end().0, 0);
}

#[test]
fn exit_without_shutdown_ends_with_1() {
    let mut server = Server::start();
    server.send(json!({ "jsonrpc": "2.0", "method": "exit" }));
    let (code, stderr) = server.end();
    assert_eq!(code, 1);
    assert!(stderr.contains("without `shutdown`"), "{stderr}");
}

#[test]
fn a_message_that_is_not_json_rpc_is_skipped_and_the_session_goes_on() {
    let mut server = Server::start();
    write!(
        server.input.as_mut().unwrap(),
        "Content-Length: 10\r\n\r\n{{not json}}"
    )
    .unwrap();
    server.send(json!({ "jsonrpc": "2.0", "id": 2, "method": "workspace/symbol", "params": { "query": "" } }));
    assert_eq!(server.answer(2)["result"], json!([]));
    server.send(json!({ "jsonrpc": "2.0", "id": 3, "method": "shutdown" }));
    server.answer(3);
    server.send(json!({ "jsonrpc": "2.0", "method": "exit" }));
    let (code, stderr) = server.end();
    assert_eq!(code, 0);
    assert!(
        stderr.contains("skipped a message that is not JSON-RPC"),
        "{stderr}"
    );
}

#[test]
fn a_closed_connection_ends_the_server_with_1() {
    let mut server = Server::start();
    server.input = None;
    assert_eq!(server.end().0, 1);
}

//! Messages to and from the editor over standard input and output.
//!
//! lsp-server has a stdio transport of its own; this one differs where an editor's bytes are
//! not what the protocol promises: a message whose body is not JSON-RPC is skipped (and said on
//! standard error, which editors keep as the server's log) instead of ending the server, and a
//! `Content-Length` beyond [`MAX_MESSAGE`] is skipped unread instead of allocated.

use crossbeam_channel::{Receiver, Sender, bounded, unbounded};
use lsp_server::{Connection, Message};
use std::io::{self, BufRead, Read, Write};
use std::thread::JoinHandle;

/// The largest message read: far above the largest playbook (the file size cap is 64 MiB) sent
/// whole with JSON escapes.
pub const MAX_MESSAGE: usize = 256 * 1024 * 1024;

/// What one frame of input held.
#[derive(Debug)]
pub enum Frame {
    Message(Message),
    /// A frame that is no message, and why.
    Skipped(String),
}

/// The connection over stdio, and the thread that writes to standard output (joined to flush
/// the last answers). The reading thread ends with the input or after `exit`.
pub fn stdio() -> (Connection, JoinHandle<io::Result<()>>) {
    let (to_editor, outgoing): (Sender<Message>, Receiver<Message>) = unbounded();
    let writer = std::thread::spawn(move || {
        let stdout = io::stdout();
        let mut stdout = stdout.lock();
        for message in outgoing {
            message.write(&mut stdout)?;
        }
        Ok(())
    });
    let (incoming, from_editor) = bounded::<Message>(0);
    std::thread::spawn(move || {
        let stdin = io::stdin();
        let mut stdin = stdin.lock();
        loop {
            match read_frame(&mut stdin) {
                Ok(Some(Frame::Message(message))) => {
                    let exit = matches!(&message, Message::Notification(n) if n.method == "exit");
                    if incoming.send(message).is_err() || exit {
                        return;
                    }
                }
                Ok(Some(Frame::Skipped(why))) => eprintln!("smarketing lsp: skipped {why}"),
                Ok(None) | Err(_) => return,
            }
        }
    });
    let connection = Connection {
        sender: to_editor,
        receiver: from_editor,
    };
    (connection, writer)
}

/// Reads one frame: headers, an empty line, a body of `Content-Length` bytes. `None` at the end
/// of the input.
pub fn read_frame(input: &mut impl BufRead) -> io::Result<Option<Frame>> {
    let mut length: Option<usize> = None;
    let mut line = String::new();
    loop {
        line.clear();
        if input.read_line(&mut line)? == 0 {
            return Ok(None);
        }
        let header = line.trim_end_matches(['\r', '\n']);
        if header.is_empty() {
            break;
        }
        if let Some((name, value)) = header.split_once(':')
            && name.trim().eq_ignore_ascii_case("Content-Length")
        {
            length = value.trim().parse().ok();
        }
    }
    let Some(length) = length else {
        return Ok(Some(Frame::Skipped(
            "a message without a readable `Content-Length`".to_owned(),
        )));
    };
    if length > MAX_MESSAGE {
        io::copy(&mut input.take(length as u64), &mut io::sink())?;
        return Ok(Some(Frame::Skipped(format!(
            "a message of {length} bytes, more than {MAX_MESSAGE}"
        ))));
    }
    let mut body = vec![0; length];
    input.read_exact(&mut body)?;
    Ok(Some(match serde_json::from_slice::<Message>(&body) {
        Ok(message) => Frame::Message(message),
        Err(error) => Frame::Skipped(format!("a message that is not JSON-RPC: {error}")),
    }))
}

/// Writes one message as a frame (used by tests and tools that speak to the server).
pub fn write_frame(output: &mut impl Write, body: &str) -> io::Result<()> {
    write!(output, "Content-Length: {}\r\n\r\n{body}", body.len())?;
    output.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frames(input: &[u8]) -> Vec<String> {
        let mut input = io::BufReader::new(input);
        let mut out = Vec::new();
        while let Some(frame) = read_frame(&mut input).unwrap() {
            out.push(match frame {
                Frame::Message(Message::Notification(n)) => format!("notification {}", n.method),
                Frame::Message(other) => format!("{other:?}"),
                Frame::Skipped(why) => format!("skipped {why}"),
            });
        }
        out
    }

    #[test]
    fn a_frame_that_is_no_message_is_skipped_and_the_next_one_read() {
        let mut input = Vec::new();
        write_frame(&mut input, "{not json}").unwrap();
        input.extend_from_slice(b"Content-Length: 99999999999\r\n\r\n");
        let mut next = Vec::new();
        write_frame(
            &mut next,
            r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#,
        )
        .unwrap();
        let read = frames(&[input.clone(), next.clone()].concat());
        assert_eq!(read.len(), 2, "{read:?}");
        assert!(read[0].starts_with("skipped a message that is not JSON-RPC"));
        // The oversized frame swallows what follows (it is read past, never kept).
        assert!(read[1].starts_with("skipped a message of 99999999999 bytes"));
        let mut input = b"X-Other: 1\r\n\r\n".to_vec();
        input.extend_from_slice(&next);
        assert_eq!(
            frames(&input),
            [
                "skipped a message without a readable `Content-Length`",
                "notification initialized"
            ]
        );
    }
}

//! `smarketing lsp`: a language server over stdio (LSP 3.17), for every editor with an LSP client.
//!
//! The server runs the same pipeline as `check` on the playbook a file belongs to, with the
//! editor's unsaved texts standing in for the files on disk ([`crate::load::Overlay`]), and
//! answers from what that check found: diagnostics for every file of the playbook, quick fixes,
//! completion, hover, definition, references, rename and outlines. No rule is implemented twice.
//!
//! It is synchronous, like rust-analyzer's and ruff's scaffold (`lsp-server`): one thread reads
//! messages, this one handles them in order. Changes only mark a playbook for re-checking; the
//! check runs when no message is waiting, or before a request that reads it, so a fast typist's
//! keystrokes on a large playbook are folded into one check instead of queueing up.

mod actions;
mod analysis;
mod completion;
mod diagnostics;
mod documents;
mod encoding;
mod navigate;
mod outline;
mod server;
mod symbols;
#[cfg(test)]
mod tests;
pub mod transport;

pub use server::serve;

/// Runs the server on standard input and output until the client ends it; `Err` when it ends
/// without the `shutdown` the protocol asks for first, or the connection fails.
pub fn run() -> Result<(), String> {
    let (connection, writer) = transport::stdio();
    let result = serve(connection);
    // The writer ends once every answer is written: the server's end of the channel is gone.
    match writer.join() {
        Ok(Ok(())) => result,
        Ok(Err(error)) => Err(format!("cannot write to the editor: {error}")),
        Err(_) => Err("the thread writing to the editor failed".to_owned()),
    }
}

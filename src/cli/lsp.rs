//! `smarketing lsp`: the language server, for editors to start; it takes no arguments and talks
//! LSP over standard input and output.

use super::Outcome;

#[derive(clap::Args, Debug)]
pub struct Args {}

pub fn run(_args: Args) -> Outcome {
    match crate::lsp::run() {
        Ok(()) => Outcome::Success,
        Err(error) => {
            eprintln!("{} language server: {error}", super::error_label());
            // The protocol's exit code for a server that ends without `shutdown` first.
            Outcome::Findings
        }
    }
}

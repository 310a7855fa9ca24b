//! `smarketing lsp`: the language server, for editors to start; it takes no arguments and talks
//! LSP over standard input and output.

use super::Outcome;

#[derive(clap::Args, Debug)]
pub struct Args {}

pub fn run(_args: Args) -> Outcome {
    match crate::lsp::run() {
        Ok(()) => Outcome::Success,
        Err(error) => super::fail(&format!("language server: {error}")),
    }
}

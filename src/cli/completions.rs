//! `smarketing completions SHELL`: the tab-completion script of a shell, printed to stdout.
//!
//! Generated from the same clap definitions that parse the command line (clap_complete), so the
//! completions always know every command, flag and value the binary accepts.

use super::Outcome;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The shell to complete in
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

pub fn run(args: Args) -> Outcome {
    let mut command = super::command();
    let name = command.get_name().to_owned();
    clap_complete::generate(args.shell, &mut command, name, &mut std::io::stdout());
    Outcome::Success
}

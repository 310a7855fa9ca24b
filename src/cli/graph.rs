//! `smarketing graph PLAYBOOK`: the compiled dependency graph as DOT, Mermaid or JSON.

use super::{Colors, LoadArgs, Outcome, compiled_playbook};
use crate::graph::output;
use clap::ValueEnum;
use std::path::PathBuf;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The root playbook file
    pub playbook: PathBuf,

    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Dot)]
    pub format: Format,

    #[command(flatten)]
    pub load: LoadArgs,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Graphviz
    Dot,
    /// Mermaid flowchart (renders in GitHub and GitLab Markdown)
    Mermaid,
    /// Nodes and edges as JSON
    Json,
}

pub fn run(args: Args, colors: Colors) -> Outcome {
    match compiled_playbook(&args.playbook, &args.load, colors) {
        Ok(single) => {
            let graph = crate::graph::Graph::build(&single.loaded.playbook);
            print!(
                "{}",
                match args.format {
                    Format::Dot => output::dot(&graph),
                    Format::Mermaid => output::mermaid(&graph),
                    Format::Json => output::json(&graph),
                }
            );
            Outcome::Success
        }
        Err(outcome) => outcome,
    }
}

//! `smarketing compile PLAYBOOK`: the resolved model as JSON.

use super::{Colors, LoadArgs, Outcome, compiled_playbook};
use std::path::PathBuf;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The root playbook file
    pub playbook: PathBuf,

    #[command(flatten)]
    pub load: LoadArgs,
}

pub fn run(args: Args, colors: Colors) -> Outcome {
    match compiled_playbook(&args.playbook, &args.load, colors) {
        Ok(single) => {
            let graph = crate::graph::Graph::build(&single.loaded.playbook);
            print!(
                "{}",
                crate::compile::to_json(&crate::compile::compile(&graph, Default::default()))
            );
            Outcome::Success
        }
        Err(outcome) => outcome,
    }
}

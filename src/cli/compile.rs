//! `smarketing compile PLAYBOOK`: the resolved model as JSON.

use super::{Colors, Lang, LoadArgs, Outcome, compiled_playbook};
use std::path::PathBuf;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The root playbook file
    pub playbook: PathBuf,

    /// The language of the `*_text` values (default: the playbook's `lang:`, else en)
    #[arg(long, value_enum, value_name = "LANG")]
    pub lang: Option<Lang>,

    #[command(flatten)]
    pub load: LoadArgs,
}

pub fn run(args: Args, colors: Colors) -> Outcome {
    match compiled_playbook(&args.playbook, &args.load, colors) {
        Ok(single) => {
            let graph = crate::graph::Graph::build(&single.loaded.playbook);
            let language = Lang::decide(args.lang, &single.loaded.playbook);
            print!(
                "{}",
                crate::compile::to_json(&crate::compile::compile(&graph, language))
            );
            Outcome::Success
        }
        Err(outcome) => outcome,
    }
}

//! `smarketing render PLAYBOOK --out DIR`: RACI tables, checklists, onboarding pages and an
//! overview page, from templates; `--check` tells whether DIR is current.

use super::deliver::write_or_check;
use super::{Colors, Lang, LoadArgs, Outcome, compiled_playbook, fail};
use crate::base::source::display_path;
use crate::graph::Graph;
use crate::render::{render_all, render_template};
use std::path::PathBuf;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The root playbook file, or a workspace root (a folder with `smarketing.toml`)
    pub playbook: PathBuf,

    /// The folder to write the documents to (created if missing); for a workspace, default
    /// its `[render] out`
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,

    /// Write nothing; list the files in DIR that are stale or missing and exit 1 if there are any
    #[arg(long)]
    pub check: bool,

    /// Use templates from DIR instead of the built-in ones with the same file name
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,

    /// Render this one template to standard output, with the model `smarketing compile` prints
    #[arg(long, value_name = "FILE", conflicts_with_all = ["out", "check", "templates"])]
    pub template: Option<PathBuf>,

    /// The language of the documents (default: the playbook's `lang:`, else en)
    #[arg(long, value_enum, value_name = "LANG")]
    pub lang: Option<Lang>,

    #[command(flatten)]
    pub load: LoadArgs,
}

pub fn run(args: Args, colors: Colors) -> Outcome {
    if super::render_workspace::is_workspace_root(&args.playbook) {
        return super::render_workspace::run(&args, colors);
    }
    let single = match compiled_playbook(&args.playbook, &args.load, colors) {
        Ok(single) => single,
        Err(outcome) => return outcome,
    };
    let graph = Graph::build(&single.loaded.playbook);
    let language = Lang::decide(args.lang, &single.loaded.playbook);
    if let Some(template) = &args.template {
        return match render_template(&graph, template, language) {
            Ok(text) => {
                print!("{text}");
                Outcome::Success
            }
            Err(message) => fail(&message),
        };
    }
    if let Some(folder) = &args.templates
        && !folder.is_dir()
    {
        return fail(&format!(
            "templates folder `{}` does not exist",
            display_path(folder)
        ));
    }
    let Some(out) = &args.out else {
        return fail("give --out DIR, or --template FILE");
    };
    let documents = match render_all(&graph, args.templates.clone(), language) {
        Ok(documents) => documents,
        Err(message) => return fail(&message),
    };
    let again = format!(
        "smarketing render {} --out {}",
        display_path(&args.playbook),
        display_path(out)
    );
    write_or_check(out, &documents, args.check, &again)
}

//! `smarketing export PLAYBOOK --target hubspot|salesforce|csv --out DIR`: CRM configuration.

use super::{LoadArgs, Outcome, compiled_playbook, fail, terminal_width};
use crate::export::{Target, export};
use crate::graph::Graph;
use crate::render::output;
use crate::source::display_path;
use std::path::PathBuf;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The root playbook file
    pub playbook: PathBuf,

    /// What to export for
    #[arg(long, value_enum)]
    pub target: Target,

    /// The folder to write the files to (created if missing)
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,

    /// Write nothing; list the files in DIR that differ from the export and exit 1 if any do
    #[arg(long)]
    pub check: bool,

    #[command(flatten)]
    pub load: LoadArgs,
}

pub fn run(args: Args, color: bool) -> Outcome {
    let single = match compiled_playbook(&args.playbook, &args.load, color) {
        Ok(single) => single,
        Err(outcome) => return outcome,
    };
    let graph = Graph::build(&single.loaded.playbook);
    let documents = match export(args.target, &graph) {
        Ok(documents) => documents,
        Err(mut refusals) => {
            crate::lint::sort(&mut refusals, &single.sources);
            let style = crate::report::human::Style {
                color,
                width: terminal_width(),
            };
            eprint!(
                "{}",
                crate::report::human::render(&refusals, &single.sources, style)
            );
            eprintln!(
                "error: `{}` cannot be exported faithfully ({} problems); nothing was written",
                display_path(&args.playbook),
                refusals.len()
            );
            return Outcome::Findings;
        }
    };
    if args.check {
        return match output::check_all(&args.out, &documents) {
            Ok(stale) if stale.is_empty() => {
                eprintln!(
                    "{} files in {} are current",
                    documents.len(),
                    display_path(&args.out)
                );
                Outcome::Success
            }
            Ok(stale) => {
                for file in &stale {
                    let state = if file.missing { "missing" } else { "stale" };
                    println!("{state}: {}", display_path(&args.out.join(&file.path)));
                }
                eprintln!(
                    "{} of {} files in {} differ from the export",
                    stale.len(),
                    documents.len(),
                    display_path(&args.out)
                );
                Outcome::Findings
            }
            Err(message) => fail(&message),
        };
    }
    if args.out.exists() && !args.out.is_dir() {
        return fail(&format!("`{}` is not a folder", display_path(&args.out)));
    }
    match output::write_all(&args.out, &documents) {
        Ok(written) => {
            eprintln!(
                "wrote {} files to {}",
                written.len(),
                display_path(&args.out)
            );
            Outcome::Success
        }
        Err(message) => fail(&message),
    }
}

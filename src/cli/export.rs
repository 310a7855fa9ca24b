//! `smarketing export PLAYBOOK --target hubspot|salesforce|csv --out DIR`: CRM configuration.

use super::deliver::write_or_check;
use super::{Colors, LoadArgs, Outcome, compiled_playbook, error_label, terminal_width};
use crate::base::source::display_path;
use crate::export::{Options, export_with};
use crate::graph::Graph;
use std::path::PathBuf;

/// The CRM or format to export to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Target {
    /// HubSpot CRM v3 API request bodies
    Hubspot,
    /// Salesforce metadata in SFDX source format
    Salesforce,
    /// Plain CSV files, for any other CRM
    Csv,
}

impl From<Target> for crate::export::Target {
    fn from(target: Target) -> Self {
        match target {
            Target::Hubspot => crate::export::Target::Hubspot,
            Target::Salesforce => crate::export::Target::Salesforce,
            Target::Csv => crate::export::Target::Csv,
        }
    }
}

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

    /// Salesforce: the lead statuses and opportunity stages hold only the playbook's values, so
    /// deploying them deactivates Salesforce's own (by default those are kept)
    #[arg(long)]
    pub prune: bool,

    #[command(flatten)]
    pub load: LoadArgs,
}

pub fn run(args: Args, colors: Colors) -> Outcome {
    let single = match compiled_playbook(&args.playbook, &args.load, colors) {
        Ok(single) => single,
        Err(outcome) => return outcome,
    };
    let graph = Graph::build(&single.loaded.playbook);
    let options = Options { prune: args.prune };
    let documents = match export_with(args.target.into(), &graph, options) {
        Ok(documents) => documents,
        Err(mut refusals) => {
            return print_refusals(
                &mut refusals,
                &single,
                colors,
                &args.playbook,
                "exported",
                "nothing was written",
            );
        }
    };
    let again = format!(
        "smarketing export {} --target {} --out {}{}",
        display_path(&args.playbook),
        format!("{:?}", args.target).to_lowercase(),
        display_path(&args.out),
        if args.prune { " --prune" } else { "" }
    );
    write_or_check(&args.out, &documents, args.check, &again)
}

/// Reports what a CRM cannot hold, at the playbook entries, on stderr; the playbook cannot be
/// `done` (exported, synced) faithfully and `consequence` says what was left alone.
pub(super) fn print_refusals(
    refusals: &mut Vec<crate::diagnostic::Diagnostic>,
    single: &crate::check::Single,
    colors: Colors,
    playbook: &std::path::Path,
    done: &str,
    consequence: &str,
) -> Outcome {
    crate::lint::sort(refusals, &single.sources);
    // Refusals go to stderr, so they are coloured as stderr is.
    let style = crate::report::human::Style {
        color: colors.stderr,
        width: terminal_width(),
    };
    eprint!(
        "{}",
        crate::report::human::render(refusals, &single.sources, style)
    );
    eprintln!(
        "{} `{}` cannot be {done} faithfully ({} {}); {consequence}",
        error_label(),
        display_path(playbook),
        refusals.len(),
        if refusals.len() == 1 {
            "problem"
        } else {
            "problems"
        }
    );
    Outcome::Findings
}

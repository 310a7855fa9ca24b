//! `smarketing check`: lint playbooks and report in the chosen format.

use super::{LoadArgs, Outcome, fail, load_options, terminal_width};
use crate::check::check_paths;
use crate::report::{Summary, concise, human, json};
use clap::ValueEnum;
use std::path::PathBuf;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Playbook files or folders to search for them
    #[arg(value_name = "PATH", default_value = ".")]
    pub paths: Vec<PathBuf>,

    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,

    /// Fail (exit 1) on warnings too
    #[arg(long)]
    pub deny_warnings: bool,

    /// Name the files skipped and why
    #[arg(long, short)]
    pub verbose: bool,

    #[command(flatten)]
    pub load: LoadArgs,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Graphical reports with source snippets
    Human,
    /// One line per finding: FILE:LINE:COL: SEVERITY[RULE] MESSAGE
    Concise,
    /// The JSON report (version 1)
    Json,
}

pub fn run(args: Args, color: bool) -> Outcome {
    let options = match load_options(&args.load) {
        Ok(options) => options,
        Err(message) => return fail(&message),
    };
    let report = check_paths(&args.paths, &options);
    if args.verbose {
        for skipped in &report.skipped {
            eprintln!("note: skipped {skipped}");
        }
    }
    if report.files.is_empty() && report.failures.is_empty() {
        // Checking nothing is almost always a wrong path in a CI script.
        return fail(
            "no playbook found: give a playbook file, or a folder with one (`--verbose` names the files skipped)",
        );
    }
    let summary = Summary::of(&report.diagnostics, report.files.len());
    let output = match args.format {
        Format::Human => human::render(
            &report.diagnostics,
            &report.sources,
            human::Style {
                color,
                width: terminal_width(),
            },
        ),
        Format::Concise => concise::render(&report.diagnostics, &report.sources),
        Format::Json => json::render(&report.diagnostics, &report.sources, summary),
    };
    print!("{output}");
    // The summary goes to stderr; flushing first keeps it after the findings on a terminal.
    let _ = std::io::Write::flush(&mut std::io::stdout());
    if args.format != Format::Json {
        eprintln!("{}", summary.sentence());
    }
    for failure in &report.failures {
        eprintln!("error: {failure}");
    }
    if !report.failures.is_empty() {
        Outcome::Failure
    } else if summary.errors > 0 || (args.deny_warnings && summary.warnings > 0) {
        Outcome::Findings
    } else {
        Outcome::Success
    }
}

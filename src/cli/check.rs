//! `smarketing check`: lint playbooks and report in the chosen format.

use super::check_fix;
use super::{Colors, LoadArgs, Outcome, error_label, fail, load_options, terminal_width};
use crate::base::atomic::write_atomically;
use crate::check::baseline::{Applied, Baseline, DEFAULT_FILE};
use crate::check::{CheckOptions, CheckReport, check_bytes, check_paths};
use crate::load::read::read_stream;
use crate::load::workspace::{find_manifest, read_workspace};
use crate::report::{Summary, concise, github, gitlab, human, json, junit, sarif};
use clap::ValueEnum;
use std::path::{Path, PathBuf};

/// The path that stands for standard input.
const STDIN: &str = "-";

/// How a playbook read from standard input is named when `--stdin-filename` is not given.
const STDIN_NAME: &str = "<stdin>";

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Playbook files or folders to search for them; `-` reads one playbook from standard input
    #[arg(value_name = "PATH", default_value = ".")]
    pub paths: Vec<PathBuf>,

    /// With `-`: report the playbook read from standard input as PATH, and read its includes
    /// relative to PATH's folder (PATH need not exist; the input is checked, not the file)
    #[arg(long, value_name = "PATH")]
    pub stdin_filename: Option<PathBuf>,

    /// Output format [default: human, or github when GITHUB_ACTIONS=true]
    #[arg(long, value_enum)]
    pub format: Option<Format>,

    /// Fail (exit 1) on warnings too
    #[arg(long)]
    pub deny_warnings: bool,

    /// Name the files skipped and why
    #[arg(long, short)]
    pub verbose: bool,

    /// Record today's findings in a baseline file (FILE only after `=`; default
    /// smarketing-baseline.json); later checks report only what it does not hold
    #[arg(
        long,
        value_name = "FILE",
        num_args = 0..=1,
        require_equals = true,
        conflicts_with_all = ["baseline", "no_baseline"]
    )]
    pub write_baseline: Option<Option<PathBuf>>,

    /// Report only findings this baseline file does not hold [default: the workspace's
    /// `baseline`, else smarketing-baseline.json, when it exists]
    #[arg(long, value_name = "FILE", conflicts_with = "no_baseline")]
    pub baseline: Option<PathBuf>,

    /// Report every finding, whatever a baseline file holds
    #[arg(long)]
    pub no_baseline: bool,

    /// Apply the safe fixes in place (a misspelled name or key with a certain did-you-mean, a
    /// suppression that silences nothing), say what changed, then report what remains
    #[arg(long)]
    pub fix: bool,

    /// Write `# smarketing: allow(RULE)` at the entity of every remaining finding that can take
    /// one (after `--fix` when both are given), then report what remains
    #[arg(long, conflicts_with = "write_baseline")]
    pub add_allow: bool,

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
    /// SARIF 2.1.0, for GitHub code scanning
    Sarif,
    /// GitHub Actions annotations (workflow commands)
    Github,
    /// JUnit XML, one test case per file and rule
    Junit,
    /// GitLab Code Quality JSON
    Gitlab,
}

impl Format {
    /// The format when none is given: annotations inside GitHub Actions, graphics elsewhere.
    fn default_here() -> Format {
        if std::env::var("GITHUB_ACTIONS").is_ok_and(|value| value == "true") {
            Format::Github
        } else {
            Format::Human
        }
    }

    /// Formats meant for machines keep stderr quiet (no summary line).
    fn is_machine_readable(self) -> bool {
        matches!(
            self,
            Format::Json | Format::Sarif | Format::Junit | Format::Gitlab
        )
    }
}

pub fn run(args: Args, colors: Colors) -> Outcome {
    let options = match load_options(&args.load) {
        Ok(options) => options,
        Err(message) => return fail(&message),
    };
    if (args.fix || args.add_allow) && args.paths.iter().any(|path| is_stdin(path)) {
        return fail(
            "`--fix` and `--add-allow` change files, and standard input is none: give the playbook's path",
        );
    }
    let mut report = match checked(&args, &options) {
        Ok(report) => report,
        Err(message) => return fail(&message),
    };
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
    let limit = options.load.max_file_bytes;
    let mut write_failures = Vec::new();
    if args.fix {
        let fixed = check_fix::fix(report, limit, || checked(&args, &options));
        let fixing = match fixed {
            Ok((last, fixing)) => {
                report = last;
                fixing
            }
            Err(message) => return fail(&message),
        };
        // With nothing checked (a path that does not exist), the failure is the whole story.
        if !report.files.is_empty() {
            eprint!("{}", fixing.describe());
        }
        write_failures.extend(fixing.failed);
    }
    let format = args.format.unwrap_or_else(Format::default_here);
    let mut applied = match baseline(&args, &mut report) {
        Ok(applied) => applied,
        Err(message) => return fail(&message),
    };
    if args.add_allow {
        let allowing = check_fix::add_allow(&report, limit);
        if !report.files.is_empty() {
            eprint!("{}", allowing.describe());
        }
        write_failures.extend(allowing.failed);
        report = match checked(&args, &options) {
            Ok(report) => report,
            Err(message) => return fail(&message),
        };
        applied = match baseline(&args, &mut report) {
            Ok(applied) => applied,
            Err(message) => return fail(&message),
        };
    }
    report.failures.extend(write_failures);
    let mut summary = Summary::of(&report.diagnostics, report.files.len());
    summary.baselined = applied.as_ref().map_or(0, |applied| applied.baselined);
    let (diagnostics, sources) = (&report.diagnostics, &report.sources);
    let output = match format {
        Format::Human => human::render(
            diagnostics,
            sources,
            human::Style {
                color: colors.stdout,
                width: terminal_width(),
            },
        ),
        Format::Concise => concise::render(diagnostics, sources),
        Format::Json => json::render(diagnostics, sources, summary),
        Format::Sarif => sarif::render(diagnostics, sources, applied.is_some()),
        Format::Github => github::render(diagnostics, sources),
        Format::Junit => junit::render(diagnostics, sources, &report.files, args.deny_warnings),
        Format::Gitlab => gitlab::render(diagnostics, sources),
    };
    print!("{output}");
    // The summary goes to stderr; flushing first keeps it after the findings on a terminal.
    let _ = std::io::Write::flush(&mut std::io::stdout());
    if !format.is_machine_readable() {
        for entry in applied.iter().flat_map(|applied| &applied.stale) {
            let on = entry
                .entity
                .as_deref()
                .map_or_else(String::new, |entity| format!(" on `{entity}`"));
            let (findings, are) = if entry.count == 1 {
                ("finding", "is")
            } else {
                ("findings", "are")
            };
            eprintln!(
                "note: {} baselined `{}` {findings}{on} in {} {are} gone: `smarketing check --write-baseline` shrinks the baseline",
                entry.count, entry.rule, entry.file
            );
        }
        eprintln!("{}", summary.sentence());
        // After `--fix`, what is left has none, or lies in files it could not write.
        if let Some(note) = check_fix::fixable(&report).filter(|_| !args.fix) {
            eprintln!("{note}");
        }
    }
    for failure in &report.failures {
        eprintln!("{} {failure}", error_label());
    }
    if !report.failures.is_empty() {
        Outcome::Failure
    } else if summary.errors > 0 || (args.deny_warnings && summary.warnings > 0) {
        Outcome::Findings
    } else {
        Outcome::Success
    }
}

/// Writes or applies the baseline the arguments ask for: with `--write-baseline` the findings
/// are recorded and then held by what was written (only structural errors remain). Returns what
/// a baseline held, or `None` when no baseline was used.
fn baseline(args: &Args, report: &mut CheckReport) -> Result<Option<Applied>, String> {
    let (baseline, path) = if let Some(path) = &args.write_baseline {
        let path = &path.clone().unwrap_or_else(|| default_baseline(args));
        let baseline = Baseline::record(&report.diagnostics, &report.sources, folder_of(path));
        write_atomically(path, baseline.to_json().as_bytes())?;
        eprintln!(
            "wrote {} finding{} to `{}`",
            baseline.len(),
            if baseline.len() == 1 { "" } else { "s" },
            path.display()
        );
        (baseline, path.clone())
    } else if args.no_baseline {
        return Ok(None);
    } else {
        let (path, given) = match &args.baseline {
            Some(path) => (path.clone(), true),
            None => (default_baseline(args), false),
        };
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(error) if !given && error.kind() == std::io::ErrorKind::NotFound => {
                return Ok(None);
            }
            Err(error) => {
                return Err(format!(
                    "cannot read the baseline `{}`: {error}",
                    path.display()
                ));
            }
        };
        let baseline = Baseline::parse(&text).map_err(|error| {
            format!(
                "the baseline `{}` cannot be read: {error}; write it again with `--write-baseline`",
                path.display()
            )
        })?;
        (baseline, path)
    };
    let diagnostics = std::mem::take(&mut report.diagnostics);
    let mut applied = baseline.apply(diagnostics, &report.sources, folder_of(&path));
    report.diagnostics = std::mem::take(&mut applied.kept);
    Ok(Some(applied))
}

/// The baseline file when none is named: the `baseline` of the workspace the first path is in
/// (`smarketing.toml`, found by walking up), else `smarketing-baseline.json` in the current
/// directory. A workspace manifest with mistakes is reported by the check itself.
fn default_baseline(args: &Args) -> PathBuf {
    let first = match args.paths.first() {
        Some(path) if is_stdin(path) => args.stdin_filename.clone(),
        other => other.cloned(),
    };
    let folder = first
        .map(|path| {
            if path.is_dir() {
                path
            } else {
                folder_of(&path).to_path_buf()
            }
        })
        .unwrap_or_else(|| PathBuf::from("."));
    let limit = args.load.max_file_size.saturating_mul(1024 * 1024);
    find_manifest(&folder)
        .and_then(|manifest| read_workspace(&manifest, limit).ok())
        .and_then(|workspace| Some(workspace.root.join(workspace.baseline?)))
        .unwrap_or_else(|| PathBuf::from(DEFAULT_FILE))
}

/// The folder a baseline file is in, which its file names are relative to.
fn folder_of(path: &Path) -> &Path {
    path.parent()
        .filter(|folder| !folder.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// Checks the paths given, or the playbook on standard input when the path is `-`. Mixing `-`
/// with other paths is refused: an editor or hook checks one buffer, and the name given with
/// `--stdin-filename` could then clash with a file of the same name on disk.
fn checked(args: &Args, options: &CheckOptions) -> Result<CheckReport, String> {
    let from_stdin = args.paths.iter().filter(|path| is_stdin(path)).count();
    if from_stdin == 0 {
        if args.stdin_filename.is_some() {
            return Err(
                "--stdin-filename names the playbook read from standard input: give `-` as the path too (`smarketing check - --stdin-filename PATH`)"
                    .to_owned(),
            );
        }
        return Ok(check_paths(&args.paths, options));
    }
    if from_stdin > 1 {
        return Err("`-` (standard input) is given more than once: give it once".to_owned());
    }
    if args.paths.len() > 1 {
        return Err(
            "`-` (standard input) cannot be combined with other paths: check them in a separate run (a file named `-` is `./-`)"
                .to_owned(),
        );
    }
    let name = args
        .stdin_filename
        .clone()
        .unwrap_or_else(|| PathBuf::from(STDIN_NAME));
    let bytes = read_stream(std::io::stdin().lock(), options.load.max_file_bytes)
        .map_err(|error| format!("cannot read standard input: {error}"))?;
    Ok(check_bytes(&name, &bytes, options))
}

fn is_stdin(path: &Path) -> bool {
    path.as_os_str() == STDIN
}

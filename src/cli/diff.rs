//! `smarketing diff OLD NEW` and `smarketing diff --base REV FILE`: what a change does to the
//! playbook, for review.

use super::{LoadArgs, Outcome, fail, load_options};
use crate::check::{CheckOptions, Single, check_single};
use clap::ValueEnum;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The old and the new root playbook file; with --base, only the file
    #[arg(value_name = "FILE", num_args = 1..=2, required = true)]
    pub files: Vec<PathBuf>,

    /// Compare FILE with its version at this git revision (a branch, tag or commit)
    #[arg(long, value_name = "GITREV")]
    pub base: Option<String>,

    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Markdown)]
    pub format: Format,

    #[command(flatten)]
    pub load: LoadArgs,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// A pull-request comment
    Markdown,
    /// For bots
    Json,
}

pub fn run(args: Args) -> Outcome {
    let options = match load_options(&args.load) {
        Ok(options) => options,
        Err(message) => return fail(&message),
    };
    let result = match (&args.base, args.files.as_slice()) {
        (None, [old, new]) => compare(old, new, &options),
        (Some(base), [file]) => compare_with_revision(base, file, &options),
        (None, _) => {
            Err("give two playbook files, OLD and NEW, or one file with --base GITREV".to_owned())
        }
        (Some(_), _) => Err("with --base, give one playbook file".to_owned()),
    };
    match result {
        Ok(report) => {
            print!(
                "{}",
                match args.format {
                    Format::Markdown => crate::diff::markdown(&report),
                    Format::Json => crate::diff::json(&report),
                }
            );
            if report.introduces_errors() {
                Outcome::Findings
            } else {
                Outcome::Success
            }
        }
        Err(message) => fail(&message),
    }
}

fn compare(old: &Path, new: &Path, options: &CheckOptions) -> Result<crate::diff::Report, String> {
    let old: Single = check_single(old, options)?;
    let new: Single = check_single(new, options)?;
    Ok(crate::diff::diff(&old, &new))
}

/// Extracts the playbook's folder as it was at `base` into a temporary folder and compares.
fn compare_with_revision(
    base: &str,
    file: &Path,
    options: &CheckOptions,
) -> Result<crate::diff::Report, String> {
    let file = file
        .canonicalize()
        .map_err(|error| format!("cannot read `{}`: {error}", file.display()))?;
    let folder = file.parent().unwrap_or(Path::new("/"));
    let top = git(folder, &["rev-parse", "--show-toplevel"])?;
    let top = PathBuf::from(String::from_utf8_lossy(&top).trim());
    let top = top.canonicalize().unwrap_or(top);
    let relative_folder = folder.strip_prefix(&top).map_err(|_| {
        format!(
            "`{}` is not inside the git repository at `{}`",
            file.display(),
            top.display()
        )
    })?;
    let relative_file = file.strip_prefix(&top).unwrap_or(&file);
    let scratch = tempfile::tempdir()
        .map_err(|error| format!("cannot create a temporary folder: {error}"))?;
    let spec = if relative_folder.as_os_str().is_empty() {
        ".".to_owned()
    } else {
        relative_folder.to_string_lossy().into_owned()
    };
    // A playbook that the change adds has no earlier version: compare it with an empty one.
    let relative_name = relative_file.to_string_lossy().into_owned();
    let known = git(
        &top,
        &["ls-tree", "-r", "--name-only", base, "--", &relative_name],
    )?;
    if known.is_empty() {
        let empty = scratch.path().join("empty.yaml");
        std::fs::write(&empty, "version: 1\nplaybook: empty\n")
            .map_err(|error| format!("cannot write a temporary file: {error}"))?;
        return compare(&empty, &file, options);
    }
    let archive = git(&top, &["archive", "--format=tar", base, "--", &spec])?;
    let mut tar = Command::new("tar")
        .arg("-x")
        .arg("-C")
        .arg(scratch.path())
        .stdin(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|error| format!("cannot run tar: {error}"))?;
    if let Some(mut stdin) = tar.stdin.take() {
        std::io::Write::write_all(&mut stdin, &archive)
            .map_err(|error| format!("cannot unpack `{base}`: {error}"))?;
    }
    let status = tar
        .wait()
        .map_err(|error| format!("cannot unpack `{base}`: {error}"))?;
    if !status.success() {
        return Err(format!("cannot unpack `{base}` with tar"));
    }
    let old = scratch.path().join(relative_file);
    if !old.exists() {
        return Err(format!(
            "`{}` does not exist at `{base}`",
            relative_file.display()
        ));
    }
    compare(&old, &file, options)
}

fn git(dir: &Path, args: &[&str]) -> Result<Vec<u8>, String> {
    let output = Command::new("git")
        .args(args)
        .current_dir(dir)
        .output()
        .map_err(|error| format!("cannot run git: {error}"))?;
    if output.status.success() {
        Ok(output.stdout)
    } else {
        Err(format!(
            "git {} failed: {}",
            args.join(" "),
            String::from_utf8_lossy(&output.stderr).trim()
        ))
    }
}

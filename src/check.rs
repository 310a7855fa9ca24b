//! `check` over many paths: find the playbooks, load and lint each, merge the findings.
//!
//! Files found in folders are checked as playbooks when they have a top-level `playbook:` key;
//! files that another playbook includes are checked through it, never on their own. Other YAML
//! in a folder (CI workflows, compose files) is skipped and named in `--verbose`.

use crate::diagnostic::{Diagnostic, Severity};
use crate::lint::{LevelOverrides, lint_playbook, sort};
use crate::load::discover::{discover, looks_like_playbook};
use crate::load::read::read_text;
use crate::load::{LoadOptions, Loaded, RootUnreadable, load_playbook};
use crate::source::{Sources, display_path};
use std::collections::HashSet;
use std::path::{Path, PathBuf};

#[derive(Clone, Debug, Default)]
pub struct CheckOptions {
    pub load: LoadOptions,
    pub overrides: LevelOverrides,
}

/// Everything a check run found.
#[derive(Debug, Default)]
pub struct CheckReport {
    pub sources: Sources,
    pub diagnostics: Vec<Diagnostic>,
    /// Files that were checked, as shown to the user.
    pub files: Vec<String>,
    /// What was skipped, with the reason, for `--verbose`.
    pub skipped: Vec<String>,
    /// Paths that could not be read at all (an I/O failure: exit 2).
    pub failures: Vec<String>,
}

impl CheckReport {
    pub fn count(&self, severity: Severity) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == severity)
            .count()
    }
}

/// Checks the given files and folders. Paths that cannot be read are reported as failures and
/// the rest is checked all the same.
pub fn check_paths(paths: &[PathBuf], options: &CheckOptions) -> CheckReport {
    let mut report = CheckReport::default();
    let (candidates, unreadable) = discover(paths);
    report
        .failures
        .extend(unreadable.iter().map(|(path, error)| {
            format!(
                "cannot read `{}`: {}",
                display_path(path),
                describe_io(error)
            )
        }));
    let mut roots: Vec<(PathBuf, Loaded)> = Vec::new();
    for candidate in candidates {
        if !candidate.named {
            let looks = read_text(&candidate.path, options.load.max_file_bytes)
                .map(|content| looks_like_playbook(&content.text))
                .unwrap_or(true);
            if !looks {
                report.skipped.push(format!(
                    "{}: no top-level `playbook:` key",
                    display_path(&candidate.path)
                ));
                continue;
            }
        }
        match load_playbook(&candidate.path, &mut report.sources, options.load) {
            Ok(loaded) => roots.push((candidate.path, loaded)),
            Err(RootUnreadable { path, error }) => {
                report
                    .failures
                    .push(format!("cannot read `{}`: {error}", display_path(&path)));
            }
        }
    }
    // A file included by another playbook is checked as part of it.
    let included: HashSet<PathBuf> = roots
        .iter()
        .flat_map(|(_, loaded)| loaded.paths.iter().skip(1).cloned())
        .collect();
    for (path, loaded) in roots {
        if included.contains(&canonical(&path)) {
            report.skipped.push(format!(
                "{}: checked through the playbook that includes it",
                display_path(&path)
            ));
            continue;
        }
        report
            .files
            .extend(loaded.paths.iter().map(|p| display_path(p)));
        let run = lint_playbook(
            &loaded.playbook,
            loaded.diagnostics,
            &report.sources,
            &options.overrides,
        );
        if !run.skipped.is_empty() {
            report.skipped.push(format!(
                "{}: rules not run because a structural error leaves what they read incomplete: {}",
                display_path(&path),
                run.skipped.join(", ")
            ));
        }
        report.diagnostics.extend(run.diagnostics);
    }
    report.files.sort();
    report.files.dedup();
    sort(&mut report.diagnostics, &report.sources);
    report
}

fn canonical(path: &Path) -> PathBuf {
    path.canonicalize().unwrap_or_else(|_| path.to_path_buf())
}

fn describe_io(error: &std::io::Error) -> String {
    match error.kind() {
        std::io::ErrorKind::NotFound => "no such file or folder".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => error.to_string(),
    }
}

/// One playbook, loaded and linted, for the commands that work on a single playbook.
pub struct Single {
    pub sources: Sources,
    pub loaded: Loaded,
    pub diagnostics: Vec<Diagnostic>,
}

impl Single {
    pub fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error)
    }
}

pub fn check_single(path: &Path, options: &CheckOptions) -> Result<Single, String> {
    let mut sources = Sources::default();
    let mut loaded =
        load_playbook(path, &mut sources, options.load).map_err(|error| error.to_string())?;
    let run = lint_playbook(
        &loaded.playbook,
        std::mem::take(&mut loaded.diagnostics),
        &sources,
        &options.overrides,
    );
    Ok(Single {
        sources,
        loaded,
        diagnostics: run.diagnostics,
    })
}

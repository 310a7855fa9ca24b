//! `check` over many paths: find the playbooks, load and lint each, merge the findings.
//!
//! Files found in folders are checked as playbooks when they have a top-level `playbook:` key;
//! files that another playbook includes are checked through it, never on their own. Other YAML
//! in a folder is skipped (named in `--verbose`), unless it does not even parse.

use crate::diagnostic::{Diagnostic, Severity};
use crate::lint::{LevelOverrides, lint_playbook, sort};
use crate::load::discover::{discover, looks_like_playbook};
use crate::load::read::read_text;
use crate::load::{LoadOptions, Loaded, RootUnreadable, load_playbook};
use crate::source::{SourceFile, Sources, display_path};
use std::collections::HashSet;
use std::path::PathBuf;

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
    /// Files skipped, with the reason, for `--verbose`.
    pub skipped: Vec<String>,
    /// Files that could not be read at all (an I/O failure: exit 2).
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

/// Checks the given files and folders. `Err` is a path that does not exist or cannot be listed.
pub fn check_paths(paths: &[PathBuf], options: &CheckOptions) -> Result<CheckReport, String> {
    let candidates = discover(paths).map_err(|(path, error)| {
        format!(
            "cannot read `{}`: {}",
            display_path(&path),
            describe_io(&error)
        )
    })?;
    let mut report = CheckReport::default();
    let mut roots: Vec<(PathBuf, Loaded)> = Vec::new();
    let mut others = Vec::new();
    for candidate in candidates {
        if !candidate.named {
            let looks = read_text(&candidate.path, options.load.max_file_bytes)
                .map(|content| looks_like_playbook(&content.text))
                .unwrap_or(true);
            if !looks {
                others.push(candidate.path);
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
    let canonical = |path: &PathBuf| path.canonicalize().unwrap_or_else(|_| path.clone());
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
        let findings = lint_playbook(
            &loaded.playbook,
            loaded.diagnostics,
            &report.sources,
            &options.overrides,
        );
        report.diagnostics.extend(findings);
    }
    for path in others {
        if included.contains(&canonical(&path)) {
            continue;
        }
        check_stray_file(&path, options, &mut report);
    }
    report.files.sort();
    report.files.dedup();
    sort(&mut report.diagnostics, &report.sources);
    Ok(report)
}

/// A YAML file in a folder that is no playbook and that no playbook includes: skipped, unless it
/// does not parse, which is worth knowing about in a folder of playbooks.
fn check_stray_file(path: &std::path::Path, options: &CheckOptions, report: &mut CheckReport) {
    let Ok(content) = read_text(path, options.load.max_file_bytes) else {
        report
            .skipped
            .push(format!("{}: unreadable", display_path(path)));
        return;
    };
    let file = report
        .sources
        .add(SourceFile::new(path.to_path_buf(), content.text));
    let parsed = crate::yaml::parse(&report.sources.get(file).text, file);
    if parsed.diagnostics.iter().any(|d| d.rule == "yaml-syntax") {
        report.files.push(display_path(path));
        report.diagnostics.extend(
            parsed
                .diagnostics
                .into_iter()
                .filter(|d| d.rule == "yaml-syntax"),
        );
    } else {
        report.skipped.push(format!(
            "{}: no top-level `playbook:` key and not included by a playbook",
            display_path(path)
        ));
    }
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

pub fn check_single(path: &std::path::Path, options: &CheckOptions) -> Result<Single, String> {
    let mut sources = Sources::default();
    let mut loaded =
        load_playbook(path, &mut sources, options.load).map_err(|error| error.to_string())?;
    let diagnostics = lint_playbook(
        &loaded.playbook,
        std::mem::take(&mut loaded.diagnostics),
        &sources,
        &options.overrides,
    );
    Ok(Single {
        sources,
        loaded,
        diagnostics,
    })
}

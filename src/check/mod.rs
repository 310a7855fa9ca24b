//! `check` over many paths: find the playbooks, load and lint each, merge the findings; and the
//! same for the one playbook that `render`, `export`, `compile` and `diff` work on.
//!
//! Files found in folders are checked as playbooks when they have a top-level `playbook:` key;
//! files that another playbook includes are checked through it, never on their own. Other YAML
//! in a folder (CI workflows, compose files) is skipped and named in `--verbose`. A playbook read
//! from standard input is checked alone, under the name the user gives it.

pub mod baseline;

use crate::base::source::{Sources, display_path};
use crate::diagnostic::{Diagnostic, Severity};
use crate::lint::{LevelOverrides, lint_playbook, sort};
use crate::load::discover::{Candidate, discover, looks_like_playbook};
use crate::load::read::read_text;
use crate::load::{LoadOptions, Loaded, RootUnreadable, load_bytes, load_playbook};
use std::collections::HashMap;
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
    // Playbooks are independent: each is checked on its own thread with its own sources, and
    // the results are merged in the order of the candidates, so output stays deterministic.
    let outcomes = parallel_map(&candidates, |candidate| check_candidate(candidate, options));
    let includers = includers(&outcomes);
    for (candidate, outcome) in candidates.iter().zip(outcomes) {
        let path = &candidate.path;
        // A file some playbook includes was checked as part of it, whether or not it looks like
        // a playbook on its own; saying it has no `playbook:` key would suggest it went unchecked.
        if let Some(through) = includers.get(&canonical(path))
            && !matches!(outcome, Outcome::Unreadable(_))
        {
            report
                .skipped
                .push(checked_through(path, through, &candidates));
            continue;
        }
        match outcome {
            Outcome::NotAPlaybook => report.skipped.push(format!(
                "{}: no top-level `playbook:` key",
                display_path(path)
            )),
            Outcome::Unreadable(failure) => report.failures.push(failure),
            Outcome::Checked(checked) => report.add(path, checked),
        }
    }
    report.finish();
    report
}

/// Checks one playbook whose root file is already in memory (read from standard input), as if
/// it were the file `path`: findings name `path`, and includes are read from disk relative to
/// it. `path` need not exist; when it does, `bytes` are checked, not the file.
pub fn check_bytes(path: &Path, bytes: &[u8], options: &CheckOptions) -> CheckReport {
    let mut report = CheckReport::default();
    let mut sources = Sources::default();
    let loaded = load_bytes(path, bytes, &mut sources, options.load);
    report.add(path, lint(loaded, sources, options));
    report.finish();
    report
}

impl CheckReport {
    /// Merges one checked playbook (whose root is `path`) into the report.
    fn add(&mut self, path: &Path, checked: Checked) {
        if !checked.skipped_rules.is_empty() {
            self.skipped.push(format!(
                "{}: rules not run because a structural error leaves what they read incomplete: {}",
                display_path(path),
                checked.skipped_rules.join(", ")
            ));
        }
        self.files
            .extend(checked.paths.iter().map(|p| display_path(p)));
        let offset = self.sources.append(checked.sources);
        self.diagnostics
            .extend(checked.diagnostics.into_iter().map(|mut d| {
                d.shift_files(offset);
                d
            }));
    }

    /// Puts files and findings in their fixed order.
    fn finish(&mut self) {
        self.files.sort();
        self.files.dedup();
        sort(&mut self.diagnostics, &self.sources);
    }
}

/// For every file that a checked playbook includes, the candidates (by index) whose playbooks
/// include it, in candidate order.
fn includers(outcomes: &[Outcome]) -> HashMap<PathBuf, Vec<usize>> {
    let mut includers: HashMap<PathBuf, Vec<usize>> = HashMap::new();
    for (index, outcome) in outcomes.iter().enumerate() {
        if let Outcome::Checked(checked) = outcome {
            for path in checked.paths.iter().skip(1) {
                includers.entry(path.clone()).or_default().push(index);
            }
        }
    }
    includers
}

/// The `--verbose` note for a file checked as part of the playbooks that include it, naming them.
fn checked_through(path: &Path, through: &[usize], candidates: &[Candidate]) -> String {
    let names: Vec<String> = through
        .iter()
        .filter_map(|&index| candidates.get(index))
        .map(|candidate| display_path(&candidate.path))
        .collect();
    let (noun, verb) = if names.len() == 1 {
        ("playbook", "includes")
    } else {
        ("playbooks", "include")
    };
    format!(
        "{} on its own: checked through the {noun} that {verb} it, {}",
        display_path(path),
        names.join(", ")
    )
}

/// What checking one candidate file gave.
enum Outcome {
    /// Found in a folder, and without a top-level `playbook:` key: other YAML, or a file
    /// meant to be included.
    NotAPlaybook,
    Unreadable(String),
    Checked(Checked),
}

struct Checked {
    sources: Sources,
    diagnostics: Vec<Diagnostic>,
    paths: Vec<PathBuf>,
    skipped_rules: Vec<&'static str>,
}

fn check_candidate(candidate: &Candidate, options: &CheckOptions) -> Outcome {
    if !candidate.named {
        let looks = read_text(&candidate.path, options.load.max_file_bytes)
            .map(|content| looks_like_playbook(&content.text))
            .unwrap_or(true);
        if !looks {
            return Outcome::NotAPlaybook;
        }
    }
    let mut sources = Sources::default();
    match load_playbook(&candidate.path, &mut sources, options.load) {
        Ok(loaded) => Outcome::Checked(lint(loaded, sources, options)),
        Err(RootUnreadable { path, error }) => {
            Outcome::Unreadable(format!("cannot read `{}`: {error}", display_path(&path)))
        }
    }
}

/// Lints a loaded playbook; `sources` are the files it was loaded from.
fn lint(loaded: Loaded, sources: Sources, options: &CheckOptions) -> Checked {
    let run = lint_playbook(
        &loaded.playbook,
        loaded.diagnostics,
        &sources,
        &options.overrides,
    );
    Checked {
        sources,
        diagnostics: run.diagnostics,
        paths: loaded.paths,
        skipped_rules: run.skipped,
    }
}

/// `map` over `items` on all cores, results in the order of `items`.
fn parallel_map<T: Sync, R: Send>(items: &[T], map: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(items.len());
    if workers <= 1 {
        return items.iter().map(map).collect();
    }
    let next = std::sync::atomic::AtomicUsize::new(0);
    let mut results: Vec<(usize, R)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                scope.spawn(|| {
                    let mut done = Vec::new();
                    loop {
                        let index = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(item) = items.get(index) else { break };
                        done.push((index, map(item)));
                    }
                    done
                })
            })
            .collect();
        // A worker that panicked is a bug; re-raise it rather than lose results silently.
        handles
            .into_iter()
            .flat_map(|handle| {
                handle
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    });
    results.sort_by_key(|(index, _)| *index);
    results.into_iter().map(|(_, result)| result).collect()
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

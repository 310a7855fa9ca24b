//! `check` over many paths: find the playbooks, load and lint each, merge the findings; and the
//! same for the one playbook that `render`, `export`, `compile` and `diff` work on.
//!
//! Files found in folders are checked as playbooks when they have a top-level `playbook:` key;
//! files that another playbook includes are checked through it, never on their own. Other YAML
//! in a folder (CI workflows, compose files) is skipped and named in `--verbose`. A playbook read
//! from standard input is checked alone, under the name the user gives it.
//!
//! A playbook under a `smarketing.toml` belongs to that workspace ([`workspace`]): its includes
//! may reach anywhere under the root, the workspace's `[lint]` levels apply, the files its
//! playbooks share are read and parsed once per run, a finding in such a file is reported once
//! with the playbooks that include it, and the playbooks are compared with each other
//! ([`crate::lint::workspace`]).

pub mod workspace;

pub mod baseline;

use crate::base::source::{Sources, display_path};
use crate::base::span::Span;
use crate::diagnostic::{Diagnostic, Label, Severity};
use crate::lint::workspace::Facts;
use crate::lint::{LevelOverrides, lint_playbook, sort};
use crate::load::discover::{Candidate, discover, looks_like_playbook};
use crate::load::read::read_text;
use crate::load::shared::SharedFiles;
use crate::load::{LoadOptions, Loaded, RootUnreadable, Scope, load_bytes, load_playbook_in};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use workspace::{Membership, Workspaces};

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
    /// Paths that could not be read at all, and workspace manifests with mistakes (exit 2).
    pub failures: Vec<String>,
    /// What each playbook of a workspace gives the comparison across playbooks, by workspace.
    facts: Vec<(usize, Facts)>,
}

/// Checks the given files and folders. Paths that cannot be read are reported as failures and
/// the rest is checked all the same.
pub fn check_paths(paths: &[PathBuf], options: &CheckOptions) -> CheckReport {
    let mut report = CheckReport::default();
    let (candidates, unreadable) = discover(paths);
    let mut workspaces = Workspaces::default();
    let memberships: Vec<Membership> = candidates
        .iter()
        .map(|candidate| workspaces.of(&candidate.path, options.load.max_file_bytes))
        .collect();
    report.failures.append(&mut workspaces.failures);
    let settings: Vec<Settings> = workspaces
        .found
        .iter()
        .map(|found| Settings::new(options, Some(&found.workspace.root), &found.levels))
        .collect();
    let alone = Settings::new(options, None, &HashMap::new());
    let shared = SharedFiles::default();
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
    let work: Vec<(&Candidate, Membership)> = candidates.iter().zip(memberships).collect();
    let outcomes = parallel_map(&work, |&(candidate, membership)| match membership {
        Membership::Broken => Outcome::InBrokenWorkspace,
        Membership::Alone => check_candidate(candidate, &alone, None),
        Membership::In(index) => match settings.get(index) {
            Some(settings) => check_candidate(candidate, settings, Some((index, &shared))),
            None => Outcome::InBrokenWorkspace,
        },
    });
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
            Outcome::InBrokenWorkspace => report.skipped.push(format!(
                "{}: its workspace's `smarketing.toml` has mistakes",
                display_path(path)
            )),
            Outcome::Unreadable(failure) => report.failures.push(failure),
            Outcome::Checked(checked) => report.add(path, *checked),
        }
    }
    for (index, found) in settings.iter().enumerate() {
        report.compare_workspace(index, &found.options.overrides);
    }
    report.finish();
    report
}

/// How the playbooks of one workspace (or those in none) are checked.
struct Settings {
    options: CheckOptions,
    /// The workspace root, canonical.
    root: Option<std::path::PathBuf>,
}

impl Settings {
    fn new(
        options: &CheckOptions,
        root: Option<&Path>,
        levels: &HashMap<String, crate::model::values::Level>,
    ) -> Settings {
        let mut options = options.clone();
        options.overrides.workspace = levels.clone();
        Settings {
            options,
            root: root.map(Path::to_path_buf),
        }
    }
}

/// Checks one playbook whose root file is already in memory (read from standard input), as if
/// it were the file `path`: findings name `path`, and includes are read from disk relative to
/// it. `path` need not exist; when it does, `bytes` are checked, not the file.
pub fn check_bytes(path: &Path, bytes: &[u8], options: &CheckOptions) -> CheckReport {
    let mut report = CheckReport::default();
    let settings = match settings_of(path, options) {
        Ok(settings) => settings,
        Err(failures) => {
            report.failures = failures;
            return report;
        }
    };
    let mut sources = Sources::default();
    let loaded = load_bytes(path, bytes, &mut sources, settings.options.load);
    report.add(path, lint(loaded, sources, &settings.options, None));
    report.finish();
    report
}

/// How the one playbook at `path` is checked: in its workspace, if it has one. A manifest with
/// mistakes is the error, all of its mistakes in one message per line.
fn settings_of(path: &Path, options: &CheckOptions) -> Result<Settings, Vec<String>> {
    let mut workspaces = Workspaces::default();
    let membership = workspaces.of(path, options.load.max_file_bytes);
    if membership == Membership::Broken {
        return Err(workspaces.failures);
    }
    Ok(match workspaces.get(membership) {
        Some(found) => Settings::new(options, Some(&found.workspace.root), &found.levels),
        None => Settings::new(options, None, &HashMap::new()),
    })
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
        let includer = checked.workspace.map(|_| {
            let (id, span) = checked.id.map_or_else(
                || (display_path(path), Span::new(0, 0, 0)),
                |id| (format!("`{}`", id.value), id.span),
            );
            Label::new(
                Span {
                    file: span.file + offset,
                    ..span
                },
                format!("included by playbook {id}"),
            )
        });
        self.diagnostics
            .extend(checked.diagnostics.into_iter().map(|mut d| {
                d.shift_files(offset);
                // A finding in a file the playbook includes names the playbook: in a
                // workspace, that file is often shared, and the finding is reported once for
                // all of its includers.
                if let Some(includer) = &includer
                    && d.span.file != offset
                {
                    d.related.push(includer.clone());
                }
                d
            }));
        if let (Some(index), Some(mut facts)) = (checked.workspace, checked.facts) {
            facts.shift_files(offset);
            self.facts.push((index, facts));
        }
    }

    /// Compares the playbooks of workspace `index` with each other.
    fn compare_workspace(&mut self, index: usize, overrides: &LevelOverrides) {
        let facts: Vec<&Facts> = self
            .facts
            .iter()
            .filter(|(workspace, _)| *workspace == index)
            .map(|(_, facts)| facts)
            .collect();
        let found = crate::lint::workspace::compare(&facts, &self.sources, overrides);
        self.diagnostics.extend(found);
    }

    /// Puts files and findings in their fixed order, a finding in a shared file once.
    fn finish(&mut self) {
        self.files.sort();
        self.files.dedup();
        // Compared by now; the findings are all that is left of them.
        self.facts = Vec::new();
        self.merge_shared();
        sort(&mut self.diagnostics, &self.sources);
    }

    /// One finding per place, rule and message: a finding in a file that several playbooks
    /// include is found through each, and reported once with all of them as related places.
    fn merge_shared(&mut self) {
        let mut first: HashMap<(std::path::PathBuf, u32, u32, &'static str, String), usize> =
            HashMap::new();
        let mut merged: Vec<Diagnostic> = Vec::with_capacity(self.diagnostics.len());
        for diagnostic in std::mem::take(&mut self.diagnostics) {
            if diagnostic.related.is_empty() {
                merged.push(diagnostic);
                continue;
            }
            let key = (
                self.sources.get(diagnostic.span.file).path.clone(),
                diagnostic.span.start,
                diagnostic.span.end,
                diagnostic.rule.name,
                diagnostic.message.clone(),
            );
            match first.get(&key).and_then(|&at| merged.get_mut(at)) {
                Some(earlier) => {
                    for label in diagnostic.related {
                        let known = earlier.related.iter().any(|other| {
                            other.message == label.message
                                && other.span.start == label.span.start
                                && self.sources.get(other.span.file).path
                                    == self.sources.get(label.span.file).path
                        });
                        if !known {
                            earlier.related.push(label);
                        }
                    }
                }
                None => {
                    first.insert(key, merged.len());
                    merged.push(diagnostic);
                }
            }
        }
        self.diagnostics = merged;
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
    /// Under a `smarketing.toml` with mistakes.
    InBrokenWorkspace,
    Unreadable(String),
    Checked(Box<Checked>),
}

struct Checked {
    sources: Sources,
    diagnostics: Vec<Diagnostic>,
    paths: Vec<PathBuf>,
    skipped_rules: Vec<&'static str>,
    /// The playbook's id, as written.
    id: Option<crate::base::span::Spanned<String>>,
    /// The workspace the playbook belongs to, by index, and what it gives the comparison.
    workspace: Option<usize>,
    facts: Option<Facts>,
}

fn check_candidate(
    candidate: &Candidate,
    settings: &Settings,
    workspace: Option<(usize, &SharedFiles)>,
) -> Outcome {
    let options = &settings.options;
    if !candidate.named {
        let looks = read_text(&candidate.path, options.load.max_file_bytes)
            .map(|content| looks_like_playbook(&content.text))
            .unwrap_or(true);
        if !looks {
            return Outcome::NotAPlaybook;
        }
    }
    let mut sources = Sources::default();
    let scope = Scope {
        workspace: settings.root.as_deref(),
        shared: workspace.map(|(_, shared)| shared),
        overlay: None,
    };
    match load_playbook_in(&candidate.path, &mut sources, options.load, scope) {
        Ok(loaded) => Outcome::Checked(Box::new(lint(
            loaded,
            sources,
            options,
            workspace.map(|(index, _)| index),
        ))),
        Err(RootUnreadable { path, error }) => {
            Outcome::Unreadable(format!("cannot read `{}`: {error}", display_path(&path)))
        }
    }
}

/// Lints a loaded playbook; `sources` are the files it was loaded from, `workspace` the index
/// of its workspace.
fn lint(
    loaded: Loaded,
    sources: Sources,
    options: &CheckOptions,
    workspace: Option<usize>,
) -> Checked {
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
        facts: workspace.map(|_| Facts::of(&loaded.playbook)),
        id: loaded.playbook.id,
        workspace,
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
    check_single_with(path, options, None)
}

/// [`check_single`] with unsaved texts standing in for files on disk (an editor's buffers).
pub fn check_single_with(
    path: &Path,
    options: &CheckOptions,
    overlay: Option<&crate::load::Overlay>,
) -> Result<Single, String> {
    let settings = settings_of(path, options).map_err(|failures| failures.join("\n"))?;
    let options = &settings.options;
    let scope = Scope {
        workspace: settings.root.as_deref(),
        shared: None,
        overlay,
    };
    let mut sources = Sources::default();
    let mut loaded = load_playbook_in(path, &mut sources, options.load, scope)
        .map_err(|error| error.to_string())?;
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

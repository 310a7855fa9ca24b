//! Linting: the lint rule type, the context rules read, and the pipeline that turns a loaded
//! playbook into the final, ordered list of findings.
//!
//! The pipeline: structural findings from loading and resolution, then every enabled rule over
//! the compiled graph, then levels (playbook `lint:` first, command line last), then inline
//! suppressions. Structural rules cannot be re-levelled or suppressed: a playbook that does not
//! compile cannot be trusted by any later stage.

pub mod levels;
pub mod registry;
pub mod rules;
pub mod schema;
pub mod suppress;
pub mod withhold;
pub mod workspace;

use crate::base::source::Sources;
use crate::base::span::Span;
use crate::diagnostic::{Diagnostic, Rule};
use crate::graph::Graph;
use crate::model::{Gaps, Playbook, Section, Unknown};
pub use levels::LevelOverrides;

/// A rule that judges the compiled playbook: what it is, what it reads, and its check.
pub struct LintRule {
    pub rule: Rule,
    /// What this rule judges as a whole. When a structural error left any of it incomplete,
    /// the rule is not run, since it would report the error's consequences. Rules that look at
    /// one entity at a time read nothing as a whole.
    pub reads: Reads,
    /// Rules reported by the pipeline itself (`unused-suppression`) have no check of their own.
    pub check: Option<fn(&Context<'_>, &mut Findings)>,
}

/// Keys of entities, by section: `&[(Section::Tasks, &["accountable"])]`; `"*"` is every key.
pub type Keys = &'static [(Section, &'static [&'static str])];

/// What a rule reads, which decides what a structural error withholds of its findings
/// ([`withhold`]).
#[derive(Clone, Copy, Debug)]
pub struct Reads {
    /// Keys of the entity a finding is about.
    pub own: Keys,
    /// References of other entities that point at the entity a finding is about.
    pub incoming: Keys,
    /// Keys of every entity that the rule judges together (the lifecycle's shape): anything of
    /// them unknown withholds all of the rule's findings.
    pub whole: Keys,
    /// The rule is tuned by `lint:` (its settings).
    pub lint: bool,
}

impl Reads {
    /// A rule that reads nothing a structural error can leave unknown.
    pub const NOTHING: Reads = Reads {
        own: &[],
        incoming: &[],
        whole: &[],
        lint: false,
    };
}

/// What a rule reads: the playbook and its compiled graph.
pub struct Context<'p> {
    pub playbook: &'p Playbook,
    pub graph: &'p Graph<'p>,
}

/// Where a rule puts its findings; fills in the rule and its default severity.
pub struct Findings {
    rule: &'static Rule,
    diagnostics: Vec<Diagnostic>,
}

impl Findings {
    /// A finding of this rule at `span`, ready for `with_help` and friends, then [`Self::push`].
    pub fn at(&self, span: Span, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(self.rule, message, span)
    }

    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic);
    }
}

/// What the rules found, and which rules could not judge the playbook.
#[derive(Debug, Default)]
pub struct RuleRun {
    pub diagnostics: Vec<Diagnostic>,
    /// Rules not run because what they read is incomplete.
    pub skipped: Vec<&'static str>,
    /// Rules that ran, but with findings withheld because they depend on what is unknown.
    pub withheld: Vec<&'static str>,
}

/// Runs every non-structural rule over a compiled playbook, except those that `gaps` leaves
/// nothing to judge; findings that depend on what `gaps` leaves unknown are withheld.
pub fn run_rules(playbook: &Playbook, graph: &Graph<'_>, gaps: &Gaps) -> RuleRun {
    let context = Context { playbook, graph };
    let withholding = withhold::Withholding::new(gaps, playbook);
    let mut run = RuleRun::default();
    for lint_rule in registry::LINT_RULES {
        let Some(check) = lint_rule.check else {
            continue;
        };
        if withholding.skips(&lint_rule.reads) {
            run.skipped.push(lint_rule.rule.name);
            continue;
        }
        let mut findings = Findings {
            rule: &lint_rule.rule,
            diagnostics: Vec::new(),
        };
        check(&context, &mut findings);
        let found = findings.diagnostics.len();
        let kept = withholding.keep(&lint_rule.reads, findings.diagnostics);
        if kept.len() < found {
            run.withheld.push(lint_rule.rule.name);
        }
        run.diagnostics.extend(kept);
    }
    run
}

/// The playbook's gaps from loading, plus what resolution found unknown (a reference that does
/// not resolve is an edge missing from the graph), plus `lint:` when a level there could not be
/// read.
fn gaps_after_resolution(playbook: &Playbook, unknowns: Vec<Unknown>, lint_broken: bool) -> Gaps {
    let mut gaps = playbook.gaps.clone();
    gaps.lint |= lint_broken;
    gaps.unknowns.extend(unknowns);
    gaps
}

/// From this many tasks on, resolution and the graph are built on two threads.
const PARALLEL_FROM_TASKS: usize = 2_000;

/// Everything `check` reports for one playbook, levels and suppressions applied, sorted, and
/// the rules that were skipped because a structural error left their input incomplete.
pub fn lint_playbook(
    playbook: &Playbook,
    loaded: Vec<Diagnostic>,
    sources: &Sources,
    overrides: &LevelOverrides,
) -> RuleRun {
    let mut diagnostics = loaded;
    let (config_findings, lint_broken) = levels::check_config(&playbook.lint);
    diagnostics.extend(config_findings);
    let structural = || {
        // Names may be defined in an include that failed; its error is the one to fix first.
        let mut structural = if playbook.gaps.files_incomplete {
            crate::resolve::Resolution::default()
        } else {
            crate::resolve::resolve(playbook)
        };
        structural
            .diagnostics
            .extend(crate::resolve::party_clashes(playbook));
        structural
            .diagnostics
            .extend(crate::resolve::validate::validate(playbook));
        structural
    };
    // Resolution and the graph read the playbook independently; on a large playbook they run
    // side by side (a small one is done before a thread would have started).
    let (structural, graph) = if playbook.tasks.len() >= PARALLEL_FROM_TASKS {
        std::thread::scope(|scope| {
            let graph = scope.spawn(|| Graph::build(playbook));
            let structural = structural();
            let graph = graph
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            (structural, graph)
        })
    } else {
        (structural(), Graph::build(playbook))
    };
    let gaps = gaps_after_resolution(playbook, structural.unknowns, lint_broken);
    diagnostics.extend(structural.diagnostics);
    let run = run_rules(playbook, &graph, &gaps);
    let findings = levels::apply(run.diagnostics, &playbook.lint, overrides);
    let unjudged: Vec<&str> = run.skipped.iter().chain(&run.withheld).copied().collect();
    let (mut findings, unused) = suppress::apply(findings, playbook, sources, &unjudged);
    suppress::anchor(&mut findings, playbook, sources);
    diagnostics.extend(findings);
    diagnostics.extend(levels::apply(unused, &playbook.lint, overrides));
    sort(&mut diagnostics, sources);
    RuleRun {
        diagnostics,
        skipped: run.skipped,
        withheld: run.withheld,
    }
}

/// Sorts by file name, position, rule and message, and drops exact repeats (a file included by
/// two playbooks is checked with each).
pub fn sort(diagnostics: &mut Vec<Diagnostic>, sources: &Sources) {
    diagnostics.sort_by(|a, b| {
        let name = |d: &Diagnostic| sources.get(d.span.file).name.as_str();
        (name(a), a.span.start, a.span.end, a.rule.name, &a.message).cmp(&(
            name(b),
            b.span.start,
            b.span.end,
            b.rule.name,
            &b.message,
        ))
    });
    diagnostics.dedup_by(|a, b| {
        a.rule == b.rule
            && a.message == b.message
            && a.span.start == b.span.start
            && sources.get(a.span.file).path == sources.get(b.span.file).path
    });
}

/// What every rule file needs.
pub mod prelude {
    pub use super::{Context, Findings, LintRule, Reads};
    pub use crate::base::span::Span;
    pub use crate::diagnostic::{Label, Rule, Severity};
    pub use crate::model::Section;

    /// Where findings about the playbook as a whole point: its `playbook:` id.
    pub fn playbook_span(cx: &Context<'_>) -> Span {
        cx.playbook
            .id
            .as_ref()
            .map_or_else(|| Span::new(cx.playbook.root(), 0, 0), |id| id.span)
    }
}

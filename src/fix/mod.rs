//! Safe fixes: the byte-range edits that carry out a finding's [`Fix`], and the suppressions
//! that accept a finding where it is.
//!
//! One engine for every front: `check --fix` and `--add-allow` write these edits to the files,
//! an editor offers the same edits as quick fixes. Findings say what to repair ([`Fix`], plain
//! data set where the mistake is found); this stage turns that into edits against the text as
//! read, and merges the edits of many findings so that none overlaps another.

pub mod edit;
pub mod files;
mod replace;
mod suppression;

pub use edit::{Edit, apply};

use crate::base::source::{SourceFile, Sources};
use crate::base::span::{FileId, Span};
use crate::diagnostic::{Diagnostic, Fix};
use std::collections::{BTreeMap, HashMap};
use std::fmt;
use suppression::Comment;

/// What one fix does, in words: a title for editors, and the past tense for `check --fix`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Repair {
    Replaced { old: String, with: String },
    RemovedSuppression { rule: String },
}

impl Repair {
    /// The title of the quick fix: "Replace `tobia` with `tobias`".
    pub fn title(&self) -> String {
        match self {
            Repair::Replaced { old, with } => format!("Replace `{old}` with `{with}`"),
            Repair::RemovedSuppression { rule } => {
                format!("Remove the unused suppression of `{rule}`")
            }
        }
    }
}

/// What was done, for a report: "replaced `tobia` with `tobias`".
impl fmt::Display for Repair {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Repair::Replaced { old, with } => write!(f, "replaced `{old}` with `{with}`"),
            Repair::RemovedSuppression { rule } => {
                write!(f, "removed the unused suppression of `{rule}`")
            }
        }
    }
}

/// One finding a plan fixes: where it was, and what the fix does.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fixed {
    pub span: Span,
    pub repair: Repair,
}

/// The merged edits of many findings, and the findings they fix, both sorted by file and
/// position.
#[derive(Debug, Default)]
pub struct Plan {
    pub edits: Vec<Edit>,
    pub fixed: Vec<Fixed>,
}

/// The file a span is in, when `sources` holds it.
fn source_of(sources: &Sources, span: Span) -> Option<&SourceFile> {
    ((span.file as usize) < sources.len()).then(|| sources.get(span.file))
}

/// The text at `span`.
fn text_at(source: &SourceFile, span: Span) -> Option<&str> {
    source.text.get(span.start as usize..span.end as usize)
}

/// The edits that carry out `diagnostic.fix`, with a short title for editors
/// ("Replace `tobia` with `tobias`", "Remove the unused suppression of `rule`").
pub fn fix_edits(diagnostic: &Diagnostic, sources: &Sources) -> Option<(String, Vec<Edit>)> {
    let (repair, edits) = repair(diagnostic, sources)?;
    Some((repair.title(), edits))
}

/// What `diagnostic.fix` does and its edits.
fn repair(diagnostic: &Diagnostic, sources: &Sources) -> Option<(Repair, Vec<Edit>)> {
    repair_at(diagnostic.fix.as_ref()?, diagnostic.span, sources)
}

/// What `fix` of a finding at `span` does and its edits.
fn repair_at(fix: &Fix, span: Span, sources: &Sources) -> Option<(Repair, Vec<Edit>)> {
    let source = source_of(sources, span)?;
    match fix {
        Fix::Replace { with } => {
            let (old, edit) = replace::replacement(source, span, with)?;
            let repair = Repair::Replaced {
                old,
                with: with.clone(),
            };
            Some((repair, vec![edit]))
        }
        Fix::RemoveSuppression => {
            let comment = Comment::around(source, span)?;
            let rule = text_at(source, span)?.to_owned();
            Some((
                Repair::RemovedSuppression { rule },
                comment.remove(source, &[span]),
            ))
        }
    }
}

/// All safe fixes of these findings, merged so that no two overlap (several unused names in
/// one comment become one edit), sorted by file and position.
pub fn fix_all(diagnostics: &[Diagnostic], sources: &Sources) -> Vec<Edit> {
    plan(diagnostics, sources).edits
}

/// All safe fixes of these findings, as [`fix_all`], with the findings they fix. A fix whose
/// edits would overlap those of one before it is left for a later pass.
///
/// A file that several playbooks include is in the sources once for each: its findings are
/// fixed once. Two different replacements of one name (each playbook knowing other names) are
/// not certain, and neither is made.
pub fn plan(diagnostics: &[Diagnostic], sources: &Sources) -> Plan {
    let same = SameFile::of(sources);
    // Each unit is applied whole or not at all: the edits of one comment depend on each other.
    let mut units: Vec<(Vec<Edit>, Vec<Fixed>)> = Vec::new();
    let mut comments: HashMap<(FileId, u32), usize> = HashMap::new();
    let mut removals: Vec<(Comment, Vec<Span>, Vec<Fixed>)> = Vec::new();
    // By the span replaced; `None` when findings there disagree on the replacement.
    let mut replacements: BTreeMap<Span, Option<(Repair, Vec<Edit>)>> = BTreeMap::new();
    for diagnostic in diagnostics {
        let span = same.span(diagnostic.span);
        match &diagnostic.fix {
            Some(Fix::RemoveSuppression) => {
                let Some(source) = source_of(sources, span) else {
                    continue;
                };
                let (Some(comment), Some(rule)) =
                    (Comment::around(source, span), text_at(source, span))
                else {
                    continue;
                };
                let fixed = Fixed {
                    span,
                    repair: Repair::RemovedSuppression {
                        rule: rule.to_owned(),
                    },
                };
                let at = *comments.entry(comment.key()).or_insert_with(|| {
                    removals.push((comment, Vec::new(), Vec::new()));
                    removals.len() - 1
                });
                let (_, spans, done) = &mut removals[at];
                if !spans.contains(&span) {
                    spans.push(span);
                    done.push(fixed);
                }
            }
            Some(fix @ Fix::Replace { .. }) => {
                let Some(found) = repair_at(fix, span, sources) else {
                    continue;
                };
                replacements
                    .entry(span)
                    .and_modify(|known| {
                        if known.as_ref() != Some(&found) {
                            *known = None;
                        }
                    })
                    .or_insert(Some(found));
            }
            None => {}
        }
    }
    for (span, found) in replacements {
        if let Some((repair, edits)) = found {
            units.push((edits, vec![Fixed { span, repair }]));
        }
    }
    for (comment, spans, done) in removals {
        let Some(source) = source_of(sources, spans[0]) else {
            continue;
        };
        units.push((comment.remove(source, &spans), done));
    }
    units.sort_by_key(|(edits, _)| {
        edits
            .iter()
            .map(|edit| (edit.span.file, edit.span.start, edit.span.end))
            .min()
    });
    let mut kept = Kept::default();
    let mut plan = Plan::default();
    for (edits, fixed) in units {
        if edits.is_empty() || edits.iter().any(|edit| kept.overlaps(edit)) {
            continue;
        }
        for edit in edits {
            kept.add(edit);
        }
        plan.fixed.extend(fixed);
    }
    plan.edits = kept.into_sorted();
    plan.fixed
        .sort_by_key(|fixed| (fixed.span.file, fixed.span.start, fixed.span.end));
    plan
}

/// Each file id of the sources mapped to the first id of the same file.
struct SameFile(HashMap<FileId, FileId>);

impl SameFile {
    fn of(sources: &Sources) -> Self {
        let mut first: HashMap<&std::path::Path, FileId> = HashMap::new();
        SameFile(
            sources
                .iter()
                .map(|(id, file)| (id, *first.entry(&file.path).or_insert(id)))
                .collect(),
        )
    }

    fn span(&self, span: Span) -> Span {
        Span {
            file: self.0.get(&span.file).copied().unwrap_or(span.file),
            ..span
        }
    }
}

/// Edits that do not overlap each other, by file and position, asked whether a new one would
/// overlap any of them: a fix-all over thousands of findings stays a matter of lookups.
#[derive(Default)]
struct Kept {
    /// By file, start, end and a counter (several insertions may share a place).
    edits: BTreeMap<(FileId, u32, u32, usize), Edit>,
}

impl Kept {
    fn overlaps(&self, edit: &Edit) -> bool {
        let Span { file, start, end } = edit.span;
        // The one starting last at or before `start`, and every one starting inside the edit;
        // kept edits do not overlap, so no earlier one can reach further.
        let before = self
            .edits
            .range(..(file, start, u32::MAX, usize::MAX))
            .next_back()
            .map(|(_, kept)| kept);
        let inside = self
            .edits
            .range((file, start, 0, 0)..(file, end.max(start + 1), 0, 0))
            .map(|(_, kept)| kept);
        before
            .into_iter()
            .chain(inside)
            .any(|kept| kept.overlaps(edit))
    }

    fn add(&mut self, edit: Edit) {
        let Span { file, start, end } = edit.span;
        let count = self.edits.len();
        self.edits.insert((file, start, end, count), edit);
    }

    fn into_sorted(self) -> Vec<Edit> {
        self.edits.into_values().collect()
    }
}

/// The edit that adds `# smarketing: allow(RULE)` for the finding's entity (extending an
/// existing suppression comment of that entity when there is one); None for structural rules
/// and for findings without an entity.
pub fn allow_edit(diagnostic: &Diagnostic, sources: &Sources) -> Option<Edit> {
    let (target, source) = target(diagnostic, sources, &SameFile(HashMap::new()))?;
    let rule = diagnostic.rule.name;
    match target {
        Target::Comment(comment) => {
            (!comment.names(source).contains(&rule)).then(|| comment.extend(&[rule]))
        }
        Target::Above(key) => Some(suppression::insert_above(source, key, &[rule])),
    }
}

/// All suppressions for these findings, one comment per entity listing its rules.
pub fn allow_all(diagnostics: &[Diagnostic], sources: &Sources) -> Vec<Edit> {
    // By where the suppression goes: an existing comment, or the line of an entity's key.
    let mut groups: BTreeMap<(FileId, u32), (Target, &SourceFile, Vec<&str>)> = BTreeMap::new();
    let same = SameFile::of(sources);
    for diagnostic in diagnostics {
        let Some((target, source)) = target(diagnostic, sources, &same) else {
            continue;
        };
        let place = match &target {
            Target::Comment(comment) => comment.key(),
            Target::Above(key) => (key.file, source.line_start(source.line_of(key.start))),
        };
        let (target, _, rules) = groups
            .entry(place)
            .or_insert_with(|| (target, source, Vec::new()));
        let rule = diagnostic.rule.name;
        let named = match target {
            Target::Comment(comment) => comment.names(source).contains(&rule),
            Target::Above(_) => false,
        };
        if !named && !rules.contains(&rule) {
            rules.push(rule);
        }
    }
    groups
        .into_values()
        .filter(|(_, _, rules)| !rules.is_empty())
        .map(|(target, source, rules)| match target {
            Target::Comment(comment) => comment.extend(&rules),
            Target::Above(key) => suppression::insert_above(source, key, &rules),
        })
        .collect()
}

/// Where a suppression of a finding goes.
enum Target {
    /// Into this comment, which already covers the finding's entity.
    Comment(Comment),
    /// On a new line above the line of this key.
    Above(Span),
}

/// Where a suppression of `diagnostic` goes, in the file `same` names for it.
fn target<'s>(
    diagnostic: &Diagnostic,
    sources: &'s Sources,
    same: &SameFile,
) -> Option<(Target, &'s SourceFile)> {
    if diagnostic.rule.structural {
        return None;
    }
    let anchor = diagnostic.anchor?;
    let key = same.span(anchor.key);
    let source = source_of(sources, key)?;
    let existing = anchor
        .comment
        .and_then(|comment| Comment::starting_at(source, key.file, comment.start));
    let target = match existing {
        Some(comment) => Target::Comment(comment),
        None => Target::Above(key),
    };
    Some((target, source))
}

#[cfg(test)]
mod tests;

//! The safe fixes of many findings as one set of edits: a comment's unused names in one edit,
//! a file reached through several playbooks fixed once, and no two edits overlapping.

use super::suppression::Comment;
use super::{Edit, Fixed, Plan, Repair, repair_at, source_of, text_at};
use crate::base::source::Sources;
use crate::base::span::{FileId, Span};
use crate::diagnostic::{Diagnostic, Fix};
use std::collections::{BTreeMap, HashMap};

/// All safe fixes of these findings, as [`super::fix_all`], with the findings they fix. A fix whose
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
        let Some(source) = spans.first().and_then(|&span| source_of(sources, span)) else {
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
pub(super) struct SameFile(pub(super) HashMap<FileId, FileId>);

impl SameFile {
    pub(super) fn of(sources: &Sources) -> Self {
        let mut first: HashMap<&std::path::Path, FileId> = HashMap::new();
        SameFile(
            sources
                .iter()
                .map(|(id, file)| (id, *first.entry(&file.path).or_insert(id)))
                .collect(),
        )
    }

    pub(super) fn span(&self, span: Span) -> Span {
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

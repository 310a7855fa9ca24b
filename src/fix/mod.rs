//! Safe fixes: the byte-range edits that carry out a finding's [`Fix`], and the suppressions
//! that accept a finding where it is.
//!
//! One engine for every front: `check --fix` and `--add-allow` write these edits to the files,
//! an editor offers the same edits as quick fixes. Findings say what to repair ([`Fix`], plain
//! data set where the mistake is found); this stage turns that into edits against the text as
//! read, and merges the edits of many findings so that none overlaps another.

mod allow;
pub mod edit;
pub mod files;
mod plan;
mod replace;
mod suppression;

pub use allow::{allow_all, allow_edit};
pub use edit::{Edit, apply};
pub use plan::plan;

use crate::base::source::{SourceFile, Sources};
use crate::base::span::Span;
use crate::diagnostic::{Diagnostic, Fix};
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

#[cfg(test)]
mod tests;

//! Suppressions that accept findings where they are: `# smarketing: allow(RULE)` at the
//! entity a finding is about, added to the comment the entity already has, or on a line of its
//! own above the entity's key.

use super::plan::SameFile;
use super::suppression::{self, Comment};
use super::{Edit, source_of};
use crate::base::source::{SourceFile, Sources};
use crate::base::span::{FileId, Span};
use crate::diagnostic::Diagnostic;
use std::collections::{BTreeMap, HashMap};

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

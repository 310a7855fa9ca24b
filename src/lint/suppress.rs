//! Inline suppressions: `# smarketing: allow(rule-a, rule-b)`.
//!
//! The comment stands on an entity's key line or on the line above it and silences the named
//! rules for that entity and everything inside it. "Inside" is read from the indentation of the
//! YAML block, the same way a reader sees it. A suppression that silences nothing is itself a
//! finding (`unused-suppression`), so stale suppressions do not pile up.

use super::registry::{RULES, find};
use super::rules::unused_suppression;
use crate::base::source::{SourceFile, Sources};
use crate::base::span::{FileId, Span};
use crate::diagnostic::Diagnostic;
use crate::model::Playbook;

const MARKER: &str = "smarketing:";

#[derive(Debug)]
struct Suppression {
    /// The rule name as written, and where.
    rule: String,
    span: Span,
    /// The bytes of the entity it covers.
    file: FileId,
    start: u32,
    end: u32,
    used: bool,
}

/// Removes suppressed findings; returns the rest and the `unused-suppression` findings. A
/// suppression of a rule in `unjudged` (not run, or with findings withheld because of a
/// structural error) may well be needed, so it is not reported as silencing nothing.
pub fn apply(
    findings: Vec<Diagnostic>,
    playbook: &Playbook,
    sources: &Sources,
    unjudged: &[&str],
) -> (Vec<Diagnostic>, Vec<Diagnostic>) {
    let mut suppressions: Vec<Suppression> = Vec::new();
    let mut problems = Vec::new();
    for &file in &playbook.files {
        collect(sources.get(file), file, &mut suppressions, &mut problems);
    }
    if suppressions.is_empty() && problems.is_empty() {
        return (findings, Vec::new());
    }
    let kept = findings
        .into_iter()
        .filter(|finding| {
            let mut silenced = false;
            for suppression in suppressions.iter_mut() {
                if suppression.rule == finding.rule.name
                    && suppression.file == finding.span.file
                    && (suppression.start..suppression.end).contains(&finding.span.start)
                {
                    suppression.used = true;
                    silenced = true;
                }
            }
            !silenced
        })
        .collect();
    problems.extend(
        suppressions
            .into_iter()
            .filter(|s| !s.used && !unjudged.contains(&s.rule.as_str()))
            .map(|suppression| {
                unused_suppression::silences_nothing(&suppression.rule, suppression.span)
            }),
    );
    (kept, problems)
}

fn collect(
    source: &SourceFile,
    file: FileId,
    out: &mut Vec<Suppression>,
    problems: &mut Vec<Diagnostic>,
) {
    // Most files have no suppression at all: one search of the text settles that.
    if !source.text.contains(MARKER) {
        return;
    }
    for line in 1..=source.line_count() {
        let text = source.line_text(line);
        let Some(hash) = comment_start(text) else {
            continue;
        };
        let comment = &text[hash + 1..];
        // Only a comment that starts with the marker is a suppression.
        let Some(marker) = comment
            .find(MARKER)
            .filter(|&at| comment[..at].trim().is_empty())
        else {
            continue;
        };
        let after = &comment[marker + MARKER.len()..];
        let line_start = source.line_start(line);
        let parsed = after
            .trim_start()
            .strip_prefix("allow(")
            .and_then(|list| list.find(')').map(|close| (list, close)));
        let Some((list, close)) = parsed else {
            let at = line_start + (hash + 1 + marker) as u32;
            problems.push(unused_suppression::malformed(Span::new(
                file,
                at,
                line_start + text.len() as u32,
            )));
            continue;
        };
        let list_offset = text.len() - list.len();
        let own_line = text[..hash].trim().is_empty();
        let target = if own_line {
            next_content_line(source, line)
        } else {
            Some(line)
        };
        // A suppression that stands above nothing covers nothing, and is reported as unused.
        let (start, end) = target.map_or((0, 0), |target| block_extent(source, target));
        let mut offset = 0;
        for name in list[..close].split(',') {
            let trimmed = name.trim();
            let at = list_offset + offset + (name.len() - name.trim_start().len());
            offset += name.len() + 1;
            if trimmed.is_empty() {
                continue;
            }
            let span = Span::new(
                file,
                line_start + at as u32,
                line_start + (at + trimmed.len()) as u32,
            );
            match find(trimmed) {
                Some(rule) if rule.structural => {
                    problems.push(unused_suppression::structural(trimmed, span))
                }
                Some(_) => out.push(Suppression {
                    rule: trimmed.to_owned(),
                    span,
                    file,
                    start,
                    end,
                    used: false,
                }),
                None => {
                    let known: Vec<&str> = RULES.iter().map(|rule| rule.name).collect();
                    problems.push(unused_suppression::unknown_rule(trimmed, &known, span));
                }
            }
        }
    }
}

/// The entity a comment on its own line stands above: the next line, passing over further
/// comment lines (several suppressions may stack) but not over a blank line.
fn next_content_line(source: &SourceFile, line: usize) -> Option<usize> {
    for next in line + 1..=source.line_count() {
        let text = source.line_text(next).trim_start();
        if text.is_empty() {
            return None;
        }
        if !text.starts_with('#') {
            return Some(next);
        }
    }
    None
}

/// Where a comment starts in a line: a `#` at the start or after white space, outside quotes.
fn comment_start(line: &str) -> Option<usize> {
    let mut quote: Option<char> = None;
    let mut previous = ' ';
    for (index, c) in line.char_indices() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == '"' || c == '\'' => quote = Some(c),
            None if c == '#' && previous.is_whitespace() => return Some(index),
            None => {}
        }
        previous = c;
    }
    None
}

fn is_blank_or_comment(text: &str) -> bool {
    let trimmed = text.trim_start();
    trimmed.is_empty() || trimmed.starts_with('#')
}

/// The bytes of the block that starts on `line`: that line and every following line indented
/// deeper (blank and comment lines do not end it). A list item's block is measured from its dash.
fn block_extent(source: &SourceFile, line: usize) -> (u32, u32) {
    let indent = |text: &str| text.len() - text.trim_start().len();
    let first = source.line_text(line);
    let base = indent(first);
    let mut last = line;
    for next in line + 1..=source.line_count() {
        let text = source.line_text(next);
        if is_blank_or_comment(text) {
            continue;
        }
        if indent(text) <= base {
            break;
        }
        last = next;
    }
    let start = source.line_start(line);
    let end = source.line_start(last) + source.line_text(last).len() as u32;
    (start, end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_are_found_outside_quotes_only() {
        assert_eq!(comment_start("a: b # c"), Some(5));
        assert_eq!(comment_start("address: \"#smarketing\""), None);
        assert_eq!(comment_start("# smarketing: allow(x)"), Some(0));
        assert_eq!(comment_start("url: a#b"), None);
    }

    #[test]
    fn a_block_ends_where_indentation_returns() {
        let text =
            "tasks:\n  a:\n    title: A\n\n    # note\n    accountable: x\n  b:\n    title: B\n";
        let source = SourceFile::new("t.yaml".into(), text.into());
        let (start, end) = block_extent(&source, 2);
        assert_eq!(
            &text[start as usize..end as usize],
            "  a:\n    title: A\n\n    # note\n    accountable: x"
        );
    }
}

//! Inline suppressions: `# smarketing: allow(rule-a, rule-b)`.
//!
//! The comment stands on an entity's key line or on the line above it and silences the named
//! rules for that entity and everything inside it. "Inside" is read from the indentation of the
//! YAML block, the same way a reader sees it. A suppression that silences nothing is itself a
//! finding (`unused-suppression`), so stale suppressions do not pile up.
//!
//! Which text is a comment is settled while the file is parsed, from where its quoted and block
//! scalars are ([`Playbook::suppression_comments`]): the same words inside a block of text
//! (`description: |`) or a quoted string are text, and silence nothing.

use super::registry::{RULES, find};
use super::rules::unused_suppression;
use crate::base::source::{SourceFile, Sources};
use crate::base::span::{FileId, Span};
use crate::diagnostic::Diagnostic;
use crate::model::Playbook;
use crate::model::lint_config::SUPPRESSION_MARKER as MARKER;

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
    // Most playbooks have no suppression at all, and then no comment was kept while loading.
    if playbook.suppression_comments.is_empty() {
        return (findings, Vec::new());
    }
    let mut suppressions: Vec<Suppression> = Vec::new();
    let mut problems = Vec::new();
    for &comment in &playbook.suppression_comments {
        read(
            sources.get(comment.file),
            comment,
            &mut suppressions,
            &mut problems,
        );
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

/// Reads one suppression comment: `comment` spans it from its `#` to the end of its line.
fn read(
    source: &SourceFile,
    comment: Span,
    out: &mut Vec<Suppression>,
    problems: &mut Vec<Diagnostic>,
) {
    let file = comment.file;
    let Some(text) = source
        .text
        .get(comment.start as usize..comment.end as usize)
    else {
        return;
    };
    // The loader kept only comments that start with the marker.
    let Some(marker) = text.find(MARKER) else {
        return;
    };
    let at = |offset: usize| comment.start + offset as u32;
    let after = &text[marker + MARKER.len()..];
    let parsed = after
        .trim_start()
        .strip_prefix("allow(")
        .and_then(|list| list.find(')').map(|close| (list, close)));
    let Some((list, close)) = parsed else {
        problems.push(unused_suppression::malformed(Span::new(
            file,
            at(marker),
            comment.end,
        )));
        return;
    };
    let list_offset = text.len() - list.len();
    let (line, _) = source.line_col(comment.start);
    let line_start = source.line_start(line);
    let own_line = source
        .text
        .get(line_start as usize..comment.start as usize)
        .is_some_and(|before| before.trim().is_empty());
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
        let name_at = list_offset + offset + (name.len() - name.trim_start().len());
        offset += name.len() + 1;
        if trimmed.is_empty() {
            continue;
        }
        let span = Span::new(file, at(name_at), at(name_at + trimmed.len()));
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
    use crate::lint::{LevelOverrides, lint_playbook};
    use crate::load::{LoadOptions, load_bytes};
    use std::path::Path;

    const RULES_SEEN: [&str; 3] = [
        "task-without-responsible",
        "unowned-task",
        "unused-suppression",
    ];

    /// The findings about tasks and suppressions in a playbook with `tasks` (lines from 6 on),
    /// as `rule line:column`.
    fn findings(tasks: &str) -> Vec<String> {
        let text = format!(
            "version: 1\nplaybook: p\npeople:\n  anna: {{ name: Anna Berger }}\ntasks:\n{tasks}"
        );
        let mut sources = Sources::default();
        let loaded = load_bytes(
            Path::new("p.yaml"),
            text.as_bytes(),
            &mut sources,
            LoadOptions::default(),
        );
        assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
        let run = lint_playbook(
            &loaded.playbook,
            loaded.diagnostics,
            &sources,
            &LevelOverrides::default(),
        );
        run.diagnostics
            .iter()
            .filter(|finding| RULES_SEEN.contains(&finding.rule.name))
            .map(|finding| {
                let (line, column) = sources.get(finding.span.file).line_col(finding.span.start);
                format!("{} {line}:{column}", finding.rule.name)
            })
            .collect()
    }

    /// Two tasks without a responsible person; `a` has `description` as given.
    fn after_a_description(description: &str) -> Vec<String> {
        findings(&format!(
            "  a:\n    title: A\n    accountable: anna\n    description: {description}\n  b:\n    title: B\n    accountable: anna\n"
        ))
    }

    /// What a playbook without any suppression reports for the two tasks.
    fn unsuppressed(b_line: usize) -> Vec<String> {
        vec![
            "task-without-responsible 6:3".to_owned(),
            format!("task-without-responsible {b_line}:3"),
        ]
    }

    #[test]
    fn a_suppression_in_a_literal_block_is_text() {
        let description = "|\n      # smarketing: allow(task-without-responsible)\n      # smarketing: allow(unowned-task)";
        assert_eq!(after_a_description(description), unsuppressed(12));
    }

    #[test]
    fn a_suppression_in_a_folded_block_is_text() {
        let description = ">\n      # smarketing: allow(task-without-responsible)\n      # smarketing: allow(unowned-task)";
        assert_eq!(after_a_description(description), unsuppressed(12));
    }

    #[test]
    fn a_suppression_in_a_double_quoted_string_is_text() {
        let description = "\"first line\n      # smarketing: allow(task-without-responsible)\n      # smarketing: allow(unowned-task)\"";
        assert_eq!(after_a_description(description), unsuppressed(12));
    }

    #[test]
    fn a_suppression_in_a_single_quoted_string_is_text() {
        let description = "'first line\n      # smarketing: allow(task-without-responsible)\n      # smarketing: allow(unowned-task)'";
        assert_eq!(after_a_description(description), unsuppressed(12));
    }

    #[test]
    fn a_suppression_in_a_quoted_string_on_the_key_line_is_text() {
        let description = "\"see # smarketing: allow(task-without-responsible)\"";
        assert_eq!(after_a_description(description), unsuppressed(10));
        let tasks = "  a: {title: \"x # smarketing: allow(unowned-task)\"}\n";
        assert_eq!(
            findings(tasks),
            ["task-without-responsible 6:3", "unowned-task 6:3"]
        );
    }

    #[test]
    fn a_suppression_on_the_key_line_silences_the_entity() {
        let tasks = "  a: # smarketing: allow(task-without-responsible)\n    title: A\n    accountable: anna\n  b:\n    title: B\n    accountable: anna\n";
        assert_eq!(findings(tasks), ["task-without-responsible 9:3"]);
    }

    #[test]
    fn a_suppression_above_the_key_line_silences_the_entity() {
        let tasks = "  # smarketing: allow(task-without-responsible)\n  a:\n    title: A\n    accountable: anna\n    description: |\n      text\n  b:\n    title: B\n    accountable: anna\n";
        assert_eq!(findings(tasks), ["task-without-responsible 12:3"]);
    }

    #[test]
    fn stacked_suppressions_silence_the_entity_below_them() {
        let tasks = "  # smarketing: allow(unowned-task)\n  # why: nobody owns it yet\n  # smarketing: allow(task-without-responsible)\n  a:\n    title: A\n";
        assert_eq!(findings(tasks), Vec::<String>::new());
        // The same without the suppressions, to show that both rules fire.
        assert_eq!(
            findings("  a:\n    title: A\n"),
            ["task-without-responsible 6:3", "unowned-task 6:3"]
        );
    }

    #[test]
    fn a_rule_that_fires_is_silenced_and_one_that_does_not_is_reported() {
        let tasks = "  # smarketing: allow(task-without-responsible, unowned-task)\n  a:\n    title: A\n    accountable: anna\n";
        assert_eq!(findings(tasks), ["unused-suppression 6:49"]);
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

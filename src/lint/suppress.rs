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
use crate::diagnostic::{Anchor, Diagnostic};
use crate::model::lint_config::SUPPRESSION_MARKER as MARKER;
use crate::model::{Playbook, Section};
use std::collections::HashMap;

#[derive(Debug)]
struct Suppression {
    /// The rule name as written (the registry's spelling of it), and where.
    rule: &'static str,
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
    let mut layouts: HashMap<FileId, Layout> = HashMap::new();
    for &comment in &playbook.suppression_comments {
        let source = sources.get(comment.file);
        let layout = Layout::cached(&mut layouts, source, comment.file);
        read(source, layout, comment, &mut suppressions, &mut problems);
    }
    let kept = silence(findings, &mut suppressions);
    problems.extend(
        suppressions
            .into_iter()
            .filter(|s| !s.used && !unjudged.contains(&s.rule))
            .map(|suppression| {
                unused_suppression::silences_nothing(suppression.rule, suppression.span)
            }),
    );
    (kept, problems)
}

/// The findings no suppression silences; marks the suppressions that silence one as used.
///
/// A finding is silenced by every suppression of its rule whose entity holds its start, and each
/// of those counts as used. Grouped by rule and file and sorted, both questions are binary
/// searches: thousands of findings against thousands of suppressions stay cheap.
fn silence(findings: Vec<Diagnostic>, suppressions: &mut [Suppression]) -> Vec<Diagnostic> {
    let mut groups: HashMap<(&'static str, FileId), Group> = HashMap::new();
    for (index, suppression) in suppressions.iter().enumerate() {
        groups
            .entry((suppression.rule, suppression.file))
            .or_default()
            .members
            .push(index);
    }
    for group in groups.values_mut() {
        group
            .members
            .sort_by_key(|&index| suppressions[index].start);
        let mut furthest = 0;
        group.furthest_end = group
            .members
            .iter()
            .map(|&index| {
                furthest = furthest.max(suppressions[index].end);
                furthest
            })
            .collect();
    }
    let kept = findings
        .into_iter()
        .filter(|finding| {
            let Some(group) = groups.get_mut(&(finding.rule.name, finding.span.file)) else {
                return true;
            };
            let at = finding.span.start;
            // Suppressions starting at or before `at`; one of them holds it if any ends after it.
            let started = group
                .members
                .partition_point(|&index| suppressions[index].start <= at);
            let silenced = started > 0 && group.furthest_end[started - 1] > at;
            if silenced {
                group.silenced.push(at);
            }
            !silenced
        })
        .collect();
    for group in groups.values_mut() {
        group.silenced.sort_unstable();
        for &index in &group.members {
            let suppression = &mut suppressions[index];
            // The first silenced finding at or after its start: used if it is before its end.
            let first = group.silenced.partition_point(|&at| at < suppression.start);
            suppression.used = group
                .silenced
                .get(first)
                .is_some_and(|&at| at < suppression.end);
        }
    }
    kept
}

/// The suppressions of one rule in one file, sorted by where their entity starts.
#[derive(Default)]
struct Group {
    /// Indexes into the list of suppressions.
    members: Vec<usize>,
    /// For each member, the furthest end among it and the members before it.
    furthest_end: Vec<u32>,
    /// Where the findings it silenced start.
    silenced: Vec<u32>,
}

/// Reads one suppression comment: `comment` spans it from its `#` to the end of its line.
fn read(
    source: &SourceFile,
    layout: &Layout,
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
    let target = target_line(source, layout, comment);
    // A suppression that stands above nothing covers nothing, and is reported as unused.
    let (start, end) = target.map_or((0, 0), |target| layout.block_extent(source, target));
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
            Some(rule) => out.push(Suppression {
                rule: rule.name,
                span,
                file,
                start,
                end,
                used: false,
            }),
            None => {
                // Only rules a suppression can name are offered, and never one the list holds.
                let known: Vec<&str> = RULES
                    .iter()
                    .filter(|rule| !rule.structural)
                    .map(|rule| rule.name)
                    .collect();
                let listed = |with: &str| list[..close].split(',').any(|name| name.trim() == with);
                problems.push(
                    unused_suppression::unknown_rule(trimmed, &known, span).unless_taken(listed),
                );
            }
        }
    }
}

/// The line of the entity a suppression comment covers: its own line, or when it stands alone
/// on its line, the entity it stands above.
fn target_line(source: &SourceFile, layout: &Layout, comment: Span) -> Option<usize> {
    let line = source.line_of(comment.start);
    let line_start = source.line_start(line);
    let own_line = source
        .text
        .get(line_start as usize..comment.start as usize)
        .is_some_and(|before| before.trim().is_empty());
    if own_line {
        layout.next_content_line(line)
    } else {
        Some(line)
    }
}

/// Fills in where an inline suppression of each finding goes ([`Anchor`]): the key of the
/// entity it is about, when a suppression there covers the finding (same file, inside the
/// entity's lines), and the well-formed suppression comment already covering that entity, if
/// any, which the rule is then added to.
pub fn anchor(findings: &mut [Diagnostic], playbook: &Playbook, sources: &Sources) {
    let mut layouts: HashMap<FileId, Layout> = HashMap::new();
    // By the line of the entity they cover: the comment on that line itself, else the nearest
    // one above it.
    let mut comments: HashMap<(FileId, usize), Span> = HashMap::new();
    for &comment in &playbook.suppression_comments {
        let source = sources.get(comment.file);
        let well_formed = source
            .text
            .get(comment.start as usize..comment.end as usize)
            .and_then(|text| text.split_once(MARKER))
            .and_then(|(_, after)| after.trim_start().strip_prefix("allow("))
            .is_some_and(|list| list.contains(')'));
        if !well_formed {
            continue;
        }
        let layout = Layout::cached(&mut layouts, source, comment.file);
        let Some(line) = target_line(source, layout, comment) else {
            continue;
        };
        let on_line = |span: Span| source.line_of(span.start) == line;
        comments
            .entry((comment.file, line))
            .and_modify(|kept| {
                if !on_line(*kept) && (on_line(comment) || comment.start > kept.start) {
                    *kept = comment;
                }
            })
            .or_insert(comment);
    }
    for finding in findings {
        if finding.rule.structural {
            continue;
        }
        let Some((section, id)) = finding.entity.as_deref().and_then(|e| e.split_once('.')) else {
            continue;
        };
        let Some(key) = Section::from_key(section).and_then(|s| playbook.id_span(s, id)) else {
            continue;
        };
        if key.file != finding.span.file {
            continue;
        }
        let source = sources.get(key.file);
        let line = source.line_of(key.start);
        let (start, end) =
            Layout::cached(&mut layouts, source, key.file).block_extent(source, line);
        if !(start..end).contains(&finding.span.start) {
            continue;
        }
        finding.anchor = Some(Anchor {
            key,
            comment: comments.get(&(key.file, line)).copied(),
        });
    }
}

fn is_blank_or_comment(text: &str) -> bool {
    let trimmed = text.trim_start();
    trimmed.is_empty() || trimmed.starts_with('#')
}

/// What suppressions need to know of a file's lines, found in one pass each: which line a comment
/// on its own line stands above, and where the block that starts on a line ends. Looking these
/// up line by line from each suppression would cost the length of the file per suppression.
struct Layout {
    /// For each line (1-based, with one more past the end), the first line at or after it that is
    /// neither blank nor a comment, passing over comment lines but not over a blank line.
    content_from: Vec<Option<usize>>,
    /// For each line that is neither blank nor a comment, the last line of its block.
    block_last: Vec<usize>,
}

impl Layout {
    fn of(source: &SourceFile) -> Self {
        let count = source.line_count();
        let indent = |text: &str| text.len() - text.trim_start().len();
        let mut content_from = vec![None; count + 2];
        for line in (1..=count).rev() {
            let text = source.line_text(line).trim_start();
            content_from[line] = if text.is_empty() {
                None
            } else if text.starts_with('#') {
                content_from[line + 1]
            } else {
                Some(line)
            };
        }
        // A block ends before the first later line (blank and comment lines aside) indented no
        // deeper than its first: for every line at once, with a stack of the lines whose end is
        // not found yet, each deeper than the one below it.
        let mut block_last: Vec<usize> = (0..=count).collect();
        let mut open: Vec<(usize, usize)> = Vec::new();
        let mut previous = 0;
        for line in 1..=count {
            let text = source.line_text(line);
            if is_blank_or_comment(text) {
                continue;
            }
            let depth = indent(text);
            while let Some(&(first, first_depth)) = open.last() {
                if first_depth < depth {
                    break;
                }
                block_last[first] = previous;
                open.pop();
            }
            open.push((line, depth));
            previous = line;
        }
        for (first, _) in open {
            block_last[first] = previous;
        }
        Layout {
            content_from,
            block_last,
        }
    }

    /// The layout of `source` (file `file`), found once per run.
    fn cached<'l>(
        layouts: &'l mut HashMap<FileId, Layout>,
        source: &SourceFile,
        file: FileId,
    ) -> &'l Layout {
        layouts.entry(file).or_insert_with(|| Layout::of(source))
    }

    /// The entity a comment on its own line stands above: the next line, passing over further
    /// comment lines (several suppressions may stack) but not over a blank line.
    fn next_content_line(&self, line: usize) -> Option<usize> {
        self.content_from.get(line + 1).copied().flatten()
    }

    /// The bytes of the block that starts on `line`: that line and every following line indented
    /// deeper (blank and comment lines do not end it). A list item's block is measured from its
    /// dash.
    fn block_extent(&self, source: &SourceFile, line: usize) -> (u32, u32) {
        let last = self.block_last.get(line).copied().unwrap_or(line).max(line);
        let start = source.line_start(line);
        let end = source.line_start(last) + source.line_text(last).len() as u32;
        (start, end)
    }
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
        let (start, end) = Layout::of(&source).block_extent(&source, 2);
        assert_eq!(
            &text[start as usize..end as usize],
            "  a:\n    title: A\n\n    # note\n    accountable: x"
        );
    }

    /// The line-by-line definitions the layout replaces: scan from the line on, every time.
    fn scanned_next_content_line(source: &SourceFile, line: usize) -> Option<usize> {
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

    fn scanned_block_extent(source: &SourceFile, line: usize) -> (u32, u32) {
        let indent = |text: &str| text.len() - text.trim_start().len();
        let base = indent(source.line_text(line));
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
        (
            start,
            source.line_start(last) + source.line_text(last).len() as u32,
        )
    }

    /// The layout, found in one pass, says what the scans say, on files of random indentation,
    /// blank lines, comments and tabs.
    #[test]
    fn the_layout_agrees_with_scanning() {
        let pieces = ["a: 1", "- b", "# c", "", "  ", "\tx: y", "d:  # e"];
        let mut seed: u64 = 0x853c_49e6_748f_ea9b;
        for _ in 0..300 {
            let mut text = String::new();
            for _ in 0..(seed % 40) {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                text.push_str(&" ".repeat((seed % 7) as usize));
                text.push_str(pieces[(seed >> 8) as usize % pieces.len()]);
                text.push('\n');
            }
            let source = SourceFile::new("t.yaml".into(), text.clone());
            let layout = Layout::of(&source);
            for line in 1..=source.line_count() {
                assert_eq!(
                    layout.next_content_line(line),
                    scanned_next_content_line(&source, line),
                    "line {line} of {text:?}"
                );
                if !is_blank_or_comment(source.line_text(line)) {
                    assert_eq!(
                        layout.block_extent(&source, line),
                        scanned_block_extent(&source, line),
                        "line {line} of {text:?}"
                    );
                }
            }
        }
    }

    /// Silencing by groups answers as the plain pairing of every finding with every
    /// suppression: same findings kept, same suppressions used, with nested, repeated and empty
    /// entities, two rules and two files.
    #[test]
    fn silencing_agrees_with_pairing_everything() {
        let rules = [RULES[0], RULES[1]];
        let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = |below: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed % below
        };
        for _ in 0..500 {
            let mut suppressions: Vec<Suppression> = (0..next(12))
                .map(|_| {
                    let start = next(60) as u32;
                    let end = if next(5) == 0 {
                        start
                    } else {
                        start + next(30) as u32
                    };
                    Suppression {
                        rule: rules[next(2) as usize].name,
                        span: Span::new(0, 0, 0),
                        file: next(2) as FileId,
                        start,
                        end,
                        used: false,
                    }
                })
                .collect();
            let findings: Vec<Diagnostic> = (0..next(20))
                .map(|_| {
                    let at = next(90) as u32;
                    Diagnostic::new(
                        rules[next(2) as usize],
                        "finding",
                        Span::new(next(2) as FileId, at, at + 1),
                    )
                })
                .collect();
            let mut expected_used = vec![false; suppressions.len()];
            let expected_kept: Vec<Span> = findings
                .iter()
                .filter(|finding| {
                    let mut silenced = false;
                    for (used, suppression) in expected_used.iter_mut().zip(&suppressions) {
                        if suppression.rule == finding.rule.name
                            && suppression.file == finding.span.file
                            && (suppression.start..suppression.end).contains(&finding.span.start)
                        {
                            *used = true;
                            silenced = true;
                        }
                    }
                    !silenced
                })
                .map(|finding| finding.span)
                .collect();
            let kept: Vec<Span> = silence(findings, &mut suppressions)
                .iter()
                .map(|finding| finding.span)
                .collect();
            assert_eq!(kept, expected_kept);
            let used: Vec<bool> = suppressions.iter().map(|s| s.used).collect();
            assert_eq!(used, expected_used);
        }
    }
}

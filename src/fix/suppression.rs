//! Edits of inline suppressions: taking names out of `# smarketing: allow(...)` and writing
//! new ones.
//!
//! A comment read the way the lint stage reads it ([`crate::lint::suppress`]): the marker, then
//! `allow(`, names separated by commas, and the first `)`. Removing names keeps the author's
//! spacing around the names that stay; removing the last name removes the comment, and the line
//! with it when the comment stands alone.

use super::edit::Edit;
use crate::base::source::SourceFile;
use crate::base::span::{FileId, Span};
use crate::model::lint_config::SUPPRESSION_MARKER as MARKER;

/// One suppression comment as written.
#[derive(Debug)]
pub(super) struct Comment {
    file: FileId,
    /// The `#` that starts it.
    hash: u32,
    /// The line it is on: where its text starts and ends (before the line break), and where
    /// the next line starts.
    line_start: u32,
    line_end: u32,
    next_line: u32,
    /// Nothing but blanks before it on its line.
    alone: bool,
    /// The names between the parentheses, by byte range, and where the `)` is.
    names: Vec<(u32, u32)>,
    close: u32,
}

impl Comment {
    /// The suppression comment that starts with the `#` at `hash`.
    pub(super) fn starting_at(source: &SourceFile, file: FileId, hash: u32) -> Option<Comment> {
        let line = source.line_of(hash);
        let line_start = source.line_start(line);
        let line_end = line_start + source.line_text(line).len() as u32;
        let text = source.text.get(hash as usize..line_end as usize)?;
        let after = text.strip_prefix('#')?.trim_start().strip_prefix(MARKER)?;
        let list = after.trim_start().strip_prefix("allow(")?;
        let close = list.find(')')?;
        let list_at = hash + (text.len() - list.len()) as u32;
        let mut names = Vec::new();
        let mut offset = 0;
        for name in list[..close].split(',') {
            let leading = name.len() - name.trim_start().len();
            let trimmed = name.trim();
            if !trimmed.is_empty() {
                let start = list_at + (offset + leading) as u32;
                names.push((start, start + trimmed.len() as u32));
            }
            offset += name.len() + 1;
        }
        let alone = source
            .text
            .get(line_start as usize..hash as usize)
            .is_some_and(|before| before.trim().is_empty());
        Some(Comment {
            file,
            hash,
            line_start,
            line_end,
            next_line: source.line_start(line + 1),
            alone,
            names,
            close: list_at + close as u32,
        })
    }

    /// The suppression comment whose list holds the name at `name`.
    pub(super) fn around(source: &SourceFile, name: Span) -> Option<Comment> {
        let line_start = source.line_start(source.line_of(name.start));
        let before = source.text.get(line_start as usize..name.start as usize)?;
        before
            .match_indices('#')
            .rev()
            .filter_map(|(at, _)| Comment::starting_at(source, name.file, line_start + at as u32))
            .find(|comment| comment.names.contains(&(name.start, name.end)))
    }

    /// The names it lists, as written.
    pub(super) fn names<'s>(&self, source: &'s SourceFile) -> Vec<&'s str> {
        self.names
            .iter()
            .filter_map(|&(start, end)| source.text.get(start as usize..end as usize))
            .collect()
    }

    /// The edits that take the names at `removed` out: only those names (with a comma and the
    /// blanks between them and their neighbour) while others stay, else the whole comment, and
    /// its line when it stands alone.
    pub(super) fn remove(&self, source: &SourceFile, removed: &[Span]) -> Vec<Edit> {
        let gone = |&(start, end): &(u32, u32)| {
            removed
                .iter()
                .any(|span| span.start == start && span.end == end)
        };
        if self.names.iter().all(gone) {
            let span = if self.alone {
                Span::new(self.file, self.line_start, self.next_line)
            } else {
                let before = source
                    .text
                    .get(self.line_start as usize..self.hash as usize)
                    .unwrap_or_default();
                let content_end = self.line_start + before.trim_end().len() as u32;
                Span::new(self.file, content_end, self.line_end)
            };
            return vec![Edit::new(span, "")];
        }
        // Each name goes with what separates it from the next name; a name after the last one
        // that stays goes with what separates it from that one. Overlapping ranges are joined.
        let last_kept = self.names.iter().rposition(|name| !gone(name));
        let mut ranges: Vec<(u32, u32)> = Vec::new();
        for (index, name) in self.names.iter().enumerate() {
            if !gone(name) {
                continue;
            }
            let range = match last_kept {
                Some(kept) if index > kept => (self.names[kept].1, name.1),
                _ => (
                    name.0,
                    self.names.get(index + 1).map_or(name.1, |next| next.0),
                ),
            };
            match ranges.last_mut() {
                Some(last) if range.0 <= last.1 => {
                    last.0 = last.0.min(range.0);
                    last.1 = last.1.max(range.1);
                }
                _ => ranges.push(range),
            }
        }
        ranges
            .into_iter()
            .map(|(start, end)| Edit::new(Span::new(self.file, start, end), ""))
            .collect()
    }

    /// The edit that adds `rules` to the list: after its last name, or inside `()` when empty.
    pub(super) fn extend(&self, rules: &[&str]) -> Edit {
        match self.names.last() {
            Some(&(_, end)) => Edit::new(
                Span::new(self.file, end, end),
                format!(", {}", rules.join(", ")),
            ),
            None => Edit::new(
                Span::new(self.file, self.close, self.close),
                rules.join(", "),
            ),
        }
    }

    /// Where it starts, to tell comments apart.
    pub(super) fn key(&self) -> (FileId, u32) {
        (self.file, self.hash)
    }
}

/// The edit that writes `# smarketing: allow(rules)` on a line of its own above the line that
/// holds `key`, indented like that line, with the file's line ending.
pub(super) fn insert_above(source: &SourceFile, key: Span, rules: &[&str]) -> Edit {
    let line = source.line_of(key.start);
    let line_start = source.line_start(line);
    let text = source.line_text(line);
    let indent = &text[..text.len() - text.trim_start_matches([' ', '\t']).len()];
    Edit::new(
        Span::new(key.file, line_start, line_start),
        format!(
            "{indent}# {MARKER} allow({}){}",
            rules.join(", "),
            line_ending(source, line)
        ),
    )
}

/// The line ending of `line`, or of the file's first line when `line` has none (the last line).
fn line_ending(source: &SourceFile, line: usize) -> &'static str {
    let ends = |line: usize| {
        let end = source.line_start(line) as usize + source.line_text(line).len();
        source.text.get(end..).and_then(|rest| {
            if rest.starts_with("\r\n") {
                Some("\r\n")
            } else if rest.starts_with('\n') {
                Some("\n")
            } else {
                None
            }
        })
    };
    ends(line).or_else(|| ends(1)).unwrap_or("\n")
}

#[cfg(test)]
mod tests {
    use super::super::edit::apply;
    use super::*;

    fn source(text: &str) -> SourceFile {
        SourceFile::new("p.yaml".into(), text.to_owned())
    }

    fn span_of(text: &str, name: &str) -> Span {
        let start = text.find(name).unwrap() as u32;
        Span::new(0, start, start + name.len() as u32)
    }

    /// `text` with the names `removed` taken out of the comment that holds the first.
    fn removing(text: &str, removed: &[&str]) -> String {
        let source = source(text);
        let spans: Vec<Span> = removed.iter().map(|name| span_of(text, name)).collect();
        let comment = Comment::around(&source, spans[0]).unwrap();
        apply(text, &comment.remove(&source, &spans))
    }

    const TASKS: &str =
        "tasks:\n  # smarketing: allow(rule-a, rule-b, rule-c)\n  a:\n    title: A\n";

    #[test]
    fn one_name_of_several_is_taken_out() {
        let line =
            |list: &str| format!("tasks:\n  # smarketing: allow({list})\n  a:\n    title: A\n");
        assert_eq!(removing(TASKS, &["rule-a"]), line("rule-b, rule-c"));
        assert_eq!(removing(TASKS, &["rule-b"]), line("rule-a, rule-c"));
        assert_eq!(removing(TASKS, &["rule-c"]), line("rule-a, rule-b"));
    }

    #[test]
    fn several_unused_names_of_one_comment_are_one_edit_each_run() {
        let line =
            |list: &str| format!("tasks:\n  # smarketing: allow({list})\n  a:\n    title: A\n");
        assert_eq!(removing(TASKS, &["rule-a", "rule-b"]), line("rule-c"));
        assert_eq!(removing(TASKS, &["rule-b", "rule-c"]), line("rule-a"));
        assert_eq!(removing(TASKS, &["rule-a", "rule-c"]), line("rule-b"));
        let source = source(TASKS);
        let spans = [span_of(TASKS, "rule-b"), span_of(TASKS, "rule-c")];
        let comment = Comment::around(&source, spans[0]).unwrap();
        assert_eq!(comment.remove(&source, &spans).len(), 1);
    }

    #[test]
    fn a_comment_standing_alone_goes_with_its_line() {
        assert_eq!(
            removing(TASKS, &["rule-a", "rule-b", "rule-c"]),
            "tasks:\n  a:\n    title: A\n"
        );
        let last = "a: 1\n# smarketing: allow(rule-a)";
        assert_eq!(removing(last, &["rule-a"]), "a: 1\n");
    }

    #[test]
    fn a_comment_after_yaml_goes_alone() {
        let text = "tasks:\n  a:   # smarketing: allow(rule-a)\n    title: A\n";
        assert_eq!(removing(text, &["rule-a"]), "tasks:\n  a:\n    title: A\n");
    }

    #[test]
    fn line_endings_are_kept() {
        let text = "tasks:\r\n  # smarketing: allow(rule-a)\r\n  b: # smarketing: allow(rule-b, rule-c)\r\n    title: B\r\n";
        assert_eq!(
            removing(text, &["rule-a"]),
            "tasks:\r\n  b: # smarketing: allow(rule-b, rule-c)\r\n    title: B\r\n"
        );
        assert_eq!(
            removing(text, &["rule-b", "rule-c"]),
            "tasks:\r\n  # smarketing: allow(rule-a)\r\n  b:\r\n    title: B\r\n"
        );
    }

    #[test]
    fn a_hash_in_the_yaml_before_the_comment_is_not_the_comment() {
        let text = "a: { title: \"x # y\" } # smarketing: allow(rule-a, rule-b)\n";
        assert_eq!(
            removing(text, &["rule-a"]),
            "a: { title: \"x # y\" } # smarketing: allow(rule-b)\n"
        );
    }

    #[test]
    fn a_suppression_goes_above_the_key_indented_like_it() {
        let text = "tasks:\n  a:\n    title: A\n";
        let source = source(text);
        let edit = insert_above(&source, span_of(text, "a:"), &["rule-a", "rule-b"]);
        assert_eq!(
            apply(text, &[edit]),
            "tasks:\n  # smarketing: allow(rule-a, rule-b)\n  a:\n    title: A\n"
        );
        let stages = "lifecycle:\n  stages:\r\n    - id: lead\r\n      next: [mql]";
        let source = self::source(stages);
        let edit = insert_above(&source, span_of(stages, "lead"), &["rule-a"]);
        assert_eq!(
            apply(stages, &[edit]),
            "lifecycle:\n  stages:\r\n    # smarketing: allow(rule-a)\r\n    - id: lead\r\n      next: [mql]"
        );
    }

    #[test]
    fn a_crlf_file_gets_a_crlf_line_even_above_its_last_line() {
        let text = "tasks:\r\n  a: { title: A }";
        let source = source(text);
        let edit = insert_above(&source, span_of(text, "a:"), &["rule-a"]);
        assert_eq!(
            apply(text, &[edit]),
            "tasks:\r\n  # smarketing: allow(rule-a)\r\n  a: { title: A }"
        );
    }

    #[test]
    fn an_existing_comment_is_extended() {
        for (text, expected) in [
            (
                "  a: # smarketing: allow(rule-a) because\n",
                "  a: # smarketing: allow(rule-a, rule-b, rule-c) because\n",
            ),
            (
                "  # smarketing:allow()\n",
                "  # smarketing:allow(rule-b, rule-c)\n",
            ),
        ] {
            let source = source(text);
            let hash = text.find('#').unwrap() as u32;
            let comment = Comment::starting_at(&source, 0, hash).unwrap();
            assert_eq!(
                apply(text, &[comment.extend(&["rule-b", "rule-c"])]),
                expected
            );
        }
    }

    #[test]
    fn malformed_comments_are_not_read() {
        for text in [
            "# smarketing: allow(a",
            "# smarketing: allw(a)",
            "# other: allow(a)",
        ] {
            assert!(
                Comment::starting_at(&source(text), 0, 0).is_none(),
                "{text}"
            );
        }
    }
}

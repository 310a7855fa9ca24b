//! YAML text to a spanned node tree.
//!
//! The playbook is parsed in two stages, as cargo-deny does with its configuration: first into
//! [`Node`]s that know where every value sits, then each entity from its nodes into the typed
//! model ([`de`]), collecting every problem instead of stopping at the first. Only a syntax error
//! stops work on a file. The two stages interleave: each entity is handed to an [`EntitySink`] as
//! soon as its last line is parsed, so a large playbook never exists as one whole tree.
//!
//! The nodes are built from the events of granit-parser (the pure-Rust parser under
//! serde-saphyr) by [`build`], with budgets on nesting depth and alias expansion, so hostile
//! input ends in a diagnostic instead of a hang or unbounded memory. A test compares the result
//! with serde-saphyr's own spanned values on every fixture and on damaged variants of them.

mod build;
mod comments;
#[cfg(test)]
pub(crate) use build::WholeTreeAndComments;
pub use build::{EntitySink, SectionTag, WholeTree};
pub mod de;
#[cfg(test)]
mod oracle;
pub mod recorded;
pub mod scalar;

use crate::base::span::{FileId, Span};
use crate::diagnostic::Diagnostic;
use crate::diagnostic::structural::yaml_syntax;

/// Deepest nesting of lists and maps accepted; playbooks need fewer than ten levels.
pub const MAX_DEPTH: usize = 64;
/// Most events that aliases may replay in one file: generous for reuse, fatal to alias bombs.
pub const MAX_ALIAS_REPLAY: usize = 100_000;

/// A YAML node with the byte span of its text.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub span: Span,
    pub kind: NodeKind,
}

#[derive(Clone, Debug, PartialEq)]
pub enum NodeKind {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    /// Text. `None` when the text is exactly the node's span in the source, which is true of
    /// most plain scalars: they are read from the source instead of being copied (see
    /// [`Node::scalar_text`]).
    Str(Option<Box<str>>),
    Seq(Box<[Node]>),
    /// Entries in file order. Keys are nodes, since YAML allows any node as a key.
    Map(Box<[(Node, Node)]>),
}

impl Node {
    /// What this node is, in the words of the diagnostics: "text", "a list", ...
    pub fn describe(&self) -> &'static str {
        match self.kind {
            NodeKind::Null => "nothing",
            NodeKind::Bool(_) => "a boolean",
            NodeKind::Int(_) => "a whole number",
            NodeKind::Float(_) => "a number",
            NodeKind::Str(_) => "text",
            NodeKind::Seq(_) => "a list",
            NodeKind::Map(_) => "a map",
        }
    }

    pub fn as_map(&self) -> Option<&[(Node, Node)]> {
        match &self.kind {
            NodeKind::Map(entries) => Some(entries),
            _ => None,
        }
    }

    pub fn as_seq(&self) -> Option<&[Node]> {
        match &self.kind {
            NodeKind::Seq(items) => Some(items),
            _ => None,
        }
    }

    pub fn is_null(&self) -> bool {
        matches!(self.kind, NodeKind::Null)
    }

    /// The text of a scalar (without quotes, escapes resolved; numbers and booleans as
    /// written), or `None` for collections. `source` is the text of the node's file.
    pub fn scalar_text<'a>(&'a self, source: &'a str) -> Option<&'a str> {
        match &self.kind {
            NodeKind::Str(Some(text)) => Some(text),
            NodeKind::Seq(_) | NodeKind::Map(_) => None,
            _ => source.get(self.span.start as usize..self.span.end as usize),
        }
    }
}

/// The result of parsing one file: its root node (absent after a syntax error) and what was
/// found on the way (syntax errors, duplicate keys).
pub struct Parsed {
    pub root: Option<Node>,
    pub diagnostics: Vec<Diagnostic>,
    /// Top-level entries left out because their key repeats an earlier one.
    pub dropped: Vec<(Node, Node)>,
}

/// Parses `text` (the contents of file `file`) into a node tree; the entities `sink` asks for
/// are handed to it as they are read and left out of the tree.
pub fn parse(text: &str, file: FileId, sink: &mut dyn EntitySink) -> Parsed {
    if let Some(offset) = text.find('\0') {
        let span = Span::new(file, offset as u32, offset as u32 + 1);
        return Parsed {
            root: None,
            dropped: Vec::new(),
            diagnostics: vec![yaml_syntax::nul_byte(span)],
        };
    }
    match build::build(text, file, sink) {
        Ok(tree) => Parsed {
            root: tree.root,
            diagnostics: tree.duplicates,
            dropped: tree.dropped,
        },
        Err(error) => Parsed {
            root: None,
            dropped: Vec::new(),
            diagnostics: vec![syntax_diagnostic(&error, text, file)],
        },
    }
}

fn syntax_diagnostic(error: &build::BuildError, text: &str, file: FileId) -> Diagnostic {
    let offset = error.offset.min(text.len());
    // Never slice inside a character, whatever offset the parser reports.
    let offset = (0..=offset)
        .rev()
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(0);
    let end = text[offset..]
        .chars()
        .next()
        .map_or(offset, |c| offset + c.len_utf8());
    let message = error
        .message
        .lines()
        .next()
        .unwrap_or("invalid YAML")
        .trim()
        .trim_end_matches('.');
    // Some messages name a better place than where the parser stopped ("unclosed bracket '{' at
    // line 4, column 14"): point there, and let the snippet say it.
    let (message, offset, end) = match mentioned_position(message, text) {
        Some((stripped, at)) => {
            let end = text[at..].chars().next().map_or(at, |c| at + c.len_utf8());
            (stripped, at, end)
        }
        None => (message.to_owned(), offset, end),
    };
    let message = lower_first(&message);
    let mut diagnostic = yaml_syntax::invalid(&message, Span::new(file, offset as u32, end as u32));
    if error.budget {
        diagnostic = diagnostic.with_help(format!(
            "playbooks are plain maps and lists: one document, at most {MAX_DEPTH} levels deep, with aliases repeating at most {MAX_ALIAS_REPLAY} values"
        ));
    } else if message.contains("block scalar") {
        diagnostic = diagnostic.with_help(
            "a value that starts with `>` or `|` opens a block of text; to write a target, quote it: `target: \">= 50\"`",
        );
    }
    diagnostic
}

/// The byte offset of 1-based `line` and character `column` in `text`.
fn offset_of(line: usize, column: usize, text: &str) -> Option<usize> {
    if line == 0 {
        return None;
    }
    let line_start = if line == 1 {
        0
    } else {
        text.match_indices('\n').nth(line - 2)?.0 + 1
    };
    let line_text = text[line_start..].split('\n').next().unwrap_or("");
    Some(
        line_start
            + line_text
                .char_indices()
                .nth(column.saturating_sub(1))
                .map_or(line_text.len(), |(i, _)| i),
    )
}

/// Finds " at line L, column C" in a message: the message without it, and the byte offset.
fn mentioned_position(message: &str, text: &str) -> Option<(String, usize)> {
    let at = message.find(" at line ")?;
    let rest = &message[at + " at line ".len()..];
    let (line, rest) = rest.split_once(", column ")?;
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    let line: usize = line.trim().parse().ok()?;
    let column: usize = digits.parse().ok()?;
    let offset = offset_of(line, column, text)?;
    let stripped = format!("{}{}", &message[..at], &rest[digits.len()..]);
    Some((stripped, offset))
}

fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) if !chars.clone().next().is_some_and(char::is_uppercase) => {
            first.to_lowercase().chain(chars).collect()
        }
        _ => text.to_owned(),
    }
}

/// The parser reports a collection by its first character only. A flow collection (`[a, b]`,
/// `{ a: 1 }`) is spanned to its closing bracket; a block collection to the end of its first
/// line, so that a label stays on one line.
pub(crate) fn collection_end(kind: &NodeKind, start: u32, end: u32, text: &str) -> u32 {
    let opening = text.as_bytes().get(start as usize).copied();
    let rest = text.get(start as usize..).unwrap_or("");
    if !matches!(opening, Some(b'[' | b'{')) {
        let line = rest.split(['\n', '\r']).next().unwrap_or("");
        let content = line.trim_end();
        let content = match content.find(" #") {
            Some(comment) => content[..comment].trim_end(),
            None => content,
        };
        return (start as usize + content.len()) as u32;
    }
    let last_child = match kind {
        NodeKind::Seq(items) => items.last().map(|item| item.span.end),
        NodeKind::Map(entries) => entries.last().map(|(_, value)| value.span.end),
        _ => None,
    };
    let after = last_child.unwrap_or(start + 1).max(end) as usize;
    let closing = if opening == Some(b'[') { b']' } else { b'}' };
    text.as_bytes()[after.min(text.len())..]
        .iter()
        .position(|&b| b == closing)
        .map_or(after as u32, |i| (after + i + 1) as u32)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::structural::duplicate_key;

    fn parse_ok(text: &str) -> Node {
        let parsed = parse(text, 0, &mut WholeTree);
        assert!(parsed.diagnostics.is_empty(), "{:?}", parsed.diagnostics);
        parsed.root.expect("a root node")
    }

    #[test]
    fn spans_are_byte_ranges_of_the_values() {
        let text = "title: \"Séeblick\"\nsla: 24h\n";
        let root = parse_ok(text);
        let entries = root.as_map().unwrap();
        assert_eq!(
            &text[entries[0].1.span.start as usize..entries[0].1.span.end as usize],
            "\"Séeblick\""
        );
        assert_eq!(
            &text[entries[1].1.span.start as usize..entries[1].1.span.end as usize],
            "24h"
        );
    }

    #[test]
    fn yes_and_no_stay_text() {
        let root = parse_ok("y: yes\n");
        let (key, value) = &root.as_map().unwrap()[0];
        assert_eq!(key.scalar_text("y: yes\n"), Some("y"));
        assert_eq!(value.kind, NodeKind::Str(None));
        assert_eq!(value.scalar_text("y: yes\n"), Some("yes"));
    }

    #[test]
    fn duplicate_keys_are_reported_and_the_first_is_kept() {
        let parsed = parse("a: 1\nb: 2\na: 3\n", 0, &mut WholeTree);
        assert_eq!(parsed.diagnostics.len(), 1);
        assert!(parsed.diagnostics[0].is(&duplicate_key::RULE));
        let root = parsed.root.unwrap();
        let entries = root.as_map().unwrap();
        assert_eq!(entries.len(), 2);
        assert_eq!(entries[0].1.kind, NodeKind::Int(1));
    }

    /// The comments of `text`, as written.
    fn comments(text: &str) -> Vec<&str> {
        let mut sink = WholeTreeAndComments::default();
        parse(text, 0, &mut sink);
        sink.0
            .iter()
            .map(|span| &text[span.start as usize..span.end as usize])
            .collect()
    }

    #[test]
    fn comments_are_found_around_the_scalars_the_parser_read() {
        assert_eq!(comments("a: b # c\n"), ["# c"]);
        assert_eq!(comments("# x\na: b\n"), ["# x"]);
        assert_eq!(comments("address: \"#smarketing\"\n"), Vec::<&str>::new());
        assert_eq!(comments("url: a#b\n"), Vec::<&str>::new());
        assert_eq!(comments("title: 'a # b'\n"), Vec::<&str>::new());
        let blocks =
            "a: |\n  # text\nb: >\n  # text\nc: \"x\n  # text\n  y\" # real\nd: 'x\n  # text'\n";
        assert_eq!(comments(blocks), ["# real"]);
        // Continuation lines of a plain value end at a comment, by YAML's rules.
        assert_eq!(comments("a: one\n  # real\n"), ["# real"]);
        // A block's header line may have a comment; trailing comment lines are not in the block.
        let header =
            "a: | # one\n  # text\n\n# two\nb: |+\n  keep\n\n# three\nc: >-\n    x\n  # four\n";
        assert_eq!(comments(header), ["# one", "# two", "# three", "# four"]);
        let indented =
            "a:\n  b: |+\n      keep\n\n    # one\n  c: >\n      # text\n    # two\n  d: 1\n";
        assert_eq!(comments(indented), ["# one", "# two"]);
        assert_eq!(
            comments("k: [\"a # b\", 'c'] # d\n? \"e # f\"\n: g\n"),
            ["# d"]
        );
        // Comments read before a syntax error count.
        assert_eq!(comments("# one\na: [\n"), ["# one"]);
    }

    #[test]
    fn after_a_syntax_error_only_the_comments_before_it_count() {
        // The rest of the file is one unclosed string: no comment in it is known to be one.
        assert_eq!(comments("a: 1\n# one\nb: \"x\n# two\n"), ["# one"]);
    }

    #[test]
    fn deep_nesting_is_refused() {
        let text = "[".repeat(100_000);
        let parsed = parse(&text, 0, &mut WholeTree);
        assert!(parsed.root.is_none());
        assert!(parsed.diagnostics[0].is(&yaml_syntax::RULE));
    }

    #[test]
    fn alias_bombs_are_refused() {
        let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..10 {
            let prev = format!("*a{}", i - 1);
            let row = [prev.as_str(); 10].join(", ");
            text.push_str(&format!("a{i}: &a{i} [{row}]\n"));
        }
        let parsed = parse(&text, 0, &mut WholeTree);
        assert!(parsed.root.is_none());
        assert!(parsed.diagnostics[0].is(&yaml_syntax::RULE));
    }
}

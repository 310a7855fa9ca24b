//! YAML text to a spanned node tree.
//!
//! The playbook is parsed in two stages, as cargo-deny does with its configuration: first the
//! whole file into a tree of [`Node`]s that knows where every value sits, then each entity from
//! that tree into the typed model ([`de`]), collecting every problem instead of stopping at the
//! first. Only a syntax error stops work on a file.
//!
//! The tree is built by serde-saphyr, a pure-Rust parser with byte spans and resource budgets:
//! nesting depth, node count and alias expansion are all capped here, so hostile input ends in a
//! diagnostic instead of a hang or unbounded memory.

pub mod de;

use crate::diagnostic::{Diagnostic, Label};
use crate::span::{FileId, Span};
use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use std::collections::HashMap;
use std::fmt;

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
    Str(String),
    Seq(Vec<Node>),
    /// Entries in file order. Keys are nodes, since YAML allows any node as a key.
    Map(Vec<(Node, Node)>),
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

    /// The text of a scalar as written in the file (without quotes), or `None` for collections.
    pub fn scalar_text<'a>(&'a self, source: &'a str) -> Option<&'a str> {
        match &self.kind {
            NodeKind::Str(text) => Some(text),
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

/// Parses `text` (the contents of file `file`) into a node tree.
pub fn parse(text: &str, file: FileId) -> Parsed {
    if let Some(offset) = text.find('\0') {
        let span = Span::new(file, offset as u32, offset as u32 + 1);
        return Parsed {
            root: None,
            dropped: Vec::new(),
            diagnostics: vec![
                Diagnostic::error("yaml-syntax", "the file contains a NUL byte", span)
                    .with_help("YAML files are text; is this a binary file?"),
            ],
        };
    }
    // Without aliases every event consumes at least one byte of input, so budgets proportional to
    // the input admit any honest file while still bounding alias amplification.
    let events = text.len().max(1_000_000);
    let options = serde_saphyr::options! {
        budget: serde_saphyr::budget! {
            max_depth: MAX_DEPTH,
            flow_nesting_limit: MAX_DEPTH,
            max_events: events,
            max_nodes: events,
            // Aliases may repeat text (a qualification paragraph reused in three stages); four
            // times the file's size allows that and still bounds memory.
            max_total_scalar_bytes: text.len().saturating_mul(4).max(16 << 20),
            max_documents: 1,
        },
        alias_limits: alias_limits(),
        strict_booleans: true,
        duplicate_keys: serde_saphyr::DuplicateKeyPolicy::PassThrough,
        with_snippet: false,
    };
    match serde_saphyr::from_str_with_options::<Option<RawNode>>(text, options) {
        Ok(raw) => {
            let mut diagnostics = Vec::new();
            let mut dropped = Vec::new();
            let root = raw.map(|raw| {
                let mut node = raw.into_node(file, text);
                drop_duplicate_keys(&mut node, text, &mut diagnostics, Some(&mut dropped));
                node
            });
            Parsed {
                root,
                diagnostics,
                dropped,
            }
        }
        Err(error) => Parsed {
            root: None,
            dropped: Vec::new(),
            diagnostics: vec![syntax_diagnostic(&error, text, file)],
        },
    }
}

fn alias_limits() -> serde_saphyr::options::AliasLimits {
    let mut limits = serde_saphyr::options::AliasLimits::default();
    limits.max_total_replayed_events = MAX_ALIAS_REPLAY;
    limits.max_alias_expansions_per_anchor = MAX_ALIAS_REPLAY;
    limits.max_replay_stack_depth = 16;
    limits
}

fn syntax_diagnostic(error: &serde_saphyr::Error, text: &str, file: FileId) -> Diagnostic {
    // Some errors carry a byte offset, others only a line and a column.
    let offset = error
        .location()
        .and_then(|location| {
            location
                .span()
                .byte_offset()
                .map(|o| o as usize)
                .or_else(|| offset_of(location.line() as usize, location.column() as usize, text))
        })
        .unwrap_or(text.len())
        .min(text.len());
    // Never slice inside a character, whatever offset the parser reports.
    let offset = (0..=offset)
        .rev()
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(0);
    let end = text[offset..]
        .chars()
        .next()
        .map_or(offset, |c| offset + c.len_utf8());
    let described = describe_limit(error);
    let message = described
        .clone()
        .unwrap_or_else(|| error.without_snippet().to_string());
    let message = message
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
    let mut diagnostic = Diagnostic::error(
        "yaml-syntax",
        format!("invalid YAML: {message}"),
        Span::new(file, offset as u32, end as u32),
    );
    if described.is_some() {
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

/// The parser's resource limits, in the words of a playbook author.
fn describe_limit(error: &serde_saphyr::Error) -> Option<String> {
    use serde_saphyr::budget::BudgetBreach;
    let mut error = error;
    // Errors met while replaying an alias come wrapped with where the alias was used.
    while let serde_saphyr::Error::AliasError { error: inner, .. }
    | serde_saphyr::Error::WithSnippet { error: inner, .. } = error
    {
        error = inner;
    }
    if error.to_string().starts_with("recursion limit exceeded") {
        return Some(format!(
            "the YAML is nested more than {MAX_DEPTH} levels deep"
        ));
    }
    Some(match error {
        serde_saphyr::Error::Budget { breach, .. } => match breach {
            BudgetBreach::Depth { .. } => {
                format!("the YAML is nested more than {MAX_DEPTH} levels deep")
            }
            BudgetBreach::Documents { .. } => {
                "the file holds more than one YAML document (`---`); a playbook is one document"
                    .to_owned()
            }
            BudgetBreach::ScalarBytes { .. } => {
                "aliases repeat more text than the file is worth".to_owned()
            }
            BudgetBreach::Aliases { .. } | BudgetBreach::Anchors { .. } => {
                "the file uses too many aliases or anchors".to_owned()
            }
            _ => "the file is too large or too complex to read safely".to_owned(),
        },
        serde_saphyr::Error::AliasReplayLimitExceeded { .. }
        | serde_saphyr::Error::AliasExpansionLimitExceeded { .. }
        | serde_saphyr::Error::AliasReplayStackDepthExceeded { .. } => {
            "aliases expand to too many values (an alias bomb?)".to_owned()
        }
        serde_saphyr::Error::MultipleDocuments { .. } => {
            "the file holds more than one YAML document (`---`); a playbook is one document"
                .to_owned()
        }
        _ => return None,
    })
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

/// Reports every key that repeats in its map and keeps the first, so that the rest of the file
/// can still be checked. Top-level entries that were left out are returned: they may hold ids
/// that the rest of the playbook refers to.
fn drop_duplicate_keys(
    node: &mut Node,
    text: &str,
    diagnostics: &mut Vec<Diagnostic>,
    mut dropped: Option<&mut Vec<(Node, Node)>>,
) {
    match &mut node.kind {
        NodeKind::Seq(items) => {
            for item in items {
                drop_duplicate_keys(item, text, diagnostics, None);
            }
        }
        NodeKind::Map(entries) => {
            let mut first_seen: HashMap<String, Span> = HashMap::new();
            for (key, value) in std::mem::take(entries) {
                let Some(name) = key.scalar_text(text) else {
                    entries.push((key, value));
                    continue;
                };
                if let Some(&first) = first_seen.get(name) {
                    diagnostics.push(
                        Diagnostic::error(
                            "duplicate-key",
                            format!("key `{name}` appears twice in the same map"),
                            key.span,
                        )
                        .with_label("repeated here")
                        .with_related(Label::new(first, "first defined here"))
                        .with_help("remove one of the two, or merge their contents"),
                    );
                    if let Some(dropped) = dropped.as_deref_mut() {
                        dropped.push((key, value));
                    }
                } else {
                    first_seen.insert(name.to_owned(), key.span);
                    entries.push((key, value));
                }
            }
            for (_, value) in entries {
                drop_duplicate_keys(value, text, diagnostics, None);
            }
        }
        _ => {}
    }
}

/// The node as serde-saphyr hands it over, with its own location type; converted to the compact
/// [`Node`] right after parsing.
struct RawNode {
    start: u64,
    len: u64,
    kind: RawKind,
}

enum RawKind {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    Seq(Vec<RawNode>),
    Map(Vec<(RawNode, RawNode)>),
}

impl RawNode {
    fn into_node(self, file: FileId, text: &str) -> Node {
        let start = self.start.min(u32::MAX as u64) as u32;
        let end = self.start.saturating_add(self.len).min(u32::MAX as u64) as u32;
        let kind = match self.kind {
            RawKind::Null => NodeKind::Null,
            RawKind::Bool(value) => NodeKind::Bool(value),
            RawKind::Int(value) => NodeKind::Int(value),
            RawKind::Float(value) => NodeKind::Float(value),
            RawKind::Str(value) => NodeKind::Str(value),
            RawKind::Seq(items) => {
                NodeKind::Seq(items.into_iter().map(|n| n.into_node(file, text)).collect())
            }
            RawKind::Map(entries) => NodeKind::Map(
                entries
                    .into_iter()
                    .map(|(k, v)| (k.into_node(file, text), v.into_node(file, text)))
                    .collect(),
            ),
        };
        let end = match &kind {
            NodeKind::Seq(_) | NodeKind::Map(_) => collection_end(&kind, start, end, text),
            _ => end,
        };
        Node {
            span: Span::new(file, start, end.max(start + 1)),
            kind,
        }
    }
}

/// The parser reports a collection by its first character only. A flow collection (`[a, b]`,
/// `{ a: 1 }`) is spanned to its closing bracket; a block collection to the end of its first
/// line, so that a label stays on one line.
fn collection_end(kind: &NodeKind, start: u32, end: u32, text: &str) -> u32 {
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

impl<'de> Deserialize<'de> for RawNode {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let spanned = serde_saphyr::Spanned::<RawKind>::deserialize(deserializer)?;
        let span = spanned.referenced.span();
        Ok(RawNode {
            start: span.byte_offset().unwrap_or(0),
            len: span.byte_len().unwrap_or(0),
            kind: spanned.value,
        })
    }
}

impl<'de> Deserialize<'de> for RawKind {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(RawVisitor)
    }
}

struct RawVisitor;

impl<'de> Visitor<'de> for RawVisitor {
    type Value = RawKind;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any YAML value")
    }

    fn visit_unit<E>(self) -> Result<RawKind, E> {
        Ok(RawKind::Null)
    }

    fn visit_none<E>(self) -> Result<RawKind, E> {
        Ok(RawKind::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<RawKind, D::Error> {
        deserializer.deserialize_any(self)
    }

    fn visit_bool<E>(self, value: bool) -> Result<RawKind, E> {
        Ok(RawKind::Bool(value))
    }

    fn visit_i64<E>(self, value: i64) -> Result<RawKind, E> {
        Ok(RawKind::Int(value))
    }

    fn visit_u64<E>(self, value: u64) -> Result<RawKind, E> {
        Ok(i64::try_from(value).map_or(RawKind::Float(value as f64), RawKind::Int))
    }

    fn visit_i128<E>(self, value: i128) -> Result<RawKind, E> {
        Ok(i64::try_from(value).map_or(RawKind::Float(value as f64), RawKind::Int))
    }

    fn visit_u128<E>(self, value: u128) -> Result<RawKind, E> {
        Ok(i64::try_from(value).map_or(RawKind::Float(value as f64), RawKind::Int))
    }

    fn visit_f64<E>(self, value: f64) -> Result<RawKind, E> {
        Ok(RawKind::Float(value))
    }

    fn visit_str<E>(self, value: &str) -> Result<RawKind, E> {
        Ok(RawKind::Str(value.to_owned()))
    }

    fn visit_string<E>(self, value: String) -> Result<RawKind, E> {
        Ok(RawKind::Str(value))
    }

    fn visit_bytes<E: serde::de::Error>(self, value: &[u8]) -> Result<RawKind, E> {
        Ok(RawKind::Str(String::from_utf8_lossy(value).into_owned()))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<RawKind, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<RawNode>()? {
            items.push(item);
        }
        Ok(RawKind::Seq(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawKind, A::Error> {
        let mut entries = Vec::new();
        while let Some(key) = map.next_key::<RawNode>()? {
            let value = map.next_value::<RawNode>()?;
            entries.push((key, value));
        }
        Ok(RawKind::Map(entries))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_ok(text: &str) -> Node {
        let parsed = parse(text, 0);
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
        assert_eq!(key.kind, NodeKind::Str("y".into()));
        assert_eq!(value.kind, NodeKind::Str("yes".into()));
    }

    #[test]
    fn duplicate_keys_are_reported_and_the_first_is_kept() {
        let parsed = parse("a: 1\nb: 2\na: 3\n", 0);
        assert_eq!(parsed.diagnostics.len(), 1);
        assert_eq!(parsed.diagnostics[0].rule, "duplicate-key");
        let root = parsed.root.unwrap();
        let entries = root.as_map().unwrap();
        assert_eq!(entries.len(), 2);
        assert_eq!(entries[0].1.kind, NodeKind::Int(1));
    }

    #[test]
    fn deep_nesting_is_refused() {
        let text = "[".repeat(100_000);
        let parsed = parse(&text, 0);
        assert!(parsed.root.is_none());
        assert_eq!(parsed.diagnostics[0].rule, "yaml-syntax");
    }

    #[test]
    fn alias_bombs_are_refused() {
        let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..10 {
            let prev = format!("*a{}", i - 1);
            let row = [prev.as_str(); 10].join(", ");
            text.push_str(&format!("a{i}: &a{i} [{row}]\n"));
        }
        let parsed = parse(&text, 0);
        assert!(parsed.root.is_none());
        assert_eq!(parsed.diagnostics[0].rule, "yaml-syntax");
    }
}

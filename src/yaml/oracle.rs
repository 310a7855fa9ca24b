//! An independent reference for the node tree: serde-saphyr's `Spanned` values, built by a
//! different YAML library's code. The event-based builder must produce the same tree (values,
//! spans and repeated keys) for every playbook and fixture in the repository and for randomly
//! damaged variants of them.

use super::{MAX_ALIAS_REPLAY, MAX_DEPTH, Node, NodeKind, collection_end};
use crate::base::span::{FileId, Span};
use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use std::fmt;

/// The tree serde-saphyr builds for `text` with repeated keys dropped (the first kept), and
/// the repeated keys' spans; or `Err` when it refuses the text.
pub fn parse(text: &str, file: FileId) -> Result<(Option<Node>, Vec<Span>), String> {
    let events = text.len().max(1_000_000);
    let mut alias_limits = serde_saphyr::options::AliasLimits::default();
    alias_limits.max_total_replayed_events = MAX_ALIAS_REPLAY;
    alias_limits.max_alias_expansions_per_anchor = MAX_ALIAS_REPLAY;
    alias_limits.max_replay_stack_depth = 16;
    let options = serde_saphyr::options! {
        budget: serde_saphyr::budget! {
            max_depth: MAX_DEPTH,
            flow_nesting_limit: MAX_DEPTH,
            max_events: events,
            max_nodes: events,
            max_total_scalar_bytes: text.len().saturating_mul(4).max(16 << 20),
            max_documents: 1,
        },
        alias_limits: alias_limits,
        strict_booleans: true,
        duplicate_keys: serde_saphyr::DuplicateKeyPolicy::PassThrough,
        with_snippet: false,
    };
    let root = serde_saphyr::from_str_with_options::<Option<RawNode>>(text, options)
        .map(|raw| raw.map(|raw| raw.into_node(file, text)))
        .map_err(|error| error.to_string())?;
    let mut repeated = Vec::new();
    let root = root.map(|mut root| {
        drop_duplicate_keys(&mut root, text, &mut repeated);
        root
    });
    Ok((root, repeated))
}

/// Keeps the first of every repeated key and lists the repeats, also those inside a repeated
/// entry (which the playbook author has to fix as well).
fn drop_duplicate_keys(node: &mut Node, text: &str, repeated: &mut Vec<Span>) {
    match &mut node.kind {
        NodeKind::Seq(items) => {
            for item in items {
                drop_duplicate_keys(item, text, repeated);
            }
        }
        NodeKind::Map(entries) => {
            let mut first_seen = std::collections::HashSet::new();
            let mut kept = Vec::new();
            for (key, value) in std::mem::take(entries) {
                match key.scalar_text(text) {
                    Some(name) if !first_seen.insert(name.to_owned()) => {
                        repeated.push(key.span);
                        let mut value = value;
                        drop_duplicate_keys(&mut value, text, repeated);
                    }
                    _ => kept.push((key, value)),
                }
            }
            for (_, value) in &mut kept {
                drop_duplicate_keys(value, text, repeated);
            }
            *entries = kept.into_boxed_slice();
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
            RawKind::Str(value) => {
                let in_place = text.get(start as usize..end as usize) == Some(value.as_str());
                NodeKind::Str((!in_place).then(|| value.into_boxed_str()))
            }
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
    use super::super::build::build;
    use super::super::{Node, NodeKind};
    use crate::base::span::Span;
    use std::path::{Path, PathBuf};

    fn yaml_files(dir: &Path, found: &mut Vec<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        let mut entries: Vec<_> = entries.flatten().map(|e| e.path()).collect();
        entries.sort();
        for path in entries {
            if path.is_dir() {
                yaml_files(&path, found);
            } else if path.extension().is_some_and(|e| e == "yaml" || e == "yml") {
                found.push(path);
            }
        }
    }

    /// Small deterministic generator, so that a failure can be reproduced.
    struct Rng(u64);

    impl Rng {
        fn below(&mut self, n: usize) -> usize {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            (self.0 % n.max(1) as u64) as usize
        }
    }

    fn damage(text: &str, rng: &mut Rng) -> String {
        let mut lines: Vec<&str> = text.lines().collect();
        let at = rng.below(lines.len());
        match rng.below(4) {
            0 if !lines.is_empty() => {
                lines.remove(at);
                lines.join("\n")
            }
            1 if !lines.is_empty() => {
                let line = lines[at];
                lines.insert(at, line);
                lines.join("\n")
            }
            2 => {
                let mut text = text.to_owned();
                let mut at = rng.below(text.len());
                while !text.is_char_boundary(at) {
                    at -= 1;
                }
                let pieces = [
                    ":", "- ", "[", "]", "{", "}", "'", "\"", "&a ", "*a", "<<: ", "!!int ", "|",
                    "\n  ", "#", "~", "0x1F", ".5", "yes",
                ];
                text.insert_str(at, pieces[rng.below(pieces.len())]);
                text
            }
            _ => {
                let mut at = rng.below(text.len());
                while !text.is_char_boundary(at) {
                    at -= 1;
                }
                text[..at].to_owned()
            }
        }
    }

    /// The builder's root and the spans of the repeated keys it reported.
    fn summary(tree: super::super::build::Tree) -> (Option<Node>, Vec<Span>) {
        let repeated = tree.duplicates.iter().map(|d| d.span).collect();
        (tree.root, repeated)
    }

    fn sorted((root, mut repeated): (Option<Node>, Vec<Span>)) -> (Option<Node>, Vec<Span>) {
        repeated.sort_by_key(|span| span.start);
        (root, repeated)
    }

    /// The first place where two trees differ, with the text there.
    fn difference(a: &Node, b: &Node, text: &str) -> String {
        let show = |n: &Node| {
            let slice = text
                .get(n.span.start as usize..n.span.end as usize)
                .unwrap_or("?");
            format!(
                "{}..{} {:?} {:?}",
                n.span.start,
                n.span.end,
                slice,
                n.kind_name()
            )
        };
        match (&a.kind, &b.kind) {
            (NodeKind::Seq(x), NodeKind::Seq(y)) if x.len() == y.len() && a.span == b.span => x
                .iter()
                .zip(y)
                .find(|(x, y)| x != y)
                .map_or_else(String::new, |(x, y)| difference(x, y, text)),
            (NodeKind::Map(x), NodeKind::Map(y)) if x.len() == y.len() && a.span == b.span => x
                .iter()
                .zip(y)
                .find(|(x, y)| x != y)
                .map_or_else(String::new, |((k1, v1), (k2, v2))| {
                    if k1 != k2 {
                        difference(k1, k2, text)
                    } else {
                        difference(v1, v2, text)
                    }
                }),
            _ => format!("ours {} / serde-saphyr {}", show(a), show(b)),
        }
    }

    impl Node {
        fn kind_name(&self) -> String {
            match &self.kind {
                NodeKind::Seq(items) => format!("seq of {}", items.len()),
                NodeKind::Map(entries) => format!("map of {}", entries.len()),
                kind => format!("{kind:?}"),
            }
        }
    }

    /// Texts that exercise what fixtures rarely contain: anchors, merges, tags, numbers.
    /// Two differences are intended and left out here (see `scalar.rs`): `0777` is the integer
    /// 777 (the core schema's reading; serde-saphyr reads a float), and `.inf` or `1e999` are
    /// numbers that a rule can judge instead of a reason to refuse the whole file.
    const CORNERS: &[&str] = &[
        "a: &x {b: 1, c: [2, 3]}\nd: *x\n",
        "a: &x\n  b: 1\n  c: two\nd:\n  <<: *x\n  c: three\n",
        "a: &x {b: 1}\ne: &y {b: 2, f: 3}\nd:\n  <<: [*x, *y]\n  g: 4\n",
        "a: &x text\nb: *x\nc: [*x, *x]\n",
        "a: !!str 42\nb: !!int \"7\"\nc: !!float 1\nd: !!null ''\ne: !!bool true\n",
        "b: 0x1F\nc: 0o17\nd: 1_000\ne: 0X1F\nf: .5\ng: 5.\nh: 1e3\nj: +12\n",
        "a: yes\nb: No\nc: ~\nd: null\ne: NULL\nf: True\ng:\n",
        "a: |\n  one\n  two\nb: >-\n  three\n  four\nc: 'it''s'\nd: \"x\\ty\"\n",
        "- a\n- - b\n  - c\n- {d: e}\n- [f, {g: h}]\n",
        "? complex\n: value\n[a, b]: c\n",
        "a: 99999999999999999999\nb: -99999999999999999999\n",
        "--- \na: 1\n...\n",
        "a: 1\n---\nb: 2\n",
        "a: *missing\n",
        "a: &x [1, *x]\n",
        "a: !custom value\nb: !custom 12\n",
        "",
        "# only a comment\n",
        "~\n",
        "just text\n",
    ];

    /// How the builder and serde-saphyr disagree on `text`, if they do.
    fn disagreement(text: &str) -> Option<String> {
        let ours = build(text, 0, &mut super::super::WholeTree).map(summary);
        // Reading the comments too must change nothing else, errors included.
        let with_comments =
            build(text, 0, &mut super::super::WholeTreeAndComments::default()).map(summary);
        match (&ours, &with_comments) {
            (Ok(a), Ok(b)) if a == b => {}
            (Err(a), Err(b)) if (&a.message, a.offset) == (&b.message, b.offset) => {}
            _ => return Some(format!("comments change the result: {with_comments:?}")),
        }
        let theirs = super::parse(text, 0).map(sorted);
        Some(match (&ours, &theirs) {
            (Ok(a), Ok(b)) if a == b => return None,
            (Err(_), Err(_)) => return None,
            (Ok((Some(a), _)), Ok((Some(b), _))) if a != b => difference(a, b, text),
            (Ok(a), Ok(b)) => format!("{:?} / {:?}", a.1, b.1),
            (Ok(_), Err(e)) => format!("only serde-saphyr refuses: {e}"),
            (Err(e), _) => format!("only the builder refuses: {e:?}"),
        })
    }

    #[test]
    fn corner_cases_match_serde_saphyr() {
        let mismatches: Vec<String> = CORNERS
            .iter()
            .filter_map(|text| Some(format!("{text:?}: {}", disagreement(text)?)))
            .collect();
        assert!(mismatches.is_empty(), "{}", mismatches.join("\n"));
    }

    #[test]
    fn the_event_builder_matches_serde_saphyr() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files = Vec::new();
        yaml_files(&root.join("playbooks"), &mut files);
        yaml_files(&root.join("tests/fixtures"), &mut files);
        assert!(files.len() > 50, "fixtures not found: {}", files.len());
        let mut rng = Rng(0x5eed_cafe);
        let mut compared = 0;
        let mut mismatches = Vec::new();
        for path in &files {
            let Ok(text) = std::fs::read_to_string(path) else {
                continue;
            };
            let mut variants = vec![text.clone()];
            for _ in 0..20 {
                variants.push(damage(&text, &mut rng));
            }
            for variant in variants.iter().filter(|v| !v.contains('\0')) {
                compared += 1;
                if let Some(what) = disagreement(variant) {
                    mismatches.push(format!("{}: {what}\n{variant}", path.display()));
                }
            }
        }
        assert!(
            mismatches.is_empty(),
            "{} of {compared} differ; first:\n{}",
            mismatches.len(),
            mismatches.first().map_or("", String::as_str)
        );
    }
}

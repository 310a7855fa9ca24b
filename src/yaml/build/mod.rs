//! Parser events to the spanned [`Node`] tree, in one pass and within fixed budgets.
//!
//! The tree is built straight from granit-parser's event stream instead of through a serde
//! deserializer: every node needs its byte span, and asking a serde layer for a spanned value
//! per node costs several times the parse itself (see `docs/performance.md`). Building from
//! events keeps the whole cost close to the bare parse.
//!
//! Hostile input is bounded here: nesting depth (also through aliases), one document, and the
//! number of values and bytes that aliases may replay. Anchors, aliases and merge keys (`<<`)
//! are resolved, so the rest of smarketing sees plain maps and lists.
//!
//! A sink that asks for comments gets them once the file is read, found around the quoted and
//! block scalars the events showed (see [`comments`]).

use super::comments;
use super::scalar::{Scalar, resolve_plain, resolve_tagged};
use super::{MAX_ALIAS_REPLAY, MAX_DEPTH, Node, NodeKind, collection_end};
use crate::base::span::{FileId, Span};
use crate::diagnostic::Diagnostic;
use crate::diagnostic::structural::duplicate_key;
use granit_parser::{Event, Parser, ScalarStyle, ScanError};
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

/// A parsed file: its root and the repeated keys that were left out of it.
pub struct Tree {
    /// `None` when the document is empty or null.
    pub root: Option<Node>,
    /// One `duplicate-key` finding per repeated key, in file order.
    pub duplicates: Vec<Diagnostic>,
    /// Top-level entries left out because their key repeats an earlier one: they may hold ids
    /// that the rest of the playbook refers to.
    pub dropped: Vec<(Node, Node)>,
}

/// Receives the entities of a playbook's sections while the file is read, so that the tree of
/// a large playbook never has to be in memory at once: each entity is converted and dropped as
/// soon as its last line is read. Also receives the file's comments, if it asks for them.
pub trait EntitySink {
    /// If top-level key `key` names a section whose entries are handed over one by one, a tag
    /// for it: the sink's own number, handed back with each entry. The YAML stage knows nothing
    /// of sections.
    fn section(&self, key: &str) -> Option<SectionTag>;
    /// One entry of such a section. `repeated`: where keys inside it repeat an earlier one
    /// (already reported as `duplicate-key`; the later values are left out).
    fn entity(&mut self, section: SectionTag, key: Node, value: Node, repeated: &[Span]);
    /// An entry whose id repeats an earlier one of the section: reported as `duplicate-key` and
    /// left out.
    fn repeated(&mut self, section: SectionTag, key: Node);
    /// Whether [`Self::comment`] is to be called. Finding comments takes a pass over the text,
    /// so a file is read without unless they are needed.
    fn wants_comments(&self) -> bool {
        false
    }
    /// One comment, once the whole file is read: `span` from its `#` to the end of its line,
    /// `text` what follows the `#`. A `#` inside a block scalar or a quoted string is text and
    /// is not reported. After a syntax error, only the comments before it are reported.
    fn comment(&mut self, _span: Span, _text: &str) {}
}

/// What an [`EntitySink`] calls a section.
pub type SectionTag = usize;

/// Keeps every entity in the tree.
pub struct WholeTree;

impl EntitySink for WholeTree {
    fn section(&self, _: &str) -> Option<SectionTag> {
        None
    }

    fn entity(&mut self, _: SectionTag, _: Node, _: Node, _: &[Span]) {}

    fn repeated(&mut self, _: SectionTag, _: Node) {}
}

/// Keeps every entity in the tree, and the spans of the comments.
#[cfg(test)]
#[derive(Default)]
pub struct WholeTreeAndComments(pub Vec<Span>);

#[cfg(test)]
impl EntitySink for WholeTreeAndComments {
    fn section(&self, _: &str) -> Option<SectionTag> {
        None
    }

    fn entity(&mut self, _: SectionTag, _: Node, _: Node, _: &[Span]) {}

    fn repeated(&mut self, _: SectionTag, _: Node) {}

    fn wants_comments(&self) -> bool {
        true
    }

    fn comment(&mut self, span: Span, _: &str) {
        self.0.push(span);
    }
}

/// Why the tree could not be built, and where.
#[derive(Debug)]
pub struct BuildError {
    pub message: String,
    /// Byte offset in the text.
    pub offset: usize,
    /// Whether a safety budget (rather than the YAML syntax) stopped the parse.
    pub budget: bool,
}

impl BuildError {
    fn at(offset: usize, message: impl Into<String>) -> Self {
        BuildError {
            message: message.into(),
            offset,
            budget: false,
        }
    }

    fn budget(offset: usize, message: impl Into<String>) -> Self {
        BuildError {
            message: message.into(),
            offset,
            budget: true,
        }
    }
}

/// The tree of `text`, the contents of file `file`, without the entities `sink` takes.
pub fn build(text: &str, file: FileId, sink: &mut dyn EntitySink) -> Result<Tree, BuildError> {
    let mut options = granit_parser::Options::default();
    // The scanner reads ahead of the events (a flow list may turn out to be a key), so it must
    // stop at the first bracket too deep itself. The builder checks the sum of block and flow
    // levels, and the levels that aliases add.
    options.flow_nesting_limit = MAX_DEPTH;
    options.block_nesting_limit = MAX_DEPTH;
    let parser = Parser::new_from_str_with_options(text, options);
    let mut builder = Builder::new(text, file, sink);
    let read = builder.read(parser);
    if let Some(mut texts) = builder.texts.take() {
        // Events come in file order; sorting keeps `comments::find` right whatever the parser does.
        texts.sort_unstable();
        // After a syntax error, the text beyond the last scalar read is of unknown kind.
        let until = if read.is_err() {
            builder.read_to
        } else {
            text.len()
        };
        for (start, end) in comments::find(text, &texts, until) {
            let span = builder.span(start, end);
            builder
                .sink
                .comment(span, text.get(start + 1..end).unwrap_or_default());
        }
    }
    read?;
    let mut duplicates = builder.duplicates;
    duplicates.sort_by_key(|d| d.span.start);
    Ok(Tree {
        root: builder.root.filter(|root| !root.is_null()),
        duplicates,
        dropped: builder.dropped,
    })
}

fn scan_error(error: &ScanError, text: &str) -> BuildError {
    let marker = error.marker();
    let offset = marker
        .byte_offset()
        .unwrap_or_else(|| char_to_byte(text, marker.index()));
    let message = match error.kind() {
        granit_parser::ErrorKind::RecursionLimitExceeded => {
            return BuildError::budget(offset, nested_too_deep());
        }
        granit_parser::ErrorKind::UnknownAnchor => {
            "this alias refers to an anchor that is not defined before it".to_owned()
        }
        _ => error.info(),
    };
    BuildError::at(offset, message)
}

fn char_to_byte(text: &str, chars: usize) -> usize {
    text.char_indices()
        .nth(chars)
        .map_or(text.len(), |(i, _)| i)
}

fn nested_too_deep() -> String {
    format!("the YAML is nested more than {MAX_DEPTH} levels deep")
}

/// A finished node with what the budgets need to know about it.
struct Built {
    node: Node,
    /// Levels of lists and maps in it (0 for a scalar).
    height: usize,
    /// Nodes in it, itself included.
    nodes: usize,
    /// Bytes of text in its scalars.
    bytes: usize,
    /// A plain `<<` key, which merges maps into the map it belongs to.
    merge_key: bool,
}

struct Frame<'t> {
    /// Set on a section map whose entries go to the [`EntitySink`].
    stream: Option<Stream<'t>>,
    start: u32,
    anchor: usize,
    height: usize,
    nodes: usize,
    bytes: usize,
    body: Body,
}

enum Body {
    Seq(Vec<Node>),
    Map {
        entries: Vec<(Node, Node)>,
        key: Key,
        /// Values of `<<` keys.
        merges: Vec<Node>,
    },
}

struct Stream<'t> {
    section: SectionTag,
    /// Ids handed over so far, with where they are written.
    seen: HashMap<Cow<'t, str>, Span>,
    /// How many repeated keys had been found when the previous entity ended.
    duplicates_before: usize,
}

enum Key {
    Expected,
    Read(Node),
    Merge,
}

struct Anchored {
    node: Node,
    height: usize,
    nodes: usize,
    bytes: usize,
}

struct Builder<'t, 's> {
    text: &'t str,
    file: FileId,
    sink: &'s mut dyn EntitySink,
    stack: Vec<Frame<'t>>,
    /// Top-level keys read so far, and whether the latest one is new.
    top_keys: HashSet<Cow<'t, str>>,
    top_key_is_new: bool,
    /// By anchor id; ids start at 1 and are handed out in order.
    anchors: Vec<Option<Anchored>>,
    replayed_nodes: usize,
    scalar_bytes: usize,
    scalar_budget: usize,
    documents: usize,
    root: Option<Node>,
    duplicates: Vec<Diagnostic>,
    dropped: Vec<(Node, Node)>,
    /// Where a `#` is text: the byte ranges of quoted and block scalars, in file order. Kept
    /// only for a sink that wants the comments, which are found from them once the file is read
    /// (see [`comments`]).
    texts: Option<Vec<(usize, usize)>>,
    /// Where the last scalar ended, while `texts` are kept: after a syntax error, the text
    /// beyond it is of unknown kind (it may be the rest of an unclosed string).
    read_to: usize,
}

impl<'t, 's> Builder<'t, 's> {
    fn new(text: &'t str, file: FileId, sink: &'s mut dyn EntitySink) -> Self {
        let texts = sink.wants_comments().then(Vec::new);
        Builder {
            text,
            file,
            sink,
            stack: Vec::new(),
            top_keys: HashSet::new(),
            top_key_is_new: false,
            anchors: Vec::new(),
            replayed_nodes: 0,
            scalar_bytes: 0,
            // Aliases may repeat text (a qualification paragraph reused in three stages); four
            // times the file's size allows that and still bounds memory.
            scalar_budget: text.len().saturating_mul(4).max(16 << 20),
            documents: 0,
            root: None,
            duplicates: Vec::new(),
            dropped: Vec::new(),
            texts,
            read_to: 0,
        }
    }

    /// Builds the tree from the parser's events, up to the first error.
    fn read(
        &mut self,
        parser: impl Iterator<Item = Result<(Event<'t>, granit_parser::Span), ScanError>>,
    ) -> Result<(), BuildError> {
        for event in parser {
            let (event, span) = event.map_err(|error| scan_error(&error, self.text))?;
            let start = span.start.byte_offset().unwrap_or(0);
            let end = span.end.byte_offset().unwrap_or(start);
            self.event(event, start, end)?;
        }
        Ok(())
    }

    fn event(&mut self, event: Event<'_>, start: usize, end: usize) -> Result<(), BuildError> {
        match event {
            Event::DocumentStart(..) => {
                self.documents += 1;
                if self.documents > 1 {
                    return Err(BuildError::budget(
                        start,
                        "the file holds more than one YAML document (`---`); a playbook is one document",
                    ));
                }
            }
            Event::Scalar(value, style, anchor, tag) => {
                if let Some(texts) = &mut self.texts {
                    if style != ScalarStyle::Plain {
                        texts.push((start, end));
                    }
                    self.read_to = end;
                }
                let core_tag = tag.as_deref().and_then(|tag| tag.core_suffix());
                let resolved = match (core_tag, style) {
                    (Some(core_tag), _) => resolve_tagged(&value, core_tag).ok_or_else(|| {
                        BuildError::at(start, format!("`{value}` is not a valid !!{core_tag}"))
                    })?,
                    (None, ScalarStyle::Plain) => resolve_plain(&value),
                    (None, _) => Scalar::Text,
                };
                let merge_key = style == ScalarStyle::Plain && tag.is_none() && value == "<<";
                let bytes = value.len();
                self.spend_text(bytes, start)?;
                let kind = match resolved {
                    Scalar::Value(kind) => kind,
                    Scalar::Text => NodeKind::Str(self.copy_unless_in_place(value, start, end)),
                };
                let node = Node {
                    span: self.span(start, end.max(start + 1)),
                    kind,
                };
                self.finish(
                    Built {
                        node,
                        height: 0,
                        nodes: 1,
                        bytes,
                        merge_key,
                    },
                    anchor,
                )?;
            }
            Event::SequenceStart(_, anchor, tag) => {
                collection_tag(tag.as_deref(), "seq", "a list", start)?;
                self.open(start, anchor, Body::Seq(Vec::new()))?
            }
            Event::MappingStart(_, anchor, tag) => {
                collection_tag(tag.as_deref(), "map", "a map", start)?;
                self.open(
                    start,
                    anchor,
                    Body::Map {
                        entries: Vec::new(),
                        key: Key::Expected,
                        merges: Vec::new(),
                    },
                )?
            }
            Event::SequenceEnd | Event::MappingEnd => self.close()?,
            Event::Alias(id) => self.alias(id, start, end)?,
            _ => {}
        }
        Ok(())
    }

    /// A scalar's text is not copied when it is exactly its span in the source (see
    /// [`NodeKind::Str`]); quoted, escaped and folded texts are.
    fn copy_unless_in_place(
        &self,
        value: Cow<'_, str>,
        start: usize,
        end: usize,
    ) -> Option<Box<str>> {
        match self.text.get(start..end) {
            Some(written) if written == value => None,
            _ => Some(value.into_owned().into_boxed_str()),
        }
    }

    fn span(&self, start: usize, end: usize) -> Span {
        let clamp = |offset: usize| offset.min(u32::MAX as usize) as u32;
        Span::new(self.file, clamp(start), clamp(end))
    }

    fn open(&mut self, start: usize, anchor: usize, body: Body) -> Result<(), BuildError> {
        if self.stack.len() >= MAX_DEPTH {
            return Err(BuildError::budget(start, nested_too_deep()));
        }
        let stream = match (&body, self.stack.as_slice()) {
            (
                Body::Map { .. },
                [
                    Frame {
                        body:
                            Body::Map {
                                key: Key::Read(section_key),
                                ..
                            },
                        ..
                    },
                ],
            ) if self.top_key_is_new => key_text(section_key, self.text)
                .and_then(|name| self.sink.section(&name))
                .map(|section| Stream {
                    section,
                    seen: HashMap::new(),
                    duplicates_before: self.duplicates.len(),
                }),
            _ => None,
        };
        self.stack.push(Frame {
            stream,
            start: start.min(u32::MAX as usize) as u32,
            anchor,
            height: 0,
            nodes: 1,
            bytes: 0,
            body,
        });
        Ok(())
    }

    fn close(&mut self) -> Result<(), BuildError> {
        let Some(frame) = self.stack.pop() else {
            return Ok(());
        };
        let kind = match frame.body {
            Body::Seq(items) => NodeKind::Seq(items.into_boxed_slice()),
            Body::Map {
                entries, merges, ..
            } => {
                let entries = self.drop_repeated_keys(entries);
                let streamed = frame.stream.as_ref().map(|stream| &stream.seen);
                NodeKind::Map(self.merge(entries, merges, streamed)?.into_boxed_slice())
            }
        };
        let end = collection_end(&kind, frame.start, frame.start, self.text);
        let node = Node {
            span: Span::new(self.file, frame.start, end.max(frame.start + 1)),
            kind,
        };
        self.finish(
            Built {
                node,
                height: frame.height + 1,
                nodes: frame.nodes,
                bytes: frame.bytes,
                merge_key: false,
            },
            frame.anchor,
        )
    }

    fn alias(&mut self, id: usize, start: usize, end: usize) -> Result<(), BuildError> {
        let Some(Some(anchored)) = self.anchors.get(id) else {
            return Err(BuildError::at(
                start,
                "this alias refers to the value that contains it",
            ));
        };
        let (bytes, height, nodes) = (anchored.bytes, anchored.height, anchored.nodes);
        // Budgets are checked before cloning, so an alias never builds more than they allow.
        self.replayed_nodes += nodes;
        if self.replayed_nodes > MAX_ALIAS_REPLAY {
            return Err(BuildError::budget(
                start,
                "aliases expand to too many values (an alias bomb?)",
            ));
        }
        if self.stack.len() + height > MAX_DEPTH {
            return Err(BuildError::budget(start, nested_too_deep()));
        }
        self.spend_text(bytes, start)?;
        let mut node = match self.anchors.get(id) {
            Some(Some(anchored)) => anchored.node.clone(),
            _ => return Ok(()),
        };
        // Everything an alias repeats is reported where the alias is used: a finding about the
        // third use of an anchored map then points at that use, not three times at the anchor.
        respan(&mut node, self.span(start, end.max(start + 1)), self.text);
        let built = Built {
            height,
            nodes,
            bytes,
            merge_key: false,
            node,
        };
        self.finish(built, 0)
    }

    /// Counts text that goes into the tree, whether read or repeated by an alias.
    fn spend_text(&mut self, bytes: usize, at: usize) -> Result<(), BuildError> {
        self.scalar_bytes = self.scalar_bytes.saturating_add(bytes);
        if self.scalar_bytes > self.scalar_budget {
            return Err(BuildError::budget(
                at,
                "aliases repeat more text than the file is worth",
            ));
        }
        Ok(())
    }

    /// Hands a finished node to its parent (or makes it the root) and remembers it under its
    /// anchor.
    fn finish(&mut self, built: Built, anchor: usize) -> Result<(), BuildError> {
        if anchor != 0 {
            if self.anchors.len() <= anchor {
                self.anchors.resize_with(anchor + 1, || None);
            }
            self.anchors[anchor] = Some(Anchored {
                node: built.node.clone(),
                height: built.height,
                nodes: built.nodes,
                bytes: built.bytes,
            });
        }
        let top_level = self.stack.len() == 1;
        let Some(parent) = self.stack.last_mut() else {
            self.root = Some(built.node);
            return Ok(());
        };
        parent.height = parent.height.max(built.height);
        parent.nodes = parent.nodes.saturating_add(built.nodes);
        parent.bytes = parent.bytes.saturating_add(built.bytes);
        match &mut parent.body {
            Body::Seq(items) => items.push(built.node),
            Body::Map {
                entries,
                key,
                merges,
            } => match std::mem::replace(key, Key::Expected) {
                Key::Expected if built.merge_key => *key = Key::Merge,
                Key::Expected => {
                    if top_level {
                        self.top_key_is_new = match key_text(&built.node, self.text) {
                            Some(name) => self.top_keys.insert(name),
                            None => false,
                        };
                    }
                    *key = Key::Read(built.node);
                }
                Key::Read(key) => match &mut parent.stream {
                    None => entries.push((key, built.node)),
                    Some(stream) => {
                        let repeated: Vec<Span> = self.duplicates[stream.duplicates_before..]
                            .iter()
                            .map(|duplicate| duplicate.span)
                            .collect();
                        let first = key_text(&key, self.text).and_then(|name| {
                            let first = stream.seen.get(&name).copied();
                            if first.is_none() {
                                stream.seen.insert(name, key.span);
                            }
                            first
                        });
                        match first {
                            Some(first) => {
                                let name = key.scalar_text(self.text).unwrap_or_default();
                                self.duplicates
                                    .push(duplicate_key::repeated(name, key.span, first));
                                self.sink.repeated(stream.section, key);
                            }
                            None => {
                                self.sink.entity(stream.section, key, built.node, &repeated);
                            }
                        }
                        stream.duplicates_before = self.duplicates.len();
                    }
                },
                Key::Merge => merges.push(built.node),
            },
        }
        Ok(())
    }

    /// Reports every key that repeats in its map and keeps the first, so that the rest of the
    /// file can still be checked. Top-level entries that are left out are kept in `dropped`.
    fn drop_repeated_keys(&mut self, entries: Vec<(Node, Node)>) -> Vec<(Node, Node)> {
        let text = self.text;
        // The first index of each repeated key, by index of the repetition.
        let mut repeats: Vec<(usize, usize)> = Vec::new();
        if entries.len() <= 16 {
            // Entities have a handful of keys: comparing pairs beats hashing them.
            for later in 1..entries.len() {
                let Some(later_name) = entries[later].0.scalar_text(text) else {
                    continue;
                };
                if let Some(first) =
                    (0..later).find(|&first| entries[first].0.scalar_text(text) == Some(later_name))
                {
                    repeats.push((later, first));
                }
            }
        } else {
            let mut first_seen: HashMap<&str, usize> = HashMap::with_capacity(entries.len());
            for (index, (key, _)) in entries.iter().enumerate() {
                if let Some(key_name) = key.scalar_text(text) {
                    if let Some(&first) = first_seen.get(key_name) {
                        repeats.push((index, first));
                    } else {
                        first_seen.insert(key_name, index);
                    }
                }
            }
        }
        if repeats.is_empty() {
            return entries;
        }
        for &(later, first) in &repeats {
            let (key, _) = &entries[later];
            let key_name = key.scalar_text(text).unwrap_or_default();
            self.duplicates.push(duplicate_key::repeated(
                key_name,
                key.span,
                entries[first].0.span,
            ));
        }
        let top_level = self.stack.is_empty();
        let mut repeated = repeats.iter().map(|&(later, _)| later).peekable();
        let mut kept = Vec::with_capacity(entries.len() - repeats.len());
        for (index, entry) in entries.into_iter().enumerate() {
            if repeated.next_if_eq(&index).is_some() {
                if top_level {
                    self.dropped.push(entry);
                }
            } else {
                kept.push(entry);
            }
        }
        kept
    }

    /// Applies merge keys: the entries of the merged maps join the map, unless the map sets the same key itself (or an earlier merged map did).
    fn merge(
        &self,
        mut entries: Vec<(Node, Node)>,
        merges: Vec<Node>,
        streamed: Option<&HashMap<Cow<'t, str>, Span>>,
    ) -> Result<Vec<(Node, Node)>, BuildError> {
        if merges.is_empty() {
            return Ok(entries);
        }
        let mut taken: HashSet<String> = entries
            .iter()
            .filter_map(|(key, _)| key.scalar_text(self.text).map(str::to_owned))
            .chain(
                streamed
                    .into_iter()
                    .flat_map(|seen| seen.keys().map(|k| k.to_string())),
            )
            .collect();
        // The map's own entries first, then the merged ones: the order other YAML tools use.
        let mut added = Vec::new();
        for source in merges {
            let maps: Vec<&Node> = match &source.kind {
                NodeKind::Map(_) => vec![&source],
                NodeKind::Seq(items) if items.iter().all(|item| item.as_map().is_some()) => {
                    items.iter().collect()
                }
                _ => {
                    return Err(BuildError::at(
                        source.span.start as usize,
                        format!(
                            "`<<` merges a map or a list of maps into this map, not {}",
                            source.describe()
                        ),
                    ));
                }
            };
            for map in maps {
                for (key, value) in map.as_map().unwrap_or_default() {
                    let fresh = match key.scalar_text(self.text) {
                        Some(name) => taken.insert(name.to_owned()),
                        None => true,
                    };
                    if fresh {
                        added.push((key.clone(), value.clone()));
                    }
                }
            }
        }
        entries.extend(added);
        Ok(entries)
    }
}

/// Gives `node` and everything in it the span `span`; texts read in place are copied first,
/// since their place changes.
fn respan(node: &mut Node, span: Span, text: &str) {
    match &mut node.kind {
        NodeKind::Str(in_place @ None) => {
            let written = text.get(node.span.start as usize..node.span.end as usize);
            *in_place = Some(written.unwrap_or_default().into());
        }
        NodeKind::Seq(items) => items.iter_mut().for_each(|item| respan(item, span, text)),
        NodeKind::Map(entries) => entries.iter_mut().for_each(|(key, value)| {
            respan(key, span, text);
            respan(value, span, text);
        }),
        _ => {}
    }
    node.span = span;
}

/// The text of a key, borrowed from the source where it is written as is.
fn key_text<'t>(key: &Node, text: &'t str) -> Option<Cow<'t, str>> {
    match &key.kind {
        NodeKind::Str(Some(owned)) => Some(Cow::Owned(owned.to_string())),
        NodeKind::Seq(_) | NodeKind::Map(_) => None,
        _ => text
            .get(key.span.start as usize..key.span.end as usize)
            .map(Cow::Borrowed),
    }
}

/// A core tag on a list or map must be the one of its kind: `!!int [a]` asks for a number and
/// gives a list, a contradiction no reading of the file resolves.
fn collection_tag(
    tag: Option<&granit_parser::Tag>,
    own: &str,
    what: &str,
    start: usize,
) -> Result<(), BuildError> {
    match tag.and_then(|tag| tag.core_suffix()) {
        Some(core) if core != own => Err(BuildError::at(
            start,
            format!("`!!{core}` cannot tag {what}"),
        )),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests;

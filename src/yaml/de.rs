//! A serde deserializer over the spanned [`Node`] tree.
//!
//! The model types derive `Deserialize`, so the playbook format is declared once, in Rust, and the
//! JSON Schema is generated from the same types. This deserializer adds what serde alone does not
//! give: every error carries the span of the smallest node at fault, values can ask for their
//! span through [`Spanned`](crate::base::span::Spanned), and unknown keys are collected (with a
//! did-you-mean) instead of aborting, so one typo does not hide the rest of the entity.

use super::{Node, NodeKind};
use crate::base::span::{SPANNED_MARKER, Span};
use crate::base::suggest::did_you_mean;
use crate::base::text::quoted_list;
use crate::diagnostic::structural::schema;
use crate::diagnostic::{Diagnostic, Fix};
use serde::de::value::{StrDeserializer, U32Deserializer};
use serde::de::{
    self, DeserializeSeed, Deserializer, EnumAccess, IntoDeserializer, MapAccess, SeqAccess,
    Unexpected, VariantAccess, Visitor,
};
use std::cell::RefCell;
use std::fmt;

/// The name under which a type asks this deserializer for one item or a list, as a list
/// (`accountable: anna` and `accountable: [anna, ben]` alike). Other deserializers see an ordinary
/// newtype.
pub(crate) const ONE_OR_MANY_MARKER: &str = "$smarketing::OneOrMany";

/// The name under which a type asks for an id: text only. A plain `true`, `2027` or `null` is
/// what YAML reads as a boolean, a number or nothing; as an id it is refused with a hint to
/// quote it, instead of silently becoming the text it was written as.
pub(crate) const ID_MARKER: &str = "$smarketing::Id";

/// Shared state of one deserialization: the source text (to read plain scalars as written) and
/// the findings that do not stop it.
pub struct DeContext<'a> {
    pub text: &'a str,
    pub findings: RefCell<Vec<Diagnostic>>,
    /// For each unknown key that looks like a misspelled known one, the known key: its value is
    /// missing from what was read.
    pub missed_keys: RefCell<Vec<&'static str>>,
}

impl<'a> DeContext<'a> {
    pub fn new(text: &'a str) -> Self {
        DeContext {
            text,
            findings: RefCell::new(Vec::new()),
            missed_keys: RefCell::new(Vec::new()),
        }
    }
}

/// What kind of mistake a [`DeError`] is, for the loader's recovery: it decides by kind, never by
/// the wording of a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeErrorKind {
    /// A required key is absent; it names the key.
    MissingKey(&'static str),
    /// A value of the wrong type (a list where text belongs).
    WrongType,
    /// A value of the right type that is not allowed (an unknown enum value, a bad number).
    InvalidValue,
    /// A type's own message about its value (`soon` is not a date).
    Custom,
}

/// Why a value could not be read, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeError {
    pub kind: DeErrorKind,
    pub message: String,
    pub span: Option<Span>,
    pub help: Option<String>,
    /// The name surely meant, when the value is a misspelled one (an unknown variant).
    pub fix: Option<Fix>,
    /// The keys leading to the value that failed, innermost first: the first names the value in
    /// the message, the last is the entity's own key (where recovery can cut).
    pub path: Vec<String>,
}

impl DeError {
    pub fn new(message: impl Into<String>) -> Self {
        Self::of_kind(DeErrorKind::Custom, message)
    }

    fn of_kind(kind: DeErrorKind, message: impl Into<String>) -> Self {
        DeError {
            kind,
            message: message.into(),
            span: None,
            help: None,
            fix: None,
            path: Vec::new(),
        }
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    fn under(mut self, key: &Node, text: &str) -> Self {
        if let Some(name) = key.scalar_text(text) {
            self.path.push(name.to_owned());
        }
        self
    }

    /// Errors are located where they arise, at the innermost node; outer layers keep that span.
    fn at(mut self, span: Span) -> Self {
        if self.span.is_none() {
            self.span = Some(span);
        }
        self
    }
}

impl fmt::Display for DeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for DeError {}

impl de::Error for DeError {
    /// A message may carry its fix after a line break: "`soon` is not a date\nwrite it as ...".
    fn custom<T: fmt::Display>(message: T) -> Self {
        let text = message.to_string();
        match text.split_once('\n') {
            Some((message, help)) => DeError::new(message).with_help(help),
            None => DeError::new(text),
        }
    }

    fn invalid_type(unexpected: Unexpected<'_>, expected: &dyn de::Expected) -> Self {
        DeError::of_kind(
            DeErrorKind::WrongType,
            format!(
                "expected {}, found {}",
                describe_expected(&expected.to_string()),
                describe_unexpected(&unexpected)
            ),
        )
    }

    fn invalid_value(unexpected: Unexpected<'_>, expected: &dyn de::Expected) -> Self {
        DeError::of_kind(
            DeErrorKind::InvalidValue,
            format!(
                "{} is not valid here: expected {}",
                describe_unexpected(&unexpected),
                describe_expected(&expected.to_string())
            ),
        )
    }

    fn unknown_variant(variant: &str, expected: &'static [&'static str]) -> Self {
        let error = DeError::of_kind(
            DeErrorKind::InvalidValue,
            format!(
                "unknown value `{variant}`, expected one of {}",
                quoted_list(expected)
            ),
        );
        match did_you_mean(variant, expected.iter().copied()) {
            Some(near) => DeError {
                fix: Some(Fix::Replace {
                    with: near.to_owned(),
                }),
                ..error.with_help(format!("did you mean `{near}`?"))
            },
            None => error,
        }
    }

    fn missing_field(field: &'static str) -> Self {
        DeError::of_kind(
            DeErrorKind::MissingKey(field),
            format!("missing required key `{field}`"),
        )
        .with_help(format!("add `{field}: ...`"))
    }
}

/// serde's descriptions ("a sequence", "u32") in the words of a playbook author.
fn describe_expected(expected: &str) -> String {
    match expected {
        "a string" | "string" => "text".into(),
        "a sequence" | "sequence" => "a list".into(),
        "a map" | "map" => "a map".into(),
        "u8" | "u16" | "u32" | "u64" | "usize" => "a whole number, 0 or more".into(),
        "i8" | "i16" | "i32" | "i64" => "a whole number".into(),
        "f32" | "f64" => "a number".into(),
        "a boolean" => "`true` or `false`".into(),
        other => match other.strip_prefix("struct ") {
            Some(name) => format!("a map ({})", name.to_lowercase()),
            None => other.to_owned(),
        },
    }
}

fn describe_unexpected(unexpected: &Unexpected<'_>) -> String {
    match unexpected {
        Unexpected::Bool(value) => format!("`{value}`"),
        Unexpected::Unsigned(value) => format!("the number `{value}`"),
        Unexpected::Signed(value) => format!("the number `{value}`"),
        Unexpected::Float(value) => format!("the number `{value}`"),
        Unexpected::Str(value) => format!("the text `{value}`"),
        Unexpected::Unit | Unexpected::Option => "nothing".into(),
        Unexpected::Seq => "a list".into(),
        Unexpected::Map => "a map".into(),
        other => other.to_string(),
    }
}

/// Deserializes one node. `entity` names what is being read for messages ("task `kickoff`");
/// `anchor` is where errors about the node as a whole point (the key it stands under, when the
/// node is a map whose own span is only its first character).
#[derive(Clone, Copy)]
pub struct NodeDeserializer<'a> {
    node: &'a Node,
    context: &'a DeContext<'a>,
    entity: &'a str,
    anchor: Span,
}

impl<'a> NodeDeserializer<'a> {
    pub fn new(node: &'a Node, context: &'a DeContext<'a>, entity: &'a str, anchor: Span) -> Self {
        NodeDeserializer {
            node,
            context,
            entity,
            anchor,
        }
    }

    fn child(&self, node: &'a Node, anchor: Span) -> Self {
        NodeDeserializer {
            node,
            context: self.context,
            entity: self.entity,
            anchor,
        }
    }

    /// The node's text (for a scalar; empty for a collection).
    fn text(&self) -> &'a str {
        self.node.scalar_text(self.context.text).unwrap_or_default()
    }

    fn unexpected(&self) -> Unexpected<'a> {
        match &self.node.kind {
            NodeKind::Null => Unexpected::Unit,
            NodeKind::Bool(value) => Unexpected::Bool(*value),
            NodeKind::Int(value) => Unexpected::Signed(*value),
            NodeKind::Float(value) => Unexpected::Float(*value),
            NodeKind::Str(_) => Unexpected::Str(self.text()),
            NodeKind::Seq(_) => Unexpected::Seq,
            NodeKind::Map(_) => Unexpected::Map,
        }
    }

    /// Why this node cannot be an id, if it is a scalar that YAML reads as something other
    /// than text; an empty value is left to the ordinary "expected text" error.
    fn not_text_id(&self) -> Option<DeError> {
        let written = self.node.scalar_text(self.context.text).unwrap_or("");
        let read_as = match self.node.kind {
            NodeKind::Bool(_) | NodeKind::Int(_) | NodeKind::Float(_) => self.node.describe(),
            NodeKind::Null if !written.is_empty() => "nothing (null)",
            _ => return None,
        };
        Some(
            DeError::of_kind(
                DeErrorKind::InvalidValue,
                format!("`{written}` is read as {read_as}, but an id must be text"),
            )
            .with_help(format!("quote it: `\"{written}\"`"))
            .at(self.node.span),
        )
    }

    fn type_error(&self, expected: &dyn de::Expected) -> DeError {
        <DeError as de::Error>::invalid_type(self.unexpected(), expected).at(self.node.span)
    }
}

macro_rules! forward_to_any {
    ($($method:ident)*) => {
        $(
            fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
                self.deserialize_any(visitor)
            }
        )*
    };
}

impl<'de, 'a> Deserializer<'de> for NodeDeserializer<'a> {
    type Error = DeError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        let span = self.node.span;
        match &self.node.kind {
            NodeKind::Null => visitor.visit_unit(),
            NodeKind::Bool(value) => visitor.visit_bool(*value),
            NodeKind::Int(value) => visitor.visit_i64(*value),
            NodeKind::Float(value) => visitor.visit_f64(*value),
            NodeKind::Str(_) => visitor.visit_str(self.text()),
            NodeKind::Seq(items) => visitor.visit_seq(NodeSeq::new(self, items)),
            NodeKind::Map(entries) => visitor.visit_map(NodeMap::new(self, entries, None)),
        }
        .map_err(|error| error.at(span))
    }

    forward_to_any! {
        deserialize_bool deserialize_i8 deserialize_i16 deserialize_i32 deserialize_i64
        deserialize_u8 deserialize_u16 deserialize_u32 deserialize_u64 deserialize_f32
        deserialize_f64 deserialize_char deserialize_bytes deserialize_byte_buf
        deserialize_unit
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        let span = self.node.span;
        match &self.node.kind {
            NodeKind::Str(_) => visitor.visit_str(self.text()),
            // A plain `2027` or `true` where text is expected is meant as text.
            NodeKind::Bool(_) | NodeKind::Int(_) | NodeKind::Float(_) => {
                match self.node.scalar_text(self.context.text) {
                    Some(text) => visitor.visit_str(text),
                    None => Err(self.type_error(&visitor)),
                }
            }
            _ => Err(self.type_error(&visitor)),
        }
        .map_err(|error| error.at(span))
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_str(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match self.node.kind {
            NodeKind::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        self.deserialize_any(visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        if name == SPANNED_MARKER {
            visitor.visit_seq(SpannedSeq {
                node: self,
                step: 0,
            })
        } else if name == ONE_OR_MANY_MARKER {
            let items = match &self.node.kind {
                NodeKind::Seq(items) => &items[..],
                NodeKind::Null => &[],
                _ => std::slice::from_ref(self.node),
            };
            visitor.visit_seq(NodeSeq::new(self, items))
        } else if name == ID_MARKER {
            if let Some(error) = self.not_text_id() {
                return Err(error);
            }
            visitor.visit_newtype_struct(self)
        } else {
            visitor.visit_newtype_struct(self)
        }
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        let span = self.node.span;
        match &self.node.kind {
            NodeKind::Seq(items) => visitor.visit_seq(NodeSeq::new(self, items)),
            _ => Err(self.type_error(&visitor)),
        }
        .map_err(|error| error.at(span))
    }

    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        let anchor = self.anchor;
        match &self.node.kind {
            NodeKind::Map(entries) => visitor.visit_map(NodeMap::new(self, entries, None)),
            NodeKind::Null => visitor.visit_map(NodeMap::new(self, &[], None)),
            _ => Err(self.type_error(&visitor)),
        }
        .map_err(|error| error.at(anchor))
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        let anchor = self.anchor;
        match &self.node.kind {
            NodeKind::Map(entries) => visitor.visit_map(NodeMap::new(self, entries, Some(fields))),
            // `kickoff:` with nothing under it is an entity with no keys, not a type error.
            NodeKind::Null => visitor.visit_map(NodeMap::new(self, &[], Some(fields))),
            _ => Err(self.type_error(&visitor)),
        }
        .map_err(|error| error.at(anchor))
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        let span = self.node.span;
        match &self.node.kind {
            NodeKind::Str(_) | NodeKind::Bool(_) | NodeKind::Int(_) | NodeKind::Float(_) => {
                let text = self.node.scalar_text(self.context.text).unwrap_or("");
                visitor.visit_enum(UnitVariant(text))
            }
            _ => Err(self.type_error(&visitor)),
        }
        .map_err(|error| error.at(span))
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_str(visitor)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        visitor.visit_unit()
    }
}

struct UnitVariant<'a>(&'a str);

impl<'de, 'a> EnumAccess<'de> for UnitVariant<'a> {
    type Error = DeError;
    type Variant = Self;

    fn variant_seed<S: DeserializeSeed<'de>>(self, seed: S) -> Result<(S::Value, Self), DeError> {
        let deserializer: StrDeserializer<'a, DeError> = self.0.into_deserializer();
        Ok((seed.deserialize(deserializer)?, self))
    }
}

impl<'de> VariantAccess<'de> for UnitVariant<'_> {
    type Error = DeError;

    fn unit_variant(self) -> Result<(), DeError> {
        Ok(())
    }

    fn newtype_variant_seed<S: DeserializeSeed<'de>>(self, _seed: S) -> Result<S::Value, DeError> {
        Err(DeError::new(format!("`{}` needs a value", self.0)))
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, _v: V) -> Result<V::Value, DeError> {
        Err(DeError::new(format!("`{}` needs a value", self.0)))
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        _v: V,
    ) -> Result<V::Value, DeError> {
        Err(DeError::new(format!("`{}` needs a value", self.0)))
    }
}

/// Answers a [`Spanned`](crate::base::span::Spanned) request: file, start, end, then the value.
struct SpannedSeq<'a> {
    node: NodeDeserializer<'a>,
    step: u8,
}

impl<'de> SeqAccess<'de> for SpannedSeq<'_> {
    type Error = DeError;

    fn next_element_seed<S: DeserializeSeed<'de>>(
        &mut self,
        seed: S,
    ) -> Result<Option<S::Value>, DeError> {
        let span = self.node.node.span;
        self.step += 1;
        let number = |n: u32| -> U32Deserializer<DeError> { n.into_deserializer() };
        match self.step {
            1 => seed.deserialize(number(span.file)).map(Some),
            2 => seed.deserialize(number(span.start)).map(Some),
            3 => seed.deserialize(number(span.end)).map(Some),
            // A value's own checks (a date that is no date) fail after the node was read; they
            // belong to the node all the same.
            4 => seed
                .deserialize(self.node)
                .map(Some)
                .map_err(|error| error.at(span)),
            _ => Ok(None),
        }
    }
}

struct NodeSeq<'a> {
    parent: NodeDeserializer<'a>,
    items: std::slice::Iter<'a, Node>,
}

impl<'a> NodeSeq<'a> {
    fn new(parent: NodeDeserializer<'a>, items: &'a [Node]) -> Self {
        NodeSeq {
            parent,
            items: items.iter(),
        }
    }
}

impl<'de> SeqAccess<'de> for NodeSeq<'_> {
    type Error = DeError;

    fn next_element_seed<S: DeserializeSeed<'de>>(
        &mut self,
        seed: S,
    ) -> Result<Option<S::Value>, DeError> {
        match self.items.next() {
            Some(item) => seed
                .deserialize(self.parent.child(item, item.span))
                .map(Some)
                .map_err(|error| error.at(item.span)),
            None => Ok(None),
        }
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len())
    }
}

/// Map entries; for structs, `fields` names the known keys and any other key is reported as a
/// finding and skipped.
struct NodeMap<'a> {
    parent: NodeDeserializer<'a>,
    all: &'a [(Node, Node)],
    entries: std::iter::Enumerate<std::slice::Iter<'a, (Node, Node)>>,
    fields: Option<&'static [&'static str]>,
    pending: Option<&'a (Node, Node)>,
}

impl<'a> NodeMap<'a> {
    fn new(
        parent: NodeDeserializer<'a>,
        entries: &'a [(Node, Node)],
        fields: Option<&'static [&'static str]>,
    ) -> Self {
        NodeMap {
            parent,
            all: entries,
            entries: entries.iter().enumerate(),
            fields,
            pending: None,
        }
    }

    fn report_unknown_key(
        &self,
        index: usize,
        key: &Node,
        name: &str,
        fields: &'static [&'static str],
    ) {
        let finding = if self.comma_split(index) {
            match self.comma_finding(index) {
                Some(finding) => finding,
                // Reported with the first key the comma made.
                None => return,
            }
        } else {
            let near = did_you_mean(name, fields.iter().copied());
            if let Some(near) = near {
                // The key meant is missing: what rules read of it is unknown.
                self.parent.context.missed_keys.borrow_mut().push(near);
            }
            let text = self.parent.context.text;
            schema::unknown_key(name, self.parent.entity, near, fields, key.span).unless_taken(
                |with| {
                    self.all
                        .iter()
                        .any(|(other, _)| other.scalar_text(text) == Some(with))
                },
            )
        };
        self.parent.context.findings.borrow_mut().push(finding);
    }

    /// Whether entry `index` is text that a comma split off inside `{ }`: a key with no value
    /// of its own, written right after a comma (`{ title: Online lead (portal, website }`).
    fn comma_split(&self, index: usize) -> bool {
        let text = self.parent.context.text;
        let Some((key, value)) = self.all.get(index) else {
            return false;
        };
        let flow = text[self.parent.node.span.start as usize..].starts_with('{');
        let before = text[..key.span.start as usize].trim_end().ends_with(',');
        let after = text[key.span.end as usize..].trim_start();
        index > 0
            && flow
            && value.is_null()
            && matches!(key.kind, NodeKind::Str(_))
            && before
            && (after.starts_with(',') || after.starts_with('}'))
    }

    /// The one finding for a run of keys a comma split off the text before them, made at the
    /// first of them; `None` for the others of the run.
    fn comma_finding(&self, index: usize) -> Option<Diagnostic> {
        if self.comma_split(index - 1) {
            return None;
        }
        let text = self.parent.context.text;
        let (owner_key, owner_value) = &self.all[index - 1];
        let owner = owner_key.scalar_text(text)?;
        let last = (index..self.all.len())
            .take_while(|&i| self.comma_split(i))
            .last()
            .unwrap_or(index);
        let keys: Vec<&str> = self.all[index..=last]
            .iter()
            .filter_map(|(key, _)| key.scalar_text(text))
            .collect();
        let whole =
            text.get(owner_value.span.start as usize..self.all[last].0.span.end as usize)?;
        Some(schema::comma_in_flow_text(
            owner,
            self.parent.entity,
            &keys,
            whole,
            self.all[index].0.span,
        ))
    }
}

impl<'de> MapAccess<'de> for NodeMap<'_> {
    type Error = DeError;

    fn next_key_seed<S: DeserializeSeed<'de>>(
        &mut self,
        seed: S,
    ) -> Result<Option<S::Value>, DeError> {
        while let Some((index, entry)) = self.entries.next() {
            let key = &entry.0;
            if let Some(fields) = self.fields {
                let Some(name) = key.scalar_text(self.parent.context.text) else {
                    return Err(DeError::new("keys must be text").at(key.span));
                };
                if !fields.contains(&name) {
                    self.report_unknown_key(index, key, name, fields);
                    continue;
                }
            }
            self.pending = Some(entry);
            return seed.deserialize(self.parent.child(key, key.span)).map(Some);
        }
        Ok(None)
    }

    fn next_value_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> Result<S::Value, DeError> {
        match self.pending.take() {
            Some((key, value)) => seed
                .deserialize(self.parent.child(value, key.span))
                .map_err(|error| error.at(value.span).under(key, self.parent.context.text)),
            None => Err(DeError::new("value requested before its key")),
        }
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.entries.len())
    }
}

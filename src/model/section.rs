//! A section of the playbook: a map from id to entity, kept in file order with an index by id.
//!
//! File order matters to users (checklists list tasks as written; a cycle is printed from the
//! task first in the file), so sections are lists with a hash index rather than sorted maps.

use crate::span::Spanned;
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use std::borrow::Cow;
use std::collections::HashMap;

/// What every entity type tells the rest of the program about itself.
pub trait Entity {
    /// The top-level key of its section, like `tasks`.
    const SECTION: &'static str;
    /// How messages name one of them, like `task`.
    const KIND: &'static str;
    /// The id pattern: kebab-case slugs, or snake_case for field ids (CRM property names).
    const ID_STYLE: IdStyle = IdStyle::Kebab;
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IdStyle {
    Kebab,
    Snake,
}

impl IdStyle {
    pub fn pattern(self) -> &'static str {
        match self {
            IdStyle::Kebab => "^[a-z][a-z0-9-]*$",
            IdStyle::Snake => "^[a-z][a-z0-9_]*$",
        }
    }

    pub fn accepts(self, id: &str) -> bool {
        let mut chars = id.chars();
        let separator = match self {
            IdStyle::Kebab => '-',
            IdStyle::Snake => '_',
        };
        chars.next().is_some_and(|c| c.is_ascii_lowercase())
            && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == separator)
    }

    /// The id rewritten in this style, for a `help` suggestion.
    pub fn suggest(self, id: &str) -> String {
        let separator = match self {
            IdStyle::Kebab => '-',
            IdStyle::Snake => '_',
        };
        let mut out = String::new();
        for c in id.trim().chars() {
            if c.is_ascii_alphanumeric() {
                out.extend(c.to_lowercase());
            } else if !out.ends_with(separator) && !out.is_empty() {
                out.push(separator);
            }
        }
        let out = out.trim_end_matches(separator).to_owned();
        match out.chars().next() {
            Some(c) if c.is_ascii_lowercase() => out,
            _ => format!("x{separator}{out}"),
        }
    }
}

#[derive(Clone, Debug)]
pub struct Entry<T> {
    pub id: Spanned<crate::model::entities::Name>,
    pub value: T,
}

#[derive(Clone, Debug)]
pub struct Section<T> {
    entries: Vec<Entry<T>>,
    index: HashMap<crate::model::entities::Name, usize>,
}

impl<T> Default for Section<T> {
    fn default() -> Self {
        Section {
            entries: Vec::new(),
            index: HashMap::new(),
        }
    }
}

impl<T> Section<T> {
    /// Adds an entry, or returns the one already there under the same id.
    pub fn insert(
        &mut self,
        id: Spanned<crate::model::entities::Name>,
        value: T,
    ) -> Result<(), &Entry<T>> {
        if let Some(&existing) = self.index.get(&id.value) {
            return Err(&self.entries[existing]);
        }
        self.index.insert(id.value.clone(), self.entries.len());
        self.entries.push(Entry { id, value });
        Ok(())
    }

    pub fn get(&self, id: &str) -> Option<&Entry<T>> {
        self.index.get(id).map(|&i| &self.entries[i])
    }

    /// Position in file order.
    pub fn position(&self, id: &str) -> Option<usize> {
        self.index.get(id).copied()
    }

    pub fn contains(&self, id: &str) -> bool {
        self.index.contains_key(id)
    }

    pub fn iter(&self) -> std::slice::Iter<'_, Entry<T>> {
        self.entries.iter()
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Gives back the room reserved for entities that never came: sections grow by doubling
    /// while a file is read, and a large playbook would otherwise keep up to twice its size.
    pub fn shrink_to_fit(&mut self) {
        self.entries.shrink_to_fit();
        self.index.shrink_to_fit();
    }

    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.entries.iter().map(|entry| entry.id.value.as_str())
    }
}

impl<'a, T> IntoIterator for &'a Section<T> {
    type Item = &'a Entry<T>;
    type IntoIter = std::slice::Iter<'a, Entry<T>>;

    fn into_iter(self) -> Self::IntoIter {
        self.entries.iter()
    }
}

impl<T: JsonSchema + Entity> JsonSchema for Section<T> {
    fn schema_name() -> Cow<'static, str> {
        format!("{}Section", T::schema_name()).into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let item = generator.subschema_for::<T>();
        json_schema!({
            "type": "object",
            "description": format!("{}: a map from id to {}", T::SECTION, T::KIND),
            "propertyNames": { "pattern": T::ID_STYLE.pattern() },
            "additionalProperties": item,
        })
    }

    fn inline_schema() -> bool {
        true
    }
}

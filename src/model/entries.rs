//! The entities of one section: a map from id to entity, kept in file order with an index by id.
//!
//! File order matters to users (checklists list tasks as written; a cycle is printed from the
//! task first in the file), so sections are lists with a hash index rather than sorted maps.

use super::section::Entity;
use crate::base::span::Spanned;
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use std::borrow::Cow;
use std::collections::HashMap;

#[derive(Clone, Debug)]
pub struct Entry<T> {
    pub id: Spanned<super::entities::Name>,
    pub value: T,
}

#[derive(Clone, Debug)]
pub struct Entries<T> {
    entries: Vec<Entry<T>>,
    index: HashMap<super::entities::Name, usize>,
}

impl<T> Default for Entries<T> {
    fn default() -> Self {
        Entries {
            entries: Vec::new(),
            index: HashMap::new(),
        }
    }
}

impl<T> Entries<T> {
    /// Adds an entry, or returns the one already there under the same id.
    pub fn insert(
        &mut self,
        id: Spanned<super::entities::Name>,
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

impl<'a, T> IntoIterator for &'a Entries<T> {
    type Item = &'a Entry<T>;
    type IntoIter = std::slice::Iter<'a, Entry<T>>;

    fn into_iter(self) -> Self::IntoIter {
        self.entries.iter()
    }
}

impl<T: JsonSchema + Entity> JsonSchema for Entries<T> {
    fn schema_name() -> Cow<'static, str> {
        format!("{}Section", T::schema_name()).into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let item = generator.subschema_for::<T>();
        json_schema!({
            "type": "object",
            "description": format!("{}: a map from id to {}", T::SECTION.key(), T::SECTION.noun()),
            "propertyNames": { "pattern": T::ID_STYLE.pattern() },
            "additionalProperties": item,
        })
    }

    fn inline_schema() -> bool {
        true
    }
}

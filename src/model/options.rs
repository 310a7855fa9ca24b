//! A field's `options`: a list of option ids (`[vw-id4, golf-gti]`) or a map from id to the label
//! people see (`{ vw-id4: VW ID.4, golf-gti: Golf GTI }`).

use super::entities::{Ref, Text};
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::de::{MapAccess, SeqAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::borrow::Cow;
use std::fmt;

/// The options of an `enum` or `multi_enum` field, in the order written. Derefs to the ids, so
/// code that only needs the ids reads it as a list.
#[derive(Clone, Debug, Default)]
pub struct Options {
    ids: Vec<Ref>,
    /// One label per id when the options were written as a map, else empty.
    labels: Vec<Text>,
}

impl Options {
    /// The label of the option at `index`, or its id when it has none.
    pub fn label(&self, index: usize) -> Option<&str> {
        match self.labels.get(index) {
            Some(label) => Some(label.value.as_str()),
            None => self.ids.get(index).map(|id| id.value.as_str()),
        }
    }

    /// Whether the options were written as a map with labels.
    pub fn has_labels(&self) -> bool {
        !self.labels.is_empty()
    }
}

impl std::ops::Deref for Options {
    type Target = [Ref];

    fn deref(&self) -> &[Ref] {
        &self.ids
    }
}

impl<'a> IntoIterator for &'a Options {
    type Item = &'a Ref;
    type IntoIter = std::slice::Iter<'a, Ref>;

    fn into_iter(self) -> Self::IntoIter {
        self.ids.iter()
    }
}

impl<'de> Deserialize<'de> for Options {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct OptionsVisitor;

        impl<'de> Visitor<'de> for OptionsVisitor {
            type Value = Options;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a list of option ids, or a map from option id to label")
            }

            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Options, A::Error> {
                let mut ids = Vec::new();
                while let Some(id) = seq.next_element()? {
                    ids.push(id);
                }
                Ok(Options {
                    ids,
                    labels: Vec::new(),
                })
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Options, A::Error> {
                let mut options = Options::default();
                while let Some(id) = map.next_key::<Ref>()? {
                    // `{ botox }` is a map whose one key has no value: most likely a list
                    // written with the wrong brackets, so the help shows both forms.
                    let Some(label) = map.next_value::<Option<Text>>()? else {
                        return Err(serde::de::Error::custom(format!(
                            "option `{}` has no label\nwrite the options as a list, `[{}]`, or give each a label, `{{ {}: Label }}`",
                            id.value, id.value, id.value
                        )));
                    };
                    options.ids.push(id);
                    options.labels.push(label);
                }
                Ok(options)
            }
        }

        deserializer.deserialize_any(OptionsVisitor)
    }
}

/// As written: a list of ids, or a map from id to label.
impl Serialize for Options {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if self.labels.is_empty() {
            return self.ids.serialize(serializer);
        }
        let mut map = serializer.serialize_map(Some(self.ids.len()))?;
        for (id, label) in self.ids.iter().zip(&self.labels) {
            map.serialize_entry(&id.value, &label.value)?;
        }
        map.end()
    }
}

impl JsonSchema for Options {
    fn schema_name() -> Cow<'static, str> {
        "Options".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let id = generator.subschema_for::<Ref>();
        json_schema!({
            "anyOf": [
                { "type": "array", "items": id },
                { "type": "object", "additionalProperties": { "type": "string" } },
            ],
            "description": "a list of option ids, or a map from option id to the label people see",
        })
    }
}

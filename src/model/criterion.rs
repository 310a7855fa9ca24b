//! Lead criteria: what makes a lead fit for a lifecycle stage.
//!
//! A criterion is free text (`"budget confirmed"`) or a structured test of one shared field
//! (`{ field: lead_score, gte: 50 }`). Structured criteria are checked against the field's type
//! and options by the `invalid-criterion` rule, and can be exported to a CRM.

use crate::base::span::Spanned;
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::borrow::Cow;
use std::fmt;

#[derive(Clone, Debug, PartialEq)]
pub enum Criterion {
    Text(String),
    Test(FieldTest),
}

/// `{ field: F, OP: VALUE }`.
#[derive(Clone, Debug, PartialEq)]
pub struct FieldTest {
    pub field: crate::model::entities::Ref,
    pub op: Spanned<Op>,
    pub value: Spanned<CriterionValue>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Op {
    Eq,
    Ne,
    Gt,
    Gte,
    Lt,
    Lte,
    In,
    Present,
}

impl Op {
    pub const ALL: [Op; 8] = [
        Op::Eq,
        Op::Ne,
        Op::Gt,
        Op::Gte,
        Op::Lt,
        Op::Lte,
        Op::In,
        Op::Present,
    ];
    pub const NAMES: [&'static str; 8] = ["eq", "ne", "gt", "gte", "lt", "lte", "in", "present"];

    pub fn as_str(self) -> &'static str {
        match self {
            Op::Eq => "eq",
            Op::Ne => "ne",
            Op::Gt => "gt",
            Op::Gte => "gte",
            Op::Lt => "lt",
            Op::Lte => "lte",
            Op::In => "in",
            Op::Present => "present",
        }
    }

    /// The comparison as people read it, for rendered documents.
    pub fn symbol(self) -> &'static str {
        match self {
            Op::Eq => "=",
            Op::Ne => "≠",
            Op::Gt => ">",
            Op::Gte => "≥",
            Op::Lt => "<",
            Op::Lte => "≤",
            Op::In => "in",
            Op::Present => "present",
        }
    }

    fn parse(name: &str) -> Option<Op> {
        Op::ALL.into_iter().find(|op| op.as_str() == name)
    }

    /// Comparisons that only make sense on ordered values (numbers, dates).
    pub fn is_ordering(self) -> bool {
        matches!(self, Op::Gt | Op::Gte | Op::Lt | Op::Lte)
    }
}

/// A scalar in a criterion.
#[derive(Clone, Debug, PartialEq)]
pub enum Scalar {
    Text(String),
    Number(f64),
    Bool(bool),
}

impl fmt::Display for Scalar {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Scalar::Text(text) => f.write_str(text),
            Scalar::Number(number) => write!(f, "{number}"),
            Scalar::Bool(value) => write!(f, "{value}"),
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum CriterionValue {
    One(Scalar),
    List(Vec<Spanned<Scalar>>),
}

impl<'de> Deserialize<'de> for Scalar {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ScalarVisitor;

        impl Visitor<'_> for ScalarVisitor {
            type Value = Scalar;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("text, a number or `true`/`false`")
            }

            fn visit_bool<E>(self, value: bool) -> Result<Scalar, E> {
                Ok(Scalar::Bool(value))
            }

            fn visit_i64<E>(self, value: i64) -> Result<Scalar, E> {
                Ok(Scalar::Number(value as f64))
            }

            fn visit_u64<E>(self, value: u64) -> Result<Scalar, E> {
                Ok(Scalar::Number(value as f64))
            }

            fn visit_f64<E>(self, value: f64) -> Result<Scalar, E> {
                Ok(Scalar::Number(value))
            }

            fn visit_str<E>(self, value: &str) -> Result<Scalar, E> {
                Ok(Scalar::Text(value.to_owned()))
            }
        }

        deserializer.deserialize_any(ScalarVisitor)
    }
}

impl<'de> Deserialize<'de> for CriterionValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ValueVisitor;

        impl<'de> Visitor<'de> for ValueVisitor {
            type Value = CriterionValue;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a value or a list of values")
            }

            fn visit_bool<E>(self, value: bool) -> Result<CriterionValue, E> {
                Ok(CriterionValue::One(Scalar::Bool(value)))
            }

            fn visit_i64<E>(self, value: i64) -> Result<CriterionValue, E> {
                Ok(CriterionValue::One(Scalar::Number(value as f64)))
            }

            fn visit_u64<E>(self, value: u64) -> Result<CriterionValue, E> {
                Ok(CriterionValue::One(Scalar::Number(value as f64)))
            }

            fn visit_f64<E>(self, value: f64) -> Result<CriterionValue, E> {
                Ok(CriterionValue::One(Scalar::Number(value)))
            }

            fn visit_str<E>(self, value: &str) -> Result<CriterionValue, E> {
                Ok(CriterionValue::One(Scalar::Text(value.to_owned())))
            }

            fn visit_seq<A: de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<CriterionValue, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element()? {
                    items.push(item);
                }
                Ok(CriterionValue::List(items))
            }
        }

        deserializer.deserialize_any(ValueVisitor)
    }
}

impl<'de> Deserialize<'de> for Criterion {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct CriterionVisitor;

        impl<'de> Visitor<'de> for CriterionVisitor {
            type Value = Criterion;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("text or `{ field: F, OP: VALUE }`")
            }

            fn visit_str<E>(self, value: &str) -> Result<Criterion, E> {
                Ok(Criterion::Text(value.to_owned()))
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Criterion, A::Error> {
                let mut field = None;
                let mut test: Option<(Spanned<Op>, Spanned<CriterionValue>)> = None;
                while let Some(key) = map.next_key::<Spanned<String>>()? {
                    if key.value == "field" {
                        field = Some(map.next_value::<crate::model::entities::Ref>()?);
                        continue;
                    }
                    let Some(op) = Op::parse(&key.value) else {
                        let help = match crate::base::suggest::did_you_mean(&key.value, Op::NAMES) {
                            Some(near) => format!("did you mean `{near}`?"),
                            None => {
                                format!("use one of {}", crate::base::text::quoted_list(&Op::NAMES))
                            }
                        };
                        return Err(de::Error::custom(format!(
                            "unknown comparison `{}` in a criterion\n{help}",
                            key.value
                        )));
                    };
                    if let Some((first, _)) = &test {
                        return Err(de::Error::custom(format!(
                            "a criterion tests one thing, but this one has both `{}` and `{}`\nwrite two criteria",
                            first.value.as_str(),
                            op.as_str()
                        )));
                    }
                    let value = map.next_value::<Spanned<CriterionValue>>()?;
                    test = Some((Spanned::new(op, key.span), value));
                }
                let field = field.ok_or_else(|| {
                    de::Error::custom(
                        "a structured criterion names no `field`\nwrite `{ field: <field id>, OP: VALUE }`",
                    )
                })?;
                let (op, value) = test.ok_or_else(|| {
                    de::Error::custom(format!(
                        "criterion on `{}` has no comparison\nadd one of {}",
                        field.value,
                        crate::base::text::quoted_list(&Op::NAMES)
                    ))
                })?;
                Ok(Criterion::Test(FieldTest { field, op, value }))
            }
        }

        deserializer.deserialize_any(CriterionVisitor)
    }
}

impl Serialize for Criterion {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        match self {
            Criterion::Text(text) => serializer.serialize_str(text),
            Criterion::Test(test) => {
                let mut map = serializer.serialize_map(Some(2))?;
                map.serialize_entry("field", &test.field.value)?;
                map.serialize_entry(test.op.value.as_str(), &test.value.value)?;
                map.end()
            }
        }
    }
}

impl Serialize for CriterionValue {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            CriterionValue::One(scalar) => scalar.serialize(serializer),
            CriterionValue::List(items) => items.serialize(serializer),
        }
    }
}

impl Serialize for Scalar {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Scalar::Text(text) => serializer.serialize_str(text),
            Scalar::Number(number) => serializer.serialize_f64(*number),
            Scalar::Bool(value) => serializer.serialize_bool(*value),
        }
    }
}

impl JsonSchema for Criterion {
    fn schema_name() -> Cow<'static, str> {
        "Criterion".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        let scalar = json_schema!({ "type": ["string", "number", "boolean"] });
        let mut properties = serde_json::Map::new();
        properties.insert(
            "field".into(),
            json_schema!({ "type": "string", "description": "the id of a shared field" }).into(),
        );
        for name in Op::NAMES {
            let schema = match name {
                "in" => json_schema!({ "type": "array", "items": scalar.clone() }),
                "present" => json_schema!({ "type": "boolean" }),
                _ => scalar.clone(),
            };
            properties.insert(name.into(), schema.into());
        }
        json_schema!({
            "description": "Free text, or a test of one shared field: { field: F, OP: VALUE } with OP one of eq, ne, gt, gte, lt, lte, in, present.",
            "anyOf": [
                { "type": "string" },
                {
                    "type": "object",
                    "properties": properties,
                    "required": ["field"],
                    "minProperties": 2,
                    "maxProperties": 2,
                    "additionalProperties": false,
                }
            ]
        })
    }
}

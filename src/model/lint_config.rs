//! The `lint:` section: rule levels and rule settings for one playbook.

use super::values::Level;
use crate::span::Spanned;
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;

#[derive(Clone, Debug, Default)]
pub struct LintConfig {
    /// `rule: level` entries, in file order; names are checked against the registry on load.
    pub levels: Vec<(Spanned<String>, Spanned<Level>)>,
    pub settings: LintSettings,
}

/// Numbers that tune rules.
#[derive(Clone, Debug, Default, Deserialize, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct LintSettings {
    /// `overloaded-person` fires above this many accountable tasks per person (default 10).
    #[serde(rename = "max-accountable")]
    pub max_accountable: Option<Spanned<u32>>,
}

impl JsonSchema for LintConfig {
    fn schema_name() -> Cow<'static, str> {
        "LintConfig".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let level = generator.subschema_for::<Level>();
        let mut properties = serde_json::Map::new();
        for rule in crate::lint::registry::RULES
            .iter()
            .filter(|rule| rule.configurable())
        {
            let mut schema = level.clone();
            schema.insert("description".into(), rule.summary.into());
            properties.insert(rule.name.into(), schema.into());
        }
        properties.insert(
            "settings".into(),
            generator.subschema_for::<LintSettings>().into(),
        );
        json_schema!({
            "type": "object",
            "description": "Rule levels for this playbook (error, warning, info, off) and rule settings.",
            "properties": properties,
            "additionalProperties": false,
        })
    }
}

//! The `lint:` section: rule levels and rule settings for one playbook; and what starts an
//! inline suppression.

use super::values::Level;
use crate::base::span::Spanned;
use crate::diagnostic::Diagnostic;
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;

/// What an inline suppression comment starts with: `# smarketing: allow(rule-a, rule-b)`.
pub const SUPPRESSION_MARKER: &str = "smarketing:";

#[derive(Clone, Debug, Default)]
pub struct LintConfig {
    /// `rule: level` entries, in file order, as written; the lint stage checks the names.
    pub levels: Vec<LevelEntry>,
    pub settings: LintSettings,
}

/// One `rule: level` entry of `lint:`.
#[derive(Clone, Debug)]
pub struct LevelEntry {
    pub rule: Spanned<String>,
    /// The level, or why it could not be read.
    pub level: Result<Spanned<Level>, Diagnostic>,
}

/// Numbers that tune rules.
#[derive(Clone, Debug, Default, Deserialize, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct LintSettings {
    /// `overloaded-person` fires above this many accountable tasks per person (default 10).
    #[serde(rename = "max-accountable")]
    pub max_accountable: Option<Spanned<u32>>,
}

/// The shape of `lint:` without its rule names: the model does not know the rules, so the lint
/// stage adds one property per configurable rule when it writes the schema
/// ([`crate::lint::schema`]).
impl JsonSchema for LintConfig {
    fn schema_name() -> Cow<'static, str> {
        "LintConfig".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let mut properties = serde_json::Map::new();
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

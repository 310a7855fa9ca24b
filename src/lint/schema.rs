//! The JSON Schema of the playbook format, generated from the model types.
//!
//! Editors use it (through the `# yaml-language-server: $schema=...` line) to complete keys and
//! flag typos as the author types; `schemas/playbook.schema.json` is this output, kept current by
//! a test. It is written here, in the lint stage, because `lint:` takes one key per configurable
//! rule and this is the first stage that knows the rules.

use super::registry::RULES;
use crate::model::PlaybookFile;
use crate::model::values::Level;
use schemars::SchemaGenerator;
use serde_json::Value;

/// The schema as pretty-printed JSON with a final newline.
pub fn playbook_schema_json() -> String {
    let mut generator = SchemaGenerator::default();
    let level = generator.subschema_for::<Level>();
    let mut schema = generator.into_root_schema_for::<PlaybookFile>();
    let properties = schema
        .get_mut("$defs")
        .and_then(|defs| defs.get_mut("LintConfig"))
        .and_then(|lint| lint.get_mut("properties"))
        .and_then(Value::as_object_mut);
    if let Some(properties) = properties {
        for rule in RULES.iter().filter(|rule| rule.configurable()) {
            let mut entry = level.clone();
            entry.insert("description".into(), rule.summary.into());
            properties.insert(rule.name.into(), entry.into());
        }
    }
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}

//! The JSON Schema of the playbook format, generated from the model types.
//!
//! Editors use it (through the `# yaml-language-server: $schema=...` line) to complete keys and
//! flag typos as the author types; `schemas/playbook.schema.json` is this output, kept current by
//! a test.

use crate::model::PlaybookFile;

/// The schema as pretty-printed JSON with a final newline.
pub fn playbook_schema_json() -> String {
    let schema = schemars::schema_for!(PlaybookFile);
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}

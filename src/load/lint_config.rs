//! Reading `lint:`: rule levels and rule settings. Which names are rules is the lint stage's
//! knowledge, so the entries are kept as written and checked there; a level that does not read
//! keeps its finding until then, since it matters only for a name that is a configurable rule.

use super::recover::schema_error;
use super::sections::Output;
use crate::base::span::Spanned;
use crate::diagnostic::structural::schema;
use crate::model::lint_config::{LevelEntry, LintSettings};
use crate::yaml::de::{DeContext, NodeDeserializer};
use crate::yaml::{Node, NodeKind};
use serde::Deserialize;

impl Output<'_> {
    pub fn lint(&mut self, context: &DeContext<'_>, node: &Node) {
        let entries = match &node.kind {
            NodeKind::Map(entries) => &entries[..],
            NodeKind::Null => return,
            _ => {
                self.diagnostics
                    .push(schema::lint_not_a_map(node.describe(), node.span));
                return;
            }
        };
        for (key, value) in entries {
            let name = key.scalar_text(context.text).unwrap_or("");
            if name == "settings" {
                match self.read::<LintSettings>(context, key, value, "`lint.settings`") {
                    Some(settings) => self.playbook.lint.settings = settings,
                    None => self.playbook.gaps.lint = true,
                }
                continue;
            }
            let label = format!("`lint.{name}`");
            let level =
                Deserialize::deserialize(NodeDeserializer::new(value, context, &label, key.span))
                    .map_err(|error| schema_error(error, key.span, None, &label));
            self.playbook.lint.levels.push(LevelEntry {
                rule: Spanned::new(name.to_owned(), key.span),
                level,
            });
        }
    }
}

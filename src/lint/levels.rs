//! Rule levels: the defaults, the playbook's `lint:` section, and `--warn/--deny/--allow`.

use crate::diagnostic::{Diagnostic, Severity};
use crate::model::LintConfig;
use crate::model::values::Level;
use std::collections::HashMap;

/// Levels given on the command line; they win over the playbook's `lint:` section.
#[derive(Clone, Debug, Default)]
pub struct LevelOverrides {
    pub levels: HashMap<String, Level>,
}

impl LevelOverrides {
    pub fn set(&mut self, rule: &str, level: Level) {
        self.levels.insert(rule.to_owned(), level);
    }
}

/// The level a rule runs at for one playbook.
pub fn level_of(
    rule: &str,
    default: Severity,
    config: &LintConfig,
    overrides: &LevelOverrides,
) -> Level {
    if let Some(level) = overrides.levels.get(rule) {
        return *level;
    }
    if let Some((_, level)) = config
        .levels
        .iter()
        .rev()
        .find(|(name, _)| name.value == rule)
    {
        return level.value;
    }
    match default {
        Severity::Error => Level::Error,
        Severity::Warning => Level::Warning,
        Severity::Info => Level::Info,
    }
}

/// Re-levels findings of configurable rules and drops those turned off.
pub fn apply(
    findings: Vec<Diagnostic>,
    config: &LintConfig,
    overrides: &LevelOverrides,
) -> Vec<Diagnostic> {
    findings
        .into_iter()
        .filter_map(|mut finding| {
            let structural =
                crate::lint::registry::find(finding.rule).is_some_and(|rule| rule.structural);
            if structural {
                return Some(finding);
            }
            finding.severity = match level_of(finding.rule, finding.severity, config, overrides) {
                Level::Error => Severity::Error,
                Level::Warning => Severity::Warning,
                Level::Info => Severity::Info,
                Level::Off => return None,
            };
            Some(finding)
        })
        .collect()
}

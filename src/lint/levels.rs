//! Rule levels: the defaults, the workspace's `[lint]` table, the playbook's `lint:` section,
//! and `--warn/--deny/--allow`, each winning over the one before.

use super::registry::{RULES, find};
use crate::diagnostic::structural::schema;
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::LintConfig;
use crate::model::values::Level;
use std::collections::HashMap;

/// Levels given on the command line, which win over the playbook's `lint:` section, and those
/// of the playbook's workspace (`smarketing.toml`), which the playbook's own `lint:` wins over.
#[derive(Clone, Debug, Default)]
pub struct LevelOverrides {
    pub levels: HashMap<String, Level>,
    pub workspace: HashMap<String, Level>,
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
    if let Some(level) = config
        .levels
        .iter()
        .rev()
        .filter(|entry| entry.rule.value == rule)
        .find_map(|entry| entry.level.as_ref().ok())
    {
        return level.value;
    }
    if let Some(level) = overrides.workspace.get(rule) {
        return *level;
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
            if finding.rule.structural {
                return Some(finding);
            }
            finding.severity =
                match level_of(finding.rule.name, finding.severity, config, overrides) {
                    Level::Error => Severity::Error,
                    Level::Warning => Severity::Warning,
                    Level::Info => Severity::Info,
                    Level::Off => return None,
                };
            Some(finding)
        })
        .collect()
}

/// The findings about the names under `lint:` (only rules that can be configured take a level)
/// and whether a level there could not be read.
pub fn check_config(config: &LintConfig) -> (Vec<Diagnostic>, bool) {
    let mut findings = Vec::new();
    let mut unreadable = false;
    for entry in &config.levels {
        let (name, span) = (entry.rule.value.as_str(), entry.rule.span);
        match find(name) {
            Some(rule) if !rule.configurable() => {
                findings.push(schema::structural_rule_configured(name, span));
            }
            Some(_) => {
                if let Err(finding) = &entry.level {
                    unreadable = true;
                    findings.push(finding.clone());
                }
            }
            None => {
                let known: Vec<&str> = RULES.iter().map(|rule| rule.name).collect();
                findings.push(
                    schema::unknown_rule(name, &known, span).unless_taken(|with| {
                        config.levels.iter().any(|other| other.rule.value == with)
                    }),
                );
            }
        }
    }
    (findings, unreadable)
}

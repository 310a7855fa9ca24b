//! Every rule, in the order `smarketing rules` lists them, and looking one up by name.

use super::LintRule;
use crate::diagnostic::Rule;

pub use super::rules::LINT_RULES;

/// Every rule: the structural rules first, then the rules of the playbook's contract.
pub static RULES: &[&Rule] = &super::rules::ALL;

pub fn find(name: &str) -> Option<&'static Rule> {
    RULES.iter().copied().find(|rule| rule.name == name)
}

/// The lint rule `rule` is, if it is one.
pub fn lint_rule(rule: &Rule) -> Option<&'static LintRule> {
    LINT_RULES.iter().copied().find(|lint| lint.rule == *rule)
}

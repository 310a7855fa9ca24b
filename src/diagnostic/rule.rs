//! What a rule is to every stage that reports or lists findings: its name, its default level,
//! whether it is structural, and its documentation. How a lint rule checks a playbook is the lint
//! stage's business ([`crate::lint::LintRule`]); structural rules are reported by the stages
//! that find them.

use super::Severity;
use std::fmt;

/// A rule as findings name it. Every rule is one `static`, so a finding refers to its rule by
/// reference and no rule name is ever spelled twice.
pub struct Rule {
    pub name: &'static str,
    pub default: Severity,
    /// Structural rules report a playbook that does not compile; they are always errors and
    /// can be neither re-levelled nor suppressed.
    pub structural: bool,
    /// One line: what a finding of this rule means.
    pub summary: &'static str,
    /// Markdown: what it checks, why it matters, an example that fires and the fixed version.
    pub docs: &'static str,
}

/// The published rules page; each rule is a heading of its own on it.
const RULES_PAGE: &str = "https://github.com/smarketing/smarketing/blob/main/docs/rules.md";

impl Rule {
    pub fn configurable(&self) -> bool {
        !self.structural
    }

    /// Where the rule's page is published: its section of `docs/rules.md`, whose headings are
    /// the rule names.
    pub fn docs_url(&self) -> String {
        format!("{RULES_PAGE}#{}", self.name)
    }

    /// The default level as lists show it: `warning`, or `error (structural)`.
    pub fn level_label(&self) -> String {
        if self.structural {
            "error (structural)".to_owned()
        } else {
            self.default.to_string()
        }
    }
}

/// Rules are one of a kind: two are the same rule when they have the same name.
impl PartialEq for Rule {
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name
    }
}

impl Eq for Rule {}

/// The name alone: the docs would drown any debug output.
impl fmt::Debug for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Rule({})", self.name)
    }
}

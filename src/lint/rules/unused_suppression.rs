//! `unused-suppression`: an inline suppression silences nothing.
//!
//! The documentation at the bottom is what `smarketing explain unused-suppression` prints.

use crate::base::suggest::did_you_mean;
use crate::diagnostic::{Diagnostic, Fix};
use crate::lint::prelude::*;

pub static RULE: LintRule = LintRule {
    rule: Rule {
        name: "unused-suppression",
        default: Severity::Warning,
        structural: false,
        summary: "an inline suppression silences nothing",
        docs: DOCS,
    },
    reads: Reads::NOTHING,
    check: None,
};

/// A suppression of `rule` that silenced no finding.
pub fn silences_nothing(rule: &str, span: Span) -> Diagnostic {
    Diagnostic::new(
        &RULE.rule,
        format!("suppression of `{rule}` silences nothing"),
        span,
    )
    .with_help("remove it: the problem it silenced is gone, or it stands on the wrong line")
    .with_fix(Fix::RemoveSuppression)
}

/// A `# smarketing:` comment that is not `allow(...)`.
pub fn malformed(span: Span) -> Diagnostic {
    Diagnostic::new(
        &RULE.rule,
        "malformed suppression: it silences nothing",
        span,
    )
    .with_help("write `# smarketing: allow(rule-a, rule-b)`")
}

/// A suppression of a structural rule, which cannot be suppressed.
pub fn structural(rule: &str, span: Span) -> Diagnostic {
    Diagnostic::new(
        &RULE.rule,
        format!("`{rule}` is a structural rule and cannot be suppressed"),
        span,
    )
    .with_help("fix the structural problem instead")
    .with_fix(Fix::RemoveSuppression)
}

/// A suppression naming no rule; `known` are the rule names.
///
/// With a rule of a name close to it, the fix writes that name; else it removes the name,
/// which silences nothing either way.
pub fn unknown_rule(name: &str, known: &[&str], span: Span) -> Diagnostic {
    let near = did_you_mean(name, known.iter().copied());
    let help = match near {
        Some(near) => format!("did you mean `{near}`?"),
        None => "`smarketing rules` lists every rule".to_owned(),
    };
    let fix = match near {
        Some(near) => Fix::Replace {
            with: near.to_owned(),
        },
        None => Fix::RemoveSuppression,
    };
    Diagnostic::new(
        &RULE.rule,
        format!("suppression names unknown rule `{name}`"),
        span,
    )
    .with_help(help)
    .with_fix(fix)
}

const DOCS: &str = r##"## What it checks
A comment `# smarketing: allow(rule, ...)`, on an entity's key line or on the line above it, names a rule that reports nothing for that entity or anything inside it. The diagnostic points at the rule name in the comment that was not needed; a rule name that does not exist, or a structural rule (which cannot be suppressed), is reported the same way. `smarketing check --fix` takes the name out (the whole comment when it names nothing else, and the line when the comment stands alone), or writes the rule meant when a rule's name is close to it.

Only a YAML comment is a suppression. The same words inside a value, such as a line of a `description: |` block or a quoted title, are text: they silence nothing and are not reported.

## Why it matters
Suppressions outlive their reasons: the quarterly review got a responsible person months ago, but the `allow(task-without-responsible)` stays, and the next time the responsible person is removed nobody is warned. Reporting suppressions that do nothing keeps every exception in the shared playbook a current, deliberate decision that both teams can see.

## Example
```yaml
tasks:
  # smarketing: allow(task-without-responsible)
  quarterly-review:
    title: Quarterly smarketing review
    accountable: anna
    responsible: [anna, ben]
```

## Fixed
```yaml
tasks:
  quarterly-review:
    title: Quarterly smarketing review
    accountable: anna
    responsible: [anna, ben]
```
"##;

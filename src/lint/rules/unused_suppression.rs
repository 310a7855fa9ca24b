//! `unused-suppression`: an inline suppression silences nothing.
//!
//! The documentation at the bottom is what `smarketing explain unused-suppression` prints.

use crate::lint::prelude::*;

pub const RULE: Rule = Rule {
    name: "unused-suppression",
    default: Severity::Warning,
    structural: false,
    reads: &[],
    summary: "an inline suppression silences nothing",
    docs: DOCS,
    check: None,
};

const DOCS: &str = r##"## What it checks
A comment `# smarketing: allow(rule, ...)`, on an entity's key line or on the line above it, names a rule that reports nothing for that entity or anything inside it. The diagnostic points at the rule name in the comment that was not needed; a rule name that does not exist, or a structural rule (which cannot be suppressed), is reported the same way.

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

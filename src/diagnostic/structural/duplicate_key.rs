//! `duplicate-key`: a key appears twice in the same map.
//!
//! The documentation at the bottom is what `smarketing explain duplicate-key` prints.

use crate::base::span::Span;
use crate::diagnostic::{Diagnostic, Label, Rule, Severity};

pub static RULE: Rule = Rule {
    name: "duplicate-key",
    default: Severity::Error,
    structural: true,
    summary: "a key appears twice in the same map",
    docs: DOCS,
};

/// Key `name` written again at `span` in a map that has it at `first`.
pub fn repeated(name: &str, span: Span, first: Span) -> Diagnostic {
    Diagnostic::new(
        &RULE,
        format!("key `{name}` appears twice in the same map"),
        span,
    )
    .with_label("repeated here")
    .with_related(Label::new(first, "first defined here"))
    .with_help("remove one of the two, or merge their contents")
}

const DOCS: &str = r##"## What it checks
A YAML map (the top level, a section or an entity) contains the same key twice. The diagnostic points at the second occurrence and names the first as a related location. Which of the two values a YAML reader would keep differs between tools, so the file is rejected instead of guessed.

## Why it matters
Two people editing the same task in one pull request easily end up with two `accountable:` lines: one silently wins, and the RACI table names someone who never agreed to the task. A `tasks:` section written twice in a long file can drop a whole block of tasks the same way. Reporting it makes the teams decide which value they meant.

## Example
```yaml
tasks:
  define-qualified-lead:
    title: Agree what makes a qualified lead
    accountable: ben
    responsible: [anna, ben]
    accountable: anna
```

## Fixed
```yaml
tasks:
  define-qualified-lead:
    title: Agree what makes a qualified lead
    accountable: ben
    responsible: [anna, ben]
```
"##;

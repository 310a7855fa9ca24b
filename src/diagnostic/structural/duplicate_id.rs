//! `duplicate-id`: an id is defined twice.
//!
//! The documentation at the bottom is what `smarketing explain duplicate-id` prints.

use crate::base::span::Span;
use crate::diagnostic::{Diagnostic, Label, Rule, Severity};

pub static RULE: Rule = Rule {
    name: "duplicate-id",
    default: Severity::Error,
    structural: true,
    summary: "an id is defined twice",
    docs: DOCS,
};

/// A second definition of `name`, a `kind` first defined at `first`.
pub fn defined_twice(kind: &str, name: &str, span: Span, first: Span) -> Diagnostic {
    Diagnostic::new(&RULE, format!("{kind} `{name}` is defined twice"), span)
        .with_label("defined again here")
        .with_related(Label::new(first, "first defined here"))
        .with_help(format!("rename one of them or merge them into one {kind}"))
}

/// A second `lifecycle:` section.
pub fn lifecycle_twice(span: Span, first: Span) -> Diagnostic {
    Diagnostic::new(&RULE, "the lifecycle is defined twice", span)
        .with_related(Label::new(first, "first defined here"))
        .with_help("keep all lifecycle stages in one `lifecycle:` section")
}

/// A person whose id is also a team's.
pub fn person_and_team(id: &str, span: Span, team: Span) -> Diagnostic {
    Diagnostic::new(&RULE, format!("`{id}` is both a person and a team"), span)
        .with_related(Label::new(team, "the team is defined here"))
        .with_help("people and teams share one namespace; rename one of them")
}

/// A value listed twice in one list of `owner` (an option, a reject reason, a pipeline stage).
pub fn listed_twice(what: &str, value: &str, owner: &str, span: Span, first: Span) -> Diagnostic {
    Diagnostic::new(
        &RULE,
        format!("{what} `{value}` appears twice in {owner}"),
        span,
    )
    .with_label("repeated here")
    .with_related(Label::new(first, "first here"))
    .with_help(format!("remove the repeated {what}"))
}

/// An id in a list that differs from an earlier one only in case, spaces, `-` or `_`.
pub fn same_id_written_differently(
    what: &str,
    value: &str,
    earlier: &str,
    owner: &str,
    span: Span,
    first: Span,
) -> Diagnostic {
    Diagnostic::new(
        &RULE,
        format!("{what} `{value}` in {owner} is the same id as `{earlier}`"),
        span,
    )
    .with_label("the same id here")
    .with_related(Label::new(first, "first here"))
    .with_help(format!(
        "ids that differ only in case, spaces, `-` or `_` are one id; remove one {what} or rename it"
    ))
}

const DOCS: &str = r##"## What it checks
The same id is defined twice where ids must be unique: an entity defined in two files of one playbook (the root file and an include, or two includes), two stages with the same `id` in `lifecycle.stages` or in one pipeline's `stages`, or a person and a team with the same id (people and teams share one namespace, the parties). The diagnostic points at the later definition and names the first as a related location. The same key twice in one map of one file is a `duplicate-key`.

## Why it matters
Every reference in the playbook is by id. If two lifecycle stages are both called `mql`, then `next: [mql]` and `rejected_to: mql` are ambiguous, and the CRM export would create one lifecycle status for two different steps, one owned by marketing and one by sales. The same goes for an `anna` defined in two files: nobody could tell whether the wedding fair belongs to Anna Berger from marketing or Anna Bauer from sales.

## Example
```yaml
lifecycle:
  stages:
    - { id: inquiry, owner: marketing }
    - { id: mql, owner: marketing, criteria: [budget and dates confirmed] }
    - { id: mql, owner: sales, sla: 24h, rejected_to: inquiry }
    - { id: booked, owner: sales, outcome: won }
```

## Fixed
```yaml
lifecycle:
  stages:
    - { id: inquiry, owner: marketing }
    - { id: mql, owner: marketing, criteria: [budget and dates confirmed] }
    - { id: sql, owner: sales, sla: 24h, rejected_to: inquiry }
    - { id: booked, owner: sales, outcome: won }
```
"##;

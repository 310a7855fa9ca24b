//! `unowned-stage`: a lifecycle stage has no owner.
//!
//! The documentation at the bottom is what `smarketing explain unowned-stage` prints.

use crate::lint::prelude::*;

pub static RULE: LintRule = LintRule {
    rule: Rule {
        name: "unowned-stage",
        default: Severity::Error,
        structural: false,
        summary: "a lifecycle stage has no owner",
        docs: DOCS,
    },
    reads: Reads {
        own: &[(Section::Lifecycle, &["owner"])],
        ..Reads::NOTHING
    },
    check: Some(check),
};

fn check(cx: &Context<'_>, out: &mut Findings) {
    for stage in &cx.playbook.stages {
        if stage.value.owner.is_none() {
            out.push(
                out.at(stage.id.span, format!("lifecycle stage `{}` has no owner", stage.id.value))
                    .with_help("add `owner: <team or person>`: who works leads in this stage")
                    .with_entity(Section::Lifecycle.entity(&stage.id.value)),
            );
        }
    }
}

const DOCS: &str = r##"## What it checks
A stage in `lifecycle.stages` has no `owner`. The diagnostic points at the stage's `id` value. Pipeline stages have no owner and are not checked.

## Why it matters
Stage ownership is where sales and marketing draw the line: it says who works a new wedding inquiry, who nurtures it and when it becomes sales' job. A stage without an owner is where leads wait, because nobody is notified and nobody is measured on it. Without owners, the handoff checks also cannot tell where a lead changes hands.

## Example
```yaml
lifecycle:
  stages:
    - { id: inquiry, owner: marketing }
    - { id: mql, criteria: [budget and dates confirmed] }
    - { id: booked, owner: sales, outcome: won }
```

## Fixed
```yaml
lifecycle:
  stages:
    - { id: inquiry, owner: marketing }
    - { id: mql, owner: marketing, criteria: [budget and dates confirmed] }
    - { id: booked, owner: sales, outcome: won }
```
"##;

//! `handoff-without-sla`: a stage that receives a handoff has no SLA.
//!
//! The documentation at the bottom is what `smarketing explain handoff-without-sla` prints.

use crate::lint::prelude::*;

pub static RULE: LintRule = LintRule {
    rule: Rule {
        name: "handoff-without-sla",
        default: Severity::Warning,
        structural: false,
        summary: "a stage that receives a handoff has no SLA",
        docs: DOCS,
    },
    reads: Reads {
        own: &[(Section::Lifecycle, &["sla"])],
        whole: &[
            (Section::Lifecycle, &["owner", "next", "outcome"]),
            (Section::People, &["team"]),
        ],
        ..Reads::NOTHING
    },
    check: Some(check),
};

fn check(cx: &Context<'_>, out: &mut Findings) {
    for (stage, handoff) in cx.graph.receiving_stages() {
        if stage.value.sla.is_some() {
            continue;
        }
        out.push(
            out.at(stage.id.span, format!(
                "stage `{}` receives leads from `{}` but has no `sla`",
                stage.id.value, handoff.from_team
            ))
            .with_help("add `sla: 24h` (or 30m, 4h, 2d, 1w): how fast the receiving team picks a lead up")
            .with_entity(Section::Lifecycle.entity(&stage.id.value)),
        );
    }
}

const DOCS: &str = r##"## What it checks
A lifecycle stage that receives a handoff has no `sla`. A stage receives a handoff when a lead can reach it from a stage whose owner belongs to another team, along `next` or, without `next`, from the stage just before it in the list (never from a stage with an `outcome`, and never into one: a lead that is won or lost ends there); a person counts as their team. The diagnostic points at the receiving stage's `id`.

## Why it matters
The moment a lead changes hands is when it is most likely to wait. A request for a 120-person conference that marketing qualifies on Friday afternoon and sales calls back on Wednesday has often gone to the competitor by then. An `sla` such as `24h` turns response time into an agreement that sales can be measured on and marketing can rely on.

## Example
```yaml
lifecycle:
  stages:
    - { id: mql, owner: marketing, criteria: [budget and dates confirmed] }
    - { id: sql, owner: sales, rejected_to: mql }
    - { id: booked, owner: sales, outcome: won }
```

## Fixed
```yaml
lifecycle:
  stages:
    - { id: mql, owner: marketing, criteria: [budget and dates confirmed] }
    - { id: sql, owner: sales, sla: 24h, rejected_to: mql }
    - { id: booked, owner: sales, outcome: won }
```
"##;

//! `handoff-without-criteria`: a stage hands leads to another team without criteria.
//!
//! The documentation at the bottom is what `smarketing explain handoff-without-criteria` prints.

use crate::lint::prelude::*;

pub static RULE: LintRule = LintRule {
    rule: Rule {
        name: "handoff-without-criteria",
        default: Severity::Warning,
        structural: false,
        summary: "a stage hands leads to another team without criteria",
        docs: DOCS,
    },
    reads: Reads {
        own: &[(Section::Lifecycle, &["criteria"])],
        whole: &[
            (Section::Lifecycle, &["owner", "next", "outcome"]),
            (Section::People, &["team"]),
        ],
        ..Reads::NOTHING
    },
    check: Some(check),
};

fn check(cx: &Context<'_>, out: &mut Findings) {
    for (stage, handoff) in cx.graph.handing_stages() {
        if !stage.value.criteria.is_empty() {
            continue;
        }
        out.push(
            out.at(stage.id.span, format!(
                "stage `{}` hands leads to `{}` but has no criteria",
                stage.id.value, handoff.to_team
            ))
            .with_help("add `criteria:` that say when a lead is ready to hand over, like `{ field: lead_score, gte: 50 }`")
            .with_entity(Section::Lifecycle.entity(&stage.id.value)),
        );
    }
}

const DOCS: &str = r##"## What it checks
A lifecycle stage from which a lead moves to a stage owned by another team (along `next` or, without `next`, to the following stage in the list; a person counts as their team) has no `criteria`. A move into a stage with an `outcome` is not a handoff: a lead that is won or lost ends there. The diagnostic points at the `id` of that stage, the one handed over, not the one receiving.

## Why it matters
If marketing and sales have not written down what makes a lead ready, every handoff is a negotiation: marketing passes on everyone who downloaded the wedding brochure, and sales stops calling any of them. Criteria, as free text (`budget and dates confirmed`) or structured (`{ field: lead_score, gte: 50 }`), are the definition of a qualified lead both teams have signed up to.

## Example
```yaml
lifecycle:
  stages:
    - { id: mql, owner: marketing }
    - { id: sql, owner: sales, sla: 24h, rejected_to: mql }
    - { id: booked, owner: sales, outcome: won }
```

## Fixed
```yaml
lifecycle:
  stages:
    - id: mql
      owner: marketing
      criteria:
        - budget and dates confirmed
        - { field: group_size, gte: 20 }
    - { id: sql, owner: sales, sla: 24h, rejected_to: mql }
    - { id: booked, owner: sales, outcome: won }
```
"##;

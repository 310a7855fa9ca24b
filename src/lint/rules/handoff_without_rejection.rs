//! `handoff-without-rejection`: a stage that receives a handoff has no way to send a lead back.
//!
//! The documentation at the bottom is what `smarketing explain handoff-without-rejection` prints.

use crate::lint::prelude::*;

pub static RULE: LintRule = LintRule {
    rule: Rule {
        name: "handoff-without-rejection",
        default: Severity::Info,
        structural: false,
        summary: "a stage that receives a handoff has no way to send a lead back",
        docs: DOCS,
    },
    reads: Reads {
        own: &[(Section::Lifecycle, &["rejected_to"])],
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
        if stage.value.rejected_to.is_some() {
            continue;
        }
        out.push(
            out.at(stage.id.span, format!(
                "stage `{}` receives leads from `{}` but has no `rejected_to`",
                stage.id.value, handoff.from_team
            ))
            .with_help("add `rejected_to: <stage>`: where a lead goes when the receiving team turns it down")
            .with_entity(Section::Lifecycle.entity(&stage.id.value)),
        );
    }
}

const DOCS: &str = r##"## What it checks
A lifecycle stage that receives a handoff (as defined for `handoff-without-sla`: a lead can reach it from a stage owned by another team) has no `rejected_to`. The diagnostic points at the receiving stage's `id`. The rule is `info` by default.

## Why it matters
Sales will turn some leads down; the question is where they go. Without `rejected_to`, a lead that is "not ready yet" is either closed as lost or left in the SQL stage forever, and marketing loses the chance to nurture the couple who will marry next year instead. A defined way back, ideally with `reject_reasons`, keeps those leads and tells marketing why they came back.

## Example
```yaml
lifecycle:
  stages:
    - { id: mql, owner: marketing, criteria: [budget and dates confirmed] }
    - { id: sql, owner: sales, sla: 24h }
    - { id: booked, owner: sales, outcome: won }
```

## Fixed
```yaml
lifecycle:
  stages:
    - { id: mql, owner: marketing, criteria: [budget and dates confirmed] }
    - id: sql
      owner: sales
      sla: 24h
      rejected_to: mql
      reject_reasons: [no-budget, wrong-dates, no-availability]
    - { id: booked, owner: sales, outcome: won }
```
"##;

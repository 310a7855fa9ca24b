//! `missing-feedback-loop`: a handoff has no feedback loop back to the team that handed the lead over.
//!
//! The documentation at the bottom is what `smarketing explain missing-feedback-loop` prints.

use crate::lint::prelude::*;
use std::collections::BTreeSet;

pub static RULE: LintRule = LintRule {
    rule: Rule {
        name: "missing-feedback-loop",
        default: Severity::Warning,
        structural: false,
        summary: "a handoff has no feedback loop back to the team that handed the lead over",
        docs: DOCS,
    },
    reads: Reads {
        whole: &[
            (Section::Lifecycle, &["owner", "next", "outcome"]),
            (Section::People, &["team"]),
            (Section::FeedbackLoops, &["from", "to"]),
        ],
        ..Reads::NOTHING
    },
    check: Some(check),
};

fn check(cx: &Context<'_>, out: &mut Findings) {
    let loops: BTreeSet<(&str, &str)> = cx
        .playbook
        .feedback_loops
        .iter()
        .flat_map(|feedback| {
            let from = cx.graph.party_team(&feedback.value.from.value);
            feedback.value.to.iter().filter_map(move |to| {
                Some((from?, cx.graph.party_team(&to.value)?))
            })
        })
        .collect();
    let mut reported = BTreeSet::new();
    for handoff in cx.graph.handoffs() {
        let (giver, receiver) = (handoff.from_team, handoff.to_team);
        if loops.contains(&(receiver, giver)) || !reported.insert((giver, receiver)) {
            continue;
        }
        let Some(stage) = cx.playbook.stages.get(handoff.edge.to) else { continue };
        let span = stage.value.owner.as_ref().map_or(stage.id.span, |owner| owner.span);
        out.push(
            out.at(span, format!(
                "leads pass from `{giver}` to `{receiver}` at stage `{}`, but no feedback loop runs from `{receiver}` back to `{giver}`",
                stage.id.value
            ))
            .with_help(format!("add a feedback loop with `from: {receiver}` and `to: {giver}`, for example on lead quality and reject reasons"))
            .with_entity(Section::Lifecycle.entity(&stage.id.value)),
        );
    }
}

const DOCS: &str = r##"## What it checks
For every handoff in the lifecycle from team A to team B, some entry in `feedback_loops` must have `from` B (or a person of B) and `to` A. A handoff is an edge from one stage to the next (by `next`, or without `next` to the following stage in the list, never after a stage with an `outcome`, never into one) where the owner's team changes; a person counts as their team. The diagnostic points at the `owner` of the stage that receives the handoff.

## Why it matters
The team that receives the leads knows best what is wrong with them: sales sees that half of the "qualified" conference leads have no budget. Without a way back, marketing keeps optimising for volume and never learns why leads were rejected. A named loop, such as reject reasons reviewed every week with marketing, is how lead quality gets better.

## Example
```yaml
lifecycle:
  stages:
    - { id: mql, owner: marketing, criteria: [budget and dates confirmed] }
    - { id: sql, owner: sales, sla: 24h, rejected_to: mql }
    - { id: booked, owner: sales, outcome: won }
```

## Fixed
```yaml
lifecycle:
  stages:
    - { id: mql, owner: marketing, criteria: [budget and dates confirmed] }
    - { id: sql, owner: sales, sla: 24h, rejected_to: mql }
    - { id: booked, owner: sales, outcome: won }
feedback_loops:
  lead-quality:
    from: sales
    to: marketing
    about: Quality of handed-over leads, with reject reasons
    via: weekly-sync
    cadence: weekly
```
"##;

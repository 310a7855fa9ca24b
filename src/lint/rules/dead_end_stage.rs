//! `dead-end-stage`: a stage without an outcome leads nowhere.
//!
//! The documentation at the bottom is what `smarketing explain dead-end-stage` prints.

use crate::lint::prelude::*;

pub static RULE: LintRule = LintRule {
    rule: Rule {
        name: "dead-end-stage",
        default: Severity::Warning,
        structural: false,
        summary: "a stage without an outcome leads nowhere",
        docs: DOCS,
    },
    reads: Reads {
        whole: &[(Section::Lifecycle, &["next", "outcome"])],
        ..Reads::NOTHING
    },
    check: Some(check),
};

fn check(cx: &Context<'_>, out: &mut Findings) {
    let edges = cx.graph.stage_edges();
    for stage in &cx.playbook.stages {
        if stage.value.outcome.is_some() || edges.iter().any(|edge| edge.from == stage.id.value) {
            continue;
        }
        out.push(
            out.at(stage.id.span, format!("lifecycle stage `{}` has no outcome and no next stage", stage.id.value))
                .with_help("add `next: [<stage>]`, or `outcome: won` / `outcome: lost` if leads end here")
                .with_entity(Section::Lifecycle.entity(&stage.id.value)),
        );
    }
}

const DOCS: &str = r##"## What it checks
A lifecycle stage without an `outcome` has no next stage: it has an empty `next: []`, or it has no `next` and is the last stage in the list. The diagnostic points at the stage's `id`.

## Why it matters
Leads that enter a dead end stay there: a `nurture` stage with no way back to sales means the guest who asked about a wedding two years early is never called again. Every open stage should lead somewhere, and every path should end in an explicit `won` or `lost`, so that pipeline and conversion reports add up.

## Example
```yaml
lifecycle:
  stages:
    - { id: inquiry, owner: marketing, next: [sql, nurture] }
    - { id: sql, owner: sales, next: [booked, lost] }
    - { id: booked, owner: sales, outcome: won }
    - { id: lost, owner: sales, outcome: lost }
    - { id: nurture, owner: marketing }
```

## Fixed
```yaml
lifecycle:
  stages:
    - { id: inquiry, owner: marketing, next: [sql, nurture] }
    - { id: sql, owner: sales, next: [booked, lost] }
    - { id: booked, owner: sales, outcome: won }
    - { id: lost, owner: sales, outcome: lost }
    - { id: nurture, owner: marketing, next: [sql, lost] }
```
"##;

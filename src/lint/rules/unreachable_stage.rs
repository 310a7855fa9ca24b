//! `unreachable-stage`: a lifecycle stage cannot be reached from the first stage.
//!
//! The documentation at the bottom is what `smarketing explain unreachable-stage` prints.

use crate::lint::prelude::*;

pub static RULE: LintRule = LintRule {
    rule: Rule {
        name: "unreachable-stage",
        default: Severity::Error,
        structural: false,
        summary: "a lifecycle stage cannot be reached from the first stage",
        docs: DOCS,
    },
    reads: Reads {
        whole: &[(Section::Lifecycle, &["next", "outcome"])],
        ..Reads::NOTHING
    },
    check: Some(check),
};

fn check(cx: &Context<'_>, out: &mut Findings) {
    let reached = cx.graph.reachable_stages();
    let Some(first) = cx.playbook.stages.iter().next() else { return };
    for stage in cx.playbook.stages.iter().skip(1) {
        if !reached.contains(stage.id.value.as_str()) {
            out.push(
                out.at(stage.id.span, format!("lifecycle stage `{}` cannot be reached from the first stage `{}`", stage.id.value, first.id.value))
                    .with_help("list it in the `next` of an earlier stage, or remove it")
                    .with_entity(Section::Lifecycle.entity(&stage.id.value)),
            );
        }
    }
}

const DOCS: &str = r##"## What it checks
Starting from the first stage in `lifecycle.stages` and following every stage's `next` (or, for a stage without `next`, the following stage in the list; a stage with an `outcome` has no implicit next stage), some stage is never reached. The diagnostic points at that stage's `id`.

## Why it matters
An unreachable stage is one no lead ever enters under the agreed process: the CRM gets a lifecycle status nobody is supposed to set, and every report shows it empty. Most often a `next` is missing: when `booked` (an outcome) is followed in the list by `lost`, nothing leads to `lost` unless an earlier stage names it.

## Example
```yaml
lifecycle:
  stages:
    - { id: inquiry, owner: marketing }
    - { id: booked, owner: sales, outcome: won }
    - { id: lost, owner: sales, outcome: lost }
```

## Fixed
```yaml
lifecycle:
  stages:
    - { id: inquiry, owner: marketing, next: [booked, lost] }
    - { id: booked, owner: sales, outcome: won }
    - { id: lost, owner: sales, outcome: lost }
```
"##;

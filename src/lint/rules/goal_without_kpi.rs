//! `goal-without-kpi`: a goal lists no KPI.
//!
//! The documentation at the bottom is what `smarketing explain goal-without-kpi` prints.

use crate::lint::prelude::*;

pub static RULE: LintRule = LintRule {
    rule: Rule {
        name: "goal-without-kpi",
        default: Severity::Error,
        structural: false,
        summary: "a goal lists no KPI",
        docs: DOCS,
    },
    reads: Reads {
        own: &[(Section::Goals, &["kpis"])],
        ..Reads::NOTHING
    },
    check: Some(check),
};

fn check(cx: &Context<'_>, out: &mut Findings) {
    for goal in &cx.playbook.goals {
        if goal.value.kpis.is_empty() {
            out.push(
                out.at(goal.id.span, format!("goal `{}` lists no KPI", goal.id.value))
                    .with_help("add `kpis: [<kpi>]`: how both teams will know the goal is met")
                    .with_entity(Section::Goals.entity(&goal.id.value)),
            );
        }
    }
}

const DOCS: &str = r##"## What it checks
A goal has no `kpis` list, or an empty one. The diagnostic points at the goal's id.

## Why it matters
Without a KPI nobody can tell whether a goal is on track until the year is over. "More group business" means more inquiries to marketing and more signed contracts to sales; one agreed number, such as group room nights or the lead-to-booking rate, stops each team from declaring success by its own measure.

## Example
```yaml
goals:
  group-business:
    title: More group and conference business in 2027
    owners: [marketing, sales]
```

## Fixed
```yaml
goals:
  group-business:
    title: More group and conference business in 2027
    owners: [marketing, sales]
    kpis: [group-room-nights, lead-to-booking-rate]
```
"##;

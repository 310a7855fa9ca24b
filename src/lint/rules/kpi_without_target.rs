//! `kpi-without-target`: a KPI has no target.
//!
//! The documentation at the bottom is what `smarketing explain kpi-without-target` prints.

use crate::lint::prelude::*;

pub static RULE: LintRule = LintRule {
    rule: Rule {
        name: "kpi-without-target",
        default: Severity::Warning,
        structural: false,
        summary: "a KPI has no target",
        docs: DOCS,
    },
    reads: Reads {
        own: &[(Section::Kpis, &["target"])],
        ..Reads::NOTHING
    },
    check: Some(check),
};

fn check(cx: &Context<'_>, out: &mut Findings) {
    for kpi in &cx.playbook.kpis {
        if kpi.value.target.is_none() {
            out.push(
                out.at(kpi.id.span, format!("KPI `{}` has no target", kpi.id.value))
                    .with_help("add a target such as `target: \">= 25\"`")
                    .with_entity(Section::Kpis.entity(&kpi.id.value)),
            );
        }
    }
}

const DOCS: &str = r##"## What it checks
A KPI has no `target`. The diagnostic points at the KPI's id.

## Why it matters
A number without a target can be read any way: a 22 % lead-to-booking rate is good news for marketing and bad news for sales until both have agreed that the bar is 25 %. The target is what turns the weekly review from a status report into a decision.

## Example
```yaml
kpis:
  lead-to-booking-rate:
    title: Share of qualified leads that book
    owner: ben
    unit: percent
    review: weekly
```

## Fixed
```yaml
kpis:
  lead-to-booking-rate:
    title: Share of qualified leads that book
    owner: ben
    unit: percent
    target: ">= 25"
    review: weekly
```
"##;

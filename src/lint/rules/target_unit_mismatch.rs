//! `target-unit-mismatch`: a KPI's target names a unit that contradicts the KPI's own.
//!
//! The documentation at the bottom is what `smarketing explain target-unit-mismatch` prints.

use crate::lint::prelude::*;

pub static RULE: LintRule = LintRule {
    rule: Rule {
        name: "target-unit-mismatch",
        default: Severity::Error,
        structural: false,
        summary: "a KPI's target is in a unit that contradicts the KPI's unit",
        docs: DOCS,
    },
    reads: Reads {
        own: &[(Section::Kpis, &["unit", "target"])],
        ..Reads::NOTHING
    },
    check: Some(check),
};

fn check(cx: &Context<'_>, out: &mut Findings) {
    for kpi in &cx.playbook.kpis {
        let (Some(unit), Some(target)) = (&kpi.value.unit, &kpi.value.target) else {
            continue;
        };
        let Some(target_unit) = &target.value.unit else { continue };
        if target_unit.contradicts(&unit.value) {
            out.push(
                out.at(
                    target.span,
                    format!(
                        "KPI `{}` counts in {}, but its target `{}` is in {}",
                        kpi.id.value, unit.value, target.value, target_unit
                    ),
                )
                .with_help(format!(
                    "write the target in {}, or change the KPI's `unit`",
                    unit.value
                ))
                .with_entity(Section::Kpis.entity(&kpi.id.value)),
            );
        }
    }
}

const DOCS: &str = r##"## What it checks
A KPI's `target` names a unit (`">= 1200 EUR"`, `">= 25 %"`, `"<= 15 minutes"`) that contradicts the KPI's `unit`: money against a percent, euros against Swiss francs, minutes against a count. Units of time agree with each other, and `currency` agrees with every currency code. A KPI without `unit` takes its target's, and a target without a unit is not checked. The diagnostic points at the target.

## Why it matters
A target is the bar both teams agreed on. When the KPI counts the share of inquiries that book and the target says 1200 EUR, one of them is wrong, and the weekly review compares a percentage against money: marketing reads the KPI as met while sales reads it as missed.

## Example
```yaml
kpis:
  lead-to-booking-rate:
    title: Share of qualified leads that book
    owner: ben
    unit: percent
    target: ">= 1200 EUR"
```

## Fixed
```yaml
kpis:
  lead-to-booking-rate:
    title: Share of qualified leads that book
    owner: ben
    unit: percent
    target: ">= 25 %"
```
"##;

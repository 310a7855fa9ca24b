//! `orphan-kpi`: a KPI serves no goal, task, campaign, stage or feedback loop.
//!
//! The documentation at the bottom is what `smarketing explain orphan-kpi` prints.

use crate::lint::prelude::*;
use crate::resolve::refs::Relation;

pub static RULE: LintRule = LintRule {
    rule: Rule {
        name: "orphan-kpi",
        default: Severity::Warning,
        structural: false,
        summary: "a KPI serves no goal, task, campaign, stage or feedback loop",
        docs: DOCS,
    },
    reads: Reads {
        incoming: &[
            (Section::Goals, &["kpis"]),
            (Section::Tasks, &["kpis"]),
            (Section::Campaigns, &["kpis"]),
            (Section::Lifecycle, &["kpis"]),
            (Section::FeedbackLoops, &["improves"]),
        ],
        ..Reads::NOTHING
    },
    check: Some(check),
};

fn check(cx: &Context<'_>, out: &mut Findings) {
    let uses = [Relation::Measures, Relation::Kpi, Relation::Improves];
    for kpi in &cx.playbook.kpis {
        if cx.graph.referrers(Section::Kpis, &kpi.id.value, &uses).is_empty() {
            out.push(
                out.at(kpi.id.span, format!("KPI `{}` is not used by any goal, task, campaign, stage or feedback loop", kpi.id.value))
                    .with_help("list it under a goal's `kpis`, or remove it")
                    .with_entity(Section::Kpis.entity(&kpi.id.value)),
            );
        }
    }
}

const DOCS: &str = r##"## What it checks
A KPI is listed in no goal's, task's, campaign's or lifecycle stage's `kpis` and in no feedback loop's `improves`. Being reviewed in a meeting does not count: a meeting looks at a number, it does not give it a purpose. The diagnostic points at the KPI's id.

## Why it matters
KPIs pile up: every campaign adds one, few are ever removed, and the weekly sync turns into a tour of dashboards. A KPI that no goal or piece of work refers to is either missing its link (which goal does the newsletter open rate serve?) or measures something nobody acts on and can be dropped.

## Example
```yaml
goals:
  repeat-guests:
    title: More returning guests book direct
    owners: [marketing, sales]
    kpis: [repeat-booking-rate]
kpis:
  repeat-booking-rate: { title: Share of guests who book again, owner: ben, target: ">= 20" }
  newsletter-open-rate: { title: Newsletter open rate, owner: anna, target: ">= 30" }
```

## Fixed
```yaml
goals:
  repeat-guests:
    title: More returning guests book direct
    owners: [marketing, sales]
    kpis: [repeat-booking-rate, newsletter-open-rate]
kpis:
  repeat-booking-rate: { title: Share of guests who book again, owner: ben, target: ">= 20" }
  newsletter-open-rate: { title: Newsletter open rate, owner: anna, target: ">= 30" }
```
"##;

//! `unreviewed-kpi`: no meeting reviews a KPI.
//!
//! The documentation at the bottom is what `smarketing explain unreviewed-kpi` prints.

use crate::lint::prelude::*;
use crate::resolve::refs::Relation;

pub static RULE: LintRule = LintRule {
    rule: Rule {
        name: "unreviewed-kpi",
        default: Severity::Warning,
        structural: false,
        summary: "no meeting reviews a KPI",
        docs: DOCS,
    },
    reads: Reads {
        incoming: &[(Section::Meetings, &["reviews"])],
        ..Reads::NOTHING
    },
    check: Some(check),
};

fn check(cx: &Context<'_>, out: &mut Findings) {
    for kpi in &cx.playbook.kpis {
        if cx.graph.referrers(Section::Kpis, &kpi.id.value, &[Relation::Reviews]).is_empty() {
            out.push(
                out.at(kpi.id.span, format!("no meeting reviews KPI `{}`", kpi.id.value))
                    .with_help("add it to the `reviews` list of a meeting")
                    .with_entity(Section::Kpis.entity(&kpi.id.value)),
            );
        }
    }
}

const DOCS: &str = r##"## What it checks
A KPI appears in no meeting's `reviews` list. The diagnostic points at the KPI's id.

## Why it matters
A KPI that is never looked at together is not shared. If the lead-to-booking rate only shows up in the sales team's CRM report, marketing learns at the end of the quarter that lead quality has dropped. Putting it on the agenda of a joint meeting makes both teams see the same number at the same time and decide together what to change.

## Example
```yaml
kpis:
  lead-to-booking-rate: { title: Share of qualified leads that book, owner: ben, target: ">= 25" }
meetings:
  weekly-sync:
    title: Weekly smarketing sync
    cadence: weekly
    owner: anna
    attendees: [marketing, sales]
```

## Fixed
```yaml
kpis:
  lead-to-booking-rate: { title: Share of qualified leads that book, owner: ben, target: ">= 25" }
meetings:
  weekly-sync:
    title: Weekly smarketing sync
    cadence: weekly
    owner: anna
    attendees: [marketing, sales]
    reviews: [lead-to-booking-rate]
```
"##;

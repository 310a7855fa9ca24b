//! `unowned-kpi`: a KPI has no owner.
//!
//! The documentation at the bottom is what `smarketing explain unowned-kpi` prints.

use crate::lint::prelude::*;

pub static RULE: LintRule = LintRule {
    rule: Rule {
        name: "unowned-kpi",
        default: Severity::Error,
        structural: false,
        summary: "a KPI has no owner",
        docs: DOCS,
    },
    reads: Reads {
        own: &[(Section::Kpis, &["owner"])],
        ..Reads::NOTHING
    },
    check: Some(check),
};

fn check(cx: &Context<'_>, out: &mut Findings) {
    for kpi in &cx.playbook.kpis {
        if kpi.value.owner.is_none() {
            out.push(
                out.at(kpi.id.span, format!("KPI `{}` has no owner", kpi.id.value))
                    .with_help("add `owner: <person or team>`: who answers for the number")
                    .with_entity(Section::Kpis.entity(&kpi.id.value)),
            );
        }
    }
}

const DOCS: &str = r##"## What it checks
A KPI has no `owner`. The diagnostic points at the KPI's id.

## Why it matters
Someone has to pull the number, explain it in the meeting and act when it moves. A lead-to-booking rate without an owner is the number marketing blames on sales and sales blames on marketing; with an owner it becomes a weekly conversation one person prepares for.

## Example
```yaml
kpis:
  lead-to-booking-rate:
    title: Share of qualified leads that book
    target: ">= 25"
    review: weekly
```

## Fixed
```yaml
kpis:
  lead-to-booking-rate:
    title: Share of qualified leads that book
    owner: ben
    target: ">= 25"
    review: weekly
```
"##;

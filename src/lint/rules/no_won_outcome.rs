//! `no-won-outcome`: the lifecycle has no won stage.
//!
//! The documentation at the bottom is what `smarketing explain no-won-outcome` prints.

use crate::lint::prelude::*;
use crate::model::values::Outcome;

pub static RULE: LintRule = LintRule {
    rule: Rule {
        name: "no-won-outcome",
        default: Severity::Warning,
        structural: false,
        summary: "the lifecycle has no won stage",
        docs: DOCS,
    },
    reads: Reads {
        whole: &[(Section::Lifecycle, &["outcome"])],
        ..Reads::NOTHING
    },
    check: Some(check),
};

fn check(cx: &Context<'_>, out: &mut Findings) {
    if cx.playbook.stages.is_empty() {
        return;
    }
    let won = cx.playbook.stages.iter().any(|stage| stage.value.outcome.as_ref().is_some_and(|o| o.value == Outcome::Won));
    if !won {
        let span = cx.playbook.lifecycle.unwrap_or_else(|| playbook_span(cx));
        out.push(
            out.at(span, "the lifecycle has no stage with `outcome: won`")
                .with_help("mark the stage where a lead becomes a customer or a booking with `outcome: won`"),
        );
    }
}

const DOCS: &str = r##"## What it checks
`lifecycle.stages` has no stage with `outcome: won`. The rule fires once and points at the `lifecycle` key; a playbook without lifecycle stages is not checked. Pipeline stages do not count.

## Why it matters
The won stage is where the work of marketing and sales meets revenue: it maps to the CRM's customer stage and is what conversion and attribution KPIs count. A lifecycle that ends only in `lost`, or in open stages, cannot report a lead-to-booking rate, and the handoff process has no agreed finish line.

## Example
```yaml
lifecycle:
  stages:
    - { id: inquiry, owner: marketing }
    - { id: sql, owner: sales, next: [lost] }
    - { id: lost, owner: sales, outcome: lost }
```

## Fixed
```yaml
lifecycle:
  stages:
    - { id: inquiry, owner: marketing }
    - { id: sql, owner: sales, next: [booked, lost] }
    - { id: booked, owner: sales, crm: customer, outcome: won }
    - { id: lost, owner: sales, outcome: lost }
```
"##;

//! `unowned-meeting`: a meeting has no owner.
//!
//! The documentation at the bottom is what `smarketing explain unowned-meeting` prints.

use crate::lint::prelude::*;

pub static RULE: LintRule = LintRule {
    rule: Rule {
        name: "unowned-meeting",
        default: Severity::Warning,
        structural: false,
        summary: "a meeting has no owner",
        docs: DOCS,
    },
    reads: Reads {
        own: &[(Section::Meetings, &["owner"])],
        ..Reads::NOTHING
    },
    check: Some(check),
};

fn check(cx: &Context<'_>, out: &mut Findings) {
    for meeting in &cx.playbook.meetings {
        if meeting.value.owner.is_none() {
            out.push(
                out.at(meeting.id.span, format!("meeting `{}` has no owner", meeting.id.value))
                    .with_help("add `owner: <person>`: who calls the meeting and keeps its agenda")
                    .with_entity(Section::Meetings.entity(&meeting.id.value)),
            );
        }
    }
}

const DOCS: &str = r##"## What it checks
A meeting has no `owner`. The diagnostic points at the meeting's id.

## Why it matters
A recurring meeting without an owner drifts: no agenda, no minutes, nobody to cancel it once it has lost its purpose. The owner of the weekly smarketing sync prepares the KPI review and makes sure the reasons sales gives for rejected leads actually reach marketing.

## Example
```yaml
meetings:
  weekly-sync:
    title: Weekly smarketing sync
    cadence: weekly
    attendees: [marketing, sales]
    reviews: [lead-to-booking-rate]
```

## Fixed
```yaml
meetings:
  weekly-sync:
    title: Weekly smarketing sync
    cadence: weekly
    owner: anna
    attendees: [marketing, sales]
    reviews: [lead-to-booking-rate]
```
"##;

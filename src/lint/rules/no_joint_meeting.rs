//! `no-joint-meeting`: two teams share a goal but no meeting brings them together.
//!
//! The documentation at the bottom is what `smarketing explain no-joint-meeting` prints.

use crate::lint::prelude::*;
use std::collections::BTreeSet;

pub static RULE: LintRule = LintRule {
    rule: Rule {
        name: "no-joint-meeting",
        default: Severity::Warning,
        structural: false,
        summary: "two teams share a goal but no meeting brings them together",
        docs: DOCS,
    },
    reads: Reads {
        whole: &[
            (Section::Goals, &["owners"]),
            (Section::Meetings, &["attendees"]),
            (Section::People, &["team"]),
        ],
        ..Reads::NOTHING
    },
    check: Some(check),
};

fn check(cx: &Context<'_>, out: &mut Findings) {
    let meetings: Vec<BTreeSet<&str>> = cx
        .playbook
        .meetings
        .iter()
        .map(|meeting| cx.graph.teams_of(meeting.value.attendees.iter().map(|a| a.value.as_str())))
        .collect();
    let mut reported = BTreeSet::new();
    for goal in &cx.playbook.goals {
        let teams: Vec<&str> = cx
            .graph
            .teams_of(goal.value.owners.iter().map(|o| o.value.as_str()))
            .into_iter()
            .filter(|team| cx.playbook.teams.contains(team))
            .collect();
        for (i, a) in teams.iter().enumerate() {
            for b in &teams[i + 1..] {
                let meet = meetings.iter().any(|attending| attending.contains(a) && attending.contains(b));
                if !meet && reported.insert((*a, *b)) {
                    out.push(
                        out.at(goal.id.span, format!("teams `{a}` and `{b}` share goal `{}` but no meeting has both as attendees", goal.id.value))
                            .with_help(format!("add a meeting with `attendees: [{a}, {b}]`, or add the missing team to an existing one"))
                            .with_entity(Section::Goals.entity(&goal.id.value)),
                    );
                }
            }
        }
    }
}

const DOCS: &str = r##"## What it checks
For each goal, every pair of teams among its `owners` must attend at least one common meeting: some meeting must have both among its `attendees`, where a team counts as attending when the team itself or one of its people is listed. The diagnostic points at the goal's id, once for each pair of teams that never meet.

## Why it matters
A shared goal needs a shared place to steer it. When marketing reviews the wedding campaign on Monday and sales reviews the wedding pipeline on Thursday, nobody notices that the campaign fills the funnel with inquiries for dates the hotel is already fully booked. One meeting with both teams in the room is where the goal actually becomes shared.

## Example
```yaml
goals:
  direct-revenue: { title: Grow direct booking revenue, owners: [marketing, sales], kpis: [direct-revenue-share] }
meetings:
  marketing-weekly: { title: Marketing weekly, cadence: weekly, owner: anna, attendees: [marketing] }
  sales-weekly: { title: Sales weekly, cadence: weekly, owner: ben, attendees: [sales] }
```

## Fixed
```yaml
goals:
  direct-revenue: { title: Grow direct booking revenue, owners: [marketing, sales], kpis: [direct-revenue-share] }
meetings:
  marketing-weekly: { title: Marketing weekly, cadence: weekly, owner: anna, attendees: [marketing] }
  sales-weekly: { title: Sales weekly, cadence: weekly, owner: ben, attendees: [sales] }
  weekly-sync: { title: Weekly smarketing sync, cadence: weekly, owner: anna, attendees: [marketing, ben] }
```
"##;

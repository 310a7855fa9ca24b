//! `isolated-team`: a team attends no meeting.
//!
//! The documentation at the bottom is what `smarketing explain isolated-team` prints.

use crate::lint::prelude::*;

pub static RULE: LintRule = LintRule {
    rule: Rule {
        name: "isolated-team",
        default: Severity::Warning,
        structural: false,
        summary: "a team attends no meeting",
        docs: DOCS,
    },
    reads: Reads {
        incoming: &[(Section::Meetings, &["attendees"]), (Section::People, &["team"])],
        ..Reads::NOTHING
    },
    check: Some(check),
};

fn check(cx: &Context<'_>, out: &mut Findings) {
    let attending: std::collections::BTreeSet<&str> = cx
        .playbook
        .meetings
        .iter()
        .flat_map(|meeting| cx.graph.teams_of(meeting.value.attendees.iter().map(|a| a.value.as_str())))
        .collect();
    for team in &cx.playbook.teams {
        if !attending.contains(team.id.value.as_str()) {
            out.push(
                out.at(team.id.span, format!("team `{}` attends no meeting", team.id.value))
                    .with_help(format!("add `{}` to the `attendees` of a meeting", team.id.value))
                    .with_entity(Section::Teams.entity(&team.id.value)),
            );
        }
    }
}

const DOCS: &str = r##"## What it checks
A team is among no meeting's `attendees`: neither the team itself nor any of its people (a person belongs to the team named in their `team`) is listed. The diagnostic points at the team's id under `teams`.

## Why it matters
A team that attends no meeting learns about the other teams' plans from the CRM, or not at all. If the events team never sits down with marketing, the autumn campaign promotes a weekend on which the ballroom is already blocked for a conference. Every team should be in at least one recurring meeting where the shared goals and KPIs are discussed.

## Example
```yaml
teams:
  marketing: { name: Marketing, lead: anna }
  events: { name: Sales & Events, lead: ben }
people:
  anna: { name: Anna Berger, team: marketing }
  ben: { name: Ben Huber, team: events }
meetings:
  marketing-weekly: { title: Marketing weekly, cadence: weekly, owner: anna, attendees: [marketing] }
```

## Fixed
```yaml
teams:
  marketing: { name: Marketing, lead: anna }
  events: { name: Sales & Events, lead: ben }
people:
  anna: { name: Anna Berger, team: marketing }
  ben: { name: Ben Huber, team: events }
meetings:
  marketing-weekly: { title: Marketing weekly, cadence: weekly, owner: anna, attendees: [marketing] }
  weekly-sync: { title: Weekly smarketing sync, cadence: weekly, owner: anna, attendees: [marketing, events] }
```
"##;

//! `accountable-is-team`: a task's accountable party is a team, not a person.
//!
//! The documentation at the bottom is what `smarketing explain accountable-is-team` prints.

use crate::lint::prelude::*;

pub static RULE: LintRule = LintRule {
    rule: Rule {
        name: "accountable-is-team",
        default: Severity::Info,
        structural: false,
        summary: "a task's accountable party is a team, not a person",
        docs: DOCS,
    },
    reads: Reads {
        own: &[(Section::Tasks, &["accountable"])],
        ..Reads::NOTHING
    },
    check: Some(check),
};

fn check(cx: &Context<'_>, out: &mut Findings) {
    for task in &cx.playbook.tasks {
        let Some(accountable) = &task.value.accountable else { continue };
        for party in &accountable.value.0 {
            let Some(team) = cx.playbook.teams.get(&party.value) else { continue };
            let help = match &team.value.lead {
                Some(lead) => format!("name a person, such as the team lead `{}`", lead.value),
                None => "name the one person in the team who answers for it".to_owned(),
            };
            out.push(
                out.at(party.span, format!("task `{}` is accountable to team `{}`, not to a person", task.id.value, party.value))
                    .with_help(help)
                    .with_entity(Section::Tasks.entity(&task.id.value)),
            );
        }
    }
}

const DOCS: &str = r##"## What it checks
A task's `accountable` names a team rather than a person. The diagnostic points at the `accountable` value. The rule is `info` by default: a team is a valid party, but as the accountable one it usually stands in for a name nobody has written down yet.

## Why it matters
"Marketing is accountable" means nobody in marketing in particular. When the follow-up of event inquiries slips, the Director of Sales needs one person to talk to, not a department. Naming the person, often the team's lead, makes the RACI table and the onboarding documents say who actually answers for the result.

## Example
```yaml
tasks:
  event-landing-page:
    title: Landing page for conference inquiries
    accountable: marketing
    responsible: [marketing]
```

## Fixed
```yaml
tasks:
  event-landing-page:
    title: Landing page for conference inquiries
    accountable: anna
    responsible: [marketing]
```
"##;

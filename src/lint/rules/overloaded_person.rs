//! `overloaded-person`: a person is accountable for too many tasks.
//!
//! The documentation at the bottom is what `smarketing explain overloaded-person` prints.

use crate::lint::prelude::*;

pub static RULE: LintRule = LintRule {
    rule: Rule {
        name: "overloaded-person",
        default: Severity::Warning,
        structural: false,
        summary: "a person is accountable for too many tasks",
        docs: DOCS,
    },
    reads: Reads {
        incoming: &[(Section::Tasks, &["accountable"])],
        lint: true,
        ..Reads::NOTHING
    },
    check: Some(check),
};

/// Used when `lint.settings.max-accountable` is not set.
pub const DEFAULT_MAX_ACCOUNTABLE: u32 = 10;

fn check(cx: &Context<'_>, out: &mut Findings) {
    let limit = cx
        .playbook
        .lint
        .settings
        .max_accountable
        .as_ref()
        .map_or(DEFAULT_MAX_ACCOUNTABLE, |limit| limit.value);
    let mut counts: std::collections::HashMap<&str, u32> = std::collections::HashMap::new();
    for task in &cx.playbook.tasks {
        if let Some(accountable) = &task.value.accountable {
            for party in &accountable.value.0 {
                *counts.entry(party.value.as_str()).or_default() += 1;
            }
        }
    }
    for person in &cx.playbook.people {
        let count = counts.get(person.id.value.as_str()).copied().unwrap_or(0);
        if count > limit {
            out.push(
                out.at(person.id.span, format!(
                    "person `{}` is accountable for {count} {}, more than {limit}",
                    person.id.value,
                    if count == 1 { "task" } else { "tasks" },
                ))
                    .with_help("share the accountability with others, or raise `lint.settings.max-accountable`")
                    .with_entity(Section::People.entity(&person.id.value)),
            );
        }
    }
}

const DOCS: &str = r##"## What it checks
A person is the `accountable` party of more tasks than `lint.settings.max-accountable` allows (default 10). Only tasks that name the person directly count; tasks accountable to their team do not. The diagnostic points at the person's id under `people`. Raise or lower the threshold with `lint: { settings: { max-accountable: N } }`.

## Why it matters
When the Head of Marketing is accountable for twenty tasks, most of them are unowned in practice: reviews slip, and the tasks that serve sales (event brochures, follow-up of fair leads) are the first to wait. The count shows where accountability should be handed to someone else, often a colleague who is already responsible for the work.

## Example
```yaml
lint:
  settings:
    max-accountable: 2
tasks:
  kickoff: { title: Joint kick-off day, accountable: anna, responsible: [anna, ben] }
  wedding-brochure: { title: Wedding brochure 2027, accountable: anna, responsible: [anna] }
  trade-fair: { title: Stand at the wedding fair, accountable: anna, responsible: [anna, ben] }
```

## Fixed
```yaml
lint:
  settings:
    max-accountable: 2
tasks:
  kickoff: { title: Joint kick-off day, accountable: anna, responsible: [anna, ben] }
  wedding-brochure: { title: Wedding brochure 2027, accountable: anna, responsible: [anna] }
  trade-fair: { title: Stand at the wedding fair, accountable: ben, responsible: [anna, ben] }
```
"##;

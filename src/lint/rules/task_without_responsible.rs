//! `task-without-responsible`: a task names nobody responsible for doing the work.
//!
//! The documentation at the bottom is what `smarketing explain task-without-responsible` prints.

use crate::lint::prelude::*;

pub static RULE: LintRule = LintRule {
    rule: Rule {
        name: "task-without-responsible",
        default: Severity::Warning,
        structural: false,
        summary: "a task names nobody responsible for doing the work",
        docs: DOCS,
    },
    reads: Reads {
        own: &[(Section::Tasks, &["responsible"])],
        ..Reads::NOTHING
    },
    check: Some(check),
};

fn check(cx: &Context<'_>, out: &mut Findings) {
    for task in &cx.playbook.tasks {
        if task.value.responsible.is_empty() {
            out.push(
                out.at(task.id.span, format!("task `{}` has no responsible party", task.id.value))
                    .with_help("add `responsible: [<person or team>]`: who does the work")
                    .with_entity(Section::Tasks.entity(&task.id.value)),
            );
        }
    }
}

const DOCS: &str = r##"## What it checks
A task has no `responsible` list, or an empty one. The diagnostic points at the task's id. An `accountable` party alone does not count: answering for a task is not the same as doing it.

## Why it matters
The accountable party signs off; the responsible ones do the work. "Follow up every trade-fair lead within 48 hours" with only the Director of Sales as accountable usually means the calls are assumed to happen somewhere, and the leads go cold while sales and marketing each wait for the other. Naming who does the work also puts the task on that team's checklist and that person's onboarding page.

## Example
```yaml
tasks:
  trade-fair-follow-up:
    title: Follow up every trade-fair lead within 48 hours
    accountable: ben
```

## Fixed
```yaml
tasks:
  trade-fair-follow-up:
    title: Follow up every trade-fair lead within 48 hours
    accountable: ben
    responsible: [sales]
    informed: [anna]
```
"##;

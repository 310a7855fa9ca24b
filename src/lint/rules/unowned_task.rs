//! `unowned-task`: a task has no accountable party.
//!
//! The documentation at the bottom is what `smarketing explain unowned-task` prints.

use crate::lint::prelude::*;

pub static RULE: LintRule = LintRule {
    rule: Rule {
        name: "unowned-task",
        default: Severity::Error,
        structural: false,
        summary: "a task has no accountable party",
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
        let named = task.value.accountable.as_ref().is_some_and(|a| !a.value.0.is_empty());
        if !named {
            out.push(
                out.at(task.id.span, format!("task `{}` has no accountable party", task.id.value))
                    .with_help("add `accountable: <person>`: the one person who answers for the task")
                    .with_entity(Section::Tasks.entity(&task.id.value)),
            );
        }
    }
}

const DOCS: &str = r##"## What it checks
A task has no `accountable` key, or an empty one. The diagnostic points at the task's id.

## Why it matters
In RACI the accountable party is the one who answers for the result and says when the task is done. A task both teams agreed on in the joint meeting, such as "put the new wedding package on the website", is the classic gap between sales and marketing when nobody is accountable for it: each team assumes the other has it. One name turns an intention into a commitment and puts the task on that person's onboarding page.

## Example
```yaml
tasks:
  wedding-package-online:
    title: Publish the 2027 wedding package on the website
    responsible: [anna]
```

## Fixed
```yaml
tasks:
  wedding-package-online:
    title: Publish the 2027 wedding package on the website
    accountable: anna
    responsible: [anna]
```
"##;

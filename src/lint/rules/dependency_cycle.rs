//! `dependency-cycle`: tasks depend on each other in a loop.
//!
//! The documentation at the bottom is what `smarketing explain dependency-cycle` prints.

use crate::lint::prelude::*;

pub static RULE: LintRule = LintRule {
    rule: Rule {
        name: "dependency-cycle",
        default: Severity::Error,
        structural: false,
        summary: "tasks depend on each other in a loop",
        docs: DOCS,
    },
    reads: Reads::NOTHING,
    check: Some(check),
};

fn check(cx: &Context<'_>, out: &mut Findings) {
    for cycle in cx.graph.task_cycles() {
        let first = cycle.tasks[0];
        let mut finding = out
            .at(cycle.spans[0], format!("tasks depend on each other in a loop: {}", cycle.tasks.join(" -> ")))
            .with_label(format!("`{first}` depends on `{}`", cycle.tasks[1]))
            .with_help("remove one `depends_on` entry of the loop so the tasks can be done in order")
            .with_entity(Section::Tasks.entity(first));
        for (index, span) in cycle.spans.iter().enumerate().skip(1) {
            finding.related.push(Label::new(*span, format!("`{}` depends on `{}`", cycle.tasks[index], cycle.tasks[index + 1])));
        }
        out.push(finding);
    }
}

const DOCS: &str = r##"## What it checks
Following the tasks' `depends_on` lists leads from a task back to itself. Each loop is reported once; the message prints it as `a -> b -> a`, where `a -> b` means `a` depends on `b`, starting from the task of the loop that comes first in the file, so the message is the same on every run. The diagnostic points at that first task's `depends_on` entry that starts the loop.

## Why it matters
A loop means nobody can start: marketing waits for the approved budget to plan the campaign, and sales waits for the campaign plan to approve the budget. The team checklists are ordered by dependency, and a loop makes that order impossible; the loop printed in the message shows which link to break.

## Example
```yaml
tasks:
  plan-campaign:
    title: Plan the wedding campaign
    accountable: anna
    responsible: [anna]
    depends_on: [approve-budget]
  approve-budget:
    title: Approve the campaign budget
    accountable: ben
    responsible: [ben]
    depends_on: [plan-campaign]
```

## Fixed
```yaml
tasks:
  plan-campaign:
    title: Plan the wedding campaign
    accountable: anna
    responsible: [anna]
    depends_on: [approve-budget]
  approve-budget:
    title: Approve the campaign budget
    accountable: ben
    responsible: [ben]
```
"##;

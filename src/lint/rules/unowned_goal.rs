//! `unowned-goal`: a goal has no owners.
//!
//! The documentation at the bottom is what `smarketing explain unowned-goal` prints.

use crate::lint::prelude::*;

pub static RULE: LintRule = LintRule {
    rule: Rule {
        name: "unowned-goal",
        default: Severity::Error,
        structural: false,
        summary: "a goal has no owners",
        docs: DOCS,
    },
    reads: Reads {
        own: &[(Section::Goals, &["owners"])],
        ..Reads::NOTHING
    },
    check: Some(check),
};

fn check(cx: &Context<'_>, out: &mut Findings) {
    for goal in &cx.playbook.goals {
        if goal.value.owners.is_empty() {
            out.push(
                out.at(goal.id.span, format!("goal `{}` has no owners", goal.id.value))
                    .with_help("add `owners: [<team>, <team>]`; a goal owned by both teams is a shared goal")
                    .with_entity(Section::Goals.entity(&goal.id.value)),
            );
        }
    }
}

const DOCS: &str = r##"## What it checks
A goal has no `owners` list, or an empty one. The diagnostic points at the goal's id.

## Why it matters
A goal without owners is a wish. Goals are where smarketing starts: "grow direct booking revenue by 15 %" should be owned by sales and marketing together, so that neither team can hit its own numbers while the common one is missed. The owners also tell the other checks (`no-shared-goal`, `no-joint-meeting`) which teams have to work together on it.

## Example
```yaml
goals:
  direct-revenue:
    title: Grow direct booking revenue by 15 % in 2027
    kpis: [direct-revenue-share]
```

## Fixed
```yaml
goals:
  direct-revenue:
    title: Grow direct booking revenue by 15 % in 2027
    owners: [marketing, sales]
    kpis: [direct-revenue-share]
```
"##;

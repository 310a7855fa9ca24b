//! `no-shared-goal`: no goal is shared by two teams.
//!
//! The documentation at the bottom is what `smarketing explain no-shared-goal` prints.

use crate::lint::prelude::*;

pub static RULE: LintRule = LintRule {
    rule: Rule {
        name: "no-shared-goal",
        default: Severity::Warning,
        structural: false,
        summary: "no goal is shared by two teams",
        docs: DOCS,
    },
    reads: Reads {
        whole: &[(Section::Goals, &["owners"]), (Section::People, &["team"])],
        ..Reads::NOTHING
    },
    check: Some(check),
};

fn check(cx: &Context<'_>, out: &mut Findings) {
    let shared = cx.playbook.goals.iter().any(|goal| {
        cx.graph.teams_of(goal.value.owners.iter().map(|o| o.value.as_str())).len() >= 2
    });
    if !shared {
        let span = cx.playbook.goals.iter().next().map_or_else(|| playbook_span(cx), |goal| goal.id.span);
        out.push(
            out.at(span, "no goal is owned by two teams or more")
                .with_help("give at least one goal `owners: [<team>, <team>]`: shared goals are what make sales and marketing one team"),
        );
    }
}

const DOCS: &str = r##"## What it checks
No goal in the playbook (with its includes) names two or more teams among its `owners`; a playbook without any goal fires too. The rule fires at most once per playbook and points at the first goal's id, or at the `playbook` id when there is no goal.

## Why it matters
Smarketing starts with one set of goals. If marketing is measured on the number of MQLs and sales on closed revenue, marketing wins by sending more leads and sales by ignoring the weak ones, and the hotel gets neither. A goal both teams own, such as direct booking revenue or pipeline created, is what makes joint meetings and feedback loops worth having.

## Example
```yaml
goals:
  more-mqls: { title: 400 marketing-qualified leads in 2027, owners: [marketing], kpis: [mql-count] }
  group-revenue: { title: 1.2 M group revenue in 2027, owners: [sales], kpis: [group-revenue] }
```

## Fixed
```yaml
goals:
  group-revenue:
    title: 1.2 M group revenue in 2027
    owners: [marketing, sales]
    kpis: [group-revenue, mql-count]
```
"##;

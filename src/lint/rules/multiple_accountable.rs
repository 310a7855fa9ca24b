//! `multiple-accountable`: a task names more than one accountable party.
//!
//! The documentation at the bottom is what `smarketing explain multiple-accountable` prints.

use crate::lint::prelude::*;

pub static RULE: LintRule = LintRule {
    rule: Rule {
        name: "multiple-accountable",
        default: Severity::Error,
        structural: false,
        summary: "a task names more than one accountable party",
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
        // A name written twice is still one party.
        let mut parties: Vec<&crate::model::entities::Ref> = Vec::new();
        for party in &accountable.value.0 {
            if !parties.iter().any(|p| p.value == party.value) {
                parties.push(party);
            }
        }
        if parties.len() < 2 {
            continue;
        }
        let names: Vec<String> = parties.iter().map(|p| format!("`{}`", p.value)).collect();
        let mut finding = out
            .at(parties[1].span, format!("task `{}` has {} accountable parties: {}", task.id.value, parties.len(), names.join(", ")))
            .with_label("a second accountable party")
            .with_help(format!("keep one accountable (`{}`?) and move the others to `responsible`", parties[0].value))
            .with_entity(Section::Tasks.entity(&task.id.value));
        finding.related.push(Label::new(parties[0].span, "first accountable party"));
        out.push(finding);
    }
}

const DOCS: &str = r##"## What it checks
A task's `accountable` is a list of two or more parties. The diagnostic points at the `accountable` value. Several parties who do the work belong in `responsible`.

## Why it matters
Two accountable people means neither is: when the conference brochure is late, the Head of Marketing and the Director of Sales each assume the other signed it off. RACI allows any number of responsible, consulted and informed parties but exactly one accountable, so that decisions and escalations have one address.

## Example
```yaml
tasks:
  conference-brochure:
    title: Conference brochure with the 2027 day-delegate rates
    accountable: [anna, ben]
    responsible: [anna]
```

## Fixed
```yaml
tasks:
  conference-brochure:
    title: Conference brochure with the 2027 day-delegate rates
    accountable: ben
    responsible: [anna]
```
"##;

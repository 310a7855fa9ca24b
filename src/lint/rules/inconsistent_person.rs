//! `inconsistent-person`: one person defined differently in two playbooks of a workspace.
//!
//! Compared across playbooks by [`crate::lint::workspace`]; this file says what is compared.
//! The documentation at the bottom is what `smarketing explain inconsistent-person` prints.

use crate::lint::prelude::*;
use crate::lint::workspace::Definition;
use crate::model::Playbook;

pub static RULE: LintRule = LintRule {
    rule: Rule {
        name: "inconsistent-person",
        default: Severity::Warning,
        structural: false,
        summary: "a person has a different name, email or team in two playbooks of the workspace",
        docs: DOCS,
    },
    reads: Reads::NOTHING,
    check: None,
};

/// The people of `playbook` with what must agree across the workspace.
pub fn definitions(playbook: &Playbook) -> Vec<Definition> {
    playbook
        .people
        .iter()
        .map(|person| {
            Definition::new(&person.id.value, person.id.span)
                .with("name", Some(&person.value.name.value))
                .with("email", person.value.email.as_ref().map(|email| &email.value))
                .with("team", person.value.team.as_ref().map(|team| &team.value))
        })
        .collect()
}

const DOCS: &str = r##"## What it checks
Two playbooks of one workspace (a folder with `smarketing.toml`, checked in one run) define the same person id with a different `name`, `email` or `team`. The diagnostic points at the later definition, in the order the playbooks are checked, and names the first one as related information. A person defined once in a shared file that both playbooks include is one definition.

## Why it matters
In a hotel group the same people work for several houses: the group's head of marketing, the regional sales director. When each house keeps its own copy, the copies drift: `anna` is "Anna Berger, marketing" in one house and "Anna Berger-Huber, sales" in the next. Onboarding pages then send new colleagues to the wrong team, and the shared CRM gets two owners for one person. One definition in the group's people directory keeps every house right.

## Example
```yaml
# houses/seeblick/playbook.yaml
people:
  anna: { name: Anna Berger, team: marketing }
# houses/bergblick/playbook.yaml
people:
  anna: { name: Anna Berger-Huber, team: sales }
```

## Fixed
```yaml
# group/people.yaml
people:
  anna: { name: Anna Berger-Huber, team: marketing }
# houses/seeblick/playbook.yaml
include: [../../group/people.yaml]
# houses/bergblick/playbook.yaml
include: [../../group/people.yaml]
```
"##;

//! `no-contacts`: the playbook names no contact person for any topic.
//!
//! The documentation at the bottom is what `smarketing explain no-contacts` prints.

use crate::lint::prelude::*;

pub static RULE: LintRule = LintRule {
    rule: Rule {
        name: "no-contacts",
        default: Severity::Info,
        structural: false,
        summary: "the playbook names no contact person for any topic",
        docs: DOCS,
    },
    reads: Reads {
        whole: &[(Section::Contacts, &["*"])],
        ..Reads::NOTHING
    },
    check: Some(check),
};

fn check(cx: &Context<'_>, out: &mut Findings) {
    if cx.playbook.contacts.is_empty() {
        out.push(
            out.at(playbook_span(cx), "the playbook names no contact person for any topic")
                .with_help("add `contacts:` with a person per topic, like `lead-quality: ben`"),
        );
    }
}

const DOCS: &str = r##"## What it checks
The playbook, with its includes, has no `contacts` section or an empty one, so no topic has a named party to ask. The rule is `info` by default, fires once per playbook and points at the `playbook` id.

## Why it matters
New colleagues, and the other team, need to know whom to ask: who decides on group rates, who signs off a campaign, who answers for lead quality. A short list of contacts per topic saves the round of "who do I ask about this?" through both departments, and it goes straight into every onboarding document.

## Example
```yaml
version: 1
playbook: seeblick
people:
  anna: { name: Anna Berger, team: marketing, role: Head of Marketing }
  ben: { name: Ben Huber, team: sales, role: Director of Sales }
```

## Fixed
```yaml
version: 1
playbook: seeblick
people:
  anna: { name: Anna Berger, team: marketing, role: Head of Marketing }
  ben: { name: Ben Huber, team: sales, role: Director of Sales }
contacts:
  group-rates: ben
  lead-quality: ben
  campaigns: anna
```
"##;

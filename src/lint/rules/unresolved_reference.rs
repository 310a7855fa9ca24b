//! `unresolved-reference`: a reference names nothing that is defined.
//!
//! The documentation at the bottom is what `smarketing explain unresolved-reference` prints.

use crate::lint::prelude::*;

pub const RULE: Rule = Rule {
    name: "unresolved-reference",
    default: Severity::Error,
    structural: true,
    reads: &[],
    summary: "a reference names nothing that is defined",
    docs: DOCS,
    check: None,
};

const DOCS: &str = r##"## What it checks
A value that refers to another entity names an id that the playbook and its includes do not define in that namespace: a party (`owner`, `owners`, `accountable`, `responsible`, `consulted`, `informed`, `attendees`, `captured_by`, `from`, `to`, a contact), a team (`team`), a person (`lead`), a KPI (`kpis`, `reviews`, `improves`), a task (`depends_on`), a goal (`goal`), a stage (`next`, `rejected_to`), a channel (`channel`) or a meeting or channel (`via`). The diagnostic points at the reference and suggests the nearest known id in `help`. An unknown `field` in a structured criterion is reported by `invalid-criterion` instead.

## Why it matters
A typo in a name quietly breaks the agreement: a task accountable to `ana` is accountable to nobody, and a meeting that reviews `lead-to-booking` instead of `lead-to-booking-rate` leaves the real KPI unreviewed. Catching it in the pull request, with the likely intended name, keeps the RACI tables and checklists pointing at real people.

## Example
```yaml
people:
  anna: { name: Anna Berger, team: marketing }
tasks:
  kickoff:
    title: Joint kick-off day
    accountable: ana
    responsible: [anna]
```

## Fixed
```yaml
people:
  anna: { name: Anna Berger, team: marketing }
tasks:
  kickoff:
    title: Joint kick-off day
    accountable: anna
    responsible: [anna]
```
"##;

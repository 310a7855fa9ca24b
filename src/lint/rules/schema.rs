//! `schema`: a key, type or value does not match the playbook language.
//!
//! The documentation at the bottom is what `smarketing explain schema` prints.

use crate::lint::prelude::*;

pub const RULE: Rule = Rule {
    name: "schema",
    default: Severity::Error,
    structural: true,
    reads: &[],
    summary: "a key, type or value does not match the playbook language",
    docs: DOCS,
    check: None,
};

const DOCS: &str = r##"## What it checks
Every key and value is checked against the playbook language (`docs/language.md`, `schemas/playbook.schema.json`): an unknown key (with a did-you-mean when a known key is close, such as `acountable` for `accountable`), a value of the wrong type (`due: next-week` where a date `YYYY-MM-DD` is expected), a value out of range or not among the allowed choices (`probability: 1.5`, `cadence: fortnightly`), a missing required key (a task without `title`), and an id that is not a kebab-case slug (`Weekly_Sync`; field ids follow `^[a-z][a-z0-9_]*$` instead). The diagnostic points at the offending key or value; for a missing key, at the id of the entity that lacks it.

## Why it matters
A misspelt key is silently meaningless: a task with `acountable: anna` has no accountable party at all, and nobody notices until the task is late. Ids become file names, CRM property names and rows in the RACI table, so they have to be stable slugs both teams can refer to. Strict checking keeps sales and marketing arguing about the content of their agreement, not about what the YAML was meant to say.

## Example
```yaml
tasks:
  Weekly_Sync:
    acountable: anna
    due: next-week
```

## Fixed
```yaml
tasks:
  weekly-sync:
    title: Set up the weekly smarketing sync
    accountable: anna
    due: 2027-01-31
```
"##;

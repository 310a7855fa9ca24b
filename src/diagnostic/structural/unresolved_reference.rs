//! `unresolved-reference`: a reference names nothing that is defined.
//!
//! The documentation at the bottom is what `smarketing explain unresolved-reference` prints.

use crate::base::span::Span;
use crate::diagnostic::{Diagnostic, Rule, Severity};

pub static RULE: Rule = Rule {
    name: "unresolved-reference",
    default: Severity::Error,
    structural: true,
    summary: "a reference names nothing that is defined",
    docs: DOCS,
};

/// `from_kind` `from_id` names `name` in `key`, but no `expected` of that name exists.
pub fn unknown(
    from_kind: &str,
    from_id: &str,
    expected: &str,
    name: &str,
    key: &str,
    span: Span,
) -> Diagnostic {
    Diagnostic::new(
        &RULE,
        format!("{from_kind} `{from_id}` names unknown {expected} `{name}` in `{key}`"),
        span,
    )
}

/// Why the name does not resolve, and what to do about it.
pub enum Hint<'a> {
    /// A known name of the right kind is close: a typo.
    Near(&'a str),
    /// The name exists, but as another kind of entity.
    WrongKind { found: &'a str },
    /// Nothing like it exists: define it under `section` (with or without known names there).
    Define { section: &'a str, known: bool },
    /// No lifecycle stage exists at all.
    DefineStage,
}

/// The help line for `hint`, about `name` in `key` where an `expected` belongs.
pub fn help(hint: Hint<'_>, name: &str, key: &str, expected: &str) -> String {
    match hint {
        Hint::Near(near) => format!("did you mean `{near}`?"),
        Hint::WrongKind { found } => {
            format!("`{name}` is a {found}, but `{key}` expects a {expected}")
        }
        Hint::Define {
            section,
            known: false,
        } => format!("define it under `{section}:`"),
        Hint::Define {
            section,
            known: true,
        } => format!("define it under `{section}:`, or use one of the known names"),
        Hint::DefineStage => "define the stage in `lifecycle.stages`".to_owned(),
    }
}

const DOCS: &str = r##"## What it checks
A value that refers to another entity names an id that the playbook and its includes do not define in that namespace: a party (`owner`, `owners`, `accountable`, `responsible`, `consulted`, `informed`, `attendees`, `captured_by`, `from`, `to`, a contact), a team (`team`), a person (`lead`), a KPI (`kpis`, `reviews`, `improves`), a task (`depends_on`), a goal (`goal`), a stage (`next`, `rejected_to`), a channel (`channel`) or a meeting or channel (`via`). The diagnostic points at the reference and suggests the nearest known id in `help`; `smarketing check --fix` writes that id in its place. An unknown `field` in a structured criterion is reported by `invalid-criterion` instead.

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

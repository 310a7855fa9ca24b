//! `uncaptured-field`: a field is captured by nobody.
//!
//! The documentation at the bottom is what `smarketing explain uncaptured-field` prints.

use crate::lint::prelude::*;

pub static RULE: LintRule = LintRule {
    rule: Rule {
        name: "uncaptured-field",
        default: Severity::Warning,
        structural: false,
        summary: "a field is captured by nobody",
        docs: DOCS,
    },
    reads: Reads {
        own: &[(Section::Fields, &["captured_by"])],
        ..Reads::NOTHING
    },
    check: Some(check),
};

fn check(cx: &Context<'_>, out: &mut Findings) {
    for field in &cx.playbook.fields {
        if field.value.captured_by.is_none() {
            out.push(
                out.at(field.id.span, format!("field `{}` has no `captured_by`", field.id.value))
                    .with_help("add `captured_by: <team or person>`: who records this value")
                    .with_entity(Section::Fields.entity(&field.id.value)),
            );
        }
    }
}

const DOCS: &str = r##"## What it checks
A field under `fields` has no `captured_by`. The diagnostic points at the field's id.

## Why it matters
A CRM property that nobody is responsible for filling stays empty. Group size is what sales needs to quote a conference, but if neither the web form (marketing) nor the first call (sales) is meant to capture it, every deal starts with the same follow-up question and every report on group size is blank. Naming the party also puts the field into that team's onboarding documents.

## Example
```yaml
fields:
  group_size: { label: Group size, type: number, object: deal }
```

## Fixed
```yaml
fields:
  group_size: { label: Group size, type: number, object: deal, captured_by: sales }
```
"##;

//! `inconsistent-field`: one field defined differently in two playbooks of a workspace.
//!
//! Compared across playbooks by [`crate::lint::workspace`]; this file says what is compared.
//! The documentation at the bottom is what `smarketing explain inconsistent-field` prints.

use crate::lint::prelude::*;
use crate::lint::workspace::Definition;
use crate::model::Playbook;

pub static RULE: LintRule = LintRule {
    rule: Rule {
        name: "inconsistent-field",
        default: Severity::Warning,
        structural: false,
        summary: "a field has a different type or options in two playbooks of the workspace",
        docs: DOCS,
    },
    reads: Reads::NOTHING,
    check: None,
};

/// The fields of `playbook` with what must agree across the workspace.
pub fn definitions(playbook: &Playbook) -> Vec<Definition> {
    playbook
        .fields
        .iter()
        .map(|field| {
            let options = &field.value.options;
            // Ids and the labels people see: both end up in the shared CRM.
            let shown = (!options.is_empty()).then(|| {
                let each: Vec<String> = options
                    .iter()
                    .enumerate()
                    .map(|(index, id)| match options.label(index) {
                        Some(label) if options.has_labels() => format!("{}: {label}", id.value),
                        _ => id.value.to_string(),
                    })
                    .collect();
                format!("[{}]", each.join(", "))
            });
            Definition::new(&field.id.value, field.id.span)
                .with("type", Some(field.value.field_type.value))
                .with("options", shown)
        })
        .collect()
}

const DOCS: &str = r##"## What it checks
Two playbooks of one workspace (a folder with `smarketing.toml`, checked in one run) define the same field id with a different `type` or different `options`. The diagnostic points at the later definition, in the order the playbooks are checked, and names the first one as related information. A field defined once in a shared file that both playbooks include is one definition.

## Why it matters
Houses of a group usually share one CRM. A field is one CRM property: if `event_type` is an enum of wedding and conference in one house and free text in the next, exporting both playbooks to the same portal makes one of them fail or silently change the other's property, and reports across houses mix values that mean different things.

## Example
```yaml
# houses/seeblick/playbook.yaml
fields:
  event_type: { label: Event type, type: enum, options: [wedding, conference], captured_by: sales }
# houses/bergblick/playbook.yaml
fields:
  event_type: { label: Event type, type: string, captured_by: sales }
```

## Fixed
```yaml
# group/fields.yaml
fields:
  event_type: { label: Event type, type: enum, options: [wedding, conference], captured_by: sales }
# houses/seeblick/playbook.yaml
include: [../../group/fields.yaml]
# houses/bergblick/playbook.yaml
include: [../../group/fields.yaml]
```
"##;

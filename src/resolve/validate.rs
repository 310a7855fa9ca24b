//! Checks of values against each other within one entity, after loading: what serde alone cannot
//! say (an `enum` field needs options, a pipeline cannot have the same stage twice).
//!
//! These are structural findings (`schema`, `duplicate-id`): the playbook means something other
//! than its author intended, and later stages (the CRM export above all) would go wrong.

use crate::diagnostic::Diagnostic;
use crate::diagnostic::structural::{duplicate_id, schema};
use crate::model::values::FieldType;
use crate::model::{Playbook, Section};

pub fn validate(playbook: &Playbook) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for field in &playbook.fields {
        let entity = Section::Fields.entity(&field.id.value);
        let is_enum = field.value.field_type.value == FieldType::Enum;
        // Options that could not be read are reported as such, not as missing.
        if is_enum
            && field.value.options.is_empty()
            && !playbook
                .gaps
                .is_unknown(Section::Fields, &field.id.value, "options")
        {
            out.push(
                schema::enum_without_options(&field.id.value, field.value.field_type.span)
                    .with_entity(entity.clone()),
            );
        }
        if !is_enum && let Some(first) = field.value.options.first() {
            out.push(
                schema::options_without_enum(&field.id.value, first.span)
                    .with_entity(entity.clone()),
            );
        }
        repeated(
            &field.value.options,
            "option",
            &format!("field `{}`", field.id.value),
            &entity,
            &mut out,
        );
    }
    for stage in &playbook.stages {
        let entity = Section::Lifecycle.entity(&stage.id.value);
        repeated(
            &stage.value.reject_reasons,
            "reject reason",
            &format!("stage `{}`", stage.id.value),
            &entity,
            &mut out,
        );
    }
    for pipeline in &playbook.pipelines {
        let entity = Section::Pipelines.entity(&pipeline.id.value);
        let ids: Vec<crate::model::entities::Ref> = pipeline
            .value
            .stages
            .iter()
            .map(|stage| stage.id.clone())
            .collect();
        repeated(
            &ids,
            "stage",
            &format!("pipeline `{}`", pipeline.id.value),
            &entity,
            &mut out,
        );
    }
    out
}

/// Reports every value of `items` that already appeared earlier in the list.
fn repeated(
    items: &[crate::model::entities::Ref],
    what: &str,
    owner: &str,
    entity: &str,
    out: &mut Vec<Diagnostic>,
) {
    for (index, item) in items.iter().enumerate() {
        if let Some(first) = items[..index]
            .iter()
            .find(|earlier| earlier.value == item.value)
        {
            out.push(
                duplicate_id::listed_twice(what, &item.value, owner, item.span, first.span)
                    .with_entity(entity.to_owned()),
            );
        }
    }
}

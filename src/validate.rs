//! Checks of values against each other within one entity, after loading: what serde alone cannot
//! say (an `enum` field needs options, a pipeline cannot have the same stage twice).
//!
//! These are structural findings (`schema`, `duplicate-id`): the playbook means something other
//! than its author intended, and later stages (the CRM export above all) would go wrong.

use crate::diagnostic::{Diagnostic, Label};
use crate::model::Playbook;
use crate::model::values::FieldType;

pub fn validate(playbook: &Playbook) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for field in &playbook.fields {
        let entity = format!("fields.{}", field.id.value);
        let is_enum = field.value.field_type.value == FieldType::Enum;
        if is_enum && field.value.options.is_empty() {
            out.push(
                Diagnostic::error(
                    "schema",
                    format!("enum field `{}` lists no options", field.id.value),
                    field.value.field_type.span,
                )
                .with_help("add `options: [a, b, c]`, or choose another `type`")
                .with_entity(entity.clone()),
            );
        }
        if !is_enum && let Some(first) = field.value.options.first() {
            out.push(
                Diagnostic::error(
                    "schema",
                    format!(
                        "field `{}` has `options`, but only `enum` fields take them",
                        field.id.value
                    ),
                    first.span,
                )
                .with_help("set `type: enum`, or remove `options`")
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
        let entity = format!("lifecycle.{}", stage.id.value);
        repeated(
            &stage.value.reject_reasons,
            "reject reason",
            &format!("stage `{}`", stage.id.value),
            &entity,
            &mut out,
        );
    }
    for pipeline in &playbook.pipelines {
        let entity = format!("pipelines.{}", pipeline.id.value);
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
                Diagnostic::error(
                    "duplicate-id",
                    format!("{what} `{}` appears twice in {owner}", item.value),
                    item.span,
                )
                .with_label("repeated here")
                .with_related(Label::new(first.span, "first here"))
                .with_help(format!("remove the repeated {what}"))
                .with_entity(entity.to_owned()),
            );
        }
    }
}

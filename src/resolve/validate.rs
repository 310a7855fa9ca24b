//! Checks of values against each other within one entity, after loading: what serde alone cannot
//! say (an `enum` field needs options, a pipeline cannot have the same stage twice).
//!
//! These are structural findings (`schema`, `duplicate-id`): the playbook means something other
//! than its author intended, and later stages (the CRM export above all) would go wrong.

use crate::diagnostic::Diagnostic;
use crate::diagnostic::structural::{duplicate_id, schema};
use crate::model::values::{Cadence, FieldType};
use crate::model::{Playbook, Section};

pub fn validate(playbook: &Playbook) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for field in &playbook.fields {
        let entity = Section::Fields.entity(&field.id.value);
        let is_enum = matches!(
            field.value.field_type.value,
            FieldType::Enum | FieldType::MultiEnum
        );
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
        if field.value.field_type.value != FieldType::Currency
            && let Some(currency) = &field.value.currency
        {
            out.push(
                schema::currency_without_currency_type(&field.id.value, currency.span)
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
        same_option_ids(&field.value.options, &field.id.value, &entity, &mut out);
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
    for meeting in &playbook.meetings {
        let (Some(cadence), Some(day)) = (
            &meeting.value.cadence,
            meeting
                .value
                .when
                .as_ref()
                .and_then(|when| when.day.as_ref()),
        ) else {
            continue;
        };
        let monthly_or_longer = !cadence.value.more_frequent_than(Cadence::Monthly);
        let fits = match cadence.value {
            Cadence::Daily => false,
            _ => day.value.is_in_month() == monthly_or_longer,
        };
        if !fits {
            out.push(
                schema::day_does_not_fit_cadence(
                    &meeting.id.value,
                    &day.value.to_string(),
                    cadence.value.as_str(),
                    day.value.is_in_month(),
                    day.span,
                )
                .with_entity(Section::Meetings.entity(&meeting.id.value)),
            );
        }
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

/// Option ids are ids: two that differ only in case, spaces, `-` or `_` (`Golf GTI`, `golf-gti`)
/// would become one value in the CRM. Exact repeats are reported by [`repeated`].
fn same_option_ids(
    options: &[crate::model::entities::Ref],
    field: &str,
    entity: &str,
    out: &mut Vec<Diagnostic>,
) {
    let key = |id: &str| -> String {
        id.chars()
            .filter(|c| !matches!(c, '-' | '_') && !c.is_whitespace())
            .flat_map(char::to_lowercase)
            .collect()
    };
    for (index, option) in options.iter().enumerate() {
        let earlier = &options[..index];
        if earlier.iter().any(|e| e.value == option.value) {
            continue;
        }
        if let Some(first) = earlier.iter().find(|e| key(&e.value) == key(&option.value)) {
            out.push(
                duplicate_id::same_id_written_differently(
                    "option",
                    &option.value,
                    &first.value,
                    &format!("field `{field}`"),
                    option.span,
                    first.span,
                )
                .with_entity(entity.to_owned()),
            );
        }
    }
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

//! Salesforce's limits on names, labels and sizes, checked before anything is written.
//!
//! A deploy that breaks one of them fails on the org, far from the playbook entry that caused
//! it. So each limit is checked on the entry it comes from: the name, label, description and
//! picklist options of a custom field, names that Salesforce would not tell apart, the label of
//! a standard value and the number of values in a standard value set. A broken limit is a
//! refusal that says what to change; nothing is truncated to fit. What the standard value sets
//! need beyond sizes (a converted lead status, stages that agree) is checked where they are
//! built.

use super::refuse;
use crate::base::span::Span;
use crate::diagnostic::{Diagnostic, Label};
use crate::export::names::option_label;
use crate::model::values::FieldType;
use crate::model::{Entry, Field, Section};
use std::collections::HashMap;

/// Most characters of a custom field's API name before `__c`.
const MAX_NAME: usize = 40;
/// Most characters of a custom field's label.
const MAX_LABEL: usize = 40;
/// Most characters of a custom field's description.
const MAX_DESCRIPTION: usize = 1000;
/// Most values of a picklist field.
const MAX_PICKLIST_VALUES: usize = 1000;
/// Most values of a multi-select picklist field.
const MAX_MULTISELECT_VALUES: usize = 500;
/// Most characters of a picklist value's label and API name.
const MAX_VALUE_LABEL: usize = 255;
/// Most values of the `LeadStatus` and `OpportunityStage` standard value sets.
pub(super) const MAX_STANDARD_VALUES: usize = 100;

fn chars(text: &str) -> usize {
    text.chars().count()
}

/// Why a field cannot become a Salesforce custom field as it is.
pub(super) fn field_problems(entry: &Entry<Field>, stem: &str) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    problems.extend(name_problem(entry, stem));
    problems.extend(label_problem(entry));
    problems.extend(description_problem(entry));
    if matches!(
        entry.value.field_type.value,
        FieldType::Enum | FieldType::MultiEnum
    ) {
        problems.extend(option_problems(entry));
    }
    problems
}

fn field_entity(entry: &Entry<Field>) -> String {
    Section::Fields.entity(&entry.id.value)
}

/// The characters Salesforce allows in a custom field name: letters, digits and single
/// underscores, starting with a letter and not ending in an underscore (the length is checked
/// on its own, for a clearer message).
fn valid_stem(stem: &str) -> bool {
    stem.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && stem.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        && !stem.contains("__")
        && !stem.ends_with('_')
}

fn name_problem(entry: &Entry<Field>, stem: &str) -> Option<Diagnostic> {
    let id = &entry.id.value;
    let length = chars(stem);
    let (message, help) = if !valid_stem(stem) {
        (
            format!(
                "field `{id}` gives the Salesforce name `{stem}__c`, which is not letters, digits and single underscores starting with a letter"
            ),
            "rename the field: a letter, then lower-case letters, digits and single underscores"
                .to_owned(),
        )
    } else if length > MAX_NAME {
        (
            format!(
                "field `{id}` gives the Salesforce name `{stem}__c` with {length} characters before `__c`; Salesforce allows at most {MAX_NAME}"
            ),
            format!("shorten the field id to {MAX_NAME} characters or fewer"),
        )
    } else {
        return None;
    };
    Some(refuse(field_entity(entry), entry.id.span, message, help))
}

fn label_problem(entry: &Entry<Field>) -> Option<Diagnostic> {
    let id = &entry.id.value;
    let label = &entry.value.label;
    let length = chars(label.value.trim());
    let (message, help) = if length == 0 {
        (
            format!("label of field `{id}` is empty"),
            "write the label people see in Salesforce".to_owned(),
        )
    } else if chars(&label.value) > MAX_LABEL {
        (
            format!(
                "label of field `{id}` has {} characters; Salesforce allows at most {MAX_LABEL}",
                chars(&label.value)
            ),
            format!("shorten the label to {MAX_LABEL} characters or fewer"),
        )
    } else {
        return None;
    };
    Some(refuse(field_entity(entry), label.span, message, help))
}

fn description_problem(entry: &Entry<Field>) -> Option<Diagnostic> {
    let description = entry.value.description.as_ref()?;
    let length = chars(&description.value);
    (length > MAX_DESCRIPTION).then(|| {
        refuse(
            field_entity(entry),
            description.span,
            format!(
                "description of field `{}` has {length} characters; Salesforce allows at most {MAX_DESCRIPTION}",
                entry.id.value
            ),
            format!("shorten the description to {MAX_DESCRIPTION} characters or fewer"),
        )
    })
}

/// A picklist needs values, at most 1000 of them, with labels Salesforce can hold and tell apart.
fn option_problems(entry: &Entry<Field>) -> Vec<Diagnostic> {
    let id = &entry.id.value;
    let options = &entry.value.options;
    let mut problems = Vec::new();
    if options.is_empty() {
        problems.push(refuse(
            field_entity(entry),
            entry.id.span,
            format!("field `{id}` is an enum without options; a Salesforce picklist needs values"),
            "list the values under `options`",
        ));
    }
    let (most, kind) = match entry.value.field_type.value {
        FieldType::MultiEnum => (MAX_MULTISELECT_VALUES, "multi-select picklist"),
        _ => (MAX_PICKLIST_VALUES, "picklist"),
    };
    if options.len() > most {
        problems.push(refuse(
            field_entity(entry),
            entry.id.span,
            format!(
                "field `{id}` has {} options; a Salesforce {kind} holds at most {most}",
                options.len()
            ),
            format!("keep {most} options or fewer, or make it a `string` field"),
        ));
    }
    // Picklist labels are unique regardless of case, and labels made from ids can meet (`a-b`
    // and `a_b` are both `A b`).
    let mut seen: HashMap<String, &crate::model::entities::Ref> = HashMap::new();
    for (index, option) in options.iter().enumerate() {
        let label = option_label(options, index);
        if chars(&label) > MAX_VALUE_LABEL {
            problems.push(refuse(
                field_entity(entry),
                option.span,
                format!(
                    "the label of option `{}` of field `{id}` has {} characters; Salesforce allows at most {MAX_VALUE_LABEL}",
                    option.value,
                    chars(&label)
                ),
                format!("shorten the option's label to {MAX_VALUE_LABEL} characters or fewer"),
            ));
        }
        match seen.get(&label.to_lowercase()) {
            Some(first) => problems.push(
                refuse(
                    field_entity(entry),
                    option.span,
                    format!(
                        "option `{}` of field `{id}` is the picklist value `{label}`, like option `{}`",
                        option.value, first.value
                    ),
                    "remove or rename one of the two options",
                )
                .with_related(Label::new(first.span, "first listed here")),
            ),
            None => {
                seen.insert(label.to_lowercase(), option);
            }
        }
    }
    problems
}

pub(super) fn name_clash(entry: &Entry<Field>, first: &Entry<Field>, stem: &str) -> Diagnostic {
    refuse(
        field_entity(entry),
        entry.id.span,
        format!(
            "field `{}` gives the Salesforce name `{stem}__c`, like field `{}` on the same object",
            entry.id.value, first.id.value
        ),
        "rename one of the two fields",
    )
    .with_related(Label::new(first.id.span, "first named here"))
}

pub(super) fn label_length_problem(
    entity: String,
    label: &str,
    span: Span,
    what: &str,
) -> Option<Diagnostic> {
    let length = chars(label);
    (length > MAX_VALUE_LABEL).then(|| {
        refuse(
            entity,
            span,
            format!("label of {what} has {length} characters; Salesforce allows at most {MAX_VALUE_LABEL}"),
            format!("shorten the title to {MAX_VALUE_LABEL} characters or fewer"),
        )
    })
}

pub(super) fn too_many_values(set: &str, count: usize, span: Span, entity: String) -> Diagnostic {
    refuse(
        entity,
        span,
        format!(
            "`{set}` would hold {count} values; Salesforce allows at most {MAX_STANDARD_VALUES}"
        ),
        format!("keep {MAX_STANDARD_VALUES} stages or fewer"),
    )
}

#[cfg(test)]
mod tests {
    use super::super::testing::refusals;
    use super::*;

    #[test]
    fn a_long_label_is_refused_with_every_other_problem() {
        let label = "Preferred room category for the anniversary weekend of the couple";
        assert_eq!(label.chars().count(), 65);
        let long_id = "a_field_id_that_is_longer_than_forty_characters";
        let problems = refusals(&format!(
            "fields:
  guest_origin: {{ label: \"{label}\", type: string }}
  {long_id}: {{ label: Short, type: string }}
"
        ));
        assert_eq!(problems.len(), 2, "{problems:#?}");
        assert_eq!(
            problems[0].message,
            "salesforce: label of field `guest_origin` has 65 characters; Salesforce allows at most 40"
        );
        assert_eq!(
            problems[0].help.as_deref(),
            Some("shorten the label to 40 characters or fewer")
        );
        assert_eq!(problems[0].entity.as_deref(), Some("fields.guest_origin"));
        assert!(problems[1].message.contains(&format!("field `{long_id}`")));
        assert!(problems[1].message.contains("at most 40"));
    }

    #[test]
    fn clashing_names_and_option_labels_are_refused() {
        let problems = refusals(
            "fields:
  source: { label: Source, type: enum, options: [web-site, web_site] }
  empty: { label: Empty, type: enum }
",
        );
        let messages: Vec<&str> = problems.iter().map(|p| p.message.as_str()).collect();
        assert_eq!(problems.len(), 2, "{messages:#?}");
        assert!(messages[0].contains("option `web_site`"));
        assert!(messages[1].contains("enum without options"));
    }

    #[test]
    fn more_than_100_stages_are_refused() {
        let stages: String = (0..=MAX_STANDARD_VALUES)
            .map(|n| format!("    - {{ id: stage-{n}, outcome: won }}\n"))
            .collect();
        let problems = refusals(&format!("lifecycle:\n  stages:\n{stages}"));
        assert_eq!(problems.len(), 1, "{problems:#?}");
        assert_eq!(
            problems[0].message,
            "salesforce: `LeadStatus` would hold 101 values; Salesforce allows at most 100"
        );
        assert_eq!(problems[0].entity.as_deref(), Some("lifecycle.stage-100"));
    }

    #[test]
    fn a_multi_select_picklist_holds_500_values_and_labels_are_checked_as_written() {
        let options: Vec<String> = (0..=MAX_MULTISELECT_VALUES)
            .map(|n| format!("o{n}"))
            .collect();
        let long = "L".repeat(MAX_VALUE_LABEL + 1);
        let problems = refusals(&format!(
            "fields:
  many: {{ label: Many, type: multi_enum, options: [{}] }}
  labelled: {{ label: Labelled, type: enum, options: {{ a: \"{long}\", b: Same, c: same }} }}
",
            options.join(", ")
        ));
        let messages: Vec<&str> = problems.iter().map(|p| p.message.as_str()).collect();
        assert_eq!(problems.len(), 3, "{messages:#?}");
        assert_eq!(
            messages[0],
            "salesforce: field `many` has 501 options; a Salesforce multi-select picklist holds at most 500"
        );
        assert!(
            messages[1].contains("the label of option `a` of field `labelled` has 256 characters")
        );
        assert!(messages[2].contains(
            "option `c` of field `labelled` is the picklist value `same`, like option `b`"
        ));
    }
}

//! What a HubSpot portal should hold for a playbook: custom properties in the `smarketing` group,
//! the fields that map onto HubSpot's own properties, the options of the lifecycle enums the
//! playbook manages, and the deal pipelines with pinned ids.
//!
//! `export` writes it as request bodies and `crm plan` compares it with a portal, so both say
//! the same thing. Whatever HubSpot cannot hold (a name it keeps for itself, too many options,
//! a stage without probability, a stage id used by two pipelines) is refused here, at the
//! playbook entry, before any file is written or any request is sent.

use super::built_in::built_in;
use super::{LIFECYCLE_STAGES, MAX_OPTIONS, Object};
use crate::base::span::Spanned;
use crate::diagnostic::{Diagnostic, Label};
use crate::export::names::{constant, humanize, option_label};
use crate::export::refusal;
use crate::model::values::{FieldObject, FieldType, Outcome};
use crate::model::{Entry, Field, Pipeline as PlaybookPipeline, Playbook};
use serde::Serialize;

/// The property group that holds every property smarketing creates.
pub const GROUP: &str = "smarketing";
/// The label of that group.
pub const GROUP_LABEL: &str = "Smarketing";

/// A custom property, as HubSpot's `PropertyCreate` takes it.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Property {
    #[serde(skip)]
    pub object: Object,
    pub name: String,
    pub label: String,
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub field_type: &'static str,
    pub group_name: &'static str,
    pub display_order: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub number_display_hint: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub show_currency_symbol: Option<bool>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<HubOption>,
}

/// An option of an enumeration property.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct HubOption {
    pub label: String,
    pub value: String,
    pub display_order: usize,
    pub hidden: bool,
}

/// A field that means one of HubSpot's own properties.
#[derive(Clone, Debug)]
pub struct Mapped {
    pub object: Object,
    pub field: String,
    pub property: &'static str,
}

/// One of HubSpot's own enumerations whose options the playbook adds or relabels.
#[derive(Clone, Debug)]
pub struct ManagedEnum {
    pub object: Object,
    pub name: &'static str,
    pub options: Vec<HubOption>,
}

/// A deal pipeline, as HubSpot's `PipelineInput` takes it, its id pinned to the playbook's.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Pipeline {
    pub pipeline_id: String,
    pub label: String,
    pub display_order: usize,
    pub stages: Vec<PipelineStage>,
}

/// A stage of a deal pipeline, its id pinned to the playbook's.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PipelineStage {
    pub stage_id: String,
    pub label: String,
    pub display_order: usize,
    pub metadata: StageMetadata,
}

/// HubSpot keeps a stage's probability and whether it closes the deal as strings.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StageMetadata {
    pub probability: String,
    pub is_closed: String,
}

/// Everything the portal should hold for one playbook.
#[derive(Clone, Debug, Default)]
pub struct Desired {
    pub properties: Vec<Property>,
    pub mapped: Vec<Mapped>,
    pub managed: Vec<ManagedEnum>,
    pub pipelines: Vec<Pipeline>,
    /// What the properties cannot hold themselves (a field's currency, that it is required).
    pub notes: Vec<String>,
}

impl Desired {
    /// The objects that get custom properties, and so the `smarketing` group.
    pub fn objects_with_properties(&self) -> Vec<Object> {
        Object::ALL
            .into_iter()
            .filter(|object| self.properties.iter().any(|p| p.object == *object))
            .collect()
    }
}

fn object_of(field: &Field) -> Object {
    match field.object.as_ref().map(|o| o.value) {
        Some(FieldObject::Deal) => Object::Deals,
        Some(FieldObject::Company) => Object::Companies,
        Some(FieldObject::Contact) | None => Object::Contacts,
    }
}

/// The HubSpot `type` and `fieldType` of a playbook field type.
fn types(field_type: FieldType) -> (&'static str, &'static str) {
    match field_type {
        FieldType::String | FieldType::Email => ("string", "text"),
        FieldType::Text => ("string", "textarea"),
        FieldType::Number => ("number", "number"),
        FieldType::Date => ("date", "date"),
        FieldType::Datetime => ("datetime", "date"),
        FieldType::Bool => ("bool", "booleancheckbox"),
        FieldType::Enum => ("enumeration", "select"),
        FieldType::Phone => ("phone_number", "phonenumber"),
        // Money is a number shown as an amount (see `property`); HubSpot has no link type, so a
        // link is one line of text; several options at once are checkboxes.
        FieldType::Currency => ("number", "number"),
        FieldType::Url => ("string", "text"),
        FieldType::MultiEnum => ("enumeration", "checkbox"),
    }
}

pub fn option(label: &str, value: &str, order: usize) -> HubOption {
    HubOption {
        label: label.to_owned(),
        value: value.to_owned(),
        display_order: order,
        hidden: false,
    }
}

/// The portal state the playbook asks for, or every reason why HubSpot cannot hold it.
pub fn desired(playbook: &Playbook) -> Result<Desired, Vec<Diagnostic>> {
    let mut problems = Vec::new();
    let mut desired = Desired::default();
    for object in Object::ALL {
        let mut order = 0;
        for field in playbook
            .fields
            .iter()
            .filter(|f| object_of(&f.value) == object)
        {
            if let Some(property) = built_in(object, &field.id.value) {
                desired.mapped.push(Mapped {
                    object,
                    field: field.id.value.to_string(),
                    property,
                });
                continue;
            }
            desired.notes.extend(notes_on(field));
            match property(field, object, order) {
                Ok(property) => {
                    desired.properties.push(property);
                    order += 1;
                }
                Err(mut found) => problems.append(&mut found),
            }
        }
    }
    match lifecycle_options(playbook) {
        Ok(Some(options)) => desired.managed.push(ManagedEnum {
            object: Object::Contacts,
            name: "lifecyclestage",
            options,
        }),
        Ok(None) => {}
        Err(mut found) => problems.append(&mut found),
    }
    if !playbook.stages.is_empty() {
        let options = playbook
            .stages
            .iter()
            .enumerate()
            .map(|(i, stage)| {
                option(
                    &stage_label(stage.value.title.as_ref(), &stage.id.value),
                    &constant(&stage.id.value),
                    i,
                )
            })
            .collect();
        desired.managed.push(ManagedEnum {
            object: Object::Contacts,
            name: "hs_lead_status",
            options,
        });
    }
    problems.extend(shared_stage_ids(playbook));
    for (order, pipeline) in playbook.pipelines.iter().enumerate() {
        match pipeline_input(pipeline, order) {
            Ok(pipeline) => desired.pipelines.push(pipeline),
            Err(mut found) => problems.append(&mut found),
        }
    }
    if problems.is_empty() {
        Ok(desired)
    } else {
        Err(problems)
    }
}

/// What a field means that its HubSpot property cannot hold, for the README and the plan.
fn notes_on(field: &Entry<Field>) -> Vec<String> {
    let mut notes = Vec::new();
    let name = &field.id.value;
    if let Some(currency) = &field.value.currency {
        notes.push(format!(
            "`{name}` holds amounts in {}: HubSpot shows them in the portal's company currency (with several currencies, the record's), so the portal should use {}",
            currency.value, currency.value
        ));
    }
    if field.value.required == Some(true) {
        notes.push(format!(
            "`{name}` must be filled in: HubSpot requires a property per form, record view or pipeline stage, not on the property itself"
        ));
    }
    notes
}

fn stage_label(title: Option<&Spanned<String>>, id: &str) -> String {
    title.map_or_else(|| humanize(id), |t| t.value.clone())
}

fn property(
    field: &Entry<Field>,
    object: Object,
    order: usize,
) -> Result<Property, Vec<Diagnostic>> {
    let name = &field.id.value;
    let mut problems = Vec::new();
    if name.len() >= 100 {
        problems.push(refusal(
            "hubspot",
            field.id.span,
            format!(
                "property name `{name}` has {} characters; HubSpot allows fewer than 100",
                name.len()
            ),
            "shorten the field id".into(),
        ));
    }
    if name.starts_with("hs_") {
        problems.push(refusal(
            "hubspot",
            field.id.span,
            format!("property name `{name}` starts with `hs_`, which HubSpot keeps for its own properties"),
            "rename the field".into(),
        ));
    }
    let (kind, field_type) = types(field.value.field_type.value);
    let mut property = Property {
        object,
        name: name.to_string(),
        label: field.value.label.value.clone(),
        kind,
        field_type,
        group_name: GROUP,
        display_order: order,
        description: field.value.description.as_ref().map(|d| d.value.clone()),
        number_display_hint: None,
        show_currency_symbol: None,
        options: Vec::new(),
    };
    match field.value.field_type.value {
        // HubSpot keeps no currency per property: an amount is shown in the portal's company
        // currency (or the record's, with several currencies), so a note names the one the
        // playbook means.
        FieldType::Currency => {
            property.number_display_hint = Some("currency");
            property.show_currency_symbol = Some(true);
        }
        FieldType::Bool => {
            property.options = vec![option("Yes", "true", 0), option("No", "false", 1)];
        }
        FieldType::Enum | FieldType::MultiEnum => {
            if field.value.options.len() > MAX_OPTIONS {
                problems.push(refusal(
                    "hubspot",
                    field.value.field_type.span,
                    format!(
                        "field `{name}` has {} options; smarketing exports at most {MAX_OPTIONS}",
                        field.value.options.len()
                    ),
                    "split the field, or keep the long list in HubSpot and out of the playbook"
                        .into(),
                ));
            }
            property.options = field
                .value
                .options
                .iter()
                .enumerate()
                .map(|(i, o)| option(&option_label(&field.value.options, i), &o.value, i))
                .collect();
        }
        _ => {}
    }
    if problems.is_empty() {
        Ok(property)
    } else {
        Err(problems)
    }
}

/// The lifecycle stages that name a HubSpot lifecycle stage, as its options, in order; each
/// HubSpot value once, labelled by the first stage that names it.
fn lifecycle_options(playbook: &Playbook) -> Result<Option<Vec<HubOption>>, Vec<Diagnostic>> {
    let mut options: Vec<HubOption> = Vec::new();
    let mut problems = Vec::new();
    for stage in &playbook.stages {
        let Some(crm) = &stage.value.crm else {
            continue;
        };
        if !LIFECYCLE_STAGES.contains(&crm.value.as_str()) {
            let help = match crate::base::suggest::did_you_mean(&crm.value, LIFECYCLE_STAGES) {
                Some(near) => format!("did you mean `{near}`?"),
                None => format!(
                    "use one of {}",
                    crate::base::text::quoted_list(&LIFECYCLE_STAGES)
                ),
            };
            problems.push(refusal(
                "hubspot",
                crm.span,
                format!(
                    "`{}` of stage `{}` is not a HubSpot lifecycle stage",
                    crm.value, stage.id.value
                ),
                help,
            ));
            continue;
        }
        if options.iter().any(|o| o.value == crm.value) {
            continue;
        }
        let label = stage_label(stage.value.title.as_ref(), &stage.id.value);
        let order = options.len();
        options.push(option(&label, &crm.value, order));
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok((!options.is_empty()).then_some(options))
}

/// HubSpot's deal stage ids are one list for all pipelines of the account, so a stage id may be
/// used by one pipeline only.
fn shared_stage_ids(playbook: &Playbook) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    let mut seen: Vec<(&str, &str, crate::base::span::Span)> = Vec::new();
    for pipeline in &playbook.pipelines {
        for stage in &pipeline.value.stages {
            match seen.iter().find(|(id, _, _)| *id == stage.id.value.as_str()) {
                Some((_, first, span)) if *first != pipeline.id.value.as_str() => problems.push(
                    refusal(
                        "hubspot",
                        stage.id.span,
                        format!(
                            "stage id `{}` of pipeline `{}` is also a stage of pipeline `{first}`; HubSpot's deal stage ids are one list for every pipeline",
                            stage.id.value, pipeline.id.value
                        ),
                        format!("rename the stage, for example `{}-{}`", pipeline.id.value, stage.id.value),
                    )
                    .with_related(Label::new(*span, "first used here")),
                ),
                Some(_) => {}
                None => seen.push((&stage.id.value, &pipeline.id.value, stage.id.span)),
            }
        }
    }
    problems
}

fn pipeline_input(
    pipeline: &Entry<PlaybookPipeline>,
    order: usize,
) -> Result<Pipeline, Vec<Diagnostic>> {
    let mut problems = Vec::new();
    let mut stages = Vec::new();
    let mut labels: Vec<String> = Vec::new();
    for (index, stage) in pipeline.value.stages.iter().enumerate() {
        let label = stage_label(stage.title.as_ref(), &stage.id.value);
        if labels.contains(&label) {
            problems.push(refusal(
                "hubspot",
                stage.id.span,
                format!(
                    "two stages of pipeline `{}` are labelled `{label}`",
                    pipeline.id.value
                ),
                "give the stages different titles".into(),
            ));
        }
        labels.push(label.clone());
        let outcome = stage.outcome.as_ref().map(|o| o.value);
        let probability = match (&stage.probability, outcome) {
            (Some(p), _) => p.value.0,
            (None, Some(Outcome::Won)) => 1.0,
            (None, Some(Outcome::Lost)) => 0.0,
            (None, None) => {
                problems.push(refusal(
                    "hubspot",
                    stage.id.span,
                    format!("stage `{}` of pipeline `{}` has no probability; HubSpot needs one for every deal stage", stage.id.value, pipeline.id.value),
                    "add `probability: 0.5` (a share from 0.0 to 1.0)".into(),
                ));
                continue;
            }
        };
        stages.push(PipelineStage {
            stage_id: stage.id.value.to_string(),
            label,
            display_order: index,
            metadata: StageMetadata {
                probability: probability.to_string(),
                is_closed: outcome.is_some().to_string(),
            },
        });
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(Pipeline {
        pipeline_id: pipeline.id.value.to_string(),
        label: pipeline.value.title.value.clone(),
        display_order: order,
        stages,
    })
}

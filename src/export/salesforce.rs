//! Salesforce: the playbook's data model as metadata in SFDX source format, ready for
//! `sf project deploy start`.
//!
//! Salesforce keeps configuration as XML metadata, one file per component, and deploys a folder
//! of them described by `sfdx-project.json` and listed in `manifest/package.xml`. This module
//! writes:
//!
//! - one `CustomField` per playbook field and object. Contact fields go to both `Lead` and
//!   `Contact`, because leads convert into contacts and a value can only be carried over when
//!   the field exists on both; deal fields go to `Opportunity`, company fields to `Account`;
//! - the lifecycle as the `LeadStatus` standard value set, with exactly one default status and
//!   the statuses after the first handoff marked as converted (a lead that reaches the other
//!   team is converted into a contact and an opportunity);
//! - the stages of every pipeline as the `OpportunityStage` standard value set. Salesforce has
//!   one global list of opportunity stages (sales processes only pick from it), so stages of
//!   different pipelines that share a label become one value, and must agree on probability
//!   and outcome.
//!
//! The XML schema of the Metadata API declares every type as a sequence, so elements are written
//! in the schema's order, and only the elements a type needs. What Salesforce would reject (a
//! name over 40 characters, more than 100 stages) is refused with a diagnostic at the playbook
//! entry, never truncated.

use super::names::{humanize, salesforce_stem};
use super::{Export, refusal, text};
use crate::base::span::{Span, Spanned};
use crate::diagnostic::{Diagnostic, Label};
use crate::graph::Graph;
use crate::model::values::{FieldObject, FieldType, Outcome};
use crate::model::{Entry, Field, Pipeline, PipelineStage, Playbook, Stage};
use crate::render::Document;
use crate::render::svg::escape;
use serde::Serialize;
use std::collections::HashMap;

const TARGET: &str = "salesforce";
const API_VERSION: &str = "60.0";
const NAMESPACE: &str = "http://soap.sforce.com/2006/04/metadata";
const PACKAGE_DIRECTORY: &str = "force-app";
const SOURCE_ROOT: &str = "force-app/main/default";
const LEAD_STATUS: &str = "LeadStatus";
const OPPORTUNITY_STAGE: &str = "OpportunityStage";

/// Most characters of a custom field's API name before `__c`.
const MAX_NAME: usize = 40;
/// Most characters of a custom field's label.
const MAX_LABEL: usize = 40;
/// Most characters of a custom field's description.
const MAX_DESCRIPTION: usize = 1000;
/// Most values of a picklist field.
const MAX_PICKLIST_VALUES: usize = 1000;
/// Most characters of a picklist value's label and API name.
const MAX_VALUE_LABEL: usize = 255;
/// Most values of the `LeadStatus` and `OpportunityStage` standard value sets.
const MAX_STANDARD_VALUES: usize = 100;

pub fn export(graph: &Graph<'_>) -> Export {
    let playbook = graph.playbook;
    let mut problems = Vec::new();
    let fields = collect(custom_fields(playbook), &mut problems);
    let lead_status = collect(lead_statuses(graph), &mut problems);
    let opportunity_stages = collect(opportunity_stages(playbook), &mut problems);
    // Each part is `None` exactly when it added problems.
    let (Some(fields), Some(lead_status), Some(opportunity_stages)) =
        (fields, lead_status, opportunity_stages)
    else {
        return Err(problems);
    };
    let mut documents = vec![project(playbook)];
    let mut value_sets = Vec::new();
    documents.extend(fields.iter().map(|field| field.document()));
    if let Some(statuses) = lead_status.filter(|values| !values.is_empty()) {
        documents.push(value_set_document(LEAD_STATUS, &statuses));
        value_sets.push(LEAD_STATUS);
    }
    if let Some(stages) = opportunity_stages.filter(|values| !values.is_empty()) {
        documents.push(value_set_document(OPPORTUNITY_STAGE, &stages));
        value_sets.push(OPPORTUNITY_STAGE);
    }
    documents.push(manifest(&fields, &value_sets));
    Ok(documents)
}

/// The value of a part that could be built, or `None` after adding its problems to `problems`:
/// every part is checked, so that one run reports every problem.
fn collect<T>(part: Result<T, Vec<Diagnostic>>, problems: &mut Vec<Diagnostic>) -> Option<T> {
    part.map_err(|mut found| problems.append(&mut found)).ok()
}

/// A refusal about one playbook entity (`section.id`), so that it can be fingerprinted.
fn refuse(entity: String, span: Span, message: String, help: impl Into<String>) -> Diagnostic {
    refusal(TARGET, span, message, help.into()).with_entity(entity)
}

fn chars(text: &str) -> usize {
    text.chars().count()
}

// ---------------------------------------------------------------- XML

/// A minimal writer for metadata files: the declaration, the root element in the metadata
/// namespace, 4-space indentation and escaped text. Nesting goes through closures, so that every
/// element that is opened is closed.
struct Xml {
    out: String,
    depth: usize,
}

impl Xml {
    fn document(root: &str, body: impl FnOnce(&mut Xml)) -> String {
        let mut xml = Xml {
            out: String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"),
            depth: 0,
        };
        xml.out
            .push_str(&format!("<{root} xmlns=\"{NAMESPACE}\">\n"));
        xml.depth = 1;
        body(&mut xml);
        xml.out.push_str(&format!("</{root}>\n"));
        xml.out
    }

    fn indent(&mut self) {
        self.out.push_str(&"    ".repeat(self.depth));
    }

    fn element(&mut self, name: &str, body: impl FnOnce(&mut Xml)) {
        self.indent();
        self.out.push_str(&format!("<{name}>\n"));
        self.depth += 1;
        body(self);
        self.depth -= 1;
        self.indent();
        self.out.push_str(&format!("</{name}>\n"));
    }

    fn leaf(&mut self, name: &str, value: &str) {
        self.indent();
        self.out
            .push_str(&format!("<{name}>{}</{name}>\n", escape(value)));
    }

    fn flag(&mut self, name: &str, value: bool) {
        self.leaf(name, if value { "true" } else { "false" });
    }

    fn number(&mut self, name: &str, value: u32) {
        self.leaf(name, &value.to_string());
    }
}

// ---------------------------------------------------------------- sfdx-project.json

/// `sfdx-project.json`, field order as Salesforce's own templates write it.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Project<'a> {
    package_directories: [PackageDirectory; 1],
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<&'a str>,
    namespace: &'a str,
    source_api_version: &'a str,
}

#[derive(Serialize)]
struct PackageDirectory {
    path: &'static str,
    default: bool,
}

fn project(playbook: &Playbook) -> Document {
    let project = Project {
        package_directories: [PackageDirectory {
            path: PACKAGE_DIRECTORY,
            default: true,
        }],
        name: playbook.id.as_ref().map(|id| id.value.as_str()),
        namespace: "",
        source_api_version: API_VERSION,
    };
    // Serializing plain strings and booleans cannot fail; an empty object is the harmless
    // fallback that keeps the function free of panics.
    let json = serde_json::to_string_pretty(&project).unwrap_or_else(|_| String::from("{}"));
    text("sfdx-project.json", format!("{json}\n"))
}

// ---------------------------------------------------------------- custom fields

/// A playbook field as a custom field on one Salesforce object.
struct CustomField<'p> {
    field: &'p Field,
    object: &'static str,
    stem: String,
}

impl CustomField<'_> {
    fn api_name(&self) -> String {
        format!("{}__c", self.stem)
    }

    /// `Object.Name__c`, as `package.xml` lists it.
    fn member(&self) -> String {
        format!("{}.{}", self.object, self.api_name())
    }

    fn document(&self) -> Document {
        text(
            format!(
                "{SOURCE_ROOT}/objects/{}/fields/{}.field-meta.xml",
                self.object,
                self.api_name()
            ),
            field_xml(self.field, &self.api_name()),
        )
    }
}

/// The objects a field is created on.
fn objects(field: &Field) -> &'static [&'static str] {
    match field.object.as_ref().map(|object| object.value) {
        // Lead conversion copies a custom lead field only into a field of the contact that it
        // is mapped to, so contact data needs the field on both objects.
        Some(FieldObject::Contact) | None => &["Lead", "Contact"],
        Some(FieldObject::Deal) => &["Opportunity"],
        Some(FieldObject::Company) => &["Account"],
    }
}

/// Every field on every object it belongs to, in file order, or every reason why not.
fn custom_fields(playbook: &Playbook) -> Result<Vec<CustomField<'_>>, Vec<Diagnostic>> {
    let mut problems = Vec::new();
    let mut fields = Vec::new();
    // Salesforce API names are case-insensitive: `(object, NAME__C)` → the field that took it.
    let mut taken: HashMap<(&str, String), &Entry<Field>> = HashMap::new();
    for entry in &playbook.fields {
        let stem = salesforce_stem(&entry.id.value);
        problems.extend(field_problems(entry, &stem));
        for &object in objects(&entry.value) {
            let key = (object, stem.to_uppercase());
            match taken.get(&key) {
                Some(first) => {
                    problems.push(name_clash(entry, first, &stem));
                    // One report per field, not one per object it is created on.
                    break;
                }
                None => {
                    taken.insert(key, entry);
                }
            }
            fields.push(CustomField {
                field: &entry.value,
                object,
                stem: stem.clone(),
            });
        }
    }
    if problems.is_empty() {
        Ok(fields)
    } else {
        Err(problems)
    }
}

/// Why a field cannot become a Salesforce custom field as it is.
fn field_problems(entry: &Entry<Field>, stem: &str) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    problems.extend(name_problem(entry, stem));
    problems.extend(label_problem(entry));
    problems.extend(description_problem(entry));
    if entry.value.field_type.value == FieldType::Enum {
        problems.extend(option_problems(entry));
    }
    problems
}

fn field_entity(entry: &Entry<Field>) -> String {
    format!("fields.{}", entry.id.value)
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
    if options.len() > MAX_PICKLIST_VALUES {
        problems.push(refuse(
            field_entity(entry),
            entry.id.span,
            format!(
                "field `{id}` has {} options; a Salesforce picklist holds at most {MAX_PICKLIST_VALUES}",
                options.len()
            ),
            format!("keep {MAX_PICKLIST_VALUES} options or fewer, or make it a `string` field"),
        ));
    }
    // Picklist values are unique regardless of case, and labels made by `humanize` can meet
    // (`a-b` and `a_b` are both `A b`).
    let mut seen: HashMap<String, &crate::model::entities::Ref> = HashMap::new();
    for option in options {
        let label = humanize(&option.value);
        if chars(&label) > MAX_VALUE_LABEL {
            problems.push(refuse(
                field_entity(entry),
                option.span,
                format!(
                    "option `{}` of field `{id}` has {} characters; Salesforce allows at most {MAX_VALUE_LABEL}",
                    option.value,
                    chars(&label)
                ),
                format!("shorten the option to {MAX_VALUE_LABEL} characters or fewer"),
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

fn name_clash(entry: &Entry<Field>, first: &Entry<Field>, stem: &str) -> Diagnostic {
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

/// What a Salesforce field type needs besides its name, label and description.
struct Shape {
    salesforce_type: &'static str,
    /// Checkboxes always hold a value, so Salesforce requires a default.
    default_value: Option<&'static str>,
    /// Only text, number and email fields can be external IDs.
    external_id: bool,
    length: Option<u32>,
    precision_scale: Option<(u32, u32)>,
    /// A checkbox cannot be required (it is never empty).
    required: bool,
    visible_lines: Option<u32>,
}

fn shape(field_type: FieldType) -> Shape {
    let plain = |salesforce_type| Shape {
        salesforce_type,
        default_value: None,
        external_id: false,
        length: None,
        precision_scale: None,
        required: true,
        visible_lines: None,
    };
    match field_type {
        FieldType::String => Shape {
            external_id: true,
            length: Some(255),
            ..plain("Text")
        },
        FieldType::Text => Shape {
            length: Some(32768),
            visible_lines: Some(4),
            ..plain("LongTextArea")
        },
        FieldType::Number => Shape {
            external_id: true,
            precision_scale: Some((18, 2)),
            ..plain("Number")
        },
        FieldType::Date => plain("Date"),
        FieldType::Datetime => plain("DateTime"),
        FieldType::Bool => Shape {
            default_value: Some("false"),
            required: false,
            ..plain("Checkbox")
        },
        FieldType::Enum => plain("Picklist"),
        FieldType::Email => Shape {
            external_id: true,
            ..plain("Email")
        },
        FieldType::Phone => plain("Phone"),
    }
}

/// A `CustomField` file, elements in the order of the schema's sequence.
fn field_xml(field: &Field, api_name: &str) -> String {
    let shape = shape(field.field_type.value);
    Xml::document("CustomField", |xml| {
        xml.leaf("fullName", api_name);
        if let Some(default) = shape.default_value {
            xml.leaf("defaultValue", default);
        }
        if let Some(description) = &field.description {
            xml.leaf("description", &description.value);
        }
        if shape.external_id {
            xml.flag("externalId", false);
        }
        xml.leaf("label", &field.label.value);
        if let Some(length) = shape.length {
            xml.number("length", length);
        }
        if let Some((precision, _)) = shape.precision_scale {
            xml.number("precision", precision);
        }
        if shape.required {
            xml.flag("required", false);
        }
        if let Some((_, scale)) = shape.precision_scale {
            xml.number("scale", scale);
        }
        xml.flag("trackTrending", false);
        xml.leaf("type", shape.salesforce_type);
        if field.field_type.value == FieldType::Enum {
            picklist_values(xml, &field.options);
        }
        if let Some(lines) = shape.visible_lines {
            xml.number("visibleLines", lines);
        }
    })
}

/// A restricted picklist: only the playbook's options can be stored, as in the playbook.
fn picklist_values(xml: &mut Xml, options: &[crate::model::entities::Ref]) {
    xml.element("valueSet", |xml| {
        xml.flag("restricted", true);
        xml.element("valueSetDefinition", |xml| {
            xml.flag("sorted", false);
            for option in options {
                xml.element("value", |xml| {
                    xml.leaf("fullName", &option.value);
                    xml.flag("default", false);
                    xml.leaf("label", &humanize(&option.value));
                });
            }
        });
    });
}

// ---------------------------------------------------------------- standard value sets

/// One value of a standard value set. `closed`, `converted` and the opportunity attributes are
/// only written where the set has them.
struct StandardValue {
    label: String,
    default: bool,
    closed: bool,
    converted: Option<bool>,
    opportunity: Option<OpportunityValue>,
}

struct OpportunityValue {
    forecast_category: &'static str,
    probability: u32,
    won: bool,
}

fn value_set_document(name: &str, values: &[StandardValue]) -> Document {
    let content = Xml::document("StandardValueSet", |xml| {
        xml.flag("sorted", false);
        for value in values {
            xml.element("standardValue", |xml| standard_value(xml, value));
        }
    });
    text(
        format!("{SOURCE_ROOT}/standardValueSets/{name}.standardValueSet-meta.xml"),
        content,
    )
}

/// A `standardValue`: the `CustomValue` elements first, then the `StandardValue` ones.
fn standard_value(xml: &mut Xml, value: &StandardValue) {
    // The label is the API name too: lead statuses and stages are stored by their label.
    xml.leaf("fullName", &value.label);
    xml.flag("default", value.default);
    xml.leaf("label", &value.label);
    xml.flag("closed", value.closed);
    if let Some(converted) = value.converted {
        xml.flag("converted", converted);
    }
    if let Some(opportunity) = &value.opportunity {
        xml.leaf("forecastCategory", opportunity.forecast_category);
        xml.number("probability", opportunity.probability);
        xml.flag("won", opportunity.won);
    }
}

/// The label of a lifecycle or pipeline stage, and the span to point at for it.
fn stage_label(
    id: &crate::model::entities::Ref,
    title: Option<&Spanned<String>>,
) -> (String, Span) {
    match title {
        Some(title) => (title.value.clone(), title.span),
        None => (humanize(&id.value), id.span),
    }
}

fn label_length_problem(entity: String, label: &str, span: Span, what: &str) -> Option<Diagnostic> {
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

fn too_many_values(set: &str, count: usize, span: Span, entity: String) -> Diagnostic {
    refuse(
        entity,
        span,
        format!(
            "`{set}` would hold {count} values; Salesforce allows at most {MAX_STANDARD_VALUES}"
        ),
        format!("keep {MAX_STANDARD_VALUES} stages or fewer"),
    )
}

// ---------------------------------------------------------------- LeadStatus

fn stage_entity(stage: &Entry<Stage>) -> String {
    format!("lifecycle.{}", stage.id.value)
}

/// The lifecycle as lead statuses, or `None` when the playbook has no lifecycle.
fn lead_statuses(graph: &Graph<'_>) -> Result<Option<Vec<StandardValue>>, Vec<Diagnostic>> {
    let playbook = graph.playbook;
    let stages: Vec<&Entry<Stage>> = playbook.stages.iter().collect();
    let Some(first) = stages.first() else {
        return Ok(None);
    };
    let mut problems = Vec::new();
    if stages.len() > MAX_STANDARD_VALUES {
        let extra = stages[MAX_STANDARD_VALUES];
        problems.push(too_many_values(
            LEAD_STATUS,
            stages.len(),
            extra.id.span,
            stage_entity(extra),
        ));
    }
    let labels = stage_labels(&stages, &mut problems);
    let converted = converted_stages(graph, &stages);
    if !converted.iter().any(|&c| c) {
        problems.push(refuse(
            stage_entity(first),
            playbook.lifecycle.unwrap_or(first.id.span),
            "no lifecycle stage converts a lead; Salesforce needs at least one converted lead status".to_owned(),
            "give the stage where a lead becomes a customer `outcome: won`, or hand leads over to another team",
        ));
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let values = stages
        .iter()
        .zip(labels)
        .zip(converted)
        .enumerate()
        .map(|(position, ((stage, label), converted))| StandardValue {
            label,
            // New leads get the first status; Salesforce needs exactly one default.
            default: position == 0,
            // A stage with an outcome ends the lifecycle.
            closed: stage.value.outcome.is_some(),
            converted: Some(converted),
            opportunity: None,
        })
        .collect();
    Ok(Some(values))
}

/// The labels of the lifecycle stages; Salesforce needs them distinct and at most 255 characters.
fn stage_labels(stages: &[&Entry<Stage>], problems: &mut Vec<Diagnostic>) -> Vec<String> {
    let mut seen: HashMap<String, &Entry<Stage>> = HashMap::new();
    let mut labels = Vec::new();
    for stage in stages {
        let (label, span) = stage_label(&stage.id, stage.value.title.as_ref());
        let what = format!("stage `{}`", stage.id.value);
        problems.extend(label_length_problem(
            stage_entity(stage),
            &label,
            span,
            &what,
        ));
        match seen.get(&label.to_lowercase()) {
            Some(first) => problems.push(
                refuse(
                    stage_entity(stage),
                    span,
                    format!(
                        "stage `{}` has the label `{label}`, like stage `{}`; lead statuses need distinct labels",
                        stage.id.value, first.id.value
                    ),
                    "give one of the two stages another `title`",
                )
                .with_related(Label::new(first.id.span, "first used here")),
            ),
            None => {
                seen.insert(label.to_lowercase(), stage);
            }
        }
        labels.push(label);
    }
    labels
}

fn is(outcome: Option<&Spanned<Outcome>>, expected: Outcome) -> bool {
    outcome.is_some_and(|outcome| outcome.value == expected)
}

/// Which stages are converted statuses. A lead converts when it reaches the other team: from the
/// receiving stage of the first handoff on, in list order, except lost stages. Without a handoff
/// (or when that leaves nothing) the won stages.
fn converted_stages(graph: &Graph<'_>, stages: &[&Entry<Stage>]) -> Vec<bool> {
    let start = graph
        .handoffs()
        .first()
        .and_then(|handoff| stages.iter().position(|s| s.id.value == handoff.edge.to));
    if let Some(start) = start {
        let after_handoff: Vec<bool> = stages
            .iter()
            .enumerate()
            .map(|(position, stage)| {
                position >= start && !is(stage.value.outcome.as_ref(), Outcome::Lost)
            })
            .collect();
        if after_handoff.iter().any(|&c| c) {
            return after_handoff;
        }
    }
    stages
        .iter()
        .map(|stage| is(stage.value.outcome.as_ref(), Outcome::Won))
        .collect()
}

// ---------------------------------------------------------------- OpportunityStage

/// A pipeline stage as an opportunity stage, and where it comes from.
struct OpportunityStage<'p> {
    label: String,
    span: Span,
    pipeline: &'p str,
    stage: &'p PipelineStage,
    probability: u32,
    outcome: Option<Outcome>,
}

fn pipeline_entity(pipeline: &str) -> String {
    format!("pipelines.{pipeline}")
}

/// Every pipeline's stages as one list of opportunity stages, merged by label, or `None` when
/// the playbook has no pipelines.
fn opportunity_stages(playbook: &Playbook) -> Result<Option<Vec<StandardValue>>, Vec<Diagnostic>> {
    if playbook.pipelines.is_empty() {
        return Ok(None);
    }
    let mut problems = Vec::new();
    let mut merged: Vec<OpportunityStage<'_>> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    for pipeline in &playbook.pipelines {
        for stage in pipeline_stages(pipeline) {
            let Some(stage) = opportunity_stage(pipeline, stage, &mut problems) else {
                continue;
            };
            // One value per label, whatever its case: Salesforce would not tell them apart.
            let key = stage.label.to_lowercase();
            match index.get(&key).and_then(|&position| merged.get(position)) {
                Some(first) => problems.extend(stage_conflict(first, &stage)),
                None => {
                    index.insert(key, merged.len());
                    merged.push(stage);
                }
            }
        }
    }
    if merged.len() > MAX_STANDARD_VALUES {
        let extra = &merged[MAX_STANDARD_VALUES];
        problems.push(too_many_values(
            OPPORTUNITY_STAGE,
            merged.len(),
            extra.span,
            pipeline_entity(extra.pipeline),
        ));
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(Some(merged.iter().map(opportunity_value).collect()))
}

fn pipeline_stages(pipeline: &Entry<Pipeline>) -> impl Iterator<Item = &PipelineStage> {
    pipeline.value.stages.iter()
}

/// A pipeline stage with its label and whole-number probability, or `None` after adding why it
/// has none to `problems`.
fn opportunity_stage<'p>(
    pipeline: &'p Entry<Pipeline>,
    stage: &'p PipelineStage,
    problems: &mut Vec<Diagnostic>,
) -> Option<OpportunityStage<'p>> {
    let id = &stage.id.value;
    let pipeline_id = pipeline.id.value.as_str();
    let (label, span) = stage_label(&stage.id, stage.title.as_ref());
    let what = format!("stage `{id}` of pipeline `{pipeline_id}`");
    let too_long = label_length_problem(pipeline_entity(pipeline_id), &label, span, &what);
    let outcome = stage.outcome.as_ref().map(|outcome| outcome.value);
    let probability = match (&stage.probability, outcome) {
        (Some(probability), _) => Some(percent(probability.value.0)),
        (None, Some(Outcome::Won)) => Some(100),
        (None, Some(Outcome::Lost)) => Some(0),
        (None, None) => None,
    };
    if probability.is_none() {
        problems.push(refuse(
            pipeline_entity(pipeline_id),
            stage.id.span,
            format!("{what} has no probability; Salesforce needs one for every opportunity stage"),
            "add `probability:` from 0.0 to 1.0",
        ));
    }
    if let Some(problem) = too_long {
        problems.push(problem);
        return None;
    }
    Some(OpportunityStage {
        label,
        span,
        pipeline: pipeline_id,
        stage,
        probability: probability?,
        outcome,
    })
}

/// A share from 0.0 to 1.0 as a whole percentage, the way Salesforce stores probabilities.
fn percent(share: f64) -> u32 {
    // The loader keeps shares within 0.0..=1.0; the clamp keeps the conversion exact anyway.
    (share * 100.0).round().clamp(0.0, 100.0) as u32
}

/// Two stages with one label are one Salesforce value, so they must agree.
fn stage_conflict(
    first: &OpportunityStage<'_>,
    later: &OpportunityStage<'_>,
) -> Option<Diagnostic> {
    if first.probability == later.probability && first.outcome == later.outcome {
        return None;
    }
    let describe = |stage: &OpportunityStage<'_>| {
        let state = match stage.outcome {
            Some(Outcome::Won) => "won",
            Some(Outcome::Lost) => "lost",
            None => "open",
        };
        format!("{state} with probability {}", stage.probability)
    };
    Some(
        refuse(
            pipeline_entity(later.pipeline),
            later.span,
            format!(
                "stage `{}` of pipeline `{}` and stage `{}` of pipeline `{}` are both `{}`, but one is {} and the other {}",
                later.stage.id.value,
                later.pipeline,
                first.stage.id.value,
                first.pipeline,
                later.label,
                describe(later),
                describe(first)
            ),
            "Salesforce has one list of opportunity stages for all pipelines: give the two stages the same probability and outcome, or different titles",
        )
        .with_related(Label::new(first.span, "first defined here")),
    )
}

fn opportunity_value(stage: &OpportunityStage<'_>) -> StandardValue {
    let won = stage.outcome == Some(Outcome::Won);
    StandardValue {
        label: stage.label.clone(),
        // Salesforce gives new opportunities no default stage; the owner picks one.
        default: false,
        closed: stage.outcome.is_some(),
        converted: None,
        opportunity: Some(OpportunityValue {
            forecast_category: forecast_category(stage.outcome, stage.probability),
            probability: stage.probability,
            won,
        }),
    }
}

/// The forecast category of a stage: closed stages by their outcome, open ones by how likely
/// they are to close. The whole percentage decides, so the category matches the probability
/// Salesforce shows.
fn forecast_category(outcome: Option<Outcome>, probability: u32) -> &'static str {
    match outcome {
        Some(Outcome::Won) => "Closed",
        Some(Outcome::Lost) => "Omitted",
        None if probability >= 70 => "Forecast",
        None if probability >= 40 => "BestCase",
        None => "Pipeline",
    }
}

// ---------------------------------------------------------------- package.xml

/// `manifest/package.xml`: what to deploy, types by name, members sorted.
fn manifest(fields: &[CustomField<'_>], value_sets: &[&str]) -> Document {
    let mut members: Vec<String> = fields.iter().map(CustomField::member).collect();
    members.sort();
    let mut sets: Vec<String> = value_sets.iter().map(|set| (*set).to_owned()).collect();
    sets.sort();
    let content = Xml::document("Package", |xml| {
        for (name, members) in [("CustomField", &members), ("StandardValueSet", &sets)] {
            if members.is_empty() {
                continue;
            }
            xml.element("types", |xml| {
                for member in members {
                    xml.leaf("members", member);
                }
                xml.leaf("name", name);
            });
        }
        xml.leaf("version", API_VERSION);
    });
    text("manifest/package.xml", content)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::source::Sources;
    use crate::load::{LoadOptions, load_playbook};

    const HEADER: &str = "version: 1\nplaybook: test-playbook\nteams:\n  marketing: { name: Marketing }\n  sales: { name: Sales }\n";

    fn export_yaml(body: &str) -> Export {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("playbook.yaml");
        std::fs::write(&path, format!("{HEADER}{body}")).expect("write playbook");
        let mut sources = Sources::default();
        let loaded = load_playbook(&path, &mut sources, LoadOptions::default()).expect("load");
        let graph = Graph::build(&loaded.playbook);
        export(&graph)
    }

    fn documents(body: &str) -> Vec<Document> {
        match export_yaml(body) {
            Ok(documents) => documents,
            Err(problems) => panic!("refused: {problems:#?}"),
        }
    }

    fn refusals(body: &str) -> Vec<Diagnostic> {
        match export_yaml(body) {
            Ok(documents) => panic!("exported {} files", documents.len()),
            Err(problems) => problems,
        }
    }

    fn file(documents: &[Document], path: &str) -> String {
        let document = documents
            .iter()
            .find(|document| document.path == path)
            .unwrap_or_else(|| panic!("no {path} among {:?}", paths(documents)));
        String::from_utf8(document.content.clone()).expect("utf-8")
    }

    fn paths(documents: &[Document]) -> Vec<&str> {
        documents
            .iter()
            .map(|document| document.path.as_str())
            .collect()
    }

    fn field_path(object: &str, name: &str) -> String {
        format!("{SOURCE_ROOT}/objects/{object}/fields/{name}.field-meta.xml")
    }

    /// The text of every `<name>` element under the `standardValue` whose fullName is `value`.
    fn standard_value_of(xml: &str, value: &str) -> String {
        xml.split("<standardValue>")
            .find(|part| part.contains(&format!("<fullName>{value}</fullName>")))
            .unwrap_or_else(|| panic!("no value {value} in {xml}"))
            .to_owned()
    }

    const LIFECYCLE: &str = "lifecycle:
  stages:
    - { id: new, title: New inquiry, owner: marketing }
    - { id: mql, owner: marketing }
    - { id: sql, owner: sales, next: [won, lost] }
    - { id: won, title: Customer, owner: sales, outcome: won }
    - { id: lost, owner: sales, outcome: lost }
";

    const PIPELINES: &str = "pipelines:
  main:
    title: Main
    stages:
      - { id: talk, title: First talk, probability: 0.1 }
      - { id: offer, title: Offer sent, probability: 0.45 }
      - { id: contract, title: Contract, probability: 0.7 }
      - { id: signed, title: Signed, outcome: won }
      - { id: lost, title: Lost, outcome: lost }
  renewals:
    title: Renewals
    stages:
      - { id: renewal-offer, title: Offer sent, probability: 0.45 }
      - { id: renewal-lost, title: Lost, probability: 0.0, outcome: lost }
";

    #[test]
    fn field_types_map_to_salesforce_types() {
        let documents = documents(
            "fields:
  nickname: { label: Nickname, type: string, object: company }
  notes: { label: Notes, type: text, object: company }
  score: { label: Score, type: number, object: company }
  since: { label: Since, type: date, object: company }
  seen_at: { label: Seen at, type: datetime, object: company }
  vip: { label: VIP, type: bool, object: company }
  mail: { label: Mail, type: email, object: company }
  tel: { label: Tel, type: phone, object: company }
",
        );
        let body = |name: &str| {
            let xml = file(&documents, &field_path("Account", name));
            let start = xml.find("<CustomField").expect("root");
            xml[start..]
                .lines()
                .skip(1)
                .map(str::trim)
                .collect::<Vec<_>>()
                .join(" ")
        };
        assert_eq!(
            body("Nickname__c"),
            "<fullName>Nickname__c</fullName> <externalId>false</externalId> <label>Nickname</label> <length>255</length> <required>false</required> <trackTrending>false</trackTrending> <type>Text</type> </CustomField>"
        );
        assert_eq!(
            body("Notes__c"),
            "<fullName>Notes__c</fullName> <label>Notes</label> <length>32768</length> <required>false</required> <trackTrending>false</trackTrending> <type>LongTextArea</type> <visibleLines>4</visibleLines> </CustomField>"
        );
        assert_eq!(
            body("Score__c"),
            "<fullName>Score__c</fullName> <externalId>false</externalId> <label>Score</label> <precision>18</precision> <required>false</required> <scale>2</scale> <trackTrending>false</trackTrending> <type>Number</type> </CustomField>"
        );
        assert!(body("Since__c").contains("<type>Date</type>"));
        assert!(body("Seen_At__c").contains("<type>DateTime</type>"));
        assert_eq!(
            body("Vip__c"),
            "<fullName>Vip__c</fullName> <defaultValue>false</defaultValue> <label>VIP</label> <trackTrending>false</trackTrending> <type>Checkbox</type> </CustomField>"
        );
        assert!(body("Mail__c").contains("<type>Email</type>"));
        assert!(body("Tel__c").contains("<type>Phone</type>"));
    }

    #[test]
    fn contact_fields_exist_on_lead_and_contact() {
        let documents = documents(
            "fields:
  first_name: { label: First name, type: string }
  budget: { label: Budget, type: number, object: deal }
  region: { label: Region & area, type: string, object: contact, description: \"Where <they> live\" }
",
        );
        let lead = file(&documents, &field_path("Lead", "First_Name__c"));
        assert_eq!(
            lead,
            file(&documents, &field_path("Contact", "First_Name__c"))
        );
        let region = file(&documents, &field_path("Lead", "Region__c"));
        assert!(region.contains("<label>Region &amp; area</label>"));
        assert!(region.contains("<description>Where &lt;they&gt; live</description>"));
        assert!(paths(&documents).contains(&field_path("Opportunity", "Budget__c").as_str()));
        let manifest = file(&documents, "manifest/package.xml");
        assert_eq!(
            manifest,
            format!(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>
<Package xmlns=\"{NAMESPACE}\">
    <types>
        <members>Contact.First_Name__c</members>
        <members>Contact.Region__c</members>
        <members>Lead.First_Name__c</members>
        <members>Lead.Region__c</members>
        <members>Opportunity.Budget__c</members>
        <name>CustomField</name>
    </types>
    <version>60.0</version>
</Package>
"
            )
        );
        let project = file(&documents, "sfdx-project.json");
        assert_eq!(
            project,
            "{
  \"packageDirectories\": [
    {
      \"path\": \"force-app\",
      \"default\": true
    }
  ],
  \"name\": \"test-playbook\",
  \"namespace\": \"\",
  \"sourceApiVersion\": \"60.0\"
}
"
        );
    }

    #[test]
    fn picklist_elements_follow_the_schema_order() {
        let documents = documents(
            "fields:
  event_type:
    label: Event type
    type: enum
    object: deal
    options: [wedding, group-stay]
    description: What the guest celebrates
",
        );
        let expected = format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>
<CustomField xmlns=\"{NAMESPACE}\">
    <fullName>Event_Type__c</fullName>
    <description>What the guest celebrates</description>
    <label>Event type</label>
    <required>false</required>
    <trackTrending>false</trackTrending>
    <type>Picklist</type>
    <valueSet>
        <restricted>true</restricted>
        <valueSetDefinition>
            <sorted>false</sorted>
            <value>
                <fullName>wedding</fullName>
                <default>false</default>
                <label>Wedding</label>
            </value>
            <value>
                <fullName>group-stay</fullName>
                <default>false</default>
                <label>Group stay</label>
            </value>
        </valueSetDefinition>
    </valueSet>
</CustomField>
"
        );
        assert_eq!(
            file(&documents, &field_path("Opportunity", "Event_Type__c")),
            expected
        );
    }

    #[test]
    fn one_default_lead_status_and_converted_after_the_handoff() {
        let documents = documents(LIFECYCLE);
        let xml = file(
            &documents,
            &format!("{SOURCE_ROOT}/standardValueSets/LeadStatus.standardValueSet-meta.xml"),
        );
        assert_eq!(xml.matches("<default>true</default>").count(), 1);
        let new = standard_value_of(&xml, "New inquiry");
        assert!(new.contains("<default>true</default>"));
        assert!(new.contains("<converted>false</converted>"));
        assert!(standard_value_of(&xml, "Mql").contains("<converted>false</converted>"));
        // mql → sql is the handoff from marketing to sales.
        assert!(standard_value_of(&xml, "Sql").contains("<converted>true</converted>"));
        let won = standard_value_of(&xml, "Customer");
        assert!(
            won.contains("<closed>true</closed>") && won.contains("<converted>true</converted>")
        );
        let lost = standard_value_of(&xml, "Lost");
        assert!(
            lost.contains("<closed>true</closed>") && lost.contains("<converted>false</converted>")
        );
        assert!(
            new.find("<fullName>").unwrap() < new.find("<default>").unwrap()
                && new.find("<label>").unwrap() < new.find("<closed>").unwrap()
                && new.find("<closed>").unwrap() < new.find("<converted>").unwrap()
        );
        assert!(file(&documents, "manifest/package.xml").contains("<members>LeadStatus</members>"));
    }

    #[test]
    fn without_a_handoff_won_stages_convert() {
        let documents = documents(
            "lifecycle:
  stages:
    - { id: open }
    - { id: done, outcome: won }
",
        );
        let xml = file(
            &documents,
            &format!("{SOURCE_ROOT}/standardValueSets/LeadStatus.standardValueSet-meta.xml"),
        );
        assert!(standard_value_of(&xml, "Open").contains("<converted>false</converted>"));
        assert!(standard_value_of(&xml, "Done").contains("<converted>true</converted>"));
        // No pipelines, no OpportunityStage.
        assert!(
            !paths(&documents)
                .iter()
                .any(|path| path.contains(OPPORTUNITY_STAGE))
        );
    }

    #[test]
    fn a_lifecycle_without_conversion_is_refused() {
        let problems = refusals(
            "lifecycle:
  stages:
    - { id: open }
    - { id: gone, outcome: lost }
",
        );
        assert_eq!(problems.len(), 1);
        assert!(
            problems[0]
                .message
                .contains("at least one converted lead status")
        );
    }

    #[test]
    fn opportunity_stages_carry_won_closed_probability_and_forecast() {
        let documents = documents(PIPELINES);
        let xml = file(
            &documents,
            &format!("{SOURCE_ROOT}/standardValueSets/OpportunityStage.standardValueSet-meta.xml"),
        );
        // Merged by label: two `Offer sent` and two `Lost` become one value each.
        assert_eq!(xml.matches("<standardValue>").count(), 5);
        let value = |label: &str| {
            standard_value_of(&xml, label)
                .lines()
                .map(str::trim)
                .filter(|line| !line.starts_with("</standardValue"))
                .collect::<Vec<_>>()
                .join(" ")
        };
        assert_eq!(
            value("First talk").trim(),
            "<fullName>First talk</fullName> <default>false</default> <label>First talk</label> <closed>false</closed> <forecastCategory>Pipeline</forecastCategory> <probability>10</probability> <won>false</won>"
        );
        assert!(value("Offer sent").contains(
            "<forecastCategory>BestCase</forecastCategory> <probability>45</probability>"
        ));
        assert!(value("Contract").contains(
            "<forecastCategory>Forecast</forecastCategory> <probability>70</probability>"
        ));
        assert!(value("Signed").contains(
            "<closed>true</closed> <forecastCategory>Closed</forecastCategory> <probability>100</probability> <won>true</won>"
        ));
        assert!(value("Lost").contains(
            "<closed>true</closed> <forecastCategory>Omitted</forecastCategory> <probability>0</probability> <won>false</won>"
        ));
        assert!(
            file(&documents, "manifest/package.xml")
                .contains("<members>OpportunityStage</members>")
        );
    }

    #[test]
    fn conflicting_stages_across_pipelines_are_refused() {
        let problems = refusals(
            "pipelines:
  events:
    title: Events
    stages:
      - { id: offer-sent, title: Offer sent, probability: 0.4 }
      - { id: won, title: Won, outcome: won }
  weddings:
    title: Weddings
    stages:
      - { id: wedding-offer, title: Offer sent, probability: 0.45 }
      - { id: wedding-won, title: Won, outcome: lost }
      - { id: maybe }
",
        );
        let messages: Vec<&str> = problems.iter().map(|p| p.message.as_str()).collect();
        assert_eq!(problems.len(), 3, "{messages:#?}");
        assert_eq!(
            messages[0],
            "salesforce: stage `wedding-offer` of pipeline `weddings` and stage `offer-sent` of pipeline `events` are both `Offer sent`, but one is open with probability 45 and the other open with probability 40"
        );
        assert!(messages[1].contains("`wedding-won`") && messages[1].contains("one is lost"));
        assert!(messages[2].contains("stage `maybe` of pipeline `weddings` has no probability"));
        assert_eq!(problems[0].related.len(), 1);
    }

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
    fn output_is_deterministic() {
        let body = format!("fields:\n  a: {{ label: A, type: string }}\n{LIFECYCLE}{PIPELINES}");
        assert_eq!(documents(&body), documents(&body));
    }
}

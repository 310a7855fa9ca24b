//! HubSpot: request bodies for the CRM v3 APIs, one JSON file per call, numbered in the order the
//! calls must be made, with a README that lists them.
//!
//! Fields become custom properties in a `smarketing` property group of their object (contacts,
//! deals, companies); the lifecycle becomes the options of the `lifecyclestage` and
//! `hs_lead_status` properties; each deal pipeline becomes a pipeline with stage probabilities.
//! Fields named like one of HubSpot's built-in properties use that property instead of creating
//! a second one.

use super::names::{constant, humanize, option_label};
use super::{Export, refusal, text};
use crate::diagnostic::Diagnostic;
use crate::graph::Graph;
use crate::model::values::{FieldObject, FieldType, Outcome};
use crate::model::{Entry, Field, Playbook};
use crate::render::Document;
use serde_json::{Value, json};

/// HubSpot's own lifecycle stage values; `crm:` on a stage names one of them.
pub const LIFECYCLE_STAGES: [&str; 8] = [
    "subscriber",
    "lead",
    "marketingqualifiedlead",
    "salesqualifiedlead",
    "opportunity",
    "customer",
    "evangelist",
    "other",
];

/// Properties every HubSpot account has, per object: a field with one of these names maps onto
/// it.
const BUILT_IN: [(&str, &[&str]); 3] = [
    (
        "contacts",
        &[
            "email",
            "firstname",
            "lastname",
            "phone",
            "mobilephone",
            "company",
            "website",
            "address",
            "city",
            "state",
            "zip",
            "country",
            "jobtitle",
            "industry",
            "salutation",
            "fax",
            "message",
            "lifecyclestage",
            "hs_lead_status",
            "hubspot_owner_id",
            "date_of_birth",
            "annualrevenue",
            "numemployees",
        ],
    ),
    (
        "deals",
        &[
            "dealname",
            "amount",
            "closedate",
            "dealstage",
            "pipeline",
            "dealtype",
            "description",
            "hubspot_owner_id",
        ],
    ),
    (
        "companies",
        &[
            "name",
            "domain",
            "industry",
            "phone",
            "city",
            "state",
            "country",
            "zip",
            "address",
            "website",
            "description",
            "numberofemployees",
            "annualrevenue",
            "type",
        ],
    ),
];

/// Most options smarketing exports for one enumeration property.
pub const MAX_OPTIONS: usize = 1000;
const GROUP: &str = "smarketing";

fn object_of(field: &Field) -> &'static str {
    match field.object.as_ref().map(|o| o.value) {
        Some(FieldObject::Deal) => "deals",
        Some(FieldObject::Company) => "companies",
        Some(FieldObject::Contact) | None => "contacts",
    }
}

fn built_in(object: &str, name: &str) -> bool {
    BUILT_IN
        .iter()
        .any(|(o, names)| *o == object && names.contains(&name))
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

fn option(label: &str, value: &str, order: usize) -> Value {
    json!({ "label": label, "value": value, "displayOrder": order, "hidden": false })
}

/// One call: its method and endpoint, the file that holds its body, and the body.
struct Call {
    method: &'static str,
    endpoint: String,
    /// Tells apart files for the same endpoint (the pipeline id).
    suffix: Option<String>,
    what: String,
    body: Value,
}

pub fn export(graph: &Graph<'_>) -> Export {
    let playbook = graph.playbook;
    let mut problems = Vec::new();
    let mut calls = Vec::new();
    let mut mapped = Vec::new();
    let mut notes = Vec::new();
    for object in ["contacts", "deals", "companies"] {
        let fields: Vec<&Entry<Field>> = playbook
            .fields
            .iter()
            .filter(|f| object_of(&f.value) == object)
            .collect();
        let mut inputs = Vec::new();
        for field in fields {
            if built_in(object, &field.id.value) {
                mapped.push(format!(
                    "`{}` uses the built-in {object} property `{}`",
                    field.id.value, field.id.value
                ));
                continue;
            }
            notes.extend(notes_on(field));
            match property(field, object, inputs.len()) {
                Ok(input) => inputs.push(input),
                Err(mut found) => problems.append(&mut found),
            }
        }
        if inputs.is_empty() {
            continue;
        }
        calls.push(Call {
            method: "POST",
            endpoint: format!("/crm/v3/properties/{object}/groups"),
            suffix: None,
            what: format!("create the `{GROUP}` property group for {object}"),
            body: json!({ "name": GROUP, "label": "Smarketing", "displayOrder": -1 }),
        });
        calls.push(Call {
            method: "POST",
            endpoint: format!("/crm/v3/properties/{object}/batch/create"),
            suffix: None,
            what: format!(
                "create {} {} on {object}",
                inputs.len(),
                if inputs.len() == 1 {
                    "property"
                } else {
                    "properties"
                }
            ),
            body: json!({ "inputs": inputs }),
        });
    }
    match lifecycle_options(playbook) {
        Ok(Some(options)) => calls.push(Call {
            method: "PATCH",
            endpoint: "/crm/v3/properties/contacts/lifecyclestage".into(),
            suffix: None,
            what: "set the lifecycle stage options".into(),
            body: json!({ "options": options }),
        }),
        Ok(None) => {}
        Err(mut found) => problems.append(&mut found),
    }
    if !playbook.stages.is_empty() {
        let options: Vec<Value> = playbook
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
        calls.push(Call {
            method: "PATCH",
            endpoint: "/crm/v3/properties/contacts/hs_lead_status".into(),
            suffix: None,
            what: "set the lead status options, one per lifecycle stage".into(),
            body: json!({ "options": options }),
        });
    }
    for (order, pipeline) in playbook.pipelines.iter().enumerate() {
        match pipeline_input(pipeline, order) {
            Ok(body) => calls.push(Call {
                method: "POST",
                endpoint: "/crm/v3/pipelines/deals".into(),
                suffix: Some(pipeline.id.value.to_string()),
                what: format!("create the deal pipeline `{}`", pipeline.id.value),
                body,
            }),
            Err(mut found) => problems.append(&mut found),
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(documents(&calls, &mapped, &notes))
}

/// What a field means that its HubSpot property cannot hold, for the README.
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

fn stage_label(title: Option<&crate::base::span::Spanned<String>>, id: &str) -> String {
    title.map_or_else(|| humanize(id), |t| t.value.clone())
}

fn property(field: &Entry<Field>, object: &str, order: usize) -> Result<Value, Vec<Diagnostic>> {
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
    let mut input = json!({
        "name": name,
        "label": field.value.label.value,
        "type": kind,
        "fieldType": field_type,
        "groupName": GROUP,
        "displayOrder": order,
    });
    if let Some(description) = &field.value.description {
        input["description"] = json!(description.value);
    }
    match field.value.field_type.value {
        // HubSpot keeps no currency per property: an amount is shown in the portal's company
        // currency (or the record's, with several currencies), so the README names the one
        // the playbook means.
        FieldType::Currency => {
            input["numberDisplayHint"] = json!("currency");
            input["showCurrencySymbol"] = json!(true);
        }
        FieldType::Bool => {
            input["options"] = json!([option("Yes", "true", 0), option("No", "false", 1)]);
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
            let options: Vec<Value> = field
                .value
                .options
                .iter()
                .enumerate()
                .map(|(i, o)| option(&option_label(&field.value.options, i), &o.value, i))
                .collect();
            input["options"] = json!(options);
        }
        _ => {}
    }
    let _ = object;
    if problems.is_empty() {
        Ok(input)
    } else {
        Err(problems)
    }
}

/// The lifecycle stages that name a HubSpot lifecycle stage, as its options, in order; each
/// HubSpot value once, labelled by the first stage that names it.
fn lifecycle_options(playbook: &Playbook) -> Result<Option<Vec<Value>>, Vec<Diagnostic>> {
    let mut options: Vec<Value> = Vec::new();
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
        if options.iter().any(|o| o["value"] == crm.value.as_str()) {
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

fn pipeline_input(
    pipeline: &Entry<crate::model::Pipeline>,
    order: usize,
) -> Result<Value, Vec<Diagnostic>> {
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
        stages.push(json!({
            "label": label,
            "displayOrder": index,
            "metadata": {
                "probability": probability.to_string(),
                "isClosed": outcome.is_some().to_string(),
            },
        }));
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(json!({ "label": pipeline.value.title.value, "displayOrder": order, "stages": stages }))
}

/// The numbered request bodies and the README that lists them.
fn documents(calls: &[Call], mapped: &[String], notes: &[String]) -> Vec<Document> {
    let mut documents = Vec::new();
    let mut readme = String::from(
        "# HubSpot configuration\n\nMade by `smarketing export --target hubspot`. Send the request bodies in this order, with a private app token that may write CRM schemas:\n\n| # | call | body | what it does |\n| --- | --- | --- | --- |\n",
    );
    for (index, call) in calls.iter().enumerate() {
        let slug: String = call
            .endpoint
            .trim_start_matches('/')
            .replace(['/', '_'], "-");
        let mut file = format!("{:02}-{}-{slug}", index + 1, call.method.to_lowercase());
        if let Some(suffix) = &call.suffix {
            file.push('-');
            file.push_str(suffix);
        }
        file.push_str(".json");
        let mut body = serde_json::to_string_pretty(&call.body).unwrap_or_default();
        body.push('\n');
        readme.push_str(&format!(
            "| {} | `{} {}` | `{file}` | {} |\n",
            index + 1,
            call.method,
            call.endpoint,
            call.what
        ));
        documents.push(text(file, body));
    }
    readme.push_str("\nFor example:\n\n```sh\ncurl -X POST https://api.hubapi.com/crm/v3/properties/contacts/groups \\\n  -H \"Authorization: Bearer $HUBSPOT_TOKEN\" -H \"Content-Type: application/json\" \\\n  --data @01-post-crm-v3-properties-contacts-groups.json\n```\n");
    if !mapped.is_empty() {
        readme.push_str("\nFields that HubSpot already has are not created again:\n\n");
        for line in mapped {
            readme.push_str(&format!("- {line}\n"));
        }
    }
    if !notes.is_empty() {
        readme.push_str("\nWhat the properties cannot hold themselves:\n\n");
        for line in notes {
            readme.push_str(&format!("- {line}\n"));
        }
    }
    readme.push_str("\nThe `PATCH` calls replace the options of HubSpot's lifecycle stage and lead status properties with the playbook's.\n");
    documents.push(text("README.md", readme));
    documents
}

//! HubSpot: request bodies for the CRM v3 APIs, one JSON file per call, numbered in the order the
//! calls must be made, with a README that lists them.
//!
//! Fields become custom properties in a `smarketing` property group of their object (contacts,
//! deals, companies); the lifecycle becomes the options of the `lifecyclestage` and
//! `hs_lead_status` properties; each deal pipeline becomes a pipeline with stage probabilities.
//! Fields that mean one of HubSpot's built-in properties use that property instead of creating
//! a second one (`built_in`). What the portal should hold is worked out once (`desired`), for
//! these files and for `crm plan` alike.
//!
//! The files are for review and for accounts that cannot be reached from where the playbook
//! lives; `crm apply` sends the same configuration safely (merging options, creating only what
//! is missing).

pub mod built_in;
pub mod desired;

use super::{Export, text};
use crate::graph::Graph;
use crate::render::Document;
use desired::{Desired, GROUP, GROUP_LABEL, desired};
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

/// Most options smarketing exports for one enumeration property.
pub const MAX_OPTIONS: usize = 1000;

/// The scopes a private app needs to read and write what smarketing manages.
pub const SCOPES: [&str; 6] = [
    "crm.schemas.contacts.read",
    "crm.schemas.contacts.write",
    "crm.schemas.companies.read",
    "crm.schemas.companies.write",
    "crm.schemas.deals.read",
    "crm.schemas.deals.write",
];

/// A HubSpot CRM object that has properties.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Object {
    Contacts,
    Deals,
    Companies,
}

impl Object {
    pub const ALL: [Object; 3] = [Object::Contacts, Object::Deals, Object::Companies];

    /// The object type as HubSpot's paths name it.
    pub fn as_str(self) -> &'static str {
        match self {
            Object::Contacts => "contacts",
            Object::Deals => "deals",
            Object::Companies => "companies",
        }
    }
}

/// JSON of a serializable body. Serializing plain data cannot fail; `null` is the harmless
/// fallback that keeps the export free of panics.
pub fn to_json(value: &impl serde::Serialize) -> Value {
    serde_json::to_value(value).unwrap_or(Value::Null)
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
    let desired = desired(graph.playbook)?;
    Ok(documents(&calls(&desired), &desired))
}

fn calls(desired: &Desired) -> Vec<Call> {
    let mut calls = Vec::new();
    for object in desired.objects_with_properties() {
        let inputs: Vec<Value> = desired
            .properties
            .iter()
            .filter(|p| p.object == object)
            .map(to_json)
            .collect();
        let object = object.as_str();
        calls.push(Call {
            method: "POST",
            endpoint: format!("/crm/v3/properties/{object}/groups"),
            suffix: None,
            what: format!("create the `{GROUP}` property group for {object}"),
            body: json!({ "name": GROUP, "label": GROUP_LABEL, "displayOrder": -1 }),
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
    for managed in &desired.managed {
        calls.push(Call {
            method: "PATCH",
            endpoint: format!(
                "/crm/v3/properties/{}/{}",
                managed.object.as_str(),
                managed.name
            ),
            suffix: None,
            what: match managed.name {
                "lifecyclestage" => "set the lifecycle stage options".into(),
                _ => "set the lead status options, one per lifecycle stage".into(),
            },
            body: json!({ "options": to_json(&managed.options) }),
        });
    }
    for pipeline in &desired.pipelines {
        calls.push(Call {
            method: "POST",
            endpoint: "/crm/v3/pipelines/deals".into(),
            suffix: Some(pipeline.pipeline_id.clone()),
            what: format!("create the deal pipeline `{}`", pipeline.pipeline_id),
            body: to_json(pipeline),
        });
    }
    calls
}

/// The numbered request bodies and the README that lists them.
fn documents(calls: &[Call], desired: &Desired) -> Vec<Document> {
    let mut documents = Vec::new();
    let mut readme = format!(
        "# HubSpot configuration\n\nMade by `smarketing export --target hubspot`, for review and for accounts that cannot be reached from here. `smarketing crm apply --target hubspot` sends the same configuration safely: it creates only what is missing, changes only what differs and adds options without removing HubSpot's own.\n\nTo send these files by hand, use a private app token with the scopes {}, in this order:\n\n| # | call | body | what it does |\n| --- | --- | --- | --- |\n",
        SCOPES.map(|s| format!("`{s}`")).join(", ")
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
    readme.push_str("\nFor example:\n\n```sh\ncurl -X POST https://api.hubapi.com/crm/v3/properties/contacts/groups \\\n  -H \"Authorization: Bearer $HUBSPOT_ACCESS_TOKEN\" -H \"Content-Type: application/json\" \\\n  --data @01-post-crm-v3-properties-contacts-groups.json\n```\n");
    if !desired.mapped.is_empty() {
        readme.push_str("\nFields that HubSpot already has are not created again:\n\n");
        for mapped in &desired.mapped {
            readme.push_str(&format!(
                "- `{}` uses the built-in {} property `{}`\n",
                mapped.field,
                mapped.object.as_str(),
                mapped.property
            ));
        }
    }
    if !desired.notes.is_empty() {
        readme.push_str("\nWhat the properties cannot hold themselves:\n\n");
        for line in &desired.notes {
            readme.push_str(&format!("- {line}\n"));
        }
    }
    readme.push_str("\nSent by hand, the `PATCH` calls replace the options of HubSpot's lifecycle stage and lead status properties with the playbook's, so HubSpot's other options (`subscriber`, `evangelist`, `NEW`, `OPEN`, …) disappear; `crm apply` merges them instead. The pipelines keep the playbook's ids, so a second `POST` of the same pipeline fails instead of making a copy.\n");
    documents.push(text("README.md", readme));
    documents
}

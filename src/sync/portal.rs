//! What a HubSpot portal holds, as far as smarketing manages it: the properties and property
//! groups of contacts, deals and companies (with the names of archived properties, which cannot
//! be created again), and the deal pipelines. Reading is all `GET`s; nothing here writes.

use super::client::{Client, Failure};
use crate::export::hubspot::Object;
use serde::Deserialize;
use serde_json::{Map, Value};
use std::collections::BTreeMap;

#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PortalProperty {
    pub name: String,
    #[serde(default)]
    pub label: String,
    #[serde(rename = "type", default)]
    pub kind: String,
    #[serde(default)]
    pub field_type: String,
    #[serde(default)]
    pub group_name: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub options: Vec<PortalOption>,
    #[serde(default)]
    pub hubspot_defined: Option<bool>,
    #[serde(default)]
    pub number_display_hint: Option<String>,
    #[serde(default)]
    pub show_currency_symbol: Option<bool>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PortalOption {
    pub label: String,
    pub value: String,
    #[serde(default)]
    pub display_order: Option<i64>,
    #[serde(default)]
    pub hidden: bool,
    #[serde(default)]
    pub description: Option<String>,
}

#[derive(Clone, Debug, Deserialize)]
pub struct PortalGroup {
    pub name: String,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PortalPipeline {
    pub id: String,
    #[serde(default)]
    pub label: String,
    #[serde(default)]
    pub stages: Vec<PortalStage>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PortalStage {
    pub id: String,
    #[serde(default)]
    pub label: String,
    #[serde(default)]
    pub metadata: Map<String, Value>,
}

/// One object's properties and groups.
#[derive(Clone, Debug, Default)]
pub struct ObjectState {
    pub properties: Vec<PortalProperty>,
    pub archived: Vec<String>,
    pub groups: Vec<PortalGroup>,
}

impl ObjectState {
    pub fn property(&self, name: &str) -> Option<&PortalProperty> {
        self.properties.iter().find(|p| p.name == name)
    }
}

/// The portal, as read at the start of a plan.
#[derive(Clone, Debug, Default)]
pub struct Portal {
    pub objects: BTreeMap<Object, ObjectState>,
    pub pipelines: Vec<PortalPipeline>,
}

impl Portal {
    pub fn object(&self, object: Object) -> Option<&ObjectState> {
        self.objects.get(&object)
    }
}

#[derive(Deserialize)]
struct Results<T> {
    results: Vec<T>,
}

fn results<T: serde::de::DeserializeOwned>(path: &str, body: Value) -> Result<Vec<T>, Failure> {
    serde_json::from_value::<Results<T>>(body)
        .map(|r| r.results)
        .map_err(|error| {
            Failure::Fatal(format!(
                "GET {path}: HubSpot's answer is not what smarketing reads: {error}"
            ))
        })
}

/// Reads everything a plan compares.
pub fn read(client: &mut Client) -> Result<Portal, Failure> {
    let mut portal = Portal::default();
    for object in Object::ALL {
        let name = object.as_str();
        let path = format!("/crm/v3/properties/{name}");
        let properties = results(&path, client.get(&path)?)?;
        let path = format!("/crm/v3/properties/{name}?archived=true");
        let archived: Vec<PortalProperty> = results(&path, client.get(&path)?)?;
        let path = format!("/crm/v3/properties/{name}/groups");
        let groups = results(&path, client.get(&path)?)?;
        portal.objects.insert(
            object,
            ObjectState {
                properties,
                archived: archived.into_iter().map(|p| p.name).collect(),
                groups,
            },
        );
    }
    let path = "/crm/v3/pipelines/deals";
    portal.pipelines = results(path, client.get(path)?)?;
    Ok(portal)
}

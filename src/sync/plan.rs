//! The plan: what `apply` would change to make the portal hold what the playbook asks for.
//!
//! Identity is the property's and group's `name` and the pipeline's and stage's id. What is
//! missing is created; what exists is compared value by value after HubSpot's own ways of
//! writing it (a probability `"1.0"` is 1, an unset description is `""`, display orders are
//! HubSpot's to renumber), and only what differs is changed. Options are merged: the playbook's
//! are added or relabelled and the others stay. Nothing is archived unless `--prune` asks, and
//! then only properties in the `smarketing` group and options smarketing added. HubSpot's own
//! properties are never relabelled, retyped or regrouped, and a type change is refused.
//!
//! Each change is also a request (`Write`), so `apply` sends exactly what the plan shows.

use super::portal::{ObjectState, Portal, PortalOption, PortalProperty};
use crate::export::hubspot::desired::{Desired, GROUP, GROUP_LABEL, HubOption, Pipeline, Property};
use crate::export::hubspot::{Object, to_json};
use serde::Serialize;
use serde_json::{Map, Value, json};

/// The description of every option smarketing adds to one of HubSpot's own enumerations: how
/// `--prune` tells them from HubSpot's defaults and from options people added by hand.
pub const MARKER: &str = "Added by smarketing";

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Action {
    Create,
    Update,
    Archive,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Group,
    Property,
    Option,
    Pipeline,
    Stage,
}

/// One change, as `plan --format json` shows it.
#[derive(Clone, Debug, Serialize)]
pub struct Change {
    pub action: Action,
    pub kind: Kind,
    pub object: &'static str,
    pub name: String,
    pub before: Value,
    pub after: Value,
}

/// One request that makes one or more changes.
#[derive(Clone, Debug)]
pub struct Write {
    pub method: &'static str,
    pub path: String,
    pub body: Value,
    /// Indices into `Plan::changes`.
    pub changes: Vec<usize>,
}

/// Everything `plan` found.
#[derive(Clone, Debug, Default)]
pub struct Plan {
    pub changes: Vec<Change>,
    pub writes: Vec<Write>,
    /// Why part of the playbook cannot be synced; `apply` sends nothing while there are any.
    pub refusals: Vec<String>,
    /// Fields that use one of HubSpot's own properties.
    pub mapped: Vec<String>,
    /// What the portal holds in smarketing's name that the playbook no longer has.
    pub leftovers: Vec<String>,
}

impl Plan {
    fn change(&mut self, change: Change) -> usize {
        self.changes.push(change);
        self.changes.len() - 1
    }

    fn write(&mut self, method: &'static str, path: String, body: Value, changes: Vec<usize>) {
        self.writes.push(Write {
            method,
            path,
            body,
            changes,
        });
    }
}

/// Compares what the playbook asks for with the portal.
pub fn plan(desired: &Desired, portal: &Portal, prune: bool) -> Plan {
    let mut plan = Plan::default();
    let empty = ObjectState::default();
    for mapped in &desired.mapped {
        plan.mapped.push(format!(
            "field `{}` uses HubSpot's {} property `{}`",
            mapped.field,
            mapped.object.as_str(),
            mapped.property
        ));
    }
    for object in Object::ALL {
        let state = portal.object(object).unwrap_or(&empty);
        let wanted: Vec<&Property> = desired
            .properties
            .iter()
            .filter(|p| p.object == object)
            .collect();
        properties(&mut plan, object, state, &wanted, prune);
        for managed in desired.managed.iter().filter(|m| m.object == object) {
            match state.property(managed.name) {
                Some(existing) => {
                    update(&mut plan, object, existing, None, &managed.options, prune)
                }
                None => plan.refusals.push(format!(
                    "HubSpot's {} property `{}` is not in the portal, so its options cannot be set",
                    object.as_str(),
                    managed.name
                )),
            }
        }
    }
    for pipeline in &desired.pipelines {
        pipelines(&mut plan, portal, pipeline);
    }
    plan
}

fn properties(
    plan: &mut Plan,
    object: Object,
    state: &ObjectState,
    wanted: &[&Property],
    prune: bool,
) {
    let name = object.as_str();
    if !wanted.is_empty() && !state.groups.iter().any(|g| g.name == GROUP) {
        let body = json!({ "name": GROUP, "label": GROUP_LABEL, "displayOrder": -1 });
        let index = plan.change(Change {
            action: Action::Create,
            kind: Kind::Group,
            object: name,
            name: GROUP.into(),
            before: Value::Null,
            after: body.clone(),
        });
        plan.write(
            "POST",
            format!("/crm/v3/properties/{name}/groups"),
            body,
            vec![index],
        );
    }
    let mut inputs = Vec::new();
    let mut created = Vec::new();
    for property in wanted {
        match state.property(&property.name) {
            None if state.archived.contains(&property.name) => plan.refusals.push(format!(
                "{name} property `{}` is archived in HubSpot, and an archived name cannot be used again: restore it in HubSpot (Settings, Properties, Archived properties) or rename the field",
                property.name
            )),
            None => {
                let body = to_json(*property);
                created.push(plan.change(Change {
                    action: Action::Create,
                    kind: Kind::Property,
                    object: name,
                    name: property.name.clone(),
                    before: Value::Null,
                    after: body.clone(),
                }));
                inputs.push(body);
            }
            Some(existing) if existing.hubspot_defined == Some(true) => plan.mapped.push(format!(
                "field `{}` uses HubSpot's {name} property `{}`",
                property.name, property.name
            )),
            Some(existing) if !same_type(&existing.kind, property.kind) => plan.refusals.push(format!(
                "{name} property `{}` is of type `{}` in HubSpot and `{}` in the playbook; smarketing does not change the type of a property that may hold data: change it in HubSpot or rename the field",
                property.name, existing.kind, property.kind
            )),
            Some(existing) => update(plan, object, existing, Some(property), &property.options, prune),
        }
    }
    if !inputs.is_empty() {
        plan.write(
            "POST",
            format!("/crm/v3/properties/{name}/batch/create"),
            json!({ "inputs": inputs }),
            created,
        );
    }
    let mut archived = Vec::new();
    let mut names = Vec::new();
    for leftover in state.properties.iter().filter(|p| {
        p.group_name == GROUP
            && p.hubspot_defined != Some(true)
            && !wanted.iter().any(|w| w.name == p.name)
    }) {
        if prune {
            archived.push(plan.change(Change {
                action: Action::Archive,
                kind: Kind::Property,
                object: name,
                name: leftover.name.clone(),
                before: json!({ "label": leftover.label, "type": leftover.kind }),
                after: Value::Null,
            }));
            names.push(json!({ "name": leftover.name }));
        } else {
            plan.leftovers.push(format!(
                "{name} property `{}` is in the `{GROUP}` group but not in the playbook; `--prune` archives it",
                leftover.name
            ));
        }
    }
    if !names.is_empty() {
        plan.write(
            "POST",
            format!("/crm/v3/properties/{name}/batch/archive"),
            json!({ "inputs": names }),
            archived,
        );
    }
}

/// Whether a portal's property type is the playbook's: HubSpot may report a phone number
/// property as `string`.
fn same_type(portal: &str, desired: &str) -> bool {
    portal == desired || matches!((portal, desired), ("string", "phone_number"))
}

/// The changes to one existing property: its own fields when smarketing owns it (`property`),
/// and its options, merged.
fn update(
    plan: &mut Plan,
    object: Object,
    existing: &PortalProperty,
    property: Option<&Property>,
    options: &[HubOption],
    prune: bool,
) {
    let name = object.as_str();
    let mut before = Map::new();
    let mut after = Map::new();
    let mut differs = |key: &str, old: Value, new: Value| {
        if old != new {
            before.insert(key.into(), old);
            after.insert(key.into(), new);
        }
    };
    if let Some(property) = property {
        differs("label", json!(existing.label), json!(property.label));
        differs(
            "fieldType",
            json!(existing.field_type),
            json!(property.field_type),
        );
        differs(
            "groupName",
            json!(existing.group_name),
            json!(property.group_name),
        );
        differs(
            "description",
            json!(existing.description),
            json!(property.description.clone().unwrap_or_default()),
        );
        // Compared only where the portal says: a portal that leaves them out would otherwise be
        // patched on every run.
        if let (Some(hint), Some(current)) =
            (property.number_display_hint, &existing.number_display_hint)
        {
            differs("numberDisplayHint", json!(current), json!(hint));
        }
        if let (Some(show), Some(current)) =
            (property.show_currency_symbol, existing.show_currency_symbol)
        {
            differs("showCurrencySymbol", json!(current), json!(show));
        }
    }
    let mut indices = Vec::new();
    let mut body = after.clone();
    if !after.is_empty() {
        indices.push(plan.change(Change {
            action: Action::Update,
            kind: Kind::Property,
            object: name,
            name: existing.name.clone(),
            before: Value::Object(before),
            after: Value::Object(after),
        }));
    }
    let owned = property.is_some();
    let mut merged: Vec<PortalOption> = existing.options.clone();
    let mut options_changed = false;
    for wanted in options {
        let option_name = format!("{}/{}", existing.name, wanted.value);
        match merged.iter_mut().find(|o| o.value == wanted.value) {
            Some(current) if current.label != wanted.label => {
                indices.push(plan.change(Change {
                    action: Action::Update,
                    kind: Kind::Option,
                    object: name,
                    name: option_name,
                    before: json!({ "label": current.label }),
                    after: json!({ "label": wanted.label }),
                }));
                current.label = wanted.label.clone();
                options_changed = true;
            }
            Some(_) => {}
            None => {
                indices.push(plan.change(Change {
                    action: Action::Create,
                    kind: Kind::Option,
                    object: name,
                    name: option_name,
                    before: Value::Null,
                    after: json!({ "label": wanted.label, "value": wanted.value }),
                }));
                let order = merged.len() as i64;
                merged.push(PortalOption {
                    label: wanted.label.clone(),
                    value: wanted.value.clone(),
                    display_order: Some(order),
                    hidden: false,
                    description: (!owned).then(|| MARKER.to_owned()),
                });
                options_changed = true;
            }
        }
    }
    let mut kept = Vec::new();
    for option in merged {
        let ours = owned || option.description.as_deref() == Some(MARKER);
        if !ours || options.iter().any(|o| o.value == option.value) {
            kept.push(option);
            continue;
        }
        if prune {
            indices.push(plan.change(Change {
                action: Action::Archive,
                kind: Kind::Option,
                object: name,
                name: format!("{}/{}", existing.name, option.value),
                before: json!({ "label": option.label, "value": option.value }),
                after: Value::Null,
            }));
            options_changed = true;
        } else {
            plan.leftovers.push(format!(
                "option `{}` of {name} property `{}` is not in the playbook; `--prune` removes it",
                option.value, existing.name
            ));
            kept.push(option);
        }
    }
    if options_changed {
        let options: Vec<Value> = kept
            .iter()
            .enumerate()
            .map(|(index, o)| {
                let mut option = json!({
                    "label": o.label,
                    "value": o.value,
                    "displayOrder": o.display_order.unwrap_or(index as i64),
                    "hidden": o.hidden,
                });
                if let Some(description) = &o.description {
                    option["description"] = json!(description);
                }
                option
            })
            .collect();
        body.insert("options".into(), Value::Array(options));
    }
    if !indices.is_empty() {
        plan.write(
            "PATCH",
            format!("/crm/v3/properties/{name}/{}", existing.name),
            Value::Object(body),
            indices,
        );
    }
}

/// A probability as HubSpot may write it: `"0.45"`, `"1.0"` or a number.
fn number(value: Option<&Value>) -> Option<f64> {
    match value? {
        Value::String(text) => text.trim().parse().ok(),
        Value::Number(number) => number.as_f64(),
        _ => None,
    }
}

/// A flag as HubSpot may write it: `"true"` or `true`.
fn flag(value: Option<&Value>) -> Option<bool> {
    match value? {
        Value::String(text) => text.trim().parse().ok(),
        Value::Bool(flag) => Some(*flag),
        _ => None,
    }
}

fn pipelines(plan: &mut Plan, portal: &Portal, pipeline: &Pipeline) {
    let id = &pipeline.pipeline_id;
    let Some(existing) = portal.pipelines.iter().find(|p| &p.id == id) else {
        let body = to_json(pipeline);
        let index = plan.change(Change {
            action: Action::Create,
            kind: Kind::Pipeline,
            object: "deals",
            name: id.clone(),
            before: Value::Null,
            after: body.clone(),
        });
        plan.write("POST", "/crm/v3/pipelines/deals".into(), body, vec![index]);
        return;
    };
    if existing.label != pipeline.label {
        let index = plan.change(Change {
            action: Action::Update,
            kind: Kind::Pipeline,
            object: "deals",
            name: id.clone(),
            before: json!({ "label": existing.label }),
            after: json!({ "label": pipeline.label }),
        });
        plan.write(
            "PATCH",
            format!("/crm/v3/pipelines/deals/{id}"),
            json!({ "label": pipeline.label }),
            vec![index],
        );
    }
    for stage in &pipeline.stages {
        let name = format!("{id}/{}", stage.stage_id);
        let Some(current) = existing.stages.iter().find(|s| s.id == stage.stage_id) else {
            let body = to_json(stage);
            let index = plan.change(Change {
                action: Action::Create,
                kind: Kind::Stage,
                object: "deals",
                name,
                before: Value::Null,
                after: body.clone(),
            });
            plan.write(
                "POST",
                format!("/crm/v3/pipelines/deals/{id}/stages"),
                body,
                vec![index],
            );
            continue;
        };
        let probability: f64 = stage.metadata.probability.parse().unwrap_or(0.0);
        let closed = stage.metadata.is_closed == "true";
        let mut before = Map::new();
        let mut after = Map::new();
        if current.label != stage.label {
            before.insert("label".into(), json!(current.label));
            after.insert("label".into(), json!(stage.label));
        }
        let current_probability = number(current.metadata.get("probability"));
        if current_probability.is_none_or(|p| (p - probability).abs() > 1e-9) {
            before.insert("probability".into(), json!(current_probability));
            after.insert("probability".into(), json!(probability));
        }
        let current_closed = flag(current.metadata.get("isClosed"));
        if current_closed != Some(closed) {
            before.insert("isClosed".into(), json!(current_closed));
            after.insert("isClosed".into(), json!(closed));
        }
        if after.is_empty() {
            continue;
        }
        let index = plan.change(Change {
            action: Action::Update,
            kind: Kind::Stage,
            object: "deals",
            name,
            before: Value::Object(before),
            after: Value::Object(after),
        });
        // HubSpot's stage update needs the whole metadata.
        let mut body = json!({ "metadata": to_json(&stage.metadata) });
        if current.label != stage.label {
            body["label"] = json!(stage.label);
        }
        plan.write(
            "PATCH",
            format!("/crm/v3/pipelines/deals/{id}/stages/{}", stage.stage_id),
            body,
            vec![index],
        );
    }
    for leftover in existing
        .stages
        .iter()
        .filter(|s| !pipeline.stages.iter().any(|w| w.stage_id == s.id))
    {
        plan.leftovers.push(format!(
            "stage `{}` of deal pipeline `{id}` is not in the playbook; smarketing never archives deal stages, which may hold deals",
            leftover.id
        ));
    }
}

/// `before → after` of one change, for people.
pub fn describe(change: &Change) -> String {
    let (sign, verb) = match change.action {
        Action::Create => ('+', "create"),
        Action::Update => ('~', "update"),
        Action::Archive => ('-', "archive"),
    };
    let kind = match change.kind {
        Kind::Group => "group",
        Kind::Property => "property",
        Kind::Option => "option",
        Kind::Pipeline => "pipeline",
        Kind::Stage => "stage",
    };
    let mut line = format!("{sign} {verb} {kind} {}/{}", change.object, change.name);
    match change.action {
        Action::Create | Action::Archive => {
            let shown = if change.after.is_null() {
                &change.before
            } else {
                &change.after
            };
            if let Some(label) = shown.get("label") {
                line.push_str(&format!(" {label}"));
            }
        }
        Action::Update => {
            let mut parts = Vec::new();
            if let Value::Object(after) = &change.after {
                for (key, value) in after {
                    let old = change.before.get(key).cloned().unwrap_or(Value::Null);
                    parts.push(format!("{key} {old} → {value}"));
                }
            }
            line.push_str(&format!(": {}", parts.join(", ")));
        }
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::hubspot::desired::ManagedEnum;
    use crate::sync::portal::PortalGroup;

    fn portal_property(name: &str, kind: &str, field_type: &str) -> PortalProperty {
        PortalProperty {
            name: name.into(),
            label: "Mobile".into(),
            kind: kind.into(),
            field_type: field_type.into(),
            group_name: GROUP.into(),
            description: String::new(),
            options: Vec::new(),
            hubspot_defined: Some(false),
            number_display_hint: None,
            show_currency_symbol: None,
        }
    }

    fn desired_property(name: &str, kind: &'static str, field_type: &'static str) -> Property {
        Property {
            object: Object::Contacts,
            name: name.into(),
            label: "Mobile".into(),
            kind,
            field_type,
            group_name: GROUP,
            display_order: 3,
            description: None,
            number_display_hint: (kind == "number").then_some("currency"),
            show_currency_symbol: (kind == "number").then_some(true),
            options: Vec::new(),
        }
    }

    fn portal_with(properties: Vec<PortalProperty>) -> Portal {
        let mut portal = Portal::default();
        portal.objects.insert(
            Object::Contacts,
            ObjectState {
                properties,
                archived: Vec::new(),
                groups: vec![PortalGroup { name: GROUP.into() }],
            },
        );
        portal
    }

    fn values(write: &Write) -> Vec<&str> {
        write.body["options"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|o| o["value"].as_str())
            .collect()
    }

    #[test]
    fn hubspots_ways_of_writing_a_property_are_no_change() {
        let desired = Desired {
            properties: vec![
                desired_property("mobile", "phone_number", "phonenumber"),
                desired_property("budget", "number", "number"),
            ],
            ..Desired::default()
        };
        let portal = portal_with(vec![
            portal_property("mobile", "string", "phonenumber"),
            portal_property("budget", "number", "number"),
        ]);
        let plan = plan(&desired, &portal, false);
        assert!(plan.changes.is_empty(), "{:#?}", plan.changes);
        assert!(plan.refusals.is_empty(), "{:#?}", plan.refusals);
    }

    #[test]
    fn options_of_hubspots_own_enums_are_merged_and_only_marked_ones_pruned() {
        let option = |label: &str, value: &str, description: Option<&str>| PortalOption {
            label: label.into(),
            value: value.into(),
            display_order: None,
            hidden: false,
            description: description.map(str::to_owned),
        };
        let mut status = portal_property("hs_lead_status", "enumeration", "radio");
        status.hubspot_defined = Some(true);
        status.options = vec![
            option("New", "NEW", None),
            option("Gone", "GONE", Some(MARKER)),
        ];
        let desired = Desired {
            managed: vec![ManagedEnum {
                object: Object::Contacts,
                name: "hs_lead_status",
                options: vec![crate::export::hubspot::desired::option(
                    "Inquiry", "INQUIRY", 0,
                )],
            }],
            ..Desired::default()
        };
        let portal = portal_with(vec![status]);
        let kept = plan(&desired, &portal, false);
        assert_eq!(kept.changes.len(), 1);
        assert_eq!(kept.leftovers.len(), 1, "{:#?}", kept.leftovers);
        assert_eq!(values(&kept.writes[0]), ["NEW", "GONE", "INQUIRY"]);
        let pruned = plan(&desired, &portal, true);
        assert_eq!(values(&pruned.writes[0]), ["NEW", "INQUIRY"]);
        assert_eq!(pruned.changes[1].action, Action::Archive);
    }
}

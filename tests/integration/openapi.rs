//! Request bodies checked against HubSpot's own OpenAPI files in `../shared/schemas`: the subset
//! of JSON Schema those files use (`$ref`, `type`, `required`, `properties`, `items`, `enum`,
//! `additionalProperties`), plus one rule HubSpot's servers add: a key the schema does not name
//! is refused.

use serde_json::Value;
use std::path::Path;

pub struct OpenApi {
    documents: Vec<Value>,
}

impl OpenApi {
    /// HubSpot's properties and pipelines specs, if `shared` has them.
    pub fn load(shared: &Path) -> Option<OpenApi> {
        let documents = [
            "hubspot-crm-properties-v3.openapi.json",
            "hubspot-crm-pipelines-v3.openapi.json",
        ]
        .iter()
        .map(|name| {
            let text = std::fs::read_to_string(shared.join("schemas").join(name)).ok()?;
            serde_json::from_str(&text).ok()
        })
        .collect::<Option<Vec<Value>>>()?;
        Some(OpenApi { documents })
    }

    fn component(&self, name: &str) -> Option<(&Value, &Value)> {
        self.documents.iter().find_map(|document| {
            document["components"]["schemas"]
                .get(name)
                .map(|schema| (document, schema))
        })
    }

    /// What is wrong with `body` as the component `name`; empty when it is valid.
    pub fn check(&self, name: &str, body: &Value) -> Vec<String> {
        let mut problems = Vec::new();
        match self.component(name) {
            Some((document, schema)) => walk(document, schema, body, name, &mut problems),
            None => problems.push(format!("no component {name}")),
        }
        problems
    }
}

fn resolve<'a>(document: &'a Value, schema: &'a Value) -> &'a Value {
    match schema.get("$ref").and_then(Value::as_str) {
        Some(reference) => {
            let name = reference.rsplit('/').next().unwrap_or("");
            &document["components"]["schemas"][name]
        }
        None => schema,
    }
}

fn walk(document: &Value, schema: &Value, value: &Value, at: &str, problems: &mut Vec<String>) {
    let schema = resolve(document, schema);
    let fits = match schema.get("type").and_then(Value::as_str) {
        Some("object") => value.is_object(),
        Some("array") => value.is_array(),
        Some("string") => value.is_string(),
        Some("integer") => value.is_i64() || value.is_u64(),
        Some("number") => value.is_number(),
        Some("boolean") => value.is_boolean(),
        _ => true,
    };
    if !fits {
        problems.push(format!("{at}: {value} is not of type {}", schema["type"]));
        return;
    }
    if let Some(allowed) = schema.get("enum").and_then(Value::as_array)
        && !allowed.contains(value)
    {
        problems.push(format!("{at}: {value} is not one of {}", schema["enum"]));
    }
    if let Some(object) = value.as_object() {
        for required in schema
            .get("required")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
        {
            if !object.contains_key(required) {
                problems.push(format!("{at}: `{required}` is required"));
            }
        }
        let properties = schema.get("properties").and_then(Value::as_object);
        for (key, item) in object {
            let at = format!("{at}.{key}");
            match (
                properties.and_then(|p| p.get(key)),
                schema.get("additionalProperties"),
            ) {
                (Some(inner), _) => walk(document, inner, item, &at, problems),
                (None, Some(additional)) if additional.is_object() => {
                    walk(document, additional, item, &at, problems)
                }
                (None, _) if properties.is_some() => {
                    problems.push(format!("{at}: not a property of the schema"))
                }
                (None, _) => {}
            }
        }
    }
    if let (Some(items), Some(array)) = (schema.get("items"), value.as_array()) {
        for (index, item) in array.iter().enumerate() {
            walk(document, items, item, &format!("{at}[{index}]"), problems);
        }
    }
}

#[test]
fn a_body_hubspot_would_refuse_is_caught() {
    let Some(openapi) = crate::support::shared().and_then(|shared| OpenApi::load(&shared)) else {
        return;
    };
    let good = serde_json::json!({ "name": "a", "label": "A", "type": "string", "fieldType": "text", "groupName": "g" });
    assert_eq!(openapi.check("PropertyCreate", &good), Vec::<String>::new());
    let bad = serde_json::json!({ "name": "a", "label": "A", "type": "text", "fieldType": "text", "currency": "EUR" });
    assert_eq!(
        openapi.check("PropertyCreate", &bad),
        [
            "PropertyCreate: `groupName` is required",
            "PropertyCreate.currency: not a property of the schema",
            "PropertyCreate.type: \"text\" is not one of [\"bool\",\"date\",\"datetime\",\"enumeration\",\"number\",\"phone_number\",\"string\"]",
        ]
    );
}

//! A stateful stand-in for HubSpot's CRM v3 properties and pipelines APIs on 127.0.0.1, for the
//! `crm` tests.
//!
//! It starts with what a new HubSpot account has (the default properties with their options,
//! the default deal pipeline), answers in HubSpot's shapes, keeps what is written, refuses what
//! HubSpot refuses (a duplicate name with 409, a missing or wrong token with 401, a body that
//! does not match the vendor's OpenAPI file with 400), can answer 429 with `Retry-After`, and
//! records every request so that tests can count writes.

use super::openapi::OpenApi;
use serde_json::{Value, json};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

pub const TOKEN: &str = "pat-test-0123456789";

/// One request as the fake received it.
#[derive(Clone, Debug)]
pub struct Recorded {
    pub method: String,
    pub path: String,
    pub body: Value,
}

impl Recorded {
    /// A write, as the product contract counts them: anything but a GET or a batch read.
    pub fn is_write(&self) -> bool {
        self.method != "GET" && !self.path.ends_with("/batch/read")
    }
}

/// A property or group with the object it belongs to.
type Owned = (String, Value);

/// The portal: per object its properties (archived ones flagged) and groups; deal pipelines.
pub struct State {
    pub properties: Vec<Owned>,
    pub groups: Vec<Owned>,
    pub pipelines: Vec<Value>,
    pub requests: Vec<Recorded>,
    /// Bodies that did not match HubSpot's OpenAPI file.
    pub invalid: Vec<String>,
    /// How many of the next requests are answered 429.
    pub rate_limited: usize,
    /// Answer every request 429 for the daily limit.
    pub daily_limit: bool,
    /// How many of the next requests are answered 503.
    pub unavailable: usize,
    /// Property names a batch create fails for, as one item of a 207.
    pub failing: Vec<String>,
    openapi: Option<OpenApi>,
}

impl State {
    pub fn property_mut(&mut self, object: &str, name: &str) -> Option<&mut Value> {
        self.properties
            .iter_mut()
            .find(|(o, p)| o == object && p["name"] == name && p["archived"] != true)
            .map(|(_, p)| p)
    }

    pub fn property(&self, object: &str, name: &str) -> Option<&Value> {
        self.properties
            .iter()
            .find(|(o, p)| o == object && p["name"] == name && p["archived"] != true)
            .map(|(_, p)| p)
    }

    pub fn option_values(&self, object: &str, name: &str) -> Vec<String> {
        self.property(object, name)
            .and_then(|p| p["options"].as_array())
            .map(|options| {
                options
                    .iter()
                    .filter_map(|o| o["value"].as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default()
    }
}

pub struct FakeHubspot {
    pub base: String,
    pub state: Arc<Mutex<State>>,
    server: Arc<tiny_http::Server>,
    thread: Option<JoinHandle<()>>,
}

impl Drop for FakeHubspot {
    fn drop(&mut self) {
        self.server.unblock();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn option(label: &str, value: &str, order: usize) -> Value {
    json!({ "label": label, "value": value, "displayOrder": order, "hidden": false, "description": "" })
}

fn builtin(
    name: &str,
    label: &str,
    kind: &str,
    field_type: &str,
    group: &str,
    options: Vec<Value>,
) -> Value {
    json!({
        "name": name, "label": label, "type": kind, "fieldType": field_type, "groupName": group,
        "description": "", "options": options, "hubspotDefined": true, "archived": false,
        "displayOrder": -1, "calculated": false, "externalOptions": false, "hasUniqueValue": false,
        "hidden": false, "formField": true,
        "createdAt": "2020-01-01T00:00:00Z", "updatedAt": "2020-01-01T00:00:00Z",
        "modificationMetadata": { "archivable": false, "readOnlyDefinition": true, "readOnlyValue": false },
    })
}

fn options(pairs: &[(&str, &str)]) -> Vec<Value> {
    pairs
        .iter()
        .enumerate()
        .map(|(i, (value, label))| option(label, value, i))
        .collect()
}

/// The properties, groups and pipeline of a new HubSpot account (the part smarketing reads).
fn seed() -> (Vec<Owned>, Vec<Owned>, Vec<Value>) {
    let lifecycle = options(&[
        ("subscriber", "Subscriber"),
        ("lead", "Lead"),
        ("marketingqualifiedlead", "Marketing Qualified Lead"),
        ("salesqualifiedlead", "Sales Qualified Lead"),
        ("opportunity", "Opportunity"),
        ("customer", "Customer"),
        ("evangelist", "Evangelist"),
        ("other", "Other"),
    ]);
    let lead_status = options(&[
        ("NEW", "New"),
        ("OPEN", "Open"),
        ("IN_PROGRESS", "In Progress"),
        ("OPEN_DEAL", "Open Deal"),
        ("UNQUALIFIED", "Unqualified"),
        ("ATTEMPTED_TO_CONTACT", "Attempted to Contact"),
        ("CONNECTED", "Connected"),
        ("BAD_TIMING", "Bad Timing"),
    ]);
    let industry = options(&[
        ("ACCOUNTING", "Accounting"),
        ("AUTOMOTIVE", "Automotive"),
        ("HOSPITALITY", "Hospitality"),
    ]);
    let c = "contactinformation";
    let contacts = vec![
        builtin("email", "Email", "string", "text", c, vec![]),
        builtin("firstname", "First Name", "string", "text", c, vec![]),
        builtin("lastname", "Last Name", "string", "text", c, vec![]),
        builtin("phone", "Phone Number", "string", "phonenumber", c, vec![]),
        builtin(
            "mobilephone",
            "Mobile Phone Number",
            "string",
            "phonenumber",
            c,
            vec![],
        ),
        builtin("company", "Company Name", "string", "text", c, vec![]),
        builtin("website", "Website URL", "string", "text", c, vec![]),
        builtin("city", "City", "string", "text", c, vec![]),
        builtin("country", "Country/Region", "string", "text", c, vec![]),
        builtin("jobtitle", "Job Title", "string", "text", c, vec![]),
        builtin("industry", "Industry", "string", "text", c, vec![]),
        builtin("work_email", "Work email", "string", "text", c, vec![]),
        builtin(
            "lifecyclestage",
            "Lifecycle Stage",
            "enumeration",
            "radio",
            c,
            lifecycle,
        ),
        builtin(
            "hs_lead_status",
            "Lead Status",
            "enumeration",
            "radio",
            "sales_properties",
            lead_status,
        ),
    ];
    let d = "dealinformation";
    let deals = vec![
        builtin("dealname", "Deal Name", "string", "text", d, vec![]),
        builtin("amount", "Amount", "number", "number", d, vec![]),
        builtin("closedate", "Close Date", "datetime", "date", d, vec![]),
        builtin("dealstage", "Deal Stage", "enumeration", "radio", d, vec![]),
        builtin("pipeline", "Pipeline", "enumeration", "select", d, vec![]),
    ];
    let o = "companyinformation";
    let companies = vec![
        builtin("name", "Company name", "string", "text", o, vec![]),
        builtin("domain", "Company Domain Name", "string", "text", o, vec![]),
        builtin("industry", "Industry", "enumeration", "select", o, industry),
        builtin("website", "Website URL", "string", "text", o, vec![]),
    ];
    let mut properties = Vec::new();
    for (object, list) in [
        ("contacts", contacts),
        ("deals", deals),
        ("companies", companies),
    ] {
        properties.extend(list.into_iter().map(|p| (object.to_owned(), p)));
    }
    let group = |name: &str, label: &str| json!({ "name": name, "label": label, "displayOrder": 0, "archived": false });
    let groups = vec![
        (
            "contacts".to_owned(),
            group("contactinformation", "Contact information"),
        ),
        (
            "contacts".to_owned(),
            group("sales_properties", "Sales properties"),
        ),
        (
            "deals".to_owned(),
            group("dealinformation", "Deal information"),
        ),
        (
            "companies".to_owned(),
            group("companyinformation", "Company information"),
        ),
    ];
    let stage = |id: &str, label: &str, order: usize, probability: &str, closed: &str| {
        json!({ "id": id, "label": label, "displayOrder": order, "archived": false,
                "metadata": { "probability": probability, "isClosed": closed },
                "createdAt": "2020-01-01T00:00:00Z", "updatedAt": "2020-01-01T00:00:00Z" })
    };
    let pipelines = vec![json!({
        "id": "default", "label": "Sales Pipeline", "displayOrder": 0, "archived": false,
        "createdAt": "2020-01-01T00:00:00Z", "updatedAt": "2020-01-01T00:00:00Z",
        "stages": [
            stage("appointmentscheduled", "Appointment Scheduled", 0, "0.2", "false"),
            stage("qualifiedtobuy", "Qualified To Buy", 1, "0.4", "false"),
            stage("closedwon", "Closed Won", 2, "1.0", "true"),
            stage("closedlost", "Closed Lost", 3, "0.0", "true"),
        ],
    })];
    (properties, groups, pipelines)
}

/// HubSpot writes probabilities with one decimal at least (`"1.0"`, `"0.45"`).
fn hubspot_number(value: &Value) -> Value {
    let number = match value {
        Value::String(text) => text.parse::<f64>().ok(),
        Value::Number(n) => n.as_f64(),
        _ => None,
    };
    match number {
        Some(n) => json!(format!("{n:?}")),
        None => value.clone(),
    }
}

fn stage_from(input: &Value, order: usize) -> Value {
    let metadata = &input["metadata"];
    json!({
        "id": input["stageId"].as_str().map(str::to_owned).unwrap_or_else(|| format!("{}", 1000 + order)),
        "label": input["label"], "displayOrder": input["displayOrder"], "archived": false,
        "metadata": { "probability": hubspot_number(&metadata["probability"]), "isClosed": metadata["isClosed"] },
        "createdAt": "2026-01-01T00:00:00Z", "updatedAt": "2026-01-01T00:00:00Z",
    })
}

fn error(status: u16, category: &str, message: &str) -> (u16, Value) {
    (
        status,
        json!({ "status": "error", "message": message, "correlationId": "6c3f1a2e-0000-4000-8000-000000000001", "category": category }),
    )
}

impl FakeHubspot {
    pub fn start() -> FakeHubspot {
        let server = Arc::new(tiny_http::Server::http("127.0.0.1:0").expect("a local port"));
        let port = server.server_addr().to_ip().expect("an IP address").port();
        let (properties, groups, pipelines) = seed();
        let openapi = super::support::shared().and_then(|shared| OpenApi::load(&shared));
        let state = Arc::new(Mutex::new(State {
            properties,
            groups,
            pipelines,
            requests: Vec::new(),
            invalid: Vec::new(),
            rate_limited: 0,
            daily_limit: false,
            unavailable: 0,
            failing: Vec::new(),
            openapi,
        }));
        let thread = {
            let server = Arc::clone(&server);
            let state = Arc::clone(&state);
            std::thread::spawn(move || {
                for mut request in server.incoming_requests() {
                    let mut text = String::new();
                    let _ = request.as_reader().read_to_string(&mut text);
                    let authorized = request.headers().iter().any(|h| {
                        h.field.equiv("Authorization")
                            && h.value.as_str() == format!("Bearer {TOKEN}")
                    });
                    let method = request.method().as_str().to_owned();
                    let url = request.url().to_owned();
                    let body: Value = serde_json::from_str(&text).unwrap_or(Value::Null);
                    let mut state = state.lock().expect("the fake's state");
                    let (status, answer, retry) = if !authorized {
                        let (s, b) = error(
                            401,
                            "INVALID_AUTHENTICATION",
                            "Authentication credentials not found. This API supports OAuth 2.0 authentication.",
                        );
                        (s, b, false)
                    } else if state.daily_limit {
                        (
                            429,
                            json!({ "status": "error", "message": "You have reached your daily limit.", "errorType": "RATE_LIMIT", "correlationId": "6c3f1a2e-0000-4000-8000-000000000003", "policyName": "DAILY" }),
                            false,
                        )
                    } else if state.unavailable > 0 {
                        state.unavailable -= 1;
                        (503, Value::Null, false)
                    } else if state.rate_limited > 0 {
                        state.rate_limited -= 1;
                        (
                            429,
                            json!({ "status": "error", "message": "You have reached your secondly limit.", "errorType": "RATE_LIMIT", "correlationId": "6c3f1a2e-0000-4000-8000-000000000002", "policyName": "SECONDLY" }),
                            true,
                        )
                    } else {
                        state.requests.push(Recorded {
                            method: method.clone(),
                            path: url.clone(),
                            body: body.clone(),
                        });
                        let (s, b) = route(&mut state, &method, &url, &body);
                        (s, b, false)
                    };
                    let mut response = tiny_http::Response::from_string(if answer.is_null() {
                        String::new()
                    } else {
                        answer.to_string()
                    })
                    .with_status_code(status)
                    .with_header(
                        tiny_http::Header::from_bytes("Content-Type", "application/json")
                            .expect("a header"),
                    );
                    if retry {
                        response = response.with_header(
                            tiny_http::Header::from_bytes("Retry-After", "1").expect("a header"),
                        );
                    }
                    drop(state);
                    let _ = request.respond(response);
                }
            })
        };
        FakeHubspot {
            base: format!("http://127.0.0.1:{port}"),
            state,
            server,
            thread: Some(thread),
        }
    }

    pub fn with<T>(&self, f: impl FnOnce(&mut State) -> T) -> T {
        f(&mut self.state.lock().expect("the fake's state"))
    }

    pub fn writes(&self) -> usize {
        self.with(|s| s.requests.iter().filter(|r| r.is_write()).count())
    }
}

/// Checks `body` against the OpenAPI component; the problems are kept for the tests and make a
/// 400, as HubSpot answers.
fn valid(state: &mut State, component: &str, body: &Value) -> Result<(), (u16, Value)> {
    let Some(openapi) = &state.openapi else {
        return Ok(());
    };
    let problems = openapi.check(component, body);
    if problems.is_empty() {
        return Ok(());
    }
    state.invalid.extend(problems.iter().cloned());
    Err(error(400, "VALIDATION_ERROR", &problems.join("; ")))
}

fn route(state: &mut State, method: &str, url: &str, body: &Value) -> (u16, Value) {
    let (path, query) = url.split_once('?').unwrap_or((url, ""));
    let parts: Vec<&str> = path.trim_matches('/').split('/').collect();
    match (method, parts.as_slice()) {
        ("GET", ["crm", "v3", "properties", object]) => {
            let archived = query.contains("archived=true");
            let results: Vec<Value> = state
                .properties
                .iter()
                .filter(|(o, p)| o == object && (p["archived"] == true) == archived)
                .map(|(_, p)| p.clone())
                .collect();
            (200, json!({ "results": results }))
        }
        ("GET", ["crm", "v3", "properties", object, "groups"]) => {
            let results: Vec<Value> = state
                .groups
                .iter()
                .filter(|(o, _)| o == object)
                .map(|(_, g)| g.clone())
                .collect();
            (200, json!({ "results": results }))
        }
        ("POST", ["crm", "v3", "properties", object, "groups"]) => {
            if let Err(answer) = valid(state, "PropertyGroupCreate", body) {
                return answer;
            }
            if state
                .groups
                .iter()
                .any(|(o, g)| o == object && g["name"] == body["name"])
            {
                return error(
                    409,
                    "OBJECT_ALREADY_EXISTS",
                    "A property group with that name already exists",
                );
            }
            let group = json!({ "name": body["name"], "label": body["label"], "displayOrder": body["displayOrder"], "archived": false });
            state.groups.push((object.to_string(), group.clone()));
            (201, group)
        }
        ("POST", ["crm", "v3", "properties", object, "batch", "create"]) => {
            if let Err(answer) = valid(state, "BatchInputPropertyCreate", body) {
                return answer;
            }
            let mut results = Vec::new();
            let mut errors = Vec::new();
            for input in body["inputs"].as_array().into_iter().flatten() {
                let name = input["name"].as_str().unwrap_or("");
                let taken = state
                    .properties
                    .iter()
                    .any(|(o, p)| o == object && p["name"] == name);
                let group = state
                    .groups
                    .iter()
                    .any(|(o, g)| o == object && g["name"] == input["groupName"]);
                if state.failing.iter().any(|f| f == name) {
                    errors.push(json!({ "status": "error", "category": "VALIDATION_ERROR", "message": format!("Property {name} cannot be created"), "context": { "propertyName": [name] } }));
                    continue;
                }
                if taken || !group {
                    errors.push(json!({ "status": "error", "category": if taken { "OBJECT_ALREADY_EXISTS" } else { "VALIDATION_ERROR" }, "message": if taken { format!("Property {name} already exists") } else { "No such group".to_owned() }, "context": { "propertyName": [name] } }));
                    continue;
                }
                let mut property = input.clone();
                for (key, value) in [
                    ("description", json!("")),
                    ("options", json!([])),
                    ("hubspotDefined", json!(false)),
                    ("archived", json!(false)),
                    ("hidden", json!(false)),
                ] {
                    if property.get(key).is_none() {
                        property[key] = value;
                    }
                }
                state
                    .properties
                    .push((object.to_string(), property.clone()));
                results.push(property);
            }
            let status = if errors.is_empty() { 201 } else { 207 };
            (
                status,
                json!({ "status": "COMPLETE", "results": results, "errors": errors, "numErrors": errors.len(), "startedAt": "2026-01-01T00:00:00Z", "completedAt": "2026-01-01T00:00:01Z" }),
            )
        }
        ("POST", ["crm", "v3", "properties", object, "batch", "archive"]) => {
            if let Err(answer) = valid(state, "BatchInputPropertyName", body) {
                return answer;
            }
            for input in body["inputs"].as_array().into_iter().flatten() {
                if let Some(property) =
                    state.property_mut(object, input["name"].as_str().unwrap_or(""))
                {
                    property["archived"] = json!(true);
                }
            }
            (204, Value::Null)
        }
        ("PATCH", ["crm", "v3", "properties", object, name]) => {
            if let Err(answer) = valid(state, "PropertyUpdate", body) {
                return answer;
            }
            let Some(property) = state.property_mut(object, name) else {
                return error(404, "OBJECT_NOT_FOUND", "No such property");
            };
            if property["hubspotDefined"] == true
                && body
                    .as_object()
                    .is_some_and(|b| b.keys().any(|k| k != "options"))
            {
                return error(
                    400,
                    "VALIDATION_ERROR",
                    "HubSpot's own properties only take new options",
                );
            }
            for (key, value) in body.as_object().into_iter().flatten() {
                property[key.as_str()] = value.clone();
            }
            (200, property.clone())
        }
        ("GET", ["crm", "v3", "pipelines", "deals"]) => {
            (200, json!({ "results": state.pipelines }))
        }
        ("POST", ["crm", "v3", "pipelines", "deals"]) => {
            if let Err(answer) = valid(state, "PipelineInput", body) {
                return answer;
            }
            let taken_stage = body["stages"].as_array().into_iter().flatten().any(|s| {
                state.pipelines.iter().any(|p| {
                    p["stages"]
                        .as_array()
                        .into_iter()
                        .flatten()
                        .any(|t| t["id"] == s["stageId"])
                })
            });
            if state
                .pipelines
                .iter()
                .any(|p| p["id"] == body["pipelineId"])
                || taken_stage
            {
                return error(
                    409,
                    "OBJECT_ALREADY_EXISTS",
                    "A pipeline or stage with that id already exists",
                );
            }
            let stages: Vec<Value> = body["stages"]
                .as_array()
                .into_iter()
                .flatten()
                .enumerate()
                .map(|(i, s)| stage_from(s, i))
                .collect();
            let pipeline = json!({ "id": body["pipelineId"], "label": body["label"], "displayOrder": body["displayOrder"], "archived": false, "stages": stages, "createdAt": "2026-01-01T00:00:00Z", "updatedAt": "2026-01-01T00:00:00Z" });
            state.pipelines.push(pipeline.clone());
            (201, pipeline)
        }
        ("PATCH", ["crm", "v3", "pipelines", "deals", id]) => {
            if let Err(answer) = valid(state, "PipelinePatchInput", body) {
                return answer;
            }
            let Some(pipeline) = state.pipelines.iter_mut().find(|p| p["id"] == *id) else {
                return error(404, "OBJECT_NOT_FOUND", "No such pipeline");
            };
            if let Some(label) = body.get("label") {
                pipeline["label"] = label.clone();
            }
            (200, pipeline.clone())
        }
        ("POST", ["crm", "v3", "pipelines", "deals", id, "stages"]) => {
            if let Err(answer) = valid(state, "PipelineStageInput", body) {
                return answer;
            }
            let Some(pipeline) = state.pipelines.iter_mut().find(|p| p["id"] == *id) else {
                return error(404, "OBJECT_NOT_FOUND", "No such pipeline");
            };
            let stage = stage_from(body, 0);
            if let Some(stages) = pipeline["stages"].as_array_mut() {
                stages.push(stage.clone());
            }
            (201, stage)
        }
        ("PATCH", ["crm", "v3", "pipelines", "deals", id, "stages", stage_id]) => {
            if let Err(answer) = valid(state, "PipelineStagePatchInput", body) {
                return answer;
            }
            let stage = state
                .pipelines
                .iter_mut()
                .filter(|p| p["id"] == *id)
                .flat_map(|p| p["stages"].as_array_mut().into_iter().flatten())
                .find(|s| s["id"] == *stage_id);
            let Some(stage) = stage else {
                return error(404, "OBJECT_NOT_FOUND", "No such stage");
            };
            if let Some(label) = body.get("label") {
                stage["label"] = label.clone();
            }
            stage["metadata"] = json!({ "probability": hubspot_number(&body["metadata"]["probability"]), "isClosed": body["metadata"]["isClosed"] });
            (200, stage.clone())
        }
        _ => error(
            404,
            "OBJECT_NOT_FOUND",
            &format!("{method} {path} is not an endpoint of this stand-in"),
        ),
    }
}

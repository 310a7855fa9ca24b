//! `docs/templates.md`: the model templates see, written from the model types' own JSON Schema,
//! so the documentation lists exactly the keys `smarketing compile` prints.

use super::Compiled;
use serde_json::Value;
use std::fmt::Write;

const INTRO: &str = "# Templates and the model they see

`smarketing render` fills minijinja templates with the compiled playbook. `smarketing compile
PLAYBOOK` prints that model as JSON; this page lists its keys. It is generated from the model types
(run `scripts/regenerate.sh` after changing them).

- Built-in templates live in `templates/`; `render --templates DIR` takes any of them from DIR
  instead (same file name), and `render --template FILE` renders one template of your own to
  standard output.
- Undefined values are errors, so a misspelled key fails loudly instead of printing nothing.
- Values come as written and ready to show: a key ending in `_text` next to a key of the same
  name holds its display form, with its unit and labels, in the documents' language
  (`target: \">= 1850000\"`, `target_text: \"≥ 1,850,000 EUR\"`; `sla: \"2bd\"`,
  `sla_text: \"2 business days\"`; `due_text: \"8 Jan 2027\"`; criteria with the field's label and
  the options' labels). Use the `_text` keys for showing and the others for logic.
- In `.html` templates every value is HTML-escaped; in `.csv` templates every value becomes one
  CSV cell, quoted as needed, and never a formula (a leading `=`, `+`, `-`, `@`, tab or carriage
  return gets a `'`).
- Templates can include other templates by plain relative name (`{% include \"style.css.jinja\" %}`);
  nothing outside the templates folder can be read.
- Filters and functions besides minijinja's own: `cell` (text for a Markdown table cell),
  `party` (the name of a person or team, from its id), `lifecycle_svg()` and `task_graph_svg()`
  (the pictures on the overview page, as inline SVG, their legends in the documents' language).
- Documents are written in one language: `render --lang de|en`, else the playbook's `lang:`,
  else English; `lang` holds it (`<html lang=\"{{ lang }}\">`). Every built-in heading and
  sentence comes from one message catalogue (`src/compile/texts.rs`, German and English side by
  side), which user templates use too: `{{ t(\"checklist.title\", team=checklist.team.name) }}`
  is the text of that key with its `{team}` filled in (a number passed in is written the
  language's way). An unknown key or a missing value is an error. `{{ 1850000 | number }}` writes
  `1,850,000` or `1.850.000`, `{{ \"2027-01-08\" | date }}` writes `8 Jan 2027` or `08.01.2027`.
- In `.md` templates a `<` that could open an HTML tag is written as `&lt;` and line breaks inside
  a value as spaces, so no title can inject HTML or break a list; a null value prints as nothing.
- `checklist.md.jinja` runs once per team with `checklist` set to that team's entry of
  `checklists`; `onboarding.md.jinja` once per person with `page` set to that person's entry of
  `onboarding`.
";

pub fn templates_reference() -> String {
    let schema = schemars::schema_for!(Compiled<'static>);
    let root = schema.as_value();
    let mut out = String::from(INTRO);
    let Some(properties) = root.get("properties").and_then(Value::as_object) else {
        return out;
    };
    for (key, property) in properties {
        let _ = write!(out, "\n## `{key}`\n\n");
        if let Some(text) = description(property, root) {
            let _ = writeln!(out, "{text}\n");
        }
        let _ = writeln!(out, "Type: {}.\n", type_name(property, root));
        if let Some(item) = object_of(property, root) {
            table(&mut out, item, root, &mut Vec::new());
        }
    }
    out
}

/// Follows `$ref` to the definition it names.
fn resolve<'a>(schema: &'a Value, root: &'a Value) -> &'a Value {
    match schema.get("$ref").and_then(Value::as_str) {
        Some(reference) => {
            let name = reference.rsplit('/').next().unwrap_or("");
            root.get("$defs")
                .and_then(|defs| defs.get(name))
                .unwrap_or(schema)
        }
        None => schema,
    }
}

fn description(schema: &Value, root: &Value) -> Option<String> {
    schema
        .get("description")
        .or_else(|| resolve(schema, root).get("description"))
        .and_then(Value::as_str)
        .map(|text| text.replace('\n', " "))
}

/// The object a property holds, directly or as the items of its list.
fn object_of<'a>(schema: &'a Value, root: &'a Value) -> Option<&'a Value> {
    // An optional value is "anyOf: [the value, null]".
    let schema = match schema.get("anyOf").and_then(Value::as_array) {
        Some(options) => options
            .iter()
            .find(|o| o.get("type").and_then(Value::as_str) != Some("null"))
            .unwrap_or(schema),
        None => schema,
    };
    let schema = resolve(schema, root);
    let candidate = match schema.get("items") {
        Some(items) => resolve(items, root),
        None => schema,
    };
    candidate.get("properties").map(|_| candidate)
}

fn type_name(schema: &Value, root: &Value) -> String {
    if let Some(reference) = schema.get("$ref").and_then(Value::as_str) {
        let target = resolve(schema, root);
        if target.get("properties").is_some() {
            return "map".to_owned();
        }
        if let Some(values) = enum_values(target) {
            return values;
        }
        if target.get("oneOf").is_some() || target.get("anyOf").is_some() {
            return type_name(target, root);
        }
        return target
            .get("type")
            .map(plain_type)
            .unwrap_or_else(|| reference.rsplit('/').next().unwrap_or("").to_lowercase());
    }
    if let Some(items) = schema.get("items") {
        return format!("list of {}", type_name(items, root));
    }
    for key in ["anyOf", "oneOf"] {
        if let Some(options) = schema.get(key).and_then(Value::as_array) {
            let names: Vec<String> = options
                .iter()
                .filter(|o| o.get("type").and_then(Value::as_str) != Some("null"))
                .map(|o| type_name(o, root))
                .collect();
            let optional = options
                .iter()
                .any(|o| o.get("type").and_then(Value::as_str) == Some("null"));
            let joined = names.join(" or ");
            return if optional {
                format!("{joined}, or null")
            } else {
                joined
            };
        }
    }
    if let Some(values) = enum_values(schema) {
        return values;
    }
    schema
        .get("type")
        .map_or_else(|| "any".to_owned(), plain_type)
}

/// The values of an enumeration: "`a` or `b`".
fn enum_values(schema: &Value) -> Option<String> {
    let values = schema.get("enum")?.as_array()?;
    Some(
        values
            .iter()
            .filter_map(Value::as_str)
            .map(|v| format!("`{v}`"))
            .collect::<Vec<_>>()
            .join(" or "),
    )
}

fn plain_type(kind: &Value) -> String {
    let name = |t: &str| {
        match t {
            "string" => "text",
            "integer" => "whole number",
            "number" => "number",
            "boolean" => "true or false",
            "array" => "list",
            "object" => "map",
            "null" => "null",
            other => other,
        }
        .to_owned()
    };
    match kind {
        Value::String(t) => name(t),
        Value::Array(types) => {
            let optional = types.iter().any(|t| t == "null");
            let names: Vec<String> = types
                .iter()
                .filter_map(Value::as_str)
                .filter(|t| *t != "null")
                .map(name)
                .collect();
            if optional {
                format!("{}, or null", names.join(" or "))
            } else {
                names.join(" or ")
            }
        }
        _ => "any".to_owned(),
    }
}

/// A table of an object's keys, then one table for each nested object, once each.
fn table(out: &mut String, object: &Value, root: &Value, seen: &mut Vec<String>) {
    let Some(properties) = object.get("properties").and_then(Value::as_object) else {
        return;
    };
    out.push_str("| key | type | meaning |\n| --- | --- | --- |\n");
    let mut nested = Vec::new();
    for (key, property) in properties {
        let meaning = description(property, root)
            .unwrap_or_default()
            .replace('|', "\\|");
        let _ = writeln!(
            out,
            "| `{key}` | {} | {meaning} |",
            type_name(property, root).replace('|', "\\|")
        );
        if let Some(inner) = object_of(property, root) {
            nested.push((key.clone(), inner));
        }
    }
    out.push('\n');
    for (key, inner) in nested {
        let identity = inner.to_string();
        if seen.contains(&identity) {
            continue;
        }
        seen.push(identity);
        let _ = write!(out, "`{key}` holds:\n\n");
        table(out, inner, root, seen);
    }
}

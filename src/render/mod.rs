//! `smarketing render`: the documents teams read, made from the compiled playbook with
//! minijinja templates.
//!
//! Rendering is a pure function from the compiled model to a list of (relative path, bytes); the
//! [`output`] module then writes them atomically or compares them with what is on disk. Keeping
//! the two apart is what makes `render --check` exact: it compares the very bytes a render would
//! write.

pub mod group;
pub mod ics;
pub mod output;
pub mod svg;
pub mod templates;

use crate::compile::{compile, texts};
use crate::graph::Graph;
use crate::model::values::Language;
use minijinja::Value;
use std::path::PathBuf;
use std::sync::Arc;

/// A rendered document: where it goes below the output folder, and its content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    pub path: String,
    pub content: Vec<u8>,
}

/// Excel detects UTF-8 in a CSV file only by this byte-order mark.
const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// Renders every document in `language`: RACI tables, a checklist per team, an onboarding page
/// per person and the overview page.
pub fn render_all(
    graph: &Graph<'_>,
    templates: Option<PathBuf>,
    language: Language,
) -> Result<Vec<Document>, String> {
    let compiled = compile(graph, language);
    let context = Value::from_serialize(&compiled);
    let env = environment(graph, templates, language);
    let mut documents = Vec::new();
    for (template, path) in [
        ("raci.md.jinja", "raci.md"),
        ("raci.csv.jinja", "raci.csv"),
        ("raci.html.jinja", "raci.html"),
        ("index.html.jinja", "index.html"),
    ] {
        documents.push(document(&env, template, path.to_owned(), context.clone())?);
    }
    for (index, checklist) in compiled.checklists.iter().enumerate() {
        let path = format!("checklists/{}.md", file_stem(checklist.team.id)?);
        let extra =
            minijinja::context! { checklist => Value::from_serialize(&compiled.checklists[index]) };
        documents.push(document(
            &env,
            "checklist.md.jinja",
            path,
            merge(&context, extra),
        )?);
    }
    for (index, page) in compiled.onboarding.iter().enumerate() {
        let path = format!("onboarding/{}.md", file_stem(page.person.id)?);
        let extra =
            minijinja::context! { page => Value::from_serialize(&compiled.onboarding[index]) };
        documents.push(document(
            &env,
            "onboarding.md.jinja",
            path,
            merge(&context, extra),
        )?);
    }
    if let Some(calendar) = ics::meetings(graph.playbook, language) {
        documents.push(Document {
            path: ics::PATH.to_owned(),
            content: calendar.into_bytes(),
        });
    }
    Ok(documents)
}

/// Renders one user template against the compiled model, in `language`.
pub fn render_template(
    graph: &Graph<'_>,
    file: &std::path::Path,
    language: Language,
) -> Result<String, String> {
    let name = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .ok_or_else(|| format!("`{}` is not a template file", file.display()))?;
    let folder = file
        .parent()
        .map(PathBuf::from)
        .filter(|p| !p.as_os_str().is_empty());
    let folder = folder.unwrap_or_else(|| PathBuf::from("."));
    if !folder.join(&name).is_file() {
        return Err(format!("cannot read template `{}`", file.display()));
    }
    let env = environment(graph, Some(folder), language);
    let context = Value::from_serialize(compile(graph, language));
    env.get_template(&name)
        .and_then(|template| template.render(context))
        .map_err(|error| describe(&error))
}

fn environment(
    graph: &Graph<'_>,
    templates: Option<PathBuf>,
    language: Language,
) -> minijinja::Environment<'static> {
    let mut env = templates::environment(templates);
    templates::add_language(&mut env, language);
    // The pictures are computed once and handed to the templates as safe markup.
    let lifecycle = Arc::new(lifecycle_svg(graph, language));
    let tasks = Arc::new(task_graph_svg(graph, language));
    env.add_function("lifecycle_svg", move || {
        Value::from_safe_string((*lifecycle).clone())
    });
    env.add_function("task_graph_svg", move || {
        Value::from_safe_string((*tasks).clone())
    });
    // `{{ id | party }}`: the display name of a person or team.
    let names: std::collections::BTreeMap<String, String> = graph
        .playbook
        .people
        .iter()
        .map(|p| (p.id.value.to_string(), p.value.name.value.clone()))
        .chain(
            graph
                .playbook
                .teams
                .iter()
                .map(|t| (t.id.value.to_string(), t.value.name.value.clone())),
        )
        .collect();
    env.add_filter("party", move |id: String| {
        names.get(&id).cloned().unwrap_or(id)
    });
    env
}

fn document(
    env: &minijinja::Environment<'_>,
    template: &str,
    path: String,
    context: Value,
) -> Result<Document, String> {
    let text = env
        .get_template(template)
        .and_then(|t| t.render(context))
        .map_err(|error| format!("{path}: {}", describe(&error)))?;
    let mut content = Vec::with_capacity(text.len() + UTF8_BOM.len());
    if path.ends_with(".csv") {
        content.extend_from_slice(UTF8_BOM);
    }
    content.extend_from_slice(text.as_bytes());
    Ok(Document { path, content })
}

/// The compiled model with a few more variables for one document.
fn merge(base: &Value, extra: Value) -> Value {
    minijinja::context! { ..extra, ..base.clone() }
}

/// A template error with its place in the template, as one line.
fn describe(error: &minijinja::Error) -> String {
    // minijinja's message already names the template and line.
    let mut text = error.to_string();
    if let Some(detail) = error.detail()
        && !text.contains(detail)
    {
        text = format!("{text}: {detail}");
    }
    text
}

/// Ids become file names; the language makes them safe slugs, and this keeps it so.
fn file_stem(id: &str) -> Result<&str, String> {
    let safe = !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if safe {
        Ok(id)
    } else {
        Err(format!("`{id}` cannot be used as a file name"))
    }
}

fn lifecycle_svg(graph: &Graph<'_>, language: Language) -> String {
    let playbook = graph.playbook;
    let stages: Vec<svg::Stage<'_>> = playbook
        .stages
        .iter()
        .map(|stage| svg::Stage {
            id: &stage.id.value,
            title: stage.value.title.as_ref().map(|t| t.value.as_str()),
            team: graph
                .stage_team(&stage.id.value)
                .map(|team| party_name(playbook, team)),
            outcome: stage.value.outcome.as_ref().map(|o| o.value.as_str()),
        })
        .collect();
    let handoffs = graph.handoffs();
    let slas: Vec<Option<String>> = handoffs
        .iter()
        .map(|h| {
            playbook
                .stages
                .get(h.edge.to)
                .and_then(|s| s.value.sla.as_ref())
                .map(|sla| format!("SLA {}", sla.value))
        })
        .collect();
    let mut edges: Vec<svg::Edge<'_>> = Vec::new();
    for edge in graph.stage_edges() {
        match handoffs
            .iter()
            .position(|h| h.edge.from == edge.from && h.edge.to == edge.to)
        {
            Some(index) => edges.push(svg::Edge {
                from: edge.from,
                to: edge.to,
                kind: svg::EdgeKind::Handoff,
                label: Some(
                    slas[index]
                        .as_deref()
                        .unwrap_or(texts::text(language, "svg.lifecycle.no_sla")),
                ),
            }),
            None => edges.push(svg::Edge {
                from: edge.from,
                to: edge.to,
                kind: svg::EdgeKind::Next,
                label: None,
            }),
        }
    }
    for stage in &playbook.stages {
        if let Some(back) = &stage.value.rejected_to {
            edges.push(svg::Edge {
                from: &stage.id.value,
                to: &back.value,
                kind: svg::EdgeKind::Rejected,
                label: None,
            });
        }
    }
    svg::lifecycle_in(&stages, &edges, language)
}

/// A team's or person's name as the pictures show it, as every other page does; the id when the
/// party is unknown or has no name.
fn party_name<'p>(playbook: &'p crate::model::Playbook, party: &'p str) -> &'p str {
    if let Some(team) = playbook.teams.get(party) {
        return team.value.name.value.as_str();
    }
    if let Some(person) = playbook.people.get(party) {
        return person.value.name.value.as_str();
    }
    party
}

fn task_graph_svg(graph: &Graph<'_>, language: Language) -> String {
    let playbook = graph.playbook;
    let dependencies: Vec<(&str, Vec<&str>, Option<&str>)> = graph
        .task_order()
        .into_iter()
        .filter_map(|id| playbook.tasks.get(id))
        .map(|task| {
            (
                task.id.value.as_str(),
                task.value
                    .depends_on
                    .iter()
                    .map(|d| d.value.as_str())
                    .collect(),
                task.value
                    .accountable
                    .as_ref()
                    .and_then(|a| a.value.0.first())
                    .map(|a| party_name(playbook, &a.value)),
            )
        })
        .collect();
    let tasks: Vec<svg::Task<'_>> = dependencies
        .iter()
        .map(|(id, depends_on, accountable)| svg::Task {
            id,
            accountable: *accountable,
            depends_on,
        })
        .collect();
    svg::task_graph_in(&tasks, language)
}

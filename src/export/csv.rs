//! CSV: the fields, the lifecycle stages and the pipeline stages, one file each, for any CRM that
//! imports spreadsheets. Cells go through the same guard as rendered CSV: quoted as needed and
//! never a formula.

use super::{Export, text};
use crate::base::text::csv_cell;
use crate::compile::views::criterion_text;
use crate::graph::Graph;

fn line(cells: &[String]) -> String {
    let mut row = cells
        .iter()
        .map(|c| csv_cell(c))
        .collect::<Vec<_>>()
        .join(",");
    row.push('\n');
    row
}

fn join<'a, T: AsRef<str> + 'a>(
    items: impl IntoIterator<Item = &'a crate::base::span::Spanned<T>>,
) -> String {
    items
        .into_iter()
        .map(|i| i.value.as_ref())
        .collect::<Vec<_>>()
        .join("; ")
}

fn or_empty(value: Option<impl ToString>) -> String {
    value.map(|v| v.to_string()).unwrap_or_default()
}

pub fn export(graph: &Graph<'_>) -> Export {
    let playbook = graph.playbook;
    let mut fields = line(
        &[
            "id",
            "label",
            "type",
            "currency",
            "required",
            "object",
            "options",
            "option_labels",
            "captured_by",
            "description",
        ]
        .map(String::from),
    );
    for field in &playbook.fields {
        let f = &field.value;
        fields.push_str(&line(&[
            field.id.value.to_string(),
            f.label.value.clone(),
            f.field_type.value.to_string(),
            or_empty(f.currency.as_ref()),
            f.required.unwrap_or(false).to_string(),
            f.object
                .as_ref()
                .map_or_else(|| "contact".to_owned(), |o| o.value.to_string()),
            join(&f.options),
            // Empty when the playbook gives no labels, so an importer can tell them from ids.
            if f.options.has_labels() {
                (0..f.options.len())
                    .filter_map(|i| f.options.label(i))
                    .collect::<Vec<_>>()
                    .join("; ")
            } else {
                String::new()
            },
            or_empty(f.captured_by.as_ref()),
            or_empty(f.description.as_ref()),
        ]));
    }
    let edges = graph.stage_edges();
    let mut stages = line(
        &[
            "order",
            "id",
            "title",
            "owner",
            "team",
            "crm",
            "sla",
            "criteria",
            "next",
            "rejected_to",
            "outcome",
        ]
        .map(String::from),
    );
    for (index, stage) in playbook.stages.iter().enumerate() {
        let s = &stage.value;
        let next: Vec<&str> = edges
            .iter()
            .filter(|e| e.from == stage.id.value)
            .map(|e| e.to)
            .collect();
        stages.push_str(&line(&[
            (index + 1).to_string(),
            stage.id.value.to_string(),
            or_empty(s.title.as_ref()),
            or_empty(s.owner.as_ref()),
            or_empty(graph.stage_team(&stage.id.value)),
            or_empty(s.crm.as_ref()),
            or_empty(s.sla.as_ref()),
            s.criteria
                .iter()
                .map(|c| criterion_text(&c.value))
                .collect::<Vec<_>>()
                .join("; "),
            next.join("; "),
            or_empty(s.rejected_to.as_ref()),
            or_empty(s.outcome.as_ref()),
        ]));
    }
    let mut pipelines =
        line(&["pipeline", "order", "id", "title", "probability", "outcome"].map(String::from));
    for pipeline in &playbook.pipelines {
        for (index, stage) in pipeline.value.stages.iter().enumerate() {
            pipelines.push_str(&line(&[
                pipeline.id.value.to_string(),
                (index + 1).to_string(),
                stage.id.value.to_string(),
                or_empty(stage.title.as_ref()),
                or_empty(stage.probability.as_ref().map(|p| p.value.0)),
                or_empty(stage.outcome.as_ref()),
            ]));
        }
    }
    // The byte-order mark is how Excel knows the file is UTF-8.
    let with_bom = |content: String| format!("\u{feff}{content}");
    Ok(vec![
        text("fields.csv", with_bom(fields)),
        text("lifecycle_stages.csv", with_bom(stages)),
        text("pipeline_stages.csv", with_bom(pipelines)),
    ])
}

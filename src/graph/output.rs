//! `smarketing graph` output: the compiled graph as Graphviz DOT, a Mermaid flowchart or JSON.

use crate::graph::{Graph, GraphNode};
use petgraph::visit::EdgeRef;
use serde::Serialize;
use std::fmt::Write;

/// A node's stable name: `section.id`.
fn key(node: &GraphNode<'_>) -> String {
    node.section.entity(node.id)
}

pub fn dot(graph: &Graph<'_>) -> String {
    let quote = |text: &str| format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""));
    let mut out = String::from(
        "digraph playbook {\n  rankdir=LR;\n  node [shape=box, fontname=\"Helvetica\"];\n",
    );
    for node in graph.graph.node_weights() {
        let _ = writeln!(
            out,
            "  {} [label={}];",
            quote(&key(node)),
            quote(&format!("{}\n({})", node.id, node.section.noun()))
        );
    }
    for edge in graph.graph.edge_references() {
        let style = if edge.weight().implicit {
            ", style=dashed"
        } else {
            ""
        };
        let _ = writeln!(
            out,
            "  {} -> {} [label={}{style}];",
            quote(&key(&graph.graph[edge.source()])),
            quote(&key(&graph.graph[edge.target()])),
            quote(edge.weight().relation.as_str())
        );
    }
    out.push_str("}\n");
    out
}

pub fn mermaid(graph: &Graph<'_>) -> String {
    let escape = |text: &str| text.replace('"', "#quot;");
    let mut out = String::from("flowchart LR\n");
    for (index, node) in graph.graph.node_weights().enumerate() {
        let _ = writeln!(
            out,
            "  n{index}[\"{} ({})\"]",
            escape(node.id),
            node.section.noun()
        );
    }
    for edge in graph.graph.edge_references() {
        let arrow = if edge.weight().implicit {
            "-.->"
        } else {
            "-->"
        };
        let _ = writeln!(
            out,
            "  n{} {arrow}|{}| n{}",
            edge.source().index(),
            edge.weight().relation.as_str(),
            edge.target().index()
        );
    }
    out
}

#[derive(Serialize)]
struct JsonGraph {
    nodes: Vec<JsonNode>,
    edges: Vec<JsonEdge>,
}

#[derive(Serialize)]
struct JsonNode {
    id: String,
    kind: &'static str,
    name: String,
}

#[derive(Serialize)]
struct JsonEdge {
    from: String,
    to: String,
    relation: &'static str,
    implicit: bool,
}

pub fn json(graph: &Graph<'_>) -> String {
    let document = JsonGraph {
        nodes: graph
            .graph
            .node_weights()
            .map(|node| JsonNode {
                id: key(node),
                kind: node.section.noun(),
                name: node.id.to_owned(),
            })
            .collect(),
        edges: graph
            .graph
            .edge_references()
            .map(|edge| JsonEdge {
                from: key(&graph.graph[edge.source()]),
                to: key(&graph.graph[edge.target()]),
                relation: edge.weight().relation.as_str(),
                implicit: edge.weight().implicit,
            })
            .collect(),
    };
    let mut text = serde_json::to_string_pretty(&document).unwrap_or_default();
    text.push('\n');
    text
}

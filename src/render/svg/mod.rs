//! Inline SVG pictures for the overview page: the lead lifecycle and the task dependency graph.
//!
//! Why the tool draws them itself: the overview page (`index.html`) is one self-contained file
//! that must open from disk, print, and work without JavaScript. That rules out Mermaid (a script)
//! and Graphviz (an external program the user may not have). Both pictures have a simple, fixed
//! shape (a row of stages, or a column when there are many; columns of tasks), so a small layout of our own is enough, and it keeps
//! the output deterministic: the same playbook always gives byte-identical SVG, which keeps
//! `render --check` exact and rendered docs diff-friendly.
//!
//! Rules every function here follows:
//! - every piece of user text goes through [`escape`]: playbooks are user YAML and may contain
//!   `<script>`, and the SVG is inlined into HTML;
//! - coordinates are integers and every iteration order comes from a `Vec` or a `BTreeMap`;
//! - marker ids are prefixed (`lc-` lifecycle, `tg-` task graph) so both SVGs can share one page;
//! - no input panics: unknown ids are skipped, duplicates resolve to the first occurrence, and a
//!   dependency cycle is drawn (dashed, red) but not used for layering, so layout always ends;
//! - work is linear in stages/tasks plus edges, so a 2,000-task playbook gives a large picture,
//!   not a slow one.
//!
//! Each `<svg>` carries its natural `width`/`height` and a `viewBox`, so the page can scale it
//! with CSS (e.g. `svg { max-width: 100%; height: auto }` for print) without touching this module.

mod layout;
mod lifecycle;
mod task_graph;

pub use lifecycle::{lifecycle, lifecycle_in};
pub use task_graph::{task_graph, task_graph_in};

use crate::compile::texts::{fill, text};
use crate::model::values::Language;
use std::collections::BTreeMap;
use std::fmt::Write;

/// A stage of the lead lifecycle, as the picture needs it.
#[derive(Clone, Copy, Debug)]
pub struct Stage<'a> {
    pub id: &'a str,
    pub title: Option<&'a str>,
    /// Owning team id, `None` when unknown.
    pub team: Option<&'a str>,
    /// `"won"`, `"lost"` or `None`; anything else gets no marker.
    pub outcome: Option<&'a str>,
}

/// What a lifecycle transition means, which decides how it is drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EdgeKind {
    /// An ordinary `next` transition within one team.
    Next,
    /// A `next` transition where the owning team changes: thick, highlighted, labelled with the SLA.
    Handoff,
    /// A `rejected_to` transition: dashed, below the row.
    Rejected,
}

/// A lifecycle transition between two stage ids.
#[derive(Clone, Copy, Debug)]
pub struct Edge<'a> {
    pub from: &'a str,
    pub to: &'a str,
    pub kind: EdgeKind,
    /// E.g. `"SLA 24h"` on handoffs.
    pub label: Option<&'a str>,
}

/// A task of the playbook, as the dependency graph needs it.
#[derive(Clone, Copy, Debug)]
pub struct Task<'a> {
    pub id: &'a str,
    pub accountable: Option<&'a str>,
    /// Ids of tasks this one waits for; unknown ids are ignored.
    pub depends_on: &'a [&'a str],
}

// ---------------------------------------------------------------------------------------------
// Colours and fonts shared by both pictures.

const FONT: &str = "system-ui, sans-serif";
/// Text colour: near-black on the light box fills.
const INK: &str = "#0f172a";
/// Secondary text and ordinary arrows.
const MUTED: &str = "#475569";

// ---------------------------------------------------------------------------------------------
// Text helpers.

/// Text escaped for XML content and attribute values; see [`xml_escape`].
pub use crate::base::text::xml_escape as escape;

/// Tooltips show the untruncated text, but within reason: a pasted essay in a title must not
/// bloat the page.
const TOOLTIP_MAX_CHARS: usize = 300;

/// Escaped tooltip text, cut to [`TOOLTIP_MAX_CHARS`] characters.
fn tooltip(text: &str) -> String {
    match text.char_indices().nth(TOOLTIP_MAX_CHARS) {
        Some((cut, _)) => escape(&format!("{}…", &text[..cut])),
        None => escape(text),
    }
}

// ---------------------------------------------------------------------------------------------
// SVG scaffolding shared by both pictures.

/// Opens the `<svg>` element with what a standalone, accessible SVG needs: the namespace, a
/// `viewBox`, `role="img"`, an `aria-label` and a `<title>` (the tooltip and the accessible name
/// in browsers that ignore `aria-label` on SVG).
fn open_svg(out: &mut String, class: &str, width: i64, height: i64, label: &str) {
    let label = escape(label);
    let _ = write!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"{class}\" viewBox=\"0 0 {width} {height}\" \
         width=\"{width}\" height=\"{height}\" role=\"img\" aria-label=\"{label}\" \
         font-family=\"{FONT}\">\n<title>{label}</title>\n"
    );
}

/// A `<text>` of one or more lines: the first baseline at `y`, each further line `line_h` lower
/// (a `<tspan>` per line). `attrs` are the element's other attributes; lines are escaped here.
fn text_lines(out: &mut String, x: i64, y: i64, line_h: i64, attrs: &str, lines: &[String]) {
    match lines {
        [] => {}
        [one] => {
            let _ = writeln!(
                out,
                "<text x=\"{x}\" y=\"{y}\" {attrs}>{}</text>",
                escape(one)
            );
        }
        many => {
            let _ = write!(out, "<text x=\"{x}\" y=\"{y}\" {attrs}>");
            for (i, line) in many.iter().enumerate() {
                let dy = if i == 0 { 0 } else { line_h };
                let _ = write!(out, "<tspan x=\"{x}\" dy=\"{dy}\">{}</tspan>", escape(line));
            }
            out.push_str("</text>\n");
        }
    }
}

/// An arrowhead marker. Sized in user units, not stroke widths, so thick handoff arrows don't get
/// huge heads; `orient="auto"` turns it along the path's end direction.
fn arrow_marker(out: &mut String, id: &str, colour: &str) {
    let _ = writeln!(
        out,
        "<marker id=\"{id}\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"10\" \
         markerHeight=\"10\" markerUnits=\"userSpaceOnUse\" orient=\"auto\">\
         <path d=\"M0,0 L10,5 L0,10 z\" fill=\"{colour}\"/></marker>"
    );
}

/// First index of every id. Later duplicates still get drawn, but edges naming the id attach to
/// the first one, which is what a reader of the YAML would expect.
fn index_by_id<'a>(ids: impl Iterator<Item = &'a str>) -> BTreeMap<&'a str, usize> {
    let mut index = BTreeMap::new();
    for (i, id) in ids.enumerate() {
        index.entry(id).or_insert(i);
    }
    index
}

/// Inputs shared by the tests of both pictures.
#[cfg(test)]
mod fixtures {
    use super::{Edge, EdgeKind, Stage, Task};

    /// A `<text>` element as a reader sees it: font size, bold or not, and its lines.
    #[derive(Debug)]
    pub(super) struct Text {
        pub font: f64,
        pub bold: bool,
        pub lines: Vec<String>,
    }

    fn unescape(text: &str) -> String {
        text.replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&#39;", "'")
            .replace("&amp;", "&")
    }

    /// Every `<text>` of a picture, its `<tspan>` lines read back.
    pub(super) fn texts(svg: &str) -> Vec<Text> {
        let mut found = Vec::new();
        let mut rest = svg;
        while let Some(start) = rest.find("<text ") {
            let element = &rest[start..];
            let end = element.find("</text>").expect("every <text> is closed");
            let body = &element[..end];
            let (tag, content) = body.split_once('>').expect("a start tag");
            let font = tag
                .split("font-size=\"")
                .nth(1)
                .and_then(|v| v.split('"').next())
                .and_then(|v| v.parse().ok())
                .unwrap_or(0.0);
            let lines = if content.contains("<tspan") {
                content
                    .split("<tspan")
                    .skip(1)
                    .map(|piece| {
                        let inner = piece.split_once('>').map_or("", |(_, text)| text);
                        unescape(inner.trim_end_matches("</tspan>"))
                    })
                    .collect()
            } else {
                vec![unescape(content)]
            };
            found.push(Text {
                font,
                bold: tag.contains("font-weight=\"bold\""),
                lines,
            });
            rest = &element[end..];
        }
        found
    }

    /// Whether a label is drawn whole: some `<text>` in this font holds exactly its words, the
    /// pieces of a word broken at a line end joined again.
    pub(super) fn drawn_whole<'t>(
        texts: &'t [Text],
        label: &str,
        font: f64,
        bold: bool,
    ) -> Option<&'t Text> {
        let squeeze = |text: &str| text.split_whitespace().collect::<String>();
        texts.iter().find(|text| {
            text.font == font
                && text.bold == bold
                && squeeze(&text.lines.concat()) == squeeze(label)
        })
    }

    /// Labels as long as people write them, of different lengths.
    pub(super) fn long_label(i: usize) -> String {
        let words = [
            "treatment-booked",
            "and",
            "confirmed",
            "deposit",
            "paid",
            "by",
            "bank",
            "transfer",
            "before",
            "arrival",
            "Größe",
            "東京",
        ];
        (0..4 + i % 9)
            .map(|k| words[(i + k) % words.len()])
            .collect::<Vec<_>>()
            .join(" ")
    }

    pub(super) fn stage<'a>(
        id: &'a str,
        team: Option<&'a str>,
        outcome: Option<&'a str>,
    ) -> Stage<'a> {
        Stage {
            id,
            title: Some("A title"),
            team,
            outcome,
        }
    }

    pub(super) fn edge<'a>(
        from: &'a str,
        to: &'a str,
        kind: EdgeKind,
        label: Option<&'a str>,
    ) -> Edge<'a> {
        Edge {
            from,
            to,
            kind,
            label,
        }
    }

    pub(super) fn task<'a>(id: &'a str, depends_on: &'a [&'a str]) -> Task<'a> {
        Task {
            id,
            accountable: Some("ops"),
            depends_on,
        }
    }

    /// The hotel-like lifecycle from the docs: marketing hands qualified leads to sales.
    pub(super) fn hotel() -> (Vec<Stage<'static>>, Vec<Edge<'static>>) {
        let stages = vec![
            stage("inquiry", Some("marketing"), None),
            stage("mql", Some("marketing"), None),
            stage("sql", Some("sales"), None),
            stage("booked", Some("sales"), Some("won")),
            stage("lost", Some("sales"), Some("lost")),
        ];
        let edges = vec![
            edge("inquiry", "mql", EdgeKind::Next, None),
            edge("mql", "sql", EdgeKind::Handoff, Some("SLA 24h")),
            edge("sql", "booked", EdgeKind::Next, None),
            edge("sql", "lost", EdgeKind::Next, None),
            edge("sql", "mql", EdgeKind::Rejected, None),
        ];
        (stages, edges)
    }
}

#[cfg(test)]
mod tests {
    use super::fixtures::{edge, hotel, task};
    use super::*;

    #[test]
    fn user_text_is_escaped_everywhere() {
        let evil = "<script>alert(1)</script>";
        let stages = [Stage {
            id: evil,
            title: Some(evil),
            team: Some(evil),
            outcome: Some(evil),
        }];
        let edges = [edge(evil, evil, EdgeKind::Handoff, Some(evil))];
        let deps = [evil];
        let tasks = [Task {
            id: evil,
            accountable: Some(evil),
            depends_on: &deps,
        }];
        for svg in [lifecycle(&stages, &edges), task_graph(&tasks)] {
            assert!(!svg.contains("<script"), "{svg}");
            assert!(svg.contains("&lt;script"), "{svg}");
        }
    }

    #[test]
    fn empty_input_gives_empty_string() {
        assert_eq!(lifecycle(&[], &[]), "");
        assert_eq!(lifecycle(&[], &[edge("a", "b", EdgeKind::Next, None)]), "");
        assert_eq!(task_graph(&[]), "");
    }

    #[test]
    fn svg_is_standalone() {
        let (stages, edges) = hotel();
        let deps = ["a"];
        let tasks = [task("a", &[]), task("b", &deps)];
        for (svg, prefix) in [
            (lifecycle(&stages, &edges), "lc-"),
            (task_graph(&tasks), "tg-"),
        ] {
            assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
            assert!(svg.trim_end().ends_with("</svg>"));
            for needle in [
                "viewBox=\"0 0 ",
                "role=\"img\"",
                "aria-label=\"",
                "<title>",
                "<defs>",
            ] {
                assert!(svg.contains(needle), "missing {needle}");
            }
            assert!(svg.contains(&format!("<marker id=\"{prefix}arrow\"")));
            assert!(!svg.contains("<script") && !svg.contains("@import") && !svg.contains("href"));
        }
    }

    #[test]
    fn awkward_input_does_not_panic() {
        let long = "x".repeat(5000);
        let stages = [
            Stage {
                id: "dup",
                title: Some(&long),
                team: None,
                outcome: Some("maybe"),
            },
            Stage {
                id: "dup",
                title: Some("Größe\n東京 🚀 multi\tline"),
                team: Some(""),
                outcome: None,
            },
            Stage {
                id: "",
                title: None,
                team: Some("t"),
                outcome: Some("WON"),
            },
        ];
        let edges = [
            edge("dup", "dup", EdgeKind::Next, None),
            edge("dup", "dup", EdgeKind::Rejected, None),
            edge("", "dup", EdgeKind::Handoff, Some(&long)),
            edge("?", "!", EdgeKind::Next, None),
        ];
        let svg = lifecycle(&stages, &edges);
        assert!(svg.contains('…'));
        assert!(!svg.contains(&long));
        let self_dep = ["me", "me", "ghost"];
        let tasks = [
            task("me", &self_dep),
            task("me", &[]),
            task(&long, &self_dep),
        ];
        assert!(task_graph(&tasks).contains("tg-arrow-cycle"));
    }

    #[test]
    fn output_is_deterministic() {
        let (stages, edges) = hotel();
        assert_eq!(lifecycle(&stages, &edges), lifecycle(&stages, &edges));
        let (d_b, d_c) = (["a"], ["a", "b"]);
        let tasks = [task("a", &[]), task("b", &d_b), task("c", &d_c)];
        assert_eq!(task_graph(&tasks), task_graph(&tasks));
    }
}

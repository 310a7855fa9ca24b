//! Inline SVG pictures for the overview page: the lead lifecycle and the task dependency graph.
//!
//! Why the tool draws them itself: the overview page (`index.html`) is one self-contained file
//! that must open from disk, print, and work without JavaScript. That rules out Mermaid (a script)
//! and Graphviz (an external program the user may not have). Both pictures have a simple, fixed
//! shape (a row of stages; columns of tasks), so a small layout of our own is enough, and it keeps
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

use std::cmp::Ordering;
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
/// Text colour: near-black on the light fills below.
const INK: &str = "#0f172a";
/// Secondary text and ordinary arrows.
const MUTED: &str = "#475569";
/// Handoffs are where leads get dropped, so they stand out.
const HIGHLIGHT: &str = "#ea580c";
const WON: &str = "#15803d";
const LOST: &str = "#6b7280";
/// Dependency cycles are errors; red makes them easy to spot.
const CYCLE: &str = "#b91c1c";

/// A box colour: a light fill behind dark text and a darker border in the same hue.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Colour {
    fill: &'static str,
    stroke: &'static str,
}

/// Team colours, handed out in order of first appearance. Green and grey are left out because
/// they mark won and lost stages, orange because it marks handoffs. A playbook with more teams
/// reuses colours; the legend still names every team.
const PALETTE: [Colour; 6] = [
    Colour {
        fill: "#dbeafe",
        stroke: "#1d4ed8",
    }, // blue
    Colour {
        fill: "#ede9fe",
        stroke: "#6d28d9",
    }, // violet
    Colour {
        fill: "#ccfbf1",
        stroke: "#0f766e",
    }, // teal
    Colour {
        fill: "#fce7f3",
        stroke: "#be185d",
    }, // pink
    Colour {
        fill: "#fef9c3",
        stroke: "#a16207",
    }, // yellow
    Colour {
        fill: "#efe4d6",
        stroke: "#7c4a1e",
    }, // brown
];

/// Stages without an owning team: neutral, with a dashed border so "unknown" is visible.
const NO_TEAM: Colour = Colour {
    fill: "#f8fafc",
    stroke: "#94a3b8",
};

// ---------------------------------------------------------------------------------------------
// Text helpers.

/// Escapes text for XML content and attribute values.
///
/// The five XML specials become entities. Control characters other than tab, newline and
/// carriage return are dropped: XML 1.0 forbids them even as character references, and one stray
/// byte from a YAML file must not make the whole page fail to parse.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if u32::from(c) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// Whether a character is drawn about one em wide (CJK, Hangul, full-width forms, emoji).
fn is_wide(c: char) -> bool {
    matches!(u32::from(c),
        0x1100..=0x115F
        | 0x2E80..=0xA4CF
        | 0xAC00..=0xD7A3
        | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6
        | 0x1F300..=0x1FAFF
        | 0x20000..=0x3FFFD)
}

/// A character's approximate advance in ems for a proportional sans-serif font.
///
/// We can't measure text without a font engine, and the page's font is whatever `system-ui` is
/// on the reader's machine, so this errs on the wide side: truncating a little early is harmless,
/// text running out of its box is not.
fn char_em(c: char) -> f64 {
    match c {
        'i' | 'l' | 'j' | 'I' | '.' | ',' | ':' | ';' | '\'' | '!' | '|' => 0.32,
        ' ' | 'f' | 't' | 'r' | '(' | ')' | '[' | ']' | '-' | '/' => 0.4,
        'm' | 'w' | 'M' | 'W' | '@' | '%' => 0.92,
        c if is_wide(c) => 1.0,
        // Capitals in any script (Latin, Greek, Cyrillic) run wider than lower case.
        c if c.is_uppercase() => 0.74,
        _ => 0.6,
    }
}

/// Approximate width in pixels of a character at a font size; bold runs about 8% wider.
fn char_px(c: char, font_px: f64, bold: bool) -> f64 {
    let weight = if bold { 1.08 } else { 1.0 };
    char_em(c) * font_px * weight
}

/// Approximate width in pixels of a string.
fn text_px(text: &str, font_px: f64, bold: bool) -> f64 {
    text.chars().map(|c| char_px(c, font_px, bold)).sum()
}

/// Text made to fit `max_px`: whitespace runs (newlines from YAML block scalars included)
/// collapse to one space, and text that is still too wide is cut and ends with an ellipsis.
/// Cuts happen on characters, never inside one, and before escaping, never inside an entity.
fn fit(text: &str, max_px: i64, font_px: f64, bold: bool) -> String {
    let clean = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let max = max_px as f64;
    if text_px(&clean, font_px, bold) <= max {
        return clean;
    }
    let budget = max - char_px('…', font_px, bold);
    let mut used = 0.0;
    let mut out = String::new();
    for c in clean.chars() {
        used += char_px(c, font_px, bold);
        if used > budget {
            break;
        }
        out.push(c);
    }
    let kept = out.trim_end().len();
    out.truncate(kept);
    out.push('…');
    out
}

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

/// A `<text>` with a white halo (`paint-order="stroke"`), so a label stays readable where it
/// crosses a line. `text` must already be fitted; it is escaped here.
fn halo_text(out: &mut String, x: i64, y: i64, colour: &str, bold: bool, text: &str) {
    let weight = if bold { " font-weight=\"bold\"" } else { "" };
    let _ = writeln!(
        out,
        "<text x=\"{x}\" y=\"{y}\" text-anchor=\"middle\" font-size=\"12\"{weight} fill=\"{colour}\" \
         stroke=\"#ffffff\" stroke-width=\"4\" stroke-linejoin=\"round\" paint-order=\"stroke\">{}</text>",
        escape(text)
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

// ---------------------------------------------------------------------------------------------
// The lead lifecycle.

const LC_MARGIN: i64 = 20;
const LC_BOX_W: i64 = 150;
const LC_BOX_H: i64 = 60;
/// Wide enough for an arrow plus a label such as "SLA 24h" between two boxes.
const LC_GAP: i64 = 100;
/// Distance of the outcome ring outside the box.
const LC_RING: i64 = 5;
/// Room for an arc's label beyond its apex.
const LC_LABEL_ROOM: i64 = 20;
/// How far from a box's centre the innermost arcs attach (see [`arc_ends`]).
const LC_ATTACH: i64 = 48;
const LC_LEGEND_ROW: i64 = 24;
/// The legend needs some width even for a one-stage lifecycle.
const LC_MIN_WIDTH: i64 = 600;

/// Where an edge runs relative to the row of stages.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Side {
    /// Between two neighbouring boxes.
    Straight,
    /// Curving over the row: forward edges that skip stages, and self-loops.
    Above,
    /// Curving under the row, dashed: rejections and other backward edges.
    Below,
}

/// An edge resolved to stage indices and placed.
#[derive(Clone, Copy, Debug)]
struct Routed<'a> {
    from: usize,
    to: usize,
    kind: EdgeKind,
    label: Option<&'a str>,
    side: Side,
    /// Arcs on one side are stacked in levels so that arcs on the same level never overlap.
    level: i64,
}

/// The team colours: one per stage, plus the legend entries in order of first appearance.
struct TeamColours<'a> {
    per_stage: Vec<Colour>,
    legend: Vec<(Option<&'a str>, Colour)>,
}

/// Gives each owning team the next palette colour the first time it appears, in stage order,
/// so colours follow the reading order of the playbook and not some hash order.
fn team_colours<'a>(stages: &[Stage<'a>]) -> TeamColours<'a> {
    let mut seen: BTreeMap<Option<&'a str>, Colour> = BTreeMap::new();
    let mut legend: Vec<(Option<&'a str>, Colour)> = Vec::new();
    let mut known_teams = 0;
    let mut per_stage = Vec::with_capacity(stages.len());
    for stage in stages {
        let colour = match seen.get(&stage.team) {
            Some(colour) => *colour,
            None => {
                let colour = match stage.team {
                    Some(_) => {
                        known_teams += 1;
                        PALETTE[(known_teams - 1) % PALETTE.len()]
                    }
                    None => NO_TEAM,
                };
                seen.insert(stage.team, colour);
                legend.push((stage.team, colour));
                colour
            }
        };
        per_stage.push(colour);
    }
    TeamColours { per_stage, legend }
}

/// The ring colour of an outcome stage: green for won, grey for lost.
fn outcome_colour(stage: &Stage<'_>) -> Option<&'static str> {
    match stage.outcome {
        Some(outcome) if outcome.eq_ignore_ascii_case("won") => Some(WON),
        Some(outcome) if outcome.eq_ignore_ascii_case("lost") => Some(LOST),
        _ => None,
    }
}

/// Decides where an edge runs: rejections and backward edges below the row (dashed), edges to
/// the neighbouring stage straight, everything else (skips, self-loops) above.
fn side_of(kind: EdgeKind, from: usize, to: usize) -> Side {
    if kind == EdgeKind::Rejected || to < from {
        Side::Below
    } else if to == from + 1 {
        Side::Straight
    } else {
        Side::Above
    }
}

/// When one pair of stages has several edges on the same side, only one is drawn (they would
/// overlap exactly): the handoff wins, since it carries the most information.
fn kind_rank(kind: EdgeKind) -> u8 {
    match kind {
        EdgeKind::Next => 0,
        EdgeKind::Rejected => 1,
        EdgeKind::Handoff => 2,
    }
}

/// Resolves edges to stage indices, drops edges naming unknown stages and duplicates, decides
/// each edge's side and stacks the arcs into levels.
fn route_edges<'e>(stages: &[Stage<'_>], edges: &[Edge<'e>]) -> Vec<Routed<'e>> {
    let index = index_by_id(stages.iter().map(|stage| stage.id));
    let mut unique: BTreeMap<(usize, usize, Side), Routed<'e>> = BTreeMap::new();
    for edge in edges {
        let (Some(&from), Some(&to)) = (index.get(edge.from), index.get(edge.to)) else {
            continue;
        };
        let side = side_of(edge.kind, from, to);
        let routed = Routed {
            from,
            to,
            kind: edge.kind,
            label: edge.label,
            side,
            level: 0,
        };
        let slot = unique.entry((from, to, side)).or_insert(routed);
        if kind_rank(edge.kind) > kind_rank(slot.kind) {
            *slot = routed;
        }
    }
    let mut routed: Vec<Routed<'e>> = unique.into_values().collect();
    for side in [Side::Above, Side::Below] {
        stack_arcs(&mut routed, side);
    }
    routed
}

/// The horizontal centre of stage `i`'s box.
fn lc_center(i: usize) -> i64 {
    LC_MARGIN + i as i64 * (LC_BOX_W + LC_GAP) + LC_BOX_W / 2
}

/// The x coordinates where an arc on `level` leaves and enters its boxes.
///
/// Forward arcs leave right of the centre and enter left of it, backward arcs the other way
/// round, so an arc that ends on a box never shares a point with one that starts there. Higher
/// (outer) arcs attach closer to the centre: two arcs into one box then land side by side
/// instead of on top of each other, and the outer one comes down beside the inner one rather
/// than through it. Self-loops stay on the box's right half.
fn arc_ends(from: usize, to: usize, level: i64) -> (i64, i64) {
    let (a, b) = (lc_center(from), lc_center(to));
    let attach = LC_ATTACH - 12 * level.min(3);
    match from.cmp(&to) {
        Ordering::Less => (a + attach, b - attach),
        Ordering::Greater => (a - attach, b + attach),
        Ordering::Equal => (a + attach, a + attach + 24),
    }
}

/// How far an arc on `level` bulges from the row.
fn arc_apex(level: i64) -> i64 {
    30 + 26 * level
}

/// Stacks the arcs on one side into levels: shortest arcs first, each on the lowest level where
/// it overlaps no other arc, so nested arcs sit inside each other and crossing arcs separate.
/// Lifecycles have a handful of edges, so checking each level's intervals is cheap.
fn stack_arcs(routed: &mut [Routed<'_>], side: Side) {
    let mut order: Vec<usize> = (0..routed.len())
        .filter(|&i| routed[i].side == side)
        .collect();
    let span = |edge: &Routed<'_>| {
        // Levels are decided on the innermost attach points; every arc on one level moves by
        // the same amount later, so arcs that don't overlap here don't overlap when drawn.
        let (x1, x2) = arc_ends(edge.from, edge.to, 0);
        (x1.min(x2), x1.max(x2))
    };
    order.sort_by_key(|&i| {
        let (lo, hi) = span(&routed[i]);
        (hi - lo, lo, i)
    });
    let mut levels: Vec<Vec<(i64, i64)>> = Vec::new();
    for i in order {
        let (lo, hi) = span(&routed[i]);
        let free = levels
            .iter()
            .position(|taken| taken.iter().all(|&(a, b)| hi < a || b < lo));
        let level = match free {
            Some(level) => level,
            None => {
                levels.push(Vec::new());
                levels.len() - 1
            }
        };
        // `level` is either a found position or the index of the level just pushed.
        if let Some(taken) = levels.get_mut(level) {
            taken.push((lo, hi));
        }
        routed[i].level = level as i64;
    }
}

/// How much room the arcs on one side need, label included; zero without arcs.
fn arc_room(routed: &[Routed<'_>], side: Side) -> i64 {
    routed
        .iter()
        .filter(|edge| edge.side == side)
        .map(|edge| arc_apex(edge.level) + LC_LABEL_ROOM)
        .max()
        .unwrap_or(0)
}

/// The label an edge shows: handoffs always say their SLA (or that there is none, which is
/// worth noticing), rejections say so, ordinary edges only show a label they were given.
fn edge_label<'a>(edge: &Routed<'a>) -> Option<&'a str> {
    match edge.kind {
        EdgeKind::Handoff => Some(edge.label.unwrap_or("no SLA")),
        EdgeKind::Rejected => Some(edge.label.unwrap_or("rejected")),
        EdgeKind::Next => edge.label,
    }
}

/// Stroke attributes and marker for an edge: handoffs thick and highlighted, below-row edges
/// dashed.
fn edge_stroke(edge: &Routed<'_>) -> String {
    let (colour, width, marker) = if edge.kind == EdgeKind::Handoff {
        (HIGHLIGHT, "3", "lc-arrow-handoff")
    } else {
        (MUTED, "1.5", "lc-arrow")
    };
    let dash = if edge.side == Side::Below {
        " stroke-dasharray=\"6 4\""
    } else {
        ""
    };
    format!(
        "fill=\"none\" stroke=\"{colour}\" stroke-width=\"{width}\"{dash} marker-end=\"url(#{marker})\""
    )
}

/// The label colour: handoff labels in the highlight colour, the rest muted.
fn label_colour(edge: &Routed<'_>) -> &'static str {
    if edge.kind == EdgeKind::Handoff {
        HIGHLIGHT
    } else {
        MUTED
    }
}

/// Vertical layout of the lifecycle picture, worked out once from the routed edges.
struct LcRows<'s> {
    /// Stage ids by index, for the edges' tooltips.
    ids: Vec<&'s str>,
    /// Top of the stage boxes.
    box_top: i64,
    /// Top of the legend.
    legend_top: i64,
    /// Outcome ring offset per stage (0 without a ring), so arrows end on the outer border.
    rings: Vec<i64>,
}

/// Writes an edge's `<path>` with a tooltip naming both stages and the full label, since the
/// label drawn on the picture may be cut short.
fn edge_path(out: &mut String, d: &str, edge: &Routed<'_>, rows: &LcRows<'_>) {
    let id = |i: usize| rows.ids.get(i).copied().unwrap_or("");
    let mut hint = format!("{} → {}", id(edge.from), id(edge.to));
    let kind = match edge.kind {
        EdgeKind::Next => None,
        EdgeKind::Handoff => Some("handoff"),
        EdgeKind::Rejected => Some("rejected"),
    };
    let details: Vec<&str> = kind.into_iter().chain(edge.label).collect();
    if !details.is_empty() {
        hint.push_str(": ");
        hint.push_str(&details.join(", "));
    }
    let _ = writeln!(
        out,
        "<path d=\"{d}\" {}><title>{}</title></path>",
        edge_stroke(edge),
        tooltip(&hint)
    );
}

/// Draws an edge between neighbouring stages: a straight arrow with its label above it.
fn draw_straight(out: &mut String, edge: &Routed<'_>, rows: &LcRows<'_>) {
    let y = rows.box_top + LC_BOX_H / 2;
    let x1 = lc_center(edge.from) + LC_BOX_W / 2 + rows.rings[edge.from];
    let x2 = lc_center(edge.to) - LC_BOX_W / 2 - rows.rings[edge.to];
    edge_path(out, &format!("M{x1},{y} L{x2},{y}"), edge, rows);
    if let Some(label) = edge_label(edge) {
        let text = fit(label, LC_GAP - 8, 12.0, true);
        halo_text(out, (x1 + x2) / 2, y - 9, label_colour(edge), true, &text);
    }
}

/// Draws an arc over or under the row with its label at the apex. A cubic Bézier whose control
/// points sit straight above (below) the ends starts and ends vertically, so the arrowhead points
/// straight into the box.
fn draw_arc(out: &mut String, edge: &Routed<'_>, rows: &LcRows<'_>) {
    let (x1, x2) = arc_ends(edge.from, edge.to, edge.level);
    let apex = arc_apex(edge.level);
    // A cubic with both controls at distance c reaches 3/4 c, so c = 4/3 of the apex.
    let control = apex * 4 / 3;
    let (y1, y2, cy, label_y) = if edge.side == Side::Above {
        let y1 = rows.box_top - rows.rings[edge.from];
        let y2 = rows.box_top - rows.rings[edge.to];
        (y1, y2, rows.box_top - control, rows.box_top - apex - 6)
    } else {
        let bottom = rows.box_top + LC_BOX_H;
        let y1 = bottom + rows.rings[edge.from];
        let y2 = bottom + rows.rings[edge.to];
        (y1, y2, bottom + control, bottom + apex + 16)
    };
    let path = format!("M{x1},{y1} C{x1},{cy} {x2},{cy} {x2},{y2}");
    edge_path(out, &path, edge, rows);
    if let Some(label) = edge_label(edge) {
        let text = fit(label, 180, 12.0, true);
        halo_text(out, (x1 + x2) / 2, label_y, label_colour(edge), true, &text);
    }
}

/// Draws one stage: the ring for outcome stages, the box in the team colour, the id in bold and
/// the title below it, and a `<title>` tooltip with the untruncated text.
fn draw_stage(out: &mut String, stage: &Stage<'_>, i: usize, colour: Colour, top: i64) {
    let x = lc_center(i) - LC_BOX_W / 2;
    let cx = lc_center(i);
    let mut hint = stage.id.to_string();
    if let Some(title) = stage.title {
        hint.push_str(" — ");
        hint.push_str(title);
    }
    hint.push_str(&format!(" (team: {})", stage.team.unwrap_or("unknown")));
    if let Some(outcome) = stage.outcome {
        hint.push_str(&format!(", outcome: {outcome}"));
    }
    let _ = writeln!(out, "<g>\n<title>{}</title>", tooltip(&hint));
    if let Some(ring) = outcome_colour(stage) {
        let _ = writeln!(
            out,
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"12\" fill=\"none\" \
             stroke=\"{ring}\" stroke-width=\"2.5\"/>",
            x - LC_RING,
            top - LC_RING,
            LC_BOX_W + 2 * LC_RING,
            LC_BOX_H + 2 * LC_RING
        );
    }
    let dash = if stage.team.is_none() {
        " stroke-dasharray=\"4 3\""
    } else {
        ""
    };
    let _ = writeln!(
        out,
        "<rect x=\"{x}\" y=\"{top}\" width=\"{LC_BOX_W}\" height=\"{LC_BOX_H}\" rx=\"8\" \
         fill=\"{}\" stroke=\"{}\" stroke-width=\"1.5\"{dash}/>",
        colour.fill, colour.stroke
    );
    let inner = LC_BOX_W - 16;
    let id = escape(&fit(stage.id, inner, 14.0, true));
    let title = stage.title.map(|title| fit(title, inner, 12.0, false));
    // Without a title the id sits in the middle of the box.
    let id_y = if title.is_some() {
        top + 26
    } else {
        top + LC_BOX_H / 2 + 5
    };
    let _ = writeln!(
        out,
        "<text x=\"{cx}\" y=\"{id_y}\" text-anchor=\"middle\" font-size=\"14\" font-weight=\"bold\" \
         fill=\"{INK}\">{id}</text>"
    );
    if let Some(title) = title {
        let _ = writeln!(
            out,
            "<text x=\"{cx}\" y=\"{}\" text-anchor=\"middle\" font-size=\"12\" fill=\"{INK}\">{}</text>",
            top + 45,
            escape(&title)
        );
    }
    out.push_str("</g>\n");
}

/// One entry of the lifecycle legend.
#[derive(Clone, Copy, Debug)]
enum LegendItem<'a> {
    Team(Option<&'a str>, Colour),
    Handoff,
    Backward,
    Won,
    Lost,
}

/// The legend lists the teams in order of first appearance, then explains only those line and
/// ring styles the picture actually uses.
fn legend_items<'a>(
    stages: &[Stage<'_>],
    routed: &[Routed<'_>],
    colours: &TeamColours<'a>,
) -> Vec<LegendItem<'a>> {
    let mut items: Vec<LegendItem<'a>> = colours
        .legend
        .iter()
        .map(|&(team, colour)| LegendItem::Team(team, colour))
        .collect();
    if routed.iter().any(|edge| edge.kind == EdgeKind::Handoff) {
        items.push(LegendItem::Handoff);
    }
    if routed.iter().any(|edge| edge.side == Side::Below) {
        items.push(LegendItem::Backward);
    }
    if stages
        .iter()
        .any(|stage| outcome_colour(stage) == Some(WON))
    {
        items.push(LegendItem::Won);
    }
    if stages
        .iter()
        .any(|stage| outcome_colour(stage) == Some(LOST))
    {
        items.push(LegendItem::Lost);
    }
    items
}

/// A legend entry's text, already fitted.
fn legend_text(item: &LegendItem<'_>) -> String {
    match item {
        LegendItem::Team(Some(team), _) => fit(team, 220, 12.0, false),
        LegendItem::Team(None, _) => "no owning team".to_string(),
        LegendItem::Handoff => "handoff (owning team changes)".to_string(),
        LegendItem::Backward => "rejection / step back".to_string(),
        LegendItem::Won => "won".to_string(),
        LegendItem::Lost => "lost".to_string(),
    }
}

/// Legend entries flow left to right and wrap at `width`, like words. Returns each entry's
/// position and the number of rows.
fn legend_positions(items: &[LegendItem<'_>], width: i64) -> (Vec<(i64, i64)>, i64) {
    let mut positions = Vec::with_capacity(items.len());
    let (mut x, mut row) = (LC_MARGIN, 0);
    for item in items {
        let item_width = 34 + text_px(&legend_text(item), 12.0, false).ceil() as i64 + 24;
        if x > LC_MARGIN && x + item_width > width - LC_MARGIN {
            x = LC_MARGIN;
            row += 1;
        }
        positions.push((x, row));
        x += item_width;
    }
    let rows = if items.is_empty() { 0 } else { row + 1 };
    (positions, rows)
}

/// Draws the legend swatch for an entry at (`x`, `y`), `y` being the text baseline.
fn draw_swatch(out: &mut String, item: &LegendItem<'_>, x: i64, y: i64) {
    let mid = y - 4;
    match item {
        LegendItem::Team(team, colour) => {
            let dash = if team.is_none() {
                " stroke-dasharray=\"4 3\""
            } else {
                ""
            };
            let _ = writeln!(
                out,
                "<rect x=\"{x}\" y=\"{}\" width=\"26\" height=\"14\" rx=\"3\" fill=\"{}\" \
                 stroke=\"{}\" stroke-width=\"1.5\"{dash}/>",
                y - 11,
                colour.fill,
                colour.stroke
            );
        }
        LegendItem::Handoff | LegendItem::Backward => {
            let (stroke, marker, dash) = if matches!(item, LegendItem::Handoff) {
                (
                    format!("stroke=\"{HIGHLIGHT}\" stroke-width=\"3\""),
                    "lc-arrow-handoff",
                    "",
                )
            } else {
                (
                    format!("stroke=\"{MUTED}\" stroke-width=\"1.5\""),
                    "lc-arrow",
                    " stroke-dasharray=\"6 4\"",
                )
            };
            let _ = writeln!(
                out,
                "<path d=\"M{x},{mid} L{},{mid}\" fill=\"none\" {stroke}{dash} marker-end=\"url(#{marker})\"/>",
                x + 26
            );
        }
        LegendItem::Won | LegendItem::Lost => {
            let ring = if matches!(item, LegendItem::Won) {
                WON
            } else {
                LOST
            };
            let _ = writeln!(
                out,
                "<rect x=\"{}\" y=\"{}\" width=\"20\" height=\"10\" rx=\"2\" fill=\"#ffffff\" \
                 stroke=\"{MUTED}\" stroke-width=\"1\"/><rect x=\"{x}\" y=\"{}\" width=\"26\" \
                 height=\"16\" rx=\"4\" fill=\"none\" stroke=\"{ring}\" stroke-width=\"2\"/>",
                x + 3,
                y - 9,
                y - 12
            );
        }
    }
}

/// Draws the legend below the picture.
fn draw_legend(out: &mut String, items: &[LegendItem<'_>], positions: &[(i64, i64)], top: i64) {
    for (item, &(x, row)) in items.iter().zip(positions) {
        let y = top + row * LC_LEGEND_ROW + 14;
        draw_swatch(out, item, x, y);
        let _ = writeln!(
            out,
            "<text x=\"{}\" y=\"{y}\" font-size=\"12\" fill=\"{INK}\">{}</text>",
            x + 34,
            escape(&legend_text(item))
        );
    }
}

/// `<svg ...>...</svg>` for the lifecycle, or an empty string when there are no stages.
///
/// Stages run left to right in list order as rounded boxes coloured by owning team (legend
/// below). Edges to the next stage are straight arrows; forward edges that skip stages curve over
/// the row; rejections and other backward edges are dashed arcs under it. Handoffs are thick and
/// orange, labelled with their SLA or "no SLA". Won stages get a green ring, lost ones a grey one.
/// Edges naming unknown stages are skipped.
pub fn lifecycle(stages: &[Stage<'_>], edges: &[Edge<'_>]) -> String {
    if stages.is_empty() {
        return String::new();
    }
    let colours = team_colours(stages);
    let routed = route_edges(stages, edges);
    let count = stages.len() as i64;
    let rings: Vec<i64> = stages
        .iter()
        .map(|stage| {
            if outcome_colour(stage).is_some() {
                LC_RING
            } else {
                0
            }
        })
        .collect();
    // Keep a ring's top clear even without arcs above.
    let box_top = LC_MARGIN + arc_room(&routed, Side::Above).max(LC_RING);
    let below = arc_room(&routed, Side::Below).max(LC_RING);
    let legend_top = box_top + LC_BOX_H + below + 16;
    let rows = LcRows {
        ids: stages.iter().map(|stage| stage.id).collect(),
        box_top,
        legend_top,
        rings,
    };
    let width = (2 * LC_MARGIN + count * LC_BOX_W + (count - 1) * LC_GAP).max(LC_MIN_WIDTH);
    let items = legend_items(stages, &routed, &colours);
    let (positions, legend_rows) = legend_positions(&items, width);
    let height = rows.legend_top + legend_rows * LC_LEGEND_ROW + LC_MARGIN / 2;

    let label = format!("Lead lifecycle: {}", rows.ids.join(" → "));
    let mut out = String::new();
    open_svg(&mut out, "smarketing-lifecycle", width, height, &label);
    out.push_str("<defs>\n");
    arrow_marker(&mut out, "lc-arrow", MUTED);
    arrow_marker(&mut out, "lc-arrow-handoff", HIGHLIGHT);
    out.push_str("</defs>\n");
    // Ordinary edges first and handoffs last, so a highlighted line is never covered.
    let mut drawing_order: Vec<&Routed<'_>> = routed.iter().collect();
    drawing_order.sort_by_key(|edge| edge.kind == EdgeKind::Handoff);
    for edge in drawing_order {
        match edge.side {
            Side::Straight => draw_straight(&mut out, edge, &rows),
            Side::Above | Side::Below => draw_arc(&mut out, edge, &rows),
        }
    }
    for (i, stage) in stages.iter().enumerate() {
        draw_stage(&mut out, stage, i, colours.per_stage[i], rows.box_top);
    }
    draw_legend(&mut out, &items, &positions, rows.legend_top);
    out.push_str("</svg>\n");
    out
}

// ---------------------------------------------------------------------------------------------
// The task dependency graph.

const TG_MARGIN: i64 = 20;
/// Room above the boxes for the "step N" column captions.
const TG_CAPTION: i64 = 32;
const TG_BOX_W: i64 = 170;
const TG_BOX_H: i64 = 44;
/// Wide enough for edges to bend between columns.
const TG_GAP_X: i64 = 90;
/// Tall enough for edges that skip columns to run between the rows.
const TG_GAP_Y: i64 = 22;
/// How far cycle edges bulge to the right of the boxes they join.
const TG_BULGE: i64 = 50;

/// Where each task goes: its column (layer) and its row within the column.
#[derive(Debug)]
struct TaskLayout {
    /// Length of the longest dependency chain below each task, ignoring cycle edges.
    layer: Vec<usize>,
    /// Position within the layer, in input order.
    row: Vec<usize>,
    /// Each task's dependencies as indices: unknown ids dropped, duplicates removed.
    deps: Vec<Vec<usize>>,
}

/// A task's visiting state in the depth-first search that computes layers.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Visit {
    Unseen,
    /// On the current search path: an edge to such a task closes a cycle.
    Active,
    Done,
}

/// Resolves each task's `depends_on` to indices, skipping unknown ids and duplicates.
fn resolve_deps(tasks: &[Task<'_>]) -> Vec<Vec<usize>> {
    let index = index_by_id(tasks.iter().map(|task| task.id));
    tasks
        .iter()
        .map(|task| {
            let mut deps: Vec<usize> = task
                .depends_on
                .iter()
                .filter_map(|id| index.get(id).copied())
                .collect();
            deps.sort_unstable();
            deps.dedup();
            deps
        })
        .collect()
}

/// Layer of every task: 0 without dependencies, else one more than its deepest dependency.
///
/// A depth-first search with an explicit stack (a 2,000-task chain must not overflow the call
/// stack) visits each task and edge once. An edge to a task still on the search path closes a
/// cycle and is ignored here, which is what makes cycles terminate; it is still drawn. For input
/// in dependency order this gives the same layers as a single left-to-right pass, but it also
/// stays right if the caller's order is off.
fn task_layers(deps: &[Vec<usize>]) -> Vec<usize> {
    let mut visit = vec![Visit::Unseen; deps.len()];
    let mut layer = vec![0; deps.len()];
    for root in 0..deps.len() {
        if visit[root] != Visit::Unseen {
            continue;
        }
        visit[root] = Visit::Active;
        // (task, index of the next dependency to look at)
        let mut stack = vec![(root, 0)];
        while let Some(top) = stack.last_mut() {
            let task = top.0;
            if let Some(&dep) = deps[task].get(top.1) {
                top.1 += 1;
                if visit[dep] == Visit::Unseen {
                    visit[dep] = Visit::Active;
                    stack.push((dep, 0));
                }
            } else {
                // Every dependency is now Done, except those closing a cycle (Active).
                layer[task] = deps[task]
                    .iter()
                    .filter(|&&dep| visit[dep] == Visit::Done)
                    .map(|&dep| layer[dep] + 1)
                    .max()
                    .unwrap_or(0);
                visit[task] = Visit::Done;
                stack.pop();
            }
        }
    }
    layer
}

/// Lays the tasks out: columns by layer, rows by input order within each column.
fn layout_tasks(tasks: &[Task<'_>]) -> TaskLayout {
    let deps = resolve_deps(tasks);
    let layer = task_layers(&deps);
    let mut filled = vec![0; layer.iter().max().map_or(0, |&max| max + 1)];
    let row = layer
        .iter()
        .map(|&l| {
            let row = filled[l];
            filled[l] += 1;
            row
        })
        .collect();
    TaskLayout { layer, row, deps }
}

/// Left edge of a column.
fn task_x(layer: usize) -> i64 {
    TG_MARGIN + layer as i64 * (TG_BOX_W + TG_GAP_X)
}

/// Top edge of a row.
fn task_y(row: usize) -> i64 {
    TG_MARGIN + TG_CAPTION + row as i64 * (TG_BOX_H + TG_GAP_Y)
}

/// Path of an edge from a dependency to a task in a later column.
///
/// Into the next column it is one S-curve through the gap. Across several columns it would cut
/// through the boxes in between, so it bends into the horizontal corridor between two rows next
/// to the target, runs along it and bends into the target. `lane` shifts parallel runs in a
/// corridor a little apart so they don't merge into one line.
fn forward_path(from: (usize, usize), to: (usize, usize), lane: i64) -> String {
    let (x1, y1) = (task_x(from.0) + TG_BOX_W, task_y(from.1) + TG_BOX_H / 2);
    let (x2, y2) = (task_x(to.0), task_y(to.1) + TG_BOX_H / 2);
    let half = TG_GAP_X / 2;
    if to.0 == from.0 + 1 {
        return format!(
            "M{x1},{y1} C{},{y1} {},{y2} {x2},{y2}",
            x1 + half,
            x2 - half
        );
    }
    // Use the corridor on the side of the target facing the source, so the run stays short.
    let corridor = if from.1 <= to.1 {
        task_y(to.1) - TG_GAP_Y / 2
    } else {
        task_y(to.1) + TG_BOX_H + TG_GAP_Y / 2
    } + lane;
    let (run_start, run_end) = (x1 + TG_GAP_X, x2 - TG_GAP_X);
    format!(
        "M{x1},{y1} C{},{y1} {},{corridor} {run_start},{corridor} L{run_end},{corridor} \
         C{},{corridor} {},{y2} {x2},{y2}",
        x1 + half,
        x1 + half,
        x2 - half,
        x2 - half
    )
}

/// Path of an edge that closes a cycle (the dependency is not in an earlier column): a curve
/// from the dependency's right side to the target's right side, bulging right; a self-dependency
/// is a small loop on the box's right side.
fn back_path(from: (usize, usize), to: (usize, usize)) -> String {
    let x1 = task_x(from.0) + TG_BOX_W;
    let x2 = task_x(to.0) + TG_BOX_W;
    if from == to {
        let y = task_y(from.1);
        return format!(
            "M{x1},{} C{},{} {},{} {x1},{}",
            y + 12,
            x1 + TG_BULGE,
            y - 6,
            x1 + TG_BULGE,
            y + TG_BOX_H + 6,
            y + TG_BOX_H - 12
        );
    }
    let (y1, y2) = (task_y(from.1) + TG_BOX_H / 2, task_y(to.1) + TG_BOX_H / 2);
    let bulge = x1.max(x2) + TG_BULGE;
    format!("M{x1},{y1} C{bulge},{y1} {bulge},{y2} {x2},{y2}")
}

/// Draws every dependency edge: ordinary ones grey and solid, cycle edges red and dashed.
fn draw_task_edges(out: &mut String, layout: &TaskLayout) {
    let mut lane_counter: i64 = 0;
    for (task, deps) in layout.deps.iter().enumerate() {
        let to = (layout.layer[task], layout.row[task]);
        for &dep in deps {
            let from = (layout.layer[dep], layout.row[dep]);
            if from.0 < to.0 {
                // Cycle through three lanes -4, 0, +4 px: deterministic and never leaves the gap.
                let lane = (lane_counter % 3 - 1) * 4;
                lane_counter += 1;
                let _ = writeln!(
                    out,
                    "<path d=\"{}\" fill=\"none\" stroke=\"{MUTED}\" stroke-width=\"1.5\" \
                     marker-end=\"url(#tg-arrow)\"/>",
                    forward_path(from, to, lane)
                );
            } else {
                let _ = writeln!(
                    out,
                    "<path d=\"{}\" fill=\"none\" stroke=\"{CYCLE}\" stroke-width=\"1.5\" \
                     stroke-dasharray=\"6 4\" marker-end=\"url(#tg-arrow-cycle)\"/>",
                    back_path(from, to)
                );
            }
        }
    }
}

/// Draws one task box: the id in bold, the accountable party below in small text, and a
/// `<title>` tooltip with the untruncated text.
fn draw_task(out: &mut String, task: &Task<'_>, layer: usize, row: usize) {
    let (x, y) = (task_x(layer), task_y(row));
    let cx = x + TG_BOX_W / 2;
    let accountable = task.accountable.unwrap_or("no one accountable");
    let hint = format!("{} — accountable: {accountable}", task.id);
    let inner = TG_BOX_W - 14;
    let style = if task.accountable.is_some() {
        ""
    } else {
        " font-style=\"italic\""
    };
    let _ = writeln!(
        out,
        "<g>\n<title>{}</title>\n<rect x=\"{x}\" y=\"{y}\" width=\"{TG_BOX_W}\" height=\"{TG_BOX_H}\" \
         rx=\"6\" fill=\"#ffffff\" stroke=\"#64748b\" stroke-width=\"1.5\"/>\n\
         <text x=\"{cx}\" y=\"{}\" text-anchor=\"middle\" font-size=\"13\" font-weight=\"bold\" \
         fill=\"{INK}\">{}</text>\n\
         <text x=\"{cx}\" y=\"{}\" text-anchor=\"middle\" font-size=\"12\"{style} \
         fill=\"{MUTED}\">{}</text>\n</g>",
        tooltip(&hint),
        y + 19,
        escape(&fit(task.id, inner, 13.0, true)),
        y + 36,
        escape(&fit(accountable, inner, 12.0, false))
    );
}

/// `<svg ...>...</svg>` for the task dependency graph, or an empty string when there are no tasks.
///
/// Tasks come in dependency order already (every task after those it depends on), except tasks in
/// a dependency cycle, which come last; a cycle must not hang or panic (back edges are drawn, red
/// and dashed, but not used for layering). Columns are layers: tasks without dependencies on the
/// left, every other task one column right of its deepest dependency; within a column, tasks keep
/// the given order top to bottom. Arrows run from each dependency to the task waiting for it.
pub fn task_graph(tasks: &[Task<'_>]) -> String {
    if tasks.is_empty() {
        return String::new();
    }
    let layout = layout_tasks(tasks);
    let layers = layout.layer.iter().max().map_or(1, |&max| max + 1);
    let rows = layout.row.iter().max().map_or(1, |&max| max + 1);
    let has_back_edge = layout.deps.iter().enumerate().any(|(task, deps)| {
        deps.iter()
            .any(|&dep| layout.layer[dep] >= layout.layer[task])
    });
    let bulge = if has_back_edge { TG_BULGE } else { 0 };
    let width = task_x(layers) - TG_GAP_X + bulge + TG_MARGIN;
    let height = task_y(rows) - TG_GAP_Y + TG_MARGIN;
    let steps = if layers == 1 { "step" } else { "steps" };
    let label = format!(
        "Task dependency graph: {} tasks in {layers} {steps}, each after the tasks it depends on",
        tasks.len()
    );

    let mut out = String::new();
    open_svg(&mut out, "smarketing-tasks", width, height, &label);
    out.push_str("<defs>\n");
    arrow_marker(&mut out, "tg-arrow", MUTED);
    arrow_marker(&mut out, "tg-arrow-cycle", CYCLE);
    out.push_str("</defs>\n");
    for layer in 0..layers {
        let _ = writeln!(
            out,
            "<text x=\"{}\" y=\"{}\" font-size=\"12\" fill=\"{MUTED}\">step {}</text>",
            task_x(layer),
            TG_MARGIN + 12,
            layer + 1
        );
    }
    draw_task_edges(&mut out, &layout);
    for (i, task) in tasks.iter().enumerate() {
        draw_task(&mut out, task, layout.layer[i], layout.row[i]);
    }
    out.push_str("</svg>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stage<'a>(id: &'a str, team: Option<&'a str>, outcome: Option<&'a str>) -> Stage<'a> {
        Stage {
            id,
            title: Some("A title"),
            team,
            outcome,
        }
    }

    fn edge<'a>(from: &'a str, to: &'a str, kind: EdgeKind, label: Option<&'a str>) -> Edge<'a> {
        Edge {
            from,
            to,
            kind,
            label,
        }
    }

    fn task<'a>(id: &'a str, depends_on: &'a [&'a str]) -> Task<'a> {
        Task {
            id,
            accountable: Some("ops"),
            depends_on,
        }
    }

    /// The hotel-like lifecycle from the docs: marketing hands qualified leads to sales.
    fn hotel() -> (Vec<Stage<'static>>, Vec<Edge<'static>>) {
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

    #[test]
    fn escape_neutralises_markup() {
        assert_eq!(
            escape("<script>alert(1)</script>"),
            "&lt;script&gt;alert(1)&lt;/script&gt;"
        );
        assert_eq!(escape("a & \"b\" 'c'"), "a &amp; &quot;b&quot; &#39;c&#39;");
        assert_eq!(escape("bell\u{7}\ttab"), "bell\ttab");
        assert_eq!(escape("Grüße 東京"), "Grüße 東京");
    }

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
    fn layering_puts_tasks_right_of_their_dependencies() {
        let (d_b, d_c, d_d) = (["a"], ["a", "b"], ["c", "unknown"]);
        let tasks = [
            task("a", &[]),
            task("b", &d_b),
            task("c", &d_c),
            task("d", &d_d),
            task("e", &[]),
        ];
        let layout = layout_tasks(&tasks);
        assert_eq!(layout.layer, [0, 1, 2, 3, 0]);
        assert_eq!(layout.row, [0, 0, 0, 0, 1]);
        for (t, deps) in layout.deps.iter().enumerate() {
            for &d in deps {
                assert!(task_x(layout.layer[d]) + TG_BOX_W < task_x(layout.layer[t]));
            }
        }
        // The rendered boxes sit where the layout says.
        let svg = task_graph(&tasks);
        assert!(svg.contains(&format!("<rect x=\"{}\" y=\"{}\"", task_x(3), task_y(0))));
    }

    #[test]
    fn out_of_order_input_still_layers_correctly() {
        let (d_a, d_b) = (["b"], ["c"]);
        let tasks = [task("a", &d_a), task("b", &d_b), task("c", &[])];
        assert_eq!(layout_tasks(&tasks).layer, [2, 1, 0]);
    }

    #[test]
    fn cycles_terminate_and_are_drawn() {
        let (d_a, d_b, d_c) = (["c"], ["a"], ["b", "c"]);
        let tasks = [
            task("x", &[]),
            task("a", &d_a),
            task("b", &d_b),
            task("c", &d_c),
        ];
        let layout = layout_tasks(&tasks);
        assert_eq!(layout.layer.len(), 4);
        let svg = task_graph(&tasks);
        assert!(svg.contains("tg-arrow-cycle"));
        assert!(svg.contains(">c</text>"));
    }

    #[test]
    fn long_chains_and_big_graphs_do_not_blow_up() {
        // 2,000 tasks listed in reverse dependency order: a deep chain for the search.
        let ids: Vec<String> = (0..2000).map(|i| format!("t{i}")).collect();
        let deps: Vec<[&str; 1]> = (0..2000).map(|i| [ids[(i + 1) % 2000].as_str()]).collect();
        let tasks: Vec<Task<'_>> = (0..2000)
            .map(|i| Task {
                id: &ids[i],
                accountable: None,
                depends_on: if i == 1999 { &[] } else { &deps[i] },
            })
            .collect();
        let layout = layout_tasks(&tasks);
        assert_eq!(layout.layer[0], 1999);
        assert!(task_graph(&tasks).len() > 100_000);
        // The same with one edge closing a 2,000-long cycle.
        let mut cyclic = tasks.clone();
        cyclic[1999].depends_on = &deps[1999];
        assert!(task_graph(&cyclic).contains("tg-arrow-cycle"));
    }

    #[test]
    fn handoffs_are_highlighted_and_labelled() {
        let (stages, edges) = hotel();
        let svg = lifecycle(&stages, &edges);
        let handoff = svg
            .lines()
            .find(|line| line.contains("lc-arrow-handoff)"))
            .expect("a handoff path");
        assert!(handoff.contains(&format!("stroke=\"{HIGHLIGHT}\"")));
        assert!(handoff.contains("stroke-width=\"3\""));
        assert!(svg.contains(&format!("fill=\"{HIGHLIGHT}\" stroke=\"#ffffff\"")));
        assert!(svg.contains(">SLA 24h</text>"));
        assert!(svg.contains(">rejected</text>"));
        // Without an SLA the handoff says so.
        let bare = [edge("mql", "sql", EdgeKind::Handoff, None)];
        assert!(lifecycle(&stages, &bare).contains(">no SLA</text>"));
    }

    #[test]
    fn edges_are_routed_by_direction() {
        let (stages, mut edges) = hotel();
        edges.push(edge("inquiry", "sql", EdgeKind::Next, None));
        edges.push(edge("nowhere", "sql", EdgeKind::Next, None));
        let routed = route_edges(&stages, &edges);
        let side = |from: usize, to: usize| {
            routed
                .iter()
                .find(|e| e.from == from && e.to == to)
                .map(|e| e.side)
        };
        assert_eq!(side(0, 1), Some(Side::Straight));
        assert_eq!(side(0, 2), Some(Side::Above));
        assert_eq!(side(2, 1), Some(Side::Below));
        assert_eq!(side(2, 4), Some(Side::Above));
        assert_eq!(routed.len(), 6);
    }

    #[test]
    fn overlapping_arcs_get_separate_levels() {
        let stages: Vec<Stage<'_>> = ["a", "b", "c", "d"]
            .iter()
            .map(|id| stage(id, None, None))
            .collect();
        let edges = [
            edge("a", "c", EdgeKind::Next, None),
            edge("b", "d", EdgeKind::Next, None),
            edge("a", "d", EdgeKind::Next, None),
        ];
        let routed = route_edges(&stages, &edges);
        let mut levels: Vec<i64> = routed.iter().map(|e| e.level).collect();
        levels.sort_unstable();
        assert_eq!(levels, [0, 1, 2]);
    }

    #[test]
    fn outcomes_get_rings_and_teams_get_colours_in_order() {
        let (stages, edges) = hotel();
        let svg = lifecycle(&stages, &edges);
        assert!(svg.contains(&format!("stroke=\"{WON}\" stroke-width=\"2.5\"")));
        assert!(svg.contains(&format!("stroke=\"{LOST}\" stroke-width=\"2.5\"")));
        let colours = team_colours(&stages);
        assert_eq!(colours.legend.len(), 2);
        assert_eq!(colours.legend[0], (Some("marketing"), PALETTE[0]));
        assert_eq!(colours.legend[1], (Some("sales"), PALETTE[1]));
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
    fn fit_truncates_on_characters() {
        assert_eq!(fit("  short \n text ", 200, 12.0, false), "short text");
        let cut = fit(&"東".repeat(100), 60, 12.0, false);
        assert!(cut.ends_with('…'));
        assert!(text_px(&cut, 12.0, false) <= 60.0);
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

//! The lead-lifecycle picture: stages in a row coloured by owning team, with handoffs, skipped
//! stages and rejections drawn so that where leads change hands or fall back stands out. Long
//! lifecycles stand in a column instead ([`vertical`]).

use super::layout::{text_px, wrap};
use super::{
    Edge, EdgeKind, INK, Language, MUTED, Stage, arrow_marker, escape, fill, index_by_id, open_svg,
    text, text_lines, tooltip,
};
use std::cmp::Ordering;
use std::collections::BTreeMap;
use std::fmt::Write;

mod vertical;

/// Up to this many stages stand in a row; more are drawn top to bottom ([`vertical`]), where
/// they keep their full size instead of being scaled down to the page.
const LC_ROW_MAX: usize = 7;

/// Handoffs are where leads get dropped, so they stand out.
const HIGHLIGHT: &str = "#ea580c";
const WON: &str = "#15803d";
const LOST: &str = "#6b7280";

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

const LC_MARGIN: i64 = 20;
const LC_BOX_W: i64 = 150;
/// The least height of a stage box; boxes grow to hold labels that wrap onto more lines.
const LC_BOX_H: i64 = 60;
/// Line heights of the id (bold, 14 px) and the title (12 px) inside a box.
const LC_ID_LINE: i64 = 17;
const LC_TITLE_LINE: i64 = 15;
/// Space above and below the text in a box.
const LC_PAD: i64 = 12;
/// Labels wrap onto at most this many lines; only text longer than that is cut.
const LC_ID_LINES: usize = 4;
const LC_TITLE_LINES: usize = 8;
const LC_EDGE_LINES: usize = 3;
/// Width of the text inside a stage box.
const LC_INNER: i64 = LC_BOX_W - 16;
/// Line height of edge labels.
const LC_LABEL_LINE: i64 = 14;
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

/// A label with a white halo (`paint-order="stroke"`), so it stays readable where it crosses a
/// line: one `<text>` per line, the first baseline at `y`. Lines are escaped here.
fn halo_text(out: &mut String, x: i64, y: i64, colour: &str, bold: bool, lines: &[String]) {
    halo_text_anchored(out, x, y, "middle", colour, bold, lines);
}

/// [`halo_text`] with the text anchored at `anchor` (`start`, `middle` or `end`).
fn halo_text_anchored(
    out: &mut String,
    x: i64,
    y: i64,
    anchor: &str,
    colour: &str,
    bold: bool,
    lines: &[String],
) {
    let weight = if bold { " font-weight=\"bold\"" } else { "" };
    for (i, line) in lines.iter().enumerate() {
        let _ = writeln!(
            out,
            "<text x=\"{x}\" y=\"{}\" text-anchor=\"{anchor}\" font-size=\"12\"{weight} fill=\"{colour}\" \
             stroke=\"#ffffff\" stroke-width=\"4\" stroke-linejoin=\"round\" paint-order=\"stroke\">{}</text>",
            y + i as i64 * LC_LABEL_LINE,
            escape(line)
        );
    }
}

/// An edge label's lines: wrapped to `max_px`.
fn label_lines(label: &str, max_px: i64) -> Vec<String> {
    wrap(label, max_px, 12.0, true, LC_EDGE_LINES)
}

/// The lines of a stage's id and title, wrapped to a box whose text is `inner` wide.
fn stage_lines(stage: &Stage<'_>, inner: i64) -> (Vec<String>, Vec<String>) {
    let id = wrap(stage.id, inner, 14.0, true, LC_ID_LINES);
    let title = stage
        .title
        .map(|title| wrap(title, inner, 12.0, false, LC_TITLE_LINES))
        .unwrap_or_default();
    (id, title)
}

/// How tall a stage's text is: the id's lines, then the title's below a small gap.
fn text_height(id: &[String], title: &[String]) -> i64 {
    let title_h = if title.is_empty() {
        0
    } else {
        4 + title.len() as i64 * LC_TITLE_LINE
    };
    id.len().max(1) as i64 * LC_ID_LINE + title_h
}

/// One height for every box: enough for the stage with the most lines.
fn box_height(stages: &[Stage<'_>], inner: i64) -> i64 {
    stages
        .iter()
        .map(|stage| {
            let (id, title) = stage_lines(stage, inner);
            text_height(&id, &title) + 2 * LC_PAD
        })
        .max()
        .unwrap_or(0)
        .max(LC_BOX_H)
}

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
fn arc_room(routed: &[Routed<'_>], side: Side, language: Language) -> i64 {
    routed
        .iter()
        .filter(|edge| edge.side == side)
        .map(|edge| {
            let lines =
                edge_label(edge, language).map_or(1, |label| label_lines(label, 180).len().max(1));
            arc_apex(edge.level) + LC_LABEL_ROOM + (lines as i64 - 1) * LC_LABEL_LINE
        })
        .max()
        .unwrap_or(0)
}

/// The label an edge shows: handoffs always say their SLA (or that there is none, which is
/// worth noticing), rejections say so, ordinary edges only show a label they were given.
fn edge_label<'a>(edge: &Routed<'a>, language: Language) -> Option<&'a str> {
    match edge.kind {
        EdgeKind::Handoff => Some(edge.label.unwrap_or(text(language, "svg.lifecycle.no_sla"))),
        EdgeKind::Rejected => Some(
            edge.label
                .unwrap_or(text(language, "svg.lifecycle.rejected")),
        ),
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
    /// Height of every stage box.
    box_h: i64,
    /// Top of the legend.
    legend_top: i64,
    /// Outcome ring offset per stage (0 without a ring), so arrows end on the outer border.
    rings: Vec<i64>,
    /// The language of the tooltips and labels.
    language: Language,
}

/// Writes an edge's `<path>` with a tooltip naming both stages and the full label, since the
/// label drawn on the picture may be cut short.
fn edge_path(out: &mut String, d: &str, edge: &Routed<'_>, rows: &LcRows<'_>) {
    let id = |i: usize| rows.ids.get(i).copied().unwrap_or("");
    let mut hint = format!("{} → {}", id(edge.from), id(edge.to));
    let kind = match edge.kind {
        EdgeKind::Next => None,
        EdgeKind::Handoff => Some(text(rows.language, "svg.lifecycle.handoff")),
        EdgeKind::Rejected => Some(text(rows.language, "svg.lifecycle.rejected")),
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
    let y = rows.box_top + rows.box_h / 2;
    let x1 = lc_center(edge.from) + LC_BOX_W / 2 + rows.rings[edge.from];
    let x2 = lc_center(edge.to) - LC_BOX_W / 2 - rows.rings[edge.to];
    edge_path(out, &format!("M{x1},{y} L{x2},{y}"), edge, rows);
    if let Some(label) = edge_label(edge, rows.language) {
        // Stacked upwards, so the last line sits just above the arrow.
        let lines = label_lines(label, LC_GAP - 8);
        let first = y - 9 - (lines.len() as i64 - 1) * LC_LABEL_LINE;
        halo_text(out, (x1 + x2) / 2, first, label_colour(edge), true, &lines);
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
        let bottom = rows.box_top + rows.box_h;
        let y1 = bottom + rows.rings[edge.from];
        let y2 = bottom + rows.rings[edge.to];
        (y1, y2, bottom + control, bottom + apex + 16)
    };
    let path = format!("M{x1},{y1} C{x1},{cy} {x2},{cy} {x2},{y2}");
    edge_path(out, &path, edge, rows);
    if let Some(label) = edge_label(edge, rows.language) {
        let lines = label_lines(label, 180);
        // Above the row the lines grow upwards from the apex, below it downwards.
        let first = if edge.side == Side::Above {
            label_y - (lines.len() as i64 - 1) * LC_LABEL_LINE
        } else {
            label_y
        };
        halo_text(out, (x1 + x2) / 2, first, label_colour(edge), true, &lines);
    }
}

/// Where a stage box is drawn.
#[derive(Clone, Copy, Debug)]
struct StageBox {
    x: i64,
    top: i64,
    width: i64,
    height: i64,
}

/// Draws one stage: the ring for outcome stages, the box in the team colour, the id in bold and
/// the title below it, and a `<title>` tooltip with the untruncated text.
fn draw_stage(
    out: &mut String,
    stage: &Stage<'_>,
    place: StageBox,
    colour: Colour,
    language: Language,
) {
    let StageBox {
        x,
        top,
        width,
        height: box_h,
    } = place;
    let cx = x + width / 2;
    let mut hint = stage.id.to_string();
    if let Some(title) = stage.title {
        hint.push_str(" — ");
        hint.push_str(title);
    }
    let team = stage
        .team
        .unwrap_or(text(language, "svg.lifecycle.unknown_team"));
    hint.push_str(&format!(
        " ({})",
        fill(language, "svg.lifecycle.team_hint", &[("team", team)])
    ));
    if let Some(outcome) = stage.outcome {
        let outcome = match outcome_colour(stage) {
            Some(WON) => text(language, "svg.legend.won"),
            Some(_) => text(language, "svg.legend.lost"),
            None => outcome,
        };
        hint.push_str(&format!(
            ", {}",
            fill(
                language,
                "svg.lifecycle.outcome_hint",
                &[("outcome", outcome)]
            )
        ));
    }
    let _ = writeln!(out, "<g>\n<title>{}</title>", tooltip(&hint));
    if let Some(ring) = outcome_colour(stage) {
        let _ = writeln!(
            out,
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"12\" fill=\"none\" \
             stroke=\"{ring}\" stroke-width=\"2.5\"/>",
            x - LC_RING,
            top - LC_RING,
            width + 2 * LC_RING,
            box_h + 2 * LC_RING
        );
    }
    let dash = if stage.team.is_none() {
        " stroke-dasharray=\"4 3\""
    } else {
        ""
    };
    let _ = writeln!(
        out,
        "<rect x=\"{x}\" y=\"{top}\" width=\"{width}\" height=\"{box_h}\" rx=\"8\" \
         fill=\"{}\" stroke=\"{}\" stroke-width=\"1.5\"{dash}/>",
        colour.fill, colour.stroke
    );
    let (id, title) = stage_lines(stage, width - 16);
    // The text block sits in the middle of the box.
    let block_top = top + (box_h - text_height(&id, &title)) / 2;
    text_lines(
        out,
        cx,
        block_top + 14,
        LC_ID_LINE,
        &format!("text-anchor=\"middle\" font-size=\"14\" font-weight=\"bold\" fill=\"{INK}\""),
        &id,
    );
    text_lines(
        out,
        cx,
        block_top + id.len().max(1) as i64 * LC_ID_LINE + 16,
        LC_TITLE_LINE,
        &format!("text-anchor=\"middle\" font-size=\"12\" fill=\"{INK}\""),
        &title,
    );
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
fn legend_text(item: &LegendItem<'_>, language: Language) -> String {
    match item {
        LegendItem::Team(Some(team), _) => team.split_whitespace().collect::<Vec<_>>().join(" "),
        LegendItem::Team(None, _) => text(language, "svg.legend.no_team").to_string(),
        LegendItem::Handoff => text(language, "svg.legend.handoff").to_string(),
        LegendItem::Backward => text(language, "svg.legend.backward").to_string(),
        LegendItem::Won => text(language, "svg.legend.won").to_string(),
        LegendItem::Lost => text(language, "svg.legend.lost").to_string(),
    }
}

/// The width of a legend entry: swatch, text and the space before the next entry.
fn legend_item_width(item: &LegendItem<'_>, language: Language) -> i64 {
    34 + text_px(&legend_text(item, language), 12.0, false).ceil() as i64 + 24
}

/// Legend entries flow left to right and wrap at `width`, like words. Returns each entry's
/// position and the number of rows.
fn legend_positions(
    items: &[LegendItem<'_>],
    width: i64,
    language: Language,
) -> (Vec<(i64, i64)>, i64) {
    let mut positions = Vec::with_capacity(items.len());
    let (mut x, mut row) = (LC_MARGIN, 0);
    for item in items {
        let item_width = legend_item_width(item, language);
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
fn draw_legend(
    out: &mut String,
    items: &[LegendItem<'_>],
    positions: &[(i64, i64)],
    top: i64,
    language: Language,
) {
    for (item, &(x, row)) in items.iter().zip(positions) {
        let y = top + row * LC_LEGEND_ROW + 14;
        draw_swatch(out, item, x, y);
        let _ = writeln!(
            out,
            "<text x=\"{}\" y=\"{y}\" font-size=\"12\" fill=\"{INK}\">{}</text>",
            x + 34,
            escape(&legend_text(item, language))
        );
    }
}

/// The picture's `<svg>` element, labelled with every stage in order, and its arrow markers.
fn open_lifecycle(rows: &LcRows<'_>, width: i64, height: i64) -> String {
    let label = fill(
        rows.language,
        "svg.lifecycle.label",
        &[("stages", &rows.ids.join(" → "))],
    );
    let mut out = String::new();
    open_svg(&mut out, "smarketing-lifecycle", width, height, &label);
    out.push_str("<defs>\n");
    arrow_marker(&mut out, "lc-arrow", MUTED);
    arrow_marker(&mut out, "lc-arrow-handoff", HIGHLIGHT);
    out.push_str("</defs>\n");
    out
}

/// Ordinary edges first and handoffs last, so a highlighted line is never covered.
fn drawing_order<'r, 'e>(routed: &'r [Routed<'e>]) -> Vec<&'r Routed<'e>> {
    let mut order: Vec<&Routed<'_>> = routed.iter().collect();
    order.sort_by_key(|edge| edge.kind == EdgeKind::Handoff);
    order
}

/// How far each stage's outcome ring reaches beyond its box: a won or lost stage has one.
fn rings(stages: &[Stage<'_>]) -> Vec<i64> {
    stages
        .iter()
        .map(|stage| {
            if outcome_colour(stage).is_some() {
                LC_RING
            } else {
                0
            }
        })
        .collect()
}

/// `<svg ...>...</svg>` for the lifecycle, or an empty string when there are no stages.
///
/// Stages run left to right in list order as rounded boxes coloured by owning team (legend
/// below). Edges to the next stage are straight arrows; forward edges that skip stages curve over
/// the row; rejections and other backward edges are dashed arcs under it. Handoffs are thick and
/// orange, labelled with their SLA or "no SLA". Won stages get a green ring, lost ones a grey one.
/// Edges naming unknown stages are skipped.
pub fn lifecycle(stages: &[Stage<'_>], edges: &[Edge<'_>]) -> String {
    lifecycle_in(stages, edges, Language::En)
}

/// [`lifecycle`] with its legend, labels and tooltips in `language`.
pub fn lifecycle_in(stages: &[Stage<'_>], edges: &[Edge<'_>], language: Language) -> String {
    if stages.is_empty() {
        return String::new();
    }
    if stages.len() > LC_ROW_MAX {
        return vertical::lifecycle(stages, edges, language);
    }
    let colours = team_colours(stages);
    let routed = route_edges(stages, edges);
    let count = stages.len() as i64;
    let rings = rings(stages);
    // Keep a ring's top clear even without arcs above.
    let box_top = LC_MARGIN + arc_room(&routed, Side::Above, language).max(LC_RING);
    let below = arc_room(&routed, Side::Below, language).max(LC_RING);
    let box_h = box_height(stages, LC_INNER);
    let legend_top = box_top + box_h + below + 16;
    let rows = LcRows {
        ids: stages.iter().map(|stage| stage.id).collect(),
        box_top,
        box_h,
        legend_top,
        rings,
        language,
    };
    let items = legend_items(stages, &routed, &colours);
    // Wide enough for the widest legend entry, so a long team name is not cut either.
    let widest_item = items
        .iter()
        .map(|item| legend_item_width(item, language) + 2 * LC_MARGIN)
        .max()
        .unwrap_or(0);
    let width = (2 * LC_MARGIN + count * LC_BOX_W + (count - 1) * LC_GAP)
        .max(LC_MIN_WIDTH)
        .max(widest_item);
    let (positions, legend_rows) = legend_positions(&items, width, language);
    let height = rows.legend_top + legend_rows * LC_LEGEND_ROW + LC_MARGIN / 2;

    let mut out = open_lifecycle(&rows, width, height);
    for edge in drawing_order(&routed) {
        match edge.side {
            Side::Straight => draw_straight(&mut out, edge, &rows),
            Side::Above | Side::Below => draw_arc(&mut out, edge, &rows),
        }
    }
    for (i, stage) in stages.iter().enumerate() {
        let place = StageBox {
            x: lc_center(i) - LC_BOX_W / 2,
            top: rows.box_top,
            width: LC_BOX_W,
            height: rows.box_h,
        };
        draw_stage(&mut out, stage, place, colours.per_stage[i], language);
    }
    draw_legend(&mut out, &items, &positions, rows.legend_top, language);
    out.push_str("</svg>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::svg::fixtures::{edge, hotel, stage};

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
    fn no_label_is_cut_for_up_to_fourteen_stages() {
        use crate::render::svg::fixtures::{drawn_whole, long_label, texts};
        use crate::render::svg::layout::text_px;
        for count in 1..=14 {
            let ids: Vec<String> = (0..count)
                .map(|i| format!("stage-{i}-treatment-booked-{}", "x".repeat(i)))
                .collect();
            let titles: Vec<String> = (0..count).map(long_label).collect();
            let stages: Vec<Stage<'_>> = (0..count)
                .map(|i| Stage {
                    id: &ids[i],
                    title: Some(&titles[i]),
                    team: Some(if i < count / 2 {
                        "marketing"
                    } else {
                        "sales & events"
                    }),
                    outcome: None,
                })
                .collect();
            let edges: Vec<Edge<'_>> = (1..count)
                .map(|i| {
                    edge(
                        &ids[i - 1],
                        &ids[i],
                        EdgeKind::Handoff,
                        Some("SLA 2 business days"),
                    )
                })
                .collect();
            let svg = lifecycle(&stages, &edges);
            let drawn = texts(&svg);
            // Long lifecycles stand in a column of wider boxes, at full size.
            let inner = if count > LC_ROW_MAX {
                vertical::V_BOX_W - 16
            } else {
                LC_INNER
            };
            let box_h = box_height(&stages, inner);
            let width: i64 = svg
                .split("width=\"")
                .nth(1)
                .and_then(|w| w.split('"').next())
                .and_then(|w| w.parse().ok())
                .unwrap();
            assert!(
                count <= LC_ROW_MAX || width < 900,
                "{count} stages: {width} wide"
            );
            for (id, title) in ids.iter().zip(&titles) {
                for (label, font, bold) in
                    [(id.as_str(), 14.0, true), (title.as_str(), 12.0, false)]
                {
                    let text = drawn_whole(&drawn, label, font, bold)
                        .unwrap_or_else(|| panic!("{count} stages: `{label}` is not drawn whole"));
                    for line in &text.lines {
                        assert!(
                            text_px(line, font, bold) <= inner as f64,
                            "`{line}` is wider than its box"
                        );
                    }
                }
                let (id_lines, title_lines) = stage_lines(
                    &Stage {
                        id,
                        title: Some(title),
                        team: None,
                        outcome: None,
                    },
                    inner,
                );
                assert!(text_height(&id_lines, &title_lines) + 2 * LC_PAD <= box_h);
            }
            assert!(!svg.contains('…'), "{svg}");
            assert!(svg.contains(&format!("height=\"{box_h}\"")));
        }
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
}

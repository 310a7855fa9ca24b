//! The lifecycle drawn top to bottom, for lifecycles with more stages than fit side by side: a
//! row of twelve stages would be over 3,000 pixels wide, and a page that scales it down to its
//! width makes every label too small to read. In one column the picture grows down the page
//! instead, at full size, with wider boxes so labels need fewer lines.
//!
//! The same edges as in the row: arrows between neighbours run straight down with their label
//! beside them, forward edges that skip stages curve out to the right, rejections and other
//! backward edges (dashed) to the left.

use super::*;

/// Wider than in a row: a column has the room, and labels then wrap less.
pub(super) const V_BOX_W: i64 = 260;
/// Between two boxes: the arrow, with its label beside it.
const V_GAP: i64 = 44;
/// Where the labels of straight arrows start, right of the column's centre line.
const V_LABEL_SHIFT: i64 = 8;

/// How far right (or left) of the column the arcs on one side reach, labels included.
fn side_room(routed: &[Routed<'_>], side: Side, language: Language) -> i64 {
    routed
        .iter()
        .filter(|edge| edge.side == side)
        .map(|edge| arc_apex(edge.level) + 6 + label_width(edge, language) + 4)
        .max()
        .unwrap_or(0)
}

fn label_width(edge: &Routed<'_>, language: Language) -> i64 {
    edge_label(edge, language).map_or(0, |label| {
        label_lines(label, 180)
            .iter()
            .map(|line| text_px(line, 12.0, true).ceil() as i64)
            .max()
            .unwrap_or(0)
    })
}

/// Where the column is and how tall its boxes are.
struct Column {
    left: i64,
    first_top: i64,
    box_h: i64,
}

impl Column {
    fn top(&self, i: usize) -> i64 {
        self.first_top + i as i64 * (self.box_h + V_GAP)
    }

    fn centre_x(&self) -> i64 {
        self.left + V_BOX_W / 2
    }

    fn centre_y(&self, i: usize) -> i64 {
        self.top(i) + self.box_h / 2
    }
}

fn draw_straight(out: &mut String, edge: &Routed<'_>, column: &Column, rows: &LcRows<'_>) {
    let x = column.centre_x();
    let y1 = column.top(edge.from) + column.box_h + rows.rings[edge.from];
    let y2 = column.top(edge.to) - rows.rings[edge.to];
    edge_path(out, &format!("M{x},{y1} L{x},{y2}"), edge, rows);
    if let Some(label) = edge_label(edge, rows.language) {
        let lines = label_lines(label, 180);
        let first = (y1 + y2) / 2 + 4 - (lines.len() as i64 - 1) * LC_LABEL_LINE / 2;
        halo_text_anchored(
            out,
            x + V_LABEL_SHIFT,
            first,
            "start",
            label_colour(edge),
            true,
            &lines,
        );
    }
}

/// An arc beside the column, right for skips and left for steps back. Higher (outer) levels
/// attach closer to the box's middle, as in the row.
fn draw_arc(out: &mut String, edge: &Routed<'_>, column: &Column, rows: &LcRows<'_>) {
    let right = edge.side == Side::Above;
    let attach = (column.box_h / 2 - 8 - 6 * edge.level.min(3)).max(4);
    let (y1, y2) = match edge.from.cmp(&edge.to) {
        Ordering::Less => (
            column.centre_y(edge.from) + attach,
            column.centre_y(edge.to) - attach,
        ),
        Ordering::Greater => (
            column.centre_y(edge.from) - attach,
            column.centre_y(edge.to) + attach,
        ),
        Ordering::Equal => (
            column.centre_y(edge.from) - attach,
            column.centre_y(edge.from) + attach,
        ),
    };
    let apex = arc_apex(edge.level);
    let control = apex * 4 / 3;
    let (x1, x2, cx) = if right {
        let edge_x = column.left + V_BOX_W;
        (
            edge_x + rows.rings[edge.from],
            edge_x + rows.rings[edge.to],
            edge_x + control,
        )
    } else {
        let edge_x = column.left;
        (
            edge_x - rows.rings[edge.from],
            edge_x - rows.rings[edge.to],
            edge_x - control,
        )
    };
    let path = format!("M{x1},{y1} C{cx},{y1} {cx},{y2} {x2},{y2}");
    edge_path(out, &path, edge, rows);
    if let Some(label) = edge_label(edge, rows.language) {
        let lines = label_lines(label, 180);
        let y = (y1 + y2) / 2 + 4 - (lines.len() as i64 - 1) * LC_LABEL_LINE / 2;
        let (x, anchor) = if right {
            (column.left + V_BOX_W + apex + 6, "start")
        } else {
            (column.left - apex - 6, "end")
        };
        halo_text_anchored(out, x, y, anchor, label_colour(edge), true, &lines);
    }
}

/// `<svg ...>...</svg>` for a lifecycle of many stages, top to bottom.
pub(super) fn lifecycle(stages: &[Stage<'_>], edges: &[Edge<'_>], language: Language) -> String {
    let colours = team_colours(stages);
    let routed = route_edges(stages, edges);
    let rings = rings(stages);
    let box_h = box_height(stages, V_BOX_W - 16);
    let straight_room = routed
        .iter()
        .filter(|edge| edge.side == Side::Straight)
        .map(|edge| label_width(edge, language) + V_LABEL_SHIFT + 4 - V_BOX_W / 2)
        .max()
        .unwrap_or(0);
    let left_room = side_room(&routed, Side::Below, language).max(LC_RING);
    let right_room = side_room(&routed, Side::Above, language)
        .max(straight_room)
        .max(LC_RING);
    let column = Column {
        left: LC_MARGIN + left_room,
        first_top: LC_MARGIN + LC_RING,
        box_h,
    };
    let count = stages.len();
    let legend_top = column.top(count.saturating_sub(1)) + box_h + LC_RING + 20;
    let items = legend_items(stages, &routed, &colours);
    let widest_item = items
        .iter()
        .map(|item| legend_item_width(item, language) + 2 * LC_MARGIN)
        .max()
        .unwrap_or(0);
    let width = (column.left + V_BOX_W + right_room + LC_MARGIN)
        .max(LC_MIN_WIDTH)
        .max(widest_item);
    let (positions, legend_rows) = legend_positions(&items, width, language);
    let height = legend_top + legend_rows * LC_LEGEND_ROW + LC_MARGIN / 2;
    let rows = LcRows {
        ids: stages.iter().map(|stage| stage.id).collect(),
        box_top: column.first_top,
        box_h,
        legend_top,
        rings,
        language,
    };

    let mut out = open_lifecycle(&rows, width, height);
    for edge in drawing_order(&routed) {
        match edge.side {
            Side::Straight => draw_straight(&mut out, edge, &column, &rows),
            Side::Above | Side::Below => draw_arc(&mut out, edge, &column, &rows),
        }
    }
    for (i, stage) in stages.iter().enumerate() {
        let place = StageBox {
            x: column.left,
            top: column.top(i),
            width: V_BOX_W,
            height: box_h,
        };
        draw_stage(&mut out, stage, place, colours.per_stage[i], language);
    }
    draw_legend(&mut out, &items, &positions, rows.legend_top, language);
    out.push_str("</svg>\n");
    out
}

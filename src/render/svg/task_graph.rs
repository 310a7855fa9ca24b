//! The task dependency picture: tasks in columns by how many steps must finish before them, so
//! readers see what can run in parallel and what waits on what.

use super::layout::wrap;
use super::{
    INK, Language, MUTED, Task, arrow_marker, fill, index_by_id, open_svg, text, text_lines,
    tooltip,
};
use std::fmt::Write;

/// Dependency cycles are errors; red makes them easy to spot.
const CYCLE: &str = "#b91c1c";

const TG_MARGIN: i64 = 20;
/// Room above the boxes for the "step N" column captions.
const TG_CAPTION: i64 = 32;
const TG_BOX_W: i64 = 170;
/// The least height of a task box; boxes grow to hold ids that wrap onto more lines.
const TG_BOX_H: i64 = 44;
/// Line heights of the id (bold, 13 px) and the accountable party (12 px).
const TG_ID_LINE: i64 = 16;
const TG_WHO_LINE: i64 = 15;
/// Space above and below the text in a box.
const TG_PAD: i64 = 5;
/// Labels wrap onto at most this many lines; only text longer than that is cut.
const TG_ID_LINES: usize = 6;
const TG_WHO_LINES: usize = 3;
/// Width of the text inside a task box.
const TG_INNER: i64 = TG_BOX_W - 14;
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

/// Top edge of a row, for boxes `h` tall.
fn task_y(row: usize, h: i64) -> i64 {
    TG_MARGIN + TG_CAPTION + row as i64 * (h + TG_GAP_Y)
}

/// The lines of a task's id and accountable party, wrapped to the box.
fn task_lines(task: &Task<'_>, language: Language) -> (Vec<String>, Vec<String>) {
    let accountable = task
        .accountable
        .unwrap_or(text(language, "svg.tasks.no_one_accountable"));
    (
        wrap(task.id, TG_INNER, 13.0, true, TG_ID_LINES),
        wrap(accountable, TG_INNER, 12.0, false, TG_WHO_LINES),
    )
}

/// How tall a task's text is: the id's lines, a small gap, the accountable party's lines.
fn task_text_height(id: &[String], who: &[String]) -> i64 {
    id.len().max(1) as i64 * TG_ID_LINE + 2 + who.len().max(1) as i64 * TG_WHO_LINE
}

/// One height for every box: enough for the task with the most lines.
fn task_box_height(tasks: &[Task<'_>], language: Language) -> i64 {
    tasks
        .iter()
        .map(|task| {
            let (id, who) = task_lines(task, language);
            task_text_height(&id, &who) + 2 * TG_PAD
        })
        .max()
        .unwrap_or(0)
        .max(TG_BOX_H)
}

/// Path of an edge from a dependency to a task in a later column.
///
/// Into the next column it is one S-curve through the gap. Across several columns it would cut
/// through the boxes in between, so it bends into the horizontal corridor between two rows next
/// to the target, runs along it and bends into the target. `lane` shifts parallel runs in a
/// corridor a little apart so they don't merge into one line.
fn forward_path(from: (usize, usize), to: (usize, usize), lane: i64, h: i64) -> String {
    let (x1, y1) = (task_x(from.0) + TG_BOX_W, task_y(from.1, h) + h / 2);
    let (x2, y2) = (task_x(to.0), task_y(to.1, h) + h / 2);
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
        task_y(to.1, h) - TG_GAP_Y / 2
    } else {
        task_y(to.1, h) + h + TG_GAP_Y / 2
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
fn back_path(from: (usize, usize), to: (usize, usize), h: i64) -> String {
    let x1 = task_x(from.0) + TG_BOX_W;
    let x2 = task_x(to.0) + TG_BOX_W;
    if from == to {
        let y = task_y(from.1, h);
        return format!(
            "M{x1},{} C{},{} {},{} {x1},{}",
            y + 12,
            x1 + TG_BULGE,
            y - 6,
            x1 + TG_BULGE,
            y + h + 6,
            y + h - 12
        );
    }
    let (y1, y2) = (task_y(from.1, h) + h / 2, task_y(to.1, h) + h / 2);
    let bulge = x1.max(x2) + TG_BULGE;
    format!("M{x1},{y1} C{bulge},{y1} {bulge},{y2} {x2},{y2}")
}

/// Draws every dependency edge: ordinary ones grey and solid, cycle edges red and dashed.
fn draw_task_edges(out: &mut String, layout: &TaskLayout, h: i64) {
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
                    forward_path(from, to, lane, h)
                );
            } else {
                let _ = writeln!(
                    out,
                    "<path d=\"{}\" fill=\"none\" stroke=\"{CYCLE}\" stroke-width=\"1.5\" \
                     stroke-dasharray=\"6 4\" marker-end=\"url(#tg-arrow-cycle)\"/>",
                    back_path(from, to, h)
                );
            }
        }
    }
}

/// Draws one task box: the id in bold, the accountable party below in small text, and a
/// `<title>` tooltip with the untruncated text.
fn draw_task(
    out: &mut String,
    task: &Task<'_>,
    (layer, row): (usize, usize),
    h: i64,
    language: Language,
) {
    let (x, y) = (task_x(layer), task_y(row, h));
    let cx = x + TG_BOX_W / 2;
    let accountable = task
        .accountable
        .unwrap_or(text(language, "svg.tasks.no_one_accountable"));
    let hint = fill(
        language,
        "svg.tasks.accountable_hint",
        &[("task", task.id), ("party", accountable)],
    );
    let style = if task.accountable.is_some() {
        ""
    } else {
        " font-style=\"italic\""
    };
    let _ = writeln!(
        out,
        "<g>\n<title>{}</title>\n<rect x=\"{x}\" y=\"{y}\" width=\"{TG_BOX_W}\" height=\"{h}\" \
         rx=\"6\" fill=\"#ffffff\" stroke=\"#64748b\" stroke-width=\"1.5\"/>",
        tooltip(&hint),
    );
    let (id, who) = task_lines(task, language);
    // The text block sits in the middle of the box.
    let block_top = y + (h - task_text_height(&id, &who)) / 2;
    text_lines(
        out,
        cx,
        block_top + 14,
        TG_ID_LINE,
        &format!("text-anchor=\"middle\" font-size=\"13\" font-weight=\"bold\" fill=\"{INK}\""),
        &id,
    );
    text_lines(
        out,
        cx,
        block_top + id.len().max(1) as i64 * TG_ID_LINE + 15,
        TG_WHO_LINE,
        &format!("text-anchor=\"middle\" font-size=\"12\"{style} fill=\"{MUTED}\""),
        &who,
    );
    out.push_str("</g>\n");
}

/// `<svg ...>...</svg>` for the task dependency graph, or an empty string when there are no tasks.
///
/// Tasks come in dependency order already (every task after those it depends on), except tasks in
/// a dependency cycle, which come last; a cycle must not hang or panic (back edges are drawn, red
/// and dashed, but not used for layering). Columns are layers: tasks without dependencies on the
/// left, every other task one column right of its deepest dependency; within a column, tasks keep
/// the given order top to bottom. Arrows run from each dependency to the task waiting for it.
pub fn task_graph(tasks: &[Task<'_>]) -> String {
    task_graph_in(tasks, Language::En)
}

/// [`task_graph`] with its captions and tooltips in `language`.
pub fn task_graph_in(tasks: &[Task<'_>], language: Language) -> String {
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
    let h = task_box_height(tasks, language);
    let height = task_y(rows, h) - TG_GAP_Y + TG_MARGIN;
    let label = fill(
        language,
        if layers == 1 {
            "svg.tasks.label.one"
        } else {
            "svg.tasks.label.other"
        },
        &[
            ("tasks", &tasks.len().to_string()),
            ("steps", &layers.to_string()),
        ],
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
            "<text x=\"{}\" y=\"{}\" font-size=\"12\" fill=\"{MUTED}\">{}</text>",
            task_x(layer),
            TG_MARGIN + 12,
            fill(
                language,
                "svg.tasks.step",
                &[("n", &(layer + 1).to_string())]
            )
        );
    }
    draw_task_edges(&mut out, &layout, h);
    for (i, task) in tasks.iter().enumerate() {
        draw_task(
            &mut out,
            task,
            (layout.layer[i], layout.row[i]),
            h,
            language,
        );
    }
    out.push_str("</svg>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::svg::fixtures::task;

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
        assert!(svg.contains(&format!(
            "<rect x=\"{}\" y=\"{}\"",
            task_x(3),
            task_y(0, TG_BOX_H)
        )));
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
    fn no_label_is_cut_for_up_to_fourteen_tasks_in_a_step() {
        use crate::render::svg::fixtures::{drawn_whole, long_label, texts};
        use crate::render::svg::layout::text_px;
        for count in 1..=14 {
            let ids: Vec<String> = (0..count)
                .map(|i| long_label(i).replace(' ', "-"))
                .collect();
            let people: Vec<String> = (0..count)
                .map(|i| format!("Maria-Theresia Brandstetter-Oberhuber ({i})"))
                .collect();
            // A first step of `count` tasks, and a second that waits for all of them.
            let all: Vec<&str> = ids.iter().map(String::as_str).collect();
            let mut tasks: Vec<Task<'_>> = (0..count)
                .map(|i| Task {
                    id: &ids[i],
                    accountable: Some(&people[i]),
                    depends_on: &[],
                })
                .collect();
            tasks.push(Task {
                id: "publish-the-wedding-package-on-the-website",
                accountable: None,
                depends_on: &all,
            });
            let svg = task_graph(&tasks);
            let drawn = texts(&svg);
            let h = task_box_height(&tasks, Language::En);
            for task in &tasks {
                let who = task.accountable.unwrap_or("no one accountable");
                for (label, font, bold) in [(task.id, 13.0, true), (who, 12.0, false)] {
                    let text = drawn_whole(&drawn, label, font, bold)
                        .unwrap_or_else(|| panic!("{count} tasks: `{label}` is not drawn whole"));
                    for line in &text.lines {
                        assert!(
                            text_px(line, font, bold) <= TG_INNER as f64,
                            "`{line}` is wider than its box"
                        );
                    }
                }
                let (id, who) = task_lines(task, Language::En);
                assert!(task_text_height(&id, &who) + 2 * TG_PAD <= h);
            }
            assert!(!svg.contains('…'), "{svg}");
        }
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
}

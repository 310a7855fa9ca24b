//! What a repeated key leaves incomplete. The YAML stage keeps the first of two values and
//! reports the second; here the section and entity that lost a value are marked, so that rules
//! judging them as a whole do not report the consequences as problems of their own.

use crate::base::span::Span;
use crate::model::{Gaps, Playbook, Section};
use crate::yaml::{Node, NodeKind};

/// A section written twice keeps its first occurrence; the ids in the second still count as
/// defined, so that the duplicate key is the only finding.
pub(super) fn register_dropped(playbook: &mut Playbook, dropped: &[(Node, Node)], text: &str) {
    for (key, value) in dropped {
        let Some(section) = key.scalar_text(text).and_then(Section::from_key) else {
            continue;
        };
        playbook.gaps.sections.insert(section);
        let ids: Vec<&Node> = if !section.is_map() {
            value
                .as_map()
                .unwrap_or(&[])
                .iter()
                .filter_map(|(_, stages)| stages.as_seq())
                .flatten()
                .filter_map(|stage| {
                    stage
                        .as_map()?
                        .iter()
                        .find(|(k, _)| k.scalar_text(text) == Some("id"))
                        .map(|(_, id)| id)
                })
                .collect()
        } else {
            value
                .as_map()
                .unwrap_or(&[])
                .iter()
                .map(|(id, _)| id)
                .collect()
        };
        for id in ids {
            if let Some(id) = id.scalar_text(text) {
                playbook.unreadable.insert((section, id.to_owned()));
            }
        }
    }
}

/// Marks what a duplicated key made incomplete: its section, and the entity it stands in.
/// The second value of a duplicated key is dropped, so whatever it held is missing.
pub(super) fn mark_duplicates(
    gaps: &mut Gaps,
    entries: &[(Node, Node)],
    duplicates: &[Span],
    text: &str,
) {
    for (key, value) in entries {
        let Some(name) = key.scalar_text(text) else {
            continue;
        };
        let Some(section) = Section::from_key(name) else {
            continue;
        };
        let inside = |node: &Node, span: &Span| {
            let (start, end) = extent(node);
            span.start >= start && span.start < end
        };
        for span in duplicates {
            if *span == key.span {
                gaps.sections.insert(section);
                continue;
            }
            if !inside(value, span) {
                continue;
            }
            gaps.sections.insert(section);
            if let Some((id, _)) = value
                .as_map()
                .unwrap_or(&[])
                .iter()
                .find(|(id, entity)| *span == id.span || inside(entity, span))
                && let Some(id) = id.scalar_text(text)
            {
                gaps.entities.insert(section.entity(id));
            }
        }
    }
}

/// The bytes a node and everything below it cover.
fn extent(node: &Node) -> (u32, u32) {
    let mut end = node.span.end;
    match &node.kind {
        NodeKind::Seq(items) => {
            for item in items {
                end = end.max(extent(item).1);
            }
        }
        NodeKind::Map(entries) => {
            for (key, value) in entries {
                end = end.max(key.span.end).max(extent(value).1);
            }
        }
        _ => {}
    }
    (node.span.start, end)
}

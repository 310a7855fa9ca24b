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

/// Marks what a duplicated key made incomplete. The second value of a duplicated key is
/// dropped, so whatever it held is missing: a whole section when the section's key repeats, else
/// the key of the entity it stands in.
pub(super) fn mark_duplicates(
    gaps: &mut Gaps,
    entries: &[(Node, Node)],
    duplicates: &[Span],
    text: &str,
) {
    for (key, value) in entries {
        let Some(section) = key.scalar_text(text).and_then(Section::from_key) else {
            continue;
        };
        for span in duplicates {
            if *span == key.span {
                gaps.sections.insert(section);
            } else if inside(value, span) {
                if section.is_map() {
                    mark_in_entity(gaps, section, value, span, text);
                } else {
                    mark_in_stages(gaps, value, span, text);
                }
            }
        }
    }
}

/// Marks the key of the entity of a section map (`entities`) that `span` falls in.
fn mark_in_entity(gaps: &mut Gaps, section: Section, entities: &Node, span: &Span, text: &str) {
    let entity = entities
        .as_map()
        .unwrap_or(&[])
        .iter()
        .find(|(id, entity)| *span == id.span || inside(entity, span));
    if let Some((id, entity)) = entity
        && let Some(id) = id.scalar_text(text)
    {
        gaps.unknown(section, id, key_around(entity, span, text));
    }
}

/// Marks the key of the lifecycle stage that `span` falls in; a repeat that is not inside one
/// stage leaves the lifecycle's shape unknown.
fn mark_in_stages(gaps: &mut Gaps, lifecycle: &Node, span: &Span, text: &str) {
    let stage = lifecycle
        .as_map()
        .unwrap_or(&[])
        .iter()
        .filter_map(|(_, stages)| stages.as_seq())
        .flatten()
        .find(|stage| inside(stage, span));
    let id = stage.and_then(|stage| {
        stage
            .as_map()?
            .iter()
            .find(|(key, _)| key.scalar_text(text) == Some("id"))?
            .1
            .scalar_text(text)
    });
    match (stage, id) {
        (Some(stage), Some(id)) => {
            let key = key_around(stage, span, text);
            gaps.unknown(Section::Lifecycle, id, key);
            if key == Some("id") {
                gaps.sections.insert(Section::Lifecycle);
            }
        }
        _ => {
            gaps.sections.insert(Section::Lifecycle);
        }
    }
}

/// The entity's own key that a repeated key at `span` is, or stands in. The repeat itself was
/// left out of the tree: when it repeats one of the entity's own keys it is that key, else it
/// was written inside the value of the last own key before it.
pub(super) fn key_around<'a>(entity: &'a Node, span: &Span, text: &'a str) -> Option<&'a str> {
    let entries = entity.as_map()?;
    let written = text.get(span.start as usize..span.end as usize);
    let own = entries
        .iter()
        .filter_map(|(key, _)| key.scalar_text(text))
        .find(|key| Some(*key) == written);
    own.or_else(|| {
        entries
            .iter()
            .filter(|(key, _)| key.span.start <= span.start)
            .max_by_key(|(key, _)| key.span.start)
            .and_then(|(key, _)| key.scalar_text(text))
    })
}

/// Whether `span` starts within `node` or anything below it.
fn inside(node: &Node, span: &Span) -> bool {
    let (start, end) = extent(node);
    span.start >= start && span.start < end
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

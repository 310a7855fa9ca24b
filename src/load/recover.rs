//! Reading one entity so that every mistake in it is reported, not only the first: serde stops
//! at the first bad value, so the entity is read again without the key at fault.

use crate::base::span::Span;
use crate::diagnostic::Diagnostic;
use crate::diagnostic::structural::schema;
use crate::yaml::de::{DeContext, DeError, DeErrorKind, NodeDeserializer};
use crate::yaml::{Node, NodeKind};
use serde::de::DeserializeOwned;

/// Required keys that hold only text for people to read: when one is missing, the entity is
/// read as if it were empty, so that the entity still takes part in every rule its other keys
/// feed. No rule reads these.
const FILLABLE: [&str; 3] = ["title", "name", "label"];

/// Reads one entity, reporting every key whose value is wrong, not only the first: after an
/// error the entity is read again without the key at fault, until it reads or the error is not
/// about one of its keys. Returns the entity, when it could be read without the bad keys, and
/// the errors. A finding of a later attempt that an earlier one made already is dropped; new
/// ones (keys after the first error, which serde never reached) are kept.
pub(super) fn read_entity<T: DeserializeOwned>(
    value: &Node,
    context: &DeContext<'_>,
    label: &str,
    anchor: Span,
) -> (Option<T>, Vec<DeError>) {
    const MOST_ATTEMPTS: usize = 32;
    let mut errors: Vec<DeError> = Vec::new();
    let mut removed: Vec<String> = Vec::new();
    let mut filled: Vec<&str> = Vec::new();
    let mut node = std::borrow::Cow::Borrowed(value);
    for attempt in 0..MOST_ATTEMPTS {
        let findings_before = context.findings.borrow().len();
        let missed_before = context.missed_keys.borrow().len();
        let result = T::deserialize(NodeDeserializer::new(&node, context, label, anchor));
        if attempt > 0 {
            drop_repeats(&mut context.findings.borrow_mut(), findings_before);
            drop_repeats(&mut context.missed_keys.borrow_mut(), missed_before);
        }
        let error = match result {
            Ok(item) => return (Some(item), errors),
            Err(error) => error,
        };
        if let DeErrorKind::MissingKey(missing) = error.kind {
            // Cutting a required key makes it missing: that says nothing new.
            let cut_before = removed.iter().any(|key| key == missing);
            if let Some(fill) = FILLABLE.iter().find(|key| **key == missing)
                && !filled.contains(fill)
                && let Some(entries) = node.as_map()
            {
                if !cut_before {
                    errors.push(error);
                }
                filled.push(fill);
                let mut entries = entries.to_vec();
                entries.push(empty_text(fill, anchor));
                node = std::borrow::Cow::Owned(Node {
                    span: node.span,
                    kind: NodeKind::Map(entries.into_boxed_slice()),
                });
                continue;
            }
            if cut_before {
                break;
            }
        }
        let cut = error.path.last().cloned();
        errors.push(error);
        let Some(cut) = cut else { break };
        let Some(entries) = node.as_map() else { break };
        let kept: Vec<(Node, Node)> = entries
            .iter()
            .filter(|(key, _)| key.scalar_text(context.text) != Some(cut.as_str()))
            .cloned()
            .collect();
        if kept.len() == entries.len() {
            break;
        }
        removed.push(cut);
        node = std::borrow::Cow::Owned(Node {
            span: node.span,
            kind: NodeKind::Map(kept.into_boxed_slice()),
        });
    }
    (None, errors)
}

/// Removes the items after `from` that are equal to one before it.
fn drop_repeats<T: PartialEq>(items: &mut Vec<T>, from: usize) {
    let mut index = from;
    while index < items.len() {
        if items[..from].contains(&items[index]) {
            items.remove(index);
        } else {
            index += 1;
        }
    }
}

/// `key: ""`, standing in for a missing required text.
fn empty_text(key: &str, at: Span) -> (Node, Node) {
    let text = |text: &str| Node {
        span: at,
        kind: NodeKind::Str(Some(text.into())),
    };
    (text(key), text(""))
}

/// A deserialization error as a `schema` finding that names the entity (`label`) and the key.
pub(super) fn schema_error(
    error: DeError,
    fallback: Span,
    entity: Option<&str>,
    label: &str,
) -> Diagnostic {
    let message = if matches!(error.kind, DeErrorKind::MissingKey(_)) {
        format!("{label} is {}", error.message)
    } else if let Some(key) = error.path.first() {
        format!("`{key}` of {label}: {}", error.message)
    } else {
        format!("{label}: {}", error.message)
    };
    let mut diagnostic = schema::invalid_value(message, error.span.unwrap_or(fallback), error.help);
    diagnostic.entity = entity.map(str::to_owned);
    // A fix replaces the value it was found at, never the fallback place.
    if error.span.is_some() {
        diagnostic.fix = error.fix;
    }
    diagnostic
}

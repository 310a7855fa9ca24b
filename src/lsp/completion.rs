//! Completion: inside a reference, the ids of the kind it must name (with their titles); at a
//! key of an entity, the keys that entity takes; inside `allow(`, the rule names.
//!
//! What is being written is read from the text around the cursor, which is mid-edit and seldom
//! parses; what may be offered comes from the last check of the playbook.

use super::analysis::Analysis;
use super::symbols::{caption, for_each_id};
use crate::lint::registry::RULES;
use crate::model::Section;
use crate::model::entities;
use crate::resolve::refs::reference_target;
use gen_lsp_types::{CompletionItem, CompletionItemKind};
use std::collections::BTreeMap;
use std::sync::LazyLock;

/// What the cursor is in.
#[derive(Debug, PartialEq, Eq)]
pub enum Context {
    /// The value of `key` in an entity of `section`.
    Value { section: Section, key: String },
    /// A key of an entity of `section`.
    Key { section: Section },
    /// A rule name inside `# smarketing: allow(`.
    Rule,
}

/// The start of the word the cursor is in or after: what a completion replaces.
pub fn word_start(text: &str, offset: usize) -> usize {
    text[..offset]
        .char_indices()
        .rev()
        .take_while(|&(_, c)| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        .last()
        .map_or(offset, |(at, _)| at)
}

/// What is being written at byte `offset` of `text`.
pub fn context(text: &str, offset: usize) -> Option<Context> {
    let offset = offset.min(text.len());
    if !text.is_char_boundary(offset) {
        return None;
    }
    let line_start = text[..offset].rfind('\n').map_or(0, |at| at + 1);
    let before = &text[line_start..offset];
    if let Some(comment) = comment_start(before).map(|at| &before[at..]) {
        let inside_allow = comment
            .rfind("allow(")
            .is_some_and(|at| !comment[at..].contains(')'));
        return (comment.contains("smarketing:") && inside_allow).then_some(Context::Rule);
    }
    let (section, entity_indent) = section_at(text, line_start)?;
    let word = &before[word_start(before, before.len())..];
    let head = &before[..before.len() - word.len()];
    // `key: wo`, `key: [a, wo`, `{ title: X, key: wo`: the last key before the cursor.
    if let Some(key) = last_key(head) {
        return Some(Context::Value { section, key });
    }
    let trimmed = head.trim_start();
    let indent = head.len() - trimmed.len();
    if trimmed.is_empty() || trimmed.ends_with('{') || trimmed.ends_with(", ") {
        if section == Section::Contacts {
            return None;
        }
        if trimmed.is_empty() && indent <= entity_indent {
            return None;
        }
        return Some(Context::Key { section });
    }
    if trimmed == "- " || trimmed == "-" {
        // A list item: a value of the key the list belongs to, or (in `lifecycle`) a stage.
        let key = parent_key(text, line_start, indent)?;
        return Some(match key.as_str() {
            "stages" | "criteria" => Context::Key { section },
            _ => Context::Value { section, key },
        });
    }
    None
}

/// Where a comment starts in `line`: a `#` at its start or after white space, outside quotes
/// (a quote counts only where a value starts, so `Anna's` opens nothing).
fn comment_start(line: &str) -> Option<usize> {
    let mut quote: Option<char> = None;
    let mut previous = ' ';
    for (at, c) in line.char_indices() {
        match quote {
            Some(open) if c == open => quote = None,
            Some(_) => {}
            None if (c == '"' || c == '\'') && " \t:[{,".contains(previous) => quote = Some(c),
            None if c == '#' && previous.is_whitespace() => return Some(at),
            None => {}
        }
        previous = c;
    }
    None
}

/// The last `key:` in `head` whose value the cursor is in: nothing after it but spaces, an open
/// list and earlier items.
fn last_key(head: &str) -> Option<String> {
    let colon = head
        .rfind(": ")
        .or_else(|| head.strip_suffix(':').map(str::len))?;
    let after = &head[colon + 1..];
    if after.contains(['{', '}', ']', ':']) {
        return None;
    }
    let key_start = head[..colon]
        .rfind(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .map_or(0, |at| at + 1);
    let key = &head[key_start..colon];
    (!key.is_empty()).then(|| key.to_owned())
}

/// The key of the closest line above `line_start` indented less than `indent`.
fn parent_key(text: &str, line_start: usize, indent: usize) -> Option<String> {
    for line in text[..line_start].lines().rev() {
        let trimmed = line.trim_start();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let own = line.len() - trimmed.len();
        if own < indent {
            let trimmed = trimmed.trim_start_matches("- ");
            return trimmed.split(':').next().map(|key| key.trim().to_owned());
        }
    }
    None
}

/// The section the line at `line_start` is in, and how deep its entities' ids are indented.
fn section_at(text: &str, line_start: usize) -> Option<(Section, usize)> {
    let mut entity_indent = usize::MAX;
    for line in text[..line_start].lines().rev() {
        let trimmed = line.trim_start();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let indent = line.len() - trimmed.len();
        if indent == 0 {
            let key = trimmed.split(':').next()?.trim();
            let section = Section::from_key(key)?;
            let indent = if entity_indent == usize::MAX {
                2
            } else {
                entity_indent
            };
            return Some((section, indent));
        }
        entity_indent = entity_indent.min(indent);
    }
    None
}

/// The entity the cursor is in: its id and the keys it has already.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Around {
    pub id: String,
    pub keys: Vec<String>,
}

/// The entity of a map section (`tasks:`, `people:`, ...) around byte `offset` of `text`.
pub fn around(text: &str, offset: usize) -> Option<Around> {
    let offset = offset.min(text.len());
    let line_start = text.get(..offset)?.rfind('\n').map_or(0, |at| at + 1);
    let (section, entity_indent) = section_at(text, line_start)?;
    if !section.is_map() {
        return None;
    }
    let indent_of = |line: &str| line.len() - line.trim_start().len();
    let significant = |line: &str| {
        let trimmed = line.trim_start();
        !trimmed.is_empty() && !trimmed.starts_with('#')
    };
    // The entity's line: the closest line above (or this one) at the entities' indent.
    let mut entity_start = None;
    // `end` is where the line below the one looked at starts, just after its `\n`.
    let mut end = line_start;
    while end > 0 {
        let start = text[..end - 1].rfind('\n').map_or(0, |at| at + 1);
        let line = &text[start..end - 1];
        let line = line.strip_suffix('\r').unwrap_or(line);
        if significant(line) && indent_of(line) <= entity_indent {
            if indent_of(line) == entity_indent {
                entity_start = Some(start);
            }
            break;
        }
        end = start;
    }
    let current = &text[line_start..];
    let current = current.lines().next().unwrap_or("");
    let entity_start = if significant(current) && indent_of(current) == entity_indent {
        line_start
    } else {
        entity_start?
    };
    let mut lines = text.get(entity_start..)?.lines();
    let head = lines.next()?;
    let id = head
        .split(':')
        .next()?
        .trim()
        .trim_matches(['"', '\''])
        .to_owned();
    let mut keys: Vec<String> = Vec::new();
    // Keys written in flow style on the entity's line: `{ title: X, accountable: anna }`.
    if let Some(flow) = head.split_once('{').map(|(_, flow)| flow) {
        for part in flow.split(',') {
            if let Some((key, _)) = part.split_once(':') {
                keys.push(key.trim().to_owned());
            }
        }
    }
    let mut key_indent = None;
    for line in lines {
        if !significant(line) {
            continue;
        }
        let indent = indent_of(line);
        if indent <= entity_indent {
            break;
        }
        if *key_indent.get_or_insert(indent) == indent
            && let Some((key, _)) = line.trim_start().split_once(':')
        {
            keys.push(key.trim().to_owned());
        }
    }
    Some(Around { id, keys })
}

/// The items for `context`, from the checked playbook; `around` leaves out the keys the entity
/// has and the entity itself as a reference of its own.
pub fn items(
    analysis: &Analysis,
    context: &Context,
    around: Option<&Around>,
) -> Vec<CompletionItem> {
    match context {
        Context::Value { section, key } => {
            let Some(target) = reference_target(*section, key) else {
                return Vec::new();
            };
            let mut items = Vec::new();
            for &named in target.sections() {
                for_each_id(&analysis.playbook, named, |id, _| {
                    if named == *section && around.is_some_and(|around| around.id == id) {
                        return;
                    }
                    let mut item = CompletionItem {
                        label: id.to_owned(),
                        ..CompletionItem::default()
                    };
                    item.kind = Some(CompletionItemKind::Reference);
                    item.detail = Some(match caption(&analysis.playbook, named, id) {
                        Some(title) => format!("{} · {title}", named.noun()),
                        None => named.noun().to_owned(),
                    });
                    items.push(item);
                });
            }
            items
        }
        Context::Key { section } => entity_keys(*section)
            .iter()
            .filter(|(key, _)| !around.is_some_and(|around| around.keys.contains(key)))
            .map(|(key, description)| {
                let mut item = CompletionItem {
                    label: key.clone(),
                    ..CompletionItem::default()
                };
                item.kind = Some(CompletionItemKind::Property);
                item.detail = description.clone();
                item.insert_text = Some(format!("{key}: "));
                item
            })
            .collect(),
        Context::Rule => RULES
            .iter()
            .filter(|rule| !rule.structural)
            .map(|rule| {
                let mut item = CompletionItem {
                    label: rule.name.to_owned(),
                    ..CompletionItem::default()
                };
                item.kind = Some(CompletionItemKind::Value);
                item.detail = Some(rule.summary.to_owned());
                item
            })
            .collect(),
    }
}

/// A key an entity takes, with the first line of its description.
type Key = (String, Option<String>);

/// The keys an entity of each section takes, with their descriptions, from the JSON Schema of
/// its type: the same list editors get from the schema file.
fn entity_keys(section: Section) -> &'static [(String, Option<String>)] {
    static KEYS: LazyLock<BTreeMap<Section, Vec<Key>>> = LazyLock::new(|| {
        let mut keys = BTreeMap::new();
        let mut add = |section: Section, schema: schemars::Schema| {
            let properties = schema
                .get("properties")
                .and_then(|p| p.as_object())
                .map(|p| {
                    p.iter()
                        .map(|(key, value)| {
                            let description = value
                                .get("description")
                                .and_then(|d| d.as_str())
                                .map(|d| d.lines().next().unwrap_or(d).to_owned());
                            (key.clone(), description)
                        })
                        .collect()
                })
                .unwrap_or_default();
            keys.insert(section, properties);
        };
        add(Section::Teams, schemars::schema_for!(entities::Team));
        add(Section::People, schemars::schema_for!(entities::Person));
        add(Section::Goals, schemars::schema_for!(entities::Goal));
        add(Section::Kpis, schemars::schema_for!(entities::Kpi));
        add(Section::Fields, schemars::schema_for!(entities::Field));
        add(Section::Lifecycle, schemars::schema_for!(entities::Stage));
        add(
            Section::Pipelines,
            schemars::schema_for!(entities::Pipeline),
        );
        add(Section::Tasks, schemars::schema_for!(entities::Task));
        add(Section::Meetings, schemars::schema_for!(entities::Meeting));
        add(Section::Channels, schemars::schema_for!(entities::Channel));
        add(
            Section::FeedbackLoops,
            schemars::schema_for!(entities::FeedbackLoop),
        );
        add(
            Section::Campaigns,
            schemars::schema_for!(entities::Campaign),
        );
        add(Section::Systems, schemars::schema_for!(entities::System));
        keys
    });
    KEYS.get(&section).map_or(&[], Vec::as_slice)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at_cursor(text: &str) -> Option<Context> {
        let offset = text.find('|').unwrap();
        let text = text.replace('|', "");
        context(&text, offset)
    }

    fn value(section: Section, key: &str) -> Option<Context> {
        Some(Context::Value {
            section,
            key: key.to_owned(),
        })
    }

    #[test]
    fn a_reference_value_is_found_in_block_flow_and_list_style() {
        let tasks = "tasks:\n  kickoff:\n    title: Kickoff\n";
        assert_eq!(
            at_cursor(&format!("{tasks}    accountable: an|\n")),
            value(Section::Tasks, "accountable")
        );
        assert_eq!(
            at_cursor(&format!("{tasks}    responsible: [anna, |]\n")),
            value(Section::Tasks, "responsible")
        );
        assert_eq!(
            at_cursor("tasks:\n  a: { title: A, depends_on: |}\n"),
            value(Section::Tasks, "depends_on")
        );
        assert_eq!(
            at_cursor(&format!("{tasks}    informed:\n      - ben\n      - |\n")),
            value(Section::Tasks, "informed")
        );
        assert_eq!(
            at_cursor("teams:\n  sales:\n    name: Sales\n    lead: |\n"),
            value(Section::Teams, "lead")
        );
        assert_eq!(
            at_cursor("contacts:\n  pricing: |\n"),
            value(Section::Contacts, "pricing")
        );
    }

    #[test]
    fn keys_and_rules_are_told_apart_from_values() {
        assert_eq!(
            at_cursor("tasks:\n  kickoff:\n    title: K\n    acc|\n"),
            Some(Context::Key {
                section: Section::Tasks
            })
        );
        assert_eq!(
            at_cursor("lifecycle:\n  stages:\n    - |\n"),
            Some(Context::Key {
                section: Section::Lifecycle
            })
        );
        assert_eq!(
            at_cursor("tasks:\n  # smarketing: allow(task-|\n  a: {}\n"),
            Some(Context::Rule)
        );
        assert_eq!(at_cursor("tasks:\n  a: { title: A } # note |\n"), None);
        // A `#` inside quotes is text, and an apostrophe in plain text opens no quote.
        assert_eq!(
            at_cursor("tasks:\n  a: { title: \"Room #5\", accountable: |}\n"),
            value(Section::Tasks, "accountable")
        );
        assert_eq!(
            at_cursor("tasks:\n  a: { title: Anna's, accountable: | } # x\n"),
            value(Section::Tasks, "accountable")
        );
        assert_eq!(
            at_cursor("tasks:\n  a: { title: Anna's # smarketing: allow(|\n"),
            Some(Context::Rule)
        );
        // An entity's id is being written: nothing to offer.
        assert_eq!(at_cursor("tasks:\n  kick|\n"), None);
    }

    #[test]
    fn the_entity_around_the_cursor_and_its_keys() {
        let around_cursor = |text: &str| {
            let offset = text.find('|').unwrap();
            around(&text.replace('|', ""), offset)
        };
        let block = "tasks:\n  other: { title: O }\n  kickoff:\n    title: K\n    depends_on: [other]\n    |\n  later:\n    title: L\n";
        assert_eq!(
            around_cursor(block),
            Some(Around {
                id: "kickoff".into(),
                keys: vec!["title".into(), "depends_on".into()]
            })
        );
        assert_eq!(
            around_cursor("tasks:\n  kickoff: { title: K, accountable: anna, | }\n"),
            Some(Around {
                id: "kickoff".into(),
                keys: vec!["title".into(), "accountable".into()]
            })
        );
        assert_eq!(
            around_cursor("lifecycle:\n  stages:\n    - id: a\n      |\n"),
            None
        );
        // Line ends of either kind, and text that is not ASCII above the cursor.
        let crlf = "tasks:\r\n  küche:\r\n    title: Küche ü\r\n    |\r\n";
        assert_eq!(around_cursor(crlf).unwrap().id, "küche");
        assert_eq!(around_cursor(crlf).unwrap().keys, ["title"]);
    }

    #[test]
    fn any_offset_of_any_example_is_read_without_panic() {
        let folder =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("playbooks/hotel-seeblick");
        for entry in std::fs::read_dir(folder).unwrap() {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            for text in [text.clone(), text.replace('\n', "\r\n")] {
                for offset in 0..=text.len() + 1 {
                    let _ = context(&text, offset);
                    let _ = around(&text, offset);
                }
            }
        }
    }

    #[test]
    fn every_section_with_entities_has_keys() {
        for section in Section::ALL {
            if section != Section::Contacts {
                assert!(!entity_keys(section).is_empty(), "{section:?}");
            }
        }
        assert!(
            entity_keys(Section::Tasks)
                .iter()
                .any(|(key, _)| key == "accountable")
        );
    }
}

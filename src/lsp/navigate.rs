//! Hover, go to definition, find references and rename: questions about the id under the
//! cursor, answered from [`Symbols`] across every file of the playbook.

use super::analysis::Analysis;
use super::diagnostics::Positions;
use super::symbols::{Occurrence, Symbols, caption};
use crate::base::span::FileId;
use crate::lint::registry::find;
use crate::model::{IdStyle, Section};
use crate::resolve::refs::for_each_reference;
use gen_lsp_types::{Location, TextEdit, Uri};
use std::collections::{BTreeMap, HashMap};

/// The Markdown shown on hovering an id: what it is, what it is called, what it names.
pub fn entity_hover(analysis: &Analysis, section: Section, id: &str) -> String {
    let playbook = &analysis.playbook;
    let mut text = format!("**{}** `{id}`", section.full_noun());
    if let Some(caption) = caption(playbook, section, id) {
        text.push_str(": ");
        text.push_str(&caption);
    }
    let mut lines: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    let mut order: Vec<&str> = Vec::new();
    for_each_reference(playbook, |reference| {
        if reference.from_section == section && reference.from_id == id {
            if !lines.contains_key(reference.key) {
                order.push(reference.key);
            }
            lines
                .entry(reference.key)
                .or_default()
                .push(format!("`{}`", reference.name.value));
        }
    });
    if section == Section::Kpis
        && let Some(target) = playbook
            .kpis
            .get(id)
            .and_then(|kpi| kpi.value.target.as_ref())
    {
        text.push_str(&format!(
            "\n\ntarget: `{}`",
            analysis.sources.snippet(target.span).trim_matches('"')
        ));
    }
    for key in order {
        if let Some(names) = lines.get(key) {
            text.push_str(&format!("\n\n{key}: {}", names.join(", ")));
        }
    }
    text
}

/// The Markdown shown on hovering a rule's name.
pub fn rule_hover(name: &str) -> Option<String> {
    let rule = find(name)?;
    Some(format!(
        "**{}** ({})\n\n{}\n\n[Documentation]({})",
        rule.name,
        rule.level_label(),
        rule.summary,
        rule.docs_url()
    ))
}

/// The rule name written around byte `offset` of `text`, if the word there is one.
pub fn rule_at(text: &str, offset: usize) -> Option<&str> {
    let is_name = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-';
    let offset = offset.min(text.len());
    let start = text[..offset]
        .char_indices()
        .rev()
        .take_while(|&(_, c)| is_name(c))
        .last()
        .map_or(offset, |(at, _)| at);
    let end = text[offset..]
        .char_indices()
        .find(|&(_, c)| !is_name(c))
        .map_or(text.len(), |(at, _)| offset + at);
    let word = &text[start..end];
    find(word).map(|_| word)
}

/// Where the entity an occurrence names is defined.
pub fn definition(
    symbols: &Symbols,
    occurrence: &Occurrence,
    positions: &mut Positions<'_>,
) -> Option<Location> {
    let section = occurrence.section?;
    positions.location(symbols.definition(section, &occurrence.id)?.span)
}

pub fn references(
    symbols: &Symbols,
    occurrence: &Occurrence,
    include_declaration: bool,
    positions: &mut Positions<'_>,
) -> Vec<Location> {
    let Some(section) = occurrence.section else {
        return Vec::new();
    };
    symbols
        .of_entity(section, &occurrence.id)
        .filter(|o| include_declaration || !o.definition)
        .filter_map(|o| positions.location(o.span))
        .collect()
}

/// The edits that rename the entity an occurrence names, in every file; `Err` says why the name
/// cannot be used.
pub fn rename(
    analysis: &Analysis,
    symbols: &Symbols,
    occurrence: &Occurrence,
    new_name: &str,
    positions: &mut Positions<'_>,
) -> Result<HashMap<Uri, Vec<TextEdit>>, String> {
    let Some(section) = occurrence.section else {
        return Err(format!(
            "`{}` names nothing defined: there is nothing to rename",
            occurrence.id
        ));
    };
    let style = if section == Section::Fields {
        IdStyle::Snake
    } else {
        IdStyle::Kebab
    };
    if !style.accepts(new_name) {
        return Err(format!(
            "`{new_name}` is not a valid {} id (`{}`); try `{}`",
            section.noun(),
            style.pattern(),
            style.suggest(new_name)
        ));
    }
    // People and teams are named by the same references, as are meetings and channels.
    let shares_names = match section {
        Section::People | Section::Teams => vec![Section::People, Section::Teams],
        Section::Meetings | Section::Channels => vec![Section::Meetings, Section::Channels],
        other => vec![other],
    };
    if let Some(taken) = shares_names
        .iter()
        .find(|&&other| analysis.playbook.defines(other, new_name))
    {
        return Err(format!(
            "`{new_name}` is already the id of a {}",
            taken.full_noun()
        ));
    }
    let mut changes: HashMap<Uri, Vec<TextEdit>> = HashMap::new();
    for o in symbols.of_entity(section, &occurrence.id) {
        let Some(location) = positions.location(o.span) else {
            continue;
        };
        changes
            .entry(location.uri)
            .or_default()
            .push(TextEdit::new(location.range, new_name.to_owned()));
    }
    Ok(changes)
}

/// The file id and byte offset of a position in a file of the analysis.
pub fn offset_in(
    analysis: &Analysis,
    path: &std::path::Path,
    position: gen_lsp_types::Position,
    encoding: super::encoding::Encoding,
) -> Option<(FileId, u32)> {
    let file = analysis.file_of(path)?;
    let text = &analysis.sources.get(file).text;
    let lines = super::encoding::LineIndex::new(text);
    Some((file, lines.offset(text, position, encoding)))
}

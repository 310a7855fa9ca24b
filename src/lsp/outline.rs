//! The outline of a file (`documentSymbol`: its sections, and the entities each defines) and the
//! ids of every checked playbook (`workspace/symbol`).

use super::analysis::Analysis;
use super::diagnostics::Positions;
use super::symbols::{Symbols, caption};
use crate::base::span::{FileId, Span};
use crate::model::Section;
use gen_lsp_types::{
    BaseSymbolInformation, DocumentSymbol, SymbolKind, WorkspaceSymbol, WorkspaceSymbolLocation,
};

/// How an editor draws an entity of a section in its outline.
fn kind(section: Section) -> SymbolKind {
    match section {
        Section::Teams => SymbolKind::Class,
        Section::People => SymbolKind::Object,
        Section::Goals => SymbolKind::Constant,
        Section::Kpis => SymbolKind::Number,
        Section::Fields => SymbolKind::Field,
        Section::Lifecycle => SymbolKind::EnumMember,
        Section::Pipelines => SymbolKind::Enum,
        Section::Tasks => SymbolKind::Function,
        Section::Meetings => SymbolKind::Event,
        Section::Channels => SymbolKind::Interface,
        Section::Contacts => SymbolKind::Key,
        Section::FeedbackLoops => SymbolKind::Operator,
        Section::Campaigns => SymbolKind::Event,
        Section::Systems => SymbolKind::Package,
    }
}

/// The sections written in file `file`, each with the entities it defines there, in file order.
pub fn document_symbols(
    analysis: &Analysis,
    symbols: &Symbols,
    file: FileId,
    positions: &mut Positions<'_>,
) -> Vec<DocumentSymbol> {
    let text = &analysis.sources.get(file).text;
    // Where each top-level key's block starts; an entity ends where the next one (or the next
    // top-level key) starts.
    let mut blocks: Vec<(u32, Option<Section>)> = Vec::new();
    let mut at = 0u32;
    for line in text.split_inclusive('\n') {
        let key = line.split(':').next().unwrap_or("");
        if line.contains(':') && !line.starts_with([' ', '\t', '#', '-']) {
            blocks.push((at, Section::from_key(key.trim_end())));
        }
        at += line.len() as u32;
    }
    let end_of_file = text.len() as u32;
    let defined: Vec<_> = symbols
        .definitions()
        .filter(|o| o.span.file == file && o.section.is_some())
        .collect();
    let mut out: Vec<DocumentSymbol> = Vec::new();
    for (index, &(start, section)) in blocks.iter().enumerate() {
        let Some(section) = section else { continue };
        let end = blocks.get(index + 1).map_or(end_of_file, |&(next, _)| next);
        let inside: Vec<_> = defined
            .iter()
            .filter(|o| o.section == Some(section) && start <= o.span.start && o.span.start < end)
            .collect();
        let mut children = Vec::with_capacity(inside.len());
        for (position, o) in inside.iter().enumerate() {
            let from = line_start(text, o.span.start);
            let to = inside
                .get(position + 1)
                .map_or(end, |next| line_start(text, next.span.start));
            children.push(DocumentSymbol::new(
                o.id.clone(),
                caption(&analysis.playbook, section, &o.id),
                kind(section),
                None,
                None,
                positions.range(trimmed(text, Span::new(file, from, to.max(o.span.end)))),
                positions.range(o.span),
                None,
            ));
        }
        let key_span = Span::new(file, start, start + section.key().len() as u32);
        #[allow(deprecated)]
        out.push(DocumentSymbol::new(
            section.key().to_owned(),
            Some(format!(
                "{} {}",
                inside.len(),
                plural(section, inside.len())
            )),
            SymbolKind::Module,
            None,
            None,
            positions.range(trimmed(text, Span::new(file, start, end))),
            positions.range(key_span),
            Some(children),
        ));
    }
    out
}

fn plural(section: Section, count: usize) -> String {
    let noun = section.noun();
    if count == 1 {
        noun.to_owned()
    } else if noun.ends_with('y') && section != Section::Kpis {
        format!("{}ies", &noun[..noun.len() - 1])
    } else if section == Section::People {
        section.key().to_owned()
    } else {
        format!("{noun}s")
    }
}

/// The byte where the line holding `offset` starts.
fn line_start(text: &str, offset: u32) -> u32 {
    text.get(..offset as usize)
        .and_then(|before| before.rfind('\n'))
        .map_or(0, |at| at as u32 + 1)
}

/// `span` without the line breaks and blank lines at its end.
fn trimmed(text: &str, span: Span) -> Span {
    let inside = text
        .get(span.start as usize..span.end as usize)
        .unwrap_or("");
    Span::new(
        span.file,
        span.start,
        span.start + inside.trim_end().len() as u32,
    )
}

/// The ids of the playbook whose id or title contains `query` (case does not matter).
pub fn workspace_symbols(
    analysis: &Analysis,
    symbols: &Symbols,
    query: &str,
    positions: &mut Positions<'_>,
) -> Vec<WorkspaceSymbol> {
    let query = query.to_lowercase();
    symbols
        .definitions()
        .filter_map(|o| {
            let section = o.section?;
            let title = caption(&analysis.playbook, section, &o.id);
            let matches = o.id.to_lowercase().contains(&query)
                || title
                    .as_ref()
                    .is_some_and(|t| t.to_lowercase().contains(&query));
            if !matches {
                return None;
            }
            let location = positions.location(o.span)?;
            Some(WorkspaceSymbol::new(
                WorkspaceSymbolLocation::Location(location),
                None,
                BaseSymbolInformation::new(
                    o.id.clone(),
                    kind(section),
                    None,
                    Some(match title {
                        Some(title) => format!("{} · {title}", section.key()),
                        None => section.key().to_owned(),
                    }),
                ),
            ))
        })
        .collect()
}

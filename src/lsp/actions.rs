//! Code actions: the quick fixes of the findings under the cursor (a did-you-mean replacement,
//! removing a suppression that silences nothing, suppressing a rule for the entity) and
//! `source.fixAll.smarketing`, every safe fix of the file at once. The edits are the ones
//! `check --fix` and `check --add-allow` make ([`crate::fix`]).

use super::analysis::Finding;
use super::diagnostics::{Positions, convert};
use super::server::Checked;
use crate::fix::{Edit, allow_edit, fix_all, fix_edits};
use gen_lsp_types::{
    CodeAction, CodeActionKind, CodeActionParams, Range, TextEdit, Uri, WorkspaceEdit,
};
use std::collections::HashMap;

/// The kind of the action that applies every safe fix of a file.
pub const FIX_ALL: &str = "source.fixAll.smarketing";

pub fn actions(
    links: bool,
    checked: &Checked,
    file: u32,
    params: &CodeActionParams,
    positions: &mut Positions<'_>,
) -> Vec<CodeAction> {
    let analysis = &checked.analysis;
    let wanted = |kind: &str| {
        params.context.only.as_ref().is_none_or(|only| {
            only.iter()
                .any(|asked| kind == asked.to_string() || kind.starts_with(&format!("{asked}.")))
        })
    };
    let mut actions = Vec::new();
    let in_file: Vec<&Finding> = analysis
        .findings
        .iter()
        .filter(|finding| finding.diagnostic.span.file == file)
        .collect();
    if wanted("quickfix") {
        for finding in &in_file {
            let range = positions.range(finding.diagnostic.span);
            if !overlaps(range, params.range) {
                continue;
            }
            let diagnostic = convert(finding, positions, links);
            if let Some((title, edits)) = fix_edits(&finding.diagnostic, &analysis.sources) {
                actions.push(action(
                    title,
                    CodeActionKind::QuickFix,
                    Some(vec![diagnostic.clone()]),
                    &edits,
                    positions,
                    true,
                ));
            }
            if let Some(edit) = allow_edit(&finding.diagnostic, &analysis.sources) {
                let d = &finding.diagnostic;
                let title = match &d.entity {
                    Some(entity) => format!("Suppress `{}` for {entity}", d.rule.name),
                    None => format!("Suppress `{}` here", d.rule.name),
                };
                actions.push(action(
                    title,
                    CodeActionKind::QuickFix,
                    Some(vec![diagnostic]),
                    &[edit],
                    positions,
                    false,
                ));
            }
        }
    }
    // Only when asked for by kind: editors run it on save, and it should not crowd the light
    // bulb menu.
    let asked_for_fix_all = params.context.only.as_ref().is_some_and(|only| {
        only.iter().any(|asked| {
            let asked = asked.to_string();
            FIX_ALL == asked || FIX_ALL.starts_with(&format!("{asked}."))
        })
    });
    if asked_for_fix_all {
        let diagnostics: Vec<_> = in_file.iter().map(|f| f.diagnostic.clone()).collect();
        let edits = fix_all(&diagnostics, &analysis.sources);
        if !edits.is_empty() {
            actions.push(action(
                "Fix all safe smarketing problems".to_owned(),
                CodeActionKind::new(FIX_ALL),
                None,
                &edits,
                positions,
                false,
            ));
        }
    }
    actions
}

fn overlaps(a: Range, b: Range) -> bool {
    a.start <= b.end && b.start <= a.end
}

fn action(
    title: String,
    kind: CodeActionKind,
    diagnostics: Option<Vec<gen_lsp_types::Diagnostic>>,
    edits: &[Edit],
    positions: &mut Positions<'_>,
    preferred: bool,
) -> CodeAction {
    let mut changes: HashMap<Uri, Vec<TextEdit>> = HashMap::new();
    for edit in edits {
        if let Some(location) = positions.location(edit.span) {
            changes
                .entry(location.uri)
                .or_default()
                .push(TextEdit::new(location.range, edit.text.clone()));
        }
    }
    CodeAction {
        title,
        kind: Some(kind),
        diagnostics,
        is_preferred: preferred.then_some(true),
        edit: Some(WorkspaceEdit::new(Some(changes), None, None)),
        ..CodeAction::default()
    }
}

//! `smarketing render WORKSPACE`: every playbook of a workspace into a folder of its own, and
//! a group `index.html` that links them.
//!
//! Given a folder with `smarketing.toml`, `render` finds the workspace's playbooks as `check`
//! does, renders each like `render PLAYBOOK` into `OUT/<playbook id>/`, and adds the group page.
//! The output folder is `--out`, else the workspace's `[render] out`. All documents are written
//! (or, with `--check`, compared) as one set, so a playbook that was removed from the workspace
//! leaves no stale folder behind. A playbook with errors stops the whole render, as it does for
//! one playbook.

use super::deliver::write_or_check;
use super::render::Args;
use super::{Colors, Lang, Outcome, compiled_playbook, fail};
use crate::base::source::display_path;
use crate::diagnostic::Severity;
use crate::graph::Graph;
use crate::load::discover::{discover, looks_like_playbook};
use crate::load::workspace::{MANIFEST, read_workspace};
use crate::model::values::Language;
use crate::render::group::{House, group_index};
use crate::render::{Document, render_all};
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// Whether `path` is a workspace root: a folder with `smarketing.toml`.
pub fn is_workspace_root(path: &Path) -> bool {
    path.is_dir() && path.join(MANIFEST).is_file()
}

pub fn run(args: &Args, colors: Colors) -> Outcome {
    let root = &args.playbook;
    let limit = args.load.max_file_size * 1024 * 1024;
    let manifest = root
        .join(MANIFEST)
        .canonicalize()
        .unwrap_or_else(|_| root.join(MANIFEST));
    let workspace = match read_workspace(&manifest, limit) {
        Ok(workspace) => workspace,
        Err(errors) => return fail(&errors.join("\n")),
    };
    let out = match (&args.out, &workspace.render_out) {
        (Some(out), _) => out.clone(),
        (None, Some(out)) => root.join(out),
        (None, None) => {
            return fail(&format!(
                "give --out DIR, or `out` under `[render]` in `{}`",
                display_path(&root.join(MANIFEST))
            ));
        }
    };
    let playbooks = match playbooks(root, limit) {
        Ok(playbooks) => playbooks,
        Err(message) => return fail(&message),
    };
    let mut documents: Vec<Document> = Vec::new();
    let mut houses: Vec<House> = Vec::new();
    let mut ids: HashSet<String> = HashSet::new();
    for path in &playbooks {
        let single = match compiled_playbook(path, &args.load, colors) {
            Ok(single) => single,
            Err(outcome) => return outcome,
        };
        let playbook = &single.loaded.playbook;
        let id = playbook
            .id
            .as_ref()
            .map_or_else(String::new, |id| id.value.clone());
        if !ids.insert(id.clone()) {
            return fail(&format!(
                "two playbooks of the workspace have the id `{id}`; each needs its own folder of documents"
            ));
        }
        let graph = Graph::build(playbook);
        let language = Lang::decide_in(args.lang, playbook, workspace.lang.as_deref());
        let rendered = match render_all(&graph, args.templates.clone(), language) {
            Ok(rendered) => rendered,
            Err(message) => return fail(&message),
        };
        documents.extend(rendered.into_iter().map(|document| Document {
            path: format!("{id}/{}", document.path),
            content: document.content,
        }));
        let count = |severity| {
            single
                .diagnostics
                .iter()
                .filter(|d| d.severity == severity)
                .count()
        };
        houses.push(House {
            title: playbook
                .title
                .as_ref()
                .map_or_else(|| id.clone(), |title| title.value.clone()),
            teams: playbook
                .teams
                .iter()
                .map(|team| team.value.name.value.clone())
                .collect(),
            shared_goals: playbook
                .goals
                .iter()
                .filter(|goal| goal.value.owners.len() >= 2)
                .map(|goal| goal.value.title.value.clone())
                .collect(),
            warnings: count(Severity::Warning),
            infos: count(Severity::Info),
            id,
        });
    }
    let name = workspace.root.file_name().map_or_else(
        || "workspace".to_owned(),
        |name| name.to_string_lossy().into_owned(),
    );
    // The group page speaks the workspace's language (or `--lang`); each house's own pages
    // speak the house's.
    let language = match (args.lang, workspace.lang.as_deref()) {
        (Some(Lang::De), _) | (None, Some("de")) => Language::De,
        _ => Language::En,
    };
    match group_index(&name, &houses, language) {
        Ok(index) => documents.push(index),
        Err(message) => return fail(&message),
    }
    let again = format!(
        "smarketing render {} --out {}",
        display_path(root),
        display_path(&out)
    );
    write_or_check(&out, &documents, args.check, &again)
}

/// The workspace's playbooks, in file order: the YAML files with a top-level `playbook:` key
/// (files meant to be included cannot have one).
fn playbooks(root: &Path, limit: u64) -> Result<Vec<PathBuf>, String> {
    let (candidates, unreadable) = discover(&[root.to_path_buf()]);
    if let Some((path, error)) = unreadable.first() {
        return Err(format!("cannot read `{}`: {error}", display_path(path)));
    }
    let playbooks: Vec<PathBuf> = candidates
        .into_iter()
        .map(|candidate| candidate.path)
        .filter(|path| {
            crate::load::read::read_text(path, limit)
                .map(|content| looks_like_playbook(&content.text))
                .unwrap_or(false)
        })
        .collect();
    if playbooks.is_empty() {
        return Err(format!("no playbooks in `{}`", display_path(root)));
    }
    Ok(playbooks)
}

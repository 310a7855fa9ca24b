//! The whole pipeline on bytes in memory: load and lint; when the playbook has no errors,
//! compile, render every document and export to every target. Nothing is written. The fuzz
//! target and the mutation test (`tests/integration/mutation.rs`) both run it.

use smarketing::base::source::Sources;
use smarketing::diagnostic::{Diagnostic, Severity};
use smarketing::export::{Target, export};
use smarketing::graph::Graph;
use smarketing::lint::{LevelOverrides, lint_playbook};
use smarketing::load::{LoadOptions, load_bytes};
use std::path::Path;

/// Runs every stage that `bytes` get through and returns what `check` would report.
pub fn exercise(bytes: &[u8]) -> Vec<Diagnostic> {
    let mut sources = Sources::default();
    let loaded = load_bytes(
        Path::new("fuzz.yaml"),
        bytes,
        &mut sources,
        LoadOptions::default(),
    );
    let run = lint_playbook(
        &loaded.playbook,
        loaded.diagnostics,
        &sources,
        &LevelOverrides::default(),
    );
    if run
        .diagnostics
        .iter()
        .all(|d| d.severity != Severity::Error)
    {
        let graph = Graph::build(&loaded.playbook);
        let _ =
            smarketing::compile::to_json(&smarketing::compile::compile(&graph, Default::default()));
        for language in smarketing::model::values::Language::ALL {
            let _ = smarketing::render::render_all(&graph, None, language);
        }
        for target in [Target::Hubspot, Target::Salesforce, Target::Csv] {
            let _ = export(target, &graph);
        }
    }
    // The fixes and suppressions of every finding, applied: they must not panic either.
    if let Some((file, source)) = sources.iter().next() {
        let of_file = |edits: Vec<smarketing::fix::Edit>| -> Vec<smarketing::fix::Edit> {
            edits
                .into_iter()
                .filter(|edit| edit.span.file == file)
                .collect()
        };
        let _ = smarketing::fix::apply(
            &source.text,
            &of_file(smarketing::fix::fix_all(&run.diagnostics, &sources)),
        );
        let _ = smarketing::fix::apply(
            &source.text,
            &of_file(smarketing::fix::allow_all(&run.diagnostics, &sources)),
        );
        for diagnostic in &run.diagnostics {
            let _ = smarketing::fix::fix_edits(diagnostic, &sources);
            let _ = smarketing::fix::allow_edit(diagnostic, &sources);
        }
    }
    run.diagnostics
}

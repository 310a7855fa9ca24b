//! `smarketing export`: the playbook's data model as CRM configuration.
//!
//! Each target turns the compiled playbook into files (request bodies, metadata, CSV) or refuses
//! it with diagnostics that point at the playbook entries that cannot be exported faithfully: a
//! name too long for the CRM, too many options, a value out of range. Nothing is truncated in
//! silence, and a refused export writes nothing. The files are written, and compared by
//! `--check`, exactly like rendered documents.

pub mod csv;
pub mod hubspot;
pub mod names;
pub mod salesforce;

use crate::base::span::Span;
use crate::diagnostic::{Diagnostic, Rule, Severity};
use crate::graph::Graph;
use crate::render::Document;

/// The CRM or format to export to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    /// HubSpot CRM v3 API request bodies
    Hubspot,
    /// Salesforce metadata in SFDX source format
    Salesforce,
    /// Plain CSV files, for any other CRM
    Csv,
}

/// The files of an export, or why the playbook cannot be exported.
pub type Export = Result<Vec<Document>, Vec<Diagnostic>>;

/// Choices that change what a target writes.
#[derive(Clone, Copy, Debug, Default)]
pub struct Options {
    /// Salesforce: the standard value sets hold only the playbook's values.
    pub prune: bool,
}

pub fn export(target: Target, graph: &Graph<'_>) -> Export {
    export_with(target, graph, Options::default())
}

pub fn export_with(target: Target, graph: &Graph<'_>, options: Options) -> Export {
    match target {
        Target::Hubspot => hubspot::export(graph),
        Target::Salesforce => salesforce::export(graph, options.prune),
        Target::Csv => csv::export(graph),
    }
}

/// What a refused export reports. It is not a rule of `check`: a playbook can be sound and still
/// hold what one CRM cannot store, so only `export` reports it.
pub static REFUSAL: Rule = Rule {
    name: "export",
    default: Severity::Error,
    structural: false,
    summary: "an entry of the playbook cannot be exported to the CRM as it is",
    docs: "## What it checks\nAn entry that the target CRM cannot store as written: a name or label over its length limit, too many options, a value out of range. The export writes nothing and names the entry.\n\n## Why it matters\nA CRM that cuts a label short or drops an option does so in silence, and the teams find out when a lead cannot be filed. Refusing the whole export, at the entry, keeps the CRM and the playbook saying the same thing.\n",
};

/// A refusal: the entry at `span` cannot be exported to `target` as it is.
pub fn refusal(target: &str, span: Span, message: String, help: String) -> Diagnostic {
    Diagnostic::new(&REFUSAL, format!("{target}: {message}"), span).with_help(help)
}

/// A text document.
pub fn text(path: impl Into<String>, content: String) -> Document {
    Document {
        path: path.into(),
        content: content.into_bytes(),
    }
}

//! Playbooks to export in unit tests, and ways to look into what the export made of them.

use super::export;
use crate::base::source::Sources;
use crate::diagnostic::Diagnostic;
use crate::export::Export;
use crate::graph::Graph;
use crate::load::{LoadOptions, load_playbook};
use crate::render::Document;

const HEADER: &str = "version: 1\nplaybook: test-playbook\nteams:\n  marketing: { name: Marketing }\n  sales: { name: Sales }\n";

fn export_yaml(body: &str) -> Export {
    export_yaml_with(body, true)
}

fn export_yaml_with(body: &str, prune: bool) -> Export {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("playbook.yaml");
    std::fs::write(&path, format!("{HEADER}{body}")).expect("write playbook");
    let mut sources = Sources::default();
    let loaded = load_playbook(&path, &mut sources, LoadOptions::default()).expect("load");
    let graph = Graph::build(&loaded.playbook);
    export(&graph, prune)
}

pub(super) fn documents(body: &str) -> Vec<Document> {
    match export_yaml(body) {
        Ok(documents) => documents,
        Err(problems) => panic!("refused: {problems:#?}"),
    }
}

/// The export without `--prune`: Salesforce's own values stay in the value sets.
pub(super) fn documents_keeping_standard(body: &str) -> Vec<Document> {
    match export_yaml_with(body, false) {
        Ok(documents) => documents,
        Err(problems) => panic!("refused: {problems:#?}"),
    }
}

pub(super) fn refusals(body: &str) -> Vec<Diagnostic> {
    match export_yaml(body) {
        Ok(documents) => panic!("exported {} files", documents.len()),
        Err(problems) => problems,
    }
}

pub(super) fn file(documents: &[Document], path: &str) -> String {
    let document = documents
        .iter()
        .find(|document| document.path == path)
        .unwrap_or_else(|| panic!("no {path} among {:?}", paths(documents)));
    String::from_utf8(document.content.clone()).expect("utf-8")
}

pub(super) fn paths(documents: &[Document]) -> Vec<&str> {
    documents
        .iter()
        .map(|document| document.path.as_str())
        .collect()
}

pub(super) const LIFECYCLE: &str = "lifecycle:
  stages:
    - { id: new, title: New inquiry, owner: marketing }
    - { id: mql, owner: marketing }
    - { id: sql, owner: sales, next: [won, lost] }
    - { id: won, title: Customer, owner: sales, outcome: won }
    - { id: lost, owner: sales, outcome: lost }
";

pub(super) const PIPELINES: &str = "pipelines:
  main:
    title: Main
    stages:
      - { id: talk, title: First talk, probability: 0.1 }
      - { id: offer, title: Offer sent, probability: 0.45 }
      - { id: contract, title: Contract, probability: 0.7 }
      - { id: signed, title: Signed, outcome: won }
      - { id: lost, title: Lost, outcome: lost }
  renewals:
    title: Renewals
    stages:
      - { id: renewal-offer, title: Offer sent, probability: 0.45 }
      - { id: renewal-lost, title: Lost, probability: 0.0, outcome: lost }
";

/// Fields on both sides of lead conversion and on deals, in words that XML must escape.
pub(super) const CONTACT_AND_DEAL_FIELDS: &str = "fields:
  first_name: { label: First name, type: string }
  budget: { label: Budget, type: number, object: deal }
  region: { label: Region & area, type: string, object: contact, description: \"Where <they> live\" }
";

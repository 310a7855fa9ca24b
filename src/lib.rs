//! smarketing: a compiler and linter for sales-and-marketing playbooks.
//!
//! The crate is a pipeline, one folder per stage, each importing only the stages before it
//! (`ARCHITECTURE.md` is the map):
//!
//! [`base`] and [`diagnostic`] are the vocabulary every stage shares; [`yaml`] parses files into
//! spanned nodes; [`model`] is the typed playbook; [`load`] reads files and includes into it;
//! [`resolve`] checks every reference; [`graph`] compiles the dependency graph; [`lint`] runs the
//! rules; [`check`] does all of that for many playbooks at once; [`fix`] turns findings into
//! byte-range edits (`check --fix`, quick fixes); [`compile`] derives what
//! documents show; [`render`] and [`export`] write documents and CRM configuration; [`sync`] keeps a live CRM in
//! step with the playbook; [`report`] prints findings; [`diff`] compares two versions;
//! [`lsp`] answers editors from the same checks; [`cli`] is the command line on top.

pub mod base;
pub mod check;
pub mod cli;
pub mod compile;
pub mod diagnostic;
pub mod diff;
pub mod export;
pub mod fix;
pub mod graph;
pub mod lint;
pub mod load;
pub mod lsp;
pub mod model;
pub mod render;
pub mod report;
pub mod resolve;
pub mod sync;
pub mod yaml;

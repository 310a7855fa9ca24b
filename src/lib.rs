//! smarketing: a compiler and linter for sales-and-marketing playbooks.
//!
//! The pipeline, one module per stage: [`load`] reads YAML files (with [`yaml`]) into the typed
//! [`model`]; [`resolve`] checks every reference; [`graph`] compiles the dependency graph;
//! [`lint`] runs the rules; [`report`] prints the findings. [`check`] strings them together for
//! many files at once, and [`cli`] is the command line on top.

pub mod check;
pub mod cli;
pub mod compile;
pub mod diagnostic;
pub mod diff;
pub mod export;
pub mod graph;
pub mod graph_output;
pub mod lint;
pub mod load;
pub mod model;
pub mod model_docs;
pub mod refs;
pub mod render;
pub mod report;
pub mod resolve;
pub mod schema;
pub mod source;
pub mod span;
pub mod suggest;
pub mod validate;
pub mod views;
pub mod yaml;

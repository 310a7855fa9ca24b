//! Integration tests, compiled into one binary: the rule fixtures, the command line on the real
//! binary (with its standard streams), hostile input, the bundled examples and the JSON Schema.

mod architecture;
mod ci_formats;
mod cli;
mod examples;
mod export;
mod hostile;
mod mutation;
mod render;
mod rules;
mod schema;
mod streams;
mod support;

/// The whole pipeline in process, shared with the fuzz target.
#[path = "../../fuzz/pipeline.rs"]
mod pipeline;

//! Integration tests, compiled into one binary: the rule fixtures, the command line on the real
//! binary (with its standard streams), hostile input, the bundled examples, the examples in the
//! rules' docs, the pipeline's shape and the JSON Schema.

mod architecture;
mod ci_formats;
mod cli;
mod docs_examples;
mod examples;
mod export;
mod hostile;
mod mutation;
mod precision;
mod render;
mod rules;
mod schema;
mod shell;
mod streams;
mod support;
mod workspace;

/// The whole pipeline in process, shared with the fuzz target.
#[path = "../../fuzz/pipeline.rs"]
mod pipeline;

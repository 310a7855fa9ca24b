//! Integration tests, compiled into one binary: the rule fixtures, the command line on the real
//! binary (with its standard streams), hostile input, the bundled examples, the examples in the
//! rules' docs, the language server driven by real editors' clients, the pipeline's shape and the
//! JSON Schema.

mod architecture;
mod baseline;
mod ci_formats;
mod cli;
mod crm;
mod docs_examples;
mod editors;
mod examples;
mod export;
mod fake_hubspot;
mod fix;
mod hostile;
mod ics;
mod lsp_process;
mod mutation;
mod openapi;
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

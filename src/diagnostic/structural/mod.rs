//! The structural rules: problems that stop a playbook from compiling (it is not YAML, does not
//! match the language, defines an id twice, names what does not exist, includes what cannot be
//! included). The stages that find them report them, so they live below every stage; one file
//! each, with the messages the rule reports and its documentation, like the lint rules.

pub mod duplicate_id;
pub mod duplicate_key;
pub mod include_error;
pub mod schema;
pub mod unresolved_reference;
pub mod unsupported_version;
pub mod yaml_syntax;

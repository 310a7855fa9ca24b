//! `smarketing schema`: the JSON Schema of the playbook format.

use super::Outcome;

#[derive(clap::Args, Debug)]
pub struct Args {}

pub fn run(_args: Args) -> Outcome {
    print!("{}", crate::lint::schema::playbook_schema_json());
    Outcome::Success
}

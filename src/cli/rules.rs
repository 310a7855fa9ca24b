//! `smarketing rules`: the rule list.

use super::Outcome;
use crate::lint::registry::RULES;

#[derive(clap::Args, Debug)]
pub struct Args {}

pub fn run(_args: Args) -> Outcome {
    print!("{}", table());
    Outcome::Success
}

/// One line per rule: name, default level (structural rules say so), summary.
pub fn table() -> String {
    let width = RULES.iter().map(|rule| rule.name.len()).max().unwrap_or(0);
    let mut out = String::new();
    for rule in RULES {
        let level = rule.level_label();
        out.push_str(&format!(
            "{:width$}  {:18}  {}\n",
            rule.name, level, rule.summary
        ));
    }
    out
}

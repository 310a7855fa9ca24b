//! `smarketing explain RULE`: one rule's documentation.

use super::{Outcome, fail};
use crate::lint::registry::{RULES, find};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The rule's name, like `handoff-without-sla`
    pub rule: String,
}

pub fn run(args: Args) -> Outcome {
    // `export` is not a rule of `check`, but its findings name it, so it is explained as well.
    let rule = find(&args.rule)
        .or_else(|| (args.rule == crate::export::REFUSAL.name).then_some(&crate::export::REFUSAL));
    match rule {
        Some(rule) => {
            print!("{}", document(rule));
            Outcome::Success
        }
        None => {
            let hint = crate::base::suggest::did_you_mean(&args.rule, RULES.iter().map(|r| r.name))
                .map_or_else(
                    || "; `smarketing rules` lists them".to_owned(),
                    |near| format!("; did you mean `{near}`?"),
                );
            fail(&format!("unknown rule `{}`{hint}", args.rule))
        }
    }
}

/// Every rule's page in one Markdown document: `docs/rules.md`, kept current by a test.
pub fn reference() -> String {
    let mut out = String::from(
        "# Rules\n\nGenerated from the rule sources by `smarketing explain`; do not edit by hand.\n\n| rule | default | reports |\n| --- | --- | --- |\n",
    );
    for rule in RULES {
        let level = rule.level_label();
        out.push_str(&format!(
            "| [`{0}`](#{0}) | {level} | {1} |\n",
            rule.name, rule.summary
        ));
    }
    for rule in RULES {
        out.push('\n');
        out.push_str(
            &document(rule)
                .replace("\n## ", "\n### ")
                .replacen("# ", "## ", 1),
        );
    }
    out
}

/// The rule's page: title, level, then its documentation.
pub fn document(rule: &crate::diagnostic::Rule) -> String {
    let level = if rule.structural {
        "error, structural (cannot be re-levelled or suppressed)".to_owned()
    } else {
        format!(
            "{} (change it with `lint: {{ {}: <level> }}` or --warn/--deny/--allow)",
            rule.default, rule.name
        )
    };
    format!(
        "# {}\n\n{}.\n\nDefault level: {level}\n\n{}",
        rule.name,
        capitalised(rule.summary),
        rule.docs
    )
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

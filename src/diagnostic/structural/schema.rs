//! `schema`: a key, type or value does not match the playbook language.
//!
//! The documentation at the bottom is what `smarketing explain schema` prints.

use crate::base::span::Span;
use crate::base::suggest::did_you_mean;
use crate::base::text::quoted_list;
use crate::diagnostic::{Diagnostic, Rule, Severity};

pub static RULE: Rule = Rule {
    name: "schema",
    default: Severity::Error,
    structural: true,
    summary: "a key, type or value does not match the playbook language",
    docs: DOCS,
};

/// A value that does not read as what its key expects; `message` already names the key.
pub fn invalid_value(message: String, span: Span, help: Option<String>) -> Diagnostic {
    Diagnostic::new(&RULE, message, span).with_optional_help(help)
}

/// A key that `owner` (like "task `kickoff`") does not have; `known` are the keys it has, and
/// `near` the one most like it.
pub fn unknown_key(
    name: &str,
    owner: &str,
    near: Option<&str>,
    known: &[&str],
    span: Span,
) -> Diagnostic {
    let help = match near {
        Some(near) => format!("did you mean `{near}`?"),
        None => format!("known keys here: {}", quoted_list(known)),
    };
    Diagnostic::new(&RULE, format!("unknown key `{name}` in {owner}"), span)
        .with_help(help)
        .with_replacement(near)
}

/// A comma inside `{ }` that cut the text of `key` short, so that the rest of the text became
/// `keys` of `owner`; `text` is the whole text as written, for the fix.
pub fn comma_in_flow_text(
    key: &str,
    owner: &str,
    keys: &[&str],
    text: &str,
    span: Span,
) -> Diagnostic {
    let read_as = if keys.len() == 1 {
        format!("{} is read as a key", quoted_list(keys))
    } else {
        format!("{} are read as keys", quoted_list(keys))
    };
    Diagnostic::new(
        &RULE,
        format!("a comma ends `{key}` of {owner} early: {read_as}"),
        span,
    )
    .with_help(format!(
        "inside `{{ }}` a comma separates keys; quote the text: `{key}: \"{}\"`",
        text.replace('"', "\\\"")
    ))
}

/// A file with nothing in it.
pub fn empty_file(is_root: bool, span: Span) -> Diagnostic {
    let message = if is_root {
        "the playbook is empty"
    } else {
        "the included file is empty"
    };
    Diagnostic::new(&RULE, message, span)
        .with_help("a playbook starts with `version: 1` and `playbook: <id>`")
}

/// A file whose top level is not a map; `found` describes what it is.
pub fn file_not_a_map(found: &str, span: Span) -> Diagnostic {
    Diagnostic::new(
        &RULE,
        format!("a playbook file is a map of sections, but this one is {found}"),
        span,
    )
    .with_help("start with `version: 1` and `playbook: <id>`, then the sections")
}

/// A top-level key that is a list or a map.
pub fn top_level_key_not_text(span: Span) -> Diagnostic {
    Diagnostic::new(&RULE, "top-level keys must be text", span)
}

/// A key only the root file may hold (`version`, `lint`, ...) in an included file.
pub fn root_only_key(name: &str, span: Span) -> Diagnostic {
    Diagnostic::new(
        &RULE,
        format!("`{name}` belongs in the root playbook, not in an included file"),
        span,
    )
    .with_help("move it to the file that includes this one")
}

/// A top-level key that is neither a section nor a known key.
pub fn unknown_top_level_key(name: &str, known: &[&str], span: Span) -> Diagnostic {
    let near = did_you_mean(name, known.iter().copied());
    let help = match near {
        Some(near) => format!("did you mean `{near}`?"),
        None => format!("the sections are {}", quoted_list(known)),
    };
    Diagnostic::new(&RULE, format!("unknown top-level key `{name}`"), span)
        .with_help(help)
        .with_replacement(near)
}

/// A file checked as a playbook that has neither `version` nor `playbook`.
pub fn not_a_root_playbook(span: Span) -> Diagnostic {
    Diagnostic::new(
        &RULE,
        "missing required keys `version` and `playbook`: this is not a root playbook",
        span,
    )
    .with_help(
        "if another playbook includes this file, check that playbook instead; otherwise start the file with `version: 1` and `playbook: <id>`",
    )
}

/// A root playbook without `version` or without `playbook`.
pub fn missing_root_key(key: &str, span: Span) -> Diagnostic {
    let help = if key == "version" {
        "add `version: 1` at the top"
    } else {
        "add `playbook: <id>` at the top, like `playbook: hotel-seeblick`"
    };
    Diagnostic::new(&RULE, format!("missing required key `{key}`"), span).with_help(help)
}

/// A playbook id that is not kebab-case; `suggestion` is the id rewritten.
pub fn invalid_playbook_id(id: &str, suggestion: &str, span: Span) -> Diagnostic {
    Diagnostic::new(&RULE, format!("`{id}` is not a valid playbook id"), span).with_help(format!(
        "ids are lower-case kebab-case, like `{suggestion}`"
    ))
}

/// A section (`key`, whose entities are `noun`s) that is not a map from id to entity.
pub fn section_not_a_map(key: &str, noun: &str, found: &str, span: Span) -> Diagnostic {
    Diagnostic::new(
        &RULE,
        format!("`{key}` must be a map from id to {noun}, but it is {found}"),
        span,
    )
    .with_help(format!("write one `<id>:` key per {noun} under `{key}:`"))
}

/// An entity id that is a list or a map.
pub fn id_not_text(noun: &str, span: Span) -> Diagnostic {
    Diagnostic::new(&RULE, format!("{noun} ids must be text"), span)
}

/// An entity's id written as a plain `true`, `2027` or `null`, which YAML reads as `read_as`.
pub fn id_not_text_key(written: &str, read_as: &str, span: Span) -> Diagnostic {
    Diagnostic::new(
        &RULE,
        format!("`{written}` is read as {read_as}, but an id must be text"),
        span,
    )
    .with_help(format!("quote it: `\"{written}\":`"))
}

/// An id that breaks its section's style (`style` in words); `suggestion` is the id rewritten.
pub fn invalid_id(noun: &str, id: &str, style: &str, suggestion: &str, span: Span) -> Diagnostic {
    Diagnostic::new(&RULE, format!("`{id}` is not a valid {noun} id"), span)
        .with_help(format!("{noun} ids are {style}, like `{suggestion}`"))
}

/// A `lifecycle:` that is not a map with `stages`.
pub fn lifecycle_not_a_map(found: &str, span: Span) -> Diagnostic {
    Diagnostic::new(
        &RULE,
        format!("`lifecycle` must be a map with `stages`, but it is {found}"),
        span,
    )
    .with_help("write `lifecycle:` then `stages:` with a list of stages")
}

/// A key under `lifecycle:` other than `stages`.
pub fn unknown_lifecycle_key(name: &str, span: Span) -> Diagnostic {
    let near = did_you_mean(name, ["stages"]);
    let help = match near {
        Some(near) => format!("did you mean `{near}`?"),
        None => "the lifecycle holds only `stages`".to_owned(),
    };
    Diagnostic::new(
        &RULE,
        format!("unknown key `{name}` in the lifecycle"),
        span,
    )
    .with_help(help)
    .with_replacement(near)
}

/// `stages:` that is not a list.
pub fn stages_not_a_list(found: &str, span: Span) -> Diagnostic {
    Diagnostic::new(
        &RULE,
        format!("`stages` must be a list of stages, but it is {found}"),
        span,
    )
    .with_help("write each stage as a list item: `- id: inquiry`")
}

/// A `lint:` that is not a map of rule levels.
pub fn lint_not_a_map(found: &str, span: Span) -> Diagnostic {
    Diagnostic::new(
        &RULE,
        format!("`lint` must be a map of rule levels, but it is {found}"),
        span,
    )
    .with_help("write `rule-name: off` (or error, warning, info) under `lint:`")
}

/// A structural rule given a level under `lint:`.
pub fn structural_rule_configured(name: &str, span: Span) -> Diagnostic {
    Diagnostic::new(
        &RULE,
        format!("rule `{name}` is structural and cannot be configured"),
        span,
    )
    .with_help("structural problems always stop the playbook from compiling; fix them instead")
}

/// A name under `lint:` that is no rule; `known` are the rule names.
pub fn unknown_rule(name: &str, known: &[&str], span: Span) -> Diagnostic {
    let near = did_you_mean(name, known.iter().copied());
    let help = match near {
        Some(near) => format!("did you mean `{near}`?"),
        None => "`smarketing rules` lists every rule".to_owned(),
    };
    Diagnostic::new(&RULE, format!("unknown rule `{name}` in `lint`"), span)
        .with_help(help)
        .with_replacement(near)
}

/// A meeting's `when.day` that its cadence cannot have: a day on a daily meeting, a day of the
/// month on a weekly one, a bare weekday on a monthly one.
pub fn day_does_not_fit_cadence(
    meeting: &str,
    day: &str,
    cadence: &str,
    in_month: bool,
    span: Span,
) -> Diagnostic {
    let (message, help) = if cadence == "daily" {
        (
            format!("meeting `{meeting}` meets daily, so `day: {day}` has no day to name"),
            "leave out `day`, or choose a weekly or longer `cadence`".to_owned(),
        )
    } else if in_month {
        (
            format!("meeting `{meeting}` meets {cadence}, but `{day}` is a day of the month"),
            "write a weekday, like `day: monday`, or choose a monthly or longer `cadence`"
                .to_owned(),
        )
    } else {
        (
            format!(
                "meeting `{meeting}` meets {cadence}, but `{day}` does not say which {day} of the month"
            ),
            format!("write `first {day}`, `last {day}` or a day of the month, like `day: 15`"),
        )
    };
    Diagnostic::new(&RULE, message, span).with_help(help)
}

/// `currency` on a field whose type is not `currency`.
pub fn currency_without_currency_type(field: &str, span: Span) -> Diagnostic {
    Diagnostic::new(
        &RULE,
        format!("field `{field}` has a `currency`, but only `currency` fields take one"),
        span,
    )
    .with_help("set `type: currency`, or remove `currency`")
}

/// An `enum` field without options.
pub fn enum_without_options(field: &str, span: Span) -> Diagnostic {
    Diagnostic::new(
        &RULE,
        format!("enum field `{field}` lists no options"),
        span,
    )
    .with_help("add `options: [a, b, c]`, or choose another `type`")
}

/// `options` on a field that is neither an `enum` nor a `multi_enum`.
pub fn options_without_enum(field: &str, span: Span) -> Diagnostic {
    Diagnostic::new(
        &RULE,
        format!("field `{field}` has `options`, but only `enum` and `multi_enum` fields take them"),
        span,
    )
    .with_help("set `type: enum` (one option) or `type: multi_enum` (several), or remove `options`")
}

const DOCS: &str = r##"## What it checks
Every key and value is checked against the playbook language (`docs/language.md`, `schemas/playbook.schema.json`): an unknown key (with a did-you-mean when a known key is close, such as `acountable` for `accountable`, which `smarketing check --fix` writes in its place), a value of the wrong type (`due: next-week` where a date `YYYY-MM-DD` is expected), a value out of range or not among the allowed choices (`probability: 1.5`, `cadence: fortnightly`), a missing required key (a task without `title`), and an id that is not a kebab-case slug (`Weekly_Sync`; field ids follow `^[a-z][a-z0-9_]*$` instead). The diagnostic points at the offending key or value; for a missing key, at the id of the entity that lacks it.

## Why it matters
A misspelt key is silently meaningless: a task with `acountable: anna` has no accountable party at all, and nobody notices until the task is late. Ids become file names, CRM property names and rows in the RACI table, so they have to be stable slugs both teams can refer to. Strict checking keeps sales and marketing arguing about the content of their agreement, not about what the YAML was meant to say.

## Example
```yaml
tasks:
  Weekly_Sync:
    acountable: anna
    due: next-week
```

## Fixed
```yaml
tasks:
  weekly-sync:
    title: Set up the weekly smarketing sync
    accountable: anna
    due: 2027-01-31
```
"##;

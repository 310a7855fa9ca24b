//! `invalid-criterion`: a structured criterion does not fit the field it names.
//!
//! The documentation at the bottom is what `smarketing explain invalid-criterion` prints.

use crate::lint::prelude::*;
use crate::model::criterion::{Criterion, CriterionValue, FieldTest, Op, Scalar};
use crate::model::values::{Date, FieldType};
use crate::model::Field;
use crate::base::span::Spanned;
use crate::base::suggest::Nearest;
use std::collections::{HashMap, HashSet};

pub static RULE: LintRule = LintRule {
    rule: Rule {
        name: "invalid-criterion",
        default: Severity::Error,
        structural: false,
        summary: "a structured criterion does not fit the field it names",
        docs: DOCS,
    },
    reads: Reads {
        own: &[(Section::Lifecycle, &["criteria"])],
        whole: &[(Section::Fields, &["type", "options"])],
        ..Reads::NOTHING
    },
    check: Some(check),
};

/// What criteria are checked against, indexed on first need and then shared by every criterion:
/// a lifecycle may hold thousands of criteria over fields with thousands of options.
#[derive(Default)]
struct Known<'p> {
    fields: Option<Nearest<'p>>,
    /// For each field tested, by id, its options (none but for an `enum` or `multi_enum` field).
    options: HashMap<&'p str, Options<'p>>,
}

/// A field's options in their order, as a set, and indexed for suggestions.
struct Options<'p> {
    listed: Vec<&'p str>,
    set: HashSet<&'p str>,
    nearest: Nearest<'p>,
}

impl<'p> Options<'p> {
    fn of(field: &'p Field) -> Self {
        let listed: Vec<&str> = field.options.iter().map(|o| o.value.as_str()).collect();
        Options {
            set: listed.iter().copied().collect(),
            nearest: Nearest::new(listed.iter().copied()),
            listed,
        }
    }
}

fn check(cx: &Context<'_>, out: &mut Findings) {
    let mut known = Known::default();
    for stage in &cx.playbook.stages {
        for criterion in &stage.value.criteria {
            let Criterion::Test(test) = &criterion.value else { continue };
            let entity = Section::Lifecycle.entity(&stage.id.value);
            let Some(field) = cx.playbook.fields.get(&test.field.value) else {
                if cx.playbook.defines(Section::Fields, &test.field.value) {
                    continue;
                }
                let fields = known.fields.get_or_insert_with(|| Nearest::new(cx.playbook.fields.ids()));
                let near = fields.nearest(&test.field.value);
                let help = match near {
                    Some(near) => format!("did you mean `{near}`?"),
                    None => "criteria test shared fields: define it under `fields:`".to_owned(),
                };
                out.push(
                    out.at(test.field.span, format!("criterion of stage `{}` names unknown field `{}`", stage.id.value, test.field.value))
                        .with_help(help)
                        .with_replacement(near)
                        .with_entity(entity),
                );
                continue;
            };
            let options = known
                .options
                .entry(field.id.value.as_str())
                .or_insert_with(|| Options::of(&field.value));
            if let Some(Problem { span, message, help, with }) = problem(test, &field.value, options) {
                out.push(
                    out.at(span, format!("criterion of stage `{}` on field `{}`: {message}", stage.id.value, test.field.value))
                        .with_help(help)
                        .with_replacement(with)
                        .with_entity(entity),
                );
            }
        }
    }
}

/// What is wrong with a criterion: where, what, how to fix it, and the option it surely means.
struct Problem<'o> {
    span: Span,
    message: String,
    help: String,
    with: Option<&'o str>,
}

impl Problem<'_> {
    fn new(span: Span, message: String, help: String) -> Self {
        Problem { span, message, help, with: None }
    }
}

/// What is wrong with a test of `field`, if anything: where, what, and how to fix it.
fn problem<'o>(test: &FieldTest, field: &Field, options: &mut Options<'o>) -> Option<Problem<'o>> {
    let op = test.op.value;
    let field_type = field.field_type.value;
    if op == Op::Present {
        return match &test.value.value {
            CriterionValue::One(Scalar::Bool(_)) => None,
            _ => Some(Problem::new(test.value.span, "`present` takes `true` or `false`".into(), "write `present: true`".into())),
        };
    }
    let ordered = matches!(field_type, FieldType::Number | FieldType::Currency | FieldType::Date | FieldType::Datetime);
    if op.is_ordering() && !ordered {
        return Some(Problem::new(
            test.op.span,
            format!("`{}` compares order, but {} field has none", op.as_str(), with_article(field_type.as_str())),
            "use `eq`, `ne` or `in`".into(),
        ));
    }
    let values: Vec<Spanned<&Scalar>> = match (&test.value.value, op) {
        (CriterionValue::List(items), Op::In) => items.iter().map(Spanned::as_ref).collect(),
        (CriterionValue::One(_), Op::In) => {
            return Some(Problem::new(test.value.span, "`in` takes a list of values".into(), "write `in: [a, b]`".into()));
        }
        (CriterionValue::List(_), _) => {
            return Some(Problem::new(test.value.span, format!("`{}` takes one value, not a list", op.as_str()), "use `in` to test against several values".into()));
        }
        (CriterionValue::One(value), _) => vec![Spanned::new(value, test.value.span)],
    };
    values.into_iter().find_map(|value| misfit(value, field, options))
}

/// Why one value does not fit the field (whose `options` are given indexed), if it does not.
fn misfit<'o>(value: Spanned<&Scalar>, field: &Field, options: &mut Options<'o>) -> Option<Problem<'o>> {
    let field_type = field.field_type.value;
    let found = match value.value {
        Scalar::Text(text) => format!("`{text}`"),
        Scalar::Number(number) => format!("`{number}`"),
        Scalar::Bool(flag) => format!("`{flag}`"),
    };
    let fits = match (field_type, value.value) {
        (FieldType::Number | FieldType::Currency, Scalar::Number(_)) => true,
        (FieldType::Bool, Scalar::Bool(_)) => true,
        (FieldType::Date | FieldType::Datetime, Scalar::Text(text)) => {
            text.get(..10).is_some_and(|day| day.parse::<Date>().is_ok())
        }
        // A multi_enum field's test is about one of the options it holds.
        (FieldType::Enum | FieldType::MultiEnum, Scalar::Text(text)) => {
            if options.set.contains(text.as_str()) {
                true
            } else {
                let near = options.nearest.nearest(text);
                let help = match near {
                    Some(near) => format!("did you mean `{near}`?"),
                    None => format!("the options are {}", crate::base::text::quoted_list(&options.listed)),
                };
                let problem = Problem::new(value.span, format!("{found} is not one of the field's options"), help);
                return Some(Problem { with: near, ..problem });
            }
        }
        (FieldType::String | FieldType::Text | FieldType::Email | FieldType::Phone | FieldType::Url, Scalar::Text(_)) => true,
        _ => false,
    };
    if fits {
        return None;
    }
    let expected = match field_type {
        FieldType::Number | FieldType::Currency => "a number",
        FieldType::Bool => "`true` or `false`",
        FieldType::Date | FieldType::Datetime => "a date like `2027-06-30`",
        FieldType::Enum | FieldType::MultiEnum => "one of the field's options",
        _ => "text",
    };
    Some(Problem::new(value.span, format!("{found} does not fit {} field", with_article(field_type.as_str())), format!("use {expected}")))
}

const DOCS: &str = r##"## What it checks
A structured criterion `{ field: F, OP: VALUE }` in a lifecycle stage's `criteria` names a field that is not defined under `fields`, or a value that does not fit that field: a number for a `number` field, a date `YYYY-MM-DD` for a `date` field, one of the field's `options` for an `enum` field (every item of the list, for `in`). The diagnostic points at the unknown field name or at the value that does not fit. Free-text criteria are not checked.

## Why it matters
Criteria are the written definition of a qualified lead that both teams signed up to, and they only mean something if they can be checked against the data the teams actually capture. A criterion on a field that does not exist (`group_sise`), or on an option the inquiry form never offers (`birthday` when the event types are wedding and conference), can never be met: no lead qualifies, and marketing and sales each think the other is sitting on the leads.

## Example
```yaml
fields:
  group_size: { label: Group size, type: number, captured_by: sales }
  event_type: { label: Event type, type: enum, options: [wedding, conference], captured_by: marketing }
lifecycle:
  stages:
    - id: mql
      owner: marketing
      criteria:
        - { field: group_sise, gte: 20 }
        - { field: event_type, in: [wedding, birthday] }
```

## Fixed
```yaml
fields:
  group_size: { label: Group size, type: number, captured_by: sales }
  event_type: { label: Event type, type: enum, options: [wedding, conference, birthday], captured_by: marketing }
lifecycle:
  stages:
    - id: mql
      owner: marketing
      criteria:
        - { field: group_size, gte: 20 }
        - { field: event_type, in: [wedding, birthday] }
```
"##;

/// "a number", "an enum".
fn with_article(word: &str) -> String {
    // `url` is said "you-are-ell".
    let article = if word.starts_with(['a', 'e', 'i', 'o', 'u']) && word != "url" { "an" } else { "a" };
    format!("{article} {word}")
}

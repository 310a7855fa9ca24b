//! The template environment: built-in templates embedded in the binary, overrides from a folder,
//! strict undefined values, escaping by output type (HTML escaped, CSV cells neutralised), and
//! the documents' language: `t()` for the catalogue's texts, `number` and `date` filters.

use crate::base::text::csv_cell;
use crate::compile::{format, texts};
use crate::model::values::{Date, Language};
use minijinja::value::Kwargs;
use minijinja::{AutoEscape, Environment, Error, ErrorKind, State, UndefinedBehavior, Value};
use std::path::{Component, Path, PathBuf};

/// The built-in templates, by file name.
pub const BUILT_IN: [(&str, &str); 7] = [
    (
        "raci.md.jinja",
        include_str!("../../templates/raci.md.jinja"),
    ),
    (
        "raci.csv.jinja",
        include_str!("../../templates/raci.csv.jinja"),
    ),
    (
        "raci.html.jinja",
        include_str!("../../templates/raci.html.jinja"),
    ),
    (
        "checklist.md.jinja",
        include_str!("../../templates/checklist.md.jinja"),
    ),
    (
        "onboarding.md.jinja",
        include_str!("../../templates/onboarding.md.jinja"),
    ),
    (
        "index.html.jinja",
        include_str!("../../templates/index.html.jinja"),
    ),
    (
        "style.css.jinja",
        include_str!("../../templates/style.css.jinja"),
    ),
];

/// The escaping mode of CSV templates: every value becomes one safe CSV cell.
const CSV: AutoEscape = AutoEscape::Custom("csv");
/// The escaping mode of Markdown templates: no raw HTML tags from the playbook, one line per
/// value (a line break inside a title would end a list item or a table row).
const MARKDOWN: AutoEscape = AutoEscape::Custom("markdown");

/// An environment whose templates come from `folder` when it has a file of that name, else from
/// the built-in set. Names are plain relative paths: a template cannot reach outside its folder.
pub fn environment(folder: Option<PathBuf>) -> Environment<'static> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    env.set_keep_trailing_newline(true);
    env.set_auto_escape_callback(|name| {
        if name.contains(".html") || name.contains(".htm") || name.contains(".svg") {
            AutoEscape::Html
        } else if name.contains(".csv") {
            CSV
        } else if name.contains(".md") {
            MARKDOWN
        } else {
            AutoEscape::None
        }
    });
    env.set_formatter(|out, state, value| {
        // A missing optional value prints as nothing, not as `none`.
        if value.is_none() {
            return Ok(());
        }
        if state.auto_escape() == MARKDOWN {
            return out
                .write_str(&markdown_text(&value.to_string()))
                .map_err(Error::from);
        }
        if state.auto_escape() == CSV {
            // What the template marks `safe` (the separator) is written as it is.
            if value.is_safe() {
                return out.write_str(&value.to_string()).map_err(Error::from);
            }
            let text = if value.is_undefined() || value.is_none() {
                String::new()
            } else {
                value.to_string()
            };
            return out.write_str(&csv_cell(&text)).map_err(Error::from);
        }
        minijinja::escape_formatter(out, state, value)
    });
    env.add_filter("cell", markdown_cell);
    env.set_loader(move |name| load(folder.as_deref(), name));
    env
}

/// What templates need to write in `language`:
/// - `t("key", name=value, ...)`: the catalogue's text of `key` with its `{name}` placeholders
///   filled (numbers the language's way); an unknown key or a placeholder without a value is an
///   error, so a typo fails loudly;
/// - `{{ 1850000 | number }}`: `1,850,000` or `1.850.000`;
/// - `{{ "2027-01-08" | date }}`: `8 Jan 2027` or `08.01.2027`.
pub fn add_language(env: &mut Environment<'static>, language: Language) {
    env.add_function("t", move |key: &str, values: Kwargs| {
        translate(language, key, &values)
    });
    env.add_filter("number", move |value: f64| format::number(value, language));
    env.add_filter("date", move |value: &str| -> Result<String, Error> {
        value
            .parse::<Date>()
            .map(|date| format::date(date, language))
            .map_err(|_| {
                Error::new(
                    ErrorKind::InvalidOperation,
                    format!("`{value}` is not a date (YYYY-MM-DD)"),
                )
            })
    });
}

fn translate(language: Language, key: &str, values: &Kwargs) -> Result<String, Error> {
    let message = texts::message(key).ok_or_else(|| {
        Error::new(
            ErrorKind::InvalidOperation,
            format!("the catalogue has no text `{key}`"),
        )
    })?;
    let mut missing = Vec::new();
    let text = texts::substitute(message.text(language), |name| {
        match values.get::<Option<Value>>(name) {
            Ok(Some(value)) if !value.is_undefined() => Some(match f64::try_from(value.clone()) {
                Ok(number) if value.is_number() => format::number(number, language),
                _ if value.is_none() => String::new(),
                _ => value.to_string(),
            }),
            _ => {
                missing.push(name.to_owned());
                None
            }
        }
    });
    if let Some(name) = missing.first() {
        return Err(Error::new(
            ErrorKind::InvalidOperation,
            format!("t(\"{key}\") needs a value for `{name}`"),
        ));
    }
    values.assert_all_used()?;
    Ok(text)
}

fn load(folder: Option<&Path>, name: &str) -> Result<Option<String>, Error> {
    let path = Path::new(name);
    let plain = path.components().all(|c| matches!(c, Component::Normal(_)));
    if !plain || name.contains('\\') {
        return Err(Error::new(
            ErrorKind::TemplateNotFound,
            format!("template `{name}` is outside the templates folder"),
        ));
    }
    if let Some(folder) = folder {
        let candidate = folder.join(path);
        // A symbolic link may point anywhere; only what really lies in the folder is read.
        let contained = match (candidate.canonicalize(), folder.canonicalize()) {
            (Ok(real), Ok(root)) => real.starts_with(root),
            _ => false,
        };
        if candidate.is_file() && !contained {
            return Err(Error::new(
                ErrorKind::TemplateNotFound,
                format!("template `{name}` links outside the templates folder"),
            ));
        }
        if candidate.is_file() {
            return std::fs::read_to_string(&candidate)
                .map(Some)
                .map_err(|error| {
                    Error::new(
                        ErrorKind::InvalidOperation,
                        format!("cannot read template `{name}`: {error}"),
                    )
                });
        }
    }
    Ok(BUILT_IN
        .iter()
        .find(|(built_in, _)| *built_in == name)
        .map(|(_, source)| (*source).to_owned()))
}

/// A value in Markdown: `<` escaped where it could open a tag (`<script`, `</b`, `<!--`), so
/// `<= 5` stays readable; line breaks folded.
fn markdown_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '<' if chars.peek().is_some_and(|next| {
                next.is_ascii_alphabetic() || matches!(next, '/' | '!' | '?')
            }) =>
            {
                out.push_str("&lt;");
            }
            '\r' | '\n' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Text for a Markdown table cell: pipes escaped, line breaks folded.
fn markdown_cell(_state: &State, value: Value) -> String {
    value
        .to_string()
        .replace('|', "\\|")
        .replace(['\r', '\n'], " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_values_cannot_open_tags() {
        assert_eq!(
            markdown_text("<script>x</script>"),
            "&lt;script>x&lt;/script>"
        );
        assert_eq!(markdown_text("<= 5\nnext"), "<= 5 next");
    }

    #[test]
    fn templates_cannot_leave_their_folder() {
        assert!(load(None, "../secret").is_err());
        assert!(load(None, "/etc/passwd").is_err());
        assert_eq!(load(None, "missing.jinja").unwrap(), None);
        assert!(load(None, "raci.md.jinja").unwrap().is_some());
    }
}

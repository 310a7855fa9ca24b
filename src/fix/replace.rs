//! Writing a suggested name in place of a misspelled one, as YAML reads it the same way.
//!
//! A finding's span covers the scalar as written: a plain `tobia`, or `"tobia"` with its quotes.
//! The replacement keeps the quoting the author chose; a name that plain YAML would read as
//! something else (`true`, `2027`) is quoted. Anything less simple (escapes, a scalar over
//! several lines, an alias) is left to the author: a fix must never change what else the file
//! means.

use super::edit::Edit;
use crate::base::source::SourceFile;
use crate::base::span::Span;
use crate::yaml::scalar::{Scalar, resolve_plain};

/// The text the fix replaces (without quotes) and the edit that writes `with` instead, or `None`
/// when the span is not one simple scalar or already says `with`.
pub(super) fn replacement(source: &SourceFile, span: Span, with: &str) -> Option<(String, Edit)> {
    let written = source.text.get(span.start as usize..span.end as usize)?;
    let inner = |quote: char| {
        written
            .strip_prefix(quote)?
            .strip_suffix(quote)
            .filter(|inner| !inner.contains([quote, '\\', '\n', '\r']))
    };
    let inside = Span::new(span.file, span.start + 1, span.end.saturating_sub(1));
    let (old, edit) = if let Some(old) = inner('"') {
        if with.chars().any(char::is_control) {
            return None;
        }
        let escaped = with.replace('\\', "\\\\").replace('"', "\\\"");
        (old, Edit::new(inside, escaped))
    } else if let Some(old) = inner('\'') {
        if with.chars().any(char::is_control) {
            return None;
        }
        (old, Edit::new(inside, with.replace('\'', "''")))
    } else if is_plain_word(written) {
        let text = if is_plain_word(with) && resolve_plain(with) == Scalar::Text {
            with.to_owned()
        } else if with.chars().any(char::is_control) {
            return None;
        } else {
            format!("\"{}\"", with.replace('\\', "\\\\").replace('"', "\\\""))
        };
        (written, Edit::new(span, text))
    } else {
        return None;
    };
    (old != with).then(|| (old.to_owned(), edit))
}

/// Whether `text` is a word that reads as itself wherever a plain scalar may stand, in a block
/// or inside `[ ]` and `{ }`, and in a comment: letters, digits and `-`, `_`, `.`, `/`, not
/// starting with `-` or `.`.
fn is_plain_word(text: &str) -> bool {
    let mut chars = text.chars();
    chars
        .next()
        .is_some_and(|first| first.is_alphanumeric() || first == '_')
        && chars.all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | '/'))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The file after the fix of the scalar `written`, which stands after `key: `.
    fn fixed(written: &str, with: &str) -> Option<String> {
        let text = format!("key: {written}\n");
        let source = SourceFile::new("p.yaml".into(), text.clone());
        let span = Span::new(0, 5, 5 + written.len() as u32);
        replacement(&source, span, with).map(|(_, edit)| super::super::edit::apply(&text, &[edit]))
    }

    #[test]
    fn a_plain_name_is_replaced() {
        assert_eq!(fixed("tobia", "tobias").as_deref(), Some("key: tobias\n"));
    }

    #[test]
    fn quotes_are_kept() {
        assert_eq!(
            fixed("\"tobia\"", "tobias").as_deref(),
            Some("key: \"tobias\"\n")
        );
        assert_eq!(
            fixed("'tobia'", "tobias").as_deref(),
            Some("key: 'tobias'\n")
        );
        assert_eq!(
            fixed("'tobia'", "o'neil").as_deref(),
            Some("key: 'o''neil'\n")
        );
    }

    #[test]
    fn a_name_plain_yaml_reads_otherwise_is_quoted() {
        assert_eq!(fixed("tru", "true").as_deref(), Some("key: \"true\"\n"));
        assert_eq!(fixed("202", "2027").as_deref(), Some("key: \"2027\"\n"));
        assert_eq!(fixed("ana", "an a").as_deref(), Some("key: \"an a\"\n"));
    }

    #[test]
    fn scalars_that_are_not_simple_are_left_alone() {
        assert_eq!(fixed("\"to\\tbia\"", "tobias"), None);
        assert_eq!(fixed("*tobia", "tobias"), None);
        assert_eq!(fixed("{ a: b }", "tobias"), None);
        assert_eq!(fixed("tobias", "tobias"), None);
    }
}

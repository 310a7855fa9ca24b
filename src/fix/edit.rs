//! A byte-range edit of one file, and applying several to a text.
//!
//! Fixes are data, not rewrites: each one names the bytes it replaces, so that `check --fix`,
//! an editor's quick fix and a fix-all all change the same bytes and nothing else.

use crate::base::span::Span;

/// Replace the bytes of `span` (in its file) with `text`; an empty span inserts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edit {
    pub span: Span,
    pub text: String,
}

impl Edit {
    pub fn new(span: Span, text: impl Into<String>) -> Self {
        Edit {
            span,
            text: text.into(),
        }
    }

    /// Whether the two edits cannot both be applied: their ranges share a byte, or one inserts
    /// strictly inside the other's range. Two insertions at one place do not overlap; they are
    /// applied in order.
    pub fn overlaps(&self, other: &Edit) -> bool {
        let (a, b) = (self.span, other.span);
        a.file == b.file
            && if a.is_empty() || b.is_empty() {
                (a.start > b.start && a.start < b.end) || (b.start > a.start && b.start < a.end)
            } else {
                a.start < b.end && b.start < a.end
            }
    }
}

/// `text` with non-overlapping `edits` of one file applied (byte ranges of the original). An
/// edit that overlaps an earlier one, reaches past the end or cuts a character is left out, so
/// that no input makes this panic.
pub fn apply(text: &str, edits: &[Edit]) -> String {
    let mut sorted: Vec<&Edit> = edits.iter().collect();
    sorted.sort_by_key(|edit| (edit.span.start, edit.span.end));
    let mut out = String::with_capacity(text.len());
    let mut done = 0;
    for edit in sorted {
        let (start, end) = (edit.span.start as usize, edit.span.end as usize);
        if start < done || !text.is_char_boundary(start) || !text.is_char_boundary(end) {
            continue;
        }
        let (Some(before), Some(_)) = (text.get(done..start), text.get(start..end)) else {
            continue;
        };
        out.push_str(before);
        out.push_str(&edit.text);
        done = end;
    }
    out.push_str(text.get(done..).unwrap_or_default());
    out
}

/// Sorts edits by file and position, and leaves out each one that overlaps one kept before it.
pub fn without_overlaps(mut edits: Vec<Edit>) -> Vec<Edit> {
    edits.sort_by_key(|edit| (edit.span.file, edit.span.start, edit.span.end));
    let mut kept: Vec<Edit> = Vec::with_capacity(edits.len());
    for edit in edits {
        // Sorted by start, an edit can only overlap kept ones that end after it starts; the
        // last few kept are enough to look at, as kept edits do not overlap each other.
        let clash = kept
            .iter()
            .rev()
            .take_while(|other| other.span.file == edit.span.file)
            .any(|other| other.overlaps(&edit));
        if !clash {
            kept.push(edit);
        }
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edit(start: u32, end: u32, text: &str) -> Edit {
        Edit::new(Span::new(0, start, end), text)
    }

    #[test]
    fn edits_change_only_their_bytes() {
        let text = "accountable: tobia\nresponsible: [anna]\n";
        let edits = [edit(13, 18, "tobias"), edit(33, 37, "ben")];
        assert_eq!(
            apply(text, &edits),
            "accountable: tobias\nresponsible: [ben]\n"
        );
    }

    #[test]
    fn edits_apply_in_any_order_given() {
        let text = "abcdef";
        let edits = [edit(4, 5, "E"), edit(0, 1, "A"), edit(2, 2, "+")];
        assert_eq!(apply(text, &edits), "Ab+cdEf");
    }

    #[test]
    fn an_edit_after_non_ascii_text_keeps_the_text() {
        let text = "name: Jürgen Müller\nteam: salse\n";
        let start = text.find("salse").unwrap() as u32;
        assert_eq!(
            apply(text, &[edit(start, start + 5, "sales")]),
            "name: Jürgen Müller\nteam: sales\n"
        );
    }

    #[test]
    fn edits_that_cannot_apply_are_left_out() {
        let text = "Jürgen";
        // Inside `ü`, past the end, overlapping the first.
        let edits = [
            edit(0, 1, "j"),
            edit(2, 3, "u"),
            edit(4, 99, "x"),
            edit(0, 2, "y"),
        ];
        assert_eq!(apply(text, &edits), "jürgen");
    }

    #[test]
    fn overlapping_edits_are_dropped_after_the_first() {
        let kept = without_overlaps(vec![
            edit(5, 9, "b"),
            edit(0, 6, "a"),
            edit(9, 9, "c"),
            edit(9, 9, "d"),
            edit(12, 14, "e"),
            edit(13, 13, "f"),
        ]);
        let texts: Vec<&str> = kept.iter().map(|edit| edit.text.as_str()).collect();
        assert_eq!(texts, ["a", "c", "d", "e"]);
    }
}

//! Where the comments of a YAML text are.
//!
//! The parser smarketing builds on skips comments without saying where they were. It can report
//! them (its `comments` feature), but built with that feature it parses every file about 8 %
//! slower, comments or not. So comments are found from what the parser does say: where each
//! quoted and block scalar is. By
//! YAML's rules a comment starts with a `#` at the start of a line or after a space or tab, and
//! runs to the end of the line; inside a quoted or block scalar, a `#` is text. A plain scalar
//! cannot hold a `#` after white space (that `#` ends it and starts a comment), so plain scalars
//! need no span.

/// The comments of `text` that start before byte `until`, as byte ranges from the `#` to the end
/// of its line (line break excluded). `texts` are the byte ranges of the quoted and block
/// scalars, in file order.
pub(super) fn find<'t>(
    text: &'t str,
    texts: &'t [(usize, usize)],
    until: usize,
) -> impl Iterator<Item = (usize, usize)> + 't {
    let bytes = text.as_bytes();
    let mut scalars = texts.iter().peekable();
    // The end of the comment found last: a `#` before it is part of that comment.
    let mut comment_end = 0;
    text.match_indices('#')
        .map(|(at, _)| at)
        .take_while(move |&at| at < until)
        .filter_map(move |at| {
            if at < comment_end {
                return None;
            }
            while scalars.next_if(|&&(_, end)| end <= at).is_some() {}
            if scalars.peek().is_some_and(|&&(start, _)| start <= at) {
                return None;
            }
            let separated = at == 0 || matches!(bytes[at - 1], b' ' | b'\t' | b'\n' | b'\r');
            if !separated {
                return None;
            }
            let line_end = text[at..]
                .find(['\n', '\r'])
                .map_or(text.len(), |offset| at + offset);
            comment_end = line_end;
            Some((at, line_end))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn comments<'t>(text: &'t str, texts: &[(usize, usize)]) -> Vec<&'t str> {
        find(text, texts, text.len())
            .map(|(start, end)| &text[start..end])
            .collect()
    }

    #[test]
    fn a_comment_starts_at_a_line_start_or_after_white_space() {
        assert_eq!(
            comments("# a\nb: c # d\ne: f#g\n\t# h\r\n", &[]),
            ["# a", "# d", "# h"]
        );
    }

    #[test]
    fn a_comment_runs_to_the_end_of_its_line() {
        assert_eq!(comments("a: b # c # d\n", &[]), ["# c # d"]);
    }

    #[test]
    fn a_hash_inside_a_scalar_is_text() {
        let text = "a: \"x # y\" # z\n";
        assert_eq!(comments(text, &[(3, 10)]), ["# z"]);
    }

    #[test]
    fn only_comments_before_the_limit_count() {
        let text = "# a\n# b\n";
        let found: Vec<_> = find(text, &[], 4).collect();
        assert_eq!(found, [(0, 3)]);
    }
}

//! How wide a label will be drawn, estimated without a font engine, so text can be wrapped onto
//! lines that fit its box instead of running out of it.

/// Whether a character is drawn about one em wide (CJK, Hangul, full-width forms, emoji).
fn is_wide(c: char) -> bool {
    matches!(u32::from(c),
        0x1100..=0x115F
        | 0x2E80..=0xA4CF
        | 0xAC00..=0xD7A3
        | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6
        | 0x1F300..=0x1FAFF
        | 0x20000..=0x3FFFD)
}

/// A character's approximate advance in ems for a proportional sans-serif font.
///
/// We can't measure text without a font engine, and the page's font is whatever `system-ui` is
/// on the reader's machine, so this errs on the wide side: truncating a little early is harmless,
/// text running out of its box is not.
fn char_em(c: char) -> f64 {
    match c {
        'i' | 'l' | 'j' | 'I' | '.' | ',' | ':' | ';' | '\'' | '!' | '|' => 0.32,
        ' ' | 'f' | 't' | 'r' | '(' | ')' | '[' | ']' | '-' | '/' => 0.4,
        'm' | 'w' | 'M' | 'W' | '@' | '%' => 0.92,
        c if is_wide(c) => 1.0,
        // Capitals in any script (Latin, Greek, Cyrillic) run wider than lower case.
        c if c.is_uppercase() => 0.74,
        _ => 0.6,
    }
}

/// Approximate width in pixels of a character at a font size; bold runs about 8% wider.
fn char_px(c: char, font_px: f64, bold: bool) -> f64 {
    let weight = if bold { 1.08 } else { 1.0 };
    char_em(c) * font_px * weight
}

/// Approximate width in pixels of a string.
pub(super) fn text_px(text: &str, font_px: f64, bold: bool) -> f64 {
    text.chars().map(|c| char_px(c, font_px, bold)).sum()
}

/// Text made to fit `max_px`: whitespace runs (newlines from YAML block scalars included)
/// collapse to one space, and text that is still too wide is cut and ends with an ellipsis.
/// Cuts happen on characters, never inside one, and before escaping, never inside an entity.
pub(super) fn fit(text: &str, max_px: i64, font_px: f64, bold: bool) -> String {
    let clean = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let max = max_px as f64;
    if text_px(&clean, font_px, bold) <= max {
        return clean;
    }
    let budget = max - char_px('…', font_px, bold);
    let mut used = 0.0;
    let mut out = String::new();
    for c in clean.chars() {
        used += char_px(c, font_px, bold);
        if used > budget {
            break;
        }
        out.push(c);
    }
    let kept = out.trim_end().len();
    out.truncate(kept);
    out.push('…');
    out
}

/// The pieces a word may be broken into when it is wider than a line: after `-`, `_`, `/` and
/// `.`, so `treatment-booked` breaks as `treatment-` and `booked`; a piece still too wide is
/// broken between characters.
fn word_pieces(word: &str, max: f64, font_px: f64, bold: bool) -> Vec<String> {
    let mut pieces: Vec<String> = Vec::new();
    let mut current = String::new();
    for c in word.chars() {
        current.push(c);
        if matches!(c, '-' | '_' | '/' | '.') {
            pieces.push(std::mem::take(&mut current));
        }
    }
    if !current.is_empty() {
        pieces.push(current);
    }
    let mut fitted = Vec::new();
    for piece in pieces {
        let mut part = String::new();
        for c in piece.chars() {
            if !part.is_empty() && text_px(&part, font_px, bold) + char_px(c, font_px, bold) > max {
                fitted.push(std::mem::take(&mut part));
            }
            part.push(c);
        }
        if !part.is_empty() {
            fitted.push(part);
        }
    }
    fitted
}

/// Text wrapped onto lines of at most `max_px`: whitespace runs collapse to one space, lines
/// break between words, and a word wider than a line breaks after a `-` (or between characters).
/// Only text that needs more than `max_lines` lines is cut, on the last line, with an ellipsis:
/// a label is shown whole, a pasted essay is not.
pub(super) fn wrap(
    text: &str,
    max_px: i64,
    font_px: f64,
    bold: bool,
    max_lines: usize,
) -> Vec<String> {
    let max = max_px as f64;
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        for (i, piece) in word_pieces(word, max, font_px, bold)
            .into_iter()
            .enumerate()
        {
            // Pieces of one word join without a space; words with one.
            let joined = if line.is_empty() {
                piece.clone()
            } else if i == 0 {
                format!("{line} {piece}")
            } else {
                format!("{line}{piece}")
            };
            if line.is_empty() || text_px(&joined, font_px, bold) <= max {
                line = joined;
            } else {
                lines.push(std::mem::replace(&mut line, piece));
            }
        }
        if lines.len() > max_lines {
            break;
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    if lines.len() > max_lines.max(1) {
        lines.truncate(max_lines.max(1));
        if let Some(last) = lines.last_mut() {
            *last = fit(&format!("{last} …"), max_px, font_px, bold);
            if !last.ends_with('…') {
                last.push('…');
            }
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fit_truncates_on_characters() {
        assert_eq!(fit("  short \n text ", 200, 12.0, false), "short text");
        let cut = fit(&"東".repeat(100), 60, 12.0, false);
        assert!(cut.ends_with('…'));
        assert!(text_px(&cut, 12.0, false) <= 60.0);
    }

    #[test]
    fn wrap_keeps_every_character_on_lines_that_fit() {
        let lines = wrap("treatment-booked", 134, 14.0, true, 4);
        assert_eq!(lines, ["treatment-", "booked"]);
        let title = "Guest has booked the treatment package and paid the deposit";
        let lines = wrap(title, 134, 12.0, false, 6);
        assert!(lines.len() > 1);
        assert_eq!(lines.join(" "), title);
        for line in &lines {
            assert!(text_px(line, 12.0, false) <= 134.0, "{line}");
        }
        let long = wrap(&"東".repeat(40), 60, 12.0, false, 20);
        assert_eq!(long.concat(), "東".repeat(40));
        assert!(long.iter().all(|line| text_px(line, 12.0, false) <= 60.0));
        assert_eq!(
            wrap("  short \n text ", 200, 12.0, false, 2),
            ["short text"]
        );
        assert!(wrap("", 100, 12.0, false, 2).is_empty());
    }

    #[test]
    fn wrap_cuts_only_past_the_last_line() {
        let lines = wrap(&"word ".repeat(200), 100, 12.0, false, 3);
        assert_eq!(lines.len(), 3);
        assert!(lines[2].ends_with('…'));
        assert!(text_px(&lines[2], 12.0, false) <= 100.0);
    }
}

//! How wide a label will be drawn, estimated without a font engine, so text can be cut to fit
//! its box instead of running out of it.

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
}

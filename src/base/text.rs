//! Text made safe for the formats the tool writes: XML and HTML, CSV cells, and the quoted lists
//! that messages use. Every writer escapes through here, so a fix reaches every format.

/// Text escaped for XML and HTML, in content and in quoted attributes.
///
/// The five XML specials become entities. Control characters other than tab, newline and
/// carriage return are dropped: XML 1.0 forbids them even as character references, and one stray
/// byte from a YAML file must not make a whole page or metadata file fail to parse.
pub fn xml_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if u32::from(c) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// One CSV cell: quoted when it needs to be, and never a formula. A spreadsheet runs a cell that
/// starts with `=`, `+`, `-`, `@`, a tab or a carriage return; a leading `'` keeps it text.
pub fn csv_cell(text: &str) -> String {
    let neutral = if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_owned()
    };
    // A semicolon is quoted too: it is the separator where the comma is the decimal mark.
    if neutral.contains([',', ';', '"', '\n', '\r']) || neutral != neutral.trim() {
        format!("\"{}\"", neutral.replace('"', "\"\""))
    } else {
        neutral
    }
}

/// `a`, `b` and `c` as "`a`, `b`, `c`".
pub fn quoted_list(items: &[&str]) -> String {
    items
        .iter()
        .map(|item| format!("`{item}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_escape_neutralises_markup() {
        assert_eq!(
            xml_escape("<script>alert(1)</script>"),
            "&lt;script&gt;alert(1)&lt;/script&gt;"
        );
        assert_eq!(
            xml_escape("a & \"b\" 'c'"),
            "a &amp; &quot;b&quot; &#39;c&#39;"
        );
        assert_eq!(xml_escape("bell\u{7}\ttab"), "bell\ttab");
        assert_eq!(xml_escape("Grüße 東京"), "Grüße 東京");
    }

    #[test]
    fn csv_cells_are_never_formulas() {
        assert_eq!(
            csv_cell("=HYPERLINK(\"http://x\")"),
            "\"'=HYPERLINK(\"\"http://x\"\")\""
        );
        assert_eq!(csv_cell("+1"), "'+1");
        assert_eq!(csv_cell("-2"), "'-2");
        assert_eq!(csv_cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(csv_cell("\tx"), "'\tx");
        assert_eq!(csv_cell("a, b"), "\"a, b\"");
        assert_eq!(csv_cell("a; b"), "\"a; b\"");
        assert_eq!(csv_cell("plain"), "plain");
    }

    #[test]
    fn quoted_lists_read_as_code() {
        assert_eq!(quoted_list(&["a", "b"]), "`a`, `b`");
        assert_eq!(quoted_list(&[]), "");
    }
}

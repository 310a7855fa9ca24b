//! iCalendar content lines (RFC 5545, section 3.1): a name, parameters and a value, ended by
//! CRLF and folded so that no line is longer than 75 octets.
//!
//! Written by hand because it is small and exact: folding counts octets and never splits a UTF-8
//! character, text values are escaped (`\\`, `\;`, `\,`, `\n`), and parameter values are quoted
//! when they hold `:`, `;` or `,`. Calendar programs read the same bytes on every platform.

/// The longest a physical line may be, in octets, without its CRLF.
const MAX_OCTETS: usize = 75;

/// A calendar being written, one content line at a time.
#[derive(Debug, Default)]
pub struct Lines {
    out: String,
}

impl Lines {
    /// A line whose value is written as it is: dates, rules, URIs, durations.
    pub fn raw(&mut self, name: &str, params: &[(&str, &str)], value: &str) {
        let mut line = String::from(name);
        for (key, param) in params {
            line.push(';');
            line.push_str(key);
            line.push('=');
            line.push_str(&param_value(param));
        }
        line.push(':');
        line.push_str(value);
        fold_into(&line, &mut self.out);
    }

    /// A line whose value is text, escaped.
    pub fn text(&mut self, name: &str, params: &[(&str, &str)], text: &str) {
        self.raw(name, params, &escape_text(text));
    }

    pub fn finish(self) -> String {
        self.out
    }
}

/// A TEXT value (section 3.3.11): backslashes, semicolons, commas and line breaks escaped, other
/// control characters (which the format does not allow) left out.
pub fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let normalized = text.replace("\r\n", "\n").replace('\r', "\n");
    for c in normalized.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push('\t'),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// A parameter value (section 3.2): it cannot hold a double quote or control characters, and it
/// is quoted when it holds `:`, `;` or `,`.
fn param_value(value: &str) -> String {
    let clean: String = value
        .chars()
        .map(|c| if c == '"' { '\'' } else { c })
        .filter(|c| !c.is_control())
        .collect();
    if clean.contains([':', ';', ',']) {
        format!("\"{clean}\"")
    } else {
        clean
    }
}

/// Appends `line` with its CRLF, folded: a line longer than 75 octets goes on after a CRLF and
/// one space, which counts towards the next line's 75. Cuts fall between characters.
fn fold_into(line: &str, out: &mut String) {
    let mut used = 0;
    for c in line.chars() {
        let octets = c.len_utf8();
        if used + octets > MAX_OCTETS {
            out.push_str("\r\n ");
            used = 1;
        }
        out.push(c);
        used += octets;
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(name: &str, params: &[(&str, &str)], text: &str) -> String {
        let mut lines = Lines::default();
        lines.text(name, params, text);
        lines.finish()
    }

    /// The content line again: folds removed, as a reader unfolds it.
    fn unfold(text: &str) -> String {
        text.replace("\r\n ", "")
            .trim_end_matches("\r\n")
            .to_owned()
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(
            escape_text("a, b; c\\d\nnext\r\nline\u{7}"),
            "a\\, b\\; c\\\\d\\nnext\\nline"
        );
        assert_eq!(
            one("SUMMARY", &[], "Weekly, 1:1"),
            "SUMMARY:Weekly\\, 1:1\r\n"
        );
    }

    #[test]
    fn parameter_values_are_quoted_when_they_must_be() {
        assert_eq!(
            one("ORGANIZER", &[("CN", "Eder, Markus")], "x"),
            "ORGANIZER;CN=\"Eder, Markus\":x\r\n"
        );
        assert_eq!(
            one("ATTENDEE", &[("CN", "Nina \"Ni\" Gruber")], "x"),
            "ATTENDEE;CN=Nina 'Ni' Gruber:x\r\n"
        );
    }

    #[test]
    fn long_lines_fold_at_75_octets_between_characters() {
        for text in [
            "a".repeat(300),
            "ä".repeat(200),
            "東京🚀".repeat(60),
            "x".repeat(67),
        ] {
            let written = one("DESCRIPTION", &[], &text);
            assert!(written.ends_with("\r\n"));
            for physical in written.split_terminator("\r\n") {
                assert!(physical.len() <= MAX_OCTETS, "{} octets", physical.len());
            }
            // Every physical line but the first starts with the folding space.
            assert!(
                written
                    .split_terminator("\r\n")
                    .skip(1)
                    .all(|l| l.starts_with(' '))
            );
            assert_eq!(unfold(&written), format!("DESCRIPTION:{text}"));
        }
        // 75 octets exactly stay on one line.
        let exact = one("X", &[], &"y".repeat(73));
        assert_eq!(exact.len(), 75 + 2);
    }
}

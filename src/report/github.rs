//! `--format github`: GitHub Actions workflow commands, one per finding, so that the lines at
//! fault are annotated in the pull request. Chosen by default when `GITHUB_ACTIONS=true`.

use super::Located;
use crate::base::source::Sources;
use crate::diagnostic::{Diagnostic, Severity};
use std::fmt::Write;

pub fn render(diagnostics: &[Diagnostic], sources: &Sources) -> String {
    let mut out = String::new();
    for diagnostic in diagnostics {
        let at = Located::of(diagnostic, sources);
        let command = match diagnostic.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let mut message = diagnostic.message.clone();
        if let Some(help) = &diagnostic.help {
            message.push_str("\nhelp: ");
            message.push_str(help);
        }
        let _ = writeln!(
            out,
            "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}",
            property(at.file),
            at.line,
            at.column,
            at.end_line,
            at.end_column,
            property(diagnostic.rule.name),
            data(&message)
        );
    }
    out
}

/// Escaping of a command's message, as the Actions runner decodes it.
fn data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escaping of a command's property value, which also may not hold `:` or `,`.
fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_what_the_runner_decodes() {
        assert_eq!(data("50% done\nnext"), "50%25 done%0Anext");
        assert_eq!(property("a,b:c"), "a%2Cb%3Ac");
    }
}

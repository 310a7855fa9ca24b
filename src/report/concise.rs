//! `--format concise`: one line per finding, `FILE:LINE:COL: SEVERITY[RULE] MESSAGE`, for grep,
//! editors' quickfix lists and terminals where space is short.

use super::Located;
use crate::base::source::Sources;
use crate::diagnostic::Diagnostic;
use std::fmt::Write;

pub fn render(diagnostics: &[Diagnostic], sources: &Sources) -> String {
    let mut out = String::new();
    for diagnostic in diagnostics {
        let at = Located::of(diagnostic, sources);
        let _ = writeln!(
            out,
            "{}:{}:{}: {}[{}] {}",
            at.file,
            at.line,
            at.column,
            diagnostic.severity,
            diagnostic.rule.name,
            diagnostic.message
        );
    }
    out
}

//! Printing findings: one module per output format.
//!
//! Every format reads the same sorted list of diagnostics; positions are translated from byte
//! spans to 1-based lines and character columns here, once, by [`Located`].

pub mod concise;
pub mod github;
pub mod gitlab;
pub mod human;
pub mod json;
pub mod junit;
pub mod location;
pub mod sarif;

use crate::base::source::Sources;
use crate::diagnostic::Diagnostic;

/// A diagnostic's position in the words of the output formats.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Located<'a> {
    pub file: &'a str,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
}

impl<'a> Located<'a> {
    pub fn of(diagnostic: &Diagnostic, sources: &'a Sources) -> Self {
        Self::span(diagnostic.span, sources)
    }

    pub fn span(span: crate::base::span::Span, sources: &'a Sources) -> Self {
        let file = sources.get(span.file);
        let (line, column) = file.line_col(span.start);
        let (end_line, end_column) = file.line_col(span.end);
        Located {
            file: &file.name,
            line,
            column,
            end_line,
            end_column,
        }
    }
}

/// Counts for the summary line.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Summary {
    pub files: usize,
    pub errors: usize,
    pub warnings: usize,
    #[serde(skip)]
    pub infos: usize,
    /// Findings a baseline held, so not reported; in JSON only when a baseline held some.
    #[serde(skip_serializing_if = "is_zero")]
    pub baselined: usize,
}

fn is_zero(count: &usize) -> bool {
    *count == 0
}

impl Summary {
    pub fn of(diagnostics: &[Diagnostic], files: usize) -> Self {
        use crate::diagnostic::Severity;
        let count = |severity| {
            diagnostics
                .iter()
                .filter(|d| d.severity == severity)
                .count()
        };
        Summary {
            files,
            errors: count(Severity::Error),
            warnings: count(Severity::Warning),
            infos: count(Severity::Info),
            baselined: 0,
        }
    }

    /// "2 errors, 1 warning in 3 files", for the end of human and concise output.
    pub fn sentence(&self) -> String {
        let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
        let baselined = if self.baselined > 0 {
            format!(" ({} baselined)", plural(self.baselined, "finding"))
        } else {
            String::new()
        };
        if self.errors + self.warnings + self.infos == 0 {
            return format!(
                "{} checked: no problems{baselined}",
                plural(self.files, "file")
            );
        }
        let mut parts = vec![
            plural(self.errors, "error"),
            plural(self.warnings, "warning"),
        ];
        if self.infos > 0 {
            parts.push(plural(self.infos, "note"));
        }
        format!(
            "{} in {}{baselined}",
            parts.join(", "),
            plural(self.files, "file")
        )
    }
}

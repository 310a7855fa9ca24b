//! Findings as LSP diagnostics, each under the URI of the file it is in.
//!
//! The editor shows what `check` shows: the rule as `code` (with a link to its page), the same
//! severity, the same range, the help line under the message, and the related places. Findings
//! a baseline accepts are hints, and a suppression that silences nothing is faded out.

use super::analysis::{Analysis, Finding};
use super::documents::uri_of;
use super::encoding::{Encoding, LineIndex};
use crate::base::span::{FileId, Span};
use crate::diagnostic::Severity;
use crate::lint::rules::unused_suppression;
use gen_lsp_types::{
    CodeDescription, Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity, DiagnosticTag,
    Location, Range, Uri,
};
use std::collections::HashMap;

/// The source every diagnostic names.
pub const SOURCE: &str = "smarketing";

/// Line indexes of an analysis's files, made when a position in the file is first asked for.
pub struct Positions<'a> {
    analysis: &'a Analysis,
    encoding: Encoding,
    lines: HashMap<FileId, LineIndex>,
}

impl<'a> Positions<'a> {
    pub fn new(analysis: &'a Analysis, encoding: Encoding) -> Positions<'a> {
        Positions {
            analysis,
            encoding,
            lines: HashMap::new(),
        }
    }

    pub fn range(&mut self, span: Span) -> Range {
        let text = &self.analysis.sources.get(span.file).text;
        self.lines
            .entry(span.file)
            .or_insert_with(|| LineIndex::new(text))
            .range(text, span.start, span.end, self.encoding)
    }

    pub fn location(&mut self, span: Span) -> Option<Location> {
        let uri = uri_of(self.analysis.path(span.file)?)?;
        Some(Location::new(uri, self.range(span)))
    }
}

/// The findings of the analysis in file `file`, as diagnostics.
pub fn of_file(
    analysis: &Analysis,
    file: FileId,
    encoding: Encoding,
    links: bool,
) -> Vec<Diagnostic> {
    let mut positions = Positions::new(analysis, encoding);
    analysis
        .findings
        .iter()
        .filter(|finding| finding.diagnostic.span.file == file)
        .map(|finding| convert(finding, &mut positions, links))
        .collect()
}

pub fn convert(finding: &Finding, positions: &mut Positions<'_>, links: bool) -> Diagnostic {
    let d = &finding.diagnostic;
    let severity = if finding.baselined {
        DiagnosticSeverity::Hint
    } else {
        match d.severity {
            Severity::Error => DiagnosticSeverity::Error,
            Severity::Warning => DiagnosticSeverity::Warning,
            Severity::Info => DiagnosticSeverity::Information,
        }
    };
    let mut message = d.message.clone();
    if let Some(help) = &d.help {
        message.push_str("\nhelp: ");
        message.push_str(help);
    }
    if finding.baselined {
        message.push_str("\n(accepted by the baseline)");
    }
    let related: Vec<DiagnosticRelatedInformation> = d
        .related
        .iter()
        .filter_map(|label| {
            Some(DiagnosticRelatedInformation::new(
                positions.location(label.span)?,
                label.message.clone(),
            ))
        })
        .collect();
    let tags = (d.rule == &unused_suppression::RULE.rule).then(|| vec![DiagnosticTag::Unnecessary]);
    Diagnostic::new(
        positions.range(d.span),
        Some(severity),
        Some(d.rule.name.to_owned().into()),
        links
            .then(|| Uri::parse(&d.rule.docs_url()).ok())
            .flatten()
            .map(CodeDescription::new),
        Some(SOURCE.to_owned()),
        message.into(),
        tags,
        (!related.is_empty()).then_some(related),
        None,
    )
}

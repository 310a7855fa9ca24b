//! The default output: miette's graphical reports with source snippets, labels and help.
//!
//! The source text is lent to miette per file rather than copied per diagnostic, and the theme
//! and width are parameters so that tests can snapshot the output without colour. miette reads a
//! snippet by scanning the text from its start; [`FileCode`] lets it scan from a few lines above
//! the snippet instead, found through the file's line index, so that each report costs its own
//! size and not the size of the file before it.

use crate::base::source::{SourceFile, Sources};
use crate::base::span::FileId;
use crate::diagnostic::{Diagnostic, Severity};
use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError, MietteSpanContents,
    SourceCode, SourceSpan, SpanContents,
};
use std::fmt;

/// How to draw: with colour or without, and how wide.
#[derive(Clone, Copy, Debug)]
pub struct Style {
    pub color: bool,
    pub width: usize,
}

pub fn render(diagnostics: &[Diagnostic], sources: &Sources, style: Style) -> String {
    let theme = if style.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(style.width)
        .with_links(false)
        .with_context_lines(1);
    let lone_returns: Vec<Vec<u32>> = if diagnostics.is_empty() {
        Vec::new()
    } else {
        sources
            .iter()
            .map(|(_, file)| lone_carriage_returns(&file.text))
            .collect()
    };
    let code = |file: FileId| FileCode {
        file: sources.get(file),
        lone_returns: lone_returns.get(file as usize).map_or(&[], Vec::as_slice),
    };
    let mut out = String::new();
    for diagnostic in diagnostics {
        let report = Report::new(diagnostic, code);
        if handler.render_report(&mut out, &report).is_err() {
            out.push_str(&format!(
                "{}[{}]: {}\n",
                diagnostic.severity, diagnostic.rule.name, diagnostic.message
            ));
        }
        out.push('\n');
    }
    out
}

/// One file's text, named, as miette reads it.
struct FileCode<'a> {
    file: &'a SourceFile,
    /// Where the file has a `\r` not followed by `\n`: miette counts it as a line break, the line
    /// index does not.
    lone_returns: &'a [u32],
}

/// The offsets of every `\r` that is not part of a `\r\n`; none in almost every file.
fn lone_carriage_returns(text: &str) -> Vec<u32> {
    if !text.contains('\r') {
        return Vec::new();
    }
    let bytes = text.as_bytes();
    bytes
        .iter()
        .enumerate()
        .filter(|&(at, &byte)| byte == b'\r' && bytes.get(at + 1) != Some(&b'\n'))
        .map(|(at, _)| at as u32)
        .collect()
}

/// A line longer than this many bytes is not shown whole: only [`SHOWN`] bytes on either side of
/// the span. A playbook can be a single line of flow style, which would otherwise be printed once
/// per finding on it (and miette cannot place a label beyond 65,535 columns).
const LONG_LINE: usize = 1024;
const SHOWN: usize = 120;

impl SourceCode for FileCode<'_> {
    fn read_span<'b>(
        &'b self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'b> + 'b>, MietteError> {
        let text = &self.file.text;
        let offset = span.offset().min(text.len());
        let line = self.file.line_of(offset as u32);
        let line_start = self.file.line_start(line) as usize;
        let (from, to, before, after) = if self.file.line_text(line).len() > LONG_LINE {
            // Only the span and a little around it, on its own lines: the slice holds no line
            // before or after, and one line of context makes miette show all of the slice.
            let end = span.offset().saturating_add(span.len()).min(text.len());
            let end_line = self.file.line_of(end as u32);
            let end_line_end =
                self.file.line_start(end_line) as usize + self.file.line_text(end_line).len();
            let from = floor_char_boundary(text, offset.saturating_sub(SHOWN).max(line_start));
            let to = ceil_char_boundary(text, end.saturating_add(SHOWN).min(end_line_end).max(end));
            (
                from,
                to,
                context_lines_before.min(1),
                context_lines_after.min(1),
            )
        } else {
            // miette's reading from the start of a line far enough above the span is the same as
            // its reading from the start of the file, shifted: the lines before that point only
            // count. One line more than the context it shows, so that its own count of lines
            // above the span (which also breaks at a lone `\r`) reaches the context in any case.
            let from_line = line.saturating_sub(context_lines_before.saturating_add(1));
            let from = self.file.line_start(from_line.max(1)) as usize;
            let from = if from_line >= 1 { from } else { 0 };
            (from, text.len(), context_lines_before, context_lines_after)
        };
        // Lines before the slice, as miette counts them: line breaks and lone `\r`s.
        let lines_before = self.file.line_of(from as u32) - 1
            + self
                .lone_returns
                .partition_point(|&at| (at as usize) < from);
        let shifted = SourceSpan::new(span.offset().saturating_sub(from).into(), span.len());
        // `from <= to <= text.len()`, both on character boundaries.
        let contents = text.as_bytes()[from..to].read_span(&shifted, before, after)?;
        let start = contents.span().offset() + from;
        // miette counts columns in bytes; the contract counts characters, as the other formats do.
        let (_, column) = self.file.line_col(start as u32);
        Ok(Box::new(MietteSpanContents::new_named(
            self.file.name.clone(),
            contents.data(),
            SourceSpan::new(start.into(), contents.span().len()),
            contents.line() + lines_before,
            column - 1,
            contents.line_count() + lines_before,
        )))
    }
}

/// The nearest character boundary at or before `at`.
fn floor_char_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// The nearest character boundary at or after `at` (at most the end of the text).
fn ceil_char_boundary(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at += 1;
    }
    at
}

/// A diagnostic in miette's terms: labels in the primary file, related places in other files as
/// related reports of their own.
struct Report<'a> {
    diagnostic: &'a Diagnostic,
    code: FileCode<'a>,
    labels: Vec<LabeledSpan>,
    elsewhere: Vec<Elsewhere<'a>>,
}

impl<'a> Report<'a> {
    fn new(diagnostic: &'a Diagnostic, code: impl Fn(FileId) -> FileCode<'a>) -> Self {
        let file = diagnostic.span.file;
        let mut labels = vec![LabeledSpan::new_primary_with_span(
            diagnostic.label.clone(),
            to_source_span(diagnostic.span),
        )];
        let mut elsewhere = Vec::new();
        for related in &diagnostic.related {
            if related.span.file == file {
                labels.push(LabeledSpan::new_with_span(
                    Some(related.message.clone()),
                    to_source_span(related.span),
                ));
            } else {
                elsewhere.push(Elsewhere {
                    message: &related.message,
                    code: code(related.span.file),
                    span: to_source_span(related.span),
                });
            }
        }
        Report {
            diagnostic,
            code: code(file),
            labels,
            elsewhere,
        }
    }
}

fn to_source_span(span: crate::base::span::Span) -> SourceSpan {
    SourceSpan::new((span.start as usize).into(), span.len() as usize)
}

impl fmt::Debug for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.diagnostic.message)
    }
}

impl fmt::Display for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.diagnostic.message)
    }
}

impl std::error::Error for Report<'_> {}

impl miette::Diagnostic for Report<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        Some(Box::new(self.diagnostic.rule.name))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.diagnostic.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Info => miette::Severity::Advice,
        })
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.diagnostic
            .help
            .as_ref()
            .map(|help| Box::new(help) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(&self.code)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        Some(Box::new(self.labels.iter().cloned()))
    }

    fn related<'b>(&'b self) -> Option<Box<dyn Iterator<Item = &'b dyn miette::Diagnostic> + 'b>> {
        if self.elsewhere.is_empty() {
            return None;
        }
        Some(Box::new(
            self.elsewhere.iter().map(|e| e as &dyn miette::Diagnostic),
        ))
    }
}

/// A related place in another file.
struct Elsewhere<'a> {
    message: &'a str,
    code: FileCode<'a>,
    span: SourceSpan,
}

impl fmt::Debug for Elsewhere<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.message)
    }
}

impl fmt::Display for Elsewhere<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.message)
    }
}

impl std::error::Error for Elsewhere<'_> {}

impl miette::Diagnostic for Elsewhere<'_> {
    fn severity(&self) -> Option<miette::Severity> {
        Some(miette::Severity::Advice)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(&self.code)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        Some(Box::new(std::iter::once(
            LabeledSpan::new_primary_with_span(None, self.span),
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What miette reads, compared field by field.
    fn read(
        code: &dyn SourceCode,
        span: SourceSpan,
        before: usize,
        after: usize,
    ) -> Option<(Vec<u8>, SourceSpan, usize, usize)> {
        // miette panics on some spans past the end of the text, which diagnostics never have:
        // both readers must then panic alike.
        let contents = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            code.read_span(&span, before, after).ok().map(|contents| {
                (
                    contents.data().to_vec(),
                    *contents.span(),
                    contents.line(),
                    contents.line_count(),
                )
            })
        }));
        contents.unwrap_or_else(|_| Some((b"panic".to_vec(), span, 0, 0)))
    }

    /// Reading from a line near the span gives what miette's own reading from the start of the
    /// text gives: the same bytes, span, line and line count, for every span and context, with
    /// `\r\n`, lone `\r`, blank lines and multi-byte characters about.
    #[test]
    fn reading_near_the_span_equals_reading_from_the_start() {
        let texts = [
            "a: 1\nb: 2\n\nc:\n  - d\n  - é\n",
            "a: 1\r\nb: 2\r\n\r\nc: 3\r\n",
            "a\rb\r\nc\n\rd\r\re\n\nf",
            "x",
            "",
            "\n\n\n",
        ];
        for text in texts {
            let file = SourceFile::new("t.yaml".into(), text.to_owned());
            let returns = lone_carriage_returns(text);
            let code = FileCode {
                file: &file,
                lone_returns: &returns,
            };
            for start in 0..=text.len() + 1 {
                for len in 0..=(text.len() + 1 - start).min(6) {
                    for (before, after) in [(0, 0), (1, 1), (2, 0), (0, 3), (5, 5)] {
                        let span = SourceSpan::new(start.into(), len);
                        let ours = read(&code, span, before, after);
                        let theirs = read(&text, span, before, after);
                        assert_eq!(ours, theirs, "{text:?} {start}+{len} ({before}, {after})");
                    }
                }
            }
        }
    }

    /// A finding far into a very long line (a whole playbook in flow style) shows a window of
    /// the line around it, with its true line and column, instead of the whole line; miette
    /// alone cannot even draw a label past 65,535 columns.
    #[test]
    fn long_lines_are_shown_around_the_span() {
        let mut text = String::from("version: 1\n{");
        while text.len() < 100_000 {
            text.push_str("a: é, ");
        }
        let at = text.len() as u32 - 30_000;
        let at = (at..)
            .find(|&at| {
                text.get(at as usize..)
                    .is_some_and(|rest| rest.starts_with("a:"))
            })
            .unwrap();
        text.push_str("}\n");
        let mut sources = Sources::default();
        let file = sources.add(SourceFile::new("long.yaml".into(), text.clone()));
        let diagnostic = Diagnostic::new(
            &crate::diagnostic::structural::schema::RULE,
            "far away",
            crate::base::span::Span::new(file, at, at + 1),
        );
        let out = render(
            &[diagnostic],
            &sources,
            Style {
                color: false,
                width: 80,
            },
        );
        let (line, column) = sources.get(file).line_col(at);
        assert!(
            out.contains(&format!("[long.yaml:{line}:{column}]")),
            "{out}"
        );
        assert!(out.contains("a: é, a: é"), "{out}");
        assert!(
            out.len() < 2 * (LONG_LINE + 2 * SHOWN),
            "{} bytes",
            out.len()
        );
    }
}

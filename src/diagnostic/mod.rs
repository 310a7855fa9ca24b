//! What a finding is: a rule, a severity, a message about one entity, the span of the offending
//! node, and optionally a help line and related places.
//!
//! Diagnostics are plain data; the reporters in [`crate::report`] decide how they look. The
//! structural rules live here too, below every stage that reports them.

pub mod rule;
pub mod structural;

pub use rule::Rule;

use crate::base::span::Span;
use serde::Serialize;
use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Info,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A safe, mechanical repair of a finding, applied by `check --fix` and offered by editors.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Fix {
    /// Write `with` in place of the finding's primary span: a misspelled name or key whose
    /// did-you-mean suggestion is certain enough to offer.
    Replace { with: String },
    /// Take the rule name at the finding's primary span out of its suppression comment
    /// (`unused-suppression`): the whole comment line when it stands alone and names only it,
    /// only the comment when it follows YAML on the line, only the name from `allow(a, b)`.
    RemoveSuppression,
}

/// Where a suppression of a finding is written: at the entity it is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Anchor {
    /// The entity's id key; a new `# smarketing: allow(...)` goes on its own line above it.
    pub key: Span,
    /// A well-formed suppression comment that already covers the entity (on the key's line or
    /// above it), from its `#` to the end of its line: the rule is added to it instead.
    pub comment: Option<Span>,
}

/// A secondary place that helps to understand a finding ("first defined here").
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Label {
    pub span: Span,
    pub message: String,
}

impl Label {
    pub fn new(span: Span, message: impl Into<String>) -> Self {
        Label {
            span,
            message: message.into(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub rule: &'static Rule,
    pub severity: Severity,
    pub message: String,
    /// The smallest node that shows the problem.
    pub span: Span,
    /// A short text under the primary span; defaults to nothing.
    pub label: Option<String>,
    pub help: Option<String>,
    pub related: Vec<Label>,
    /// The entity the finding is about, as `section.id` (`tasks.kickoff`), used by inline
    /// suppressions and stable fingerprints.
    pub entity: Option<String>,
    /// The repair `check --fix` and editors apply, when one is certain.
    pub fix: Option<Fix>,
    /// Where an inline suppression silences this finding; `None` when none can (structural
    /// rules, findings about no entity or outside their entity's lines).
    pub anchor: Option<Anchor>,
}

impl Diagnostic {
    /// A finding of `rule` at its default level.
    pub fn new(rule: &'static Rule, message: impl Into<String>, span: Span) -> Self {
        Self::with_severity(rule, rule.default, message, span)
    }

    pub fn with_severity(
        rule: &'static Rule,
        severity: Severity,
        message: impl Into<String>,
        span: Span,
    ) -> Self {
        Diagnostic {
            rule,
            severity,
            message: message.into(),
            span,
            label: None,
            help: None,
            related: Vec::new(),
            entity: None,
            fix: None,
            anchor: None,
        }
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn with_optional_help(mut self, help: Option<String>) -> Self {
        self.help = help;
        self
    }

    pub fn with_label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    pub fn with_related(mut self, label: Label) -> Self {
        self.related.push(label);
        self
    }

    pub fn with_entity(mut self, entity: impl Into<String>) -> Self {
        self.entity = Some(entity.into());
        self
    }

    pub fn with_fix(mut self, fix: Fix) -> Self {
        self.fix = Some(fix);
        self
    }

    /// A [`Fix::Replace`] with `with`, when there is a suggestion.
    pub fn with_replacement(mut self, with: Option<&str>) -> Self {
        if let Some(with) = with {
            self.fix = Some(Fix::Replace {
                with: with.to_owned(),
            });
        }
        self
    }

    /// Drops a replacement that would write a name `taken` says is in use: a key its map
    /// already has would become a repeated key.
    pub fn unless_taken(mut self, taken: impl Fn(&str) -> bool) -> Self {
        if let Some(Fix::Replace { with }) = &self.fix
            && taken(with)
        {
            self.fix = None;
        }
        self
    }

    /// Whether this is a finding of `rule`.
    pub fn is(&self, rule: &Rule) -> bool {
        self.rule == rule
    }

    /// Moves the diagnostic's spans to other file ids (when their sources are merged).
    pub fn shift_files(&mut self, offset: u32) {
        self.span.file += offset;
        if let Some(anchor) = &mut self.anchor {
            anchor.key.file += offset;
            if let Some(comment) = &mut anchor.comment {
                comment.file += offset;
            }
        }
        for label in &mut self.related {
            label.span.file += offset;
        }
    }

    /// The order every reporter uses: file, position, rule, then message for full determinism.
    pub fn sort_key(&self) -> (u32, u32, u32, &'static str, &str) {
        (
            self.span.file,
            self.span.start,
            self.span.end,
            self.rule.name,
            &self.message,
        )
    }
}

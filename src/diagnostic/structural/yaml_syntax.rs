//! `yaml-syntax`: the file is not valid YAML.
//!
//! The documentation at the bottom is what `smarketing explain yaml-syntax` prints.

use crate::base::span::Span;
use crate::diagnostic::{Diagnostic, Rule, Severity};

pub static RULE: Rule = Rule {
    name: "yaml-syntax",
    default: Severity::Error,
    structural: true,
    summary: "the file is not valid YAML",
    docs: DOCS,
};

/// A NUL byte: the file is binary, not YAML.
pub fn nul_byte(span: Span) -> Diagnostic {
    Diagnostic::new(&RULE, "the file contains a NUL byte", span)
        .with_help("YAML files are text; is this a binary file?")
}

/// Bytes that are not UTF-8.
pub fn invalid_utf8(span: Span) -> Diagnostic {
    Diagnostic::new(&RULE, "the file is not valid UTF-8", span)
        .with_help("save the file as UTF-8; is this a binary file?")
}

/// What the parser said, at the place it names.
pub fn invalid(parser_message: &str, span: Span) -> Diagnostic {
    Diagnostic::new(&RULE, format!("invalid YAML: {parser_message}"), span)
}

const DOCS: &str = r##"## What it checks
The file cannot be parsed as YAML: a line indented to the wrong depth, an unclosed `[`, `{` or quote, a tab used for indentation, a value where the parser expects a key. The diagnostic points at the place where the parser gave up, which is often just after the real mistake. No other rule can check a file that does not parse.

## Why it matters
A playbook that does not parse is not an agreement anyone can use: no RACI table, no checklist, no onboarding document and no CRM export can be built from it. A stray space added in a hurry by the events manager should fail the pull request, not the onboarding of next month's new sales hire.

## Example
```yaml
people:
  anna:
    name: Anna Berger
   team: marketing
```

## Fixed
```yaml
people:
  anna:
    name: Anna Berger
    team: marketing
```
"##;

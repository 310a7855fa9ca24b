//! `unsupported-version`: the playbook is written for a language version this tool does not know.
//!
//! The documentation at the bottom is what `smarketing explain unsupported-version` prints.

use crate::base::span::Span;
use crate::diagnostic::{Diagnostic, Rule, Severity};

pub static RULE: Rule = Rule {
    name: "unsupported-version",
    default: Severity::Error,
    structural: true,
    summary: "the playbook is written for a language version this tool does not know",
    docs: DOCS,
};

/// `version: N` for a language version other than 1.
pub fn unsupported(version: i64, span: Span) -> Diagnostic {
    Diagnostic::new(
        &RULE,
        format!("playbook version {version} is not supported"),
        span,
    )
    .with_help("this smarketing reads `version: 1`")
}

const DOCS: &str = r##"## What it checks
The root file's `version` is not `1`, the only version of the playbook language that exists. The diagnostic points at the `version` value. A missing `version`, or one that is not a whole number, is a `schema` error.

## Why it matters
The version says how everything below it is to be read. A playbook written for a newer language, or with a guessed number, would be read by the wrong rules, and the RACI tables and CRM configuration built from it could be wrong without a word of warning. Refusing it makes the team upgrade `smarketing` or correct the number before anything is generated.

## Example
```yaml
version: 2
playbook: seeblick
```

## Fixed
```yaml
version: 1
playbook: seeblick
```
"##;

//! `include-error`: an included file cannot be included.
//!
//! The documentation at the bottom is what `smarketing explain include-error` prints.

use crate::base::span::Span;
use crate::diagnostic::{Diagnostic, Rule, Severity};

pub static RULE: Rule = Rule {
    name: "include-error",
    default: Severity::Error,
    structural: true,
    summary: "an included file cannot be included",
    docs: DOCS,
};

/// An include written as an absolute path.
pub fn absolute(path: &str, span: Span) -> Diagnostic {
    Diagnostic::new(&RULE, format!("include `{path}` is an absolute path"), span)
        .with_help("write the path relative to this file's folder")
}

/// An include naming no file; `near` is the closest file name beside it.
pub fn missing(path: &str, near: Option<&str>, span: Span) -> Diagnostic {
    let help = match near {
        Some(near) => format!("did you mean `{near}`?"),
        None => "check the path; it is relative to the folder of the including file".to_owned(),
    };
    Diagnostic::new(
        &RULE,
        format!("included file `{path}` does not exist"),
        span,
    )
    .with_help(help)
}

/// An include that leads out of the root playbook's folder.
pub fn outside(path: &str, span: Span) -> Diagnostic {
    Diagnostic::new(
        &RULE,
        format!("include `{path}` leaves the playbook's folder"),
        span,
    )
    .with_help("keep included files in the root playbook's folder or below it")
}

/// An include inside a workspace that leads out of the workspace's root folder.
pub fn outside_workspace(path: &str, span: Span) -> Diagnostic {
    Diagnostic::new(
        &RULE,
        format!("include `{path}` leaves the workspace"),
        span,
    )
    .with_help("keep shared files in the folder of `smarketing.toml` or below it")
}

/// Files that include each other; `chain` names them in order, back to the first.
pub fn cycle(chain: &str, span: Span) -> Diagnostic {
    Diagnostic::new(&RULE, format!("include cycle: {chain}"), span)
        .with_help("remove one of the includes that close the loop")
}

/// An included file that exists but cannot be read.
pub fn unreadable(path: &str, error: &dyn std::fmt::Display, span: Span) -> Diagnostic {
    Diagnostic::new(
        &RULE,
        format!("cannot read included file `{path}`: {error}"),
        span,
    )
    .with_help("check that the path names a readable YAML file")
}

const DOCS: &str = r##"## What it checks
An entry of `include` names a file that does not exist or cannot be read, a path that leaves the including file's folder (`../shared/teams.yaml`, an absolute path), or a file that is already being included further up the chain (a cycle: `a.yaml` includes `b.yaml`, which includes `a.yaml`). The diagnostic points at that entry of the `include` list.

## Why it matters
Larger teams split the playbook: marketing ops keeps `kpis.yaml`, sales ops keeps `pipeline.yaml`. A missing include silently drops everything in it, so the KPIs the weekly sync reviews simply vanish. A path into a neighbouring folder works on one laptop and breaks in CI or in the next clone, so includes must stay inside the playbook's own folder.

## Example
```yaml
include: [kpi.yaml, ../shared/teams.yaml]
```

## Fixed
```yaml
include: [kpis.yaml, teams.yaml]
```
"##;

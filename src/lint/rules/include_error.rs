//! `include-error`: an included file cannot be included.
//!
//! The documentation at the bottom is what `smarketing explain include-error` prints.

use crate::lint::prelude::*;

pub const RULE: Rule = Rule {
    name: "include-error",
    default: Severity::Error,
    structural: true,
    reads: &[],
    summary: "an included file cannot be included",
    docs: DOCS,
    check: None,
};

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

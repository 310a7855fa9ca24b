//! `inconsistent-kpi`: one KPI defined differently in two playbooks of a workspace.
//!
//! Compared across playbooks by [`crate::lint::workspace`]; this file says what is compared.
//! The documentation at the bottom is what `smarketing explain inconsistent-kpi` prints.

use crate::lint::prelude::*;
use crate::lint::workspace::Definition;
use crate::model::Playbook;

pub static RULE: LintRule = LintRule {
    rule: Rule {
        name: "inconsistent-kpi",
        default: Severity::Warning,
        structural: false,
        summary: "a KPI has a different unit, formula or owner team in two playbooks of the workspace",
        docs: DOCS,
    },
    reads: Reads::NOTHING,
    check: None,
};

/// The KPIs of `playbook` with what must agree across the workspace. The owner is compared as
/// its team: a KPI owned by `anna` in one house and by her team in the next is owned alike.
pub fn definitions(playbook: &Playbook) -> Vec<Definition> {
    playbook
        .kpis
        .iter()
        .map(|kpi| {
            let owner = kpi.value.owner.as_ref().map(|owner| {
                playbook
                    .people
                    .get(&owner.value)
                    .and_then(|person| person.value.team.as_ref())
                    .map_or_else(|| owner.value.to_string(), |team| team.value.to_string())
            });
            Definition::new(&kpi.id.value, kpi.id.span)
                .with("unit", kpi.value.unit.as_ref().map(|unit| &unit.value))
                .with("formula", kpi.value.formula.as_ref().map(|formula| &formula.value))
                .with("owner team", owner)
        })
        .collect()
}

const DOCS: &str = r##"## What it checks
Two playbooks of one workspace (a folder with `smarketing.toml`, checked in one run) define the same KPI id with a different `unit`, `formula` or owner team (a person owner counts as their team). The diagnostic points at the later definition, in the order the playbooks are checked, and names the first one as related information. A KPI defined once in a shared catalogue that both playbooks include is one definition.

## Why it matters
A group compares its houses by their KPIs. If `direct-booking-share` is a percentage of room nights in one house and of revenue in the next, the group report puts two different numbers side by side under one name, and the house that looks worse may simply count differently. A shared KPI catalogue makes every house measure the same thing.

## Example
```yaml
# houses/seeblick/playbook.yaml
kpis:
  direct-booking-share: { title: Direct booking share, owner: marketing, unit: percent, formula: direct room nights / all room nights }
# houses/bergblick/playbook.yaml
kpis:
  direct-booking-share: { title: Direct booking share, owner: marketing, unit: percent, formula: direct revenue / all revenue }
```

## Fixed
```yaml
# group/kpis.yaml
kpis:
  direct-booking-share: { title: Direct booking share, owner: marketing, unit: percent, formula: direct room nights / all room nights }
# houses/seeblick/playbook.yaml
include: [../../group/kpis.yaml]
# houses/bergblick/playbook.yaml
include: [../../group/kpis.yaml]
```
"##;

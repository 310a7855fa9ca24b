//! `review-cadence-mismatch`: a KPI is reviewed less often than its review cadence asks.
//!
//! The documentation at the bottom is what `smarketing explain review-cadence-mismatch` prints.

use crate::lint::prelude::*;
use crate::resolve::refs::Relation;

pub static RULE: LintRule = LintRule {
    rule: Rule {
        name: "review-cadence-mismatch",
        default: Severity::Warning,
        structural: false,
        summary: "a KPI is reviewed less often than its review cadence asks",
        docs: DOCS,
    },
    reads: Reads {
        own: &[(Section::Kpis, &["review"])],
        incoming: &[(Section::Meetings, &["reviews"])],
        whole: &[(Section::Meetings, &["cadence"])],
        ..Reads::NOTHING
    },
    check: Some(check),
};

fn check(cx: &Context<'_>, out: &mut Findings) {
    for kpi in &cx.playbook.kpis {
        let Some(review) = &kpi.value.review else { continue };
        let cadences: Vec<_> = cx
            .graph
            .referrers(Section::Kpis, &kpi.id.value, &[Relation::Reviews])
            .iter()
            .filter_map(|node| cx.playbook.meetings.get(node.id))
            .filter_map(|meeting| meeting.value.cadence.as_ref().map(|c| c.value))
            .collect();
        let Some(most_frequent) = cadences.iter().min() else { continue };
        if review.value.more_frequent_than(*most_frequent) {
            out.push(
                out.at(review.span, format!(
                    "KPI `{}` is to be reviewed {}, but the meetings that review it meet {} at most",
                    kpi.id.value, review.value, most_frequent
                ))
                .with_help(format!("review it in a {} meeting, or set `review: {}`", review.value, most_frequent))
                .with_entity(Section::Kpis.entity(&kpi.id.value)),
            );
        }
    }
}

const DOCS: &str = r##"## What it checks
A KPI's `review` cadence is more frequent than the `cadence` of every meeting that lists the KPI in `reviews`, for example `review: weekly` while only a monthly meeting reviews it. Cadences from most to least frequent: `daily`, `weekly`, `biweekly` (`fortnightly`), `monthly`, `quarterly`, `half-yearly`, `yearly`; one reviewing meeting at least as frequent as `review` is enough. The diagnostic points at the KPI's `review` value. A KPI without `review`, or reviewed by no meeting (see `unreviewed-kpi`), is not checked.

## Why it matters
The review cadence is a promise about how fast the teams react. If response time to wedding inquiries is meant to be checked weekly but only comes up in the monthly revenue meeting, a month of slow follow-ups is discovered after the couples have booked elsewhere. Either the KPI goes on the agenda of a more frequent meeting or the teams agree, openly, to look at it less often.

## Example
```yaml
kpis:
  inquiry-response-time: { title: Median hours to first reply, owner: ben, target: "<= 4", review: weekly }
meetings:
  revenue-review:
    title: Monthly revenue review
    cadence: monthly
    owner: ben
    reviews: [inquiry-response-time]
```

## Fixed
```yaml
kpis:
  inquiry-response-time: { title: Median hours to first reply, owner: ben, target: "<= 4", review: weekly }
meetings:
  revenue-review:
    title: Monthly revenue review
    cadence: monthly
    owner: ben
    reviews: [inquiry-response-time]
  weekly-sync:
    title: Weekly smarketing sync
    cadence: weekly
    owner: anna
    reviews: [inquiry-response-time]
```
"##;

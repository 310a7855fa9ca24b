//! `feedback-loop-without-channel`: a feedback loop has no meeting or channel.
//!
//! The documentation at the bottom is what `smarketing explain feedback-loop-without-channel` prints.

use crate::lint::prelude::*;

pub static RULE: LintRule = LintRule {
    rule: Rule {
        name: "feedback-loop-without-channel",
        default: Severity::Warning,
        structural: false,
        summary: "a feedback loop has no meeting or channel",
        docs: DOCS,
    },
    reads: Reads {
        own: &[(Section::FeedbackLoops, &["via"])],
        ..Reads::NOTHING
    },
    check: Some(check),
};

fn check(cx: &Context<'_>, out: &mut Findings) {
    for feedback in &cx.playbook.feedback_loops {
        if feedback.value.via.is_none() {
            out.push(
                out.at(feedback.id.span, format!("feedback loop `{}` has no `via`", feedback.id.value))
                    .with_help("add `via: <meeting or channel>`: where the feedback is given")
                    .with_entity(Section::FeedbackLoops.entity(&feedback.id.value)),
            );
        }
    }
}

const DOCS: &str = r##"## What it checks
An entry in `feedback_loops` has no `via` (a meeting or a channel). The diagnostic points at the feedback loop's id.

## Why it matters
A feedback loop without a place is a good intention: "sales tells marketing why leads were rejected" happens once, in the corridor, and then never again. Tying it to the weekly sync or a shared chat channel says where the feedback is given, where marketing will find it, and who will notice when it stops.

## Example
```yaml
feedback_loops:
  lead-quality:
    from: sales
    to: marketing
    about: Quality of handed-over leads, with reject reasons
    cadence: weekly
```

## Fixed
```yaml
channels:
  smarketing-chat: { kind: chat, tool: slack, address: "#smarketing" }
feedback_loops:
  lead-quality:
    from: sales
    to: marketing
    about: Quality of handed-over leads, with reject reasons
    via: smarketing-chat
    cadence: weekly
```
"##;

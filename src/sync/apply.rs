//! Sending a plan: its requests in order, each carrying its changes, stopping at the first that
//! fails so that nothing is sent on top of a change that did not happen.
//!
//! A batch that HubSpot answers with 207 made some of its items and not others; each failed
//! item is reported and the batch counts as failed.

use super::client::{Client, Failure};
use super::plan::Plan;
use serde_json::Value;

/// What happened to a plan.
#[derive(Debug, Default)]
pub struct Outcome {
    /// Indices into `Plan::changes` of what was applied.
    pub applied: Vec<usize>,
    /// Why a request failed; sending stopped there.
    pub failed: Vec<String>,
    /// Set when the run could not go on at all (auth, network, limits).
    pub fatal: Option<String>,
}

pub fn apply(client: &mut Client, plan: &Plan) -> Outcome {
    let mut outcome = Outcome::default();
    for write in &plan.writes {
        match client.send(write.method, &write.path, Some(&write.body)) {
            Ok(answer) if answer.status == 207 => {
                outcome
                    .failed
                    .extend(batch_errors(&write.path, &answer.body));
                break;
            }
            Ok(_) => outcome.applied.extend(&write.changes),
            Err(Failure::Refused(message)) => {
                outcome.failed.push(message);
                break;
            }
            Err(Failure::Fatal(message)) => {
                outcome.fatal = Some(message);
                break;
            }
        }
    }
    outcome
}

/// The failed items of a 207 answer, one message each.
fn batch_errors(path: &str, body: &Value) -> Vec<String> {
    let errors = body
        .get("errors")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    if errors.is_empty() {
        return vec![format!("POST {path}: HubSpot made only part of the batch")];
    }
    errors
        .iter()
        .map(|error| {
            let text = |key: &str| error.get(key).and_then(Value::as_str).unwrap_or("");
            let context = error
                .get("context")
                .map(Value::to_string)
                .unwrap_or_default();
            format!(
                "POST {path}: an item failed: {} {} {context}",
                text("category"),
                text("message")
            )
            .trim_end()
            .to_owned()
        })
        .collect()
}

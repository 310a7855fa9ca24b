//! The lifecycle and the pipelines as Salesforce's standard value sets.
//!
//! Salesforce has no custom lists for these: lead statuses are the `LeadStatus` set and deal
//! stages the `OpportunityStage` set, one each for the whole org. The lifecycle becomes the lead
//! statuses, with exactly one default and the statuses after the first handoff marked as
//! converted, because a lead that reaches the other team is converted into a contact and an
//! opportunity. The stages of every pipeline share the opportunity stages (sales processes only
//! pick from them), so stages that share a label become one value and must agree on probability
//! and outcome.

use super::limits::{MAX_STANDARD_VALUES, label_length_problem, too_many_values};
use super::metadata::Xml;
use super::{LEAD_STATUS, OPPORTUNITY_STAGE, SOURCE_ROOT, refuse, text};
use crate::base::span::{Span, Spanned};
use crate::diagnostic::{Diagnostic, Label};
use crate::export::names::humanize;
use crate::graph::Graph;
use crate::model::values::Outcome;
use crate::model::{Entry, Pipeline, PipelineStage, Playbook, Section, Stage};
use crate::render::Document;
use std::collections::HashMap;

/// One value of a standard value set. `closed`, `converted` and the opportunity attributes are
/// only written where the set has them.
pub(super) struct StandardValue {
    label: String,
    default: bool,
    closed: bool,
    converted: Option<bool>,
    opportunity: Option<OpportunityValue>,
}

struct OpportunityValue {
    forecast_category: &'static str,
    probability: u32,
    won: bool,
}

pub(super) fn value_set_document(name: &str, values: &[StandardValue]) -> Document {
    let content = Xml::document("StandardValueSet", |xml| {
        xml.flag("sorted", false);
        for value in values {
            xml.element("standardValue", |xml| standard_value(xml, value));
        }
    });
    text(
        format!("{SOURCE_ROOT}/standardValueSets/{name}.standardValueSet-meta.xml"),
        content,
    )
}

/// A `standardValue`: the `CustomValue` elements first, then the `StandardValue` ones.
fn standard_value(xml: &mut Xml, value: &StandardValue) {
    // The label is the API name too: lead statuses and stages are stored by their label.
    xml.leaf("fullName", &value.label);
    xml.flag("default", value.default);
    xml.leaf("label", &value.label);
    xml.flag("closed", value.closed);
    if let Some(converted) = value.converted {
        xml.flag("converted", converted);
    }
    if let Some(opportunity) = &value.opportunity {
        xml.leaf("forecastCategory", opportunity.forecast_category);
        xml.number("probability", opportunity.probability);
        xml.flag("won", opportunity.won);
    }
}

/// The label of a lifecycle or pipeline stage, and the span to point at for it.
fn stage_label(
    id: &crate::model::entities::Ref,
    title: Option<&Spanned<String>>,
) -> (String, Span) {
    match title {
        Some(title) => (title.value.clone(), title.span),
        None => (humanize(&id.value), id.span),
    }
}

// ---------------------------------------------------------------- LeadStatus

fn stage_entity(stage: &Entry<Stage>) -> String {
    Section::Lifecycle.entity(&stage.id.value)
}

/// The lifecycle as lead statuses, or `None` when the playbook has no lifecycle.
pub(super) fn lead_statuses(
    graph: &Graph<'_>,
    prune: bool,
) -> Result<Option<Vec<StandardValue>>, Vec<Diagnostic>> {
    let playbook = graph.playbook;
    let stages: Vec<&Entry<Stage>> = playbook.stages.iter().collect();
    let Some(first) = stages.first() else {
        return Ok(None);
    };
    let mut problems = Vec::new();
    let labels = stage_labels(&stages, &mut problems);
    let kept = if prune {
        0
    } else {
        kept_standard(STANDARD_LEAD_STATUSES.iter().map(|s| s.0), &labels)
    };
    if stages.len() + kept > MAX_STANDARD_VALUES {
        let extra = stages[MAX_STANDARD_VALUES
            .saturating_sub(kept)
            .min(stages.len() - 1)];
        problems.push(too_many_values(
            LEAD_STATUS,
            stages.len() + kept,
            extra.id.span,
            stage_entity(extra),
        ));
    }
    let converted = converted_stages(graph, &stages);
    if !converted.iter().any(|&c| c) {
        problems.push(refuse(
            stage_entity(first),
            playbook.lifecycle.unwrap_or(first.id.span),
            "no lifecycle stage converts a lead; Salesforce needs at least one converted lead status".to_owned(),
            "give the stage where a lead becomes a customer `outcome: won`, or hand leads over to another team",
        ));
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let values = stages
        .iter()
        .zip(labels)
        .zip(converted)
        .enumerate()
        .map(|(position, ((stage, label), converted))| StandardValue {
            label,
            // New leads get the first status; Salesforce needs exactly one default.
            default: position == 0,
            // A stage with an outcome ends the lifecycle.
            closed: stage.value.outcome.is_some(),
            converted: Some(converted),
            opportunity: None,
        })
        .collect();
    Ok(Some(with_standard(values, prune, standard_lead_statuses())))
}

/// Salesforce's own lead statuses: label, closed, converted.
const STANDARD_LEAD_STATUSES: [(&str, bool, bool); 4] = [
    ("Open - Not Contacted", false, false),
    ("Working - Contacted", false, false),
    ("Closed - Converted", true, true),
    ("Closed - Not Converted", true, false),
];

fn standard_lead_statuses() -> Vec<StandardValue> {
    STANDARD_LEAD_STATUSES
        .iter()
        .map(|&(label, closed, converted)| StandardValue {
            label: label.to_owned(),
            default: false,
            closed,
            converted: Some(converted),
            opportunity: None,
        })
        .collect()
}

/// Salesforce's own opportunity stages: label, probability, forecast category, closed, won.
const STANDARD_OPPORTUNITY_STAGES: [(&str, u32, &str, bool, bool); 10] = [
    ("Prospecting", 10, "Pipeline", false, false),
    ("Qualification", 10, "Pipeline", false, false),
    ("Needs Analysis", 20, "Pipeline", false, false),
    ("Value Proposition", 50, "Pipeline", false, false),
    ("Id. Decision Makers", 60, "Pipeline", false, false),
    ("Perception Analysis", 70, "Pipeline", false, false),
    ("Proposal/Price Quote", 75, "Pipeline", false, false),
    ("Negotiation/Review", 90, "Pipeline", false, false),
    ("Closed Won", 100, "Closed", true, true),
    ("Closed Lost", 0, "Omitted", true, false),
];

fn standard_opportunity_stages() -> Vec<StandardValue> {
    STANDARD_OPPORTUNITY_STAGES
        .iter()
        .map(
            |&(label, probability, forecast_category, closed, won)| StandardValue {
                label: label.to_owned(),
                default: false,
                closed,
                converted: None,
                opportunity: Some(OpportunityValue {
                    forecast_category,
                    probability,
                    won,
                }),
            },
        )
        .collect()
}

/// How many of Salesforce's own values a set keeps beside the playbook's `labels`.
fn kept_standard<'a>(standard: impl Iterator<Item = &'a str>, labels: &[String]) -> usize {
    standard
        .filter(|label| !labels.iter().any(|l| l.eq_ignore_ascii_case(label)))
        .count()
}

/// The playbook's values, followed (unless `prune`) by Salesforce's own values that the
/// playbook does not name: deploying a standard value set deactivates what it does not list,
/// so keeping them keeps them usable.
fn with_standard(
    mut values: Vec<StandardValue>,
    prune: bool,
    standard: Vec<StandardValue>,
) -> Vec<StandardValue> {
    if prune {
        return values;
    }
    for value in standard {
        if !values
            .iter()
            .any(|v| v.label.eq_ignore_ascii_case(&value.label))
        {
            values.push(value);
        }
    }
    values
}

/// The labels of the lifecycle stages; Salesforce needs them distinct and at most 255 characters.
fn stage_labels(stages: &[&Entry<Stage>], problems: &mut Vec<Diagnostic>) -> Vec<String> {
    let mut seen: HashMap<String, &Entry<Stage>> = HashMap::new();
    let mut labels = Vec::new();
    for stage in stages {
        let (label, span) = stage_label(&stage.id, stage.value.title.as_ref());
        let what = format!("stage `{}`", stage.id.value);
        problems.extend(label_length_problem(
            stage_entity(stage),
            &label,
            span,
            &what,
        ));
        match seen.get(&label.to_lowercase()) {
            Some(first) => problems.push(
                refuse(
                    stage_entity(stage),
                    span,
                    format!(
                        "stage `{}` has the label `{label}`, like stage `{}`; lead statuses need distinct labels",
                        stage.id.value, first.id.value
                    ),
                    "give one of the two stages another `title`",
                )
                .with_related(Label::new(first.id.span, "first used here")),
            ),
            None => {
                seen.insert(label.to_lowercase(), stage);
            }
        }
        labels.push(label);
    }
    labels
}

fn is(outcome: Option<&Spanned<Outcome>>, expected: Outcome) -> bool {
    outcome.is_some_and(|outcome| outcome.value == expected)
}

/// Which stages are converted statuses. A lead converts when it reaches the other team: from the
/// receiving stage of the first handoff on, in list order, except lost stages. Without a handoff
/// (or when that leaves nothing) the won stages.
fn converted_stages(graph: &Graph<'_>, stages: &[&Entry<Stage>]) -> Vec<bool> {
    let start = graph
        .handoffs()
        .first()
        .and_then(|handoff| stages.iter().position(|s| s.id.value == handoff.edge.to));
    if let Some(start) = start {
        let after_handoff: Vec<bool> = stages
            .iter()
            .enumerate()
            .map(|(position, stage)| {
                position >= start && !is(stage.value.outcome.as_ref(), Outcome::Lost)
            })
            .collect();
        if after_handoff.iter().any(|&c| c) {
            return after_handoff;
        }
    }
    stages
        .iter()
        .map(|stage| is(stage.value.outcome.as_ref(), Outcome::Won))
        .collect()
}

// ---------------------------------------------------------------- OpportunityStage

/// A pipeline stage as an opportunity stage, and where it comes from.
struct OpportunityStage<'p> {
    label: String,
    span: Span,
    pipeline: &'p str,
    stage: &'p PipelineStage,
    probability: u32,
    outcome: Option<Outcome>,
}

fn pipeline_entity(pipeline: &str) -> String {
    Section::Pipelines.entity(pipeline)
}

/// Every pipeline's stages as one list of opportunity stages, merged by label, or `None` when
/// the playbook has no pipelines.
pub(super) fn opportunity_stages(
    playbook: &Playbook,
    prune: bool,
) -> Result<Option<Vec<StandardValue>>, Vec<Diagnostic>> {
    if playbook.pipelines.is_empty() {
        return Ok(None);
    }
    let mut problems = Vec::new();
    let mut merged: Vec<OpportunityStage<'_>> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    for pipeline in &playbook.pipelines {
        for stage in pipeline_stages(pipeline) {
            let Some(stage) = opportunity_stage(pipeline, stage, &mut problems) else {
                continue;
            };
            // One value per label, whatever its case: Salesforce would not tell them apart.
            let key = stage.label.to_lowercase();
            match index.get(&key).and_then(|&position| merged.get(position)) {
                Some(first) => problems.extend(stage_conflict(first, &stage)),
                None => {
                    index.insert(key, merged.len());
                    merged.push(stage);
                }
            }
        }
    }
    let kept = if prune {
        0
    } else {
        let labels: Vec<String> = merged.iter().map(|m| m.label.clone()).collect();
        kept_standard(STANDARD_OPPORTUNITY_STAGES.iter().map(|s| s.0), &labels)
    };
    if merged.len() + kept > MAX_STANDARD_VALUES {
        let extra = &merged[MAX_STANDARD_VALUES
            .saturating_sub(kept)
            .min(merged.len().saturating_sub(1))];
        problems.push(too_many_values(
            OPPORTUNITY_STAGE,
            merged.len() + kept,
            extra.span,
            pipeline_entity(extra.pipeline),
        ));
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(Some(with_standard(
        merged.iter().map(opportunity_value).collect(),
        prune,
        standard_opportunity_stages(),
    )))
}

fn pipeline_stages(pipeline: &Entry<Pipeline>) -> impl Iterator<Item = &PipelineStage> {
    pipeline.value.stages.iter()
}

/// A pipeline stage with its label and whole-number probability, or `None` after adding why it
/// has none to `problems`.
fn opportunity_stage<'p>(
    pipeline: &'p Entry<Pipeline>,
    stage: &'p PipelineStage,
    problems: &mut Vec<Diagnostic>,
) -> Option<OpportunityStage<'p>> {
    let id = &stage.id.value;
    let pipeline_id = pipeline.id.value.as_str();
    let (label, span) = stage_label(&stage.id, stage.title.as_ref());
    let what = format!("stage `{id}` of pipeline `{pipeline_id}`");
    let too_long = label_length_problem(pipeline_entity(pipeline_id), &label, span, &what);
    let outcome = stage.outcome.as_ref().map(|outcome| outcome.value);
    let probability = match (&stage.probability, outcome) {
        (Some(probability), _) => Some(percent(probability.value.0)),
        (None, Some(Outcome::Won)) => Some(100),
        (None, Some(Outcome::Lost)) => Some(0),
        (None, None) => None,
    };
    if probability.is_none() {
        problems.push(refuse(
            pipeline_entity(pipeline_id),
            stage.id.span,
            format!("{what} has no probability; Salesforce needs one for every opportunity stage"),
            "add `probability:` from 0.0 to 1.0",
        ));
    }
    if let Some(problem) = too_long {
        problems.push(problem);
        return None;
    }
    Some(OpportunityStage {
        label,
        span,
        pipeline: pipeline_id,
        stage,
        probability: probability?,
        outcome,
    })
}

/// A share from 0.0 to 1.0 as a whole percentage, the way Salesforce stores probabilities.
fn percent(share: f64) -> u32 {
    // The loader keeps shares within 0.0..=1.0; the clamp keeps the conversion exact anyway.
    (share * 100.0).round().clamp(0.0, 100.0) as u32
}

/// Two stages with one label are one Salesforce value, so they must agree.
fn stage_conflict(
    first: &OpportunityStage<'_>,
    later: &OpportunityStage<'_>,
) -> Option<Diagnostic> {
    if first.probability == later.probability && first.outcome == later.outcome {
        return None;
    }
    let describe = |stage: &OpportunityStage<'_>| {
        let state = match stage.outcome {
            Some(Outcome::Won) => "won",
            Some(Outcome::Lost) => "lost",
            None => "open",
        };
        format!("{state} with probability {}", stage.probability)
    };
    Some(
        refuse(
            pipeline_entity(later.pipeline),
            later.span,
            format!(
                "stage `{}` of pipeline `{}` and stage `{}` of pipeline `{}` are both `{}`, but one is {} and the other {}",
                later.stage.id.value,
                later.pipeline,
                first.stage.id.value,
                first.pipeline,
                later.label,
                describe(later),
                describe(first)
            ),
            "Salesforce has one list of opportunity stages for all pipelines: give the two stages the same probability and outcome, or different titles",
        )
        .with_related(Label::new(first.span, "first defined here")),
    )
}

fn opportunity_value(stage: &OpportunityStage<'_>) -> StandardValue {
    let won = stage.outcome == Some(Outcome::Won);
    StandardValue {
        label: stage.label.clone(),
        // Salesforce gives new opportunities no default stage; the owner picks one.
        default: false,
        closed: stage.outcome.is_some(),
        converted: None,
        opportunity: Some(OpportunityValue {
            forecast_category: forecast_category(stage.outcome, stage.probability),
            probability: stage.probability,
            won,
        }),
    }
}

/// The forecast category of a stage: closed stages by their outcome, open ones by how likely
/// they are to close. The whole percentage decides, so the category matches the probability
/// Salesforce shows.
fn forecast_category(outcome: Option<Outcome>, probability: u32) -> &'static str {
    match outcome {
        Some(Outcome::Won) => "Closed",
        Some(Outcome::Lost) => "Omitted",
        None if probability >= 70 => "Forecast",
        None if probability >= 40 => "BestCase",
        None => "Pipeline",
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{LIFECYCLE, PIPELINES, documents, file, paths, refusals};
    use super::*;

    /// The text of every `<name>` element under the `standardValue` whose fullName is `value`.
    fn standard_value_of(xml: &str, value: &str) -> String {
        xml.split("<standardValue>")
            .find(|part| part.contains(&format!("<fullName>{value}</fullName>")))
            .unwrap_or_else(|| panic!("no value {value} in {xml}"))
            .to_owned()
    }

    #[test]
    fn one_default_lead_status_and_converted_after_the_handoff() {
        let documents = documents(LIFECYCLE);
        let xml = file(
            &documents,
            &format!("{SOURCE_ROOT}/standardValueSets/LeadStatus.standardValueSet-meta.xml"),
        );
        assert_eq!(xml.matches("<default>true</default>").count(), 1);
        let new = standard_value_of(&xml, "New inquiry");
        assert!(new.contains("<default>true</default>"));
        assert!(new.contains("<converted>false</converted>"));
        assert!(standard_value_of(&xml, "Mql").contains("<converted>false</converted>"));
        // mql → sql is the handoff from marketing to sales.
        assert!(standard_value_of(&xml, "Sql").contains("<converted>true</converted>"));
        let won = standard_value_of(&xml, "Customer");
        assert!(
            won.contains("<closed>true</closed>") && won.contains("<converted>true</converted>")
        );
        let lost = standard_value_of(&xml, "Lost");
        assert!(
            lost.contains("<closed>true</closed>") && lost.contains("<converted>false</converted>")
        );
        assert!(
            new.find("<fullName>").unwrap() < new.find("<default>").unwrap()
                && new.find("<label>").unwrap() < new.find("<closed>").unwrap()
                && new.find("<closed>").unwrap() < new.find("<converted>").unwrap()
        );
        assert!(file(&documents, "manifest/package.xml").contains("<members>LeadStatus</members>"));
    }

    #[test]
    fn without_a_handoff_won_stages_convert() {
        let documents = documents(
            "lifecycle:
  stages:
    - { id: open }
    - { id: done, outcome: won }
",
        );
        let xml = file(
            &documents,
            &format!("{SOURCE_ROOT}/standardValueSets/LeadStatus.standardValueSet-meta.xml"),
        );
        assert!(standard_value_of(&xml, "Open").contains("<converted>false</converted>"));
        assert!(standard_value_of(&xml, "Done").contains("<converted>true</converted>"));
        // No pipelines, no OpportunityStage.
        assert!(
            !paths(&documents)
                .iter()
                .any(|path| path.contains(OPPORTUNITY_STAGE))
        );
    }

    #[test]
    fn a_lifecycle_without_conversion_is_refused() {
        let problems = refusals(
            "lifecycle:
  stages:
    - { id: open }
    - { id: gone, outcome: lost }
",
        );
        assert_eq!(problems.len(), 1);
        assert!(
            problems[0]
                .message
                .contains("at least one converted lead status")
        );
    }

    #[test]
    fn opportunity_stages_carry_won_closed_probability_and_forecast() {
        let documents = documents(PIPELINES);
        let xml = file(
            &documents,
            &format!("{SOURCE_ROOT}/standardValueSets/OpportunityStage.standardValueSet-meta.xml"),
        );
        // Merged by label: two `Offer sent` and two `Lost` become one value each.
        assert_eq!(xml.matches("<standardValue>").count(), 5);
        let value = |label: &str| {
            standard_value_of(&xml, label)
                .lines()
                .map(str::trim)
                .filter(|line| !line.starts_with("</standardValue"))
                .collect::<Vec<_>>()
                .join(" ")
        };
        assert_eq!(
            value("First talk").trim(),
            "<fullName>First talk</fullName> <default>false</default> <label>First talk</label> <closed>false</closed> <forecastCategory>Pipeline</forecastCategory> <probability>10</probability> <won>false</won>"
        );
        assert!(value("Offer sent").contains(
            "<forecastCategory>BestCase</forecastCategory> <probability>45</probability>"
        ));
        assert!(value("Contract").contains(
            "<forecastCategory>Forecast</forecastCategory> <probability>70</probability>"
        ));
        assert!(value("Signed").contains(
            "<closed>true</closed> <forecastCategory>Closed</forecastCategory> <probability>100</probability> <won>true</won>"
        ));
        assert!(value("Lost").contains(
            "<closed>true</closed> <forecastCategory>Omitted</forecastCategory> <probability>0</probability> <won>false</won>"
        ));
        assert!(
            file(&documents, "manifest/package.xml")
                .contains("<members>OpportunityStage</members>")
        );
    }

    #[test]
    fn conflicting_stages_across_pipelines_are_refused() {
        let problems = refusals(
            "pipelines:
  events:
    title: Events
    stages:
      - { id: offer-sent, title: Offer sent, probability: 0.4 }
      - { id: won, title: Won, outcome: won }
  weddings:
    title: Weddings
    stages:
      - { id: wedding-offer, title: Offer sent, probability: 0.45 }
      - { id: wedding-won, title: Won, outcome: lost }
      - { id: maybe }
",
        );
        let messages: Vec<&str> = problems.iter().map(|p| p.message.as_str()).collect();
        assert_eq!(problems.len(), 3, "{messages:#?}");
        assert_eq!(
            messages[0],
            "salesforce: stage `wedding-offer` of pipeline `weddings` and stage `offer-sent` of pipeline `events` are both `Offer sent`, but one is open with probability 45 and the other open with probability 40"
        );
        assert!(messages[1].contains("`wedding-won`") && messages[1].contains("one is lost"));
        assert!(messages[2].contains("stage `maybe` of pipeline `weddings` has no probability"));
        assert_eq!(problems[0].related.len(), 1);
    }

    #[test]
    fn salesforce_values_are_kept_unless_pruned() {
        let documents =
            super::super::testing::documents_keeping_standard(&format!("{LIFECYCLE}{PIPELINES}"));
        let statuses = file(
            &documents,
            &format!("{SOURCE_ROOT}/standardValueSets/LeadStatus.standardValueSet-meta.xml"),
        );
        let labels: Vec<&str> = statuses
            .lines()
            .filter_map(|l| l.trim().strip_prefix("<label>"))
            .filter_map(|l| l.strip_suffix("</label>"))
            .collect();
        assert_eq!(
            labels,
            [
                "New inquiry",
                "Mql",
                "Sql",
                "Customer",
                "Lost",
                "Open - Not Contacted",
                "Working - Contacted",
                "Closed - Converted",
                "Closed - Not Converted"
            ]
        );
        assert_eq!(statuses.matches("<default>true</default>").count(), 1);
        let stages = file(
            &documents,
            &format!("{SOURCE_ROOT}/standardValueSets/OpportunityStage.standardValueSet-meta.xml"),
        );
        assert!(stages.contains("<fullName>Negotiation/Review</fullName>"));
        assert_eq!(stages.matches("<fullName>Lost</fullName>").count(), 1);
        let pruned = super::super::testing::documents(&format!("{LIFECYCLE}{PIPELINES}"));
        assert!(
            !file(
                &pruned,
                &format!("{SOURCE_ROOT}/standardValueSets/LeadStatus.standardValueSet-meta.xml")
            )
            .contains("Open - Not Contacted")
        );
    }
}

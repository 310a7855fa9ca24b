//! The entities of a playbook, one struct each, exactly as authors write them.
//!
//! These types are the single declaration of the format: the loader deserializes them, schemars
//! turns them into `schemas/playbook.schema.json`, and their doc comments become the schema's
//! descriptions that editors show on hover. References stay as spanned names here; resolution
//! checks them against their namespaces later.

use super::calendar::When;
use super::criterion::Criterion;
use super::one_or_many::OneOrMany;
use super::options::Options;
use super::values::{
    Cadence, ChannelKind, CurrencyCode, Date, Duration, FieldObject, FieldType, Money, Outcome,
    Probability, SystemKind, Target, Unit,
};
use crate::base::span::Spanned;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

pub use super::name::Name;

/// A name that refers to another entity.
pub type Ref = Spanned<Name>;
/// The names a task lists under one RACI letter or dependency key, written as one name or a list:
/// mostly one, so the first is kept in place instead of in an allocation of its own.
pub type Refs = OneOrMany<Ref>;
pub type Text = Spanned<String>;

/// A team: marketing, sales & events, customer success...
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Team {
    /// The team's display name.
    pub name: Text,
    /// The person who leads the team.
    pub lead: Option<Ref>,
    pub description: Option<Text>,
}

/// A person who takes part in the playbook.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Person {
    /// Full name.
    pub name: Text,
    /// The team the person belongs to.
    pub team: Option<Ref>,
    /// Job title, like "Head of Marketing".
    pub role: Option<Text>,
    pub email: Option<Text>,
    pub description: Option<Text>,
}

/// A goal both teams work towards.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Goal {
    pub title: Text,
    /// Parties that own the goal (one, or a list); two teams or more make it a shared goal.
    #[serde(default)]
    pub owners: OneOrMany<Ref>,
    /// KPIs that measure progress towards the goal.
    #[serde(default)]
    pub kpis: Vec<Ref>,
    pub due: Option<Spanned<Date>>,
    pub description: Option<Text>,
}

/// A key performance indicator.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Kpi {
    pub title: Text,
    /// The party answerable for the number.
    pub owner: Option<Ref>,
    pub unit: Option<Spanned<Unit>>,
    /// How the number is computed, in words or as a formula.
    pub formula: Option<Text>,
    /// A comparator and a number, or an inclusive range, with an optional unit: ">= 25",
    /// ">= 25 %", "<= 15 minutes", "20..30 %". A KPI without `unit` takes the target's.
    pub target: Option<Spanned<Target>>,
    /// How often the KPI must be looked at.
    pub review: Option<Spanned<Cadence>>,
    pub description: Option<Text>,
}

impl Kpi {
    /// Without a `unit` of its own, the KPI counts in the unit its target names, and the unit
    /// points at the target.
    pub fn take_target_unit(&mut self) {
        if self.unit.is_some() {
            return;
        }
        if let Some(target) = &self.target
            && let Some(unit) = &target.value.unit
        {
            self.unit = Some(Spanned {
                value: unit.clone(),
                span: target.span,
            });
        }
    }
}

/// A piece of shared guest or contact data, exported as a CRM property.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Field {
    /// The label people see in the CRM.
    pub label: Text,
    #[serde(rename = "type")]
    pub field_type: Spanned<FieldType>,
    /// The CRM object the field belongs to (default: contact).
    pub object: Option<Spanned<FieldObject>>,
    /// The currency of a `currency` field, an ISO 4217 code like `EUR`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub currency: Option<Spanned<CurrencyCode>>,
    /// Whether the field must be filled in.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub required: Option<bool>,
    /// The allowed values of an `enum` or `multi_enum` field: a list of ids, or a map from id to
    /// the label people see.
    #[serde(default)]
    pub options: Options,
    /// The party that captures the value.
    pub captured_by: Option<Ref>,
    pub description: Option<Text>,
}

/// The lead lifecycle: what makes a lead qualified and how leads are handed over.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Lifecycle {
    /// The stages in order; without `next`, a stage is followed by the one after it.
    pub stages: Vec<Stage>,
}

/// A stage of the lead lifecycle.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Stage {
    pub id: Ref,
    pub title: Option<Text>,
    /// The party that owns leads in this stage.
    pub owner: Option<Ref>,
    /// The CRM's name for this stage, like `marketingqualifiedlead`.
    pub crm: Option<Text>,
    /// What makes a lead fit for this stage.
    #[serde(default)]
    pub criteria: Vec<Spanned<Criterion>>,
    /// How fast a lead in this stage must be picked up.
    pub sla: Option<Spanned<Duration>>,
    /// Where a rejected lead goes back to.
    pub rejected_to: Option<Ref>,
    #[serde(default)]
    pub reject_reasons: Vec<Ref>,
    /// The stages that may follow; without it, the next stage in the list.
    pub next: Option<Spanned<Vec<Ref>>>,
    /// How a lead in this stage ends: `won` or `lost`.
    pub outcome: Option<Spanned<Outcome>>,
    /// KPIs measured at this stage.
    #[serde(default)]
    pub kpis: Vec<Ref>,
    pub description: Option<Text>,
}

/// A deal pipeline, exported to the CRM.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Pipeline {
    pub title: Text,
    pub stages: Vec<PipelineStage>,
    pub description: Option<Text>,
}

/// A stage of a deal pipeline.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct PipelineStage {
    pub id: Ref,
    pub title: Option<Text>,
    /// The chance that a deal in this stage closes, from 0.0 to 1.0.
    pub probability: Option<Spanned<Probability>>,
    pub outcome: Option<Spanned<Outcome>>,
}

/// A task with its RACI.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Task {
    pub title: Text,
    /// The one party who answers for the task, ideally a person.
    pub accountable: Option<Spanned<OneOrMany<Ref>>>,
    /// Parties who do the work.
    #[serde(default)]
    pub responsible: Refs,
    /// Parties asked before decisions.
    #[serde(default)]
    pub consulted: Refs,
    /// Parties told about the outcome.
    #[serde(default)]
    pub informed: Refs,
    /// Tasks that must be done first.
    #[serde(default)]
    pub depends_on: Refs,
    pub goal: Option<Ref>,
    #[serde(default)]
    pub kpis: Refs,
    pub due: Option<Spanned<Date>>,
    /// For recurring tasks, instead of `due`.
    pub cadence: Option<Spanned<Cadence>>,
    pub description: Option<Text>,
}

/// A recurring meeting.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Meeting {
    pub title: Text,
    pub cadence: Option<Spanned<Cadence>>,
    /// The day, time and length of the meeting: `{ day: monday, time: "09:30", duration: 45m }`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub when: Option<When>,
    pub owner: Option<Ref>,
    #[serde(default)]
    pub attendees: Vec<Ref>,
    /// Where the meeting takes place.
    pub channel: Option<Ref>,
    /// KPIs looked at in the meeting.
    #[serde(default)]
    pub reviews: Vec<Ref>,
    #[serde(default)]
    pub agenda: Vec<Text>,
    pub description: Option<Text>,
}

/// A way to talk: a chat room, a video call, a mailing list.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Channel {
    pub kind: Spanned<ChannelKind>,
    /// The product used, like `slack` or `teams`.
    pub tool: Option<Text>,
    /// Where to find it, like `#smarketing`.
    pub address: Option<Text>,
    pub description: Option<Text>,
}

/// Feedback that flows from one party back to another, usually from sales to marketing.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct FeedbackLoop {
    pub from: Ref,
    /// The party (or parties) the feedback goes to.
    #[serde(serialize_with = "one_or_list")]
    pub to: OneOrMany<Ref>,
    /// What the feedback is about.
    pub about: Option<Text>,
    /// The meeting or channel that carries the feedback.
    pub via: Option<Ref>,
    pub cadence: Option<Spanned<Cadence>>,
    /// KPIs the feedback helps to improve.
    #[serde(default)]
    pub improves: Vec<Ref>,
    pub description: Option<Text>,
}

/// One party as a name, several as a list, as the author would write them; documents made for a
/// single party keep working.
fn one_or_list<S: serde::Serializer>(
    parties: &OneOrMany<Ref>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match &parties[..] {
        [one] => one.serialize(serializer),
        many => many.serialize(serializer),
    }
}

/// A joint campaign.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Campaign {
    pub title: Text,
    /// Parties that run the campaign (one, or a list).
    #[serde(default)]
    pub owners: OneOrMany<Ref>,
    pub goal: Option<Ref>,
    #[serde(default)]
    pub kpis: Vec<Ref>,
    /// Who the campaign is for.
    pub audience: Option<Text>,
    pub starts: Option<Spanned<Date>>,
    pub ends: Option<Spanned<Date>>,
    /// What the campaign may spend, like "12000 EUR".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub budget: Option<Spanned<Money>>,
    pub description: Option<Text>,
}

/// A software system in use: the CRM, marketing automation, the property management system.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct System {
    pub kind: Spanned<SystemKind>,
    /// The product, like `hubspot` or `salesforce`.
    pub product: Option<Text>,
    pub owner: Option<Ref>,
    pub description: Option<Text>,
}

//! The resolved model: the playbook as later stages and user templates see it.
//!
//! Entities keep every key the author wrote and gain what compiling adds: each has its `id`;
//! teams list their members; goals say whether they are shared; stages carry their team, their
//! resolved `next` stages and the handoffs; tasks come with their dependency order. Spans are
//! gone: this is data for documents, not for diagnostics. [`views`] adds the derived views
//! documents are made of (RACI, checklists, onboarding), and [`docs`] describes the whole model
//! for template authors.
//!
//! Values documents show come twice: as written (`target: ">= 25"`, for logic) and ready to
//! show, in the documents' language, in a key of the same name ending in `_text`
//! (`target_text: "≥ 25 %"`), made by [`format`] with the words of [`texts`].

pub mod docs;
pub mod format;
pub mod texts;
pub mod views;

use crate::graph::Graph;
use crate::model::Entries;
use crate::model::values::Language;
use schemars::JsonSchema;
use serde::Serialize;

/// An entity with its id first, then its own keys, then what compiling adds.
#[derive(Serialize, JsonSchema)]
pub struct View<'p, T: Serialize + JsonSchema, X: Serialize + JsonSchema> {
    pub id: &'p str,
    #[serde(flatten)]
    pub value: &'p T,
    #[serde(flatten)]
    pub extra: X,
}

#[derive(Serialize, JsonSchema)]
pub struct NoExtra {}

#[derive(Serialize, JsonSchema)]
pub struct TeamExtra<'p> {
    pub members: Vec<&'p str>,
}

#[derive(Serialize, JsonSchema)]
pub struct GoalExtra<'p> {
    /// Teams among the owners (people count as their team).
    pub teams: Vec<&'p str>,
    pub shared: bool,
    /// `due` as the language writes dates: `31 Dec 2027`, `31.12.2027`.
    pub due_text: Option<String>,
}

#[derive(Serialize, JsonSchema)]
pub struct KpiExtra {
    /// The target with its unit (the target's, else the KPI's): `≥ 25 %`, `≥ 1,850,000 EUR`,
    /// `20–30 %`, `≤ 21 days`.
    pub target_text: Option<String>,
    /// The unit as it follows a number: `%`, `EUR`, `days`; empty for plain counts.
    pub unit_text: Option<String>,
    /// `review` in words: `weekly`, `every two weeks`.
    pub review_text: Option<String>,
}

/// An option of an `enum` or `multi_enum` field with the label people see (the id when it has
/// none).
#[derive(Serialize, JsonSchema)]
pub struct OptionView<'p> {
    pub id: &'p str,
    pub label: &'p str,
}

#[derive(Serialize, JsonSchema)]
pub struct FieldExtra<'p> {
    /// The options with their labels, whether they were written as a list or as a map.
    pub choices: Vec<OptionView<'p>>,
}

#[derive(Serialize, JsonSchema)]
pub struct StageExtra<'p> {
    pub team: Option<&'p str>,
    /// The criteria as sentences, with the field's label and the options' labels:
    /// `Lead score ≥ 50`, `Event type is Wedding or Conference`.
    pub criteria_text: Vec<String>,
    /// The stages that follow, written or implied by list order.
    pub next_stages: Vec<&'p str>,
    /// `sla` in words: `24 hours`, `1 business day`.
    pub sla_text: Option<String>,
    /// The reject reasons in words: `no-budget` is `No budget`.
    pub reject_reasons_text: Vec<String>,
}

#[derive(Serialize, JsonSchema)]
pub struct TaskExtra {
    /// Position in dependency order, from 1.
    pub order: usize,
    /// `due` as the language writes dates.
    pub due_text: Option<String>,
    /// `cadence` in words.
    pub cadence_text: Option<String>,
}

#[derive(Serialize, JsonSchema)]
pub struct MeetingExtra {
    /// `cadence` in words.
    pub cadence_text: Option<String>,
    /// When the meeting happens, in words: `weekly on Tuesday, 09:30–10:15 (45 minutes)`.
    pub when_text: Option<String>,
    /// Where it happens: the channel named by what it is and its address.
    pub channel_text: Option<String>,
}

#[derive(Serialize, JsonSchema)]
pub struct ChannelExtra {
    /// The channel named by what it is, its tool and address: `#smarketing (chat in Microsoft
    /// Teams)`, `video call in Microsoft Teams`.
    pub name_text: String,
}

#[derive(Serialize, JsonSchema)]
pub struct FeedbackExtra {
    /// `cadence` in words.
    pub cadence_text: Option<String>,
    /// The meeting (its title) or channel (its name) that carries the feedback.
    pub via_text: Option<String>,
}

#[derive(Serialize, JsonSchema)]
pub struct CampaignExtra {
    /// `budget` the language's way: `12,000 EUR`.
    pub budget_text: Option<String>,
    /// `starts` as the language writes dates.
    pub starts_text: Option<String>,
    /// `ends` as the language writes dates.
    pub ends_text: Option<String>,
}

#[derive(Serialize, JsonSchema)]
pub struct SystemExtra {
    /// What the system is for, in words: `CRM`, `booking engine`.
    pub kind_text: &'static str,
}

#[derive(Serialize, JsonSchema)]
pub struct Handoff<'p> {
    pub from_stage: &'p str,
    pub to_stage: &'p str,
    /// The title of `from_stage` (its id when it has none).
    pub from_title: &'p str,
    /// The title of `to_stage` (its id when it has none).
    pub to_title: &'p str,
    pub from_team: &'p str,
    pub to_team: &'p str,
    pub sla: Option<String>,
    /// `sla` in words.
    pub sla_text: Option<String>,
}

/// The party to ask about a topic.
#[derive(Serialize, JsonSchema)]
pub struct ContactView<'p> {
    pub topic: &'p str,
    /// The topic in words: `lead-quality` is `Lead quality`.
    pub topic_text: String,
    pub party: &'p str,
}

#[derive(Serialize, JsonSchema)]
pub struct Meta<'p> {
    pub id: Option<&'p str>,
    pub title: Option<&'p str>,
    pub description: Option<&'p str>,
    pub version: i64,
}

#[derive(Serialize, JsonSchema)]
pub struct Compiled<'p> {
    /// The language the `*_text` values and the documents are in: `en` or `de`.
    pub lang: Language,
    pub playbook: Meta<'p>,
    pub teams: Vec<View<'p, crate::model::Team, TeamExtra<'p>>>,
    pub people: Vec<View<'p, crate::model::Person, NoExtra>>,
    pub goals: Vec<View<'p, crate::model::Goal, GoalExtra<'p>>>,
    pub kpis: Vec<View<'p, crate::model::Kpi, KpiExtra>>,
    pub fields: Vec<View<'p, crate::model::Field, FieldExtra<'p>>>,
    pub lifecycle: Vec<View<'p, crate::model::Stage, StageExtra<'p>>>,
    pub handoffs: Vec<Handoff<'p>>,
    pub pipelines: Vec<View<'p, crate::model::Pipeline, NoExtra>>,
    /// Tasks in file order; `task_order` lists their ids in dependency order.
    pub tasks: Vec<View<'p, crate::model::Task, TaskExtra>>,
    pub task_order: Vec<&'p str>,
    pub meetings: Vec<View<'p, crate::model::Meeting, MeetingExtra>>,
    pub channels: Vec<View<'p, crate::model::Channel, ChannelExtra>>,
    pub contacts: Vec<ContactView<'p>>,
    pub feedback_loops: Vec<View<'p, crate::model::FeedbackLoop, FeedbackExtra>>,
    pub campaigns: Vec<View<'p, crate::model::Campaign, CampaignExtra>>,
    pub systems: Vec<View<'p, crate::model::System, SystemExtra>>,
    /// The playbook's `calendar`, when it has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub calendar: Option<&'p crate::model::Calendar>,
    /// The RACI matrix: parties as columns, tasks (in dependency order) as rows.
    pub raci: views::Raci<'p>,
    /// One checklist per team.
    pub checklists: Vec<views::Checklist<'p>>,
    /// One onboarding page per person.
    pub onboarding: Vec<views::Onboarding<'p>>,
}

fn plain<'p, T: Serialize + JsonSchema>(section: &'p Entries<T>) -> Vec<View<'p, T, NoExtra>> {
    with(section, |_| NoExtra {})
}

/// Every entity of a section with what `extra` adds to it.
fn with<'p, T: Serialize + JsonSchema, X: Serialize + JsonSchema>(
    section: &'p Entries<T>,
    extra: impl Fn(&'p T) -> X,
) -> Vec<View<'p, T, X>> {
    section
        .iter()
        .map(|entry| View {
            id: &entry.id.value,
            value: &entry.value,
            extra: extra(&entry.value),
        })
        .collect()
}

/// The compiled model, its `*_text` values in `language`.
pub fn compile<'p>(graph: &Graph<'p>, language: Language) -> Compiled<'p> {
    let playbook = graph.playbook;
    let order = graph.task_order();
    let rank: std::collections::HashMap<&str, usize> = order
        .iter()
        .enumerate()
        .map(|(i, id)| (*id, i + 1))
        .collect();
    let edges = graph.stage_edges();
    let date = |d: &crate::base::span::Spanned<crate::model::values::Date>| {
        format::date(d.value, language)
    };
    let cadence = |c: &crate::base::span::Spanned<crate::model::values::Cadence>| {
        format::cadence(c.value, language).to_owned()
    };
    let duration = |d: &crate::base::span::Spanned<crate::model::values::Duration>| {
        format::duration(&d.value, language)
    };
    Compiled {
        lang: language,
        playbook: Meta {
            id: playbook.id.as_ref().map(|id| id.value.as_str()),
            title: playbook.title.as_ref().map(|t| t.value.as_str()),
            description: playbook.description.as_ref().map(|d| d.value.as_str()),
            version: playbook.version.as_ref().map_or(1, |v| v.value),
        },
        teams: playbook
            .teams
            .iter()
            .map(|team| View {
                id: &team.id.value,
                value: &team.value,
                extra: TeamExtra {
                    members: playbook
                        .people
                        .iter()
                        .filter(|person| {
                            person
                                .value
                                .team
                                .as_ref()
                                .is_some_and(|t| t.value == team.id.value)
                        })
                        .map(|person| person.id.value.as_str())
                        .collect(),
                },
            })
            .collect(),
        people: plain(&playbook.people),
        goals: playbook
            .goals
            .iter()
            .map(|goal| {
                let teams = views::owning_teams(graph, &goal.value);
                View {
                    id: &goal.id.value,
                    value: &goal.value,
                    extra: GoalExtra {
                        shared: teams.len() >= 2,
                        teams,
                        due_text: goal.value.due.as_ref().map(date),
                    },
                }
            })
            .collect(),
        kpis: with(&playbook.kpis, |kpi| KpiExtra {
            target_text: kpi
                .target
                .as_ref()
                .map(|t| format::target(&t.value, kpi.unit.as_ref().map(|u| &u.value), language)),
            unit_text: kpi.unit.as_ref().map(|u| format::unit(&u.value, language)),
            review_text: kpi.review.as_ref().map(cadence),
        }),
        fields: with(&playbook.fields, |field| FieldExtra {
            choices: field
                .options
                .iter()
                .enumerate()
                .map(|(index, id)| OptionView {
                    id: &id.value,
                    label: field.options.label(index).unwrap_or(&id.value),
                })
                .collect(),
        }),
        lifecycle: playbook
            .stages
            .iter()
            .map(|stage| View {
                id: &stage.id.value,
                value: &stage.value,
                extra: StageExtra {
                    team: graph.stage_team(&stage.id.value),
                    criteria_text: stage
                        .value
                        .criteria
                        .iter()
                        .map(|c| format::criterion(&c.value, &playbook.fields, language))
                        .collect(),
                    next_stages: edges
                        .iter()
                        .filter(|e| e.from == stage.id.value)
                        .map(|e| e.to)
                        .collect(),
                    sla_text: stage.value.sla.as_ref().map(duration),
                    reject_reasons_text: stage
                        .value
                        .reject_reasons
                        .iter()
                        .map(|r| format::humanize(&r.value))
                        .collect(),
                },
            })
            .collect(),
        handoffs: graph
            .handoffs()
            .into_iter()
            .map(|handoff| {
                let sla = playbook
                    .stages
                    .get(handoff.edge.to)
                    .and_then(|stage| stage.value.sla.as_ref());
                Handoff {
                    from_stage: handoff.edge.from,
                    to_stage: handoff.edge.to,
                    from_title: views::stage_title(playbook, handoff.edge.from),
                    to_title: views::stage_title(playbook, handoff.edge.to),
                    from_team: handoff.from_team,
                    to_team: handoff.to_team,
                    sla: sla.map(|sla| sla.value.to_string()),
                    sla_text: sla.map(duration),
                }
            })
            .collect(),
        pipelines: plain(&playbook.pipelines),
        tasks: playbook
            .tasks
            .iter()
            .map(|task| View {
                id: &task.id.value,
                value: &task.value,
                extra: TaskExtra {
                    order: rank.get(task.id.value.as_str()).copied().unwrap_or(0),
                    due_text: task.value.due.as_ref().map(date),
                    cadence_text: task.value.cadence.as_ref().map(cadence),
                },
            })
            .collect(),
        task_order: order.clone(),
        meetings: with(&playbook.meetings, |meeting| MeetingExtra {
            cadence_text: meeting.cadence.as_ref().map(cadence),
            when_text: meeting.when.as_ref().map(|when| {
                format::when(when, meeting.cadence.as_ref().map(|c| c.value), language)
            }),
            channel_text: meeting
                .channel
                .as_ref()
                .map(|c| views::channel_name(playbook, &c.value, language)),
        }),
        channels: with(&playbook.channels, |channel| ChannelExtra {
            name_text: format::channel(channel, language),
        }),
        contacts: playbook
            .contacts
            .iter()
            .map(|contact| ContactView {
                topic: &contact.id.value,
                topic_text: format::humanize(&contact.id.value),
                party: &contact.value.0.value,
            })
            .collect(),
        feedback_loops: with(&playbook.feedback_loops, |feedback| FeedbackExtra {
            cadence_text: feedback.cadence.as_ref().map(cadence),
            via_text: feedback
                .via
                .as_ref()
                .map(|via| views::via_name(playbook, &via.value, language)),
        }),
        campaigns: with(&playbook.campaigns, |campaign| CampaignExtra {
            budget_text: campaign
                .budget
                .as_ref()
                .map(|b| format::money(&b.value, language)),
            starts_text: campaign.starts.as_ref().map(date),
            ends_text: campaign.ends.as_ref().map(date),
        }),
        calendar: playbook.calendar.as_ref(),
        systems: with(&playbook.systems, |system| SystemExtra {
            kind_text: format::system_kind(system.kind.value, language),
        }),
        raci: views::raci(graph),
        checklists: views::checklists(graph, language),
        onboarding: views::onboarding(graph, language),
    }
}

pub fn to_json(compiled: &Compiled<'_>) -> String {
    let mut text = serde_json::to_string_pretty(compiled).unwrap_or_default();
    text.push('\n');
    text
}

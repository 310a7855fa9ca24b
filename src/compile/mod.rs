//! The resolved model: the playbook as later stages and user templates see it.
//!
//! Entities keep every key the author wrote and gain what compiling adds: each has its `id`;
//! teams list their members; goals say whether they are shared; stages carry their team, their
//! resolved `next` stages and the handoffs; tasks come with their dependency order. Spans are
//! gone: this is data for documents, not for diagnostics. [`views`] adds the derived views
//! documents are made of (RACI, checklists, onboarding), and [`docs`] describes the whole model
//! for template authors.

pub mod docs;
pub mod views;

use crate::graph::Graph;
use crate::model::Entries;
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
}

#[derive(Serialize, JsonSchema)]
pub struct StageExtra<'p> {
    pub team: Option<&'p str>,
    /// The criteria as sentences: `lead_score ≥ 50`.
    pub criteria_text: Vec<String>,
    /// The stages that follow, written or implied by list order.
    pub next_stages: Vec<&'p str>,
}

#[derive(Serialize, JsonSchema)]
pub struct TaskExtra {
    /// Position in dependency order, from 1.
    pub order: usize,
}

#[derive(Serialize, JsonSchema)]
pub struct Handoff<'p> {
    pub from_stage: &'p str,
    pub to_stage: &'p str,
    pub from_team: &'p str,
    pub to_team: &'p str,
    pub sla: Option<String>,
}

/// The party to ask about a topic.
#[derive(Serialize, JsonSchema)]
pub struct ContactView<'p> {
    pub topic: &'p str,
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
    pub playbook: Meta<'p>,
    pub teams: Vec<View<'p, crate::model::Team, TeamExtra<'p>>>,
    pub people: Vec<View<'p, crate::model::Person, NoExtra>>,
    pub goals: Vec<View<'p, crate::model::Goal, GoalExtra<'p>>>,
    pub kpis: Vec<View<'p, crate::model::Kpi, NoExtra>>,
    pub fields: Vec<View<'p, crate::model::Field, NoExtra>>,
    pub lifecycle: Vec<View<'p, crate::model::Stage, StageExtra<'p>>>,
    pub handoffs: Vec<Handoff<'p>>,
    pub pipelines: Vec<View<'p, crate::model::Pipeline, NoExtra>>,
    /// Tasks in file order; `task_order` lists their ids in dependency order.
    pub tasks: Vec<View<'p, crate::model::Task, TaskExtra>>,
    pub task_order: Vec<&'p str>,
    pub meetings: Vec<View<'p, crate::model::Meeting, NoExtra>>,
    pub channels: Vec<View<'p, crate::model::Channel, NoExtra>>,
    pub contacts: Vec<ContactView<'p>>,
    pub feedback_loops: Vec<View<'p, crate::model::FeedbackLoop, NoExtra>>,
    pub campaigns: Vec<View<'p, crate::model::Campaign, NoExtra>>,
    pub systems: Vec<View<'p, crate::model::System, NoExtra>>,
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
    section
        .iter()
        .map(|entry| View {
            id: &entry.id.value,
            value: &entry.value,
            extra: NoExtra {},
        })
        .collect()
}

pub fn compile<'p>(graph: &Graph<'p>) -> Compiled<'p> {
    let playbook = graph.playbook;
    let order = graph.task_order();
    let rank: std::collections::HashMap<&str, usize> = order
        .iter()
        .enumerate()
        .map(|(i, id)| (*id, i + 1))
        .collect();
    let edges = graph.stage_edges();
    Compiled {
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
                let teams: Vec<&str> = graph
                    .teams_of(goal.value.owners.iter().map(|o| o.value.as_str()))
                    .into_iter()
                    .filter(|team| playbook.teams.contains(team))
                    .collect();
                View {
                    id: &goal.id.value,
                    value: &goal.value,
                    extra: GoalExtra {
                        shared: teams.len() >= 2,
                        teams,
                    },
                }
            })
            .collect(),
        kpis: plain(&playbook.kpis),
        fields: plain(&playbook.fields),
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
                        .map(|c| views::criterion_text(&c.value))
                        .collect(),
                    next_stages: edges
                        .iter()
                        .filter(|e| e.from == stage.id.value)
                        .map(|e| e.to)
                        .collect(),
                },
            })
            .collect(),
        handoffs: graph
            .handoffs()
            .into_iter()
            .map(|handoff| Handoff {
                from_stage: handoff.edge.from,
                to_stage: handoff.edge.to,
                from_team: handoff.from_team,
                to_team: handoff.to_team,
                sla: playbook
                    .stages
                    .get(handoff.edge.to)
                    .and_then(|stage| stage.value.sla.as_ref())
                    .map(|sla| sla.value.to_string()),
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
                },
            })
            .collect(),
        task_order: order.clone(),
        meetings: plain(&playbook.meetings),
        channels: plain(&playbook.channels),
        contacts: playbook
            .contacts
            .iter()
            .map(|contact| ContactView {
                topic: &contact.id.value,
                party: &contact.value.0.value,
            })
            .collect(),
        feedback_loops: plain(&playbook.feedback_loops),
        campaigns: plain(&playbook.campaigns),
        calendar: playbook.calendar.as_ref(),
        systems: plain(&playbook.systems),
        raci: views::raci(graph),
        checklists: views::checklists(graph),
        onboarding: views::onboarding(graph),
    }
}

pub fn to_json(compiled: &Compiled<'_>) -> String {
    let mut text = serde_json::to_string_pretty(compiled).unwrap_or_default();
    text.push('\n');
    text
}

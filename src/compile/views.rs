//! Views of the compiled playbook shaped for the documents people read: the RACI matrix, a
//! checklist per team and an onboarding page per person.
//!
//! They are part of the compiled model (`smarketing compile` prints them), so built-in and user
//! templates alike stay simple loops over ready data, and the logic of who does what lives here,
//! tested once, rather than in every template.

use super::format;
use crate::graph::Graph;
use crate::model::criterion::{Criterion, CriterionValue, Scalar};
use crate::model::values::Language;
use crate::model::{Playbook, Task};
use schemars::JsonSchema;
use serde::Serialize;
use std::collections::BTreeSet;

/// A person or a team, as documents name them.
#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct Party<'p> {
    pub id: &'p str,
    pub name: &'p str,
    /// `person` or `team`.
    pub kind: &'static str,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct Raci<'p> {
    /// The columns: every party that holds a RACI role, people first, in file order.
    pub parties: Vec<Party<'p>>,
    /// One row per task, in dependency order.
    pub rows: Vec<RaciRow<'p>>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct RaciRow<'p> {
    pub task: &'p str,
    pub title: &'p str,
    /// One cell per party, aligned with `parties`: `A`, `R`, `A/R`, `C`, `I` or empty.
    pub cells: Vec<String>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct Checklist<'p> {
    pub team: Party<'p>,
    /// The tasks the team or one of its people is accountable or responsible for, in dependency
    /// order.
    pub items: Vec<ChecklistItem<'p>>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct ChecklistItem<'p> {
    pub task: &'p str,
    pub title: &'p str,
    /// Who answers for the result.
    pub accountable: Option<Party<'p>>,
    /// Who does the work.
    pub responsible: Vec<Party<'p>>,
    pub due: Option<String>,
    /// `due` as the language writes dates.
    pub due_text: Option<String>,
    pub cadence: Option<String>,
    /// `cadence` in words.
    pub cadence_text: Option<String>,
    /// The tasks this one waits for.
    pub waits_for: Vec<TaskRef<'p>>,
}

#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct TaskRef<'p> {
    pub id: &'p str,
    pub title: &'p str,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct Onboarding<'p> {
    pub person: Party<'p>,
    pub role: Option<&'p str>,
    pub email: Option<&'p str>,
    pub team: Option<Party<'p>>,
    pub team_lead: Option<Party<'p>>,
    /// The goals the person or their team owns, in file order.
    pub goals: Vec<GoalView<'p>>,
    /// Tasks by the strongest RACI letter the person holds, directly or through their team
    /// (A, then R, C, I): each task is in one list only. `via_team` marks a letter the person
    /// holds only through their team.
    pub accountable: Vec<RoleTask<'p>>,
    pub responsible: Vec<RoleTask<'p>>,
    pub consulted: Vec<RoleTask<'p>>,
    pub informed: Vec<RoleTask<'p>>,
    pub meetings: Vec<MeetingView<'p>>,
    pub kpis: Vec<KpiView<'p>>,
    /// The campaigns the person or their team runs.
    pub campaigns: Vec<CampaignView<'p>>,
    /// The systems the person, their team or a teammate owns.
    pub systems: Vec<SystemView<'p>>,
    pub contacts: Vec<ContactView<'p>>,
    pub feedback_loops: Vec<FeedbackView<'p>>,
    pub stages: Vec<StageView<'p>>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct GoalView<'p> {
    pub id: &'p str,
    pub title: &'p str,
    /// The parties that own the goal.
    pub owners: Vec<Party<'p>>,
    /// Owned by two teams or more.
    pub shared: bool,
    pub due: Option<String>,
    /// `due` as the language writes dates.
    pub due_text: Option<String>,
    /// The KPIs that measure it, with their targets.
    pub kpis: Vec<KpiRef<'p>>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct KpiRef<'p> {
    pub id: &'p str,
    pub title: &'p str,
    /// The target with its unit: `≥ 25 %`.
    pub target_text: Option<String>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct CampaignView<'p> {
    pub id: &'p str,
    pub title: &'p str,
    /// `owns` when the person is among the owners, `team` when their team is.
    pub relation: &'static str,
    pub owners: Vec<Party<'p>>,
    pub audience: Option<&'p str>,
    pub starts_text: Option<String>,
    pub ends_text: Option<String>,
    /// `budget` the language's way: `12,000 EUR`.
    pub budget_text: Option<String>,
    /// The goal's title.
    pub goal: Option<&'p str>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct SystemView<'p> {
    pub id: &'p str,
    /// The product, or the system's id when it names none.
    pub title: &'p str,
    /// What the system is for, in words: `CRM`, `booking engine`.
    pub kind_text: &'static str,
    pub owner: Option<Party<'p>>,
    /// `owns` when the person owns it, `team` when their team or a teammate does.
    pub relation: &'static str,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct RoleTask<'p> {
    pub id: &'p str,
    pub title: &'p str,
    pub via_team: bool,
    pub due: Option<String>,
    /// `due` as the language writes dates.
    pub due_text: Option<String>,
    pub cadence: Option<String>,
    /// `cadence` in words.
    pub cadence_text: Option<String>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct MeetingView<'p> {
    pub id: &'p str,
    pub title: &'p str,
    pub cadence: Option<String>,
    /// `cadence` in words.
    pub cadence_text: Option<String>,
    /// When the meeting happens, in words: `weekly on Tuesday, 09:30–10:15 (45 minutes)`.
    pub when_text: Option<String>,
    /// Where it happens: the channel named by what it is and its address.
    pub channel_text: Option<String>,
    pub owner: Option<Party<'p>>,
    pub reviews: Vec<TaskRef<'p>>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct KpiView<'p> {
    pub id: &'p str,
    pub title: &'p str,
    pub target: Option<String>,
    /// The target with its unit: `≥ 25 %`, `≥ 1,850,000 EUR`.
    pub target_text: Option<String>,
    pub review: Option<String>,
    /// `review` in words.
    pub review_text: Option<String>,
    /// Why the person sees it: `owns` or `reviews`.
    pub relation: &'static str,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct ContactView<'p> {
    pub topic: &'p str,
    /// The topic in words: `lead-quality` is `Lead quality`.
    pub topic_text: String,
    pub party: Party<'p>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct FeedbackView<'p> {
    pub id: &'p str,
    pub from: Party<'p>,
    /// The (first) party the feedback goes to.
    pub to: Party<'p>,
    /// Further parties the feedback goes to, when `to` lists several.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub also_to: Vec<Party<'p>>,
    pub about: Option<&'p str>,
    pub via: Option<&'p str>,
    /// The meeting (its title) or channel (its name) that carries the feedback.
    pub via_text: Option<String>,
    pub cadence: Option<String>,
    /// `cadence` in words.
    pub cadence_text: Option<String>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct StageView<'p> {
    pub id: &'p str,
    pub title: Option<&'p str>,
    pub sla: Option<String>,
    /// `sla` in words: `24 hours`, `1 business day`.
    pub sla_text: Option<String>,
    /// The criteria as sentences, with the field's label and the options' labels.
    pub criteria: Vec<String>,
    /// The stage rejected leads go back to.
    pub rejected_to: Option<TaskRef<'p>>,
    /// Why a lead may be rejected, in words: `no-budget` is `No budget`.
    pub reject_reasons_text: Vec<String>,
}

/// A party by id, with its display name; unknown ids keep their id as name.
pub fn party<'p>(playbook: &'p Playbook, id: &'p str) -> Party<'p> {
    if let Some(person) = playbook.people.get(id) {
        return Party {
            id,
            name: &person.value.name.value,
            kind: "person",
        };
    }
    if let Some(team) = playbook.teams.get(id) {
        return Party {
            id,
            name: &team.value.name.value,
            kind: "team",
        };
    }
    Party {
        id,
        name: id,
        kind: "party",
    }
}

/// The defined teams that own `goal`, directly or through their people; a goal is shared when
/// two or more do.
pub(super) fn owning_teams<'p>(graph: &Graph<'p>, goal: &'p crate::model::Goal) -> Vec<&'p str> {
    graph
        .teams_of(goal.owners.iter().map(|o| o.value.as_str()))
        .into_iter()
        .filter(|team| graph.playbook.teams.contains(team))
        .collect()
}

/// A goal with its owners and the targets of its KPIs.
fn goal_view<'p>(
    graph: &Graph<'p>,
    goal: &'p crate::model::Entry<crate::model::Goal>,
    language: Language,
) -> GoalView<'p> {
    let playbook = graph.playbook;
    let teams = owning_teams(graph, &goal.value).len();
    GoalView {
        id: &goal.id.value,
        title: &goal.value.title.value,
        owners: goal
            .value
            .owners
            .iter()
            .map(|o| party(playbook, &o.value))
            .collect(),
        shared: teams >= 2,
        due: goal.value.due.as_ref().map(|d| d.value.to_string()),
        due_text: goal
            .value
            .due
            .as_ref()
            .map(|d| format::date(d.value, language)),
        kpis: goal
            .value
            .kpis
            .iter()
            .map(|k| {
                let kpi = playbook.kpis.get(&k.value).map(|kpi| &kpi.value);
                KpiRef {
                    id: &k.value,
                    title: kpi.map_or(k.value.as_str(), |kpi| kpi.title.value.as_str()),
                    target_text: kpi.and_then(|kpi| {
                        kpi.target.as_ref().map(|t| {
                            format::target(&t.value, kpi.unit.as_ref().map(|u| &u.value), language)
                        })
                    }),
                }
            })
            .collect(),
    }
}

/// A stage's title, or its id when it has none.
pub fn stage_title<'p>(playbook: &'p Playbook, id: &'p str) -> &'p str {
    playbook
        .stages
        .get(id)
        .and_then(|stage| stage.value.title.as_ref())
        .map_or(id, |title| title.value.as_str())
}

/// A channel by id, named by what it is and where (its id when it is unknown).
pub fn channel_name(playbook: &Playbook, id: &str, language: Language) -> String {
    playbook
        .channels
        .get(id)
        .map_or_else(|| id.to_owned(), |c| format::channel(&c.value, language))
}

/// What a feedback loop goes through: a meeting's title or a channel's name.
pub fn via_name(playbook: &Playbook, id: &str, language: Language) -> String {
    match playbook.meetings.get(id) {
        Some(meeting) => meeting.value.title.value.clone(),
        None => channel_name(playbook, id, language),
    }
}

fn accountable_of(task: &Task) -> &[crate::model::Ref] {
    task.accountable
        .as_ref()
        .map_or(&[], |a| a.value.0.as_slice())
}

/// The RACI letters a party holds for a task, `A` first: `A/R`, `C`, ...
fn letters(task: &Task, party: &str) -> String {
    let named = |list: &[crate::model::Ref]| list.iter().any(|p| p.value == party);
    let mut held = Vec::new();
    if named(accountable_of(task)) {
        held.push("A");
    }
    if named(&task.responsible) {
        held.push("R");
    }
    if named(&task.consulted) {
        held.push("C");
    }
    if named(&task.informed) {
        held.push("I");
    }
    held.join("/")
}

pub fn raci<'p>(graph: &Graph<'p>) -> Raci<'p> {
    let playbook = graph.playbook;
    let mut holders = BTreeSet::new();
    for task in &playbook.tasks {
        let task = &task.value;
        for list in [
            accountable_of(task),
            &task.responsible,
            &task.consulted,
            &task.informed,
        ] {
            holders.extend(list.iter().map(|p| p.value.as_str()));
        }
    }
    let parties: Vec<Party<'p>> = playbook
        .people
        .ids()
        .chain(playbook.teams.ids())
        .filter(|id| holders.contains(id))
        .map(|id| party(playbook, id))
        .collect();
    let rows = graph
        .task_order()
        .into_iter()
        .filter_map(|id| playbook.tasks.get(id))
        .map(|task| RaciRow {
            task: &task.id.value,
            title: &task.value.title.value,
            cells: parties.iter().map(|p| letters(&task.value, p.id)).collect(),
        })
        .collect();
    Raci { parties, rows }
}

/// The members of a team and the team itself: the parties through which a team holds a role.
fn team_parties<'p>(playbook: &'p Playbook, team: &'p str) -> BTreeSet<&'p str> {
    let mut parties: BTreeSet<&str> = playbook
        .people
        .iter()
        .filter(|p| p.value.team.as_ref().is_some_and(|t| t.value == team))
        .map(|p| p.id.value.as_str())
        .collect();
    parties.insert(team);
    parties
}

fn task_ref<'p>(playbook: &'p Playbook, id: &'p str) -> TaskRef<'p> {
    let title = playbook
        .tasks
        .get(id)
        .map_or(id, |t| t.value.title.value.as_str());
    TaskRef { id, title }
}

pub fn checklists<'p>(graph: &Graph<'p>, language: Language) -> Vec<Checklist<'p>> {
    let playbook = graph.playbook;
    let order = graph.task_order();
    playbook
        .teams
        .iter()
        .map(|team| {
            let parties = team_parties(playbook, &team.id.value);
            let items = order
                .iter()
                .filter_map(|id| playbook.tasks.get(id))
                .filter(|task| {
                    accountable_of(&task.value)
                        .iter()
                        .chain(&task.value.responsible)
                        .any(|p| parties.contains(p.value.as_str()))
                })
                .map(|task| ChecklistItem {
                    task: &task.id.value,
                    title: &task.value.title.value,
                    accountable: accountable_of(&task.value)
                        .first()
                        .map(|a| party(playbook, &a.value)),
                    responsible: task
                        .value
                        .responsible
                        .iter()
                        .map(|r| party(playbook, &r.value))
                        .collect(),
                    due: task.value.due.as_ref().map(|d| d.value.to_string()),
                    due_text: task
                        .value
                        .due
                        .as_ref()
                        .map(|d| format::date(d.value, language)),
                    cadence: task.value.cadence.as_ref().map(|c| c.value.to_string()),
                    cadence_text: task
                        .value
                        .cadence
                        .as_ref()
                        .map(|c| format::cadence(c.value, language).to_owned()),
                    waits_for: task
                        .value
                        .depends_on
                        .iter()
                        .map(|d| task_ref(playbook, &d.value))
                        .collect(),
                })
                .collect();
            Checklist {
                team: party(playbook, &team.id.value),
                items,
            }
        })
        .collect()
}

/// A criterion by field id, as the CSV export writes it: `lead_score ≥ 50`,
/// `event_type in wedding, conference`. Documents use [`format::criterion`], with labels.
pub fn criterion_text(criterion: &Criterion) -> String {
    match criterion {
        Criterion::Text(text) => text.clone(),
        Criterion::Test(test) => {
            let value = match &test.value.value {
                CriterionValue::One(Scalar::Bool(true)) if test.op.value.as_str() == "present" => {
                    return format!("{} is filled in", test.field.value);
                }
                CriterionValue::One(Scalar::Bool(false)) if test.op.value.as_str() == "present" => {
                    return format!("{} is empty", test.field.value);
                }
                CriterionValue::One(scalar) => scalar.to_string(),
                CriterionValue::List(items) => items
                    .iter()
                    .map(|i| i.value.to_string())
                    .collect::<Vec<_>>()
                    .join(", "),
            };
            format!("{} {} {value}", test.field.value, test.op.value.symbol())
        }
    }
}

pub fn onboarding<'p>(graph: &Graph<'p>, language: Language) -> Vec<Onboarding<'p>> {
    let playbook = graph.playbook;
    let order = graph.task_order();
    playbook
        .people
        .iter()
        .map(|person| {
            let id = person.id.value.as_str();
            let team = person
                .value
                .team
                .as_ref()
                .map(|t| t.value.as_str())
                .filter(|t| playbook.teams.contains(t));
            let via_team = |list: &[crate::model::Ref]| {
                team.is_some_and(|t| list.iter().any(|p| p.value == t))
            };
            let direct = |list: &[crate::model::Ref]| list.iter().any(|p| p.value == id);
            // Each task once, under the strongest letter held directly or through the team.
            let mut by_letter: [Vec<RoleTask<'p>>; 4] = Default::default();
            for task in order.iter().filter_map(|t| playbook.tasks.get(t)) {
                let lists = [
                    accountable_of(&task.value),
                    task.value.responsible.as_slice(),
                    task.value.consulted.as_slice(),
                    task.value.informed.as_slice(),
                ];
                let Some(letter) = lists.iter().position(|l| direct(l) || via_team(l)) else {
                    continue;
                };
                by_letter[letter].push(RoleTask {
                    id: &task.id.value,
                    title: &task.value.title.value,
                    via_team: !direct(lists[letter]),
                    due: task.value.due.as_ref().map(|d| d.value.to_string()),
                    due_text: task
                        .value
                        .due
                        .as_ref()
                        .map(|d| format::date(d.value, language)),
                    cadence: task.value.cadence.as_ref().map(|c| c.value.to_string()),
                    cadence_text: task
                        .value
                        .cadence
                        .as_ref()
                        .map(|c| format::cadence(c.value, language).to_owned()),
                });
            }
            let [accountable, responsible, consulted, informed] = by_letter;
            let mine = |party: &str| party == id || team == Some(party);
            let meetings: Vec<MeetingView<'p>> = playbook
                .meetings
                .iter()
                .filter(|m| {
                    m.value.attendees.iter().any(|a| mine(&a.value))
                        || m.value.owner.as_ref().is_some_and(|o| o.value == id)
                })
                .map(|m| MeetingView {
                    id: &m.id.value,
                    title: &m.value.title.value,
                    cadence: m.value.cadence.as_ref().map(|c| c.value.to_string()),
                    cadence_text: m
                        .value
                        .cadence
                        .as_ref()
                        .map(|c| format::cadence(c.value, language).to_owned()),
                    when_text: m.value.when.as_ref().map(|when| {
                        format::when(when, m.value.cadence.as_ref().map(|c| c.value), language)
                    }),
                    channel_text: m
                        .value
                        .channel
                        .as_ref()
                        .map(|c| channel_name(playbook, &c.value, language)),
                    owner: m.value.owner.as_ref().map(|o| party(playbook, &o.value)),
                    reviews: m
                        .value
                        .reviews
                        .iter()
                        .map(|k| TaskRef {
                            id: &k.value,
                            title: playbook
                                .kpis
                                .get(&k.value)
                                .map_or(&k.value, |kpi| &kpi.value.title.value),
                        })
                        .collect(),
                })
                .collect();
            let reviewed: BTreeSet<&str> = meetings
                .iter()
                .flat_map(|m| m.reviews.iter().map(|r| r.id))
                .collect();
            let kpis = playbook
                .kpis
                .iter()
                .filter_map(|kpi| {
                    let owns = kpi.value.owner.as_ref().is_some_and(|o| mine(&o.value));
                    let relation = if owns {
                        "owns"
                    } else if reviewed.contains(kpi.id.value.as_str()) {
                        "reviews"
                    } else {
                        return None;
                    };
                    Some(KpiView {
                        id: &kpi.id.value,
                        title: &kpi.value.title.value,
                        target: kpi.value.target.as_ref().map(|t| t.value.to_string()),
                        target_text: kpi.value.target.as_ref().map(|t| {
                            format::target(
                                &t.value,
                                kpi.value.unit.as_ref().map(|u| &u.value),
                                language,
                            )
                        }),
                        review: kpi.value.review.as_ref().map(|r| r.value.to_string()),
                        review_text: kpi
                            .value
                            .review
                            .as_ref()
                            .map(|r| format::cadence(r.value, language).to_owned()),
                        relation,
                    })
                })
                .collect();
            let team_members = team.map(|t| team_parties(playbook, t)).unwrap_or_default();
            let stages =
                playbook
                    .stages
                    .iter()
                    .filter(|stage| {
                        stage.value.owner.as_ref().is_some_and(|o| {
                            o.value == id || team_members.contains(o.value.as_str())
                        })
                    })
                    .map(|stage| StageView {
                        id: &stage.id.value,
                        title: stage.value.title.as_ref().map(|t| t.value.as_str()),
                        sla: stage.value.sla.as_ref().map(|s| s.value.to_string()),
                        sla_text: stage
                            .value
                            .sla
                            .as_ref()
                            .map(|s| format::duration(&s.value, language)),
                        criteria: stage
                            .value
                            .criteria
                            .iter()
                            .map(|c| format::criterion(&c.value, &playbook.fields, language))
                            .collect(),
                        rejected_to: stage.value.rejected_to.as_ref().map(|r| TaskRef {
                            id: &r.value,
                            title: stage_title(playbook, &r.value),
                        }),
                        reject_reasons_text: stage
                            .value
                            .reject_reasons
                            .iter()
                            .map(|r| format::humanize(&r.value))
                            .collect(),
                    })
                    .collect();
            Onboarding {
                person: party(playbook, id),
                role: person.value.role.as_ref().map(|r| r.value.as_str()),
                email: person.value.email.as_ref().map(|e| e.value.as_str()),
                team: team.map(|t| party(playbook, t)),
                team_lead: team
                    .and_then(|t| playbook.teams.get(t))
                    .and_then(|t| t.value.lead.as_ref())
                    .map(|lead| party(playbook, &lead.value)),
                goals: playbook
                    .goals
                    .iter()
                    .filter(|goal| goal.value.owners.iter().any(|o| mine(&o.value)))
                    .map(|goal| goal_view(graph, goal, language))
                    .collect(),
                accountable,
                responsible,
                consulted,
                informed,
                meetings,
                kpis,
                campaigns: playbook
                    .campaigns
                    .iter()
                    .filter_map(|campaign| {
                        let owners = &campaign.value.owners;
                        let relation = if owners.iter().any(|o| o.value == id) {
                            "owns"
                        } else if owners.iter().any(|o| mine(&o.value)) {
                            "team"
                        } else {
                            return None;
                        };
                        let c = &campaign.value;
                        Some(CampaignView {
                            id: &campaign.id.value,
                            title: &c.title.value,
                            relation,
                            owners: owners.iter().map(|o| party(playbook, &o.value)).collect(),
                            audience: c.audience.as_ref().map(|a| a.value.as_str()),
                            starts_text: c.starts.as_ref().map(|d| format::date(d.value, language)),
                            ends_text: c.ends.as_ref().map(|d| format::date(d.value, language)),
                            budget_text: c
                                .budget
                                .as_ref()
                                .map(|b| format::money(&b.value, language)),
                            goal: c.goal.as_ref().map(|g| {
                                playbook
                                    .goals
                                    .get(&g.value)
                                    .map_or(g.value.as_str(), |goal| {
                                        goal.value.title.value.as_str()
                                    })
                            }),
                        })
                    })
                    .collect(),
                systems: playbook
                    .systems
                    .iter()
                    .filter_map(|system| {
                        let owner = system.value.owner.as_ref().map(|o| o.value.as_str());
                        let relation = match owner {
                            Some(owner) if owner == id => "owns",
                            Some(owner) if team_members.contains(owner) => "team",
                            _ => return None,
                        };
                        Some(SystemView {
                            id: &system.id.value,
                            title: system
                                .value
                                .product
                                .as_ref()
                                .map_or(system.id.value.as_str(), |p| p.value.as_str()),
                            kind_text: format::system_kind(system.value.kind.value, language),
                            owner: owner.map(|o| party(playbook, o)),
                            relation,
                        })
                    })
                    .collect(),
                contacts: playbook
                    .contacts
                    .iter()
                    .map(|c| ContactView {
                        topic: &c.id.value,
                        topic_text: format::humanize(&c.id.value),
                        party: party(playbook, &c.value.0.value),
                    })
                    .collect(),
                feedback_loops: playbook
                    .feedback_loops
                    .iter()
                    .filter(|f| {
                        mine(&f.value.from.value) || f.value.to.iter().any(|to| mine(&to.value))
                    })
                    .map(|f| FeedbackView {
                        id: &f.id.value,
                        from: party(playbook, &f.value.from.value),
                        to: party(
                            playbook,
                            f.value.to.first().map_or("", |to| to.value.as_str()),
                        ),
                        also_to: f
                            .value
                            .to
                            .iter()
                            .skip(1)
                            .map(|to| party(playbook, &to.value))
                            .collect(),
                        about: f.value.about.as_ref().map(|a| a.value.as_str()),
                        via: f.value.via.as_ref().map(|v| v.value.as_str()),
                        via_text: f
                            .value
                            .via
                            .as_ref()
                            .map(|v| via_name(playbook, &v.value, language)),
                        cadence: f.value.cadence.as_ref().map(|c| c.value.to_string()),
                        cadence_text: f
                            .value
                            .cadence
                            .as_ref()
                            .map(|c| format::cadence(c.value, language).to_owned()),
                    })
                    .collect(),
                stages,
            }
        })
        .collect()
}

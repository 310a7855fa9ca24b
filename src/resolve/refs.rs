//! Every reference a playbook makes, in one list: which name, where, and what it must name.
//!
//! Resolution (is every name defined?) and the graph (what relates to what?) both walk this one
//! list, so a new reference in the language is added in exactly one place.

use crate::model::one_or_many::OneOrMany;
use crate::model::{Playbook, Section};

/// What a reference must name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Target {
    Party,
    Team,
    Person,
    Goal,
    Kpi,
    Field,
    Stage,
    Task,
    Meeting,
    Channel,
    MeetingOrChannel,
}

impl Target {
    /// How messages name the kind of thing expected.
    pub fn noun(self) -> &'static str {
        match self {
            Target::Party => "person or team",
            Target::Team => "team",
            Target::Person => "person",
            Target::Goal => "goal",
            Target::Kpi => "KPI",
            Target::Field => "field",
            Target::Stage => Section::Lifecycle.full_noun(),
            Target::Task => "task",
            Target::Meeting => "meeting",
            Target::Channel => "channel",
            Target::MeetingOrChannel => "meeting or channel",
        }
    }

    /// The sections whose ids this reference may name.
    pub fn sections(self) -> &'static [Section] {
        match self {
            Target::Party => &[Section::People, Section::Teams],
            Target::Team => &[Section::Teams],
            Target::Person => &[Section::People],
            Target::Goal => &[Section::Goals],
            Target::Kpi => &[Section::Kpis],
            Target::Field => &[Section::Fields],
            Target::Stage => &[Section::Lifecycle],
            Target::Task => &[Section::Tasks],
            Target::Meeting => &[Section::Meetings],
            Target::Channel => &[Section::Channels],
            Target::MeetingOrChannel => &[Section::Meetings, Section::Channels],
        }
    }
}

/// The relation a reference expresses, which becomes the label of its graph edge.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Relation {
    Lead,
    MemberOf,
    Owner,
    Measures,
    CapturedBy,
    Criterion,
    Next,
    RejectedTo,
    Accountable,
    Responsible,
    Consulted,
    Informed,
    DependsOn,
    Goal,
    Kpi,
    Attendee,
    Channel,
    Reviews,
    Contact,
    From,
    To,
    Via,
    Improves,
}

impl Relation {
    pub fn as_str(self) -> &'static str {
        match self {
            Relation::Lead => "lead",
            Relation::MemberOf => "member_of",
            Relation::Owner => "owner",
            Relation::Measures => "measures",
            Relation::CapturedBy => "captured_by",
            Relation::Criterion => "criterion",
            Relation::Next => "next",
            Relation::RejectedTo => "rejected_to",
            Relation::Accountable => "accountable",
            Relation::Responsible => "responsible",
            Relation::Consulted => "consulted",
            Relation::Informed => "informed",
            Relation::DependsOn => "depends_on",
            Relation::Goal => "goal",
            Relation::Kpi => "kpi",
            Relation::Attendee => "attendee",
            Relation::Channel => "channel",
            Relation::Reviews => "reviews",
            Relation::Contact => "contact",
            Relation::From => "from",
            Relation::To => "to",
            Relation::Via => "via",
            Relation::Improves => "improves",
        }
    }
}

/// One reference: `from` (an entity as `section.id`) names `name`, which must be a `target`.
pub struct Reference<'p> {
    pub from_section: Section,
    pub from_id: &'p str,
    pub key: &'static str,
    pub relation: Relation,
    pub target: Target,
    pub name: &'p crate::model::entities::Ref,
}

/// Calls `visit` for every reference in the playbook, in a fixed order.
pub fn for_each_reference<'p>(playbook: &'p Playbook, mut visit: impl FnMut(Reference<'p>)) {
    let mut emit =
        |from_section: Section,
         from_id: &'p str,
         key: &'static str,
         relation: Relation,
         target: Target,
         names: &mut dyn Iterator<Item = &'p crate::model::entities::Ref>| {
            for name in names {
                visit(Reference {
                    from_section,
                    from_id,
                    key,
                    relation,
                    target,
                    name,
                });
            }
        };
    use Relation as R;
    use Section as S;
    use Target as T;
    for team in &playbook.teams {
        let id = team.id.value.as_str();
        emit(
            S::Teams,
            id,
            "lead",
            R::Lead,
            T::Person,
            &mut team.value.lead.iter(),
        );
    }
    for person in &playbook.people {
        let id = person.id.value.as_str();
        emit(
            S::People,
            id,
            "team",
            R::MemberOf,
            T::Team,
            &mut person.value.team.iter(),
        );
    }
    for goal in &playbook.goals {
        let (id, goal) = (goal.id.value.as_str(), &goal.value);
        emit(
            S::Goals,
            id,
            "owners",
            R::Owner,
            T::Party,
            &mut goal.owners.iter(),
        );
        emit(
            S::Goals,
            id,
            "kpis",
            R::Measures,
            T::Kpi,
            &mut goal.kpis.iter(),
        );
    }
    for kpi in &playbook.kpis {
        let id = kpi.id.value.as_str();
        emit(
            S::Kpis,
            id,
            "owner",
            R::Owner,
            T::Party,
            &mut kpi.value.owner.iter(),
        );
    }
    for field in &playbook.fields {
        let id = field.id.value.as_str();
        emit(
            S::Fields,
            id,
            "captured_by",
            R::CapturedBy,
            T::Party,
            &mut field.value.captured_by.iter(),
        );
    }
    for stage in &playbook.stages {
        let (id, stage) = (stage.id.value.as_str(), &stage.value);
        emit(
            S::Lifecycle,
            id,
            "owner",
            R::Owner,
            T::Party,
            &mut stage.owner.iter(),
        );
        emit(
            S::Lifecycle,
            id,
            "next",
            R::Next,
            T::Stage,
            &mut stage.next.iter().flat_map(|next| next.value.iter()),
        );
        emit(
            S::Lifecycle,
            id,
            "rejected_to",
            R::RejectedTo,
            T::Stage,
            &mut stage.rejected_to.iter(),
        );
        emit(
            S::Lifecycle,
            id,
            "kpis",
            R::Kpi,
            T::Kpi,
            &mut stage.kpis.iter(),
        );
        let mut fields = stage
            .criteria
            .iter()
            .filter_map(|criterion| match &criterion.value {
                crate::model::criterion::Criterion::Test(test) => Some(&test.field),
                crate::model::criterion::Criterion::Text(_) => None,
            });
        emit(
            S::Lifecycle,
            id,
            "criteria",
            R::Criterion,
            T::Field,
            &mut fields,
        );
    }
    for task in &playbook.tasks {
        let (id, task) = (task.id.value.as_str(), &task.value);
        let accountable: &[crate::model::entities::Ref] =
            task.accountable.as_ref().map_or(&[], |a| {
                let OneOrMany(items) = &a.value;
                items.as_slice()
            });
        emit(
            S::Tasks,
            id,
            "accountable",
            R::Accountable,
            T::Party,
            &mut accountable.iter(),
        );
        emit(
            S::Tasks,
            id,
            "responsible",
            R::Responsible,
            T::Party,
            &mut task.responsible.iter(),
        );
        emit(
            S::Tasks,
            id,
            "consulted",
            R::Consulted,
            T::Party,
            &mut task.consulted.iter(),
        );
        emit(
            S::Tasks,
            id,
            "informed",
            R::Informed,
            T::Party,
            &mut task.informed.iter(),
        );
        emit(
            S::Tasks,
            id,
            "depends_on",
            R::DependsOn,
            T::Task,
            &mut task.depends_on.iter(),
        );
        emit(
            S::Tasks,
            id,
            "goal",
            R::Goal,
            T::Goal,
            &mut task.goal.iter(),
        );
        emit(S::Tasks, id, "kpis", R::Kpi, T::Kpi, &mut task.kpis.iter());
    }
    for meeting in &playbook.meetings {
        let (id, meeting) = (meeting.id.value.as_str(), &meeting.value);
        emit(
            S::Meetings,
            id,
            "owner",
            R::Owner,
            T::Party,
            &mut meeting.owner.iter(),
        );
        emit(
            S::Meetings,
            id,
            "attendees",
            R::Attendee,
            T::Party,
            &mut meeting.attendees.iter(),
        );
        emit(
            S::Meetings,
            id,
            "channel",
            R::Channel,
            T::Channel,
            &mut meeting.channel.iter(),
        );
        emit(
            S::Meetings,
            id,
            "reviews",
            R::Reviews,
            T::Kpi,
            &mut meeting.reviews.iter(),
        );
    }
    for contact in &playbook.contacts {
        let id = contact.id.value.as_str();
        emit(
            S::Contacts,
            id,
            "contact",
            R::Contact,
            T::Party,
            &mut std::iter::once(&contact.value.0),
        );
    }
    for feedback in &playbook.feedback_loops {
        let (id, feedback) = (feedback.id.value.as_str(), &feedback.value);
        emit(
            S::FeedbackLoops,
            id,
            "from",
            R::From,
            T::Party,
            &mut std::iter::once(&feedback.from),
        );
        emit(
            S::FeedbackLoops,
            id,
            "to",
            R::To,
            T::Party,
            &mut feedback.to.iter(),
        );
        emit(
            S::FeedbackLoops,
            id,
            "via",
            R::Via,
            T::MeetingOrChannel,
            &mut feedback.via.iter(),
        );
        emit(
            S::FeedbackLoops,
            id,
            "improves",
            R::Improves,
            T::Kpi,
            &mut feedback.improves.iter(),
        );
    }
    for campaign in &playbook.campaigns {
        let (id, campaign) = (campaign.id.value.as_str(), &campaign.value);
        emit(
            S::Campaigns,
            id,
            "owners",
            R::Owner,
            T::Party,
            &mut campaign.owners.iter(),
        );
        emit(
            S::Campaigns,
            id,
            "goal",
            R::Goal,
            T::Goal,
            &mut campaign.goal.iter(),
        );
        emit(
            S::Campaigns,
            id,
            "kpis",
            R::Kpi,
            T::Kpi,
            &mut campaign.kpis.iter(),
        );
    }
    for system in &playbook.systems {
        let id = system.id.value.as_str();
        emit(
            S::Systems,
            id,
            "owner",
            R::Owner,
            T::Party,
            &mut system.value.owner.iter(),
        );
    }
}

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

/// The keys that hold references, with the section whose entities write them and what they must
/// name; what an editor completes inside them. `contacts` is missing: there the value of every
/// entry is a party. A test keeps the list in step with [`for_each_reference`].
pub const REFERENCE_KEYS: &[(Section, &str, Target)] = {
    use Section as S;
    use Target as T;
    &[
        (S::Teams, "lead", T::Person),
        (S::People, "team", T::Team),
        (S::Goals, "owners", T::Party),
        (S::Goals, "kpis", T::Kpi),
        (S::Kpis, "owner", T::Party),
        (S::Fields, "captured_by", T::Party),
        (S::Lifecycle, "owner", T::Party),
        (S::Lifecycle, "next", T::Stage),
        (S::Lifecycle, "rejected_to", T::Stage),
        (S::Lifecycle, "kpis", T::Kpi),
        (S::Lifecycle, "field", T::Field),
        (S::Tasks, "accountable", T::Party),
        (S::Tasks, "responsible", T::Party),
        (S::Tasks, "consulted", T::Party),
        (S::Tasks, "informed", T::Party),
        (S::Tasks, "depends_on", T::Task),
        (S::Tasks, "goal", T::Goal),
        (S::Tasks, "kpis", T::Kpi),
        (S::Meetings, "owner", T::Party),
        (S::Meetings, "attendees", T::Party),
        (S::Meetings, "channel", T::Channel),
        (S::Meetings, "reviews", T::Kpi),
        (S::FeedbackLoops, "from", T::Party),
        (S::FeedbackLoops, "to", T::Party),
        (S::FeedbackLoops, "via", T::MeetingOrChannel),
        (S::FeedbackLoops, "improves", T::Kpi),
        (S::Campaigns, "owners", T::Party),
        (S::Campaigns, "goal", T::Goal),
        (S::Campaigns, "kpis", T::Kpi),
        (S::Systems, "owner", T::Party),
    ]
};

/// What the value of `key`, written in an entity of `section`, must name.
pub fn reference_target(section: Section, key: &str) -> Option<Target> {
    if section == Section::Contacts {
        return Some(Target::Party);
    }
    REFERENCE_KEYS
        .iter()
        .find(|(s, k, _)| *s == section && *k == key)
        .map(|&(_, _, target)| target)
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::source::Sources;
    use crate::load::{LoadOptions, load_playbook};
    use std::path::{Path, PathBuf};

    fn yaml_files(folder: &Path, found: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(folder).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                yaml_files(&path, found);
            } else if path.extension().is_some_and(|e| e == "yaml") {
                found.push(path);
            }
        }
    }

    #[test]
    fn every_reference_written_in_the_examples_and_fixtures_is_listed() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files = Vec::new();
        yaml_files(&root.join("playbooks"), &mut files);
        yaml_files(&root.join("tests/fixtures/rules"), &mut files);
        let mut seen = std::collections::HashSet::new();
        for path in files {
            let mut sources = Sources::default();
            let Ok(loaded) = load_playbook(&path, &mut sources, LoadOptions::default()) else {
                continue;
            };
            for_each_reference(&loaded.playbook, |reference| {
                // A criterion names its field under `field:`.
                let key = if reference.relation == Relation::Criterion {
                    "field"
                } else {
                    reference.key
                };
                assert_eq!(
                    reference_target(reference.from_section, key),
                    Some(reference.target),
                    "{:?} `{key}` in {}",
                    reference.from_section,
                    path.display()
                );
                seen.insert((reference.from_section, key));
            });
        }
        // Every listed key is written somewhere, so none is stale.
        for (section, key, _) in REFERENCE_KEYS {
            assert!(
                seen.contains(&(*section, *key)),
                "{section:?} `{key}` unused"
            );
        }
    }
}

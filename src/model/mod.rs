//! The typed playbook: what the loader builds from YAML and every later stage reads.

pub mod calendar;
pub mod criterion;
pub mod entities;
pub mod entries;
pub mod gaps;
pub mod lint_config;
pub mod name;
pub mod one_or_many;
pub mod options;
pub mod section;
pub mod values;

pub use calendar::Calendar;
pub use entities::*;
pub use entries::{Entries, Entry};
pub use gaps::{Gaps, Unknown, UnknownReference};
pub use lint_config::LintConfig;
pub use section::{Entity, IdStyle, Section};

use crate::base::span::{FileId, Span, Spanned};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;

/// The party to ask about a topic (`contacts: { lead-quality: ben }`).
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(transparent)]
pub struct Contact(pub Ref);

macro_rules! entity {
    ($type:ty, $section:ident $(, $style:expr)?) => {
        impl Entity for $type {
            const SECTION: Section = Section::$section;
            $(const ID_STYLE: IdStyle = $style;)?
        }
    };
    ($type:ty, $section:ident, settle: $settle:path) => {
        impl Entity for $type {
            const SECTION: Section = Section::$section;
            fn settle(&mut self) {
                $settle(self)
            }
        }
    };
}

entity!(Team, Teams);
entity!(Person, People);
entity!(Goal, Goals);
entity!(Kpi, Kpis, settle: Kpi::take_target_unit);
entity!(Field, Fields, IdStyle::Snake);
entity!(Pipeline, Pipelines);
entity!(Task, Tasks);
entity!(Meeting, Meetings);
entity!(Channel, Channels);
entity!(Contact, Contacts);
entity!(FeedbackLoop, FeedbackLoops);
entity!(Campaign, Campaigns);
entity!(System, Systems);
entity!(Stage, Lifecycle);

/// A playbook after loading: the root file and everything it includes, merged.
#[derive(Debug, Default)]
pub struct Playbook {
    /// The root file, then included files in the order they were first included.
    pub files: Vec<FileId>,
    pub version: Option<Spanned<i64>>,
    pub id: Option<Spanned<String>>,
    pub title: Option<Spanned<String>>,
    pub description: Option<Spanned<String>>,
    pub teams: Entries<Team>,
    pub people: Entries<Person>,
    pub goals: Entries<Goal>,
    pub kpis: Entries<Kpi>,
    pub fields: Entries<Field>,
    /// The `lifecycle` key, when present.
    pub lifecycle: Option<Span>,
    pub stages: Entries<Stage>,
    pub pipelines: Entries<Pipeline>,
    pub tasks: Entries<Task>,
    pub meetings: Entries<Meeting>,
    pub channels: Entries<Channel>,
    pub contacts: Entries<Contact>,
    pub feedback_loops: Entries<FeedbackLoop>,
    pub campaigns: Entries<Campaign>,
    pub systems: Entries<System>,
    pub calendar: Option<Calendar>,
    /// The language documents are written in, when the playbook names one.
    pub lang: Option<Spanned<values::Language>>,
    pub lint: LintConfig,
    /// Comments that start with [`lint_config::SUPPRESSION_MARKER`] (inline suppressions as
    /// written, each from its `#` to the end of its line), found while parsing. Only real
    /// comments: the same text inside a block of text or a quoted string is not here.
    pub suppression_comments: Vec<Span>,
    /// Entities that exist but could not be read (a schema error was reported for them). They
    /// still count as defined, so that references to them are not reported a second time.
    pub unreadable: HashSet<(Section, String)>,
    /// What is known to be missing or incomplete because of structural errors.
    pub gaps: Gaps,
}

impl Playbook {
    /// Frees the room sections reserved while loading; see [`Section::shrink_to_fit`].
    pub fn shrink_to_fit(&mut self) {
        self.teams.shrink_to_fit();
        self.people.shrink_to_fit();
        self.goals.shrink_to_fit();
        self.kpis.shrink_to_fit();
        self.fields.shrink_to_fit();
        self.stages.shrink_to_fit();
        self.pipelines.shrink_to_fit();
        self.tasks.shrink_to_fit();
        self.meetings.shrink_to_fit();
        self.channels.shrink_to_fit();
        self.contacts.shrink_to_fit();
        self.feedback_loops.shrink_to_fit();
        self.campaigns.shrink_to_fit();
        self.systems.shrink_to_fit();
        self.suppression_comments.shrink_to_fit();
    }

    pub fn root(&self) -> FileId {
        self.files.first().copied().unwrap_or_default()
    }

    /// Whether `id` names an entity of `section`, readable or not.
    pub fn defines(&self, section: Section, id: &str) -> bool {
        let readable = self.position(section, id).is_some();
        // Asked once per reference: the common case must not build a key to look up.
        readable
            || (!self.unreadable.is_empty() && self.unreadable.contains(&(section, id.to_owned())))
    }

    /// Where entity `id` stands in `section` (file order), if it is there.
    pub fn position(&self, section: Section, id: &str) -> Option<usize> {
        match section {
            Section::Teams => self.teams.position(id),
            Section::People => self.people.position(id),
            Section::Goals => self.goals.position(id),
            Section::Kpis => self.kpis.position(id),
            Section::Fields => self.fields.position(id),
            Section::Lifecycle => self.stages.position(id),
            Section::Pipelines => self.pipelines.position(id),
            Section::Tasks => self.tasks.position(id),
            Section::Meetings => self.meetings.position(id),
            Section::Channels => self.channels.position(id),
            Section::Contacts => self.contacts.position(id),
            Section::FeedbackLoops => self.feedback_loops.position(id),
            Section::Campaigns => self.campaigns.position(id),
            Section::Systems => self.systems.position(id),
        }
    }

    /// The span of entity `id`'s key in `section` (the value of `id:` for a lifecycle stage).
    pub fn id_span(&self, section: Section, id: &str) -> Option<Span> {
        fn of<T>(entries: &Entries<T>, id: &str) -> Option<Span> {
            entries.get(id).map(|entry| entry.id.span)
        }
        match section {
            Section::Teams => of(&self.teams, id),
            Section::People => of(&self.people, id),
            Section::Goals => of(&self.goals, id),
            Section::Kpis => of(&self.kpis, id),
            Section::Fields => of(&self.fields, id),
            Section::Lifecycle => of(&self.stages, id),
            Section::Pipelines => of(&self.pipelines, id),
            Section::Tasks => of(&self.tasks, id),
            Section::Meetings => of(&self.meetings, id),
            Section::Channels => of(&self.channels, id),
            Section::Contacts => of(&self.contacts, id),
            Section::FeedbackLoops => of(&self.feedback_loops, id),
            Section::Campaigns => of(&self.campaigns, id),
            Section::Systems => of(&self.systems, id),
        }
    }

    /// How many entities the playbook defines, over all sections.
    pub fn entity_count(&self) -> usize {
        Section::ALL
            .iter()
            .map(|&section| self.section_ids(section).len())
            .sum()
    }

    /// The ids of a section, in file order.
    pub fn section_ids(&self, section: Section) -> Vec<&str> {
        match section {
            Section::Teams => self.teams.ids().collect(),
            Section::People => self.people.ids().collect(),
            Section::Goals => self.goals.ids().collect(),
            Section::Kpis => self.kpis.ids().collect(),
            Section::Fields => self.fields.ids().collect(),
            Section::Lifecycle => self.stages.ids().collect(),
            Section::Pipelines => self.pipelines.ids().collect(),
            Section::Tasks => self.tasks.ids().collect(),
            Section::Meetings => self.meetings.ids().collect(),
            Section::Channels => self.channels.ids().collect(),
            Section::Contacts => self.contacts.ids().collect(),
            Section::FeedbackLoops => self.feedback_loops.ids().collect(),
            Section::Campaigns => self.campaigns.ids().collect(),
            Section::Systems => self.systems.ids().collect(),
        }
    }
}

/// The shape of one playbook file, for the JSON Schema. The loader reads the same keys section by
/// section (so that one broken entity does not hide the others); a test keeps the two in step.
#[derive(JsonSchema)]
#[schemars(
    deny_unknown_fields,
    extend("patternProperties" = { "^x-": { "description": "an extension key, ignored: a place for YAML anchors" } }),
    title = "smarketing playbook",
    description = "A sales-and-marketing playbook: shared goals, KPIs, RACI, lead lifecycle, meetings and feedback loops. `version` and `playbook` are required in the root file; included files hold sections only."
)]
#[allow(dead_code)]
pub struct PlaybookFile {
    /// The language version; only 1 exists.
    #[schemars(range(min = 1, max = 1))]
    version: Option<u32>,
    /// The playbook's id.
    #[schemars(regex(pattern = r"^[a-z][a-z0-9-]*$"))]
    playbook: Option<String>,
    title: Option<String>,
    description: Option<String>,
    /// Further files, relative to this file's folder.
    include: Option<Vec<String>>,
    teams: Option<Entries<Team>>,
    people: Option<Entries<Person>>,
    goals: Option<Entries<Goal>>,
    kpis: Option<Entries<Kpi>>,
    fields: Option<Entries<Field>>,
    lifecycle: Option<Lifecycle>,
    pipelines: Option<Entries<Pipeline>>,
    tasks: Option<Entries<Task>>,
    meetings: Option<Entries<Meeting>>,
    channels: Option<Entries<Channel>>,
    /// The party to ask, per topic.
    contacts: Option<Entries<Contact>>,
    feedback_loops: Option<Entries<FeedbackLoop>>,
    campaigns: Option<Entries<Campaign>>,
    systems: Option<Entries<System>>,
    /// The time zone, working days, working hours and holidays business time is counted in.
    calendar: Option<Calendar>,
    /// The language documents are written in (`render` and `compile`; `--lang` overrides it).
    lang: Option<values::Language>,
    lint: Option<LintConfig>,
}

/// The playbook language versions (`version:`) this build reads.
pub const LANGUAGE_VERSIONS: &[u32] = &[1];

/// Keys that only the root file may hold.
pub const ROOT_ONLY_KEYS: [&str; 7] = [
    "version",
    "playbook",
    "title",
    "description",
    "calendar",
    "lang",
    "lint",
];

//! The typed playbook: what the loader builds from YAML and every later stage reads.

pub mod criterion;
pub mod entities;
pub mod lint_config;
pub mod one_or_many;
pub mod section;
pub mod values;

pub use entities::*;
pub use lint_config::LintConfig;
pub use section::{Entity, Entry, IdStyle, Section};

use crate::span::{FileId, Span, Spanned};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;

/// The party to ask about a topic (`contacts: { lead-quality: ben }`).
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(transparent)]
pub struct Contact(pub Ref);

macro_rules! entity {
    ($type:ty, $section:literal, $kind:literal $(, $style:expr)?) => {
        impl Entity for $type {
            const SECTION: &'static str = $section;
            const KIND: &'static str = $kind;
            $(const ID_STYLE: IdStyle = $style;)?
        }
    };
}

entity!(Team, "teams", "team");
entity!(Person, "people", "person");
entity!(Goal, "goals", "goal");
entity!(Kpi, "kpis", "KPI");
entity!(Field, "fields", "field", IdStyle::Snake);
entity!(Pipeline, "pipelines", "pipeline");
entity!(Task, "tasks", "task");
entity!(Meeting, "meetings", "meeting");
entity!(Channel, "channels", "channel");
entity!(Contact, "contacts", "contact topic");
entity!(FeedbackLoop, "feedback_loops", "feedback loop");
entity!(Campaign, "campaigns", "campaign");
entity!(System, "systems", "system");
entity!(Stage, "lifecycle", "stage");

/// A playbook after loading: the root file and everything it includes, merged.
#[derive(Debug, Default)]
pub struct Playbook {
    /// The root file, then included files in the order they were first included.
    pub files: Vec<FileId>,
    pub version: Option<Spanned<i64>>,
    pub id: Option<Spanned<String>>,
    pub title: Option<Spanned<String>>,
    pub description: Option<Spanned<String>>,
    pub teams: Section<Team>,
    pub people: Section<Person>,
    pub goals: Section<Goal>,
    pub kpis: Section<Kpi>,
    pub fields: Section<Field>,
    /// The `lifecycle` key, when present.
    pub lifecycle: Option<Span>,
    pub stages: Section<Stage>,
    pub pipelines: Section<Pipeline>,
    pub tasks: Section<Task>,
    pub meetings: Section<Meeting>,
    pub channels: Section<Channel>,
    pub contacts: Section<Contact>,
    pub feedback_loops: Section<FeedbackLoop>,
    pub campaigns: Section<Campaign>,
    pub systems: Section<System>,
    pub lint: LintConfig,
    /// Entities that exist but could not be read (a schema error was reported for them). They
    /// still count as defined, so that references to them are not reported a second time.
    pub unreadable: HashSet<(&'static str, String)>,
    /// What is known to be missing or incomplete because of structural errors.
    pub gaps: Gaps,
}

/// Where a structural error left the playbook incomplete.
///
/// Rules that judge the playbook as a whole (is every KPI reviewed? can every stage be reached?)
/// would report the consequences of the error as problems of their own; they are skipped where
/// what they read is incomplete, and findings about an entity with a schema error are dropped.
/// One mistake, one finding.
#[derive(Debug, Default, Clone)]
pub struct Gaps {
    /// A file could not be read at all: nothing can be judged as a whole.
    pub everything: bool,
    /// An included file is missing or unreadable, so unknown names may be defined there.
    pub include_failed: bool,
    /// Sections with an entity that could not be read, or is incomplete.
    pub sections: HashSet<&'static str>,
    /// Entities (`section.id`) with a schema error inside.
    pub entities: HashSet<String>,
}

impl Gaps {
    pub fn covers_any(&self, sections: &[&str]) -> bool {
        self.everything
            || sections
                .iter()
                .any(|section| self.sections.contains(section))
    }
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
    }

    pub fn root(&self) -> FileId {
        self.files.first().copied().unwrap_or_default()
    }

    /// Whether `id` names an entity of `section`, readable or not.
    pub fn defines(&self, section: &'static str, id: &str) -> bool {
        let readable = self.position(section, id).is_some();
        // Asked once per reference: the common case must not build a key to look up.
        readable
            || (!self.unreadable.is_empty() && self.unreadable.contains(&(section, id.to_owned())))
    }

    /// Where entity `id` stands in `section` (file order), if it is there.
    pub fn position(&self, section: &str, id: &str) -> Option<usize> {
        match section {
            "teams" => self.teams.position(id),
            "people" => self.people.position(id),
            "goals" => self.goals.position(id),
            "kpis" => self.kpis.position(id),
            "fields" => self.fields.position(id),
            "lifecycle" => self.stages.position(id),
            "pipelines" => self.pipelines.position(id),
            "tasks" => self.tasks.position(id),
            "meetings" => self.meetings.position(id),
            "channels" => self.channels.position(id),
            "contacts" => self.contacts.position(id),
            "feedback_loops" => self.feedback_loops.position(id),
            "campaigns" => self.campaigns.position(id),
            "systems" => self.systems.position(id),
            _ => None,
        }
    }

    /// How many entities the playbook defines, over all sections.
    pub fn entity_count(&self) -> usize {
        SECTIONS
            .iter()
            .map(|section| self.section_ids(section).len())
            .sum()
    }

    /// The ids of a section, in file order.
    pub fn section_ids(&self, section: &str) -> Vec<&str> {
        match section {
            "teams" => self.teams.ids().collect(),
            "people" => self.people.ids().collect(),
            "goals" => self.goals.ids().collect(),
            "kpis" => self.kpis.ids().collect(),
            "fields" => self.fields.ids().collect(),
            "lifecycle" => self.stages.ids().collect(),
            "pipelines" => self.pipelines.ids().collect(),
            "tasks" => self.tasks.ids().collect(),
            "meetings" => self.meetings.ids().collect(),
            "channels" => self.channels.ids().collect(),
            "contacts" => self.contacts.ids().collect(),
            "feedback_loops" => self.feedback_loops.ids().collect(),
            "campaigns" => self.campaigns.ids().collect(),
            "systems" => self.systems.ids().collect(),
            _ => Vec::new(),
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
    teams: Option<Section<Team>>,
    people: Option<Section<Person>>,
    goals: Option<Section<Goal>>,
    kpis: Option<Section<Kpi>>,
    fields: Option<Section<Field>>,
    lifecycle: Option<Lifecycle>,
    pipelines: Option<Section<Pipeline>>,
    tasks: Option<Section<Task>>,
    meetings: Option<Section<Meeting>>,
    channels: Option<Section<Channel>>,
    /// The party to ask, per topic.
    contacts: Option<Section<Contact>>,
    feedback_loops: Option<Section<FeedbackLoop>>,
    campaigns: Option<Section<Campaign>>,
    systems: Option<Section<System>>,
    lint: Option<LintConfig>,
}

/// The sections of a playbook, in the order the language lists them.
pub const SECTIONS: [&str; 14] = [
    "teams",
    "people",
    "goals",
    "kpis",
    "fields",
    "lifecycle",
    "pipelines",
    "tasks",
    "meetings",
    "channels",
    "contacts",
    "feedback_loops",
    "campaigns",
    "systems",
];

/// Keys that only the root file may hold.
pub const ROOT_ONLY_KEYS: [&str; 5] = ["version", "playbook", "title", "description", "lint"];

//! Where each id of a playbook is defined and where it is named: what definition, references,
//! rename, hover and the outline all look up.
//!
//! Built from the checked playbook (the entities' id spans, and [`for_each_reference`]), so an
//! editor's idea of what a name points at is exactly the one rules use.

use super::analysis::Analysis;
use crate::base::source::Sources;
use crate::base::span::{FileId, Span};
use crate::model::entries::Entries;
use crate::model::{Playbook, Section};
use crate::resolve::refs::for_each_reference;

/// One place an id is written.
#[derive(Clone, Debug)]
pub struct Occurrence {
    /// The section of the entity it names; `None` for a reference that names nothing defined.
    pub section: Option<Section>,
    pub id: String,
    /// The id's text, without quotes.
    pub span: Span,
    pub definition: bool,
}

/// Every occurrence of every id, sorted by file and position.
pub struct Symbols {
    occurrences: Vec<Occurrence>,
}

impl Symbols {
    pub fn of(analysis: &Analysis) -> Symbols {
        let playbook = &analysis.playbook;
        let sources = &analysis.sources;
        let mut occurrences = Vec::new();
        for section in Section::ALL {
            for_each_id(playbook, section, |id, span| {
                occurrences.push(Occurrence {
                    section: Some(section),
                    id: id.to_owned(),
                    span: unquoted(sources, span),
                    definition: true,
                });
            });
        }
        for_each_reference(playbook, |reference| {
            let name = reference.name.value.as_str();
            let section = reference
                .target
                .sections()
                .iter()
                .copied()
                .find(|&section| playbook.defines(section, name));
            occurrences.push(Occurrence {
                section,
                id: name.to_owned(),
                span: unquoted(sources, reference.name.span),
                definition: false,
            });
        });
        occurrences.sort_by_key(|o| (o.span.file, o.span.start, !o.definition));
        Symbols { occurrences }
    }

    /// The occurrence under byte `offset` of `file` (its end counts: the cursor just after a name
    /// is on it).
    pub fn at(&self, file: FileId, offset: u32) -> Option<&Occurrence> {
        let after = self
            .occurrences
            .partition_point(|o| (o.span.file, o.span.start) <= (file, offset));
        self.occurrences[..after]
            .iter()
            .rev()
            .take_while(|o| o.span.file == file)
            .find(|o| o.span.start <= offset && offset <= o.span.end)
    }

    /// Where `id` of `section` is defined.
    pub fn definition(&self, section: Section, id: &str) -> Option<&Occurrence> {
        self.occurrences
            .iter()
            .find(|o| o.definition && o.section == Some(section) && o.id == id)
    }

    /// Every occurrence of `id` of `section`: its definition and the references that name it.
    pub fn of_entity<'s>(
        &'s self,
        section: Section,
        id: &'s str,
    ) -> impl Iterator<Item = &'s Occurrence> + 's {
        self.occurrences
            .iter()
            .filter(move |o| o.section == Some(section) && o.id == id)
    }

    /// The definitions in file order.
    pub fn definitions(&self) -> impl Iterator<Item = &Occurrence> {
        self.occurrences.iter().filter(|o| o.definition)
    }
}

/// `span` without the quotes of a quoted scalar, so that a rename keeps them.
fn unquoted(sources: &Sources, span: Span) -> Span {
    let text = sources.snippet(span);
    let quoted = text.len() >= 2
        && ((text.starts_with('"') && text.ends_with('"'))
            || (text.starts_with('\'') && text.ends_with('\'')));
    if quoted {
        Span::new(span.file, span.start + 1, span.end - 1)
    } else {
        span
    }
}

/// Calls `visit` with each id of `section` and the span it is written at, in file order.
pub fn for_each_id(playbook: &Playbook, section: Section, mut visit: impl FnMut(&str, Span)) {
    fn each<T>(entries: &Entries<T>, visit: &mut dyn FnMut(&str, Span)) {
        for entry in entries.iter() {
            visit(entry.id.value.as_str(), entry.id.span);
        }
    }
    let visit: &mut dyn FnMut(&str, Span) = &mut visit;
    match section {
        Section::Teams => each(&playbook.teams, visit),
        Section::People => each(&playbook.people, visit),
        Section::Goals => each(&playbook.goals, visit),
        Section::Kpis => each(&playbook.kpis, visit),
        Section::Fields => each(&playbook.fields, visit),
        Section::Lifecycle => each(&playbook.stages, visit),
        Section::Pipelines => each(&playbook.pipelines, visit),
        Section::Tasks => each(&playbook.tasks, visit),
        Section::Meetings => each(&playbook.meetings, visit),
        Section::Channels => each(&playbook.channels, visit),
        Section::Contacts => each(&playbook.contacts, visit),
        Section::FeedbackLoops => each(&playbook.feedback_loops, visit),
        Section::Campaigns => each(&playbook.campaigns, visit),
        Section::Systems => each(&playbook.systems, visit),
    }
}

/// What an entity is called where people read it: its title, name or label.
pub fn caption(playbook: &Playbook, section: Section, id: &str) -> Option<String> {
    let text = match section {
        Section::Teams => playbook.teams.get(id).map(|e| &e.value.name),
        Section::People => playbook.people.get(id).map(|e| &e.value.name),
        Section::Goals => playbook.goals.get(id).map(|e| &e.value.title),
        Section::Kpis => playbook.kpis.get(id).map(|e| &e.value.title),
        Section::Fields => playbook.fields.get(id).map(|e| &e.value.label),
        Section::Lifecycle => playbook.stages.get(id).and_then(|e| e.value.title.as_ref()),
        Section::Pipelines => playbook.pipelines.get(id).map(|e| &e.value.title),
        Section::Tasks => playbook.tasks.get(id).map(|e| &e.value.title),
        Section::Meetings => playbook.meetings.get(id).map(|e| &e.value.title),
        Section::Campaigns => playbook.campaigns.get(id).map(|e| &e.value.title),
        Section::FeedbackLoops => playbook
            .feedback_loops
            .get(id)
            .and_then(|e| e.value.about.as_ref()),
        Section::Channels => playbook
            .channels
            .get(id)
            .and_then(|e| e.value.tool.as_ref().or(e.value.address.as_ref())),
        Section::Systems => playbook
            .systems
            .get(id)
            .and_then(|e| e.value.product.as_ref()),
        Section::Contacts => None,
    }?;
    Some(text.value.clone()).filter(|text| !text.is_empty())
}

//! Entities read while the file is parsed.
//!
//! A large playbook is mostly entities (tasks above all). Converting each one as soon as the
//! parser has read it, and dropping its nodes right after, keeps peak memory near the size of
//! the typed model instead of the model plus a node tree of the whole file.

use super::{DeContext, Output};
use crate::model::SECTIONS;
use crate::span::FileId;
use crate::yaml::{self, EntitySink, Node, Parsed};

/// The section named by top-level key `key`, if it maps ids to entities.
pub fn entity_section(key: &str) -> Option<&'static str> {
    // The lifecycle is the one section that is not a map of entities.
    SECTIONS
        .iter()
        .copied()
        .find(|section| *section == key && *section != "lifecycle")
}

/// The accessor of one section in a `Playbook`.
pub type Pick<T> = fn(&mut crate::model::Playbook) -> &mut crate::model::section::Section<T>;

/// Runs `$body` with `$pick` bound to the accessor of section `$section` in a `Playbook`; each
/// section has its own entity type, so this has to be a macro.
macro_rules! with_section {
    ($section:expr, |$pick:ident| $body:expr) => {
        match $section {
            "teams" => {
                let $pick: $crate::load::stream::Pick<_> = |p| &mut p.teams;
                $body
            }
            "people" => {
                let $pick: $crate::load::stream::Pick<_> = |p| &mut p.people;
                $body
            }
            "goals" => {
                let $pick: $crate::load::stream::Pick<_> = |p| &mut p.goals;
                $body
            }
            "kpis" => {
                let $pick: $crate::load::stream::Pick<_> = |p| &mut p.kpis;
                $body
            }
            "fields" => {
                let $pick: $crate::load::stream::Pick<_> = |p| &mut p.fields;
                $body
            }
            "pipelines" => {
                let $pick: $crate::load::stream::Pick<_> = |p| &mut p.pipelines;
                $body
            }
            "tasks" => {
                let $pick: $crate::load::stream::Pick<_> = |p| &mut p.tasks;
                $body
            }
            "meetings" => {
                let $pick: $crate::load::stream::Pick<_> = |p| &mut p.meetings;
                $body
            }
            "channels" => {
                let $pick: $crate::load::stream::Pick<_> = |p| &mut p.channels;
                $body
            }
            "contacts" => {
                let $pick: $crate::load::stream::Pick<_> = |p| &mut p.contacts;
                $body
            }
            "feedback_loops" => {
                let $pick: $crate::load::stream::Pick<_> = |p| &mut p.feedback_loops;
                $body
            }
            "campaigns" => {
                let $pick: $crate::load::stream::Pick<_> = |p| &mut p.campaigns;
                $body
            }
            "systems" => {
                let $pick: $crate::load::stream::Pick<_> = |p| &mut p.systems;
                $body
            }
            _ => {}
        }
    };
}
pub(super) use with_section;

/// Parses `text` (file `file`) and converts its entities into `out` as they are read.
pub fn parse_into(out: &mut Output<'_>, text: &str, file: FileId) -> Parsed {
    let context = DeContext::new(text);
    yaml::parse(
        text,
        file,
        &mut Sections {
            out,
            context: &context,
        },
    )
}

/// Converts the entities of one file into the playbook as the parser finishes them.
struct Sections<'a, 'o, 't> {
    out: &'a mut Output<'o>,
    context: &'a DeContext<'t>,
}

impl EntitySink for Sections<'_, '_, '_> {
    fn section(&self, key: &str) -> Option<&'static str> {
        entity_section(key)
    }

    fn entity(&mut self, section: &'static str, key: Node, value: Node, repeats_inside: bool) {
        let context = self.context;
        with_section!(section, |pick| self.out.entity(context, &key, &value, pick));
        if repeats_inside {
            // The second value of a repeated key was left out, so the entity is incomplete.
            let gaps = &mut self.out.playbook.gaps;
            gaps.sections.insert(section);
            if let Some(id) = key.scalar_text(context.text) {
                gaps.entities.insert(format!("{section}.{id}"));
            }
        }
    }

    fn repeated(&mut self, section: &'static str, _: Node) {
        self.out.playbook.gaps.sections.insert(section);
    }
}

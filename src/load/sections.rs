//! Converting a file's sections into typed entities, one entity at a time, so that a broken
//! entity is reported and the others still load. Ids are checked here: their style, and that
//! each is defined once.

use super::recover::{read_entity, schema_error};
use crate::base::span::Spanned;
use crate::diagnostic::Diagnostic;
use crate::diagnostic::structural::{duplicate_id, schema};
use crate::model::{Entity, Entries, IdStyle, Playbook, Section, Stage};
use crate::yaml::de::{DeContext, DeError, DeErrorKind, NodeDeserializer};
use crate::yaml::{Node, NodeKind};
use serde::de::DeserializeOwned;

/// Where entities of one file go, split from the loader so that the file's text can stay
/// borrowed while they are converted.
pub(super) struct Output<'o> {
    pub playbook: &'o mut Playbook,
    pub diagnostics: &'o mut Vec<Diagnostic>,
}

impl Output<'_> {
    /// Reads `value` as a `T`, reporting failure as a `schema` error.
    pub fn read<T: DeserializeOwned>(
        &mut self,
        context: &DeContext<'_>,
        key: &Node,
        value: &Node,
        entity: &str,
    ) -> Option<T> {
        let result = T::deserialize(NodeDeserializer::new(value, context, entity, key.span));
        self.drain_findings(context, None);
        match result {
            Ok(value) => Some(value),
            Err(error) => {
                self.diagnostics
                    .push(schema_error(error, key.span, None, entity));
                None
            }
        }
    }

    /// Reads `value` as a `T` the way an entity is read: every mistake inside it is reported,
    /// and what does read is kept.
    pub fn read_every_mistake<T: DeserializeOwned>(
        &mut self,
        context: &DeContext<'_>,
        key: &Node,
        value: &Node,
        label: &str,
    ) -> Option<T> {
        let (result, errors) = read_entity::<T>(value, context, label, key.span);
        self.drain_findings(context, None);
        for error in errors {
            self.diagnostics
                .push(schema_error(error, key.span, None, label));
        }
        result
    }

    /// Moves the findings of one entity (unknown keys) to the diagnostics. A misspelled key
    /// leaves the key it stands for unknown.
    pub fn drain_findings(&mut self, context: &DeContext<'_>, entity: Option<(Section, &str)>) {
        let missed: Vec<&str> = context.missed_keys.borrow_mut().drain(..).collect();
        if let Some((section, id)) = entity {
            for key in missed {
                self.playbook.gaps.unknown(section, id, Some(key));
            }
        }
        for mut finding in context.findings.borrow_mut().drain(..) {
            if let Some((section, id)) = entity {
                finding.entity = Some(section.entity(id));
            }
            self.diagnostics.push(finding);
        }
    }

    /// Records what the errors of one entity leave unknown: the key each is about, or all of
    /// the entity when an error is not about one key or the entity could not be read.
    fn mark_unknown(&mut self, section: Section, id: &str, errors: &[DeError], read: bool) {
        if !read {
            self.playbook.gaps.unknown(section, id, None);
            return;
        }
        for error in errors {
            let key = match error.kind {
                DeErrorKind::MissingKey(key) => Some(key),
                _ => error.path.last().map(String::as_str),
            };
            self.playbook.gaps.unknown(section, id, key);
        }
    }

    pub fn read_playbook_id(&mut self, context: &DeContext<'_>, key: &Node, value: &Node) {
        let id: Option<Spanned<String>> = self.read(context, key, value, "`playbook`");
        if let Some(id) = &id {
            let style = IdStyle::Kebab;
            if !style.accepts(&id.value) {
                self.diagnostics.push(schema::invalid_playbook_id(
                    &id.value,
                    &style.suggest(&id.value),
                    id.span,
                ));
            }
        }
        self.playbook.id = id;
    }

    /// Converts every entry of a section map; `pick` chooses the section of the playbook.
    pub fn section<T: DeserializeOwned + Entity>(
        &mut self,
        context: &DeContext<'_>,
        node: &Node,
        pick: impl Fn(&mut Playbook) -> &mut Entries<T>,
    ) {
        let entries = match &node.kind {
            NodeKind::Map(entries) => &entries[..],
            NodeKind::Null => return,
            _ => {
                self.playbook.gaps.sections.insert(T::SECTION);
                self.diagnostics.push(schema::section_not_a_map(
                    T::SECTION.key(),
                    T::SECTION.noun(),
                    node.describe(),
                    node.span,
                ));
                return;
            }
        };
        for (key, value) in entries {
            self.entity(context, key, value, &pick);
        }
    }

    /// Reads one entity of section `T` and adds it to the playbook.
    pub fn entity<T: DeserializeOwned + Entity>(
        &mut self,
        context: &DeContext<'_>,
        key: &Node,
        value: &Node,
        pick: impl Fn(&mut Playbook) -> &mut Entries<T>,
    ) {
        let Some(id) = self.entity_id::<T>(context, key) else {
            return;
        };
        let label = format!("{} `{}`", T::SECTION.noun(), id.value);
        let entity = T::SECTION.entity(&id.value);
        let (result, errors) = read_entity::<T>(value, context, &label, key.span);
        self.drain_findings(context, Some((T::SECTION, &id.value)));
        self.mark_unknown(T::SECTION, &id.value, &errors, result.is_some());
        for error in errors {
            self.diagnostics
                .push(schema_error(error, key.span, Some(&entity), &label));
        }
        match result {
            Some(mut item) => {
                item.settle();
                let name = id.value.clone();
                if !insert(self.diagnostics, pick(self.playbook), id, item, &entity) {
                    // Which of the two definitions the author meant is unknown.
                    self.playbook.gaps.unknown(T::SECTION, &name, None);
                }
            }
            None => {
                self.playbook
                    .unreadable
                    .insert((T::SECTION, id.value.to_string()));
            }
        }
    }

    fn entity_id<T: Entity>(
        &mut self,
        context: &DeContext<'_>,
        key: &Node,
    ) -> Option<crate::model::entities::Ref> {
        let Some(text) = key.scalar_text(context.text) else {
            self.diagnostics
                .push(schema::id_not_text(T::SECTION.noun(), key.span));
            return None;
        };
        let read_as = match key.kind {
            NodeKind::Bool(_) | NodeKind::Int(_) | NodeKind::Float(_) => Some(key.describe()),
            NodeKind::Null => Some("nothing (null)"),
            _ => None,
        };
        if let Some(read_as) = read_as {
            // Written quoted elsewhere, the same id resolves: the key is the one mistake.
            self.playbook
                .unreadable
                .insert((T::SECTION, text.to_owned()));
            self.diagnostics.push(
                schema::id_not_text_key(text, read_as, key.span)
                    .with_entity(T::SECTION.entity(text)),
            );
            return None;
        }
        let style = T::ID_STYLE;
        if !style.accepts(text) {
            // References written the right way resolve, so the bad id is reported once.
            self.playbook
                .unreadable
                .insert((T::SECTION, style.suggest(text)));
            let kind = match style {
                IdStyle::Kebab => "lower-case kebab-case",
                IdStyle::Snake => "lower-case snake_case (CRM property names)",
            };
            self.diagnostics.push(
                schema::invalid_id(
                    T::SECTION.noun(),
                    text,
                    kind,
                    &style.suggest(text),
                    key.span,
                )
                .with_entity(T::SECTION.entity(text)),
            );
        }
        Some(Spanned::new(text.into(), key.span))
    }

    pub fn lifecycle(&mut self, context: &DeContext<'_>, key: &Node, node: &Node) {
        if let Some(first) = self.playbook.lifecycle {
            self.diagnostics
                .push(duplicate_id::lifecycle_twice(key.span, first));
            return;
        }
        self.playbook.lifecycle = Some(key.span);
        let entries = match &node.kind {
            NodeKind::Map(entries) => &entries[..],
            NodeKind::Null => return,
            _ => {
                self.diagnostics
                    .push(schema::lifecycle_not_a_map(node.describe(), node.span));
                return;
            }
        };
        for (stages_key, stages) in entries {
            let name = stages_key.scalar_text(context.text).unwrap_or("");
            if name != "stages" {
                self.diagnostics.push(
                    schema::unknown_lifecycle_key(name, stages_key.span).unless_taken(|with| {
                        entries
                            .iter()
                            .any(|(other, _)| other.scalar_text(context.text) == Some(with))
                    }),
                );
                continue;
            }
            let items = match &stages.kind {
                NodeKind::Seq(items) => &items[..],
                NodeKind::Null => &[],
                _ => {
                    self.diagnostics
                        .push(schema::stages_not_a_list(stages.describe(), stages.span));
                    continue;
                }
            };
            for item in items {
                self.stage(context, item);
            }
        }
    }

    fn stage(&mut self, context: &DeContext<'_>, item: &Node) {
        // The id is read first so that messages about the rest of the stage can name it.
        let id = item.as_map().and_then(|entries| {
            entries
                .iter()
                .find(|(key, _)| key.scalar_text(context.text) == Some("id"))
                .and_then(|(_, value)| {
                    value
                        .scalar_text(context.text)
                        .map(|text| Spanned::new(text.to_owned(), value.span))
                })
        });
        let label = id.as_ref().map_or_else(
            || "a lifecycle stage".to_owned(),
            |id| format!("stage `{}`", id.value),
        );
        let entity = id.as_ref().map(|id| Stage::SECTION.entity(&id.value));
        let (result, errors) = read_entity::<Stage>(item, context, &label, item.span);
        self.drain_findings(
            context,
            id.as_ref().map(|id| (Stage::SECTION, id.value.as_str())),
        );
        match &id {
            Some(id) => self.mark_unknown(Stage::SECTION, &id.value, &errors, result.is_some()),
            // A stage without a readable id: the lifecycle's shape is unknown.
            None => {
                self.playbook.gaps.sections.insert(Stage::SECTION);
            }
        }
        for error in errors {
            self.diagnostics
                .push(schema_error(error, item.span, entity.as_deref(), &label));
        }
        match result {
            Some(stage) => {
                let id = stage.id.clone();
                if !Stage::ID_STYLE.accepts(&id.value) {
                    self.playbook
                        .unreadable
                        .insert((Stage::SECTION, Stage::ID_STYLE.suggest(&id.value)));
                    self.diagnostics.push(schema::invalid_id(
                        Stage::SECTION.noun(),
                        &id.value,
                        "lower-case kebab-case",
                        &Stage::ID_STYLE.suggest(&id.value),
                        id.span,
                    ));
                }
                let entity = Stage::SECTION.entity(&id.value);
                let name = id.value.clone();
                if !insert(
                    self.diagnostics,
                    &mut self.playbook.stages,
                    id,
                    stage,
                    &entity,
                ) {
                    // Two stages with one id: the lifecycle's order and edges are ambiguous.
                    self.playbook.gaps.unknown(Stage::SECTION, &name, None);
                    self.playbook.gaps.sections.insert(Stage::SECTION);
                }
            }
            None => {
                if let Some(id) = id {
                    self.playbook.unreadable.insert((Stage::SECTION, id.value));
                }
            }
        }
    }
}

/// Adds an entity to its section; a second definition of an id is reported and left out.
fn insert<T: Entity>(
    diagnostics: &mut Vec<Diagnostic>,
    section: &mut Entries<T>,
    id: crate::model::entities::Ref,
    item: T,
    entity: &str,
) -> bool {
    let span = id.span;
    let name = id.value.clone();
    let Err(first) = section.insert(id, item) else {
        return true;
    };
    diagnostics.push(
        duplicate_id::defined_twice(T::SECTION.noun(), &name, span, first.id.span)
            .with_entity(entity),
    );
    false
}

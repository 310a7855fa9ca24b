//! From a root playbook file to a merged [`Playbook`]: reading, parsing, includes, and the
//! section-by-section conversion of YAML nodes into typed entities.
//!
//! Every problem is collected as a diagnostic and loading goes on: a broken entity is reported
//! and left out (its id still counts as defined, so references to it do not cascade), a broken
//! include is reported at the include entry. Only a file that cannot be parsed at all stops, and
//! only for that file.

pub mod discover;
pub mod read;
mod stream;

use crate::diagnostic::{Diagnostic, Label};
use crate::model::lint_config::LintSettings;
use crate::model::section::{Entity, Section};
use crate::model::values::Level;
use crate::model::{Playbook, PlaybookFile, ROOT_ONLY_KEYS, Stage};
use crate::source::{SourceFile, Sources, display_path};
use crate::span::{FileId, Span, Spanned};
use crate::suggest::did_you_mean;
use crate::yaml::de::{DeContext, DeError, NodeDeserializer, quoted_list};
use crate::yaml::{Node, NodeKind};
use read::{ReadError, read_text};
use serde::de::DeserializeOwned;
use std::collections::HashSet;
use std::path::{Component, Path, PathBuf};

/// Limits that protect a run from hostile input.
#[derive(Clone, Copy, Debug)]
pub struct LoadOptions {
    pub max_file_bytes: u64,
}

impl Default for LoadOptions {
    fn default() -> Self {
        LoadOptions {
            max_file_bytes: read::DEFAULT_MAX_FILE_BYTES,
        }
    }
}

/// A loaded playbook and everything found while loading it.
pub struct Loaded {
    pub playbook: Playbook,
    pub diagnostics: Vec<Diagnostic>,
    /// Canonical paths of every file read for this playbook, the root first.
    pub paths: Vec<PathBuf>,
}

/// A root file that could not be read at all: an I/O failure (exit 2), not a playbook defect.
#[derive(Debug)]
pub struct RootUnreadable {
    pub path: PathBuf,
    pub error: ReadError,
}

impl std::fmt::Display for RootUnreadable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "cannot read `{}`: {}",
            display_path(&self.path),
            self.error
        )
    }
}

/// Loads the playbook whose root file is `path`, adding every file read to `sources`.
pub fn load_playbook(
    path: &Path,
    sources: &mut Sources,
    options: LoadOptions,
) -> Result<Loaded, RootUnreadable> {
    let content = read_text(path, options.max_file_bytes).map_err(|error| RootUnreadable {
        path: path.to_path_buf(),
        error,
    })?;
    Ok(load_content(path, content, sources, options))
}

/// Loads a playbook from bytes already in memory, as if read from `path` (includes are read
/// relative to it). Used by the fuzzer, which has no files.
pub fn load_bytes(
    path: &Path,
    bytes: &[u8],
    sources: &mut Sources,
    options: LoadOptions,
) -> Loaded {
    load_content(path, read::decode(bytes.to_vec()), sources, options)
}

fn load_content(
    path: &Path,
    content: read::FileText,
    sources: &mut Sources,
    options: LoadOptions,
) -> Loaded {
    let canonical = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
    let boundary = canonical
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default();
    let mut loader = Loader {
        sources,
        options,
        playbook: Playbook::default(),
        diagnostics: Vec::new(),
        paths: vec![canonical.clone()],
        boundary,
        stack: vec![canonical],
    };
    let file = loader.add_source(path, content);
    loader.load_file(file, true);
    loader.check_version();
    loader.playbook.shrink_to_fit();
    Loaded {
        playbook: loader.playbook,
        diagnostics: loader.diagnostics,
        paths: loader.paths,
    }
}

struct Loader<'s> {
    sources: &'s mut Sources,
    options: LoadOptions,
    playbook: Playbook,
    diagnostics: Vec<Diagnostic>,
    paths: Vec<PathBuf>,
    /// Includes must stay inside the root playbook's folder.
    boundary: PathBuf,
    /// The chain of files being included, to find cycles.
    stack: Vec<PathBuf>,
}

/// The canonical path of an include and the include entry that named it.
struct PendingInclude {
    entry: Spanned<String>,
}

impl Loader<'_> {
    fn check_version(&mut self) {
        let Some(version) = &self.playbook.version else {
            return;
        };
        if version.value != 1 {
            self.diagnostics.push(
                Diagnostic::error(
                    "unsupported-version",
                    format!("playbook version {} is not supported", version.value),
                    version.span,
                )
                .with_help("this smarketing reads `version: 1`"),
            );
        }
    }

    fn add_source(&mut self, path: &Path, content: read::FileText) -> FileId {
        let invalid_at = content.invalid_utf8_at;
        let file = self
            .sources
            .add(SourceFile::new(path.to_path_buf(), content.text));
        self.playbook.files.push(file);
        if let Some(at) = invalid_at {
            // What the replaced bytes meant is unknown: judge nothing of this file as a whole.
            self.playbook.gaps.everything = true;
            self.diagnostics.push(
                Diagnostic::error(
                    "yaml-syntax",
                    "the file is not valid UTF-8",
                    Span::new(file, at as u32, at as u32 + 1),
                )
                .with_help("save the file as UTF-8; is this a binary file?"),
            );
        }
        file
    }

    fn load_file(&mut self, file: FileId, is_root: bool) {
        if self
            .diagnostics
            .iter()
            .any(|d| d.span.file == file && d.rule == "yaml-syntax")
        {
            return;
        }
        let context = DeContext::new(&self.sources.get(file).text);
        // `context` borrows the text from `sources`; entities are converted without touching
        // `sources`, and includes are loaded once the borrow has ended.
        let mut out = Output {
            playbook: &mut self.playbook,
            diagnostics: &mut self.diagnostics,
        };
        let before = out.diagnostics.len();
        let parsed = stream::parse_into(&mut out, context.text, file);
        if parsed.diagnostics.iter().any(|d| d.rule == "yaml-syntax") {
            // A syntax error ends the file: what was read before it is not judged either.
            out.diagnostics.truncate(before);
        }
        let duplicates: Vec<Span> = parsed
            .diagnostics
            .iter()
            .filter(|d| d.rule == "duplicate-key")
            .map(|d| d.span)
            .collect();
        out.diagnostics.extend(parsed.diagnostics);
        register_dropped(out.playbook, &parsed.dropped, context.text);
        let Some(root) = parsed.root else {
            out.playbook.gaps.everything = true;
            if !out.diagnostics.iter().any(|d| d.span.file == file) {
                let span = Span::new(file, 0, 0);
                let message = if is_root {
                    "the playbook is empty"
                } else {
                    "the included file is empty"
                };
                out.diagnostics.push(
                    Diagnostic::error("schema", message, span)
                        .with_help("a playbook starts with `version: 1` and `playbook: <id>`"),
                );
            }
            return;
        };
        let Some(entries) = root.as_map() else {
            out.playbook.gaps.everything = true;
            out.diagnostics.push(
                Diagnostic::error(
                    "schema",
                    format!(
                        "a playbook file is a map of sections, but this one is {}",
                        root.describe()
                    ),
                    root.span,
                )
                .with_help("start with `version: 1` and `playbook: <id>`, then the sections"),
            );
            return;
        };
        let mut includes = Vec::new();
        let mut state = FileState::default();
        for (key, value) in entries {
            let Some(name) = key.scalar_text(context.text) else {
                out.diagnostics.push(Diagnostic::error(
                    "schema",
                    "top-level keys must be text",
                    key.span,
                ));
                continue;
            };
            if !is_root && ROOT_ONLY_KEYS.contains(&name) {
                out.diagnostics.push(
                    Diagnostic::error(
                        "schema",
                        format!("`{name}` belongs in the root playbook, not in an included file"),
                        key.span,
                    )
                    .with_help("move it to the file that includes this one"),
                );
                continue;
            }
            state.seen.insert(name.to_owned());
            match name {
                "version" => out.playbook.version = out.read(&context, key, value, "`version`"),
                "playbook" => out.read_playbook_id(&context, key, value),
                "title" => out.playbook.title = out.read(&context, key, value, "`title`"),
                "description" => {
                    out.playbook.description = out.read(&context, key, value, "`description`")
                }
                "include" => {
                    let list: Option<Option<Vec<Spanned<String>>>> =
                        out.read(&context, key, value, "`include`");
                    includes.extend(
                        list.flatten()
                            .unwrap_or_default()
                            .into_iter()
                            .map(|entry| PendingInclude { entry }),
                    );
                }
                // Entities read while parsing are no longer in the tree; what is left (merged
                // entries) is read here.
                section if stream::entity_section(section).is_some() => {
                    stream::with_section!(section, |pick| out.section(&context, value, pick))
                }
                "lifecycle" => out.lifecycle(&context, key, value),
                "lint" => out.lint(&context, value),
                // Extension keys hold anchors for reuse (`x-standard-sla: &sla 24h`).
                extension if extension.starts_with("x-") => {}
                _ => {
                    let known = top_level_keys();
                    let help = match did_you_mean(name, known.iter().map(String::as_str)) {
                        Some(near) => format!("did you mean `{near}`?"),
                        None => format!(
                            "the sections are {}",
                            quoted_list(&known.iter().map(String::as_str).collect::<Vec<_>>())
                        ),
                    };
                    out.diagnostics.push(
                        Diagnostic::error(
                            "schema",
                            format!("unknown top-level key `{name}`"),
                            key.span,
                        )
                        .with_help(help),
                    );
                }
            }
        }
        if is_root {
            let span = entries.first().map_or(root.span, |(key, _)| key.span);
            if !state.seen.contains("version") && !state.seen.contains("playbook") {
                // Most likely a file meant to be included, checked on its own.
                out.playbook.gaps.everything = true;
                out.diagnostics.push(
                    Diagnostic::error(
                        "schema",
                        "missing required keys `version` and `playbook`: this is not a root playbook",
                        span,
                    )
                    .with_help(
                        "if another playbook includes this file, check that playbook instead; otherwise start the file with `version: 1` and `playbook: <id>`",
                    ),
                );
            }
            for required in ["version", "playbook"] {
                if !state.seen.contains("version") && !state.seen.contains("playbook") {
                    break;
                }
                if !state.seen.contains(required) {
                    out.diagnostics.push(
                        Diagnostic::error(
                            "schema",
                            format!("missing required key `{required}`"),
                            span,
                        )
                        .with_help(match required {
                            "version" => "add `version: 1` at the top".to_owned(),
                            _ => "add `playbook: <id>` at the top, like `playbook: hotel-seeblick`"
                                .to_owned(),
                        }),
                    );
                }
            }
        }
        if !duplicates.is_empty() {
            mark_duplicates(&mut out.playbook.gaps, entries, &duplicates, context.text);
        }
        drop(context);
        for include in includes {
            self.include(file, include);
        }
    }

    fn include(&mut self, from: FileId, include: PendingInclude) {
        let entry = include.entry;
        let fail = |message: String, help: &str| {
            Diagnostic::error("include-error", message, entry.span).with_help(help.to_owned())
        };
        let relative = Path::new(&entry.value);
        if relative.is_absolute()
            || relative
                .components()
                .any(|c| matches!(c, Component::Prefix(_) | Component::RootDir))
        {
            self.include_failed(fail(
                format!("include `{}` is an absolute path", entry.value),
                "write the path relative to this file's folder",
            ));
            return;
        }
        let base = self
            .sources
            .get(from)
            .path
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_default();
        let path = base.join(relative);
        let Ok(canonical) = path.canonicalize() else {
            let help = match nearest_file(&path) {
                Some(name) => {
                    let suggestion = relative.with_file_name(name);
                    format!("did you mean `{}`?", suggestion.to_string_lossy())
                }
                None => {
                    "check the path; it is relative to the folder of the including file".to_owned()
                }
            };
            self.include_failed(fail(
                format!("included file `{}` does not exist", entry.value),
                &help,
            ));
            return;
        };
        if !canonical.starts_with(&self.boundary) {
            self.include_failed(fail(
                format!("include `{}` leaves the playbook's folder", entry.value),
                "keep included files in the root playbook's folder or below it",
            ));
            return;
        }
        if let Some(position) = self.stack.iter().position(|p| p == &canonical) {
            let chain = self.stack[position..]
                .iter()
                .chain(std::iter::once(&canonical))
                .map(|p| {
                    p.file_name()
                        .map_or_else(String::new, |n| n.to_string_lossy().into_owned())
                })
                .collect::<Vec<_>>()
                .join(" -> ");
            self.include_failed(fail(
                format!("include cycle: {chain}"),
                "remove one of the includes that close the loop",
            ));
            return;
        }
        if self.paths.contains(&canonical) {
            // Already merged through another include: including it again adds nothing.
            return;
        }
        let content = match read_text(&path, self.options.max_file_bytes) {
            Ok(content) => content,
            Err(error) => {
                self.include_failed(fail(
                    format!("cannot read included file `{}`: {error}", entry.value),
                    "check that the path names a readable YAML file",
                ));
                return;
            }
        };
        self.paths.push(canonical.clone());
        self.stack.push(canonical);
        let file = self.add_source(&path, content);
        self.load_file(file, false);
        self.stack.pop();
    }

    /// An include that failed leaves the playbook incomplete: its names and its entities are
    /// missing, so whole-playbook rules and reference checks would only report consequences.
    fn include_failed(&mut self, diagnostic: Diagnostic) {
        self.playbook.gaps.everything = true;
        self.playbook.gaps.include_failed = true;
        self.diagnostics.push(diagnostic);
    }
}

#[derive(Default)]
struct FileState {
    seen: HashSet<String>,
}

/// Where entities of one file go, split from the loader so that the file's text can stay
/// borrowed while they are converted.
struct Output<'o> {
    playbook: &'o mut Playbook,
    diagnostics: &'o mut Vec<Diagnostic>,
}

impl Output<'_> {
    /// Reads `value` as a `T`, reporting failure as a `schema` error.
    fn read<T: DeserializeOwned>(
        &mut self,
        context: &DeContext<'_>,
        key: &Node,
        value: &Node,
        entity: &str,
    ) -> Option<T> {
        let result = T::deserialize(NodeDeserializer::new(value, context, entity, key.span));
        self.drain_findings(context, None);
        if result.is_err() && entity.starts_with("`lint") {
            self.playbook.gaps.sections.insert("lint");
        }
        match result {
            Ok(value) => Some(value),
            Err(error) => {
                self.diagnostics
                    .push(schema_error(error, key.span, None, entity));
                None
            }
        }
    }

    /// Moves the findings of one entity (unknown keys) to the diagnostics; an entity with such
    /// a finding is incomplete.
    fn drain_findings(&mut self, context: &DeContext<'_>, entity: Option<(&'static str, &str)>) {
        for mut finding in context.findings.borrow_mut().drain(..) {
            if let Some((section, entity)) = entity {
                finding.entity = Some(entity.to_owned());
                self.playbook.gaps.sections.insert(section);
                self.playbook.gaps.entities.insert(entity.to_owned());
            }
            self.diagnostics.push(finding);
        }
    }

    fn read_playbook_id(&mut self, context: &DeContext<'_>, key: &Node, value: &Node) {
        let id: Option<Spanned<String>> = self.read(context, key, value, "`playbook`");
        if let Some(id) = &id {
            let style = crate::model::IdStyle::Kebab;
            if !style.accepts(&id.value) {
                self.diagnostics.push(
                    Diagnostic::error(
                        "schema",
                        format!("`{}` is not a valid playbook id", id.value),
                        id.span,
                    )
                    .with_help(format!(
                        "ids are lower-case kebab-case, like `{}`",
                        style.suggest(&id.value)
                    )),
                );
            }
        }
        self.playbook.id = id;
    }

    /// Converts every entry of a section map; `pick` chooses the section of the playbook.
    fn section<T: DeserializeOwned + Entity>(
        &mut self,
        context: &DeContext<'_>,
        node: &Node,
        pick: impl Fn(&mut Playbook) -> &mut Section<T>,
    ) {
        let entries = match &node.kind {
            NodeKind::Map(entries) => &entries[..],
            NodeKind::Null => return,
            _ => {
                self.playbook.gaps.sections.insert(T::SECTION);
                self.diagnostics.push(
                    Diagnostic::error(
                        "schema",
                        format!(
                            "`{}` must be a map from id to {}, but it is {}",
                            T::SECTION,
                            T::KIND,
                            node.describe()
                        ),
                        node.span,
                    )
                    .with_help(format!(
                        "write one `<id>:` key per {} under `{}:`",
                        T::KIND,
                        T::SECTION
                    )),
                );
                return;
            }
        };
        for (key, value) in entries {
            self.entity(context, key, value, &pick);
        }
    }

    /// Reads one entity of section `T` and adds it to the playbook.
    fn entity<T: DeserializeOwned + Entity>(
        &mut self,
        context: &DeContext<'_>,
        key: &Node,
        value: &Node,
        pick: impl Fn(&mut Playbook) -> &mut Section<T>,
    ) {
        let Some(id) = self.entity_id::<T>(context, key) else {
            return;
        };
        let label = format!("{} `{}`", T::KIND, id.value);
        let entity = format!("{}.{}", T::SECTION, id.value);
        let (result, errors) = read_entity::<T>(value, context, &label, key.span);
        self.drain_findings(context, Some((T::SECTION, &entity)));
        if !errors.is_empty() {
            self.playbook.gaps.sections.insert(T::SECTION);
            self.playbook.gaps.entities.insert(entity.clone());
        }
        for error in errors {
            self.diagnostics
                .push(schema_error(error, key.span, Some(&entity), &label));
        }
        match result {
            Some(item) => {
                if !insert(self.diagnostics, pick(self.playbook), id, item, &entity) {
                    self.playbook.gaps.sections.insert(T::SECTION);
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
            self.diagnostics.push(Diagnostic::error(
                "schema",
                format!("{} ids must be text", T::KIND),
                key.span,
            ));
            return None;
        };
        let style = T::ID_STYLE;
        if !style.accepts(text) {
            // References written the right way resolve, so the bad id is reported once.
            self.playbook
                .unreadable
                .insert((T::SECTION, style.suggest(text)));
            let kind = match style {
                crate::model::IdStyle::Kebab => "lower-case kebab-case",
                crate::model::IdStyle::Snake => "lower-case snake_case (CRM property names)",
            };
            self.diagnostics.push(
                Diagnostic::error(
                    "schema",
                    format!("`{text}` is not a valid {} id", T::KIND),
                    key.span,
                )
                .with_help(format!(
                    "{} ids are {kind}, like `{}`",
                    T::KIND,
                    style.suggest(text)
                ))
                .with_entity(format!("{}.{text}", T::SECTION)),
            );
        }
        Some(Spanned::new(text.into(), key.span))
    }

    fn lifecycle(&mut self, context: &DeContext<'_>, key: &Node, node: &Node) {
        if let Some(first) = self.playbook.lifecycle {
            self.diagnostics.push(
                Diagnostic::error("duplicate-id", "the lifecycle is defined twice", key.span)
                    .with_related(Label::new(first, "first defined here"))
                    .with_help("keep all lifecycle stages in one `lifecycle:` section"),
            );
            return;
        }
        self.playbook.lifecycle = Some(key.span);
        let entries = match &node.kind {
            NodeKind::Map(entries) => &entries[..],
            NodeKind::Null => return,
            _ => {
                self.diagnostics.push(
                    Diagnostic::error(
                        "schema",
                        format!(
                            "`lifecycle` must be a map with `stages`, but it is {}",
                            node.describe()
                        ),
                        node.span,
                    )
                    .with_help("write `lifecycle:` then `stages:` with a list of stages"),
                );
                return;
            }
        };
        for (stages_key, stages) in entries {
            let name = stages_key.scalar_text(context.text).unwrap_or("");
            if name != "stages" {
                let help = match did_you_mean(name, ["stages"]) {
                    Some(near) => format!("did you mean `{near}`?"),
                    None => "the lifecycle holds only `stages`".to_owned(),
                };
                self.diagnostics.push(
                    Diagnostic::error(
                        "schema",
                        format!("unknown key `{name}` in the lifecycle"),
                        stages_key.span,
                    )
                    .with_help(help),
                );
                continue;
            }
            let items = match &stages.kind {
                NodeKind::Seq(items) => &items[..],
                NodeKind::Null => &[],
                _ => {
                    self.diagnostics.push(
                        Diagnostic::error(
                            "schema",
                            format!(
                                "`stages` must be a list of stages, but it is {}",
                                stages.describe()
                            ),
                            stages.span,
                        )
                        .with_help("write each stage as a list item: `- id: inquiry`"),
                    );
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
        let entity = id.as_ref().map(|id| format!("lifecycle.{}", id.value));
        let (result, errors) = read_entity::<Stage>(item, context, &label, item.span);
        self.drain_findings(context, entity.as_deref().map(|e| (Stage::SECTION, e)));
        if !errors.is_empty() {
            self.playbook.gaps.sections.insert(Stage::SECTION);
            if let Some(entity) = &entity {
                self.playbook.gaps.entities.insert(entity.clone());
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
                    self.diagnostics.push(
                        Diagnostic::error(
                            "schema",
                            format!("`{}` is not a valid stage id", id.value),
                            id.span,
                        )
                        .with_help(format!(
                            "stage ids are lower-case kebab-case, like `{}`",
                            Stage::ID_STYLE.suggest(&id.value)
                        )),
                    );
                }
                let entity = format!("lifecycle.{}", id.value);
                if !insert(
                    self.diagnostics,
                    &mut self.playbook.stages,
                    id,
                    stage,
                    &entity,
                ) {
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

    fn lint(&mut self, context: &DeContext<'_>, node: &Node) {
        let entries = match &node.kind {
            NodeKind::Map(entries) => &entries[..],
            NodeKind::Null => return,
            _ => {
                self.diagnostics.push(
                    Diagnostic::error(
                        "schema",
                        format!(
                            "`lint` must be a map of rule levels, but it is {}",
                            node.describe()
                        ),
                        node.span,
                    )
                    .with_help("write `rule-name: off` (or error, warning, info) under `lint:`"),
                );
                return;
            }
        };
        for (key, value) in entries {
            let name = key.scalar_text(context.text).unwrap_or("");
            if name == "settings" {
                if let Some(settings) =
                    self.read::<LintSettings>(context, key, value, "`lint.settings`")
                {
                    self.playbook.lint.settings = settings;
                }
                continue;
            }
            match crate::lint::registry::find(name) {
                Some(rule) if !rule.configurable() => {
                    self.diagnostics.push(
                        Diagnostic::error("schema", format!("rule `{name}` is structural and cannot be configured"), key.span)
                            .with_help("structural problems always stop the playbook from compiling; fix them instead"),
                    );
                }
                Some(_) => {
                    let level: Option<Spanned<Level>> =
                        self.read(context, key, value, &format!("`lint.{name}`"));
                    if let Some(level) = level {
                        self.playbook
                            .lint
                            .levels
                            .push((Spanned::new(name.to_owned(), key.span), level));
                    }
                }
                None => {
                    let help = match did_you_mean(
                        name,
                        crate::lint::registry::RULES.iter().map(|r| r.name),
                    ) {
                        Some(near) => format!("did you mean `{near}`?"),
                        None => "`smarketing rules` lists every rule".to_owned(),
                    };
                    self.diagnostics.push(
                        Diagnostic::error(
                            "schema",
                            format!("unknown rule `{name}` in `lint`"),
                            key.span,
                        )
                        .with_help(help),
                    );
                }
            }
        }
    }
}

/// Adds an entity to its section; a second definition of an id is reported and left out.
fn insert<T: Entity>(
    diagnostics: &mut Vec<Diagnostic>,
    section: &mut Section<T>,
    id: crate::model::entities::Ref,
    item: T,
    entity: &str,
) -> bool {
    let span = id.span;
    let name = id.value.clone();
    let Err(first) = section.insert(id, item) else {
        return true;
    };
    {
        let first = first.id.span;
        diagnostics.push(
            Diagnostic::error(
                "duplicate-id",
                format!("{} `{name}` is defined twice", T::KIND),
                span,
            )
            .with_label("defined again here")
            .with_related(Label::new(first, "first defined here"))
            .with_help(format!(
                "rename one of them or merge them into one {}",
                T::KIND
            ))
            .with_entity(entity),
        );
    }
    false
}

/// Reads one entity, reporting every key whose value is wrong, not only the first: after an
/// error the entity is read again without the key at fault, until it reads or the error is not
/// about one of its keys. Returns the entity, when it could be read without the bad keys, and
/// the errors. Findings found again on later attempts are dropped.
fn read_entity<T: DeserializeOwned>(
    value: &Node,
    context: &DeContext<'_>,
    label: &str,
    anchor: Span,
) -> (Option<T>, Vec<DeError>) {
    const MOST_ATTEMPTS: usize = 32;
    let mut errors: Vec<DeError> = Vec::new();
    let mut removed: Vec<String> = Vec::new();
    let mut node = std::borrow::Cow::Borrowed(value);
    for attempt in 0..MOST_ATTEMPTS {
        let findings_before = context.findings.borrow().len();
        let result = T::deserialize(NodeDeserializer::new(&node, context, label, anchor));
        if attempt > 0 {
            context.findings.borrow_mut().truncate(findings_before);
        }
        let error = match result {
            Ok(item) => return (Some(item), errors),
            Err(error) => error,
        };
        // Cutting a required key makes it missing: that says nothing new.
        if let Some(missing) = error.message.strip_prefix("missing required key `")
            && removed
                .iter()
                .any(|key| missing.starts_with(&format!("{key}`")))
        {
            break;
        }
        let cut = error.path.last().cloned();
        errors.push(error);
        let Some(cut) = cut else { break };
        let Some(entries) = node.as_map() else { break };
        let kept: Vec<(Node, Node)> = entries
            .iter()
            .filter(|(key, _)| key.scalar_text(context.text) != Some(cut.as_str()))
            .cloned()
            .collect();
        if kept.len() == entries.len() {
            break;
        }
        removed.push(cut);
        node = std::borrow::Cow::Owned(Node {
            span: node.span,
            kind: NodeKind::Map(kept.into_boxed_slice()),
        });
    }
    (None, errors)
}

/// A deserialization error as a `schema` finding that names the entity (`label`) and the key.
fn schema_error(error: DeError, fallback: Span, entity: Option<&str>, label: &str) -> Diagnostic {
    let message = if error.message.starts_with("missing required key") {
        format!("{label} is {}", error.message)
    } else if let Some(key) = error.path.first() {
        format!("`{key}` of {label}: {}", error.message)
    } else {
        format!("{label}: {}", error.message)
    };
    let mut diagnostic = Diagnostic::error("schema", message, error.span.unwrap_or(fallback))
        .with_optional_help(error.help);
    diagnostic.entity = entity.map(str::to_owned);
    diagnostic
}

/// The top-level keys a playbook file may have, from the JSON Schema's own description of it.
pub fn top_level_keys() -> Vec<String> {
    let schema = schemars::schema_for!(PlaybookFile);
    schema
        .get("properties")
        .and_then(|properties| properties.as_object())
        .map(|properties| properties.keys().cloned().collect())
        .unwrap_or_default()
}

/// A section written twice keeps its first occurrence; the ids in the second still count as
/// defined, so that the duplicate key is the only finding.
fn register_dropped(playbook: &mut Playbook, dropped: &[(Node, Node)], text: &str) {
    for (key, value) in dropped {
        let Some(section) = key
            .scalar_text(text)
            .and_then(|name| crate::model::SECTIONS.iter().find(|s| **s == name))
        else {
            continue;
        };
        playbook.gaps.sections.insert(section);
        let ids: Vec<&Node> = if *section == "lifecycle" {
            value
                .as_map()
                .unwrap_or(&[])
                .iter()
                .filter_map(|(_, stages)| stages.as_seq())
                .flatten()
                .filter_map(|stage| {
                    stage
                        .as_map()?
                        .iter()
                        .find(|(k, _)| k.scalar_text(text) == Some("id"))
                        .map(|(_, id)| id)
                })
                .collect()
        } else {
            value
                .as_map()
                .unwrap_or(&[])
                .iter()
                .map(|(id, _)| id)
                .collect()
        };
        for id in ids {
            if let Some(id) = id.scalar_text(text) {
                playbook.unreadable.insert((section, id.to_owned()));
            }
        }
    }
}

/// Marks what a duplicated key made incomplete: its section, and the entity it stands in.
/// The second value of a duplicated key is dropped, so whatever it held is missing.
fn mark_duplicates(
    gaps: &mut crate::model::Gaps,
    entries: &[(Node, Node)],
    duplicates: &[Span],
    text: &str,
) {
    for (key, value) in entries {
        let Some(name) = key.scalar_text(text) else {
            continue;
        };
        let Some(section) = crate::model::SECTIONS.iter().find(|s| **s == name) else {
            continue;
        };
        let inside = |node: &Node, span: &Span| {
            let (start, end) = extent(node);
            span.start >= start && span.start < end
        };
        for span in duplicates {
            if *span == key.span {
                gaps.sections.insert(section);
                continue;
            }
            if !inside(value, span) {
                continue;
            }
            gaps.sections.insert(section);
            if let Some((id, _)) = value
                .as_map()
                .unwrap_or(&[])
                .iter()
                .find(|(id, entity)| *span == id.span || inside(entity, span))
                && let Some(id) = id.scalar_text(text)
            {
                gaps.entities.insert(format!("{section}.{id}"));
            }
        }
    }
}

/// The bytes a node and everything below it cover.
fn extent(node: &Node) -> (u32, u32) {
    let mut end = node.span.end;
    match &node.kind {
        NodeKind::Seq(items) => {
            for item in items {
                end = end.max(extent(item).1);
            }
        }
        NodeKind::Map(entries) => {
            for (key, value) in entries {
                end = end.max(key.span.end).max(extent(value).1);
            }
        }
        _ => {}
    }
    (node.span.start, end)
}

/// The YAML file beside a missing `path` whose name is closest to it, for a did-you-mean.
fn nearest_file(path: &Path) -> Option<String> {
    let wanted = path.file_name()?.to_string_lossy().into_owned();
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let mut names: Vec<String> = std::fs::read_dir(folder)
        .ok()?
        .filter_map(Result::ok)
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".yaml") || name.ends_with(".yml"))
        .collect();
    names.sort();
    did_you_mean(&wanted, names.iter().map(String::as_str)).map(str::to_owned)
}

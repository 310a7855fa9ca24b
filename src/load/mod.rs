//! From a root playbook file to a merged [`Playbook`]: reading, parsing, includes, and the
//! section-by-section conversion of YAML nodes into typed entities.
//!
//! Every problem is collected as a diagnostic and loading goes on: a broken entity is reported
//! and left out (its id still counts as defined, so references to it do not cascade), a broken
//! include is reported at the include entry. Only a file that cannot be parsed at all stops, and
//! only for that file.
//!
//! This file walks one file's top-level keys; [`include`] follows includes inside the playbook's
//! folder, [`sections`] converts entities (with [`recover`] reading every mistake of one entity),
//! [`lint_config`] reads `lint:`, and [`gaps`] records what structural errors left incomplete.

pub mod discover;
mod gaps;
mod include;
mod lint_config;
pub mod read;
mod recover;
mod sections;
pub mod shared;
mod stream;
pub mod workspace;

use crate::base::source::{SourceFile, Sources, display_path};
use crate::base::span::{FileId, Span, Spanned};
use crate::diagnostic::Diagnostic;
use crate::diagnostic::structural::{duplicate_key, schema, unsupported_version, yaml_syntax};
use crate::model::{Playbook, PlaybookFile, ROOT_ONLY_KEYS, Section};
use crate::yaml::de::DeContext;
use include::PendingInclude;
use read::{ReadError, read_text};
use sections::Output;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

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

/// Where a playbook's includes may lead, and the run's included files read once.
#[derive(Clone, Copy, Default)]
pub struct Scope<'a> {
    /// The workspace root (canonical): includes may name any file under it. Without one, they
    /// stay inside the root playbook's folder.
    pub workspace: Option<&'a Path>,
    /// Included files already read and parsed in this run.
    pub shared: Option<&'a shared::SharedFiles>,
    /// Texts that stand in for files on disk: what an editor holds but has not saved.
    pub overlay: Option<&'a Overlay>,
}

/// Unsaved texts by canonical path: a file found here is read from here, not from disk.
pub type Overlay = std::collections::HashMap<PathBuf, String>;

/// Loads the playbook whose root file is `path`, adding every file read to `sources`.
pub fn load_playbook(
    path: &Path,
    sources: &mut Sources,
    options: LoadOptions,
) -> Result<Loaded, RootUnreadable> {
    load_playbook_in(path, sources, options, Scope::default())
}

/// [`load_playbook`] for a playbook in `scope`.
pub fn load_playbook_in(
    path: &Path,
    sources: &mut Sources,
    options: LoadOptions,
    scope: Scope<'_>,
) -> Result<Loaded, RootUnreadable> {
    let unsaved = scope
        .overlay
        .and_then(|overlay| overlay.get(&canonical_root(path)));
    let content = match unsaved {
        Some(text) => read::FileText::unsaved(text),
        None => read_text(path, options.max_file_bytes).map_err(|error| RootUnreadable {
            path: path.to_path_buf(),
            error,
        })?,
    };
    Ok(load_content(path, content, sources, options, scope))
}

/// Loads a playbook from bytes already in memory, as if read from `path` (includes are read
/// relative to it, and must stay inside its folder; `path` need not exist). Used for standard
/// input, and by the fuzzer, which has no files.
pub fn load_bytes(
    path: &Path,
    bytes: &[u8],
    sources: &mut Sources,
    options: LoadOptions,
) -> Loaded {
    load_content(
        path,
        read::decode(bytes.to_vec()),
        sources,
        options,
        Scope::default(),
    )
}

fn load_content(
    path: &Path,
    content: read::FileText,
    sources: &mut Sources,
    options: LoadOptions,
    scope: Scope<'_>,
) -> Loaded {
    let canonical = canonical_root(path);
    let boundary = match scope.workspace {
        Some(root) => root.to_path_buf(),
        None => canonical
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_default(),
    };
    let mut loader = Loader {
        sources,
        options,
        playbook: Playbook::default(),
        diagnostics: Vec::new(),
        paths: vec![canonical.clone()],
        boundary,
        in_workspace: scope.workspace.is_some(),
        shared: scope.shared,
        overlay: scope.overlay,
        stack: vec![canonical],
    };
    let file = loader.add_source(path, content);
    loader.load_file(file, true, None);
    loader.check_version();
    loader.playbook.shrink_to_fit();
    Loaded {
        playbook: loader.playbook,
        diagnostics: loader.diagnostics,
        paths: loader.paths,
    }
}

/// The canonical path of a root file. A root that does not exist on disk (a playbook read from
/// standard input, named by the user) gets its folder's canonical path joined with its name, so
/// that includes are still bounded by that folder rather than by nothing.
fn canonical_root(path: &Path) -> PathBuf {
    if let Ok(canonical) = path.canonicalize() {
        return canonical;
    }
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    match (folder.canonicalize(), path.file_name()) {
        (Ok(folder), Some(name)) => folder.join(name),
        _ => path.to_path_buf(),
    }
}

struct Loader<'s> {
    sources: &'s mut Sources,
    options: LoadOptions,
    playbook: Playbook,
    diagnostics: Vec<Diagnostic>,
    paths: Vec<PathBuf>,
    /// Includes must stay inside the root playbook's folder, or the workspace root.
    boundary: PathBuf,
    /// Whether `boundary` is a workspace root.
    in_workspace: bool,
    /// Included files already read and parsed in this run, in a workspace.
    shared: Option<&'s shared::SharedFiles>,
    /// Unsaved texts that stand in for files on disk.
    overlay: Option<&'s Overlay>,
    /// The chain of files being included, to find cycles.
    stack: Vec<PathBuf>,
}

impl Loader<'_> {
    fn check_version(&mut self) {
        let Some(version) = &self.playbook.version else {
            return;
        };
        let known = u32::try_from(version.value)
            .is_ok_and(|value| crate::model::LANGUAGE_VERSIONS.contains(&value));
        if !known {
            self.diagnostics.push(unsupported_version::unsupported(
                version.value,
                version.span,
            ));
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
            self.diagnostics.push(yaml_syntax::invalid_utf8(Span::new(
                file,
                at as u32,
                at as u32 + 1,
            )));
        }
        file
    }

    /// Reads file `file` into the playbook; `recording` is its parse when another playbook of
    /// the run already parsed it.
    fn load_file(
        &mut self,
        file: FileId,
        is_root: bool,
        recording: Option<&crate::yaml::recorded::Recording>,
    ) {
        if self
            .diagnostics
            .iter()
            .any(|d| d.span.file == file && d.is(&yaml_syntax::RULE))
        {
            self.playbook.gaps.files_incomplete = true;
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
        let parsed = match recording {
            Some(recording) => stream::replay_into(&mut out, context.text, file, recording),
            None => stream::parse_into(&mut out, context.text, file),
        };
        if parsed.diagnostics.iter().any(|d| d.is(&yaml_syntax::RULE)) {
            // A syntax error ends the file: what was read before it is not judged either, and
            // names defined after it are missing.
            out.diagnostics.truncate(before);
            out.playbook.gaps.everything = true;
            out.playbook.gaps.files_incomplete = true;
        }
        let duplicates: Vec<Span> = parsed
            .diagnostics
            .iter()
            .filter(|d| d.is(&duplicate_key::RULE))
            .map(|d| d.span)
            .collect();
        out.diagnostics.extend(parsed.diagnostics);
        gaps::register_dropped(out.playbook, &parsed.dropped, context.text);
        let Some(root) = parsed.root else {
            out.playbook.gaps.everything = true;
            if !out.diagnostics.iter().any(|d| d.span.file == file) {
                out.diagnostics
                    .push(schema::empty_file(is_root, Span::new(file, 0, 0)));
            }
            return;
        };
        let Some(entries) = root.as_map() else {
            out.playbook.gaps.everything = true;
            out.diagnostics
                .push(schema::file_not_a_map(root.describe(), root.span));
            return;
        };
        let mut includes = Vec::new();
        let mut state = FileState::default();
        for (key, value) in entries {
            let Some(name) = key.scalar_text(context.text) else {
                out.diagnostics
                    .push(schema::top_level_key_not_text(key.span));
                continue;
            };
            if !is_root && ROOT_ONLY_KEYS.contains(&name) {
                out.diagnostics.push(schema::root_only_key(name, key.span));
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
                    if let Some(section) = stream::entity_section(section) {
                        stream::with_section!(section, |pick| out.section(&context, value, pick))
                    }
                }
                key_name if key_name == Section::Lifecycle.key() => {
                    out.lifecycle(&context, key, value)
                }
                "calendar" => {
                    out.playbook.calendar =
                        out.read_every_mistake(&context, key, value, "`calendar`")
                }
                "lang" => out.playbook.lang = out.read(&context, key, value, "`lang`"),
                "lint" => out.lint(&context, value),
                // Extension keys hold anchors for reuse (`x-standard-sla: &sla 24h`).
                extension if extension.starts_with("x-") => {}
                _ => out.diagnostics.push(
                    schema::unknown_top_level_key(name, top_level_keys(), key.span).unless_taken(
                        |with| {
                            entries
                                .iter()
                                .any(|(other, _)| other.scalar_text(context.text) == Some(with))
                        },
                    ),
                ),
            }
        }
        if is_root {
            let span = entries.first().map_or(root.span, |(key, _)| key.span);
            if !state.seen.contains("version") && !state.seen.contains("playbook") {
                // Most likely a file meant to be included, checked on its own.
                out.playbook.gaps.everything = true;
                out.diagnostics.push(schema::not_a_root_playbook(span));
            }
            for required in ["version", "playbook"] {
                if !state.seen.contains("version") && !state.seen.contains("playbook") {
                    break;
                }
                if !state.seen.contains(required) {
                    out.diagnostics
                        .push(schema::missing_root_key(required, span));
                }
            }
        }
        if !duplicates.is_empty() {
            gaps::mark_duplicates(&mut out.playbook.gaps, entries, &duplicates, context.text);
        }
        drop(context);
        for include in includes {
            self.include(file, include);
        }
    }
}

#[derive(Default)]
struct FileState {
    seen: HashSet<String>,
}

/// The top-level keys a playbook file may have, from the JSON Schema's own description of it.
///
/// Building the schema costs far more than checking a key, and a file may hold thousands of
/// unknown keys: the list is made once per process.
pub fn top_level_keys() -> &'static [&'static str] {
    static NAMES: LazyLock<Vec<String>> = LazyLock::new(|| {
        let schema = schemars::schema_for!(PlaybookFile);
        schema
            .get("properties")
            .and_then(|properties| properties.as_object())
            .map(|properties| properties.keys().cloned().collect())
            .unwrap_or_default()
    });
    static KEYS: LazyLock<Vec<&'static str>> =
        LazyLock::new(|| NAMES.iter().map(String::as_str).collect());
    &KEYS
}

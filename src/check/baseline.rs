//! Baselines: a team adopting smarketing on an old playbook accepts today's findings and fails
//! only on new ones.
//!
//! A baseline file counts the findings of each file, rule and entity (`tasks.kickoff`). A later
//! check drops that many findings of each key and reports the rest. Lines are not part of the
//! key, so moving an entity, or editing above it, keeps its findings matched; a second finding of
//! the same rule on the same entity is new. Entries that match fewer findings than they count are
//! reported, so the file can shrink as findings are fixed.
//!
//! Structural errors (a file that does not parse, an unknown key, a name that resolves to
//! nothing) are never recorded: until they are fixed the playbook is not read as written, and no
//! other finding about it can be trusted. Inline suppressions cannot silence them either.
//!
//! File names are stored relative to the baseline file's folder with `/` between components, so
//! that the file means the same from any working directory and on any system.

use crate::base::source::Sources;
use crate::diagnostic::Diagnostic;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};

/// The file `check` reads when present, and `--write-baseline` writes without a name.
pub const DEFAULT_FILE: &str = "smarketing-baseline.json";

/// The only version of the file's format.
const VERSION: u32 = 1;

/// What a finding is matched by.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Key {
    file: String,
    rule: String,
    entity: Option<String>,
}

/// One line of the file: how many findings one key had.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub file: String,
    pub rule: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entity: Option<String>,
    pub count: usize,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Document {
    version: u32,
    findings: Vec<Entry>,
}

/// The accepted findings, counted by key.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Baseline {
    counts: BTreeMap<Key, usize>,
}

/// What applying a baseline left.
#[derive(Debug, Default)]
pub struct Applied {
    /// The findings the baseline does not hold, in their order.
    pub kept: Vec<Diagnostic>,
    /// How many findings it held.
    pub baselined: usize,
    /// The findings it held, in their order (an editor shows them as hints).
    pub held: Vec<Diagnostic>,
    /// Entries that matched fewer findings than they count; `count` is how many are gone.
    pub stale: Vec<Entry>,
}

impl Baseline {
    /// The findings of a check, as a baseline stored in `folder`. Structural errors are left out.
    pub fn record(diagnostics: &[Diagnostic], sources: &Sources, folder: &Path) -> Baseline {
        let mut counts = BTreeMap::new();
        let mut keys = Keys::new(folder);
        for diagnostic in diagnostics.iter().filter(|d| !d.rule.structural) {
            *counts.entry(keys.of(diagnostic, sources)).or_insert(0) += 1;
        }
        Baseline { counts }
    }

    /// How many findings the baseline holds.
    pub fn len(&self) -> usize {
        self.counts.values().sum()
    }

    pub fn is_empty(&self) -> bool {
        self.counts.is_empty()
    }

    /// The file's text: entries sorted by file, rule and entity, one per key.
    pub fn to_json(&self) -> String {
        let document = Document {
            version: VERSION,
            findings: self
                .counts
                .iter()
                .map(|(key, &count)| entry(key, count))
                .collect(),
        };
        // Serializing plain strings and numbers cannot fail.
        let mut text = serde_json::to_string_pretty(&document).unwrap_or_default();
        text.push('\n');
        text
    }

    /// Reads a baseline file's text; the error says what is wrong and where.
    pub fn parse(text: &str) -> Result<Baseline, String> {
        let document: Document = serde_json::from_str(text).map_err(|error| {
            format!(
                "line {}, column {}: {}",
                error.line(),
                error.column(),
                without_position(&error.to_string())
            )
        })?;
        if document.version != VERSION {
            return Err(format!(
                "version {} is not known (this smarketing reads version {VERSION})",
                document.version
            ));
        }
        let mut counts = BTreeMap::new();
        for entry in document.findings {
            let key = Key {
                file: entry.file,
                rule: entry.rule,
                entity: entry.entity,
            };
            *counts.entry(key).or_insert(0) += entry.count;
        }
        Ok(Baseline { counts })
    }

    /// Drops the findings the baseline holds, the first ones of each key in the order given.
    pub fn apply(&self, diagnostics: Vec<Diagnostic>, sources: &Sources, folder: &Path) -> Applied {
        let mut left = self.counts.clone();
        let mut keys = Keys::new(folder);
        let mut applied = Applied::default();
        for diagnostic in diagnostics {
            let held = !diagnostic.rule.structural
                && left
                    .get_mut(&keys.of(&diagnostic, sources))
                    .is_some_and(|count| {
                        let held = *count > 0;
                        *count = count.saturating_sub(1);
                        held
                    });
            if held {
                applied.baselined += 1;
                applied.held.push(diagnostic);
            } else {
                applied.kept.push(diagnostic);
            }
        }
        applied.stale = left
            .iter()
            .filter(|&(_, &count)| count > 0)
            .map(|(key, &count)| entry(key, count))
            .collect();
        applied
    }
}

fn entry(key: &Key, count: usize) -> Entry {
    Entry {
        file: key.file.clone(),
        rule: key.rule.clone(),
        entity: key.entity.clone(),
        count,
    }
}

/// serde_json ends its messages with " at line L column C", which the caller says first.
fn without_position(message: &str) -> &str {
    message
        .rfind(" at line ")
        .map_or(message, |at| &message[..at])
}

/// Keys of findings, with each file's name relative to the baseline's folder worked out once.
struct Keys {
    folder: PathBuf,
    names: BTreeMap<String, String>,
}

impl Keys {
    fn new(folder: &Path) -> Keys {
        Keys {
            folder: absolute(folder),
            names: BTreeMap::new(),
        }
    }

    fn of(&mut self, diagnostic: &Diagnostic, sources: &Sources) -> Key {
        let shown = &sources.get(diagnostic.span.file).name;
        let file = match self.names.get(shown) {
            Some(name) => name.clone(),
            None => {
                let name = relative_name(&absolute(Path::new(shown)), &self.folder);
                self.names.insert(shown.clone(), name.clone());
                name
            }
        };
        Key {
            file,
            rule: diagnostic.rule.name.to_owned(),
            entity: diagnostic.entity.clone(),
        }
    }
}

/// `path` from the working directory, with `.` and `..` worked out by name: the files of a
/// check are named as the user gave them, and a playbook read from standard input need not exist
/// on disk, so the file system is not asked.
fn absolute(path: &Path) -> PathBuf {
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(path)
    };
    let mut normal = PathBuf::new();
    for component in joined.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                normal.pop();
            }
            other => normal.push(other),
        }
    }
    normal
}

/// `path` relative to `folder`, with `..` to climb out of it and `/` between components, so that
/// a baseline kept in a subfolder (`ci/`) names the playbooks beside it the same on every machine.
/// Only a path on another root (a Windows drive) is kept whole.
fn relative_name(path: &Path, folder: &Path) -> String {
    let mut ours = path.components().peekable();
    let mut theirs = folder.components().peekable();
    if ours.peek() != theirs.peek() {
        return path.to_string_lossy().into_owned();
    }
    while ours.peek().is_some() && ours.peek() == theirs.peek() {
        ours.next();
        theirs.next();
    }
    let climb = theirs.map(|_| "..".to_owned());
    let rest = ours.map(|component| component.as_os_str().to_string_lossy().into_owned());
    climb.chain(rest).collect::<Vec<_>>().join("/")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::source::SourceFile;
    use crate::base::span::Span;
    use crate::lint::registry::find;

    fn finding(file: u32, rule: &str, entity: Option<&str>) -> Diagnostic {
        let mut diagnostic = Diagnostic::new(find(rule).unwrap(), "finding", Span::new(file, 0, 1));
        diagnostic.entity = entity.map(str::to_owned);
        diagnostic
    }

    fn sources() -> Sources {
        let mut sources = Sources::default();
        sources.add(SourceFile::new("/play/p.yaml".into(), "a: 1\n".into()));
        sources.add(SourceFile::new("/play/sub/q.yaml".into(), "a: 1\n".into()));
        sources
    }

    #[test]
    fn findings_are_counted_by_file_rule_and_entity_relative_to_the_folder() {
        let sources = sources();
        let findings = [
            finding(0, "unowned-task", Some("tasks.a")),
            finding(0, "unowned-task", Some("tasks.a")),
            finding(1, "no-contacts", None),
            finding(0, "unresolved-reference", Some("tasks.b")),
        ];
        let baseline = Baseline::record(&findings, &sources, Path::new("/play"));
        assert_eq!(baseline.len(), 3, "the structural finding is left out");
        let text = baseline.to_json();
        assert_eq!(
            text,
            "{\n  \"version\": 1,\n  \"findings\": [\n    {\n      \"file\": \"p.yaml\",\n      \"rule\": \"unowned-task\",\n      \"entity\": \"tasks.a\",\n      \"count\": 2\n    },\n    {\n      \"file\": \"sub/q.yaml\",\n      \"rule\": \"no-contacts\",\n      \"count\": 1\n    }\n  ]\n}\n"
        );
        assert_eq!(Baseline::parse(&text), Ok(baseline));
    }

    #[test]
    fn applying_drops_as_many_as_counted_and_names_what_is_gone() {
        let sources = sources();
        let old = [
            finding(0, "unowned-task", Some("tasks.a")),
            finding(0, "unowned-task", Some("tasks.c")),
        ];
        let baseline = Baseline::record(&old, &sources, Path::new("/play"));
        let now = vec![
            finding(0, "unowned-task", Some("tasks.a")),
            finding(0, "unowned-task", Some("tasks.a")),
            finding(0, "unresolved-reference", Some("tasks.b")),
        ];
        let applied = baseline.apply(now, &sources, Path::new("/play"));
        assert_eq!(applied.baselined, 1);
        let kept: Vec<_> = applied
            .kept
            .iter()
            .map(|d| (d.rule.name, d.entity.as_deref()))
            .collect();
        assert_eq!(
            kept,
            [
                ("unowned-task", Some("tasks.a")),
                ("unresolved-reference", Some("tasks.b"))
            ]
        );
        assert_eq!(
            applied.stale,
            [Entry {
                file: "p.yaml".into(),
                rule: "unowned-task".into(),
                entity: Some("tasks.c".into()),
                count: 1
            }]
        );
    }

    #[test]
    fn a_baseline_elsewhere_names_files_from_its_folder() {
        let sources = sources();
        let findings = [finding(0, "no-contacts", None)];
        let baseline = Baseline::record(&findings, &sources, Path::new("/play/ci/x"));
        assert!(baseline.to_json().contains("\"file\": \"../../p.yaml\""));
        let baseline = Baseline::record(&findings, &sources, Path::new("/"));
        assert!(baseline.to_json().contains("\"file\": \"play/p.yaml\""));
    }

    #[test]
    fn a_damaged_file_says_where() {
        assert_eq!(
            Baseline::parse("{\"version\": 1, \"findings\": [{\"file\": 3}]}"),
            Err("line 1, column 38: invalid type: integer `3`, expected a string".to_owned())
        );
        assert_eq!(
            Baseline::parse("{\"version\": 2, \"findings\": []}"),
            Err("version 2 is not known (this smarketing reads version 1)".to_owned())
        );
        assert!(Baseline::parse("").is_err());
        assert!(Baseline::parse("{\"version\": 1, \"findings\": [], \"x\": 1}").is_err());
    }
}

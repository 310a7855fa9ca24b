//! Which files `check` looks at: the files named, and the YAML files below the folders named.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// A file found for checking, and whether the user named it (named files are always checked;
/// files found in folders only when they look like playbooks or fail to parse).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Candidate {
    pub path: PathBuf,
    pub named: bool,
}

/// Paths that could not be read, with the reason.
pub type Unreadable = Vec<(PathBuf, std::io::Error)>;

/// Expands the command-line paths. Folders are searched recursively for `*.yaml` and `*.yml`,
/// skipping hidden folders and `target/`; the result is sorted so that runs are reproducible.
/// A path that cannot be read is returned apart, so that the others are still checked.
pub fn discover(paths: &[PathBuf]) -> (Vec<Candidate>, Unreadable) {
    let mut found = Vec::new();
    let mut unreadable = Vec::new();
    for path in paths {
        match std::fs::metadata(path) {
            Ok(metadata) if metadata.is_dir() => {
                if let Err(error) = walk(path, &mut found) {
                    unreadable.push((path.clone(), error));
                }
            }
            Ok(_) => found.push(Candidate {
                path: path.clone(),
                named: true,
            }),
            Err(error) => unreadable.push((path.clone(), error)),
        }
    }
    found.sort();
    (unique(found), unreadable)
}

/// One candidate per file, however it was reached (`p.yaml` named and `./p.yaml` found in `.`
/// are one file, checked once); the first spelling in sorted order is kept, and the file counts
/// as named if any spelling was.
fn unique(found: Vec<Candidate>) -> Vec<Candidate> {
    let mut index: HashMap<PathBuf, usize> = HashMap::new();
    let mut unique: Vec<Candidate> = Vec::with_capacity(found.len());
    for candidate in found {
        let key = candidate
            .path
            .canonicalize()
            .unwrap_or_else(|_| candidate.path.clone());
        match index.get(&key).and_then(|&at| unique.get_mut(at)) {
            Some(earlier) => earlier.named |= candidate.named,
            None => {
                index.insert(key, unique.len());
                unique.push(candidate);
            }
        }
    }
    unique
}

fn walk(folder: &Path, found: &mut Vec<Candidate>) -> std::io::Result<()> {
    let mut entries: Vec<_> = std::fs::read_dir(folder)?.collect::<Result<_, _>>()?;
    entries.sort_by_key(|entry| entry.file_name());
    for entry in entries {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let path = entry.path();
        let kind = entry.file_type()?;
        if kind.is_dir() {
            if !name.starts_with('.') && name != "target" && name != "node_modules" {
                walk(&path, found)?;
            }
        } else if name.ends_with(".yaml") || name.ends_with(".yml") {
            found.push(Candidate { path, named: false });
        }
    }
    Ok(())
}

/// Whether a file's text has a top-level `playbook:` key, judged from the text alone so that
/// folders full of other YAML (CI workflows, compose files) are skipped without parsing them.
pub fn looks_like_playbook(text: &str) -> bool {
    text.lines().any(|line| {
        line.strip_prefix("playbook")
            .is_some_and(|rest| rest.trim_start().starts_with(':'))
    }) || text.trim_start().starts_with('{')
}

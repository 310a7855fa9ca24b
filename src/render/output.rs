//! Writing generated files into the output folder, atomically and never outside it, and
//! comparing them with what is there (`--check`).
//!
//! The folder keeps a manifest of the files smarketing made (`.smarketing-files`). It is how a
//! file made for an entity that no longer exists (the onboarding page of someone who left) is
//! found: `--check` reports it as obsolete and the next write removes it, while files that
//! smarketing did not make are never touched.

use super::Document;
use crate::base::atomic::write_atomically;
use std::collections::BTreeSet;
use std::path::{Component, Path, PathBuf};

/// The list of files smarketing wrote into an output folder, one relative path per line.
pub const MANIFEST: &str = ".smarketing-files";

/// Where a document goes: below `out`, by plain relative path components only.
fn target(out: &Path, relative: &str) -> Result<PathBuf, String> {
    let path = Path::new(relative);
    let plain = path.components().all(|c| matches!(c, Component::Normal(_)));
    if !plain || relative.is_empty() {
        return Err(format!(
            "`{relative}` would be written outside the output folder"
        ));
    }
    Ok(out.join(path))
}

/// Refuses a folder that, through a symbolic link, lies outside the output folder.
fn inside(out: &Path, folder: &Path) -> Result<(), String> {
    let root = out
        .canonicalize()
        .map_err(|error| format!("cannot use `{}`: {error}", out.display()))?;
    let real = folder
        .canonicalize()
        .map_err(|error| format!("cannot use `{}`: {error}", folder.display()))?;
    if real.starts_with(&root) {
        Ok(())
    } else {
        Err(format!(
            "`{}` leads outside `{}` (a symbolic link?); nothing is written there",
            folder.display(),
            out.display()
        ))
    }
}

/// The files listed in the folder's manifest, if it has one.
fn manifest(out: &Path) -> BTreeSet<String> {
    std::fs::read_to_string(out.join(MANIFEST))
        .map(|text| {
            text.lines()
                .filter(|line| !line.trim().is_empty())
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default()
}

/// Files smarketing made earlier that the current documents no longer include.
fn obsolete(out: &Path, documents: &[Document]) -> Vec<String> {
    let current: BTreeSet<&str> = documents.iter().map(|d| d.path.as_str()).collect();
    manifest(out)
        .into_iter()
        .filter(|path| !current.contains(path.as_str()))
        .filter(|path| target(out, path).is_ok_and(|file| file.is_file()))
        .collect()
}

/// Writes every document, removes the files an earlier run made that are no longer produced, and
/// records the new list. Files in `out` that smarketing did not make are left alone.
pub fn write_all(out: &Path, documents: &[Document]) -> Result<Vec<PathBuf>, String> {
    let targets = documents
        .iter()
        .map(|document| target(out, &document.path))
        .collect::<Result<Vec<_>, _>>()?;
    std::fs::create_dir_all(out)
        .map_err(|error| format!("cannot create `{}`: {error}", out.display()))?;
    let stale = obsolete(out, documents);
    for (document, path) in documents.iter().zip(&targets) {
        let folder = path.parent().unwrap_or(out);
        std::fs::create_dir_all(folder)
            .map_err(|error| format!("cannot create `{}`: {error}", folder.display()))?;
        inside(out, folder)?;
        write_atomically(path, &document.content)?;
    }
    for path in stale {
        let file = target(out, &path)?;
        if let Some(folder) = file.parent() {
            inside(out, folder)?;
        }
        std::fs::remove_file(&file)
            .map_err(|error| format!("cannot remove `{}`: {error}", file.display()))?;
    }
    let mut list: Vec<&str> = documents.iter().map(|d| d.path.as_str()).collect();
    list.sort_unstable();
    let mut text = list.join("\n");
    text.push('\n');
    write_atomically(&out.join(MANIFEST), text.as_bytes())?;
    Ok(targets)
}

/// What `--check` found wrong with one file.
#[derive(Debug, PartialEq, Eq)]
pub enum Problem {
    /// Would be written, but is not there.
    Missing,
    /// Is there, with other content.
    Stale,
    /// Was made by an earlier run, but would no longer be.
    Obsolete,
}

#[derive(Debug, PartialEq, Eq)]
pub struct Stale {
    pub path: String,
    pub problem: Problem,
}

/// Compares the documents with the files in `out`, writing nothing.
pub fn check_all(out: &Path, documents: &[Document]) -> Result<Vec<Stale>, String> {
    let mut stale = Vec::new();
    for document in documents {
        let path = target(out, &document.path)?;
        let problem = match std::fs::read(&path) {
            Ok(existing) if existing == document.content => continue,
            Ok(_) => Problem::Stale,
            Err(_) => Problem::Missing,
        };
        stale.push(Stale {
            path: document.path.clone(),
            problem,
        });
    }
    stale.extend(obsolete(out, documents).into_iter().map(|path| Stale {
        path,
        problem: Problem::Obsolete,
    }));
    Ok(stale)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn document(path: &str, content: &str) -> Document {
        Document {
            path: path.into(),
            content: content.as_bytes().to_vec(),
        }
    }

    #[test]
    fn nothing_is_written_outside_the_folder() {
        let dir = tempfile::tempdir().unwrap();
        for bad in ["../escape.md", "/etc/x.md", "a/../../b.md"] {
            assert!(
                write_all(dir.path(), &[document(bad, "x")]).is_err(),
                "{bad}"
            );
        }
    }

    #[cfg(unix)]
    #[test]
    fn nothing_is_written_through_a_symlinked_folder() {
        let dir = tempfile::tempdir().unwrap();
        let outside = tempfile::tempdir().unwrap();
        std::os::unix::fs::symlink(outside.path(), dir.path().join("sub")).unwrap();
        assert!(write_all(dir.path(), &[document("sub/x.md", "x")]).is_err());
        assert!(!outside.path().join("x.md").exists());
    }

    #[cfg(unix)]
    #[test]
    fn new_files_are_readable_by_others() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        write_all(dir.path(), &[document("a.md", "one")]).unwrap();
        let mode = std::fs::metadata(dir.path().join("a.md"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o644);
    }

    #[test]
    fn check_finds_missing_changed_and_obsolete_files() {
        let dir = tempfile::tempdir().unwrap();
        let documents = vec![document("a.md", "one"), document("sub/b.md", "two")];
        write_all(dir.path(), &documents).unwrap();
        std::fs::write(dir.path().join("mine.md"), "not made by smarketing").unwrap();
        assert!(check_all(dir.path(), &documents).unwrap().is_empty());
        std::fs::write(dir.path().join("a.md"), "edited").unwrap();
        std::fs::remove_file(dir.path().join("sub/b.md")).unwrap();
        let stale = check_all(dir.path(), &documents).unwrap();
        assert_eq!(
            stale,
            [
                Stale {
                    path: "a.md".into(),
                    problem: Problem::Stale
                },
                Stale {
                    path: "sub/b.md".into(),
                    problem: Problem::Missing
                }
            ]
        );
        // `sub/b.md` is no longer produced: reported, then removed; `mine.md` is left alone.
        write_all(dir.path(), &documents).unwrap();
        let fewer = vec![document("a.md", "one")];
        assert_eq!(
            check_all(dir.path(), &fewer).unwrap(),
            [Stale {
                path: "sub/b.md".into(),
                problem: Problem::Obsolete
            }]
        );
        write_all(dir.path(), &fewer).unwrap();
        assert!(!dir.path().join("sub/b.md").exists());
        assert!(dir.path().join("mine.md").exists());
        assert!(check_all(dir.path(), &fewer).unwrap().is_empty());
    }
}

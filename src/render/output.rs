//! Writing rendered documents into the output folder, atomically and never outside it, and
//! comparing them with what is there (`--check`).

use super::Document;
use std::io::Write;
use std::path::{Component, Path, PathBuf};

/// Where a document goes: below `out`, by plain relative path components only.
fn target(out: &Path, relative: &str) -> Result<PathBuf, String> {
    let path = Path::new(relative);
    if !path.components().all(|c| matches!(c, Component::Normal(_))) {
        return Err(format!(
            "`{relative}` would be written outside the output folder"
        ));
    }
    Ok(out.join(path))
}

/// Writes every document: each to a temporary file beside its target, then renamed over it, so
/// that a reader never sees half a file and an interrupted run leaves the old file intact. Files
/// in `out` that render does not make are left alone.
pub fn write_all(out: &Path, documents: &[Document]) -> Result<Vec<PathBuf>, String> {
    let mut written = Vec::new();
    for document in documents {
        let path = target(out, &document.path)?;
        let folder = path.parent().unwrap_or(out);
        std::fs::create_dir_all(folder)
            .map_err(|error| format!("cannot create `{}`: {error}", folder.display()))?;
        let mut temporary = tempfile::Builder::new()
            .prefix(".smarketing-")
            .tempfile_in(folder)
            .map_err(|error| format!("cannot write in `{}`: {error}", folder.display()))?;
        temporary
            .write_all(&document.content)
            .and_then(|()| temporary.as_file().sync_all())
            .map_err(|error| format!("cannot write `{}`: {error}", path.display()))?;
        temporary
            .persist(&path)
            .map_err(|error| format!("cannot write `{}`: {}", path.display(), error.error))?;
        written.push(path);
    }
    Ok(written)
}

/// A document that differs from the file in the output folder.
#[derive(Debug, PartialEq, Eq)]
pub struct Stale {
    pub path: String,
    pub missing: bool,
}

/// Compares the documents with the files in `out`, writing nothing.
pub fn check_all(out: &Path, documents: &[Document]) -> Result<Vec<Stale>, String> {
    let mut stale = Vec::new();
    for document in documents {
        let path = target(out, &document.path)?;
        match std::fs::read(&path) {
            Ok(existing) if existing == document.content => {}
            Ok(_) => stale.push(Stale {
                path: document.path.clone(),
                missing: false,
            }),
            Err(_) => stale.push(Stale {
                path: document.path.clone(),
                missing: true,
            }),
        }
    }
    Ok(stale)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nothing_is_written_outside_the_folder() {
        let dir = tempfile::tempdir().unwrap();
        for bad in ["../escape.md", "/etc/x.md", "a/../../b.md"] {
            let document = Document {
                path: bad.into(),
                content: b"x".to_vec(),
            };
            assert!(write_all(dir.path(), &[document]).is_err(), "{bad}");
        }
    }

    #[test]
    fn check_finds_missing_and_changed_files() {
        let dir = tempfile::tempdir().unwrap();
        let documents = vec![
            Document {
                path: "a.md".into(),
                content: b"one".to_vec(),
            },
            Document {
                path: "sub/b.md".into(),
                content: b"two".to_vec(),
            },
        ];
        write_all(dir.path(), &documents).unwrap();
        assert!(check_all(dir.path(), &documents).unwrap().is_empty());
        std::fs::write(dir.path().join("a.md"), "edited").unwrap();
        std::fs::remove_file(dir.path().join("sub/b.md")).unwrap();
        let stale = check_all(dir.path(), &documents).unwrap();
        assert_eq!(
            stale,
            [
                Stale {
                    path: "a.md".into(),
                    missing: false
                },
                Stale {
                    path: "sub/b.md".into(),
                    missing: true
                }
            ]
        );
    }
}

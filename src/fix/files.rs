//! Writing edits into the files they were made for, and nothing else.
//!
//! The edits were made against the text a check read. A file is written only when it still
//! holds exactly that text, is valid UTF-8, within the size cap, writable and a regular file;
//! its byte-order mark and line endings stay as they were, and it is replaced atomically (a
//! symbolic link keeps pointing where it did: its target is written).

use super::edit::{Edit, apply, without_overlaps};
use crate::base::atomic::write_atomically;
use crate::base::source::Sources;
use crate::base::span::FileId;
use crate::load::read::decode;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

const BOM: &[u8] = &[0xEF, 0xBB, 0xBF];

/// What writing edits into files did.
#[derive(Debug, Default)]
pub struct Written {
    /// The files changed, as shown to the user, with the id of their text in the sources.
    pub files: Vec<(String, FileId)>,
    /// Files left as they were, as shown to the user, and why ("is read-only").
    pub skipped: Vec<(String, &'static str)>,
    /// Files that could not be written.
    pub failed: Vec<String>,
}

/// Writes `edits` (made against the texts in `sources`) into their files. Edits of one file that
/// reached it through several playbooks (a shared include) are applied once.
pub fn write(edits: &[Edit], sources: &Sources, limit: u64) -> Written {
    let mut by_path: BTreeMap<PathBuf, (FileId, Vec<Edit>)> = BTreeMap::new();
    for edit in edits {
        if edit.span.file as usize >= sources.len() {
            continue;
        }
        let path = &sources.get(edit.span.file).path;
        let (file, list) = by_path
            .entry(path.clone())
            .or_insert_with(|| (edit.span.file, Vec::new()));
        let mut edit = edit.clone();
        edit.span.file = *file;
        if !list.contains(&edit) {
            list.push(edit);
        }
    }
    let mut written = Written::default();
    for (path, (file, edits)) in by_path {
        let source = sources.get(file);
        match write_one(&path, &source.text, &without_overlaps(edits), limit) {
            Ok(true) => written.files.push((source.name.clone(), file)),
            Ok(false) => {}
            Err(Refusal::Skipped(why)) => written.skipped.push((source.name.clone(), why)),
            Err(Refusal::Failed(message)) => written.failed.push(message),
        }
    }
    written
}

enum Refusal {
    /// Not written, on purpose.
    Skipped(&'static str),
    /// Writing went wrong.
    Failed(String),
}

/// Writes `edits` into the file at `path` if it still holds `checked`; whether it changed.
fn write_one(path: &Path, checked: &str, edits: &[Edit], limit: u64) -> Result<bool, Refusal> {
    let target = std::fs::canonicalize(path).map_err(|_| Refusal::Skipped("is gone"))?;
    let metadata = std::fs::metadata(&target).map_err(|_| Refusal::Skipped("cannot be read"))?;
    if !metadata.is_file() {
        return Err(Refusal::Skipped("is not a regular file"));
    }
    // Writable by whoever runs this, not only by someone: the file is replaced by renaming,
    // which a writable folder would allow even for a file its owner keeps read-only.
    let writable = std::fs::OpenOptions::new()
        .append(true)
        .open(&target)
        .is_ok();
    if metadata.permissions().readonly() || !writable {
        return Err(Refusal::Skipped("is read-only"));
    }
    if metadata.len() > limit {
        return Err(Refusal::Skipped("is larger than the size limit"));
    }
    let bytes = std::fs::read(&target).map_err(|_| Refusal::Skipped("cannot be read"))?;
    let bom = bytes.starts_with(BOM);
    let text = decode(bytes);
    if text.invalid_utf8_at.is_some() {
        return Err(Refusal::Skipped("is not valid UTF-8"));
    }
    if text.text != checked {
        return Err(Refusal::Skipped("changed while it was checked"));
    }
    let fixed = apply(&text.text, edits);
    if fixed == text.text {
        return Ok(false);
    }
    let mut out = Vec::with_capacity(fixed.len() + BOM.len());
    if bom {
        out.extend_from_slice(BOM);
    }
    out.extend_from_slice(fixed.as_bytes());
    write_atomically(&target, &out).map_err(Refusal::Failed)?;
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::source::SourceFile;
    use crate::base::span::Span;

    const TEXT: &str = "people:\n  anna: { name: Anna Berger, tem: sales }\n";

    /// Writes `bytes` to a file, checked as `TEXT`, and the edit of `tem` to `team` in it.
    fn setup(bytes: &[u8]) -> (tempfile::TempDir, PathBuf, Sources, Vec<Edit>) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("people.yaml");
        std::fs::write(&path, bytes).unwrap();
        let mut sources = Sources::default();
        let file = sources.add(SourceFile::new(path.clone(), TEXT.to_owned()));
        let start = TEXT.find("tem:").unwrap() as u32;
        let edits = vec![Edit::new(Span::new(file, start, start + 3), "team")];
        (dir, path, sources, edits)
    }

    #[test]
    fn a_file_is_written_with_its_byte_order_mark() {
        let bom_text = [BOM, TEXT.as_bytes()].concat();
        let (_dir, path, sources, edits) = setup(&bom_text);
        let written = write(&edits, &sources, 1 << 20);
        assert_eq!(written.files.len(), 1, "{written:?}");
        let expected = [BOM, TEXT.replace("tem:", "team:").as_bytes()].concat();
        assert_eq!(std::fs::read(&path).unwrap(), expected);
    }

    #[test]
    fn files_that_are_not_as_checked_are_left_alone() {
        let mut invalid = TEXT.as_bytes().to_vec();
        invalid.extend_from_slice(b"# \xff\n");
        let changed = TEXT.replace("sales", "marketing");
        for (bytes, limit, why) in [
            (invalid.as_slice(), 1 << 20, "is not valid UTF-8"),
            (changed.as_bytes(), 1 << 20, "changed while it was checked"),
            (TEXT.as_bytes(), 10, "is larger than the size limit"),
        ] {
            let (_dir, path, sources, edits) = setup(bytes);
            let written = write(&edits, &sources, limit);
            assert!(written.files.is_empty());
            assert_eq!(written.skipped[0].1, why);
            assert_eq!(std::fs::read(&path).unwrap(), bytes);
        }
    }

    #[test]
    fn a_read_only_file_is_left_alone() {
        let (_dir, path, sources, edits) = setup(TEXT.as_bytes());
        let mut permissions = std::fs::metadata(&path).unwrap().permissions();
        permissions.set_readonly(true);
        std::fs::set_permissions(&path, permissions).unwrap();
        let written = write(&edits, &sources, 1 << 20);
        assert!(written.files.is_empty());
        assert_eq!(written.skipped[0].1, "is read-only");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), TEXT);
    }

    #[test]
    fn edits_of_one_file_reached_twice_are_applied_once() {
        let (_dir, path, mut sources, mut edits) = setup(TEXT.as_bytes());
        let again = sources.add(SourceFile::new(path.clone(), TEXT.to_owned()));
        let twice = Edit::new(
            Span {
                file: again,
                ..edits[0].span
            },
            "team",
        );
        edits.push(twice);
        let written = write(&edits, &sources, 1 << 20);
        assert_eq!(written.files.len(), 1);
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            TEXT.replace("tem:", "team:")
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_linked_file_is_written_where_the_link_points() {
        let (dir, path, mut sources, _) = setup(TEXT.as_bytes());
        let link = dir.path().join("link.yaml");
        std::os::unix::fs::symlink(&path, &link).unwrap();
        let file = sources.add(SourceFile::new(link.clone(), TEXT.to_owned()));
        let start = TEXT.find("tem:").unwrap() as u32;
        let edits = [Edit::new(Span::new(file, start, start + 3), "team")];
        let written = write(&edits, &sources, 1 << 20);
        assert_eq!(written.files.len(), 1, "{written:?}");
        assert!(
            std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            TEXT.replace("tem:", "team:")
        );
    }
}

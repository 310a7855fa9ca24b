//! Included files read and parsed once per run, however many playbooks include them.
//!
//! A workspace's playbooks include the same shared files; reading and parsing dominate what a
//! check costs, so each included file is read and parsed by the first playbook that needs it
//! and replayed into the others ([`crate::yaml::recorded`]). Playbooks are loaded on several
//! threads: a second thread that asks for a file being parsed waits for it instead of parsing
//! it again. Each playbook still converts the replayed nodes into its own entities and findings.

use super::read::{FileText, read_text};
use crate::yaml::recorded::{Recording, record};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

/// The included files of one run, by canonical path.
#[derive(Default)]
pub struct SharedFiles {
    files: Mutex<HashMap<PathBuf, Arc<Slot>>>,
}

/// One file's place in the map: filled by the first thread that needs the file; `None` when it
/// could not be read.
type Slot = OnceLock<Option<Arc<SharedFile>>>;

/// One included file: its text and its parse.
pub struct SharedFile {
    pub text: FileText,
    pub recording: Recording,
}

impl SharedFiles {
    /// The file at `canonical`, read from `path` and parsed by the first caller. `None` when it
    /// cannot be read: the caller reads it itself and reports why.
    pub fn get(&self, canonical: &Path, path: &Path, limit: u64) -> Option<Arc<SharedFile>> {
        let slot = {
            // A thread that panicked while holding the lock left the map whole (inserting is
            // the only thing done under it), so its contents are still good.
            let mut files = self
                .files
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            Arc::clone(files.entry(canonical.to_path_buf()).or_default())
        };
        slot.get_or_init(|| {
            let text = read_text(path, limit).ok()?;
            let recording = record(&text.text, super::stream::section_tag);
            Some(Arc::new(SharedFile { text, recording }))
        })
        .clone()
    }
}

impl Clone for FileText {
    fn clone(&self) -> Self {
        FileText {
            text: self.text.clone(),
            invalid_utf8_at: self.invalid_utf8_at,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_is_read_and_parsed_once_per_run() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("people.yaml");
        std::fs::write(&path, "people:\n  anna: { name: Anna }\n").unwrap();
        let canonical = path.canonicalize().unwrap();
        let shared = SharedFiles::default();
        let first = shared.get(&canonical, &path, 1 << 20).unwrap();
        // Changed on disk after the first read: the run keeps what it read.
        std::fs::write(&path, "people: {}\n").unwrap();
        let again = shared.get(&canonical, &path, 1 << 20).unwrap();
        assert!(Arc::ptr_eq(&first, &again));
        assert!(again.text.text.contains("anna"));
    }

    #[test]
    fn threads_asking_at_once_share_one_parse() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("kpis.yaml");
        std::fs::write(&path, "kpis:\n  a: { title: A }\n").unwrap();
        let canonical = path.canonicalize().unwrap();
        let shared = SharedFiles::default();
        let files: Vec<Arc<SharedFile>> = std::thread::scope(|scope| {
            let handles: Vec<_> = (0..4)
                .map(|_| scope.spawn(|| shared.get(&canonical, &path, 1 << 20).unwrap()))
                .collect();
            handles.into_iter().map(|h| h.join().unwrap()).collect()
        });
        assert!(files.iter().all(|file| Arc::ptr_eq(file, &files[0])));
    }

    #[test]
    fn an_unreadable_file_is_left_to_the_caller() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("missing.yaml");
        assert!(SharedFiles::default().get(&path, &path, 1 << 20).is_none());
    }
}

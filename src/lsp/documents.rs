//! The files open in the editor: their unsaved texts, which stand in for the files on disk when
//! a playbook is checked, and the translation between `file://` URIs and paths.

use super::encoding::{Encoding, LineIndex};
use crate::load::Overlay;
use gen_lsp_types::{TextDocumentContentChangeEvent, Uri};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// What the editor told of one open file besides its text.
pub struct Open {
    pub version: i32,
    pub lines: LineIndex,
}

#[derive(Default)]
pub struct Documents {
    /// The texts by canonical path: exactly what loading reads instead of the disk.
    texts: Overlay,
    open: HashMap<PathBuf, Open>,
}

impl Documents {
    /// Opens `uri` with `text`; returns its path, or `None` for a URI that is no local file.
    pub fn open(&mut self, uri: Uri, version: i32, text: String) -> Option<PathBuf> {
        let path = path_of(&uri)?;
        let lines = LineIndex::new(&text);
        self.texts.insert(path.clone(), text);
        self.open.insert(path.clone(), Open { version, lines });
        Some(path)
    }

    /// Applies the editor's changes, in order; returns the file's path.
    pub fn change(
        &mut self,
        uri: &Uri,
        version: i32,
        changes: Vec<TextDocumentContentChangeEvent>,
        encoding: Encoding,
    ) -> Option<PathBuf> {
        let path = path_of(uri)?;
        let (text, open) = (self.texts.get_mut(&path)?, self.open.get_mut(&path)?);
        for change in changes {
            match change {
                TextDocumentContentChangeEvent::TextDocumentContentChangeWholeDocument(whole) => {
                    *text = whole.text;
                }
                TextDocumentContentChangeEvent::TextDocumentContentChangePartial(partial) => {
                    let start = open.lines.offset(text, partial.range.start, encoding) as usize;
                    let end = open.lines.offset(text, partial.range.end, encoding) as usize;
                    // A range given end first still means the text between the two.
                    text.replace_range(start.min(end)..start.max(end), &partial.text);
                }
            }
            // The next change's range is counted in the text as this one left it.
            open.lines = LineIndex::new(text);
        }
        open.version = version;
        Some(path)
    }

    pub fn close(&mut self, uri: &Uri) -> Option<PathBuf> {
        let path = path_of(uri)?;
        self.texts.remove(&path);
        self.open.remove(&path);
        Some(path)
    }

    pub fn overlay(&self) -> &Overlay {
        &self.texts
    }

    pub fn text(&self, path: &Path) -> Option<&str> {
        self.texts.get(path).map(String::as_str)
    }

    pub fn get(&self, path: &Path) -> Option<&Open> {
        self.open.get(path)
    }
}

/// The canonical path of a `file://` URI (as written when the file does not exist yet).
pub fn path_of(uri: &Uri) -> Option<PathBuf> {
    let path = uri.to_file_path().ok()?;
    Some(path.canonicalize().unwrap_or(path))
}

pub fn uri_of(path: &Path) -> Option<Uri> {
    Uri::from_file_path(path).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use gen_lsp_types::{
        Position, Range, TextDocumentContentChangePartial, TextDocumentContentChangeWholeDocument,
    };

    fn partial(range: Range, text: &str) -> TextDocumentContentChangeEvent {
        #[allow(deprecated)]
        TextDocumentContentChangePartial {
            range,
            range_length: None,
            text: text.to_owned(),
        }
        .into()
    }

    #[test]
    fn changes_apply_in_order_in_the_agreed_encoding() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.yaml");
        let uri = uri_of(&path).unwrap();
        let mut documents = Documents::default();
        documents.open(uri.clone(), 1, "name: Jürgen\nteam: x\n".into());
        let line0 = |from, to| Range::new(Position::new(0, from), Position::new(0, to));
        // UTF-16: `Jürgen` is 6 units from character 6.
        documents.change(
            &uri,
            2,
            vec![
                partial(line0(6, 12), "Jürg"),
                partial(line0(10, 10), "en M."),
            ],
            Encoding::Utf16,
        );
        let path = path_of(&uri).unwrap();
        assert_eq!(documents.text(&path), Some("name: Jürgen M.\nteam: x\n"));
        documents.change(
            &uri,
            3,
            vec![TextDocumentContentChangeWholeDocument::new("new\n".into()).into()],
            Encoding::Utf8,
        );
        assert_eq!(documents.text(&path), Some("new\n"));
        assert_eq!(documents.get(&path).unwrap().version, 3);
        documents.close(&uri);
        assert!(documents.overlay().is_empty());
    }
}

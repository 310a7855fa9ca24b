//! The files of one run, and the translation of byte offsets into lines and columns.
//!
//! Diagnostics carry byte spans; reporters need 1-based lines and columns counted in characters
//! (the JSON and SARIF contracts say so). Line starts are indexed once per file so that the
//! translation costs a binary search, not a scan.

use crate::base::span::{FileId, Span};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// Columns further than this many bytes into a line are counted from [`SourceFile::char_marks`]
/// rather than from the start of the line.
const LONG_LINE: usize = 4096;

/// One loaded file: its path as the user should see it, and its text.
#[derive(Debug)]
pub struct SourceFile {
    pub path: PathBuf,
    pub name: String,
    pub text: String,
    line_starts: Vec<u32>,
    /// How many characters come before every [`LONG_LINE`]-th byte. Made on first need: only a
    /// long line needs it, where counting from the line's start for every finding on it would
    /// cost the line's length each time (a whole playbook can be one line of flow style).
    char_marks: OnceLock<Vec<u32>>,
}

impl SourceFile {
    pub fn new(path: PathBuf, text: String) -> Self {
        let name = display_path(&path);
        // Counted first: the index of a large file is then allocated once, at its size.
        let lines = text.bytes().filter(|&b| b == b'\n').count() + 1;
        let mut line_starts = Vec::with_capacity(lines);
        line_starts.push(0);
        line_starts.extend(
            text.bytes()
                .enumerate()
                .filter(|&(_, b)| b == b'\n')
                .map(|(i, _)| i as u32 + 1),
        );
        SourceFile {
            path,
            name,
            text,
            line_starts,
            char_marks: OnceLock::new(),
        }
    }

    /// 1-based line of a byte offset (offsets past the end are on the last line).
    pub fn line_of(&self, offset: u32) -> usize {
        let offset = offset.min(self.text.len() as u32);
        // The first entry is 0, so at least one start is at or before any offset.
        self.line_starts.partition_point(|&start| start <= offset)
    }

    /// 1-based line and 1-based column in characters of a byte offset.
    pub fn line_col(&self, offset: u32) -> (usize, usize) {
        let offset = (offset as usize).min(self.text.len());
        let line = self.line_of(offset as u32) - 1;
        let start = self.line_starts[line] as usize;
        let column = if offset - start <= LONG_LINE {
            self.text
                .get(start..offset)
                .map_or(offset - start, |prefix| prefix.chars().count())
        } else if !self.text.is_char_boundary(offset) {
            // As above: inside a character, the count falls back to bytes.
            offset - start
        } else {
            self.chars_before(offset) - self.chars_before(start)
        };
        (line + 1, column + 1)
    }

    /// How many characters the text has before byte `offset`: a byte starts a character unless
    /// it continues one (`0b10xx_xxxx`).
    fn chars_before(&self, offset: usize) -> usize {
        let starts = |bytes: &[u8]| bytes.iter().filter(|&&b| (b as i8) >= -0x40).count();
        let marks = self.char_marks.get_or_init(|| {
            let mut total = 0;
            let mut marks = vec![0];
            for chunk in self.text.as_bytes().chunks(LONG_LINE) {
                total += starts(chunk) as u32;
                marks.push(total);
            }
            marks
        });
        let mark = offset / LONG_LINE;
        let from = mark * LONG_LINE;
        marks.get(mark).map_or(0, |&count| count as usize)
            + self.text.as_bytes().get(from..offset).map_or(0, starts)
    }

    /// The text of 1-based line `line`, without its line break.
    pub fn line_text(&self, line: usize) -> &str {
        let Some(&start) = self.line_starts.get(line.wrapping_sub(1)) else {
            return "";
        };
        let end = self
            .line_starts
            .get(line)
            .map_or(self.text.len(), |&next| next as usize);
        self.text
            .get(start as usize..end)
            .unwrap_or("")
            .trim_end_matches(['\n', '\r'])
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// Byte offset where 1-based line `line` starts.
    pub fn line_start(&self, line: usize) -> u32 {
        self.line_starts
            .get(line.wrapping_sub(1))
            .copied()
            .unwrap_or(self.text.len() as u32)
    }
}

/// A path relative to the working directory when possible, with forward slashes, so that output
/// is the same on every machine and fit for CI annotations.
pub fn display_path(path: &Path) -> String {
    let relative = std::env::current_dir()
        .ok()
        .and_then(|cwd| path.strip_prefix(cwd).ok().map(Path::to_path_buf))
        .unwrap_or_else(|| path.to_path_buf());
    let text = relative.to_string_lossy().replace('\\', "/");
    text.strip_prefix("./").map(str::to_owned).unwrap_or(text)
}

/// All files read in one run, addressed by [`FileId`].
#[derive(Debug, Default)]
pub struct Sources {
    files: Vec<SourceFile>,
}

impl Sources {
    pub fn add(&mut self, file: SourceFile) -> FileId {
        self.files.push(file);
        (self.files.len() - 1) as FileId
    }

    /// Moves every file of `other` into this set; returns the offset added to their ids.
    pub fn append(&mut self, other: Sources) -> FileId {
        let offset = self.files.len() as FileId;
        self.files.extend(other.files);
        offset
    }

    pub fn get(&self, id: FileId) -> &SourceFile {
        &self.files[id as usize]
    }

    pub fn iter(&self) -> impl Iterator<Item = (FileId, &SourceFile)> {
        self.files.iter().enumerate().map(|(i, f)| (i as FileId, f))
    }

    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// The text a span covers, or "" when it is out of range.
    pub fn snippet(&self, span: Span) -> &str {
        self.get(span.file)
            .text
            .get(span.start as usize..span.end as usize)
            .unwrap_or("")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_characters_not_bytes() {
        let file = SourceFile::new("a.yaml".into(), "a: ä\nbé: x\n".into());
        assert_eq!(file.line_col(0), (1, 1));
        assert_eq!(file.line_col(3), (1, 4));
        // "bé: x": `x` is at byte 5 + 5 = 10 of the text but character 5 of its line.
        let x = file.text.find('x').unwrap() as u32;
        assert_eq!(file.line_col(x), (2, 5));
        assert_eq!(file.line_text(2), "bé: x");
        assert_eq!(file.line_text(9), "");
    }

    /// Columns far into a long line (counted from marks, not from the line's start) are the same
    /// character counts, inside characters too.
    #[test]
    fn columns_on_long_lines_count_characters() {
        let text: String = (0..20_000)
            .map(|i| match i % 7 {
                0 => 'ä',
                3 => '日',
                5 => '😀',
                _ => 'a',
            })
            .collect::<String>()
            + "\nnext ä line\n";
        let file = SourceFile::new("long.yaml".into(), text.clone());
        for offset in (0..text.len() as u32)
            .step_by(997)
            .chain([text.len() as u32 - 3, text.len() as u32])
        {
            let offset_usize = offset as usize;
            let start = text.as_bytes()[..offset_usize]
                .iter()
                .rposition(|&b| b == b'\n')
                .map_or(0, |newline| newline + 1);
            let expected = text
                .get(start..offset_usize)
                .map_or(offset_usize - start, |prefix| prefix.chars().count());
            assert_eq!(file.line_col(offset).1, expected + 1, "offset {offset}");
        }
    }
}

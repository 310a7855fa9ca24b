//! Positions as the client counts them.
//!
//! Findings carry byte offsets; LSP positions are a line and a character offset counted in the
//! encoding both sides agreed on: UTF-8 bytes when the client offers them (Neovim, Helix), else
//! UTF-16 code units (VS Code). With `Jürgen Müller` before a finding the two differ, and a
//! position counted the wrong way underlines the wrong text.

use gen_lsp_types::{Position, PositionEncodingKind, Range};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16,
}

impl Encoding {
    /// UTF-8 when the client lists it among the encodings it supports; UTF-16 otherwise, which
    /// every client must support.
    pub fn negotiate(offered: &[String]) -> Encoding {
        if offered.iter().any(|kind| kind == "utf-8") {
            Encoding::Utf8
        } else {
            Encoding::Utf16
        }
    }

    pub fn kind(self) -> PositionEncodingKind {
        match self {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
        }
    }

    /// How many units of this encoding `text` takes.
    fn units(self, text: &str) -> u32 {
        match self {
            Encoding::Utf8 => text.len() as u32,
            Encoding::Utf16 => text.encode_utf16().count() as u32,
        }
    }
}

/// Where the lines of one text start, to turn offsets into positions and back.
#[derive(Clone, Debug)]
pub struct LineIndex {
    starts: Vec<u32>,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(
            text.bytes()
                .enumerate()
                .filter(|&(_, b)| b == b'\n')
                .map(|(i, _)| i as u32 + 1),
        );
        LineIndex { starts }
    }

    /// The position of byte `offset` (clamped to the text, and back to a character boundary).
    pub fn position(&self, text: &str, offset: u32, encoding: Encoding) -> Position {
        let mut offset = (offset as usize).min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self
            .starts
            .partition_point(|&start| start as usize <= offset)
            - 1;
        let start = self.starts.get(line).map_or(0, |&s| s as usize);
        let character = text.get(start..offset).map_or(0, |s| encoding.units(s));
        Position::new(line as u32, character)
    }

    pub fn range(&self, text: &str, start: u32, end: u32, encoding: Encoding) -> Range {
        Range::new(
            self.position(text, start, encoding),
            self.position(text, end, encoding),
        )
    }

    /// The byte offset of `position`. A character beyond the line's end means its end (as the
    /// protocol asks), a line beyond the text its end.
    pub fn offset(&self, text: &str, position: Position, encoding: Encoding) -> u32 {
        let Some(&start) = self.starts.get(position.line as usize) else {
            return text.len() as u32;
        };
        let end = self
            .starts
            .get(position.line as usize + 1)
            .map_or(text.len(), |&next| next as usize);
        let line = text.get(start as usize..end).unwrap_or("");
        let line = line.strip_suffix('\n').unwrap_or(line);
        let line = line.strip_suffix('\r').unwrap_or(line);
        let mut counted = 0;
        for (at, c) in line.char_indices() {
            if counted >= position.character {
                return start + at as u32;
            }
            counted += match encoding {
                Encoding::Utf8 => c.len_utf8() as u32,
                Encoding::Utf16 => c.len_utf16() as u32,
            };
        }
        start + line.len() as u32
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "people:\n  juergen: { name: Jürgen Müller 𝄞, team: sales }\r\nx\n";

    #[test]
    fn utf8_and_utf16_count_the_same_text_differently() {
        let index = LineIndex::new(TEXT);
        let offset = TEXT.find("team").unwrap() as u32;
        let utf8 = index.position(TEXT, offset, Encoding::Utf8);
        let utf16 = index.position(TEXT, offset, Encoding::Utf16);
        assert_eq!(utf8.line, 1);
        let before = &TEXT[TEXT.find("  juergen").unwrap()..offset as usize];
        assert_eq!(utf8.character as usize, before.len());
        assert_eq!(utf16.character as usize, before.encode_utf16().count());
        // ü twice (2 bytes, 1 unit each) and 𝄞 (4 bytes, 2 units).
        assert_eq!(utf8.character - utf16.character, 2 + 2);
        for encoding in [Encoding::Utf8, Encoding::Utf16] {
            let position = index.position(TEXT, offset, encoding);
            assert_eq!(index.offset(TEXT, position, encoding), offset);
        }
    }

    #[test]
    fn positions_past_a_line_or_the_text_are_clamped() {
        let index = LineIndex::new(TEXT);
        let line_end = TEXT.find("\r\n").unwrap() as u32;
        assert_eq!(
            index.offset(TEXT, Position::new(1, 999), Encoding::Utf16),
            line_end
        );
        assert_eq!(
            index.offset(TEXT, Position::new(99, 0), Encoding::Utf8),
            TEXT.len() as u32
        );
        // Inside a character: the position of its start.
        let inside = TEXT.find('ü').unwrap() as u32 + 1;
        assert_eq!(
            index.position(TEXT, inside, Encoding::Utf8),
            index.position(TEXT, inside - 1, Encoding::Utf8)
        );
    }

    #[test]
    fn utf8_is_chosen_only_when_offered() {
        assert_eq!(
            Encoding::negotiate(&["utf-16".into(), "utf-8".into()]),
            Encoding::Utf8
        );
        assert_eq!(Encoding::negotiate(&["utf-32".into()]), Encoding::Utf16);
        assert_eq!(Encoding::negotiate(&[]), Encoding::Utf16);
    }
}

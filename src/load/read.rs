//! Reading one file from disk, within a size cap, into text.
//!
//! Reading is where hostile input is stopped first: an oversized file is refused before it is
//! read, and bytes that are not UTF-8 are located precisely so the diagnostic can point at them.

use std::fmt;
use std::io::Read;
use std::path::Path;

/// The default cap on the size of one playbook file: far above any real playbook (the 10,000-task
/// benchmark playbook is about 3 MiB), far below what would strain memory.
pub const DEFAULT_MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

#[derive(Debug)]
pub enum ReadError {
    Io(std::io::Error),
    NotAFile,
    TooLarge {
        size: u64,
        limit: u64,
    },
    /// A stream (standard input) longer than the limit; its full length is never read.
    StreamTooLarge {
        limit: u64,
    },
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadError::Io(error) if error.kind() == std::io::ErrorKind::NotFound => {
                f.write_str("no such file")
            }
            ReadError::Io(error) => write!(f, "{}", lower_first(&error.to_string())),
            ReadError::NotAFile => f.write_str("not a regular file"),
            ReadError::TooLarge { size, limit } => write!(
                f,
                "the file is {} MiB, more than the limit of {} MiB (raise it with --max-file-size)",
                size.div_ceil(1024 * 1024),
                limit / (1024 * 1024)
            ),
            ReadError::StreamTooLarge { limit } => write!(
                f,
                "the input is more than the limit of {} MiB (raise it with --max-file-size)",
                limit / (1024 * 1024)
            ),
        }
    }
}

fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_lowercase().chain(chars).collect())
        .unwrap_or_default()
}

/// The text of a file, and where its first invalid UTF-8 byte is, if any. Invalid bytes are
/// replaced, so the text before that byte keeps its offsets.
pub struct FileText {
    pub text: String,
    pub invalid_utf8_at: Option<usize>,
}

impl FileText {
    /// A text held in memory (an editor's unsaved buffer), valid UTF-8 by construction.
    pub fn unsaved(text: &str) -> FileText {
        FileText {
            text: text.to_owned(),
            invalid_utf8_at: None,
        }
    }
}

pub fn read_text(path: &Path, limit: u64) -> Result<FileText, ReadError> {
    let file = std::fs::File::open(path).map_err(ReadError::Io)?;
    let metadata = file.metadata().map_err(ReadError::Io)?;
    if !metadata.is_file() {
        return Err(ReadError::NotAFile);
    }
    if metadata.len() > limit {
        return Err(ReadError::TooLarge {
            size: metadata.len(),
            limit,
        });
    }
    let mut bytes = Vec::with_capacity(metadata.len() as usize);
    // `take` guards against a file that grows while it is read.
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(ReadError::Io)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge {
            size: bytes.len() as u64,
            limit,
        });
    }
    Ok(decode(bytes))
}

/// The bytes of a stream such as standard input, refused once they exceed `limit`: a stream has
/// no size to check first, so at most one byte more than the limit is read.
pub fn read_stream(stream: impl Read, limit: u64) -> Result<Vec<u8>, ReadError> {
    let mut bytes = Vec::new();
    stream
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(ReadError::Io)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::StreamTooLarge { limit });
    }
    Ok(bytes)
}

/// Bytes to text: a byte-order mark dropped (it is no content, and keeps columns right on the
/// first line), invalid UTF-8 replaced and located.
pub fn decode(mut bytes: Vec<u8>) -> FileText {
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        bytes.drain(..3);
    }
    match String::from_utf8(bytes) {
        Ok(text) => FileText {
            text,
            invalid_utf8_at: None,
        },
        Err(error) => {
            let at = error.utf8_error().valid_up_to();
            FileText {
                text: String::from_utf8_lossy(error.as_bytes()).into_owned(),
                invalid_utf8_at: Some(at),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stream_within_the_limit_is_read_whole() {
        let bytes = read_stream(&b"version: 1\n"[..], 11).expect("within the limit");
        assert_eq!(bytes, b"version: 1\n");
    }

    #[test]
    fn a_stream_over_the_limit_is_refused() {
        let error = read_stream(&[b'a'; 2 * 1024 * 1024][..], 1024 * 1024).unwrap_err();
        assert_eq!(
            error.to_string(),
            "the input is more than the limit of 1 MiB (raise it with --max-file-size)"
        );
    }
}

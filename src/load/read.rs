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
    TooLarge { size: u64, limit: u64 },
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

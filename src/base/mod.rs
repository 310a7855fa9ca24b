//! What every stage shares and no stage owns: positions in files, the files themselves,
//! did-you-mean suggestions, escaping text for the formats the tool writes, and writing files
//! atomically.

pub mod atomic;
pub mod source;
pub mod span;
pub mod suggest;
pub mod text;

//! Where a finding is, for the CI formats: paths relative to the repository root, and
//! fingerprints that survive unrelated edits.
//!
//! Code scanning and code quality services match findings across commits. A fingerprint made from
//! the rule, the file, the entity and the offending text stays the same when lines above move,
//! and changes when the finding itself does.

use crate::base::source::Sources;
use crate::diagnostic::Diagnostic;
use std::path::{Path, PathBuf};

/// The repository root: the nearest folder above the working directory that holds `.git`.
pub fn repository_root() -> Option<PathBuf> {
    let start = std::env::current_dir().ok()?;
    start
        .ancestors()
        .find(|folder| folder.join(".git").exists())
        .map(Path::to_path_buf)
}

/// A file's path relative to `root` (or as shown, when it lies elsewhere), with forward slashes.
pub fn relative_uri(path: &Path, shown: &str, root: Option<&Path>) -> String {
    let absolute = std::env::current_dir()
        .map(|cwd| cwd.join(path))
        .unwrap_or_else(|_| path.to_path_buf());
    let absolute = absolute.canonicalize().unwrap_or(absolute);
    root.and_then(|root| {
        let root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
        absolute
            .strip_prefix(root)
            .ok()
            .map(|relative| relative.to_string_lossy().replace('\\', "/"))
    })
    .unwrap_or_else(|| shown.trim_start_matches('/').to_owned())
}

/// A stable fingerprint of a finding: rule, file, entity and the text at fault, hashed.
pub fn fingerprint(diagnostic: &Diagnostic, uri: &str, sources: &Sources) -> String {
    let snippet = sources.snippet(diagnostic.span);
    let entity = diagnostic.entity.as_deref().unwrap_or("");
    let key = format!(
        "{}\0{uri}\0{entity}\0{snippet}\0{}",
        diagnostic.rule.name, diagnostic.message
    );
    format!("{:016x}", fnv1a(key.as_bytes()))
}

/// FNV-1a, 64 bits: tiny, stable across versions and platforms, and good enough to tell findings
/// apart (this is an identity, not a security measure).
fn fnv1a(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &byte in bytes {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::source::SourceFile;
    use crate::base::span::Span;
    use crate::diagnostic::Diagnostic;

    #[test]
    fn fingerprints_ignore_line_moves_but_not_the_finding() {
        let mut sources = Sources::default();
        let before = sources.add(SourceFile::new("p.yaml".into(), "a: x\n".into()));
        let after = sources.add(SourceFile::new(
            "p.yaml".into(),
            "\n\n# moved\na: x\n".into(),
        ));
        let finding = |file, start| {
            Diagnostic::new(
                &crate::diagnostic::structural::schema::RULE,
                "bad",
                Span::new(file, start, start + 1),
            )
            .with_entity("tasks.a")
        };
        let one = fingerprint(&finding(before, 3), "p.yaml", &sources);
        let two = fingerprint(&finding(after, 13), "p.yaml", &sources);
        assert_eq!(one, two);
        let other = fingerprint(
            &finding(after, 13).with_entity("tasks.b"),
            "p.yaml",
            &sources,
        );
        assert_ne!(one, other);
    }
}

//! Writing a file so that a reader never sees half of it: through a temporary file in the same
//! folder, renamed over the target. Documents, exports and baselines are all written this way, so
//! an interrupted run leaves the old file intact.

use std::io::Write;
use std::path::Path;

/// The permissions of a new file: those of the file it replaces, or rw-r--r-- (a temporary
/// file alone would be private to its owner, and a docs folder is meant to be read).
fn permissions_for(path: &Path) -> Option<std::fs::Permissions> {
    match std::fs::metadata(path) {
        Ok(metadata) => Some(metadata.permissions()),
        Err(_) => default_permissions(),
    }
}

#[cfg(unix)]
fn default_permissions() -> Option<std::fs::Permissions> {
    use std::os::unix::fs::PermissionsExt;
    Some(std::fs::Permissions::from_mode(0o644))
}

#[cfg(not(unix))]
fn default_permissions() -> Option<std::fs::Permissions> {
    None
}

/// Writes `bytes` to `path` through a temporary file in the same folder, renamed over the target,
/// so that a reader never sees half a file and an interrupted run leaves the old file intact.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), String> {
    let folder = path.parent().unwrap_or(Path::new("."));
    let mut builder = tempfile::Builder::new();
    builder.prefix(".smarketing-");
    if let Some(permissions) = permissions_for(path) {
        builder.permissions(permissions);
    }
    let mut temporary = builder
        .tempfile_in(folder)
        .map_err(|error| format!("cannot write in `{}`: {error}", folder.display()))?;
    temporary
        .write_all(bytes)
        .and_then(|()| temporary.as_file().sync_all())
        .map_err(|error| format!("cannot write `{}`: {error}", path.display()))?;
    temporary
        .persist(path)
        .map_err(|error| format!("cannot write `{}`: {}", path.display(), error.error))?;
    Ok(())
}

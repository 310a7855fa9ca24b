//! Includes: a playbook may span several files, all inside the root playbook's folder, or, in a
//! workspace, anywhere under the workspace root. An include that is absolute, leaves that
//! folder, does not exist, cannot be read or closes a loop is reported at the include entry, and
//! the playbook is then known to be incomplete.

use super::Loader;
use super::read::read_text;
use crate::base::span::{FileId, Spanned};
use crate::base::suggest::did_you_mean;
use crate::diagnostic::Diagnostic;
use crate::diagnostic::structural::include_error;
use std::path::{Component, Path};

/// An include entry still to be followed once its file has been read.
pub(super) struct PendingInclude {
    pub entry: Spanned<String>,
}

impl Loader<'_> {
    pub(super) fn include(&mut self, from: FileId, include: PendingInclude) {
        let entry = include.entry;
        let relative = Path::new(&entry.value);
        if relative.is_absolute()
            || relative
                .components()
                .any(|c| matches!(c, Component::Prefix(_) | Component::RootDir))
        {
            self.include_failed(include_error::absolute(&entry.value, entry.span));
            return;
        }
        let base = self
            .sources
            .get(from)
            .path
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_default();
        let path = lexically_normal(&base.join(relative));
        let Ok(canonical) = path.canonicalize() else {
            let near = nearest_file(&path)
                .map(|name| relative.with_file_name(name).to_string_lossy().into_owned());
            self.include_failed(include_error::missing(
                &entry.value,
                near.as_deref(),
                entry.span,
            ));
            return;
        };
        if !canonical.starts_with(&self.boundary) {
            let diagnostic = if self.in_workspace {
                include_error::outside_workspace(&entry.value, entry.span)
            } else {
                include_error::outside(&entry.value, entry.span)
            };
            self.include_failed(diagnostic);
            return;
        }
        if let Some(position) = self.stack.iter().position(|p| p == &canonical) {
            let chain = self.stack[position..]
                .iter()
                .chain(std::iter::once(&canonical))
                .map(|p| {
                    p.file_name()
                        .map_or_else(String::new, |n| n.to_string_lossy().into_owned())
                })
                .collect::<Vec<_>>()
                .join(" -> ");
            self.include_failed(include_error::cycle(&chain, entry.span));
            return;
        }
        if self.paths.contains(&canonical) {
            // Already merged through another include: including it again adds nothing.
            return;
        }
        if let Some(text) = self.overlay.and_then(|overlay| overlay.get(&canonical)) {
            self.paths.push(canonical.clone());
            self.stack.push(canonical);
            let file = self.add_source(&path, super::read::FileText::unsaved(text));
            self.load_file(file, false, None);
            self.stack.pop();
            return;
        }
        if let Some(shared) = self
            .shared
            .and_then(|shared| shared.get(&canonical, &path, self.options.max_file_bytes))
        {
            self.paths.push(canonical.clone());
            self.stack.push(canonical);
            let file = self.add_source(&path, shared.text.clone());
            self.load_file(file, false, Some(&shared.recording));
            self.stack.pop();
            return;
        }
        let content = match read_text(&path, self.options.max_file_bytes) {
            Ok(content) => content,
            Err(error) => {
                self.include_failed(include_error::unreadable(&entry.value, &error, entry.span));
                return;
            }
        };
        self.paths.push(canonical.clone());
        self.stack.push(canonical);
        let file = self.add_source(&path, content);
        self.load_file(file, false, None);
        self.stack.pop();
    }

    /// An include that failed leaves the playbook incomplete: its names and its entities are
    /// missing, so reference checks and rules about what points where would only report
    /// consequences. What the other files' entities say of themselves still counts.
    fn include_failed(&mut self, diagnostic: Diagnostic) {
        self.playbook.gaps.files_incomplete = true;
        self.diagnostics.push(diagnostic);
    }
}

/// `path` with each `folder/..` taken out, so that a file shared by playbooks in different
/// folders has one name in findings (`group/kpis.yaml`, not `houses/a/../../group/kpis.yaml`).
/// Only the spelling changes: the file is still found through `canonicalize`.
fn lexically_normal(path: &Path) -> std::path::PathBuf {
    let mut normal = std::path::PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir
                if matches!(normal.components().next_back(), Some(Component::Normal(_))) =>
            {
                normal.pop();
            }
            other => normal.push(other),
        }
    }
    normal
}

/// The YAML file beside a missing `path` whose name is closest to it, for a did-you-mean.
fn nearest_file(path: &Path) -> Option<String> {
    let wanted = path.file_name()?.to_string_lossy().into_owned();
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let mut names: Vec<String> = std::fs::read_dir(folder)
        .ok()?
        .filter_map(Result::ok)
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".yaml") || name.ends_with(".yml"))
        .collect();
    names.sort();
    did_you_mean(&wanted, names.iter().map(String::as_str)).map(str::to_owned)
}

#[cfg(test)]
mod tests {
    use super::lexically_normal;
    use std::path::Path;

    #[test]
    fn folders_left_again_are_taken_out_of_a_path() {
        let normal = |path: &str| lexically_normal(Path::new(path)).display().to_string();
        assert_eq!(
            normal("ws/houses/a/../../group/kpis.yaml"),
            "ws/group/kpis.yaml"
        );
        assert_eq!(normal("./a/./b.yaml"), "a/b.yaml");
        assert_eq!(normal("../../x.yaml"), "../../x.yaml");
        assert_eq!(normal("a/../../x.yaml"), "../x.yaml");
        assert_eq!(normal("/ws/a/../b.yaml"), "/ws/b.yaml");
    }
}

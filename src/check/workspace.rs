//! Which workspace each playbook of a run belongs to.
//!
//! Every playbook is governed by the nearest `smarketing.toml` in its folder or above
//! ([`crate::load::workspace`]). Each manifest is read once per run, and its `[lint]` rule names
//! are checked here, where the rules are known. A manifest with mistakes is a failure of the
//! run (exit 2), reported once; its playbooks are not checked, since how to check them is what
//! the manifest would have said.

use crate::base::suggest::did_you_mean;
use crate::lint::registry::{RULES, find};
use crate::load::workspace::{Workspace, find_manifest, read_workspace};
use crate::model::values::Level;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// The workspaces met in one run.
#[derive(Default)]
pub struct Workspaces {
    by_folder: HashMap<PathBuf, Membership>,
    by_manifest: HashMap<PathBuf, Membership>,
    /// Every workspace read without mistakes, by index.
    pub found: Vec<Found>,
    /// The mistakes of manifests that could not be used, one message each.
    pub failures: Vec<String>,
}

/// A workspace and its `[lint]` levels by rule name.
pub struct Found {
    pub workspace: Workspace,
    pub levels: HashMap<String, Level>,
}

/// Where a playbook stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Membership {
    /// No `smarketing.toml` above it: today's rules for a single playbook.
    Alone,
    /// In workspace `found[index]`.
    In(usize),
    /// Under a `smarketing.toml` with mistakes (reported in `failures`).
    Broken,
}

impl Workspaces {
    /// The workspace of the playbook at `path`.
    pub fn of(&mut self, path: &Path, limit: u64) -> Membership {
        let folder = match path.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
            _ => PathBuf::from("."),
        };
        if let Some(&membership) = self.by_folder.get(&folder) {
            return membership;
        }
        let membership = match find_manifest(&folder) {
            None => Membership::Alone,
            Some(manifest) => match self.by_manifest.get(&manifest) {
                Some(&membership) => membership,
                None => {
                    let membership = self.read(&manifest, limit);
                    self.by_manifest.insert(manifest, membership);
                    membership
                }
            },
        };
        self.by_folder.insert(folder, membership);
        membership
    }

    pub fn get(&self, membership: Membership) -> Option<&Found> {
        match membership {
            Membership::In(index) => self.found.get(index),
            Membership::Alone | Membership::Broken => None,
        }
    }

    fn read(&mut self, manifest: &Path, limit: u64) -> Membership {
        let workspace = match read_workspace(manifest, limit) {
            Ok(workspace) => workspace,
            Err(errors) => {
                self.failures.extend(errors);
                return Membership::Broken;
            }
        };
        let mut levels = HashMap::new();
        let mut errors = Vec::new();
        for entry in &workspace.lint {
            match find(&entry.rule) {
                Some(rule) if rule.structural => errors.push(format!(
                    "{}: `{}` is a structural rule and cannot be re-levelled",
                    entry.place, entry.rule
                )),
                Some(_) => {
                    levels.insert(entry.rule.clone(), entry.level);
                }
                None => {
                    let hint = did_you_mean(&entry.rule, RULES.iter().map(|r| r.name)).map_or_else(
                        || " (`smarketing rules` lists them)".to_owned(),
                        |near| format!(" (did you mean `{near}`?)"),
                    );
                    errors.push(format!(
                        "{}: unknown rule `{}`{hint}",
                        entry.place, entry.rule
                    ));
                }
            }
        }
        if !errors.is_empty() {
            self.failures.extend(errors);
            return Membership::Broken;
        }
        self.found.push(Found { workspace, levels });
        Membership::In(self.found.len() - 1)
    }
}

//! One playbook as the editor sees it: loaded with the unsaved texts of open files, checked by
//! the same pipeline as `smarketing check`, and kept until the next change for the requests
//! that read it (hover, definition, completion, ...).

use crate::base::source::Sources;
use crate::check::baseline::Baseline;
use crate::check::{CheckOptions, check_single_with};
use crate::diagnostic::Diagnostic;
use crate::load::Overlay;
use crate::load::workspace::{find_manifest, read_workspace};
use crate::model::Playbook;
use std::path::{Path, PathBuf};

/// A finding, and whether the baseline accepts it (the editor shows those as hints).
pub struct Finding {
    pub diagnostic: Diagnostic,
    pub baselined: bool,
}

pub struct Analysis {
    pub sources: Sources,
    pub playbook: Playbook,
    pub findings: Vec<Finding>,
    /// The canonical path of each file, by file id.
    pub paths: Vec<PathBuf>,
}

impl Analysis {
    /// Checks the playbook whose root is `root`; `folders` are the editor's workspace folders,
    /// where a baseline file is looked for. `Err` when the root cannot be read at all.
    pub fn run(
        root: &Path,
        overlay: &Overlay,
        options: &CheckOptions,
        folders: &[PathBuf],
    ) -> Result<Analysis, String> {
        let single = check_single_with(root, options, Some(overlay))?;
        let paths = single
            .sources
            .iter()
            .map(|(_, file)| file.path.canonicalize().unwrap_or(file.path.clone()))
            .collect();
        let mut findings: Vec<Finding> = Vec::new();
        match baseline_for(root, folders, options) {
            Some((baseline, folder)) => {
                let applied = baseline.apply(single.diagnostics, &single.sources, &folder);
                findings.extend(applied.kept.into_iter().map(|diagnostic| Finding {
                    diagnostic,
                    baselined: false,
                }));
                findings.extend(applied.held.into_iter().map(|diagnostic| Finding {
                    diagnostic,
                    baselined: true,
                }));
            }
            None => findings.extend(single.diagnostics.into_iter().map(|diagnostic| Finding {
                diagnostic,
                baselined: false,
            })),
        }
        // In the order `check` reports them, baselined or not.
        findings.sort_by(|a, b| a.diagnostic.sort_key().cmp(&b.diagnostic.sort_key()));
        Ok(Analysis {
            sources: single.sources,
            playbook: single.loaded.playbook,
            findings,
            paths,
        })
    }

    /// The file id of `path` in this playbook.
    pub fn file_of(&self, path: &Path) -> Option<u32> {
        self.paths
            .iter()
            .position(|known| known == path)
            .map(|at| at as u32)
    }

    pub fn path(&self, file: u32) -> Option<&Path> {
        self.paths.get(file as usize).map(PathBuf::as_path)
    }
}

/// The baseline that applies to the playbook at `root`, and the folder its names are relative
/// to: the workspace's `baseline` when the playbook is in a workspace, else
/// `smarketing-baseline.json` in the editor's workspace folder holding the playbook. A baseline
/// that cannot be read is ignored here; `check` names its problem.
fn baseline_for(
    root: &Path,
    folders: &[PathBuf],
    options: &CheckOptions,
) -> Option<(Baseline, PathBuf)> {
    let limit = options.load.max_file_bytes;
    let configured = root
        .parent()
        .and_then(find_manifest)
        .and_then(|manifest| read_workspace(&manifest, limit).ok())
        .and_then(|workspace| Some(workspace.root.join(workspace.baseline?)));
    let path = configured.or_else(|| {
        folders
            .iter()
            .filter(|folder| root.starts_with(folder))
            .map(|folder| folder.join(crate::check::baseline::DEFAULT_FILE))
            .find(|path| path.is_file())
    })?;
    let text = std::fs::read_to_string(&path).ok()?;
    let baseline = Baseline::parse(&text).ok()?;
    let folder = path.parent()?.to_path_buf();
    Some((baseline, folder))
}

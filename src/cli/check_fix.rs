//! `check --fix` and `check --add-allow`: the safe fixes and the suppressions of
//! [`crate::fix`], written into the checked playbooks' files.
//!
//! Fixing goes in passes: one fix may uncover another (a key spelled right at last is then
//! read, and its misspelled value found), so the playbooks are checked again after each pass
//! until nothing is left to fix, within a few passes. Each change is said on stderr, by file
//! and line, before the report of what remains.

use crate::base::source::Sources;
use crate::check::CheckReport;
use crate::fix::files::{Written, write};
use crate::fix::{Fixed, allow_all, plan};
use std::collections::BTreeSet;

/// Enough for fixes that uncover others; a playbook still changing after that many passes is
/// left for the next run, which says so.
const PASSES: usize = 4;

/// What `--fix` did over all passes.
#[derive(Debug, Default)]
pub struct Fixing {
    /// Each fix, as `file:line: what`.
    done: Vec<String>,
    files: BTreeSet<String>,
    /// Files not written and why, each once.
    skipped: Vec<(String, &'static str)>,
    /// Files that could not be written (exit 2).
    pub failed: Vec<String>,
    /// Fixes were still to be made after the last pass.
    unfinished: bool,
}

/// Fixes what can be fixed in the files `report` checked, checking again with `recheck` after
/// each pass; returns the last report and what was done.
pub fn fix(
    mut report: CheckReport,
    limit: u64,
    mut recheck: impl FnMut() -> Result<CheckReport, String>,
) -> Result<(CheckReport, Fixing), String> {
    let mut fixing = Fixing::default();
    for pass in 0..=PASSES {
        let plan = plan(&report.diagnostics, &report.sources);
        if plan.edits.is_empty() {
            break;
        }
        if pass == PASSES {
            // Fixes in files that cannot be written are said already.
            fixing.unfinished = plan.edits.iter().any(|edit| {
                let name = &report.sources.get(edit.span.file).name;
                !fixing.skipped.iter().any(|(skipped, _)| skipped == name)
            });
            break;
        }
        let written = write(&plan.edits, &report.sources, limit);
        fixing.record(&plan.fixed, &written, &report.sources);
        if written.files.is_empty() {
            break;
        }
        report = recheck()?;
    }
    Ok((report, fixing))
}

impl Fixing {
    fn record(&mut self, fixed: &[Fixed], written: &Written, sources: &Sources) {
        for fix in fixed {
            let source = sources.get(fix.span.file);
            if !written.files.iter().any(|(name, _)| *name == source.name) {
                continue;
            }
            let line = source.line_of(fix.span.start);
            self.done
                .push(format!("{}:{line}: {}", source.name, fix.repair));
            self.files.insert(source.name.clone());
        }
        for skipped in &written.skipped {
            if !self.skipped.contains(skipped) {
                self.skipped.push(skipped.clone());
            }
        }
        self.failed.extend(written.failed.iter().cloned());
    }

    /// What was fixed, one line per fix, and what was not written.
    pub fn describe(&self) -> String {
        let mut out = String::new();
        if self.done.is_empty() && self.skipped.is_empty() {
            out.push_str("fixed nothing: no finding has a safe fix\n");
        } else if self.done.is_empty() {
            out.push_str("fixed nothing\n");
        } else {
            out.push_str(&format!(
                "fixed {} in {}:\n",
                plural(self.done.len(), "finding"),
                plural(self.files.len(), "file")
            ));
            for line in &self.done {
                out.push_str(&format!("  {line}\n"));
            }
        }
        for (name, why) in &self.skipped {
            out.push_str(&format!("note: not fixed: `{name}` {why}\n"));
        }
        if self.unfinished {
            out.push_str(&format!(
                "note: fixes were still to be made after {PASSES} passes: run `check --fix` again\n"
            ));
        }
        out
    }
}

/// What `--add-allow` did.
#[derive(Debug, Default)]
pub struct Allowing {
    comments: usize,
    findings: usize,
    files: Vec<String>,
    structural: usize,
    /// Findings no suppression at an entity silences.
    no_entity: usize,
    skipped: Vec<(String, &'static str)>,
    pub failed: Vec<String>,
}

/// Writes a suppression for every finding of `report` that can take one.
pub fn add_allow(report: &CheckReport, limit: u64) -> Allowing {
    let edits = allow_all(&report.diagnostics, &report.sources);
    let written = write(&edits, &report.sources, limit);
    let written_to = |file| {
        let name = &report.sources.get(file).name;
        written.files.iter().any(|(done, _)| done == name)
    };
    let mut allowing = Allowing {
        comments: edits.iter().filter(|e| written_to(e.span.file)).count(),
        files: written.files.iter().map(|(name, _)| name.clone()).collect(),
        skipped: written.skipped,
        failed: written.failed,
        ..Allowing::default()
    };
    for diagnostic in &report.diagnostics {
        match diagnostic.anchor {
            _ if diagnostic.rule.structural => allowing.structural += 1,
            Some(anchor) if written_to(anchor.key.file) => allowing.findings += 1,
            Some(_) => {}
            None => allowing.no_entity += 1,
        }
    }
    allowing
}

impl Allowing {
    pub fn describe(&self) -> String {
        let mut out = if self.comments == 0 {
            "suppressed nothing\n".to_owned()
        } else {
            format!(
                "suppressed {} with {} in {}\n",
                plural(self.findings, "finding"),
                plural(self.comments, "comment"),
                self.files
                    .iter()
                    .map(|name| format!("`{name}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        };
        if self.structural > 0 {
            out.push_str(&format!(
                "note: {} cannot be suppressed: structural errors must be fixed\n",
                plural(self.structural, "finding")
            ));
        }
        if self.no_entity > 0 {
            out.push_str(&format!(
                "note: {} cannot be suppressed inline (about no single entity, or outside its lines): set the rule's level under `lint:`, or accept {} with a baseline\n",
                plural(self.no_entity, "finding"),
                if self.no_entity == 1 { "it" } else { "them" }
            ));
        }
        for (name, why) in &self.skipped {
            out.push_str(&format!("note: not changed: `{name}` {why}\n"));
        }
        out
    }
}

/// The note that says how many findings of `report` a `--fix` would repair now, if any.
pub fn fixable(report: &CheckReport) -> Option<String> {
    match plan(&report.diagnostics, &report.sources).fixed.len() {
        0 => None,
        1 => Some("note: 1 finding has a safe fix: `smarketing check --fix` applies it".into()),
        count => Some(format!(
            "note: {count} findings have a safe fix: `smarketing check --fix` applies them"
        )),
    }
}

fn plural(count: usize, noun: &str) -> String {
    if count == 1 {
        format!("1 {noun}")
    } else {
        format!("{count} {noun}s")
    }
}

//! Writing generated files into the output folder, or checking that it is current: shared by
//! `render` and `export`, so both behave the same way.

use super::{Outcome, fail};
use crate::base::source::display_path;
use crate::render::{Document, output};
use std::path::Path;

/// With `check`, compares `documents` with `out` and lists what is stale or missing (exit 1 when
/// anything is); otherwise writes them atomically. `again` is the command that brings `out` up
/// to date, for the message.
pub fn write_or_check(out: &Path, documents: &[Document], check: bool, again: &str) -> Outcome {
    if check {
        return match output::check_all(out, documents) {
            Ok(stale) if stale.is_empty() => {
                eprintln!(
                    "{} files in {} are current",
                    documents.len(),
                    display_path(out)
                );
                Outcome::Success
            }
            Ok(stale) => {
                for file in &stale {
                    let state = match file.problem {
                        output::Problem::Missing => "missing",
                        output::Problem::Stale => "stale",
                        output::Problem::Obsolete => "obsolete",
                    };
                    println!("{state}: {}", display_path(&out.join(&file.path)));
                }
                eprintln!(
                    "{} of {} files in {} are not current: run `{again}`",
                    stale.len(),
                    documents.len(),
                    display_path(out)
                );
                Outcome::Findings
            }
            Err(message) => fail(&message),
        };
    }
    if out.exists() && !out.is_dir() {
        return fail(&format!("`{}` is not a folder", display_path(out)));
    }
    match output::write_all(out, documents) {
        Ok(written) => {
            eprintln!("wrote {} files to {}", written.len(), display_path(out));
            Outcome::Success
        }
        Err(message) => fail(&message),
    }
}

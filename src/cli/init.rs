//! `smarketing init [DIR]`: a starter playbook that passes `check`, and the JSON Schema beside it
//! so that editors complete keys from the first keystroke.

use super::{Outcome, fail};
use crate::base::source::display_path;
use std::path::{Path, PathBuf};

const STARTER: &str = include_str!("starter.yaml");
const PLAYBOOK: &str = "playbook.yaml";
const SCHEMA: &str = "playbook.schema.json";

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Folder to create the playbook in (created if missing)
    #[arg(default_value = ".")]
    pub dir: PathBuf,
}

pub fn run(args: Args) -> Outcome {
    match scaffold(&args.dir) {
        Ok(written) => {
            for path in written {
                println!("created {}", display_path(&path));
            }
            println!(
                "next: edit {} and run `smarketing check {}`",
                display_path(&args.dir.join(PLAYBOOK)),
                display_path(&args.dir)
            );
            Outcome::Success
        }
        Err(message) => fail(&message),
    }
}

/// Writes the starter files; never overwrites a file that exists.
pub fn scaffold(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let playbook = dir.join(PLAYBOOK);
    let schema = dir.join(SCHEMA);
    for path in [&playbook, &schema] {
        if path.exists() {
            return Err(format!(
                "`{}` already exists; init leaves existing files alone",
                display_path(path)
            ));
        }
    }
    std::fs::create_dir_all(dir)
        .map_err(|error| format!("cannot create `{}`: {error}", display_path(dir)))?;
    write_new(&schema, &crate::lint::schema::playbook_schema_json())?;
    write_new(&playbook, STARTER)?;
    Ok(vec![playbook, schema])
}

/// Creates `path` with `text`, failing if it appeared in the meantime: written to a temporary
/// file first and linked into place, so a half-written file is never left behind.
fn write_new(path: &Path, text: &str) -> Result<(), String> {
    let temporary = path.with_extension("tmp-smarketing-init");
    std::fs::write(&temporary, text)
        .map_err(|error| format!("cannot write `{}`: {error}", display_path(path)))?;
    let linked = std::fs::hard_link(&temporary, path);
    let _ = std::fs::remove_file(&temporary);
    linked.map_err(|error| format!("cannot create `{}`: {error}", display_path(path)))
}

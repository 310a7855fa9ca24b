//! `smarketing.toml`: the file that makes a folder of playbooks one workspace.
//!
//! A playbook belongs to the workspace of the nearest `smarketing.toml` in its folder or above
//! it, found by walking up as cargo finds `Cargo.toml`. The file must hold a `[workspace]` table;
//! it sets what every playbook of the workspace shares: where includes may lead (anywhere under
//! the root), default rule levels, the document language, the baseline and where documents go.
//!
//! The file is the user's configuration, not a playbook: a mistake in it is a failure of the run
//! (exit 2) that names the file, line and column, and every mistake is reported, not just the
//! first. Unknown keys get a did-you-mean, as in playbooks. Rule names under `[lint]` are checked
//! by the caller, which knows the rules.

use super::read::read_text;
use crate::base::source::{SourceFile, display_path};
use crate::base::suggest::did_you_mean;
use crate::model::values::Level;
use std::path::{Path, PathBuf};
use toml::Spanned;
use toml::de::{DeTable, DeValue};

/// The name of the file that marks a workspace root.
pub const MANIFEST: &str = "smarketing.toml";

/// The languages documents can be written in.
pub const LANGUAGES: [&str; 2] = ["en", "de"];

/// What `smarketing.toml` says.
#[derive(Clone, Debug, Default)]
pub struct Workspace {
    /// The folder that holds `smarketing.toml`, canonical.
    pub root: PathBuf,
    /// `smarketing.toml` as the user would name it.
    pub manifest: PathBuf,
    /// `[workspace] lang`: the language of the documents of every playbook.
    pub lang: Option<String>,
    /// `[workspace] baseline`: the baseline file, relative to the root.
    pub baseline: Option<PathBuf>,
    /// `[lint]`: levels for every playbook; a playbook's own `lint:` wins.
    pub lint: Vec<LintLevel>,
    /// `[render] out`: the folder documents are written to, relative to the root.
    pub render_out: Option<PathBuf>,
}

/// One `rule = "level"` line of `[lint]`.
#[derive(Clone, Debug)]
pub struct LintLevel {
    pub rule: String,
    pub level: Level,
    /// `smarketing.toml:LINE:COL` of the rule's name, for messages about it.
    pub place: String,
}

/// The `smarketing.toml` that governs the playbook in `folder`: the nearest one in it or above.
pub fn find_manifest(folder: &Path) -> Option<PathBuf> {
    let folder = folder.canonicalize().ok()?;
    folder
        .ancestors()
        .map(|dir| dir.join(MANIFEST))
        .find(|manifest| manifest.is_file())
}

const TOP_KEYS: [&str; 3] = ["workspace", "lint", "render"];
const WORKSPACE_KEYS: [&str; 2] = ["lang", "baseline"];
const RENDER_KEYS: [&str; 1] = ["out"];
const LEVELS: [Level; 4] = [Level::Error, Level::Warning, Level::Info, Level::Off];

/// Reads the workspace whose manifest is `manifest` (a canonical path). Every mistake is one
/// message, `FILE:LINE:COL: what is wrong`.
pub fn read_workspace(manifest: &Path, limit: u64) -> Result<Workspace, Vec<String>> {
    let name = display_path(manifest);
    let text = match read_text(manifest, limit) {
        Ok(content) => content.text,
        Err(error) => return Err(vec![format!("cannot read `{name}`: {error}")]),
    };
    let mut reader = Reader {
        file: SourceFile::new(manifest.to_path_buf(), text.clone()),
        name,
        errors: Vec::new(),
    };
    let root = manifest.parent().map(Path::to_path_buf).unwrap_or_default();
    let mut workspace = Workspace {
        root,
        manifest: manifest.to_path_buf(),
        ..Workspace::default()
    };
    let table = match DeTable::parse(&text) {
        Ok(table) => table,
        Err(error) => {
            let at = error.span().map_or(0, |span| span.start);
            let message = error
                .message()
                .lines()
                .next()
                .unwrap_or("invalid TOML")
                .trim();
            reader.error(
                at,
                &format!("invalid TOML: {}", message.trim_end_matches('.')),
            );
            return Err(reader.finish());
        }
    };
    let mut has_workspace = false;
    for (key, value) in table.get_ref() {
        match key.get_ref().as_ref() {
            "workspace" => {
                has_workspace = true;
                for (key, value) in reader.table(key, value) {
                    match key.get_ref().as_ref() {
                        "lang" => workspace.lang = reader.lang(value),
                        "baseline" => workspace.baseline = reader.path(value, "baseline"),
                        other => reader.unknown(key, other, "[workspace]", &WORKSPACE_KEYS),
                    }
                }
            }
            "lint" => {
                for (key, value) in reader.table(key, value) {
                    if let Some(level) = reader.level(key.get_ref(), value) {
                        let place = reader.place(key.span().start);
                        workspace.lint.push(LintLevel {
                            rule: key.get_ref().to_string(),
                            level,
                            place,
                        });
                    }
                }
            }
            "render" => {
                for (key, value) in reader.table(key, value) {
                    match key.get_ref().as_ref() {
                        "out" => workspace.render_out = reader.path(value, "out"),
                        other => reader.unknown(key, other, "[render]", &RENDER_KEYS),
                    }
                }
            }
            other => reader.unknown(key, other, "the top level", &TOP_KEYS),
        }
    }
    if !has_workspace {
        reader.error(
            0,
            "no `[workspace]` table: a `smarketing.toml` marks a workspace root with it",
        );
    }
    if reader.errors.is_empty() {
        Ok(workspace)
    } else {
        Err(reader.finish())
    }
}

struct Reader {
    file: SourceFile,
    name: String,
    /// Each mistake with its byte offset, to report them in file order.
    errors: Vec<(usize, String)>,
}

type Entry<'t, 'i> = (
    &'t Spanned<std::borrow::Cow<'i, str>>,
    &'t Spanned<DeValue<'i>>,
);

impl Reader {
    /// `FILE:LINE:COL` of byte `at`.
    fn place(&self, at: usize) -> String {
        let (line, column) = self.file.line_col(u32::try_from(at).unwrap_or(u32::MAX));
        format!("{}:{line}:{column}", self.name)
    }

    fn error(&mut self, at: usize, message: &str) {
        let place = self.place(at);
        self.errors.push((at, format!("{place}: {message}")));
    }

    /// The mistakes in file order (tables are read in key order).
    fn finish(mut self) -> Vec<String> {
        self.errors.sort();
        self.errors
            .into_iter()
            .map(|(_, message)| message)
            .collect()
    }

    /// The entries of table `[key]`; a value that is not a table is a mistake.
    fn table<'t, 'i>(
        &mut self,
        key: &Spanned<std::borrow::Cow<'i, str>>,
        value: &'t Spanned<DeValue<'i>>,
    ) -> Vec<Entry<'t, 'i>> {
        match value.get_ref() {
            DeValue::Table(table) => table.iter().collect(),
            _ => {
                self.error(
                    value.span().start,
                    &format!(
                        "`{}` must be a table (`[{}]`)",
                        key.get_ref(),
                        key.get_ref()
                    ),
                );
                Vec::new()
            }
        }
    }

    fn unknown(
        &mut self,
        key: &Spanned<std::borrow::Cow<'_, str>>,
        name: &str,
        within: &str,
        known: &[&str],
    ) {
        let hint = match did_you_mean(name, known.iter().copied()) {
            Some(near) => format!(" (did you mean `{near}`?)"),
            None => format!(
                " (known: {})",
                known
                    .iter()
                    .map(|k| format!("`{k}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        };
        self.error(
            key.span().start,
            &format!("unknown key `{name}` in {within}{hint}"),
        );
    }

    fn text<'v>(&mut self, value: &'v Spanned<DeValue<'_>>, what: &str) -> Option<&'v str> {
        let text = value.get_ref().as_str();
        if text.is_none() {
            self.error(
                value.span().start,
                &format!("`{what}` must be text in quotes"),
            );
        }
        text
    }

    fn lang(&mut self, value: &Spanned<DeValue<'_>>) -> Option<String> {
        let lang = self.text(value, "lang")?;
        if LANGUAGES.contains(&lang) {
            return Some(lang.to_owned());
        }
        let hint = did_you_mean(lang, LANGUAGES)
            .map_or_else(String::new, |near| format!(" (did you mean `{near}`?)"));
        self.error(
            value.span().start,
            &format!("unknown language `{lang}`: `en` or `de`{hint}"),
        );
        None
    }

    /// A relative path that stays inside the workspace root.
    fn path(&mut self, value: &Spanned<DeValue<'_>>, what: &str) -> Option<PathBuf> {
        let text = self.text(value, what)?;
        let path = PathBuf::from(text);
        let leaves = path.is_absolute()
            || path.components().any(|c| {
                matches!(
                    c,
                    std::path::Component::ParentDir
                        | std::path::Component::Prefix(_)
                        | std::path::Component::RootDir
                )
            });
        if text.trim().is_empty() || leaves {
            self.error(
                value.span().start,
                &format!("`{what}` must be a relative path inside the workspace, like `docs`"),
            );
            return None;
        }
        Some(path)
    }

    fn level(&mut self, rule: &str, value: &Spanned<DeValue<'_>>) -> Option<Level> {
        let text = self.text(value, rule)?;
        if let Some(level) = LEVELS.iter().copied().find(|level| level.as_str() == text) {
            return Some(level);
        }
        let names = LEVELS.map(Level::as_str);
        let hint = did_you_mean(text, names)
            .map_or_else(String::new, |near| format!(" (did you mean `{near}`?)"));
        self.error(
            value.span().start,
            &format!("unknown level `{text}` for `{rule}`: error, warning, info or off{hint}"),
        );
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Result<Workspace, Vec<String>> {
        let dir = tempfile::tempdir().unwrap();
        let manifest = dir.path().join(MANIFEST);
        std::fs::write(&manifest, text).unwrap();
        read_workspace(&manifest, 1 << 20).map_err(|errors| {
            errors
                .into_iter()
                .map(|e| e.rsplit_once("smarketing.toml:").unwrap().1.to_owned())
                .collect()
        })
    }

    #[test]
    fn every_key_is_read() {
        let workspace = read(
            "[workspace]\nlang = \"de\"\nbaseline = \"ci/baseline.json\"\n\n[lint]\nno-contacts = \"off\"\n\n[render]\nout = \"site\"\n",
        )
        .unwrap();
        assert_eq!(workspace.lang.as_deref(), Some("de"));
        assert_eq!(workspace.baseline, Some(PathBuf::from("ci/baseline.json")));
        assert_eq!(workspace.render_out, Some(PathBuf::from("site")));
        assert_eq!(workspace.lint.len(), 1);
        assert_eq!(workspace.lint[0].rule, "no-contacts");
        assert_eq!(workspace.lint[0].level, Level::Off);
        assert!(workspace.lint[0].place.ends_with("smarketing.toml:6:1"));
    }

    #[test]
    fn every_mistake_is_named_with_its_place() {
        let errors =
            read("[workspace]\nlnag = \"de\"\n[lint]\nno-contacts = \"of\"\n[rendr]\nout = 1\n")
                .unwrap_err();
        assert_eq!(
            errors,
            [
                "2:1: unknown key `lnag` in [workspace] (did you mean `lang`?)",
                "4:15: unknown level `of` for `no-contacts`: error, warning, info or off (did you mean `off`?)",
                "5:2: unknown key `rendr` in the top level (did you mean `render`?)",
            ]
        );
    }

    #[test]
    fn a_root_needs_its_workspace_table() {
        assert_eq!(
            read("[lint]\n").unwrap_err(),
            ["1:1: no `[workspace]` table: a `smarketing.toml` marks a workspace root with it"]
        );
    }

    #[test]
    fn broken_toml_and_paths_outside_are_mistakes() {
        assert!(read("[workspace\n").unwrap_err()[0].starts_with("1:"));
        let errors =
            read("[workspace]\nbaseline = \"../b.json\"\n[render]\nout = \"/tmp\"\n").unwrap_err();
        assert_eq!(errors.len(), 2, "{errors:?}");
        assert!(errors[0].starts_with("2:12: `baseline` must be a relative path"));
    }

    #[test]
    fn the_nearest_manifest_governs() {
        let dir = tempfile::tempdir().unwrap();
        let house = dir.path().join("houses").join("a");
        std::fs::create_dir_all(&house).unwrap();
        std::fs::write(dir.path().join(MANIFEST), "[workspace]\n").unwrap();
        let found = find_manifest(&house).unwrap();
        assert_eq!(found, dir.path().canonicalize().unwrap().join(MANIFEST));
    }
}

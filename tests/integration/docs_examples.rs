//! The `## Example` and `## Fixed` blocks of every rule's documentation, checked by the real
//! binary: an Example must fire its rule, a Fixed must not. The rules and their docs come from
//! `smarketing rules` and `smarketing explain`, so what is tested is what users read.
//!
//! The blocks are fragments (a `tasks:` or a `lifecycle:` section), so each one is completed into
//! a playbook: sections the fragment has are taken as written, sections it lacks come from a
//! small base playbook that is clean on its own, and entities the fragment names without defining
//! them come from a shared cast. The completion works on the text, not on a parsed tree, because
//! some blocks must reach the binary exactly as written: broken YAML (`yaml-syntax`), a repeated
//! key (`duplicate-key`) and suppression comments (`unused-suppression`) would not survive a round
//! trip through a YAML library.

use crate::support::{code, smarketing, smarketing_in, stderr, stdout};
use std::collections::BTreeSet;
use std::path::Path;

/// The least a playbook of two teams needs to raise no finding at all (a goal both teams share,
/// its KPI with an owner, a target and a meeting of both teams that reviews it, a contact), so
/// that whatever fires comes from the block. Each entity stays on one line, so that it can be
/// left out on its own.
const BASE: &str = r#"version: 1
playbook: docs-example
teams:
  marketing: { name: Marketing, lead: anna }
  sales: { name: Sales & Events, lead: ben }
people:
  anna: { name: Anna Berger, team: marketing }
  ben: { name: Ben Huber, team: sales }
goals:
  direct-revenue: { title: Grow direct booking revenue, owners: [marketing, sales], kpis: [lead-to-booking-rate] }
kpis:
  lead-to-booking-rate: { title: Share of qualified leads that book, owner: ben, target: ">= 25", review: weekly }
meetings:
  weekly-sync: { title: Weekly smarketing sync, cadence: weekly, owner: anna, attendees: [marketing, sales], reviews: [lead-to-booking-rate] }
contacts:
  lead-quality: ben
"#;

/// Further entities the docs name without defining them; added only when a block names them.
const CAST: &str = r#"kpis:
  direct-revenue-share: { title: Share of revenue booked direct, owner: ben, target: ">= 40", review: monthly }
  group-room-nights: { title: Group room nights, owner: ben, target: ">= 1200", review: monthly }
  mql-count: { title: Marketing-qualified leads, owner: anna, target: ">= 400", review: monthly }
  group-revenue: { title: Group revenue, owner: ben, target: ">= 1200000", review: monthly }
fields:
  group_size: { label: Group size, type: number, captured_by: sales }
"#;

/// The order of the sections the base and the cast add after the block's own sections.
const SECTION_ORDER: &[&str] = &[
    "teams", "people", "goals", "kpis", "meetings", "fields", "contacts",
];

/// One top-level key of a YAML text, with the lines below it.
struct Section {
    key: String,
    text: String,
}

/// One entity of the base or the cast: a single line under its section.
#[derive(PartialEq)]
struct Entity {
    section: String,
    id: String,
    line: String,
}

/// Splits a block-style YAML text at its top-level keys. Lines before the first key (comments)
/// stay with the first section.
fn sections(text: &str) -> Vec<Section> {
    let mut out: Vec<Section> = Vec::new();
    let mut leading = String::new();
    for line in text.lines() {
        let starts_key = line.starts_with(|c: char| c.is_ascii_lowercase()) && line.contains(':');
        match out.last_mut() {
            Some(section) if !starts_key => section.text.push_str(&format!("{line}\n")),
            None if !starts_key => leading.push_str(&format!("{line}\n")),
            _ => {
                let key = line[..line.find(':').unwrap_or(line.len())].to_string();
                out.push(Section {
                    key,
                    text: format!("{}{line}\n", std::mem::take(&mut leading)),
                });
            }
        }
    }
    out
}

/// The ids a section defines: its keys indented by exactly two spaces, with their lines.
fn entities(section: &Section) -> Vec<Entity> {
    section
        .text
        .lines()
        .filter_map(|line| {
            let rest = line.strip_prefix("  ")?;
            if rest.starts_with(' ') || rest.starts_with('#') || rest.starts_with('-') {
                return None;
            }
            let id = &rest[..rest.find(':')?];
            Some(Entity {
                section: section.key.clone(),
                id: id.to_string(),
                line: format!("{line}\n"),
            })
        })
        .collect()
}

fn is_id(word: &str) -> bool {
    word.starts_with(|c: char| c.is_ascii_lowercase())
        && word
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
}

/// Every plain scalar of a text that has the shape of an id: the names it may refer to. Titles
/// and other prose are several words and so never match.
fn names(text: &str) -> BTreeSet<String> {
    text.lines()
        .filter(|line| !line.trim_start().starts_with('#'))
        .flat_map(|line| {
            line.trim_start()
                .trim_start_matches("- ")
                .split([',', '[', ']', '{', '}', ':'])
                .map(str::trim)
                .filter(|word| is_id(word))
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .collect()
}

/// A block completed into files: the root playbook and the files it includes, by relative path.
struct Playbook {
    root: String,
    included: Vec<(String, String)>,
    /// The lines of the root (1-based) that are the block's own: its text, the definitions of
    /// what it names, and the `playbook:` line, where findings about the playbook as a whole point.
    own_lines: BTreeSet<usize>,
}

/// Completes a documentation block into a playbook.
///
/// - A block that writes its own `version` and `playbook` shows a whole root file
///   (`unsupported-version`, and `no-contacts`, whose point is a section the file lacks): it gets
///   no base sections, only the entities it names, since added sections would change what it shows.
/// - Otherwise the block's sections replace the base's, and the base adds the sections the block
///   lacks.
/// - Every entity of the base or the cast that the block names without defining it is added, with
///   what it names in turn.
/// - A base entity that names something no longer defined (the block replaced its section) is
///   left out, so that the completion never adds an unresolved reference of its own.
/// - A section whose name is the stem of an included path (`include: [kpis.yaml]`) is written to
///   that file instead of the root: only `include-error` has an `include`, and its Fixed needs the
///   files to exist, while its Example needs one of them missing and one outside the playbook's
///   folder.
fn complete(block: &str) -> Playbook {
    let base: Vec<Entity> = sections(BASE).iter().flat_map(entities).collect();
    let library: Vec<Entity> = sections(BASE)
        .iter()
        .chain(sections(CAST).iter())
        .flat_map(entities)
        .collect();
    let block_sections = sections(block);
    let has = |key: &str| block_sections.iter().any(|s| s.key == key);
    let defined: BTreeSet<(String, String)> = block_sections
        .iter()
        .flat_map(entities)
        .map(|e| (e.section, e.id))
        .collect();

    let mut required: Vec<&Entity> = Vec::new();
    let mut pending: Vec<String> = names(block).into_iter().collect();
    while let Some(name) = pending.pop() {
        for entity in &library {
            if entity.id == name
                && !defined.contains(&(entity.section.clone(), entity.id.clone()))
                && !required.contains(&entity)
            {
                required.push(entity);
                pending.extend(names(&entity.line));
            }
        }
    }

    let mut kept: Vec<&Entity> = if has("playbook") {
        Vec::new()
    } else {
        library
            .iter()
            .filter(|e| base.contains(e) && !has(&e.section) && !required.contains(e))
            .collect()
    };
    loop {
        let present = |section: &str, id: &str| {
            defined.contains(&(section.to_string(), id.to_string()))
                || required
                    .iter()
                    .chain(kept.iter())
                    .any(|e| e.section == section && e.id == id)
        };
        let dangling: Vec<usize> = kept
            .iter()
            .enumerate()
            .filter(|(_, entity)| {
                names(&entity.line).iter().any(|name| {
                    library
                        .iter()
                        .any(|known| known.id == *name && !present(&known.section, &known.id))
                })
            })
            .map(|(index, _)| index)
            .collect();
        if dangling.is_empty() {
            break;
        }
        for index in dangling.into_iter().rev() {
            kept.remove(index);
        }
    }
    let added: Vec<&Entity> = library
        .iter()
        .filter(|e| required.contains(e) || kept.contains(e))
        .collect();
    let lines_of = |section: &str| -> String {
        added
            .iter()
            .filter(|e| e.section == section)
            .map(|e| e.line.as_str())
            .collect()
    };

    let include_paths: Vec<String> = block_sections
        .iter()
        .filter(|s| s.key == "include")
        .flat_map(|s| {
            let list = s.text.trim_start_matches("include:").to_string();
            list.split([',', '[', ']', '\n'])
                .map(|p| p.trim().trim_start_matches("- ").trim().to_string())
                .filter(|p| !p.is_empty())
                .collect::<Vec<_>>()
        })
        .collect();
    let mut included = Vec::new();
    let mut moved = BTreeSet::new();
    for path in include_paths {
        let stem = Path::new(&path)
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let lines = lines_of(&stem);
        if SECTION_ORDER.contains(&stem.as_str()) && !has(&stem) && !lines.is_empty() {
            included.push((path, format!("{stem}:\n{lines}")));
            moved.insert(stem);
        }
    }

    let mut root = String::new();
    let mut own_lines = BTreeSet::new();
    for section in sections(BASE) {
        if ["version", "playbook"].contains(&section.key.as_str()) && !has(&section.key) {
            root.push_str(&section.text);
        }
    }
    for section in &block_sections {
        let first = root.lines().count() + 1;
        own_lines.extend(first..first + section.text.lines().count());
        root.push_str(&section.text);
        root.push_str(&lines_of(&section.key));
    }
    for key in SECTION_ORDER {
        let lines = lines_of(key);
        if !has(key) && !moved.contains(*key) && !lines.is_empty() {
            root.push_str(&format!("{key}:\n{lines}"));
        }
    }
    for (index, line) in root.lines().enumerate() {
        if line.starts_with("playbook:") || required.iter().any(|e| e.line.trim_end() == line) {
            own_lines.insert(index + 1);
        }
    }
    Playbook {
        root,
        included,
        own_lines,
    }
}

/// One finding of `check --format json`.
struct Finding {
    rule: String,
    file: String,
    line: usize,
    text: String,
}

/// Writes the playbook into a fresh folder and checks it with the binary.
fn check(playbook: &Playbook) -> Vec<Finding> {
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("book");
    std::fs::create_dir(&book).unwrap();
    std::fs::write(book.join("playbook.yaml"), &playbook.root).unwrap();
    for (path, text) in &playbook.included {
        let file = book.join(path);
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(file, text).unwrap();
    }
    let output = smarketing_in(&book, &["check", "--format", "json", "playbook.yaml"]);
    assert!(
        matches!(code(&output), 0 | 1),
        "check failed to run on\n{}\n{}",
        playbook.root,
        stderr(&output)
    );
    let report: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| Finding {
            rule: d["rule"].as_str().unwrap().to_string(),
            file: d["file"].as_str().unwrap().to_string(),
            line: usize::try_from(d["line"].as_u64().unwrap()).unwrap(),
            text: format!(
                "{}:{}:{}: {}[{}] {}",
                d["file"].as_str().unwrap(),
                d["line"],
                d["column"],
                d["severity"].as_str().unwrap(),
                d["rule"].as_str().unwrap(),
                d["message"].as_str().unwrap()
            ),
        })
        .collect()
}

/// The rules as `smarketing rules` lists them: name, and whether the rule is structural.
fn rules() -> Vec<(String, bool)> {
    let output = smarketing(&["rules"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    stdout(&output)
        .lines()
        .filter_map(|line| {
            let name = line.split_whitespace().next()?;
            Some((name.to_string(), line.contains("(structural)")))
        })
        .collect()
}

/// The first ```yaml block after `heading` in a rule's documentation.
fn yaml_block(docs: &str, heading: &str) -> Option<String> {
    let mut lines = docs
        .lines()
        .skip_while(|line| line.trim() != heading)
        .skip(1);
    lines.find(|line| line.trim() == "```yaml")?;
    let mut block = String::new();
    for line in lines {
        if line.trim() == "```" {
            return Some(block);
        }
        block.push_str(&format!("{line}\n"));
    }
    None
}

fn listing(findings: &[Finding]) -> String {
    if findings.is_empty() {
        return "  (no findings)".to_string();
    }
    findings
        .iter()
        .map(|f| format!("  {}", f.text))
        .collect::<Vec<_>>()
        .join("\n")
}

fn show(playbook: &Playbook) -> String {
    let mut text = format!("--- playbook.yaml\n{}", playbook.root);
    for (path, included) in &playbook.included {
        text.push_str(&format!("--- {path}\n{included}"));
    }
    text
}

#[test]
fn the_base_playbook_is_clean() {
    let findings = check(&complete(""));
    assert!(
        findings.is_empty(),
        "the base the blocks are completed with has findings of its own:\n{}",
        listing(&findings)
    );
}

#[test]
fn every_example_fires_its_rule_and_every_fixed_does_not() {
    let rules = rules();
    assert!(
        rules.len() > 30 && rules.iter().any(|(_, structural)| *structural),
        "unexpected `smarketing rules` output: {rules:?}"
    );
    let structural: BTreeSet<&str> = rules
        .iter()
        .filter(|(_, structural)| *structural)
        .map(|(name, _)| name.as_str())
        .collect();
    let mut failures = Vec::new();
    for (rule, _) in &rules {
        let output = smarketing(&["explain", rule]);
        assert_eq!(code(&output), 0, "explain {rule}: {}", stderr(&output));
        let docs = stdout(&output);
        for (heading, should_fire) in [("## Example", true), ("## Fixed", false)] {
            let block_name = heading.trim_start_matches("## ");
            let Some(block) = yaml_block(&docs, heading) else {
                failures.push(format!(
                    "`{rule}` {block_name}: the docs have no ```yaml block under `{heading}`"
                ));
                continue;
            };
            if let Some(files) = workspace_files(&block) {
                // A rule that compares the playbooks of a workspace: the block is several files.
                let fires = check_workspace(&files)
                    .iter()
                    .any(|rule_name| rule_name == rule);
                if fires != should_fire {
                    failures.push(format!(
                        "`{rule}` {block_name}: {} `{rule}`\n{block}",
                        if should_fire {
                            "does not fire"
                        } else {
                            "fires"
                        }
                    ));
                }
                continue;
            }
            let playbook = complete(&block);
            let findings = check(&playbook);
            let fires = findings.iter().any(|f| f.rule == *rule);
            // An Example must fire on its own lines: firing only on what the completion added
            // would show nothing about the block.
            let fires_on_block = findings.iter().any(|f| {
                f.rule == *rule && f.file == "playbook.yaml" && playbook.own_lines.contains(&f.line)
            });
            // Another structural finding means the playbook did not compile, which can hide the
            // rule or make it fire for a reason the block does not show.
            let broken: Vec<&Finding> = findings
                .iter()
                .filter(|f| f.rule != *rule && structural.contains(f.rule.as_str()))
                .collect();
            let problem = if should_fire && !fires {
                Some(format!("does not fire `{rule}`"))
            } else if should_fire && !fires_on_block {
                Some(format!("fires `{rule}` only outside the block's own lines"))
            } else if !should_fire && fires {
                Some(format!("still fires `{rule}`"))
            } else if !broken.is_empty() {
                Some(format!(
                    "does not compile (`{}`)",
                    broken
                        .iter()
                        .map(|f| f.rule.as_str())
                        .collect::<Vec<_>>()
                        .join("`, `")
                ))
            } else {
                None
            };
            if let Some(problem) = problem {
                failures.push(format!(
                    "`{rule}` {block_name} {problem}; findings:\n{}\nchecked:\n{}",
                    listing(&findings),
                    show(&playbook)
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} documentation block(s) wrong:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

/// The files of a block that shows a workspace: each starts at a comment line naming its path
/// (`# houses/seeblick/playbook.yaml`). `None` for a block of one playbook.
fn workspace_files(block: &str) -> Option<Vec<(String, String)>> {
    let is_path = |line: &str| {
        line.strip_prefix("# ")
            .filter(|path| path.ends_with(".yaml") && !path.contains(' '))
            .map(str::to_owned)
    };
    is_path(block.lines().next()?)?;
    let mut files: Vec<(String, String)> = Vec::new();
    for line in block.lines() {
        match (is_path(line), files.last_mut()) {
            (Some(path), _) => files.push((path, String::new())),
            (None, Some((_, text))) => text.push_str(&format!("{line}\n")),
            (None, None) => {}
        }
    }
    Some(files)
}

/// Writes a workspace (its `smarketing.toml` and `files`; a house's `playbook.yaml` gets its
/// `version` and `playbook` id) and returns the rules `check` reports on it.
fn check_workspace(files: &[(String, String)]) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("smarketing.toml"), "[workspace]\n").unwrap();
    for (path, text) in files {
        let file = dir.path().join(path);
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        let text = if path.ends_with("/playbook.yaml") {
            let id = path.rsplit('/').nth(1).unwrap();
            format!("version: 1\nplaybook: {id}\n{text}")
        } else {
            text.clone()
        };
        std::fs::write(file, text).unwrap();
    }
    let output = smarketing_in(dir.path(), &["check", "--format", "json", "."]);
    assert!(matches!(code(&output), 0 | 1), "{}", stderr(&output));
    let report: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["rule"].as_str().unwrap().to_string())
        .collect()
}

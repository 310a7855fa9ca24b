//! The pipeline's shape: each folder of `src/` is a stage and uses only the stages before it
//! (ARCHITECTURE.md). A `use crate::later_stage` anywhere fails this test with the file that
//! does it, so the order cannot erode one convenient import at a time.

use crate::support::root;
use std::path::Path;

/// The stages, earliest first, as ARCHITECTURE.md lists them.
const STAGES: [&str; 18] = [
    "base",
    "diagnostic",
    "yaml",
    "model",
    "load",
    "resolve",
    "graph",
    "lint",
    "check",
    "fix",
    "compile",
    "render",
    "export",
    "sync",
    "report",
    "diff",
    "lsp",
    "cli",
];

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The top-level modules a file names through `crate::`, comments left out.
fn named_stages(text: &str) -> Vec<String> {
    let mut named = Vec::new();
    for line in text.lines() {
        let code = line.split("//").next().unwrap_or("");
        let mut rest = code;
        while let Some(at) = rest.find("crate::") {
            rest = &rest[at + "crate::".len()..];
            if let Some(group) = rest.strip_prefix('{') {
                let inside = group.split('}').next().unwrap_or("");
                named.extend(
                    inside
                        .split(',')
                        .map(|item| item.trim().split("::").next().unwrap_or("").to_owned()),
                );
            } else {
                let name: String = rest
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect();
                named.push(name);
            }
        }
    }
    named
}

#[test]
fn stages_use_only_earlier_stages() {
    let src = root().join("src");
    let mut top_level: Vec<String> = std::fs::read_dir(&src)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| !matches!(name.as_str(), "lib.rs" | "main.rs"))
        .collect();
    top_level.sort();
    let mut stages = STAGES.to_vec();
    stages.sort();
    assert_eq!(
        top_level, stages,
        "every folder of src/ is a stage listed here and in ARCHITECTURE.md"
    );
    let mut wrong = Vec::new();
    for (position, stage) in STAGES.iter().enumerate() {
        let mut files = Vec::new();
        rust_files(&src.join(stage), &mut files);
        for file in files {
            let text = std::fs::read_to_string(&file).unwrap();
            for named in named_stages(&text) {
                let later = STAGES
                    .iter()
                    .position(|s| *s == named)
                    .is_some_and(|at| at > position);
                if later {
                    wrong.push(format!(
                        "{} uses `crate::{named}`, a later stage than `{stage}`",
                        file.strip_prefix(root()).unwrap_or(&file).display()
                    ));
                }
            }
        }
    }
    wrong.sort();
    wrong.dedup();
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn the_stage_scan_sees_paths_and_groups() {
    assert_eq!(
        named_stages(
            "use crate::{base::span::Span, model::Playbook};\nlet x = crate::lint::run(); // crate::cli"
        ),
        ["base", "model", "lint"]
    );
}

/// Every `"text"` literal of the Rust files under `src/`, with the file it is in.
fn string_literals() -> Vec<(String, std::path::PathBuf)> {
    let mut files = Vec::new();
    rust_files(&root().join("src"), &mut files);
    let mut literals = Vec::new();
    for file in files {
        // Tests may spell what they check: a module's `tests.rs` and its `#[cfg(test)]` part.
        if file.file_name().is_some_and(|name| name == "tests.rs") {
            continue;
        }
        let text = std::fs::read_to_string(&file).unwrap();
        let code = text.split("#[cfg(test)]").next().unwrap_or("");
        for (index, part) in code.split('"').enumerate() {
            // Every other piece between quotes is inside a literal; pieces with a line break
            // are raw documentation text, not a name.
            if index % 2 == 1 && !part.contains('\n') {
                literals.push((part.to_owned(), file.clone()));
            }
        }
    }
    literals
}

#[test]
fn rule_and_section_names_are_spelled_once() {
    let literals = string_literals();
    let mut names: Vec<&str> = smarketing::lint::registry::RULES
        .iter()
        .map(|rule| rule.name)
        .collect();
    // Words that are a section's key and also something else: a key of an entity (a goal's
    // `kpis`, a compiled goal's `teams`), a HubSpot object (`contacts`), a plural in a message.
    let other_meanings = ["kpis", "teams", "contacts", "tasks"];
    names.extend(
        smarketing::model::Section::ALL
            .iter()
            .map(|s| s.key())
            .filter(|key| !other_meanings.contains(key)),
    );
    let mut repeated = Vec::new();
    for name in names {
        let places: Vec<String> = literals
            .iter()
            .filter(|(literal, _)| literal == name)
            .map(|(_, file)| {
                file.strip_prefix(root())
                    .unwrap_or(file)
                    .display()
                    .to_string()
            })
            .collect();
        if places.len() > 1 {
            repeated.push(format!("\"{name}\" in {}", places.join(", ")));
        }
    }
    assert!(
        repeated.is_empty(),
        "spell these once and refer to the Rule or Section:\n{}",
        repeated.join("\n")
    );
}

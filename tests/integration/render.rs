//! `smarketing render`: the documents for the examples (reviewed snapshots), dependency order,
//! escaping, CSV formula neutralising, `--check`, template overrides and safety.

use crate::support::{code, root, smarketing, smarketing_in, stderr, stdout};
use std::path::Path;

fn render_to(dir: &Path, playbook: &str) {
    render_in(dir, playbook, &[]);
}

fn render_in(dir: &Path, playbook: &str, extra: &[&str]) {
    let out = dir.to_string_lossy().into_owned();
    let mut args = vec!["render", playbook, "--out", &out];
    args.extend_from_slice(extra);
    let output = smarketing(&args);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
}

/// Every file below `dir`, as one snapshot each named `{name}-{file}`.
fn snapshot_every_file(dir: &Path, name: &str) {
    let names = files(dir);
    assert!(
        names.contains(&"index.html".to_owned()) && names.contains(&"raci.csv".to_owned()),
        "{names:?}"
    );
    for file in names {
        let text = String::from_utf8(std::fs::read(dir.join(&file)).unwrap()).unwrap();
        insta::assert_snapshot!(format!("{name}-{}", file.replace('/', "-")), text);
    }
}

fn files(dir: &Path) -> Vec<String> {
    let mut found = Vec::new();
    for entry in walk(dir) {
        found.push(
            entry
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .into_owned(),
        );
    }
    found.sort();
    found
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut all = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            all.extend(walk(&path));
        } else {
            all.push(path);
        }
    }
    all
}

/// Every document of every example in its own language (the hotel's `lang: de`, English for
/// the others), and each in the other language by `--lang`.
#[test]
fn every_document_of_every_example() {
    for (name, playbook, lang) in [
        ("hotel", "playbooks/hotel-seeblick/playbook.yaml", None),
        (
            "hotel-en",
            "playbooks/hotel-seeblick/playbook.yaml",
            Some("en"),
        ),
        ("b2b", "playbooks/b2b-saas.yaml", None),
        ("b2b-de", "playbooks/b2b-saas.yaml", Some("de")),
        ("agency", "playbooks/agency.yaml", None),
        ("agency-de", "playbooks/agency.yaml", Some("de")),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let extra: Vec<&str> = lang.into_iter().flat_map(|l| ["--lang", l]).collect();
        render_in(dir.path(), playbook, &extra);
        snapshot_every_file(dir.path(), name);
    }
}

/// The language additions (units and ranges, business time, meeting times, option labels,
/// currency fields, budgets, feedback to several parties) as both languages show them.
#[test]
fn every_document_of_the_language_additions_in_both_languages() {
    let text = crate::precision::with_additions(crate::precision::NEW_KPIS).replace(
        "{ id: consult, owner: front-desk, sla: 4bh,",
        "{ id: consult, owner: front-desk, sla: 4bh, reject_reasons: [no-budget, car-not-available], \
         criteria: [{ field: budget, gte: 25000 }, { field: cars, in: [vw-id4, golf-gti] }, \
         { field: contact_way, eq: phone }, { field: website, present: false }],",
    );
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("p.yaml"), &text).unwrap();
    let check = smarketing_in(dir.path(), &["check", "p.yaml", "--format", "concise"]);
    assert_eq!((code(&check), stdout(&check)), (0, String::new()), "{text}");
    for lang in ["en", "de"] {
        let output = smarketing_in(
            dir.path(),
            &["render", "p.yaml", "--out", lang, "--lang", lang],
        );
        assert_eq!(code(&output), 0, "{}", stderr(&output));
        snapshot_every_file(&dir.path().join(lang), &format!("additions-{lang}"));
    }
}

#[test]
fn raci_has_exactly_one_a_per_task_row() {
    let dir = tempfile::tempdir().unwrap();
    render_to(dir.path(), "playbooks/b2b-saas.yaml");
    let csv = std::fs::read_to_string(dir.path().join("raci.csv")).unwrap();
    let mut rows = csv.lines().skip(1).peekable();
    assert!(rows.peek().is_some());
    for row in rows {
        let accountable = csv_cells(row)
            .iter()
            .skip(2)
            .filter(|cell| cell.contains('A'))
            .count();
        assert_eq!(accountable, 1, "{row}");
    }
}

#[test]
fn checklists_list_every_task_after_what_it_waits_for() {
    let dir = tempfile::tempdir().unwrap();
    render_to(dir.path(), "playbooks/hotel-seeblick/playbook.yaml");
    let model: serde_json::Value = serde_json::from_str(&stdout(&smarketing(&[
        "compile",
        "playbooks/hotel-seeblick/playbook.yaml",
    ])))
    .unwrap();
    for checklist in model["checklists"].as_array().unwrap() {
        let team = checklist["team"]["id"].as_str().unwrap();
        let text =
            std::fs::read_to_string(dir.path().join(format!("checklists/{team}.md"))).unwrap();
        let position = |id: &str| text.find(&format!("(`{id}`)"));
        for item in checklist["items"].as_array().unwrap() {
            let task = item["task"].as_str().unwrap();
            let here = position(task).expect("every item is listed");
            for dependency in model["tasks"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|t| t["id"] == task)
            {
                for before in dependency["depends_on"].as_array().unwrap() {
                    if let Some(there) = position(before.as_str().unwrap()) {
                        assert!(there < here, "{team}: {task} is listed before {before}");
                    }
                }
            }
        }
    }
}

#[test]
fn onboarding_names_each_task_once_under_the_strongest_letter() {
    for playbook in [
        "playbooks/hotel-seeblick/playbook.yaml",
        "playbooks/b2b-saas.yaml",
        "playbooks/agency.yaml",
    ] {
        let model: serde_json::Value =
            serde_json::from_str(&stdout(&smarketing(&["compile", playbook]))).unwrap();
        for page in model["onboarding"].as_array().unwrap() {
            let mut seen = std::collections::BTreeSet::new();
            for letter in ["accountable", "responsible", "consulted", "informed"] {
                for task in page[letter].as_array().unwrap() {
                    let id = task["id"].as_str().unwrap();
                    assert!(
                        seen.insert(id),
                        "{playbook}: {} twice",
                        page["person"]["id"]
                    );
                }
            }
        }
    }
    let model: serde_json::Value = serde_json::from_str(&stdout(&smarketing(&[
        "compile",
        "playbooks/hotel-seeblick/playbook.yaml",
    ])))
    .unwrap();
    let markus = model["onboarding"]
        .as_array()
        .unwrap()
        .iter()
        .find(|page| page["person"]["id"] == "markus")
        .unwrap();
    let listed = |letter: &str| -> Vec<(String, bool)> {
        markus[letter]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| (t["id"].as_str().unwrap().to_owned(), t["via_team"] == true))
            .collect()
    };
    // Accountable and responsible, informed through Sales: listed once, as accountable, direct.
    assert!(listed("accountable").contains(&("define-lead-stages".into(), false)));
    assert!(
        !listed("responsible")
            .iter()
            .any(|(id, _)| id == "define-lead-stages")
    );
    assert!(
        !listed("informed")
            .iter()
            .any(|(id, _)| id == "define-lead-stages")
    );
    // Informed only through the team.
    assert!(listed("informed").contains(&("monthly-revenue-report".into(), true)));
}

const HOSTILE: &str = "version: 1
playbook: hostile
title: \"Ops <script>alert('x')</script>\"
teams:
  sales: { name: Sales, lead: ann }
people:
  ann: { name: \"Ann <b>Bold</b>\", team: sales }
tasks:
  evil:
    title: \"=HYPERLINK(\\\"http://evil.example\\\", \\\"click\\\") <script>alert(1)</script>\"
    accountable: ann
    responsible: [ann]
  minus: { title: \"-2+3\", accountable: ann, responsible: [ann] }
meetings:
  sync: { title: Sync, cadence: weekly, owner: ann, attendees: [sales] }
contacts:
  everything: ann
goals:
  g: { title: Goal, owners: [sales], kpis: [k] }
kpis:
  k: { title: K, owner: ann, target: \">= 1\", review: weekly }
";

#[test]
fn html_is_escaped_and_csv_cells_are_never_formulas() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("p.yaml"), HOSTILE).unwrap();
    let output = smarketing_in(dir.path(), &["render", "p.yaml", "--out", "out"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    for page in [
        "out/raci.md",
        "out/checklists/sales.md",
        "out/onboarding/ann.md",
    ] {
        let markdown = std::fs::read_to_string(dir.path().join(page)).unwrap();
        assert!(
            !markdown.contains("<script>") && !markdown.contains("<b>"),
            "{page}: {markdown}"
        );
    }
    for page in ["out/raci.html", "out/index.html"] {
        let html = std::fs::read_to_string(dir.path().join(page)).unwrap();
        assert!(!html.contains("<script>"), "{page}: {html}");
        assert!(!html.contains("<b>Bold"), "{page}");
        assert!(html.contains("&lt;script&gt;"), "{page}");
    }
    let csv = std::fs::read_to_string(dir.path().join("out/raci.csv")).unwrap();
    assert!(csv.starts_with('\u{feff}'), "a BOM for Excel");
    assert!(
        csv.contains("\"'=HYPERLINK(\"\"http://evil.example\"\""),
        "{csv}"
    );
    assert!(csv.contains(",'-2+3,"), "{csv}");
    for line in csv.trim_start_matches('\u{feff}').lines() {
        for cell in csv_cells(line) {
            assert!(
                !cell.starts_with(['=', '+', '-', '@']),
                "formula cell `{cell}` in {line}"
            );
        }
    }
    let written = files(&dir.path().join("out"));
    assert!(written.iter().all(|f| !f.contains("..")), "{written:?}");
    assert_eq!(
        files(dir.path())
            .iter()
            .filter(|f| !f.starts_with("out/"))
            .count(),
        1,
        "only p.yaml outside out/"
    );
}

#[test]
fn check_is_clean_after_a_render_and_stale_after_an_edit() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("docs");
    let out_text = out.to_string_lossy().into_owned();
    let playbook = "playbooks/agency.yaml";
    let missing = smarketing(&["render", playbook, "--out", &out_text, "--check"]);
    assert_eq!(code(&missing), 1);
    assert!(
        stdout(&missing).contains("missing:"),
        "{}",
        stdout(&missing)
    );
    assert!(!out.exists(), "--check writes nothing");
    render_to(&out, playbook);
    std::fs::write(out.join("notes.txt"), "mine").unwrap();
    assert_eq!(
        code(&smarketing(&[
            "render", playbook, "--out", &out_text, "--check"
        ])),
        0
    );
    std::fs::write(out.join("raci.md"), "edited by hand").unwrap();
    let stale = smarketing(&["render", playbook, "--out", &out_text, "--check"]);
    assert_eq!(code(&stale), 1);
    assert!(
        stdout(&stale).contains("stale:") && stdout(&stale).contains("raci.md"),
        "{}",
        stdout(&stale)
    );
    render_to(&out, playbook);
    assert_eq!(
        std::fs::read_to_string(out.join("notes.txt")).unwrap(),
        "mine",
        "other files are left alone"
    );
    assert!(
        files(&out)
            .iter()
            .all(|f| !f.contains(".smarketing-") || f == ".smarketing-files"),
        "no temporary files are left"
    );
}

#[test]
fn templates_are_overridden_from_a_folder() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("raci.md.jinja"),
        "Tasks of {{ playbook.id }}: {{ raci.rows | length }}\n",
    )
    .unwrap();
    let out = dir.path().join("out");
    let output = smarketing(&[
        "render",
        "playbooks/agency.yaml",
        "--out",
        &out.to_string_lossy(),
        "--templates",
        &dir.path().to_string_lossy(),
    ]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let raci = std::fs::read_to_string(out.join("raci.md")).unwrap();
    assert!(
        raci.starts_with("Tasks of northlight-new-business: "),
        "{raci}"
    );
    assert!(
        std::fs::read_to_string(out.join("index.html"))
            .unwrap()
            .contains("<svg"),
        "others stay built in"
    );
}

#[test]
fn one_user_template_renders_to_stdout_and_strictly() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("owners.txt.jinja"),
        "{% for kpi in kpis %}{{ kpi.id }}={{ kpi.owner }}\n{% endfor %}",
    )
    .unwrap();
    std::fs::write(dir.path().join("typo.txt.jinja"), "{{ playbook.titel }}").unwrap();
    std::fs::write(
        dir.path().join("escape.txt.jinja"),
        "{% include \"../secret.txt\" %}",
    )
    .unwrap();
    std::fs::write(dir.path().parent().unwrap().join("secret.txt"), "secret").ok();
    let template = |name: &str| dir.path().join(name).to_string_lossy().into_owned();
    let output = smarketing(&[
        "render",
        "playbooks/agency.yaml",
        "--template",
        &template("owners.txt.jinja"),
    ]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert!(stdout(&output).lines().count() >= 3, "{}", stdout(&output));
    let typo = smarketing(&[
        "render",
        "playbooks/agency.yaml",
        "--template",
        &template("typo.txt.jinja"),
    ]);
    assert_eq!(code(&typo), 2);
    assert!(stderr(&typo).contains("undefined"), "{}", stderr(&typo));
    let escape = smarketing(&[
        "render",
        "playbooks/agency.yaml",
        "--template",
        &template("escape.txt.jinja"),
    ]);
    assert_eq!(code(&escape), 2);
    assert!(!stdout(&escape).contains("secret"));
}

#[test]
fn a_playbook_with_errors_is_not_rendered() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let output = smarketing(&[
        "render",
        "tests/fixtures/rules/unowned-task/fail.yaml",
        "--out",
        &out.to_string_lossy(),
    ]);
    assert_eq!(code(&output), 1);
    assert!(!out.exists());
}

#[test]
fn render_needs_an_output_folder() {
    let output = smarketing(&["render", "playbooks/agency.yaml"]);
    assert_eq!(code(&output), 2);
    let _ = root();
}

#[test]
fn templates_reference_is_current() {
    let path = root().join("docs/templates.md");
    let generated = smarketing::compile::docs::templates_reference();
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::write(&path, &generated).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "docs/templates.md is stale: run `scripts/regenerate.sh` and review the diff"
    );
    for key in ["raci", "checklists", "onboarding", "task_order", "handoffs"] {
        assert!(generated.contains(&format!("## `{key}`")), "{key}");
    }
}

/// The cells of one CSV line, unquoted (RFC 4180 quoting).
fn csv_cells(line: &str) -> Vec<String> {
    let mut cells = vec![String::new()];
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                chars.next();
                cells.last_mut().unwrap().push('"');
            }
            ('"', _) => quoted = !quoted,
            (',', false) => cells.push(String::new()),
            (c, _) => cells.last_mut().unwrap().push(c),
        }
    }
    cells
}

#[test]
fn documents_of_removed_entities_are_obsolete_and_removed() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(root().join("playbooks/agency.yaml")).unwrap();
    std::fs::write(dir.path().join("p.yaml"), &text).unwrap();
    let render = |extra: &[&str]| {
        let mut args = vec!["render", "p.yaml", "--out", "out"];
        args.extend_from_slice(extra);
        smarketing_in(dir.path(), &args)
    };
    assert_eq!(code(&render(&[])), 0);
    std::fs::write(dir.path().join("out/mine.md"), "kept").unwrap();
    let model: serde_json::Value =
        serde_json::from_str(&stdout(&smarketing_in(dir.path(), &["compile", "p.yaml"]))).unwrap();
    let person = model["onboarding"][0]["person"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(
        dir.path()
            .join(format!("out/onboarding/{person}.md"))
            .exists()
    );
    // Rename the person: their old page is no longer produced.
    let renamed = text
        .replace(&format!("  {person}:"), "  newcomer:")
        .replace(&format!(": {person}"), ": newcomer");
    let renamed = renamed
        .replace(&format!("[{person}"), "[newcomer")
        .replace(&format!(", {person}"), ", newcomer");
    std::fs::write(dir.path().join("p.yaml"), renamed).unwrap();
    let check = render(&["--check"]);
    assert_eq!(code(&check), 1, "{}{}", stdout(&check), stderr(&check));
    assert!(
        stdout(&check).contains(&format!("obsolete: out/onboarding/{person}.md")),
        "{}",
        stdout(&check)
    );
    assert_eq!(code(&render(&[])), 0);
    assert!(
        !dir.path()
            .join(format!("out/onboarding/{person}.md"))
            .exists()
    );
    assert!(dir.path().join("out/onboarding/newcomer.md").exists());
    assert_eq!(
        std::fs::read_to_string(dir.path().join("out/mine.md")).unwrap(),
        "kept"
    );
    assert_eq!(code(&render(&["--check"])), 0);
}

#[cfg(unix)]
#[test]
fn templates_and_output_do_not_follow_links_out_of_their_folder() {
    let dir = tempfile::tempdir().unwrap();
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.txt"), "SECRET").unwrap();
    let templates = dir.path().join("templates");
    std::fs::create_dir(&templates).unwrap();
    std::os::unix::fs::symlink(
        outside.path().join("secret.txt"),
        templates.join("link.jinja"),
    )
    .unwrap();
    std::fs::write(templates.join("main.jinja"), "{% include \"link.jinja\" %}").unwrap();
    let included = smarketing(&[
        "render",
        "playbooks/agency.yaml",
        "--template",
        &templates.join("main.jinja").to_string_lossy(),
    ]);
    assert_eq!(code(&included), 2);
    assert!(!stdout(&included).contains("SECRET"));
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    std::os::unix::fs::symlink(outside.path(), out.join("checklists")).unwrap();
    let written = smarketing(&[
        "render",
        "playbooks/agency.yaml",
        "--out",
        &out.to_string_lossy(),
    ]);
    assert_eq!(code(&written), 2, "{}", stderr(&written));
    assert_eq!(
        std::fs::read_dir(outside.path()).unwrap().count(),
        1,
        "nothing written outside"
    );
}

/// The string literals of a Rust or template source, roughly: the text between a pair of
/// double quotes on one line (escaped quotes kept inside).
fn literals(source: &str) -> Vec<String> {
    let mut found = Vec::new();
    for line in source.lines() {
        let mut chars = line.chars();
        let mut current: Option<String> = None;
        while let Some(c) = chars.next() {
            match (&mut current, c) {
                (None, '"') => current = Some(String::new()),
                (Some(text), '\\') => {
                    text.push(c);
                    if let Some(next) = chars.next() {
                        text.push(next);
                    }
                }
                (Some(_), '"') => found.extend(current.take()),
                (Some(text), c) => text.push(c),
                (None, _) => {}
            }
        }
    }
    found
}

/// The keys a template asks `t()` for; every call names its key as a literal, so that this
/// list is complete.
fn template_keys(name: &str, source: &str) -> Vec<String> {
    let mut keys = Vec::new();
    let mut rest = source;
    while let Some(at) = rest.find("t(") {
        let before = rest[..at].chars().next_back();
        rest = &rest[at + 2..];
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue;
        }
        let key = rest
            .strip_prefix('"')
            .and_then(|r| r.split_once('"'))
            .map(|(key, _)| key.to_owned());
        keys.push(key.unwrap_or_else(|| panic!("{name}: t() without a literal key: t({rest:.30}")));
    }
    keys
}

/// Every heading and sentence of the documents comes from the catalogue, in both languages:
/// the keys the templates ask for and the keys the code names exist, every entry has a text in
/// every language with the same placeholders, and no entry is unused.
#[test]
fn every_text_of_the_documents_is_in_the_catalogue_in_both_languages() {
    use smarketing::compile::texts::{MESSAGES, message, placeholders};
    use smarketing::model::values::Language;
    for m in MESSAGES {
        for language in Language::ALL {
            assert!(
                !m.text(language).trim().is_empty(),
                "`{}` has no {language} text",
                m.key
            );
        }
        let (mut en, mut de) = (placeholders(m.en), placeholders(m.de));
        en.sort();
        de.sort();
        assert_eq!(en, de, "`{}`: the languages fill other placeholders", m.key);
    }
    let mut used = std::collections::BTreeSet::new();
    for entry in std::fs::read_dir(root().join("templates")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "jinja") {
            let name = path.display().to_string();
            for key in template_keys(&name, &std::fs::read_to_string(&path).unwrap()) {
                assert!(
                    message(&key).is_some(),
                    "{name} asks for `{key}`, not in the catalogue"
                );
                used.insert(key);
            }
        }
    }
    // Keys the code names: string literals of the catalogue's shape (`svg.legend.won`), file
    // names aside.
    let prefixes: std::collections::BTreeSet<&str> = MESSAGES
        .iter()
        .filter_map(|m| m.key.split('.').next())
        .collect();
    let mut sources = Vec::new();
    rust_sources(&root().join("src"), &mut sources);
    for path in sources {
        if path.ends_with("compile/texts.rs") {
            continue;
        }
        for literal in literals(&std::fs::read_to_string(&path).unwrap()) {
            let shaped = literal.contains('.')
                && literal
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || matches!(c, '.' | '_' | '-'))
                && prefixes.contains(literal.split('.').next().unwrap_or(""));
            let file_name = [
                ".md", ".csv", ".html", ".jinja", ".css", ".svg", ".ics", ".json",
            ]
            .iter()
            .any(|ext| literal.ends_with(ext));
            if shaped && !file_name {
                assert!(
                    message(&literal).is_some(),
                    "{} names `{literal}`, not in the catalogue",
                    path.display()
                );
                used.insert(literal);
            }
        }
    }
    let unused: Vec<&str> = MESSAGES
        .iter()
        .map(|m| m.key)
        .filter(|key| !used.contains(*key))
        .collect();
    assert!(unused.is_empty(), "texts nothing uses: {unused:?}");
}

fn rust_sources(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn documents_are_in_the_playbooks_language_unless_lang_says_otherwise() {
    let hotel = "playbooks/hotel-seeblick/playbook.yaml";
    let dir = tempfile::tempdir().unwrap();
    let page = |extra: &[&str]| {
        let out = dir.path().join(extra.join("-"));
        render_in(&out, hotel, extra);
        std::fs::read_to_string(out.join("checklists/sales.md")).unwrap()
    };
    assert!(
        page(&[]).starts_with("# Checkliste: Verkauf & Veranstaltungen"),
        "lang: de"
    );
    assert!(page(&["--lang", "en"]).starts_with("# Checklist: Verkauf & Veranstaltungen"));
    assert!(page(&["--lang", "de"]).contains("fällig: 08.01.2027"));
    let model = |extra: &[&str]| -> serde_json::Value {
        let mut args = vec!["compile", hotel];
        args.extend_from_slice(extra);
        serde_json::from_str(&stdout(&smarketing(&args))).unwrap()
    };
    let (de, en) = (model(&[]), model(&["--lang", "en"]));
    assert_eq!(de["lang"], "de");
    assert_eq!(en["lang"], "en");
    let revenue = |m: &serde_json::Value| {
        m["kpis"]
            .as_array()
            .unwrap()
            .iter()
            .find(|k| k["id"] == "event-revenue")
            .unwrap()["target_text"]
            .clone()
    };
    assert_eq!(revenue(&de), "≥ 1.850.000 EUR");
    assert_eq!(revenue(&en), "≥ 1,850,000 EUR");
    let wrong = smarketing(&["render", hotel, "--out", "x", "--lang", "fr"]);
    assert_eq!(code(&wrong), 2);
}

#[test]
fn user_templates_write_the_catalogue_numbers_and_dates_in_the_language() {
    let dir = tempfile::tempdir().unwrap();
    let template = dir.path().join("mine.txt.jinja");
    std::fs::write(
        &template,
        "{{ t(\"checklist.title\", team=\"Spa\") }} | {{ 1850000.5 | number }} | \
         {{ \"2027-01-08\" | date }} | {{ lang }} | {{ t(\"onboarding.target\", target=25) }}\n",
    )
    .unwrap();
    let template = template.to_string_lossy().into_owned();
    let run = |lang: &str| {
        let output = smarketing(&[
            "render",
            "playbooks/agency.yaml",
            "--template",
            &template,
            "--lang",
            lang,
        ]);
        assert_eq!(code(&output), 0, "{}", stderr(&output));
        stdout(&output)
    };
    assert_eq!(
        run("de"),
        "Checkliste: Spa | 1.850.000,5 | 08.01.2027 | de | Zielwert 25\n"
    );
    assert_eq!(
        run("en"),
        "Checklist: Spa | 1,850,000.5 | 8 Jan 2027 | en | target 25\n"
    );
    for (source, complaint) in [
        ("{{ t(\"no.such.text\") }}", "no text `no.such.text`"),
        ("{{ t(\"checklist.title\") }}", "needs a value for `team`"),
        ("{{ \"soon\" | date }}", "not a date"),
    ] {
        std::fs::write(dir.path().join("bad.txt.jinja"), source).unwrap();
        let output = smarketing(&[
            "render",
            "playbooks/agency.yaml",
            "--template",
            &dir.path().join("bad.txt.jinja").to_string_lossy(),
        ]);
        assert_eq!(code(&output), 2, "{source}");
        assert!(stderr(&output).contains(complaint), "{}", stderr(&output));
    }
}

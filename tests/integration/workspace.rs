//! Workspaces: a `smarketing.toml` at the root of many playbooks, shared includes anywhere under
//! it, shared files parsed once and their findings reported once, the workspace's levels, and
//! the playbooks compared with each other.

use crate::support::{code, smarketing_in, stderr, stdout};
use std::path::Path;

fn write(root: &Path, path: &str, text: &str) {
    let file = root.join(path);
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    std::fs::write(file, text).unwrap();
}

const PEOPLE: &str = "teams:\n  group-marketing: { name: Group Marketing, lead: anna }\npeople:\n  anna: { name: Anna Berger, team: group-marketing, email: anna@group.example }\nchannels:\n  video-call: { kind: video, tool: teams }\n";

const KPIS: &str = "kpis:\n  direct-share:\n    title: Direct booking share\n    owner: anna\n    unit: percent\n    formula: direct revenue / all revenue * 100\n    target: \">= 35\"\n    review: weekly\n";

/// A house that includes the group's people and KPI catalogue (and `extra` includes), with its
/// own sales team led by `lead`, defined by `lead_line`. Clean on its own.
fn house(id: &str, lead: &str, lead_line: &str, extra: &str) -> String {
    format!(
        "version: 1
playbook: {id}
include: [../../group/people.yaml, ../../group/kpis.yaml{extra}]
teams:
  sales: {{ name: Sales {id}, lead: {lead} }}
people:
  {lead_line}
contacts:
  inquiries: {lead}
goals:
  revenue:
    title: Grow direct revenue
    owners: [group-marketing, sales]
    kpis: [direct-share]
    due: 2027-12-31
lifecycle:
  stages:
    - {{ id: inquiry, owner: group-marketing, crm: lead, criteria: [Complete contact data] }}
    - {{ id: sql, owner: sales, sla: 24h, rejected_to: inquiry, next: [won, lost] }}
    - {{ id: won, owner: sales, outcome: won }}
    - {{ id: lost, owner: sales, outcome: lost }}
tasks:
  kickoff: {{ title: Kick-off, accountable: {lead}, responsible: [{lead}, anna], due: 2027-01-15 }}
meetings:
  weekly:
    title: Weekly sync
    cadence: weekly
    owner: {lead}
    attendees: [group-marketing, sales]
    channel: video-call
    reviews: [direct-share]
feedback_loops:
  lead-quality: {{ from: sales, to: group-marketing, about: Lead quality, via: weekly, cadence: weekly }}
"
    )
}

/// The group of the contract's example: three houses sharing people and KPIs, one include that
/// leaves the root, and `maria` defined differently in two houses.
fn group() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("group-ws");
    write(&root, "smarketing.toml", "[workspace]\n");
    write(&root, "group/people.yaml", PEOPLE);
    write(&root, "group/kpis.yaml", KPIS);
    write(
        dir.path(),
        "outside.yaml",
        "channels:\n  chat: { kind: chat }\n",
    );
    write(
        &root,
        "houses/alpha/playbook.yaml",
        &house(
            "alpha",
            "maria",
            "maria: { name: Maria Lang, team: sales, email: maria@group.example }",
            "",
        ),
    );
    write(
        &root,
        "houses/beta/playbook.yaml",
        &house(
            "beta",
            "maria",
            "maria: { name: Maria Lang-Huber, team: sales, email: maria@beta.example }",
            "",
        ),
    );
    write(
        &root,
        "houses/gamma/playbook.yaml",
        &house(
            "gamma",
            "tom",
            "tom: { name: Tom Gruber, team: sales }",
            ", ../../../outside.yaml",
        ),
    );
    dir
}

fn json(dir: &Path, args: &[&str]) -> (i32, serde_json::Value) {
    let output = smarketing_in(dir, args);
    let value = serde_json::from_str(&stdout(&output))
        .unwrap_or_else(|_| panic!("{}\n{}", stdout(&output), stderr(&output)));
    (code(&output), value)
}

#[test]
fn a_group_gets_the_include_error_and_the_inconsistency_and_nothing_else() {
    let dir = group();
    let (code, report) = json(dir.path(), &["check", "--format", "json", "group-ws"]);
    assert_eq!(code, 1);
    let serious: Vec<String> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["severity"] != "info")
        .map(|d| {
            format!(
                "{}:{} {} {}",
                d["file"].as_str().unwrap(),
                d["line"],
                d["rule"].as_str().unwrap(),
                d["message"].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(
        serious,
        [
            "group-ws/houses/beta/playbook.yaml:7 inconsistent-person person `maria` differs from its definition in playbook `alpha`: name `Maria Lang-Huber` here, `Maria Lang` there; email `maria@beta.example` here, `maria@group.example` there",
            "group-ws/houses/gamma/playbook.yaml:3 include-error include `../../../outside.yaml` leaves the workspace",
        ],
        "{report:#}"
    );
    let inconsistency = &report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["rule"] == "inconsistent-person")
        .unwrap()["related"][0];
    assert_eq!(inconsistency["file"], "group-ws/houses/alpha/playbook.yaml");
    assert_eq!(inconsistency["line"], 7);
}

#[test]
fn a_house_checked_alone_still_reaches_the_shared_files() {
    let dir = group();
    let output = smarketing_in(
        dir.path(),
        &["check", "--format", "concise", "group-ws/houses/alpha"],
    );
    assert_eq!(code(&output), 0, "{}", stdout(&output));
    assert_eq!(stdout(&output), "", "{}", stderr(&output));
    let output = smarketing_in(
        dir.path(),
        &["compile", "group-ws/houses/alpha/playbook.yaml"],
    );
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert!(stdout(&output).contains("Anna Berger"));
}

#[test]
fn without_a_workspace_a_shared_include_leaves_the_folder() {
    let dir = group();
    std::fs::remove_file(dir.path().join("group-ws/smarketing.toml")).unwrap();
    let output = smarketing_in(
        dir.path(),
        &["check", "--format", "concise", "group-ws/houses/alpha"],
    );
    assert_eq!(code(&output), 1);
    assert!(
        stdout(&output).contains("include `../../group/people.yaml` leaves the playbook's folder"),
        "{}",
        stdout(&output)
    );
}

#[test]
fn a_finding_in_a_shared_file_is_reported_once_with_its_includers() {
    let dir = group();
    let root = dir.path().join("group-ws");
    // The catalogue's KPI loses its target: every house meets the same finding.
    write(
        &root,
        "group/kpis.yaml",
        &KPIS.replace("    target: \">= 35\"\n", ""),
    );
    let (_, report) = json(dir.path(), &["check", "--format", "json", "group-ws"]);
    let hits: Vec<&serde_json::Value> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["rule"] == "kpi-without-target")
        .collect();
    assert_eq!(hits.len(), 1, "{report:#}");
    assert_eq!(hits[0]["file"], "group-ws/group/kpis.yaml");
    let includers: Vec<&str> = hits[0]["related"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["message"].as_str().unwrap())
        .collect();
    assert_eq!(
        includers,
        [
            "included by playbook `alpha`",
            "included by playbook `beta`",
            "included by playbook `gamma`"
        ]
    );
}

#[test]
fn workspace_levels_apply_and_a_playbook_lint_wins() {
    let dir = group();
    let root = dir.path().join("group-ws");
    write(
        &root,
        "smarketing.toml",
        "[workspace]\n\n[lint]\ninconsistent-person = \"error\"\ninclude-error = \"off\"\n",
    );
    let output = smarketing_in(dir.path(), &["check", "group-ws"]);
    assert_eq!(code(&output), 2, "a structural rule cannot be re-levelled");
    assert!(
        stderr(&output).contains(
            "group-ws/smarketing.toml:5:1: `include-error` is a structural rule and cannot be re-levelled"
        ),
        "{}",
        stderr(&output)
    );
    write(
        &root,
        "smarketing.toml",
        "[workspace]\n\n[lint]\ninconsistent-person = \"error\"\n",
    );
    let output = smarketing_in(dir.path(), &["check", "--format", "concise", "group-ws"]);
    assert!(
        stdout(&output).contains("error[inconsistent-person]"),
        "{}",
        stdout(&output)
    );
    let beta = root.join("houses/beta/playbook.yaml");
    let text = std::fs::read_to_string(&beta).unwrap();
    std::fs::write(&beta, format!("{text}lint:\n  inconsistent-person: off\n")).unwrap();
    let output = smarketing_in(dir.path(), &["check", "--format", "concise", "group-ws"]);
    assert!(
        !stdout(&output).contains("inconsistent-person"),
        "{}",
        stdout(&output)
    );
}

#[test]
fn mistakes_in_smarketing_toml_are_named_with_their_place_and_exit_2() {
    let dir = group();
    write(
        &dir.path().join("group-ws"),
        "smarketing.toml",
        "[workspace]\nlnag = \"de\"\n\n[lint]\nno-contact = \"off\"\n",
    );
    let output = smarketing_in(dir.path(), &["check", "group-ws"]);
    assert_eq!(code(&output), 2);
    let err = stderr(&output);
    assert!(
        err.contains(
            "group-ws/smarketing.toml:2:1: unknown key `lnag` in [workspace] (did you mean `lang`?)"
        ),
        "{err}"
    );
    write(
        &dir.path().join("group-ws"),
        "smarketing.toml",
        "[workspace]\n\n[lint]\nno-contact = \"off\"\n",
    );
    let output = smarketing_in(dir.path(), &["check", "group-ws"]);
    assert_eq!(code(&output), 2);
    assert!(
        stderr(&output).contains(
            "group-ws/smarketing.toml:4:1: unknown rule `no-contact` (did you mean `no-contacts`?)"
        ),
        "{}",
        stderr(&output)
    );
    let output = smarketing_in(
        dir.path(),
        &["compile", "group-ws/houses/alpha/playbook.yaml"],
    );
    assert_eq!(code(&output), 2, "{}", stderr(&output));
    assert!(stderr(&output).contains("smarketing.toml:4:1"));
}

#[test]
fn the_hotel_group_example_checks_clean() {
    let output =
        crate::support::smarketing(&["check", "--format", "concise", "playbooks/hotel-group"]);
    assert_eq!(code(&output), 0, "{}", stdout(&output));
    assert_eq!(stdout(&output), "");
}

#[test]
fn render_of_the_root_writes_every_house_and_a_group_index() {
    let dir = group();
    let root = dir.path().join("group-ws");
    // Without the include that leaves the root and with one Maria, every house renders.
    write(
        &root,
        "houses/gamma/playbook.yaml",
        &house("gamma", "tom", "tom: { name: Tom Gruber, team: sales }", ""),
    );
    let output = smarketing_in(dir.path(), &["render", "group-ws"]);
    assert_eq!(code(&output), 2, "no --out and no `[render] out`");
    write(
        &root,
        "smarketing.toml",
        "[workspace]\n\n[render]\nout = \"site\"\n",
    );
    let output = smarketing_in(dir.path(), &["render", "group-ws"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let site = root.join("site");
    for house in ["alpha", "beta", "gamma"] {
        assert!(site.join(house).join("index.html").is_file(), "{house}");
        assert!(site.join(house).join("raci.md").is_file(), "{house}");
    }
    let index = std::fs::read_to_string(site.join("index.html")).unwrap();
    for house in ["alpha", "beta", "gamma"] {
        assert!(
            index.contains(&format!("<a href=\"{house}/index.html\">")),
            "{index}"
        );
    }
    assert!(index.contains("Grow direct revenue"));
    let output = smarketing_in(dir.path(), &["render", "group-ws", "--check"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    std::fs::remove_file(site.join("beta").join("raci.md")).unwrap();
    let output = smarketing_in(dir.path(), &["render", "group-ws", "--check"]);
    assert_eq!(code(&output), 1);
    assert!(
        stdout(&output).contains("missing: group-ws/site/beta/raci.md"),
        "{}",
        stdout(&output)
    );
}

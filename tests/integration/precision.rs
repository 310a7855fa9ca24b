//! What people naturally write is read as they meant it, and a mistake is reported where it is:
//! free-text units, one owner without a list, one shared `lost` stage, ids that YAML would read
//! as something other than text.

use crate::support::{code, smarketing_in, stdout};

/// Checks `text` as `p.yaml` in a fresh folder; the exit code and the concise findings.
fn check(text: &str) -> (i32, String) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("p.yaml"), text).unwrap();
    let output = smarketing_in(dir.path(), &["check", "p.yaml", "--format", "concise"]);
    (code(&output), stdout(&output))
}

/// A playbook that is clean apart from what a test adds: two teams with a shared goal, a joint
/// meeting that reviews every KPI, a feedback loop each way and a contact.
const BASE: &str = "version: 1
playbook: clinic
teams:
  marketing: { name: Marketing, lead: mara }
  front-desk: { name: Front desk, lead: frank }
people:
  mara: { name: Mara Keller, team: marketing }
  frank: { name: Frank Huber, team: front-desk }
goals:
  more-treatments:
    title: More booked treatments
    owners: [marketing, front-desk]
    kpis: [response-time, treatment-value, nights-booked]
kpis:
  response-time: { title: Time to first answer, owner: frank, unit: minutes, target: \"<= 30\", review: weekly }
  treatment-value: { title: Value per treatment, owner: frank, unit: EUR, target: \">= 250\", review: weekly }
  nights-booked: { title: Nights booked with a package, owner: mara, unit: nights, target: \">= 40\", review: weekly }
meetings:
  weekly:
    title: Weekly huddle
    cadence: weekly
    owner: mara
    attendees: [marketing, front-desk]
    reviews: [response-time, treatment-value, nights-booked]
feedback_loops:
  lead-quality: { from: front-desk, to: marketing, via: weekly }
  campaigns-ahead: { from: marketing, to: front-desk, via: weekly }
contacts:
  pricing: frank
lifecycle:
  stages:
    - { id: inquiry, owner: marketing, criteria: [treatment and date named], next: [consult, lost] }
    - { id: consult, owner: front-desk, sla: 4h, rejected_to: inquiry, next: [booked, lost] }
    - { id: booked, owner: front-desk, outcome: won }
    - { id: lost, owner: front-desk, outcome: lost }
";

#[test]
fn a_clean_playbook_with_free_text_units_and_a_shared_lost_stage_has_no_findings() {
    let (status, findings) = check(BASE);
    assert_eq!((status, findings.as_str()), (0, ""));
}

#[test]
fn units_are_free_text_and_the_known_ones_are_normalised() {
    let dir = tempfile::tempdir().unwrap();
    let text = BASE
        .replace("unit: minutes", "unit: Minutes")
        .replace("unit: EUR", "unit: eur")
        .replace("unit: nights", "unit: guests per night");
    std::fs::write(dir.path().join("p.yaml"), text).unwrap();
    let output = smarketing_in(dir.path(), &["compile", "p.yaml"]);
    assert_eq!(code(&output), 0, "{}", stdout(&output));
    let model: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    let units: Vec<&str> = model["kpis"]
        .as_array()
        .unwrap()
        .iter()
        .map(|kpi| kpi["unit"].as_str().unwrap())
        .collect();
    assert_eq!(units, ["minutes", "EUR", "guests per night"]);
}

#[test]
fn one_owner_needs_no_list() {
    let text = BASE.replace(
        "goals:\n",
        "goals:\n  tidy-reviews:\n    title: Answer every review\n    owners: marketing\n    kpis: [response-time]\n",
    );
    let (status, findings) = check(&text);
    assert_eq!((status, findings.as_str()), (0, ""));
}

/// `responsible: frank` is read as `responsible: [frank]`, and so are the other lists of a task.
#[test]
fn one_name_needs_no_list_in_a_task() {
    let dir = tempfile::tempdir().unwrap();
    let text = format!(
        "{BASE}tasks:\n  prepare:\n    title: Prepare the price list\n    accountable: mara\n    responsible: mara\n  answer:\n    title: Answer inquiries\n    accountable: frank\n    responsible: frank\n    consulted: marketing\n    informed: mara\n    depends_on: prepare\n    goal: more-treatments\n    kpis: response-time\n    cadence: weekly\n"
    );
    std::fs::write(dir.path().join("p.yaml"), &text).unwrap();
    let output = smarketing_in(dir.path(), &["check", "p.yaml", "--format", "concise"]);
    assert_eq!((code(&output), stdout(&output).as_str()), (0, ""));
    let output = smarketing_in(dir.path(), &["compile", "p.yaml"]);
    let model: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    let answer = model["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|task| task["id"] == "answer")
        .unwrap();
    for (key, name) in [
        ("consulted", "marketing"),
        ("informed", "mara"),
        ("depends_on", "prepare"),
        ("kpis", "response-time"),
    ] {
        let listed: Vec<&str> = answer[key]
            .as_array()
            .unwrap_or_else(|| panic!("{key}: {answer}"))
            .iter()
            .map(|item| item["id"].as_str().or(item.as_str()).unwrap())
            .collect();
        assert_eq!(listed, [name], "{key}");
    }
}

#[test]
fn ids_that_yaml_reads_as_booleans_numbers_or_null_are_refused_with_a_hint() {
    let text = BASE
        .replace(
            "  mara: { name: Mara",
            "  true: { name: Nobody, team: marketing }\n  mara: { name: Mara",
        )
        .replace("contacts:\n", "contacts:\n  2027: mara\n  ~: frank\n")
        .replace("- { id: booked,", "- { id: false,");
    let (status, findings) = check(&text);
    assert_eq!(status, 1, "{findings}");
    for expected in [
        "error[schema] `true` is read as a boolean, but an id must be text",
        "error[schema] `2027` is read as a whole number, but an id must be text",
        "error[schema] `~` is read as nothing (null), but an id must be text",
        "error[schema] `id` of stage `false`: `false` is read as a boolean, but an id must be text",
    ] {
        assert!(
            findings.contains(expected),
            "{expected}\nnot in\n{findings}"
        );
    }
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("p.yaml"), &text).unwrap();
    let output = smarketing_in(dir.path(), &["check", "p.yaml", "--format", "json"]);
    let report: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    let helps: Vec<&str> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|d| d["help"].as_str())
        .collect();
    assert!(helps.contains(&"quote it: `\"true\":`"), "{helps:?}");
    assert!(helps.contains(&"quote it: `\"false\"`"), "{helps:?}");
}

#[test]
fn a_comma_in_a_flow_map_is_one_finding_that_says_to_quote_the_text() {
    let text = BASE.replace(
        "meetings:\n",
        "tasks:\n  intake: { title: Online lead (portal, website, phone), accountable: frank, responsible: [frank] }\nmeetings:\n",
    );
    let (status, findings) = check(&text);
    assert_eq!(status, 1, "{findings}");
    let schema: Vec<&str> = findings
        .lines()
        .filter(|l| l.contains("[schema]"))
        .collect();
    assert_eq!(
        schema,
        [
            "p.yaml:19:41: error[schema] a comma ends `title` of task `intake` early: `website`, `phone)` are read as keys"
        ],
        "{findings}"
    );
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("p.yaml"), &text).unwrap();
    let output = smarketing_in(dir.path(), &["check", "p.yaml", "--format", "json"]);
    assert!(
        stdout(&output)
            .contains(r#"quote the text: `title: \"Online lead (portal, website, phone)\"`"#),
        "{}",
        stdout(&output)
    );
}

/// The concise lines of `findings` for `rule`.
fn of_rule<'a>(findings: &'a str, rule: &str) -> Vec<&'a str> {
    let tag = format!("[{rule}]");
    findings
        .lines()
        .filter(|line| line.contains(&tag))
        .collect()
}

#[test]
fn a_misspelled_name_hides_only_what_depends_on_it() {
    // `frnak` is meant for `frank`; `orphan-kpi` of the unrelated KPI `unused` and every finding
    // about other tasks must still be reported.
    let text = BASE
        .replace(
            "kpis:\n  response-time:",
            "kpis:\n  unused: { title: Nobody uses this, owner: mara, target: \">= 1\", review: weekly }\n  response-time:",
        )
        .replace("reviews: [response-time,", "reviews: [unused, response-time,")
        .replace(
            "meetings:\n",
            "tasks:\n  reply: { title: Reply to inquiries, accountable: frnak, responsible: [frank] }\n  plan: { title: Plan the season, accountable: mara }\nmeetings:\n",
        );
    let (status, findings) = check(&text);
    assert_eq!(status, 1, "{findings}");
    assert_eq!(
        of_rule(&findings, "unresolved-reference").len(),
        1,
        "{findings}"
    );
    assert_eq!(of_rule(&findings, "orphan-kpi").len(), 1, "{findings}");
    assert!(findings.contains("KPI `unused` is not used"), "{findings}");
    assert_eq!(
        of_rule(&findings, "task-without-responsible").len(),
        1,
        "{findings}"
    );
    assert!(findings.contains("task `plan`"), "{findings}");
}

#[test]
fn the_misspelled_person_is_not_judged_on_a_count_the_typo_changed() {
    let mut tasks = String::from("tasks:\n");
    for i in 0..3 {
        tasks.push_str(&format!(
            "  t{i}: {{ title: Task {i}, accountable: frank, responsible: [frank] }}\n"
        ));
    }
    for i in 0..3 {
        tasks.push_str(&format!(
            "  m{i}: {{ title: Task {i}, accountable: mara, responsible: [mara] }}\n"
        ));
    }
    tasks.push_str("  typo: { title: Typo, accountable: frnak, responsible: [frank] }\n");
    let text = BASE
        .replace(
            "version: 1\n",
            "version: 1\nlint:\n  settings: { max-accountable: 2 }\n",
        )
        .replace("meetings:\n", &format!("{tasks}meetings:\n"));
    let (_, findings) = check(&text);
    // Mara's count is certain; Frank's is not, since `frnak` is probably him.
    assert_eq!(
        of_rule(&findings, "overloaded-person"),
        [
            "p.yaml:9:3: warning[overloaded-person] person `mara` is accountable for 3 tasks, more than 2"
        ],
        "{findings}"
    );
}

#[test]
fn an_entity_with_a_bad_key_takes_part_in_every_rule_its_good_keys_feed() {
    let text = BASE.replace(
        "meetings:\n",
        "tasks:\n  flyer: { title: Print the flyer, accountable: mara, due: soon }\n  untitled: { accountable: frank, responsible: [frank], kpis: [nights-booked] }\nmeetings:\n",
    );
    let (status, findings) = check(&text);
    assert_eq!(status, 1, "{findings}");
    assert!(
        findings.contains("`due` of task `flyer`: `soon` is not a date"),
        "{findings}"
    );
    assert!(
        findings.contains("task `untitled` is missing required key `title`"),
        "{findings}"
    );
    // `flyer` has no `responsible`: its bad `due` does not hide that.
    assert_eq!(
        of_rule(&findings, "task-without-responsible").len(),
        1,
        "{findings}"
    );
    assert_eq!(findings.lines().count(), 3, "{findings}");
}

#[test]
fn every_mistake_inside_one_entity_is_reported() {
    let text = BASE.replace(
        "meetings:\n",
        "tasks:\n  flyer: { title: Print the flyer, due: soon, acountable: mara, responsible: [mara], cadense: weekly }\nmeetings:\n",
    );
    let (status, findings) = check(&text);
    assert_eq!(status, 1, "{findings}");
    for expected in [
        "`due` of task `flyer`: `soon` is not a date",
        "unknown key `acountable` in task `flyer`",
        "unknown key `cadense` in task `flyer`",
    ] {
        assert!(
            findings.contains(expected),
            "{expected}\nnot in\n{findings}"
        );
    }
    // `acountable` stands for `accountable`: the task is not reported as unowned as well.
    assert!(of_rule(&findings, "unowned-task").is_empty(), "{findings}");
    assert_eq!(findings.lines().count(), 3, "{findings}");
}

#[test]
fn a_malformed_option_list_is_one_finding() {
    let text = BASE.replace(
        "meetings:\n",
        "fields:\n  treatment: { label: Treatment, type: enum, options: { botox }, captured_by: frank }\nmeetings:\n",
    );
    let (status, findings) = check(&text);
    assert_eq!(status, 1, "{findings}");
    assert_eq!(of_rule(&findings, "schema").len(), 1, "{findings}");
    assert!(
        findings.contains("`options` of field `treatment`"),
        "{findings}"
    );
}

#[test]
fn a_comma_in_a_title_hides_no_other_finding() {
    let text = BASE.replace(
        "meetings:\n",
        "tasks:\n  intake: { title: Online lead (portal, website, phone), accountable: frank }\nmeetings:\n",
    );
    let (_, findings) = check(&text);
    assert_eq!(of_rule(&findings, "schema").len(), 1, "{findings}");
    assert_eq!(
        of_rule(&findings, "task-without-responsible").len(),
        1,
        "{findings}"
    );
}

#[test]
fn a_repeated_key_leaves_only_that_key_unknown() {
    let text = BASE
        .replace("version: 1\n", "version: 1\nlint:\n  settings: { max-accountable: 1 }\n")
        .replace(
            "meetings:\n",
            "tasks:\n  posters:\n    title: Posters\n    responsible: [mara]\n    cadence: yearly\n    cadence: monthly\n  flyers: { title: Flyers, accountable: mara, responsible: [mara] }\n  signs: { title: Signs, accountable: mara, responsible: [mara] }\nmeetings:\n",
        );
    let (_, findings) = check(&text);
    assert_eq!(of_rule(&findings, "duplicate-key").len(), 1, "{findings}");
    // `posters` has no `accountable` whatever its cadence, and Mara's count is certain.
    assert_eq!(of_rule(&findings, "unowned-task").len(), 1, "{findings}");
    assert_eq!(
        of_rule(&findings, "overloaded-person").len(),
        1,
        "{findings}"
    );
}

#[test]
fn a_syntax_error_reports_no_consequence_as_a_problem() {
    // The KPIs are defined after the error: nothing names them "unknown".
    let text = BASE.replace("unit: nights", "unit: %");
    let (status, findings) = check(&text);
    assert_eq!(status, 1, "{findings}");
    assert_eq!(findings.lines().count(), 1, "{findings}");
    assert_eq!(of_rule(&findings, "yaml-syntax").len(), 1, "{findings}");
}

#[test]
fn a_broken_include_still_lets_every_entity_be_judged_on_its_own_keys() {
    let dir = tempfile::tempdir().unwrap();
    let text = BASE
        .replace("version: 1\n", "version: 1\ninclude: [kpi.yaml]\n")
        .replace(
            "meetings:\n",
            "tasks:\n  posters: { title: Posters, responsible: [mara] }\nmeetings:\n",
        )
        .replace(
            "  response-time: { title: Time to first answer, owner: frank, unit: minutes, target: \"<= 30\", review: weekly }\n",
            "  response-time: { title: Time to first answer, owner: frank, unit: minutes, review: weekly } # smarketing: allow(kpi-without-target)\n  # smarketing: allow(orphan-kpi)\n  spare: { title: Spare, owner: frank, target: \">= 1\", review: weekly }\n",
        );
    std::fs::write(dir.path().join("p.yaml"), text).unwrap();
    let output = smarketing_in(dir.path(), &["check", "p.yaml", "--format", "concise"]);
    let findings = stdout(&output);
    assert_eq!(of_rule(&findings, "include-error").len(), 1, "{findings}");
    // What the task says of itself is certain; whether the KPI `spare` is used is not (the
    // missing file may use it), and its suppression is not reported as silencing nothing.
    assert_eq!(of_rule(&findings, "unowned-task").len(), 1, "{findings}");
    assert!(of_rule(&findings, "orphan-kpi").is_empty(), "{findings}");
    assert!(
        of_rule(&findings, "unused-suppression").is_empty(),
        "{findings}"
    );
    assert!(
        of_rule(&findings, "kpi-without-target").is_empty(),
        "{findings}"
    );
}

/// Every addition of the language at once: units and ranges in targets, the new cadences,
/// durations and business time, the calendar, meeting times, the new field types and option
/// labels, a campaign budget and a feedback loop to several parties.
const ADDITIONS: &str = "calendar:
  timezone: Europe/Vienna
  working_days: [mon, tue, wed, thu, friday]
  working_hours: \"08:30-17:00\"
  holidays: [2027-12-24]
fields:
  budget: { label: Budget, type: currency, currency: eur, object: deal, required: true, captured_by: frank }
  website: { label: Website, type: url, captured_by: frank }
  cars: { label: Cars of interest, type: multi_enum, options: { vw-id4: VW ID.4, golf-gti: Golf GTI }, captured_by: frank }
  contact_way: { label: Contact way, type: enum, options: [phone, email], captured_by: frank }
campaigns:
  spring:
    title: Spring packages
    owners: [marketing, front-desk]
    budget: \"12000 EUR\"
    kpis: [conversion]
meetings:
  monthly:
    title: Monthly review
    cadence: monthly
    owner: frank
    attendees: [marketing, front-desk]
    reviews: [conversion, package-revenue]
    when: { day: first monday, time: \"09:30\", duration: 1h30m, starts: 2027-02-01 }
  halfyear:
    title: Half-year planning
    cadence: half-yearly
    owner: mara
    attendees: [marketing, front-desk]
    when: { day: 15, time: \"10:00\", duration: 2 hours }
  standup:
    title: Stand-up
    cadence: daily
    owner: mara
    attendees: [marketing]
    when: { time: \"08:45\", duration: 15 minutes }
  weekly:
";

pub(crate) fn with_additions(extra_kpis: &str) -> String {
    BASE.replace(
        "meetings:\n  weekly:\n",
        &format!("{ADDITIONS}    when: {{ day: tue, time: \"09:00\", duration: 45m }}\n"),
    )
    .replace(
        "kpis:\n  response-time:",
        &format!("kpis:\n{extra_kpis}  response-time:"),
    )
    .replace(
        "campaigns-ahead: { from: marketing, to: front-desk, via: weekly }",
        "campaigns-ahead: { from: marketing, to: front-desk, via: weekly, cadence: fortnightly }",
    )
    .replace("sla: 4h", "sla: 4bh")
    .replace(
        "lead-quality: { from: front-desk, to: marketing,",
        "lead-quality: { from: front-desk, to: [marketing, mara],",
    )
    .replace(
        "kpis: [response-time, treatment-value, nights-booked]",
        "kpis: [response-time, treatment-value, nights-booked, conversion, package-revenue]",
    )
}

pub(crate) const NEW_KPIS: &str = "  conversion: { title: Inquiries that book, owner: mara, unit: percent, target: \"20..30 %\", review: monthly }
  package-revenue: { title: Package revenue, owner: mara, target: \"≥ 1200 EUR\", review: monthly }
";

#[test]
fn the_language_additions_are_read_without_findings() {
    let text = with_additions(NEW_KPIS);
    let (status, findings) = check(&text);
    assert_eq!((status, findings.as_str()), (0, ""), "{text}");
}

#[test]
fn a_kpi_without_unit_takes_its_targets() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("p.yaml"), with_additions(NEW_KPIS)).unwrap();
    let output = smarketing_in(dir.path(), &["compile", "p.yaml"]);
    let compiled: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    let kpi = compiled["kpis"]
        .as_array()
        .unwrap()
        .iter()
        .find(|kpi| kpi["id"] == "package-revenue")
        .unwrap();
    assert_eq!(kpi["unit"], "EUR");
    assert_eq!(kpi["target"], ">= 1200 EUR");
    let field = &compiled["fields"][2];
    assert_eq!(field["options"]["golf-gti"], "Golf GTI");
}

#[test]
fn a_target_in_another_unit_than_its_kpi_is_an_error() {
    let kpis = "  conversion: { title: Inquiries that book, owner: mara, unit: percent, target: \">= 1200 EUR\", review: monthly }
  package-revenue: { title: Package revenue, owner: mara, unit: EUR, target: \">= 1200 CHF\", review: monthly }
";
    let (status, findings) = check(&with_additions(kpis));
    assert_eq!(status, 1, "{findings}");
    let mismatches = of_rule(&findings, "target-unit-mismatch");
    assert_eq!(mismatches.len(), 2, "{findings}");
    assert!(
        findings
            .contains("KPI `conversion` counts in percent, but its target `>= 1200 EUR` is in EUR"),
        "{findings}"
    );
    assert_eq!(findings.lines().count(), 2, "{findings}");
}

#[test]
fn mistakes_in_the_additions_are_each_one_finding() {
    let text = with_additions(NEW_KPIS)
        .replace("Europe/Vienna", "Europe/Wien")
        .replace("\"08:30-17:00\"", "\"17:00-08:30\"")
        .replace("sla: 4bh", "sla: 1d 4bh")
        .replace("day: tue,", "day: first tuesday,")
        .replace("day: first monday,", "day: monday,")
        .replace("{ time: \"08:45\"", "{ day: mon, time: \"08:45\"")
        .replace("vw-id4: VW ID.4", "Golf GTI: VW ID.4")
        .replace("type: url,", "type: url, currency: EUR,")
        .replace("\"12000 EUR\"", "\"12000 euros\"")
        .replace("\"20..30 %\"", "\"30..20 %\"");
    let (status, findings) = check(&text);
    assert_eq!(status, 1, "{findings}");
    for expected in [
        "`Europe/Wien` is not a time zone",
        "the day closes before it opens",
        "mixes business time and calendar time",
        "meeting `weekly` meets weekly, but `first tuesday` is a day of the month",
        "meeting `monthly` meets monthly, but `monday` does not say which monday of the month",
        "meeting `standup` meets daily",
        "option `golf-gti` in field `cars` is the same id as `Golf GTI`",
        "field `website` has a `currency`",
        "`12000 euros` is not an amount of money",
        "the range runs from 30 down to 20",
    ] {
        assert!(
            findings.contains(expected),
            "{expected}\nnot in\n{findings}"
        );
    }
    assert_eq!(findings.lines().count(), 10, "{findings}");
}

#[test]
fn a_feedback_loop_to_several_parties_names_them_all_in_documents() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("p.yaml"), with_additions(NEW_KPIS)).unwrap();
    let output = smarketing_in(dir.path(), &["render", "p.yaml", "--out", "out"]);
    assert_eq!(code(&output), 0, "{}", crate::support::stderr(&output));
    let page = std::fs::read_to_string(dir.path().join("out/onboarding/frank.md")).unwrap();
    assert!(
        page.contains("Front desk → Marketing, Mara Keller"),
        "{page}"
    );
}

/// The independent JSON Schema validator (`../shared/conformance`) accepts a playbook that uses
/// every addition, as editors using the schema will.
#[test]
fn an_independent_validator_accepts_every_addition() {
    let Some(shared) = crate::support::shared() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("additions.yaml");
    std::fs::write(&file, with_additions(NEW_KPIS)).unwrap();
    let schema = crate::support::root().join("schemas/playbook.schema.json");
    let validated = std::process::Command::new(shared.join("conformance/run"))
        .arg("jsonschema")
        .arg(&schema)
        .arg(&file)
        .output()
        .unwrap();
    assert!(
        validated.status.success(),
        "{}{}",
        String::from_utf8_lossy(&validated.stdout),
        String::from_utf8_lossy(&validated.stderr)
    );
}

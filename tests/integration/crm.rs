//! `smarketing crm plan|apply --target hubspot` against a stateful stand-in for HubSpot
//! (`fake_hubspot`): a fresh portal, a second run, playbook edits, drift made in the portal,
//! `--prune`, a rate limit, a bad token, no token and an address that does not answer.

use crate::fake_hubspot::{FakeHubspot, TOKEN};
use crate::support::{code, root, stderr, stdout};
use serde_json::Value;
use std::path::Path;
use std::process::{Command, Output};

const PLAYBOOK: &str = "tests/fixtures/export/every-field-type.yaml";

/// A folder with the test playbook as `playbook.yaml`, after `edit`.
fn playbook(edit: impl FnOnce(String) -> String) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(root().join(PLAYBOOK)).unwrap();
    std::fs::write(dir.path().join("playbook.yaml"), edit(text)).unwrap();
    dir
}

fn rewrite(dir: &Path, edit: impl FnOnce(String) -> String) {
    let path = dir.join("playbook.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, edit(text)).unwrap();
}

fn crm(dir: &Path, base: &str, token: Option<&str>, args: &[&str]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_smarketing"));
    command
        .arg("crm")
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env("HUBSPOT_API_BASE", base)
        .env_remove("HUBSPOT_ACCESS_TOKEN");
    if let Some(token) = token {
        command.env("HUBSPOT_ACCESS_TOKEN", token);
    }
    command.output().unwrap()
}

fn plan(dir: &Path, fake: &FakeHubspot, extra: &[&str]) -> Output {
    let mut args = vec!["plan", "playbook.yaml", "--target", "hubspot"];
    args.extend(extra);
    crm(dir, &fake.base, Some(TOKEN), &args)
}

fn apply(dir: &Path, fake: &FakeHubspot, extra: &[&str]) -> Output {
    let mut args = vec!["apply", "playbook.yaml", "--target", "hubspot"];
    args.extend(extra);
    crm(dir, &fake.base, Some(TOKEN), &args)
}

fn json_plan(dir: &Path, fake: &FakeHubspot, extra: &[&str]) -> (i32, Value) {
    let mut args = vec!["--format", "json"];
    args.extend(extra);
    let output = plan(dir, fake, &args);
    let json = serde_json::from_str(&stdout(&output))
        .unwrap_or_else(|e| panic!("{e}: {}{}", stdout(&output), stderr(&output)));
    (code(&output), json)
}

fn changes(plan: &Value) -> Vec<String> {
    plan["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            format!(
                "{} {} {}/{}",
                c["action"].as_str().unwrap(),
                c["kind"].as_str().unwrap(),
                c["object"].as_str().unwrap(),
                c["name"].as_str().unwrap()
            )
        })
        .collect()
}

fn assert_code(output: &Output, expected: i32) {
    assert_eq!(
        code(output),
        expected,
        "stdout:\n{}\nstderr:\n{}",
        stdout(output),
        stderr(output)
    );
}

/// A portal synced with the test playbook.
fn synced() -> (FakeHubspot, tempfile::TempDir) {
    let fake = FakeHubspot::start();
    let dir = playbook(|t| t);
    assert_code(&apply(dir.path(), &fake, &[]), 0);
    (fake, dir)
}

#[test]
fn a_fresh_portal_is_planned_applied_and_then_matches() {
    let fake = FakeHubspot::start();
    let dir = playbook(|t| t);
    let (status, first) = json_plan(dir.path(), &fake, &[]);
    assert_eq!(status, 1);
    assert_eq!(first["version"], 1);
    assert_eq!(first["target"], "hubspot");
    let listed = changes(&first);
    for expected in [
        "create group contacts/smarketing",
        "create property contacts/nickname",
        "create property contacts/interests",
        "create property deals/trade_in",
        "create property companies/fleet_site",
        "update option contacts/lifecyclestage/lead",
        "create option contacts/hs_lead_status/TEST_DRIVE",
        "create pipeline deals/cars",
    ] {
        assert!(
            listed.contains(&expected.to_owned()),
            "{expected} in {listed:#?}"
        );
    }
    // Fields that mean HubSpot's own properties are mapped, never created.
    for field in ["work_email", "mobile"] {
        assert!(
            !listed.iter().any(|c| c.ends_with(&format!("/{field}"))),
            "{listed:#?}"
        );
    }
    assert_eq!(fake.writes(), 0, "plan never writes");

    let applied = apply(dir.path(), &fake, &[]);
    assert_code(&applied, 0);
    assert!(
        stdout(&applied).contains("the portal matches the playbook"),
        "{}",
        stdout(&applied)
    );
    let writes = fake.writes();
    assert!(writes > 0);
    fake.with(|state| {
        assert!(
            state.invalid.is_empty(),
            "bodies HubSpot's OpenAPI refuses: {:#?}",
            state.invalid
        );
        let trade_in = state.property("deals", "trade_in").unwrap();
        assert_eq!(trade_in["numberDisplayHint"], "currency");
        assert_eq!(trade_in["showCurrencySymbol"], true);
        let interests = state.property("contacts", "interests").unwrap();
        assert_eq!(interests["fieldType"], "checkbox");
        assert_eq!(interests["options"][0]["label"], "VW ID.4");
        // HubSpot's default options are all still there.
        let lifecycle = state.option_values("contacts", "lifecyclestage");
        for value in ["subscriber", "lead", "opportunity", "evangelist", "other"] {
            assert!(lifecycle.contains(&value.to_owned()), "{lifecycle:?}");
        }
        let status = state.option_values("contacts", "hs_lead_status");
        for value in [
            "NEW",
            "OPEN",
            "IN_PROGRESS",
            "BAD_TIMING",
            "INQUIRY",
            "TEST_DRIVE",
        ] {
            assert!(status.contains(&value.to_owned()), "{status:?}");
        }
        let cars = state.pipelines.iter().find(|p| p["id"] == "cars").unwrap();
        let delivered = cars["stages"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["id"] == "delivered")
            .unwrap();
        assert_eq!(delivered["metadata"]["isClosed"], "true");
        assert_eq!(delivered["metadata"]["probability"], "1.0");
    });

    // The lead status PATCH sends HubSpot's options along with the playbook's: a PATCH replaces
    // the whole list.
    let patch = fake.with(|state| {
        state
            .requests
            .iter()
            .find(|r| r.method == "PATCH" && r.path.ends_with("/hs_lead_status"))
            .map(|r| r.body.clone())
            .unwrap()
    });
    let sent: Vec<&str> = patch["options"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["value"].as_str().unwrap())
        .collect();
    assert_eq!(&sent[..2], ["NEW", "OPEN"], "{sent:?}");
    assert!(sent.contains(&"INQUIRY"), "{sent:?}");

    let again = plan(dir.path(), &fake, &[]);
    assert_code(&again, 0);
    assert!(stdout(&again).contains("No changes"), "{}", stdout(&again));
    let (status, json) = json_plan(dir.path(), &fake, &[]);
    assert_eq!(status, 0);
    assert_eq!(json["changes"], serde_json::json!([]));

    assert_code(&apply(dir.path(), &fake, &[]), 0);
    assert_eq!(fake.writes(), writes, "a second apply sends no write");
}

#[test]
fn four_playbook_edits_are_planned_and_applied_exactly() {
    let (fake, dir) = synced();
    rewrite(dir.path(), |t| {
        t.replace("label: Nickname", "label: Called")
            .replace("t-roc: T-Roc }", "t-roc: T-Roc, tayron: Tayron }")
            .replace(
                "{ id: offer, title: Offer, probability: 0.3 }",
                "{ id: offer, title: Offer, probability: 0.35 }",
            )
            .replace(
                "fields:\n",
                "fields:\n  loyalty: { label: Loyalty, type: number, captured_by: sales }\n",
            )
    });
    let (status, json) = json_plan(dir.path(), &fake, &[]);
    assert_eq!(status, 1);
    assert_eq!(
        changes(&json),
        [
            "create property contacts/loyalty",
            "update property contacts/nickname",
            "create option contacts/interests/tayron",
            "update stage deals/cars/offer",
        ]
    );
    let nickname = &json["changes"][1];
    assert_eq!(
        nickname["before"],
        serde_json::json!({ "label": "Nickname" })
    );
    assert_eq!(nickname["after"], serde_json::json!({ "label": "Called" }));
    assert_eq!(json["changes"][3]["after"]["probability"], 0.35);
    let text = stdout(&plan(dir.path(), &fake, &[]));
    assert!(
        text.contains("~ update property contacts/nickname: label \"Nickname\" → \"Called\""),
        "{text}"
    );
    assert!(
        text.contains("Plan: 2 to create, 2 to update, 0 to archive."),
        "{text}"
    );
    assert_code(&apply(dir.path(), &fake, &[]), 0);
    assert_code(&plan(dir.path(), &fake, &[]), 0);
    fake.with(|state| assert!(state.invalid.is_empty(), "{:#?}", state.invalid));
}

#[test]
fn drift_in_the_portal_is_detected_and_repaired() {
    let (fake, dir) = synced();
    fake.with(|state| {
        let property = state.property_mut("contacts", "source").unwrap();
        property["label"] = "Lead source".into();
        property["options"]
            .as_array_mut()
            .unwrap()
            .retain(|o| o["value"] != "fair");
        let lifecycle = state.property_mut("contacts", "lifecyclestage").unwrap();
        lifecycle["options"][1]["label"] = "Lead".into();
    });
    let (status, json) = json_plan(dir.path(), &fake, &[]);
    assert_eq!(status, 1);
    assert_eq!(
        changes(&json),
        [
            "update property contacts/source",
            "create option contacts/source/fair",
            "update option contacts/lifecyclestage/lead",
        ]
    );
    assert_code(&apply(dir.path(), &fake, &[]), 0);
    assert_code(&plan(dir.path(), &fake, &[]), 0);
}

#[test]
fn nothing_is_archived_without_prune() {
    let (fake, dir) = synced();
    rewrite(dir.path(), |t| {
        t.replace("  nickname: { label: Nickname, type: string, captured_by: marketing }\n", "")
            .replace("    options: [fair, website, walk-in]", "    options: [fair, website]")
            .replace("    - { id: qualified, title: Qualified, owner: marketing, crm: marketingqualifiedlead }\n", "")
    });
    let leftover = plan(dir.path(), &fake, &[]);
    assert_code(&leftover, 0);
    let text = stdout(&leftover);
    assert!(
        text.contains("leftover: contacts property `nickname`"),
        "{text}"
    );
    assert!(text.contains("leftover: option `walk-in`"), "{text}");
    assert!(text.contains("leftover: option `QUALIFIED`"), "{text}");

    let writes = fake.writes();
    assert_code(&apply(dir.path(), &fake, &[]), 0);
    assert_eq!(fake.writes(), writes);
    assert!(fake.with(|s| s.property("contacts", "nickname").is_some()));

    let (status, json) = json_plan(dir.path(), &fake, &["--prune"]);
    assert_eq!(status, 1);
    assert_eq!(
        changes(&json),
        [
            "archive option contacts/source/walk-in",
            "archive property contacts/nickname",
            "archive option contacts/hs_lead_status/QUALIFIED",
        ]
    );
    assert_code(&apply(dir.path(), &fake, &["--prune"]), 0);
    fake.with(|state| {
        assert!(state.property("contacts", "nickname").is_none());
        let status = state.option_values("contacts", "hs_lead_status");
        assert!(!status.contains(&"QUALIFIED".to_owned()));
        // HubSpot's defaults are never pruned.
        for value in ["NEW", "OPEN", "BAD_TIMING"] {
            assert!(status.contains(&value.to_owned()), "{status:?}");
        }
        assert_eq!(state.option_values("contacts", "lifecyclestage").len(), 8);
        assert!(state.invalid.is_empty(), "{:#?}", state.invalid);
    });
    assert_code(&plan(dir.path(), &fake, &["--prune"]), 0);
}

#[test]
fn a_type_change_is_refused_and_nothing_is_sent() {
    let (fake, dir) = synced();
    rewrite(dir.path(), |t| {
        t.replace(
            "test_drives: { label: Test drives, type: number",
            "test_drives: { label: Test drives, type: string",
        )
    });
    let planned = plan(dir.path(), &fake, &[]);
    assert_code(&planned, 1);
    assert!(stdout(&planned).contains("refused: contacts property `test_drives` is of type `number` in HubSpot and `string` in the playbook"), "{}", stdout(&planned));
    let writes = fake.writes();
    assert_code(&apply(dir.path(), &fake, &[]), 1);
    assert_eq!(fake.writes(), writes);
}

#[test]
fn a_rate_limit_is_waited_out() {
    let fake = FakeHubspot::start();
    let dir = playbook(|t| t);
    fake.with(|state| state.rate_limited = 2);
    let applied = apply(dir.path(), &fake, &[]);
    assert_code(&applied, 0);
    assert_eq!(fake.with(|s| s.rate_limited), 0);
    assert_code(&plan(dir.path(), &fake, &[]), 0);
}

#[test]
fn a_bad_token_ends_in_exit_2_with_the_scopes_and_nothing_written() {
    let fake = FakeHubspot::start();
    let dir = playbook(|t| t);
    let secret = "pat-wrong-secret-token";
    let output = crm(
        dir.path(),
        &fake.base,
        Some(secret),
        &["apply", "playbook.yaml", "--target", "hubspot"],
    );
    assert_code(&output, 2);
    let err = stderr(&output);
    assert!(err.contains("401"), "{err}");
    assert!(err.contains("INVALID_AUTHENTICATION"), "{err}");
    assert!(err.contains("correlationId"), "{err}");
    assert!(err.contains("crm.schemas.contacts.write"), "{err}");
    assert!(!err.contains(secret) && !stdout(&output).contains(secret));
    assert_eq!(fake.writes(), 0);
}

#[test]
fn no_token_ends_in_exit_2_naming_the_variable() {
    let dir = playbook(|t| t);
    let output = crm(
        dir.path(),
        "http://127.0.0.1:9",
        None,
        &["plan", "playbook.yaml", "--target", "hubspot"],
    );
    assert_code(&output, 2);
    assert!(
        stderr(&output).contains("HUBSPOT_ACCESS_TOKEN"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn an_unreachable_address_ends_in_exit_2_quickly() {
    let dir = playbook(|t| t);
    // A port nothing listens on: taken, then freed.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let started = std::time::Instant::now();
    let output = crm(
        dir.path(),
        &format!("http://127.0.0.1:{port}"),
        Some(TOKEN),
        &["plan", "playbook.yaml", "--target", "hubspot"],
    );
    assert_code(&output, 2);
    assert!(started.elapsed() < std::time::Duration::from_secs(45));
    assert!(
        stderr(&output).contains("could not be reached"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn a_playbook_hubspot_cannot_hold_is_refused_before_any_request() {
    let fake = FakeHubspot::start();
    let dir = playbook(|t| t.replace("crm: lead }", "crm: leed }"));
    let output = plan(dir.path(), &fake, &[]);
    assert_code(&output, 1);
    assert!(
        stderr(&output).contains("did you mean `lead`?"),
        "{}",
        stderr(&output)
    );
    assert!(fake.with(|s| s.requests.is_empty()));
}

#[test]
fn a_server_error_is_retried() {
    let fake = FakeHubspot::start();
    let dir = playbook(|t| t);
    fake.with(|state| state.unavailable = 2);
    assert_code(&apply(dir.path(), &fake, &[]), 0);
    assert_code(&plan(dir.path(), &fake, &[]), 0);
}

#[test]
fn the_daily_limit_ends_the_run_with_a_message() {
    let fake = FakeHubspot::start();
    let dir = playbook(|t| t);
    fake.with(|state| state.daily_limit = true);
    let output = apply(dir.path(), &fake, &[]);
    assert_code(&output, 2);
    assert!(
        stderr(&output).contains("daily API limit"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn failed_items_of_a_batch_are_reported_with_what_was_applied() {
    let fake = FakeHubspot::start();
    let dir = playbook(|t| t);
    fake.with(|state| state.failing = vec!["notes".to_owned()]);
    let output = apply(dir.path(), &fake, &[]);
    assert_code(&output, 1);
    let err = stderr(&output);
    assert!(
        err.contains("an item failed: VALIDATION_ERROR Property notes cannot be created"),
        "{err}"
    );
    assert!(err.contains("1 of "), "{err}");
    assert!(
        stdout(&output).contains("applied: + create group contacts/smarketing"),
        "{}",
        stdout(&output)
    );
}

#[test]
fn an_archived_name_is_refused_and_plan_prints_what_it_would_do() {
    let fake = FakeHubspot::start();
    let dir = playbook(|t| t);
    fake.with(|state| {
        state.properties.push((
            "contacts".to_owned(),
            serde_json::json!({ "name": "nickname", "label": "Nickname", "type": "string", "fieldType": "text", "groupName": "smarketing", "description": "", "options": [], "archived": true }),
        ));
    });
    let output = plan(dir.path(), &fake, &[]);
    assert_code(&output, 1);
    let text = stdout(&output);
    assert!(
        text.contains("refused: contacts property `nickname` is archived in HubSpot"),
        "{text}"
    );
    assert!(
        text.contains("+ create property contacts/notes \"Notes\""),
        "{text}"
    );
    assert!(
        text.contains("~ update option contacts/lifecyclestage/lead: label \"Lead\" → \"Inquiry\""),
        "{text}"
    );
    assert!(
        text.contains("= field `mobile` uses HubSpot's contacts property `mobilephone`"),
        "{text}"
    );
    let writes = fake.writes();
    assert_code(&apply(dir.path(), &fake, &[]), 1);
    assert_eq!(fake.writes(), writes);
}

//! `meetings.ics`: its shape (CRLF, folding, one event per meeting with `when`), snapshots, and
//! what an independent parser (Python's icalendar and recurring-ical-events, `tests/ical/run`)
//! reads from it: for every cadence the occurrences, the time zone's offsets in winter and
//! summer (also from the file's own VTIMEZONE alone), the duration and the attendees.

use crate::support::{code, root, smarketing, stderr, stdout};
use serde_json::Value;
use std::path::Path;
use std::process::Command;

const FIXTURE: &str = "tests/fixtures/ics/cadences.yaml";

/// Set by CI, where the parser must run: then a missing Python is a failure, not a skip.
const REQUIRED: &str = "SMARKETING_REQUIRE_ICAL_PARSER";

/// Renders `playbook` into `dir` and returns its calendar's bytes, if it wrote one.
fn render(dir: &Path, playbook: &str) -> Option<Vec<u8>> {
    let out = dir.to_string_lossy().into_owned();
    let output = smarketing(&["render", playbook, "--out", &out]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    std::fs::read(dir.join("meetings.ics")).ok()
}

fn calendar(playbook: &str) -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let bytes = render(dir.path(), playbook).expect("meetings.ics is written");
    (dir, String::from_utf8(bytes).expect("UTF-8"))
}

/// Tests run in parallel, and the first run prepares the Python environment: one at a time, so
/// that two do not install into the same folder at once.
static PARSER: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// What the independent parser read, or `None` (with a note) where Python cannot be had.
fn parsed(file: &Path) -> Option<Value> {
    let _one_at_a_time = PARSER
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    let required = std::env::var_os(REQUIRED).is_some();
    let skip = |why: String| {
        assert!(!required, "{REQUIRED} is set, but {why}");
        eprintln!(
            "note: {why}, so meetings.ics is not read by an independent iCalendar parser (skipped)"
        );
        None
    };
    if Command::new("python3").arg("--version").output().is_err() {
        return skip("python3 is absent".into());
    }
    let output = match Command::new(root().join("tests/ical/run"))
        .arg(file)
        .output()
    {
        Ok(output) => output,
        Err(error) => return skip(format!("tests/ical/run cannot be started: {error}")),
    };
    let err = String::from_utf8_lossy(&output.stderr);
    if !output.status.success() {
        // Only a failure to prepare the environment is a reason to skip; a parser that rejects
        // the file is a failure.
        if err.contains("Traceback") && err.contains("read.py") {
            panic!("the iCalendar parser rejects the file:\n{err}");
        }
        return skip(format!(
            "the Python environment could not be prepared:\n{err}"
        ));
    }
    Some(serde_json::from_slice(&output.stdout).expect("the reader prints JSON"))
}

#[test]
fn the_file_is_crlf_folded_and_has_one_event_per_scheduled_meeting() {
    let (_dir, text) = calendar(FIXTURE);
    assert!(
        text.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"),
        "{text}"
    );
    assert!(text.ends_with("END:VCALENDAR\r\n"));
    assert!(!text.replace("\r\n", "").contains('\n'), "a bare LF");
    assert!(!text.replace("\r\n", "").contains('\r'), "a bare CR");
    for line in text.split_terminator("\r\n") {
        assert!(line.len() <= 75, "{} octets: {line}", line.len());
    }
    // The kick-off's description is longer than one line.
    assert!(text.contains("\r\n "), "no line was folded");
    // Eleven meetings say `when`; `unplanned` does not.
    assert_eq!(text.matches("BEGIN:VEVENT").count(), 11);
    assert!(text.contains("UID:pipeline@cadences.smarketing\r\n"));
    assert!(!text.contains("unplanned"));
    assert_eq!(text.matches("BEGIN:VTIMEZONE").count(), 1);
    // Nothing in it depends on the day it was made.
    assert!(text.contains("DTSTAMP:20270101T000000Z\r\n"));
}

#[test]
fn the_calendar_of_every_cadence() {
    let (_dir, text) = calendar(FIXTURE);
    insta::assert_snapshot!("cadences-meetings.ics", text.replace("\r\n", "\n"));
}

#[test]
fn render_check_compares_the_calendar_too() {
    let dir = tempfile::tempdir().unwrap();
    render(dir.path(), FIXTURE).unwrap();
    let out = dir.path().to_string_lossy().into_owned();
    let check = smarketing(&["render", FIXTURE, "--out", &out, "--check"]);
    assert_eq!(code(&check), 0, "{}", stderr(&check));
    std::fs::write(dir.path().join("meetings.ics"), "edited").unwrap();
    let check = smarketing(&["render", FIXTURE, "--out", &out, "--check"]);
    assert_ne!(code(&check), 0);
    let said = format!("{}{}", stdout(&check), stderr(&check));
    assert!(said.contains("meetings.ics"), "{said}");
}

#[test]
fn no_calendar_without_a_meeting_that_says_when() {
    let dir = tempfile::tempdir().unwrap();
    assert!(render(dir.path(), "playbooks/b2b-saas.yaml").is_none());
}

#[test]
fn without_a_calendar_times_are_utc() {
    let dir = tempfile::tempdir().unwrap();
    let playbook = dir.path().join("p.yaml");
    std::fs::write(
        &playbook,
        "version: 1\nplaybook: p\nteams:\n  a: { name: A, lead: ann }\n  b: { name: B, lead: bo }\n\
         people:\n  ann: { name: Ann, team: a }\n  bo: { name: Bo, team: b }\n\
         goals:\n  g: { title: G, owners: [a, b], kpis: [k] }\n\
         kpis:\n  k: { title: K, owner: ann, target: \">= 1\", review: weekly }\ncontacts:\n  k: ann\n\
         meetings:\n  m:\n    title: M\n    cadence: weekly\n    owner: ann\n    attendees: [a, b]\n    reviews: [k]\n\
         \x20   when: { day: friday, time: \"16:00\", duration: 1h }\n",
    )
    .unwrap();
    let out = dir.path().join("out");
    let bytes = render(&out, &playbook.to_string_lossy()).expect("meetings.ics is written");
    let text = String::from_utf8(bytes).unwrap();
    assert!(!text.contains("VTIMEZONE"), "{text}");
    // No dates in the playbook: the meetings start in the first week of 2026.
    assert!(text.contains("DTSTART:20260102T160000Z\r\n"), "{text}");
    assert!(
        text.contains("ORGANIZER;CN=Ann:urn:smarketing:p:ann\r\n"),
        "{text}"
    );
    assert!(
        text.contains("ATTENDEE;CN=Bo:urn:smarketing:p:bo\r\n"),
        "{text}"
    );
    let Some(read) = parsed(&out.join("meetings.ics")) else {
        return;
    };
    let event = &read["as_written"]["events"]["m@p.smarketing"];
    assert_eq!(event["start"], "2026-01-02T16:00:00+00:00");
    assert_eq!(event["occurrences"][0], "2027-01-01T16:00:00+00:00");
}

/// The events as read, without the name of their time zone (which the second reading renames).
fn without_tzid(read: &Value) -> Value {
    let mut events = read["events"].clone();
    for event in events.as_object_mut().unwrap().values_mut() {
        event.as_object_mut().unwrap().remove("tzid");
    }
    events
}

/// The occurrences the parser expanded for one event.
fn occurrences(event: &Value) -> Vec<&str> {
    event["occurrences"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o.as_str().unwrap())
        .collect()
}

fn attendees(event: &Value) -> Vec<(String, String)> {
    event["attendees"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a["cn"].as_str().unwrap_or_default().to_owned(),
                a["address"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

#[test]
fn an_independent_parser_reads_every_cadence() {
    let dir = tempfile::tempdir().unwrap();
    let text = String::from_utf8(render(dir.path(), FIXTURE).unwrap()).unwrap();
    let Some(read) = parsed(&dir.path().join("meetings.ics")) else {
        return;
    };
    // The file's own VTIMEZONE gives the same moments as the time zone database.
    assert_eq!(
        without_tzid(&read["as_written"]),
        without_tzid(&read["by_its_own_vtimezone"])
    );
    assert_eq!(read["as_written"]["timezones"][0], "Europe/Vienna");
    let events = &read["by_its_own_vtimezone"]["events"];
    let event = |id: &str| &events[format!("{id}@cadences.smarketing")];
    let first = |id: &str, n: usize| occurrences(event(id))[..n].to_vec();

    // Daily on the working days (Monday to Thursday), not on the holiday of January 6.
    assert_eq!(
        first("standup", 5),
        [
            "2027-01-04T08:45:00+01:00",
            "2027-01-05T08:45:00+01:00",
            "2027-01-07T08:45:00+01:00",
            "2027-01-11T08:45:00+01:00",
            "2027-01-12T08:45:00+01:00",
        ]
    );
    assert_eq!(event("standup")["duration_minutes"], 15);
    assert_eq!(event("standup")["location"], "Microsoft Teams");

    // Weekly on Monday, in winter and in summer time.
    let pipeline = occurrences(event("pipeline"));
    assert_eq!(
        pipeline[..2],
        ["2027-01-04T09:30:00+01:00", "2027-01-11T09:30:00+01:00"]
    );
    assert!(pipeline.contains(&"2027-03-22T09:30:00+01:00"));
    assert!(pipeline.contains(&"2027-03-29T09:30:00+02:00"));
    assert!(pipeline.contains(&"2027-07-05T09:30:00+02:00"));
    assert!(pipeline.contains(&"2027-11-01T09:30:00+01:00"));
    assert_eq!(pipeline.len(), 104);
    assert_eq!(event("pipeline")["duration_minutes"], 45);
    assert_eq!(event("pipeline")["summary"], "Pipeline review");
    assert_eq!(
        event("pipeline")["location"],
        "Room 1, ground floor; next to the bar"
    );
    assert_eq!(
        event("pipeline")["description"],
        "Agenda:\n- New inquiries\n- Lost deals, with reasons\n\nKPIs reviewed:\n- Bookings; all channels"
    );
    assert_eq!(event("pipeline")["organizer"]["cn"], "Anna Berger");
    assert_eq!(
        event("pipeline")["organizer"]["address"],
        "mailto:anna.berger@example.com"
    );
    // The teams' people; the organizer is not invited to her own meeting.
    assert_eq!(
        attendees(event("pipeline")),
        [
            (
                "Carl Öztürk, Jr.".into(),
                "urn:smarketing:cadences:carl".into()
            ),
            ("Ben Novak".into(), "mailto:ben@example.com".into()),
        ]
    );

    // Fortnightly: every other Wednesday; the first falls on a holiday and is left out.
    assert_eq!(event("sync")["start"], "2027-01-06T11:00:00+01:00");
    assert_eq!(
        first("sync", 3),
        [
            "2027-01-20T11:00:00+01:00",
            "2027-02-03T11:00:00+01:00",
            "2027-02-17T11:00:00+01:00",
        ]
    );
    // Biweekly from `starts`.
    assert_eq!(
        first("one-on-one", 3),
        [
            "2027-02-04T16:00:00+01:00",
            "2027-02-18T16:00:00+01:00",
            "2027-03-04T16:00:00+01:00",
        ]
    );
    assert_eq!(event("one-on-one")["duration_minutes"], 60);

    // Monthly on the first Thursday; May 6 is a holiday.
    let revenue = first("revenue", 6);
    assert_eq!(
        revenue,
        [
            "2027-01-07T14:00:00+01:00",
            "2027-02-04T14:00:00+01:00",
            "2027-03-04T14:00:00+01:00",
            "2027-04-01T14:00:00+02:00",
            "2027-06-03T14:00:00+02:00",
            "2027-07-01T14:00:00+02:00",
        ]
    );
    assert_eq!(event("revenue")["duration_minutes"], 90);
    // Monthly on the last Friday, owned by a team.
    assert_eq!(
        first("month-end", 4),
        [
            "2027-01-29T15:00:00+01:00",
            "2027-02-26T15:00:00+01:00",
            "2027-03-26T15:00:00+01:00",
            "2027-04-30T15:00:00+02:00",
        ]
    );
    assert!(occurrences(event("month-end")).contains(&"2027-12-31T15:00:00+01:00"));
    assert_eq!(event("month-end")["organizer"]["cn"], "Sales");
    assert_eq!(
        attendees(event("month-end")),
        [
            (
                "Anna Berger".into(),
                "mailto:anna.berger@example.com".into()
            ),
            (
                "Carl Öztürk, Jr.".into(),
                "urn:smarketing:cadences:carl".into()
            ),
        ]
    );
    // Monthly on the 15th.
    assert_eq!(
        first("mid-month", 3),
        [
            "2027-01-15T10:00:00+01:00",
            "2027-02-15T10:00:00+01:00",
            "2027-03-15T10:00:00+01:00",
        ]
    );
    // Quarterly on the first Tuesday, with a team that has no people invited as a group.
    assert_eq!(
        first("quarterly", 5),
        [
            "2027-01-05T13:00:00+01:00",
            "2027-04-06T13:00:00+02:00",
            "2027-07-06T13:00:00+02:00",
            "2027-10-05T13:00:00+02:00",
            "2028-01-04T13:00:00+01:00",
        ]
    );
    assert_eq!(event("quarterly")["duration_minutes"], 180);
    let board = &event("quarterly")["attendees"].as_array().unwrap()[2];
    assert_eq!(board["cn"], "Advisory board");
    assert_eq!(board["cutype"], "GROUP");
    // Half-yearly on the 10th, a day long.
    assert_eq!(
        occurrences(event("half-yearly")),
        [
            "2027-01-10T09:00:00+01:00",
            "2027-07-10T09:00:00+02:00",
            "2028-01-10T09:00:00+01:00",
            "2028-07-10T09:00:00+02:00",
        ]
    );
    assert_eq!(event("half-yearly")["duration_minutes"], 24 * 60);
    // Yearly on the last Friday of November, all day.
    assert_eq!(occurrences(event("yearly")), ["2027-11-26", "2028-11-24"]);
    // Once, on its `starts`.
    assert_eq!(
        occurrences(event("kick-off")),
        ["2027-01-11T09:00:00+01:00"]
    );
    assert!(
        event("kick-off")["description"]
            .as_str()
            .unwrap()
            .ends_with("your numbers.\nA second line.")
    );

    for (id, rule) in [
        ("standup", "FREQ=DAILY;BYDAY=MO,TU,WE,TH"),
        ("pipeline", "FREQ=WEEKLY;BYDAY=MO"),
        ("sync", "FREQ=WEEKLY;INTERVAL=2;BYDAY=WE"),
        ("revenue", "FREQ=MONTHLY;BYDAY=1TH"),
        ("month-end", "FREQ=MONTHLY;BYDAY=-1FR"),
        ("mid-month", "FREQ=MONTHLY;BYMONTHDAY=15"),
        ("quarterly", "FREQ=MONTHLY;INTERVAL=3;BYDAY=1TU"),
        ("half-yearly", "FREQ=MONTHLY;INTERVAL=6;BYMONTHDAY=10"),
        ("yearly", "FREQ=YEARLY;BYMONTH=11;BYDAY=-1FR"),
    ] {
        // As written: the parser may write the parts of a rule in another order.
        assert!(
            text.contains(&format!("UID:{id}@cadences.smarketing\r\n"))
                && text.contains(&format!("RRULE:{rule}\r\n")),
            "{id}: {rule}"
        );
        if id == "yearly" {
            continue;
        }
        assert_eq!(event(id)["rrule"], rule, "{id}");
        assert_eq!(event(id)["tzid"], "Smarketing-Test/Renamed", "{id}");
    }
}

#[test]
fn the_hotel_calendar_reads_back() {
    let dir = tempfile::tempdir().unwrap();
    render(dir.path(), "playbooks/hotel-seeblick/playbook.yaml").unwrap();
    let Some(read) = parsed(&dir.path().join("meetings.ics")) else {
        return;
    };
    assert_eq!(
        without_tzid(&read["as_written"]),
        without_tzid(&read["by_its_own_vtimezone"])
    );
    let events = &read["as_written"]["events"];
    let weekly = &events["weekly-smarketing@hotel-seeblick.smarketing"];
    assert_eq!(weekly["start"], "2027-01-05T09:30:00+01:00");
    assert_eq!(weekly["duration_minutes"], 45);
    // Every person of both teams but the organizer, with their email.
    let invited = attendees(weekly);
    assert!(
        invited
            .iter()
            .all(|(_, address)| address.starts_with("mailto:"))
    );
    assert!(!invited.iter().any(|(name, _)| name == "Julia Brandstetter"));
    // The first Thursday of May 2027 is Ascension Day.
    let monthly = occurrences(&events["monthly-revenue@hotel-seeblick.smarketing"]);
    assert!(!monthly.iter().any(|o| o.starts_with("2027-05-")));
    assert!(monthly.contains(&"2027-06-03T14:00:00+02:00"));
}

//! `meetings.ics`: the playbook's meetings as an iCalendar file (RFC 5545), so that people put
//! them into Outlook, Google Calendar or any other calendar by importing one file.
//!
//! One event per meeting that says `when`: the cadence becomes an RRULE, the first meeting is
//! written in the calendar's time zone with that zone's VTIMEZONE (in UTC without a calendar),
//! the owner is the organizer and the attendees' teams are resolved to their people, with their
//! email where the playbook has one. Nothing depends on the day of rendering, so the same
//! playbook always gives the same bytes and `render --check` stays exact.
//!
//! Written by hand rather than with an iCalendar crate: the file needs content lines, escaping
//! and folding ([`lines`]), a VTIMEZONE made from jiff's time zone database ([`timezone`]) and
//! the recurrence ([`recurrence`]), and the crates that write iCalendar bring a second date
//! library and leave the VTIMEZONE to the caller.

mod lines;
mod recurrence;
mod timezone;

use crate::compile::texts::text;
use crate::model::calendar::civil_date;
use crate::model::values::Duration;
use crate::model::values::Language;
use crate::model::{Meeting, Playbook};
use jiff::civil;
use lines::Lines;
use recurrence::Schedule;

/// Where the calendar goes in the output folder.
pub const PATH: &str = "meetings.ics";

/// The days a daily meeting is held when the calendar names no working days.
const DEFAULT_WORKING_DAYS: [civil::Weekday; 5] = [
    civil::Weekday::Monday,
    civil::Weekday::Tuesday,
    civil::Weekday::Wednesday,
    civil::Weekday::Thursday,
    civil::Weekday::Friday,
];

/// The calendar of the playbook's meetings, or `None` when no meeting says `when`.
pub fn meetings(playbook: &Playbook, language: Language) -> Option<String> {
    let scheduled: Vec<_> = playbook
        .meetings
        .iter()
        .filter_map(|meeting| Some((meeting, meeting.value.when.as_ref()?)))
        .collect();
    if scheduled.is_empty() {
        return None;
    }
    let calendar = playbook.calendar.as_ref();
    let zone = calendar
        .and_then(|c| c.timezone.as_ref())
        .and_then(|name| Some((name.value.as_str(), name.value.time_zone()?)));
    let working_days: Vec<civil::Weekday> = match calendar.and_then(|c| c.working_days.as_ref()) {
        Some(days) => days.iter().map(|day| day.value.civil()).collect(),
        None => DEFAULT_WORKING_DAYS.to_vec(),
    };
    let mut holidays: Vec<civil::Date> = calendar
        .iter()
        .flat_map(|c| c.holidays.iter())
        .filter_map(|day| civil_date(day.value))
        .collect();
    holidays.sort();
    holidays.dedup();
    let reference = recurrence::reference_date(playbook);
    let playbook_id = playbook
        .id
        .as_ref()
        .map_or("playbook", |id| id.value.as_str());

    let events: Vec<Event<'_>> = scheduled
        .into_iter()
        .map(|(meeting, when)| {
            let from = when
                .starts
                .as_ref()
                .and_then(|date| civil_date(date.value))
                .unwrap_or(reference);
            Event {
                id: meeting.id.value.as_str(),
                meeting: &meeting.value,
                schedule: Schedule::new(
                    meeting.value.cadence.as_ref().map(|c| c.value),
                    when.day.as_ref().map(|d| d.value),
                    from,
                    &working_days,
                ),
                minutes: when.time.as_ref().map(|t| t.value.0),
                duration: when.duration.as_ref().map(|d| d.value),
            }
        })
        .collect();

    let mut lines = Lines::default();
    lines.raw("BEGIN", &[], "VCALENDAR");
    lines.raw("VERSION", &[], "2.0");
    lines.raw("PRODID", &[], "-//smarketing//meetings//EN");
    lines.raw("CALSCALE", &[], "GREGORIAN");
    lines.raw("METHOD", &[], "PUBLISH");
    if let Some(title) = &playbook.title {
        lines.text("X-WR-CALNAME", &[], &title.value);
    }
    let timed = events.iter().any(|event| event.minutes.is_some());
    if let Some((tzid, zone)) = &zone
        && timed
    {
        let first_year = events
            .iter()
            .map(|event| event.schedule.first.year())
            .min()
            .unwrap_or(reference.year());
        timezone::vtimezone(&mut lines, tzid, zone, first_year);
    }
    let context = Context {
        playbook,
        language,
        playbook_id,
        tzid: zone.as_ref().map(|(tzid, _)| *tzid),
        dtstamp: format!("{}T000000Z", date_text(reference)),
        holidays,
    };
    for event in &events {
        event.write(&mut lines, &context);
    }
    lines.raw("END", &[], "VCALENDAR");
    Some(lines.finish())
}

/// What every event of the file shares.
struct Context<'p> {
    playbook: &'p Playbook,
    /// The language of the words the file writes itself (headings in descriptions).
    language: Language,
    playbook_id: &'p str,
    /// The calendar's time zone; times are UTC without one.
    tzid: Option<&'p str>,
    /// When the file was made, as far as the file says: the reference date, never today.
    dtstamp: String,
    holidays: Vec<civil::Date>,
}

struct Event<'p> {
    id: &'p str,
    meeting: &'p Meeting,
    schedule: Schedule,
    /// The start time in minutes after midnight; without it the meeting takes the whole day.
    minutes: Option<u16>,
    duration: Option<Duration>,
}

fn date_text(date: civil::Date) -> String {
    format!("{:04}{:02}{:02}", date.year(), date.month(), date.day())
}

impl Event<'_> {
    /// The property parameters and value of a moment of this meeting on `date`: DTSTART and
    /// EXDATE write it the same way.
    fn moment(
        &self,
        date: civil::Date,
        context: &Context<'_>,
    ) -> (Vec<(&'static str, String)>, String) {
        let Some(minutes) = self.minutes else {
            return (vec![("VALUE", "DATE".to_owned())], date_text(date));
        };
        let at = date
            .to_datetime(civil::Time::midnight())
            .checked_add(jiff::Span::new().minutes(i64::from(minutes)))
            .unwrap_or(date.to_datetime(civil::Time::midnight()));
        let local = timezone::local_text(at);
        match context.tzid {
            Some(tzid) => (vec![("TZID", tzid.to_owned())], local),
            None => (Vec::new(), format!("{local}Z")),
        }
    }

    fn write(&self, lines: &mut Lines, context: &Context<'_>) {
        let meeting = self.meeting;
        let playbook = context.playbook;
        lines.raw("BEGIN", &[], "VEVENT");
        lines.text(
            "UID",
            &[],
            &format!("{}@{}.smarketing", self.id, context.playbook_id),
        );
        lines.raw("DTSTAMP", &[], &context.dtstamp);
        lines.text("SUMMARY", &[], meeting.title.value.trim());
        let (params, value) = self.moment(self.schedule.first, context);
        lines.raw("DTSTART", &borrowed(&params), &value);
        lines.raw("DURATION", &[], &self.duration_text());
        if let Some(rule) = self.schedule.rrule() {
            lines.raw("RRULE", &[], &rule);
        }
        let skipped: Vec<civil::Date> = context
            .holidays
            .iter()
            .copied()
            .filter(|day| self.schedule.occurs_on(*day))
            .collect();
        if let Some(first) = skipped.first() {
            let (params, _) = self.moment(*first, context);
            let values: Vec<String> = skipped
                .iter()
                .map(|day| self.moment(*day, context).1)
                .collect();
            lines.raw("EXDATE", &borrowed(&params), &values.join(","));
        }
        if let Some(location) = meeting
            .channel
            .as_ref()
            .and_then(|channel| location(playbook, channel.value.as_str()))
        {
            lines.text("LOCATION", &[], &location);
        }
        let description = description(playbook, meeting, context.language);
        if !description.is_empty() {
            lines.text("DESCRIPTION", &[], &description);
        }
        let organizer = meeting
            .owner
            .as_ref()
            .and_then(|owner| party(playbook, context.playbook_id, owner.value.as_str()));
        if let Some(organizer) = &organizer {
            lines.raw("ORGANIZER", &organizer.params(true), &organizer.address);
        }
        for attendee in attendees(playbook, context.playbook_id, meeting) {
            if organizer.as_ref().is_some_and(|o| o.id == attendee.id) {
                continue;
            }
            lines.raw("ATTENDEE", &attendee.params(false), &attendee.address);
        }
        lines.raw("END", &[], "VEVENT");
    }

    /// `PT45M`, `PT1H30M`, `P1D`; a meeting without a time takes a day, or the whole days its
    /// duration says. Business time counts as clock time here: a meeting lasts as long as it lasts.
    fn duration_text(&self) -> String {
        let duration = self.duration.unwrap_or_default();
        let days = u64::from(duration.weeks) * 7 + u64::from(duration.days);
        let minutes = u64::from(duration.hours) * 60 + u64::from(duration.minutes);
        if self.minutes.is_none() {
            return format!("P{}D", if minutes == 0 { days.max(1) } else { days + 1 });
        }
        let mut text = String::from("P");
        if days > 0 {
            text.push_str(&format!("{days}D"));
        }
        if minutes > 0 || days == 0 {
            text.push('T');
            if minutes / 60 > 0 {
                text.push_str(&format!("{}H", minutes / 60));
            }
            if minutes % 60 > 0 || minutes == 0 {
                text.push_str(&format!("{}M", minutes % 60));
            }
        }
        text
    }
}

fn borrowed<'a>(params: &'a [(&'static str, String)]) -> Vec<(&'static str, &'a str)> {
    params
        .iter()
        .map(|(key, value)| (*key, value.as_str()))
        .collect()
}

/// Where a meeting takes place: the channel's address, else its tool, else its id.
fn location(playbook: &Playbook, channel: &str) -> Option<String> {
    let entry = playbook.channels.get(channel)?;
    let channel = &entry.value;
    let text = channel
        .address
        .as_ref()
        .or(channel.tool.as_ref())
        .map_or(entry.id.value.as_str(), |text| text.value.as_str());
    Some(text.trim().to_owned())
}

/// The meeting's description, its agenda and the KPIs it reviews, by title.
fn description(playbook: &Playbook, meeting: &Meeting, language: Language) -> String {
    let mut blocks: Vec<String> = Vec::new();
    if let Some(text) = &meeting.description {
        blocks.push(text.value.trim().to_owned());
    }
    let list = |heading: &str, items: Vec<String>| {
        let mut block = format!("{heading}:");
        for item in items {
            block.push_str("\n- ");
            block.push_str(&item.split_whitespace().collect::<Vec<_>>().join(" "));
        }
        block
    };
    if !meeting.agenda.is_empty() {
        let items = meeting
            .agenda
            .iter()
            .map(|item| item.value.clone())
            .collect();
        blocks.push(list(text(language, "ics.agenda"), items));
    }
    if !meeting.reviews.is_empty() {
        let items = meeting
            .reviews
            .iter()
            .map(|kpi| {
                playbook.kpis.get(kpi.value.as_str()).map_or_else(
                    || kpi.value.as_str().to_owned(),
                    |k| k.value.title.value.clone(),
                )
            })
            .collect();
        blocks.push(list(text(language, "ics.kpis_reviewed"), items));
    }
    blocks.retain(|block| !block.is_empty());
    blocks.join("\n\n")
}

/// A person or team as the calendar names them.
struct Party<'p> {
    id: &'p str,
    name: &'p str,
    /// `mailto:` with the person's email, or a name for the party that is no address.
    address: String,
    /// A team with no people in the playbook, invited as a group.
    group: bool,
}

impl Party<'_> {
    /// The parameters of an ATTENDEE, or of the ORGANIZER (which takes no CUTYPE).
    fn params(&self, organizer: bool) -> Vec<(&'static str, &str)> {
        let mut params = Vec::new();
        if self.group && !organizer {
            params.push(("CUTYPE", "GROUP"));
        }
        params.push(("CN", self.name.trim()));
        params
    }
}

/// `mailto:` and the address, when the text is one.
fn mailto(email: &str) -> Option<String> {
    let email = email.trim();
    let (user, host) = email.split_once('@')?;
    let plain = |part: &str| {
        !part.is_empty()
            && part
                .chars()
                .all(|c| !c.is_whitespace() && !c.is_control() && !"@:;,<>\"\\".contains(c))
    };
    (plain(user) && plain(host)).then(|| format!("mailto:{email}"))
}

/// A calendar address needs a URI: a party without an email gets a name of its own that no
/// client will try to send mail to.
fn party_urn(playbook_id: &str, id: &str) -> String {
    format!("urn:smarketing:{playbook_id}:{id}")
}

fn party<'p>(playbook: &'p Playbook, playbook_id: &str, id: &str) -> Option<Party<'p>> {
    if let Some(person) = playbook.people.get(id) {
        let address = person
            .value
            .email
            .as_ref()
            .and_then(|email| mailto(&email.value))
            .unwrap_or_else(|| party_urn(playbook_id, id));
        return Some(Party {
            id: person.id.value.as_str(),
            name: &person.value.name.value,
            address,
            group: false,
        });
    }
    let team = playbook.teams.get(id)?;
    Some(Party {
        id: team.id.value.as_str(),
        name: &team.value.name.value,
        address: party_urn(playbook_id, id),
        group: true,
    })
}

/// The people a meeting invites: people named, and the people of the teams named (the lead
/// first, then the members in file order); a team without people is invited as a group.
fn attendees<'p>(playbook: &'p Playbook, playbook_id: &str, meeting: &Meeting) -> Vec<Party<'p>> {
    let mut ids: Vec<&str> = Vec::new();
    for attendee in &meeting.attendees {
        let id = attendee.value.as_str();
        if let Some(team) = playbook.teams.get(id) {
            let lead = team.value.lead.as_ref().map(|lead| lead.value.as_str());
            let members = playbook.people.iter().filter(|person| {
                person
                    .value
                    .team
                    .as_ref()
                    .is_some_and(|t| t.value.as_str() == id)
            });
            let people: Vec<&str> = lead
                .into_iter()
                .filter(|lead| playbook.people.contains(lead))
                .chain(members.map(|person| person.id.value.as_str()))
                .collect();
            if people.is_empty() {
                ids.push(team.id.value.as_str());
            } else {
                ids.extend(people);
            }
        } else if let Some(person) = playbook.people.get(id) {
            ids.push(person.id.value.as_str());
        }
    }
    let mut seen = std::collections::HashSet::new();
    ids.retain(|id| seen.insert(*id));
    ids.into_iter()
        .filter_map(|id| party(playbook, playbook_id, id))
        .collect()
}

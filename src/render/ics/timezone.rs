//! The VTIMEZONE component (RFC 5545, section 3.6.5) for the calendar's time zone, made from
//! jiff's bundled time zone database, so that a client that does not know the zone's name still
//! places every meeting at the right moment.
//!
//! A zone whose transitions repeat every year by one rule (Europe/Vienna: the last Sunday of
//! March and of October) gets one STANDARD and one DAYLIGHT observance with a yearly RRULE, as
//! calendar programs write them. The rule is checked against the database for a decade; a zone
//! whose changes follow no such rule gets each transition of that decade written out instead.

use super::lines::Lines;
use jiff::civil;
use jiff::tz::{Offset, TimeZone};

/// How many years the transitions are read for, from the year before the first meeting.
const YEARS: i16 = 12;
/// A bound on the transitions read, whatever the database holds.
const MAX_TRANSITIONS: usize = 4 * YEARS as usize;

/// One change of offset, as the component describes it.
#[derive(Clone, Debug)]
struct Change {
    dst: bool,
    from: Offset,
    to: Offset,
    name: String,
    /// The wall-clock time of the change, in the offset before it.
    local: civil::DateTime,
}

impl Change {
    /// Changes that one yearly rule can describe share these.
    fn key(&self) -> (bool, i32, i32, &str, i8, civil::Weekday, civil::Time) {
        (
            self.dst,
            self.from.seconds(),
            self.to.seconds(),
            &self.name,
            self.local.month(),
            self.local.weekday(),
            self.local.time(),
        )
    }

    /// Which weekday of the month the change falls on: 1 to 4, or -1 for the last.
    fn week(&self, last: bool) -> i8 {
        if last {
            -1
        } else {
            (self.local.day() - 1) / 7 + 1
        }
    }

    fn is_last(&self) -> bool {
        self.local.day() + 7 > self.local.date().days_in_month()
    }
}

/// `+0100`, `-0330`, or with seconds where the offset has them.
fn offset_text(offset: Offset) -> String {
    let seconds = offset.seconds();
    let sign = if seconds < 0 { '-' } else { '+' };
    let seconds = seconds.unsigned_abs();
    let (hours, minutes, rest) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
    if rest == 0 {
        format!("{sign}{hours:02}{minutes:02}")
    } else {
        format!("{sign}{hours:02}{minutes:02}{rest:02}")
    }
}

/// A local date and time as iCalendar writes it, `20270328T020000`.
pub fn local_text(at: civil::DateTime) -> String {
    format!(
        "{:04}{:02}{:02}T{:02}{:02}{:02}",
        at.year(),
        at.month(),
        at.day(),
        at.hour(),
        at.minute(),
        at.second()
    )
}

/// The zone's changes from January 1 of `first_year` up to January 1 of `end_year`.
fn changes(zone: &TimeZone, first_year: i16, end_year: i16) -> Vec<Change> {
    let start = civil::DateTime::new(first_year, 1, 1, 0, 0, 0, 0)
        .ok()
        .and_then(|at| Offset::UTC.to_timestamp(at).ok());
    let end = civil::DateTime::new(end_year, 1, 1, 0, 0, 0, 0)
        .ok()
        .and_then(|at| Offset::UTC.to_timestamp(at).ok());
    let (Some(start), Some(end)) = (start, end) else {
        return Vec::new();
    };
    zone.following(start)
        .take_while(|transition| transition.timestamp() < end)
        .take(MAX_TRANSITIONS)
        .map(|transition| {
            let before = jiff::Timestamp::from_second(transition.timestamp().as_second() - 1)
                .map_or(transition.offset(), |moment| zone.to_offset(moment));
            Change {
                dst: transition.dst().is_dst(),
                from: before,
                to: transition.offset(),
                name: transition.abbreviation().to_owned(),
                local: before.to_datetime(transition.timestamp()),
            }
        })
        .collect()
}

/// Groups changes by rule: each group holds one change a year, every year of the window from
/// `first_year` on, on the same weekday of the same week of the same month. `None` when the
/// changes follow no such rule.
fn yearly_rules(changes: &[Change], first_year: i16) -> Option<Vec<(Change, i8)>> {
    let mut groups: Vec<Vec<&Change>> = Vec::new();
    for change in changes {
        match groups
            .iter_mut()
            .find(|group| group.first().is_some_and(|g| g.key() == change.key()))
        {
            Some(group) => group.push(change),
            None => groups.push(vec![change]),
        }
    }
    let years: Vec<i16> = (first_year..first_year.saturating_add(YEARS)).collect();
    let mut rules = Vec::new();
    for group in groups {
        let first = group.first()?;
        let every_year = group.len() == years.len()
            && group
                .iter()
                .zip(&years)
                .all(|(change, year)| change.local.year() == *year);
        if !every_year {
            return None;
        }
        let last = group.iter().all(|change| change.is_last());
        let week = first.week(last);
        if !group.iter().all(|change| change.week(last) == week) {
            return None;
        }
        rules.push(((*first).clone(), week));
    }
    Some(rules)
}

fn observance(lines: &mut Lines, change: &Change, rule: Option<String>) {
    let kind = if change.dst { "DAYLIGHT" } else { "STANDARD" };
    lines.raw("BEGIN", &[], kind);
    lines.raw("DTSTART", &[], &local_text(change.local));
    if let Some(rule) = rule {
        lines.raw("RRULE", &[], &rule);
    }
    lines.raw("TZOFFSETFROM", &[], &offset_text(change.from));
    lines.raw("TZOFFSETTO", &[], &offset_text(change.to));
    if !change.name.is_empty() {
        lines.text("TZNAME", &[], &change.name);
    }
    lines.raw("END", &[], kind);
}

/// Writes the VTIMEZONE of `zone`, named `tzid`, valid from the year before `from_year` on:
/// the changes one by one until the zone's current yearly rules begin, then those rules.
pub fn vtimezone(lines: &mut Lines, tzid: &str, zone: &TimeZone, from_year: i16) {
    lines.raw("BEGIN", &[], "VTIMEZONE");
    lines.text("TZID", &[], tzid);
    let first = from_year.saturating_sub(1);
    let listed = changes(zone, first, first.saturating_add(2 * YEARS));
    // The first year from which one set of yearly rules holds for a decade and more.
    let ruled = (first..=first.saturating_add(YEARS)).find_map(|start| {
        let window = changes(zone, start, start.saturating_add(YEARS));
        yearly_rules(&window, start).map(|rules| (start, rules))
    });
    if listed.is_empty() {
        // A zone that keeps one offset, like Asia/Tokyo or UTC.
        let moment = civil::DateTime::new(from_year, 1, 1, 0, 0, 0, 0)
            .ok()
            .and_then(|at| Offset::UTC.to_timestamp(at).ok())
            .unwrap_or(jiff::Timestamp::UNIX_EPOCH);
        let info = zone.to_offset_info(moment);
        let only = Change {
            dst: false,
            from: info.offset(),
            to: info.offset(),
            name: info.abbreviation().to_owned(),
            local: civil::DateTime::new(1970, 1, 1, 0, 0, 0, 0).unwrap_or(civil::DateTime::ZERO),
        };
        observance(lines, &only, None);
    } else if let Some((start, rules)) = ruled {
        for change in changes(zone, first, start) {
            observance(lines, &change, None);
        }
        for (change, week) in rules {
            let rule = format!(
                "FREQ=YEARLY;BYMONTH={};BYDAY={week}{}",
                change.local.month(),
                super::recurrence::byday(change.local.weekday())
            );
            observance(lines, &change, Some(rule));
        }
    } else {
        for change in &listed {
            observance(lines, change, None);
        }
    }
    lines.raw("END", &[], "VTIMEZONE");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn written(name: &str, year: i16) -> String {
        let zone = jiff::tz::db().get(name).unwrap();
        let mut lines = Lines::default();
        vtimezone(&mut lines, name, &zone, year);
        lines.finish().replace("\r\n", "\n")
    }

    #[test]
    fn vienna_has_the_eu_rules() {
        assert_eq!(
            written("Europe/Vienna", 2027),
            "BEGIN:VTIMEZONE\nTZID:Europe/Vienna\n\
             BEGIN:DAYLIGHT\nDTSTART:20260329T020000\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\n\
             TZOFFSETFROM:+0100\nTZOFFSETTO:+0200\nTZNAME:CEST\nEND:DAYLIGHT\n\
             BEGIN:STANDARD\nDTSTART:20261025T030000\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\n\
             TZOFFSETFROM:+0200\nTZOFFSETTO:+0100\nTZNAME:CET\nEND:STANDARD\n\
             END:VTIMEZONE\n"
        );
    }

    #[test]
    fn changes_before_the_current_rules_are_listed() {
        // Until 1995 summer time in Vienna ended on the last Sunday of September.
        let text = written("Europe/Vienna", 1990);
        assert!(
            text.contains("DTSTART:19950924T030000\nTZOFFSETFROM:+0200"),
            "{text}"
        );
        assert!(
            text.contains("DTSTART:19961027T030000\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU"),
            "{text}"
        );
        assert_eq!(text.matches("RRULE").count(), 2, "{text}");
    }

    #[test]
    fn new_york_starts_on_the_second_sunday() {
        let text = written("America/New_York", 2027);
        assert!(
            text.contains("RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU"),
            "{text}"
        );
        assert!(
            text.contains("RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU"),
            "{text}"
        );
        assert!(
            text.contains("TZOFFSETFROM:-0500\nTZOFFSETTO:-0400"),
            "{text}"
        );
    }

    #[test]
    fn zones_without_changes_have_one_observance() {
        let text = written("Asia/Tokyo", 2027);
        assert!(text.contains("BEGIN:STANDARD\nDTSTART:19700101T000000\nTZOFFSETFROM:+0900\nTZOFFSETTO:+0900\nTZNAME:JST\nEND:STANDARD"), "{text}");
        assert!(written("UTC", 2027).contains("TZOFFSETTO:+0000"));
    }

    #[test]
    fn irregular_zones_list_their_changes() {
        // Morocco's changes followed Ramadan, which moves every year, until it kept one offset.
        let text = written("Africa/Casablanca", 2027);
        assert!(!text.contains("RRULE"), "{text}");
        assert!(text.matches("BEGIN:DAYLIGHT").count() >= 1, "{text}");
        assert!(text.matches("BEGIN:STANDARD").count() >= 2, "{text}");
    }

    #[test]
    fn offsets_are_written_with_sign_and_seconds_when_needed() {
        assert_eq!(offset_text(Offset::from_seconds(-12600).unwrap()), "-0330");
        assert_eq!(
            offset_text(Offset::from_seconds(3600 + 45).unwrap()),
            "+010045"
        );
        assert_eq!(offset_text(Offset::UTC), "+0000");
    }
}

//! `calendar:`: the time zone, working days, working hours and holidays business time is
//! counted in (`2bd`, `4 business hours`).
//!
//! Time zones come from jiff's bundled copy of the time zone database, so `Europe/Vienna` is
//! checked the same way on every machine, including ones without `/usr/share/zoneinfo`.

use super::values::{Date, Duration};
use crate::base::span::Spanned;
use jiff::civil;
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

/// Where and when the teams work; business time in SLAs is counted in it.
#[derive(Clone, Debug, Default, Deserialize, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Calendar {
    /// An IANA time zone name, like `Europe/Vienna`.
    pub timezone: Option<Spanned<TimeZoneName>>,
    /// The days the teams work (default: mon to fri).
    pub working_days: Option<Vec<Spanned<Weekday>>>,
    /// The hours of a working day, like "09:00-17:00" (the default).
    pub working_hours: Option<Spanned<WorkingHours>>,
    /// Days off, `YYYY-MM-DD`.
    #[serde(default)]
    pub holidays: Vec<Spanned<Date>>,
}

/// An IANA time zone name known to the time zone database.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TimeZoneName(String);

impl TimeZoneName {
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The time zone; every `TimeZoneName` was found in the database when it was read.
    pub fn time_zone(&self) -> Option<jiff::tz::TimeZone> {
        jiff::tz::db().get(&self.0).ok()
    }
}

impl FromStr for TimeZoneName {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        let name = text.trim();
        match jiff::tz::db().get(name) {
            // The database's own spelling, so that `europe/vienna` is shown as `Europe/Vienna`.
            Ok(zone) => Ok(TimeZoneName(zone.iana_name().unwrap_or(name).to_owned())),
            Err(_) => Err(format!(
                "`{text}` is not a time zone of the time zone database\nwrite an IANA name, like `Europe/Vienna`, `America/New_York` or `UTC`"
            )),
        }
    }
}

impl fmt::Display for TimeZoneName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A day of the week, `mon` or `monday`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Weekday {
    Monday,
    Tuesday,
    Wednesday,
    Thursday,
    Friday,
    Saturday,
    Sunday,
}

impl Weekday {
    pub const ALL: [Weekday; 7] = [
        Weekday::Monday,
        Weekday::Tuesday,
        Weekday::Wednesday,
        Weekday::Thursday,
        Weekday::Friday,
        Weekday::Saturday,
        Weekday::Sunday,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Weekday::Monday => "monday",
            Weekday::Tuesday => "tuesday",
            Weekday::Wednesday => "wednesday",
            Weekday::Thursday => "thursday",
            Weekday::Friday => "friday",
            Weekday::Saturday => "saturday",
            Weekday::Sunday => "sunday",
        }
    }

    pub fn short(self) -> &'static str {
        &self.name()[..3]
    }

    /// The same day as jiff names it.
    pub fn civil(self) -> civil::Weekday {
        match self {
            Weekday::Monday => civil::Weekday::Monday,
            Weekday::Tuesday => civil::Weekday::Tuesday,
            Weekday::Wednesday => civil::Weekday::Wednesday,
            Weekday::Thursday => civil::Weekday::Thursday,
            Weekday::Friday => civil::Weekday::Friday,
            Weekday::Saturday => civil::Weekday::Saturday,
            Weekday::Sunday => civil::Weekday::Sunday,
        }
    }
}

impl FromStr for Weekday {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        let lower = text.trim().to_lowercase();
        Weekday::ALL
            .into_iter()
            .find(|day| lower == day.name() || lower == day.short())
            .ok_or_else(|| {
                format!("`{text}` is not a day of the week\nwrite `mon` to `sun`, or `monday` to `sunday`")
            })
    }
}

impl fmt::Display for Weekday {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.short())
    }
}

/// The hours of a working day, `"09:00-17:00"`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WorkingHours {
    /// Minutes after midnight.
    pub opens: u16,
    pub closes: u16,
}

impl Default for WorkingHours {
    fn default() -> Self {
        WorkingHours {
            opens: 9 * 60,
            closes: 17 * 60,
        }
    }
}

/// Reads `HH:MM` as minutes after midnight; `24:00` is the end of the day.
pub fn clock_time(text: &str) -> Option<u16> {
    let (hours, minutes) = text.trim().split_once(':')?;
    if hours.is_empty() || hours.len() > 2 || minutes.len() != 2 {
        return None;
    }
    let hours: u16 = hours.parse().ok()?;
    let minutes: u16 = minutes.parse().ok()?;
    let total = hours * 60 + minutes;
    (minutes < 60 && total <= 24 * 60).then_some(total)
}

fn show_clock(minutes: u16) -> String {
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

impl FromStr for WorkingHours {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        let help = "write the opening and closing time, like `\"09:00-17:00\"`";
        let (opens, closes) = text
            .split_once('-')
            .and_then(|(opens, closes)| Some((clock_time(opens)?, clock_time(closes)?)))
            .ok_or_else(|| format!("`{text}` is not working hours\n{help}"))?;
        if opens >= closes {
            return Err(format!(
                "`{text}` is not working hours: the day closes before it opens\n{help}"
            ));
        }
        Ok(WorkingHours { opens, closes })
    }
}

impl fmt::Display for WorkingHours {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", show_clock(self.opens), show_clock(self.closes))
    }
}

super::values::text_value!(
    TimeZoneName,
    "TimeZone",
    "^[A-Za-z]+(/[A-Za-z0-9_+-]+)*$",
    "an IANA time zone name, like Europe/Vienna"
);
super::values::text_value!(
    Weekday,
    "Weekday",
    "^\\s*([Mm]on|[Tt]ue|[Ww]ed|[Tt]hu|[Ff]ri|[Ss]at|[Ss]un)[a-z]*\\s*$",
    "a day of the week: mon to sun, or monday to sunday"
);
super::values::text_value!(
    WorkingHours,
    "WorkingHours",
    "^\\s*[0-9]{1,2}:[0-9]{2}\\s*-\\s*[0-9]{1,2}:[0-9]{2}\\s*$",
    "the opening and closing time of a working day, like \"09:00-17:00\""
);

/// When a meeting takes place: `{ day: monday, time: "09:30", duration: 45m }`.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct When {
    /// The day: a weekday (`monday`); for monthly and longer cadences `first monday`,
    /// `last friday` or a day of the month (`15`).
    pub day: Option<Spanned<MeetingDay>>,
    /// The start time, `HH:MM`, in the playbook's time zone.
    pub time: Option<Spanned<ClockTime>>,
    /// How long the meeting lasts, like `45m` or `1h30m`.
    pub duration: Option<Spanned<Duration>>,
    /// The date of the first meeting.
    pub starts: Option<Spanned<Date>>,
}

/// A time of day, `HH:MM`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct ClockTime(pub u16);

impl FromStr for ClockTime {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        match clock_time(text) {
            Some(minutes) if minutes < 24 * 60 => Ok(ClockTime(minutes)),
            _ => Err(format!(
                "`{text}` is not a time of day\nwrite it as `HH:MM` in quotes, like `\"09:30\"`"
            )),
        }
    }
}

impl fmt::Display for ClockTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&show_clock(self.0))
    }
}

/// Which weekday of the month: `first monday` ... `last friday`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ordinal {
    First,
    Second,
    Third,
    Fourth,
    Last,
}

impl Ordinal {
    const ALL: [(Ordinal, &'static str); 5] = [
        (Ordinal::First, "first"),
        (Ordinal::Second, "second"),
        (Ordinal::Third, "third"),
        (Ordinal::Fourth, "fourth"),
        (Ordinal::Last, "last"),
    ];

    pub fn as_str(self) -> &'static str {
        Ordinal::ALL
            .iter()
            .find(|(ordinal, _)| *ordinal == self)
            .map_or("", |(_, text)| text)
    }
}

/// The day a meeting takes place on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MeetingDay {
    /// Every week (or every other week) on this day.
    Weekday(Weekday),
    /// One weekday of the month: `first monday`, `last friday`.
    InMonth(Ordinal, Weekday),
    /// A day of the month, 1 to 31.
    OfMonth(u8),
}

impl MeetingDay {
    /// Whether the day says which day of a month it is, as monthly and longer cadences need.
    pub fn is_in_month(self) -> bool {
        !matches!(self, MeetingDay::Weekday(_))
    }
}

impl FromStr for MeetingDay {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        let help = "write a weekday (`monday`), or for monthly and longer cadences `first monday`, `last friday` or a day of the month (`15`)";
        let written = text.trim().to_lowercase();
        if let Ok(day) = written.parse::<u8>() {
            return if (1..=31).contains(&day) {
                Ok(MeetingDay::OfMonth(day))
            } else {
                Err(format!(
                    "`{text}` is not a day of the month: months have days 1 to 31\n{help}"
                ))
            };
        }
        let words: Vec<&str> = written.split_whitespace().collect();
        let weekday = |word: &str| {
            word.parse::<Weekday>().map_err(|_| {
                format!("`{text}` is not a meeting day: `{word}` is not a weekday\n{help}")
            })
        };
        match words.as_slice() {
            [day] => Ok(MeetingDay::Weekday(weekday(day)?)),
            [ordinal, day] => {
                let ordinal = Ordinal::ALL
                    .iter()
                    .find(|(_, written)| written == ordinal)
                    .map(|(ordinal, _)| *ordinal)
                    .ok_or_else(|| {
                        format!("`{text}` is not a meeting day: say `first`, `second`, `third`, `fourth` or `last`\n{help}")
                    })?;
                Ok(MeetingDay::InMonth(ordinal, weekday(day)?))
            }
            _ => Err(format!("`{text}` is not a meeting day\n{help}")),
        }
    }
}

impl fmt::Display for MeetingDay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MeetingDay::Weekday(day) => f.write_str(day.name()),
            MeetingDay::InMonth(ordinal, day) => write!(f, "{} {}", ordinal.as_str(), day.name()),
            MeetingDay::OfMonth(day) => write!(f, "{day}"),
        }
    }
}

super::values::text_value!(
    ClockTime,
    "ClockTime",
    "^\\s*[0-9]{1,2}:[0-9]{2}\\s*$",
    "a time of day, HH:MM, like \"09:30\""
);

impl<'de> Deserialize<'de> for MeetingDay {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

impl Serialize for MeetingDay {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

// A day of the month is naturally written as a plain number (`day: 15`), so the schema takes one.
impl JsonSchema for MeetingDay {
    fn schema_name() -> Cow<'static, str> {
        "MeetingDay".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "anyOf": [
                {
                    "type": "string",
                    "pattern": "^\\s*((first|second|third|fourth|last)\\s+)?([Mm]on|[Tt]ue|[Ww]ed|[Tt]hu|[Ff]ri|[Ss]at|[Ss]un)[a-z]*\\s*$",
                },
                { "type": "integer", "minimum": 1, "maximum": 31 },
            ],
            "description": "a weekday (monday); for monthly and longer cadences first monday, last friday or a day of the month (15)",
        })
    }
}

/// A date of the language as jiff's; every `Date` was checked when it was read.
pub fn civil_date(date: Date) -> Option<civil::Date> {
    civil::Date::new(
        i16::try_from(date.year).ok()?,
        i8::try_from(date.month).ok()?,
        i8::try_from(date.day).ok()?,
    )
    .ok()
}

/// A day is looked at at most this many times while counting, so that a calendar with every
/// day off ends instead of searching forever.
const MAX_DAYS: usize = 366 * 20;

impl Calendar {
    pub fn working_hours(&self) -> WorkingHours {
        self.working_hours
            .as_ref()
            .map_or_else(WorkingHours::default, |hours| hours.value)
    }

    /// Whether `date` is a working day that is no holiday.
    pub fn is_working_day(&self, date: civil::Date) -> bool {
        let weekday = date.weekday();
        let works = match &self.working_days {
            Some(days) => days.iter().any(|day| day.value.civil() == weekday),
            None => !matches!(weekday, civil::Weekday::Saturday | civil::Weekday::Sunday),
        };
        works
            && !self
                .holidays
                .iter()
                .any(|holiday| civil_date(holiday.value) == Some(date))
    }

    /// The moment `duration` after `start`. Business days move to the same time of the
    /// `n`-th following working day, business hours count only time inside working hours, both
    /// from the next working moment on; calendar time is plain clock time. `None` when the
    /// calendar has no working time to count in.
    pub fn add(
        &self,
        start: &jiff::ZonedDateTime,
        duration: &Duration,
    ) -> Option<jiff::ZonedDateTime> {
        let zone = self
            .timezone
            .as_ref()
            .and_then(|name| name.value.time_zone())
            .unwrap_or_else(|| start.time_zone().clone());
        let start = start.with_time_zone(zone.clone());
        if !duration.business {
            let span = jiff::Span::new()
                .try_weeks(i64::from(duration.weeks))
                .ok()?
                .try_days(i64::from(duration.days))
                .ok()?
                .try_hours(i64::from(duration.hours))
                .ok()?
                .try_minutes(i64::from(duration.minutes))
                .ok()?;
            return start.checked_add(span).ok();
        }
        let hours = self.working_hours();
        let mut now = self.next_working_moment(start.datetime(), hours)?;
        for _ in 0..duration.days {
            let mut date = now.date();
            date = self.next_working_day(date)?;
            now = date.to_datetime(now.time());
        }
        let mut remaining = i64::from(duration.hours) * 60 + i64::from(duration.minutes);
        for _ in 0..MAX_DAYS {
            let closes = at(now.date(), hours.closes)?;
            let available = closes.duration_since(now).as_mins();
            if remaining <= available {
                let end = now
                    .checked_add(jiff::Span::new().try_minutes(remaining).ok()?)
                    .ok()?;
                return end.to_zoned_datetime(zone).ok();
            }
            remaining -= available;
            now = at(self.next_working_day(now.date())?, hours.opens)?;
        }
        None
    }

    /// `moment` if it is within working hours of a working day, else the next opening.
    fn next_working_moment(
        &self,
        moment: civil::DateTime,
        hours: WorkingHours,
    ) -> Option<civil::DateTime> {
        let date = moment.date();
        if self.is_working_day(date) {
            let opens = at(date, hours.opens)?;
            if moment < opens {
                return Some(opens);
            }
            if moment < at(date, hours.closes)? {
                return Some(moment);
            }
        }
        at(self.next_working_day(date)?, hours.opens)
    }

    /// The first working day after `date`.
    fn next_working_day(&self, date: civil::Date) -> Option<civil::Date> {
        let mut day = date;
        for _ in 0..MAX_DAYS {
            day = day.tomorrow().ok()?;
            if self.is_working_day(day) {
                return Some(day);
            }
        }
        None
    }
}

/// `minutes` after midnight of `date`; `24:00` is the next midnight.
fn at(date: civil::Date, minutes: u16) -> Option<civil::DateTime> {
    date.to_datetime(civil::Time::midnight())
        .checked_add(jiff::Span::new().minutes(i64::from(minutes)))
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vienna() -> Calendar {
        Calendar {
            timezone: Some(Spanned {
                value: "Europe/Vienna".parse().unwrap(),
                span: Default::default(),
            }),
            ..Calendar::default()
        }
    }

    fn add(calendar: &Calendar, start: &str, duration: &str) -> String {
        let start: jiff::ZonedDateTime = start.parse().unwrap();
        let duration: Duration = duration.parse().unwrap();
        calendar
            .add(&start, &duration)
            .unwrap()
            .strftime("%a %Y-%m-%d %H:%M")
            .to_string()
    }

    #[test]
    fn time_zones_are_checked_against_the_database() {
        assert_eq!(
            "Europe/Vienna".parse::<TimeZoneName>().unwrap().as_str(),
            "Europe/Vienna"
        );
        assert!(
            "Europe/Wien"
                .parse::<TimeZoneName>()
                .unwrap_err()
                .contains("not a time zone")
        );
    }

    #[test]
    fn working_hours_and_days_read_their_text() {
        assert_eq!(
            "9:00 - 17:30".parse::<WorkingHours>().unwrap().to_string(),
            "09:00-17:30"
        );
        assert!(
            "17:00-09:00"
                .parse::<WorkingHours>()
                .unwrap_err()
                .contains("closes before it opens")
        );
        assert!("nine to five".parse::<WorkingHours>().is_err());
        assert_eq!("Monday".parse::<Weekday>(), Ok(Weekday::Monday));
        assert_eq!("fri".parse::<Weekday>(), Ok(Weekday::Friday));
        assert!("someday".parse::<Weekday>().is_err());
    }

    #[test]
    fn meeting_days_read_weekdays_ordinals_and_days_of_the_month() {
        let day = |text: &str| text.parse::<MeetingDay>().map(|day| day.to_string());
        assert_eq!(day("Monday"), Ok("monday".into()));
        assert_eq!(day("first mon"), Ok("first monday".into()));
        assert_eq!(day("last  friday"), Ok("last friday".into()));
        assert_eq!(day("15"), Ok("15".into()));
        assert!(day("32").unwrap_err().contains("1 to 31"));
        assert!(day("fifth monday").unwrap_err().contains("`first`"));
        assert!(day("first moonday").unwrap_err().contains("not a weekday"));
        assert_eq!(
            "09:30".parse::<ClockTime>().map(|t| t.to_string()),
            Ok("09:30".into())
        );
        assert!("24:00".parse::<ClockTime>().is_err());
        assert!("9.30".parse::<ClockTime>().is_err());
    }

    #[test]
    fn business_hours_count_only_working_time() {
        // Friday 16:00 leaves one working hour; three more on Monday morning.
        let calendar = vienna();
        assert_eq!(
            add(&calendar, "2027-03-05T16:00[Europe/Vienna]", "4bh"),
            "Mon 2027-03-08 12:00"
        );
        // A start on Saturday counts from Monday's opening.
        assert_eq!(
            add(
                &calendar,
                "2027-03-06T10:00[Europe/Vienna]",
                "2 business hours"
            ),
            "Mon 2027-03-08 11:00"
        );
        // A start in another zone is counted in the calendar's.
        assert_eq!(
            add(&calendar, "2027-03-05T15:00[UTC]", "1bh"),
            "Fri 2027-03-05 17:00"
        );
    }

    #[test]
    fn business_days_skip_weekends_and_holidays() {
        let mut calendar = vienna();
        assert_eq!(
            add(&calendar, "2027-03-05T16:00[Europe/Vienna]", "2bd"),
            "Tue 2027-03-09 16:00"
        );
        calendar.holidays.push(Spanned {
            value: "2027-03-08".parse().unwrap(),
            span: Default::default(),
        });
        assert_eq!(
            add(&calendar, "2027-03-05T16:00[Europe/Vienna]", "2bd"),
            "Wed 2027-03-10 16:00"
        );
    }

    #[test]
    fn calendar_time_is_clock_time() {
        assert_eq!(
            add(&vienna(), "2027-03-05T16:00[Europe/Vienna]", "1d12h"),
            "Sun 2027-03-07 04:00"
        );
    }

    #[test]
    fn a_calendar_without_working_days_counts_nothing() {
        let calendar = Calendar {
            working_days: Some(Vec::new()),
            ..vienna()
        };
        let start: jiff::ZonedDateTime = "2027-03-05T16:00[Europe/Vienna]".parse().unwrap();
        assert!(calendar.add(&start, &"4bh".parse().unwrap()).is_none());
    }
}

//! When a meeting recurs: its first day and its RRULE (RFC 5545, section 3.3.10), from the
//! cadence and `when.day`.
//!
//! The first day is `starts`, or the first day on or after a reference date that fits the rule.
//! The reference is derived from the playbook alone (never from today), so that a render
//! gives the same bytes every day and `render --check` stays exact.

use crate::model::Playbook;
use crate::model::calendar::{MeetingDay, Ordinal};
use crate::model::values::Cadence;
use jiff::civil;

/// The year meetings start in when the playbook names no date at all.
const FALLBACK_YEAR: i16 = 2026;

/// The longest a search for a fitting day looks ahead: every pattern fits within two months.
const SEARCH_DAYS: usize = 400;

/// January 1 of the earliest year the playbook names: in a due date, a campaign's dates, a
/// holiday or a meeting's `starts`. A playbook is written for a year, and its meetings begin then.
pub fn reference_date(playbook: &Playbook) -> civil::Date {
    let goals = playbook.goals.iter().filter_map(|g| g.value.due.as_ref());
    let tasks = playbook.tasks.iter().filter_map(|t| t.value.due.as_ref());
    let campaigns = playbook
        .campaigns
        .iter()
        .flat_map(|c| [c.value.starts.as_ref(), c.value.ends.as_ref()])
        .flatten();
    let holidays = playbook.calendar.iter().flat_map(|c| c.holidays.iter());
    let starts = playbook
        .meetings
        .iter()
        .filter_map(|m| m.value.when.as_ref()?.starts.as_ref());
    let earliest = goals
        .chain(tasks)
        .chain(campaigns)
        .chain(holidays)
        .chain(starts)
        .map(|date| date.value.year)
        .min();
    let year = earliest
        .and_then(|year| i16::try_from(year).ok())
        .unwrap_or(FALLBACK_YEAR);
    civil::Date::new(year, 1, 1).unwrap_or(civil::Date::ZERO)
}

/// Which days of a period a meeting falls on.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Pattern {
    /// One meeting, no recurrence.
    Once,
    /// Every one of these weekdays (a daily meeting on the working days); empty: every day.
    Days(Vec<civil::Weekday>),
    /// This weekday, every week or every other week.
    Weekday(civil::Weekday),
    /// One weekday of the month, `first monday`, `last friday`.
    InMonth(Ordinal, civil::Weekday),
    /// A day of the month.
    OfMonth(i8),
}

/// A meeting's recurrence: its first day, and which days follow.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Schedule {
    pub first: civil::Date,
    cadence: Option<Cadence>,
    pattern: Pattern,
}

/// The two-letter weekday of RRULE's `BYDAY`.
pub fn byday(day: civil::Weekday) -> &'static str {
    match day {
        civil::Weekday::Monday => "MO",
        civil::Weekday::Tuesday => "TU",
        civil::Weekday::Wednesday => "WE",
        civil::Weekday::Thursday => "TH",
        civil::Weekday::Friday => "FR",
        civil::Weekday::Saturday => "SA",
        civil::Weekday::Sunday => "SU",
    }
}

fn ordinal_number(ordinal: Ordinal) -> i8 {
    match ordinal {
        Ordinal::First => 1,
        Ordinal::Second => 2,
        Ordinal::Third => 3,
        Ordinal::Fourth => 4,
        Ordinal::Last => -1,
    }
}

/// Months between two meetings of a monthly or longer cadence.
fn months(cadence: Cadence) -> Option<i32> {
    match cadence {
        Cadence::Monthly => Some(1),
        Cadence::Quarterly => Some(3),
        Cadence::HalfYearly => Some(6),
        Cadence::Yearly => Some(12),
        Cadence::Daily | Cadence::Weekly | Cadence::Biweekly => None,
    }
}

impl Pattern {
    fn fits(&self, date: civil::Date) -> bool {
        match self {
            Pattern::Once => true,
            Pattern::Days(days) => days.is_empty() || days.contains(&date.weekday()),
            Pattern::Weekday(day) => date.weekday() == *day,
            Pattern::InMonth(ordinal, day) => {
                let week = (date.day() - 1) / 7 + 1;
                date.weekday() == *day
                    && match ordinal {
                        Ordinal::Last => date.day() + 7 > date.days_in_month(),
                        other => week == ordinal_number(*other),
                    }
            }
            Pattern::OfMonth(day) => date.day() == *day,
        }
    }
}

impl Schedule {
    /// The schedule of a meeting held `cadence` on `day`, from `from` on. A daily meeting is held
    /// on `working_days`. A day that does not fit the cadence (reported when the playbook is
    /// checked) is set aside rather than written into a rule calendars would reject.
    pub fn new(
        cadence: Option<Cadence>,
        day: Option<MeetingDay>,
        from: civil::Date,
        working_days: &[civil::Weekday],
    ) -> Schedule {
        let written = match day {
            Some(MeetingDay::Weekday(day)) => Some(Pattern::Weekday(day.civil())),
            Some(MeetingDay::InMonth(ordinal, day)) => Some(Pattern::InMonth(ordinal, day.civil())),
            Some(MeetingDay::OfMonth(day)) => i8::try_from(day).ok().map(Pattern::OfMonth),
            None => None,
        };
        let pattern = match (cadence, written) {
            (None, written) => written.unwrap_or(Pattern::Once),
            (Some(Cadence::Daily), _) => {
                let mut days = working_days.to_vec();
                days.sort_by_key(|day| day.to_monday_zero_offset());
                days.dedup();
                if days.len() == 7 {
                    days.clear();
                }
                Pattern::Days(days)
            }
            (Some(Cadence::Weekly | Cadence::Biweekly), Some(Pattern::Weekday(day))) => {
                Pattern::Weekday(day)
            }
            (Some(Cadence::Weekly | Cadence::Biweekly), _) => Pattern::Weekday(from.weekday()),
            (Some(_), Some(in_month @ (Pattern::InMonth(..) | Pattern::OfMonth(_)))) => in_month,
            (Some(_), _) => Pattern::OfMonth(from.day()),
        };
        let first = first_fitting(&pattern, from);
        let pattern = if cadence.is_none() {
            Pattern::Once
        } else {
            pattern
        };
        Schedule {
            first,
            cadence,
            pattern,
        }
    }

    /// The RRULE value, or `None` for a meeting held once.
    pub fn rrule(&self) -> Option<String> {
        let cadence = self.cadence?;
        let days = |days: &[civil::Weekday]| {
            days.iter()
                .map(|day| byday(*day))
                .collect::<Vec<_>>()
                .join(",")
        };
        let in_month = match &self.pattern {
            Pattern::InMonth(ordinal, day) => {
                format!("BYDAY={}{}", ordinal_number(*ordinal), byday(*day))
            }
            Pattern::OfMonth(day) => format!("BYMONTHDAY={day}"),
            _ => String::new(),
        };
        Some(match (cadence, &self.pattern) {
            (Cadence::Daily, Pattern::Days(list)) if !list.is_empty() => {
                format!("FREQ=DAILY;BYDAY={}", days(list))
            }
            (Cadence::Daily, _) => "FREQ=DAILY".to_owned(),
            (Cadence::Weekly, _) => format!("FREQ=WEEKLY;BYDAY={}", byday(self.first.weekday())),
            (Cadence::Biweekly, _) => {
                format!(
                    "FREQ=WEEKLY;INTERVAL=2;BYDAY={}",
                    byday(self.first.weekday())
                )
            }
            (Cadence::Monthly, _) => format!("FREQ=MONTHLY;{in_month}"),
            (Cadence::Quarterly, _) => format!("FREQ=MONTHLY;INTERVAL=3;{in_month}"),
            (Cadence::HalfYearly, _) => format!("FREQ=MONTHLY;INTERVAL=6;{in_month}"),
            // Under FREQ=YEARLY, BYDAY=1MO alone would be the first Monday of the year.
            (Cadence::Yearly, _) => {
                format!("FREQ=YEARLY;BYMONTH={};{in_month}", self.first.month())
            }
        })
    }

    /// Whether a meeting takes place on `date`.
    pub fn occurs_on(&self, date: civil::Date) -> bool {
        if date < self.first || !self.pattern.fits(date) {
            return false;
        }
        let Some(cadence) = self.cadence else {
            return date == self.first;
        };
        match cadence {
            Cadence::Daily | Cadence::Weekly => true,
            Cadence::Biweekly => self
                .first
                .until(date)
                .is_ok_and(|span| span.get_days() % 14 == 0),
            _ => {
                let apart = (i32::from(date.year()) - i32::from(self.first.year())) * 12
                    + i32::from(date.month())
                    - i32::from(self.first.month());
                months(cadence).is_some_and(|every| apart % every == 0)
            }
        }
    }
}

/// The first day on or after `from` that fits `pattern`; `from` itself when none does soon.
fn first_fitting(pattern: &Pattern, from: civil::Date) -> civil::Date {
    let mut day = from;
    for _ in 0..SEARCH_DAYS {
        if pattern.fits(day) {
            return day;
        }
        match day.tomorrow() {
            Ok(next) => day = next,
            Err(_) => break,
        }
    }
    from
}

#[cfg(test)]
mod tests {
    use super::*;

    const WORKING: [civil::Weekday; 5] = [
        civil::Weekday::Monday,
        civil::Weekday::Tuesday,
        civil::Weekday::Wednesday,
        civil::Weekday::Thursday,
        civil::Weekday::Friday,
    ];

    fn schedule(cadence: Option<Cadence>, day: &str, from: &str) -> Schedule {
        let day = (!day.is_empty()).then(|| day.parse::<MeetingDay>().unwrap());
        Schedule::new(cadence, day, from.parse().unwrap(), &WORKING)
    }

    fn rule(cadence: Cadence, day: &str) -> (String, String) {
        let schedule = schedule(Some(cadence), day, "2027-01-01");
        (schedule.first.to_string(), schedule.rrule().unwrap())
    }

    #[test]
    fn cadences_become_rules_on_their_first_day() {
        // 2027-01-01 is a Friday.
        assert_eq!(
            rule(Cadence::Daily, ""),
            (
                "2027-01-01".into(),
                "FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR".into()
            )
        );
        assert_eq!(
            rule(Cadence::Weekly, "tuesday"),
            ("2027-01-05".into(), "FREQ=WEEKLY;BYDAY=TU".into())
        );
        assert_eq!(
            rule(Cadence::Biweekly, "mon"),
            (
                "2027-01-04".into(),
                "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO".into()
            )
        );
        assert_eq!(
            rule(Cadence::Monthly, "first monday"),
            ("2027-01-04".into(), "FREQ=MONTHLY;BYDAY=1MO".into())
        );
        assert_eq!(
            rule(Cadence::Monthly, "last friday"),
            ("2027-01-29".into(), "FREQ=MONTHLY;BYDAY=-1FR".into())
        );
        assert_eq!(
            rule(Cadence::Quarterly, "15"),
            (
                "2027-01-15".into(),
                "FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=15".into()
            )
        );
        assert_eq!(
            rule(Cadence::HalfYearly, "second wednesday"),
            (
                "2027-01-13".into(),
                "FREQ=MONTHLY;INTERVAL=6;BYDAY=2WE".into()
            )
        );
        assert_eq!(
            rule(Cadence::Yearly, "fourth thursday"),
            (
                "2027-01-28".into(),
                "FREQ=YEARLY;BYMONTH=1;BYDAY=4TH".into()
            )
        );
    }

    #[test]
    fn without_a_day_the_first_day_sets_it() {
        assert_eq!(
            rule(Cadence::Weekly, ""),
            ("2027-01-01".into(), "FREQ=WEEKLY;BYDAY=FR".into())
        );
        assert_eq!(
            rule(Cadence::Monthly, ""),
            ("2027-01-01".into(), "FREQ=MONTHLY;BYMONTHDAY=1".into())
        );
    }

    #[test]
    fn a_meeting_without_cadence_is_held_once_on_its_day() {
        let once = schedule(None, "thursday", "2027-01-01");
        assert_eq!(once.first.to_string(), "2027-01-07");
        assert_eq!(once.rrule(), None);
        assert!(once.occurs_on(once.first));
        assert!(!once.occurs_on("2027-01-14".parse().unwrap()));
    }

    #[test]
    fn a_day_that_does_not_fit_the_cadence_is_set_aside() {
        assert_eq!(
            rule(Cadence::Weekly, "first monday").1,
            "FREQ=WEEKLY;BYDAY=FR"
        );
        assert_eq!(
            rule(Cadence::Monthly, "monday").1,
            "FREQ=MONTHLY;BYMONTHDAY=1"
        );
    }

    #[test]
    fn occurrences_follow_the_rule() {
        let on = |s: &Schedule, date: &str| s.occurs_on(date.parse().unwrap());
        let biweekly = schedule(Some(Cadence::Biweekly), "monday", "2027-01-01");
        assert!(on(&biweekly, "2027-01-18") && !on(&biweekly, "2027-01-11"));
        let last = schedule(Some(Cadence::Monthly), "last friday", "2027-01-01");
        assert!(on(&last, "2027-04-30") && !on(&last, "2027-04-23"));
        let quarterly = schedule(Some(Cadence::Quarterly), "first monday", "2027-01-01");
        assert!(on(&quarterly, "2027-04-05") && !on(&quarterly, "2027-02-01"));
        let daily = schedule(Some(Cadence::Daily), "", "2027-01-01");
        assert!(on(&daily, "2027-12-24") && !on(&daily, "2027-12-25"));
        assert!(!on(&daily, "2026-12-31"));
    }

    #[test]
    fn starts_on_a_day_that_does_not_fit_moves_to_the_next_that_does() {
        let s = schedule(Some(Cadence::Monthly), "first tuesday", "2027-01-06");
        assert_eq!(s.first.to_string(), "2027-02-02");
    }
}

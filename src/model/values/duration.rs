//! Durations such as SLAs and meeting lengths, in calendar or business time.

use super::*;

/// A duration such as an SLA: whole numbers with units, `30m`, `4h`, `1d12h`, `2 hours`, or
/// business time counted in the playbook's calendar, `2bd`, `4 business hours`.
///
/// The parts are kept as written (`90m` stays `90m`), so documents show what the author wrote.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Duration {
    pub weeks: u32,
    pub days: u32,
    pub hours: u32,
    pub minutes: u32,
    /// Days and hours are working days and working hours of the playbook's calendar.
    pub business: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DurationUnit {
    Minutes,
    Hours,
    Days,
    Weeks,
    BusinessHours,
    BusinessDays,
}

impl DurationUnit {
    fn from_word(word: &str) -> Option<DurationUnit> {
        Some(match word {
            "m" | "min" | "mins" | "minute" | "minutes" => DurationUnit::Minutes,
            "h" | "hr" | "hrs" | "hour" | "hours" => DurationUnit::Hours,
            "d" | "day" | "days" => DurationUnit::Days,
            "w" | "week" | "weeks" => DurationUnit::Weeks,
            "bh" | "business hour" | "business hours" => DurationUnit::BusinessHours,
            "bd" | "business day" | "business days" => DurationUnit::BusinessDays,
            _ => return None,
        })
    }
}

const DURATION_HELP: &str = "write whole numbers and units, like `30m`, `4h`, `1d12h`, `2 hours`, or business time in the playbook's calendar, like `2bd` or `4 business hours`";

impl Duration {
    /// The length in minutes, a business day or hour counted as a calendar one: enough to
    /// order durations of one kind. What business time amounts to depends on the calendar
    /// (`calendar::Calendar::add`).
    pub fn minutes(&self) -> u64 {
        u64::from(self.minutes)
            + 60 * u64::from(self.hours)
            + 60 * 24 * u64::from(self.days)
            + 60 * 24 * 7 * u64::from(self.weeks)
    }
}

impl FromStr for Duration {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        let bad = |why: &str| format!("`{text}` is not a duration{why}\n{DURATION_HELP}");
        let mut duration = Duration::default();
        let mut seen: Vec<DurationUnit> = Vec::new();
        let mut rest = text.trim();
        if rest.is_empty() {
            return Err(bad(""));
        }
        while !rest.is_empty() {
            let digits = rest
                .find(|c: char| !c.is_ascii_digit())
                .unwrap_or(rest.len());
            if digits == 0 {
                return Err(bad(""));
            }
            let amount: u32 = rest[..digits]
                .parse()
                .map_err(|_| bad(": the number is too large"))?;
            rest = &rest[digits..];
            let word_end = rest
                .find(|c: char| c.is_ascii_digit())
                .unwrap_or(rest.len());
            let word = rest[..word_end]
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            rest = &rest[word_end..];
            let Some(unit) = DurationUnit::from_word(&word) else {
                return Err(if word.is_empty() {
                    bad(": a number needs a unit")
                } else {
                    bad(&format!(": `{word}` is not a unit of time"))
                });
            };
            let kind_of = |unit: DurationUnit| {
                matches!(
                    unit,
                    DurationUnit::BusinessDays | DurationUnit::BusinessHours
                )
            };
            if seen.iter().any(|other| kind_of(*other) != kind_of(unit)) {
                return Err(bad(": it mixes business time and calendar time"));
            }
            if seen.contains(&unit) {
                return Err(bad(&format!(": `{word}` is given twice")));
            }
            seen.push(unit);
            match unit {
                DurationUnit::Minutes => duration.minutes = amount,
                DurationUnit::Hours => duration.hours = amount,
                DurationUnit::Days => duration.days = amount,
                DurationUnit::Weeks => duration.weeks = amount,
                DurationUnit::BusinessHours => {
                    duration.hours = amount;
                    duration.business = true;
                }
                DurationUnit::BusinessDays => {
                    duration.days = amount;
                    duration.business = true;
                }
            }
        }
        if duration.minutes() == 0 {
            return Err(bad(": it must be longer than zero"));
        }
        Ok(duration)
    }
}

impl fmt::Display for Duration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (day, hour) = if self.business {
            ("bd", "bh")
        } else {
            ("d", "h")
        };
        let parts = [
            (self.weeks, "w"),
            (self.days, day),
            (self.hours, hour),
            (self.minutes, "m"),
        ];
        for (amount, unit) in parts {
            if amount > 0 {
                write!(f, "{amount}{unit}")?;
            }
        }
        Ok(())
    }
}

text_value!(
    Duration,
    "Duration",
    "^\\s*([0-9]+\\s*(m|mins?|minutes?|h|hrs?|hours?|d|days?|w|weeks?|bh|business hours?|bd|business days?)\\s*)+$",
    "a duration: whole numbers and units, like 30m, 4h, 1d12h, 2 hours, 90 minutes; business time in the playbook's calendar: 2bd, 2 business days, 4bh, 4 business hours"
);

//! Values as documents show them, in the language they are written in: numbers grouped the
//! language's way (`1,850,000` and `1.850.000`), dates (`8 Jan 2027` and `08.01.2027`), targets
//! with their unit (`≥ 25 %`, `20–30 %`), durations and cadences in words, criteria with the
//! field's label and option labels, when meetings happen and where.
//!
//! The words come from the catalogue ([`super::texts`]); how numbers and dates are written is
//! decided here.

use super::texts::{fill, text};
use crate::model::calendar::{MeetingDay, Ordinal, Weekday, When};
use crate::model::criterion::{Criterion, CriterionValue, Op, Scalar};
use crate::model::values::{
    Bound, Cadence, ChannelKind, Comparator, Date, Duration, FieldType, Language, Money,
    SystemKind, Target, Unit,
};
use crate::model::{Channel, Entries, Field};

/// A number with the language's digit grouping and decimal mark: `1,850,000.5` in English,
/// `1.850.000,5` in German. Whole numbers have no decimals; others as many as they need.
pub fn number(value: f64, language: Language) -> String {
    let (group, decimal) = match language {
        Language::En => (',', '.'),
        Language::De => ('.', ','),
    };
    let written = format!("{}", value.abs());
    let (whole, fraction) = written.split_once('.').unwrap_or((&written, ""));
    let mut out = String::with_capacity(written.len() + whole.len() / 3 + 1);
    if value < 0.0 {
        out.push('-');
    }
    for (i, digit) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i).is_multiple_of(3) {
            out.push(group);
        }
        out.push(digit);
    }
    if !fraction.is_empty() {
        out.push(decimal);
        out.push_str(fraction);
    }
    out
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// A date the language's way: `8 Jan 2027` (unambiguous on both sides of the Atlantic) or
/// `08.01.2027`.
pub fn date(date: Date, language: Language) -> String {
    match language {
        Language::En => {
            let month = MONTHS
                .get(usize::from(date.month).wrapping_sub(1))
                .copied()
                .unwrap_or("");
            format!("{} {month} {}", date.day, date.year)
        }
        Language::De => format!("{:02}.{:02}.{:04}", date.day, date.month, date.year),
    }
}

/// An amount of money: `12,000 EUR`.
pub fn money(money: &Money, language: Language) -> String {
    format!("{} {}", number(money.amount, language), money.currency)
}

/// A word for `amount` of something: the `one` form for exactly 1, else `other`.
fn counted(language: Language, one: &'static str, other: &'static str, amount: f64) -> String {
    let word = if amount == 1.0 { one } else { other };
    format!("{} {}", number(amount, language), text(language, word))
}

/// "a, b and c" (`and`) or "a, b or c" (`or`) in the language.
pub fn list(items: &[String], language: Language, or: bool) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => {
            let joiner = text(language, if or { "list.or" } else { "list.and" });
            format!("{}{joiner}{last}", init.join(", "))
        }
    }
}

/// A duration in words: `90 minutes`, `1 day and 12 hours`, `2 business days`, `2 Arbeitstage`.
pub fn duration(duration: &Duration, language: Language) -> String {
    let (day, hour) = if duration.business {
        (
            ("time.business_day.one", "time.business_day.other"),
            ("time.business_hour.one", "time.business_hour.other"),
        )
    } else {
        (
            ("time.day.one", "time.day.other"),
            ("time.hour.one", "time.hour.other"),
        )
    };
    let parts: Vec<String> = [
        (duration.weeks, ("time.week.one", "time.week.other")),
        (duration.days, day),
        (duration.hours, hour),
        (duration.minutes, ("time.minute.one", "time.minute.other")),
    ]
    .into_iter()
    .filter(|(amount, _)| *amount > 0)
    .map(|(amount, (one, other))| counted(language, one, other, f64::from(amount)))
    .collect();
    list(&parts, language, false)
}

/// How often, in words: `weekly`, `every two weeks`, `vierteljährlich`.
pub fn cadence(cadence: Cadence, language: Language) -> &'static str {
    text(
        language,
        match cadence {
            Cadence::Daily => "cadence.daily",
            Cadence::Weekly => "cadence.weekly",
            Cadence::Biweekly => "cadence.biweekly",
            Cadence::Monthly => "cadence.monthly",
            Cadence::Quarterly => "cadence.quarterly",
            Cadence::HalfYearly => "cadence.half-yearly",
            Cadence::Yearly => "cadence.yearly",
        },
    )
}

/// An amount in a unit: `25 %`, `1,850,000 EUR`, `21 days`, `8.8 points`, `120`.
pub fn quantity(amount: f64, unit: Option<&Unit>, language: Language) -> String {
    let n = || number(amount, language);
    let Some(unit) = unit else { return n() };
    let time = |one, other| counted(language, one, other, amount);
    match unit {
        Unit::Percent => format!("{} %", n()),
        Unit::Money(currency) => format!("{} {}", n(), currency.code()),
        Unit::Count | Unit::Currency | Unit::Ratio => n(),
        Unit::Minutes => time("time.minute.one", "time.minute.other"),
        Unit::Hours => time("time.hour.one", "time.hour.other"),
        Unit::Days => time("time.day.one", "time.day.other"),
        Unit::Weeks => time("time.week.one", "time.week.other"),
        Unit::Months => time("time.month.one", "time.month.other"),
        Unit::Nights => time("unit.night.one", "unit.night.other"),
        Unit::Score => time("unit.point.one", "unit.point.other"),
        Unit::Other(written) => format!("{} {written}", n()),
    }
}

/// The unit alone, as it follows a number: `%`, `EUR`, `days`; nothing for plain counts.
pub fn unit(unit: &Unit, language: Language) -> String {
    let shown = quantity(2.0, Some(unit), language);
    shown
        .strip_prefix(&number(2.0, language))
        .unwrap_or(&shown)
        .trim()
        .to_owned()
}

/// A KPI target with its unit, or the KPI's unit when the target names none: `≥ 25 %`,
/// `≥ 1,850,000 EUR`, `≤ 21 days`, `20–30 %`.
pub fn target(target: &Target, kpi_unit: Option<&Unit>, language: Language) -> String {
    let unit = target.unit.as_ref().or(kpi_unit);
    match target.bound {
        Bound::Compare(comparator, value) => {
            let symbol = match comparator {
                Comparator::AtLeast => "≥",
                Comparator::Above => ">",
                Comparator::AtMost => "≤",
                Comparator::Below => "<",
                Comparator::Exactly => "=",
            };
            format!("{symbol} {}", quantity(value, unit, language))
        }
        Bound::Range(low, high) => {
            // A minus sign right before the dash would read as one mark.
            let dash = if low < 0.0 || high < 0.0 {
                " – "
            } else {
                "–"
            };
            format!(
                "{}{dash}{}",
                number(low, language),
                quantity(high, unit, language)
            )
        }
    }
}

/// A party, a field, an option... named by its id: `lead-quality` is `Lead quality`.
pub fn humanize(id: &str) -> String {
    let spaced = id.replace(['-', '_'], " ");
    let mut chars = spaced.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A criterion as people read it, with the field's label and its options' labels:
/// `Lead score ≥ 50`, `Event type is Wedding or Conference`, `Arrival date is filled in`.
/// Free-text criteria stay as written.
pub fn criterion(criterion: &Criterion, fields: &Entries<Field>, language: Language) -> String {
    let test = match criterion {
        Criterion::Text(text) => return text.clone(),
        Criterion::Test(test) => test,
    };
    let field = fields.get(&test.field.value).map(|f| &f.value);
    let label = field.map_or_else(|| test.field.value.to_string(), |f| f.label.value.clone());
    let field_type = field.map(|f| f.field_type.value);
    let multi = field_type == Some(FieldType::MultiEnum);
    let show = |scalar: &Scalar| scalar_text(scalar, field, language);
    let sentence = |key, value: String| {
        fill(
            language,
            key,
            &[("field", label.as_str()), ("value", value.as_str())],
        )
    };
    match (test.op.value, &test.value.value) {
        (Op::Present, CriterionValue::One(Scalar::Bool(false))) => {
            fill(language, "criterion.empty", &[("field", label.as_str())])
        }
        (Op::Present, _) => fill(
            language,
            "criterion.filled_in",
            &[("field", label.as_str())],
        ),
        (op, CriterionValue::List(items)) => {
            let values: Vec<String> = items.iter().map(|item| show(&item.value)).collect();
            let values = list(&values, language, true);
            match (op, multi) {
                (Op::Ne, true) => sentence("criterion.excludes", values),
                (Op::Ne, false) => sentence("criterion.is_not", values),
                (_, true) => sentence("criterion.includes", values),
                (_, false) => sentence("criterion.is", values),
            }
        }
        (op, CriterionValue::One(scalar)) => {
            let value = show(scalar);
            match (op, multi) {
                (Op::Eq | Op::In, true) => sentence("criterion.includes", value),
                (Op::Ne, true) => sentence("criterion.excludes", value),
                (Op::Eq | Op::In, false) => sentence("criterion.is", value),
                (Op::Ne, false) => sentence("criterion.is_not", value),
                (op, _) => format!("{label} {} {value}", op.symbol()),
            }
        }
    }
}

/// A value in a criterion, as the field shows it: an option's label, a number with its
/// currency, a date, yes or no.
fn scalar_text(scalar: &Scalar, field: Option<&Field>, language: Language) -> String {
    match scalar {
        Scalar::Bool(true) => text(language, "word.yes").to_owned(),
        Scalar::Bool(false) => text(language, "word.no").to_owned(),
        Scalar::Number(value) => match field.and_then(|f| f.currency.as_ref()) {
            Some(currency) => format!("{} {}", number(*value, language), currency.value),
            None => number(*value, language),
        },
        Scalar::Text(written) => {
            if let Some(field) = field {
                if let Some(index) = field
                    .options
                    .iter()
                    .position(|o| o.value == written.as_str())
                {
                    return field.options.label(index).unwrap_or(written).to_owned();
                }
                if field.field_type.value == FieldType::Date
                    && let Ok(day) = written.parse::<Date>()
                {
                    return date(day, language);
                }
            }
            written.clone()
        }
    }
}

fn weekday(day: Weekday, language: Language) -> &'static str {
    text(
        language,
        match day {
            Weekday::Monday => "weekday.monday",
            Weekday::Tuesday => "weekday.tuesday",
            Weekday::Wednesday => "weekday.wednesday",
            Weekday::Thursday => "weekday.thursday",
            Weekday::Friday => "weekday.friday",
            Weekday::Saturday => "weekday.saturday",
            Weekday::Sunday => "weekday.sunday",
        },
    )
}

/// `1st`, `2nd`, `15th` in English, `15.` in German.
fn day_of_month(day: u8, language: Language) -> String {
    match language {
        Language::De => format!("{day}."),
        Language::En => {
            let suffix = match (day % 10, day % 100) {
                (_, 11..=13) => "th",
                (1, _) => "st",
                (2, _) => "nd",
                (3, _) => "rd",
                _ => "th",
            };
            format!("{day}{suffix}")
        }
    }
}

fn clock(minutes: u32) -> String {
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

/// When a meeting happens, in words: `weekly on Tuesday, 09:30–10:15 (45 minutes)`,
/// `monatlich am ersten Donnerstag, 14:00–15:30 Uhr (90 Minuten)`.
pub fn when(when: &When, cadence_of: Option<Cadence>, language: Language) -> String {
    let mut parts: Vec<String> = Vec::new();
    let day = when.day.as_ref().map(|day| match day.value {
        MeetingDay::Weekday(day) => fill(
            language,
            "when.on_weekday",
            &[("day", weekday(day, language))],
        ),
        MeetingDay::InMonth(ordinal, day) => {
            let ordinal = text(
                language,
                match ordinal {
                    Ordinal::First => "ordinal.first",
                    Ordinal::Second => "ordinal.second",
                    Ordinal::Third => "ordinal.third",
                    Ordinal::Fourth => "ordinal.fourth",
                    Ordinal::Last => "ordinal.last",
                },
            );
            fill(
                language,
                "when.on_weekday_of_month",
                &[("ordinal", ordinal), ("day", weekday(day, language))],
            )
        }
        MeetingDay::OfMonth(day) => fill(
            language,
            "when.on_day_of_month",
            &[("day", &day_of_month(day, language))],
        ),
    });
    let first: Vec<&str> = cadence_of
        .map(|c| cadence(c, language))
        .into_iter()
        .chain(day.as_deref())
        .collect();
    if !first.is_empty() {
        parts.push(first.join(" "));
    }
    let length = when.duration.as_ref().map(|d| d.value);
    if let Some(time) = &when.time {
        let start = u32::from(time.value.0);
        // The end is shown when it is plain clock time on the same day.
        let end = length
            .filter(|d| !d.business)
            .map(|d| start as u64 + d.minutes())
            .filter(|end| *end < 24 * 60);
        parts.push(match end {
            Some(end) => fill(
                language,
                "when.time_span",
                &[("start", &clock(start)), ("end", &clock(end as u32))],
            ),
            None => fill(language, "when.time_at", &[("time", &clock(start))]),
        });
    }
    let mut out = parts.join(", ");
    if let Some(length) = length {
        let words = duration(&length, language);
        if out.is_empty() {
            out = words;
        } else {
            out.push_str(&format!(" ({words})"));
        }
    }
    if let Some(starts) = &when.starts {
        let first = fill(
            language,
            "when.starts",
            &[("date", &date(starts.value, language))],
        );
        if out.is_empty() {
            out = first;
        } else {
            out.push_str(", ");
            out.push_str(&first);
        }
    }
    out
}

/// What a system is for, in words: `CRM`, `booking engine`, `Buchungsmaschine`.
pub fn system_kind(kind: SystemKind, language: Language) -> &'static str {
    text(
        language,
        match kind {
            SystemKind::Crm => "system.kind.crm",
            SystemKind::MarketingAutomation => "system.kind.marketing-automation",
            SystemKind::PropertyManagement => "system.kind.property-management",
            SystemKind::BookingEngine => "system.kind.booking-engine",
            SystemKind::Analytics => "system.kind.analytics",
            SystemKind::Chat => "system.kind.chat",
            SystemKind::Other => "system.kind.other",
        },
    )
}

/// A channel named by what it is and where to find it: `#smarketing (chat in Microsoft
/// Teams)`, `video call in Microsoft Teams`, `Meeting room "Schilf" (in person)`.
pub fn channel(channel: &Channel, language: Language) -> String {
    let kind = text(
        language,
        match channel.kind.value {
            ChannelKind::Chat => "channel.kind.chat",
            ChannelKind::Email => "channel.kind.email",
            ChannelKind::Video => "channel.kind.video",
            ChannelKind::Phone => "channel.kind.phone",
            ChannelKind::InPerson => "channel.kind.in-person",
            ChannelKind::Document => "channel.kind.document",
            ChannelKind::Other => "channel.kind.other",
        },
    );
    let address = channel.address.as_ref().map(|a| a.value.as_str());
    let tool = channel.tool.as_ref().map(|t| t.value.as_str());
    match (address, tool) {
        (Some(address), Some(tool)) => fill(
            language,
            "channel.address_tool",
            &[("address", address), ("kind", kind), ("tool", tool)],
        ),
        (Some(address), None) => fill(
            language,
            "channel.address",
            &[("address", address), ("kind", kind)],
        ),
        (None, Some(tool)) => fill(language, "channel.tool", &[("kind", kind), ("tool", tool)]),
        (None, None) => humanize(kind),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Language::{De, En};

    #[test]
    fn numbers_are_grouped_the_languages_way() {
        assert_eq!(number(1_850_000.0, En), "1,850,000");
        assert_eq!(number(1_850_000.0, De), "1.850.000");
        assert_eq!(number(8.8, De), "8,8");
        assert_eq!(number(1234.5, En), "1,234.5");
        assert_eq!(number(120.0, En), "120");
        assert_eq!(number(-5000.0, De), "-5.000");
        assert_eq!(number(0.0, En), "0");
    }

    #[test]
    fn dates_are_written_the_languages_way() {
        let day: Date = "2026-11-29".parse().unwrap();
        assert_eq!(date(day, De), "29.11.2026");
        assert_eq!(date(day, En), "29 Nov 2026");
        assert_eq!(date("2027-01-08".parse().unwrap(), De), "08.01.2027");
    }

    #[test]
    fn targets_show_their_unit() {
        let shown = |written: &str, unit: Option<Unit>, language| {
            target(&written.parse().unwrap(), unit.as_ref(), language)
        };
        assert_eq!(shown(">= 25 %", None, En), "≥ 25 %");
        assert_eq!(
            shown(">= 1850000", Some("EUR".parse().unwrap()), En),
            "≥ 1,850,000 EUR"
        );
        assert_eq!(
            shown(">= 1850000", Some("EUR".parse().unwrap()), De),
            "≥ 1.850.000 EUR"
        );
        assert_eq!(shown("20..30 %", None, En), "20–30 %");
        assert_eq!(shown("<= 21", Some(Unit::Days), De), "≤ 21 Tage");
        assert_eq!(shown("<= 1 hours", None, En), "≤ 1 hour");
        assert_eq!(shown(">= 8.8", Some(Unit::Score), De), "≥ 8,8 Punkte");
        assert_eq!(shown(">= 120", Some(Unit::Count), En), "≥ 120");
        assert_eq!(shown("-5..5", None, En), "-5 – 5");
        assert_eq!(unit(&Unit::Percent, En), "%");
        assert_eq!(unit(&Unit::Days, De), "Tage");
        assert_eq!(unit(&Unit::Count, De), "");
    }

    #[test]
    fn durations_and_cadences_are_words() {
        let shown = |written: &str, language| duration(&written.parse().unwrap(), language);
        assert_eq!(shown("90m", En), "90 minutes");
        assert_eq!(shown("2bd", En), "2 business days");
        assert_eq!(shown("1bd", De), "1 Arbeitstag");
        assert_eq!(shown("1d12h", En), "1 day and 12 hours");
        assert_eq!(shown("1w2d3h", De), "1 Woche, 2 Tage und 3 Stunden");
        assert_eq!(shown("4 business hours", De), "4 Arbeitsstunden");
        assert_eq!(cadence(Cadence::Biweekly, En), "every two weeks");
        assert_eq!(cadence(Cadence::HalfYearly, De), "halbjährlich");
    }

    #[test]
    fn ids_read_as_words() {
        assert_eq!(humanize("lead-quality"), "Lead quality");
        assert_eq!(humanize("guest_data"), "Guest data");
        assert_eq!(humanize(""), "");
    }

    #[test]
    fn lists_join_the_last_item_with_a_word() {
        let items = |n: usize| (1..=n).map(|i| i.to_string()).collect::<Vec<_>>();
        assert_eq!(list(&items(1), En, false), "1");
        assert_eq!(list(&items(3), En, true), "1, 2 or 3");
        assert_eq!(list(&items(2), De, false), "1 und 2");
    }

    #[test]
    fn english_days_of_the_month_have_their_suffix() {
        let days: Vec<String> = [1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 31]
            .into_iter()
            .map(|d| day_of_month(d, En))
            .collect();
        assert_eq!(
            days,
            [
                "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "23rd", "31st"
            ]
        );
        assert_eq!(day_of_month(15, De), "15.");
    }
}

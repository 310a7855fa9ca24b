//! The small value types of the language: dates, durations, targets, cadences and the closed
//! vocabularies (units, field types, outcomes...).
//!
//! Each parses from its text form with a message that says what is wrong and what is accepted,
//! and describes itself to the JSON Schema with a pattern, so editors flag the same mistakes.

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

/// Implements `Deserialize` through `FromStr` (errors become the diagnostic) and `Serialize`
/// through `Display`, and a string JSON Schema with the given pattern and description.
macro_rules! text_value {
    ($type:ty, $name:literal, $pattern:literal, $description:literal) => {
        text_value!($type, $name, $pattern, $description, "type": "string");
    };
    ($type:ty, $name:literal, $pattern:literal, $description:literal, $($type_key:literal : $type_value:tt)*) => {
        impl<'de> Deserialize<'de> for $type {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let text = String::deserialize(deserializer)?;
                text.parse().map_err(serde::de::Error::custom)
            }
        }

        impl Serialize for $type {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.collect_str(self)
            }
        }

        impl JsonSchema for $type {
            fn schema_name() -> Cow<'static, str> {
                $name.into()
            }

            fn json_schema(_: &mut SchemaGenerator) -> Schema {
                json_schema!({
                    $($type_key: $type_value,)*
                    "pattern": $pattern,
                    "description": $description,
                })
            }
        }
    };
}

/// A calendar date, `YYYY-MM-DD`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl FromStr for Date {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        let bad = || format!("`{text}` is not a date\nwrite it as `YYYY-MM-DD`, like `2027-03-31`");
        let parts: Vec<&str> = text.split('-').collect();
        let [year, month, day] = parts.as_slice() else {
            return Err(bad());
        };
        if year.len() != 4 || month.len() != 2 || day.len() != 2 {
            return Err(bad());
        }
        let year: u16 = year.parse().map_err(|_| bad())?;
        let month: u8 = month.parse().map_err(|_| bad())?;
        let day: u8 = day.parse().map_err(|_| bad())?;
        let leap =
            (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400);
        let days_in_month = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => {
                return Err(format!(
                    "`{text}` is not a date: there is no month {month}\nwrite it as `YYYY-MM-DD`"
                ));
            }
        };
        if day == 0 || day > days_in_month {
            return Err(format!(
                "`{text}` is not a date: month {month} has {days_in_month} days\nwrite it as `YYYY-MM-DD`"
            ));
        }
        Ok(Date { year, month, day })
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

// YAML 1.1 tools read a plain `2027-03-31` as a date rather than text; the schema rules out every
// other JSON type instead of requiring a string, so that such tools accept the same files.
text_value!(
    Date,
    "Date",
    "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
    "a date, YYYY-MM-DD",
    "not": { "type": ["number", "boolean", "array", "object", "null"] }
);

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

/// A KPI target: a comparator and a number, or an inclusive range, each with an optional unit:
/// `">= 25"`, `">= 25 %"`, `"≤ 15 minutes"`, `"20..30 %"`.
#[derive(Clone, Debug, PartialEq)]
pub struct Target {
    pub bound: Bound,
    /// The unit written after the number, if any.
    pub unit: Option<Unit>,
}

/// What a target asks of the number.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Bound {
    /// A comparator and a number: `>= 25`.
    Compare(Comparator, f64),
    /// From the first to the second number, both included: `20..30`.
    Range(f64, f64),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Comparator {
    AtLeast,
    Above,
    AtMost,
    Below,
    Exactly,
}

impl Comparator {
    pub fn symbol(self) -> &'static str {
        match self {
            Comparator::AtLeast => ">=",
            Comparator::Above => ">",
            Comparator::AtMost => "<=",
            Comparator::Below => "<",
            Comparator::Exactly => "=",
        }
    }
}

const TARGET_HELP: &str = "write a comparator and a number, or a range, with an optional unit, in quotes: `\">= 25\"`, `\">= 25 %\"`, `\"20..30\"`";

/// Splits `25 %` into the number and what follows it.
fn number_and_rest(text: &str) -> (&str, &str) {
    let text = text.trim();
    let end = text
        .char_indices()
        .find(|&(index, c)| {
            !(c.is_ascii_digit() || c == '.' || ((c == '-' || c == '+') && index == 0))
        })
        .map_or(text.len(), |(index, _)| index);
    (&text[..end], text[end..].trim())
}

impl FromStr for Target {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        let trimmed = text.trim();
        let number = |written: &str| -> Result<f64, String> {
            match written.parse::<f64>() {
                Ok(value) if value.is_finite() => Ok(value),
                Ok(_) => Err(format!(
                    "`{text}` is not a target: the number must be finite\n{TARGET_HELP}"
                )),
                Err(_) => Err(format!(
                    "`{text}` is not a target: `{written}` is not a number\n{TARGET_HELP}"
                )),
            }
        };
        let comparator = [
            (">=", Comparator::AtLeast),
            ("≥", Comparator::AtLeast),
            ("<=", Comparator::AtMost),
            ("≤", Comparator::AtMost),
            ("==", Comparator::Exactly),
            (">", Comparator::Above),
            ("<", Comparator::Below),
            ("=", Comparator::Exactly),
        ]
        .into_iter()
        .find_map(|(symbol, comparator)| {
            trimmed.strip_prefix(symbol).map(|rest| (comparator, rest))
        });
        let (bound, unit_text) = match comparator {
            Some((comparator, rest)) => {
                let (written, unit) = number_and_rest(rest);
                if written.is_empty() {
                    let shown = rest.trim();
                    return Err(format!(
                        "`{text}` is not a target: `{shown}` is not a number\n{TARGET_HELP}"
                    ));
                }
                (Bound::Compare(comparator, number(written)?), unit)
            }
            None => {
                let Some((low, high)) = trimmed.split_once("..") else {
                    return Err(format!("`{text}` is not a target\n{TARGET_HELP}"));
                };
                let low = number(low.trim())?;
                let (written, unit) = number_and_rest(high);
                let high = number(written)?;
                if low > high {
                    return Err(format!(
                        "`{text}` is not a target: the range runs from {low} down to {high}\nwrite the smaller number first, like `\"20..30\"`"
                    ));
                }
                (Bound::Range(low, high), unit)
            }
        };
        let unit = if unit_text.is_empty() {
            None
        } else {
            Some(unit_text.parse::<Unit>()?)
        };
        Ok(Target { bound, unit })
    }
}

impl fmt::Display for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.bound {
            Bound::Compare(comparator, value) => write!(f, "{} {value}", comparator.symbol())?,
            Bound::Range(low, high) => write!(f, "{low}..{high}")?,
        }
        match &self.unit {
            // Percent reads best as the sign after a number.
            Some(Unit::Percent) => f.write_str(" %"),
            Some(unit) => write!(f, " {unit}"),
            None => Ok(()),
        }
    }
}

text_value!(
    Target,
    "Target",
    "^\\s*((>=|<=|==|>|<|=|≥|≤)\\s*[-+]?[0-9]+(\\.[0-9]+)?|[-+]?[0-9]+(\\.[0-9]+)?\\s*\\.\\.\\s*[-+]?[0-9]+(\\.[0-9]+)?)(\\s*\\S.*)?$",
    "a comparator and a number, or an inclusive range, with an optional unit, like \">= 25\", \">= 25 %\", \"<= 15 minutes\" or \"20..30 %\""
);

/// The chance that a deal in a pipeline stage closes, from 0.0 to 1.0.
#[derive(Clone, Copy, Debug, PartialEq, PartialOrd, Serialize)]
#[serde(transparent)]
pub struct Probability(pub f64);

impl<'de> Deserialize<'de> for Probability {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = f64::deserialize(deserializer)?;
        if (0.0..=1.0).contains(&value) {
            Ok(Probability(value))
        } else {
            Err(serde::de::Error::custom(format!(
                "`{value}` is out of range\nwrite a share from 0.0 to 1.0, like 0.4 for 40 %"
            )))
        }
    }
}

impl JsonSchema for Probability {
    fn schema_name() -> Cow<'static, str> {
        "Probability".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "number",
            "minimum": 0.0,
            "maximum": 1.0,
            "description": "a share from 0.0 to 1.0",
        })
    }
}

/// How often something happens, from most to least frequent.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Cadence {
    Daily,
    Weekly,
    // Every two weeks; `fortnightly` is the same.
    #[serde(alias = "fortnightly")]
    Biweekly,
    Monthly,
    Quarterly,
    HalfYearly,
    Yearly,
}

// By hand, because the derived schema leaves out `fortnightly`, the alias of `biweekly`.
impl JsonSchema for Cadence {
    fn schema_name() -> Cow<'static, str> {
        "Cadence".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "How often something happens, from most to least frequent; fortnightly is biweekly.",
            "type": "string",
            "enum": ["daily", "weekly", "biweekly", "fortnightly", "monthly", "quarterly", "half-yearly", "yearly"],
        })
    }
}

impl Cadence {
    pub fn as_str(self) -> &'static str {
        match self {
            Cadence::Daily => "daily",
            Cadence::Weekly => "weekly",
            Cadence::Biweekly => "biweekly",
            Cadence::Monthly => "monthly",
            Cadence::Quarterly => "quarterly",
            Cadence::HalfYearly => "half-yearly",
            Cadence::Yearly => "yearly",
        }
    }

    /// True when `self` happens more often than `other`.
    pub fn more_frequent_than(self, other: Cadence) -> bool {
        self < other
    }
}

impl fmt::Display for Cadence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Defines a closed vocabulary: a kebab-case enum that serde, schemars and the docs agree on.
macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize, JsonSchema)]
        pub enum $name {
            $(#[serde(rename = $text)] $variant),+
        }

        impl $name {
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

/// What a KPI counts in. Any text is a unit; the known ones are recognised however they are
/// written (`%` is `percent`, `eur` is `EUR`, `night` is `nights`) so that documents and checks
/// see one spelling.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Unit {
    Percent,
    Count,
    /// Money, without saying which currency.
    Currency,
    /// Money in one ISO 4217 currency.
    Money(iso_currency::Currency),
    Minutes,
    Hours,
    Days,
    Weeks,
    Months,
    Nights,
    Score,
    Ratio,
    /// Any other unit, as written (`guests`, `leads`, `m²`).
    Other(String),
}

impl Unit {
    /// The known units in their normal spelling, for the schema and the docs; any ISO 4217
    /// currency code is known too.
    pub const KNOWN: [&'static str; 11] = [
        "percent", "count", "currency", "minutes", "hours", "days", "weeks", "months", "nights",
        "score", "ratio",
    ];
}

impl Unit {
    /// True when a number in `self` cannot be a number in `other`: a currency against a percent,
    /// euros against francs. Units of time agree with each other (a KPI in minutes may have a
    /// target in hours), `currency` agrees with every currency code, and units kept as written
    /// agree when they are spelled alike.
    pub fn contradicts(&self, other: &Unit) -> bool {
        match (self, other) {
            (Unit::Money(a), Unit::Money(b)) => a != b,
            (Unit::Other(a), Unit::Other(b)) => !a.eq_ignore_ascii_case(b),
            _ => self.dimension() != other.dimension(),
        }
    }

    /// What the unit measures, so that units that can be converted into each other compare
    /// equal.
    fn dimension(&self) -> u8 {
        match self {
            Unit::Percent => 0,
            Unit::Count => 1,
            Unit::Currency | Unit::Money(_) => 2,
            Unit::Minutes | Unit::Hours | Unit::Days | Unit::Weeks | Unit::Months => 3,
            Unit::Nights => 4,
            Unit::Score => 5,
            Unit::Ratio => 6,
            Unit::Other(_) => 7,
        }
    }
}

impl FromStr for Unit {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        let written = text.trim();
        if written.is_empty() {
            return Err(
                "a unit cannot be empty\nwrite what the KPI counts in, like `percent`, `count` or `EUR`"
                    .to_owned(),
            );
        }
        let lower = written.to_lowercase();
        let unit = match lower.as_str() {
            "%" | "percent" => Unit::Percent,
            "count" => Unit::Count,
            "currency" => Unit::Currency,
            "minute" | "minutes" => Unit::Minutes,
            "hour" | "hours" => Unit::Hours,
            "day" | "days" => Unit::Days,
            "week" | "weeks" => Unit::Weeks,
            "month" | "months" => Unit::Months,
            "night" | "nights" => Unit::Nights,
            "score" => Unit::Score,
            "ratio" => Unit::Ratio,
            _ => match iso_currency::Currency::from_code(&written.to_uppercase()) {
                Some(currency) if written.len() == 3 => Unit::Money(currency),
                _ => Unit::Other(written.to_owned()),
            },
        };
        Ok(unit)
    }
}

impl fmt::Display for Unit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Unit::Percent => "percent",
            Unit::Count => "count",
            Unit::Currency => "currency",
            Unit::Money(currency) => currency.code(),
            Unit::Minutes => "minutes",
            Unit::Hours => "hours",
            Unit::Days => "days",
            Unit::Weeks => "weeks",
            Unit::Months => "months",
            Unit::Nights => "nights",
            Unit::Score => "score",
            Unit::Ratio => "ratio",
            Unit::Other(text) => text,
        })
    }
}

text_value!(
    Unit,
    "Unit",
    "\\S",
    "what the KPI counts in: any text; percent (or %), count, currency, an ISO 4217 currency code (EUR, CHF, USD, ...), minutes, hours, days, weeks, months, nights, score and ratio are recognised",
    "type": "string"
    "examples": ["percent", "count", "EUR", "CHF", "USD", "minutes", "hours", "days", "nights", "score", "ratio"]
);

/// An ISO 4217 currency code, like `EUR`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct CurrencyCode(pub iso_currency::Currency);

impl FromStr for CurrencyCode {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        let code = text.trim();
        match iso_currency::Currency::from_code(&code.to_uppercase()) {
            Some(currency) if code.len() == 3 => Ok(CurrencyCode(currency)),
            _ => Err(format!(
                "`{text}` is not an ISO 4217 currency code\nwrite three letters, like `EUR`, `CHF` or `USD`"
            )),
        }
    }
}

impl fmt::Display for CurrencyCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0.code())
    }
}

text_value!(
    CurrencyCode,
    "CurrencyCode",
    "^\\s*[A-Za-z]{3}\\s*$",
    "an ISO 4217 currency code, like EUR, CHF or USD"
);

/// An amount of money: a number and an ISO 4217 currency code, `"12000 EUR"`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Money {
    pub amount: f64,
    pub currency: CurrencyCode,
}

impl FromStr for Money {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        let help = "write a number and an ISO 4217 currency code, like `\"12000 EUR\"`";
        let (written, code) = number_and_rest(text);
        let amount: f64 = written
            .parse()
            .ok()
            .filter(|amount: &f64| amount.is_finite() && *amount >= 0.0)
            .ok_or_else(|| format!("`{text}` is not an amount of money\n{help}"))?;
        let currency = code
            .parse::<CurrencyCode>()
            .map_err(|_| format!("`{text}` is not an amount of money: `{code}` is not an ISO 4217 currency code\n{help}"))?;
        Ok(Money { amount, currency })
    }
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.amount, self.currency)
    }
}

text_value!(
    Money,
    "Money",
    "^\\s*[0-9]+(\\.[0-9]+)?\\s*[A-Za-z]{3}\\s*$",
    "an amount and an ISO 4217 currency code, like \"12000 EUR\""
);

vocabulary!(
    /// The data type of a shared field.
    FieldType {
        String = "string",
        Text = "text",
        Number = "number",
        Date = "date",
        Datetime = "datetime",
        Bool = "bool",
        Enum = "enum",
        Email = "email",
        Phone = "phone",
        Currency = "currency",
        Url = "url",
        MultiEnum = "multi_enum",
    }
);

vocabulary!(
    /// The CRM object a field belongs to.
    FieldObject {
        Contact = "contact",
        Deal = "deal",
        Company = "company",
    }
);

vocabulary!(
    /// How a lifecycle or pipeline stage ends.
    Outcome {
        Won = "won",
        Lost = "lost",
    }
);

vocabulary!(
    /// What kind of channel a team talks through.
    ChannelKind {
        Chat = "chat",
        Email = "email",
        Video = "video",
        Phone = "phone",
        InPerson = "in-person",
        Document = "document",
        Other = "other",
    }
);

vocabulary!(
    /// What a system is used for.
    SystemKind {
        Crm = "crm",
        MarketingAutomation = "marketing-automation",
        PropertyManagement = "property-management",
        BookingEngine = "booking-engine",
        Analytics = "analytics",
        Chat = "chat",
        Other = "other",
    }
);

vocabulary!(
    /// A rule level set in `lint:` or on the command line.
    Level {
        Error = "error",
        Warning = "warning",
        Info = "info",
        Off = "off",
    }
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_are_free_text_and_known_ones_have_one_spelling() {
        let unit = |text: &str| text.parse::<Unit>().map(|unit| unit.to_string());
        assert_eq!(unit("%"), Ok("percent".into()));
        assert_eq!(unit(" Percent "), Ok("percent".into()));
        assert_eq!(unit("eur"), Ok("EUR".into()));
        assert_eq!(unit("CHF"), Ok("CHF".into()));
        assert_eq!(unit("night"), Ok("nights".into()));
        assert_eq!(unit("Minutes"), Ok("minutes".into()));
        assert_eq!(unit("guests"), Ok("guests".into()));
        // Three letters that are no currency stay as written.
        assert_eq!(unit("pax"), Ok("pax".into()));
        assert!(unit("  ").is_err());
        for known in Unit::KNOWN {
            assert_eq!(unit(known), Ok(known.to_owned()));
            assert!(!matches!(known.parse::<Unit>(), Ok(Unit::Other(_))));
        }
    }

    #[test]
    fn units_contradict_across_what_they_measure() {
        let unit = |text: &str| text.parse::<Unit>().unwrap();
        assert!(unit("EUR").contradicts(&unit("percent")));
        assert!(unit("EUR").contradicts(&unit("CHF")));
        assert!(!unit("EUR").contradicts(&unit("currency")));
        assert!(!unit("hours").contradicts(&unit("minutes")));
        assert!(unit("guests").contradicts(&unit("count")));
        assert!(!unit("Guests").contradicts(&unit("guests")));
        assert!(unit("guests").contradicts(&unit("leads")));
    }

    #[test]
    fn money_is_an_amount_and_a_currency() {
        assert_eq!(
            "12000 EUR".parse::<Money>().map(|m| m.to_string()),
            Ok("12000 EUR".into())
        );
        assert_eq!(
            " 99.5chf".parse::<Money>().map(|m| m.to_string()),
            Ok("99.5 CHF".into())
        );
        assert!(
            "12000"
                .parse::<Money>()
                .unwrap_err()
                .contains("currency code")
        );
        assert!("12000 XYZ".parse::<Money>().unwrap_err().contains("`XYZ`"));
        assert!("lots EUR".parse::<Money>().is_err());
        assert_eq!(
            "eur".parse::<CurrencyCode>().map(|c| c.to_string()),
            Ok("EUR".into())
        );
        assert!("euro".parse::<CurrencyCode>().is_err());
    }

    #[test]
    fn dates_are_checked_for_real_days() {
        assert_eq!(
            "2028-02-29".parse::<Date>().unwrap().to_string(),
            "2028-02-29"
        );
        assert!(
            "2027-02-29"
                .parse::<Date>()
                .unwrap_err()
                .contains("28 days")
        );
        assert!(
            "2027-13-01"
                .parse::<Date>()
                .unwrap_err()
                .contains("no month 13")
        );
        assert!(
            "next-week"
                .parse::<Date>()
                .unwrap_err()
                .contains("YYYY-MM-DD")
        );
    }

    #[test]
    fn durations_read_their_unit() {
        assert_eq!("24h".parse::<Duration>().unwrap().minutes(), 24 * 60);
        assert_eq!("1w".parse::<Duration>().unwrap().minutes(), 7 * 24 * 60);
        assert!("soon".parse::<Duration>().is_err());
        assert!("0h".parse::<Duration>().is_err());
        assert!("12".parse::<Duration>().is_err());
    }

    #[test]
    fn durations_combine_parts_and_count_business_time() {
        let shown = |text: &str| text.parse::<Duration>().map(|d| d.to_string());
        assert_eq!(shown("90m"), Ok("90m".into()));
        assert_eq!(shown("1d12h"), Ok("1d12h".into()));
        assert_eq!(shown("1d 12h"), Ok("1d12h".into()));
        assert_eq!(shown("2 hours"), Ok("2h".into()));
        assert_eq!(shown("90 minutes"), Ok("90m".into()));
        assert_eq!(shown("1 week"), Ok("1w".into()));
        assert_eq!(shown("2bd"), Ok("2bd".into()));
        assert_eq!(shown("2 business days"), Ok("2bd".into()));
        assert_eq!(shown("4bh"), Ok("4bh".into()));
        assert_eq!(shown("4 business hours"), Ok("4bh".into()));
        assert_eq!(shown("1bd 4bh"), Ok("1bd4bh".into()));
        assert_eq!("1d12h".parse::<Duration>().unwrap().minutes(), 36 * 60);
        assert!("4bh".parse::<Duration>().unwrap().business);
        assert!(!"4h".parse::<Duration>().unwrap().business);
        assert!(shown("1d 4bh").unwrap_err().contains("mixes business time"));
        assert!(shown("1h 2h").unwrap_err().contains("twice"));
        assert!(
            shown("2 fortnights")
                .unwrap_err()
                .contains("`fortnights` is not a unit")
        );
        assert!(shown("0h 0m").unwrap_err().contains("longer than zero"));
        assert!(shown("99999999999h").unwrap_err().contains("too large"));
    }

    #[test]
    fn targets_need_a_comparator_and_a_number() {
        let target: Target = ">= 25".parse().unwrap();
        assert_eq!(target.bound, Bound::Compare(Comparator::AtLeast, 25.0));
        assert_eq!(target.unit, None);
        assert_eq!("<3".parse::<Target>().unwrap().to_string(), "< 3");
        assert!("25".parse::<Target>().unwrap_err().contains("comparator"));
        assert!(
            "next-week"
                .parse::<Date>()
                .unwrap_err()
                .starts_with("`next-week` is not a date\n")
        );
        assert!(
            ">= lots"
                .parse::<Target>()
                .unwrap_err()
                .contains("not a number")
        );
    }

    #[test]
    fn targets_take_units_and_ranges() {
        let shown = |text: &str| text.parse::<Target>().map(|target| target.to_string());
        assert_eq!(shown(">= 25 %"), Ok(">= 25 %".into()));
        assert_eq!(shown(">=25%"), Ok(">= 25 %".into()));
        assert_eq!(shown(">= 1200 EUR"), Ok(">= 1200 EUR".into()));
        assert_eq!(shown("<= 15 minutes"), Ok("<= 15 minutes".into()));
        assert_eq!(shown("≥ 25"), Ok(">= 25".into()));
        assert_eq!(shown("≤ 2.5 hours"), Ok("<= 2.5 hours".into()));
        assert_eq!(shown("20..30"), Ok("20..30".into()));
        assert_eq!(shown(" 20 .. 30 % "), Ok("20..30 %".into()));
        assert_eq!(shown("-5..5"), Ok("-5..5".into()));
        let target: Target = "20..30 %".parse().unwrap();
        assert_eq!(target.bound, Bound::Range(20.0, 30.0));
        assert_eq!(target.unit, Some(Unit::Percent));
        assert_eq!(
            ">= 1200 eur".parse::<Target>().unwrap().unit,
            Some(Unit::Money(iso_currency::Currency::EUR))
        );
        assert!(
            shown("30..20")
                .unwrap_err()
                .contains("smaller number first")
        );
        assert!(shown("20..").unwrap_err().contains("not a number"));
        assert!(shown(">= %").unwrap_err().contains("not a number"));
        assert!(shown("lots").unwrap_err().contains("comparator"));
    }

    #[test]
    fn cadences_order_by_frequency() {
        assert!(Cadence::Daily.more_frequent_than(Cadence::Weekly));
        assert!(!Cadence::Monthly.more_frequent_than(Cadence::Weekly));
        assert!(Cadence::Quarterly.more_frequent_than(Cadence::HalfYearly));
        assert!(Cadence::HalfYearly.more_frequent_than(Cadence::Yearly));
    }
}

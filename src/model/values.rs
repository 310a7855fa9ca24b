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

/// A duration such as an SLA: a whole number and a unit, `30m`, `4h`, `2d`, `1w`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Duration {
    pub amount: u32,
    pub unit: DurationUnit,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DurationUnit {
    Minutes,
    Hours,
    Days,
    Weeks,
}

impl Duration {
    pub fn minutes(&self) -> u64 {
        let per_unit = match self.unit {
            DurationUnit::Minutes => 1,
            DurationUnit::Hours => 60,
            DurationUnit::Days => 60 * 24,
            DurationUnit::Weeks => 60 * 24 * 7,
        };
        u64::from(self.amount) * per_unit
    }
}

impl FromStr for Duration {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        let bad = || {
            format!(
                "`{text}` is not a duration\nwrite a whole number and a unit, like `30m`, `4h`, `2d` or `1w`"
            )
        };
        let trimmed = text.trim();
        let split = trimmed
            .find(|c: char| !c.is_ascii_digit())
            .ok_or_else(bad)?;
        let (amount, unit) = trimmed.split_at(split);
        let amount: u32 = amount.parse().map_err(|_| bad())?;
        let unit = match unit.trim() {
            "m" | "min" => DurationUnit::Minutes,
            "h" => DurationUnit::Hours,
            "d" => DurationUnit::Days,
            "w" => DurationUnit::Weeks,
            _ => return Err(bad()),
        };
        if amount == 0 {
            return Err(format!(
                "`{text}` is not a duration: it must be longer than zero\nwrite a whole number and a unit, like `30m`, `4h`, `2d` or `1w`"
            ));
        }
        Ok(Duration { amount, unit })
    }
}

impl fmt::Display for Duration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let unit = match self.unit {
            DurationUnit::Minutes => "m",
            DurationUnit::Hours => "h",
            DurationUnit::Days => "d",
            DurationUnit::Weeks => "w",
        };
        write!(f, "{}{unit}", self.amount)
    }
}

text_value!(
    Duration,
    "Duration",
    "^\\s*[0-9]+\\s*(m|min|h|d|w)\\s*$",
    "a duration: a whole number and m, h, d or w, like 30m, 4h, 2d, 1w"
);

/// A KPI target: a comparator and a number, `">= 25"`.
#[derive(Clone, Copy, Debug, PartialEq, PartialOrd)]
pub struct Target {
    pub comparator: Comparator,
    pub value: f64,
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

impl FromStr for Target {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        let trimmed = text.trim();
        let (comparator, rest) = [
            (">=", Comparator::AtLeast),
            ("<=", Comparator::AtMost),
            ("==", Comparator::Exactly),
            (">", Comparator::Above),
            ("<", Comparator::Below),
            ("=", Comparator::Exactly),
        ]
        .into_iter()
        .find_map(|(symbol, comparator)| trimmed.strip_prefix(symbol).map(|rest| (comparator, rest)))
        .ok_or_else(|| {
            format!("`{text}` is not a target\nwrite a comparator (>=, >, <=, <, =) and a number, in quotes: `\">= 25\"`")
        })?;
        let value: f64 = rest.trim().trim_end_matches('%').trim().parse().map_err(|_| {
            format!("`{text}` is not a target: `{}` is not a number\nwrite a comparator and a number, like `\">= 25\"`", rest.trim())
        })?;
        if !value.is_finite() {
            return Err(format!(
                "`{text}` is not a target: the number must be finite\nwrite a comparator and a number, like `\">= 25\"`"
            ));
        }
        Ok(Target { comparator, value })
    }
}

impl fmt::Display for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.comparator.symbol(), self.value)
    }
}

text_value!(
    Target,
    "Target",
    "^\\s*(>=|<=|==|>|<|=)\\s*-?[0-9]+(\\.[0-9]+)?\\s*%?\\s*$",
    "a comparator and a number, like \">= 25\""
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
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Cadence {
    Daily,
    Weekly,
    Biweekly,
    Monthly,
    Quarterly,
    Yearly,
}

impl Cadence {
    pub fn as_str(self) -> &'static str {
        match self {
            Cadence::Daily => "daily",
            Cadence::Weekly => "weekly",
            Cadence::Biweekly => "biweekly",
            Cadence::Monthly => "monthly",
            Cadence::Quarterly => "quarterly",
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
    fn targets_need_a_comparator_and_a_number() {
        let target: Target = ">= 25".parse().unwrap();
        assert_eq!(target.comparator, Comparator::AtLeast);
        assert_eq!(target.value, 25.0);
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
    fn cadences_order_by_frequency() {
        assert!(Cadence::Daily.more_frequent_than(Cadence::Weekly));
        assert!(!Cadence::Monthly.more_frequent_than(Cadence::Weekly));
    }
}

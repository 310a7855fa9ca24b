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
        $crate::model::values::text_value!($type, $name, $pattern, $description, "type": "string");
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

pub(crate) use text_value;

mod duration;
mod target;
mod unit;

pub use duration::*;
pub use target::*;
pub use unit::*;

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
    /// The language documents are written in.
    Language {
        De = "de",
        En = "en",
    }
);

/// English, when neither the command line nor the playbook names a language.
impl Default for Language {
    fn default() -> Self {
        Language::En
    }
}

impl Language {
    pub const ALL: [Language; 2] = [Language::De, Language::En];
}

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

//! What KPIs count in and what money is: units, ISO 4217 currency codes, amounts.

use super::*;

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
        let (written, code) = super::target::number_and_rest(text);
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

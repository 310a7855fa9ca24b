//! KPI targets: a comparator and a number, or a range, each with an optional unit.

use super::*;

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
pub(super) fn number_and_rest(text: &str) -> (&str, &str) {
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

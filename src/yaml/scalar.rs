//! What a plain YAML scalar means: null, a boolean, a number or text.
//!
//! Playbooks follow the YAML 1.2 core schema, so `yes`, `no`, `on` and `off` stay text (a
//! stage called `no` must not turn into `false`), and so does anything that only looks like a
//! number in a language-specific spelling (`0X1F` and `0b101` are text). Two friendly extras, as
//! in most YAML libraries: digits may be grouped with single underscores (`10_000`), and integers
//! beyond 64 bits become floats. Quoted and block scalars are always text unless a core tag says
//! otherwise.

use super::NodeKind;

/// What a scalar turned out to be.
#[derive(Debug, PartialEq)]
pub enum Scalar {
    /// Text, kept as written (the caller decides whether it needs a copy).
    Text,
    /// Null, a boolean or a number.
    Value(NodeKind),
}

/// The value of a plain (unquoted, untagged) scalar.
pub fn resolve_plain(text: &str) -> Scalar {
    match text {
        "" | "~" | "null" | "Null" | "NULL" => return Scalar::Value(NodeKind::Null),
        "true" | "True" | "TRUE" => return Scalar::Value(NodeKind::Bool(true)),
        "false" | "False" | "FALSE" => return Scalar::Value(NodeKind::Bool(false)),
        _ => {}
    }
    // Most scalars are names and sentences: one look at the first character settles them.
    let first = text.strip_prefix(['-', '+']).unwrap_or(text).bytes().next();
    if !matches!(first, Some(b'0'..=b'9' | b'.')) {
        return Scalar::Text;
    }
    number(text).map_or(Scalar::Text, Scalar::Value)
}

/// The value of a scalar with an explicit core-schema tag (`!!str`, `!!int`, ...), or `None`
/// when the text does not fit the tag.
pub fn resolve_tagged(text: &str, core_tag: &str) -> Option<Scalar> {
    let value = match core_tag {
        "null" => matches!(text, "" | "~" | "null" | "Null" | "NULL").then_some(NodeKind::Null)?,
        "bool" => match text {
            "true" | "True" | "TRUE" => NodeKind::Bool(true),
            "false" | "False" | "FALSE" => NodeKind::Bool(false),
            _ => return None,
        },
        "int" => match number(text)? {
            NodeKind::Float(_) if !is_integer_spelling(text) => return None,
            number => number,
        },
        "float" => match number(text)? {
            NodeKind::Int(value) => NodeKind::Float(value as f64),
            number => number,
        },
        _ => return Some(Scalar::Text),
    };
    Some(Scalar::Value(value))
}

/// A core-schema number: decimal, `0o` octal or `0x` hexadecimal integers, decimal floats and
/// `.inf` / `.nan`. Integers beyond 64 bits become floats, as in most YAML libraries.
fn number(text: &str) -> Option<NodeKind> {
    if text.contains('_') {
        return integer_with_separators(text);
    }
    if let Some(digits) = text.strip_prefix("0x") {
        return radix(digits, 16);
    }
    if let Some(digits) = text.strip_prefix("0o") {
        return radix(digits, 8);
    }
    if is_integer_spelling(text) {
        return Some(match text.parse::<i64>() {
            Ok(value) => NodeKind::Int(value),
            // Only reachable past 64 bits; the spelling is a valid float then.
            Err(_) => NodeKind::Float(text.parse().ok()?),
        });
    }
    let unsigned = text.strip_prefix(['-', '+']).unwrap_or(text);
    match unsigned {
        ".inf" | ".Inf" | ".INF" => {
            let infinity = f64::INFINITY;
            return Some(NodeKind::Float(if text.starts_with('-') {
                -infinity
            } else {
                infinity
            }));
        }
        // NaN has no sign in the core schema.
        ".nan" | ".NaN" | ".NAN" if unsigned.len() == text.len() => {
            return Some(NodeKind::Float(f64::NAN));
        }
        _ => {}
    }
    is_float_spelling(unsigned)
        .then(|| text.parse().ok().map(NodeKind::Float))
        .flatten()
}

/// `10_000`, `-1_000_000`, `0x_ff`... : underscores between digits only, never two in a row.
fn integer_with_separators(text: &str) -> Option<NodeKind> {
    let (sign, rest) = match text.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", text.strip_prefix('+').unwrap_or(text)),
    };
    let (prefix, digits) = ["0x", "0o"]
        .into_iter()
        .find_map(|prefix| Some((prefix, rest.strip_prefix(prefix)?)))
        .unwrap_or(("", rest));
    let bytes = digits.as_bytes();
    let well_placed = bytes.iter().enumerate().all(|(i, &b)| {
        b != b'_' || (i > 0 && i + 1 < bytes.len() && bytes[i - 1] != b'_' && bytes[i + 1] != b'_')
    });
    if !well_placed || (!prefix.is_empty() && !sign.is_empty()) {
        return None;
    }
    let joined: String = digits.chars().filter(|&c| c != '_').collect();
    match prefix {
        "0x" => radix(&joined, 16),
        "0o" => radix(&joined, 8),
        _ => number(&format!("{sign}{joined}")).filter(|n| matches!(n, NodeKind::Int(_))),
    }
}

fn radix(digits: &str, radix: u32) -> Option<NodeKind> {
    if digits.is_empty() || !digits.chars().all(|c| c.is_digit(radix)) {
        return None;
    }
    Some(match i64::from_str_radix(digits, radix) {
        Ok(value) => NodeKind::Int(value),
        Err(_) => NodeKind::Float(u128::from_str_radix(digits, radix).ok()? as f64),
    })
}

/// `[-+]?[0-9]+`
fn is_integer_spelling(text: &str) -> bool {
    let digits = text.strip_prefix(['-', '+']).unwrap_or(text);
    !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
}

/// `(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?` for a text without its sign.
fn is_float_spelling(text: &str) -> bool {
    let (mantissa, exponent) = match text.find(['e', 'E']) {
        Some(at) => (&text[..at], Some(&text[at + 1..])),
        None => (text, None),
    };
    let (whole, fraction) = match mantissa.split_once('.') {
        Some((whole, fraction)) => (whole, Some(fraction)),
        None => (mantissa, None),
    };
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    let mantissa_ok = match fraction {
        Some(fraction) if whole.is_empty() => !fraction.is_empty() && all_digits(fraction),
        Some(fraction) => all_digits(whole) && all_digits(fraction),
        None => !whole.is_empty() && all_digits(whole),
    };
    let exponent_ok = exponent.is_none_or(is_integer_spelling);
    mantissa_ok && exponent_ok
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value(text: &str) -> NodeKind {
        match resolve_plain(text) {
            Scalar::Value(kind) => kind,
            Scalar::Text => panic!("`{text}` resolved as text"),
        }
    }

    #[test]
    fn core_schema_words() {
        assert_eq!(value(""), NodeKind::Null);
        assert_eq!(value("~"), NodeKind::Null);
        assert_eq!(value("True"), NodeKind::Bool(true));
        assert_eq!(value("FALSE"), NodeKind::Bool(false));
        for word in ["yes", "no", "on", "off", "y", "tRue", "nulL"] {
            assert_eq!(resolve_plain(word), Scalar::Text, "{word}");
        }
    }

    #[test]
    fn core_schema_numbers() {
        assert_eq!(value("42"), NodeKind::Int(42));
        assert_eq!(value("-7"), NodeKind::Int(-7));
        assert_eq!(value("+7"), NodeKind::Int(7));
        assert_eq!(value("0777"), NodeKind::Int(777));
        assert_eq!(value("0x1F"), NodeKind::Int(31));
        assert_eq!(value("0o17"), NodeKind::Int(15));
        assert_eq!(value("10_000"), NodeKind::Int(10_000));
        assert_eq!(value("-1_000_000"), NodeKind::Int(-1_000_000));
        assert_eq!(value("0.5"), NodeKind::Float(0.5));
        assert_eq!(value(".5"), NodeKind::Float(0.5));
        assert_eq!(value("5."), NodeKind::Float(5.0));
        assert_eq!(value("1e3"), NodeKind::Float(1000.0));
        assert_eq!(value("-.inf"), NodeKind::Float(f64::NEG_INFINITY));
        assert!(matches!(value(".nan"), NodeKind::Float(v) if v.is_nan()));
        assert_eq!(
            value("99999999999999999999"),
            NodeKind::Float(99999999999999999999.0)
        );
    }

    #[test]
    fn near_numbers_stay_text() {
        for text in [
            "1__000", "_1", "1_", "1_000.5", "0X1F", "0b101", "1.2.3", ".", "e5", "1e", "-.nan",
            "24h", "+", "-", "0x", "1,5", "inf", "NaN", ">= 3",
        ] {
            assert_eq!(resolve_plain(text), Scalar::Text, "{text}");
        }
    }

    #[test]
    fn tags_decide_over_spelling() {
        assert_eq!(resolve_tagged("42", "str"), Some(Scalar::Text));
        assert_eq!(
            resolve_tagged("42", "float"),
            Some(Scalar::Value(NodeKind::Float(42.0)))
        );
        assert_eq!(resolve_tagged("4.5", "int"), None);
        assert_eq!(resolve_tagged("yes", "bool"), None);
        assert_eq!(
            resolve_tagged("", "null"),
            Some(Scalar::Value(NodeKind::Null))
        );
    }
}

//! Looking rules up by name.

use super::Rule;

pub static RULES: &[Rule] = super::rules::ALL;

pub fn find(name: &str) -> Option<&'static Rule> {
    RULES.iter().find(|rule| rule.name == name)
}

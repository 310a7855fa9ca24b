//! "Did you mean": the nearest known name for a misspelled one.

/// The candidate closest to `name`, if one is close enough to be a likely typo.
///
/// Jaro-Winkler favours shared prefixes, which matches how ids are usually mistyped
/// (`weekly-synk`, `lead-to-book-rate`); the threshold keeps unrelated names out.
pub fn did_you_mean<'a>(
    name: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let mut best: Option<(f64, &'a str)> = None;
    for candidate in candidates {
        if candidate == name {
            continue;
        }
        let score = strsim::jaro_winkler(name, candidate);
        if score >= 0.8 && best.is_none_or(|(top, _)| score > top) {
            best = Some((score, candidate));
        }
    }
    best.map(|(_, candidate)| candidate)
}

#[cfg(test)]
mod tests {
    use super::did_you_mean;

    #[test]
    fn finds_typos_and_ignores_strangers() {
        let names = ["accountable", "responsible", "consulted", "informed"];
        assert_eq!(did_you_mean("acountable", names), Some("accountable"));
        assert_eq!(did_you_mean("responsibles", names), Some("responsible"));
        assert_eq!(did_you_mean("budget", names), None);
    }
}

//! Names the CRMs accept, made from playbook ids and titles.

/// `last_stay_date` → `Last_Stay_Date`: the stem of a Salesforce API name.
pub fn salesforce_stem(id: &str) -> String {
    id.split(['_', '-'])
        .filter(|part| !part.is_empty())
        .map(|part| {
            let mut chars = part.chars();
            chars
                .next()
                .map(|first| first.to_uppercase().chain(chars).collect::<String>())
                .unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join("_")
}

/// `First-Name` → `first_name`: a field id as it is compared with the names a CRM gives its own
/// fields, so that ids that differ only in case or in `-` and `_` mean the same field.
pub fn field_key(id: &str) -> String {
    id.to_lowercase().replace('-', "_")
}

/// `no-show` → `NO_SHOW`: an internal option value.
pub fn constant(id: &str) -> String {
    id.replace('-', "_").to_uppercase()
}

/// `wedding-fair` → `Wedding fair`: a label made from an id when the playbook gives none.
pub fn humanize(id: &str) -> String {
    let spaced = id.replace(['-', '_'], " ");
    let mut chars = spaced.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// The label of a field's option at `index`: the playbook's label, or one made from the id.
pub fn option_label(options: &crate::model::options::Options, index: usize) -> String {
    match options.label(index) {
        Some(label) if options.has_labels() => label.to_owned(),
        _ => options
            .get(index)
            .map(|id| humanize(&id.value))
            .unwrap_or_default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert_eq!(salesforce_stem("last_stay_date"), "Last_Stay_Date");
        assert_eq!(salesforce_stem("nps_2027"), "Nps_2027");
        assert_eq!(constant("no-show"), "NO_SHOW");
        assert_eq!(humanize("wedding-fair"), "Wedding fair");
    }
}

//! HubSpot's own properties that playbook fields mean.
//!
//! Every HubSpot account has properties such as `firstname`, `email` or `industry`. A playbook
//! that names a field `first_name` means that property, not a second one beside it: a custom
//! twin would split the data between two fields that look alike. So a field whose id is one of
//! these names, or a common spelling of one, maps onto the built-in property, which is never
//! created, relabelled or retyped.

use super::Object;

/// A built-in property's name and the other ids a playbook may give it.
type Names = (&'static str, &'static [&'static str]);

/// Per object: its built-in properties.
const BUILT_IN: [(Object, &[Names]); 3] = [
    (
        Object::Contacts,
        &[
            ("email", &["email_address", "e_mail"]),
            ("firstname", &["first_name", "given_name"]),
            ("lastname", &["last_name", "family_name", "surname"]),
            ("phone", &["phone_number", "telephone"]),
            (
                "mobilephone",
                &["mobile", "mobile_phone", "mobile_phone_number"],
            ),
            ("company", &["company_name"]),
            ("website", &["website_url"]),
            ("address", &["street", "street_address"]),
            ("city", &[]),
            ("state", &["state_region"]),
            ("zip", &["zip_code", "postal_code", "postcode"]),
            ("country", &[]),
            ("jobtitle", &["job_title"]),
            ("industry", &["company_industry"]),
            ("salutation", &[]),
            ("fax", &["fax_number"]),
            ("message", &[]),
            ("lifecyclestage", &["lifecycle_stage"]),
            ("hs_lead_status", &["lead_status"]),
            ("hubspot_owner_id", &[]),
            ("date_of_birth", &[]),
            ("annualrevenue", &["annual_revenue"]),
            ("numemployees", &["number_of_employees"]),
        ],
    ),
    (
        Object::Deals,
        &[
            ("dealname", &["deal_name"]),
            ("amount", &["deal_amount"]),
            ("closedate", &["close_date"]),
            ("dealstage", &["deal_stage"]),
            ("pipeline", &[]),
            ("dealtype", &["deal_type"]),
            ("description", &["deal_description"]),
            ("hubspot_owner_id", &[]),
        ],
    ),
    (
        Object::Companies,
        &[
            ("name", &["company_name"]),
            ("domain", &["company_domain", "domain_name"]),
            ("industry", &["company_industry"]),
            ("phone", &["phone_number", "company_phone"]),
            ("city", &[]),
            ("state", &["state_region"]),
            ("country", &[]),
            ("zip", &["zip_code", "postal_code", "postcode"]),
            ("address", &["street", "street_address"]),
            ("website", &["website_url", "company_website"]),
            ("description", &["company_description"]),
            ("numberofemployees", &["number_of_employees"]),
            ("annualrevenue", &["annual_revenue"]),
            ("type", &["company_type"]),
        ],
    ),
];

/// The built-in property of `object` that the field `id` means, if any. Ids are compared as
/// ids are: `First-Name` and `first_name` are the same.
pub fn built_in(object: Object, id: &str) -> Option<&'static str> {
    let id = crate::export::names::field_key(id);
    BUILT_IN
        .iter()
        .filter(|(o, _)| *o == object)
        .flat_map(|(_, properties)| properties.iter())
        .find(|(name, aliases)| *name == id || aliases.contains(&id.as_str()))
        .map(|(name, _)| *name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_map_onto_the_built_in_property_of_their_object() {
        assert_eq!(built_in(Object::Contacts, "first_name"), Some("firstname"));
        assert_eq!(built_in(Object::Contacts, "Last-Name"), Some("lastname"));
        assert_eq!(built_in(Object::Contacts, "email"), Some("email"));
        assert_eq!(
            built_in(Object::Contacts, "company_industry"),
            Some("industry")
        );
        assert_eq!(built_in(Object::Companies, "company_name"), Some("name"));
        assert_eq!(built_in(Object::Deals, "close_date"), Some("closedate"));
        assert_eq!(built_in(Object::Deals, "first_name"), None);
        assert_eq!(built_in(Object::Contacts, "region"), None);
    }
}

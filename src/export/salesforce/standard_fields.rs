//! Salesforce's standard fields that playbook fields mean.
//!
//! Every org has `Email`, `FirstName` or `Website` on its leads, contacts, accounts and
//! opportunities. A playbook field named `email` or `first_name` means that field; an
//! `Email__c` beside it would split the data between two fields that look alike. So such a
//! field maps onto the standard field of each object it lives on and is not created there.

/// A standard field's API name and the field ids a playbook may give it.
type Names = (&'static str, &'static [&'static str]);

const LEAD: &[Names] = &[
    ("FirstName", &["first_name", "firstname", "given_name"]),
    (
        "LastName",
        &["last_name", "lastname", "family_name", "surname"],
    ),
    ("Email", &["email", "email_address"]),
    ("Phone", &["phone", "phone_number", "telephone"]),
    ("MobilePhone", &["mobile", "mobile_phone", "mobilephone"]),
    ("Company", &["company", "company_name"]),
    ("Website", &["website", "website_url"]),
    ("Street", &["street", "address", "street_address"]),
    ("City", &["city"]),
    ("State", &["state"]),
    (
        "PostalCode",
        &["zip", "zip_code", "postal_code", "postcode"],
    ),
    ("Country", &["country"]),
    ("Title", &["title", "job_title", "jobtitle"]),
    ("Industry", &["industry", "company_industry"]),
    ("Salutation", &["salutation"]),
    ("Fax", &["fax"]),
    ("Description", &["description"]),
    ("AnnualRevenue", &["annual_revenue"]),
    ("NumberOfEmployees", &["number_of_employees"]),
    ("LeadSource", &["lead_source"]),
];

const CONTACT: &[Names] = &[
    ("FirstName", &["first_name", "firstname", "given_name"]),
    (
        "LastName",
        &["last_name", "lastname", "family_name", "surname"],
    ),
    ("Email", &["email", "email_address"]),
    ("Phone", &["phone", "phone_number", "telephone"]),
    ("MobilePhone", &["mobile", "mobile_phone", "mobilephone"]),
    ("MailingStreet", &["street", "address", "street_address"]),
    ("MailingCity", &["city"]),
    ("MailingState", &["state"]),
    (
        "MailingPostalCode",
        &["zip", "zip_code", "postal_code", "postcode"],
    ),
    ("MailingCountry", &["country"]),
    ("Title", &["title", "job_title", "jobtitle"]),
    ("Salutation", &["salutation"]),
    ("Fax", &["fax"]),
    ("Description", &["description"]),
    ("Birthdate", &["birthdate", "date_of_birth"]),
    ("Department", &["department"]),
    ("LeadSource", &["lead_source"]),
];

const ACCOUNT: &[Names] = &[
    ("Name", &["name", "company_name"]),
    ("Website", &["website", "website_url", "company_website"]),
    ("Phone", &["phone", "phone_number", "company_phone"]),
    ("Industry", &["industry", "company_industry"]),
    ("Description", &["description", "company_description"]),
    ("AnnualRevenue", &["annual_revenue"]),
    ("NumberOfEmployees", &["number_of_employees"]),
    ("BillingStreet", &["street", "address", "street_address"]),
    ("BillingCity", &["city"]),
    ("BillingState", &["state"]),
    (
        "BillingPostalCode",
        &["zip", "zip_code", "postal_code", "postcode"],
    ),
    ("BillingCountry", &["country"]),
    ("Fax", &["fax"]),
    ("Type", &["type", "company_type"]),
];

const OPPORTUNITY: &[Names] = &[
    ("Name", &["name", "deal_name"]),
    ("Amount", &["amount", "deal_amount"]),
    ("CloseDate", &["close_date"]),
    ("Description", &["description", "deal_description"]),
    ("Type", &["type", "deal_type"]),
    ("LeadSource", &["lead_source"]),
    ("NextStep", &["next_step"]),
];

/// The standard field of `object` that the field `id` means, if any. Ids are compared as ids
/// are: `First-Name` and `first_name` are the same.
pub(super) fn standard_field(object: &str, id: &str) -> Option<&'static str> {
    let table = match object {
        "Lead" => LEAD,
        "Contact" => CONTACT,
        "Account" => ACCOUNT,
        "Opportunity" => OPPORTUNITY,
        _ => return None,
    };
    let id = id.to_lowercase().replace('-', "_");
    table
        .iter()
        .find(|(_, ids)| ids.contains(&id.as_str()))
        .map(|(name, _)| *name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_map_onto_the_standard_field_of_each_object() {
        assert_eq!(standard_field("Lead", "first_name"), Some("FirstName"));
        assert_eq!(standard_field("Contact", "Last-Name"), Some("LastName"));
        assert_eq!(standard_field("Contact", "country"), Some("MailingCountry"));
        assert_eq!(standard_field("Lead", "company_industry"), Some("Industry"));
        assert_eq!(standard_field("Contact", "company"), None);
        assert_eq!(standard_field("Account", "website"), Some("Website"));
        assert_eq!(
            standard_field("Opportunity", "close_date"),
            Some("CloseDate")
        );
        assert_eq!(standard_field("Lead", "region"), None);
    }
}

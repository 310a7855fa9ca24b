//! Salesforce's standard fields that playbook fields mean.
//!
//! Every org has `Email`, `FirstName` or `Website` on its leads, contacts, accounts and
//! opportunities. A playbook field named `email` or `first_name` means that field; an
//! `Email__c` beside it would split the data between two fields that look alike. So such a
//! field maps onto the standard field of each object it lives on and is not created there.

/// A standard field's API name and the field ids a playbook may give it.
type Names = (&'static str, &'static [&'static str]);

/// The ids a playbook may give the fields that leads, contacts and accounts all have.
const FIRST_NAME: &[&str] = &["first_name", "firstname", "given_name"];
const LAST_NAME: &[&str] = &["last_name", "lastname", "family_name", "surname"];
const EMAIL: &[&str] = &["email", "email_address"];
const PHONE: &[&str] = &["phone", "phone_number", "telephone"];
const MOBILE: &[&str] = &["mobile", "mobile_phone", "mobilephone"];
const STREET: &[&str] = &["street", "address", "street_address"];
const POSTAL_CODE: &[&str] = &["zip", "zip_code", "postal_code", "postcode"];
const TITLE: &[&str] = &["title", "job_title", "jobtitle"];

const LEAD: &[Names] = &[
    ("FirstName", FIRST_NAME),
    ("LastName", LAST_NAME),
    ("Email", EMAIL),
    ("Phone", PHONE),
    ("MobilePhone", MOBILE),
    ("Company", &["company", "company_name"]),
    ("Website", &["website", "website_url"]),
    ("Street", STREET),
    ("City", &["city"]),
    ("State", &["state"]),
    ("PostalCode", POSTAL_CODE),
    ("Country", &["country"]),
    ("Title", TITLE),
    ("Industry", &["industry", "company_industry"]),
    ("Salutation", &["salutation"]),
    ("Fax", &["fax"]),
    ("Description", &["description"]),
    ("AnnualRevenue", &["annual_revenue"]),
    ("NumberOfEmployees", &["number_of_employees"]),
    ("LeadSource", &["lead_source"]),
];

const CONTACT: &[Names] = &[
    ("FirstName", FIRST_NAME),
    ("LastName", LAST_NAME),
    ("Email", EMAIL),
    ("Phone", PHONE),
    ("MobilePhone", MOBILE),
    ("MailingStreet", STREET),
    ("MailingCity", &["city"]),
    ("MailingState", &["state"]),
    ("MailingPostalCode", POSTAL_CODE),
    ("MailingCountry", &["country"]),
    ("Title", TITLE),
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
    ("BillingStreet", STREET),
    ("BillingCity", &["city"]),
    ("BillingState", &["state"]),
    ("BillingPostalCode", POSTAL_CODE),
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
    let id = crate::export::names::field_key(id);
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

//! Custom fields as Salesforce metadata files, and the XML writer every metadata file goes
//! through.
//!
//! A playbook field becomes one `CustomField` file per object it lives on, with the Salesforce
//! type, length and precision that hold its values, and an enum becomes a restricted picklist of
//! its options. The Metadata API reads each type as an XML sequence, so elements are written in
//! the schema's order and only where the type needs them.

use super::limits::{field_problems, name_clash};
use super::standard_fields::standard_field;
use super::{NAMESPACE, SOURCE_ROOT, text};
use crate::base::text::xml_escape;
use crate::diagnostic::Diagnostic;
use crate::export::names::{option_label, salesforce_stem};
use crate::model::values::{FieldObject, FieldType};
use crate::model::{Entry, Field, Playbook};
use crate::render::Document;
use std::collections::HashMap;

/// A minimal writer for metadata files: the declaration, the root element in the metadata
/// namespace, 4-space indentation and escaped text. Nesting goes through closures, so that every
/// element that is opened is closed.
pub(super) struct Xml {
    out: String,
    depth: usize,
}

impl Xml {
    pub(super) fn document(root: &str, body: impl FnOnce(&mut Xml)) -> String {
        let mut xml = Xml {
            out: String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"),
            depth: 0,
        };
        xml.out
            .push_str(&format!("<{root} xmlns=\"{NAMESPACE}\">\n"));
        xml.depth = 1;
        body(&mut xml);
        xml.out.push_str(&format!("</{root}>\n"));
        xml.out
    }

    fn indent(&mut self) {
        self.out.push_str(&"    ".repeat(self.depth));
    }

    pub(super) fn element(&mut self, name: &str, body: impl FnOnce(&mut Xml)) {
        self.indent();
        self.out.push_str(&format!("<{name}>\n"));
        self.depth += 1;
        body(self);
        self.depth -= 1;
        self.indent();
        self.out.push_str(&format!("</{name}>\n"));
    }

    pub(super) fn leaf(&mut self, name: &str, value: &str) {
        self.indent();
        self.out
            .push_str(&format!("<{name}>{}</{name}>\n", xml_escape(value)));
    }

    pub(super) fn flag(&mut self, name: &str, value: bool) {
        self.leaf(name, if value { "true" } else { "false" });
    }

    pub(super) fn number(&mut self, name: &str, value: u32) {
        self.leaf(name, &value.to_string());
    }
}

// ---------------------------------------------------------------- custom fields

/// A playbook field as a custom field on one Salesforce object.
pub(super) struct CustomField<'p> {
    field: &'p Field,
    object: &'static str,
    stem: String,
}

impl CustomField<'_> {
    fn api_name(&self) -> String {
        format!("{}__c", self.stem)
    }

    /// `Object.Name__c`, as `package.xml` lists it.
    pub(super) fn member(&self) -> String {
        format!("{}.{}", self.object, self.api_name())
    }

    pub(super) fn document(&self) -> Document {
        text(
            format!(
                "{SOURCE_ROOT}/objects/{}/fields/{}.field-meta.xml",
                self.object,
                self.api_name()
            ),
            field_xml(self.field, &self.api_name()),
        )
    }
}

/// The objects a field is created on.
fn objects(field: &Field) -> &'static [&'static str] {
    match field.object.as_ref().map(|object| object.value) {
        // Lead conversion copies a custom lead field only into a field of the contact that it
        // is mapped to, so contact data needs the field on both objects.
        Some(FieldObject::Contact) | None => &["Lead", "Contact"],
        Some(FieldObject::Deal) => &["Opportunity"],
        Some(FieldObject::Company) => &["Account"],
    }
}

/// The playbook's fields as Salesforce has them: custom fields to create, and the fields that
/// use a standard field instead (for the README).
pub(super) struct Fields<'p> {
    pub(super) custom: Vec<CustomField<'p>>,
    pub(super) mapped: Vec<String>,
}

/// Every field on every object it belongs to, in file order, or every reason why not. A field
/// that means a standard field of an object uses it there instead of a custom twin.
pub(super) fn custom_fields(playbook: &Playbook) -> Result<Fields<'_>, Vec<Diagnostic>> {
    let mut problems = Vec::new();
    let mut fields = Vec::new();
    let mut mapped = Vec::new();
    // Salesforce API names are case-insensitive: `(object, NAME__C)` → the field that took it.
    let mut taken: HashMap<(&str, String), &Entry<Field>> = HashMap::new();
    for entry in &playbook.fields {
        let id = &entry.id.value;
        let mut targets = Vec::new();
        for &object in objects(&entry.value) {
            match (standard_field(object, id), standard_field("Lead", id)) {
                (Some(name), _) => mapped.push(format!(
                    "`{id}` uses the standard field `{object}.{name}`{}",
                    if entry.value.options.is_empty() {
                        ""
                    } else {
                        "; its values are the org's, which this export does not change"
                    }
                )),
                // Lead conversion carries such a lead field (`Company`, `Website`, `Industry`)
                // to the account, so the contact needs no twin of it.
                (None, Some(lead)) if object == "Contact" => mapped.push(format!(
                    "`{id}` is not created on `Contact`: converting a lead carries its `{lead}` to the account"
                )),
                (None, _) => targets.push(object),
            }
        }
        if targets.is_empty() {
            continue;
        }
        let stem = salesforce_stem(id);
        problems.extend(field_problems(entry, &stem));
        for object in targets {
            let key = (object, stem.to_uppercase());
            match taken.get(&key) {
                Some(first) => {
                    problems.push(name_clash(entry, first, &stem));
                    // One report per field, not one per object it is created on.
                    break;
                }
                None => {
                    taken.insert(key, entry);
                }
            }
            fields.push(CustomField {
                field: &entry.value,
                object,
                stem: stem.clone(),
            });
        }
    }
    if problems.is_empty() {
        Ok(Fields {
            custom: fields,
            mapped,
        })
    } else {
        Err(problems)
    }
}

/// What a Salesforce field type needs besides its name, label and description.
struct Shape {
    salesforce_type: &'static str,
    /// Checkboxes always hold a value, so Salesforce requires a default.
    default_value: Option<&'static str>,
    /// Only text, number and email fields can be external IDs.
    external_id: bool,
    length: Option<u32>,
    precision_scale: Option<(u32, u32)>,
    /// Whether the type has `required`: a checkbox has not (it is never empty).
    required: bool,
    visible_lines: Option<u32>,
}

fn shape(field_type: FieldType) -> Shape {
    let plain = |salesforce_type| Shape {
        salesforce_type,
        default_value: None,
        external_id: false,
        length: None,
        precision_scale: None,
        required: true,
        visible_lines: None,
    };
    match field_type {
        FieldType::String => Shape {
            external_id: true,
            length: Some(255),
            ..plain("Text")
        },
        FieldType::Text => Shape {
            length: Some(32768),
            visible_lines: Some(4),
            ..plain("LongTextArea")
        },
        FieldType::Number => Shape {
            external_id: true,
            precision_scale: Some((18, 2)),
            ..plain("Number")
        },
        FieldType::Date => plain("Date"),
        FieldType::Datetime => plain("DateTime"),
        FieldType::Bool => Shape {
            default_value: Some("false"),
            required: false,
            ..plain("Checkbox")
        },
        FieldType::Enum => plain("Picklist"),
        FieldType::Email => Shape {
            external_id: true,
            ..plain("Email")
        },
        FieldType::Phone => plain("Phone"),
        // Amounts in the org's currency (or the record's, with several currencies), with cents.
        FieldType::Currency => Shape {
            precision_scale: Some((18, 2)),
            ..plain("Currency")
        },
        FieldType::Url => plain("Url"),
        // A multi-select list box shows four options before it scrolls.
        FieldType::MultiEnum => Shape {
            visible_lines: Some(4),
            ..plain("MultiselectPicklist")
        },
    }
}

/// A `CustomField` file, elements in the order of the schema's sequence.
fn field_xml(field: &Field, api_name: &str) -> String {
    let shape = shape(field.field_type.value);
    Xml::document("CustomField", |xml| {
        xml.leaf("fullName", api_name);
        if let Some(default) = shape.default_value {
            xml.leaf("defaultValue", default);
        }
        if let Some(description) = &field.description {
            xml.leaf("description", &description.value);
        }
        if shape.external_id {
            xml.flag("externalId", false);
        }
        xml.leaf("label", &field.label.value);
        if let Some(length) = shape.length {
            xml.number("length", length);
        }
        if let Some((precision, _)) = shape.precision_scale {
            xml.number("precision", precision);
        }
        if shape.required {
            xml.flag("required", field.required == Some(true));
        }
        if let Some((_, scale)) = shape.precision_scale {
            xml.number("scale", scale);
        }
        xml.flag("trackTrending", false);
        xml.leaf("type", shape.salesforce_type);
        if matches!(
            field.field_type.value,
            FieldType::Enum | FieldType::MultiEnum
        ) {
            picklist_values(xml, &field.options);
        }
        if let Some(lines) = shape.visible_lines {
            xml.number("visibleLines", lines);
        }
    })
}

/// A restricted picklist: only the playbook's options can be stored, as in the playbook.
fn picklist_values(xml: &mut Xml, options: &crate::model::options::Options) {
    xml.element("valueSet", |xml| {
        xml.flag("restricted", true);
        xml.element("valueSetDefinition", |xml| {
            xml.flag("sorted", false);
            for (index, option) in options.iter().enumerate() {
                let label = option_label(options, index);
                xml.element("value", |xml| {
                    xml.leaf("fullName", &option.value);
                    xml.flag("default", false);
                    xml.leaf("label", &label);
                });
            }
        });
    });
}

#[cfg(test)]
mod tests {
    use super::super::testing::{CONTACT_AND_DEAL_FIELDS, documents, file, paths};
    use super::*;

    fn field_path(object: &str, name: &str) -> String {
        format!("{SOURCE_ROOT}/objects/{object}/fields/{name}.field-meta.xml")
    }

    #[test]
    fn field_types_map_to_salesforce_types() {
        let documents = documents(
            "fields:
  nickname: { label: Nickname, type: string, object: company }
  notes: { label: Notes, type: text, object: company }
  score: { label: Score, type: number, object: company }
  since: { label: Since, type: date, object: company }
  seen_at: { label: Seen at, type: datetime, object: company }
  vip: { label: VIP, type: bool, object: company }
  mail: { label: Mail, type: email, object: company }
  tel: { label: Tel, type: phone, object: company }
",
        );
        let body = |name: &str| {
            let xml = file(&documents, &field_path("Account", name));
            let start = xml.find("<CustomField").expect("root");
            xml[start..]
                .lines()
                .skip(1)
                .map(str::trim)
                .collect::<Vec<_>>()
                .join(" ")
        };
        assert_eq!(
            body("Nickname__c"),
            "<fullName>Nickname__c</fullName> <externalId>false</externalId> <label>Nickname</label> <length>255</length> <required>false</required> <trackTrending>false</trackTrending> <type>Text</type> </CustomField>"
        );
        assert_eq!(
            body("Notes__c"),
            "<fullName>Notes__c</fullName> <label>Notes</label> <length>32768</length> <required>false</required> <trackTrending>false</trackTrending> <type>LongTextArea</type> <visibleLines>4</visibleLines> </CustomField>"
        );
        assert_eq!(
            body("Score__c"),
            "<fullName>Score__c</fullName> <externalId>false</externalId> <label>Score</label> <precision>18</precision> <required>false</required> <scale>2</scale> <trackTrending>false</trackTrending> <type>Number</type> </CustomField>"
        );
        assert!(body("Since__c").contains("<type>Date</type>"));
        assert!(body("Seen_At__c").contains("<type>DateTime</type>"));
        assert_eq!(
            body("Vip__c"),
            "<fullName>Vip__c</fullName> <defaultValue>false</defaultValue> <label>VIP</label> <trackTrending>false</trackTrending> <type>Checkbox</type> </CustomField>"
        );
        assert!(body("Mail__c").contains("<type>Email</type>"));
        assert!(body("Tel__c").contains("<type>Phone</type>"));
    }

    #[test]
    fn new_types_and_required_map_to_salesforce() {
        let documents = documents(
            "fields:
  value: { label: Value, type: currency, currency: EUR, required: true, object: company }
  site: { label: Site, type: url, object: company }
  models: { label: Models, type: multi_enum, options: { id4: VW ID.4 }, object: company }
  vip: { label: VIP, type: bool, required: true, object: company }
",
        );
        let xml = |name: &str| file(&documents, &field_path("Account", name));
        assert!(xml("Value__c").contains("<required>true</required>"));
        assert!(xml("Value__c").contains("<type>Currency</type>"));
        assert!(xml("Site__c").contains("<required>false</required>"));
        assert!(xml("Site__c").contains("<type>Url</type>"));
        assert!(xml("Models__c").contains("<type>MultiselectPicklist</type>"));
        assert!(xml("Models__c").contains("<label>VW ID.4</label>"));
        assert!(!xml("Vip__c").contains("<required>"));
    }

    #[test]
    fn contact_fields_exist_on_lead_and_contact() {
        let documents = documents(CONTACT_AND_DEAL_FIELDS);
        let lead = file(&documents, &field_path("Lead", "Region__c"));
        assert_eq!(lead, file(&documents, &field_path("Contact", "Region__c")));
        let region = file(&documents, &field_path("Lead", "Region__c"));
        assert!(region.contains("<label>Region &amp; area</label>"));
        assert!(region.contains("<description>Where &lt;they&gt; live</description>"));
        assert!(paths(&documents).contains(&field_path("Opportunity", "Budget__c").as_str()));
    }

    #[test]
    fn fields_that_mean_standard_fields_use_them() {
        let documents = documents(
            "fields:
  first_name: { label: First name, type: string }
  company: { label: Company, type: string }
  website: { label: Website, type: url, object: company }
",
        );
        let created: Vec<&str> = paths(&documents)
            .into_iter()
            .filter(|p| p.ends_with(".field-meta.xml"))
            .collect();
        assert!(created.is_empty(), "{created:?}");
        let readme = file(&documents, "README.md");
        assert!(
            readme.contains("- `first_name` uses the standard field `Lead.FirstName`"),
            "{readme}"
        );
        assert!(
            readme.contains("- `first_name` uses the standard field `Contact.FirstName`"),
            "{readme}"
        );
        assert!(readme.contains("- `company` is not created on `Contact`: converting a lead carries its `Company` to the account"), "{readme}");
        assert!(
            readme.contains("- `website` uses the standard field `Account.Website`"),
            "{readme}"
        );
    }

    #[test]
    fn picklist_elements_follow_the_schema_order() {
        let documents = documents(
            "fields:
  event_type:
    label: Event type
    type: enum
    object: deal
    options: [wedding, group-stay]
    description: What the guest celebrates
",
        );
        let expected = format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>
<CustomField xmlns=\"{NAMESPACE}\">
    <fullName>Event_Type__c</fullName>
    <description>What the guest celebrates</description>
    <label>Event type</label>
    <required>false</required>
    <trackTrending>false</trackTrending>
    <type>Picklist</type>
    <valueSet>
        <restricted>true</restricted>
        <valueSetDefinition>
            <sorted>false</sorted>
            <value>
                <fullName>wedding</fullName>
                <default>false</default>
                <label>Wedding</label>
            </value>
            <value>
                <fullName>group-stay</fullName>
                <default>false</default>
                <label>Group stay</label>
            </value>
        </valueSetDefinition>
    </valueSet>
</CustomField>
"
        );
        assert_eq!(
            file(&documents, &field_path("Opportunity", "Event_Type__c")),
            expected
        );
    }
}

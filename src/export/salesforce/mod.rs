//! Salesforce: the playbook's data model as metadata in SFDX source format, ready for
//! `sf project deploy start`.
//!
//! Salesforce keeps configuration as XML metadata, one file per component, and deploys a folder
//! of them described by `sfdx-project.json` and listed in `manifest/package.xml`. This module
//! writes:
//!
//! - one `CustomField` per playbook field and object. Contact fields go to both `Lead` and
//!   `Contact`, because leads convert into contacts and a value can only be carried over when
//!   the field exists on both; deal fields go to `Opportunity`, company fields to `Account`;
//! - the lifecycle as the `LeadStatus` standard value set, with exactly one default status and
//!   the statuses after the first handoff marked as converted (a lead that reaches the other
//!   team is converted into a contact and an opportunity);
//! - the stages of every pipeline as the `OpportunityStage` standard value set. Salesforce has
//!   one global list of opportunity stages (sales processes only pick from it), so stages of
//!   different pipelines that share a label become one value, and must agree on probability
//!   and outcome.
//!
//! The XML schema of the Metadata API declares every type as a sequence, so elements are written
//! in the schema's order, and only the elements a type needs. What Salesforce would reject (a
//! name over 40 characters, more than 100 stages) is refused with a diagnostic at the playbook
//! entry, never truncated.
//!
//! The limits are checked in `limits` before anything is written; `metadata` writes the custom
//! fields and `value_sets` the two standard value sets, and this file puts them together with the
//! project file and the manifest.

mod limits;
mod metadata;
mod standard_fields;
#[cfg(test)]
mod testing;
mod value_sets;

use super::{Export, refusal, text};
use crate::base::span::Span;
use crate::diagnostic::Diagnostic;
use crate::graph::Graph;
use crate::model::Playbook;
use crate::render::Document;
use metadata::{CustomField, Xml, custom_fields};
use serde::Serialize;
use value_sets::{lead_statuses, opportunity_stages, value_set_document};

const TARGET: &str = "salesforce";
const API_VERSION: &str = "60.0";
const NAMESPACE: &str = "http://soap.sforce.com/2006/04/metadata";
const PACKAGE_DIRECTORY: &str = "force-app";
const SOURCE_ROOT: &str = "force-app/main/default";
const LEAD_STATUS: &str = "LeadStatus";
const OPPORTUNITY_STAGE: &str = "OpportunityStage";

/// The export; `prune` leaves Salesforce's own lead statuses and opportunity stages out of the
/// value sets, so that deploying them deactivates those.
pub fn export(graph: &Graph<'_>, prune: bool) -> Export {
    let playbook = graph.playbook;
    let mut problems = Vec::new();
    let fields = collect(custom_fields(playbook), &mut problems);
    let lead_status = collect(lead_statuses(graph, prune), &mut problems);
    let opportunity_stages = collect(opportunity_stages(playbook, prune), &mut problems);
    // Each part is `None` exactly when it added problems.
    let (Some(fields), Some(lead_status), Some(opportunity_stages)) =
        (fields, lead_status, opportunity_stages)
    else {
        return Err(problems);
    };
    let mut documents = vec![project(playbook)];
    let mut value_sets = Vec::new();
    documents.extend(fields.custom.iter().map(|field| field.document()));
    if let Some(statuses) = lead_status.filter(|values| !values.is_empty()) {
        documents.push(value_set_document(LEAD_STATUS, &statuses));
        value_sets.push(LEAD_STATUS);
    }
    if let Some(stages) = opportunity_stages.filter(|values| !values.is_empty()) {
        documents.push(value_set_document(OPPORTUNITY_STAGE, &stages));
        value_sets.push(OPPORTUNITY_STAGE);
    }
    documents.push(manifest(&fields.custom, &value_sets));
    documents.push(readme(&fields.mapped, &value_sets, prune));
    Ok(documents)
}

/// The value of a part that could be built, or `None` after adding its problems to `problems`:
/// every part is checked, so that one run reports every problem.
fn collect<T>(part: Result<T, Vec<Diagnostic>>, problems: &mut Vec<Diagnostic>) -> Option<T> {
    part.map_err(|mut found| problems.append(&mut found)).ok()
}

/// A refusal about one playbook entity (`section.id`), so that it can be fingerprinted.
fn refuse(entity: String, span: Span, message: String, help: impl Into<String>) -> Diagnostic {
    refusal(TARGET, span, message, help.into()).with_entity(entity)
}

// ---------------------------------------------------------------- sfdx-project.json

/// `sfdx-project.json`, field order as Salesforce's own templates write it.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Project<'a> {
    package_directories: [PackageDirectory; 1],
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<&'a str>,
    namespace: &'a str,
    source_api_version: &'a str,
}

#[derive(Serialize)]
struct PackageDirectory {
    path: &'static str,
    default: bool,
}

fn project(playbook: &Playbook) -> Document {
    let project = Project {
        package_directories: [PackageDirectory {
            path: PACKAGE_DIRECTORY,
            default: true,
        }],
        name: playbook.id.as_ref().map(|id| id.value.as_str()),
        namespace: "",
        source_api_version: API_VERSION,
    };
    // Serializing plain strings and booleans cannot fail; an empty object is the harmless
    // fallback that keeps the function free of panics.
    let json = serde_json::to_string_pretty(&project).unwrap_or_else(|_| String::from("{}"));
    text("sfdx-project.json", format!("{json}\n"))
}

// ---------------------------------------------------------------- README.md

/// `README.md`: how to deploy, which fields use standard fields, and what deploying a standard
/// value set does to the values it does not list.
fn readme(mapped: &[String], value_sets: &[&str], prune: bool) -> Document {
    let mut readme = String::from(
        "# Salesforce configuration\n\nMade by `smarketing export --target salesforce`. Deploy with `sf project deploy start --manifest manifest/package.xml`.\n",
    );
    if !mapped.is_empty() {
        readme.push_str("\nFields that Salesforce already has are not created again:\n\n");
        for line in mapped {
            readme.push_str(&format!("- {line}\n"));
        }
    }
    if !value_sets.is_empty() {
        let sets = value_sets
            .iter()
            .map(|set| format!("`{set}`"))
            .collect::<Vec<_>>()
            .join(" and ");
        readme.push_str(&format!(
            "\n**Deploying a standard value set deactivates every value it does not list**: records keep their values, but nobody can choose a deactivated one any more. {}\n",
            if prune {
                format!("Made with `--prune`, {sets} hold only the playbook's values, so deploying them deactivates Salesforce's own lead statuses (`Open - Not Contacted`, `Working - Contacted`, `Closed - Converted`, `Closed - Not Converted`) and opportunity stages (`Prospecting` to `Closed Lost`), and any added by hand.")
            } else {
                format!("{sets} hold the playbook's values followed by Salesforce's own lead statuses and opportunity stages, so those stay active; values added to the org by hand are not listed and are deactivated. `--prune` leaves Salesforce's own values out.")
            }
        ));
    }
    text("README.md", readme)
}

// ---------------------------------------------------------------- package.xml

/// `manifest/package.xml`: what to deploy, types by name, members sorted.
fn manifest(fields: &[CustomField<'_>], value_sets: &[&str]) -> Document {
    let mut members: Vec<String> = fields.iter().map(CustomField::member).collect();
    members.sort();
    let mut sets: Vec<String> = value_sets.iter().map(|set| (*set).to_owned()).collect();
    sets.sort();
    let content = Xml::document("Package", |xml| {
        for (name, members) in [("CustomField", &members), ("StandardValueSet", &sets)] {
            if members.is_empty() {
                continue;
            }
            xml.element("types", |xml| {
                for member in members {
                    xml.leaf("members", member);
                }
                xml.leaf("name", name);
            });
        }
        xml.leaf("version", API_VERSION);
    });
    text("manifest/package.xml", content)
}

#[cfg(test)]
mod tests {
    use super::testing::{CONTACT_AND_DEAL_FIELDS, LIFECYCLE, PIPELINES, documents, file};
    use super::*;

    #[test]
    fn manifest_and_project_describe_the_export() {
        let documents = documents(CONTACT_AND_DEAL_FIELDS);
        let manifest = file(&documents, "manifest/package.xml");
        assert_eq!(
            manifest,
            format!(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>
<Package xmlns=\"{NAMESPACE}\">
    <types>
        <members>Contact.Region__c</members>
        <members>Lead.Region__c</members>
        <members>Opportunity.Budget__c</members>
        <name>CustomField</name>
    </types>
    <version>60.0</version>
</Package>
"
            )
        );
        let project = file(&documents, "sfdx-project.json");
        assert_eq!(
            project,
            "{
  \"packageDirectories\": [
    {
      \"path\": \"force-app\",
      \"default\": true
    }
  ],
  \"name\": \"test-playbook\",
  \"namespace\": \"\",
  \"sourceApiVersion\": \"60.0\"
}
"
        );
    }

    #[test]
    fn output_is_deterministic() {
        let body = format!("fields:\n  a: {{ label: A, type: string }}\n{LIFECYCLE}{PIPELINES}");
        assert_eq!(documents(&body), documents(&body));
    }
}

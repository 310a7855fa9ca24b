//! The group page of a workspace: one row per playbook with its teams, shared goals, open
//! findings and links to its own documents, which `render` writes into a folder per playbook.
//!
//! A page of its own, outside `render_all`, because it sees every playbook of the workspace
//! rather than one compiled model.

use super::Document;
use crate::model::values::Language;
use minijinja::{Environment, UndefinedBehavior};
use serde::Serialize;

/// What the group page shows of one playbook.
#[derive(Debug, Serialize)]
pub struct House {
    /// The playbook's id: also the folder its documents are in.
    pub id: String,
    pub title: String,
    pub teams: Vec<String>,
    pub shared_goals: Vec<String>,
    pub warnings: usize,
    pub infos: usize,
}

const TEMPLATE: &str = include_str!("../../templates/group-index.html.jinja");
const STYLE: &str = include_str!("../../templates/style.css.jinja");

/// `index.html` of the workspace called `workspace`.
pub fn group_index(
    workspace: &str,
    houses: &[House],
    language: Language,
) -> Result<Document, String> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    super::templates::add_language(&mut env, language);
    let loaded = env
        .add_template("style.css.jinja", STYLE)
        .and_then(|()| env.add_template("group-index.html.jinja", TEMPLATE));
    let content = loaded
        .and_then(|()| env.get_template("group-index.html.jinja"))
        .and_then(|template| {
            template.render(minijinja::context! {
                workspace => workspace,
                houses => houses,
                lang => language.as_str(),
            })
        })
        .map_err(|error| format!("cannot render the group page: {error}"))?;
    Ok(Document {
        path: "index.html".to_owned(),
        content: content.into_bytes(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_group_page_links_every_playbook_and_escapes_text() {
        let houses = [House {
            id: "seeblick".into(),
            title: "Hotel <Seeblick>".into(),
            teams: vec!["Sales".into(), "Marketing".into()],
            shared_goals: vec!["Grow direct revenue".into()],
            warnings: 1,
            infos: 0,
        }];
        let page = String::from_utf8(group_index("group", &houses, Language::En).unwrap().content)
            .unwrap();
        assert!(page.contains("<a href=\"seeblick/index.html\">Hotel &lt;Seeblick&gt;</a>"));
        assert!(page.contains("Sales, Marketing"));
        assert!(page.contains("1 warnings, 0 notes"));
    }
}

//! The server in process, driven over an in-memory connection the way an editor drives it.

use super::serve;
use lsp_server::{Connection, Message, Notification, Request, RequestId};
use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// An editor's side of the connection.
struct Client {
    connection: Connection,
    server: Option<std::thread::JoinHandle<Result<(), String>>>,
    next_id: i32,
    /// Notifications received while waiting for responses.
    notifications: Vec<Notification>,
}

const WAIT: Duration = Duration::from_secs(20);

impl Client {
    /// Starts a server and initializes it with `capabilities` for the workspace `folder`.
    fn start(folder: &Path, capabilities: Value) -> (Client, Value) {
        let (server, client) = Connection::memory();
        let handle = std::thread::spawn(move || serve(server));
        let mut client = Client {
            connection: client,
            server: Some(handle),
            next_id: 0,
            notifications: Vec::new(),
        };
        let result = client.request(
            "initialize",
            json!({
                "processId": null,
                "capabilities": capabilities,
                "workspaceFolders": [{ "uri": uri(folder), "name": "playbooks" }],
            }),
        );
        client.notify("initialized", json!({}));
        (client, result)
    }

    fn notify(&self, method: &str, params: Value) {
        let message = Notification::new(method.to_owned(), params);
        self.connection.sender.send(message.into()).unwrap();
    }

    fn request(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = RequestId::from(self.next_id);
        let message = Request::new(id.clone(), method.to_owned(), params);
        self.connection.sender.send(message.into()).unwrap();
        loop {
            match self.connection.receiver.recv_timeout(WAIT).unwrap() {
                Message::Response(response) if response.id == id => {
                    return match response.response_result {
                        Ok(value) => value,
                        Err(error) => json!({ "error": error.message }),
                    };
                }
                Message::Notification(notification) => self.notifications.push(notification),
                _ => {}
            }
        }
    }

    fn open(&self, path: &Path) {
        let text = std::fs::read_to_string(path).unwrap();
        self.notify(
            "textDocument/didOpen",
            json!({ "textDocument": { "uri": uri(path), "languageId": "yaml", "version": 1, "text": text } }),
        );
    }

    /// The diagnostics last published for `path`, waiting for them if none came yet.
    fn diagnostics(&mut self, path: &Path) -> Vec<Value> {
        let wanted = uri(path);
        let published = |n: &Notification| {
            n.method == "textDocument/publishDiagnostics" && n.params["uri"] == wanted
        };
        // A request is answered after every change before it has been checked and published.
        self.request("workspace/symbol", json!({ "query": "" }));
        let last = self.notifications.iter().rev().find(|n| published(n));
        last.map(|n| n.params["diagnostics"].as_array().unwrap().clone())
            .unwrap_or_default()
    }

    fn shutdown(mut self) -> Result<(), String> {
        self.request("shutdown", Value::Null);
        self.notify("exit", Value::Null);
        self.server.take().unwrap().join().unwrap()
    }
}

fn uri(path: &Path) -> String {
    url::Url::from_file_path(path).unwrap().to_string()
}

const PLAYBOOK: &str = "\
version: 1
playbook: seeblick
include: [people.yaml]
tasks:
  angebot:
    title: Angebot schreiben
    accountable: tobia
    responsible: [markus]
  nachfassen:
    title: Nachfassen
    accountable: markus
    responsible: [markus]
    depends_on: [angebot]
";

const PEOPLE: &str = "\
teams:
  sales: { name: Verkauf, lead: markus }
people:
  markus: { name: Jürgen Müller, rol: Chef, team: sales }
  tobias: { name: Tobias Huber, team: sales }
";

fn playbook() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().canonicalize().unwrap();
    let root = folder.join("playbook.yaml");
    let people = folder.join("people.yaml");
    std::fs::write(&root, PLAYBOOK).unwrap();
    std::fs::write(&people, PEOPLE).unwrap();
    (dir, root, people)
}

/// The playbook, open in an editor with VS Code's capabilities.
fn editing() -> (tempfile::TempDir, Client, PathBuf, PathBuf) {
    let (dir, root, people) = playbook();
    let (client, _) = Client::start(dir.path(), vscode());
    client.open(&root);
    (dir, client, root, people)
}

fn labels(items: &Value) -> Vec<&str> {
    items
        .as_array()
        .unwrap()
        .iter()
        .map(|item| item["label"].as_str().unwrap())
        .collect()
}

fn vscode() -> Value {
    json!({ "textDocument": { "publishDiagnostics": { "relatedInformation": true, "codeDescriptionSupport": true } } })
}

fn neovim() -> Value {
    json!({
        "general": { "positionEncodings": ["utf-8", "utf-16"] },
        "textDocument": { "diagnostic": { "dynamicRegistration": false } }
    })
}

fn position(line: u32, character: u32) -> Value {
    json!({ "line": line, "character": character })
}

fn at(path: &Path, line: u32, character: u32) -> Value {
    json!({ "textDocument": { "uri": uri(path) }, "position": position(line, character) })
}

#[test]
fn findings_reach_every_file_with_the_agreed_encoding() {
    let (dir, root, people) = playbook();
    let (mut client, init) = Client::start(dir.path(), vscode());
    assert_eq!(init["capabilities"]["positionEncoding"], "utf-16");
    assert!(init["capabilities"].get("diagnosticProvider").is_none());
    client.open(&root);
    let in_root = client.diagnostics(&root);
    let unresolved = in_root
        .iter()
        .find(|d| d["code"] == "unresolved-reference")
        .expect("the misspelled person");
    assert_eq!(unresolved["source"], "smarketing");
    assert_eq!(unresolved["severity"], 1);
    assert_eq!(unresolved["range"]["start"], position(6, 17));
    assert_eq!(unresolved["range"]["end"], position(6, 22));
    assert!(
        unresolved["message"]
            .as_str()
            .unwrap()
            .contains("help: did you mean `tobias`?"),
        "{unresolved}"
    );
    assert!(
        unresolved["codeDescription"]["href"]
            .as_str()
            .unwrap()
            .ends_with("rules.md#unresolved-reference")
    );
    // The schema error in the included file is published under that file's URI; `ü` twice
    // before it counts one UTF-16 unit each.
    let in_people = client.diagnostics(&people);
    let schema = in_people
        .iter()
        .find(|d| d["code"] == "schema")
        .expect("the misspelled key");
    let line = PEOPLE.lines().nth(3).unwrap();
    let bytes = line.find("rol").unwrap() as u32;
    let utf16 = line[..bytes as usize].encode_utf16().count() as u32;
    assert_eq!(bytes - utf16, 2);
    assert_eq!(schema["range"]["start"], position(3, utf16));
    client.shutdown().unwrap();

    let (mut client, init) = Client::start(dir.path(), neovim());
    assert_eq!(init["capabilities"]["positionEncoding"], "utf-8");
    assert!(init["capabilities"]["diagnosticProvider"].is_object());
    client.open(&people);
    // This client did not say it shows links to a rule's page.
    let found = client.diagnostics(&people);
    assert!(
        found.iter().all(|d| d.get("codeDescription").is_none()),
        "{found:?}"
    );
    let pulled = client.request(
        "textDocument/diagnostic",
        json!({ "textDocument": { "uri": uri(&people) } }),
    );
    assert_eq!(pulled["kind"], "full");
    let schema = pulled["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "schema")
        .expect("pulled as well");
    assert_eq!(schema["range"]["start"], position(3, bytes));
    client.shutdown().unwrap();
}

#[test]
fn a_file_opened_alone_is_checked_through_the_playbook_that_includes_it() {
    let (dir, root, people) = playbook();
    let (mut client, _) = Client::start(dir.path(), vscode());
    client.open(&people);
    assert!(
        client
            .diagnostics(&people)
            .iter()
            .any(|d| d["code"] == "schema")
    );
    // The includer's findings are published too.
    assert!(
        client
            .diagnostics(&root)
            .iter()
            .any(|d| d["code"] == "unresolved-reference")
    );
    client.shutdown().unwrap();
}

#[test]
fn unsaved_changes_are_checked_and_positions_follow_them() {
    let (_dir, mut client, root, _) = editing();
    assert!(!client.diagnostics(&root).is_empty());
    // `tobia` becomes `tobias`, one keystroke at a time, and nothing is saved.
    client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": { "uri": uri(&root), "version": 2 },
            "contentChanges": [{ "range": { "start": position(6, 22), "end": position(6, 22) }, "text": "s" }]
        }),
    );
    let left: Vec<Value> = client.diagnostics(&root);
    assert!(
        left.iter().all(|d| d["code"] != "unresolved-reference"),
        "{left:?}"
    );
    assert_eq!(std::fs::read_to_string(&root).unwrap(), PLAYBOOK);
    client.shutdown().unwrap();
}

#[test]
fn completion_offers_the_ids_a_reference_may_name() {
    let (_dir, mut client, root, _) = editing();
    let items = client.request("textDocument/completion", at(&root, 6, 20));
    // People first, then teams, each in file order.
    assert_eq!(labels(&items), ["markus", "tobias", "sales"]);
    let tobias = items
        .as_array()
        .unwrap()
        .iter()
        .find(|item| item["label"] == "tobias")
        .unwrap();
    assert_eq!(tobias["detail"], "person · Tobias Huber");
    // It replaces the word being written.
    assert_eq!(tobias["textEdit"]["range"]["start"], position(6, 17));
    // `depends_on` offers tasks only, and not the task itself.
    let items = client.request("textDocument/completion", at(&root, 12, 17));
    assert_eq!(labels(&items), ["angebot"]);
    // A key the task has already is not offered again.
    let items = client.request("textDocument/completion", at(&root, 9, 4));
    let keys = labels(&items);
    assert!(
        keys.contains(&"consulted") && keys.contains(&"due"),
        "{keys:?}"
    );
    assert!(
        !keys.contains(&"title") && !keys.contains(&"depends_on"),
        "{keys:?}"
    );
    client.shutdown().unwrap();
}

#[test]
fn definition_references_and_hover_cross_files() {
    let (_dir, mut client, root, people) = editing();
    // `markus` in `accountable: markus` of `nachfassen`.
    let definition = client.request("textDocument/definition", at(&root, 10, 19));
    assert_eq!(definition["uri"], uri(&people));
    assert_eq!(definition["range"]["start"], position(3, 2));
    let references = client.request(
        "textDocument/references",
        json!({ "textDocument": { "uri": uri(&root) }, "position": position(10, 19), "context": { "includeDeclaration": true } }),
    );
    let references = references.as_array().unwrap();
    // Defined once, team lead, three times in tasks.
    assert_eq!(references.len(), 5, "{references:?}");
    let hover = client.request("textDocument/hover", at(&root, 10, 19));
    let text = hover["contents"]["value"].as_str().unwrap();
    assert!(
        text.starts_with("**person** `markus`: Jürgen Müller"),
        "{text}"
    );
    assert!(text.contains("team: `sales`"), "{text}");
    client.shutdown().unwrap();
}

#[test]
fn rename_changes_every_file_and_refuses_a_name_taken() {
    let (_dir, mut client, root, people) = editing();
    let prepared = client.request("textDocument/prepareRename", at(&people, 3, 4));
    assert_eq!(prepared["placeholder"], "markus");
    let edit = client.request(
        "textDocument/rename",
        json!({ "textDocument": { "uri": uri(&people) }, "position": position(3, 4), "newName": "markus-eder" }),
    );
    let changes = edit["changes"].as_object().unwrap();
    assert_eq!(changes[&uri(&root)].as_array().unwrap().len(), 3);
    assert_eq!(changes[&uri(&people)].as_array().unwrap().len(), 2);
    let taken = client.request(
        "textDocument/rename",
        json!({ "textDocument": { "uri": uri(&people) }, "position": position(3, 4), "newName": "sales" }),
    );
    assert_eq!(taken["error"], "`sales` is already the id of a team");
    let invalid = client.request(
        "textDocument/rename",
        json!({ "textDocument": { "uri": uri(&people) }, "position": position(3, 4), "newName": "Markus Eder" }),
    );
    assert!(
        invalid["error"]
            .as_str()
            .unwrap()
            .contains("try `markus-eder`")
    );
    client.shutdown().unwrap();
}

#[test]
fn outlines_list_sections_and_entities() {
    let (_dir, mut client, _, people) = editing();
    let symbols = client.request(
        "textDocument/documentSymbol",
        json!({ "textDocument": { "uri": uri(&people) } }),
    );
    let names: Vec<String> = symbols
        .as_array()
        .unwrap()
        .iter()
        .map(|section| {
            let children: Vec<&str> = section["children"]
                .as_array()
                .unwrap()
                .iter()
                .map(|c| c["name"].as_str().unwrap())
                .collect();
            format!(
                "{}: {}",
                section["name"].as_str().unwrap(),
                children.join(" ")
            )
        })
        .collect();
    assert_eq!(names, ["teams: sales", "people: markus tobias"]);
    let found = client.request("workspace/symbol", json!({ "query": "huber" }));
    let found = found.as_array().unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0]["name"], "tobias");
    assert_eq!(found[0]["location"]["uri"], uri(&people));
    client.shutdown().unwrap();
}

#[test]
fn exit_without_shutdown_is_an_error_and_unknown_requests_are_refused() {
    let (dir, _, _) = playbook();
    let (mut client, _) = Client::start(dir.path(), vscode());
    let answer = client.request("textDocument/formatting", json!({}));
    assert!(
        answer["error"]
            .as_str()
            .unwrap()
            .contains("does not answer")
    );
    client.notify("exit", Value::Null);
    let result = client.server.take().unwrap().join().unwrap();
    assert!(result.is_err());
}

fn actions(client: &mut Client, path: &Path, from: Value, to: Value, only: Option<&str>) -> Value {
    let mut context = json!({ "diagnostics": [] });
    if let Some(only) = only {
        context["only"] = json!([only]);
    }
    client.request(
        "textDocument/codeAction",
        json!({ "textDocument": { "uri": uri(path) }, "range": { "start": from, "end": to }, "context": context }),
    )
}

#[test]
fn quick_fixes_replace_a_misspelling_and_suppress_only_what_may_be() {
    let (_dir, mut client, root, people) = editing();
    let found = actions(&mut client, &root, position(6, 18), position(6, 18), None);
    let found = found.as_array().unwrap();
    // A structural finding offers its fix and no suppression.
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0]["kind"], "quickfix");
    assert_eq!(found[0]["isPreferred"], true);
    assert_eq!(found[0]["diagnostics"][0]["code"], "unresolved-reference");
    let edits = found[0]["edit"]["changes"][uri(&root)].as_array().unwrap();
    assert_eq!(
        edits,
        &[
            json!({ "range": { "start": position(6, 17), "end": position(6, 22) }, "newText": "tobias" })
        ]
    );
    // A warning about a team can be suppressed for the team, above its key.
    let found = actions(&mut client, &people, position(1, 3), position(1, 3), None);
    let suppress = found
        .as_array()
        .unwrap()
        .iter()
        .find(|action| action["title"] == "Suppress `isolated-team` for teams.sales")
        .expect("a suppression");
    let edit = &suppress["edit"]["changes"][uri(&people)][0];
    assert_eq!(edit["range"]["start"], position(1, 0));
    assert_eq!(edit["newText"], "  # smarketing: allow(isolated-team)\n");
    // All safe fixes of a file at once, only when asked for by kind.
    let all = actions(
        &mut client,
        &people,
        position(0, 0),
        position(0, 0),
        Some("source.fixAll"),
    );
    let all = all.as_array().unwrap();
    assert_eq!(all.len(), 1, "{all:?}");
    assert_eq!(all[0]["kind"], "source.fixAll.smarketing");
    let edits = all[0]["edit"]["changes"][uri(&people)].as_array().unwrap();
    assert_eq!(edits.len(), 1);
    assert_eq!(edits[0]["newText"], "role");
    client.shutdown().unwrap();
}

#[test]
fn baselined_findings_are_hints_and_needless_suppressions_fade() {
    let (dir, root, people) = playbook();
    let text = PLAYBOOK.replace(
        "  nachfassen:",
        "  # smarketing: allow(task-without-responsible)\n  nachfassen:",
    );
    std::fs::write(&root, text).unwrap();
    let check = crate::check::check_single(&root, &crate::check::CheckOptions::default()).unwrap();
    let baseline =
        crate::check::baseline::Baseline::record(&check.diagnostics, &check.sources, dir.path());
    std::fs::write(
        dir.path().join(crate::check::baseline::DEFAULT_FILE),
        baseline.to_json(),
    )
    .unwrap();
    // Written after the baseline: a team that attends no meeting either.
    let people_text = PEOPLE.replace(
        "people:",
        "  events: { name: Events, lead: tobias }\npeople:",
    );
    std::fs::write(&people, people_text).unwrap();
    let (mut client, _) = Client::start(dir.path(), vscode());
    client.open(&root);
    let found = client.diagnostics(&people);
    let isolated: Vec<&Value> = found
        .iter()
        .filter(|d| d["code"] == "isolated-team")
        .collect();
    assert_eq!(isolated.len(), 2, "{found:?}");
    let (old, new) = (isolated[0], isolated[1]);
    assert!(old["message"].as_str().unwrap().contains("`sales`"));
    assert_eq!(old["severity"], 4, "{old}");
    assert_eq!(new["severity"], 2, "{new}");
    let isolated = old;
    assert!(
        isolated["message"]
            .as_str()
            .unwrap()
            .ends_with("(accepted by the baseline)")
    );
    let found = client.diagnostics(&root);
    let unused = found
        .iter()
        .find(|d| d["code"] == "unused-suppression")
        .unwrap();
    assert_eq!(unused["tags"], json!([1]));
    // A structural error is never baselined.
    assert!(
        found
            .iter()
            .any(|d| d["code"] == "unresolved-reference" && d["severity"] == 1)
    );
    client.shutdown().unwrap();
}

#[test]
fn other_yaml_gets_no_diagnostics() {
    let (dir, _, _) = playbook();
    let workflow = dir.path().canonicalize().unwrap().join("ci.yaml");
    std::fs::write(&workflow, "on: push\njobs: {}\n").unwrap();
    let (mut client, _) = Client::start(dir.path(), vscode());
    client.open(&workflow);
    assert!(client.diagnostics(&workflow).is_empty());
    client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": { "uri": uri(&workflow), "version": 2 },
            "contentChanges": [{ "text": "on: [push]\n" }]
        }),
    );
    assert!(client.diagnostics(&workflow).is_empty());
    client.shutdown().unwrap();
}

#[test]
fn hostile_edits_and_positions_leave_the_server_answering() {
    let (_dir, mut client, root, people) = editing();
    let nested = format!("{}{}", "[".repeat(5000), "]".repeat(5000));
    let edits = [
        json!({ "range": { "start": position(900, 0), "end": position(0, 0) }, "text": "x" }),
        json!({ "range": { "start": position(2, 999), "end": position(999, 999) }, "text": "\u{0}\u{feff}ü𝄞" }),
        json!({ "text": format!("version: 1\nplaybook: p\ntasks: {nested}\n") }),
        json!({ "text": "version: 1\nplaybook: p\nx: &a [*a]\n\t- : : :\n" }),
    ];
    for (version, edit) in edits.into_iter().enumerate() {
        client.notify(
            "textDocument/didChange",
            json!({ "textDocument": { "uri": uri(&root), "version": version + 2 }, "contentChanges": [edit] }),
        );
        for (line, character) in [(0, 0), (2, 3), (3, 1), (99, 99)] {
            for method in [
                "textDocument/hover",
                "textDocument/completion",
                "textDocument/definition",
                "textDocument/prepareRename",
            ] {
                let answer = client.request(method, at(&root, line, character));
                assert!(answer.get("error").is_none(), "{method}: {answer}");
            }
        }
        let symbols = client.request(
            "textDocument/documentSymbol",
            json!({ "textDocument": { "uri": uri(&root) } }),
        );
        assert!(symbols.is_array());
    }
    // The root is now one line of flow style that is not a playbook's: the included file is
    // no longer read, and its findings are cleared.
    assert!(client.diagnostics(&people).is_empty());
    client.shutdown().unwrap();
}

/// Two playbooks in one folder that include the same people.
fn two_playbooks() -> (tempfile::TempDir, PathBuf, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().canonicalize().unwrap();
    let people = folder.join("people.yaml");
    std::fs::write(&people, PEOPLE).unwrap();
    let a = folder.join("a.yaml");
    std::fs::write(&a, PLAYBOOK.replace("seeblick", "a")).unwrap();
    let b = folder.join("b.yaml");
    let b_text = PLAYBOOK
        .replace("seeblick", "b")
        .replace("accountable: tobia\n", "accountable: tobias\n")
        .replace(
            "responsible: [markus]\n    depends_on",
            "responsible: [markuss]\n    depends_on",
        );
    std::fs::write(&b, b_text).unwrap();
    (dir, a, b, people)
}

#[test]
fn a_file_two_playbooks_include_is_checked_and_renamed_through_both() {
    let (dir, a, b, people) = two_playbooks();
    let (mut client, _) = Client::start(dir.path(), neovim());
    client.open(&people);
    // Both includers are checked: each one's own findings, the shared file's once.
    assert!(
        client
            .diagnostics(&a)
            .iter()
            .any(|d| d["message"].as_str().unwrap().contains("`tobia`"))
    );
    let pulled = client.request(
        "textDocument/diagnostic",
        json!({ "textDocument": { "uri": uri(&b) } }),
    );
    assert!(
        pulled["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["message"].as_str().unwrap().contains("`markuss`")),
        "{pulled}"
    );
    let in_people = client.diagnostics(&people);
    let schema: Vec<_> = in_people.iter().filter(|d| d["code"] == "schema").collect();
    assert_eq!(schema.len(), 1, "{in_people:?}");
    // `tobias` is named in b only; a rename from the shared file reaches it.
    let edit = client.request(
        "textDocument/rename",
        json!({ "textDocument": { "uri": uri(&people) }, "position": position(4, 4), "newName": "tobi" }),
    );
    let changes = edit["changes"].as_object().unwrap();
    assert_eq!(changes[&uri(&people)].as_array().unwrap().len(), 1);
    assert_eq!(changes[&uri(&b)].as_array().unwrap().len(), 1);
    assert!(changes.get(&uri(&a)).is_none());
    client.shutdown().unwrap();
}

#[test]
fn only_playbooks_that_read_an_open_file_are_published() {
    let (dir, a, b, _) = two_playbooks();
    std::fs::remove_file(&b).unwrap();
    let other = dir.path().canonicalize().unwrap().join("other");
    std::fs::create_dir(&other).unwrap();
    let other_root = other.join("playbook.yaml");
    std::fs::write(
        &other_root,
        PLAYBOOK.replace("people.yaml", "other-people.yaml"),
    )
    .unwrap();
    let other_people = other.join("other-people.yaml");
    std::fs::write(&other_people, PEOPLE).unwrap();
    let (mut client, _) = Client::start(dir.path(), vscode());
    client.open(&other_people);
    client.diagnostics(&other_people);
    let published: Vec<String> = client
        .notifications
        .iter()
        .filter(|n| n.method == "textDocument/publishDiagnostics")
        .map(|n| n.params["uri"].as_str().unwrap().to_owned())
        .collect();
    assert!(published.contains(&uri(&other_root)));
    // `a.yaml` was read while looking for the includer, and nothing of it is shown.
    assert!(!published.contains(&uri(&a)), "{published:?}");
    client.shutdown().unwrap();
}

#[test]
fn after_shutdown_requests_are_refused_and_exit_ends_cleanly() {
    let (_dir, mut client, root, _) = editing();
    client.request("shutdown", Value::Null);
    let late = client.request("textDocument/hover", at(&root, 6, 18));
    assert!(late["error"].as_str().unwrap().contains("shutting down"));
    client.notify("exit", Value::Null);
    assert_eq!(client.server.take().unwrap().join().unwrap(), Ok(()));
}

#[test]
fn a_change_whose_range_does_not_read_is_ignored_and_logged() {
    let (_dir, mut client, root, _) = editing();
    let before = client.diagnostics(&root);
    client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": { "uri": uri(&root), "version": 2 },
            "contentChanges": [{ "range": { "start": { "line": -1, "character": 0 }, "end": position(0, 0) }, "text": "X" }]
        }),
    );
    assert_eq!(client.diagnostics(&root), before);
    assert!(client.notifications.iter().any(|n| {
        n.method == "window/logMessage"
            && n.params["message"]
                .as_str()
                .unwrap()
                .starts_with("ignored a change")
    }));
    // A range given end first replaces the text between the two.
    client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": { "uri": uri(&root), "version": 3 },
            "contentChanges": [{ "range": { "start": position(6, 22), "end": position(6, 17) }, "text": "tobias" }]
        }),
    );
    assert!(
        client
            .diagnostics(&root)
            .iter()
            .all(|d| d["code"] != "unresolved-reference")
    );
    client.shutdown().unwrap();
}

#[test]
fn a_rename_in_one_playbook_reaches_the_playbooks_sharing_its_files() {
    let (dir, a, b, people) = two_playbooks();
    let (mut client, _) = Client::start(dir.path(), vscode());
    client.open(&a);
    // `markus` in `accountable: markus` of a's `nachfassen`.
    let edit = client.request(
        "textDocument/rename",
        json!({ "textDocument": { "uri": uri(&a) }, "position": position(10, 19), "newName": "markus-eder" }),
    );
    let changes = edit["changes"].as_object().unwrap();
    assert_eq!(changes[&uri(&a)].as_array().unwrap().len(), 3);
    assert_eq!(changes[&uri(&people)].as_array().unwrap().len(), 2);
    assert_eq!(changes[&uri(&b)].as_array().unwrap().len(), 2, "{edit}");
    client.shutdown().unwrap();
}

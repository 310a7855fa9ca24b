//! The server's state and its message loop: which playbooks are open, what their last check
//! found, and which request is answered how.

use super::analysis::Analysis;
use super::completion;
use super::diagnostics::{self, Positions};
use super::documents::{Documents, path_of, uri_of};
use super::encoding::Encoding;
use super::navigate;
use super::outline;
use super::symbols::{Occurrence, Symbols};
use crate::check::CheckOptions;
use crate::load::discover::{discover, looks_like_playbook};
use crate::load::read::read_text;
use gen_lsp_types::{
    CodeActionParams, CompletionParams, DidChangeTextDocumentParams,
    DidChangeWorkspaceFoldersParams, DidCloseTextDocumentParams, DidOpenTextDocumentParams,
    DidSaveTextDocumentParams, DocumentDiagnosticParams, DocumentSymbolParams,
    FullDocumentDiagnosticReport, Hover, HoverParams, MarkupContent, MarkupKind,
    PrepareRenameParams, PublishDiagnosticsParams, ReferenceParams,
    RelatedFullDocumentDiagnosticReport, RenameParams, TextDocumentPositionParams, WorkspaceEdit,
    WorkspaceSymbolParams,
};
use lsp_server::{Connection, ErrorCode, Message, Notification, Request, RequestId, Response};
use serde::de::DeserializeOwned;
use serde_json::{Value, json};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

/// A checked playbook and the index of its ids.
pub struct Checked {
    pub analysis: Analysis,
    pub symbols: Symbols,
}

pub struct Server {
    connection: Connection,
    pub(super) encoding: Encoding,
    /// Whether the client asks for diagnostics itself (`textDocument/diagnostic`) as well.
    pull: bool,
    /// Whether the client shows a diagnostic's link to its rule's page.
    links: bool,
    folders: Vec<PathBuf>,
    options: CheckOptions,
    pub(super) documents: Documents,
    /// The last check of each playbook that reads an open file, by root file.
    pub(super) checked: BTreeMap<PathBuf, Checked>,
    /// The files each playbook found in the workspace folders reads, from its last check:
    /// which playbooks include a file opened alone.
    includes: BTreeMap<PathBuf, Vec<PathBuf>>,
    /// Checks made while looking for a file's playbooks, of the playbooks found, for the next
    /// [`Server::check_dirty`] to use instead of checking them again; forgotten at any change.
    learnt: BTreeMap<PathBuf, Checked>,
    /// Whether `shutdown` was answered: from then on only `exit` is expected.
    shut_down: bool,
    /// Playbooks changed since their last check.
    dirty: BTreeSet<PathBuf>,
    /// The files whose diagnostics are shown: those of the playbooks that read an open file.
    shown: BTreeSet<PathBuf>,
    /// Files no playbook in the workspace includes (other YAML), so that typing in one does
    /// not search the workspace again at every keystroke. Forgotten when files are opened,
    /// saved or closed: then a playbook may have come to include them.
    unowned: BTreeSet<PathBuf>,
}

/// Answers the `initialize` request and serves until `exit`.
pub fn serve(connection: Connection) -> Result<(), String> {
    let (id, params) = connection
        .initialize_start()
        .map_err(|error| format!("the editor did not initialize the server: {error}"))?;
    let mut server = Server::new(connection, &params);
    let result = server.capabilities();
    server
        .connection
        .initialize_finish(id, result)
        .map_err(|error| format!("the editor did not initialize the server: {error}"))?;
    server.main_loop()
}

impl Server {
    fn new(connection: Connection, params: &Value) -> Server {
        let offered: Vec<String> = params
            .pointer("/capabilities/general/positionEncodings")
            .and_then(Value::as_array)
            .map(|kinds| {
                kinds
                    .iter()
                    .filter_map(|kind| kind.as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default();
        let pull = params
            .pointer("/capabilities/textDocument/diagnostic")
            .is_some_and(|d| !d.is_null());
        let links = ["publishDiagnostics", "diagnostic"].iter().any(|kind| {
            params
                .pointer(&format!(
                    "/capabilities/textDocument/{kind}/codeDescriptionSupport"
                ))
                .and_then(Value::as_bool)
                == Some(true)
        });
        let mut folders: Vec<PathBuf> = params
            .get("workspaceFolders")
            .and_then(Value::as_array)
            .map(|folders| folders.iter().filter_map(folder_path).collect())
            .unwrap_or_default();
        if folders.is_empty()
            && let Some(root) = params
                .get("rootUri")
                .and_then(Value::as_str)
                .and_then(|uri| uri.parse().ok())
                .and_then(|uri| path_of(&uri))
        {
            folders.push(root);
        }
        Server {
            connection,
            encoding: Encoding::negotiate(&offered),
            pull,
            links,
            folders,
            options: CheckOptions::default(),
            documents: Documents::default(),
            checked: BTreeMap::new(),
            includes: BTreeMap::new(),
            learnt: BTreeMap::new(),
            shut_down: false,
            dirty: BTreeSet::new(),
            shown: BTreeSet::new(),
            unowned: BTreeSet::new(),
        }
    }

    fn capabilities(&self) -> Value {
        let mut capabilities = json!({
            "positionEncoding": self.encoding.kind(),
            "textDocumentSync": { "openClose": true, "change": 2, "save": { "includeText": false } },
            "hoverProvider": true,
            "completionProvider": { "triggerCharacters": [" ", "[", ",", "(", "-"] },
            "definitionProvider": true,
            "referencesProvider": true,
            "renameProvider": { "prepareProvider": true },
            "documentSymbolProvider": true,
            "workspaceSymbolProvider": true,
            "codeActionProvider": {
                "codeActionKinds": ["quickfix", super::actions::FIX_ALL],
                "resolveProvider": false
            },
            "workspace": { "workspaceFolders": { "supported": true, "changeNotifications": true } }
        });
        if self.pull {
            capabilities["diagnosticProvider"] =
                json!({ "interFileDependencies": true, "workspaceDiagnostics": false });
        }
        json!({
            "capabilities": capabilities,
            "serverInfo": { "name": "smarketing", "version": env!("CARGO_PKG_VERSION") }
        })
    }

    fn main_loop(&mut self) -> Result<(), String> {
        loop {
            let message = if self.dirty.is_empty() {
                self.connection.receiver.recv().ok()
            } else {
                match self.connection.receiver.try_recv() {
                    Ok(message) => Some(message),
                    Err(error) if error.is_empty() => {
                        self.check_dirty();
                        continue;
                    }
                    Err(_) => None,
                }
            };
            let Some(message) = message else {
                return Err(
                    "the editor closed the connection without `shutdown` and `exit`".to_owned(),
                );
            };
            match message {
                Message::Request(request) => {
                    let response = if self.shut_down {
                        refusal(
                            request.id,
                            ErrorCode::InvalidRequest,
                            "the server is shutting down: only `exit` is answered".to_owned(),
                        )
                    } else if request.method == "shutdown" {
                        self.shut_down = true;
                        respond(request.id, Ok(Value::Null))
                    } else {
                        // A request reads the playbook as the editor has it now.
                        self.check_dirty();
                        self.answer(request)
                    };
                    self.send(response.into());
                }
                Message::Notification(notification) if notification.method == "exit" => {
                    return if self.shut_down {
                        Ok(())
                    } else {
                        Err("the editor sent `exit` without `shutdown`".to_owned())
                    };
                }
                Message::Notification(_) if self.shut_down => {}
                Message::Notification(notification) => self.notified(notification),
                Message::Response(_) => {}
            }
        }
    }

    /// A message for the editor's log of this server.
    fn log(&self, text: String) {
        let params = json!({ "type": 1, "message": text });
        self.send(Notification::new("window/logMessage".to_owned(), params).into());
    }

    fn send(&self, message: Message) {
        // The reader thread ends with the connection; what could not be sent has no reader.
        let _ = self.connection.sender.send(message);
    }

    fn notified(&mut self, notification: Notification) {
        // Whatever changes, checks made before it are out of date.
        self.learnt.clear();
        match notification.method.as_str() {
            "textDocument/didOpen" => {
                if let Ok(params) = from::<DidOpenTextDocumentParams>(notification.params) {
                    let item = params.text_document;
                    self.unowned.clear();
                    if let Some(path) = self.documents.open(item.uri, item.version, item.text) {
                        self.touched(&path);
                    }
                }
            }
            "textDocument/didChange" => {
                if let Some(problem) = malformed_change(&notification.params) {
                    self.log(format!("ignored a change of a document: {problem}"));
                    return;
                }
                if let Ok(params) = from::<DidChangeTextDocumentParams>(notification.params) {
                    let document = params.text_document;
                    if let Some(path) = self.documents.change(
                        &document.text_document_identifier.uri,
                        document.version,
                        params.content_changes,
                        self.encoding,
                    ) {
                        self.touched(&path);
                    }
                }
            }
            "textDocument/didSave" => {
                if let Ok(params) = from::<DidSaveTextDocumentParams>(notification.params)
                    && let Some(path) = path_of(&params.text_document.uri)
                {
                    // What a playbook saved includes is learnt again when next needed.
                    self.includes.remove(&path);
                    self.unowned.clear();
                    self.touched(&path);
                }
            }
            "textDocument/didClose" => {
                if let Ok(params) = from::<DidCloseTextDocumentParams>(notification.params)
                    && let Some(path) = self.documents.close(&params.text_document.uri)
                {
                    // Read from disk again: what the editor held unsaved is gone.
                    self.unowned.clear();
                    self.touched(&path);
                }
            }
            "workspace/didChangeWorkspaceFolders" => {
                if let Ok(params) = from::<DidChangeWorkspaceFoldersParams>(notification.params) {
                    let event = params.event;
                    let removed: Vec<PathBuf> = event
                        .removed
                        .iter()
                        .filter_map(|f| path_of(&f.uri))
                        .collect();
                    self.folders.retain(|folder| !removed.contains(folder));
                    self.folders
                        .extend(event.added.iter().filter_map(|f| path_of(&f.uri)));
                }
            }
            _ => {}
        }
    }

    /// Marks the playbooks that read `path` for a new check: those checked already, and when
    /// there are none, the playbooks found to include it.
    fn touched(&mut self, path: &Path) {
        let roots: Vec<PathBuf> = self
            .checked
            .iter()
            .filter(|(_, checked)| checked.analysis.file_of(path).is_some())
            .map(|(root, _)| root.clone())
            .collect();
        if roots.is_empty() {
            let found = self.roots_of(path);
            self.dirty.extend(found);
        } else {
            self.dirty.extend(roots);
        }
    }

    /// The playbooks `path` is checked through: every playbook in the workspace folders (or,
    /// outside them, in its own folder) that includes it, as `check` reports a shared file's
    /// findings for all its includers; a playbook itself, with every other playbook that shares
    /// an included file with it, so that a rename there reaches them too. A file no playbook
    /// includes is left alone, like the other YAML `check` skips.
    fn roots_of(&mut self, path: &Path) -> Vec<PathBuf> {
        let Some(text) = self.text_of(path) else {
            return Vec::new();
        };
        let root = looks_like_playbook(&text);
        if !root && self.unowned.contains(path) {
            return Vec::new();
        }
        let playbooks = self.playbooks_near(path);
        let reads = |server: &Server, playbook: &Path| -> Vec<PathBuf> {
            server.includes.get(playbook).cloned().unwrap_or_default()
        };
        let found: Vec<PathBuf> = if root {
            if !self.includes.contains_key(path) {
                self.learn_includes(path);
            }
            let shared: Vec<PathBuf> = reads(self, path).into_iter().skip(1).collect();
            std::iter::once(path.to_path_buf())
                .chain(playbooks.into_iter().filter(|other| {
                    other.as_path() != path
                        && reads(self, other).iter().any(|read| shared.contains(read))
                }))
                .collect()
        } else {
            playbooks
                .into_iter()
                .filter(|playbook| reads(self, playbook).iter().any(|read| read == path))
                .collect()
        };
        if found.is_empty() {
            self.unowned.insert(path.to_path_buf());
        }
        self.learnt.retain(|root, _| found.contains(root));
        found
    }

    /// The text of `path`: the editor's, else the file's.
    fn text_of(&self, path: &Path) -> Option<String> {
        match self.documents.text(path) {
            Some(text) => Some(text.to_owned()),
            None => read_text(path, self.options.load.max_file_bytes)
                .ok()
                .map(|content| content.text),
        }
    }

    /// The playbooks in the workspace folders that hold `path` (or in its folder), each with
    /// what it reads learnt once.
    fn playbooks_near(&mut self, path: &Path) -> Vec<PathBuf> {
        let mut folders: Vec<PathBuf> = self
            .folders
            .iter()
            .filter(|folder| path.starts_with(folder))
            .cloned()
            .collect();
        if folders.is_empty() {
            folders.extend(path.parent().map(Path::to_path_buf));
        }
        let (candidates, _) = discover(&folders);
        let mut playbooks = Vec::new();
        for candidate in candidates {
            let root = candidate
                .path
                .canonicalize()
                .unwrap_or(candidate.path.clone());
            if !self.includes.contains_key(&root) {
                if !self
                    .text_of(&root)
                    .is_some_and(|text| looks_like_playbook(&text))
                {
                    continue;
                }
                self.learn_includes(&root);
            }
            playbooks.push(root);
        }
        playbooks
    }

    /// Checks the playbook at `root` once to learn which files it reads.
    fn learn_includes(&mut self, root: &Path) {
        let checked = self.check(root);
        let reads = checked
            .as_ref()
            .map(|checked| checked.analysis.paths.clone())
            .unwrap_or_default();
        self.includes.insert(root.to_path_buf(), reads);
        if let Some(checked) = checked {
            self.learnt.insert(root.to_path_buf(), checked);
        }
    }

    fn check(&self, root: &Path) -> Option<Checked> {
        // A bug in a rule must not take the editor's server down with it.
        let analysis = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            Analysis::run(root, self.documents.overlay(), &self.options, &self.folders)
        }))
        .ok()?
        .ok()?;
        let symbols = Symbols::of(&analysis);
        Some(Checked { analysis, symbols })
    }

    /// Checks the playbooks marked, keeps those that read an open file or share a file with
    /// one (a rename must reach them), and publishes the diagnostics of every file such a
    /// playbook reads whose findings may have changed, and empty lists for files no longer shown.
    fn check_dirty(&mut self) {
        let mut affected: BTreeSet<PathBuf> = BTreeSet::new();
        for root in std::mem::take(&mut self.dirty) {
            if let Some(old) = self.checked.remove(&root) {
                affected.extend(old.analysis.paths);
            }
            let checked = match self.learnt.remove(&root) {
                Some(checked) => Some(checked),
                None => self.check(&root),
            };
            if let Some(checked) = checked {
                self.includes
                    .insert(root.clone(), checked.analysis.paths.clone());
                affected.extend(checked.analysis.paths.iter().cloned());
                self.checked.insert(root, checked);
            }
        }
        let open = |checked: &Checked| {
            checked
                .analysis
                .paths
                .iter()
                .any(|path| self.documents.get(path).is_some())
        };
        let shown: BTreeSet<PathBuf> = self
            .checked
            .values()
            .filter(|checked| open(checked))
            .flat_map(|checked| checked.analysis.paths.iter().cloned())
            .collect();
        let kept: BTreeSet<PathBuf> = self
            .checked
            .iter()
            .filter(|(_, checked)| {
                open(checked) || checked.analysis.paths.iter().any(|p| shown.contains(p))
            })
            .map(|(root, _)| root.clone())
            .collect();
        self.checked.retain(|root, _| kept.contains(root));
        self.learnt.clear();
        let gone: Vec<PathBuf> = self.shown.difference(&shown).cloned().collect();
        for file in gone {
            self.publish_file(&file, Vec::new());
        }
        for file in affected.intersection(&shown) {
            self.publish_file(file, self.diagnostics_of(file));
        }
        self.shown = shown;
    }

    /// The findings in `path` of every playbook that reads it, each place, rule and message once
    /// (a file several playbooks include has its findings once, as in `check`).
    fn diagnostics_of(&self, path: &Path) -> Vec<gen_lsp_types::Diagnostic> {
        let mut seen = BTreeSet::new();
        let mut found = Vec::new();
        for checked in self.checked.values() {
            let Some(file) = checked.analysis.file_of(path) else {
                continue;
            };
            for diagnostic in
                diagnostics::of_file(&checked.analysis, file, self.encoding, self.links)
            {
                if seen.insert(serde_json::to_string(&diagnostic).unwrap_or_default()) {
                    found.push(diagnostic);
                }
            }
        }
        found
    }

    fn publish_file(&self, path: &Path, found: Vec<gen_lsp_types::Diagnostic>) {
        let Some(uri) = uri_of(path) else { return };
        let version = self.documents.get(path).map(|open| open.version);
        let params = PublishDiagnosticsParams::new(uri, version, found);
        self.send(Notification::new("textDocument/publishDiagnostics".to_owned(), params).into());
    }

    /// The check a file belongs to.
    fn checked_with(&self, path: &Path) -> Option<&Checked> {
        self.checked
            .values()
            .find(|checked| checked.analysis.file_of(path).is_some())
    }

    /// The check a document belongs to, and the document's file id in it.
    fn document(&self, uri: &gen_lsp_types::Uri) -> Option<(&Checked, u32)> {
        let path = path_of(uri)?;
        let checked = self.checked_with(&path)?;
        Some((checked, checked.analysis.file_of(&path)?))
    }

    fn answer(&mut self, request: Request) -> Response {
        let id = request.id.clone();
        let result = match request.method.as_str() {
            "textDocument/hover" => from::<HoverParams>(request.params)
                .map(|p| json!(self.hover(&p.text_document_position_params))),
            "textDocument/definition" => from::<TextDocumentPositionParams>(request.params)
                .map(|p| json!(self.definition(&p))),
            "textDocument/references" => {
                from::<ReferenceParams>(request.params).map(|p| json!(self.references(&p)))
            }
            "textDocument/prepareRename" => from::<PrepareRenameParams>(request.params)
                .map(|p| json!(self.prepare_rename(&p.text_document_position_params))),
            "textDocument/rename" => from::<RenameParams>(request.params)
                .and_then(|p| self.rename(&p).map(|edit| json!(edit))),
            "textDocument/completion" => from::<CompletionParams>(request.params)
                .map(|p| json!(self.completion(&p.text_document_position_params))),
            "textDocument/documentSymbol" => from::<DocumentSymbolParams>(request.params)
                .map(|p| json!(self.document_symbols(&p))),
            "workspace/symbol" => from::<WorkspaceSymbolParams>(request.params)
                .map(|p| json!(self.workspace_symbols(&p.query))),
            "textDocument/diagnostic" => from::<DocumentDiagnosticParams>(request.params)
                .map(|p| json!(self.pull_diagnostics(&p))),
            "textDocument/codeAction" => {
                from::<CodeActionParams>(request.params).map(|p| json!(self.code_actions(&p)))
            }
            "initialize" => Err(error(
                ErrorCode::InvalidRequest as i32,
                "the server is initialized already".to_owned(),
            )),
            _ => Err(error(
                ErrorCode::MethodNotFound as i32,
                format!("smarketing does not answer `{}`", request.method),
            )),
        };
        respond(id, result)
    }

    /// The check of the file at a position, the occurrence of an id there, and the position's
    /// byte offset.
    fn at(&self, at: &TextDocumentPositionParams) -> Option<(&Checked, u32, u32)> {
        let path = path_of(&at.text_document.uri)?;
        let checked = self.checked_with(&path)?;
        let (file, offset) =
            navigate::offset_in(&checked.analysis, &path, at.position, self.encoding)?;
        Some((checked, file, offset))
    }

    fn occurrence(&self, at: &TextDocumentPositionParams) -> Option<(&Checked, &Occurrence)> {
        let (checked, file, offset) = self.at(at)?;
        Some((checked, checked.symbols.at(file, offset)?))
    }

    fn hover(&self, at: &TextDocumentPositionParams) -> Option<Hover> {
        let (checked, file, offset) = self.at(at)?;
        let analysis = &checked.analysis;
        let mut positions = Positions::new(analysis, self.encoding);
        let (text, range) = match checked.symbols.at(file, offset) {
            Some(o) => (
                navigate::entity_hover(analysis, o.section?, &o.id),
                Some(positions.range(o.span)),
            ),
            None => {
                let text = &analysis.sources.get(file).text;
                let rule = navigate::rule_at(text, offset as usize)?;
                (navigate::rule_hover(rule)?, None)
            }
        };
        let content = MarkupContent::new(MarkupKind::Markdown, text);
        Some(Hover::new(content.into(), range))
    }

    fn definition(&self, at: &TextDocumentPositionParams) -> Option<gen_lsp_types::Location> {
        let (checked, occurrence) = self.occurrence(at)?;
        let mut positions = Positions::new(&checked.analysis, self.encoding);
        navigate::definition(&checked.symbols, occurrence, &mut positions)
    }

    /// The references in every playbook that reads the file: renaming a person of a shared
    /// file must reach the tasks of each playbook that includes it.
    fn references(&self, params: &ReferenceParams) -> Vec<gen_lsp_types::Location> {
        let at = &params.text_document_position_params;
        let mut found: Vec<gen_lsp_types::Location> = Vec::new();
        for (checked, occurrence) in self.occurrences(at) {
            let mut positions = Positions::new(&checked.analysis, self.encoding);
            for location in navigate::references(
                &checked.symbols,
                occurrence,
                params.context.include_declaration,
                &mut positions,
            ) {
                if !found.contains(&location) {
                    found.push(location);
                }
            }
        }
        found
    }

    /// The entity named at a position, as each check that knows it sees it: the checks that
    /// read the file, and the checks that read the file defining the entity (another playbook
    /// sharing the people file names the same person).
    fn occurrences<'s>(
        &'s self,
        at: &TextDocumentPositionParams,
    ) -> Vec<(&'s Checked, &'s Occurrence)> {
        let Some(path) = path_of(&at.text_document.uri) else {
            return Vec::new();
        };
        let mut found: Vec<(&Checked, &Occurrence)> = self
            .checked
            .values()
            .filter_map(|checked| {
                let (file, offset) =
                    navigate::offset_in(&checked.analysis, &path, at.position, self.encoding)?;
                Some((checked, checked.symbols.at(file, offset)?))
            })
            .collect();
        let definition = found.iter().find_map(|(checked, occurrence)| {
            let section = occurrence.section?;
            let span = checked.symbols.definition(section, &occurrence.id)?.span;
            Some((checked.analysis.path(span.file)?.to_path_buf(), span.start))
        });
        if let Some((defined_in, offset)) = definition {
            for checked in self.checked.values() {
                if found.iter().any(|(known, _)| std::ptr::eq(*known, checked)) {
                    continue;
                }
                if let Some(occurrence) = checked
                    .analysis
                    .file_of(&defined_in)
                    .and_then(|file| checked.symbols.at(file, offset))
                {
                    found.push((checked, occurrence));
                }
            }
        }
        found
    }

    fn prepare_rename(&self, at: &TextDocumentPositionParams) -> Option<Value> {
        let (checked, occurrence) = self.occurrence(at)?;
        occurrence.section?;
        let mut positions = Positions::new(&checked.analysis, self.encoding);
        Some(json!({
            "range": positions.range(occurrence.span),
            "placeholder": occurrence.id,
        }))
    }

    /// The edits of a rename in every playbook that reads the file, refused when any of them
    /// cannot take the new name.
    fn rename(&self, params: &RenameParams) -> Result<WorkspaceEdit, lsp_server::ResponseError> {
        // LSP's RequestFailed: the request was valid, its answer is no.
        let refused = |message: String| error(REQUEST_FAILED, message);
        let found = self.occurrences(&params.text_document_position_params);
        if found.is_empty() {
            return Err(refused("there is no id here to rename".to_owned()));
        }
        let mut changes: HashMap<gen_lsp_types::Uri, Vec<gen_lsp_types::TextEdit>> = HashMap::new();
        for (checked, occurrence) in found {
            let mut positions = Positions::new(&checked.analysis, self.encoding);
            let edits = navigate::rename(
                &checked.analysis,
                &checked.symbols,
                occurrence,
                &params.new_name,
                &mut positions,
            )
            .map_err(refused)?;
            for (uri, edits) in edits {
                let known = changes.entry(uri).or_default();
                for edit in edits {
                    if !known.contains(&edit) {
                        known.push(edit);
                    }
                }
            }
        }
        Ok(WorkspaceEdit::new(Some(changes), None, None))
    }

    fn completion(&self, at: &TextDocumentPositionParams) -> Vec<gen_lsp_types::CompletionItem> {
        let Some(path) = path_of(&at.text_document.uri) else {
            return Vec::new();
        };
        let (Some(text), Some(open)) = (self.documents.text(&path), self.documents.get(&path))
        else {
            return Vec::new();
        };
        let offset = open.lines.offset(text, at.position, self.encoding) as usize;
        let Some(context) = completion::context(text, offset) else {
            return Vec::new();
        };
        let Some(checked) = self.checked_with(&path) else {
            return Vec::new();
        };
        let start = completion::word_start(text, offset);
        let range = open
            .lines
            .range(text, start as u32, offset as u32, self.encoding);
        let around = completion::around(text, offset);
        completion::items(&checked.analysis, &context, around.as_ref())
            .into_iter()
            .map(|mut item| {
                let new_text = item
                    .insert_text
                    .take()
                    .unwrap_or_else(|| item.label.clone());
                item.text_edit = Some(gen_lsp_types::TextEdit::new(range, new_text).into());
                item
            })
            .collect()
    }

    fn document_symbols(
        &self,
        params: &DocumentSymbolParams,
    ) -> Vec<gen_lsp_types::DocumentSymbol> {
        let Some((checked, file)) = self.document(&params.text_document.uri) else {
            return Vec::new();
        };
        let mut positions = Positions::new(&checked.analysis, self.encoding);
        outline::document_symbols(&checked.analysis, &checked.symbols, file, &mut positions)
    }

    fn workspace_symbols(&self, query: &str) -> Vec<gen_lsp_types::WorkspaceSymbol> {
        let mut found = Vec::new();
        for checked in self.checked.values() {
            let mut positions = Positions::new(&checked.analysis, self.encoding);
            found.extend(outline::workspace_symbols(
                &checked.analysis,
                &checked.symbols,
                query,
                &mut positions,
            ));
        }
        found
    }

    fn code_actions(&self, params: &CodeActionParams) -> Vec<gen_lsp_types::CodeAction> {
        let Some((checked, file)) = self.document(&params.text_document.uri) else {
            return Vec::new();
        };
        let mut positions = Positions::new(&checked.analysis, self.encoding);
        super::actions::actions(self.links, checked, file, params, &mut positions)
    }

    fn pull_diagnostics(&self, params: &DocumentDiagnosticParams) -> Value {
        let items = path_of(&params.text_document.uri)
            .map(|path| self.diagnostics_of(&path))
            .unwrap_or_default();
        json!(RelatedFullDocumentDiagnosticReport::new(
            None,
            FullDocumentDiagnosticReport::new(None, items)
        ))
    }
}

fn folder_path(folder: &Value) -> Option<PathBuf> {
    let uri = folder.get("uri")?.as_str()?.parse().ok()?;
    path_of(&uri)
}

/// LSP's code for a request that was understood and cannot be carried out.
const REQUEST_FAILED: i32 = -32803;

fn error(code: i32, message: String) -> lsp_server::ResponseError {
    lsp_server::ResponseError {
        code,
        message,
        data: None,
    }
}

fn refusal(id: RequestId, code: ErrorCode, message: String) -> Response {
    respond(id, Err(error(code as i32, message)))
}

fn from<P: DeserializeOwned>(params: Value) -> Result<P, lsp_server::ResponseError> {
    serde_json::from_value(params).map_err(|problem| {
        error(
            ErrorCode::InvalidParams as i32,
            format!("the request's parameters do not read: {problem}"),
        )
    })
}

/// What is wrong with a `didChange` whose changes do not all read: a change with a `range`
/// that is no range would otherwise be read as the document's whole new text.
fn malformed_change(params: &Value) -> Option<String> {
    let changes = params.get("contentChanges")?.as_array()?;
    changes.iter().find_map(|change| {
        let range = change.get("range")?;
        serde_json::from_value::<gen_lsp_types::Range>(range.clone())
            .err()
            .map(|problem| format!("its range {range} does not read: {problem}"))
    })
}

fn respond(id: RequestId, result: Result<Value, lsp_server::ResponseError>) -> Response {
    Response {
        id,
        response_result: result,
    }
}

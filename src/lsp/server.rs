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
use std::collections::{BTreeMap, BTreeSet};
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
    /// The last check of each playbook, by root file.
    pub(super) checked: BTreeMap<PathBuf, Checked>,
    /// Playbooks changed since their last check.
    dirty: BTreeSet<PathBuf>,
    /// The files each playbook's diagnostics were last published for, to clear those it no
    /// longer includes.
    published: BTreeMap<PathBuf, Vec<PathBuf>>,
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
            dirty: BTreeSet::new(),
            published: BTreeMap::new(),
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
                return Err("the editor closed the connection without `shutdown`".to_owned());
            };
            match message {
                Message::Request(request) => {
                    match self.connection.handle_shutdown(&request) {
                        Ok(true) => return Ok(()),
                        Ok(false) => {}
                        Err(error) => return Err(error.to_string()),
                    }
                    // A request reads the playbook as the editor has it now.
                    self.check_dirty();
                    let response = self.answer(request);
                    self.send(response.into());
                }
                Message::Notification(notification) => {
                    if notification.method == "exit" {
                        return Err("the editor sent `exit` without `shutdown`".to_owned());
                    }
                    self.notified(notification);
                }
                Message::Response(_) => {}
            }
        }
    }

    fn send(&self, message: Message) {
        // The reader thread ends with the connection; what could not be sent has no reader.
        let _ = self.connection.sender.send(message);
    }

    fn notified(&mut self, notification: Notification) {
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

    /// Marks the playbooks that read `path` for a new check, finding the playbook first when
    /// the file belongs to none checked yet.
    fn touched(&mut self, path: &Path) {
        let roots: Vec<PathBuf> = self
            .checked
            .iter()
            .filter(|(_, checked)| checked.analysis.file_of(path).is_some())
            .map(|(root, _)| root.clone())
            .collect();
        if roots.is_empty() {
            if let Some(root) = self.root_of(path) {
                self.dirty.insert(root);
            }
        } else {
            self.dirty.extend(roots);
        }
    }

    /// The playbook `path` is checked through: itself when it has a `playbook:` key, else the
    /// first playbook in the workspace folders (or, outside them, in its own folder) that
    /// includes it. A file no playbook includes is left alone, like other YAML `check` skips.
    fn root_of(&mut self, path: &Path) -> Option<PathBuf> {
        let text_of = |server: &Server, path: &Path| -> Option<String> {
            match server.documents.text(path) {
                Some(text) => Some(text.to_owned()),
                None => read_text(path, server.options.load.max_file_bytes)
                    .ok()
                    .map(|content| content.text),
            }
        };
        if looks_like_playbook(&text_of(self, path)?) {
            return Some(path.to_path_buf());
        }
        if self.unowned.contains(path) {
            return None;
        }
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
        for candidate in candidates {
            let root = candidate
                .path
                .canonicalize()
                .unwrap_or(candidate.path.clone());
            if self.checked.contains_key(&root)
                || !text_of(self, &root).is_some_and(|text| looks_like_playbook(&text))
            {
                continue;
            }
            if let Some(checked) = self.check(&root) {
                let includes = checked.analysis.file_of(path).is_some();
                self.checked.insert(root.clone(), checked);
                self.publish(&root);
                if includes {
                    return Some(root);
                }
            }
        }
        self.unowned.insert(path.to_path_buf());
        None
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

    fn check_dirty(&mut self) {
        for root in std::mem::take(&mut self.dirty) {
            match self.check(&root) {
                Some(checked) => {
                    self.checked.insert(root.clone(), checked);
                }
                None => {
                    self.checked.remove(&root);
                }
            }
            self.publish(&root);
        }
    }

    /// Sends the diagnostics of every file of the playbook at `root`, and empty lists for the
    /// files it no longer reads.
    fn publish(&mut self, root: &Path) {
        let files = match self.checked.get(root) {
            Some(checked) => diagnostics::by_file(&checked.analysis, self.encoding, self.links),
            None => BTreeMap::new(),
        };
        let before = self.published.remove(root).unwrap_or_default();
        for gone in before.iter().filter(|path| !files.contains_key(*path)) {
            self.publish_file(gone, Vec::new());
        }
        self.published
            .insert(root.to_path_buf(), files.keys().cloned().collect());
        for (path, found) in files {
            self.publish_file(&path, found);
        }
    }

    fn publish_file(&self, path: &Path, found: Vec<gen_lsp_types::Diagnostic>) {
        let Some(uri) = uri_of(path) else { return };
        let version = self.documents.get(path).map(|open| open.version);
        let params = PublishDiagnosticsParams::new(uri, version, found);
        self.send(Notification::new("textDocument/publishDiagnostics".to_owned(), params).into());
    }

    /// The check a file belongs to.
    pub(super) fn checked_with(&self, path: &Path) -> Option<&Checked> {
        self.checked
            .values()
            .find(|checked| checked.analysis.file_of(path).is_some())
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
            _ => Err(lsp_server::ResponseError {
                code: ErrorCode::MethodNotFound as i32,
                message: format!("smarketing does not answer `{}`", request.method),
                data: None,
            }),
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

    fn references(&self, params: &ReferenceParams) -> Vec<gen_lsp_types::Location> {
        let Some((checked, occurrence)) = self.occurrence(&params.text_document_position_params)
        else {
            return Vec::new();
        };
        let mut positions = Positions::new(&checked.analysis, self.encoding);
        navigate::references(
            &checked.symbols,
            occurrence,
            params.context.include_declaration,
            &mut positions,
        )
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

    fn rename(&self, params: &RenameParams) -> Result<WorkspaceEdit, lsp_server::ResponseError> {
        let refused = |message: String| lsp_server::ResponseError {
            code: ErrorCode::InvalidRequest as i32,
            message,
            data: None,
        };
        let (checked, occurrence) = self
            .occurrence(&params.text_document_position_params)
            .ok_or_else(|| refused("there is no id here to rename".to_owned()))?;
        let mut positions = Positions::new(&checked.analysis, self.encoding);
        let changes = navigate::rename(
            &checked.analysis,
            &checked.symbols,
            occurrence,
            &params.new_name,
            &mut positions,
        )
        .map_err(refused)?;
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
        completion::items(&checked.analysis, &context)
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
        let Some(path) = path_of(&params.text_document.uri) else {
            return Vec::new();
        };
        let Some(checked) = self.checked_with(&path) else {
            return Vec::new();
        };
        let Some(file) = checked.analysis.file_of(&path) else {
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
        let Some(path) = path_of(&params.text_document.uri) else {
            return Vec::new();
        };
        let Some(checked) = self.checked_with(&path) else {
            return Vec::new();
        };
        let Some(file) = checked.analysis.file_of(&path) else {
            return Vec::new();
        };
        let mut positions = Positions::new(&checked.analysis, self.encoding);
        super::actions::actions(self.links, checked, file, params, &mut positions)
    }

    fn pull_diagnostics(&self, params: &DocumentDiagnosticParams) -> Value {
        let items = path_of(&params.text_document.uri)
            .and_then(|path| {
                let checked = self.checked_with(&path)?;
                diagnostics::by_file(&checked.analysis, self.encoding, self.links).remove(&path)
            })
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

fn from<P: DeserializeOwned>(params: Value) -> Result<P, lsp_server::ResponseError> {
    serde_json::from_value(params).map_err(|error| lsp_server::ResponseError {
        code: ErrorCode::InvalidParams as i32,
        message: format!("the request's parameters do not read: {error}"),
        data: None,
    })
}

fn respond(id: RequestId, result: Result<Value, lsp_server::ResponseError>) -> Response {
    Response {
        id,
        response_result: result,
    }
}

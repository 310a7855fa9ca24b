"""`smarketing lsp` over stdio, driven by pytest-lsp with the capabilities real editors send.

The playbook in `playbook/` (a winery: a root file including `people.yaml` and `tasks.yaml`) is
copied to a temporary folder for every test. Each scenario runs once per editor:

- VS Code 1.65: positions in UTF-16 units, diagnostics pushed only;
- Neovim 0.10: UTF-16, diagnostics pulled as well;
- Neovim 0.11: offers UTF-8, diagnostics pulled as well;
- Emacs 29 (eglot): offers UTF-32 first and UTF-8, pushed only.

What the editor is told is compared with what `smarketing check --format json` reports for the
same files: same rule, same severity, same place, counted the way the editor counts.
"""

import asyncio
import json
import os
import pathlib
import shutil
import subprocess

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

BIN = os.environ["SMARKETING_BIN"]
PLAYBOOK = pathlib.Path(__file__).parent / "playbook"
ROOT, PEOPLE, TASKS = "weingut.yaml", "people.yaml", "tasks.yaml"
FILES = (ROOT, PEOPLE, TASKS)

# Every request and every wait is bounded: a server that stops answering fails the test.
WAIT = 20

CLIENTS = {
    "visual_studio_code@v1.65.2": ("utf-16", False),
    "neovim@v0.10.0": ("utf-16", True),
    "neovim@v0.11.0": ("utf-8", True),
    "emacs@v29.1": ("utf-8", False),
}

SEVERITY = {
    "error": types.DiagnosticSeverity.Error,
    "warning": types.DiagnosticSeverity.Warning,
    "info": types.DiagnosticSeverity.Information,
    "hint": types.DiagnosticSeverity.Hint,
}


class Editor:
    """An editor's session: the client, the copied playbook and the encoding agreed on."""

    def __init__(self, client, folder, spec, encoding):
        self.client = client
        self.folder = folder
        self.spec = spec
        self.encoding = encoding
        self.pull = CLIENTS[spec][1]

    def path(self, name):
        return self.folder / name

    def uri(self, name):
        return self.path(name).as_uri()

    def text(self, name):
        return self.path(name).read_text(encoding="utf-8")

    def open(self, name):
        self.client.text_document_did_open(
            types.DidOpenTextDocumentParams(
                text_document=types.TextDocumentItem(
                    uri=self.uri(name), language_id="yaml", version=1, text=self.text(name)
                )
            )
        )

    def position(self, name, line, needle, after=False):
        """The position of `needle` in line `line` (0-based) of `name`, in the agreed units."""
        text = self.text(name).split("\n")[line]
        column = text.index(needle) + (len(needle) if after else 0)
        return types.Position(line=line, character=units(text[:column], self.encoding))

    def at(self, name, line, needle, after=False):
        return types.TextDocumentPositionParams(
            text_document=types.TextDocumentIdentifier(uri=self.uri(name)),
            position=self.position(name, line, needle, after),
        )

    async def pushed(self):
        """The diagnostics pushed for every file of the playbook, waiting until all came."""

        async def all_published():
            while not all(self.uri(name) in self.client.diagnostics for name in FILES):
                await self.client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)

        await asyncio.wait_for(all_published(), WAIT)
        return {name: self.client.diagnostics[self.uri(name)] for name in FILES}

    async def code_actions(self, name, range, diagnostics, only=None):
        return await asyncio.wait_for(
            self.client.text_document_code_action_async(
                types.CodeActionParams(
                    text_document=types.TextDocumentIdentifier(uri=self.uri(name)),
                    range=range,
                    context=types.CodeActionContext(diagnostics=diagnostics, only=only),
                )
            ),
            WAIT,
        )

    async def quick_fix(self, name, diagnostic):
        """The text of `name` after the one preferred quick fix the server offers for
        `diagnostic`, which must change that file alone."""
        actions = await self.code_actions(name, diagnostic.range, [diagnostic])
        fixes = [a for a in actions if a.kind == types.CodeActionKind.QuickFix and a.is_preferred]
        assert len(fixes) == 1, actions
        changes = fixes[0].edit.changes
        assert list(changes) == [self.uri(name)], changes
        return applied(self.text(name), changes[self.uri(name)], self.encoding)

    async def pulled(self, name):
        report = await asyncio.wait_for(
            self.client.text_document_diagnostic_async(
                types.DocumentDiagnosticParams(
                    text_document=types.TextDocumentIdentifier(uri=self.uri(name))
                )
            ),
            WAIT,
        )
        assert report.kind == "full", report
        return report.items


def units(text, encoding):
    """How many units `text` takes in the encoding: UTF-8 bytes or UTF-16 code units."""
    if encoding == "utf-8":
        return len(text.encode("utf-8"))
    return len(text.encode("utf-16-le")) // 2


def from_check(folder, encoding):
    """What `check --format json` reports for the playbook, as (file, rule, severity, range)
    with LSP positions: 0-based lines, characters counted in `encoding`."""
    run = subprocess.run(
        [BIN, "check", ROOT, "--format", "json"],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=WAIT,
    )
    assert run.returncode in (0, 1), run.stderr
    report = json.loads(run.stdout)
    found = []
    for d in report["diagnostics"]:
        name = pathlib.Path(d["file"]).name
        lines = (folder / name).read_text(encoding="utf-8").split("\n")

        def position(line, column):
            # 1-based line and column in characters.
            text = lines[line - 1]
            return (line - 1, units(text[: column - 1], encoding))

        found.append(
            (
                name,
                d["rule"],
                SEVERITY[d["severity"]],
                position(d["line"], d["column"]),
                position(d["end_line"], d["end_column"]),
            )
        )
    return sorted(found)


def as_found(name, diagnostics):
    return [
        (
            name,
            d.code,
            d.severity,
            (d.range.start.line, d.range.start.character),
            (d.range.end.line, d.range.end.character),
        )
        for d in diagnostics
    ]


def applied(text, edits, encoding):
    """`text` with the LSP text edits applied, positions counted in `encoding`."""
    lines = text.split("\n")

    def offset(position):
        before = sum(len(line) + 1 for line in lines[: position.line])
        line = lines[position.line]
        # From units back to characters.
        column = 0
        while column < len(line) and units(line[:column], encoding) < position.character:
            column += 1
        assert units(line[:column], encoding) == position.character, "inside a character"
        return before + column

    for edit in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
        start, end = offset(edit.range.start), offset(edit.range.end)
        text = text[:start] + edit.new_text + text[end:]
    return text


@pytest.fixture(params=list(CLIENTS))
def spec(request):
    """The recorded capabilities of the editor the scenario runs in."""
    return request.param


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[BIN, "lsp"]))
async def lsp(client: LanguageClient, spec, tmp_path):
    folder = tmp_path / "weingut"
    shutil.copytree(PLAYBOOK, folder)
    folder = folder.resolve()
    result = await asyncio.wait_for(
        client.initialize_session(
            types.InitializeParams(
                capabilities=client_capabilities(spec),
                root_uri=folder.as_uri(),
                workspace_folders=[types.WorkspaceFolder(uri=folder.as_uri(), name="weingut")],
            )
        ),
        WAIT,
    )
    client.smarketing = (folder, result)
    yield
    # Every scenario ends the way an editor ends the server: `shutdown`, then `exit`, and the
    # process must end by itself with code 0.
    await asyncio.wait_for(client.shutdown_session(), WAIT)
    assert client._server.returncode == 0, client._server.returncode


@pytest.fixture
def editor(lsp, spec):
    folder, result = lsp.smarketing
    encoding, pull = CLIENTS[spec]
    assert result.capabilities.position_encoding == encoding
    assert (result.capabilities.diagnostic_provider is not None) == pull
    return Editor(lsp, folder, spec, encoding)


async def test_every_finding_at_its_place_in_its_file(editor):
    # The included files are opened alone, as an editor opens them; the server finds the
    # playbook that includes them through the workspace folder.
    editor.open(TASKS)
    editor.open(PEOPLE)
    expected = from_check(editor.folder, editor.encoding)
    # The playbook has a finding in each file, the umlauts before one of them included.
    assert {name for name, *_ in expected} == set(FILES), expected
    assert ("people.yaml", "schema") in {(name, rule) for name, rule, *_ in expected}
    assert ("tasks.yaml", "unresolved-reference") in {(n, r) for n, r, *_ in expected}

    pushed = await editor.pushed()
    got = sorted(f for name in FILES for f in as_found(name, pushed[name]))
    assert got == expected
    for name in FILES:
        for d in pushed[name]:
            assert d.source == "smarketing"
    if editor.pull:
        pulled = []
        for name in FILES:
            pulled.extend(as_found(name, await editor.pulled(name)))
        assert sorted(pulled) == expected

    # The misspelled key stands after `Jörg Größer-Müller` on its line, where UTF-8 and UTF-16
    # count differently: ö, ß and ü take two bytes each, one UTF-16 unit.
    line = editor.text(PEOPLE).split("\n")[5]
    before = line[: line.index("rolle")]
    assert units(before, "utf-8") - units(before, "utf-16") == 4
    key = next(d for d in pushed[PEOPLE] if d.code == "schema")
    assert key.range.start.character == units(before, editor.encoding)
    # The misspelled team stands after a grape: one character, two UTF-16 units, four bytes.
    line = editor.text(PEOPLE).split("\n")[7]
    before = line[: line.index("verkauff")]
    assert units(before, "utf-16") - len(before) == 1
    team = next(d for d in pushed[PEOPLE] if d.code == "unresolved-reference")
    assert team.range.start.character == units(before, editor.encoding)


async def test_the_did_you_mean_fix_replaces_the_misspelled_id(editor):
    editor.open(TASKS)
    pushed = await editor.pushed()
    misspelled = next(d for d in pushed[TASKS] if d.code == "unresolved-reference")
    assert misspelled.range.start == editor.position(TASKS, 7, "baerbl")
    fixed = await editor.quick_fix(TASKS, misspelled)
    assert fixed == editor.text(TASKS).replace("accountable: baerbl\n", "accountable: baerbel\n")
    # The misspelled key after the umlauts: the edit lands on `rolle`, not beside it.
    schema = next(d for d in pushed[PEOPLE] if d.code == "schema")
    fixed = await editor.quick_fix(PEOPLE, schema)
    assert fixed == editor.text(PEOPLE).replace("rolle: Kellermeister", "role: Kellermeister")


async def test_fix_all_on_save_fixes_both_misspellings(editor):
    expected = {
        ROOT: editor.text(ROOT),
        PEOPLE: editor.text(PEOPLE)
        .replace("rolle: Kellermeister", "role: Kellermeister")
        .replace("team: verkauff,", "team: verkauf,"),
        TASKS: editor.text(TASKS).replace("accountable: baerbl\n", "accountable: baerbel\n"),
    }
    for name in FILES:
        editor.open(name)
    await editor.pushed()
    for name in FILES:
        # What VS Code asks for on save with `editor.codeActionsOnSave`.
        start = types.Position(line=0, character=0)
        actions = await editor.code_actions(
            name, types.Range(start=start, end=start), [], only=["source.fixAll.smarketing"]
        )
        edits = [e for a in actions for e in a.edit.changes.get(editor.uri(name), [])]
        assert all(a.kind == "source.fixAll.smarketing" for a in actions), actions
        fixed = applied(editor.text(name), edits, editor.encoding)
        assert fixed == expected[name], name


async def test_completion_offers_the_people(editor):
    editor.open(TASKS)
    await editor.pushed()
    items = await asyncio.wait_for(
        editor.client.text_document_completion_async(
            types.CompletionParams(**vars_of(editor.at(TASKS, 3, "accountable: ", after=True)))
        ),
        WAIT,
    )
    items = items.items if isinstance(items, types.CompletionList) else items
    labels = [item.label for item in items]
    # People first, in file order, then the teams.
    assert labels[:3] == ["joerg", "baerbel", "uenal"], labels
    assert set(labels[3:]) == {"verkauf", "marketing"}, labels
    joerg = items[0]
    assert joerg.detail == "person · Jörg Größer-Müller"


async def test_definition_jumps_into_the_included_file(editor):
    editor.open(TASKS)
    await editor.pushed()
    found = await asyncio.wait_for(
        editor.client.text_document_definition_async(
            types.DefinitionParams(**vars_of(editor.at(TASKS, 3, "joerg")))
        ),
        WAIT,
    )
    location = found[0] if isinstance(found, list) else found
    assert location.uri == editor.uri(PEOPLE)
    assert location.range.start == editor.position(PEOPLE, 5, "joerg")
    assert location.range.end == editor.position(PEOPLE, 5, "joerg", after=True)


async def test_rename_changes_every_file(editor):
    editor.open(TASKS)
    await editor.pushed()
    edit = await asyncio.wait_for(
        editor.client.text_document_rename_async(
            types.RenameParams(
                **vars_of(editor.at(TASKS, 3, "joerg")), new_name="joerg-mueller"
            )
        ),
        WAIT,
    )
    changes = edit.changes
    assert sorted(changes) == sorted(editor.uri(name) for name in FILES)
    # The KPI's owner; the team's lead and the person; the task's accountable.
    assert {name: len(changes[editor.uri(name)]) for name in FILES} == {
        ROOT: 1,
        PEOPLE: 2,
        TASKS: 1,
    }
    for name in FILES:
        before = editor.text(name)
        after = applied(before, changes[editor.uri(name)], editor.encoding)
        assert after == before.replace("joerg", "joerg-mueller"), name


def vars_of(at):
    return {"text_document": at.text_document, "position": at.position}

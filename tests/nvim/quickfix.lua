-- Headless Neovim (0.7 and later) as the editor of a playbook: starts `smarketing lsp` with
-- Neovim's own LSP client, opens `tasks.yaml` and `people.yaml` of the playbook in
-- $SMARKETING_PLAYBOOK, waits for the findings of a misspelled person, key and team, applies
-- each one's preferred quick fix the way `vim.lsp.buf.code_action` would, writes the
-- files and stops the server. Exits non-zero, saying why, on anything unexpected; the caller
-- checks the written files.
--
-- Run as: nvim --headless -u NONE -i NONE -n -c "luafile tests/nvim/quickfix.lua"

local WAIT_MS = 20000

local function fail(message)
  io.stderr:write("quickfix.lua: " .. message .. "\n")
  vim.cmd("cquit 1")
end

-- A last resort: whatever hangs, Neovim ends by itself.
vim.defer_fn(function()
  fail("timed out")
end, 90000)

local function env(name)
  local value = os.getenv(name)
  if value == nil or value == "" then
    error(name .. " is not set")
  end
  return value
end

local function run()
  local bin = env("SMARKETING_BIN")
  local folder = env("SMARKETING_PLAYBOOK")

  -- The diagnostics as the server sent them, by URI: the code action request carries them back
  -- unchanged, positions and all.
  local sent = {}
  local exited = nil
  local client_id = vim.lsp.start_client({
    cmd = { bin, "lsp" },
    root_dir = folder,
    workspace_folders = { { uri = vim.uri_from_fname(folder), name = "playbook" } },
    handlers = {
      ["textDocument/publishDiagnostics"] = function(err, result, ctx, config)
        sent[result.uri] = result.diagnostics
        return vim.lsp.handlers["textDocument/publishDiagnostics"](err, result, ctx, config)
      end,
    },
    on_exit = function(code, signal)
      exited = { code = code, signal = signal }
    end,
  })
  if client_id == nil then
    error("the server did not start")
  end
  local client = vim.lsp.get_client_by_id(client_id)

  -- Opened one by one, as a user opens files; neither is the playbook's root file.
  local function open(name)
    vim.cmd("edit " .. vim.fn.fnameescape(folder .. "/" .. name))
    local buffer = vim.api.nvim_get_current_buf()
    vim.bo[buffer].filetype = "yaml"
    vim.lsp.buf_attach_client(buffer, client_id)
    return buffer
  end

  -- Waits until Neovim shows a finding of `rule` in `buffer`, and returns it as the server
  -- sent it.
  local function finding(buffer, rule)
    local uri = vim.uri_from_bufnr(buffer)
    local shown = vim.wait(WAIT_MS, function()
      for _, d in ipairs(vim.diagnostic.get(buffer)) do
        if d.code == rule then
          return true
        end
      end
      return false
    end, 20)
    if not shown then
      error("no `" .. rule .. "` finding was shown in " .. vim.api.nvim_buf_get_name(buffer))
    end
    for _, d in ipairs(sent[uri] or {}) do
      if d.code == rule then
        return d
      end
    end
    error("`" .. rule .. "` was shown but not sent for " .. uri)
  end

  local function fix(buffer, diagnostic)
    local params = {
      textDocument = { uri = vim.uri_from_bufnr(buffer) },
      range = diagnostic.range,
      context = { diagnostics = { diagnostic } },
    }
    local response, reason = client.request_sync("textDocument/codeAction", params, WAIT_MS, buffer)
    if response == nil then
      error("no answer to textDocument/codeAction: " .. tostring(reason))
    end
    if response.err ~= nil then
      error("textDocument/codeAction failed: " .. vim.inspect(response.err))
    end
    for _, action in ipairs(response.result or {}) do
      if action.kind == "quickfix" and action.isPreferred and action.edit ~= nil then
        vim.lsp.util.apply_workspace_edit(action.edit, client.offset_encoding)
        return action.title
      end
    end
    error("no preferred quick fix for `" .. diagnostic.code .. "`: " .. vim.inspect(response.result))
  end

  local tasks = open("tasks.yaml")
  local people = open("people.yaml")
  -- Every finding first: a fix changes the playbook, and with it what is found. The misspelled
  -- key stands after umlauts, the misspelled team after a character UTF-16 counts twice.
  local misspelled_person = finding(tasks, "unresolved-reference")
  local misspelled_key = finding(people, "schema")
  local misspelled_team = finding(people, "unresolved-reference")
  print(fix(tasks, misspelled_person))
  print(fix(people, misspelled_key))
  print(fix(people, misspelled_team))
  vim.cmd("wall")

  vim.lsp.stop_client(client_id)
  if not vim.wait(WAIT_MS, function()
    return exited ~= nil
  end, 20) then
    error("the server did not stop")
  end
  if exited.code ~= 0 or exited.signal ~= 0 then
    error(string.format("the server ended with code %d, signal %d", exited.code, exited.signal))
  end
end

local ok, message = xpcall(run, debug.traceback)
if not ok then
  fail(message)
else
  vim.cmd("qall!")
end

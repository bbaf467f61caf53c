-- (C) Neovim (0.7.x, headless) as a second real LSP client of the sysv-ha
-- language server. Run by test/e2e/run.sh as
--   nvim --headless --clean -c 'luafile test/e2e/nvim-lsp.lua'
-- with
--   LSP_CMD   JSON array, e.g. ["node","/repo/dist/cli.js","lsp","--stdio"]
--   LSP_FILE  the file to open: a copy of examples/etc/inittab, or for
--             LSP_SUITE=initscript a copy of test/e2e/fixtures/broken
--   LSP_SUITE inittab (default) or initscript: which checks to run
--   LSP_OUT   where to write the JSON results
-- Prints one `ok - ...` / `not ok - ...` line per check and exits with 0 when
-- all passed, 1 when a check failed, 2 when the server could not be started,
-- 3 when no diagnostics arrived.

local out_path = os.getenv('LSP_OUT')
local suite = os.getenv('LSP_SUITE') or 'inittab'
local results = { suite = 'nvim-' .. suite, checks = {} }

local function emit(line)
  io.stdout:write(line .. '\n')
end

local function record(name, ok, detail)
  table.insert(results.checks, { name = name, ok = ok and true or false, detail = detail or '' })
  local d = detail and detail ~= '' and (' (' .. tostring(detail):gsub('%s+', ' '):sub(1, 300) .. ')') or ''
  emit((ok and 'ok' or 'not ok') .. ' - ' .. name .. d)
end

local function finish(code)
  local passed, failed = 0, 0
  for _, c in ipairs(results.checks) do
    if c.ok then passed = passed + 1 else failed = failed + 1 end
  end
  results.passed, results.failed = passed, failed
  if out_path then
    local f = io.open(out_path, 'w')
    if f then
      f:write(vim.fn.json_encode(results) .. '\n')
      f:close()
    end
  end
  emit(string.format('# nvim (%s): %d passed, %d failed', suite, passed, failed))
  io.stdout:flush()
  if code == 0 and failed == 0 then
    vim.cmd('qall!')
  else
    vim.cmd('cquit ' .. (code ~= 0 and code or 1))
  end
end

local ok_cmd, cmd = pcall(vim.fn.json_decode, os.getenv('LSP_CMD') or '')
local file = os.getenv('LSP_FILE')
if not ok_cmd or type(cmd) ~= 'table' or not file then
  record('environment LSP_CMD / LSP_FILE set', false, 'LSP_CMD=' .. tostring(os.getenv('LSP_CMD')))
  finish(2)
  return
end

-- Record the raw publishDiagnostics params as the server sent them.
local raw_diags = {}
local orig = vim.lsp.handlers['textDocument/publishDiagnostics']
vim.lsp.handlers['textDocument/publishDiagnostics'] = function(err, params, ctx, config)
  if params and params.diagnostics then
    raw_diags[params.uri] = params.diagnostics
  end
  return orig(err, params, ctx, config)
end

vim.cmd('edit ' .. vim.fn.fnameescape(file))
local buf = vim.api.nvim_get_current_buf()
local uri = vim.uri_from_bufnr(buf)

local client_id = vim.lsp.start_client({
  name = 'sysv-ha',
  cmd = cmd,
  root_dir = vim.fn.fnamemodify(file, ':p:h'),
  flags = { debounce_text_changes = 0 },
})
if not client_id then
  record('language server starts', false, 'start_client failed for ' .. table.concat(cmd, ' '))
  finish(2)
  return
end
vim.lsp.buf_attach_client(buf, client_id)

local got = vim.wait(20000, function()
  return raw_diags[uri] ~= nil and #raw_diags[uri] > 0
end, 50)
local client = vim.lsp.get_client_by_id(client_id)
record('language server starts and initializes', client ~= nil and client.server_capabilities ~= nil,
  client and ('hover provider: ' .. tostring(client.server_capabilities and client.server_capabilities.hoverProvider)) or 'client gone')
if not got then
  record('diagnostics arrive for ' .. vim.fn.fnamemodify(file, ':t') .. ' (filetype ' .. vim.bo[buf].filetype .. ')', false,
    'timeout waiting for diagnostics')
  finish(3)
  return
end

local function hover_at(row, col)
  local res = vim.lsp.buf_request_sync(buf, 'textDocument/hover', {
    textDocument = { uri = uri },
    position = { line = row, character = col },
  }, 10000)
  local hv
  for _, r in pairs(res or {}) do
    if r.result then hv = r.result end
  end
  local contents = hv and hv.contents
  local kind = type(contents) == 'table' and contents.kind or nil
  local value = type(contents) == 'table' and (contents.value or (contents[1] and (contents[1].value or contents[1]))) or contents
  return hv, kind, value
end

local function diag_codes()
  local codes, by = {}, {}
  for _, d in ipairs(raw_diags[uri]) do
    local c = type(d.code) == 'table' and d.code.value or d.code
    table.insert(codes, string.format('%s@%d', tostring(c), d.range.start.line + 1))
    by[c] = by[c] or d
  end
  return codes, by
end

if suite == 'initscript' then
  -- Init script (Neovim's filetype "sh", sent as the languageId) -------------
  local lines = vim.api.nvim_buf_get_lines(buf, 0, -1, false)
  local function row_of(prefix)
    for i, l in ipairs(lines) do
      if l:sub(1, #prefix) == prefix then return i - 1 end
    end
    return -1
  end
  record('Neovim detects the init script as filetype "sh"', vim.bo[buf].filetype == 'sh', 'filetype ' .. vim.bo[buf].filetype)
  local codes, by = diag_codes()
  for _, want in ipairs({ { 'initscript/chkconfig-invalid', '# chkconfig:' }, { 'initscript/packed-runlevels', '# Default-Start:' } }) do
    local d = by[want[1]]
    record('diagnostics include ' .. want[1] .. ' (error on "' .. want[2] .. '")',
      d ~= nil and d.source == 'sysv-ha' and d.severity == 1 and d.range.start.line == row_of(want[2]),
      d and string.format('line %d, severity %s: %s', d.range.start.line + 1, tostring(d.severity), d.message)
        or ('codes: ' .. table.concat(codes, ', ')))
  end
  local row = row_of('# Required-Start:')
  local col = row >= 0 and (lines[row + 1]:find('$local_fs', 1, true) or 1) or 0
  local hv, kind, value = hover_at(row, col)
  record('hover on $local_fs in Required-Start returns markdown about $local_fs',
    kind == 'markdown' and type(value) == 'string' and value:find('$local_fs', 1, true) ~= nil,
    hv and string.format('kind %s: %s', tostring(kind), tostring(value):sub(1, 120)) or 'no hover result')
  vim.lsp.stop_client(client_id)
  finish(0)
  return
end

-- Diagnostics ------------------------------------------------------------------
local lines = vim.api.nvim_buf_get_lines(buf, 0, -1, false)
local function line_of(prefix)
  for i, l in ipairs(lines) do
    if l:sub(1, #prefix) == prefix then return i - 1 end
  end
  return nil
end

local codes, hit = {}, nil
for _, d in ipairs(raw_diags[uri]) do
  local c = type(d.code) == 'table' and d.code.value or d.code
  table.insert(codes, string.format('%s@%d', tostring(c), d.range.start.line + 1))
  if c == 'inittab/unknown-action' then hit = d end
end
local respwn_row = line_of('6:2345:respwn:')
record('diagnostics include inittab/unknown-action',
  hit ~= nil and hit.source == 'sysv-ha' and hit.severity == 1 and hit.range.start.line == respwn_row,
  hit and string.format('line %d, severity %s, source %s: %s', hit.range.start.line + 1, tostring(hit.severity),
    tostring(hit.source), hit.message) or ('codes: ' .. table.concat(codes, ', ')))
-- vim.diagnostic saw them too (the editor-side view).
local vd = vim.diagnostic.get(buf)
record('vim.diagnostic has the server diagnostics', #vd == #raw_diags[uri], string.format('%d in vim.diagnostic, %d published', #vd, #raw_diags[uri]))

-- Hover on an action -------------------------------------------------------------
local row = line_of('1:2345:respawn:')
local col = (lines[row + 1]:find('respawn', 1, true) or 1) + 1
local hover = vim.lsp.buf_request_sync(buf, 'textDocument/hover', {
  textDocument = { uri = uri },
  position = { line = row, character = col },
}, 10000)
local hv
for _, r in pairs(hover or {}) do
  if r.result then hv = r.result end
end
local contents = hv and hv.contents
local kind = type(contents) == 'table' and contents.kind or nil
local value = type(contents) == 'table' and (contents.value or (contents[1] and (contents[1].value or contents[1]))) or contents
record('hover on "respawn" returns markdown about respawn',
  kind == 'markdown' and type(value) == 'string' and value:find('respawn', 1, true) ~= nil,
  hv and string.format('kind %s: %s', tostring(kind), tostring(value):sub(1, 120)) or 'no hover result')

-- Completion at the action field of a new line ------------------------------------
local new_row = line_of('id:3:initdefault:') + 1
vim.api.nvim_buf_set_lines(buf, new_row, new_row, false, { 'x:3:' })
local comp = vim.lsp.buf_request_sync(buf, 'textDocument/completion', {
  textDocument = { uri = uri },
  position = { line = new_row, character = 4 },
  context = { triggerKind = 1 },
}, 10000)
local labels = {}
for _, r in pairs(comp or {}) do
  local items = r.result and (r.result.items or r.result) or {}
  for _, it in ipairs(items) do table.insert(labels, it.label) end
end
local has = {}
for _, l in ipairs(labels) do has[l] = true end
record('completion at the action field of "x:3:" returns respawn', has['respawn'] == true,
  string.format('%d items: %s', #labels, table.concat(labels, ', '):sub(1, 200)))

vim.lsp.stop_client(client_id)
finish(0)

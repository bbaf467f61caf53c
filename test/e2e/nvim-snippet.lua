-- (C) The README's Neovim snippet (editors/nvim/sysv-ha.lua) in Debian's own Neovim, as a user
-- has it: loaded as it is, `sysv-ha` found on PATH, files opened by path. Run by
-- test/e2e/run.sh as
--   nvim --headless --clean -c 'luafile test/e2e/nvim-snippet.lua'
-- with
--   SNIPPET   the snippet file
--   FILES     JSON array of { "path": ..., "code": CODE or "" , "root": ... }: each must get a
--             sysv-ha client whose root is "root" and (when "code" is set) that diagnostic
--   OTHER     a file the snippet must leave alone
--   LSP_OUT   where to write the JSON results
-- Prints one `ok - ...` / `not ok - ...` line per check.

local out_path = os.getenv('LSP_OUT')
local results = { suite = 'nvim-snippet', checks = {} }
local function record(name, ok, detail)
  table.insert(results.checks, { name = name, ok = ok and true or false, detail = detail or '' })
  local d = detail and detail ~= '' and (' (' .. tostring(detail):gsub('%s+', ' '):sub(1, 300) .. ')') or ''
  io.stdout:write((ok and 'ok' or 'not ok') .. ' - ' .. name .. d .. '\n')
end
local function finish()
  local passed, failed = 0, 0
  for _, c in ipairs(results.checks) do
    if c.ok then passed = passed + 1 else failed = failed + 1 end
  end
  results.passed, results.failed = passed, failed
  local f = out_path and io.open(out_path, 'w')
  if f then
    f:write(vim.fn.json_encode(results) .. '\n')
    f:close()
  end
  io.stdout:write(string.format('# nvim snippet (Neovim %s): %d passed, %d failed\n', tostring(vim.version().major) .. '.' .. tostring(vim.version().minor) .. '.' .. tostring(vim.version().patch), passed, failed))
  io.stdout:flush()
  for _, c in ipairs(vim.lsp.get_active_clients()) do c.stop() end
  vim.wait(2000, function() return #vim.lsp.get_active_clients() == 0 end, 50)
  vim.cmd(failed == 0 and 'qall!' or 'cquit 1')
end

local published = {}
local orig = vim.lsp.handlers['textDocument/publishDiagnostics']
vim.lsp.handlers['textDocument/publishDiagnostics'] = function(err, params, ctx, config)
  if params then published[params.uri] = params.diagnostics or {} end
  return orig(err, params, ctx, config)
end

local ok_load, load_err = pcall(vim.cmd, 'luafile ' .. vim.fn.fnameescape(os.getenv('SNIPPET') or ''))
record('the snippet loads in Neovim ' .. vim.version().major .. '.' .. vim.version().minor, ok_load, load_err)
if not ok_load then return finish() end
record('Neovim ' .. vim.version().major .. '.' .. vim.version().minor .. ' takes the ' .. (vim.lsp.start and 'vim.lsp.start' or 'vim.lsp.start_client (0.7)') .. ' branch', true)

local function sysv_clients(buf)
  local list = {}
  for _, c in pairs(vim.lsp.buf_get_clients(buf)) do
    if c.name == 'sysv-ha' then table.insert(list, c) end
  end
  return list
end

local files = vim.fn.json_decode(os.getenv('FILES') or '[]')
local roots = {}
for _, f in ipairs(files) do
  vim.cmd('edit ' .. vim.fn.fnameescape(f.path))
  local buf = vim.api.nvim_get_current_buf()
  local uri = vim.uri_from_bufnr(buf)
  local name = f.path:match('etc/.*$') or f.path
  local got = vim.wait(30000, function() return #sysv_clients(buf) > 0 and published[uri] ~= nil end, 50)
  local clients = sysv_clients(buf)
  local c = clients[1]
  record(name .. ' (filetype "' .. vim.bo[buf].filetype .. '"): the snippet attaches sysv-ha, diagnostics arrive',
    got and #clients == 1 and c.config.root_dir == f.root,
    string.format('%d clients, root %s, diagnostics %s', #clients, c and tostring(c.config.root_dir) or '-', published[uri] and #published[uri] or 'none'))
  if c then roots[f.root] = roots[f.root] or {}; roots[f.root][c.id] = true end
  if f.code ~= '' then
    local codes = {}
    for _, d in ipairs(published[uri] or {}) do
      table.insert(codes, type(d.code) == 'table' and d.code.value or d.code)
    end
    record(name .. ': ' .. f.code, vim.tbl_contains(codes, f.code), 'codes: ' .. table.concat(codes, ', '))
  end
end
for root, ids in pairs(roots) do
  record('one server for the image root ' .. root, vim.tbl_count(ids) == 1, vim.tbl_count(ids) .. ' clients')
end

local other = os.getenv('OTHER')
if other then
  vim.cmd('edit ' .. vim.fn.fnameescape(other))
  local buf = vim.api.nvim_get_current_buf()
  vim.wait(1500, function() return #sysv_clients(buf) > 0 end, 50)
  record('a file that is none of these (' .. vim.fn.fnamemodify(other, ':t') .. ') gets no sysv-ha client', #sysv_clients(buf) == 0)
end
finish()

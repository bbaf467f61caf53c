-- sysv-ha for Neovim 0.7 and later: put this in init.lua (or :luafile it). Starts
-- `sysv-ha lsp --stdio` for inittab, init scripts, heartbeat's ha.cf, haresources and authkeys,
-- and xinetd files, recognised by their path (whatever filetype Neovim gives them). Files under
-- an etc/ folder share one server per image root (the folder that holds etc/).
local sysv_ha_patterns = {
  '*/inittab', '*/inittab.d/*.tab', '*/init.d/*', '*/ha.d/ha.cf', '*/ha.cf', '*/haresources',
  '*/authkeys', '*/xinetd.conf', '*/xinetd.d/*',
}
local sysv_ha_clients = {} -- Neovim 0.7: one client per root, started once
vim.api.nvim_create_autocmd({ 'BufReadPost', 'BufNewFile' }, {
  pattern = sysv_ha_patterns,
  callback = function(args)
    local path = vim.api.nvim_buf_get_name(args.buf)
    local root = path:match('^(.*)/etc/') or vim.fn.fnamemodify(path, ':h')
    if root == '' then root = '/' end
    local config = { name = 'sysv-ha', cmd = { 'sysv-ha', 'lsp', '--stdio' }, root_dir = root }
    if vim.lsp.start then -- Neovim 0.8+: starts or reuses the client for this root
      vim.lsp.start(config, { bufnr = args.buf })
    else -- Neovim 0.7
      local id = sysv_ha_clients[root]
      if not id or vim.lsp.client_is_stopped(id) then
        id = vim.lsp.start_client(config)
        sysv_ha_clients[root] = id
      end
      if id then vim.lsp.buf_attach_client(args.buf, id) end
    end
  end,
})

-- Run inside headless Neovim after the README's set-up: waits for qaf lsp's diagnostics on the open buffer and
-- writes them, one "line:column: severity: message" a line, to the file named by QAF_NVIM_OUT.
local got = vim.wait(30000, function() return #vim.diagnostic.get(0) > 0 end, 50)
local lines = {}
if got then
  for _, d in ipairs(vim.diagnostic.get(0)) do
    local severity = d.severity == vim.diagnostic.severity.ERROR and "error" or "warning"
    table.insert(lines, string.format("%d:%d: %s: %s", d.lnum + 1, d.col + 1, severity, d.message))
  end
  table.sort(lines)
else
  table.insert(lines, "no diagnostics within 30 seconds")
end
vim.fn.writefile(lines, os.getenv("QAF_NVIM_OUT"))
vim.cmd("qa!")

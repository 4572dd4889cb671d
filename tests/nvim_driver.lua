-- Drives a headless Neovim the way a user does, with the README's configuration loaded as init.lua:
-- wait for nbfix's diagnostics, apply one quick fix from the code action menu, run the fix-all
-- mapping, and write what the buffer and the diagnostics were at each step to $NBFIX_OUT (JSON).
-- tests/test_editor_nvim.py runs it; it uses only APIs Neovim 0.7 already has.

local out = vim.env.NBFIX_OUT
local result = { steps = {} }

local function diagnostics()
  local found = {}
  for _, d in ipairs(vim.diagnostic.get(0)) do
    local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
    table.insert(found, { code = code, line = d.lnum + 1, column = d.col + 1, source = d.source })
  end
  table.sort(found, function(a, b)
    return a.line < b.line or (a.line == b.line and a.column < b.column)
  end)
  return found
end

local function count(code)
  local n = 0
  for _, d in ipairs(diagnostics()) do
    if d.code == code then
      n = n + 1
    end
  end
  return n
end

local function record(step)
  table.insert(result.steps, {
    step = step,
    text = table.concat(vim.api.nvim_buf_get_lines(0, 0, -1, true), "\n") .. "\n",
    diagnostics = diagnostics(),
  })
end

local function finish(error)
  result.error = error
  vim.fn.writefile({ vim.fn.json_encode(result) }, out)
  vim.cmd("qa!")
end

-- The code action menu: pick the first entry whose title starts with `wanted` (0.7 passes
-- {client_id, action} pairs, later versions {action = ..., ctx = ...}).
local wanted
vim.ui.select = function(items, _, on_choice)
  local titles = {}
  for index, item in ipairs(items) do
    local action = item.action or item[2]
    table.insert(titles, action.title)
    if wanted and action.title:sub(1, #wanted) == wanted then
      return on_choice(item, index)
    end
  end
  result.menu = titles
  on_choice(nil)
end

local function edited_after(run)
  local before = vim.api.nvim_buf_get_changedtick(0)
  run()
  return vim.wait(30000, function()
    return vim.api.nvim_buf_get_changedtick(0) > before
  end, 20)
end

local function main()
  if not vim.wait(30000, function()
    return #vim.diagnostic.get(0) > 0
  end, 50) then
    return finish("no diagnostics")
  end
  record("opened")

  -- A quick fix: the cursor on the first NB007, the code action menu, its nbfix (NB007) entry.
  local target
  for _, d in ipairs(diagnostics()) do
    if d.code == "NB007" and not target then
      target = d
    end
  end
  vim.api.nvim_win_set_cursor(0, { target.line, target.column - 1 })
  local nb007 = count("NB007")
  wanted = "nbfix (NB007)"
  if not edited_after(vim.lsp.buf.code_action) then
    return finish("the quick fix changed nothing")
  end
  if not vim.wait(30000, function()
    return count("NB007") == nb007 - 1
  end, 50) then
    return finish("the quick-fixed diagnostic stayed")
  end
  record("quick fix")

  -- Fix all: type the README's mapping (0.7 shows the menu: pick the fix-all action).
  wanted = "nbfix: fix all"
  if vim.fn.maparg("<leader>nf", "n") == "" then
    return finish("no <leader>nf mapping")
  end
  local keys = (vim.g.mapleader or "\\") .. "nf"
  if not edited_after(function()
    vim.api.nvim_feedkeys(keys, "mx", false)
  end) then
    return finish("fix all changed nothing")
  end
  if not vim.wait(30000, function()
    return count("NB001") + count("NB005") + count("NB007") == 0
  end, 50) then
    return finish("fixed diagnostics stayed")
  end
  record("fix all")
  finish(nil)
end

local ok, error = pcall(main)
if not ok then
  finish(tostring(error))
end

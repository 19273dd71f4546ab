"""The README's Neovim set-up, copied from the README as written, run in headless Neovim (Debian's package, with
its built-in LSP client) against `qaf lsp`: the diagnostics it shows are the ones `qaf validate` prints."""

import os
import pathlib
import re
import shutil
import subprocess

from conftest import QAF, ROOT


def readme_neovim_setup() -> str:
    readme = (ROOT / "README.md").read_text()
    match = re.search(r"<!-- neovim-setup -->\s*```lua\n(.*?)```", readme, re.S)
    assert match, "README.md lost its Neovim set-up block"
    return match.group(1)


def test_headless_neovim_shows_a_live_diagnostic(tmp_path: pathlib.Path):
    nvim = shutil.which("nvim")
    assert nvim, "Neovim is not installed: apt-get install neovim (Scripts/test.sh does)"
    init = tmp_path / "init.lua"
    init.write_text(readme_neovim_setup())
    policy = tmp_path / "policy.yaml"
    policy.write_text((ROOT / "Tests" / "Fixtures" / "bad-policy.yaml").read_text())
    out = tmp_path / "diagnostics.txt"
    env = dict(os.environ, QAF_NVIM_OUT=str(out), PATH=f"{pathlib.Path(QAF).parent}:{os.environ['PATH']}")
    env["XDG_STATE_HOME"] = str(tmp_path / "state")
    env["XDG_DATA_HOME"] = str(tmp_path / "data")
    subprocess.run(
        [nvim, "--headless", "-u", str(init), "-c", f"luafile {ROOT / 'Tests' / 'lsp' / 'read_diagnostics.lua'}", str(policy)],
        cwd=tmp_path, env=env, timeout=90, check=True, capture_output=True,
    )
    shown = out.read_text().splitlines()
    validate = subprocess.run([QAF, "validate", str(policy)], capture_output=True, text=True)
    expected = sorted(
        line[len(str(policy)) + 1 :] for line in validate.stderr.splitlines() if line.startswith(f"{policy}:")
    )
    assert len(expected) == 3
    assert shown == expected

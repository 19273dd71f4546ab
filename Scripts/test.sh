#!/usr/bin/env bash
# The test command: installs the independent checkers the tests use, checks formatting, builds, runs every test.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m pip install --quiet --disable-pip-version-check --root-user-action=ignore check-jsonschema junitparser pillow \
    sarif-tools sarif-pydantic pytest-lsp
# Headless Chromium renders every HTML paper in the tests (Scripts/browser-check.py); installed only when missing.
if ! command -v chromium >/dev/null 2>&1; then apt-get update && apt-get install -y chromium; fi
# Headless Neovim drives `qaf lsp` as the README sets it up (Tests/lsp/test_neovim.py); CI runs as root.
if ! command -v nvim >/dev/null && [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq neovim >/dev/null
fi
swift format lint --strict -r Sources Tests Package.swift
python3 Scripts/check-imports.py
swift build
swift test
# qaf lsp driven as a subprocess over stdio by a real LSP client (pytest-lsp) and by headless Neovim.
python3 -m pytest -q -p no:cacheprovider Tests/lsp

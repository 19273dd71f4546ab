#!/usr/bin/env bash
# The test command: installs the independent checkers the tests use, checks formatting, builds, runs every test.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m pip install --quiet --disable-pip-version-check --root-user-action=ignore check-jsonschema junitparser pillow
# Headless Chromium renders every HTML paper in the tests (Scripts/browser-check.py); installed only when missing.
if ! command -v chromium >/dev/null 2>&1; then apt-get update && apt-get install -y chromium; fi
swift format lint --strict -r Sources Tests Package.swift
python3 Scripts/check-imports.py
swift build
swift test

#!/usr/bin/env bash
# The test command: installs the independent checkers the tests use, checks formatting, builds, runs every test.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m pip install --quiet --disable-pip-version-check --root-user-action=ignore check-jsonschema junitparser
swift format lint --strict -r Sources Tests Package.swift
python3 Scripts/check-imports.py
swift build
swift test

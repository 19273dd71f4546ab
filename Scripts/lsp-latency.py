#!/usr/bin/env python3
"""How long `qaf lsp` takes to answer as a policy owner types: the time from a didChange to its diagnostics, and
from a completion or hover request to its answer, over the largest bundled policy. A benchmark, not a test.

Usage: python3 Scripts/lsp-latency.py [path/to/qaf] [rounds]   (default .build/release/qaf, 50 rounds)"""

import json
import pathlib
import statistics
import subprocess
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parents[1]
QAF = sys.argv[1] if len(sys.argv) > 1 else str(ROOT / ".build" / "release" / "qaf")
ROUNDS = int(sys.argv[2]) if len(sys.argv) > 2 else 50
POLICY = ROOT / "Policies" / "salford.yaml"

server = subprocess.Popen([QAF, "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)


def send(message):
    body = json.dumps(dict(message, jsonrpc="2.0")).encode()
    server.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
    server.stdin.flush()


def receive():
    length = None
    while True:
        line = server.stdout.readline().strip()
        if not line:
            break
        name, value = line.split(b":", 1)
        if name.lower() == b"content-length":
            length = int(value)
    return json.loads(server.stdout.read(length))


def until(predicate):
    while True:
        message = receive()
        if predicate(message):
            return message


def timed(action, predicate):
    start = time.perf_counter()
    action()
    until(predicate)
    return (time.perf_counter() - start) * 1000


uri = POLICY.as_uri()
text = POLICY.read_text()
lines = text.split("\n")
when_line = next(i for i, l in enumerate(lines) if "when: cqc.overall == inadequate" in l)
column = lines[when_line].index("cqc.") + len("cqc.ov")
send({"id": 0, "method": "initialize", "params": {"capabilities": {}, "rootUri": ROOT.as_uri()}})
until(lambda m: m.get("id") == 0)
send({"method": "initialized", "params": {}})
send({"method": "textDocument/didOpen",
      "params": {"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": text}}})
until(lambda m: m.get("method") == "textDocument/publishDiagnostics")

figures = {"diagnostics after a change": [], "completion": [], "hover": []}
for n in range(ROUNDS):
    edited = text if n % 2 else text.replace("indicates: major", "indicates: majr", 1)
    figures["diagnostics after a change"].append(timed(
        lambda: send({"method": "textDocument/didChange", "params": {
            "textDocument": {"uri": uri, "version": n + 2}, "contentChanges": [{"text": edited}]}}),
        lambda m: m.get("method") == "textDocument/publishDiagnostics"))
    position = {"line": when_line, "character": column}
    figures["completion"].append(timed(
        lambda: send({"id": 1000 + n, "method": "textDocument/completion",
                      "params": {"textDocument": {"uri": uri}, "position": position}}),
        lambda m: m.get("id") == 1000 + n))
    figures["hover"].append(timed(
        lambda: send({"id": 5000 + n, "method": "textDocument/hover",
                      "params": {"textDocument": {"uri": uri}, "position": position}}),
        lambda m: m.get("id") == 5000 + n))
send({"id": 9999, "method": "shutdown"})
until(lambda m: m.get("id") == 9999)
send({"method": "exit"})
server.wait(timeout=10)

print(f"qaf lsp over {POLICY.name} ({len(lines)} lines), {ROUNDS} rounds:")
for name, values in figures.items():
    values.sort()
    print(f"  {name}: median {statistics.median(values):.1f} ms, p95 {values[int(len(values) * 0.95) - 1]:.1f} ms")

"""qaf lsp over stdio: initialise, open, change, diagnostics, completion, hover, code action and shutdown."""

import asyncio
import pathlib
import subprocess

from lsprotocol import types

from conftest import QAF, ROOT

POLICY = ROOT / "Policies" / "salford.yaml"


def policy_uri(tmp_path: pathlib.Path, text: str) -> tuple[str, pathlib.Path]:
    path = tmp_path / "policy.yaml"
    path.write_text(text)
    return path.as_uri(), path


async def open_and_wait(client, uri: str, text: str, version: int = 1):
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri=uri, language_id="yaml", version=version, text=text)
        )
    )
    await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    return client.diagnostics[uri]


def validate_lines(path: pathlib.Path) -> list[str]:
    """What `qaf validate` prints for the file, as file:line:column: severity: message lines."""
    run = subprocess.run([QAF, "validate", str(path)], capture_output=True, text=True, cwd=ROOT)
    return [line for line in run.stderr.splitlines() if line.startswith(str(path) + ":")]


def as_validate_line(path: pathlib.Path, text: str, d: types.Diagnostic) -> str:
    """An LSP diagnostic written as qaf validate writes it: 1-based line, code-point column."""
    line = text.split("\n")[d.range.start.line]
    units = 0
    column = 1
    for ch in line:
        if units >= d.range.start.character:
            break
        units += 2 if ord(ch) > 0xFFFF else 1
        column += 1
    severity = "error" if d.severity == types.DiagnosticSeverity.Error else "warning"
    return f"{path}:{d.range.start.line + 1}:{column}: {severity}: {d.message}"


async def test_initialize_announces_what_the_server_does(client):
    caps = client.server_capabilities
    assert client.server_info.name == "qaf"
    assert caps.hover_provider is True
    assert caps.completion_provider is not None
    assert caps.code_action_provider is not None
    assert caps.text_document_sync.open_close is True


async def test_a_valid_policy_has_no_diagnostics(client):
    text = POLICY.read_text()
    diagnostics = await open_and_wait(client, POLICY.as_uri(), text)
    assert list(diagnostics) == []


async def test_diagnostics_on_open_are_validates_words_at_validates_places(client, tmp_path):
    text = (ROOT / "Tests" / "Fixtures" / "bad-policy.yaml").read_text()
    # A non-ASCII character before the error on the same line moves the UTF-16 position, not the code-point one.
    text = text.replace("because: x", 'because: "Café \U0001F600 {cqc.overal}"', 1)
    uri, path = policy_uri(tmp_path, text)
    diagnostics = await open_and_wait(client, uri, text)
    assert sorted(as_validate_line(path, text, d) for d in diagnostics) == sorted(validate_lines(path))
    assert len(diagnostics) == 4
    # The placeholder's name is the 23rd code point of its line, and 24th UTF-16 unit: the emoji takes two.
    placeholder = next(d for d in diagnostics if d.range.start.line == 17)
    assert placeholder.range.start.character == 23
    assert placeholder.range.end.character == 23 + len("cqc.overal")
    first = min(diagnostics, key=lambda d: d.range.start.line)
    assert first.message == (
        "unknown name 'cqc.overal': not an evidence field, parameter or value; did you mean 'cqc.overall'?"
    )
    assert first.severity == types.DiagnosticSeverity.Error
    assert first.source == "qaf"


async def test_utf16_positions_after_characters_outside_the_basic_plane(client, tmp_path):
    text = POLICY.read_text().replace(
        "when: cqc.overall == inadequate", 'when: "cqc.overall == inadequate and \U0001F600 == cqc.overal"', 1
    )
    assert text != POLICY.read_text()
    uri, path = policy_uri(tmp_path, text)
    diagnostics = await open_and_wait(client, uri, text)
    assert [as_validate_line(path, text, d) for d in diagnostics] == validate_lines(path)


async def test_change_updates_diagnostics(client, tmp_path):
    good = POLICY.read_text()
    uri, _ = policy_uri(tmp_path, good)
    assert await open_and_wait(client, uri, good) == ()
    bad = good.replace("indicates: major", "indicates: majr", 1)
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=2),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=bad)],
        )
    )
    await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    messages = [d.message for d in client.diagnostics[uri]]
    assert len(messages) == 1 and "'majr'" in messages[0], messages
    # An incremental change that puts the right word back clears it.
    line = bad.split("\n").index(next(l for l in bad.split("\n") if "indicates: majr" in l))
    column = bad.split("\n")[line].index("majr")
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=3),
            content_changes=[
                types.TextDocumentContentChangePartial(
                    range=types.Range(
                        start=types.Position(line=line, character=column),
                        end=types.Position(line=line, character=column + 4),
                    ),
                    text="major",
                )
            ],
        )
    )
    await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    assert client.diagnostics[uri] == ()


def position_of(text: str, needle: str, offset: int = 0) -> types.Position:
    for number, line in enumerate(text.split("\n")):
        if needle in line:
            return types.Position(line=number, character=line.index(needle) + offset)
    raise AssertionError(needle)


async def complete(client, uri, position):
    result = await client.text_document_completion_async(
        types.CompletionParams(text_document=types.TextDocumentIdentifier(uri=uri), position=position)
    )
    return [item.label for item in result.items]


async def test_completion_of_evidence_fields_values_parameters_criteria_and_keys(client, tmp_path):
    text = POLICY.read_text().replace(
        "when: cqc.overall == inadequate", "when: cqc.ov and cqc.overall == inad and count(ma", 1
    )
    uri, _ = policy_uri(tmp_path, text)
    await open_and_wait(client, uri, text)
    # An evidence field path after "cqc.ov".
    labels = await complete(client, uri, position_of(text, "cqc.ov and", len("cqc.ov")))
    assert labels == ["cqc.overall"]
    # Enum values of the field on the left of ==.
    labels = await complete(client, uri, position_of(text, "inad and", len("inad")))
    assert labels == ["inadequate"]
    # Every name an expression may use: fields, parameters, functions.
    all_names = await complete(client, uri, position_of(text, "cqc.ov and", 0))
    assert "safeguarding.concerns" in all_names and "many_moderate" in all_names and "any" in all_names
    # Severities and criterion ids in a level's when, written over several lines (`when: >-`).
    level_line = position_of(text, "      count(major) >= 1", len("      count("))
    labels = await complete(client, uri, level_line)
    assert labels[:3] == ["low", "moderate", "major"]
    criterion = await complete(client, uri, position_of(text, "      count(major) >= 1", len("      ")))
    assert "cqc_inadequate" in criterion
    # Keys of a criterion, without those already written above the cursor.
    keyed = text.replace("    title: Overall CQC rating is Inadequate\n", "    title: Overall CQC rating is Inadequate\n    no\n", 1)
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=2),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=keyed)],
        )
    )
    await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    labels = await complete(client, uri, position_of(keyed, "    no", len("    no")))
    assert labels == ["note"]
    # Values of a key: the severities for "indicates".
    labels = await complete(client, uri, position_of(keyed, "indicates: major", len("indicates: ")))
    assert labels == ["low", "moderate", "major"]


async def hover(client, uri, position) -> str:
    result = await client.text_document_hover_async(
        types.HoverParams(text_document=types.TextDocumentIdentifier(uri=uri), position=position)
    )
    assert result is not None
    return result.contents.value


async def test_hover_on_field_value_parameter_criterion_and_key(client):
    text = POLICY.read_text()
    uri = POLICY.as_uri()
    await open_and_wait(client, uri, text)
    field = await hover(client, uri, position_of(text, "when: cqc.overall == inadequate", len("when: cqc.")))
    assert field.startswith("**cqc.overall** — evidence field: ")
    assert "outstanding, good, requires_improvement, inadequate" in field
    value = await hover(client, uri, position_of(text, "cqc.overall == inadequate", len("cqc.overall == ")))
    assert value.startswith("**inadequate** — a value of `cqc_rating`")
    parameter = await hover(client, uri, position_of(text, ">= many_moderate", 4))
    assert parameter.startswith("**many_moderate** — parameter: ")
    declared = next(i for i, l in enumerate(text.split("\n")) if l.startswith("  many_moderate:")) + 1
    assert f"Declared at `salford.yaml:{declared}`" in parameter
    key = await hover(client, uri, position_of(text, "    indicates: major", 5))
    assert key.startswith("**indicates** — The severity of concern the criterion indicates")
    severity = await hover(client, uri, position_of(text, "count(major)", len("count(")))
    assert severity.startswith("**major** — severity 3 of 3")


async def test_quick_fix_for_did_you_mean(client, tmp_path):
    text = POLICY.read_text().replace("when: cqc.overall == inadequate", "when: cqc.overal == inadequte", 1)
    uri, path = policy_uri(tmp_path, text)
    diagnostics = await open_and_wait(client, uri, text)
    assert len(diagnostics) >= 1
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=diagnostics[0].range,
            context=types.CodeActionContext(diagnostics=diagnostics),
        )
    )
    fixed = text.split("\n")
    for action in actions:
        assert action.kind == types.CodeActionKind.QuickFix
        (edit,) = action.edit.changes[uri]
        line = fixed[edit.range.start.line]
        fixed[edit.range.start.line] = line[: edit.range.start.character] + edit.new_text + line[edit.range.end.character :]
    assert [a.title for a in actions] == ["Change to 'cqc.overall'"]
    # After the fix the file validates, and the next error (now reachable) has its own fix.
    path.write_text("\n".join(fixed))
    after = position_of("\n".join(fixed), "inadequte")
    assert validate_lines(path) == [
        f"{path}:{after.line + 1}:{after.character + 1}: error: "
        "'inadequte' is not a value of cqc_rating; expected one of outstanding, good, requires_improvement, "
        "inadequate, not_rated; did you mean 'inadequate'?"
    ]


async def test_evidence_is_checked_against_the_policies_beside_it(client, tmp_path):
    policy = POLICY.read_text().replace("\nseverities:", "\nrequires: [cqc.overall]\nseverities:", 1)
    (tmp_path / "salford.yaml").write_text(policy)
    evidence = tmp_path / "provider.yaml"
    text = "evidence: 1\nas_of: 2026-01-01\nprovider: {id: x}\n"
    evidence.write_text(text)
    diagnostics = await open_and_wait(client, evidence.as_uri(), text)
    assert [(d.severity, d.message) for d in diagnostics] == [
        (
            types.DiagnosticSeverity.Warning,
            f"policy 'salford' ({tmp_path}/salford.yaml) requires 'cqc.overall', which this file does not give, "
            "so it can reach no level",
        )
    ]


async def test_fixture_suite_ids_are_checked_against_its_policy(client, tmp_path):
    (tmp_path / "salford.yaml").write_text(POLICY.read_text())
    suite = (ROOT / "Policies" / "tests" / "salford.tests.yaml").read_text()
    suite = suite.replace("../../Examples/", str(ROOT / "Examples") + "/")
    bad = suite.replace("fired: [contract_good,", "fired: [contract_goo,", 1)
    assert bad != suite
    path = tmp_path / "salford.tests.yaml"
    path.write_text(bad)
    diagnostics = await open_and_wait(client, path.as_uri(), bad)
    assert [d.message for d in diagnostics] == [
        "policy 'salford' has no criterion 'contract_goo'; did you mean 'contract_good'?"
    ]
    assert [as_validate_line(path, bad, d) for d in diagnostics] == validate_lines(path)


async def test_evidence_file_keys_values_and_hover(client, tmp_path):
    text = "evidence: 1\nas_of: 2026-01-01\nprovider: {id: x}\ncqc:\n  overall: req\n  rep\n"
    path = tmp_path / "provider.yaml"
    path.write_text(text)
    uri = path.as_uri()
    await open_and_wait(client, uri, text)
    # The values of an enum field.
    labels = await complete(client, uri, types.Position(line=4, character=len("  overall: req")))
    assert labels == ["requires_improvement"]
    # The keys of the cqc mapping, without the one already written above.
    labels = await complete(client, uri, types.Position(line=5, character=len("  rep")))
    assert labels == ["report_date"]
    described = await hover(client, uri, types.Position(line=4, character=3))
    assert described.startswith("**cqc.overall** — evidence field: ")
    assert "Allowed values: `outstanding`, `good`, `requires_improvement`, `inadequate`, `not_rated`" in described


async def test_suite_completes_the_policys_criteria(client, tmp_path):
    (tmp_path / "salford.yaml").write_text(POLICY.read_text())
    text = "suite: 1\npolicy: salford\ncases:\n  - name: x\n    evidence_file: e.yaml\n    expect:\n      fired: [cqc_inad\n    e\n"
    path = tmp_path / "salford.tests.yaml"
    path.write_text(text)
    uri = path.as_uri()
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri=uri, language_id="yaml", version=1, text=text)
        )
    )
    await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    labels = await complete(client, uri, types.Position(line=6, character=len("      fired: [cqc_inad")))
    assert labels == ["cqc_inadequate"]
    # The keys of a case that start with "e", without those written above in the same case.
    keys = await complete(client, uri, types.Position(line=7, character=len("    e")))
    assert keys == ["evidence"]


async def test_requests_after_shutdown_are_refused_and_exit_ends_the_process(tmp_path):
    """The wire protocol by hand: Content-Length framing, shutdown, then exit with code 0."""
    import json

    def frame(message):
        body = json.dumps(message).encode()
        return b"Content-Length: %d\r\n\r\n" % len(body) + body

    messages = [
        {"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}},
        {"jsonrpc": "2.0", "method": "initialized", "params": {}},
        {"jsonrpc": "2.0", "id": 2, "method": "textDocument/definition", "params": {}},
        {"jsonrpc": "2.0", "id": 3, "method": "shutdown"},
        {"jsonrpc": "2.0", "id": 4, "method": "textDocument/hover", "params": {}},
        {"jsonrpc": "2.0", "method": "exit"},
    ]
    run = subprocess.run([QAF, "lsp"], input=b"".join(frame(m) for m in messages), capture_output=True, timeout=30)
    assert run.returncode == 0
    replies = []
    rest = run.stdout
    while rest:
        header, rest = rest.split(b"\r\n\r\n", 1)
        length = int(header.split(b":")[1])
        replies.append(json.loads(rest[:length]))
        rest = rest[length:]
    assert [r["id"] for r in replies] == [1, 2, 3, 4]
    assert replies[1]["error"]["code"] == -32601
    assert replies[2]["result"] is None
    assert replies[3]["error"]["code"] == -32600
    # Exit without shutdown is exit code 1, as the protocol says.
    unclean = subprocess.run([QAF, "lsp"], input=frame(messages[0]) + frame(messages[5]), capture_output=True, timeout=30)
    assert unclean.returncode == 1


async def test_evidence_is_checked_against_policies_named_in_settings(client, tmp_path):
    policies = tmp_path / "policies"
    policies.mkdir()
    (policies / "salford.yaml").write_text(
        POLICY.read_text().replace("\nseverities:", "\nrequires: [cqc.overall]\nseverities:", 1)
    )
    evidence = tmp_path / "evidence" / "provider.yaml"
    evidence.parent.mkdir()
    text = "evidence: 1\nas_of: 2026-01-01\nprovider: {id: x}\n"
    evidence.write_text(text)
    assert list(await open_and_wait(client, evidence.as_uri(), text)) == []
    client.workspace_did_change_configuration(
        types.DidChangeConfigurationParams(settings={"qaf": {"policies": [str(policies)]}})
    )
    await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    assert [d.message for d in client.diagnostics[evidence.as_uri()]] == [
        f"policy 'salford' ({policies}/salford.yaml) requires 'cqc.overall', which this file does not give, "
        "so it can reach no level"
    ]


async def test_evidence_warnings_from_the_policies_beside_it_point_at_the_value(client, tmp_path):
    (tmp_path / "salford.yaml").write_text(POLICY.read_text())
    text = "evidence: 1\nas_of: 2026-01-01\nprovider: {id: x}\ncqc: {overall: good, report_date: 2026-05-01}\nprevious: {level: 7}\n"
    path = tmp_path / "provider.yaml"
    path.write_text(text)
    diagnostics = await open_and_wait(client, path.as_uri(), text)
    assert [as_validate_line(path, text, d) for d in diagnostics] == validate_lines(path)
    assert [(d.range.start.line, d.range.start.character, d.severity) for d in diagnostics] == [
        (3, text.split("\n")[3].index("2026-05-01"), types.DiagnosticSeverity.Warning),
        (4, text.split("\n")[4].index("7"), types.DiagnosticSeverity.Warning),
    ]
    assert diagnostics[1].message == "previous.level '7' is not a level of policy salford (levels: 3, 2, 1); movement is none"


def apply(text: str, uri: str, actions) -> str:
    lines = text.split("\n")
    for action in actions:
        (edit,) = action.edit.changes[uri]
        line = lines[edit.range.start.line]
        lines[edit.range.start.line] = line[: edit.range.start.character] + edit.new_text + line[edit.range.end.character :]
    return "\n".join(lines)


async def test_every_did_you_mean_has_a_quick_fix_that_validate_accepts(client, tmp_path):
    """A misspelt key, a misspelt enum value and a misspelt field in an evidence file, and a misspelt criterion id
    in a suite: each did-you-mean becomes an edit, and after the edits qaf validate no longer reports them."""
    (tmp_path / "salford.yaml").write_text(POLICY.read_text())
    evidence = tmp_path / "provider.yaml"
    evidence_text = "evidence: 1\nas_of: 2026-10-01\nprovider: {id: x}\nsafegaurding: {concerns: 3}\ncqc: {overall: inadequat}\n"
    suite = tmp_path / "salford.tests.yaml"
    suite_text = (
        "suite: 1\npolicy: salford\ncases:\n  - name: x\n    evidence_file: provider.yaml\n"
        "    expect: {fired: [cqc_inadequat]}\n"
    )
    for path, text in [(evidence, evidence_text), (suite, suite_text)]:
        path.write_text(text)
        uri = path.as_uri()
        diagnostics = await open_and_wait(client, uri, text)
        assert diagnostics and all("did you mean" in d.message for d in diagnostics), diagnostics
        actions = await client.text_document_code_action_async(
            types.CodeActionParams(
                text_document=types.TextDocumentIdentifier(uri=uri),
                range=diagnostics[0].range,
                context=types.CodeActionContext(diagnostics=list(diagnostics)),
            )
        )
        assert len(actions) == len(diagnostics)
        fixed = apply(text, uri, actions)
        path.write_text(fixed)
        if path == evidence:
            assert fixed == "evidence: 1\nas_of: 2026-10-01\nprovider: {id: x}\nsafeguarding: {concerns: 3}\ncqc: {overall: inadequate}\n"
        else:
            assert fixed == suite_text.replace("cqc_inadequat]", "cqc_inadequate]")
    # The fixed evidence still lacks what Salford needs for some criteria, but nothing is invalid any more.
    run = subprocess.run([QAF, "validate", str(evidence), str(suite)], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr


async def test_local_evidence_declared_by_the_policy_beside_it(client, tmp_path):
    """A field the policy beside the file declares (`vocabulary:`) is read as standard ones are; a misspelt one is
    reported in qaf validate's words, at its place, with the nearest declared name."""
    local = ROOT / "Examples" / "local"
    for name in ("agency-staff.yaml", "local-evidence.yaml"):
        (tmp_path / name).write_text((local / name).read_text())
    good = (local / "agency-staff-high.yaml").read_text()
    evidence = tmp_path / "provider.yaml"
    evidence.write_text(good)
    diagnostics = await open_and_wait(client, evidence.as_uri(), good)
    assert [d for d in diagnostics if d.severity == types.DiagnosticSeverity.Error] == []

    bad = good.replace("agency_percent: 34", "agency_precent: 34")
    misspelt = tmp_path / "misspelt.yaml"
    misspelt.write_text(bad)
    diagnostics = await open_and_wait(client, misspelt.as_uri(), bad)
    errors = [d for d in diagnostics if d.severity == types.DiagnosticSeverity.Error]
    assert errors, "a misspelt local field must be an error"
    assert "agency_percent" in errors[0].message
    # The editor reads the policies beside the file; on the command line they are named with --policy.
    run = subprocess.run(
        [QAF, "validate", "--policy", str(tmp_path / "agency-staff.yaml"), str(misspelt)],
        capture_output=True, text=True, cwd=ROOT,
    )
    wanted = [line for line in run.stderr.splitlines() if line.startswith(f"{misspelt}:") and ": error: " in line]
    assert [as_validate_line(misspelt, bad, d) for d in errors] == wanted

"""Drives `qaf lsp` as an editor would: pytest-lsp's client starts it as a subprocess and speaks LSP over stdio."""

import os
import pathlib

import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

ROOT = pathlib.Path(__file__).resolve().parents[2]
QAF = os.environ.get("QAF", str(ROOT / ".build" / "debug" / "qaf"))


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[QAF, "lsp"]))
async def client(lsp_client: LanguageClient):
    result = await lsp_client.initialize_session(
        types.InitializeParams(
            capabilities=client_capabilities("visual-studio-code"),
            root_uri=ROOT.as_uri(),
        )
    )
    lsp_client.server_info = result.server_info
    lsp_client.server_capabilities = result.capabilities
    yield
    await lsp_client.shutdown_session()

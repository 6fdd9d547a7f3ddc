"""Every way a python, mcp or command source can fail ends in exit 2 with a clear message."""

from __future__ import annotations

import json
import sys
import textwrap
from pathlib import Path

import pytest

PY = json.dumps(sys.executable)


def _project(tmp_path: Path, source: str, files: dict[str, str] | None = None) -> Path:
    (tmp_path / "pyproject.toml").write_text(f"[tool.schemadrift]\nsources = [{source}]\n")
    for name, text in (files or {}).items():
        (tmp_path / name).write_text(textwrap.dedent(text))
    return tmp_path


def _unique(tmp_path: Path) -> str:
    return "m_" + "".join(c if c.isalnum() else "_" for c in tmp_path.name)


def _fails(run_cli, root: Path, *fragments: str) -> str:
    result = run_cli("snapshot", cwd=root)
    assert result.code == 2, result.err
    assert result.out == ""
    for fragment in fragments:
        assert fragment in result.err, result.err
    assert "Traceback" not in result.err
    return result.err


def test_module_that_raises_on_import(run_cli, tmp_path):
    """A module that raises while importing is named with the error and its line."""
    mod = _unique(tmp_path)
    root = _project(
        tmp_path,
        f'{{ python = "{mod}:TOOLS" }}',
        {f"{mod}.py": "x = 1\nraise RuntimeError('boom')\n"},
    )
    _fails(
        run_cli,
        root,
        f"python {mod}:TOOLS",
        f"importing {mod!r} failed: RuntimeError: boom",
        f"{mod}.py:2",
    )


def test_module_that_does_not_exist(run_cli, tmp_path):
    """A module that is not there says so, naming it."""
    root = _project(tmp_path, '{ python = "no_such_pkg.tools:TOOLS" }')
    _fails(run_cli, root, "no module named 'no_such_pkg'")


def test_missing_attribute_suggests_the_nearest(run_cli, tmp_path):
    """A missing attribute is named, with the closest existing name."""
    mod = _unique(tmp_path)
    root = _project(tmp_path, f'{{ python = "{mod}:TOOL" }}', {f"{mod}.py": "TOOLS = []\n"})
    _fails(run_cli, root, f"{mod!r} has no attribute 'TOOL'", "did you mean 'TOOLS'?")


def test_object_no_adapter_matches(run_cli, tmp_path):
    """A bare function matches no adapter; the message lists the adapters."""
    mod = _unique(tmp_path)
    root = _project(
        tmp_path,
        f'{{ python = "{mod}:TOOLS" }}',
        {f"{mod}.py": "def f(x: int) -> int:\n    return x\nTOOLS = [f]\n"},
    )
    _fails(run_cli, root, "no adapter handles TOOLS[0]", "installed adapters: agents, fastmcp")


def test_plain_data_with_no_tool_shape(run_cli, tmp_path):
    """Plain data that is no tool shape lists the shapes."""
    mod = _unique(tmp_path)
    root = _project(tmp_path, f'{{ python = "{mod}:TOOLS" }}', {f"{mod}.py": "TOOLS = {'a': 1}\n"})
    _fails(run_cli, root, "TOOLS is plain data with no known tool shape")


def test_pydantic_raising_while_generating(run_cli, tmp_path):
    """pydantic failing to generate a schema is an input error naming the tool."""
    mod = _unique(tmp_path)
    code = """
    from pydantic import BaseModel, ConfigDict

    class Thing:
        pass

    class Broken(BaseModel):
        model_config = ConfigDict(arbitrary_types_allowed=True)
        thing: Thing

    TOOLS = [Broken]
    """
    root = _project(tmp_path, f'{{ python = "{mod}:TOOLS" }}', {f"{mod}.py": code})
    _fails(
        run_cli,
        root,
        "tool 'Broken'",
        "pydantic raised while generating the schema: PydanticInvalidForJsonSchema",
    )


def test_llama_index_raising_on_unresolved_annotations(run_cli, tmp_path):
    """LlamaIndex cannot resolve string annotations; the error names the tool."""
    mod = _unique(tmp_path)
    code = """
    from __future__ import annotations
    from typing import Annotated, Union, Literal
    from pydantic import BaseModel, Field
    from llama_index.core.tools import FunctionTool

    class Card(BaseModel):
        kind: Literal["card"]

    class Bank(BaseModel):
        kind: Literal["bank"]

    Payment = Annotated[Union[Card, Bank], Field(discriminator="kind")]

    def pay(payment: Payment) -> str:
        "Pay."
        return ""

    TOOLS = [FunctionTool.from_defaults(fn=pay)]
    """
    root = _project(tmp_path, f'{{ python = "{mod}:TOOLS" }}', {f"{mod}.py": code})
    _fails(run_cli, root, "tool 'pay'", "llama-index-core raised while generating the schema")


MCP_CRASH = "import sys; sys.stderr.write('fatal: no API key\\n'); sys.exit(3)"
MCP_HANG = "import time; time.sleep(30)"
MCP_GARBAGE = "import sys; sys.stdin.readline(); print('Starting server on stdio...', flush=True)"
MCP_ERROR = (
    "import sys, json; m = json.loads(sys.stdin.readline()); "
    "print(json.dumps({'jsonrpc': '2.0', 'id': m['id'], 'error': {'code': -1, 'message': 'nope'}}), flush=True)"
)


@pytest.mark.parametrize(
    ("script", "fragments"),
    [
        (MCP_CRASH, ["exited before answering initialize (exit status 3)", "fatal: no API key"]),
        (MCP_HANG, ["did not answer initialize within 1 s"]),
        (MCP_GARBAGE, ["not JSON-RPC", "Starting server on stdio..."]),
        (MCP_ERROR, ["answered initialize with an error: nope"]),
    ],
    ids=["crash", "hang", "garbage", "error-response"],
)
def test_mcp_server_failures(run_cli, tmp_path, script, fragments):
    """An MCP server that crashes, hangs, prints garbage or refuses is a clear exit 2."""
    source = f'{{ mcp = [{PY}, "-c", {json.dumps(script)}], timeout = 1 }}'
    root = _project(tmp_path, source)
    _fails(run_cli, root, "mcp ", *fragments)


@pytest.mark.parametrize(
    ("script", "fragments"),
    [
        (
            "import sys; sys.stderr.write('bad token\\n'); sys.exit(4)",
            ["exited with status 4", "bad token"],
        ),
        ("pass", ["printed nothing on stdout"]),
        ("print('loading tools...'); print('{}')", ["printed no JSON", "loading tools..."]),
        ("print('{\"a\": 1}')", ["printed JSON with no known tool shape"]),
        ("import time; time.sleep(30)", ["killed after 1 s"]),
    ],
    ids=["nonzero", "nothing", "not-json", "no-shape", "timeout"],
)
def test_command_failures(run_cli, tmp_path, script, fragments):
    """A command that fails, prints nothing, prints no JSON or hangs is a clear exit 2."""
    source = f'{{ command = [{PY}, "-c", {json.dumps(script)}], timeout = 1 }}'
    root = _project(tmp_path, source)
    _fails(run_cli, root, "command ", *fragments)

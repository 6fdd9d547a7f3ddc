"""Attack report rows 5 and 17: names and descriptions cannot steer a CI log or a terminal.

The same hostile payloads (a newline followed by a GitHub workflow command, terminal CSI and
OSC escapes, C1 controls, Unicode line separators, bidi overrides) go into tool names,
property names and descriptions, and every report format is checked: no line but schemadrift's
own annotations starts with ``::``, and no raw escape or control character reaches the output.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from schemadrift.cli.options import FORMATS
from tests.conftest import Run

PAYLOADS = {
    "command": "x\n::error file=README.md,line=1::INJECTED-ANNOTATION",
    "carriage": "x\r::add-mask::secret",
    "csi": "x\x1b[2Jcleared",
    "osc": "x\x1b]0;owned-title\x07",
    "c1": "x\x9b31mred",
    "separator": "x\u2028::warning::sep",
    "bidi": "x\u202eevil",
}
RAW = [chr(c) for c in (*range(0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0))]
RAW += ["\u2028", "\u2029", "\u202e"]


def hostile_file(folder: Path, payload: str) -> Path:
    """An Anthropic tool file whose name, property and descriptions carry ``payload``, with a
    provider error (a root `anyOf`) so every format has findings to print."""
    tool = {
        "name": "tool" + payload,
        "description": "Does things." + payload,
        "input_schema": {
            "type": "object",
            "properties": {"q" + payload: {"type": "string", "description": "Q." + payload}},
            "anyOf": [{"required": ["q" + payload]}],
        },
    }
    path = folder / "hostile.json"
    path.write_text(json.dumps(tool), "utf-8")
    return path


@pytest.mark.parametrize("payload", PAYLOADS.values(), ids=list(PAYLOADS))
@pytest.mark.parametrize("fmt", FORMATS)
def test_no_format_lets_a_payload_through(
    run_cli: Callable[..., Run], tmp_path: Path, fmt: str, payload: str
) -> None:
    """Every format escapes the payload: no forged command line, no raw control character."""
    path = hostile_file(tmp_path, payload)
    done = run_cli("lint", str(path), "--format", fmt, "-v", "--no-cache", cwd=tmp_path)
    assert done.code == 1, done.err
    for line in done.out.splitlines():
        if line.startswith("::"):
            assert fmt == "github", line
            # schemadrift's own annotation: a known command, and the payload's "::" escaped
            assert line.split(" ", 1)[0] in ("::error", "::warning", "::notice"), line
            assert "INJECTED-ANNOTATION" not in line or "%0A::error" in line, line
    for char in RAW:
        assert char not in done.out, (fmt, repr(char))

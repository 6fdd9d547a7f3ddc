"""The entry-point loader: listing without importing, precise matching, clear failures."""

from __future__ import annotations

import json
import subprocess
import sys
from importlib import metadata

import pytest

from schemadrift.adapters import loader
from schemadrift.errors import AdapterLoadError

BUILT_INS = [
    "agents",
    "fastmcp",
    "google",
    "langchain_core",
    "llama_index",
    "mcp",
    "pydantic",
    "pydantic_ai",
]


def test_built_ins_are_registered_as_entry_points():
    """Our own adapters come through the schemadrift.adapters group, sorted by name."""
    assert loader.adapter_names() == BUILT_INS
    names = [ep.name for ep in loader.entry_points()]
    assert names == sorted(names)


def test_file_runs_import_no_adapter_or_framework(tmp_path):
    """Linting a file imports no adapter module and no framework."""
    (tmp_path / "t.json").write_text('{"type": "object"}')
    code = (
        "import sys, json\n"
        "from schemadrift.cli import main\n"
        "main(['lint', 't.json', '--format', 'json'])\n"
        "mods = [m for m in sys.modules if m.startswith('schemadrift.adapters') or "
        "m.split('.')[0] in ('pydantic', 'agents', 'langchain_core', 'llama_index', 'mcp', "
        "'fastmcp', 'pydantic_ai', 'google', 'openai')]\n"
        "print(json.dumps(mods), file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert json.loads(done.stderr.strip().splitlines()[-1]) == []


def test_only_the_matching_framework_adapter_is_considered():
    """A pydantic model class brings only the pydantic entry point into play."""
    from pydantic import BaseModel

    class Args(BaseModel):
        x: int

    assert [ep.name for ep in loader.candidates(Args)] == ["pydantic"]
    assert [ep.name for ep in loader.candidates(len)] == []


def test_no_adapter_lists_the_installed_ones():
    """An object no adapter claims is an error that lists every adapter."""
    with pytest.raises(AdapterLoadError) as info:
        loader.find(len, "python app:len", what="len")
    message = str(info.value)
    assert "no adapter handles len" in message
    assert ", ".join(BUILT_INS) in message


def _extra(monkeypatch, name: str, value: str) -> None:
    real = loader.entry_points()
    extra = metadata.EntryPoint(name=name, value=value, group=loader.GROUP)
    monkeypatch.setattr(
        loader,
        "entry_points",
        lambda: tuple(sorted((*real, extra), key=lambda e: (e.name, e.value))),
    )


def test_two_matching_adapters_are_named(monkeypatch):
    """Two adapters claiming one object is an error naming both."""
    from pydantic import BaseModel

    class Args(BaseModel):
        x: int

    _extra(monkeypatch, "pydantic", "tests.adapters.plugins:GREEDY")
    with pytest.raises(AdapterLoadError) as info:
        loader.find(Args, "python app:Args", what="Args")
    assert "'greedy'" in str(info.value)
    assert "'pydantic'" in str(info.value)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("tests.adapters.no_such_module:X", "cannot load adapter 'pydantic'"),
        ("tests.adapters.plugins:NOT_AN_ADAPTER", "is not an adapter"),
    ],
)
def test_broken_plugin_is_named(monkeypatch, value, expected):
    """A plugin that fails to import, or is no adapter, is an error naming its entry point."""
    from pydantic import BaseModel

    class Args(BaseModel):
        x: int

    _extra(monkeypatch, "pydantic", value)
    loader._LOADED.clear()
    with pytest.raises(AdapterLoadError) as info:
        loader.find(Args, "python app:Args", what="Args")
    assert expected in str(info.value)
    assert value in str(info.value)

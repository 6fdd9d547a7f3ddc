"""The results cache between runs (``cache.py``): faster, never different.

``lint``, ``diff`` and ``check`` keep each tool's lint findings, each toolset's findings and
each changed pair's analysis in ``<cache dir>/<digest of the project root>/<command>.json``.
These tests prove the contract: a cold run, the run that fills the cache and the run that reads
it print the same bytes; a warm run judges nothing again and a run after an edit judges only
what changed; anything that changes which rules run, or the code (the file's stamp), misses;
a damaged or unwritable cache never changes a run; each command keeps its own file, which
holds only what the last run used; and workers read and fill it as one process does.

The project of most tests (``project``) has a baseline that differs from its tools: lint
findings (new, known in the baseline, and one acknowledged in ``schemadrift.acks.toml``), a
toolset findings, diff findings with witnesses on the input and the output side, an added and
a removed tool, and non-ASCII text.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import shutil
import stat
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from schemadrift import catalog, parallel, registry
from schemadrift.cache import _FORMAT, _seal, _stamp, digest
from schemadrift.cli import main
from schemadrift.cli.options import FORMATS
from schemadrift.diff import classify
from schemadrift.diff.run import PAIRS
from schemadrift.engine import Linter
from tests.conftest import Run
from tests.helpers.projects import changed_project

RunCli = Callable[..., Run]

CONFIG = 'dialects: ["openai", "anthropic", "gemini"]\nsources:\n  - files: "tools/*.json"\n'
BULK = {f"opt{index}": {"type": "string"} for index in range(20)}  # 20 optional strict params
ACKED_RULE = ("gemini/type-value", "search")  # acknowledged in schemadrift.acks.toml
PLANTED = "planted in the cache by the test"

# Each command on the project; ``diff`` both on two tool files and on snapshot vs folder.
COMMANDS = {
    "check": ("check", ["check"]),
    "lint": ("lint", ["lint", "tools/agent.json", "tools/server.json"]),
    "diff-files": ("diff", ["diff", "old/agent.json", "tools/agent.json"]),
    "diff-snapshot": ("diff", ["diff", "schemadrift.lock.json", "tools"]),
}


# --- the project -------------------------------------------------------------------------------


def _agent(
    name: str,
    props: dict[str, Any],
    required: tuple[str, ...] = (),
    *,
    strict: bool | None = None,
    description: str | None = None,
) -> dict[str, Any]:
    """An Anthropic-shaped tool."""
    tool: dict[str, Any] = {
        "name": name,
        "description": description or f"The {name} tool.",
        "input_schema": {"type": "object", "properties": props, "required": list(required)},
    }
    if strict is not None:
        tool["strict"] = strict
    return tool


def _server(name: str, props: dict[str, Any], output: dict[str, Any]) -> dict[str, Any]:
    """An MCP-shaped tool with an output schema."""
    return {
        "name": name,
        "description": f"The {name} tool.",
        "inputSchema": {"type": "object", "properties": props},
        "outputSchema": output,
    }


def _agent_tools(current: bool) -> list[dict[str, Any]]:
    search_props = {
        "q": {"type": ["string", "null"] if current else "string"},  # a new gemini error
        "limit": {"type": "integer", "default": 20 if current else 10},  # default changed
    }
    if current:  # anthropic accepted every tool at the baseline: this is a regression
        search_props["sort by"] = {"type": "string"}
    seats: dict[str, Any] = {"type": "integer", **({"minimum": 1} if current else {})}
    tools = [
        _agent(
            "search",
            search_props,
            ("q",),
            description="Search the index — naïve café ☕." + (" Faster." if current else ""),
        ),
        _agent(
            "book",  # narrowed: forward witnesses
            {"date": {"type": "string", "format": "date"}, "seats": seats},
            ("date", "seats") if current else ("date",),
        ),
        _agent(  # unchanged, with findings the baseline already had (acknowledged)
            "weather",
            {"city": {"type": ["string", "null"]}, "units": {"enum": ["c", "f"]}},
            ("city",),
            strict=True,
        ),
        _agent("bulk", BULK, strict=True),
    ]
    if current:  # its 5 optional parameters take the strict tools past 24: a toolset finding
        union = {"anyOf": [{"type": "string"}, {"type": "integer"}]}
        tools.append(_agent("fresh", {f"x{i}": union for i in range(5)}, strict=True))
        # a toolset finding located at a tool: its name collides with "book"
        tools.append(_agent("Book", {"title": {"type": "string"}}, description="Book a title."))
    else:
        tools.append(_agent("legacy", {"id": {"type": "string"}}, ("id",)))
    return tools


def _server_tools(current: bool) -> list[dict[str, Any]]:
    value = {"type": ["string", "integer"] if current else "string"}  # output widened
    return [
        _server(
            "lookup",
            {"key": {"type": "string"}},
            {"type": "object", "properties": {"value": value}},
        ),
        _server(
            "stats",
            {"window": {"type": "integer"}},
            {"type": "object", "properties": {"n": {"type": "integer"}}},
        ),
    ]


def _write_tools(folder: Path, current: bool) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    agent = json.dumps({"tools": _agent_tools(current)}, indent=2, ensure_ascii=False)
    (folder / "agent.json").write_text(agent + "\n", encoding="utf-8")
    (folder / "server.json").write_text(json.dumps({"tools": _server_tools(current)}, indent=2))


def _quiet_main(*args: str) -> tuple[int, str]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        code = main(list(args))
    return code, out.getvalue()


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project, built once: baseline written, tools changed since, one finding acked.
    ``snapshot`` and ``ack`` keep no cache, and ``check`` runs with ``--no-cache`` here."""
    root = tmp_path_factory.mktemp("template")
    _write_tools(root / "tools", current=False)
    _write_tools(root / "old", current=False)  # the baseline's tool files, for `diff` of files
    (root / "schemadrift.yaml").write_text(CONFIG)
    unused = tmp_path_factory.mktemp("template-cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(root)
        patch.setenv("SCHEMADRIFT_CACHE_DIR", str(unused))  # never the user's cache
        assert _quiet_main("snapshot")[0] == 0
        _write_tools(root / "tools", current=True)
        code, out = _quiet_main("check", "--no-cache", "--format", "json", "--fail-on", "never")
        assert code == 0
        (fingerprint,) = [
            f["fingerprint"]
            for f in json.loads(out)["findings"]
            if (f["rule"], f["tool"]) == ACKED_RULE
        ]
        assert _quiet_main("ack", fingerprint, "--reason", "known", "-q")[0] == 0
    assert _files(unused) == []  # the tests start from an empty cache
    return root


@pytest.fixture
def project(template: Path, tmp_path: Path) -> Path:
    """A fresh copy of the project (its own root, so its own cache folder)."""
    return Path(shutil.copytree(template, tmp_path / "project"))


@pytest.fixture
def cache_dir(request: pytest.FixtureRequest) -> Path:
    """This test's own cache folder (``$SCHEMADRIFT_CACHE_DIR``, set by conftest's autouse
    ``_own_cache``)."""
    folder: Path = request.getfixturevalue("_own_cache")
    return folder


def _cache_file(folder: Path, project: Path, command: str) -> Path:
    return folder / digest(str(project.resolve())) / f"{command}.json"


def _files(folder: Path) -> list[Path]:
    return sorted(path for path in folder.rglob("*") if path.is_file()) if folder.exists() else []


def _tables(path: Path) -> dict[str, dict[str, Any]]:
    document = json.loads(path.read_text("utf-8"))
    assert document["format"] == _FORMAT and document["stamp"] == _stamp()
    tables: dict[str, dict[str, Any]] = document["tables"]
    return tables


def _entries(path: Path) -> int:
    return sum(len(entries) for entries in _tables(path).values())


def _edit(path: Path, change: Callable[[dict[str, Any]], None]) -> None:
    """Rewrite a cache file after ``change`` edits its parsed document in place."""
    document = json.loads(path.read_text("utf-8"))
    change(document)
    path.write_text(json.dumps(document), encoding="utf-8")


def _lint_entries(document: dict[str, Any]) -> Iterator[tuple[str, list[Any]]]:
    """``(key, value)`` of each lint entry (a stored entry is ``[seal, value]``)."""
    for name, entries in document["tables"].items():
        if name.startswith("lint/"):
            for key, entry in entries.items():
                yield key, entry[1]


def _reseal(document: dict[str, Any]) -> None:
    """Give every entry the seal of what it now holds, as someone who knows the format
    would: only the decoders' own checks can then refuse it."""
    dump = json.JSONEncoder(separators=(",", ":")).encode
    for name, entries in document["tables"].items():
        for key, entry in entries.items():
            if isinstance(entry, list) and len(entry) == 2:
                entry[0] = _seal(name, key, dump(entry[1]))


class Spy:
    """Counts (without replacing) what a run judges: each tool's schema and tool rules, each
    dialect's toolset rules and each pair's analysis."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.judged: list[tuple[str, str]] = []  # (tool name, input schema text)
        self.toolsets: list[str] = []  # dialect ids
        self.analysed: list[tuple[str | None, str | None]] = []  # (old name, new name)
        self.cached_linter_judged: list[str] = []  # tools judged by a linter with a cache
        judged, toolset, analyse = (
            Linter._judged_findings,
            Linter._toolset_findings,
            classify._analyse,
        )

        def spy_judged(linter: Linter, tool: Any, *args: Any, **kwargs: Any) -> Any:
            self.judged.append((tool.name, json.dumps(tool.input_schema)))
            if linter.cache.enabled:
                self.cached_linter_judged.append(tool.name)
            return judged(linter, tool, *args, **kwargs)

        def spy_toolset(linter: Linter, dialect: str, *args: Any, **kwargs: Any) -> Any:
            self.toolsets.append(dialect)
            return toolset(linter, dialect, *args, **kwargs)

        def spy_analyse(old: Any, new: Any, *args: Any, **kwargs: Any) -> Any:
            self.analysed.append((old and old.name, new and new.name))
            return analyse(old, new, *args, **kwargs)

        monkeypatch.setattr(Linter, "_judged_findings", spy_judged)
        monkeypatch.setattr(Linter, "_toolset_findings", spy_toolset)
        monkeypatch.setattr(classify, "_analyse", spy_analyse)

    def reset(self) -> None:
        self.judged.clear()
        self.toolsets.clear()
        self.analysed.clear()
        self.cached_linter_judged.clear()


def _forbid_judging(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make every judging step raise (the CLI turns that into exit 3 and a traceback)."""

    def judged_again(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("judged again")

    monkeypatch.setattr(Linter, "_judged_findings", judged_again)
    monkeypatch.setattr(Linter, "_toolset_findings", judged_again)
    monkeypatch.setattr(classify, "_analyse", judged_again)


def _same(first: Run, second: Run) -> None:
    assert "Traceback" not in second.err, second.err
    assert (second.code, second.out, second.err) == (first.code, first.out, first.err)


# --- the project is what the tests need ---------------------------------------------------------


def test_the_project_has_every_kind_of_cached_result(
    project: Path, run_cli: RunCli, cache_dir: Path
) -> None:
    """Guards the other tests: the check report holds new, baseline-known and ack-file
    acknowledged lint findings, toolset findings (of the whole set, and of a tool), and diff
    findings with witnesses on both sides; the filled cache holds lint and pair entries."""
    done = run_cli("check", "--format", "json", "--fail-on", "never", cwd=project)
    assert done.code == 0, done.err
    findings = json.loads(done.out)["findings"]
    scopes = {f["rule"]: catalog.entry(f["rule"]).scope for f in findings}  # type: ignore[union-attr]
    assert {"schema", "tool", "toolset", "pair"} <= set(scopes.values())
    toolset = {(f["rule"], f["tool"]) for f in findings if scopes[f["rule"]] == "toolset"}
    assert toolset == {  # one about the whole set, one located at a tool
        ("anthropic-strict/optional-parameters", None),
        ("security/tool-name-collision", "Book"),
    }
    lint = [f for f in findings if scopes[f["rule"]] != "pair"]
    assert any(f["acknowledged"] for f in lint) and any(not f["acknowledged"] for f in lint)
    (acked,) = [f for f in findings if (f["rule"], f["tool"]) == ACKED_RULE]
    assert acked["acknowledged"]  # by the acks file: the baseline did not have it
    witnessed = {f["tool"] for f in findings if f.get("witness") is not None}
    assert {"book", "lookup"} <= witnessed  # input (book) and output (lookup) witnesses
    assert {"diff/tool-added", "diff/tool-removed", "diff/dialect-regression"} <= set(scopes)
    tables = _tables(_cache_file(cache_dir, project, "check"))
    assert any(name.startswith("lint/") for name in tables) and tables[PAIRS]


# --- 1. output identity --------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_cold_filling_and_warm_runs_print_the_same_bytes(
    project: Path, run_cli: RunCli, cache_dir: Path, command: str, fmt: str
) -> None:
    """``--no-cache``, the run that fills the cache and the run that reads it give the same
    exit code, stdout and stderr, in every format."""
    name, args = COMMANDS[command]
    cold = run_cli(*args, "--format", fmt, "--no-cache", cwd=project)
    assert cold.code == 1 and cold.out  # errors found: the failing path, with a report
    assert _files(cache_dir) == []
    filling = run_cli(*args, "--format", fmt, cwd=project)
    path = _cache_file(cache_dir, project, name)
    assert _entries(path) > 0
    written = path.read_bytes()
    warm = run_cli(*args, "--format", fmt, cwd=project)
    _same(cold, filling)
    _same(cold, warm)
    assert path.read_bytes() == written  # a run that only reads leaves the file as it is


# --- 2. a warm run judges nothing ----------------------------------------------------------------


@pytest.mark.parametrize("command", ["check", "lint"])
def test_a_warm_run_judges_nothing_again(
    project: Path, run_cli: RunCli, monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    """With lint, toolset and pair judging made to raise, a warm run succeeds with the
    filling run's output; the same patches do break a run without the cache (they are live)."""
    args = [*COMMANDS[command][1], "--jobs", "1", "--format", "json"]
    filling = run_cli(*args, cwd=project)
    _forbid_judging(monkeypatch)
    _same(filling, run_cli(*args, cwd=project))
    cold = run_cli(*args, "--no-cache", cwd=project)
    assert cold.code == 3 and "judged again" in cold.err


@pytest.mark.parametrize("command", ["diff-files", "diff-snapshot"])
def test_a_warm_diff_analyses_no_pair_and_its_cached_linter_judges_no_tool(
    project: Path, run_cli: RunCli, monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    """A warm ``diff`` analyses no pair and lints no tool through its cached linter. (The
    toolset-only linter of ``diff_tools`` has no cache: see the next test.)"""
    args = [*COMMANDS[command][1], "--jobs", "1", "--format", "json"]
    filling = run_cli(*args, cwd=project)
    spy = Spy(monkeypatch)
    warm = run_cli(*args, cwd=project)
    _same(filling, warm)
    assert spy.analysed == [] and spy.cached_linter_judged == []
    run_cli(*args, "--no-cache", cwd=project)
    assert spy.analysed  # the spies see a run that judges


def test_a_warm_diff_judges_nothing_again(
    project: Path, run_cli: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The contract of the previous test for ``diff`` as it holds for ``check``: nothing at
    all is judged again."""
    args = [*COMMANDS["diff-files"][1], "--jobs", "1", "--format", "json"]
    filling = run_cli(*args, cwd=project)
    _forbid_judging(monkeypatch)
    _same(filling, run_cli(*args, cwd=project))


# --- 3. only what changed is judged again ----------------------------------------------------


def _edit_tool(
    project: Path, file: str, name: str, change: Callable[[dict[str, Any]], None]
) -> None:
    path = project / "tools" / file
    document = json.loads(path.read_text("utf-8"))
    (tool,) = [tool for tool in document["tools"] if tool["name"] == name]
    change(tool)
    path.write_text(json.dumps(document, indent=2, ensure_ascii=False), encoding="utf-8")


def _add_property(tool: dict[str, Any]) -> None:
    schema = tool.get("input_schema") or tool["inputSchema"]
    schema["properties"]["added"] = {"type": "boolean"}


# The dialects judging a non-strict tool of the project: the always-on packs and the three
# configured ones (a strict tool adds anthropic-strict and openai-strict).
PLAIN_DIALECTS = ["anthropic", "gemini", "json-schema", "openai", "security"]
STRICT_DIALECTS = sorted([*PLAIN_DIALECTS, "anthropic-strict", "openai-strict"])


@pytest.mark.parametrize(
    ("file", "name", "pair"),
    [
        ("server.json", "stats", ("stats", "stats")),  # unchanged since the baseline until now
        ("agent.json", "search", ("search", "search")),  # changed since the baseline already
    ],
)
def test_after_an_edit_only_the_edited_tool_is_judged_again(
    project: Path,
    run_cli: RunCli,
    monkeypatch: pytest.MonkeyPatch,
    file: str,
    name: str,
    pair: tuple[str, str],
) -> None:
    """``check`` lints both sides: after a filling run and an edit of one tool, only that
    tool's new form is judged (once; every baseline tool, the edited one's old form included,
    comes from the cache), its dialects' toolset rules run once each for the current side
    only (the baseline's toolsets did not change), and its one pair is analysed. The output
    is that of a run without the cache."""
    args = ["check", "--jobs", "1", "--format", "json"]
    run_cli(*args, cwd=project)
    _edit_tool(project, file, name, _add_property)
    spy = Spy(monkeypatch)
    warm = run_cli(*args, cwd=project)
    assert [tool for tool, _ in spy.judged] == [name]
    assert '"added"' in spy.judged[0][1]  # the new form, not the baseline's
    assert sorted(spy.toolsets) == PLAIN_DIALECTS
    assert spy.analysed == [pair]
    _same(run_cli(*args, "--no-cache", cwd=project), warm)


def test_lint_after_an_edit_judges_only_the_edited_tool(
    project: Path, run_cli: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``lint`` of two files: an edited tool is judged again, the others are read back."""
    args = [*COMMANDS["lint"][1], "--jobs", "1", "--format", "json"]
    run_cli(*args, cwd=project)
    _edit_tool(project, "server.json", "lookup", _add_property)
    spy = Spy(monkeypatch)
    warm = run_cli(*args, cwd=project)
    assert [tool for tool, _ in spy.judged] == ["lookup"]
    assert sorted(spy.toolsets) == PLAIN_DIALECTS
    _same(run_cli(*args, "--no-cache", cwd=project), warm)


def test_a_new_baseline_of_the_current_tools_is_judged_from_the_cache(
    project: Path, run_cli: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After ``snapshot`` the baseline holds the tools the last ``check`` judged as current:
    the next ``check`` judges no tool and no pair. The toolset rules of the baseline side run
    once per dialect, because a snapshot keeps its tools sorted by name and a toolset entry
    is keyed by its tools in order (the order may matter to a toolset rule); the run after
    that judges nothing at all."""
    args = ["check", "--jobs", "1", "--format", "json"]
    run_cli(*args, cwd=project)
    assert run_cli("snapshot", cwd=project).code == 0
    spy = Spy(monkeypatch)
    warm = run_cli(*args, cwd=project)
    assert (spy.judged, spy.analysed) == ([], [])
    assert sorted(spy.toolsets) == STRICT_DIALECTS  # once each: the baseline side only
    _same(run_cli(*args, "--no-cache", cwd=project), warm)
    spy.reset()
    _same(warm, run_cli(*args, cwd=project))
    assert (spy.judged, spy.toolsets, spy.analysed) == ([], [], [])


def test_tools_that_moved_to_other_lines_keep_their_findings_at_the_new_lines(
    project: Path, run_cli: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Entries do not hold locations: a tool added at the top of a file moves every other
    tool down, and only the new tool is judged, with every finding at its new line."""
    args = ["check", "--jobs", "1", "--format", "json"]
    run_cli(*args, cwd=project)
    path = project / "tools" / "agent.json"
    document = json.loads(path.read_text("utf-8"))
    document["tools"].insert(0, _agent("first", {"n": {"type": "number"}}))
    path.write_text(json.dumps(document, indent=4, ensure_ascii=False), encoding="utf-8")
    spy = Spy(monkeypatch)
    warm = run_cli(*args, cwd=project)
    assert [tool for tool, _ in spy.judged] == ["first"]
    _same(run_cli(*args, "--no-cache", cwd=project), warm)


# --- 4. invalidation ---------------------------------------------------------------------------


def _rows(done: Run) -> set[tuple[str, str | None]]:
    return {(f["rule"], f["tool"]) for f in json.loads(done.out)["findings"]}


def test_turning_a_rule_off_and_on_again_never_reads_stale_findings(
    project: Path, run_cli: RunCli
) -> None:
    """A rule ``off`` in the config: the warm run drops its findings as ``--no-cache`` does;
    back on, they return (a cache keyed without the rule set would show the old ones)."""
    args = ["check", "--format", "json", "--fail-on", "never"]
    rule = "gemini/type-value"
    filled = run_cli(*args, cwd=project)
    assert rule in {r for r, _ in _rows(filled)}
    config = project / "schemadrift.yaml"
    config.write_text(CONFIG + f'rules:\n  "{rule}": "off"\n')
    off = run_cli(*args, cwd=project)
    _same(run_cli(*args, "--no-cache", cwd=project), off)
    assert rule not in {r for r, _ in _rows(off)}
    config.write_text(CONFIG)
    _same(filled, run_cli(*args, cwd=project))


def test_preview_runs_and_plain_runs_never_share_findings(
    project: Path, run_cli: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With a rule made ``preview``, a run without ``--preview`` omits it and one with it
    reports it, cache or not, in either order."""
    rule = "gemini/type-value"
    monkeypatch.setitem(registry.RULES, rule, replace(registry.RULES[rule], status="preview"))
    args = ["check", "--format", "json", "--fail-on", "never"]
    plain = run_cli(*args, cwd=project)
    assert rule not in {r for r, _ in _rows(plain)}
    preview = run_cli(*args, "--preview", cwd=project)
    _same(run_cli(*args, "--preview", "--no-cache", cwd=project), preview)
    assert rule in {r for r, _ in _rows(preview)}
    _same(plain, run_cli(*args, cwd=project))
    _same(preview, run_cli(*args, "--preview", cwd=project))


@pytest.mark.parametrize(
    "options",
    [
        ["--dialect", "openai"],
        ["--dialect", "mistral", "--dialect", "bedrock"],
        ["--dialect", "gemini", "--dialect", "openai-strict", "--dialect", "vertex"],
        ["--consumer", "model"],
    ],
    ids=["fewer", "others", "more", "consumer"],
)
def test_other_dialects_or_consumers_give_the_output_of_a_cold_run(
    project: Path, run_cli: RunCli, options: list[str]
) -> None:
    """After a run with the configured dialects filled the cache, runs with other dialect
    sets (and another consumer) print what ``--no-cache`` prints with those options."""
    args = ["check", "--format", "json", "--fail-on", "never"]
    default = run_cli(*args, cwd=project)
    cold = run_cli(*args, *options, "--no-cache", cwd=project)
    assert cold.out != default.out  # the options matter to this project
    _same(cold, run_cli(*args, *options, cwd=project))
    _same(cold, run_cli(*args, *options, cwd=project))
    _same(default, run_cli(*args, cwd=project))


def _plant_unsealed(document: dict[str, Any]) -> None:
    """Add a made-up finding to every entry shaped as a tool's lint findings."""
    for _, packed in _lint_entries(document):
        if all(len(item) == 7 for item in packed):
            packed.append(["gemini/type-value", 3, "/planted", PLANTED, "gemini", None, None])


def _plant(document: dict[str, Any]) -> None:
    """``_plant_unsealed``, with each entry's seal made to match."""
    _plant_unsealed(document)
    _reseal(document)


def test_an_entry_edited_after_it_was_written_is_refused(
    project: Path, run_cli: RunCli, cache_dir: Path
) -> None:
    """Attack row 12: a finding planted without the entry's seal changes nothing a run prints,
    and the run rewrites the entry as a fresh fill writes it."""
    args = ["check", "--format", "json", "--fail-on", "never"]
    cold = run_cli(*args, "--no-cache", cwd=project)
    run_cli(*args, cwd=project)
    path = _cache_file(cache_dir, project, "check")
    filled = _tables(path)
    _edit(path, _plant_unsealed)
    _same(cold, run_cli(*args, cwd=project))
    assert _tables(path) == filled


@pytest.mark.parametrize("kind", ["fifo", "symlink-to-dev-zero"])
def test_a_cache_file_that_is_not_a_regular_file_is_left_alone(
    project: Path, run_cli: RunCli, cache_dir: Path, kind: str
) -> None:
    """Attack row 12: a FIFO or a symlink to a device where the cache file goes is neither read
    (no hang) nor replaced; the run prints what a cold run prints."""
    args = ["check", "--format", "json", "--fail-on", "never"]
    cold = run_cli(*args, "--no-cache", cwd=project)
    path = _cache_file(cache_dir, project, "check")
    path.parent.mkdir(parents=True, exist_ok=True)
    if kind == "fifo":
        os.mkfifo(path)
    else:
        path.symlink_to("/dev/zero")
    _same(cold, run_cli(*args, cwd=project))
    assert path.is_symlink() if kind != "fifo" else stat.S_ISFIFO(path.lstat().st_mode)


def test_a_planted_entry_is_used_only_under_the_current_stamp(
    project: Path, run_cli: RunCli, cache_dir: Path
) -> None:
    """The stamp is what guards the entries: a finding planted under the keys of the last
    run shows in the next run when the file's stamp is this code's, and not when it is
    another's (or the format number is another's), whose run prints what a cold run prints
    and rewrites the file under the current stamp."""
    args = ["check", "--format", "json", "--fail-on", "never"]
    cold = run_cli(*args, "--no-cache", cwd=project)
    run_cli(*args, cwd=project)
    path = _cache_file(cache_dir, project, "check")
    filled = path.read_text("utf-8")
    _edit(path, _plant)
    assert PLANTED in run_cli(*args, cwd=project).out  # the right stamp: trusted

    for field, other in (("stamp", "0" * 32), ("format", _FORMAT + 1)):
        path.write_text(filled, encoding="utf-8")

        def plant_elsewhere(
            document: dict[str, Any], field: str = field, other: Any = other
        ) -> None:
            _plant(document)
            document[field] = other

        _edit(path, plant_elsewhere)
        _same(cold, run_cli(*args, cwd=project))
        assert PLANTED not in path.read_text("utf-8")
        assert _tables(path) == json.loads(filled)["tables"]


# --- 5. robustness -------------------------------------------------------------------------------


def _document(change: Callable[[dict[str, Any]], Any]) -> Callable[[str], str]:
    def corrupt(text: str) -> str:
        document = json.loads(text)
        change(document)
        return json.dumps(document)

    return corrupt


def _in_tables(change: Callable[[dict[str, Any]], None]) -> Callable[[str], str]:
    return _document(lambda document: change(document["tables"]))


FILE_DAMAGE: dict[str, Callable[[str], str]] = {
    "not-json": lambda text: "this is not JSON {" + text,
    "truncated": lambda text: text[: len(text) // 2],
    "empty": lambda text: "",
    "a-list": lambda text: "[" + text + "]",
    "a-string": json.dumps,
    "no-tables": _document(lambda document: document.pop("tables")),
    "tables-a-list": _document(lambda document: document.update(tables=[])),
    "a-table-a-list": _in_tables(lambda tables: tables.update({PAIRS: [1, 2]})),
    "stamp-missing": _document(lambda document: document.pop("stamp")),
}


@pytest.mark.parametrize("damage", sorted(FILE_DAMAGE))
def test_a_damaged_cache_file_is_ignored_and_rewritten_valid(
    project: Path, run_cli: RunCli, cache_dir: Path, damage: str
) -> None:
    """A file that is not JSON, is cut short or is JSON of another shape changes nothing a
    run prints; the run writes a valid file, holding what a fresh fill holds."""
    args = ["check", "--jobs", "1", "--format", "json"]
    cold = run_cli(*args, "--no-cache", cwd=project)
    run_cli(*args, cwd=project)
    path = _cache_file(cache_dir, project, "check")
    filled = _tables(path)
    path.write_text(FILE_DAMAGE[damage](path.read_text("utf-8")), encoding="utf-8")
    _same(cold, run_cli(*args, cwd=project))
    assert _tables(path) == filled


def _each_lint_item(change: Callable[[list[Any]], None], width: int) -> Callable[[str], str]:
    """Damage every item of ``width`` fields in lint entries (7: a tool's, 8: a toolset's)."""

    def corrupt(document: dict[str, Any]) -> None:
        found = False
        for _, packed in _lint_entries(document):
            for item in packed:
                if len(item) == width:
                    change(item)
                    found = True
        assert found, "nothing to damage"

    return _document(corrupt)


def _each_pair_item(change: Callable[[list[Any]], None]) -> Callable[[str], str]:
    def corrupt(tables: dict[str, Any]) -> None:
        for entry in tables[PAIRS].values():
            for item in entry[1]:
                change(item)

    return _in_tables(corrupt)


def _set(index: int, value: Any) -> Callable[[list[Any]], None]:
    def change(item: list[Any]) -> None:
        item[index] = value

    return change


def _every_entry(value: Any) -> Callable[[str], str]:
    def corrupt(tables: dict[str, Any]) -> None:
        for entries in tables.values():
            for entry in entries.values():
                entry[1] = value

    return _in_tables(corrupt)


ENTRY_DAMAGE: dict[str, Callable[[str], str]] = {
    "unknown-rule": _each_lint_item(_set(0, "nope/no-such-rule"), 7),
    "message-not-text": _each_lint_item(_set(3, 42), 7),
    "severity-7": _each_lint_item(_set(1, 7), 7),
    "severity-true": _each_lint_item(_set(1, True), 7),
    "severity-text": _each_lint_item(_set(1, "3"), 7),
    "dialect-a-number": _each_lint_item(_set(4, 1), 7),
    "item-too-short": _each_lint_item(lambda item: item.pop(), 7),
    "toolset-tool-a-number": _each_lint_item(_set(0, 5), 8),
    "toolset-unknown-rule": _each_lint_item(_set(1, "nope/no-such-rule"), 8),
    "toolset-item-empty": _each_lint_item(lambda item: item.clear(), 8),
    "pair-unknown-kind": _each_pair_item(_set(0, "diff/no-such-kind")),
    "pair-forward-not-bool": _each_pair_item(_set(8, "yes")),
    "pair-item-too-long": _each_pair_item(lambda item: item.append(None)),
    "entries-objects": _every_entry({"not": "a list"}),
    "entries-lists-of-null": _every_entry([None]),
    "entries-text": _every_entry("findings"),
}


def _damaged(damage: str, sealed: bool) -> Callable[[str], str]:
    """The damage, and then (``sealed``) each entry's seal made to match what it holds."""
    if not sealed:
        return ENTRY_DAMAGE[damage]
    return lambda text: _document(_reseal)(ENTRY_DAMAGE[damage](text))


@pytest.mark.parametrize("sealed", [False, True], ids=["unsealed", "resealed"])
@pytest.mark.parametrize("damage", sorted(ENTRY_DAMAGE))
def test_damaged_entries_never_change_the_output(
    project: Path,
    run_cli: RunCli,
    monkeypatch: pytest.MonkeyPatch,
    cache_dir: Path,
    damage: str,
    sealed: bool,
) -> None:
    """Entries of the wrong shape in a file of the right stamp are judged again, never read:
    same exit code, stdout and stderr as a cold run, and the damaged tools, toolsets or pairs
    are what the run judges (so the entries were found, and refused). Unsealed, the seal
    refuses them; resealed, the decoders' type checks do."""
    args = ["check", "--jobs", "1", "--format", "json"]
    cold = run_cli(*args, "--no-cache", cwd=project)
    run_cli(*args, cwd=project)
    path = _cache_file(cache_dir, project, "check")
    path.write_text(_damaged(damage, sealed)(path.read_text("utf-8")), encoding="utf-8")
    spy = Spy(monkeypatch)
    _same(cold, run_cli(*args, cwd=project))
    assert spy.judged or spy.toolsets or spy.analysed
    spy.reset()
    _same(cold, run_cli(*args, cwd=project))  # and again, whatever the file holds now


@pytest.mark.parametrize("sealed", [False, True], ids=["unsealed", "resealed"])
@pytest.mark.parametrize("damage", ["unknown-rule", "toolset-tool-a-number", "pair-unknown-kind"])
def test_damaged_entries_are_rewritten_valid(
    project: Path, run_cli: RunCli, cache_dir: Path, damage: str, sealed: bool
) -> None:
    """After a run over damaged entries, the file holds what a fresh fill holds."""
    args = ["check", "--jobs", "1", "--format", "json"]
    run_cli(*args, cwd=project)
    path = _cache_file(cache_dir, project, "check")
    filled = _tables(path)
    path.write_text(_damaged(damage, sealed)(path.read_text("utf-8")), encoding="utf-8")
    run_cli(*args, cwd=project)
    assert _tables(path) == filled


def _blocked(
    kind: str, tmp_path: Path, project: Path, monkeypatch: pytest.MonkeyPatch
) -> list[str]:
    """Make the cache unwritable in one way; the extra CLI options that point at it."""
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where the cache folder should be")
    if kind == "env-is-a-file":
        monkeypatch.setenv("SCHEMADRIFT_CACHE_DIR", str(blocker))
        return []
    if kind == "option-below-a-file":
        return ["--cache-dir", str(blocker / "cache")]
    folder = tmp_path / "cache"
    monkeypatch.setenv("SCHEMADRIFT_CACHE_DIR", str(folder))
    if kind == "project-folder-is-a-file":
        folder.mkdir()
        (folder / digest(str(project.resolve()))).write_text("not a folder")
    else:  # the cache file's path is a folder
        _cache_file(folder, project, "check").mkdir(parents=True)
    return []


@pytest.mark.parametrize(
    "kind",
    ["env-is-a-file", "option-below-a-file", "project-folder-is-a-file", "file-is-a-folder"],
)
def test_an_unwritable_cache_changes_nothing(
    project: Path,
    run_cli: RunCli,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    kind: str,
) -> None:
    """A cache that cannot be read or written (a file where a folder must be, or the
    reverse; not chmod: tests may run as root) leaves exit code, stdout and stderr as they
    are without a cache, in every format; what blocks it is left as it was."""
    colds = {fmt: run_cli("check", "--format", fmt, "--no-cache", cwd=project) for fmt in FORMATS}
    extra = _blocked(kind, tmp_path, project, monkeypatch)
    for fmt, cold in colds.items():
        _same(cold, run_cli("check", "--format", fmt, *extra, cwd=project))
    assert (tmp_path / "blocker").read_text() == "a file where the cache folder should be"
    if kind == "file-is-a-folder":
        blocked = _cache_file(tmp_path / "cache", project, "check")
        assert blocked.is_dir() and not any(blocked.iterdir())
    elif kind == "project-folder-is-a-file":
        assert _files(tmp_path / "cache") == [tmp_path / "cache" / digest(str(project.resolve()))]


# --- 6. where the files go ------------------------------------------------------------------------


def test_no_cache_writes_no_file(
    project: Path, run_cli: RunCli, cache_dir: Path, tmp_path: Path
) -> None:
    """``--no-cache`` writes nothing, even beside ``--cache-dir``, for every command."""
    elsewhere = tmp_path / "elsewhere"
    for _, args in COMMANDS.values():
        run_cli(*args, "--no-cache", cwd=project)
        run_cli(*args, "--no-cache", "--cache-dir", str(elsewhere), cwd=project)
    assert _files(cache_dir) == [] and not elsewhere.exists()


@pytest.mark.parametrize("relative", [False, True], ids=["absolute", "relative"])
def test_cache_dir_option_writes_there_only(
    project: Path, run_cli: RunCli, cache_dir: Path, tmp_path: Path, relative: bool
) -> None:
    """``--cache-dir X`` puts the file under X (a relative X from the working directory), and
    nothing under ``$SCHEMADRIFT_CACHE_DIR``."""
    chosen = tmp_path / "chosen"
    option = "../chosen" if relative else str(chosen)
    done = run_cli("check", "--cache-dir", option, cwd=project)
    assert done.code == 1, done.err
    assert _files(chosen) == [_cache_file(chosen, project, "check")]
    assert _files(cache_dir) == []


@pytest.mark.parametrize("source", ["SCHEMADRIFT_CACHE_DIR", "XDG_CACHE_HOME", "HOME"])
def test_the_default_folder_follows_the_environment(
    project: Path, run_cli: RunCli, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, source: str
) -> None:
    """``$SCHEMADRIFT_CACHE_DIR``, else ``$XDG_CACHE_HOME/schemadrift``, else
    ``~/.cache/schemadrift``."""
    base = tmp_path / "base"
    expected = {
        "SCHEMADRIFT_CACHE_DIR": base,
        "XDG_CACHE_HOME": base / "schemadrift",
        "HOME": base / ".cache" / "schemadrift",
    }[source]
    for name in ("SCHEMADRIFT_CACHE_DIR", "XDG_CACHE_HOME"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv(source, str(base))
    run_cli("check", cwd=project)
    assert _files(base) == [_cache_file(expected, project, "check")]


def test_each_command_and_project_keeps_its_own_file(
    project: Path, run_cli: RunCli, cache_dir: Path, tmp_path: Path
) -> None:
    """``lint``, ``diff`` and ``check`` write ``lint.json``, ``diff.json`` and ``check.json``
    in the project's folder; another project (a copy elsewhere) gets another folder."""
    for _, args in COMMANDS.values():
        run_cli(*args, cwd=project)
    other = Path(shutil.copytree(project, tmp_path / "other"))
    run_cli("check", cwd=other)
    assert _files(cache_dir) == sorted(
        [
            *(_cache_file(cache_dir, project, name) for name in ("check", "diff", "lint")),
            _cache_file(cache_dir, other, "check"),
        ]
    )


@pytest.mark.parametrize("between", ["lint-one-file", "diff-files"])
def test_a_lint_or_diff_between_two_checks_does_not_evict_checks_entries(
    project: Path, run_cli: RunCli, monkeypatch: pytest.MonkeyPatch, between: str
) -> None:
    """A ``lint`` of one file (or a ``diff``) between two ``check`` runs leaves ``check``'s
    entries alone: the second ``check`` judges nothing."""
    args = ["check", "--jobs", "1", "--format", "json"]
    first = run_cli(*args, cwd=project)
    other = (
        ["lint", "tools/agent.json"] if between == "lint-one-file" else COMMANDS["diff-files"][1]
    )
    assert run_cli(*other, "--jobs", "1", cwd=project).code == 1
    _forbid_judging(monkeypatch)
    _same(first, run_cli(*args, cwd=project))


# --- 7. the file holds what the last run used ---------------------------------------------------


def test_the_file_holds_only_what_the_last_run_used(
    project: Path, run_cli: RunCli, cache_dir: Path, tmp_path: Path
) -> None:
    """After most tools are removed (and the baseline taken again), the file shrinks to what
    a fresh cache of that run holds; a history of edits to one tool does not make it grow."""
    args = ["check", "--jobs", "1", "--format", "json"]
    run_cli(*args, cwd=project)
    path = _cache_file(cache_dir, project, "check")
    full = _entries(path)
    agent = project / "tools" / "agent.json"
    document = json.loads(agent.read_text("utf-8"))
    document["tools"] = document["tools"][:1]
    agent.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    (project / "tools" / "server.json").unlink()
    assert run_cli("snapshot", cwd=project).code == 0
    fresh = tmp_path / "fresh"
    for step in range(4):  # edit the one tool again and again
        document["tools"][0]["description"] = f"Edit number {step}."
        agent.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
        run_cli(*args, cwd=project)
        run_cli(*args, "--cache-dir", str(fresh), cwd=project)
        assert _tables(path) == _tables(_cache_file(fresh, project, "check"))
        shutil.rmtree(fresh)
    assert 0 < _entries(path) < full / 2


def test_a_run_that_stores_nothing_new_still_drops_what_it_did_not_use(
    project: Path, run_cli: RunCli, cache_dir: Path
) -> None:
    """A run with nothing new to store rewrites the file when it used fewer entries than it
    holds: ``diff`` of the new file with itself, after a ``diff`` old → new that filled the
    file, needs only the new side's entries (no pair, no old side); the next real ``diff``
    fills the file as before."""
    args = [*COMMANDS["diff-files"][1], "--jobs", "1", "--format", "json"]
    filling = run_cli(*args, cwd=project)
    path = _cache_file(cache_dir, project, "diff")
    filled = _tables(path)
    same = run_cli("diff", "tools/agent.json", "tools/agent.json", "--jobs", "1", cwd=project)
    assert same.code == 0, same.err
    kept = _tables(path)
    kept_keys = {(name, key) for name, entries in kept.items() for key in entries}
    filled_keys = {(name, key) for name, entries in filled.items() for key in entries}
    assert kept_keys and kept_keys < filled_keys  # nothing new, some dropped
    assert not any(name == "pairs" and entries for name, entries in kept.items())
    _same(filling, run_cli(*args, cwd=project))
    assert _tables(path) == filled


def test_lint_file_shrinks_with_the_files_linted(
    project: Path, run_cli: RunCli, cache_dir: Path
) -> None:
    """``lint`` of fewer files rewrites its file with fewer entries."""
    run_cli(*COMMANDS["lint"][1], cwd=project)
    path = _cache_file(cache_dir, project, "lint")
    both = _entries(path)
    run_cli("lint", "tools/server.json", cwd=project)
    assert 0 < _entries(path) < both


# --- 8. workers ----------------------------------------------------------------------------------


def test_workers_fill_and_read_the_cache_as_one_process_does(
    tmp_path: Path, run_cli: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With ``--jobs 2`` on a project large enough to fork workers, the filling run, a warm
    run and a run after every tool changed (cached baseline, forked current side) print what
    ``--jobs 1 --no-cache`` prints."""
    project = changed_project(tmp_path / "big", 2 * parallel.MIN_SHARE + 20)
    forks: list[int] = []
    start = parallel._start

    def counted(*args: Any) -> tuple[int, int]:
        forks.append(1)
        return start(*args)

    monkeypatch.setattr(parallel, "_start", counted)
    args = ["check", "--format", "json", "--fail-on", "never"]
    reference = run_cli(*args, "--jobs", "1", "--no-cache", cwd=project)
    assert reference.code == 0 and not forks
    _same(reference, run_cli(*args, "--jobs", "2", cwd=project))
    assert forks  # the filling run judged in workers
    forks.clear()
    _same(reference, run_cli(*args, "--jobs", "2", cwd=project))
    assert not forks  # nothing left to judge
    path = project / "tools" / "all.json"
    document = json.loads(path.read_text("utf-8"))
    for tool in document["tools"]:
        tool["description"] += " Changed."
    path.write_text(json.dumps(document))
    changed = run_cli(*args, "--jobs", "1", "--no-cache", cwd=project)
    assert not forks
    _same(changed, run_cli(*args, "--jobs", "2", cwd=project))
    assert forks

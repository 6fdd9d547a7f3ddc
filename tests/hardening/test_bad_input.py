"""The bad-input matrix: every kind of broken, hostile or huge input a user can feed us.

Unreadable or unparseable input is exit 2 with one message naming the file (and tool and
JSON pointer where there is one) and an empty stdout; ``$ref`` and size problems in a
parseable schema are findings; nothing ever prints a traceback. Most cases run in-process
(``run_cli``) for speed; those whose failure mode needs a fresh process (privileges, deep
stacks, hung children) run ``python -m schemadrift`` as a subprocess.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from tests.conftest import Run, run_subprocess

TOOL = {"type": "object", "properties": {"q": {"type": "string"}}, "required": ["q"]}


def bad(run: Run, *needles: str) -> None:
    """Exit 2, nothing on stdout, no traceback, and every needle in the message."""
    assert run.code == 2, (run.code, run.out, run.err)
    assert run.out == ""
    assert "Traceback" not in run.err
    for needle in needles:
        assert needle in run.err, (needle, run.err)


def completed(run: Run) -> None:
    """The run completed (0 or 1) and printed no traceback."""
    assert run.code in (0, 1), (run.code, run.out, run.err)
    assert "Traceback" not in run.err


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def project(root: Path, config: str = 'sources:\n  - files: "tools/*.json"\n') -> Path:
    """A project with one valid tool file and ``schemadrift.yaml``."""
    write(root / "tools" / "search.json", json.dumps({"name": "search", "input_schema": TOOL}))
    write(root / "schemadrift.yaml", config)
    return root


def git(cwd: Path, *args: str) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(
        GIT_AUTHOR_NAME="t",
        GIT_AUTHOR_EMAIL="t@example.invalid",
        GIT_COMMITTER_NAME="t",
        GIT_COMMITTER_EMAIL="t@example.invalid",
    )
    done = subprocess.run(
        ["git", *args], cwd=cwd, env=env, capture_output=True, check=True, timeout=60
    )
    return done.stdout.decode().strip()


# --- the foundation's list ---------------------------------------------------------------


def test_missing_file(run_cli, tmp_path):
    """A file that does not exist is exit 2 naming it."""
    bad(run_cli("lint", "nope.json", cwd=tmp_path), "nope.json", "no such file")


def test_directory_without_tool_files(run_cli, tmp_path):
    """A directory holding no .json/.yaml file is exit 2 naming the directory."""
    write(tmp_path / "empty" / "README.txt", "hello")
    bad(run_cli("lint", "empty", cwd=tmp_path), "empty", "no tool files")


def test_invalid_json_has_line_and_column(run_cli, tmp_path):
    """Invalid JSON names the file, the line and the column."""
    write(tmp_path / "t.json", '{\n  "type": "object",\n  "properties": {,}\n}\n')
    bad(run_cli("lint", "t.json", cwd=tmp_path), "t.json", "invalid JSON", "line 3", "column")


def test_invalid_yaml(run_cli, tmp_path):
    """Invalid YAML names the file and where it broke."""
    write(tmp_path / "t.yaml", "type: object\nproperties: [a\n  b: }\n")
    bad(run_cli("lint", "t.yaml", cwd=tmp_path), "t.yaml", "invalid YAML", "line")


def test_yaml_custom_tags_are_refused_safely(run_cli, tmp_path):
    """YAML tags that would construct objects are refused by the safe loader, never run."""
    marker = tmp_path / "pwned"
    write(
        tmp_path / "t.yaml",
        f"type: !!python/object/apply:os.system ['touch {marker}']\nx: !custom 1\n",
    )
    bad(run_cli("lint", "t.yaml", cwd=tmp_path), "t.yaml", "invalid YAML", "tag")
    assert not marker.exists()


def test_empty_file(run_cli, tmp_path):
    """An empty (or whitespace-only) file is exit 2 naming it."""
    write(tmp_path / "t.json", "  \n")
    bad(run_cli("lint", "t.json", cwd=tmp_path), "t.json", "empty")


def test_non_utf8_bytes(run_cli, tmp_path):
    """Bytes that are not UTF-8 are exit 2 naming the file and the offset."""
    write(tmp_path / "t.json", b'{"type": "obj\xe9ct"}')
    bad(run_cli("lint", "t.json", cwd=tmp_path), "t.json", "UTF-8", "offset 13")


def test_document_of_no_known_shape_lists_shapes(run_cli, tmp_path):
    """A document of no known shape lists the shapes schemadrift reads."""
    write(tmp_path / "t.json", json.dumps({"hello": "world", "answer": 42}))
    bad(
        run_cli("lint", "t.json", cwd=tmp_path),
        "t.json",
        "no known tool shape",
        "Anthropic tool",
        "MCP tools/list",
    )


def test_tool_without_a_name(run_cli, tmp_path):
    """A tool envelope without a name is exit 2 with the file and JSON pointer."""
    doc = [
        {"name": "ok", "input_schema": TOOL},
        {"type": "function", "function": {"parameters": TOOL}},
    ]
    write(tmp_path / "t.json", json.dumps(doc))
    bad(run_cli("lint", "t.json", cwd=tmp_path), "t.json", "no name", "/1/function/name")


@pytest.mark.parametrize(
    ("content", "needle"),
    [
        ('{"format_version": 1, "tools": [', "invalid JSON"),
        ('{"format_version": "one", "tools": []}', "format_version"),
        ('{"format_version": 1, "tools": {"a": 1}}', "/tools"),
        ('{"format_version": 1, "tools": [{"nom": "x"}]}', "/tools/0"),
        ("[1, 2, 3]", "not a schemadrift snapshot"),
    ],
    ids=["truncated", "bad-version", "tools-not-list", "tool-without-name", "not-a-snapshot"],
)
def test_corrupt_baseline(run_cli, tmp_path, content, needle):
    """A corrupt baseline is exit 2 naming the snapshot file (and pointer)."""
    project(tmp_path)
    write(tmp_path / "schemadrift.lock.json", content)
    bad(run_cli("check", cwd=tmp_path), "schemadrift.lock.json", needle)


def test_baseline_of_newer_format_version(run_cli, tmp_path):
    """A baseline written by a newer schemadrift says to upgrade schemadrift."""
    project(tmp_path)
    write(
        tmp_path / "schemadrift.lock.json",
        json.dumps({"format_version": 99, "generator": {}, "packages": {}, "tools": []}),
    )
    bad(run_cli("check", cwd=tmp_path), "schemadrift.lock.json", "upgrade schemadrift")


def test_check_without_baseline(run_cli, tmp_path):
    """`check` with no baseline says to run `schemadrift snapshot`."""
    project(tmp_path)
    bad(run_cli("check", cwd=tmp_path), "schemadrift.lock.json", "schemadrift snapshot")


def test_unknown_dialect_lists_known(run_cli, tmp_path):
    """An unknown dialect name lists the known ones."""
    write(tmp_path / "t.json", json.dumps(TOOL))
    bad(run_cli("lint", "--dialect", "opneai", "t.json", cwd=tmp_path), "opneai", "json-schema")


def test_bad_config_key_names_nearest(run_cli, tmp_path):
    """An unknown config key names the nearest known key."""
    project(tmp_path, 'dialect: ["openai"]\nsources:\n  - files: "tools/*.json"\n')
    bad(run_cli("check", cwd=tmp_path), "schemadrift.yaml", "'dialect'", "'dialects'")


# --- beyond the foundation ---------------------------------------------------------------


def _nested(levels: int) -> dict:
    schema: dict = {"type": "string"}
    for _ in range(levels):
        schema = {"type": "object", "properties": {"a": schema}}
    return schema


def _deep_json(levels: int) -> str:
    # Built as text: json.dumps itself would overflow the recursion limit.
    head = '{"type": "object", "properties": {"a": ' * levels
    return head + '{"type": "string"}' + "}}" * levels


def test_ten_thousand_deep_nesting_is_a_finding(tmp_path):
    """A valid 10,000-deep schema is read and reported by json-schema/too-deep (exit 1)."""
    write(tmp_path / "deep.json", _deep_json(10_000))
    run = run_subprocess(
        "lint", "--dialect", "openai", "--dialect", "gemini", "deep.json", cwd=tmp_path
    )
    completed(run)
    assert run.code == 1
    assert "json-schema/too-deep" in run.out


def test_ten_thousand_deep_nesting_snapshot(tmp_path):
    """`snapshot` records a 10,000-deep schema instead of crashing on it."""
    project(tmp_path)
    write(tmp_path / "tools" / "deep.json", _deep_json(10_000))
    run = run_subprocess("snapshot", cwd=tmp_path)
    assert run.code == 0, run.err
    assert "Traceback" not in run.err
    assert (tmp_path / "schemadrift.lock.json").stat().st_size > 10_000 * 20


def test_ten_thousand_deep_list_is_refused_or_reported(tmp_path):
    """10,000 nested arrays (not a schema at all) give a clean answer, never a crash."""
    write(tmp_path / "t.json", "[" * 10_000 + "]" * 10_000)
    run = run_subprocess("lint", "t.json", cwd=tmp_path)
    bad(run, "t.json")


def test_fifty_megabyte_file_is_processed(run_cli, tmp_path):
    """A valid 50 MB tool file is linted, not refused."""
    prose = "Explains the parameter in far more words than any model needs. " * 60
    tools = [
        {
            "name": f"tool_{i}",
            "description": prose,
            "input_schema": {
                "type": "object",
                "properties": {
                    f"p{j}": {"type": "string", "description": prose} for j in range(12)
                },
            },
        }
        for i in range(1_100)
    ]
    path = write(tmp_path / "big.json", json.dumps(tools))
    assert path.stat().st_size > 50 * 2**20
    run = run_cli("lint", "--fail-on", "never", "big.json", cwd=tmp_path)
    completed(run)
    assert "1100 tools" in run.out


def test_cyclic_ref(run_cli, tmp_path):
    """A recursive `$ref` (a tree) is linted and diffed without looping."""
    tree = {
        "type": "object",
        "properties": {"root": {"$ref": "#/$defs/node"}},
        "$defs": {
            "node": {
                "type": "object",
                "properties": {"children": {"type": "array", "items": {"$ref": "#/$defs/node"}}},
            },
            "loop": {"$ref": "#/$defs/loop"},
        },
    }
    write(tmp_path / "old.json", json.dumps(tree))
    tree["$defs"]["node"]["properties"]["label"] = {"type": "string"}
    tree["$defs"]["node"]["required"] = ["label"]
    write(tmp_path / "new.json", json.dumps(tree))
    completed(run_cli("lint", "--dialect", "openai", "new.json", cwd=tmp_path))
    completed(run_cli("diff", "old.json", "new.json", cwd=tmp_path))


def test_self_referencing_root(run_cli, tmp_path):
    """`{"$ref": "#"}` under properties is linted without looping."""
    write(tmp_path / "t.json", json.dumps({"type": "object", "properties": {"a": {"$ref": "#"}}}))
    completed(run_cli("lint", "--dialect", "anthropic", "t.json", cwd=tmp_path))


def test_remote_ref_is_a_finding(run_cli, tmp_path):
    """A remote `$ref` is a json-schema/remote-ref finding, not an error (and never fetched)."""
    schema = {"type": "object", "properties": {"a": {"$ref": "https://example.invalid/a.json"}}}
    write(tmp_path / "t.json", json.dumps(schema))
    run = run_cli("lint", "t.json", cwd=tmp_path)
    assert run.code == 1
    assert "json-schema/remote-ref" in run.out
    assert "/input_schema/properties/a/$ref" in run.out


def test_ref_into_missing_file_is_a_finding(run_cli, tmp_path):
    """A `$ref` into another (missing) file is a finding that names the reference."""
    schema = {"type": "object", "properties": {"a": {"$ref": "defs/missing.json#/A"}}}
    write(tmp_path / "t.json", json.dumps(schema))
    run = run_cli("lint", "t.json", cwd=tmp_path)
    assert run.code == 1
    assert "defs/missing.json#/A" in run.out


def test_unresolved_local_ref_is_a_finding(run_cli, tmp_path):
    """A local `$ref` to a missing definition is json-schema/unresolved-ref."""
    schema = {"type": "object", "properties": {"a": {"$ref": "#/$defs/Missing"}}}
    write(tmp_path / "t.json", json.dumps(schema))
    run = run_cli("lint", "t.json", cwd=tmp_path)
    assert run.code == 1
    assert "json-schema/unresolved-ref" in run.out


def test_huge_enum(run_cli, tmp_path):
    """An enum of 200,000 values is processed quickly and judged (findings, not a crash)."""
    values = [f"value-{i}" for i in range(200_000)]
    schema = {"type": "object", "properties": {"a": {"type": "string", "enum": values}}}
    write(tmp_path / "t.json", json.dumps(schema))
    start = time.perf_counter()
    run = run_cli(
        "lint", "--dialect", "openai-strict", "--dialect", "gemini", "t.json", cwd=tmp_path
    )
    completed(run)
    assert time.perf_counter() - start < 20


def test_duplicate_keys_are_rejected_naming_the_file(run_cli, tmp_path):
    """Duplicate keys in one JSON object are refused (parsers disagree on which wins)."""
    write(tmp_path / "t.json", '{"type": "object", "type": "string"}')
    bad(run_cli("lint", "t.json", cwd=tmp_path), "t.json", "duplicate key 'type'")


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_nan_and_infinity_are_rejected(run_cli, tmp_path, constant):
    """NaN/Infinity are not JSON: exit 2 naming the file and the constant."""
    write(tmp_path / "t.json", f'{{"type": "number", "maximum": {constant}}}')
    bad(run_cli("lint", "t.json", cwd=tmp_path), "t.json", constant)


def test_byte_order_mark_is_accepted(run_cli, tmp_path):
    """A UTF-8 byte-order mark is accepted, in JSON and in YAML."""
    write(tmp_path / "a.json", b"\xef\xbb\xbf" + json.dumps(TOOL).encode())
    write(tmp_path / "b.yaml", b"\xef\xbb\xbftype: object\nproperties: {}\n")
    run = run_cli("lint", "a.json", "b.yaml", cwd=tmp_path)
    assert run.code == 0, run.err


LONE = '{"tools":[{"name":"s\\ud800","description":"%s","input_schema":{"type":"object"}}]}'
FORMATS = ("text", "json", "markdown", "github", "sarif", "junit")


@pytest.mark.parametrize("fmt", FORMATS)
def test_lone_surrogate_reaches_every_report_as_its_escape(tmp_path, fmt):
    """JSON lets a string hold a lone surrogate, which UTF-8 cannot encode: a tool name or
    description holding one is reported (as the escape ``\\ud800``), never a traceback; in
    the JSON formats the escape reads back as the same string."""
    write(tmp_path / "old.json", LONE % "before")
    write(tmp_path / "new.json", LONE % "after \\udfff")
    for args in (("lint", "new.json"), ("diff", "old.json", "new.json")):
        run = run_subprocess(*args, "--format", fmt, "--no-cache", cwd=tmp_path)
        completed(run)
        assert "\\ud800" in run.out, run.out
        if fmt in ("json", "sarif"):
            assert "s\ud800" in json.dumps(json.loads(run.out), ensure_ascii=False)


def test_lone_surrogate_in_a_snapshot_and_report_files(run_cli, tmp_path):
    """A snapshot, an ``--output`` report and the results cache holding a lone surrogate
    are written (as the JSON escape) and read back unchanged; ``check`` then passes."""
    root = tmp_path / "p"
    write(root / "tools" / "a.json", LONE % "x \\udc00")
    write(root / "schemadrift.yaml", 'sources:\n  - files: "tools/*.json"\n')
    assert run_cli("snapshot", cwd=root).code == 0
    snapshot = json.loads((root / "schemadrift.lock.json").read_text("utf-8"))
    assert snapshot["tools"][0]["name"] == "s\ud800"
    for _ in range(2):  # the second run reads the results cache the first one wrote
        run = run_cli("check", "--format", "json", "--output", "r.json", cwd=root)
        completed(run)
        report = json.loads((root / "r.json").read_text("utf-8"))
        assert {f["tool"] for f in report["findings"]} == {"s\ud800"}


def test_symlink_loop_in_directory_walk(run_cli, tmp_path):
    """A symlink loop under a linted directory is not followed."""
    write(tmp_path / "tools" / "t.json", json.dumps(TOOL))
    (tmp_path / "tools" / "sub").mkdir()
    (tmp_path / "tools" / "sub" / "up").symlink_to("..", target_is_directory=True)
    (tmp_path / "tools" / "self").symlink_to("self")
    run = run_cli("lint", "tools", cwd=tmp_path)
    assert run.code == 0, run.err
    assert "1 tool" in run.out


def test_symlink_loop_in_config_glob(run_cli, tmp_path):
    """A symlink loop under a `**` glob of the config is not followed."""
    project(tmp_path, 'sources:\n  - files: "**/*.json"\n')
    (tmp_path / "tools" / "loop").symlink_to("..", target_is_directory=True)
    (tmp_path / "tools" / "dangling.json").symlink_to("nowhere.json")
    run = run_cli("snapshot", cwd=tmp_path)
    # the dangling link is named; a loop never hangs the walk
    assert run.code in (0, 2), run.err
    assert "Traceback" not in run.err
    if run.code == 2:
        assert "dangling.json" in run.err
    (tmp_path / "tools" / "dangling.json").unlink()
    run = run_cli("snapshot", cwd=tmp_path)
    assert run.code == 0, run.err
    assert "wrote 1 tool" in run.out


def test_unreadable_file_permissions(tmp_path):
    """A file the user may not read is exit 2 "permission denied" naming it (run unprivileged)."""
    # CI runs as root, which reads anything: drop to nobody (65534) with util-linux's setpriv
    assert shutil.which("setpriv"), "setpriv (util-linux) is needed to drop privileges"
    assert os.geteuid() == 0, "this test drops privileges with setpriv and must start as root"
    tmp_path.chmod(0o755)
    for parent in tmp_path.parents:
        if parent == Path("/"):
            break
        parent.chmod(parent.stat().st_mode | 0o005)
    write(tmp_path / "ok.json", json.dumps(TOOL)).chmod(0o644)
    secret = write(tmp_path / "secret.json", json.dumps(TOOL))
    secret.chmod(0o000)
    env = {**os.environ, "HOME": str(tmp_path), "PYTHONDONTWRITEBYTECODE": "1"}
    done = subprocess.run(
        [
            "setpriv",
            "--reuid",
            "65534",
            "--regid",
            "65534",
            "--clear-groups",
            sys.executable,
            "-m",
            "schemadrift",
            "lint",
            "ok.json",
            "secret.json",
        ],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        timeout=60,
        check=False,
    )
    run = Run(done.returncode, done.stdout.decode(), done.stderr.decode())
    bad(run, "secret.json", "permission denied")


def test_git_ref_that_does_not_exist(run_cli, tmp_path):
    """`check --against` a ref that does not exist is exit 2 naming the ref."""
    project(tmp_path)
    git(tmp_path, "init", "-q")
    assert run_cli("snapshot", cwd=tmp_path).code == 0
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-qm", "baseline")
    bad(
        run_cli("check", "--against", "no-such-branch", cwd=tmp_path),
        "no-such-branch",
        "no such ref",
    )


def test_shallow_clone_says_fetch_depth(run_cli, tmp_path):
    """In a shallow clone, a ref outside the history says to fetch full history."""
    origin = project(tmp_path / "origin")
    git(origin, "init", "-q")
    git(origin, "add", "-A")
    git(origin, "commit", "-qm", "one")
    first = git(origin, "rev-parse", "HEAD")
    write(origin / "tools" / "other.json", json.dumps({"name": "other", "input_schema": TOOL}))
    git(origin, "add", "-A")
    git(origin, "commit", "-qm", "two")
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{origin}", str(clone))
    bad(run_cli("check", "--against", first, cwd=clone), first, "shallow", "fetch-depth: 0")


@pytest.mark.parametrize(
    "config",
    [
        'snapshot: "../outside.lock.json"\nsources:\n  - files: "tools/*.json"\n',
        'sources:\n  - files: "../*.json"\n',
        'sources:\n  - files: "/etc/*.json"\n',
    ],
    ids=["snapshot", "relative-glob", "absolute-glob"],
)
def test_config_pointing_outside_the_repo(run_cli, tmp_path, config):
    """A config path that leaves the project root is exit 2 naming the key."""
    root = project(tmp_path / "repo", config)
    bad(run_cli("snapshot", cwd=root), "schemadrift.yaml", "outside the project root")
    assert not (tmp_path / "outside.lock.json").exists()


def test_command_source_that_hangs(run_cli, tmp_path):
    """A command source that never finishes is stopped at its timeout: exit 2 naming it."""
    config = f"sources:\n  - command: [{json.dumps(sys.executable)}, '-c', 'import time; time.sleep(600)']\n    timeout: 1\n"
    project(tmp_path, config)
    start = time.perf_counter()
    bad(run_cli("snapshot", cwd=tmp_path), "command", "time.sleep(600)", "timeout")
    assert time.perf_counter() - start < 30


def test_command_source_that_prints_garbage(run_cli, tmp_path):
    """A command source whose stdout is not JSON is exit 2 naming the command."""
    config = f"sources:\n  - command: [{json.dumps(sys.executable)}, '-c', 'print(\"hello\")']\n"
    project(tmp_path, config)
    bad(run_cli("snapshot", cwd=tmp_path), "command")


FLOOD = "import sys\nline = 'x' * 65536 + '\\n'\nwhile True:\n    sys.stdout.write(line)\n"
FLOOD_NO_NEWLINE = "import sys\nwhile True:\n    sys.stdout.write('y' * 65536)\n"


@pytest.mark.parametrize("script", [FLOOD, FLOOD_NO_NEWLINE], ids=["lines", "one-endless-line"])
def test_mcp_server_that_floods_stdout(tmp_path, script):
    """An MCP server that floods stdout is stopped with exit 2, bounded in time and memory."""
    write(tmp_path / "flood.py", script)
    config = f"sources:\n  - mcp: [{json.dumps(sys.executable)}, flood.py]\n    timeout: 3\n"
    project(tmp_path, config)
    start = time.perf_counter()
    with (tmp_path / "out").open("wb") as out, (tmp_path / "err").open("wb") as err:
        proc = subprocess.Popen(
            [sys.executable, "-m", "schemadrift", "snapshot"], cwd=tmp_path, stdout=out, stderr=err
        )
        guard = threading.Timer(60, proc.kill)
        guard.start()
        _, status, usage = os.wait4(proc.pid, 0)
        guard.cancel()
        proc.returncode = os.waitstatus_to_exitcode(status)
    run = Run(
        proc.returncode, (tmp_path / "out").read_text(), (tmp_path / "err").read_text("utf-8")
    )
    bad(run, "flood.py")
    assert time.perf_counter() - start < 30
    assert usage.ru_maxrss < 1024 * 1024, f"peak RSS {usage.ru_maxrss} KB"  # under 1 GB


def test_mcp_server_that_exits_at_once(run_cli, tmp_path):
    """An MCP server that dies before answering is exit 2 naming it."""
    python = json.dumps(sys.executable)
    config = f"sources:\n  - mcp: [{python}, '-c', 'raise SystemExit(4)']\n    timeout: 5\n"
    project(tmp_path, config)
    bad(run_cli("snapshot", cwd=tmp_path), "mcp")


def test_unknown_schema_uri_is_a_finding(run_cli, tmp_path):
    """An unknown `$schema` URI is a warning finding, judged as 2020-12 and never fetched."""
    write(tmp_path / "t.json", json.dumps({"$schema": "https://example.invalid/meta", **TOOL}))
    run = run_cli("lint", "--fail-on", "warning", "t.json", cwd=tmp_path)
    assert run.code == 1
    assert "json-schema/unknown-draft" in run.out


def test_schema_that_is_not_a_schema_is_a_finding(run_cli, tmp_path):
    """A property whose value is a string, not a schema, is a valid-under-draft finding."""
    write(
        tmp_path / "t.json",
        json.dumps(
            {"name": "t", "input_schema": {"type": "object", "properties": {"q": "string"}}}
        ),
    )
    run = run_cli("lint", "t.json", cwd=tmp_path)
    assert run.code == 1
    assert "json-schema/valid-under-draft" in run.out


def test_stdin_garbage(tmp_path):
    """Garbage on stdin (`-`) is exit 2 naming <stdin>."""
    bad(run_subprocess("lint", "-", cwd=tmp_path, input=b"\x00\x01garbage"), "<stdin>")


def test_invalid_toml_config(run_cli, tmp_path):
    """A pyproject.toml that is not TOML is exit 2 naming it."""
    write(tmp_path / "pyproject.toml", "[tool.schemadrift\nsources = 1\n")
    bad(run_cli("check", cwd=tmp_path), "pyproject.toml", "TOML")


def test_two_configs(run_cli, tmp_path):
    """Both [tool.schemadrift] and schemadrift.yaml present is exit 2 saying to keep one."""
    project(tmp_path)
    write(
        tmp_path / "pyproject.toml", '[tool.schemadrift]\nsources = [{ files = "tools/*.json" }]\n'
    )
    bad(run_cli("check", cwd=tmp_path), "schemadrift.yaml", "keep one")


def test_bad_config_value(run_cli, tmp_path):
    """A config value of the wrong type is exit 2 naming the key."""
    project(tmp_path, 'fail_on: sometimes\nsources:\n  - files: "tools/*.json"\n')
    bad(run_cli("check", cwd=tmp_path), "schemadrift.yaml", "fail_on")


def test_diff_side_missing(run_cli, tmp_path):
    """`diff` with a side that does not exist is exit 2 naming it."""
    write(tmp_path / "a.json", json.dumps(TOOL))
    bad(run_cli("diff", "a.json", "b.json", cwd=tmp_path), "b.json")


def test_output_into_a_directory_that_is_a_file(run_cli, tmp_path):
    """`--output` under a path that is a file is a clean exit 2, not a traceback."""
    write(tmp_path / "t.json", json.dumps(TOOL))
    write(tmp_path / "blocker", "x")
    run = run_cli("lint", "--output", "blocker/report.txt", "t.json", cwd=tmp_path)
    bad(run, "blocker")

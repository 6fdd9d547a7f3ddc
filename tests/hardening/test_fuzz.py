"""Fuzzing: random JSON values and random schemas as tool files, baselines and configs never
crash schemadrift (no exit 3, no traceback; on exit 2 stdout stays empty).

Runs in-process through ``schemadrift.cli.main``. The suite runs ``SCHEMADRIFT_FUZZ_EXAMPLES``
examples per test (default 60: enough to meet every strategy branch, as the crashes this
found were met within the first few dozen examples); ``benchmarks/fuzz.py`` runs the long
count (a bounded run in ``.ci/run``, 100,000 in all by hand).
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from schemadrift import registry

EXAMPLES = int(os.environ.get("SCHEMADRIFT_FUZZ_EXAMPLES", "60"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
ALL_DIALECTS = registry.provider_dialects()
DIALECT_ARGS = [arg for dialect in ALL_DIALECTS for arg in ("--dialect", dialect)]

# --- strategies ----------------------------------------------------------------------------

KEYS = st.sampled_from(
    ["a", "name", "type", "q", "", "~/", "é", "$ref", "properties", "x-y", "0", "items", "\ud800"]
) | st.text(max_size=8)
SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=12)
    | st.just("lone \udfff surrogate")  # valid in a JSON string, not encodable as UTF-8
)
JSON_VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(KEYS, inner, max_size=4),
    max_leaves=25,
)
TYPES = st.sampled_from(
    ["object", "string", "integer", "number", "boolean", "array", "null", "any", "int", ""]
)
REFS = st.sampled_from(
    [
        "#",
        "#/",
        "#/$defs/A",
        "#/$defs/Missing",
        "#/definitions/B",
        "#/properties/a",
        "#A",
        "#/$defs/A/properties/self",
        "https://example.invalid/x.json",
        "other.json#/X",
        "urn:x:y",
        "#/%24defs/A",
        "#/$defs/~1",
        "",
    ]
)


def _schema_node(inner: st.SearchStrategy) -> st.SearchStrategy:
    """One schema object: keywords with right or wrong values, children drawn from ``inner``."""
    keyword_values = {
        "type": TYPES | st.lists(TYPES, max_size=3) | JSON_VALUES,
        "properties": st.dictionaries(KEYS, inner, max_size=4) | JSON_VALUES,
        "required": st.lists(KEYS, max_size=3) | JSON_VALUES,
        "items": inner | st.lists(inner, max_size=2),
        "prefixItems": st.lists(inner, max_size=2),
        "additionalProperties": st.booleans() | inner,
        "anyOf": st.lists(inner, max_size=3),
        "oneOf": st.lists(inner, max_size=3),
        "allOf": st.lists(inner, max_size=3),
        "not": inner,
        "enum": st.lists(SCALARS, max_size=5) | JSON_VALUES,
        "const": JSON_VALUES,
        "$ref": REFS | JSON_VALUES,
        "$defs": st.dictionaries(st.sampled_from(["A", "B", "~1", "self"]), inner, max_size=3),
        "definitions": st.dictionaries(st.sampled_from(["A", "B"]), inner, max_size=2),
        "$anchor": st.sampled_from(["A", "B"]),
        "$schema": st.sampled_from(
            [
                "https://json-schema.org/draft/2020-12/schema",
                "http://json-schema.org/draft-07/schema#",
                "http://json-schema.org/draft-04/schema#",
                "https://example.invalid/meta",
            ]
        )
        | JSON_VALUES,
        "minimum": SCALARS,
        "maximum": SCALARS,
        "exclusiveMinimum": SCALARS,
        "minLength": SCALARS,
        "maxItems": SCALARS,
        "pattern": st.sampled_from(["^[a-z]+$", "(", "[", "\\d+", "(?<x>a)"]) | SCALARS,
        "format": st.sampled_from(["date", "email", "uuid", "nope"]),
        "default": JSON_VALUES,
        "description": st.text(max_size=30),
        "title": st.text(max_size=10),
        "nullable": st.booleans(),
        "if": inner,
        "then": inner,
        "else": inner,
        "dependentSchemas": st.dictionaries(KEYS, inner, max_size=2),
        "patternProperties": st.dictionaries(st.sampled_from(["^a", "(", ".*"]), inner, max_size=2),
        "propertyOrdering": st.lists(KEYS, max_size=3),
    }
    return st.fixed_dictionaries({}, optional=dict(keyword_values.items()))


SCHEMAS = st.recursive(
    st.booleans() | st.just({}) | st.just({"type": "string"}),
    _schema_node,
    max_leaves=12,
)
OBJECT_SCHEMAS = st.builds(
    lambda props, extra: {"type": "object", "properties": props, **extra},
    st.dictionaries(KEYS, SCHEMAS, max_size=4),
    _schema_node(SCHEMAS),
)
NAMES = st.sampled_from(
    ["search", "get_weather", "a" * 70, "bad name!", "", "x", "é", "s\ud800"]
) | st.text(max_size=10)


@st.composite
def tool_documents(draw: st.DrawFn) -> object:
    """A document in one of the input shapes, built around a random schema."""
    schema = draw(OBJECT_SCHEMAS | SCHEMAS)
    name = draw(NAMES)
    description = draw(st.none() | st.text(max_size=40))
    strict = draw(st.none() | st.booleans())
    tool = {
        "anthropic": {"name": name, "description": description, "input_schema": schema},
        "openai": {
            "type": "function",
            "function": {
                "name": name,
                "description": description,
                "parameters": schema,
                "strict": strict,
            },
        },
        "responses": {"type": "function", "name": name, "parameters": schema, "strict": strict},
        "mcp": {"name": name, "inputSchema": schema, "outputSchema": draw(st.none() | SCHEMAS)},
        "gemini": {"functionDeclarations": [{"name": name, "parameters": schema}]},
        "gemini-json": {"functionDeclarations": [{"name": name, "parametersJsonSchema": schema}]},
        "bedrock": {"toolSpec": {"name": name, "inputSchema": {"json": schema}, "strict": strict}},
        "bare": schema,
    }[
        draw(
            st.sampled_from(
                [
                    "anthropic",
                    "openai",
                    "responses",
                    "mcp",
                    "gemini",
                    "gemini-json",
                    "bedrock",
                    "bare",
                ]
            )
        )
    ]
    wrap = draw(st.sampled_from(["one", "list", "tools", "jsonrpc"]))
    if wrap == "list":
        return [tool, *draw(st.lists(st.just(tool), max_size=2))]
    if wrap == "tools" and not (isinstance(tool, dict) and "functionDeclarations" in tool):
        return {"tools": [tool]}
    if wrap == "jsonrpc":
        return {"jsonrpc": "2.0", "id": 1, "result": {"tools": [tool]}}
    return tool


# --- running -------------------------------------------------------------------------------


@contextlib.contextmanager
def workdir() -> Iterator[Path]:
    old = Path.cwd()
    with tempfile.TemporaryDirectory(prefix="schemadrift-fuzz-") as tmp:
        os.chdir(tmp)
        try:
            yield Path(tmp)
        finally:
            os.chdir(old)


_OUT, _ERR = io.StringIO(), io.StringIO()


def run(*args: str) -> tuple[int, str, str]:
    """``schemadrift ARGS`` in-process, with its exit code, stdout and stderr.

    The same two buffers serve every example: click keeps the text stream it writes to per
    stream object for the life of the process (a ``WeakKeyDictionary`` whose value is the
    stream itself, so it is never let go), and a new buffer per example would keep every
    report of a 100,000-example run alive.
    """
    from schemadrift.cli import main

    for buffer in (_OUT, _ERR):
        buffer.seek(0)
        buffer.truncate()
    with contextlib.redirect_stdout(_OUT), contextlib.redirect_stderr(_ERR):
        code = main(list(args))
    return code, _OUT.getvalue(), _ERR.getvalue()


COLLECT = os.environ.get("SCHEMADRIFT_FUZZ_COLLECT")
"""When set (``benchmarks/fuzz.py``), crashes are appended to this file instead of failing,
so one long run lists every distinct crash site."""


def assert_survived(code: int, out: str, err: str) -> None:
    if COLLECT and (code == 3 or "Traceback" in err):
        frames = [line.strip() for line in err.splitlines() if line.strip().startswith("File ")]
        errors = [line for line in err.splitlines() if line and not line.startswith(" ")]
        site = frames[-1] if frames else "?"
        kind = next((e for e in reversed(errors) if "Error" in e or "Exception" in e), "?")
        with open(COLLECT, "a", encoding="utf-8") as handle:
            handle.write(json.dumps({"site": site, "error": kind[:200]}) + "\n")
        return
    assert code != 3 and "Traceback" not in err, err
    assert code in (0, 1, 2), (code, err)
    if code == 2:
        assert out == "", out
        assert err.startswith("schemadrift: error:") or "Error:" in err, err


def dump(value: object) -> str:
    """JSON text with non-ASCII characters as they are, except lone surrogates (which no
    UTF-8 file can hold): those become the JSON escape they decode from."""
    text = json.dumps(value, ensure_ascii=False)
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


# --- tests ---------------------------------------------------------------------------------


@FUZZ
@given(value=JSON_VALUES)
def test_random_json_values_as_tool_files(value):
    """Any JSON value as a tool file: lint never crashes."""
    with workdir() as root:
        (root / "t.json").write_text(dump(value), encoding="utf-8")
        assert_survived(*run("lint", *DIALECT_ARGS, "t.json"))


@FUZZ
@given(doc=tool_documents())
def test_random_schemas_as_tool_files(doc):
    """Random schemas in every input shape: lint with every dialect never crashes."""
    with workdir() as root:
        (root / "t.json").write_text(dump(doc), encoding="utf-8")
        assert_survived(*run("lint", *DIALECT_ARGS, "--format", "json", "t.json"))


@FUZZ
@given(old=tool_documents(), new=tool_documents())
def test_random_schemas_diffed(old, new):
    """Two random tool documents: diff never crashes."""
    with workdir() as root:
        (root / "old.json").write_text(dump(old), encoding="utf-8")
        (root / "new.json").write_text(dump(new), encoding="utf-8")
        assert_survived(*run("diff", "old.json", "new.json"))


@st.composite
def baselines(draw: st.DrawFn) -> object:
    """A snapshot-like document with random records, or any JSON value."""
    record = st.fixed_dictionaries(
        {"name": NAMES | JSON_VALUES},
        optional={
            "input_schema": SCHEMAS | JSON_VALUES,
            "output_schema": SCHEMAS,
            "description": st.text(max_size=10) | JSON_VALUES,
            "strict": st.booleans() | JSON_VALUES,
            "origin": st.fixed_dictionaries(
                {},
                optional={
                    "kind": st.text(max_size=5),
                    "shape": st.text(max_size=5),
                    "location": st.text(max_size=5) | JSON_VALUES,
                    "line": JSON_VALUES,
                },
            )
            | JSON_VALUES,
            "variants": st.dictionaries(st.sampled_from(ALL_DIALECTS), SCHEMAS, max_size=2)
            | JSON_VALUES,
            "envelope": JSON_VALUES,
        },
    )
    snapshot = st.fixed_dictionaries(
        {"format_version": st.just(1) | JSON_VALUES, "tools": st.lists(record, max_size=3)},
        optional={"generator": JSON_VALUES, "packages": st.dictionaries(KEYS, KEYS) | JSON_VALUES},
    )
    return draw(snapshot | JSON_VALUES)


@FUZZ
@given(baseline=baselines(), current=tool_documents())
def test_random_baselines(baseline, current):
    """Random baselines against random current tools: check never crashes."""
    with workdir() as root:
        (root / "tools").mkdir()
        (root / "tools" / "t.json").write_text(dump(current), encoding="utf-8")
        (root / "schemadrift.yaml").write_text(
            'sources:\n  - files: "tools/*.json"\n', encoding="utf-8"
        )
        (root / "schemadrift.lock.json").write_text(dump(baseline), encoding="utf-8")
        assert_survived(*run("check", "--format", "json"))


CONFIG_KEYS = st.sampled_from(
    [
        "version",
        "snapshot",
        "acks",
        "dialects",
        "consumers",
        "fail_on",
        "format",
        "output",
        "preview",
        "rules",
        "sources",
        "dialect",
        "source",
    ]
)
SOURCE_ITEMS = st.fixed_dictionaries(
    {},
    optional={
        "files": st.sampled_from(["tools/*.json", "**/*.json", "../x", "/etc/*", "["])
        | JSON_VALUES,
        "dialects": st.lists(st.sampled_from([*ALL_DIALECTS, "nope"]), max_size=2) | JSON_VALUES,
        "timeout": JSON_VALUES,
        "shape": JSON_VALUES,
        "python": JSON_VALUES,
    },
)
CONFIG_VALUES = {
    "dialects": st.lists(st.sampled_from([*ALL_DIALECTS, "nope"]), max_size=3),
    "fail_on": st.sampled_from(["error", "warning", "info", "never", "sometimes"]),
    "format": st.sampled_from(["text", "json", "markdown", "github", "sarif", "junit", "xml"]),
    "sources": st.lists(SOURCE_ITEMS, max_size=2),
    "rules": st.dictionaries(
        st.sampled_from(
            ["json-schema/remote-ref", "openai/*", "nope/rule", "gemini/unsupported-keyword"]
        ),
        st.sampled_from(["error", "warning", "info", "off", "loud"]) | JSON_VALUES,
        max_size=2,
    ),
    "snapshot": st.sampled_from(["base.lock.json", "../x.json", "/tmp/x.json", "sub/l.json"]),
    "version": JSON_VALUES,
}


@st.composite
def configs(draw: st.DrawFn) -> dict:
    keys = draw(st.lists(CONFIG_KEYS, max_size=5, unique=True))
    return {key: draw(CONFIG_VALUES.get(key, JSON_VALUES) | JSON_VALUES) for key in keys}


@FUZZ
@given(config=configs(), as_toml=st.booleans())
def test_random_configs(config, as_toml):
    """Random configurations (YAML, or JSON-in-YAML, and TOML when expressible): never crash."""
    with workdir() as root:
        (root / "tools").mkdir()
        (root / "tools" / "t.json").write_text(
            dump({"name": "t", "input_schema": {"type": "object"}}), encoding="utf-8"
        )
        toml = _to_toml(config) if as_toml else None
        if toml is not None:
            (root / "pyproject.toml").write_text(toml, encoding="utf-8")
        else:
            (root / "schemadrift.yaml").write_text(dump(config), encoding="utf-8")
        assert_survived(*run("check"))
        assert_survived(*run("snapshot"))


def _to_toml(config: dict) -> str | None:
    """``[tool.schemadrift]`` text for ``config`` when every value is TOML-expressible."""
    lines = ["[tool.schemadrift]"]

    def value(item: object) -> str | None:
        if item is None:
            return None
        if isinstance(item, bool):
            return "true" if item else "false"
        if isinstance(item, (int, float)):
            return repr(item) if abs(item) < 2**63 else None
        if isinstance(item, str):
            return json.dumps(item)
        if isinstance(item, list):
            parts = [value(x) for x in item]
            return None if None in parts else "[" + ", ".join(parts) + "]"  # type: ignore[arg-type]
        if isinstance(item, dict):
            pairs = [(json.dumps(str(k)), value(v)) for k, v in item.items()]
            if any(v is None for _, v in pairs):
                return None
            return "{" + ", ".join(f"{k} = {v}" for k, v in pairs) + "}"
        return None

    for key, item in config.items():
        rendered = value(item)
        if rendered is None:
            return None
        lines.append(f"{json.dumps(key)} = {rendered}")
    return "\n".join(lines) + "\n"

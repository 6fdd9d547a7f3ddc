"""Cases for the ``openai`` and ``mistral`` packs beyond each rule's examples.

Pointers are checked exactly (from the tool record). The ``openai-strict`` cases are in
``test_rule_openai_strict.py``, which builds its tools with ``fn`` and ``hits`` from here. Every
corpus verdict is checked in ``tests/corpus``; the real production toolsets are scored in CI
(``benchmarks/real_toolsets.py``, a gate of ``.ci/run``).
"""

from __future__ import annotations

import pytest

from schemadrift.engine import Linter
from schemadrift.model import JSON, Severity, Tool
from tests.helpers.tools import lint_one, make_tool, tools_of

MINE = ("openai", "openai-strict", "mistral")


def fn(name: str, schema: JSON, **function: JSON) -> dict[str, JSON]:
    return {"type": "function", "function": {"name": name, "parameters": schema, **function}}


def hits(rule_id: str, value: JSON, dialect: str | None = None) -> list[tuple[str, str]]:
    """``(pointer, severity)`` of ``rule_id``'s findings on ``value`` (any input shape)."""
    found = lint_one(rule_id, tools_of(value), dialect or rule_id.split("/", maxsplit=1)[0])
    return [(f.pointer, f.severity.label) for f in found]


# --- exact pointers -------------------------------------------------------------------------


def test_root_type_missing_points_at_root() -> None:
    """A root without `type` is reported at the schema root, as OpenAI's `got type: "None"`."""
    found = lint_one("openai/root-type-object", [make_tool({"properties": {}})], "openai")
    assert [(f.pointer, f.message) for f in found] == [
        ("/input_schema", 'schema must be a JSON Schema of type: "object", got type: "None"')
    ]


def test_root_type_wrong_points_at_type() -> None:
    """A wrong root type is reported at `/type`; a type list holding object only warns."""
    assert hits("openai/root-type-object", {"type": "string"}) == [("/input_schema/type", "error")]
    listed = {"type": ["object", "null"], "properties": {}}
    assert hits("openai/root-type-object", listed) == [("/input_schema/type", "warning")]


def test_parameters_omitted_is_a_function_without_arguments() -> None:
    """OpenAI accepts a function with no `parameters`; no root rule fires on it."""
    tool = {"type": "function", "function": {"name": "ping"}}
    # Only our packs: the always-on json-schema pack is not what this test is about.
    linter = Linter(enabled=lambda rule: rule.pack in MINE)
    found = linter.lint(tools_of(tool), ["openai"])
    assert [f.rule_id for f in found if f.severity is Severity.ERROR] == []


def test_root_composition_points_at_each_keyword() -> None:
    """Each forbidden root keyword gets its own pointer, nested ones none."""
    schema = {
        "type": "object",
        "properties": {"a": {"anyOf": [{"type": "string"}, {"type": "null"}]}},
        "oneOf": [{"required": ["a"]}],
        "enum": [{}],
    }
    assert hits("openai/root-composition", schema) == [
        ("/input_schema/enum", "error"),
        ("/input_schema/oneOf", "error"),
    ]


def test_array_items_in_type_list_and_nested() -> None:
    """`array` inside a type list and under `items` is found, with the array node's pointer."""
    schema = {
        "type": "object",
        "properties": {
            "rows": {"type": "array", "items": {"type": ["array", "null"]}},
            "ok": {"type": "array", "items": {"type": "string"}},
        },
    }
    assert hits("openai/array-items", schema) == [("/input_schema/properties/rows/items", "error")]


def test_property_schema_escapes_pointer_tokens() -> None:
    """A property name with `/` and `~` is escaped in the pointer (RFC 6901)."""
    schema = {"type": "object", "properties": {"a/b~c": "string"}}
    assert hits("openai/property-schema", schema) == [("/input_schema/properties/a~1b~0c", "error")]


# --- toolset rules ------------------------------------------------------------------------


def many(count: int) -> list[JSON]:
    return [fn(f"t{i}", {"type": "object", "properties": {}}) for i in range(count)]


def test_too_many_tools_boundary() -> None:
    """128 tools pass and 129 fail with one finding for the whole request."""
    assert lint_one("openai/too-many-tools", tools_of(many(128)), "openai") == []
    found = lint_one("openai/too-many-tools", tools_of(many(129)), "openai")
    assert [(f.tool, f.pointer) for f in found] == [(None, "")]


def test_duplicate_names_point_at_the_repeated_tool() -> None:
    """A repeated name is reported once, on the tool's `/name`, as a warning."""
    tools = [*many(2), fn("t0", {"type": "object", "properties": {}}), fn("t0", {})]
    found = lint_one("openai/duplicate-tool-name", tools_of(tools), "openai")
    assert [(f.tool, f.pointer, f.severity.label) for f in found] == [("t0", "/name", "warning")]


# --- names and envelopes ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "count"),
    [
        ("get_weather", 0),
        ("get-weather-2", 0),
        ("github.get_issue", 1),
        ("a/b c", 1),
        ("x" * 65, 1),
    ],
)
def test_tool_name(name: str, count: int) -> None:
    """OpenAI and Mistral names: `[A-Za-z0-9_-]`, at most 64 characters."""
    tool = fn(name, {"type": "object", "properties": {}})
    assert len(hits("openai/tool-name", tool)) == count
    assert len(hits("mistral/tool-name", tool)) == count


def test_names_from_file_are_not_judged() -> None:
    """A bare schema's made-up name (from the file name) is never reported."""
    tool = Tool.from_json({"name": "my.tool", "input_schema": {}, "name_from_file": True})
    assert lint_one("openai/tool-name", [tool], "openai") == []


def test_envelope_shapes() -> None:
    """Anthropic shape fails for OpenAI and Mistral, Responses only for Mistral, MCP for neither."""
    schema = {"type": "object", "properties": {}}
    anthropic = {"name": "f", "input_schema": schema}
    responses = {"type": "function", "name": "f", "parameters": schema, "strict": False}
    mcp = {"tools": [{"name": "f", "inputSchema": schema}]}
    assert hits("openai/envelope-shape", anthropic) == [("", "error")]
    assert hits("openai/envelope-shape", responses) == []
    assert hits("openai/envelope-shape", mcp) == []
    assert hits("mistral/envelope-shape", anthropic) == [("", "error")]
    assert hits("mistral/envelope-shape", responses) == [("", "error")]
    assert hits("mistral/envelope-shape", mcp) == []


def test_responses_strict_omitted_warns_only_on_responses() -> None:
    """The Responses flat form without `strict` warns; `strict: null` counts as omitted."""
    schema = {"type": "object", "properties": {}}
    flat = {"type": "function", "name": "f", "parameters": schema}
    assert hits("openai/responses-strict-omitted", flat) == [("/strict", "warning")]
    assert hits("openai/responses-strict-omitted", {**flat, "strict": None}) == [
        ("/strict", "warning")
    ]
    assert hits("openai/responses-strict-omitted", {**flat, "strict": False}) == []
    assert hits("openai/responses-strict-omitted", fn("f", schema)) == []


def test_mistral_parameters_required() -> None:
    """Mistral requires `parameters`; OpenAI's root rules accept its absence."""
    tool = {"type": "function", "function": {"name": "ping"}}
    assert hits("mistral/parameters-required", tool) == [("/input_schema", "error")]
    assert hits("openai/root-type-object", tool) == []


def test_description_length_warns_with_pointer() -> None:
    """A 1,025-character description warns at `/description`; a null description is fine."""
    schema = {"type": "object", "properties": {}}
    assert hits("openai/description-length", fn("f", schema, description="d" * 1025)) == [
        ("/description", "warning")
    ]
    flat = {"type": "function", "name": "f", "description": None, "parameters": schema}
    assert hits("openai/description-length", flat) == []

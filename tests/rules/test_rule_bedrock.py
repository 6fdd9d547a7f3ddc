"""Cases for the ``bedrock`` and ``bedrock-strict`` packs beyond their documented examples."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from schemadrift.engine import Linter
from schemadrift.model import JSON, Finding
from tests.helpers.tools import tools_of

CITY = {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}
CLOSED = {**CITY, "additionalProperties": False}


def spec(schema: JSON, name: str = "get_weather", **extra: JSON) -> dict[str, JSON]:
    return {"toolSpec": {"name": name, "inputSchema": {"json": schema}, **extra}}


def lint(value: JSON, dialects: Sequence[str] = ("bedrock",)) -> list[Finding]:
    return Linter().lint(tools_of(value), list(dialects))


def found(findings: list[Finding], prefix: str) -> list[tuple[str, str, str]]:
    return [
        (f.rule_id, f.pointer, f.severity.label) for f in findings if f.rule_id.startswith(prefix)
    ]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("server.tool", [("bedrock/tool-name", "/name", "error")]),
        ("n" * 65, [("bedrock/tool-name", "/name", "error")]),
        ("n" * 64, []),
    ],
)
def test_tool_name(name: str, expected: list[tuple[str, str, str]]) -> None:
    """Dots and names over 64 characters are errors at `/name`."""
    assert found(lint(spec(CITY, name=name)), "bedrock/tool-name") == expected


def test_empty_description_is_an_error_and_absent_is_fine() -> None:
    """`description: ""` is rejected at `/description`; leaving the key out is accepted."""
    empty = lint(spec(CITY, description=""))
    assert found(empty, "bedrock/description") == [
        ("bedrock/description-length", "/description", "error")
    ]
    assert found(lint(spec(CITY)), "bedrock/description") == []


def test_root_type_object_pointers() -> None:
    """A wrong root type points at `/input_schema/type`; a missing one at the schema."""
    assert found(lint(spec({"type": "array", "items": {}})), "bedrock/root-type") == [
        ("bedrock/root-type-object", "/input_schema/type", "error")
    ]
    assert found(lint(spec({"properties": {}})), "bedrock/root-type") == [
        ("bedrock/root-type-object", "/input_schema", "error")
    ]


def test_model_family_rules_are_warnings_at_exact_pointers() -> None:
    """Nova, Claude and Mistral/Llama specifics warn at the offending key, never error."""
    schema = {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "type": "object",
        "description": "Top-level description.",
        "properties": {
            "Account Number": {"type": "string"},
            "labels": {"type": "object", "additionalProperties": {"type": "string"}},
            "home": {"$ref": "#/definitions/A"},
        },
        "definitions": {"A": {"type": "object", "properties": {}}},
        "anyOf": [{"required": ["home"]}],
        "additionalProperties": False,
        "title": "Lookup",
    }
    findings = lint(spec(schema))
    assert found(findings, "bedrock/") == [
        ("bedrock/schema-id-keys", "/input_schema/$schema", "warning"),
        ("bedrock/claude-root-composition", "/input_schema/anyOf", "warning"),
        ("bedrock/nova-top-level-keyword", "/input_schema/anyOf", "warning"),
        ("bedrock/nova-definitions", "/input_schema/definitions", "warning"),
        ("bedrock/nova-top-level-keyword", "/input_schema/description", "warning"),
        ("bedrock/claude-property-name", "/input_schema/properties/Account Number", "warning"),
        (
            "bedrock/additional-properties-schema",
            "/input_schema/properties/labels/additionalProperties",
            "warning",
        ),
    ]


def test_duplicate_names_in_one_request() -> None:
    """Two toolSpecs named alike are one toolset error naming the tool."""
    findings = lint({"toolConfig": {"tools": [spec(CITY, name="a"), spec(CITY, name="a")]}})
    assert [(f.rule_id, f.tool, f.pointer) for f in findings if f.severity.label == "error"] == [
        ("bedrock/duplicate-tool-name", "a", "/name")
    ]


def test_strict_flag_on_tool_spec_adds_bedrock_strict() -> None:
    """`toolSpec.strict` with `maxItems` fails only when strict is set (litellm #39115)."""
    schema = {
        "type": "object",
        "properties": {"ids": {"type": "array", "items": {"type": "string"}, "maxItems": 5}},
        "required": ["ids"],
        "additionalProperties": False,
    }
    assert [f for f in lint(spec(schema)) if f.severity.label == "error"] == []
    strict = lint(spec(schema, strict=True))
    assert found(strict, "bedrock-strict/") == [
        ("bedrock-strict/unsupported-constraint", "/input_schema/properties/ids/maxItems", "error")
    ]


def test_strict_one_of_and_open_objects_anywhere() -> None:
    """Nested `oneOf` and an open nested object are both reported in strict mode."""
    schema = {
        "type": "object",
        "properties": {
            "v": {"oneOf": [{"type": "string"}, {"type": "integer"}]},
            "o": {"type": "object", "properties": {"x": {"type": "string", "minLength": 2}}},
        },
        "additionalProperties": False,
    }
    assert found(lint(schema, ["bedrock-strict"]), "bedrock-strict/") == [
        ("bedrock-strict/additional-properties-false", "/input_schema/properties/o", "error"),
        ("bedrock-strict/one-of", "/input_schema/properties/v/oneOf", "error"),
    ]


def test_strict_toolset_limits() -> None:
    """Optional parameters are summed over strict tools; non-strict tools do not count."""
    wide = {
        "type": "object",
        "properties": {f"p{i}": {"type": "string"} for i in range(13)},
        "additionalProperties": False,
    }
    tools = [spec(wide, name="a", strict=True), spec(wide, name="b", strict=True)]
    findings = lint({"toolConfig": {"tools": tools}})
    assert [(f.rule_id, f.tool, f.pointer) for f in findings if f.severity.label == "error"] == [
        ("bedrock-strict/optional-parameters", None, "")
    ]
    mixed = [spec(wide, name="a", strict=True), spec(wide, name="b")]
    assert [f for f in lint({"toolConfig": {"tools": mixed}}) if f.severity.label == "error"] == []

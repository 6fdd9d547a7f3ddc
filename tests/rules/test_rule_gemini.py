"""Cases beyond the examples for the `gemini`, `vertex` and `gemini-json` packs."""

from __future__ import annotations

from schemadrift.engine import Linter
from schemadrift.model import JSON, Finding, Severity
from tests.helpers.tools import tools_of

CORPUS_NAMES = {"vertex-gemini": "vertex", "gemini-parametersJsonSchema": "gemini-json"}
LINTER = Linter()


def lint(doc: JSON, dialect: str) -> list[Finding]:
    """Findings of ``dialect`` itself (not the always-on packs) for a document."""
    return [f for f in LINTER.lint(tools_of(doc), [dialect]) if f.dialect == dialect]


def params(schema: JSON, dialect: str = "gemini", name: str = "f") -> list[tuple[str, str, str]]:
    """(rule, pointer, severity) of a declaration with ``schema`` as its parameters."""
    key = "parametersJsonSchema" if dialect == "gemini-json" else "parameters"
    doc = {"functionDeclarations": [{"name": name, "description": "d", key: schema}]}
    return [(f.rule_id, f.pointer, f.severity.label) for f in lint(doc, dialect)]


def test_unknown_keyword_pointer_and_nothing_below_it() -> None:
    """An unknown keyword is reported at its own pointer, and nodes under it are not judged."""
    schema = {
        "type": "object",
        "properties": {
            "a": {"oneOf": [{"const": "x"}, {"type": ["string", "null"]}]},
            "b": {"type": "array", "items": {"type": "string", "additionalProperties": False}},
        },
    }
    assert params(schema) == [
        ("gemini/unsupported-keyword", "/input_schema/properties/a/oneOf", "error"),
        (
            "gemini/unsupported-keyword",
            "/input_schema/properties/b/items/additionalProperties",
            "error",
        ),
    ]


def test_defs_are_dead_on_the_developer_api_but_judged_on_vertex() -> None:
    """`$defs` is one finding on `gemini`; on `vertex` the definitions themselves are linted."""
    schema = {
        "type": "object",
        "properties": {"a": {"$ref": "#/$defs/A"}},
        "$defs": {"A": {"type": "integer", "enum": [1, 2]}},
    }
    gemini = params(schema, "gemini")
    assert ("gemini/unsupported-keyword", "/input_schema/$defs", "error") in gemini
    assert ("gemini/unsupported-keyword", "/input_schema/properties/a/$ref", "error") in gemini
    assert not [r for r in gemini if r[0] == "gemini/enum-string"]
    assert params(schema, "vertex") == [
        ("vertex/enum-string", "/input_schema/$defs/A/enum", "error"),
    ]


def test_enum_one_finding_per_node() -> None:
    """An integer enum on a NUMBER node is one error at `/enum` naming the values."""
    findings = lint(
        {
            "functionDeclarations": [
                {
                    "name": "f",
                    "parameters": {
                        "type": "object",
                        "properties": {"d": {"type": "number", "enum": [0, 1]}},
                    },
                }
            ]
        },
        "gemini",
    )
    assert [(f.pointer, f.severity) for f in findings] == [
        ("/input_schema/properties/d/enum", Severity.ERROR)
    ]
    assert "0, 1" in findings[0].message


def test_type_keyword_rules_use_exact_pointers() -> None:
    """Type lists, missing items and misplaced keywords point at the offending keyword."""
    schema = {
        "type": "object",
        "properties": {
            "t": {"type": ["string", "null"]},
            "l": {"type": "array"},
            "s": {"type": "string", "items": {"type": "string"}, "format": "uri"},
        },
    }
    assert sorted(params(schema)) == [
        ("gemini/array-items", "/input_schema/properties/l", "error"),
        ("gemini/keyword-type-mismatch", "/input_schema/properties/s/items", "error"),
        ("gemini/string-format", "/input_schema/properties/s/format", "error"),
        ("gemini/type-value", "/input_schema/properties/t/type", "error"),
    ]


def test_empty_parameters_are_warnings() -> None:
    """An empty root object (dated rejection) and `{}` are warnings, never errors, on `gemini`."""
    assert params({"type": "OBJECT", "properties": {}}) == [
        ("gemini/empty-object-parameters", "/input_schema/properties", "warning")
    ]
    assert params({"type": "object"}) == [
        ("gemini/empty-object-parameters", "/input_schema", "warning")
    ]
    assert params({}) == [("gemini/type-required", "/input_schema", "warning")]


def test_function_name_lengths_per_surface() -> None:
    """65 characters: error on the Developer API, warning on Vertex and gemini-json; 129: error."""
    ok = {"type": "object", "properties": {"a": {"type": "string"}}}
    name = "a" * 65
    assert params(ok, "gemini", name) == [("gemini/tool-name", "/name", "error")]
    assert params(ok, "vertex", name) == [("vertex/tool-name", "/name", "warning")]
    assert params(ok, "gemini-json", name) == [("gemini-json/tool-name", "/name", "warning")]
    assert params(ok, "vertex", "a" * 129) == [("vertex/tool-name", "/name", "error")]
    assert params(ok, "gemini", "ns:tool.v2-x") == []


def test_vertex_anyof_and_root() -> None:
    """Vertex: `anyOf` with siblings is an error at the node; a typeless root one error."""
    schema = {
        "type": "object",
        "properties": {"x": {"anyOf": [{"type": "string"}, {"type": "integer"}], "default": "a"}},
    }
    assert params(schema, "vertex") == [
        ("vertex/anyof-exclusive", "/input_schema/properties/x", "error")
    ]
    assert params({"properties": {}}, "vertex") == [
        ("vertex/root-type-object", "/input_schema", "error")
    ]


def test_openai_envelope_is_an_error_for_gemini() -> None:
    """An OpenAI-shaped tool judged as a Gemini declaration is an envelope error; MCP is neutral."""
    schema = {"type": "object", "properties": {"a": {"type": "string"}}}
    openai = [{"type": "function", "function": {"name": "f", "parameters": schema}}]
    assert [f.rule_id for f in lint(openai, "gemini")] == ["gemini/envelope-shape"]
    assert lint({"tools": [{"name": "f", "inputSchema": schema}]}, "gemini") == []


def test_gemini_json_both_schemas_and_ignored_keywords() -> None:
    """Both schema keys are an error; an ignored constraint is a warning that says so."""
    schema = {"type": "object", "properties": {"a": {"type": "string", "pattern": "^x"}}}
    doc = {
        "functionDeclarations": [
            {"name": "f", "parameters": schema, "parametersJsonSchema": schema}
        ]
    }
    findings = lint(doc, "gemini-json")
    assert [(f.rule_id, f.pointer) for f in findings] == [
        ("gemini-json/ignored-keyword", "/input_schema/properties/a/pattern"),
        ("gemini-json/exclusive-parameters", "/parameters"),
    ]
    assert "ignores" in findings[0].message


def test_gemini_json_cycles() -> None:
    """A required-only cycle is an error at the closing `$ref`; through array items a warning."""
    required = {
        "type": "object",
        "properties": {"n": {"$ref": "#/$defs/N"}},
        "required": ["n"],
        "$defs": {
            "N": {
                "type": "object",
                "properties": {"next": {"$ref": "#/$defs/N"}},
                "required": ["next"],
            }
        },
    }
    assert params(required, "gemini-json") == [
        ("gemini-json/cyclic-ref", "/input_schema/$defs/N/properties/next/$ref", "error")
    ]
    through_items = {
        "type": "object",
        "properties": {"n": {"$ref": "#/$defs/N"}},
        "required": ["n"],
        "$defs": {
            "N": {
                "type": "object",
                "properties": {"kids": {"type": "array", "items": {"$ref": "#/$defs/N"}}},
                "required": ["kids"],
            }
        },
    }
    assert params(through_items, "gemini-json") == [
        ("gemini-json/cyclic-ref", "/input_schema/$defs/N/properties/kids/items/$ref", "warning")
    ]

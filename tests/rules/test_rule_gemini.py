"""Cases beyond the examples for the `gemini`, `vertex` and `gemini-json` packs."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from schemadrift.engine import Linter
from schemadrift.model import JSON, Finding, Severity
from schemadrift.registry import Hit
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


# --- One keyword table for gemini, vertex and gemini-json -----------------------------------


def test_vertex_takes_additional_properties_false() -> None:
    """The newcomer's `vx.json` (2026-12-newcomer.md §3 item 8): Vertex's `Schema` has
    `additionalProperties`, "a boolean or an object" (google-genai), so `false` is no boolean
    schema lacking a `type`; `vertex/type-required` used to fire on it while
    `gemini/unsupported-keyword`'s hint said Vertex accepts it."""
    schema = {
        "type": "object",
        "properties": {
            "city": {"type": "string"},
            "tags": {"type": "object", "additionalProperties": True},
        },
        "required": ["city"],
        "additionalProperties": False,
    }
    assert params(schema, "vertex") == []
    assert params(schema, "gemini-json") == []
    assert params(schema, "gemini") == [
        ("gemini/unsupported-keyword", "/input_schema/additionalProperties", "error"),
        (
            "gemini/unsupported-keyword",
            "/input_schema/properties/tags/additionalProperties",
            "error",
        ),
    ]


# A schema using each keyword the surfaces disagree on (accepted on one, rejected on another).
CONTESTED = {
    "additionalProperties": {
        "type": "object",
        "properties": {"a": {"type": "string"}},
        "additionalProperties": False,
    },
    "$ref": {
        "type": "object",
        "properties": {"a": {"$ref": "#/$defs/A"}},
        "$defs": {"A": {"type": "string"}},
    },
    "ref": {
        "type": "object",
        "properties": {"a": {"ref": "#/defs/A"}},
        "defs": {"A": {"type": "string"}},
    },
    "$id": {"$id": "https://example.com/f", "type": "object", "properties": {}},
    "$anchor": {
        "type": "object",
        "properties": {"a": {"$anchor": "a", "type": "string"}},
    },
    "prefixItems": {
        "type": "object",
        "properties": {"p": {"type": "array", "prefixItems": [{"type": "number"}]}},
    },
    "oneOf": {
        "type": "object",
        "properties": {"v": {"oneOf": [{"type": "string"}, {"type": "integer"}]}},
    },
}
CONTESTED["$defs"] = CONTESTED["$ref"]
CONTESTED["defs"] = CONTESTED["ref"]


def test_every_contested_keyword_has_a_case() -> None:
    """A keyword accepted on one surface and rejected on another is exercised below."""
    from schemadrift.dialects.gemini import SUPPORT

    contested = {
        name
        for name, row in SUPPORT.items()
        if ":" not in name
        and {row.verdict(s) for s in ("gemini", "vertex", "gemini-json")}
        >= {"accepted", "rejected"}
    }
    assert contested == set(CONTESTED)


@pytest.mark.parametrize("keyword", sorted(CONTESTED))
def test_no_rule_rejects_what_the_table_accepts(keyword: str) -> None:
    """Where the table says a surface accepts a keyword, no rule of that surface errs on it,
    and the hint of a surface that rejects it names exactly the surfaces that accept it."""
    from schemadrift.dialects.gemini import SUPPORT, SURFACE_NAMES

    row = SUPPORT[keyword]
    schema = CONTESTED[keyword]
    for surface in row.accepted_on():
        errors = [f for f in params(schema, surface) if f[2] == "error"]
        assert errors == [], (keyword, surface)
    for surface in ("gemini", "vertex"):
        if row.verdict(surface) != "rejected":
            continue
        key = "parametersJsonSchema" if surface == "gemini-json" else "parameters"
        doc = {"functionDeclarations": [{"name": "f", "description": "d", key: schema}]}
        hints = {f.hint for f in lint(doc, surface) if f.pointer.endswith("/" + keyword)}
        assert hints, (keyword, surface)
        for hint in hints:
            for other in ("gemini", "vertex", "gemini-json"):
                named = SURFACE_NAMES[other] in (hint or "")
                assert named == (other != surface and row.verdict(other) == "accepted"), hint


def test_dated_keywords_are_accepted_with_their_history() -> None:
    """`title` and `default` were rejected by the Developer API in 2024-2025 and are accepted
    since 2025: no finding, and `explain` shows both dates."""
    from schemadrift.catalog import render_explain

    schema = {
        "type": "object",
        "title": "Args",
        "properties": {"n": {"type": "integer", "default": 3, "title": "N"}},
    }
    assert params(schema, "gemini") == []
    text = render_explain("gemini/unsupported-keyword")
    assert "**title (gemini)**: not reported" in text
    assert "rejected 2024-09 (astra-assistants-api #73)" in text
    assert "rejected 2025-04 (litellm #6459)" in text
    assert "pull/2309> (adapter, 2025-07-01, accepted)" in text


def test_empty_parameters_warning_names_the_dated_conflict() -> None:
    """Rejected 2024-09..2025-03, accepted in traffic recorded 2025-06..09: a warning whose
    message gives both dates (dialects.md §4)."""
    (finding,) = [
        f
        for f in lint(
            {
                "functionDeclarations": [
                    {"name": "f", "parameters": {"type": "object", "properties": {}}}
                ]
            },
            "gemini",
        )
        if f.rule_id == "gemini/empty-object-parameters"
    ]
    assert finding.severity is Severity.WARNING
    assert "rejected 2025-03" in finding.message and "accepted 2025-09" in finding.message


def test_vertex_documented_string_formats_are_not_reported() -> None:
    """google-genai documents `email`, `byte`, `date`, `date-time`, `password` for a Vertex
    STRING; only other formats get the (inference) warning, while the Developer API rejects
    all but `enum` and `date-time`."""
    schema = {
        "type": "object",
        "properties": {
            "mail": {"type": "string", "format": "email"},
            "url": {"type": "string", "format": "uri"},
        },
    }
    assert params(schema, "vertex") == [
        ("vertex/string-format", "/input_schema/properties/url/format", "warning")
    ]
    assert [r[1] for r in params(schema, "gemini")] == [
        "/input_schema/properties/mail/format",
        "/input_schema/properties/url/format",
    ]


def _toy_check(node: object, ctx: object, surface: object) -> Iterator[Hit]:
    """[gemini] Gemini's summary,
    continued.
    [vertex, gemini-json] The others' summary.

    ## Why

    Shared by every surface.

    ## Fix

    [vertex] Only Vertex's fix.
    [gemini, gemini-json] The fix of the rest.
    """
    return []


def test_a_twin_docstring_gives_each_surface_its_tagged_lines() -> None:
    """A tagged line and its continuation belong to the surfaces it names, untagged text to
    all; a tag naming a surface the row does not register is an error."""
    from schemadrift.dialects.gemini.surface import GEMINI, JSON_SCHEMA, VERTEX
    from schemadrift.dialects.gemini.twins import Side, Twins, surface_doc

    side = Side(Severity.ERROR, [])
    row = Twins("toy", _toy_check, {GEMINI: side, VERTEX: side, JSON_SCHEMA: side})
    assert surface_doc(row, "gemini").splitlines() == [
        "Gemini's summary,",
        "continued.",
        "",
        "## Why",
        "",
        "Shared by every surface.",
        "",
        "## Fix",
        "",
        "The fix of the rest.",
    ]
    assert surface_doc(row, "vertex").splitlines()[0] == "The others' summary."
    assert surface_doc(row, "vertex").splitlines()[-1] == "Only Vertex's fix."
    with pytest.raises(ValueError, match="gemini-json"):
        surface_doc(Twins("toy", _toy_check, {GEMINI: side, VERTEX: side}), "gemini")

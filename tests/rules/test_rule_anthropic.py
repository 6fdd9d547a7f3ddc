"""Cases for the ``anthropic`` and ``anthropic-strict`` packs beyond their documented examples."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from schemadrift.dialects._anthropic_family import strict_counts
from schemadrift.dialects.anthropic.strict import regex_problem
from schemadrift.dialects.anthropic.strict_refs import recursive_ref
from schemadrift.engine import Linter
from schemadrift.model import JSON, Finding
from tests.helpers import corpus
from tests.helpers.tools import make_tool, tools_of

CITY = {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}
CLOSED = {**CITY, "additionalProperties": False}


def lint(
    value: JSON, dialects: Sequence[str] = ("anthropic",), *, only: str | None = None
) -> list[Finding]:
    linter = Linter(enabled=(lambda r: r.id.startswith(only)) if only else None)
    return linter.lint(tools_of(value), list(dialects))


def found(findings: list[Finding], prefix: str) -> list[tuple[str, str, str]]:
    return [
        (f.rule_id, f.pointer, f.severity.label) for f in findings if f.rule_id.startswith(prefix)
    ]


def anthropic_tool(schema: JSON, name: str = "get_weather", **extra: JSON) -> dict[str, JSON]:
    return {"name": name, "description": "d", "input_schema": schema, **extra}


def test_root_composition_points_at_each_combinator() -> None:
    """Each top-level combinator is reported at its own pointer, nested ones are not."""
    schema = {
        "type": "object",
        "properties": {"a": {"anyOf": [{"type": "string"}, {"type": "null"}]}},
        "allOf": [{"required": ["a"]}],
        "oneOf": [{"required": ["a"]}],
    }
    assert found(lint(anthropic_tool(schema)), "anthropic/root-composition") == [
        ("anthropic/root-composition", "/input_schema/allOf", "error"),
        ("anthropic/root-composition", "/input_schema/oneOf", "error"),
    ]


def test_property_name_pointer_is_escaped_and_top_level_only() -> None:
    """A bad top-level key is reported with an RFC 6901 pointer; nested keys are not checked."""
    schema = {
        "type": "object",
        "properties": {
            "a/b": {"type": "string"},
            "ok.key-1": {"type": "object", "properties": {"Free Text": {"type": "string"}}},
            "k" * 65: {"type": "string"},
        },
    }
    assert found(lint(anthropic_tool(schema)), "anthropic/property-name") == [
        ("anthropic/property-name", "/input_schema/properties/a~1b", "error"),
        ("anthropic/property-name", f"/input_schema/properties/{'k' * 65}", "error"),
    ]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("mcp.github.create", [("anthropic/tool-name", "/name", "error")]),
        ("n" * 100, [("anthropic/tool-name-length", "/name", "warning")]),
        ("n" * 129, [("anthropic/tool-name", "/name", "error")]),
        ("get_weather-2", []),
    ],
)
def test_tool_name_levels(name: str, expected: list[tuple[str, str, str]]) -> None:
    """Bad characters and names over 128 are errors; 65-128 characters only warn."""
    assert found(lint(anthropic_tool(CITY, name=name)), "anthropic/tool-name") == expected


def test_missing_schema_and_wrong_root_type() -> None:
    """A tool without a schema and a root type list are both root-type errors at exact pointers."""
    no_schema = lint({"name": "ping", "description": "Ping."}, only="anthropic/")
    assert found(no_schema, "anthropic/root-type-object") == [
        ("anthropic/root-type-object", "/input_schema", "error")
    ]
    typed_list = lint(anthropic_tool({"type": ["object", "null"], "properties": {}}))
    assert found(typed_list, "anthropic/root-type-object") == [
        ("anthropic/root-type-object", "/input_schema/type", "error")
    ]


def test_envelope_of_another_provider_is_an_error_and_mcp_is_neutral() -> None:
    """A Bedrock toolSpec is rejected by the anthropic dialect; an MCP tool is not."""
    bedrock = {"toolSpec": {"name": "t", "inputSchema": {"json": CITY}}}
    assert found(lint(bedrock), "anthropic/envelope-shape") == [
        ("anthropic/envelope-shape", "", "error")
    ]
    mcp = {"tools": [{"name": "t", "inputSchema": CITY}]}
    assert found(lint(mcp), "anthropic/envelope-shape") == []


def test_draft_2020_12_judges_older_drafts_under_2020_12() -> None:
    """Tuple items under a draft-07 `$schema` pass the json-schema pack but warn for Anthropic."""
    schema = {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "type": "object",
        "properties": {
            "point": {"type": "array", "items": [{"type": "number"}, {"type": "number"}]}
        },
    }
    findings = lint(anthropic_tool(schema))
    assert found(findings, "json-schema/") == []
    assert found(findings, "anthropic/draft-2020-12") == [
        ("anthropic/draft-2020-12", "/input_schema/properties/point/items", "warning")
    ]


def test_draft_2020_12_leaves_2020_12_schemas_to_the_json_schema_pack() -> None:
    """A 2020-12 schema with a draft-04 boolean bound is reported once, by the json-schema pack."""
    case = corpus.load("dokploy-mcp-74-boolean-exclusiveminimum-2020-12")
    findings = lint(anthropic_tool(case["before"]))
    assert found(findings, "anthropic/") == []
    assert found(findings, "json-schema/valid-under-draft") == [
        (
            "json-schema/valid-under-draft",
            "/input_schema/properties/ttl/exclusiveMinimum",
            "error",
        )
    ]


def test_strict_flag_adds_the_strict_dialect() -> None:
    """The same schema is accepted plain and rejected with `strict: true` (pi #9953)."""
    case = corpus.load("pi-9953-anthropic-strict-integer-minimum-maximum")
    plain = lint(anthropic_tool(case["schema"]))
    assert [f for f in plain if f.severity.label == "error"] == []
    strict = lint(anthropic_tool(case["schema"], strict=True))
    assert found(strict, "anthropic-strict/unsupported-constraint") == [
        (
            "anthropic-strict/unsupported-constraint",
            "/input_schema/properties/timeoutMs/anyOf/0/maximum",
            "error",
        ),
        (
            "anthropic-strict/unsupported-constraint",
            "/input_schema/properties/timeoutMs/anyOf/0/minimum",
            "error",
        ),
    ]
    assert {f.dialect for f in strict if f.rule_id.startswith("anthropic-strict/")} == {
        "anthropic-strict"
    }


def test_strict_constraints_by_value() -> None:
    """minItems 0/1 and string formats on the allowlist pass; the rest are reported exactly."""
    schema = {
        "type": "object",
        "properties": {
            "a": {"type": "array", "items": {"type": "string"}, "minItems": 1, "maxItems": 3},
            "b": {"type": "array", "items": {"type": "string"}, "minItems": 2, "uniqueItems": True},
            "c": {"type": "string", "format": "uri", "minLength": 1},
            "d": {"type": "string", "format": "iri"},
        },
        "additionalProperties": False,
    }
    findings = lint(schema, ["anthropic-strict"])
    assert found(findings, "anthropic-strict/") == [
        ("anthropic-strict/unsupported-constraint", "/input_schema/properties/a/maxItems", "error"),
        ("anthropic-strict/unsupported-constraint", "/input_schema/properties/b/minItems", "error"),
        (
            "anthropic-strict/unsupported-constraint",
            "/input_schema/properties/b/uniqueItems",
            "error",
        ),
        (
            "anthropic-strict/unsupported-constraint",
            "/input_schema/properties/c/minLength",
            "error",
        ),
        ("anthropic-strict/format", "/input_schema/properties/d/format", "error"),
    ]


def test_closed_objects_everywhere() -> None:
    """Missing or non-false additionalProperties is reported on nested and definition objects."""
    schema = {
        "type": "object",
        "properties": {
            "inner": {"type": "object", "properties": {}},
            "map": {"type": "object", "additionalProperties": {}},
            "ref": {"$ref": "#/$defs/D"},
        },
        "$defs": {"D": {"properties": {"x": {"type": "string"}}}},
        "additionalProperties": False,
    }
    assert found(lint(schema, ["anthropic-strict"]), "anthropic-strict/additional-properties") == [
        ("anthropic-strict/additional-properties-false", "/input_schema/$defs/D", "error"),
        ("anthropic-strict/additional-properties-false", "/input_schema/properties/inner", "error"),
        (
            "anthropic-strict/additional-properties-false",
            "/input_schema/properties/map/additionalProperties",
            "error",
        ),
    ]


@pytest.mark.parametrize(
    ("pattern", "problem"),
    [
        (r"^(a)\1$", "backreference"),
        (r"^(?<x>a)\k<x>$", "named backreference"),
        (r"^(?=.*\d).+$", "lookaround"),
        (r"^(?<!x)y$", "lookaround"),
        (r"\bword\b", "word boundary"),
        (r"^[\b]\d+$", None),
        (r"^\\b$", None),
        (r"^[]()?=]+$", None),
        (r"^(?<name>\w+)$", None),
        (r"^[A-Z]{2}-\d{4}$", None),
    ],
)
def test_regex_problem(pattern: str, problem: str | None) -> None:
    """Backreferences, lookaround and \\b are found; classes, escapes and named groups are not."""
    result = regex_problem(pattern)
    if problem is None:
        assert result is None
    else:
        assert result is not None
        assert problem in result


@pytest.mark.parametrize(
    ("schema", "site"),
    [
        ({"type": "object", "properties": {"self": {"$ref": "#"}}}, "/properties/self"),
        (
            {
                "type": "object",
                "properties": {"a": {"$ref": "#/$defs/A"}},
                "$defs": {
                    "A": {"type": "object", "properties": {"b": {"$ref": "#/$defs/B"}}},
                    "B": {"type": "array", "items": {"$ref": "#/$defs/A"}},
                },
            },
            "/$defs/B/items",
        ),
        (
            {
                "type": "object",
                "properties": {"a": {"$ref": "#/$defs/A"}, "b": {"$ref": "#/$defs/A"}},
                "$defs": {
                    "A": {"type": "object", "properties": {"c": {"$ref": "#/$defs/C"}}},
                    "C": {"type": "string"},
                },
            },
            None,
        ),
        (
            {
                "type": "object",
                "properties": {},
                "$defs": {"Unused": {"properties": {"x": {"$ref": "#/$defs/Unused"}}}},
            },
            None,
        ),
    ],
)
def test_recursive_ref(schema: JSON, site: str | None) -> None:
    """Cycles reachable from the root are found, through any number of definitions."""
    assert recursive_ref(schema) == site


def test_strict_limits_count_only_strict_tools() -> None:
    """Twenty strict tools plus non-strict ones pass; a twenty-first strict tool is an error."""
    strict = [anthropic_tool(CLOSED, name=f"s{i}", strict=True) for i in range(20)]
    plain = [anthropic_tool(CITY, name=f"p{i}") for i in range(5)]
    assert found(lint([*strict, *plain]), "anthropic-strict/too-many") == []
    more = [*strict, anthropic_tool(CLOSED, name="s20", strict=True), *plain]
    findings = [f for f in lint(more) if f.rule_id == "anthropic-strict/too-many-strict-tools"]
    assert [(f.tool, f.pointer, f.message) for f in findings] == [
        (None, "", "21 strict tools in one request (limit 20)")
    ]


def test_optional_and_union_totals() -> None:
    """Optional and union parameters are summed over the strict tools, nested objects included."""
    schema = {
        "type": "object",
        "properties": {
            "a": {"type": ["string", "null"]},
            "b": {"anyOf": [{"type": "string"}, {"type": "integer"}]},
            "c": {
                "type": "object",
                "properties": {"d": {"type": "string"}, "e": {"type": "string"}},
                "required": ["d"],
                "additionalProperties": False,
            },
        },
        "required": ["a"],
        "additionalProperties": False,
    }
    assert strict_counts(schema) == (3, 2)
    tools = [anthropic_tool(schema, name=f"t{i}", strict=True) for i in range(9)]
    findings = [f for f in lint(tools) if f.rule_id.endswith("-parameters")]
    assert [(f.rule_id, f.pointer) for f in findings] == [
        ("anthropic-strict/optional-parameters", ""),
        ("anthropic-strict/union-parameters", ""),
    ]
    assert "27 optional parameters (limit 24" in findings[0].message
    assert "18 parameters using anyOf or type arrays (limit 16" in findings[1].message


def test_variant_is_judged_instead_of_the_raw_schema() -> None:
    """A framework's rendered Anthropic variant is what the anthropic dialect judges."""
    tool = make_tool(
        {"type": "object", "properties": {}, "anyOf": [{"required": []}]},
        name="t",
        variants={"anthropic": {"type": "object", "properties": {}, "oneOf": [{}]}},
    )
    findings = Linter().lint([tool], ["anthropic"])
    assert found(findings, "anthropic/root-composition") == [
        ("anthropic/root-composition", "/variants/anthropic/oneOf", "error")
    ]


def test_corpus_toolset_counts_offending_tools() -> None:
    """adcp #6682: the tool with root allOf/anyOf is rejected, the plain one is not."""
    data = corpus.load("adcp-6682-protocol-3-2-profile-top-level-allof")
    tools = [make_tool(s, name=n) for n, s in data["tools"]["after_examples"].items()]
    errors = {f.tool for f in Linter().lint(tools, ["anthropic"]) if f.severity.label == "error"}
    assert errors == {"request_proposals"}


def test_draft_hint_of_a_strict_tool_names_no_construct_strict_mode_rejects() -> None:
    """`anthropic/draft-2020-12`'s usual fix (`prefixItems`, numeric `exclusiveMinimum`) is what
    `anthropic-strict` reports for a strict tool, so a strict tool gets a hint that does not
    send the user from one finding to the next."""
    schema = {
        "$schema": "http://json-schema.org/draft-07/schema#",
        **CLOSED,
        "properties": {"n": {"type": "number", "minimum": 0, "exclusiveMinimum": True}},
    }
    plain = [f for f in lint(anthropic_tool(schema)) if f.rule_id == "anthropic/draft-2020-12"]
    strict = [
        f
        for f in lint(anthropic_tool(schema, strict=True), ("anthropic", "anthropic-strict"))
        if f.rule_id == "anthropic/draft-2020-12"
    ]
    assert "exclusiveMinimum" in (plain[0].hint or "")
    assert "exclusiveMinimum" not in (strict[0].hint or "")
    assert "prefixItems" in (strict[0].hint or "")  # named as what strict mode lacks

"""Cases for the ``openai-strict`` pack beyond each rule's examples.

Pointers are checked exactly (from the tool record), and the corpus cases that name an OpenAI
dialect are found by the rule that matches the provider's message.
"""

from __future__ import annotations

from schemadrift.dialects.openai.limits import STRICT_LIMITS, STRICT_LIMITS_HISTORY
from schemadrift.engine import Linter
from schemadrift.model import JSON, Finding, Severity
from tests.helpers import corpus
from tests.helpers.tools import lint_one, make_tool, tools_of
from tests.rules.test_rule_openai import fn, hits


def closed(properties: dict[str, JSON], **extra: JSON) -> dict[str, JSON]:
    """A strict-valid object schema: every property required, no extra properties."""
    return {
        "type": "object",
        "properties": properties,
        "required": list(properties),
        "additionalProperties": False,
        **extra,
    }


def mine(findings: list[Finding], dialect: str) -> list[Finding]:
    return [f for f in findings if f.dialect == dialect]


# --- exact pointers -------------------------------------------------------------------------


def test_strict_pointers_in_openai_envelope() -> None:
    """Strict findings point into `/input_schema` of a Chat Completions tool, at the exact node."""
    schema = closed(
        {
            "user": {"type": "object", "properties": {"id": {"type": "string"}}},
            "url": {"type": "string", "format": "uri"},
            "tags": {"type": "array", "items": {}},
        }
    )
    tool = fn("save", schema, strict=True)
    assert hits("openai-strict/additional-properties-false", tool) == [
        ("/input_schema/properties/user", "error")
    ]
    assert hits("openai-strict/required-all-properties", tool) == [
        ("/input_schema/properties/user", "error")
    ]
    assert hits("openai-strict/format", tool) == [("/input_schema/properties/url/format", "error")]
    assert hits("openai-strict/typed-node", tool) == [
        ("/input_schema/properties/tags/items", "error")
    ]


def test_additional_properties_empty_schema_points_at_keyword() -> None:
    """`additionalProperties: {}` is reported at the keyword, not as a second untyped node."""
    schema = closed({"q": {"type": "string"}})
    schema["additionalProperties"] = {}
    assert hits("openai-strict/additional-properties-false", schema) == [
        ("/input_schema/additionalProperties", "error")
    ]
    assert hits("openai-strict/typed-node", schema) == []


def test_required_missing_and_extra_keys() -> None:
    """A missing key and an extra key are two findings on `/required`, each naming its key."""
    schema = {
        "type": "object",
        "properties": {"a": {"type": "string"}, "b": {"type": "string"}},
        "required": ["a", "ghost"],
        "additionalProperties": False,
    }
    found = lint_one("openai-strict/required-all-properties", tools_of(schema), "openai-strict")
    assert [(f.pointer, f.message) for f in found] == [
        (
            "/input_schema/required",
            "'required' is required to be supplied and to be an array including every key in "
            "properties. Missing 'b'.",
        ),
        ("/input_schema/required", "Extra required key 'ghost' supplied."),
    ]


def test_empty_properties_need_no_required() -> None:
    """An object with `properties: {}` needs no `required` list in strict mode."""
    schema = {"type": "object", "properties": {}, "additionalProperties": False}
    assert hits("openai-strict/required-all-properties", schema) == []


def test_ref_siblings_split_by_severity() -> None:
    """Beside `$ref`, `default` is an error and `description` a warning, each at its keyword."""
    schema = closed(
        {"city": {"$ref": "#/$defs/City", "description": "d", "default": None}},
        **{"$defs": {"City": closed({"name": {"type": "string"}})}},
    )
    assert hits("openai-strict/ref-siblings", schema) == [
        ("/input_schema/properties/city/default", "error")
    ]
    assert hits("openai-strict/ref-annotation", schema) == [
        ("/input_schema/properties/city/description", "warning")
    ]


def test_unsupported_keywords_each_reported() -> None:
    """Every unsupported keyword of a node is reported at its own pointer."""
    schema = closed(
        {"tags": {"type": "array", "items": {"type": "string"}, "uniqueItems": True, "default": []}}
    )
    assert hits("openai-strict/unsupported-keyword", schema) == [
        ("/input_schema/properties/tags/default", "warning"),  # a dated conflict, see below
        ("/input_schema/properties/tags/uniqueItems", "error"),
    ]


def test_strict_default_is_a_warning_naming_the_dated_conflict() -> None:
    """OpenAI rejected `default` in strict mode in 2024 and api.openai.com accepted it in
    2026-08 (openai-agents-python #4390): the newest verdict wins, so it is a warning that names
    both dates and the host that may still reject it (dialects.md §2)."""
    schema = closed({"limit": {"type": "integer", "default": 10}})
    linter = Linter(enabled=lambda rule: rule.id == "openai-strict/unsupported-keyword")
    (finding,) = linter.lint(tools_of(schema), ["openai-strict"])
    assert (finding.pointer, finding.severity) == (
        "/input_schema/properties/limit/default",
        Severity.WARNING,
    )
    assert "rejected 2024-09" in finding.message
    assert "accepted 2026-08" in finding.message
    assert "openai-agents-python #4390" in finding.message
    assert "Azure" in finding.message


def test_rejected_subschemas_are_reported_once() -> None:
    """The subschema of a rejected keyword (`not`) is reported as that keyword only."""
    schema = closed({"q": {"type": "string"}}, **{"not": {"properties": {"q": {"const": "x"}}}})
    linter = Linter(enabled=lambda rule: rule.pack == "openai-strict")
    found = linter.lint(tools_of(schema), ["openai-strict"])
    assert [(f.rule_id, f.pointer) for f in found] == [
        ("openai-strict/unsupported-keyword", "/input_schema/not")
    ]


def test_inference_rules_warn() -> None:
    """`maxLength` and lookaround patterns are warnings (inference), never errors."""
    schema = closed({"s": {"type": "string", "maxLength": 3, "pattern": "^(?=a).*$"}})
    assert hits("openai-strict/string-length", schema) == [
        ("/input_schema/properties/s/maxLength", "warning")
    ]
    assert hits("openai-strict/pattern-lookaround", schema) == [
        ("/input_schema/properties/s/pattern", "warning")
    ]


def test_strict_variant_is_judged_with_its_prefix() -> None:
    """A framework's rendered `openai-strict` variant is judged instead of the raw schema."""
    raw = {"type": "object", "properties": {"q": {"type": "string"}}}
    variant = {"type": "object", "properties": {"q": {"type": "string"}}, "required": ["q"]}
    tool = make_tool(raw, variants={"openai-strict": variant})
    found = lint_one("openai-strict/additional-properties-false", [tool], "openai-strict")
    assert [f.pointer for f in found] == ["/variants/openai-strict"]


# --- strict selection ---------------------------------------------------------------------


def test_strict_tool_is_also_judged_by_openai_strict() -> None:
    """A `strict: true` tool linted for `openai` also gets `openai-strict` findings."""
    loose = {"type": "object", "properties": {"q": {"type": "string"}}}
    strict_found = Linter().lint(tools_of(fn("s", loose, strict=True)), ["openai"])
    plain_found = Linter().lint(tools_of(fn("s", loose)), ["openai"])
    assert mine(strict_found, "openai-strict")
    assert not mine(plain_found, "openai-strict")


# --- limits -------------------------------------------------------------------------------


def nested(levels: int, *, arrays: int = 0) -> JSON:
    """``levels`` nested strict objects, with ``arrays`` array levels wrapped around the leaf."""
    schema: JSON = {"type": "string"}
    for _ in range(arrays):
        schema = {"type": "array", "items": schema}
    for _ in range(levels):
        schema = closed({"a": schema})
    return schema


def test_nesting_depth_boundary() -> None:
    """Ten object levels pass, eleven fail, and the pointer is the deepest object."""
    limit = STRICT_LIMITS.nesting_depth
    assert hits("openai-strict/nesting-depth", nested(limit)) == []
    found = hits("openai-strict/nesting-depth", nested(limit + 1))
    assert found == [("/input_schema" + "/properties/a" * limit, "error")]


def test_nesting_depth_counting_arrays_only_warns() -> None:
    """Over the limit only when array levels are counted is a warning."""
    limit = STRICT_LIMITS.nesting_depth
    assert [s for _, s in hits("openai-strict/nesting-depth", nested(limit, arrays=1))] == [
        "warning"
    ]


def test_size_limits_large_string_enum() -> None:
    """A string enum of >250 values over 15,000 characters is reported at its `enum`."""
    values = [f"{i:04d}" + "x" * 56 for i in range(300)]  # 300 x 60 = 18,000 characters
    schema = closed({"code": {"type": "string", "enum": values}})
    assert hits("openai-strict/size-limits", schema) == [
        ("/input_schema/properties/code/enum", "error")
    ]
    values = [f"{i:04d}" for i in range(300)]
    assert (
        hits("openai-strict/size-limits", closed({"code": {"type": "string", "enum": values}}))
        == []
    )


def test_size_limits_total_properties() -> None:
    """5,000 properties pass; 5,001 are reported at the root."""
    limit = STRICT_LIMITS.object_properties
    ok = closed({f"p{i}": {"type": "boolean"} for i in range(limit - 1)})
    assert hits("openai-strict/size-limits", ok) == []
    over = closed({f"p{i}": {"type": "boolean"} for i in range(limit + 1)})
    assert hits("openai-strict/size-limits", over) == [("/input_schema", "error")]


def test_limits_are_dated_data() -> None:
    """The limits in force are the newest dated reading, and the history starts at launch."""
    assert STRICT_LIMITS is STRICT_LIMITS_HISTORY[-1]
    assert STRICT_LIMITS_HISTORY[0].object_properties == 100
    dates = [limits.as_of for limits in STRICT_LIMITS_HISTORY]
    assert dates == sorted(dates)


# --- corpus cases (fixtures/corpus) ----------------------------------------------------


def test_corpus_strict_rules_named() -> None:
    """The corpus strict rejects are found by the rule that matches the provider's message."""
    expect = {
        "camel-2629-strict-extra-required-key": "openai-strict/required-all-properties",
        "mysql-mcp-5-strict-required-missing-key": "openai-strict/required-all-properties",
        "odoo-llm-212-openai-property-missing-type": "openai-strict/typed-node",
        "langchain-mcp-adapters-137-object-missing-properties": "openai/root-properties",
    }
    for case, rule_id in expect.items():
        data = corpus.load(case)
        found = Linter().lint(tools_of(data["schema"], name=case), ["openai-strict"])
        assert rule_id in {f.rule_id for f in found if f.severity is Severity.ERROR}, case
    livekit = corpus.load("livekit-5302-strict-discriminated-union-oneof")
    found = lint_one(
        "openai-strict/unsupported-keyword", tools_of(livekit["after"]), "openai-strict"
    )
    assert [f.pointer for f in found] == ["/input_schema/properties/vehicle/oneOf"]

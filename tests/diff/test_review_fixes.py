"""The diff bugs found by the audit, the attack report and review, each as the exact input that
showed it: `$ref` with siblings, unresolvable references hiding breaks, an added or removed
output schema, `nullable` outside OpenAPI, integer bounds, implied types, vacuous keywords,
pointers on the right side, whitespace-only descriptions, and one witness per enum value."""

from __future__ import annotations

import json
from typing import Any

import jsonschema
import pytest

from schemadrift.diff.run import diff_tools
from schemadrift.model import Finding, Origin, Severity, Tool
from schemadrift.schema.refs import opaque_forms


def tool(schema: Any, shape: str = "bare", output: Any = None, name: str = "t") -> Tool:
    return Tool(
        name=name,
        input_schema=schema,
        output_schema=output,
        origin=Origin("file", shape, "t.json"),
    )


def diff(old: Any, new: Any, shape: str = "bare") -> list[Finding]:
    return diff_tools([tool(old, shape)], [tool(new, shape)])


def rows(found: list[Finding]) -> list[tuple[str, str, str]]:
    return [(f.rule_id, f.pointer, f.severity.label) for f in found]


def assert_witnesses_real(old: Any, new: Any, found: list[Finding]) -> None:
    for finding in found:
        if finding.has_witness:
            assert jsonschema.Draft202012Validator(old).is_valid(finding.witness)
            assert not jsonschema.Draft202012Validator(new).is_valid(finding.witness)


# --- 1. `$ref` with siblings ---------------------------------------------------------------

PLAIN_20 = {"type": "object", "properties": {"s": {"type": "string", "maxLength": 20}}}
PLAIN_10 = {"type": "object", "properties": {"s": {"type": "string", "maxLength": 10}}}
REF_WITH_SIBLING = {
    "type": "object",
    "properties": {"s": {"$ref": "#/$defs/A", "maxLength": 20}},
    "$defs": {"A": {"type": "string", "maxLength": 10}},
}


def test_a_narrowing_behind_a_ref_with_siblings_is_an_error() -> None:
    """The audit's repro: a 15-character string is rejected by the new schema (both the
    target's `maxLength: 10` and the sibling's 20 apply), so this is a proven break."""
    assert not jsonschema.Draft202012Validator(REF_WITH_SIBLING).is_valid({"s": "x" * 15})
    found = diff(PLAIN_20, REF_WITH_SIBLING)
    assert rows(found) == [
        ("diff/length-bound-narrowed", "/input_schema/properties/s/maxLength", "error")
    ]
    assert_witnesses_real(PLAIN_20, REF_WITH_SIBLING, found)


@pytest.mark.parametrize(
    ("old", "new"), [(PLAIN_10, REF_WITH_SIBLING), (REF_WITH_SIBLING, PLAIN_10)]
)
def test_a_ref_with_siblings_that_keeps_the_meaning_is_no_change(old: Any, new: Any) -> None:
    """The mirror refactor: `maxLength: 10` written as a `$ref` to it beside a looser sibling
    accepts the same strings (it was reported as narrowed)."""
    assert diff(old, new) == []


# --- 2. unresolvable references ------------------------------------------------------------

REMOTE = {
    "type": "object",
    "properties": {"n": {"type": "string"}, "m": {"$ref": "https://example.invalid/x.json"}},
}
DANGLING = {
    "type": "object",
    "properties": {"n": {"type": "string"}, "m": {"$ref": "#/$defs/gone"}},
}


@pytest.mark.parametrize("old", [REMOTE, DANGLING], ids=["remote", "dangling-local"])
def test_an_unresolvable_ref_does_not_hide_other_breaks(old: dict[str, Any]) -> None:
    """The attack report's repro: `string → integer` beside a `$ref` that does not resolve
    was a warning "no rejected value found" (exit 0); it is an error with a witness that
    does not depend on the unresolvable part."""
    new = json.loads(json.dumps(old).replace('"string"', '"integer"'))
    found = diff(old, new)
    assert rows(found) == [("diff/type-changed", "/input_schema/properties/n/type", "error")]
    witness = found[0].witness
    assert isinstance(witness, dict) and "m" not in witness
    forms = opaque_forms(old)
    assert forms is not None
    for form in forms:  # accepted whatever `m` holds
        assert jsonschema.Draft202012Validator(form).is_valid(witness)


@pytest.mark.parametrize(
    ("change", "kind"),
    [
        (
            lambda s: s.replace('"string"}', '"string", "maxLength": 3}'),
            "diff/length-bound-narrowed",
        ),
        (
            lambda s: s.replace('"type": "object"', '"type": "object", "required": ["n"]'),
            "diff/property-became-required",
        ),
    ],
)
def test_other_breaks_beside_an_unresolvable_ref(change: Any, kind: str) -> None:
    new = json.loads(change(json.dumps(REMOTE)))
    assert rows(diff(REMOTE, new))[0][::2] == (kind, "error")


def test_a_change_inside_the_unresolvable_part_stays_unproven() -> None:
    """Nothing is known about what a remote schema accepts: changing the reference is a
    change no value can prove, reported without a witness."""
    new = json.loads(json.dumps(REMOTE).replace("x.json", "y.json"))
    found = diff(REMOTE, new)
    assert [(f.rule_id, f.severity, f.has_witness) for f in found] == [
        ("diff/schema-changed", Severity.INFO, False)
    ]


def test_a_witness_never_relies_on_a_required_unresolvable_part() -> None:
    """When every valid argument must hold the unresolvable property, no concrete value is
    known to be valid before: the break is reported, unproven (a warning), never with a
    witness the real schema might reject."""
    old = {**REMOTE, "required": ["m"]}
    new = json.loads(json.dumps(old).replace('"string"', '"integer"'))
    found = diff(old, new)
    assert [(f.rule_id, f.severity, f.has_witness) for f in found] == [
        ("diff/type-changed", Severity.WARNING, False)
    ]


# --- 4. output schemas added and removed ---------------------------------------------------

WRAPPED = {
    "type": "object",
    "properties": {"result": {"title": "Result", "type": "integer"}},
    "required": ["result"],
    "title": "_WrappedResult",
    "x-fastmcp-wrap-result": True,
}
INPUT = {"type": "object", "properties": {"a": {"type": "integer"}}, "required": ["a"]}


def test_an_added_output_schema_is_one_warning() -> None:
    """mcp 1.9.4 → 1.10.1: FastMCP derives an output schema from the return annotation. It
    was two errors (type narrowed, required property added) with a fix that did not apply."""
    found = diff_tools([tool(INPUT, "mcp")], [tool(INPUT, "mcp", WRAPPED)])
    assert rows(found) == [("diff/output-schema-added", "/output_schema", "warning")]
    assert found[0].consumers == ("implementation",)
    assert "return annotation" in (found[0].hint or "")


def test_a_removed_output_schema_is_one_error() -> None:
    found = diff_tools([tool(INPUT, "mcp", WRAPPED)], [tool(INPUT, "mcp")])
    assert rows(found) == [("diff/output-schema-removed", "/output_schema", "error")]
    assert found[0].consumers == ("callers",)


# --- 6a. `nullable` outside OpenAPI ----------------------------------------------------------


def anthropic(schema: Any) -> dict[str, Any]:
    return {"type": "object", "properties": {"a": schema}}


def test_nullable_is_not_null_on_a_json_schema_shape() -> None:
    """On an Anthropic tool `nullable: true` is an unknown keyword: a 2020-12 validator now
    rejects the null it accepted, a proven narrowing (it reported nothing)."""
    old, new = (
        anthropic({"type": ["integer", "null"]}),
        anthropic({"type": "integer", "nullable": True}),
    )
    found = diff(old, new, "anthropic")
    assert ("diff/nullability-narrowed", "/input_schema/properties/a/type", "error") in rows(found)
    assert_witnesses_real(old, new, found)


def test_adding_nullable_on_a_json_schema_shape_widens_nothing() -> None:
    """`nullable: true` added to an Anthropic tool makes no value valid (it was reported as
    diff/nullability-widened)."""
    found = diff(
        anthropic({"type": "integer"}),
        anthropic({"type": "integer", "nullable": True}),
        "anthropic",
    )
    assert "diff/nullability-widened" not in [f.rule_id for f in found]


def test_nullable_is_null_on_gemini_parameters() -> None:
    """Gemini `parameters` is OpenAPI 3.0: `nullable: true` accepts null there, and its
    upper-case types are read, so a narrowing has a witness."""
    old = {"type": "OBJECT", "properties": {"a": {"type": "STRING", "nullable": True}}}
    new = {"type": "OBJECT", "properties": {"a": {"type": "STRING"}}}
    found = diff(old, new, "gemini")
    assert rows(found) == [
        ("diff/nullability-narrowed", "/input_schema/properties/a/type", "error")
    ]
    assert found[0].witness == {"a": None}
    assert diff(
        new, {"type": "OBJECT", "properties": {"a": {"type": ["STRING", "NULL"]}}}, "gemini"
    )


# --- 6b-6d. equivalent and vacuous ----------------------------------------------------------


def test_integer_exclusive_bound_and_inclusive_bound_are_the_same() -> None:
    old = anthropic({"type": "integer", "exclusiveMaximum": 8})
    new = anthropic({"type": "integer", "maximum": 7})
    assert diff(old, new) == []
    assert rows(diff(old, anthropic({"type": "integer", "maximum": 6}))) == [
        ("diff/numeric-bound-narrowed", "/input_schema/properties/a/maximum", "error")
    ]


def test_a_root_type_implied_by_every_branch_is_no_change() -> None:
    branches = [
        {"type": "object", "properties": {"op": {"const": "start"}}, "required": ["op"]},
        {"type": "object", "properties": {"op": {"const": "stop"}}, "required": ["op"]},
    ]
    assert diff({"oneOf": branches}, {"type": "object", "oneOf": branches}) == []
    # a root type that excludes what a branch accepted is still a narrowing
    loose = [*branches, {"type": "string"}]
    assert rows(diff({"anyOf": loose}, {"type": "object", "anyOf": loose}))[0] == (
        "diff/type-narrowed",
        "/input_schema/type",
        "error",
    )


def test_object_keywords_of_a_non_object_widen_nothing() -> None:
    old = {"type": "object", "properties": {"e": {"type": "string"}}, "additionalProperties": False}
    assert "diff/additional-properties-widened" not in [
        f.rule_id for f in diff(old, {"type": "string"})
    ]


# --- 6e-6g. pointers and messages -----------------------------------------------------------


def test_a_finding_points_into_the_new_side() -> None:
    """pydantic 1 → 2: the null now accepted through `anyOf` points at the new property
    (`/type` existed only in the old schema)."""
    old = anthropic({"type": "string"})
    new = anthropic({"anyOf": [{"type": "string"}, {"type": "null"}], "default": None})
    assert rows(diff(old, new)) == [
        ("diff/nullability-widened", "/input_schema/properties/a", "info")
    ]


def test_a_whitespace_only_description_edit_is_no_change() -> None:
    old = anthropic({"type": "string", "description": "The city\nto look up."})
    new = anthropic({"type": "string", "description": "The city to  look up. "})
    assert diff(old, new) == []
    edited = anthropic({"type": "string", "description": "The town to look up."})
    found = diff(old, edited)
    assert rows(found) == [
        ("diff/description-changed", "/input_schema/properties/a/description", "warning")
    ]
    assert "[-city-] {+town+}" in found[0].message


def test_a_removed_title_points_at_the_old_title() -> None:
    """A removal points into the old side, at the keyword itself, and the message says so."""
    found = diff(anthropic({"type": "string", "title": "A"}), anthropic({"type": "string"}))
    assert rows(found) == [
        ("diff/description-changed", "/input_schema/properties/a/title", "warning")
    ]
    assert found[0].message.startswith("input schema at /properties/a/title:")


def test_a_title_inside_an_inlined_definition_names_the_keyword() -> None:
    """Where the emitted schema has no node for the keyword (it sits in a `$defs` entry
    reached by `$ref`), the finding points at the deepest real node and the message names
    the rest of the path."""
    old = {**anthropic({"$ref": "#/$defs/A"}), "$defs": {"A": {"type": "string", "title": "A"}}}
    new = {**anthropic({"$ref": "#/$defs/A"}), "$defs": {"A": {"type": "string"}}}
    found = diff(old, new)
    assert rows(found) == [("diff/description-changed", "/input_schema/properties/a", "warning")]
    assert found[0].message.startswith("input schema at /properties/a (title):")


# --- 6h. one witness per removed enum value --------------------------------------------------


def test_each_removed_enum_value_has_its_own_witness() -> None:
    old = anthropic({"type": "string", "enum": ["c", "f", "k"]})
    new = anthropic({"type": "string", "enum": ["c", "x"]})
    found = [f for f in diff(old, new) if f.rule_id == "diff/enum-value-removed"]
    assert sorted(json.dumps(f.witness) for f in found) == ['{"a": "f"}', '{"a": "k"}']
    assert_witnesses_real(old, new, found)


def test_tools_without_a_schema_are_not_paired_as_renames() -> None:
    """Provider built-ins (`web_search`, `bash`) have no input schema: equal schemas cannot
    say they are one tool renamed, so one is removed and the other added."""
    keep = tool({"type": "object"}, name="weather")
    before = [keep, tool(None, name="web_search")]
    after = [keep, tool(None, name="bash")]
    assert sorted((f.rule_id, f.tool) for f in diff_tools(before, after)) == [
        ("diff/tool-added", "bash"),
        ("diff/tool-removed", "web_search"),
    ]

"""The meta-validity gate: provider rules and the semantic diff only read well-typed schemas.

Wrong JSON types in schema keywords (``required: [{}]``, ``properties: []``) are reported by
``json-schema/valid-under-draft`` (or, for Gemini ``parameters``, by the Gemini packs), never
met by code that assumes the meta-schema's types; the diff of such a pair is structural.
"""

from __future__ import annotations

from schemadrift import registry
from schemadrift.diff.classify import analyse
from schemadrift.engine import Linter
from schemadrift.model import Origin, Tool
from schemadrift.schema.validity import meta_valid, well_formed, well_typed
from tests.helpers.tools import tools_of

ALL = registry.provider_dialects()


def _tool(schema: object, name: str = "t", shape: str = "anthropic") -> Tool:
    return Tool(name=name, input_schema=schema, origin=Origin("file", shape), description="d")


def _rules(findings: list) -> set[tuple[str, str]]:
    return {(f.rule_id, f.pointer) for f in findings}


def test_invalid_schema_is_judged_only_by_always_on_packs() -> None:
    """A meta-invalid schema gets valid-under-draft and no provider schema finding, but from
    the packs whose provider parses ``parameters`` as a protobuf Schema (gemini, vertex): the
    meta-schema does not decide their verdict, their own rules do."""
    schema = {
        "type": "object",
        "properties": {"a": {"type": "string", "format": "email"}},
        "required": [{"x": 1}, ["a"]],
    }
    found = Linter().lint([_tool(schema)], ALL)
    rules = _rules(found)
    assert ("json-schema/valid-under-draft", "/input_schema/required/0") in rules
    packs = {f.rule_id.split("/")[0] for f in found if f.pointer.startswith("/input_schema")}
    assert packs <= {"json-schema", "security", "openai", "mcp", "gemini", "vertex"}, packs
    assert ("gemini/keyword-type-mismatch", "/input_schema/required") in rules
    assert ("gemini/string-format", "/input_schema/properties/a/format") in rules
    # the same schema made valid is judged by the provider packs again
    valid = {**schema, "required": ["a"]}
    again = Linter().lint([_tool(valid)], ["openai-strict"])
    assert any(f.rule_id == "openai-strict/additional-properties-false" for f in again)


def test_property_schema_still_words_the_meta_error_for_openai() -> None:
    """openai/property-schema (a tool rule) still fires on a string property value."""
    found = Linter().lint([_tool({"type": "object", "properties": {"q": "string"}})], ["openai"])
    assert ("openai/property-schema", "/input_schema/properties/q") in _rules(found)


def test_gemini_parameters_wrong_types_are_findings() -> None:
    """Gemini `parameters` with wrong keyword types get keyword-type-mismatch findings."""
    schema = {"type": "OBJECT", "properties": [1, {}], "required": [False]}
    found = Linter().lint([_tool(schema, shape="gemini")], ALL)
    rules = _rules(found)
    assert ("gemini/keyword-type-mismatch", "/input_schema/properties") in rules
    assert ("gemini/keyword-type-mismatch", "/input_schema/required") in rules
    assert ("vertex/keyword-type-mismatch", "/input_schema/required") in rules


def test_gate_checks() -> None:
    """meta_valid follows the declared draft; well_typed reads 2020-12 keywords whatever it is."""
    draft4 = {
        "$schema": "http://json-schema.org/draft-04/schema#",
        "exclusiveMinimum": True,
        "minimum": 0,
    }
    assert meta_valid(draft4) and well_typed(draft4) and well_formed(draft4)
    mixed = {**draft4, "$schema": "https://json-schema.org/draft/2020-12/schema"}
    assert not meta_valid(mixed) and well_typed(mixed) and not well_formed(mixed)
    hidden = {"$schema": "http://json-schema.org/draft-04/schema#", "else": {"required": [[]]}}
    assert meta_valid(hidden) and not well_typed(hidden)
    assert well_typed({"type": "STRING", "nullable": True}, openapi=True)
    assert not meta_valid({"$schema": "https://example.invalid/meta", "type": 5})
    assert not meta_valid(1.5) and meta_valid(True)


def test_diff_of_invalid_schema_is_structural() -> None:
    """A pair with a meta-invalid side yields invalid-schema-changed at each changed pointer."""
    old = _tool({"type": "object", "properties": {"a": {"type": "string"}}, "required": ["a"]})
    new = _tool({"type": "object", "properties": {"a": {"type": "string"}}, "required": [False]})
    items = analyse(old, new)
    assert [(i.kind, i.pointer, i.discriminator) for i in items] == [
        ("diff/invalid-schema-changed", "/input_schema/required/0", None)
    ]
    assert "new schema is not valid" in items[0].message


def test_diff_folds_draft4_bound_in_a_2020_12_schema() -> None:
    """Boolean exclusiveMinimum fixed to a number is no change (the draft-04 spelling folds)."""
    (old,) = tools_of({"name": "t", "input_schema": {"exclusiveMinimum": True, "minimum": 0}})
    (new,) = tools_of({"name": "t", "input_schema": {"exclusiveMinimum": 0}})
    assert analyse(old, new) == []

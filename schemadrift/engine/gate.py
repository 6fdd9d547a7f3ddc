"""Which schemas a provider's rules judge at all.

Provider schema rules judge only a schema whose keywords hold the JSON types its meta-schema
gives them, so they never meet ``required: [{}]`` or ``properties: []``: such a schema is
reported by ``json-schema/valid-under-draft`` (an error in the verdict of every provider that
validates the draft), and provider rules would add nothing to it. And only the json-schema
pack judges a schema nested past ``MAX_NESTING``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

from schemadrift import registry
from schemadrift.engine.plan import ALWAYS_ON
from schemadrift.model import JSON, Tool
from schemadrift.schema.facts import SchemaFacts
from schemadrift.schema.validity import OPENAPI_SHAPES, gate_json, gate_openapi
from schemadrift.schema.walk import MAX_NESTING, nesting_depth


def judgeable(tool: Tool, base: str, facts: SchemaFacts, dialect_id: str) -> bool:
    """The meta-validity gate. The ``gemini`` and ``vertex`` packs judge every schema
    themselves, whatever its shape (``Dialect.reads_openapi``): their provider parses
    ``parameters`` into a protobuf Schema, not against a meta-schema, so their own rules (wrong
    types, unknown fields) are what decides their verdict. Other packs judge the OpenAPI format
    once its type names read as JSON Schema ones. A root that is not an object (absent, a
    string) is judged: root rules report it."""
    if not isinstance(facts.root, dict) or registry.DIALECTS[dialect_id].reads_openapi:
        return True
    openapi = tool.origin.shape in OPENAPI_SHAPES and not base.startswith("/variants/")
    return facts.derived(gate_openapi if openapi else gate_json)


def judged_schemas(
    tool: Tool,
    dialects: Sequence[str],
    facts_of: Callable[[JSON], SchemaFacts],
) -> Iterator[tuple[str, str, SchemaFacts, tuple[str, ...]]]:
    """``(side, base, facts, dialects)`` for each schema of the tool with those of
    ``dialects`` whose rules judge it: the gate may turn a dialect away, and a dialect may
    read another schema of the tool (its own variant)."""
    groups: dict[tuple[str, str, int], tuple[SchemaFacts, list[str]]] = {}
    for dialect_id in dialects:
        sides = [("input", *tool.schema_for(dialect_id))]
        if tool.output_schema is not None:
            sides.append(("output", "/output_schema", tool.output_schema))
        for side, base, schema in sides:
            facts = facts_of(schema)
            if dialect_id not in ALWAYS_ON and not judgeable(tool, base, facts, dialect_id):
                continue
            groups.setdefault((side, base, id(schema)), (facts, []))[1].append(dialect_id)
    for (side, base, _), (facts, judging) in groups.items():
        yield side, base, facts, tuple(judging)


def too_deep(tool: Tool, input_text: str | None = None) -> bool:
    """Whether a schema of the tool nests past ``MAX_NESTING``. A schema cannot nest deeper
    than the brackets its text opens: counting them (at C speed) spares most tools a walk."""
    if (
        input_text is not None
        and tool.output_schema is None
        and not tool.variants
        and input_text.count("{") + input_text.count("[") <= MAX_NESTING
    ):
        return False
    schemas = [tool.input_schema, tool.output_schema, *tool.variants.values()]
    return any(nesting_depth(schema) > MAX_NESTING for schema in schemas)

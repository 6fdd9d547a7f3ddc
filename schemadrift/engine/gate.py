"""Which schemas a provider's rules judge at all.

Provider schema rules judge only a schema whose keywords hold the JSON types its meta-schema
gives them, so they never meet ``required: [{}]`` or ``properties: []``: such a schema is
reported by ``json-schema/valid-under-draft`` (an error in the verdict of every provider that
validates the draft), and provider rules would add nothing to it. And only the json-schema
pack judges a schema nested past ``MAX_NESTING``.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from schemadrift import registry
from schemadrift.engine.keys import dump
from schemadrift.engine.plan import ALWAYS_ON
from schemadrift.model import JSON, Tool
from schemadrift.schema.walk import MAX_NESTING, nesting_depth


def judgeable(tool: Tool, base: str, schema: JSON, text: str, dialect_id: str) -> bool:
    """The meta-validity gate. The ``gemini`` and ``vertex`` packs judge every schema
    themselves, whatever its shape: their provider parses ``parameters`` into a protobuf
    Schema, not against a meta-schema, so their own rules (wrong types, unknown fields) are
    what decides their verdict. Other packs judge the OpenAPI format once its type names read
    as JSON Schema ones. A root that is not an object (absent, a string) is judged: root rules
    report it."""
    from schemadrift.schema.validity import OPENAPI_SHAPES, well_formed

    if not isinstance(schema, dict) or reads_openapi(dialect_id):
        return True
    openapi = tool.origin.shape in OPENAPI_SHAPES and not base.startswith("/variants/")
    return well_formed(schema, openapi=openapi, text=text)


def judged_schemas(
    tool: Tool, dialects: Sequence[str], texts: dict[int, str]
) -> Iterator[tuple[str, str, JSON, tuple[str, ...]]]:
    """``(side, base, schema, dialects)`` for each schema of the tool with those of
    ``dialects`` whose rules judge it: the gate may turn a dialect away, and a dialect may
    read another schema of the tool (its own variant). ``texts`` (by schema identity) gains
    the compact text of each schema yielded."""
    groups: dict[tuple[str, str, int], tuple[JSON, list[str]]] = {}
    # The gate's answer depends on the schema, its place and the dialect's reading only:
    # asked once per schema rather than once per dialect (about ten per tool).
    gates: dict[tuple[int, str, bool], bool] = {}
    for dialect_id in dialects:
        sides = [("input", *tool.schema_for(dialect_id))]
        if tool.output_schema is not None:
            sides.append(("output", "/output_schema", tool.output_schema))
        for side, base, schema in sides:
            text = texts.get(id(schema))
            if text is None:
                text = texts[id(schema)] = dump(schema)
            if dialect_id not in ALWAYS_ON:
                gate_key = (id(schema), base, reads_openapi(dialect_id))
                passes = gates.get(gate_key)
                if passes is None:
                    passes = gates[gate_key] = judgeable(tool, base, schema, text, dialect_id)
                if not passes:
                    continue
            groups.setdefault((side, base, id(schema)), (schema, []))[1].append(dialect_id)
    for (side, base, _), (schema, judging) in groups.items():
        yield side, base, schema, tuple(judging)


def reads_openapi(dialect_id: str) -> bool:
    """Whether ``dialect_id`` judges the OpenAPI ``parameters`` format itself (the one fact
    about the dialect ``judgeable`` reads; ``Dialect.reads_openapi``)."""
    return registry.DIALECTS[dialect_id].reads_openapi


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

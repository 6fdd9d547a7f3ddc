"""Which schemas a provider's rules judge at all.

Provider schema rules judge only a schema whose keywords hold the JSON types its meta-schema
gives them, so they never meet ``required: [{}]`` or ``properties: []``: such a schema is
reported by ``json-schema/valid-under-draft`` (an error in the verdict of every provider that
validates the draft), and provider rules would add nothing to it. And only the json-schema
pack judges a schema nested past ``MAX_NESTING``.
"""

from __future__ import annotations

from schemadrift import registry
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


def reads_openapi(dialect_id: str) -> bool:
    """Whether ``dialect_id`` judges the OpenAPI ``parameters`` format itself (the one fact
    about the dialect ``judgeable`` reads)."""
    from schemadrift.schema.validity import OPENAPI_SHAPES

    return bool(OPENAPI_SHAPES.intersection(registry.DIALECTS[dialect_id].shapes))


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

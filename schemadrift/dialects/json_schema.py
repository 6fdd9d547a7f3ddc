"""The always-on ``json-schema`` pack: the schema is valid JSON Schema and its ``$ref``s resolve.

Its rules only: whether a schema is valid, and the detailed errors (with the JSON pointer of
each bad node), come from the validity gate (``schema/validity.py``), which the engine and the
diff ask too. Nothing is ever fetched: an unknown ``$schema`` URI is not handed to a
validator, and remote ``$ref``s are findings.
"""

from __future__ import annotations

from collections.abc import Iterator

from schemadrift.model import JSON, Evidence, Severity, Tool, escape_token
from schemadrift.registry import Context, Dialect, Example, Hit, dialect, rule
from schemadrift.schema.facts import SchemaFacts
from schemadrift.schema.refs import LOCAL, RefSite, ref_sites
from schemadrift.schema.validity import (
    MAX_META_DEPTH,
    OPENAPI_SHAPES,
    draft_of,
    meta_errors,
    meta_valid_of,
    nests_too_deep,
    too_deep_of,
)

DIALECTS_MD = "https://github.com/schemadrift/schemadrift/blob/main/docs/dialects.md"
DRAFT_2020_12 = "https://json-schema.org/draft/2020-12/schema"


def _facts(schema: JSON, ctx: Context) -> tuple[bool, list[RefSite]]:
    """``(too deep, $ref sites)`` of one of the tool's schemas, for the pack's four rules: the
    input schema's are computed once, on its ``SchemaFacts``."""
    facts = ctx.facts
    if facts is not None and facts.root is schema:
        return facts.derived(_depth_and_refs)
    return _depth_and_refs_of(schema, None)


def _depth_and_refs(facts: SchemaFacts) -> tuple[bool, list[RefSite]]:
    return _depth_and_refs_of(facts.root, facts.text, facts.derived(too_deep_of))


def _depth_and_refs_of(
    schema: JSON, text: str | None, deep: bool | None = None
) -> tuple[bool, list[RefSite]]:
    if deep is None:
        deep = nests_too_deep(schema)
    # The compact text holds `"$ref"` wherever a `$ref` key is: without it there is no site,
    # and no walk is needed to say so.
    if deep or not isinstance(schema, dict) or (text is not None and '"$ref"' not in text):
        return deep, []
    return deep, list(ref_sites(schema))


def _nested(levels: int) -> JSON:
    """An object schema whose property ``a`` nests ``levels`` objects deep (for examples)."""
    schema: JSON = {"type": "string"}
    for _ in range(levels):
        schema = {"type": "object", "properties": {"a": schema}}
    return schema


def _schemas(tool: Tool) -> list[tuple[str, JSON]]:
    """The JSON Schema documents of a tool with their pointers: input, and output if present."""
    if tool.origin.shape in OPENAPI_SHAPES:
        return []
    # A tool may legitimately send no schema at all (an OpenAI function without `parameters`);
    # whether a dialect requires one is that dialect's rule, not a meta-schema question.
    out = [("/input_schema", tool.input_schema)] if tool.input_schema is not None else []
    if tool.output_schema is not None:
        out.append(("/output_schema", tool.output_schema))
    return out


@rule(
    "json-schema/valid-under-draft",
    severity=Severity.ERROR,
    scope="tool",
    evidence=[
        Evidence(
            "https://github.com/anthropics/claude-code/issues/63673",
            "observed",
            "2026-05-01",
            verdict="rejected",
        ),
        Evidence(
            "https://github.com/Dokploy/mcp/issues/74", "observed", "2025-09-01", verdict="rejected"
        ),
        Evidence(
            "https://github.com/diegosouzapw/OmniRoute/issues/12045",
            "observed",
            "2026-01-01",
            verdict="rejected",
        ),
    ],
    fails=[
        {
            "type": "object",
            "properties": {"limit": {"type": "integer", "minimum": 0, "exclusiveMinimum": True}},
        },
        {"type": "object", "properties": {"q": "string"}},
    ],
    passes=[
        {"type": "object", "properties": {"limit": {"type": "integer", "exclusiveMinimum": 0}}},
        {},
    ],
)
def valid_under_draft(tool: Tool, ctx: Context) -> Iterator[Hit]:
    """Tool schemas are valid under the JSON Schema draft they declare (default 2020-12).

    ## Why

    Most providers validate tool schemas against a meta-schema before anything else. Anthropic
    answers `JSON schema is invalid. It must match JSON Schema draft 2020-12` and rejects the whole
    request; OpenAI rejects property values that are not schemas (`'string' is not of type 'object',
    'boolean'`); Bedrock and MCP clients validate too. A draft-04 habit such as boolean
    `exclusiveMinimum: true` is invalid in 2020-12. The finding counts in the verdict of the
    dialects with evidence that they validate the draft; Gemini's `parameters` are parsed as a
    protobuf Schema instead, and the `gemini`/`vertex` rules judge them.

    ## Fix

    Make the schema valid under its draft: use numeric `exclusiveMinimum`/`exclusiveMaximum`,
    `prefixItems` instead of array-form `items`, and schema objects (not strings) as property
    values.
    """
    # Variants (the schema a framework renders for one provider) are judged too: provider
    # rules skip a schema that is not valid (the engine's gate), so this finding is the one
    # that says why.
    variants = [
        (f"/variants/{escape_token(str(key))}", value)
        for key, value in sorted(tool.variants.items(), key=lambda item: str(item[0]))
        if value is not None and not _facts(value, ctx)[0] and value != tool.input_schema
    ]
    for base, schema in [*_schemas(tool), *variants]:
        if _facts(schema, ctx)[0]:
            continue
        facts = ctx.facts
        if facts is not None and facts.root is schema and facts.derived(meta_valid_of):
            continue  # the gate's answer for the input schema, asked once
        errors = meta_errors(schema)
        if errors:
            pointer, message = errors[0]
            more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
            draft = draft_of(schema) or "2020-12"
            yield Hit(base + pointer, f"invalid JSON Schema ({draft}): {message}{more}")


@rule(
    "json-schema/too-deep",
    severity=Severity.ERROR,
    scope="tool",
    evidence=[
        Evidence(
            "https://github.com/google-gemini/gemini-cli/issues/6031",
            "observed",
            "2025-08-01",
            verdict="rejected",
        )
    ],
    fails=[
        Example(
            _nested(MAX_META_DEPTH),
            "An object schema whose property `a` nests 512 object schemas deep:",
            '{"type": "object", "properties": {"a": {"type": "object", "properties": {"a": ...}}}}',
        )
    ],
    passes=[_nested(8)],
)
def too_deep(tool: Tool, ctx: Context) -> Iterator[Hit]:
    """Tool schemas nest fewer than 512 levels of JSON.

    ## Why

    No provider accepts schemas this deep (OpenAI's documented limit is 10 object levels, Gemini
    rejects deep nesting with `exceeds the maximum allowed nesting depth`), and validators recurse
    once per level. schemadrift does not meta-validate deeper schemas.

    ## Fix

    Flatten the schema; deep nesting is almost always a generator bug (a runaway recursion).
    """
    for base, schema in _schemas(tool):
        if _facts(schema, ctx)[0]:
            yield Hit(base, f"the schema nests more than {MAX_META_DEPTH} levels deep")


@rule(
    "json-schema/unknown-draft",
    severity=Severity.WARNING,
    scope="tool",
    evidence=[
        Evidence(
            "https://modelcontextprotocol.io/specification/2025-11-25/changelog",
            "documented",
            "2025-11-25",
            "MCP: JSON Schema 2020-12 is the default dialect when $schema is absent (SEP-1613)",
        )
    ],
    fails=[{"$schema": "https://example.com/my-meta", "type": "object"}],
    passes=[{"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object"}],
)
def unknown_draft(tool: Tool, ctx: Context) -> Iterator[Hit]:
    """`$schema` names a JSON Schema draft schemadrift knows.

    ## Why

    An unknown `$schema` URI cannot be checked offline (schemadrift never downloads meta-schemas),
    and providers judge against 2020-12 anyway: the schema is checked as 2020-12 instead.

    ## Fix

    Use `https://json-schema.org/draft/2020-12/schema` or drop `$schema`.
    """
    for base, schema in _schemas(tool):
        if isinstance(schema, dict) and "$schema" in schema and draft_of(schema) is None:
            yield Hit(f"{base}/$schema", f"unknown JSON Schema dialect {schema['$schema']!r}")


@rule(
    "json-schema/unresolved-ref",
    severity=Severity.ERROR,
    scope="tool",
    evidence=[
        Evidence(
            "https://github.com/langchain4j/langchain4j/pull/5097",
            "observed",
            "2026-01-01",
            verdict="rejected",
        )
    ],
    fails=[{"type": "object", "properties": {"a": {"$ref": "#/$defs/Missing"}}}],
    passes=[
        {
            "type": "object",
            "properties": {"a": {"$ref": "#/$defs/A"}},
            "$defs": {"A": {"type": "string"}},
        }
    ],
)
def unresolved_ref(tool: Tool, ctx: Context) -> Iterator[Hit]:
    """Every local `$ref` resolves inside the tool's schema.

    ## Why

    A `$ref` that points at a missing definition cannot be followed by any provider: Bedrock returns
    `Reference to non-existent definition`, and validators raise.

    ## Fix

    Ship the referenced definition in `$defs`, or inline it.
    """
    for base, schema in _schemas(tool):
        deep, sites = _facts(schema, ctx)
        if not isinstance(schema, dict) or deep:
            continue
        for site in sites:
            if site.kind == LOCAL and not site.resolved:
                yield Hit(f"{base}{site.pointer}/$ref", f"$ref {site.ref!r} does not resolve")


@rule(
    "json-schema/remote-ref",
    severity=Severity.ERROR,
    scope="tool",
    evidence=[
        Evidence(
            "https://modelcontextprotocol.io/specification/2026-07-28/changelog",
            "documented",
            "2026-07-28",
            verdict="rejected",
        )
    ],
    fails=[{"type": "object", "properties": {"a": {"$ref": "https://example.com/a.json"}}}],
    passes=[{"type": "object", "properties": {"a": {"type": "string"}}}],
)
def remote_ref(tool: Tool, ctx: Context) -> Iterator[Hit]:
    """Tool schemas are self-contained: no `$ref` to another file or URL.

    ## Why

    Providers do not fetch referenced documents, and MCP (2026-07-28) forbids clients to
    auto-dereference network `$ref`s; the reference stays dangling and the tool is rejected or its
    arguments are unconstrained. schemadrift never fetches them either.

    ## Fix

    Bundle the referenced schema into `$defs` and point at it with `#/$defs/...`.
    """
    for base, schema in _schemas(tool):
        deep, sites = _facts(schema, ctx)
        if not isinstance(schema, dict) or deep:
            continue
        for site in sites:
            if site.kind != LOCAL:
                yield Hit(
                    f"{base}{site.pointer}/$ref",
                    f"$ref {site.ref!r} points outside the schema and is never fetched",
                )


JSON_SCHEMA = dialect(
    Dialect(
        id="json-schema",
        title="JSON Schema (always on)",
        always=True,
        notes="Meta-schema validity and offline $ref resolution; runs whatever dialects are targeted.",
    )
)

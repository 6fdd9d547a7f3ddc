"""Helpers shared by the dialect modules: schema-node facts and envelope checks.

Pure functions over JSON values; no rules are registered here.
"""

from __future__ import annotations

from collections.abc import Iterator

from schemadrift.model import JSON, Tool
from schemadrift.registry import Hit

DIALECTS_MD = "https://github.com/schemadrift/schemadrift/blob/main/docs/dialects.md"

# Input shapes that name no provider: a client or framework builds the provider envelope
# from them (MCP clients, frameworks in-process, bare schemas, snapshots of those).
NEUTRAL_SHAPES = frozenset({"bare", "mcp", "python", "command", "openai-function"})

SHAPE_TITLES = {
    "openai": "an OpenAI Chat Completions tool",
    "openai-responses": "an OpenAI Responses tool",
    "openai-function": "a bare function definition",
    "anthropic": "an Anthropic tool",
    "gemini": "a Gemini declaration with `parameters`",
    "gemini-json": "a Gemini declaration with `parametersJsonSchema`",
    "bedrock": "a Bedrock toolSpec",
    "mcp": "an MCP tool",
    "bare": "a bare schema",
}


def node_types(schema: JSON) -> frozenset[str]:
    """The JSON types a node declares with ``type`` (a string or a list); empty if none."""
    if not isinstance(schema, dict):
        return frozenset()
    value = schema.get("type")
    if isinstance(value, str):
        return frozenset({value})
    if isinstance(value, list):
        return frozenset(item for item in value if isinstance(item, str))
    return frozenset()


BUILTIN_TITLES = {
    "anthropic": "an Anthropic built-in tool",
    "openai-responses": "an OpenAI built-in (hosted) tool",
    "gemini": "a Gemini built-in tool",
    "bedrock": "a Bedrock system tool",
}


def envelope_mismatch(tool: Tool, accepted: frozenset[str], dialect_title: str) -> Iterator[Hit]:
    """A hit when a tool arrives in another provider's envelope than ``accepted``.

    Only an envelope the user wrote is judged (the engine runs envelope rules on nothing
    else, see ``Tool.envelope_written``); a framework builds its own per provider. A built-in
    tool of another provider is a mismatch too: that provider does not implement it.
    """
    shape = tool.origin.shape
    if shape in NEUTRAL_SHAPES or shape in accepted:
        return
    if tool.builtin is not None:
        title = BUILTIN_TITLES.get(shape, "a built-in tool")
        yield Hit(
            "",
            f"{title} (`{tool.builtin}`) is not a tool {dialect_title} knows; the request "
            "fails on its unknown tool type",
            hint=f"leave it out of requests to {dialect_title}, or use that provider's own "
            "built-in tool",
        )
        return
    title = SHAPE_TITLES.get(shape, shape)
    yield Hit(
        "",
        f"{title} is not what {dialect_title} receives; the provider rejects its keys",
        hint=f"send it as {' or '.join(SHAPE_TITLES.get(s, s) for s in sorted(accepted))}",
    )

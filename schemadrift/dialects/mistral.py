"""Mistral chat completions function calling: the ``mistral`` dialect (dialects.md §6).

Mistral takes OpenAI's Chat Completions envelope (``tools[].function``) but has its own
validator: the function object of its OpenAPI client requires ``parameters``, and names follow
OpenAI's pattern and length. Mistral documents no schema subset for ``strict: true``, so there
is no ``mistral-strict`` dialect; a strict tool only gets a note.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from schemadrift.dialects._common import DIALECTS_MD, envelope_mismatch
from schemadrift.model import Evidence, Severity, Tool
from schemadrift.registry import Context, Dialect, Hit, dialect, rule

NAME_PATTERN = re.compile(r"^[a-zA-Z0-9_-]+$")
MAX_NAME_LENGTH = 64
"""Both from Mistral's 400 message 'must be a-z, A-Z, 0-9, or contain underscores and dashes,
with a maximum length of 64' (witsy PR #164, 2025-04)."""

MISTRAL_SHAPES = frozenset({"openai"})

FUNCTION_MODEL = (
    "https://github.com/mistralai/client-python/blob/main/src/mistralai/models/function.py"
)


def _tool(name: str, **function: object) -> dict[str, object]:
    return {"type": "function", "function": {"name": name, **function}}


_EMPTY = {"type": "object", "properties": {}}


@rule(
    "mistral/envelope-shape",
    envelope=True,
    severity=Severity.ERROR,
    scope="tool",
    evidence=[Evidence(FUNCTION_MODEL, "documented", "2026-09-01", verdict="rejected")],
    fails=[{"name": "get_weather", "input_schema": _EMPTY}],
    passes=[_tool("get_weather", parameters=_EMPTY)],
)
def envelope_shape(tool: Tool, ctx: Context) -> Iterator[Hit]:
    """Tools sent to Mistral use the Chat Completions function envelope.

    ## Why

    Mistral reads `tools[].function.{name, description, parameters, strict}`, the Chat Completions
    form. The OpenAI Responses flat form, an Anthropic `input_schema`, a Gemini declaration or a
    Bedrock `toolSpec` has no `function` object where Mistral looks. MCP tools, bare schemas and
    framework objects are neutral: a client builds the envelope.

    ## Fix

    Wrap the schema as `{"type": "function", "function": {"name": ..., "parameters": ...}}`.
    """
    yield from envelope_mismatch(tool, MISTRAL_SHAPES, "Mistral chat completions")


@rule(
    "mistral/tool-name",
    severity=Severity.ERROR,
    scope="tool",
    evidence=[
        Evidence(
            "https://github.com/Kochava-Studios/witsy/pull/164",
            "observed",
            "2025-04-04",
            verdict="rejected",
        ),
        Evidence(
            "https://github.com/langchain-ai/langchain/issues/29860",
            "observed",
            "2025-02-01",
            verdict="rejected",
        ),
    ],
    fails=[_tool("get weather", parameters=_EMPTY), _tool("t" * 65, parameters=_EMPTY)],
    passes=[_tool("get_weather", parameters=_EMPTY)],
)
def tool_name(tool: Tool, ctx: Context) -> Iterator[Hit]:
    """Tool names are 1–64 characters of `a-z A-Z 0-9 _ -`.

    ## Why

    Mistral rejects the request with `Function name was <name> but must be a-z, A-Z, 0-9, or contain
    underscores and dashes, with a maximum length of 64.` Clients that make MCP tool names unique by
    appending a server id push them over 64 (witsy PR #164); a LangChain tool titled with a space
    failed the same way (langchain #29860).

    ## Fix

    Use only letters, digits, `_` and `-`, at most 64 characters.
    """
    if tool.name_from_file:
        return
    if not NAME_PATTERN.match(tool.name):
        yield Hit(
            "/name",
            f"tool name {tool.name!r} must be a-z, A-Z, 0-9, or contain underscores and dashes",
            hint="replace spaces, dots and slashes by '_'",
        )
    if len(tool.name) > MAX_NAME_LENGTH:
        yield Hit(
            "/name",
            f"tool name is {len(tool.name)} characters long; Mistral allows at most "
            f"{MAX_NAME_LENGTH}",
            hint=f"shorten the name to {MAX_NAME_LENGTH} characters",
        )


@rule(
    "mistral/parameters-required",
    severity=Severity.ERROR,
    scope="tool",
    evidence=[
        Evidence(
            FUNCTION_MODEL,
            "documented",
            "2026-09-01",
            "Function: name, parameters (required), description (default ''), "
            "strict (default false)",
            verdict="rejected",
        )
    ],
    fails=[_tool("ping")],
    passes=[_tool("ping", parameters=_EMPTY)],
    hint='add "parameters": {"type": "object", "properties": {}}',
)
def parameters_required(tool: Tool, ctx: Context) -> Iterator[Hit]:
    """Every Mistral function carries a `parameters` JSON object.

    ## Why

    Mistral's function object declares `parameters` as required (a JSON object), unlike OpenAI,
    where a function without arguments may omit it. A tool converted from OpenAI that leaves
    `parameters` out, or sends `null`, is rejected.

    ## Fix

    Send `"parameters": {"type": "object", "properties": {}}` for a tool without arguments.
    """
    _base, schema = tool.schema_for(ctx.dialect)
    if schema is None:
        yield Hit("/input_schema", "`parameters` is required by Mistral and is missing or null")
    elif not isinstance(schema, dict):
        yield Hit(
            "/input_schema",
            f"`parameters` must be a JSON object, got {type(schema).__name__}",
        )


@rule(
    "mistral/strict-mode",
    severity=Severity.INFO,
    scope="tool",
    inference=True,
    evidence=[Evidence(FUNCTION_MODEL, "documented", "2026-09-01")],
    fails=[_tool("search", parameters=_EMPTY, strict=True)],
    passes=[_tool("search", parameters=_EMPTY)],
)
def strict_mode(tool: Tool, ctx: Context) -> Iterator[Hit]:
    """`strict: true` on Mistral has no documented schema subset to check against.

    ## Why

    Mistral accepts a `strict` flag on functions (default `false`) but documents no keyword subset
    for it, unlike OpenAI's Structured Outputs. schemadrift cannot tell whether a strict schema
    fits; test the tool against the API, or target `openai-strict` as well to hold the schema to the
    best-documented strict subset.

    ## Fix

    Keep `strict: true` only for tools you have exercised against Mistral.
    """
    if tool.strict:
        yield Hit(
            "/strict",
            "Mistral documents no schema subset for strict mode; this schema is not checked "
            "against one",
        )


MISTRAL = dialect(
    Dialect(
        id="mistral",
        title="Mistral chat completions function calling",
        shapes=tuple(sorted(MISTRAL_SHAPES)),
        notes=(
            "OpenAI-compatible envelope with Mistral's own validator; no documented keyword "
            f"subset for `strict`. Evidence: {DIALECTS_MD} §6."
        ),
    )
)

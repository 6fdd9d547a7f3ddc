"""Envelope, function-name and declaration-count rules, one row per rule for all three surfaces.

These judge the declaration around the schema, the same way on every Gemini surface but for
the limits each applies (``Surface.name_max``, ``Surface.tools_max``); each row below
registers its check under ``gemini/``, ``vertex/`` and ``gemini-json/`` (``twins.py``). A
docstring line tagged ``[vertex]`` or ``[gemini, gemini-json]`` belongs to those surfaces'
rules only.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from schemadrift.dialects._common import envelope_mismatch
from schemadrift.dialects.gemini.examples import CITY, decl
from schemadrift.dialects.gemini.limits import (
    DECLARATION_FIELDS,
    EV_GENAI_TYPES,
    EV_MAX_DECLS,
    EV_NAME,
    EV_NAME_128,
    EV_UNKNOWN_FIELD,
    EV_VERTEX_MAX_DECLS,
    FUNCTION_NAME,
    GEMINI_MAX_TOOLS,
    GOOGLE_SHAPES,
    VERTEX_MAX_TOOLS,
)
from schemadrift.dialects.gemini.support import NAME_LENGTH_CLAIM
from schemadrift.dialects.gemini.surface import GEMINI, JSON_SCHEMA, VERTEX, Surface
from schemadrift.dialects.gemini.twins import Side, Twins, register
from schemadrift.model import JSON, Severity, Tool
from schemadrift.registry import Context, Example, Hit


def envelope(tool: Tool, ctx: Context, surface: Surface) -> Iterator[Hit]:
    """[gemini] Tools sent to the Gemini Developer API are function declarations with known fields
    only.
    [vertex] Tools sent to Vertex AI are function declarations with known fields only.
    [gemini-json] Tools sent with `parametersJsonSchema` are Gemini function declarations with
    known fields only.

    ## Why

    [gemini] Gemini takes `functionDeclarations: [{name, description, parameters}]`. An OpenAI
    (`{type: function, function: {...}}`), Anthropic or Bedrock envelope, or an unknown declaration
    field such as `strict`, fails JSON-to-proto parsing and rejects the request. MCP, bare and
    framework shapes are neutral: the client builds the declaration.
    [vertex] Vertex AI takes Gemini function declarations; an OpenAI, Anthropic or Bedrock envelope,
    or an unknown declaration field, fails JSON-to-proto parsing.
    [gemini-json] An OpenAI, Anthropic or Bedrock envelope, or an unknown declaration field, fails
    JSON-to-proto parsing.

    ## Fix

    [gemini, vertex] Send `{name, description, parameters}` (or `parametersJsonSchema`) and nothing
    else.
    [gemini-json] Send `{name, description, parametersJsonSchema}` and nothing else.
    """
    yield from envelope_mismatch(tool, GOOGLE_SHAPES, surface.host)
    if tool.origin.shape in GOOGLE_SHAPES and tool.builtin is None:
        for key in tool.envelope:
            if key not in DECLARATION_FIELDS:
                yield Hit(
                    f"/{key}",
                    f"`{key}` is not a FunctionDeclaration field; the request fails with "
                    f'"Unknown name \\"{key}\\""',
                    hint=f"remove `{key}` from the declaration",
                )


def tool_name(tool: Tool, ctx: Context, surface: Surface) -> Iterator[Hit]:
    """[gemini] Function names start with a letter or `_`, use letters, digits, `_ . : -`, at most
    64.
    [vertex] Vertex function names use letters, digits, `_ . : -`, start with a letter or `_`, at
    most 128.
    [gemini-json] Function names start with a letter or `_`, use letters, digits, `_ . : -`, at
    most 128 (64 on the Developer API).

    ## Why

    [gemini] The Developer API answers `Invalid function name. Must start with a letter or an
    underscore. Must be a-z, A-Z, 0-9, or contain underscores (_), dots (.), colons (:), or dashes
    (-), with a maximum length of 64.` and rejects the request. MCP gateways that prefix server
    names (`server__tool`) often push names over 64.
    [vertex] Invalid function names reject the request. google-genai documents 128 characters for
    Vertex since 2026-05; older SDK docs said 64, and every observed error says 64, so names of
    65-128 characters get a warning.
    [gemini-json] Invalid names reject the request. The length cap depends on the host: 64 on the
    Developer API (every observed error), 128 on Vertex (2026 docstring); names of 65-128 characters
    get a warning.

    ## Fix

    [gemini] Rename the function: letters, digits, `_`, `.`, `:`, `-`, starting with a letter or
    `_`, at most 64.
    [vertex] Rename the function; keep it within 64 characters to be safe on every Gemini surface.
    [gemini-json] Rename the function; stay within 64 characters for the Developer API.
    """
    if tool.name_from_file:
        return
    name = tool.name
    limit, warn_above, where = surface.name_max, surface.name_warn_above, surface.host
    if not FUNCTION_NAME.fullmatch(name):
        yield Hit(
            "/name",
            f"function name {name!r} is invalid for {where}: it must start with a letter or "
            "`_` and contain only letters, digits, `_`, `.`, `:` and `-`",
        )
    if len(name) > limit:
        yield Hit("/name", f"function name is {len(name)} characters; {where} allows {limit}")
    elif warn_above is not None and len(name) > warn_above and NAME_LENGTH_CLAIM.severity:
        yield Hit(
            "/name",
            f"function name is {len(name)} characters; the Gemini Developer API rejects names "
            f"over {warn_above} (this surface documents {limit}: "
            f"{NAME_LENGTH_CLAIM.conflict or NAME_LENGTH_CLAIM.history()})",
            severity=NAME_LENGTH_CLAIM.severity,
        )


def too_many(tools: Sequence[Tool], ctx: Context, surface: Surface) -> Iterator[Hit]:
    """[gemini, gemini-json] A Gemini request declares at most ${GEMINI_MAX_TOOLS} functions.
    [vertex] A Vertex request declares at most ${VERTEX_MAX_TOOLS} functions (documented 2024).

    ## Why

    [gemini] The API answers `At most 512 function declarations can be specified.` and rejects the
    request.
    [vertex] Vertex docs said 64 function declarations, raised to 128 in 2024-11; the current number
    is unverified (the Developer API allows 512), so this is a warning.
    [gemini-json] The API answers `At most 512 function declarations can be specified.`

    ## Fix

    [gemini] Send fewer tools per request (select the relevant ones, or group them).
    [vertex, gemini-json] Send fewer tools per request.
    """
    # The cap is on function declarations; a built-in tool (`googleSearch`) is another field
    # of the request's `Tool`s, not a declaration.
    declared = sum(1 for tool in tools if tool.builtin is None)
    if declared > surface.tools_max:
        yield Hit(
            "",
            f"{declared} function declarations; {surface.tools_host} accepts at most "
            f"{surface.tools_max}",
        )


def _json_decl(name: str) -> JSON:
    """A `parametersJsonSchema` declaration list (for examples)."""
    return {"functionDeclarations": [{"name": name, "parametersJsonSchema": CITY}]}


def _many(count: int, key: str) -> Example:
    """A request of ``count`` declarations, shown abridged in the docs."""
    declarations = [{"name": f"f{i}", key: CITY} for i in range(count)]
    return Example(
        [{"functionDeclarations": declarations}],
        f"{count} declarations:",
        f'{{"functionDeclarations": [{{"name": "f0", ...}}, ... {count} items]}}',
    )


_UNKNOWN_DECLARATION_FIELD = EV_GENAI_TYPES.rejects("an unknown declaration field fails parsing")

NAMES = (
    Twins(
        "envelope-shape",
        envelope,
        {
            GEMINI: Side(
                Severity.ERROR,
                [EV_UNKNOWN_FIELD, _UNKNOWN_DECLARATION_FIELD],
                fails=[
                    [{"type": "function", "function": {"name": "get_weather", "parameters": CITY}}],
                    {"functionDeclarations": [{"name": "f", "parameters": CITY, "strict": True}]},
                ],
                passes=[decl(CITY)],
            ),
            VERTEX: Side(
                Severity.ERROR,
                [_UNKNOWN_DECLARATION_FIELD],
                fails=[[{"name": "f", "input_schema": CITY}]],
                passes=[decl(CITY)],
            ),
            JSON_SCHEMA: Side(
                Severity.ERROR,
                [_UNKNOWN_DECLARATION_FIELD],
                fails=[[{"toolSpec": {"name": "f", "inputSchema": {"json": CITY}}}]],
                passes=[_json_decl("f")],
            ),
        },
        scope="tool",
        envelope=True,
    ),
    Twins(
        "tool-name",
        tool_name,
        {
            GEMINI: Side(
                Severity.ERROR,
                [EV_NAME],
                fails=[decl(CITY, "get weather"), decl(CITY, "9lives"), decl(CITY, "x" * 65)],
                passes=[decl(CITY, "weather.get:v2-now")],
            ),
            VERTEX: Side(
                Severity.ERROR,
                [EV_NAME_128.rejects(), EV_NAME],
                claims=[NAME_LENGTH_CLAIM],
                fails=[decl(CITY, "get/weather"), decl(CITY, "x" * 129)],
                passes=[decl(CITY, "get_weather")],
            ),
            JSON_SCHEMA: Side(
                Severity.ERROR,
                [EV_NAME, EV_NAME_128.rejects()],
                claims=[NAME_LENGTH_CLAIM],
                fails=[_json_decl("get weather")],
                passes=[_json_decl("get_weather")],
            ),
        },
        scope="tool",
    ),
    Twins(
        "too-many-tools",
        too_many,
        {
            GEMINI: Side(
                Severity.ERROR,
                [EV_MAX_DECLS],
                fails=[_many(513, "parameters")],
                passes=[[decl(CITY)]],
            ),
            VERTEX: Side(
                Severity.WARNING,
                [EV_VERTEX_MAX_DECLS.rejects()],
                inference=True,
                fails=[_many(129, "parameters")],
                passes=[[decl(CITY)]],
            ),
            JSON_SCHEMA: Side(
                Severity.ERROR,
                [EV_MAX_DECLS],
                fails=[_many(513, "parametersJsonSchema")],
                passes=[[_json_decl("f")]],
            ),
        },
        scope="toolset",
        doc={"GEMINI_MAX_TOOLS": GEMINI_MAX_TOOLS, "VERTEX_MAX_TOOLS": VERTEX_MAX_TOOLS},
    ),
)
"""The declaration rules every Gemini surface runs."""

register(NAMES)

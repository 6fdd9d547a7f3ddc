"""``openai`` rules on what a tool's envelope says: its shape, name, description and ``strict``."""

from __future__ import annotations

import re
from collections.abc import Iterator

from schemadrift.dialects._common import envelope_mismatch
from schemadrift.dialects.openai.evidence import (
    DESCRIPTION_CLAIM,
    FUNCTION_CALLING,
    FUNCTION_DEFINITION,
)
from schemadrift.dialects.openai.limits import MAX_DESCRIPTION_LENGTH, MAX_NAME_LENGTH, NAME_PATTERN
from schemadrift.model import Evidence, Severity, Tool
from schemadrift.registry import Context, Hit, rule

OPENAI_SHAPES = frozenset({"openai", "openai-responses"})
"""The envelopes OpenAI receives: Chat Completions (``tools[].function``) and Responses."""


@rule(
    "openai/envelope-shape",
    envelope=True,
    severity=Severity.ERROR,
    scope="tool",
    evidence=[
        Evidence(FUNCTION_DEFINITION, "documented", "2026-09-01", verdict="rejected"),
        Evidence(
            "https://github.com/openai/openai-python/blob/main/src/openai/types/responses/"
            "function_tool_param.py",
            "documented",
            "2026-09-01",
            verdict="rejected",
        ),
    ],
    fails=[{"name": "get_weather", "input_schema": {"type": "object", "properties": {}}}],
    passes=[
        {
            "type": "function",
            "function": {"name": "get_weather", "parameters": {"type": "object", "properties": {}}},
        }
    ],
)
def envelope_shape(tool: Tool, ctx: Context) -> Iterator[Hit]:
    """Tools sent to OpenAI use the Chat Completions or Responses function envelope.

    ## Why

    OpenAI reads `tools[].function.{name, description, parameters, strict}` (Chat Completions) or
    the flat `tools[].{type, name, description, parameters, strict}` (Responses). An Anthropic
    `input_schema`, a Gemini declaration or a Bedrock `toolSpec` sent as is has no `parameters`
    where OpenAI looks, and the request fails. MCP tools, bare schemas and framework objects are
    neutral: a client builds the envelope.

    ## Fix

    Wrap the schema as `{"type": "function", "function": {"name": ..., "parameters": ...}}` (or the
    Responses flat form).
    """
    yield from envelope_mismatch(tool, OPENAI_SHAPES, "OpenAI function calling")


def _name_hits(tool: Tool, provider: str) -> Iterator[Hit]:
    """A hit for a name outside the pattern (naming the bad characters) and one for a name too
    long; a name made up from a file name is not judged."""
    name = tool.name
    if tool.name_from_file:
        return
    if not NAME_PATTERN.match(name):
        bad = sorted({ch for ch in name if not re.match(r"[a-zA-Z0-9_-]", ch)})
        shown = " ".join(repr(ch) for ch in bad) if bad else "an empty name"
        yield Hit(
            "/name",
            f"tool name {name!r} does not match '^[a-zA-Z0-9_-]+$' ({shown}); "
            f"{provider} rejects the request",
            hint="use only letters, digits, '_' and '-' (e.g. replace '.', '/' and spaces by '_')",
        )
    if len(name) > MAX_NAME_LENGTH:
        yield Hit(
            "/name",
            f"tool name is {len(name)} characters long; {provider} allows at most "
            f"{MAX_NAME_LENGTH}",
            hint=f"shorten the name to {MAX_NAME_LENGTH} characters (mind server prefixes)",
        )


@rule(
    "openai/tool-name",
    severity=Severity.ERROR,
    scope="tool",
    evidence=[
        Evidence(FUNCTION_DEFINITION, "documented", "2026-09-01", verdict="rejected"),
        Evidence(
            "https://github.com/xinnan-tech/xiaozhi-esp32-server/issues/1466",
            "observed",
            "2025-06-01",
            verdict="rejected",
        ),
        Evidence(
            "https://github.com/use-novamira/novamira/issues/12",
            "observed",
            "2026-04-16",
            verdict="rejected",
        ),
        Evidence(
            "https://github.com/danishjsheikh/swagger-mcp/issues/13",
            "observed",
            "2025-06-01",
            "Azure/Teams variant allowed dots: '^[a-zA-Z0-9_\\\\.-]+$'",
        ),
    ],
    fails=[
        {
            "type": "function",
            "function": {
                "name": "github.get_issue",
                "parameters": {"type": "object", "properties": {}},
            },
        },
        {
            "type": "function",
            "function": {"name": "x" * 65, "parameters": {"type": "object", "properties": {}}},
        },
    ],
    passes=[
        {
            "type": "function",
            "function": {
                "name": "github_get_issue",
                "parameters": {"type": "object", "properties": {}},
            },
        }
    ],
)
def tool_name(tool: Tool, ctx: Context) -> Iterator[Hit]:
    """Tool names are 1–64 characters of `a-z A-Z 0-9 _ -`.

    ## Why

    OpenAI validates every function name against `^[a-zA-Z0-9_-]+$` with a maximum length of 64 and
    rejects the whole request otherwise (`Invalid 'tools[8].function.name': string does not match
    pattern`). MCP allows dots and 128 characters, so MCP tools forwarded as is (or prefixed with a
    server name) often break this. The same pattern is enforced on replayed history, so renaming a
    tool can also break old conversations. Azure OpenAI has been seen allowing dots; OpenAI does
    not.

    ## Fix

    Use only letters, digits, `_` and `-`, at most 64 characters.
    """
    yield from _name_hits(tool, "OpenAI")


@rule(
    "openai/description-length",
    severity=Severity.WARNING,
    scope="tool",
    evidence=list(DESCRIPTION_CLAIM.evidence),
    claims=[DESCRIPTION_CLAIM],
    fails=[
        {
            "type": "function",
            "function": {
                "name": "search",
                "description": "d" * 1025,
                "parameters": {"type": "object", "properties": {}},
            },
        }
    ],
    passes=[
        {
            "type": "function",
            "function": {
                "name": "search",
                "description": "Search the catalogue.",
                "parameters": {"type": "object", "properties": {}},
            },
        }
    ],
    hint="shorten the description to 1,024 characters if you target Azure OpenAI",
)
def description_length(tool: Tool, ctx: Context) -> Iterator[Hit]:
    """Tool descriptions stay within 1,024 characters (still enforced on some Azure deployments).

    ## Why

    OpenAI rejected function descriptions over 1,024 characters (`string_above_max_length`) until
    about May 2025, and Azure OpenAI was still seen enforcing it in April 2025. OpenAI itself
    accepts longer descriptions now, so this is a warning: the tool works on api.openai.com and may
    fail on an Azure deployment or an OpenAI-compatible proxy.

    ## Fix

    Keep the description under 1,024 characters; move long usage notes into parameter descriptions
    or the system prompt.
    """
    text = tool.description
    claim = DESCRIPTION_CLAIM
    if isinstance(text, str) and len(text) > MAX_DESCRIPTION_LENGTH and claim.severity:
        yield Hit(
            "/description",
            f"description is {len(text)} characters; the {MAX_DESCRIPTION_LENGTH:,}-character "
            f"limit is a dated conflict: {claim.conflict or claim.history()}",
            severity=claim.severity,
        )


@rule(
    "openai/responses-strict-omitted",
    envelope=True,
    severity=Severity.WARNING,
    scope="tool",
    evidence=[
        Evidence(
            FUNCTION_CALLING,
            "documented",
            "2026-09-01",
            "quoted in 0xPlaygrounds/rig #2477: Responses normalizes to strict when strict "
            "is omitted",
        ),
        Evidence("https://github.com/0xPlaygrounds/rig/pull/2477", "observed", "2026-09-01"),
        Evidence("https://github.com/vercel/ai/pull/15889", "observed", "2026-06-01"),
        Evidence("https://github.com/open-webui/open-webui/pull/30046", "observed", "2026-09-01"),
    ],
    fails=[
        {
            "type": "function",
            "name": "search",
            "parameters": {"type": "object", "properties": {"q": {"type": "string"}}},
        }
    ],
    passes=[
        {
            "type": "function",
            "name": "search",
            "strict": False,
            "parameters": {"type": "object", "properties": {"q": {"type": "string"}}},
        }
    ],
    hint='set "strict": false (or true) explicitly on every Responses tool',
)
def responses_strict_omitted(tool: Tool, ctx: Context) -> Iterator[Hit]:
    # A hosted tool (`{"type": "web_search"}`) has no `strict` to set.
    """Responses API tools set `strict` explicitly.

    ## Why

    On the Responses API an omitted `strict` is not 'non-strict': OpenAI attempts to normalize the
    schema into strict mode (`additionalProperties: false`, every property required) and falls back
    to non-strict only when it cannot. Optional parameters then become mandatory and the model fills
    them with `""`, `0` or `[]`. Chat Completions stays non-strict by default, so the same tool
    behaves differently on the two APIs.

    ## Fix

    Send `"strict": false` to keep non-strict function calling, or `"strict": true` with a schema
    that fits the strict subset.
    """
    if (
        tool.origin.shape == "openai-responses"
        and tool.builtin is None
        and tool.envelope.get("strict") is None
    ):
        yield Hit(
            "/strict",
            "`strict` is omitted: the Responses API normalizes this schema into strict mode "
            "(all properties required, objects closed) when it can",
        )

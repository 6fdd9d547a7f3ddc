"""``openai`` rules on a whole request's tools: how many, and whether their names repeat."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from schemadrift.dialects.openai.limits import MAX_TOOLS
from schemadrift.model import Evidence, Severity, Tool
from schemadrift.registry import Context, Example, Hit, rule


@rule(
    "openai/too-many-tools",
    severity=Severity.ERROR,
    scope="toolset",
    evidence=[
        Evidence(
            "https://github.com/openai/openai-openapi/pull/76",
            "documented",
            "2023-08-31",
            verdict="rejected",
        ),
        Evidence(
            "https://github.com/zed-industries/zed/issues/42393",
            "observed",
            "2025-11-01",
            verdict="rejected",
        ),
        Evidence(
            "https://github.com/anomalyco/opencode/issues/4909",
            "observed",
            "2025-11-01",
            verdict="rejected",
        ),
    ],
    fails=[
        Example(
            [
                {
                    "type": "function",
                    "function": {
                        "name": f"t{i}",
                        "parameters": {"type": "object", "properties": {}},
                    },
                }
                for i in range(MAX_TOOLS + 1)
            ],
            "129 tools in one request:",
            '[{"type": "function", "function": {"name": "t0", ...}}, ... 129 tools]',
        )
    ],
    passes=[
        Example(
            [
                {
                    "type": "function",
                    "function": {
                        "name": f"t{i}",
                        "parameters": {"type": "object", "properties": {}},
                    },
                }
                for i in range(3)
            ],
            "A few tools:",
        )
    ],
)
def too_many_tools(tools: Sequence[Tool], ctx: Context) -> Iterator[Hit]:
    """A request sends at most 128 tools.

    ## Why

    OpenAI rejects `Invalid 'tools': array too long. Expected an array with maximum length 128`
    (`array_above_max_length`). Agents that load every MCP server's tools reach this quickly (zed
    #42393 with GPT-5, opencode #4909 with GPT-5.1 via Copilot).

    ## Fix

    Send at most 128 tools: load tools per task, or group related operations in one tool.
    """
    if len(tools) > MAX_TOOLS:
        yield Hit(
            "",
            f"{len(tools)} tools in one request; OpenAI accepts at most {MAX_TOOLS}",
        )


@rule(
    "openai/duplicate-tool-name",
    severity=Severity.WARNING,
    scope="toolset",
    inference=True,
    evidence=[
        Evidence(
            "https://github.com/openai/openai-agents-python/issues/4116", "adapter", "2026-08-02"
        ),
        Evidence(
            "https://github.com/router-for-me/CLIProxyAPI/issues/4788",
            "observed",
            "2026-08-05",
            "OpenAI-compatible upstream (DeepSeek) rejects duplicate function names",
            verdict="rejected",
        ),
    ],
    fails=[
        [
            {
                "type": "function",
                "function": {"name": "search", "parameters": {"type": "object", "properties": {}}},
            },
            {
                "type": "function",
                "function": {"name": "search", "parameters": {"type": "object", "properties": {}}},
            },
        ]
    ],
    passes=[
        [
            {
                "type": "function",
                "function": {
                    "name": "search_web",
                    "parameters": {"type": "object", "properties": {}},
                },
            },
            {
                "type": "function",
                "function": {
                    "name": "search_docs",
                    "parameters": {"type": "object", "properties": {}},
                },
            },
        ]
    ],
)
def duplicate_tool_name(tools: Sequence[Tool], ctx: Context) -> Iterator[Hit]:
    """Tool names are unique within a request.

    ## Why

    OpenAI documents no uniqueness check and no rejection has been found, but two functions with one
    name cannot be told apart: the model sees both descriptions and your code dispatches the call to
    one of them (openai-agents-python #4116: 'the second one silently shadows the first').
    OpenAI-compatible upstreams such as DeepSeek, and Anthropic, reject the request with `Tool names
    must be unique.`

    ## Fix

    Give each tool a distinct name (prefix MCP tools with their server name).
    """
    yield from duplicate_name_hits(tools, "OpenAI")


def duplicate_name_hits(tools: Sequence[Tool], provider: str) -> Iterator[Hit]:
    """One hit per repeated name, on the second and later tools that carry it."""
    seen: dict[str, int] = {}
    for tool in tools:
        count = seen.get(tool.name, 0) + 1
        seen[tool.name] = count
        if count == 2:
            yield Hit(
                "/name",
                f"tool name {tool.name!r} is used by more than one tool in the request; "
                f"{provider} cannot tell them apart",
                tool=tool.name,
            )

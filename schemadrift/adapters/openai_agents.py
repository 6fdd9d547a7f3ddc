"""OpenAI Agents SDK: ``FunctionTool`` and ``Agent`` (its tools and its handoffs).

The SDK converts a function's schema to OpenAI's strict form when the tool is created
(``strict_json_schema=True``, the default), so ``params_json_schema`` is already what it sends;
the snapshot records it as the input schema and, under ``openai-strict`` (or ``openai`` for a
non-strict tool), as the variant OpenAI receives. Handoffs are sent as function tools too
(``transfer_to_<agent>``), so they are recorded like tools. Hosted tools (web search, file
search...) have no schema of ours and are left out. The recorded Responses envelope is the
SDK's rendering (a LiteLLM or Chat Completions model converts it again), so envelope rules skip
these tools (``Tool.envelope_written``).
"""

from __future__ import annotations

from typing import Any

from schemadrift.adapters import generating, generator, plain_json
from schemadrift.model import Origin, Tool


class AgentsAdapter:
    name = "agents"
    distributions = ("openai-agents", "openai", "pydantic", "pydantic-core", "griffe")

    def matches(self, obj: object) -> bool:
        from agents import Agent, FunctionTool, Handoff

        return isinstance(obj, Agent | FunctionTool | Handoff)

    def to_tools(self, obj: object, origin: Origin) -> list[Tool]:
        from agents import Agent, FunctionTool, Handoff

        made = Origin(
            kind=origin.kind,
            shape="openai-responses",
            location=origin.location,
            generator=generator("openai-agents"),
        )
        if isinstance(obj, FunctionTool):
            return [function_tool(obj, made)]
        if isinstance(obj, Handoff):
            return [handoff_tool(obj, made)]
        assert isinstance(obj, Agent)
        tools = [function_tool(item, made) for item in obj.tools if isinstance(item, FunctionTool)]
        tools += [handoff_tool(_as_handoff(item, made), made) for item in obj.handoffs]
        return tools


def _tool(
    name: str, description: str | None, schema: Any, strict: bool, output: Any, origin: Origin
) -> Tool:
    params = plain_json(schema, origin, name)
    return Tool(
        name=name,
        description=description,
        input_schema=params,
        output_schema=plain_json(output, origin, name) if output is not None else None,
        strict=strict,
        origin=origin,
        variants={"openai-strict" if strict else "openai": params},
        envelope={"type": "function", "name": name, "description": description, "strict": strict},
    )


def function_tool(tool: Any, origin: Origin) -> Tool:
    with generating(origin, "openai-agents", tool.name):
        return _tool(
            tool.name,
            tool.description,
            tool.params_json_schema,
            bool(tool.strict_json_schema),
            getattr(tool, "output_json_schema", None),
            origin,
        )


def handoff_tool(handoff: Any, origin: Origin) -> Tool:
    return _tool(
        handoff.tool_name,
        handoff.tool_description,
        handoff.input_json_schema,
        bool(handoff.strict_json_schema),
        None,
        origin,
    )


def _as_handoff(item: Any, origin: Origin) -> Any:
    from agents import Handoff, handoff

    if isinstance(item, Handoff):
        return item
    with generating(origin, "openai-agents", f"handoff to {getattr(item, 'name', item)!s}"):
        return handoff(item)


ADAPTER = AgentsAdapter()

"""pydantic-ai: an ``Agent``'s function tools, a ``FunctionToolset`` or one ``Tool``.

Each tool's ``ToolDefinition`` is the raw schema. Before sending, pydantic-ai runs it through the
JSON Schema transformer of the target model's profile; the cheap, common ones are rendered here
as variants: OpenAI's (``openai-strict`` when the transformer finds the schema strict-compatible,
which is when pydantic-ai sends ``strict: true``, else ``openai``) and Google's
(``gemini-json``: pydantic-ai sends ``parametersJsonSchema``). Representative model names pick
the profiles; profiles that set no transformer (Anthropic) send the raw schema.
"""

from __future__ import annotations

from typing import Any

from schemadrift.adapters import generating, generator, plain_json
from schemadrift.model import JSON, Origin, Tool

OPENAI_MODEL = "gpt-4o"
GOOGLE_MODEL = "gemini-2.5-flash"


class PydanticAiAdapter:
    name = "pydantic_ai"
    distributions = ("pydantic-ai-slim", "pydantic", "pydantic-core", "griffe")

    def matches(self, obj: object) -> bool:
        from pydantic_ai import FunctionToolset, Tool
        from pydantic_ai.agent import AbstractAgent

        return isinstance(obj, AbstractAgent | FunctionToolset | Tool)

    def to_tools(self, obj: object, origin: Origin) -> list[Tool]:
        from pydantic_ai import FunctionToolset
        from pydantic_ai import Tool as AiTool

        made = Origin(
            kind=origin.kind,
            shape="python",
            location=origin.location,
            generator=generator("pydantic-ai-slim"),
        )
        if isinstance(obj, AiTool):
            items: list[Any] = [obj]
        elif isinstance(obj, FunctionToolset):
            items = list(obj.tools.values())
        else:
            toolsets: Any = getattr(obj, "toolsets", ())
            items = [
                tool
                for toolset in toolsets
                if isinstance(toolset, FunctionToolset)
                for tool in toolset.tools.values()
            ]
        return [tool_record(item, made) for item in items]


def _render(transformer: Any, schema: JSON, strict: bool | None) -> tuple[JSON, bool]:
    walker = transformer(schema, strict=strict)
    rendered = walker.walk()
    return rendered, walker.is_strict_compatible if strict is None else strict


def tool_record(tool: Any, origin: Origin) -> Tool:
    from pydantic_ai.profiles.google import google_model_profile
    from pydantic_ai.profiles.openai import openai_model_profile

    name = tool.name
    with generating(origin, "pydantic-ai", name):
        definition = tool.tool_def
        schema = plain_json(definition.parameters_json_schema, origin, name)
        variants: dict[str, JSON] = {}
        openai = openai_model_profile(OPENAI_MODEL).get("json_schema_transformer")
        if openai is not None:
            rendered, strict = _render(openai, schema, definition.strict)
            variants["openai-strict" if strict else "openai"] = plain_json(rendered, origin, name)
        google = (google_model_profile(GOOGLE_MODEL) or {}).get("json_schema_transformer")
        if google is not None:
            rendered, _ = _render(google, schema, definition.strict)
            variants["gemini-json"] = plain_json(rendered, origin, name)
        returns = getattr(definition, "return_schema", None)
    return Tool(
        name=definition.name,
        description=definition.description,
        input_schema=schema,
        output_schema=plain_json(returns, origin, name) if returns is not None else None,
        strict=definition.strict,
        origin=origin,
        variants=variants,
    )


ADAPTER = PydanticAiAdapter()

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

from schemadrift.adapters import generating, generator, plain_json, source_label
from schemadrift.errors import AdapterLoadError
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


def transformer_of(profile: object, origin: Origin, tool: str | None = None) -> Any:
    """The JSON Schema transformer a model profile names, or ``None``.

    pydantic-ai 1.x returns profiles as dataclasses (``ModelProfile``, an attribute); 2.x as
    mappings (a ``.get``). Both lines are in use, so both are read; anything else is this
    adapter not knowing the installed pydantic-ai, which is said as such (not blamed on
    pydantic-ai, which did nothing wrong).
    """
    from collections.abc import Mapping

    if profile is None:
        return None
    if isinstance(profile, Mapping):
        return profile.get("json_schema_transformer")
    if hasattr(profile, "json_schema_transformer"):
        return profile.json_schema_transformer
    raise AdapterLoadError(
        source_label(origin),
        f"schemadrift's pydantic-ai adapter does not know the model profiles of "
        f"{origin.generator or 'this pydantic-ai'} (a {type(profile).__qualname__} with no "
        "json_schema_transformer); it reads pydantic-ai 1.x and 2.x",
        tool=tool,
    )


def tool_record(tool: Any, origin: Origin) -> Tool:
    from pydantic_ai.profiles.google import google_model_profile
    from pydantic_ai.profiles.openai import openai_model_profile

    name = tool.name
    with generating(origin, "pydantic-ai", name):
        definition = tool.tool_def
        schema = plain_json(definition.parameters_json_schema, origin, name)
        openai_profile = openai_model_profile(OPENAI_MODEL)
        google_profile = google_model_profile(GOOGLE_MODEL)
    # Outside ``generating``: a profile this adapter cannot read is its own error.
    openai = transformer_of(openai_profile, origin, name)
    google = transformer_of(google_profile, origin, name)
    with generating(origin, "pydantic-ai", name):
        variants: dict[str, JSON] = {}
        if openai is not None:
            rendered, strict = _render(openai, schema, definition.strict)
            variants["openai-strict" if strict else "openai"] = plain_json(rendered, origin, name)
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

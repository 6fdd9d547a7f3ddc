"""LangChain core: any ``BaseTool`` (``@tool`` functions, ``StructuredTool``...).

``convert_to_openai_tool`` is what LangChain's chat models send (Anthropic's and others'
converters start from it too), so its parameters are the input schema; the ``strict=True``
conversion, which ``bind_tools(..., strict=True)`` sends to OpenAI, is the ``openai-strict``
variant. Both conversions drop things pydantic generated (discriminators, ``$defs`` inlined,
recursive references emptied); recording them is how that shows up in a diff.

The recorded ``envelope`` is LangChain's OpenAI rendering, not something the user wrote: its
chat models for other providers convert the same tool into their own envelope, so envelope
rules skip these tools (``Tool.envelope_written``; the generator recorded here says so).
"""

from __future__ import annotations

from typing import Any

from schemadrift.adapters import generating, generator, plain_json
from schemadrift.model import Origin, Tool


class LangChainAdapter:
    name = "langchain_core"
    distributions = ("langchain-core", "pydantic", "pydantic-core")

    def matches(self, obj: object) -> bool:
        from langchain_core.tools import BaseTool

        return isinstance(obj, BaseTool)

    def to_tools(self, obj: object, origin: Origin) -> list[Tool]:
        from langchain_core.utils.function_calling import convert_to_openai_tool

        tool: Any = obj
        made = Origin(
            kind=origin.kind,
            shape="openai",
            location=origin.location,
            generator=generator("langchain-core"),
        )
        with generating(origin, "langchain-core", tool.name):
            plain = plain_json(convert_to_openai_tool(tool), made, tool.name)
            strict = plain_json(convert_to_openai_tool(tool, strict=True), made, tool.name)
        fn = plain["function"]
        return [
            Tool(
                name=fn["name"],
                description=fn.get("description"),
                input_schema=fn.get("parameters"),
                origin=made,
                variants={"openai-strict": strict["function"].get("parameters")},
                envelope={
                    "type": "function",
                    "function": {k: v for k, v in fn.items() if k != "parameters"},
                },
            )
        ]


ADAPTER = LangChainAdapter()

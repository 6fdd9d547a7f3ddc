"""LlamaIndex: any tool with ``metadata`` (``FunctionTool``, ``QueryEngineTool``...).

``ToolMetadata.to_openai_tool`` is what LlamaIndex's OpenAI-style LLMs send. Its length check
on descriptions is skipped here: an over-long description is a lint finding, not a reason to
stop extracting.

The recorded ``envelope`` is LlamaIndex's OpenAI rendering, not something the user wrote: its
chat models for other providers convert the same tool into their own envelope, so envelope
rules skip these tools (``Tool.envelope_written``; the generator recorded here says so).
"""

from __future__ import annotations

from typing import Any

from schemadrift.adapters import generating, generator, plain_json
from schemadrift.model import Origin, Tool


class LlamaIndexAdapter:
    name = "llama_index"
    distributions = ("llama-index-core", "pydantic", "pydantic-core")

    def matches(self, obj: object) -> bool:
        from llama_index.core.tools.types import BaseTool

        return isinstance(obj, BaseTool)

    def to_tools(self, obj: object, origin: Origin) -> list[Tool]:
        tool: Any = obj
        made = Origin(
            kind=origin.kind,
            shape="openai",
            location=origin.location,
            generator=generator("llama-index-core"),
        )
        name = tool.metadata.get_name()
        with generating(origin, "llama-index-core", name):
            spec = plain_json(tool.metadata.to_openai_tool(skip_length_check=True), made, name)
        fn = spec["function"]
        return [
            Tool(
                name=fn["name"],
                description=fn.get("description"),
                input_schema=fn.get("parameters"),
                origin=made,
                envelope={
                    "type": "function",
                    "function": {k: v for k, v in fn.items() if k != "parameters"},
                },
            )
        ]


ADAPTER = LlamaIndexAdapter()

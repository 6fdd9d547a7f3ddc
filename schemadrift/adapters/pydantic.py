"""pydantic: ``BaseModel`` classes (one tool each) and ``TypeAdapter``s of functions.

A model class is a tool the way ``openai.pydantic_function_tool`` and most frameworks treat it:
the class name is the tool name and ``model_json_schema()`` the parameters. A ``TypeAdapter`` of
a function gives the function's argument schema, named after the function and described by its
docstring. Any other ``TypeAdapter`` is named by its schema's ``title``.
"""

from __future__ import annotations

import inspect
from typing import Any

from schemadrift.adapters import generating, generator, plain_json
from schemadrift.errors import AdapterLoadError
from schemadrift.model import Origin, Tool


class PydanticAdapter:
    name = "pydantic"
    distributions = ("pydantic", "pydantic-core", "typing-extensions")

    def matches(self, obj: object) -> bool:
        from pydantic import BaseModel, TypeAdapter

        if isinstance(obj, type):
            return issubclass(obj, BaseModel)
        return isinstance(obj, TypeAdapter)

    def to_tools(self, obj: object, origin: Origin) -> list[Tool]:
        made = Origin(
            kind=origin.kind,
            shape="python",
            location=origin.location,
            generator=generator("pydantic"),
        )
        if isinstance(obj, type):
            return [model_tool(obj, made)]
        return [adapter_tool(obj, made)]


def model_tool(model: Any, origin: Origin) -> Tool:
    name = model.__name__
    with generating(origin, "pydantic", name):
        schema = plain_json(model.model_json_schema(), origin, name)
    description = schema.get("description") if isinstance(schema, dict) else None
    return Tool(name=name, description=description, input_schema=schema, origin=origin)


def adapter_tool(adapter: Any, origin: Origin) -> Tool:
    function = _called_function(adapter.core_schema)
    name = getattr(function, "__name__", None)
    with generating(origin, "pydantic", name):
        schema = plain_json(adapter.json_schema(), origin, name)
    if name is None:
        title = schema.get("title") if isinstance(schema, dict) else None
        if not isinstance(title, str):
            raise AdapterLoadError(
                f"python {origin.location}",
                "a TypeAdapter of a type without a title has no tool name; use a TypeAdapter of "
                "a function or a BaseModel class",
            )
        name = title
    description = inspect.getdoc(function) if function is not None else None
    return Tool(name=name, description=description, input_schema=schema, origin=origin)


def _called_function(core: Any) -> Any:
    """The function a ``call`` core schema wraps (recursive types nest it in ``definitions``)."""
    while isinstance(core, dict) and core.get("type") == "definitions":
        core = core.get("schema")
    if isinstance(core, dict) and core.get("type") == "call":
        return core.get("function")
    return None


ADAPTER = PydanticAdapter()

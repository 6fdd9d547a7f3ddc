"""google-genai: ``FunctionDeclaration``, ``types.Tool`` and ``GenerateContentConfig``.

Declarations are recorded as the SDK dumps them for the wire (by alias, so camelCase keys):
``parameters`` (the OpenAPI subset, dialect ``gemini``/``vertex``) or ``parametersJsonSchema``
(``gemini-json``). Python functions inside a config's ``tools`` are what the SDK's automatic
function calling turns into declarations; they are rendered the way it does
(``FunctionDeclaration.from_callable(..., use_json_schema=True)``), which sends the same
``parametersJsonSchema`` to the Gemini API and to Vertex AI (the ``api_option`` only changes the
legacy ``parameters`` rendering, which automatic function calling does not use), so there is
one schema and no per-provider variant.
"""

from __future__ import annotations

from typing import Any

from schemadrift.adapters import from_wire, generating, plain_json
from schemadrift.model import JSON, Origin, Tool


class GoogleGenaiAdapter:
    name = "google"
    distributions = ("google-genai", "pydantic", "pydantic-core")

    def matches(self, obj: object) -> bool:
        from google.genai import types

        return isinstance(obj, types.FunctionDeclaration | types.Tool | types.GenerateContentConfig)

    def to_tools(self, obj: object, origin: Origin) -> list[Tool]:
        from google.genai import types

        if isinstance(obj, types.GenerateContentConfig):
            items: list[Any] = list(obj.tools or [])
        else:
            items = [obj]
        tools: list[Tool] = []
        for item in items:
            if isinstance(item, types.FunctionDeclaration):
                tools += _declarations([item], origin)
            elif isinstance(item, types.Tool):
                tools += _declarations(list(item.function_declarations or []), origin)
            elif callable(item):
                tools.append(_callable(item, origin))
        return tools


def _dump(declaration: Any) -> JSON:
    return declaration.model_dump(by_alias=True, exclude_none=True, mode="json")


def _declarations(declarations: list[Any], origin: Origin) -> list[Tool]:
    dumped = []
    for declaration in declarations:
        with generating(origin, "google-genai", getattr(declaration, "name", None)):
            dumped.append(plain_json(_dump(declaration), origin, declaration.name))
    return from_wire({"functionDeclarations": dumped}, origin, "google-genai")


def _callable(function: Any, origin: Origin) -> Tool:
    from google.genai import types

    name = getattr(function, "__name__", None)
    with generating(origin, "google-genai", name):
        declaration = types.FunctionDeclaration.from_callable_with_api_option(
            callable=function, api_option="GEMINI_API", use_json_schema=True
        )
        dumped = plain_json(_dump(declaration), origin, name)
    return from_wire({"functionDeclarations": [dumped]}, origin, "google-genai")[0]


ADAPTER = GoogleGenaiAdapter()

"""Framework adapters: turn a framework's tool objects into ``Tool`` records.

Adapters are where third parties extend schemadrift, so they are found through the
``schemadrift.adapters`` entry-point group, and our own built-ins are registered the same way
(flake8 registers pyflakes like that), which keeps the plugin path under test on every run.
An entry point's name is the framework's top-level module; ``loader.py`` imports an adapter only
when an object of that framework shows up. The helpers here are shared by the built-in adapters
and are free for third-party ones to use.

Adapters call the framework's public API and never rebuild a schema by hand: the point is to
record what the framework really sends.

Every tool an adapter returns records ``Origin.generator`` (``generator()``, ``from_wire`` and
``with_generator`` set it). Besides naming the distribution for attribution, it tells the
envelope rules that the framework, not the user, builds the envelope each provider receives
(``Tool.envelope_written``): a LangChain tool recorded in OpenAI form is also sent to Anthropic
as an Anthropic tool, so only its schema (and its per-provider ``variants``) is judged.
"""

from __future__ import annotations

import asyncio
import functools
import json
import threading
from collections.abc import Coroutine, Iterator
from contextlib import contextmanager
from dataclasses import replace
from typing import Any, Protocol, TypeVar, runtime_checkable

from schemadrift.errors import AdapterLoadError
from schemadrift.model import JSON, Origin, Tool

T = TypeVar("T")


@runtime_checkable
class Adapter(Protocol):
    """What an entry point in the ``schemadrift.adapters`` group must provide.

    ``to_tools`` returns tools whose ``origin.generator`` is set (see the module docstring).
    """

    name: str
    distributions: tuple[str, ...]

    def matches(self, obj: object) -> bool: ...

    def to_tools(self, obj: object, origin: Origin) -> list[Tool]: ...


@functools.cache
def version_of(distribution: str) -> str | None:
    """The installed version (cached: the metadata scan is slow and runs once per tool)."""
    from importlib import metadata

    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return None


def generator(distribution: str) -> str:
    """``"pydantic 2.9.2"``: the distribution that generated a schema, for ``Origin.generator``."""
    return f"{distribution} {version_of(distribution) or 'unknown'}"


def source_label(origin: Origin) -> str:
    return f"{origin.kind} {origin.location}" if origin.location else origin.kind


@contextmanager
def generating(origin: Origin, framework: str, tool: str | None) -> Iterator[None]:
    """Turn anything a framework raises while generating into an input error naming the tool.

    Frameworks raise arbitrary exceptions (pydantic's "No method for generating JsonSchema"
    after a pydantic/pydantic-core mismatch, google-genai's RecursionError on recursive models);
    all of them mean "this tool cannot be extracted", which is the user's to fix, not a bug here.
    """
    try:
        yield
    except AdapterLoadError:
        raise
    except Exception as error:
        raise AdapterLoadError(
            source_label(origin),
            f"{framework} raised while generating the schema: {describe(error)}",
            tool=tool,
        ) from error


def describe(error: BaseException) -> str:
    text = str(error).strip().splitlines()
    first = text[0] if text else ""
    return f"{type(error).__name__}: {first}" if first else type(error).__name__


def plain_json(value: Any, origin: Origin, tool: str | None) -> JSON:
    """``value`` as plain JSON (tuples become lists), key order kept; an error if it is not JSON."""
    try:
        return json.loads(json.dumps(value, allow_nan=False))
    except (TypeError, ValueError) as error:
        raise AdapterLoadError(
            source_label(origin),
            f"the framework produced a schema that is not JSON: {error}",
            tool=tool,
        ) from error


def with_generator(tools: list[Tool], origin: Origin, distribution: str) -> list[Tool]:
    """Tools detected from a wire document, re-labelled as coming from this Python source."""
    made = replace(origin, generator=generator(distribution))
    return [replace(tool, origin=replace(made, shape=tool.origin.shape)) for tool in tools]


def from_wire(document: JSON, origin: Origin, distribution: str) -> list[Tool]:
    """Tools from a document in a provider's or protocol's own wire format (MCP, Gemini...)."""
    from schemadrift.sources.shapes import DocumentSource, detect

    src = DocumentSource(label=origin.location or origin.kind, kind=origin.kind)
    found = detect(document, src)
    if found is None:  # pragma: no cover - adapters only hand over shapes they built
        raise AdapterLoadError(source_label(origin), "the framework produced no known tool shape")
    return with_generator(found[1], origin, distribution)


def run_async(coroutine: Coroutine[Any, Any, T]) -> T:
    """Run a framework coroutine to completion, also when the caller already runs a loop.

    MCP servers list their tools asynchronously; a user's own pytest-asyncio test may call us
    from inside a running loop, where ``asyncio.run`` refuses, so that case gets a thread.
    """
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coroutine)
    box: dict[str, Any] = {}

    def target() -> None:
        try:
            box["value"] = asyncio.run(coroutine)
        except BaseException as error:  # noqa: BLE001 - re-raised in the caller's thread
            box["error"] = error

    thread = threading.Thread(target=target, name="schemadrift-adapter")
    thread.start()
    thread.join()
    if "error" in box:
        raise box["error"]
    value: T = box["value"]
    return value

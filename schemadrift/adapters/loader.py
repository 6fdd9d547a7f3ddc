"""Find the adapter for an object: list entry points, import only what the object needs.

flake8's find → load → classify, with one addition that matters for pre-commit speed: entry
points are listed without importing them, and an adapter module is imported only when its
entry-point name equals the top-level module of a class in ``type(obj).__mro__`` (or, for a
class handed over as a tool, of the class's own bases). So ``schemadrift --version`` and
file-only runs import no adapter and no framework at all.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from importlib import metadata
from typing import Any

from schemadrift.adapters import Adapter, describe
from schemadrift.errors import AdapterLoadError

GROUP = "schemadrift.adapters"

_LOADED: dict[tuple[str, str], Adapter] = {}


@functools.cache
def entry_points() -> tuple[metadata.EntryPoint, ...]:
    """Every registered adapter entry point, sorted by (name, value); nothing is imported.

    Cached: scanning every installed distribution's metadata costs ~25 ms, and a source of
    200 tools asks once per tool.
    """
    found = metadata.entry_points(group=GROUP)
    return tuple(sorted(found, key=lambda ep: (ep.name, ep.value)))


def adapter_names() -> list[str]:
    return sorted({ep.name for ep in entry_points()})


def top_level_modules(obj: object) -> list[str]:
    """The top-level modules of the classes an object is made of, in MRO order."""
    classes: list[type] = list(type(obj).__mro__)
    if isinstance(obj, type):
        classes.extend(obj.__mro__)
    names: list[str] = []
    for cls in classes:
        top = (getattr(cls, "__module__", None) or "").split(".", 1)[0]
        if top and top != "builtins" and top not in names:
            names.append(top)
    return names


def _package_of(ep: metadata.EntryPoint) -> str:
    dist = getattr(ep, "dist", None)
    if dist is not None:
        return f"{dist.metadata['Name']} {dist.version}"
    return ep.value.split(":", 1)[0].split(".", 1)[0]


def load(ep: metadata.EntryPoint, source: str) -> Adapter:
    """Import one adapter; a failure names the package that registered it."""
    key = (ep.name, ep.value)
    if key in _LOADED:
        return _LOADED[key]
    try:
        value: Any = ep.load()
    except Exception as error:
        raise AdapterLoadError(
            source,
            f"cannot load adapter {ep.name!r} ({ep.value}) registered by {_package_of(ep)}: "
            f"{describe(error)}",
        ) from error
    if not isinstance(value, Adapter):
        raise AdapterLoadError(
            source,
            f"adapter {ep.name!r} ({ep.value}) registered by {_package_of(ep)} is not an adapter: "
            "it needs name, distributions, matches() and to_tools()",
        )
    _LOADED[key] = value
    return value


def candidates(obj: object) -> list[metadata.EntryPoint]:
    """The entry points whose name is a top-level module of one of the object's classes."""
    tops = set(top_level_modules(obj))
    return [ep for ep in entry_points() if ep.name in tops]


def find(obj: object, source: str, *, what: str) -> Adapter:
    """The one adapter that claims ``obj``; none or two are configuration errors."""
    matching: list[Adapter] = []
    for ep in candidates(obj):
        adapter = load(ep, source)
        try:
            claimed = adapter.matches(obj)
        except Exception as error:
            raise AdapterLoadError(
                source,
                f"adapter {adapter.name!r} failed while inspecting {what}: {describe(error)}",
            ) from error
        if claimed:
            matching.append(adapter)
    if not matching:
        known = ", ".join(adapter_names()) or "(none installed)"
        raise AdapterLoadError(
            source,
            f"no adapter handles {what} (a {_type_name(obj)}); installed adapters: {known}. "
            "Point the source at a framework's tool, agent or server object, a list of them, or "
            "plain tool dicts (wrap a bare function in pydantic.TypeAdapter)",
        )
    if len(matching) > 1:
        names = " and ".join(repr(adapter.name) for adapter in matching)
        raise AdapterLoadError(
            source,
            f"both adapters {names} claim {what} (a {_type_name(obj)}); uninstall one of the "
            "plugins or point the source at a more specific object",
        )
    return matching[0]


def _type_name(obj: object) -> str:
    cls = obj if isinstance(obj, type) else type(obj)
    prefix = "class " if isinstance(obj, type) else ""
    return f"{prefix}{cls.__module__}.{cls.__qualname__}"


def distributions_for(generators: Iterable[str]) -> set[str]:
    """Every distribution the loaded adapters name for tools with these generators.

    A tool records one generator (``"pydantic-ai-slim 2.68.0"``); the adapter that made it may
    depend on more (pydantic, pydantic-core), and all of them go into ``Snapshot.packages``.
    """
    wanted = {text.split(" ", 1)[0] for text in generators}
    out = set(wanted)
    for adapter in _LOADED.values():
        if wanted & set(adapter.distributions):
            out.update(adapter.distributions)
    return out

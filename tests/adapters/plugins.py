"""Stand-in third-party adapters, registered in tests through made-up entry points."""

from __future__ import annotations

from schemadrift.model import Origin, Tool


class Greedy:
    """Claims every pydantic model class, as a badly written plugin might."""

    name = "greedy"
    distributions = ("pydantic",)

    def matches(self, obj: object) -> bool:
        return isinstance(obj, type)

    def to_tools(self, obj: object, origin: Origin) -> list[Tool]:
        return []


GREEDY = Greedy()
NOT_AN_ADAPTER = object()

"""Pair the tools of a baseline with the current ones.

If each side holds exactly one tool they are paired whatever their names (a file renamed from
``a.json`` to ``b.json`` is the same tool). Otherwise tools pair by name; leftovers pair as
renames when their normalised schemas are equal (tools without a schema never do).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass

from schemadrift.model import JSON, Tool


@dataclass(frozen=True, slots=True)
class Pairing:
    pairs: tuple[tuple[Tool, Tool], ...]
    renamed: tuple[tuple[Tool, Tool], ...]
    removed: tuple[Tool, ...]
    added: tuple[Tool, ...]


def normal_form(schema: JSON) -> str:
    """A text that is equal for schemas that differ only in representation."""
    from schemadrift.diff.transitions import canonical

    return json.dumps(canonical(schema), sort_keys=True, separators=(",", ":"))


def pair_tools(before: Sequence[Tool], after: Sequence[Tool]) -> Pairing:
    if len(before) == 1 and len(after) == 1:
        old, new = before[0], after[0]
        if old.name == new.name or old.name_from_file or new.name_from_file:
            return Pairing(((old, new),), (), (), ())
        return Pairing((), ((old, new),), (), ())
    old_by_name = {tool.name: tool for tool in before}
    new_by_name = {tool.name: tool for tool in after}
    pairs = tuple((old_by_name[n], new_by_name[n]) for n in sorted(old_by_name) if n in new_by_name)
    removed = [old_by_name[n] for n in sorted(old_by_name) if n not in new_by_name]
    added = [new_by_name[n] for n in sorted(new_by_name) if n not in old_by_name]
    renamed = []
    if removed and added:
        # Equal schemas say "the same tool" only where there is a schema: tools without one
        # (provider built-ins such as `web_search`, `bash`) all look alike and never pair.
        by_form: dict[str, list[Tool]] = {}
        for tool in added:
            if tool.input_schema is not None:
                by_form.setdefault(normal_form(tool.input_schema), []).append(tool)
        still_removed = []
        for tool in removed:
            candidates = (
                by_form.get(normal_form(tool.input_schema))
                if tool.input_schema is not None
                else None
            )
            if candidates:
                renamed.append((tool, candidates.pop(0)))
            else:
                still_removed.append(tool)
        taken = {id(new) for _, new in renamed}
        removed = still_removed
        added = [tool for tool in added if id(tool) not in taken]
    return Pairing(pairs, tuple(renamed), tuple(removed), tuple(added))

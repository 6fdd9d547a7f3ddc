"""Memo tables that live for one run.

Some answers are asked for again and again within a run by rules that share no object to
keep them on (the gate's meta-validity per schema text, the strict counts per schema, the
diff's analysis per tool pair). They are kept in module-level tables made here, and emptied
when the run ends (``cli.main`` and the pytest plugin call ``clear``): a process that runs
schemadrift many times (a test suite using the plugin, a fuzzing session) must not keep
every schema it ever saw.
"""

from __future__ import annotations

from typing import Any

_TABLES: list[dict[Any, Any]] = []


def run_table() -> dict[Any, Any]:
    """A new table, emptied by ``clear``."""
    table: dict[Any, Any] = {}
    _TABLES.append(table)
    return table


def clear() -> None:
    """Empty every run table (at the end of a run)."""
    for table in _TABLES:
        table.clear()

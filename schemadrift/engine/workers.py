"""Judging a large lint's tools in worker processes (``parallel.fan_out``).

Each distinct tool is judged once, in one of the processes; a worker sends its findings back
as rows (``records.to_row``: a dataclass pickles several times slower) and the parent keeps
them as the findings of a tool judged in this run. The share the parent judges itself is kept
where it is judged: sending it through rows would build each finding twice.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence

from schemadrift.engine import records
from schemadrift.engine.cached import Prepared
from schemadrift.model import Finding, Tool

JudgeTool = Callable[[Tool, str, tuple[str, ...], str | None, bool], list[Finding]]
"""``(tool, tool key, judged dialects, input text, ack) -> findings``, kept by the caller."""


def judge_in_workers(
    tools: Sequence[Tool],
    prepared: Sequence[Prepared],
    acks: Sequence[bool],
    jobs: int,
    judge: JudgeTool,
    into: dict[tuple[str, tuple[str, ...]], list[Finding]],
) -> None:
    """Judge the tools ``into`` does not hold yet in up to ``jobs`` processes, and put their
    findings into it."""
    from schemadrift.parallel import fan_out

    wanted: dict[tuple[str, tuple[str, ...]], int] = {}
    for index, (judged, _, tool_key) in enumerate(prepared):
        if tool_key and (tool_key, judged) not in into:
            wanted.setdefault((tool_key, judged), index)
    indices = list(wanted.values())
    parent = os.getpid()

    def work(chunk: Sequence[int]) -> list[list[records.Row] | None]:
        here = os.getpid() == parent
        out: list[list[records.Row] | None] = []
        for i in chunk:
            judged, input_text, tool_key = prepared[i]
            found = judge(tools[i], tool_key, judged, input_text, acks[i])
            out.append(None if here else [records.to_row(f) for f in found])
        return out

    for index, rows in zip(indices, fan_out(work, indices, jobs), strict=True):
        if rows is None:
            continue
        tool = tools[index]
        judged, _, tool_key = prepared[index]
        found = records.from_rows(rows, tool.name, records.location_of(tool), acks[index])
        assert found is not None, "a worker sent rows that are not findings"
        into[(tool_key, judged)] = found

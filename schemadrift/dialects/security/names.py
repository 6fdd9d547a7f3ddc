"""The ``security/tool-name-collision`` rule: tool names that look alike (tool shadowing).

Names are compared by their Unicode TR39 skeletons (`text.skeleton`, `text.confusable_skeleton`).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator, Sequence

from schemadrift.dialects.security.evidence import (
    EV_CONFUSABLES,
    EV_CONFUSABLES_DATA,
    EV_INVARIANT,
    EV_WILLISON,
)
from schemadrift.dialects.security.examples import shown
from schemadrift.dialects.security.text import confusable_skeleton, skeleton
from schemadrift.model import Severity, Tool
from schemadrift.registry import Context, Example, Hit, rule


@rule(
    "security/tool-name-collision",
    severity=Severity.WARNING,
    scope="toolset",
    evidence=[EV_CONFUSABLES, EV_CONFUSABLES_DATA, EV_INVARIANT, EV_WILLISON],
    fails=[
        shown(
            {
                "tools": [
                    {"name": "search", "inputSchema": {"type": "object"}},
                    {"name": "s\u0435arch", "inputSchema": {"type": "object"}},
                ]
            },
            "A Cyrillic `\u0435` (U+0435) for the `e`:",
        ),
        Example(
            {
                "tools": [
                    {"name": "get_file", "inputSchema": {"type": "object"}},
                    {"name": "Get_File", "inputSchema": {"type": "object"}},
                ]
            },
            "Case only:",
        ),
        Example(
            {
                "tools": [
                    {"name": "read_file", "inputSchema": {"type": "object"}},
                    {"name": "read_fiIe", "inputSchema": {"type": "object"}},
                    {"name": "format_code", "inputSchema": {"type": "object"}},
                    {"name": "forrnat_code", "inputSchema": {"type": "object"}},
                ]
            },
            "ASCII look-alikes: a capital `I` for the `l`, `rn` for `m`:",
        ),
    ],
    passes=[
        Example(
            {
                "tools": [
                    {"name": "search", "inputSchema": {"type": "object"}},
                    {"name": "search_code", "inputSchema": {"type": "object"}},
                    {"name": "LIST", "inputSchema": {"type": "object"}},
                    {"name": "IIST", "inputSchema": {"type": "object"}},
                ]
            },
            "Names that differ visibly (`L` and `I` are not confusable):",
        )
    ],
)
def tool_name_collision(tools: Sequence[Tool], ctx: Context) -> Iterator[Hit]:
    """No two tools in a toolset have names that differ only by case, Unicode form or look-alike
    characters.

    ## Why

    `search` and `Search`, a Latin `search` and one spelt with a Cyrillic `е`, `get_file` and
    `get_fiIe` (capital I), `t0ol` and `tool`, `rn` and `m`, look the same to a reviewer and nearly
    the same to the model. A malicious server uses this to shadow a trusted tool (tool shadowing);
    by accident it makes the model call the wrong one. Names are compared by their Unicode TR39
    skeleton (`confusables.txt` 17.0.0, shipped with schemadrift: Armenian `օ`, Cyrillic `һ`, Latin
    `ɑ`, `I`/`l`, `0`/`O`, `rn`/`m` and 6,500 more) after NFKC, both as written and case-folded,
    with invisible characters removed. Exact duplicates are the providers' duplicate-name rules'
    business.

    ## Fix

    Rename one of the tools so the names differ visibly (or prefix tools by server).

    ## Known problems

    Names are compared within one toolset (one request); a server shadowing a tool of another server
    shows only when both are linted together. TR39 folds `1`, `I` and `l` together, so `v1_list` and
    `vl_list` collide.
    """
    by_shape: dict[str, str] = {}  # TR39 skeleton as written -> first name
    by_case: dict[str, str] = {}  # TR39 skeleton of the case-folded name -> first name
    reported: set[str] = set()
    for tool in tools:
        name = tool.name
        shape = confusable_skeleton(name if name.isascii() else unicodedata.normalize("NFKC", name))
        case = skeleton(name)
        seen = by_shape.setdefault(shape, name)
        if seen == name:
            seen = by_case.setdefault(case, name)
        else:
            by_case.setdefault(case, name)
        if seen != name and name not in reported:
            reported.add(name)
            yield Hit(
                "/name",
                f"tool name {name!r} collides with {seen!r} after case, Unicode and "
                f"look-alike folding",
                tool=name,
            )

"""The dialect-regression kind: a target provider that accepted the tools rejects them now."""

from __future__ import annotations

from schemadrift.diff.kinds.examples import tool, tools, weather
from schemadrift.diff.kinds.record import BREAKS, DESIGN, SAFE, kind
from schemadrift.model import Severity
from schemadrift.registry import Example

kind(
    "diff/dialect-regression",
    ("input", "output", "tool"),
    "dialect",
    "change",
    callers=BREAKS,
    model=BREAKS,
    implementation=SAFE,
    severity=Severity.ERROR,
    summary="A target provider that accepted the tools keeps accepting them after an upgrade.",
    why=(
        "Each target dialect is linted on both sides; an error under a dialect that had none "
        "for the tool at the baseline means the provider now rejects a schema it took before: "
        "the n8n case, pydantic 2's `anyOf`-null on Gemini. A newly added tool a target "
        "dialect rejects is one too, when the baseline request passed that dialect: providers "
        "validate the whole tool list, so one bad tool breaks every call. A dialect that "
        "already rejected the tool (or, for an added tool, the request) has no regression: "
        "those calls never worked, and the new error is reported as it is. A warning new to "
        "the tool is a regression warning. In `check`, the regression is the finding and the "
        "lint error under it is its evidence (named in the message), not a second finding."
    ),
    fix="Fix the schema for that provider (see the named rule), or pin the dependency.",
    evidence=[DESIGN],
    fails=[
        Example(
            {
                "before": [tool(weather())],
                "after": [tool({"type": "object", "properties": {"x": "string"}})],
            },
            note="judged with the always-on json-schema pack",
        )
    ],
    passes=[
        tools(
            [tool({"type": "object", "properties": {"x": "string"}})],
            [tool({"type": "object", "properties": {"y": "string"}})],
            note=(
                "judged with the always-on json-schema pack: the baseline already had the "
                "problem (a property that is not a schema); it only moved"
            ),
        )
    ],
)

"""A fixed run result with lint and diff findings, shared by the golden tests of every format."""

from __future__ import annotations

from schemadrift.model import Bump, Finding, Location, Severity
from schemadrift.result import RunResult, StaleAck, ToolSummary

WEATHER = Location("tools/weather.json", 3)
SEARCH = Location("tools/search.json", 2)
TICKET = Location("myapp.tools:TOOLS", None)
BUMP = Bump("pydantic", "2.8.2", "2.9.0")


def sample_result() -> RunResult:
    """Lint errors, a breaking change with witness and attribution, a removal, info, acks
    (a known provider error among them)."""
    findings = [
        Finding(
            rule_id="json-schema/unresolved-ref",
            severity=Severity.ERROR,
            tool="get_weather",
            pointer="/input_schema/properties/unit",
            message='`$ref` "#/$defs/Unit" does not resolve inside the schema',
            dialect="json-schema",
            hint="Define the target under `$defs`, or inline it.",
            location=WEATHER,
        ),
        Finding(
            rule_id="diff/property-became-required",
            severity=Severity.ERROR,
            tool="get_weather",
            pointer="/input_schema/required",
            message="'units' became required: 100% of recorded calls lack it,\nso they now fail",
            kind="diff/property-became-required",
            consumers=("callers",),
            witness={"city": "Paris"},
            has_witness=True,
            attribution=(BUMP,),
            location=WEATHER,
            discriminator="units",
        ),
        Finding(
            rule_id="json-schema/remote-ref",
            severity=Severity.ERROR,
            tool="search_docs",
            pointer="/input_schema/properties/filter",
            message="`$ref` points at https://example.com/filter.json, which no provider fetches",
            dialect="json-schema",
            hint="Inline the referenced schema under `$defs`.",
            location=SEARCH,
        ),
        Finding(
            rule_id="json-schema/unknown-draft",
            severity=Severity.WARNING,
            tool="search_docs",
            pointer="/input_schema/$schema",
            message="unknown draft",
            dialect="json-schema",
            location=SEARCH,
            acknowledged=True,
        ),
        Finding(
            rule_id="diff/description-changed",
            severity=Severity.WARNING,
            tool="create_ticket",
            pointer="/description",
            message="the description changed: the model reads it as part of the prompt",
            kind="diff/description-changed",
            consumers=("model",),
            attribution=(BUMP,),
            location=TICKET,
        ),
        Finding(
            rule_id="openai/array-items",
            severity=Severity.ERROR,
            tool="create_ticket",
            pointer="/input_schema/properties/labels",
            message="array schema missing items",
            dialect="openai",
            hint='add "items" with the element schema',
            location=TICKET,
            acknowledged=True,
        ),
        Finding(
            rule_id="diff/tool-added",
            severity=Severity.INFO,
            tool="create_ticket",
            pointer="",
            message="new tool",
            kind="diff/tool-added",
            location=TICKET,
        ),
        Finding(
            rule_id="diff/tool-removed",
            severity=Severity.ERROR,
            tool="lookup_user",
            pointer="",
            message="the tool was removed; callers and recorded conversations still name it",
            kind="diff/tool-removed",
            consumers=("callers", "model"),
            location=Location("tools/users.json", 5),
        ),
    ]
    tools = (
        ToolSummary(
            "create_ticket", TICKET, {"openai": "known", "anthropic": "pass"}, {"openai": 1}
        ),
        ToolSummary(
            "get_weather",
            WEATHER,
            {"openai": "fail", "anthropic": "fail"},
            causes=dict.fromkeys(("openai", "anthropic"), "json-schema/unresolved-ref"),
        ),
        ToolSummary(
            "search_docs",
            SEARCH,
            {"openai": "fail", "anthropic": "fail"},
            causes=dict.fromkeys(("openai", "anthropic"), "json-schema/remote-ref"),
        ),
    )
    return RunResult(
        command="check",
        findings=tuple(sorted(findings, key=Finding.sort_key)),
        tools=tools,
        dialects=("openai", "anthropic"),
        fail_on="error",
        exit_code=1,
        stale_acks=(StaleAck("0123456789abcdef", rule="diff/tool-removed", tool="old"),),
        baseline="origin/main:schemadrift.lock.json",
        verbosity=2,
    )

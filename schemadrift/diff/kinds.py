"""The change catalogue: one rule per kind of change between a baseline tool and its current form.

Each kind has a taxonomy (``side``: the input or output schema or the tool record; ``aspect``:
what part of the contract; ``action``: add, remove, widen, narrow, change) and a verdict per
consumer. ``callers`` (programmatic callers, recorded calls, eval fixtures) are bound by the
accepted values: on the input side a narrowing breaks them, on the output side a widening does
(they now receive values they were not written for). ``model`` re-reads the schema every call,
so only what it reads as prose changes its behaviour. ``implementation`` (the tool's own code)
receives inputs and produces outputs, the mirror image of callers.

Every kind is registered as a ``pair`` rule so it has an ID, docs and executed examples like
any lint rule; its check runs the shared analysis of a tool pair (memoised) and yields the
hits of its own kind. ``classify.py`` decides severities and consumers.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from schemadrift.model import Evidence, Severity, Tool
from schemadrift.registry import Context, Example, Hit, rule

DESIGN = Evidence(
    "https://github.com/schemadrift/schemadrift/blob/main/docs/design.md#diff-semantics",
    "documented",
    "2026-12-01",
    "schemadrift's own contract semantics (closed world, direction per side)",
)
JSON_SCHEMA = Evidence(
    "https://json-schema.org/draft/2020-12/json-schema-validation",
    "documented",
    "2026-12-01",
    "validation keywords: which values a schema accepts",
)

BREAKS = "breaks"
RISK = "risk"
SAFE = "safe"
CONTRACT = "contract"  # decided by the accepted values and the side's direction (witnessed)

CONSUMERS = ("callers", "model", "implementation")
SIDES = ("input", "output", "tool")
ASPECTS = (
    "existence",
    "requiredness",
    "type",
    "constraints",
    "values",
    "structure",
    "description",
    "dialect",
)
ACTIONS = ("add", "remove", "widen", "narrow", "change")


@dataclass(frozen=True, slots=True)
class ChangeKind:
    """One kind of change: its taxonomy and how each consumer takes it.

    ``callers``/``implementation``/``model`` are ``contract`` (judged by accepted values and the
    side's direction, proven by a witness), or a fixed ``breaks``/``risk``/``safe``.
    ``unproven`` is the callers' verdict when the accepted values may shrink but no witness
    was found (``risk`` for a plain narrowing, ``safe`` where the change is usually harmless).
    """

    id: str
    sides: tuple[str, ...]
    aspect: str
    action: str
    callers: str = CONTRACT
    model: str = SAFE
    implementation: str = CONTRACT
    unproven: str = RISK


KINDS: dict[str, ChangeKind] = {}


def _weather(extra: dict[str, object] | None = None, **props: object) -> dict[str, object]:
    properties = {"city": {"type": "string"}, **props}
    schema: dict[str, object] = {"type": "object", "properties": properties, "required": ["city"]}
    schema.update(extra or {})
    return schema


def _tool(
    schema: object,
    name: str = "get_weather",
    description: str = "Get the weather.",
    **extra: object,
) -> dict[str, object]:
    return {"name": name, "description": description, "input_schema": schema, **extra}


def _pair(before: object, after: object, note: str = "") -> Example:
    return Example({"before": [_tool(before)], "after": [_tool(after)]}, note=note)


def _tools(before: list[object], after: list[object], note: str = "") -> Example:
    return Example({"before": before, "after": after}, note=note)


def _draft(number: str, schema: dict[str, object]) -> dict[str, object]:
    """``schema`` declaring an older draft (``$schema`` first, as it is written)."""
    return {"$schema": f"http://json-schema.org/draft-{number}/schema#", **schema}


def kind(
    value: ChangeKind,
    *,
    severity: Severity,
    summary: str,
    why: str,
    fix: str,
    fails: list[Example],
    passes: list[Example],
    evidence: list[Evidence] | None = None,
) -> None:
    """Register ``value`` in ``KINDS`` and as a ``pair`` rule with its docs and examples.

    Each of ``passes`` is a real change close to the kind that is not it (the other direction,
    a neighbouring kind, another spelling of the same schema), never an unchanged pair: the
    docs show it under "Use instead" and tests/rules/test_examples.py runs it.
    """
    KINDS[value.id] = value

    def check(old: Tool | None, new: Tool | None, ctx: Context) -> Iterator[Hit]:
        from schemadrift.diff.classify import analyse

        for item in analyse(old, new):
            if item.kind == value.id:
                yield Hit(item.pointer, item.message, discriminator=item.discriminator)

    check.__doc__ = f"{summary}\n\n## Why\n\n{why}\n\n## Fix\n\n{fix}"
    rule(
        value.id,
        severity=severity,
        scope="pair",
        evidence=evidence or [DESIGN],
        fails=fails,
        passes=passes,
    )(check)


_REVIEW = "Review the change; if it is intended, run `schemadrift snapshot` to accept it."
_KEEP = (
    "Keep accepting what was accepted (add beside, deprecate, remove later), or acknowledge it "
    "with `schemadrift ack FINGERPRINT --reason ...`."
)

# --- tool record ----------------------------------------------------------------------------

kind(
    ChangeKind(
        "diff/tool-added",
        ("tool",),
        "existence",
        "add",
        callers=SAFE,
        model=SAFE,
        implementation=SAFE,
    ),
    severity=Severity.INFO,
    summary="A tool that was not in the baseline is reported (compatible for existing callers).",
    why="A new tool changes what the model can do; nothing that worked before stops working.",
    fix="Nothing to fix: review it, then run `schemadrift snapshot` to record it.",
    fails=[Example({"before": [], "after": [_tool(_weather())]})],
    passes=[
        _tools(
            [_tool(_weather())],
            [_tool(_weather(), name="fetch_weather")],
            note="a new name with the same schema is diff/tool-renamed, not an added tool",
        )
    ],
)
kind(
    ChangeKind(
        "diff/tool-removed",
        ("tool",),
        "existence",
        "remove",
        callers=BREAKS,
        model=RISK,
        implementation=SAFE,
    ),
    severity=Severity.ERROR,
    summary="Tools are not removed: callers, recorded conversations and evals still name them.",
    why=(
        "A removed tool breaks every caller and every replayed conversation that calls it; "
        "providers also reject history that names an unknown tool."
    ),
    fix="Keep the tool (deprecate it in its description first), or acknowledge the removal.",
    fails=[Example({"before": [_tool(_weather())], "after": []})],
    passes=[
        _tools(
            [_tool(_weather()), _tool({"type": "object"}, name="x")],
            [_tool(_weather(), name="fetch_weather"), _tool({"type": "object"}, name="x")],
            note=(
                "a name gone while a new name holds the same schema is diff/tool-renamed, not a "
                "removed tool"
            ),
        )
    ],
)
kind(
    ChangeKind(
        "diff/tool-renamed",
        ("tool",),
        "existence",
        "change",
        callers=BREAKS,
        model=SAFE,
        implementation=SAFE,
    ),
    severity=Severity.ERROR,
    summary="Tool names are stable: a tool with the same schema under a new name is a rename.",
    why="Callers and recorded tool calls address a tool by name; a rename breaks them all.",
    fix="Keep the old name, or add the new tool beside the old one and remove the old later.",
    fails=[
        Example(
            {
                "before": [_tool(_weather()), _tool({"type": "object"}, name="x")],
                "after": [
                    _tool(_weather(), name="fetch_weather"),
                    _tool({"type": "object"}, name="x"),
                ],
            }
        )
    ],
    passes=[
        _tools(
            [_tool(_weather()), _tool({"type": "object"}, name="x")],
            [
                _tool(_weather()),
                _tool(_weather(), name="fetch_weather"),
                _tool({"type": "object"}, name="x"),
            ],
            note="the new name added beside the old one: diff/tool-added, the old name still works",
        ),
        _tools(
            [_tool(_weather()), _tool({"type": "object"}, name="x")],
            [
                _tool(_weather(units={"type": "string"}), name="fetch_weather"),
                _tool({"type": "object"}, name="x"),
            ],
            note=(
                "a new name whose schema changed too is not paired as a rename: it is reported as "
                "diff/tool-removed and diff/tool-added"
            ),
        ),
    ],
)
kind(
    ChangeKind(
        "diff/description-changed",
        ("input", "output", "tool"),
        "description",
        "change",
        callers=SAFE,
        model=RISK,
        implementation=SAFE,
    ),
    severity=Severity.WARNING,
    summary="Descriptions and titles change only on purpose: they are the prompt the model reads.",
    why=(
        "The model re-reads every description on every call; an edited description or title "
        "changes which tool it picks and how it fills arguments, with no schema change to show "
        "it. The message carries a word-level diff."
    ),
    fix="Review the new wording, then run `schemadrift snapshot` to accept it.",
    fails=[
        Example(
            {
                "before": [_tool(_weather())],
                "after": [_tool(_weather(), description="Weather now.")],
            }
        ),
        _pair(_weather(), _weather(city={"type": "string", "description": "A city name."})),
    ],
    passes=[
        _pair(
            _weather(
                {"$defs": {"City": {"type": "string", "description": "A city name."}}},
                city={"$ref": "#/$defs/City"},
            ),
            _weather(city={"type": "string", "description": "A city name."}),
            note="a `$ref` inlined: the description moved, its text is the same",
        )
    ],
)
kind(
    ChangeKind(
        "diff/strict-changed",
        ("tool",),
        "constraints",
        "change",
        callers=SAFE,
        model=RISK,
        implementation=RISK,
    ),
    severity=Severity.WARNING,
    summary="A tool's `strict` flag is stable: it decides whether the provider enforces the schema.",
    why=(
        "With `strict: true` the provider constrains generation to the schema (and rejects "
        "schemas outside its subset); turning it off lets malformed arguments through to the "
        "implementation, turning it on changes what the model may produce."
    ),
    fix="Flip it on purpose, in its own change, and re-test the provider calls.",
    fails=[
        Example(
            {"before": [_tool(_weather(), strict=False)], "after": [_tool(_weather(), strict=True)]}
        )
    ],
    passes=[
        _tools(
            [_tool(_weather())],
            [_tool(_weather(), strict=False)],
            note="`strict: false` written out where it was absent: strict was already off",
        )
    ],
)

# --- the output schema as a whole ----------------------------------------------------------

MCP_TOOLS = Evidence(
    "https://modelcontextprotocol.io/specification/2025-06-18/server/tools#output-schema",
    "documented",
    "2026-12-01",
    "if an output schema is provided, servers MUST provide structured results that conform to "
    "it, and clients SHOULD validate structured results against it",
)


def _mcp(output: object | None = None, **extra: object) -> dict[str, object]:
    """An MCP `tools/list` entry of the weather tool, with ``output`` as its outputSchema."""
    tool: dict[str, object] = {
        "name": "get_weather",
        "description": "Get the weather.",
        "inputSchema": _weather(),
        **extra,
    }
    if output is not None:
        tool["outputSchema"] = output
    return tool


_RESULT = {
    "type": "object",
    "properties": {"result": {"title": "Result", "type": "number"}},
    "required": ["result"],
    "title": "_WrappedResult",
    "x-fastmcp-wrap-result": True,
}

kind(
    ChangeKind(
        "diff/output-schema-added",
        ("output",),
        "existence",
        "add",
        callers=SAFE,
        model=SAFE,
        implementation=RISK,
    ),
    severity=Severity.WARNING,
    summary="An output schema added is one new promise about results, reported once.",
    why=(
        "A tool that had no output schema made no promise about its results; one added (FastMCP "
        "derives it from the function's return annotation since mcp 1.10) promises them. The "
        "MCP spec says servers MUST then return structured results that conform and clients "
        "SHOULD validate them: the python SDK's client raises when a result has no "
        "`structuredContent` or does not match. Callers lose nothing (they now get structured "
        "results beside the text content), so this is not an error; but the implementation now "
        "has a contract to keep, and a return annotation that does not say what the tool "
        "returns fails calls in validating clients: a warning. It is one finding, not the type "
        "narrowing and required properties of a comparison with 'no schema' (which accepts "
        "every value the tool may have returned)."
    ),
    fix=(
        "Check that the return annotation says what the tool returns (FastMCP wraps a "
        'non-object return type as `{"result": ...}`), then run `schemadrift snapshot` to '
        "record the schema. If the tool should not promise structured results, opt out "
        "(FastMCP: `@mcp.tool(structured_output=False)`)."
    ),
    evidence=[MCP_TOOLS, DESIGN],
    fails=[_tools([_mcp()], [_mcp(_RESULT)])],
    passes=[
        _tools(
            [_mcp({**_RESULT, "properties": {"result": {"type": "integer"}}})],
            [_mcp(_RESULT)],
            note=(
                "an output schema that was there already and changed: its changes are judged "
                "one by one (here diff/type-widened, results may now be fractions)"
            ),
        )
    ],
)
kind(
    ChangeKind(
        "diff/output-schema-removed",
        ("output",),
        "existence",
        "remove",
        callers=BREAKS,
        model=SAFE,
        implementation=SAFE,
    ),
    severity=Severity.ERROR,
    summary="An output schema stays: removing it withdraws the promise callers rely on.",
    why=(
        "While a tool declares an output schema, its structured results conform to it (MCP: "
        "servers MUST), so callers read `structuredContent` without checking it. Without the "
        "schema the tool may return anything, or no structured result at all (FastMCP stops "
        "sending one): code that read the structured result breaks. It is one finding, not a "
        "widening of every keyword the schema had."
    ),
    fix=(
        "Keep the output schema (restore the return annotation, or `structured_output=True` in "
        "FastMCP), or acknowledge the removal once callers no longer read structured results."
    ),
    evidence=[MCP_TOOLS, DESIGN],
    fails=[_tools([_mcp(_RESULT)], [_mcp()])],
    passes=[
        _tools(
            [_mcp(_RESULT)],
            [_mcp({**_RESULT, "required": []})],
            note=(
                "the schema kept and loosened: diff/property-became-optional, judged on its own "
                "(an error for callers only with a value they could not expect)"
            ),
        )
    ],
)

# --- existence and requiredness of properties ----------------------------------------------

kind(
    ChangeKind("diff/property-removed", ("input", "output"), "existence", "remove", unproven=RISK),
    severity=Severity.ERROR,
    summary="Declared properties stay declared: removing one rejects (closed) or ignores (open) it.",
    why=(
        "Callers still send the property. On a closed object (`additionalProperties: false`) "
        "the provider or validator now rejects the call: an error, with a witness. On an open "
        "object the value is silently ignored: a warning."
    ),
    fix=_KEEP,
    fails=[_pair(_weather(units={"type": "string"}), _weather())],
    passes=[
        _pair(
            _weather(units={"type": "string"}),
            _weather(units={"type": "string", "deprecated": True}),
            note="the property kept and marked deprecated, to be removed later",
        )
    ],
)
kind(
    ChangeKind(
        "diff/optional-property-added",
        ("input", "output"),
        "existence",
        "add",
        implementation=SAFE,
        unproven=SAFE,
    ),
    severity=Severity.INFO,
    summary="An optional property added is compatible: old arguments stay valid (closed world).",
    why=(
        "A name the old schema never declared was not part of its contract, so nothing valid "
        "before is rejected now. Where the old object explicitly accepted extra properties "
        "(`additionalProperties: {...}`), a stricter new property can reject old arguments; "
        "that case is checked with a witness."
    ),
    fix="Nothing to fix for callers; make sure the model is told what the property is for.",
    fails=[_pair(_weather(), _weather(units={"type": "string"}))],
    passes=[
        _pair(
            _weather(),
            _weather({"required": ["city", "units"]}, units={"type": "string"}),
            note="a new property that is required: diff/required-property-added",
        )
    ],
)
kind(
    ChangeKind("diff/required-property-added", ("input", "output"), "requiredness", "add"),
    severity=Severity.ERROR,
    summary="New properties are optional: a new required property rejects every old call.",
    why="Every recorded call and every caller that does not send the new property now fails.",
    fix="Make the new property optional with a default in the implementation.",
    fails=[_pair(_weather(), _weather({"required": ["city", "units"]}, units={"type": "string"}))],
    passes=[
        _pair(
            _weather(),
            _weather(units={"type": "string"}),
            note="the new property left optional: diff/optional-property-added",
        )
    ],
)
kind(
    ChangeKind("diff/property-became-required", ("input", "output"), "requiredness", "narrow"),
    severity=Severity.ERROR,
    summary="Optional properties stay optional: making one required rejects calls that omit it.",
    why="Calls that relied on the property being optional are now rejected.",
    fix=_KEEP,
    fails=[
        _pair(
            _weather(units={"type": "string"}),
            _weather({"required": ["city", "units"]}, units={"type": "string"}),
        )
    ],
    passes=[
        _pair(
            _weather({"required": ["city", "units"]}, units={"type": "string"}),
            _weather({"required": ["units", "city"]}, units={"type": "string"}),
            note="`required` reordered: the same properties are required",
        )
    ],
)
kind(
    ChangeKind(
        "diff/property-became-optional", ("input", "output"), "requiredness", "widen", unproven=SAFE
    ),
    severity=Severity.WARNING,
    summary="A required property made optional is compatible for callers; the code must cope.",
    why=(
        "Old calls stay valid, but the implementation may now receive calls without the "
        "property (and, for outputs, consumers may not get a value they relied on)."
    ),
    fix="Make sure the implementation handles the property being absent.",
    fails=[_pair(_weather(), {**_weather(), "required": []})],
    passes=[
        _pair(
            _weather(),
            {
                "type": "object",
                "allOf": [{"$ref": "#/$defs/Place"}],
                "$defs": {"Place": _weather()},
            },
            note="the object moved to a base schema behind `allOf`: `city` is still required",
        )
    ],
)

# --- type and nullability --------------------------------------------------------------------

kind(
    ChangeKind("diff/type-narrowed", ("input", "output"), "type", "narrow"),
    severity=Severity.ERROR,
    summary="Accepted types are not removed: a narrowed type rejects values that were valid.",
    why="A caller sending a value of the removed type (`number` → `integer`: `1.5`) now fails.",
    fix=_KEEP,
    fails=[_pair(_weather(days={"type": "number"}), _weather(days={"type": "integer"}))],
    passes=[
        _pair(
            _weather(days={"type": "integer"}),
            _weather(days={"type": "number"}),
            note="`integer` → `number` accepts every integer still: diff/type-widened",
        )
    ],
)
kind(
    ChangeKind("diff/type-widened", ("input", "output"), "type", "widen", unproven=SAFE),
    severity=Severity.WARNING,
    summary="A widened type is compatible for callers; the implementation receives new types.",
    why=(
        "Old calls stay valid, but the model may now send the new type and the code may not "
        "handle it (and on outputs, consumers may receive a type they do not expect)."
    ),
    fix="Make sure the implementation handles the added type.",
    fails=[_pair(_weather(days={"type": "integer"}), _weather(days={"type": "number"}))],
    passes=[
        _pair(
            _weather(days={"type": "integer"}),
            _weather(days={"type": ["integer", "null"]}),
            note="only `null` added to the types: diff/nullability-widened",
        )
    ],
)
kind(
    ChangeKind("diff/type-changed", ("input", "output"), "type", "change"),
    severity=Severity.ERROR,
    summary="A property's type is not swapped for another: old values are rejected.",
    why="Every caller that sends the old type fails, and the code receives a type it did not.",
    fix=_KEEP,
    fails=[_pair(_weather(days={"type": "string"}), _weather(days={"type": "integer"}))],
    passes=[
        _pair(
            _weather(days={"type": "string"}),
            _weather(days={"type": ["string", "integer"]}),
            note="a type added beside the old one, which stays accepted: diff/type-widened",
        )
    ],
)
kind(
    ChangeKind("diff/nullability-widened", ("input", "output"), "type", "widen", unproven=SAFE),
    severity=Severity.WARNING,
    summary="`null` newly accepted is compatible for callers; the code may now receive null.",
    why=(
        "pydantic 2 renders `Optional[X]` as `anyOf: [X, {type: null}]` where pydantic 1 wrote "
        "`X`: callers are unaffected, but the model may now send an explicit null, and some "
        "providers (Gemini) reject the null type: see diff/dialect-regression."
    ),
    fix="Make sure the implementation treats null like an absent value.",
    fails=[
        _pair(
            _weather(days={"type": "integer"}),
            _weather(days={"anyOf": [{"type": "integer"}, {"type": "null"}]}),
        )
    ],
    passes=[
        _pair(
            _weather(days={"type": ["integer", "null"]}),
            _weather(days={"anyOf": [{"type": "integer"}, {"type": "null"}]}),
            note="`null` was accepted already: only its spelling changed (type list → `anyOf`)",
        )
    ],
)
kind(
    ChangeKind("diff/nullability-narrowed", ("input", "output"), "type", "narrow"),
    severity=Severity.ERROR,
    summary="`null` stays accepted where it was: removing it rejects explicit nulls.",
    why="Callers (and the model, following the old schema) that send null now fail.",
    fix=_KEEP,
    fails=[_pair(_weather(days={"type": ["integer", "null"]}), _weather(days={"type": "integer"}))],
    passes=[
        _pair(
            _weather(days={"anyOf": [{"type": "integer"}, {"type": "null"}]}),
            _weather(days={"type": ["integer", "null"]}),
            note="the `null` branch of `anyOf` folded into the type list: `null` is still accepted",
        )
    ],
)

# --- values ---------------------------------------------------------------------------------

kind(
    ChangeKind("diff/enum-value-removed", ("input", "output"), "values", "narrow"),
    severity=Severity.ERROR,
    summary="Enum values are not removed: a removed value rejects calls that use it.",
    why="Callers, recorded calls and eval fixtures that send the removed value now fail.",
    fix=_KEEP,
    fails=[_pair(_weather(units={"enum": ["c", "f"]}), _weather(units={"enum": ["c"]}))],
    passes=[
        _pair(
            _weather(units={"enum": ["c", "f"]}),
            _weather(units={"enum": ["f", "c", "k"]}),
            note="values reordered and one added, none removed: diff/enum-value-added",
        )
    ],
)
kind(
    ChangeKind("diff/enum-value-added", ("input", "output"), "values", "widen", unproven=SAFE),
    severity=Severity.WARNING,
    summary="An enum value added is compatible for callers; the code must handle it.",
    why=(
        "Old calls stay valid; the model may now send the new value (and on outputs, consumers "
        "may receive a value their switch does not handle)."
    ),
    fix="Make sure the implementation handles the new value.",
    fails=[_pair(_weather(units={"enum": ["c"]}), _weather(units={"enum": ["c", "f"]}))],
    passes=[
        _pair(
            _weather(units={"enum": ["c", "f"]}),
            _weather(units={"enum": ["f", "c"]}),
            note="values reordered: the same values are accepted",
        )
    ],
)
kind(
    ChangeKind("diff/enum-added", ("input", "output"), "values", "narrow"),
    severity=Severity.ERROR,
    summary="A free value does not become an enum: values outside the list are now rejected.",
    why="Callers sending any value not in the new list now fail.",
    fix=_KEEP,
    fails=[
        _pair(
            _weather(units={"type": "string"}),
            _weather(units={"type": "string", "enum": ["c", "f"]}),
        )
    ],
    passes=[
        _pair(
            _weather(kind={"const": "v1"}),
            _weather(kind={"enum": ["v1"]}),
            note="`const` spelled as a one-value `enum`: the same single value is accepted",
        )
    ],
)
kind(
    ChangeKind("diff/enum-removed", ("input", "output"), "values", "widen", unproven=SAFE),
    severity=Severity.WARNING,
    summary="An enum dropped is compatible for callers; the code receives free values.",
    why="Old calls stay valid, but any value may now reach the implementation.",
    fix="Make sure the implementation validates the value itself.",
    fails=[
        _pair(
            _weather(units={"type": "string", "enum": ["c", "f"]}),
            _weather(units={"type": "string"}),
        )
    ],
    passes=[
        _pair(
            _weather(kind={"enum": ["v1"]}),
            _weather(kind={"const": "v1"}),
            note="a one-value `enum` spelled as `const`: still one accepted value",
        )
    ],
)
kind(
    ChangeKind("diff/const-changed", ("input", "output"), "values", "change"),
    severity=Severity.ERROR,
    summary="A constant stays constant: changing it rejects the old value.",
    why="Every call carrying the old constant (a discriminator, a version tag) now fails.",
    fix=_KEEP,
    fails=[_pair(_weather(kind={"const": "v1"}), _weather(kind={"const": "v2"}))],
    passes=[
        _pair(
            _weather(kind={"const": "v1"}),
            _weather(kind={"enum": ["v1", "v2"]}),
            note="the old constant kept beside a new value: diff/enum-value-added",
        )
    ],
)
kind(
    ChangeKind(
        "diff/default-changed",
        ("input", "output"),
        "values",
        "change",
        callers=RISK,
        model=RISK,
        implementation=SAFE,
    ),
    severity=Severity.WARNING,
    summary="Defaults are stable: a changed default changes what an omitted argument means.",
    why=(
        "Callers and the model that omit the argument now get different behaviour, with no "
        "validation error to show it."
    ),
    fix="Change defaults on purpose and say so in the description.",
    fails=[
        _pair(
            _weather(days={"type": "integer", "default": 1}),
            _weather(days={"type": "integer", "default": 7}),
        )
    ],
    passes=[
        _pair(
            _weather(days={"anyOf": [{"type": "integer"}, {"type": "null"}]}),
            _weather(days={"anyOf": [{"type": "integer"}, {"type": "null"}], "default": None}),
            note=(
                "`default: null` added (pydantic 2 writes it for `Optional[int] = None`): "
                "omitting the argument already meant no value"
            ),
        )
    ],
)

# --- constraints ----------------------------------------------------------------------------

for _name, _key, _a, _b in (
    ("format", "format", "date", "date-time"),
    ("pattern", "pattern", "^[a-z]+$", "^[A-Z]+$"),
):
    kind(
        ChangeKind(f"diff/{_name}-added", ("input", "output"), "constraints", "narrow"),
        severity=Severity.ERROR,
        summary=f"A `{_key}` added to a free string rejects values that do not match it.",
        why=f"Values valid before that do not match the new `{_key}` are now rejected.",
        fix=_KEEP,
        evidence=[DESIGN, JSON_SCHEMA],
        fails=[_pair(_weather(day={"type": "string"}), _weather(day={"type": "string", _key: _a}))],
        passes=[
            _pair(
                _weather(),
                _weather(day={"type": "string", _key: _a}),
                note=f"a new optional property with a `{_key}`: diff/optional-property-added",
            )
        ],
    )
    kind(
        ChangeKind(
            f"diff/{_name}-removed", ("input", "output"), "constraints", "widen", unproven=SAFE
        ),
        severity=Severity.WARNING,
        summary=f"A `{_key}` removed is compatible for callers; the code gets unchecked strings.",
        why=f"Old values stay valid; strings not matching the old `{_key}` may now arrive.",
        fix="Make sure the implementation validates the string itself.",
        evidence=[DESIGN, JSON_SCHEMA],
        fails=[_pair(_weather(day={"type": "string", _key: _a}), _weather(day={"type": "string"}))],
        passes=[
            _pair(
                _weather(day={"type": "string", _key: _a}),
                _weather(
                    {"$defs": {"Day": {"type": "string", _key: _a}}}, day={"$ref": "#/$defs/Day"}
                ),
                note=f"the property's schema moved to `$defs` behind a `$ref`, `{_key}` with it",
            )
        ],
    )
    kind(
        ChangeKind(f"diff/{_name}-changed", ("input", "output"), "constraints", "change"),
        severity=Severity.ERROR,
        summary=f"A `{_key}` is not swapped for another: values matching the old one fail.",
        why=f"Values matching the old `{_key}` but not the new one are now rejected.",
        fix=_KEEP,
        evidence=[DESIGN, JSON_SCHEMA],
        fails=[
            _pair(
                _weather(day={"type": "string", _key: _a}),
                _weather(day={"type": "string", _key: _b}),
            )
        ],
        passes=[
            _pair(
                _weather(day={"type": "string", _key: _a}),
                _weather(day={"type": "string"}),
                note=f"the `{_key}` dropped, not replaced: diff/{_name}-removed",
            )
        ],
    )

for _family, _keys, _narrow, _wide, _not_narrowed, _not_widened in (
    (
        "numeric",
        "minimum, maximum, exclusive bounds and multipleOf",
        ({"type": "integer", "maximum": 14}, {"type": "integer", "maximum": 7}),
        ({"type": "integer", "maximum": 7}, {"type": "integer", "maximum": 14}),
        _pair(
            _weather(x={"type": "integer", "maximum": 7}),
            _weather(x={"type": "integer", "maximum": 14}),
            note="the bound loosened: diff/numeric-bound-widened",
        ),
        _pair(
            _draft("04", _weather(x={"type": "number", "maximum": 8, "exclusiveMaximum": True})),
            _weather(x={"type": "number", "exclusiveMaximum": 8}),
            note=(
                "draft-04's boolean `exclusiveMaximum` rewritten in 2020-12's form: `maximum` is "
                "gone, the bound is the same"
            ),
        ),
    ),
    (
        "length",
        "minLength/maxLength, minItems/maxItems, minProperties/maxProperties, "
        "minContains/maxContains and uniqueItems",
        ({"type": "string", "maxLength": 100}, {"type": "string", "maxLength": 10}),
        ({"type": "string", "maxLength": 10}, {"type": "string", "maxLength": 100}),
        _pair(
            _weather(x={"type": "string", "maxLength": 100}),
            _weather(x={"type": "string", "minLength": 0, "maxLength": 100}),
            note="`minLength: 0` added: every string has at least 0 characters, nothing is rejected",
        ),
        _pair(
            _weather(x={"type": "array", "items": {"type": "string"}, "uniqueItems": False}),
            _weather(x={"type": "array", "items": {"type": "string"}}),
            note="`uniqueItems: false` dropped: it never required anything",
        ),
    ),
):
    kind(
        ChangeKind(f"diff/{_family}-bound-narrowed", ("input", "output"), "constraints", "narrow"),
        severity=Severity.ERROR,
        summary=f"Bounds ({_keys}) do not tighten: values at the old edge are rejected.",
        why="A value inside the old range and outside the new one is now rejected.",
        fix=_KEEP,
        evidence=[DESIGN, JSON_SCHEMA],
        fails=[_pair(_weather(x=_narrow[0]), _weather(x=_narrow[1]))],
        passes=[_not_narrowed],
    )
    kind(
        ChangeKind(
            f"diff/{_family}-bound-widened",
            ("input", "output"),
            "constraints",
            "widen",
            unproven=SAFE,
        ),
        severity=Severity.WARNING,
        summary=f"Loosened bounds ({_keys}) are compatible for callers; the code gets more.",
        why="Old values stay valid; values outside the old range may now reach the code.",
        fix="Make sure the implementation handles the wider range.",
        evidence=[DESIGN, JSON_SCHEMA],
        fails=[_pair(_weather(x=_wide[0]), _weather(x=_wide[1]))],
        passes=[_not_widened],
    )

kind(
    ChangeKind("diff/additional-properties-narrowed", ("input", "output"), "structure", "narrow"),
    severity=Severity.ERROR,
    summary="An object that accepted extra properties keeps accepting them.",
    why=(
        "Flipping `additionalProperties` to `false` (or to a stricter schema) rejects calls "
        "carrying extra properties, where the old schema explicitly allowed them. Closing an "
        "object that only left them unspecified breaks nothing declared (closed world)."
    ),
    fix=_KEEP,
    fails=[
        _pair(_weather({"additionalProperties": True}), _weather({"additionalProperties": False}))
    ],
    passes=[
        _pair(
            _weather({"additionalProperties": {"type": "string"}}),
            _weather({"additionalProperties": {"type": ["string", "number"]}}),
            note="the extra properties' schema changed and accepts more: diff/type-widened there",
        )
    ],
)
kind(
    ChangeKind(
        "diff/additional-properties-widened",
        ("input", "output"),
        "structure",
        "widen",
        unproven=SAFE,
    ),
    severity=Severity.WARNING,
    summary="An object opened to extra properties is compatible for callers.",
    why="Old calls stay valid; undeclared properties may now reach the implementation.",
    fix="Make sure the implementation ignores or validates unknown properties.",
    fails=[_pair(_weather({"additionalProperties": False}), _weather())],
    passes=[
        _pair(
            _weather({"additionalProperties": False}),
            _weather({"unevaluatedProperties": False}),
            note=(
                "`additionalProperties: false` spelled `unevaluatedProperties: false` (the same "
                "on an object without `allOf`/`anyOf`/`oneOf`): still closed"
            ),
        )
    ],
)
kind(
    ChangeKind("diff/items-changed", ("input", "output"), "structure", "change"),
    severity=Severity.ERROR,
    summary="Tuple layouts (`prefixItems`/array `items`) stay as they are.",
    why="A changed tuple layout can reject arrays that matched the old positions.",
    fix=_KEEP,
    evidence=[DESIGN, JSON_SCHEMA],
    fails=[
        _pair(
            _weather(xy={"type": "array", "prefixItems": [{"type": "number"}]}),
            _weather(xy={"type": "array", "prefixItems": [{"type": "string"}], "items": False}),
        )
    ],
    passes=[
        _pair(
            _draft(
                "07",
                _weather(
                    xy={
                        "type": "array",
                        "items": [{"type": "number"}, {"type": "number"}],
                        "additionalItems": False,
                    }
                ),
            ),
            _weather(
                xy={
                    "type": "array",
                    "prefixItems": [{"type": "number"}, {"type": "number"}],
                    "items": False,
                }
            ),
            note="a draft-07 tuple (`items` array, `additionalItems`) written in 2020-12's form",
        )
    ],
)
kind(
    ChangeKind(
        "diff/composition-branch-added", ("input", "output"), "structure", "add", unproven=SAFE
    ),
    severity=Severity.WARNING,
    summary="A branch added to `anyOf`/`oneOf`/`allOf` is reported; it may narrow (oneOf, allOf).",
    why=(
        "An `anyOf` branch only widens; a `oneOf` branch that overlaps another makes values "
        "match twice and fail, and an `allOf` branch narrows. A witness decides."
    ),
    fix=_REVIEW,
    fails=[
        _pair(
            _weather(
                x={"anyOf": [{"type": "string"}, {"type": "object", "properties": {"a": {}}}]}
            ),
            _weather(
                x={
                    "anyOf": [
                        {"type": "string"},
                        {"type": "object", "properties": {"a": {}}},
                        {"type": "array", "items": {"type": "string"}},
                    ]
                }
            ),
        )
    ],
    passes=[
        _pair(
            _weather(x={"type": "string"}),
            _weather(x={"anyOf": [{"type": "string"}, {"type": "integer"}]}),
            note="`anyOf` over bare types is a type list: diff/type-widened",
        )
    ],
)
kind(
    ChangeKind(
        "diff/composition-branch-removed", ("input", "output"), "structure", "remove", unproven=SAFE
    ),
    severity=Severity.ERROR,
    summary="Branches of `anyOf`/`oneOf` are not removed: values only they accepted fail.",
    why="Values that matched only the removed branch are now rejected (a witness shows one).",
    fix=_KEEP,
    fails=[
        _pair(
            _weather(
                x={
                    "anyOf": [
                        {"type": "string"},
                        {"type": "object", "properties": {"a": {}}},
                        {"type": "array", "items": {"type": "string"}},
                    ]
                }
            ),
            _weather(
                x={"anyOf": [{"type": "string"}, {"type": "object", "properties": {"a": {}}}]}
            ),
        )
    ],
    passes=[
        _pair(
            _weather(
                {"$defs": {"Units": {"enum": ["c", "f"]}}},
                units={"allOf": [{"$ref": "#/$defs/Units"}], "description": "Units."},
            ),
            _weather(
                {"$defs": {"Units": {"enum": ["c", "f"]}}},
                units={"$ref": "#/$defs/Units", "description": "Units."},
            ),
            note=(
                "a described `$ref` no longer wrapped in a one-branch `allOf` (as older pydantic "
                "and many generators write it): the same schema"
            ),
        )
    ],
)
kind(
    ChangeKind(
        "diff/property-order-changed",
        ("input", "output"),
        "structure",
        "change",
        callers=SAFE,
        model=SAFE,
        implementation=SAFE,
    ),
    severity=Severity.INFO,
    summary="Property order is reported: the model reads it, validators do not.",
    why=(
        "Order does not change which arguments are valid, but models fill arguments in the "
        "order they read them (and OpenAI strict output follows it)."
    ),
    fix="Nothing to fix; keep order stable where generation quality matters.",
    fails=[
        _pair(
            {"type": "object", "properties": {"a": {}, "b": {}}},
            {"type": "object", "properties": {"b": {}, "a": {}}},
        )
    ],
    passes=[
        _pair(
            {"type": "object", "properties": {"a": {}, "b": {}}},
            {"type": "object", "properties": {"c": {}, "a": {}, "b": {}}},
            note=(
                "a property inserted first: diff/optional-property-added; `a` and `b` keep their "
                "order"
            ),
        )
    ],
)
kind(
    ChangeKind("diff/schema-changed", ("input", "output"), "constraints", "change", unproven=SAFE),
    severity=Severity.WARNING,
    summary="Any other change to a schema is reported at its pointer, an error when witnessed.",
    why=(
        "Keywords without a kind of their own (`not`, `if`/`then`/`else`, `dependentRequired`, "
        "`patternProperties`, vendor keywords) can still narrow what is accepted; a witness "
        "proves it, otherwise the change is informational."
    ),
    fix=_REVIEW,
    fails=[
        _pair(
            _weather(),
            _weather({"dependentRequired": {"city": ["country"]}}, country={"type": "string"}),
        )
    ],
    passes=[
        _pair(
            _draft(
                "07",
                _weather({"dependencies": {"city": ["country"]}}, country={"type": "string"}),
            ),
            _weather({"dependentRequired": {"city": ["country"]}}, country={"type": "string"}),
            note="draft-07 `dependencies` written as 2020-12 `dependentRequired`: the same rule",
        )
    ],
)

kind(
    ChangeKind(
        "diff/invalid-schema-changed",
        ("input", "output"),
        "structure",
        "change",
        callers=RISK,
        model=SAFE,
        implementation=RISK,
    ),
    severity=Severity.WARNING,
    summary="A change to a schema that is not valid JSON Schema is reported at its pointer.",
    why=(
        "Which values a schema accepts is defined only when it is valid under its "
        "meta-schema. When the old or the new schema is not (`required: [1]`, "
        "`properties: []`), schemadrift does not guess a direction: each changed value is "
        "reported where it sits, as a risk to callers and to the implementation. "
        "`json-schema/valid-under-draft` says what is invalid, and an invalid new schema is a "
        "`diff/dialect-regression` too."
    ),
    fix=(
        "Make both schemas valid JSON Schema (the baseline too: re-run `schemadrift snapshot` "
        "once it is fixed); changes are then classified precisely."
    ),
    fails=[_pair(_weather(), _weather({"required": ["city", 1]}))],
    passes=[
        _pair(
            _draft("04", _weather(x={"type": "number", "maximum": 8, "exclusiveMaximum": True})),
            _draft("04", _weather(x={"type": "number", "maximum": 10, "exclusiveMaximum": True})),
            note=(
                "a boolean `exclusiveMaximum` is valid in the draft-04 schema that declares it: "
                "the change is classified, diff/numeric-bound-widened"
            ),
        )
    ],
)

# --- dialect regressions ---------------------------------------------------------------------

kind(
    ChangeKind(
        "diff/dialect-regression",
        ("input", "output", "tool"),
        "dialect",
        "change",
        callers=BREAKS,
        model=BREAKS,
        implementation=SAFE,
    ),
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
                "before": [_tool(_weather())],
                "after": [_tool({"type": "object", "properties": {"x": "string"}})],
            },
            note="judged with the always-on json-schema pack",
        )
    ],
    passes=[
        _tools(
            [_tool({"type": "object", "properties": {"x": "string"}})],
            [_tool({"type": "object", "properties": {"y": "string"}})],
            note=(
                "judged with the always-on json-schema pack: the baseline already had the "
                "problem (a property that is not a schema); it only moved"
            ),
        )
    ],
)

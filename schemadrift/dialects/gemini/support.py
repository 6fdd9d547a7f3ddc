"""The keyword support table: what each Gemini surface does with each keyword, dated.

One table says, for every keyword the Gemini schema surfaces are known to treat in some way,
what each surface does with it today - accepted, rejected or ignored - and on what dated
evidence (the newest verdict wins). Every gemini, vertex and gemini-json rule and hint reads
it: which fields a `Schema` message has (`unsupported-keyword`, ``surface.live``), which
keywords `parametersJsonSchema` ignores (`ignored-keyword`), where a boolean may stand for a
schema (`type-required`), whether a `null` type is taken (`null-type`), and which surfaces to
point a user to in a hint. So no rule can reject what another rule or hint says is accepted.
The dated claims on string formats, name length and empty parameters sit beside it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from schemadrift.dialects.gemini.limits import (
    EV_ASTRA,
    EV_CLIPROXY_COMMENT,
    EV_CONST,
    EV_DEFAULT_OK,
    EV_EMPTY_PROPS,
    EV_EMPTY_PROPS_OK,
    EV_FAZER,
    EV_FORMAT,
    EV_FORMAT_2024,
    EV_GENAI_ADDITIONAL,
    EV_GENAI_CLIENT,
    EV_ISCHEMA,
    EV_JSON_KEYWORDS,
    EV_LITELLM_DEFAULT,
    EV_NAME,
    EV_NAME_128,
    EV_NULL,
    EV_NULL_ADDED,
    EV_PYDANTIC_AI_GOOGLE,
    EV_SCHEMA_FIELD,
    EV_TYPE_ENUM_DEV,
    EV_UNKNOWN_FIELD,
    EV_UNKNOWN_FIELD_ANYOF,
    EV_VERCEL_REFS,
    EV_VERTEX_FORMATS,
    EV_VERTEX_SCHEMA,
    VERTEX_STRING_FORMATS,
)
from schemadrift.model import Evidence, Severity
from schemadrift.registry import Claim

GEMINI_SURFACE = "gemini"
VERTEX_SURFACE = "vertex"
JSON_SURFACE = "gemini-json"
SURFACES = (GEMINI_SURFACE, VERTEX_SURFACE, JSON_SURFACE)
SURFACE_NAMES = {
    GEMINI_SURFACE: "the Gemini Developer API's `parameters`",
    VERTEX_SURFACE: "Vertex AI's `parameters`",
    JSON_SURFACE: "`parametersJsonSchema`",
}

# What a verdict means for a rule, by default: rejected keywords fail the request (error),
# ignored ones are accepted but not enforced (a warning when they constrain arguments).
_LEVEL = {"rejected": Severity.ERROR, "ignored": Severity.WARNING, "accepted": None}


@dataclass(frozen=True, slots=True)
class Feature:
    """A keyword (or a keyword value, ``type: "null"``) and what each surface does with it.

    ``support`` maps each surface to its claim (dated evidence, newest verdict wins).
    ``annotation``: the keyword constrains no argument, so ignoring it is harmless.
    ``booleans``: surfaces where the keyword's value may be a boolean instead of a schema.
    ``superseded``: what an acceptance that followed a rejection is reported as (the `null`
    type stays a dated warning: adapters still rewrite it; `title`/`default` are plain accepted).
    ``rewrite``: how to say the same thing where it is rejected or ignored.
    """

    name: str
    support: Mapping[str, Claim]
    annotation: bool = False
    booleans: frozenset[str] = frozenset()
    superseded: Severity | None = None
    rewrite: str = ""

    def verdict(self, surface: str) -> str:
        """What ``surface`` does with the keyword today (its claim's newest verdict)."""
        return self.support[surface].verdict

    def accepted_on(self) -> list[str]:
        """The surfaces that accept this feature, in table order."""
        return [s for s in SURFACES if self.verdict(s) == "accepted"]


def _claim(
    name: str,
    surface: str,
    evidence: Sequence[Evidence],
    *,
    annotation: bool,
    superseded: Severity | None,
    caveat: str = "",
) -> Claim:
    """A surface's claim about ``name``, its severity read from the newest verdict."""
    probe = Claim(name, None, tuple(evidence))
    level = _LEVEL.get(probe.verdict)
    if probe.verdict == "ignored" and annotation:
        level = None
    if probe.conflict is not None:
        level = superseded
    return Claim(f"{name} ({surface})", level, tuple(evidence), caveat)


def _feature(
    name: str,
    gemini: Sequence[Evidence],
    vertex: Sequence[Evidence],
    json: Sequence[Evidence],
    *,
    annotation: bool = False,
    booleans: frozenset[str] = frozenset(),
    superseded: Severity | None = None,
    rewrite: str = "",
    caveats: Mapping[str, str] | None = None,
) -> Feature:
    """A row: the evidence per surface (``gemini``, ``vertex``, ``json``), each cell made a
    claim whose level its newest verdict sets."""
    cells = {GEMINI_SURFACE: gemini, VERTEX_SURFACE: vertex, JSON_SURFACE: json}
    support = {
        surface: _claim(
            name,
            surface,
            evidence,
            annotation=annotation,
            superseded=superseded,
            caveat=(caveats or {}).get(surface, ""),
        )
        for surface, evidence in cells.items()
    }
    return Feature(name, support, annotation, booleans, superseded, rewrite)


# The documents that list each surface's keywords (read 2026-09), as verdicts.
DEV_LISTED = (EV_ISCHEMA.accepts("one of the 22 fields of the v1beta Schema"),)
DEV_UNLISTED = (
    EV_ISCHEMA.rejects("not one of the 22 fields: the proto parser rejects unknown fields"),
    EV_UNKNOWN_FIELD.rejects(),
)
VERTEX_LISTED = (EV_VERTEX_SCHEMA.accepts("a field of the aiplatform Schema"),)
VERTEX_UNLISTED = (
    EV_VERTEX_SCHEMA.rejects("not a field of the aiplatform Schema: unknown fields fail parsing"),
)
JSON_LISTED = (EV_JSON_KEYWORDS.accepts("listed as supported"),)
JSON_UNLISTED = (EV_JSON_KEYWORDS.ignores('not listed: "not all features are supported"'),)
_VERTEX_2025 = EV_NULL_ADDED.accepts()

_ANY_KEYWORD = "any other keyword"
"""The row for keywords the table does not name: the `Schema` messages are closed sets, and
`parametersJsonSchema` accepts any JSON Schema while enforcing only what it lists."""

_FEATURES = [
    _feature(_ANY_KEYWORD, DEV_UNLISTED, VERTEX_UNLISTED, JSON_UNLISTED),
    # The fields every surface accepts.
    *(
        _feature(key, DEV_LISTED, VERTEX_LISTED, JSON_LISTED)
        for key in (
            "type", "format", "description", "enum", "maxItems", "minItems", "properties",
            "required", "anyOf", "propertyOrdering", "items", "minimum", "maximum",
        )
    ),
    # `parameters` fields that `parametersJsonSchema` does not list: constraints it ignores...
    *(
        _feature(key, DEV_LISTED, VERTEX_LISTED, JSON_UNLISTED)
        for key in ("minProperties", "maxProperties", "minLength", "maxLength", "pattern")
    ),
    # ... and OpenAPI annotations it ignores harmlessly.
    *(
        _feature(key, DEV_LISTED, VERTEX_LISTED, JSON_UNLISTED, annotation=True)
        for key in ("nullable", "example")
    ),
    _feature(
        "title",
        (
            EV_ASTRA.rejects("Unknown name \"title\" (2024-09)"),
            *DEV_LISTED,
        ),
        VERTEX_LISTED,
        JSON_LISTED,
    ),
    _feature(
        "default",
        (
            EV_LITELLM_DEFAULT.rejects('Unknown name "default" (2025-04)'),
            EV_DEFAULT_OK.accepts(),
            *DEV_LISTED,
        ),
        VERTEX_LISTED,
        JSON_UNLISTED,
        annotation=True,
    ),
    # Vertex's additions (google-genai Schema since 2025-05-22).
    _feature(
        "additionalProperties",
        (EV_UNKNOWN_FIELD.rejects(), EV_UNKNOWN_FIELD_ANYOF.rejects(), EV_GENAI_CLIENT.rejects()),
        (_VERTEX_2025, EV_GENAI_ADDITIONAL.accepts()),
        JSON_LISTED,
        booleans=frozenset({VERTEX_SURFACE, JSON_SURFACE}),
        rewrite="remove `additionalProperties` (or state in `description` that no other keys "
        "are allowed)",
    ),
    *(
        _feature(
            key,
            (EV_ASTRA.rejects(), EV_VERCEL_REFS.rejects(), *DEV_UNLISTED),
            (_VERTEX_2025, EV_VERCEL_REFS.accepts()),
            JSON_LISTED,
            rewrite=rewrite,
        )
        for key, rewrite in (
            ("$ref", "inline the referenced schema"),
            ("$defs", "inline the definitions"),
        )
    ),
    # The protobuf names of the same two fields (`ref`, `defs`), which only `parameters` knows.
    *(
        _feature(key, (*DEV_UNLISTED,), (_VERTEX_2025,), JSON_UNLISTED, rewrite=rewrite)
        for key, rewrite in (("ref", "inline the referenced schema"), ("defs", "inline the definitions"))
    ),
    # JSON Schema keywords only `parametersJsonSchema` lists.
    *(
        _feature(key, DEV_UNLISTED, VERTEX_UNLISTED, JSON_LISTED)
        for key in ("$id", "$anchor", "prefixItems")
    ),
    _feature(
        "oneOf",
        (EV_PYDANTIC_AI_GOOGLE.rejects("Gemini rejects `oneOf` outright"), *DEV_UNLISTED),
        VERTEX_UNLISTED,
        (EV_JSON_KEYWORDS.accepts("oneOf is treated as anyOf"),),
        rewrite="use `anyOf`",
    ),
    # Constraints `parameters` rejects and `parametersJsonSchema` ignores.
    _feature(
        "const",
        (EV_CONST.rejects(), *DEV_UNLISTED),
        VERTEX_UNLISTED,
        JSON_UNLISTED,
        rewrite='use a one-value `enum` (`"enum": ["x"]`)',
    ),
    *(
        _feature(
            key,
            (EV_FAZER.rejects(), *DEV_UNLISTED),
            VERTEX_UNLISTED,
            (*JSON_UNLISTED, EV_PYDANTIC_AI_GOOGLE.ignores("dropped as not yet supported")),
            rewrite=rewrite,
        )
        for key, rewrite in (
            ("exclusiveMinimum", "use `minimum` (inclusive), or state the bound in `description`"),
            ("exclusiveMaximum", "use `maximum` (inclusive), or state the bound in `description`"),
        )
    ),
    _feature("propertyNames", (EV_FAZER.rejects(), *DEV_UNLISTED), VERTEX_UNLISTED, JSON_UNLISTED),
    _feature(
        "allOf",
        DEV_UNLISTED,
        VERTEX_UNLISTED,
        JSON_UNLISTED,
        rewrite="merge the members into one schema",
    ),
    # JSON Schema annotations: rejected by the `Schema` messages, harmless where ignored.
    _feature(
        "$schema", (EV_SCHEMA_FIELD.rejects(), *DEV_UNLISTED), VERTEX_UNLISTED, JSON_UNLISTED,
        annotation=True, rewrite="drop `$schema`",
    ),
    _feature(
        "examples", (EV_ASTRA.rejects(), *DEV_UNLISTED), VERTEX_UNLISTED, JSON_UNLISTED,
        annotation=True, rewrite="use `example` (one value)",
    ),
    _feature(
        "$comment", (EV_CLIPROXY_COMMENT.rejects(), *DEV_UNLISTED), VERTEX_UNLISTED,
        JSON_UNLISTED, annotation=True,
    ),
    *(
        _feature(key, DEV_UNLISTED, VERTEX_UNLISTED, JSON_UNLISTED, annotation=True)
        for key in (
            "deprecated", "readOnly", "writeOnly", "definitions", "contentEncoding",
            "contentMediaType",
        )
    ),
    # A value rather than a keyword: the NULL type.
    _feature(
        'type: "null"',
        (EV_TYPE_ENUM_DEV.rejects(),),
        (EV_NULL.rejects(), _VERTEX_2025),
        JSON_LISTED,
        superseded=Severity.WARNING,
        caveats={
            GEMINI_SURFACE: "google-genai's Type has NULL since 2025-05-22, for Vertex AI "
            "(dialects.md §9); no accepted Developer API request with a null type is on record",
            VERTEX_SURFACE: "older API versions, SDKs and proxies do not take it",
        },
    ),
]  # fmt: skip

SUPPORT: dict[str, Feature] = {feature.name: feature for feature in _FEATURES}
"""The table, by keyword (and ``type: "null"``)."""

NULL_TYPE = SUPPORT['type: "null"']


def feature(keyword: str) -> Feature:
    """The row for ``keyword``: its own, or the one for keywords the table does not name."""
    return SUPPORT.get(keyword) or SUPPORT[_ANY_KEYWORD]


def accepted_keywords(surface: str) -> frozenset[str]:
    """The keywords ``surface`` accepts: for `parameters`, the fields of its `Schema` message."""
    return frozenset(
        name
        for name, row in SUPPORT.items()
        if row is not NULL_TYPE and name != _ANY_KEYWORD and row.verdict(surface) == "accepted"
    )


GEMINI_FIELDS = accepted_keywords(GEMINI_SURFACE)
"""The Developer API v1beta `Schema`: its closed set of 22 fields."""
VERTEX_FIELDS = accepted_keywords(VERTEX_SURFACE)
"""Vertex AI's `Schema`: the same fields plus `additionalProperties`, `$ref`/`ref`, `$defs`/`defs`."""
JSON_SUPPORTED = accepted_keywords(JSON_SURFACE)
"""The keywords `parametersJsonSchema` documents as supported."""


def keyword_hint(keyword: str, surface: str) -> str:
    """The fix for ``keyword`` on ``surface``, naming the surfaces that accept it (from the
    table, so a hint never sends a user to a surface that rejects the keyword)."""
    row = feature(keyword)
    verdict = row.verdict(surface)
    if verdict == "ignored":
        advice = row.rewrite or f"enforce `{keyword}` in the tool or state it in `description`"
    else:
        advice = row.rewrite or f"remove `{keyword}` (or move its meaning into `description`)"
    elsewhere = [SURFACE_NAMES[s] for s in row.accepted_on() if s != surface]
    if elsewhere and verdict == "rejected":
        advice += f" ({' and '.join(elsewhere)} accept{'s' if len(elsewhere) == 1 else ''} it)"
    return advice


FORMAT_CLAIMS = {
    GEMINI_SURFACE: (
        Claim(
            "STRING format other than enum and date-time",
            Severity.ERROR,
            (EV_FORMAT_2024, EV_FORMAT),
        ),
        Claim("STRING format date-time", None, (EV_FORMAT_2024, EV_FORMAT.accepts())),
    ),
    VERTEX_SURFACE: (
        Claim(
            "STRING format outside " + ", ".join(sorted(VERTEX_STRING_FORMATS)),
            Severity.WARNING,
            (EV_FORMAT, EV_VERTEX_FORMATS),
            caveat="the Developer API rejects it; no Vertex rejection is on record",
        ),
        Claim(
            "STRING format " + ", ".join(sorted(VERTEX_STRING_FORMATS)),
            None,
            (EV_VERTEX_FORMATS,),
        ),
    ),
}
"""What each `parameters` surface does with a STRING `format`, by dated evidence."""

NAME_LENGTH_CLAIM = Claim(
    "function names of 65 to 128 characters",
    Severity.WARNING,
    (EV_NAME, EV_NAME_128.accepts()),
    caveat="the Developer API still rejected names over 64 in every observed error",
)
"""Vertex documents 128 characters since 2026-05; every observed error says 64."""

EMPTY_PARAMETERS_CLAIM = Claim(
    "a `parameters` OBJECT root with no properties",
    Severity.WARNING,
    (EV_EMPTY_PROPS, EV_EMPTY_PROPS_OK),
    caveat="older API versions and some proxies still reject it",
)
"""Rejected 2024-09..2025-03, accepted in traffic recorded 2025-06..09."""


def keyword_claims(surface: str) -> tuple[Claim, ...]:
    """The table's claims for ``surface`` that a rule acts on or that carry history (what
    ``explain`` prints under a rule): every reported keyword, and every accepted one that was
    once rejected. Keywords accepted all along are left out (they would only repeat the list)."""
    out = []
    for row in _FEATURES:
        claim = row.support[surface]
        if row is NULL_TYPE:
            continue
        if claim.severity is not None or claim.conflict is not None:
            out.append(claim)
    return tuple(out)

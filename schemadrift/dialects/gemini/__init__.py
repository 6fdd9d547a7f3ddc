"""Google Gemini's three schema surfaces: ``gemini``, ``vertex`` and ``gemini-json``.

A Gemini function declaration carries its parameters either as ``parameters`` - a protobuf
``Schema`` message, an OpenAPI 3.0 subset whose JSON parser rejects every field it does not
know - or as ``parametersJsonSchema``, plain JSON Schema where unsupported keywords are
ignored. The Developer API (``gemini``) and Vertex AI (``vertex``) have different ``Schema``
messages, so they are separate dialects; ``gemini-json`` is the JSON Schema surface of both.
Evidence: dialects.md §4.

Where to look: ``limits.py`` (dated limits and evidence), ``support.py`` (what each surface
does with each keyword), ``parameters.py`` (the rules gemini and vertex share, one table over
``keywords.py`` and ``structure.py``), ``names.py`` (envelope, name and declaration-count
rules of all three), ``json.py`` and ``json_refs.py`` (gemini-json). Importing this package
registers every rule; the three dialects are declared below.
"""

from __future__ import annotations

from schemadrift.dialects.gemini import json, json_refs, names, parameters, structure
from schemadrift.dialects.gemini.support import SUPPORT, SURFACE_NAMES
from schemadrift.registry import Dialect, dialect

__all__ = ["SUPPORT", "SURFACE_NAMES", "json", "json_refs", "names", "parameters", "structure"]

GEMINI_DIALECT = dialect(
    Dialect(
        id="gemini",
        title="Gemini Developer API (`parameters`, OpenAPI subset)",
        shapes=("gemini",),
        reads_openapi=True,
        notes=(
            "generativelanguage v1beta `Schema`: 22 fields, unknown fields reject the request. "
            "Gemini reports every violation at once."
        ),
    )
)

VERTEX_DIALECT = dialect(
    Dialect(
        id="vertex",
        title="Vertex AI Gemini (`parameters`)",
        shapes=("gemini",),
        reads_openapi=True,
        notes=(
            "aiplatform `Schema`: the Developer API fields plus additionalProperties, $ref/$defs, "
            "NULL."
        ),
    )
)

GEMINI_JSON_DIALECT = dialect(
    Dialect(
        id="gemini-json",
        title="Gemini `parametersJsonSchema` (JSON Schema surface)",
        shapes=("gemini-json",),
        notes="Plain JSON Schema; unsupported keywords are accepted and ignored (warnings).",
    )
)

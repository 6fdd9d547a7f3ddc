"""Anthropic Messages API tools: the ``anthropic`` and ``anthropic-strict`` dialects.

Evidence: ``docs/dialects.md`` §3. Non-strict Anthropic validates the envelope (name pattern,
``input_schema`` with a root ``type: "object"``, no root combinators, top-level property keys)
and the schema's validity under JSON Schema 2020-12, and otherwise ignores keywords. Strict tool
use (``strict: true``) compiles the schema into a grammar, so it rejects every constraint the
compiler cannot express and caps the size of the strict part of a request.

The rules live by concern: ``shape`` (envelope and schema root) and ``names`` for ``anthropic``;
``strict`` (keywords), ``strict_refs`` (references) and ``strict_request`` (per-request limits)
for ``anthropic-strict``; ``limits`` holds the dated limits and evidence they judge by. What
``bedrock`` also applies (Claude's validator and strict compiler) is in
``dialects/_anthropic_family.py``. Importing this package registers the rules and the dialects.
"""

from __future__ import annotations

from schemadrift.dialects.anthropic import names, shape, strict, strict_refs, strict_request
from schemadrift.model import Evidence
from schemadrift.registry import Dialect, dialect

RULE_MODULES = (shape, names, strict, strict_refs, strict_request)
"""The modules whose import registers this pack's rules (a rule's pack is its ID prefix)."""


ANTHROPIC_DRAFT_VALIDATION = Evidence(
    "https://github.com/anthropics/claude-code/issues/63673",
    "observed",
    "2026-05-01",
    "`JSON schema is invalid. It must match JSON Schema draft 2020-12`",
    verdict="rejected",
)
"""The evidence that this provider validates tool schemas against the JSON Schema draft."""

ANTHROPIC = dialect(
    Dialect(
        id="anthropic",
        draft_validation=ANTHROPIC_DRAFT_VALIDATION,
        title="Anthropic Messages API (tools[].input_schema)",
        strict="anthropic-strict",
        shapes=("anthropic",),
        notes=(
            "Non-strict tools: keywords other than the root rules are accepted and not enforced. "
            "Validity under JSON Schema 2020-12 and $ref resolution are the json-schema pack's."
        ),
    )
)

ANTHROPIC_STRICT = dialect(
    Dialect(
        id="anthropic-strict",
        draft_validation=ANTHROPIC_DRAFT_VALIDATION,
        title="Anthropic strict tool use (strict: true)",
        extends="anthropic",
        shapes=("anthropic",),
        notes=(
            "Grammar-compiled tools. Beyond the documented limits, large schemas fail with "
            "`Schema is too complex for compilation` at model-dependent sizes (not checked)."
        ),
    )
)

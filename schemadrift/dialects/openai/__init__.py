"""OpenAI function calling: the ``openai`` (non-strict) and ``openai-strict`` dialects.

``openai`` covers Chat Completions (``tools[].function``) and Responses (flat ``tools[]``) with
``strict`` off; ``openai-strict`` adds the Structured Outputs subset a ``strict: true`` function
must fit. Evidence: dialects.md §1 (non-strict), §2 (strict) and §6 (Azure OpenAI, kept as notes
and warnings because Azure runs the same validator but lags OpenAI's relaxations).

OpenAI reports one schema error per request, so these rules report everything at once: a user
fixes N problems in one deploy instead of N deploys.

The package is split by concern; read it in this order:

- ``limits.py``: the versioned data (name pattern, tool count, keyword lists, dated size limits);
- ``evidence.py``: evidence shared by several rules, and the dated claim per keyword or limit;
- ``envelope.py``, ``structure.py``, ``toolset.py``: the ``openai`` rules on the envelope, the
  parameters schema's structure, and the whole request;
- ``strict_structure.py``, ``strict_keywords.py``, ``strict_refs.py``, ``strict_limits.py``: the
  ``openai-strict`` rules on shape, keywords, ``$ref`` and size;
- ``nodes.py``: what those rules ask of a schema node.

Importing this package imports the rule modules, which registers their rules; the two
dialects are declared here.
"""

from __future__ import annotations

from schemadrift.dialects._common import DIALECTS_MD
from schemadrift.dialects.openai import (  # noqa: F401 - imported to register their rules
    envelope,
    strict_keywords,
    strict_limits,
    strict_refs,
    strict_structure,
    structure,
    toolset,
)
from schemadrift.dialects.openai.envelope import OPENAI_SHAPES
from schemadrift.dialects.openai.limits import STRICT_LIMITS
from schemadrift.model import Evidence
from schemadrift.registry import Dialect, dialect

__all__ = ["OPENAI", "OPENAI_STRICT"]

AZURE_NOTES = (
    "Azure OpenAI runs the same validator with the same messages (n8n #30531, "
    "langchain-mcp-adapters #137) but lags OpenAI: it still enforced the 1,024-character "
    "description limit in 2025-04 (warned by openai/description-length), needs api-version "
    "2024-08-01-preview or later (GA 2024-10-21) for `strict`, and its docs still listed "
    "`minItems`/`maxItems` and other bounds as unsupported in strict mode in 2026-09; a "
    "Teams/Azure path once allowed dots in names."
)

OPENAI_DRAFT_VALIDATION = Evidence(
    "https://github.com/diegosouzapw/OmniRoute/issues/12045",
    "observed",
    "2026-01-01",
    "`'string' is not of type 'object', 'boolean'`: a meta-schema error",
    verdict="rejected",
)
"""The evidence that this provider validates tool schemas against the JSON Schema draft."""

OPENAI = dialect(
    Dialect(
        id="openai",
        draft_validation=OPENAI_DRAFT_VALIDATION,
        title="OpenAI function calling (Chat Completions / Responses, non-strict)",
        strict="openai-strict",
        shapes=tuple(sorted(OPENAI_SHAPES)),
        notes=(
            "Non-strict function calling: OpenAI documents no keyword subset; observed "
            "rejections are structural (root, properties, items, names, tool count). Other "
            f"keywords are passed to the model unenforced. {AZURE_NOTES} "
            f"Evidence: {DIALECTS_MD} §1, §6."
        ),
    )
)

OPENAI_STRICT = dialect(
    Dialect(
        id="openai-strict",
        draft_validation=OPENAI_DRAFT_VALIDATION,
        title="OpenAI Structured Outputs (strict: true functions)",
        extends="openai",
        shapes=tuple(sorted(OPENAI_SHAPES)),
        notes=(
            "The Structured Outputs subset, as of "
            f"{STRICT_LIMITS.as_of} (limits: {STRICT_LIMITS.object_properties:,} properties, "
            f"depth {STRICT_LIMITS.nesting_depth}, {STRICT_LIMITS.total_string_length:,} "
            f"characters, {STRICT_LIMITS.enum_values:,} enum values). Fine-tuned models also "
            "reject string/number/array bounds, `pattern` and `format`. "
            f"{AZURE_NOTES} Evidence: {DIALECTS_MD} §2, §6."
        ),
    )
)

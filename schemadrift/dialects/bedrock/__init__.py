"""AWS Bedrock Converse tools: the ``bedrock`` and ``bedrock-strict`` dialects.

Evidence: ``docs/dialects.md`` §5. Converse validates the ``toolSpec`` envelope itself (name,
description, a root ``type: "object"``) and then hands the schema to the model family, whose
rules differ: Claude models apply Anthropic's validator (errors come back wrapped as
``The model returned the following errors: tools.0.custom: ...``), Amazon Nova documents a
top-level schema of ``type``/``properties``/``required`` only. ``bedrock`` does not know the
model, so model-specific rules are warnings that name the model family; recorded traffic in
which Nova, Llama and Mistral accepted a construct keeps a rule from firing on it.

``bedrock-strict`` (``toolSpec.strict: true``) applies the grammar-compiler checks it shares
with ``anthropic-strict`` (``dialects/_anthropic_family.py``) with Bedrock's own observed list.

The rules live by concern: ``converse`` (what Converse validates itself) and ``models`` (what
some model families reject) for ``bedrock``, ``strict`` for ``bedrock-strict``; ``limits``
holds the dated limits, evidence and claims. Importing this package registers the rules and
the dialects.
"""

from __future__ import annotations

from schemadrift.dialects.bedrock import converse, models, strict
from schemadrift.model import Evidence
from schemadrift.registry import Dialect, dialect

RULE_MODULES = (converse, models, strict)
"""The modules whose import registers this pack's rules (a rule's pack is its ID prefix)."""


BEDROCK_DRAFT_VALIDATION = Evidence(
    "https://github.com/maximhq/bifrost/issues/1720",
    "observed",
    "2026-02-01",
    "`The json schema definition ... is invalid ... $.properties: null found, object expected`",
    verdict="rejected",
)
"""The evidence that this provider validates tool schemas against the JSON Schema draft."""

BEDROCK = dialect(
    Dialect(
        id="bedrock",
        draft_validation=BEDROCK_DRAFT_VALIDATION,
        title="AWS Bedrock Converse (toolConfig.tools[].toolSpec)",
        strict="bedrock-strict",
        shapes=("bedrock",),
        notes=(
            "Model-agnostic: rules that only some model families enforce (Claude, Nova, "
            "Mistral/Llama) are warnings naming the family. A malformed schema "
            "(`properties: null` -> `$.properties: null found, object expected`) and a `$ref` "
            "to a missing definition are errors of the always-on json-schema pack."
        ),
    )
)

BEDROCK_STRICT = dialect(
    Dialect(
        id="bedrock-strict",
        draft_validation=BEDROCK_DRAFT_VALIDATION,
        title="AWS Bedrock Converse strict tools (toolSpec.strict: true)",
        extends="bedrock",
        shapes=("bedrock",),
        notes=(
            "Strict support differs by model (Claude, some Mistral, Qwen3, Gemma 3). "
            "`$ref` must resolve (`Reference to non-existent definition`): json-schema/"
            "unresolved-ref reports it."
        ),
    )
)

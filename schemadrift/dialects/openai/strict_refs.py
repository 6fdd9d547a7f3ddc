"""``openai-strict`` rules on ``$ref``: the keywords that may stand beside it."""

from __future__ import annotations

from collections.abc import Iterator

from schemadrift.dialects.openai.limits import REF_ANNOTATIONS
from schemadrift.dialects.openai.nodes import ptr
from schemadrift.model import Evidence, Severity
from schemadrift.registry import Context, Hit, rule
from schemadrift.schema.walk import Node

_CITY_DEFS = {
    "City": {
        "type": "object",
        "properties": {"name": {"type": "string"}},
        "required": ["name"],
        "additionalProperties": False,
    }
}
"""The closed definition every example of this module references."""


@rule(
    "openai-strict/ref-siblings",
    severity=Severity.ERROR,
    triggers=("$ref",),
    evidence=[
        Evidence(
            "https://github.com/openai/openai-python/blob/main/src/openai/lib/_pydantic.py",
            "adapter",
            "2026-09-01",
            verdict="rejected",
        ),
        Evidence(
            "https://github.com/openai/openai-java/blob/main/openai-java-core/src/main/kotlin/com/openai/core/JsonSchemaValidator.kt",
            "adapter",
            "2026-09-01",
            verdict="rejected",
        ),
        Evidence(
            "https://github.com/camel-ai/camel/issues/3001",
            "observed",
            "2025-08-10",
            verdict="rejected",
        ),
    ],
    fails=[
        {
            "type": "object",
            "properties": {"city": {"$ref": "#/$defs/City", "default": None}},
            "required": ["city"],
            "additionalProperties": False,
            "$defs": _CITY_DEFS,
        }
    ],
    passes=[
        {
            "type": "object",
            "properties": {"city": {"anyOf": [{"$ref": "#/$defs/City"}]}},
            "required": ["city"],
            "additionalProperties": False,
            "$defs": _CITY_DEFS,
        }
    ],
    hint='wrap the reference as "anyOf": [{"$ref": ...}] or move the keywords into the definition',
)
def strict_ref_siblings(node: Node, ctx: Context) -> Iterator[Hit]:
    """A strict `$ref` has no sibling keywords other than `title`/`description`.

    ## Why

    OpenAI's own SDKs refuse to send `$ref` with other keywords: openai-python and openai-agents
    inline the definition because 'we can't use `$ref`s if there are also other properties defined',
    and openai-java's validator allows only `title` and `description` next to `$ref`. Azure OpenAI
    answered `$ref cannot have keywords {'description'}` for a strict tool (camel #3001), so even
    those two are risky: see `openai-strict/ref-annotation`.

    ## Fix

    Wrap the reference: `"anyOf": [{"$ref": "#/$defs/X"}]` next to the other keywords, or move them
    into the definition.
    """
    if node.keyword is None:
        return  # a root `$ref` is judged by the root rules, `$defs`/`$schema` belong there
    for keyword in node.schema:
        if keyword != "$ref" and keyword not in REF_ANNOTATIONS:
            yield Hit(
                ptr(node.pointer, keyword), f"$ref cannot have the sibling keyword '{keyword}'"
            )


@rule(
    "openai-strict/ref-annotation",
    severity=Severity.WARNING,
    triggers=("$ref",),
    inference=True,
    evidence=[
        Evidence(
            "https://github.com/camel-ai/camel/issues/3001",
            "observed",
            "2025-08-10",
            verdict="rejected",
        ),
        Evidence(
            "https://github.com/openai/openai-java/blob/main/openai-java-core/src/main/kotlin/com/openai/core/JsonSchemaValidator.kt",
            "adapter",
            "2026-09-01",
            verdict="accepted",
        ),
    ],
    fails=[
        {
            "type": "object",
            "properties": {"city": {"$ref": "#/$defs/City", "description": "Where to look."}},
            "required": ["city"],
            "additionalProperties": False,
            "$defs": _CITY_DEFS,
        }
    ],
    passes=[
        {
            "type": "object",
            "properties": {
                "city": {"anyOf": [{"$ref": "#/$defs/City"}], "description": "Where to look."}
            },
            "required": ["city"],
            "additionalProperties": False,
            "$defs": _CITY_DEFS,
        }
    ],
    hint='wrap the reference as "anyOf": [{"$ref": ...}] to keep the description',
)
def strict_ref_annotation(node: Node, ctx: Context) -> Iterator[Hit]:
    """A strict `$ref` carries no `title`/`description` beside it.

    ## Why

    openai-java's validator allows `title` and `description` next to `$ref`, but Azure OpenAI
    rejected a strict tool with `$ref cannot have keywords {'description'}` (camel #3001,
    api-version 2024-12-01-preview), and openai-python inlines such refs rather than send them.
    Whether api.openai.com accepts them today is not established.

    ## Fix

    Put the description in the definition, or wrap: `"anyOf": [{"$ref": "#/$defs/X"}],
    "description": "..."`.
    """
    if node.keyword is None:
        return
    for keyword in node.schema:
        if keyword in REF_ANNOTATIONS:
            yield Hit(
                ptr(node.pointer, keyword),
                f"'{keyword}' beside $ref: Azure OpenAI rejects it in strict mode",
            )

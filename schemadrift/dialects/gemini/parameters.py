"""The rules gemini and vertex share, as one table: each row registers both IDs.

Each row names a check written once (``keywords.py``, ``structure.py``) and says, per
surface, its level, evidence, examples and the documentation that fills the check's
docstring template (``twins.py``). A surface's side states only what differs: the Developer
API has the longer record of observed errors, Vertex the newer `Schema` and more
inferences, so their prose differs even where the check is the same.
"""

from __future__ import annotations

from schemadrift.dialects.gemini import keywords, structure
from schemadrift.dialects.gemini.examples import nested
from schemadrift.dialects.gemini.limits import (
    EV_ARRAY_ITEMS,
    EV_CONST,
    EV_DEPTH,
    EV_DIALECTS,
    EV_ENUM_EMPTY,
    EV_ENUM_TYPE,
    EV_ENUM_VALUE,
    EV_FORMAT,
    EV_FORMAT_2024,
    EV_ISCHEMA,
    EV_ITEMS_ARRAY,
    EV_NULL,
    EV_NULL_ADDED,
    EV_PROPERTY_NAME,
    EV_PROPS_OBJECT,
    EV_TYPE_ENUM_DEV,
    EV_TYPE_LIST,
    EV_TYPE_REQUIRED,
    EV_VERTEX_FORMATS,
    EV_VERTEX_SCHEMA,
    EV_VERTEX_TYPE,
    NESTING_WARN_DEPTH,
)
from schemadrift.dialects.gemini.support import (
    DEV_UNLISTED,
    FORMAT_CLAIMS,
    GEMINI_SURFACE,
    NULL_TYPE,
    SUPPORT,
    VERTEX_SURFACE,
    VERTEX_UNLISTED,
    keyword_claims,
)
from schemadrift.dialects.gemini.surface import GEMINI, VERTEX
from schemadrift.dialects.gemini.twins import Side, Twins, register
from schemadrift.model import Severity

_OPTIONAL_AGE = {"anyOf": [{"type": "integer"}, {"type": "null"}]}
_NULLABLE_AGE = {"type": "integer", "nullable": True}

PARAMETERS = (
    Twins(
        "unsupported-keyword",
        keywords.unsupported_keyword,
        {
            GEMINI: Side(
                Severity.ERROR,
                [*DEV_UNLISTED, EV_CONST],
                claims=keyword_claims(GEMINI_SURFACE),
                fails=[
                    {
                        "type": "object",
                        "properties": {"a": {"type": "string"}},
                        "additionalProperties": False,
                    },
                    {
                        "type": "object",
                        "properties": {"n": {"type": "number", "exclusiveMinimum": 0}},
                    },
                    {
                        "type": "object",
                        "properties": {"a": {"$ref": "#/$defs/A"}},
                        "$defs": {"A": {"type": "string"}},
                    },
                ],
                passes=[
                    {
                        "type": "object",
                        "properties": {"a": {"type": "string", "nullable": True, "default": "x"}},
                        "required": ["a"],
                    }
                ],
            ),
            VERTEX: Side(
                Severity.ERROR,
                [*VERTEX_UNLISTED, EV_NULL_ADDED.accepts()],
                claims=keyword_claims(VERTEX_SURFACE),
                fails=[{"type": "object", "properties": {"a": {"type": "string", "const": "x"}}}],
                passes=[
                    {
                        "type": "object",
                        "properties": {"a": {"$ref": "#/$defs/A"}},
                        "additionalProperties": False,
                        "$defs": {"A": {"type": "string"}},
                    }
                ],
            ),
        },
    ),
    Twins(
        "type-value",
        keywords.type_value,
        {
            GEMINI: Side(
                Severity.ERROR,
                [EV_TYPE_LIST, EV_ISCHEMA],
            ),
            VERTEX: Side(
                Severity.ERROR,
                [EV_TYPE_LIST, EV_VERTEX_SCHEMA],
            ),
        },
        triggers={"type"},
        fails=[{"type": "object", "properties": {"a": {"type": ["string", "null"]}}}],
        passes=[{"type": "object", "properties": {"a": {"type": "string", "nullable": True}}}],
    ),
    Twins(
        "null-type",
        keywords.null_type,
        {
            GEMINI: Side(
                Severity.ERROR,
                [EV_TYPE_ENUM_DEV.rejects(), EV_NULL, EV_NULL_ADDED],
                claims=[NULL_TYPE.support[GEMINI_SURFACE]],
                fails=[
                    {"type": "object", "properties": {"age": _OPTIONAL_AGE}, "required": ["age"]}
                ],
                passes=[
                    {"type": "object", "properties": {"age": _NULLABLE_AGE}, "required": ["age"]}
                ],
            ),
            VERTEX: Side(
                Severity.WARNING,
                [EV_NULL, EV_NULL_ADDED.accepts()],
                claims=[NULL_TYPE.support[VERTEX_SURFACE]],
                fails=[{"type": "object", "properties": {"age": _OPTIONAL_AGE}}],
                passes=[{"type": "object", "properties": {"age": _NULLABLE_AGE}}],
            ),
        },
        triggers={"type"},
    ),
    Twins(
        "type-required",
        keywords.type_required,
        {
            GEMINI: Side(
                Severity.ERROR,
                [EV_TYPE_REQUIRED],
                fails=[
                    {"type": "object", "properties": {"q": {"description": "anything"}}},
                    {"properties": {}},
                ],
                passes=[
                    {
                        "type": "object",
                        "properties": {"q": {"type": "string", "description": "anything"}},
                    },
                    {
                        "type": "object",
                        "properties": {"q": {"anyOf": [{"type": "string"}, {"type": "integer"}]}},
                    },
                ],
            ),
            VERTEX: Side(
                Severity.ERROR,
                [EV_VERTEX_TYPE],
                claims=[SUPPORT["additionalProperties"].support[VERTEX_SURFACE]],
                fails=[{"type": "object", "properties": {"width": {"description": "px"}}}],
                passes=[
                    {
                        "type": "object",
                        "properties": {"width": {"type": "integer", "description": "px"}},
                    }
                ],
            ),
        },
    ),
    Twins(
        "enum-string",
        keywords.enum_string,
        {
            GEMINI: Side(
                Severity.ERROR,
                [EV_ENUM_VALUE, EV_ENUM_TYPE, EV_ENUM_EMPTY],
                fails=[
                    {
                        "type": "object",
                        "properties": {"depth": {"type": "number", "enum": [0, 1, 2]}},
                    },
                    {"type": "object", "properties": {"s": {"type": "string", "enum": ["a", ""]}}},
                ],
                passes=[
                    {
                        "type": "object",
                        "properties": {"depth": {"type": "string", "enum": ["0", "1", "2"]}},
                    }
                ],
            ),
            VERTEX: Side(
                Severity.ERROR,
                [EV_ENUM_VALUE, EV_VERTEX_SCHEMA],
                fails=[{"type": "object", "properties": {"d": {"type": "string", "enum": [1, 2]}}}],
                passes=[
                    {"type": "object", "properties": {"d": {"type": "string", "enum": ["1", "2"]}}}
                ],
            ),
        },
        triggers={"enum"},
    ),
    Twins(
        "string-format",
        keywords.string_format,
        {
            GEMINI: Side(
                Severity.ERROR,
                [EV_FORMAT_2024, EV_FORMAT],
                claims=FORMAT_CLAIMS[GEMINI_SURFACE],
            ),
            VERTEX: Side(
                Severity.WARNING,
                [EV_FORMAT, EV_VERTEX_FORMATS],
                claims=FORMAT_CLAIMS[VERTEX_SURFACE],
                inference=True,
            ),
        },
        triggers={"format"},
        fails=[{"type": "object", "properties": {"url": {"type": "string", "format": "uri"}}}],
        passes=[
            {"type": "object", "properties": {"at": {"type": "string", "format": "date-time"}}}
        ],
    ),
    Twins(
        "keyword-type-mismatch",
        structure.keyword_type,
        {
            GEMINI: Side(
                Severity.ERROR,
                [EV_PROPS_OBJECT, EV_ITEMS_ARRAY],
                fails=[
                    {
                        "type": "object",
                        "properties": {
                            "data": {"type": "string", "properties": {"t": {"type": "string"}}}
                        },
                    }
                ],
                passes=[
                    {
                        "type": "object",
                        "properties": {
                            "data": {"type": "object", "properties": {"t": {"type": "string"}}}
                        },
                    }
                ],
            ),
            VERTEX: Side(
                Severity.WARNING,
                [EV_PROPS_OBJECT, EV_DIALECTS],
                inference=True,
                fails=[
                    {
                        "type": "object",
                        "properties": {"d": {"type": "string", "items": {"type": "string"}}},
                    }
                ],
                passes=[
                    {
                        "type": "object",
                        "properties": {"d": {"type": "array", "items": {"type": "string"}}},
                    }
                ],
            ),
        },
        triggers={"properties", "required", "items"},
    ),
    Twins(
        "array-items",
        structure.array_items,
        {
            GEMINI: Side(
                Severity.ERROR,
                [EV_ARRAY_ITEMS],
            ),
            VERTEX: Side(
                Severity.ERROR,
                [EV_ARRAY_ITEMS],
            ),
        },
        triggers={"type"},
        fails=[{"type": "object", "properties": {"tags": {"type": "array"}}}],
        passes=[
            {
                "type": "object",
                "properties": {"tags": {"type": "array", "items": {"type": "string"}}},
            }
        ],
    ),
    Twins(
        "nesting-depth",
        structure.nesting,
        {
            GEMINI: Side(
                Severity.WARNING,
                [EV_DEPTH],
                inference=True,
            ),
            VERTEX: Side(
                Severity.WARNING,
                [EV_DEPTH],
                inference=True,
            ),
        },
        fails=[nested(NESTING_WARN_DEPTH + 1)],
        passes=[nested(4)],
        doc={"NESTING_WARN_DEPTH": NESTING_WARN_DEPTH},
    ),
    Twins(
        "property-name",
        structure.property_names,
        {
            GEMINI: Side(
                Severity.WARNING,
                [EV_PROPERTY_NAME],
                inference=True,
                fails=[{"type": "object", "properties": {"user-id": {"type": "string"}}}],
            ),
            VERTEX: Side(
                Severity.WARNING,
                [EV_PROPERTY_NAME],
                inference=True,
                fails=[{"type": "object", "properties": {"user id": {"type": "string"}}}],
            ),
        },
        triggers={"properties"},
        passes=[{"type": "object", "properties": {"user_id": {"type": "string"}}}],
    ),
)
"""The gemini/vertex twins, in the order of the surface's `Schema` concerns."""

register(PARAMETERS)

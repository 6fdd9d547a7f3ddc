"""Which JSON Schema keywords hold subschemas, and the schema node a pointer names.

Data, not code (as in ``referencing``'s specifications): a schema-valued keyword, a keyword
holding a list of schemas, and a keyword holding a map of schemas. The walker
(``schema/walk.py``), the ``$ref`` inliner and ``Finding.semantic_identity`` read these tables;
this module imports nothing of schemadrift, so the data model can use it.
"""

from __future__ import annotations

IN_VALUE = frozenset(
    {
        "additionalItems",
        "additionalProperties",
        "contains",
        "contentSchema",
        "else",
        "if",
        "items",
        "not",
        "propertyNames",
        "then",
        "unevaluatedItems",
        "unevaluatedProperties",
    }
)
IN_SUBARRAY = frozenset({"allOf", "anyOf", "oneOf", "prefixItems", "items"})
IN_SUBVALUES = frozenset(
    {"$defs", "definitions", "properties", "patternProperties", "dependentSchemas"}
)
DEFINITION_KEYWORDS = frozenset({"$defs", "definitions"})


_RECORD_SCHEMAS = ("input_schema", "output_schema")


def schema_node(pointer: str) -> str:
    """The schema node a finding's ``pointer`` (from the tool record) judges, read as the
    contract reads it: the keyword it ends in (and any index into that keyword's value) is
    dropped, and so are ``allOf/N`` steps, an ``allOf`` wrapper being a representation
    (pydantic 2.9 writes ``{"$ref": ..., "description": ...}`` where 2.8 wrote ``{"allOf":
    [{"$ref": ...}], "description": ...}``). So ``/input_schema/properties/r/allOf`` and
    ``/input_schema/properties/r/$ref`` are both ``/input_schema/properties/r``. Pointers
    outside a schema (``/name``) are returned as they are."""
    tokens = pointer.split("/")[1:]
    if tokens[:1] and tokens[0] in _RECORD_SCHEMAS:
        start = 1
    elif len(tokens) >= 2 and tokens[0] == "variants":
        start = 2
    else:
        return pointer
    node = tokens[:start]  # the tokens of the deepest schema node reached
    path = list(node)
    state = "keyword"  # what the next token is: a keyword, a name, an index, or a value
    for token in tokens[start:]:
        if state == "name":
            path.append(token)
            node, state = list(path), "keyword"
            continue
        if state == "index":
            state = "keyword"
            if token.isdigit():  # a branch of allOf/anyOf/oneOf/prefixItems, draft-07 items
                if path[-1] == "allOf":
                    path.pop()
                else:
                    path.append(token)
                node = list(path)
                continue
            if path[-1] == "items":  # 2020-12 `items` is one subschema
                node = list(path)
            else:
                path.pop()
        if state == "value":
            break  # inside a keyword's value (``required/0``): the node is the one above
        if token in IN_SUBVALUES:
            path.append(token)
            state = "name"
        elif token in IN_SUBARRAY:
            path.append(token)
            state = "index"
        elif token in IN_VALUE:
            path.append(token)
            node = list(path)
        else:
            state = "value"  # any other keyword: its value is not a schema
    return "/" + "/".join(node)

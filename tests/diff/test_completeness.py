"""Breaks are found, not only checked: generated schemas, a narrowing edit somewhere in them,
and the diff must report a breaking finding with a real witness. And the mirror: a rewrite that
keeps the meaning gives nothing.

Each generated property comes with a value its schema accepts, and each narrowing edit with a
value the old node accepts and the new one rejects; the argument built from them is the ground
truth (checked with ``jsonschema`` first, so a generator bug fails loudly instead of passing).
Properties are wrapped the ways generators write them: plain, behind a ``$ref`` (bare, with an
annotation beside it, with part of the constraints beside it, wrapped in ``allOf``), inside an
``anyOf`` with ``null``, nested in objects, with their definitions in ``$defs``. The suite runs a
few dozen examples; ``benchmarks/diff_completeness.py`` runs thousands.
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass, field
from typing import Any

import jsonschema
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from schemadrift.diff.run import diff_tools
from schemadrift.model import Origin, Severity, Tool

SETTINGS = settings(max_examples=120, deadline=None, suppress_health_check=list(HealthCheck))
NAMES = ["a", "b", "c", "d"]


@dataclass
class Leaf:
    """A scalar or array property: its schema, a value it accepts, and its narrowings, each a
    new schema with a value the old accepts and the new rejects."""

    schema: dict[str, Any]
    example: Any
    narrowings: list[tuple[dict[str, Any], Any]]
    loose: dict[str, Any] = field(default_factory=dict)  # keywords looser than the schema's


LEAVES: list[Leaf] = [
    Leaf(
        {"type": "string", "maxLength": 5},
        "a",
        [
            ({"type": "string", "maxLength": 2}, "abcd"),
            ({"type": "string", "maxLength": 5, "pattern": "^b"}, "a"),
            ({"type": "string", "maxLength": 5, "enum": ["zz"]}, "a"),
            ({"type": "integer"}, "a"),
            ({"type": "string", "maxLength": 5, "minLength": 3}, "a"),
        ],
        {"maxLength": 20},
    ),
    Leaf(
        {"type": ["string", "integer"]},
        1,
        [({"type": "string"}, 1)],
        {"type": ["integer", "null", "string"]},
    ),
    Leaf(
        {"type": "number", "maximum": 10},
        1,
        [
            ({"type": "number", "maximum": 5}, 7),
            ({"type": "integer", "maximum": 10}, 1.5),
            ({"type": "number", "exclusiveMaximum": 10}, 10),
        ],
        {"maximum": 100},
    ),
    Leaf({"enum": ["a", "b", "c"]}, "a", [({"enum": ["a", "c"]}, "b")], {"enum": list("abcde")}),
    Leaf(
        {"type": "integer", "minimum": 0},
        0,
        [({"type": "integer", "minimum": 2}, 1), ({"type": "integer", "multipleOf": 2}, 3)],
        {"minimum": -100},
    ),
    Leaf(
        {"type": ["string", "null"]},
        None,
        [({"type": "string"}, None)],
        {"type": ["integer", "null", "string"]},
    ),
    Leaf(
        {"type": "array", "items": {"type": "string"}, "maxItems": 3},
        [],
        [
            ({"type": "array", "items": {"type": "string"}, "maxItems": 1}, ["a", "b"]),
            ({"type": "array", "items": {"type": "integer"}, "maxItems": 3}, ["a"]),
            ({"type": "array", "items": {"type": "string"}, "uniqueItems": True}, ["a", "a"]),
        ],
        {"maxItems": 10},
    ),
    Leaf({"type": "boolean"}, True, [({"const": True}, False)], {"type": ["boolean", "null"]}),
    Leaf({"const": "v1"}, "v1", [({"const": "v2"}, "v1")], {"enum": ["v1", "v2", "v3"]}),
]


@dataclass
class Obj:
    """An object node: its properties (leaves or objects), which are required, whether it is
    closed (`additionalProperties: false`) or an explicit map of extra properties."""

    props: dict[str, Leaf | Obj]
    required: list[str]
    extra: str = "open"  # "open" | "closed" | "map"
    wraps: dict[str, str] = field(default_factory=dict)  # property name -> wrapper

    def example(self) -> dict[str, Any]:
        return {name: example_of(self.props[name]) for name in self.required}


def example_of(node: Leaf | Obj) -> Any:
    return node.example if isinstance(node, Leaf) else node.example()


WRAPPERS = ["plain", "ref", "ref-described", "ref-split", "ref-overlap", "allof-ref", "anyof-null"]


@st.composite
def objects(draw: st.DrawFn, depth: int = 0) -> Obj:
    names = draw(st.lists(st.sampled_from(NAMES), min_size=1, max_size=3, unique=True))
    props: dict[str, Leaf | Obj] = {}
    for name in names:
        if depth < 1 and draw(st.integers(0, 4)) == 0:
            props[name] = draw(objects(depth + 1))
        else:
            props[name] = copy.deepcopy(draw(st.sampled_from(LEAVES)))
    required = draw(st.lists(st.sampled_from(names), unique=True))
    extra = draw(st.sampled_from(["open", "closed", "map"]))
    wraps = {name: draw(st.sampled_from(WRAPPERS)) for name in names}
    return Obj(props, required, extra, wraps)


class Render:
    """Renders an ``Obj`` tree as a schema, definitions collected in root ``$defs``."""

    def __init__(self) -> None:
        self.defs: dict[str, Any] = {}

    def schema(self, obj: Obj, path: str = "") -> dict[str, Any]:
        out: dict[str, Any] = {"type": "object", "properties": {}}
        for name, node in obj.props.items():
            body = self.schema(node, path + name) if isinstance(node, Obj) else node.schema
            loose = node.loose if isinstance(node, Leaf) else {}
            out["properties"][name] = self.wrap(
                obj.wraps.get(name, "plain"), body, path + name, loose
            )
        if obj.required:
            out["required"] = list(obj.required)
        if obj.extra == "closed":
            out["additionalProperties"] = False
        elif obj.extra == "map":
            out["additionalProperties"] = {"type": "integer"}
        return out

    def wrap(
        self, how: str, body: dict[str, Any], key: str, loose: dict[str, Any]
    ) -> dict[str, Any]:
        name = f"D{key}"
        if how == "plain":
            return copy.deepcopy(body)
        if how == "anyof-null":
            return {"anyOf": [copy.deepcopy(body), {"type": "null"}]}
        if how == "ref-split" and len(body) > 1:
            # the first keyword stays in the definition, the others sit beside the `$ref`:
            # 2020-12 applies both, so the meaning is the body's
            first, *rest = body
            self.defs[name] = {first: copy.deepcopy(body[first])}
            return {"$ref": f"#/$defs/{name}", **{k: copy.deepcopy(body[k]) for k in rest}}
        self.defs[name] = copy.deepcopy(body)
        if how == "ref-overlap":
            # keywords the body also has, looser, beside the `$ref`: the body's still hold
            # (siblings must not overwrite the target's keywords)
            return {"$ref": f"#/$defs/{name}", **copy.deepcopy(loose)}
        if how == "ref-described":
            return {"$ref": f"#/$defs/{name}", "description": f"the {key} value"}
        if how == "allof-ref":
            return {"allOf": [{"$ref": f"#/$defs/{name}"}], "description": f"the {key} value"}
        return {"$ref": f"#/$defs/{name}"}


def render(obj: Obj) -> dict[str, Any]:
    renderer = Render()
    schema = renderer.schema(obj)
    if renderer.defs:
        schema["$defs"] = renderer.defs
    return schema


def tool(schema: Any) -> Tool:
    return Tool(name="t", input_schema=schema, origin=Origin("file", "bare", "t.json"))


def valid(schema: Any, value: Any) -> bool:
    return bool(jsonschema.Draft202012Validator(schema).is_valid(value))


# --- narrowing edits ------------------------------------------------------------------------


@st.composite
def narrowed(draw: st.DrawFn) -> tuple[Obj, Obj, Any]:
    """(old tree, new tree, an argument the old accepts and the new rejects)."""
    old = draw(objects())
    new = copy.deepcopy(old)
    # walk down to the object the edit happens in (the root or a nested object)
    node, old_node, path = new, old, []
    while True:
        nested = [n for n, p in node.props.items() if isinstance(p, Obj)]
        if not nested or draw(st.booleans()):
            break
        name = draw(st.sampled_from(nested))
        path.append(name)
        node, old_node = node.props[name], old_node.props[name]  # type: ignore[assignment]
    leaves = [n for n, p in node.props.items() if isinstance(p, Leaf)]
    optional = [n for n in node.props if n not in node.required]
    absent = [n for n in NAMES if n not in node.props]
    edits = []
    if leaves:
        edits.append("leaf")
    if optional:
        edits.append("made-required")
    if absent:
        edits.append("required-added")
    if node.extra == "closed" and optional:
        edits.append("removed-from-closed")
    if node.extra == "map":
        edits.append("map-closed")
    edit = draw(st.sampled_from(edits))
    local: dict[str, Any] = node.example()
    if edit == "leaf":
        name = draw(st.sampled_from(leaves))
        leaf = node.props[name]
        assert isinstance(leaf, Leaf)
        schema, value = draw(st.sampled_from(leaf.narrowings))
        if value is None and node.wraps.get(name) == "anyof-null":
            node.wraps[name] = old_node.wraps[name] = "plain"  # a null branch accepts it anyway
        node.props[name] = Leaf(schema, leaf.example, [], leaf.loose)
        local[name] = value
    elif edit == "made-required":
        name = draw(st.sampled_from(optional))
        node.required.append(name)
        local.pop(name, None)
    elif edit == "required-added":
        name = draw(st.sampled_from(absent))
        node.props[name] = Leaf({"type": "string"}, "", [])
        node.required.append(name)
    elif edit == "removed-from-closed":
        name = draw(st.sampled_from(optional))
        local[name] = example_of(node.props[name])
        del node.props[name]
        node.wraps.pop(name, None)
    else:  # an explicit map of extra properties closed
        node.extra = "closed"
        local["zz"] = 1
    value: Any = local
    for step in reversed(path):  # the argument: the local value inside the path's objects
        parent = old
        for name in path[: path.index(step)]:
            parent = parent.props[name]  # type: ignore[assignment]
        value = {**parent.example(), step: value}
    return old, new, value


@SETTINGS
@given(narrowed())
def test_a_narrowing_is_found_with_a_witness(case: tuple[Obj, Obj, Any]) -> None:
    """Every narrowing edit gives a breaking finding whose witness the old schema accepts and
    the new one rejects (the edit's own value shows that one exists)."""
    old_tree, new_tree, value = case
    old, new = render(old_tree), render(new_tree)
    assert valid(old, value) and not valid(new, value), "the generator's ground truth is wrong"
    found = diff_tools([tool(old)], [tool(new)])
    errors = [f for f in found if f.severity == Severity.ERROR and f.has_witness]
    assert errors, json.dumps(
        {"old": old, "new": new, "value": value, "found": [f.rule_id for f in found]}
    )
    for finding in errors:
        assert valid(old, finding.witness) and not valid(new, finding.witness), finding.rule_id


# --- meaning-preserving rewrites ------------------------------------------------------------


def rewrite(schema: Any, how: str) -> Any:
    """``schema`` spelt another way, everywhere it applies."""
    text = json.dumps(schema)
    if how == "rename-defs":
        return json.loads(text.replace("#/$defs/D", "#/$defs/Renamed").replace('"D', '"Renamed'))
    if how == "inline-ref":
        return _inline(copy.deepcopy(schema), schema.get("$defs") or {}, top=True)
    return _rewrite(copy.deepcopy(schema), how)


def _inline(node: Any, defs: dict[str, Any], top: bool = False) -> Any:
    """Each `$ref` replaced by its definition, as an `allOf` branch beside its siblings."""
    if isinstance(node, list):
        return [_inline(item, defs) for item in node]
    if not isinstance(node, dict):
        return node
    out = {k: _inline(v, defs) for k, v in node.items() if not (top and k == "$defs")}
    ref = out.pop("$ref", None)
    if isinstance(ref, str) and ref.startswith("#/$defs/"):
        target = _inline(defs[ref.rsplit("/", 1)[1]], defs)
        return {**out, "allOf": [target, *out.get("allOf", [])]}
    if ref is not None:
        out["$ref"] = ref
    return out


def _rewrite(node: Any, how: str) -> Any:
    if isinstance(node, list):
        return [_rewrite(item, how) for item in node]
    if not isinstance(node, dict):
        return node
    node = {k: _rewrite(v, how) for k, v in node.items()}
    if how == "allof-wrap-ref" and "$ref" in node:
        ref = node.pop("$ref")
        return {**node, "allOf": [{"$ref": ref}]} if node else {"allOf": [{"$ref": ref}]}
    if (
        how == "null-list"
        and isinstance(node.get("anyOf"), list)
        and {"type": "null"} in node["anyOf"]
    ):
        others = [b for b in node["anyOf"] if b != {"type": "null"}]
        simple = {"type", "maxLength", "minimum", "maximum", "items", "maxItems"}
        if (
            len(others) == 1
            and isinstance(others[0], dict)
            and isinstance(others[0].get("type"), str)
            and set(others[0]) <= simple
        ):
            rest = {k: v for k, v in node.items() if k != "anyOf"}
            return {**rest, **others[0], "type": [others[0]["type"], "null"]}
    if how == "null-anyof" and isinstance(node.get("type"), list) and "null" in node["type"]:
        types = [t for t in node["type"] if t != "null"]
        # only where the rest lets null through (a `$ref` beside it may reject null)
        if len(types) == 1 and set(node) <= {"type", "maxLength", "minimum", "maximum"}:
            body = {k: v for k, v in node.items() if k != "type"}
            return {"anyOf": [{"type": types[0], **body}, {"type": "null"}]}
    if how == "const-enum" and "const" in node:
        return {**{k: v for k, v in node.items() if k != "const"}, "enum": [node["const"]]}
    if how == "float-bounds":
        return {
            k: float(v) if k in ("minimum", "maximum") and isinstance(v, int) else v
            for k, v in node.items()
        }
    return node


REWRITES = [
    "rename-defs",
    "allof-wrap-ref",
    "inline-ref",
    "null-list",
    "null-anyof",
    "const-enum",
    "float-bounds",
]


@SETTINGS
@given(objects(), st.lists(st.sampled_from(REWRITES), min_size=1, max_size=3, unique=True))
def test_a_rewrite_that_keeps_the_meaning_gives_nothing(tree: Obj, hows: list[str]) -> None:
    """allOf-wrapping a `$ref`, inlining one, renaming definitions, a type list ↔ `anyOf` with null,
    `const` ↔ one-value `enum`, `1` ↔ `1.0`: no finding at all."""
    old = render(tree)
    new = old
    for how in hows:
        new = rewrite(new, how)
    found = diff_tools([tool(old)], [tool(new)])
    assert [(f.rule_id, f.pointer) for f in found] == [], json.dumps({"old": old, "new": new})

"""Witnesses: a concrete argument object the old schema accepts and the new one rejects.

A breaking verdict is only as good as its proof, so every breaking change carries one. The
search is directed: starting from a change's old-side node it builds candidate values there
(literals and bounds of both schemas, format and pattern samples, objects over the names the
old schema declares) inside a base argument object that satisfies the old schema and, where it
can, the new one. Candidates are screened with a small validator over the canonical forms and
the survivor is confirmed with ``jsonschema_rs`` against the real schemas, both sides, with a
retriever that refuses every remote reference (no network, ever). A side with a reference that
does not resolve is checked in its two opaque forms (``checked_forms``), so a witness never
depends on what that reference holds.

Closed world (DESIGN): objects only use property names the old schema declares, plus, where the
old schema explicitly accepted extra properties, the new schema's names; an argument that needs
a name nobody declared is not part of the contract and never becomes a witness.
"""

from __future__ import annotations

import itertools
import json
import math
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeGuard, TypeVar

from schemadrift.diff.delta import literal
from schemadrift.diff.json_types import json_type
from schemadrift.diff.transitions import FALSE_SCHEMA
from schemadrift.model import JSON
from schemadrift.schema.refs import CYCLE_MARKER, opaque_forms, uses_draft7

MAX_CANDIDATES = 400
MAX_GENERATED = 4 * MAX_CANDIDATES
MAX_DEPTH = 12
_FRESH = "extra_property"

FORMAT_EXAMPLES: dict[str, tuple[str, ...]] = {
    "email": ("user@example.com",),
    "idn-email": ("user@example.com",),
    "uuid": ("123e4567-e89b-12d3-a456-426614174000",),
    "date-time": ("2024-01-01T00:00:00Z",),
    "date": ("2024-01-01",),
    "time": ("12:00:00Z",),
    "uri": ("https://example.com/x",),
    "iri": ("https://example.com/x",),
    "uri-reference": ("https://example.com/x",),
    "hostname": ("example.com",),
    "idn-hostname": ("example.com",),
    "ipv4": ("192.0.2.1",),
    "ipv6": ("2001:db8::1",),
    "duration": ("P1D",),
    "regex": ("^a$",),
    "json-pointer": ("/a",),
}
_FORMAT_CHECKS: dict[str, re.Pattern[str]] = {
    "email": re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$"),
    "uuid": re.compile(
        r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"
    ),
    "date-time": re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$", re.I),
    "date": re.compile(r"^\d{4}-\d\d-\d\d$"),
    "time": re.compile(r"^\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$", re.I),
    "uri": re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:\S*$"),
    "ipv4": re.compile(r"^(\d{1,3})(\.\d{1,3}){3}$"),
    "hostname": re.compile(r"^[A-Za-z0-9]([A-Za-z0-9-.]*[A-Za-z0-9])?$"),
}


def _is_num(value: JSON) -> TypeGuard[float]:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _equal(a: JSON, b: JSON) -> bool:
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool) and a is b
    if _is_num(a) and _is_num(b):
        return bool(a == b)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_equal(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_equal(a[k], b[k]) for k in a)
    return type(a) is type(b) and a == b


def _search(pattern: str, text: str) -> bool:
    try:
        return re.search(pattern, text) is not None
    except re.error:
        return True  # a pattern Python cannot compile: let the real validator decide


_ANY: dict[str, JSON] = {}
"""The schema that accepts everything, as one object (see ``Generator.base``); never mutated."""

_SCREEN_DEPTH = 160
"""Levels the screen reads (it recurses); past them it accepts and the validators decide. Deeper
than the diff's walk (64 levels): a change it reports is always within the screen's sight."""


def accepts(node: JSON, value: JSON, depth: int = 0) -> bool:
    """A quick screen: does the canonical ``node`` accept ``value``? (Confirmed elsewhere.)"""
    if node is True or node is None:
        return True
    if node is False:
        return False
    if not isinstance(node, dict) or depth > _SCREEN_DEPTH or CYCLE_MARKER in node:
        return True
    types = node.get("type")
    if isinstance(types, list):  # the value's type is named only when there is a list to match
        kind = json_type(value)
        if not (kind in types or (kind == "integer" and "number" in types)):
            return False
    enum = node.get("enum")
    if isinstance(enum, list) and not any(_equal(value, item) for item in enum):
        return False
    # The value's kinds exclude each other (``_is_num`` excludes booleans): one test each at
    # most, the common ones first; the screen runs on every candidate of every change.
    if isinstance(value, dict):
        if not _object_ok(node, value, depth):
            return False
    elif isinstance(value, str):
        if not _string_ok(node, value):
            return False
    elif isinstance(value, list):
        if not _array_ok(node, value, depth):
            return False
    elif _is_num(value) and not _number_ok(node, value):
        return False
    for branch in node.get("allOf") or []:
        if not accepts(branch, value, depth + 1):
            return False
    any_of = node.get("anyOf")
    if isinstance(any_of, list) and not any(accepts(b, value, depth + 1) for b in any_of):
        return False
    one_of = node.get("oneOf")
    if isinstance(one_of, list) and sum(1 for b in one_of if accepts(b, value, depth + 1)) != 1:
        return False
    if "not" in node and accepts(node["not"], value, depth + 1):
        return False
    if "if" in node:
        branch = node.get("then") if accepts(node["if"], value, depth + 1) else node.get("else")
        if branch is not None and not accepts(branch, value, depth + 1):
            return False
    return True


def _number_ok(node: dict[str, Any], value: float) -> bool:
    low, high = node.get("minimum"), node.get("maximum")
    if (low is not None and _is_num(low) and value < low) or (
        high is not None and _is_num(high) and value > high
    ):
        return False
    low, high = node.get("exclusiveMinimum"), node.get("exclusiveMaximum")
    if (low is not None and _is_num(low) and value <= low) or (
        high is not None and _is_num(high) and value >= high
    ):
        return False
    step = node.get("multipleOf")
    if step is not None and _is_num(step) and step > 0:
        ratio = value / step
        if not math.isfinite(ratio) or abs(ratio - round(ratio)) > 1e-9:
            return False
    return True


def _string_ok(node: dict[str, Any], value: str) -> bool:
    # Each bound is read once and tested for ``None`` before ``_is_num``: most nodes have no
    # bounds, and the screen runs on every candidate of every change.
    length = len(value)
    low, high = node.get("minLength"), node.get("maxLength")
    if low is not None and _is_num(low) and length < low:
        return False
    if high is not None and _is_num(high) and length > high:
        return False
    if isinstance(node.get("pattern"), str) and not _search(node["pattern"], value):
        return False
    check = _FORMAT_CHECKS.get(node.get("format") or "")
    return check is None or check.match(value) is not None


def _array_ok(node: dict[str, Any], value: list[JSON], depth: int) -> bool:
    low, high = node.get("minItems"), node.get("maxItems")
    if low is not None and _is_num(low) and len(value) < low:
        return False
    if high is not None and _is_num(high) and len(value) > high:
        return False
    prefix: list[JSON] = node["prefixItems"] if isinstance(node.get("prefixItems"), list) else []
    for index, item in enumerate(value):
        schema = prefix[index] if index < len(prefix) else node.get("items", True)
        if not accepts(schema, item, depth + 1):
            return False
    if node.get("uniqueItems"):
        texts = [json.dumps(v, sort_keys=True) for v in value]
        if len(set(texts)) != len(texts):
            return False
    if "contains" in node:
        count = sum(1 for item in value if accepts(node["contains"], item, depth + 1))
        low = node.get("minContains", 1)
        high = node.get("maxContains")
        if count < low or (high is not None and count > high):
            return False
    return True


def _object_ok(node: dict[str, Any], value: dict[str, JSON], depth: int) -> bool:
    low, high = node.get("minProperties"), node.get("maxProperties")
    if low is not None and _is_num(low) and len(value) < low:
        return False
    if high is not None and _is_num(high) and len(value) > high:
        return False
    for name in node.get("required") or []:
        if name not in value:
            return False
    props: dict[str, JSON] = node["properties"] if isinstance(node.get("properties"), dict) else {}
    patterns: dict[str, JSON] = (
        node["patternProperties"] if isinstance(node.get("patternProperties"), dict) else {}
    )
    # Which keywords the node has is looked up once, not once per property of the value.
    closed = "additionalProperties" in node
    additional = node.get("additionalProperties")
    named = "propertyNames" in node
    names = node.get("propertyNames")
    for name, item in value.items():
        matched = False
        if name in props:
            matched = True
            if not accepts(props[name], item, depth + 1):
                return False
        for pattern, schema in patterns.items():
            if _search(pattern, name):
                matched = True
                if not accepts(schema, item, depth + 1):
                    return False
        if not matched and closed and not accepts(additional, item, depth + 1):
            return False
        if named and not accepts(names, name, depth + 1):
            return False
    for name, needed in (node.get("dependentRequired") or {}).items():
        if name in value and any(n not in value for n in needed):
            return False
    for name, schema in (node.get("dependentSchemas") or {}).items():
        if name in value and not accepts(schema, value, depth + 1):
            return False
    return True


# --- candidate generation -------------------------------------------------------------------


def sample_regex(pattern: str, limit: int = 4) -> list[str]:
    """A few strings that match ``pattern`` (common constructs only; unmatched ones dropped)."""
    try:
        import re._parser as sre_parse  # type: ignore[import-not-found]

        parsed = sre_parse.parse(pattern)
    except (re.error, ImportError, OverflowError, RecursionError, TypeError, ValueError):
        return []
    out = []
    for variant in range(limit):
        try:
            text = _render(list(parsed), variant)
        except (ValueError, RecursionError, TypeError):
            continue
        if _search(pattern, text) and text not in out:
            out.append(text)
    return out


def _render(items: Sequence[Any], variant: int) -> str:
    import re._constants as c  # type: ignore[import-not-found]

    text = []
    for op, arg in items:
        if op is c.LITERAL:
            text.append(chr(arg))
        elif op is c.ANY:
            text.append("a")
        elif op is c.IN:
            text.append(_class_char(arg))
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, getattr(c, "POSSESSIVE_REPEAT", None)):
            low, high, sub = arg
            count = low if variant % 2 == 0 else max(low, min(high, low + 1 + variant))
            text.append(_render(list(sub), variant) * count)
        elif op is c.SUBPATTERN:
            text.append(_render(list(arg[-1]), variant))
        elif op is c.BRANCH:
            branches = arg[1]
            text.append(_render(list(branches[variant % len(branches)]), variant))
        elif op is c.AT:
            continue
        elif op is c.CATEGORY:
            text.append(_category_char(arg))
        elif op is c.NOT_LITERAL:
            text.append("a" if arg != ord("a") else "b")
        else:
            raise ValueError(op)
    return "".join(text)


def _class_char(items: Sequence[Any]) -> str:
    import re._constants as c

    negate = False
    for op, arg in items:
        if op is c.NEGATE:
            negate = True
            continue
        if negate:
            break
        if op is c.LITERAL:
            return chr(arg)
        if op is c.RANGE:
            return chr(arg[0])
        if op is c.CATEGORY:
            return _category_char(arg)
    if negate:
        excluded = {chr(a) for op, a in items if op is c.LITERAL}
        return next(ch for ch in "aZ0_-" if ch not in excluded)
    return "a"


def _category_char(category: Any) -> str:
    name = str(category)
    if "NOT_DIGIT" in name:
        return "a"
    if "DIGIT" in name:
        return "1"
    if "NOT_SPACE" in name:
        return "a"
    if "SPACE" in name:
        return " "
    if "NOT_WORD" in name:
        return "-"
    return "a"


def _numbers(nodes: Sequence[dict[str, Any]]) -> list[float]:
    values: list[float] = [0, 1, -1, 2, 10, 0.5, -0.5, 1.5]
    for node in nodes:
        for key in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
            bound = node.get(key)
            if _is_num(bound):
                values += [
                    bound,
                    bound + 1,
                    bound - 1,
                    bound + 0.5,
                    bound - 0.5,
                    math.floor(bound),
                    math.ceil(bound),
                    bound + 0.1,
                    bound - 0.1,
                ]
        step = node.get("multipleOf")
        if _is_num(step) and step > 0:
            values += [step, step * 2, step * 3, step / 2, step + 1]
            for key in ("minimum", "exclusiveMinimum", "maximum", "exclusiveMaximum"):
                bound = node.get(key)
                if _is_num(bound):
                    first = math.ceil(bound / step) * step
                    values += [first, first + step, first - step]
    out: list[float] = []
    for value in values:
        number: float = value
        if isinstance(number, float) and number.is_integer() and abs(number) < 2**53:
            number = int(number)
        if not any(_equal(number, seen) for seen in out):
            out.append(number)
    return out


def _strings(nodes: Sequence[dict[str, Any]]) -> list[str]:
    values = ["", "a", "abc", "hello"]
    for node in nodes:
        for key in ("minLength", "maxLength"):
            size = node.get(key)
            if isinstance(size, int) and 0 <= size <= 256:
                values += ["a" * size, "a" * (size + 1)] + (["a" * (size - 1)] if size else [])
        fmt = node.get("format")
        if isinstance(fmt, str):
            values += list(FORMAT_EXAMPLES.get(fmt, ()))
        pattern = node.get("pattern")
        if isinstance(pattern, str):
            for sample in sample_regex(pattern):
                values.append(sample)
                size = node.get("minLength")
                if isinstance(size, int) and len(sample) < size <= 256:
                    values.append(sample + sample[-1:] * (size - len(sample)))
    for examples in FORMAT_EXAMPLES.values():
        values += list(examples)
    return list(dict.fromkeys(values))


def _node(value: JSON) -> dict[str, Any]:
    if value is False:
        return dict(FALSE_SCHEMA)
    return value if isinstance(value, dict) else {}


def _branches(node: dict[str, Any]) -> list[dict[str, Any]]:
    """The node, and the node merged with each of its anyOf/oneOf/allOf branches."""
    out = [node]
    for keyword in ("anyOf", "oneOf", "allOf"):
        for branch in node.get(keyword) or []:
            if isinstance(branch, dict):
                merged = {k: v for k, v in node.items() if k != keyword}
                merged.update(branch)
                out.append(merged)
    return out


V = TypeVar("V")


def _remembered(
    table: dict[Any, tuple[JSON, JSON, V]], key: Any, old: JSON, new: JSON, make: Callable[[], V]
) -> V:
    """``table``'s value for the node pair ``old``, ``new`` (``key`` holds their ids), made by
    ``make`` the first time. The entry holds both nodes, so their ids are not reused."""
    cached = table.get(key)
    if cached is not None and cached[0] is old and cached[1] is new:
        return cached[2]
    value = make()
    table[key] = (old, new, value)
    return value


@dataclass
class Generator:
    """Builds candidate values for an (old, new) pair of canonical nodes."""

    _base_cache: dict[tuple[int, int], tuple[JSON, JSON, JSON]] = field(default_factory=dict)
    # By node pair (``_remembered``): every change of a pair asks again about the same nodes on
    # its way to the changed one, and each answer costs the size of the object (n changed
    # properties: n² work).
    _declared: dict[tuple[int, int], tuple[JSON, JSON, tuple[str, ...]]] = field(
        default_factory=dict
    )
    _objects_memo: dict[tuple[int, int, int], tuple[JSON, JSON, dict[str, JSON]]] = field(
        default_factory=dict
    )

    def declared(self, old: dict[str, Any], new: dict[str, Any]) -> tuple[str, ...]:
        """The property names a value of ``old`` may hold, as the candidates use them."""
        return _remembered(
            self._declared, (id(old), id(new)), old, new, lambda: self._declared_names(old, new)
        )

    def _declared_names(self, old: dict[str, Any], new: dict[str, Any]) -> tuple[str, ...]:
        names = list((old.get("properties") or {}).keys())
        names += [n for n in old.get("required") or [] if isinstance(n, str)]
        for key in ("dependentRequired", "dependentSchemas"):
            for name, needed in (old.get(key) or {}).items():
                names.append(name)
                if isinstance(needed, list):
                    names += [n for n in needed if isinstance(n, str)]
        for node in _branches(old):
            names += list((node.get("properties") or {}).keys())
            names += [n for n in node.get("required") or [] if isinstance(n, str)]
            for item in node.get("enum") or []:
                if isinstance(item, dict):
                    names += list(item)
        extra = old.get("additionalProperties")
        explicit = (isinstance(extra, dict) and extra != FALSE_SCHEMA) or bool(
            old.get("patternProperties")
        )
        if explicit:
            names += list((new.get("properties") or {}).keys())
            names += [n for n in new.get("required") or [] if isinstance(n, str)]
            for pattern in old.get("patternProperties") or {}:
                names += sample_regex(pattern, 2)
            if isinstance(extra, dict) and extra != FALSE_SCHEMA:
                names.append(_FRESH)
        return tuple(dict.fromkeys(names))

    def base(self, old: JSON, new: JSON, depth: int = 0) -> JSON:
        """One value ``old`` accepts, preferring one ``new`` accepts too; ``...`` if none."""
        # Memoised by the identity of ``old`` and ``new``: an absent side is ``_ANY``, never a
        # fresh ``{}`` (a new id each time, so never found again: a required property that
        # has no value within ``MAX_DEPTH`` levels was searched again from every level above,
        # and a 13-level chain of required objects took seconds).
        o, n = _node(old), _node(new)
        if depth > MAX_DEPTH:
            return ...
        key = (id(old), id(new))
        cached = self._base_cache.get(key)
        if cached is not None and cached[0] is old and cached[1] is new:
            return cached[2]
        # Entries keep their nodes alive, so an id is never reused while it is a key. A
        # recursive schema met again while its value is being built gets "none" (``...``).
        self._base_cache[key] = (old, new, ...)
        found: JSON = ...
        for count, value in enumerate(self.pool(o, n, depth, shallow=True)):
            if count > 200:
                break
            if accepts(o, value):
                if accepts(n, value):
                    found = value
                    break
                if found is ...:
                    found = value
        self._base_cache[key] = (old, new, found)
        return found

    def base_object(self, old: dict[str, Any], new: dict[str, Any], depth: int) -> dict[str, JSON]:
        """An object ``old`` accepts: its required properties (and enough others to meet
        ``minProperties``) with base values. Memoised like ``declared``; never mutated (every
        caller copies it before adding a property)."""
        return _remembered(
            self._objects_memo,
            (id(old), id(new), depth),
            old,
            new,
            lambda: self._base_object(old, new, depth),
        )

    def _base_object(self, old: dict[str, Any], new: dict[str, Any], depth: int) -> dict[str, JSON]:
        props = old.get("properties") or {}
        new_props = new.get("properties") or {}
        allowed = set(self.declared(old, new))
        out: dict[str, JSON] = {}
        wanted = dict.fromkeys(old.get("required") or [])  # ordered, and a set to look in
        wanted.update(dict.fromkeys(n for n in new.get("required") or [] if n in allowed))
        for name in wanted:
            value = self.base(props.get(name, _ANY), new_props.get(name, _ANY), depth + 1)
            if value is ...:
                value = self.base(props.get(name, _ANY), _ANY, depth + 1)
            if value is not ...:
                out[name] = value
        low = old.get("minProperties")
        if isinstance(low, int):
            for name in self.declared(old, new):
                if len(out) >= low:
                    break
                if name not in out:
                    value = self.base(props.get(name, _ANY), new_props.get(name, _ANY), depth + 1)
                    if value is not ...:
                        out[name] = value
        return out

    def pool(
        self, old: dict[str, Any], new: dict[str, Any], depth: int, shallow: bool = False
    ) -> Iterator[JSON]:
        """Candidate values at a node pair: literals first, then each type's variations."""
        nodes = _branches(old) + _branches(new)
        for node in nodes:
            yield from node.get("enum") or []
            if "default" in node:
                yield node["default"]
        types: set[str] = set()
        for node in _branches(old):
            if isinstance(node.get("type"), list):
                types |= set(node["type"])
        if not types:
            types = {"null", "boolean", "integer", "number", "string", "array", "object"}
        order = ["object", "array", "string", "integer", "number", "boolean", "null"]
        for kind in [k for k in order if k in types]:
            if kind == "null":
                yield None
            elif kind == "boolean":
                yield from (True, False)
            elif kind in ("integer", "number"):
                for value in _numbers(nodes):
                    if kind == "number" or isinstance(value, int):
                        yield value
            elif kind == "string":
                yield from _strings(nodes)
            elif kind == "array":
                yield from self._arrays(old, new, depth, shallow)
            elif kind == "object":
                yield from self._objects(old, new, depth, shallow)

    def _arrays(
        self, old: dict[str, Any], new: dict[str, Any], depth: int, shallow: bool
    ) -> Iterator[JSON]:
        if depth > MAX_DEPTH:
            return
        prefix = [_node(p) for p in old.get("prefixItems") or []]
        new_prefix = [_node(p) for p in new.get("prefixItems") or []]
        rest, new_rest = _node(old.get("items", {})), _node(new.get("items", {}))
        head = []
        for index, item in enumerate(prefix):
            partner = new_prefix[index] if index < len(new_prefix) else new_rest
            value = self.base(item, partner, depth + 1)
            if value is ...:
                break
            head.append(value)
        filler = self.base(rest, new_rest, depth + 1)
        low = old.get("minItems", 0) if isinstance(old.get("minItems"), int) else 0
        arrays: list[list[JSON]] = [[], list(head)]
        if filler is not ...:
            edges = [n.get(k) for n in (old, new) for k in ("minItems", "maxItems")]
            sizes = {low, low + 1, 1, 2, *edges}
            sizes |= {e + 1 for e in edges if isinstance(e, int)}
            sizes |= {e - 1 for e in edges if isinstance(e, int)}
            for size in sorted(s for s in sizes if isinstance(s, int)):
                if isinstance(size, int) and 0 <= size <= 64:
                    body = head[:size] + [filler] * max(0, size - len(head))
                    arrays.append(body)
            arrays.append([*head, filler])
        yield from arrays
        if shallow:
            return
        for index in range(len(prefix)):
            partner = new_prefix[index] if index < len(new_prefix) else new_rest
            for value in itertools.islice(self.pool(prefix[index], partner, depth + 1, True), 40):
                yield [*head[:index], value, *head[index + 1 :]]
        for value in itertools.islice(self.pool(rest, new_rest, depth + 1, True), 60):
            body = [*head, value]
            if filler is not ...:
                body += [filler] * max(0, low - len(body))
            yield body

    def _objects(
        self, old: dict[str, Any], new: dict[str, Any], depth: int, shallow: bool
    ) -> Iterator[JSON]:
        if depth > MAX_DEPTH:
            return
        base = self.base_object(old, new, depth)
        yield base
        props = old.get("properties") or {}
        new_props = new.get("properties") or {}
        extra = _node(old.get("additionalProperties", {}))
        new_extra = _node(new.get("additionalProperties", {}))
        required_old = {n: base[n] for n in old.get("required") or [] if n in base}
        yield required_old
        names = self.declared(old, new)
        full = dict(base)
        for name in names:
            schema = props.get(name, extra)
            partner = new_props.get(name, new_extra)
            value = self.base(schema, partner, depth + 1)
            if value is ...:
                continue
            if name not in base or base[name] is not value:  # else it is ``base`` again
                yield {**base, name: value}
            full.setdefault(name, value)
        yield full
        if shallow:
            return
        for name in names:
            schema = props.get(name, extra)
            partner = new_props.get(name, new_extra)
            for value in itertools.islice(
                self.pool(_node(schema), _node(partner), depth + 1, True), 40
            ):
                yield {**base, name: value}

    def navigate(
        self, old: dict[str, Any], new: dict[str, Any], tokens: Sequence[str], depth: int = 0
    ) -> Iterator[JSON]:
        """Whole argument objects varied at the node ``tokens`` points to (old side).

        The path is followed to its end, however deep (its pointer bounds it: the diff reports
        changes down to 64 levels); values off the path are built within ``MAX_DEPTH`` levels
        of the root, as everywhere."""
        if not tokens:
            yield from self.pool(old, new, depth)
            return
        step, rest = tokens[0], tokens[1:]
        if step == "properties" and rest:
            name, rest = rest[0], rest[1:]
            sub = _node((old.get("properties") or {}).get(name, {}))
            new_sub = _node((new.get("properties") or {}).get(name, {}))
            obj = self.base_object(old, new, depth)
            for value in self.navigate(sub, new_sub, rest, depth + 1):
                yield {**obj, name: value}
        elif step == "additionalProperties":
            names = [n for n in self.declared(old, new) if n not in (old.get("properties") or {})]
            obj = self.base_object(old, new, depth)
            for name in names[:3]:
                sub = _node(old.get("additionalProperties"))
                new_sub = _node(
                    (new.get("properties") or {}).get(name, new.get("additionalProperties"))
                )
                for value in self.navigate(sub, new_sub, rest, depth + 1):
                    yield {**obj, name: value}
        elif step == "items" and "prefixItems" not in old:
            sub, new_sub = _node(old.get("items", {})), _node(new.get("items", {}))
            filler = self.base(sub, new_sub, depth + 1)
            low = old.get("minItems", 1) if isinstance(old.get("minItems"), int) else 1
            for value in self.navigate(sub, new_sub, rest, depth + 1):
                body = [value]
                if filler is not ...:
                    body += [filler] * max(0, low - 1)
                yield body
        elif step in ("anyOf", "oneOf", "allOf") and rest and rest[0].isdigit():
            branches = old.get(step) or []
            index = int(rest[0])
            if index < len(branches):
                merged = {k: v for k, v in old.items() if k != step}
                merged.update(_node(branches[index]))
                yield from self.navigate(merged, new, rest[1:], depth + 1)
            yield from self.pool(old, new, depth)
        else:
            yield from self.pool(old, new, depth)


# --- confirmation with real validators ------------------------------------------------------


def _refuse(uri: str) -> JSON:
    raise ValueError(f"schemadrift never fetches remote references ({uri})")


class Validators:
    """``jsonschema_rs`` validators per schema text, built once, never touching the network.

    A schema naming ``$schema`` is judged by that draft; one without it by 2020-12, or draft-07
    when it uses draft-07 forms (array ``items``, ``definitions``, ``dependencies``), since
    that is what the generators that still emit those forms target.
    """

    def __init__(self) -> None:
        self._cache: dict[str, Any] = {}
        # The same schema object is asked about once per candidate value: find its validator
        # by identity before paying for its text. Entries hold the schema, so an id is never
        # reused while it is a key.
        self._by_id: dict[int, tuple[JSON, Any]] = {}

    def get(self, schema: JSON) -> Any:
        known = self._by_id.get(id(schema))
        if known is not None and known[0] is schema:
            return known[1]
        validator = self._for_text(schema)
        self._by_id[id(schema)] = (schema, validator)
        return validator

    def _for_text(self, schema: JSON) -> Any:
        text = json.dumps(schema, sort_keys=True)
        if text in self._cache:
            return self._cache[text]
        import jsonschema_rs

        validator: Any
        try:
            if isinstance(schema, dict) and "$schema" in schema:
                validator = jsonschema_rs.validator_for(
                    schema, validate_formats=True, retriever=_refuse
                )
            elif uses_draft7(schema):
                validator = jsonschema_rs.Draft7Validator(
                    schema, validate_formats=True, retriever=_refuse
                )
            else:
                validator = jsonschema_rs.Draft202012Validator(
                    schema, validate_formats=True, retriever=_refuse
                )
        except (jsonschema_rs.ValidationError, ValueError, TypeError):
            validator = None  # an invalid schema proves nothing; the json-schema pack reports it
        self._cache[text] = validator
        return validator

    def is_valid(self, schema: JSON, value: JSON) -> bool | None:
        validator = self.get(schema)
        if validator is None:
            return None
        try:
            return bool(validator.is_valid(value))
        except Exception:  # noqa: BLE001 - a refused remote $ref mid-validation proves nothing
            return None


def confirm(validators: Validators, accepting: JSON, rejecting: JSON, value: JSON) -> bool:
    """True when ``accepting`` accepts ``value`` and ``rejecting`` rejects it, both checked."""
    return validators.is_valid(accepting, value) is True and (
        validators.is_valid(rejecting, value) is False
    )


def checked_forms(schema: JSON) -> tuple[JSON, ...]:
    """The schemas a witness is checked against for one side: the schema itself, or, when
    some of its references do not resolve offline, its two opaque forms (those parts read as
    accepting everything, then nothing: ``refs.opaque_forms``). A real validator cannot judge
    a schema whose references it cannot follow at all."""
    forms = opaque_forms(schema)
    return (schema,) if forms is None else forms


def confirm_forms(
    validators: Validators,
    accepting: tuple[JSON, ...],
    rejecting: tuple[JSON, ...],
    value: JSON,
) -> bool:
    """True when every form of the accepting side accepts ``value`` and every form of the
    rejecting side rejects it: the verdict does not depend on what an unresolvable reference
    holds."""
    return all(validators.is_valid(form, value) is True for form in accepting) and all(
        validators.is_valid(form, value) is False for form in rejecting
    )


_REVERT_KEYS: dict[str, tuple[str, ...]] = {
    "type": ("type",),
    "nullability": ("type",),
    "enum": ("enum",),
    "const": ("enum",),
    "format": ("format",),
    "pattern": ("pattern",),
    "numeric": ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf"),
    "length": (
        "minLength",
        "maxLength",
        "minItems",
        "maxItems",
        "minProperties",
        "maxProperties",
        "minContains",
        "maxContains",
        "uniqueItems",
    ),
    "additional": ("additionalProperties",),
    "items": ("prefixItems", "items"),
    "composition": ("anyOf", "oneOf", "allOf"),
}


def _at(root: JSON, tokens: Sequence[str]) -> JSON:
    node = root
    for step in tokens:
        if isinstance(node, dict) and step in node:
            node = node[step]
        elif isinstance(node, list) and step.isdigit() and int(step) < len(node):
            node = node[int(step)]
        else:
            return None
    return node


def _replaced(root: JSON, tokens: Sequence[str], node: JSON) -> JSON:
    if not tokens:
        return node
    step, rest = tokens[0], tokens[1:]
    if isinstance(root, dict) and (step in root or not rest):
        return {**root, step: _replaced(root.get(step, {}), rest, node)}
    if isinstance(root, list) and step.isdigit() and int(step) < len(root):
        copy = list(root)
        copy[int(step)] = _replaced(root[int(step)], rest, node)
        return copy
    return root


def reverted(
    rejecting: JSON, node: Sequence[str], accepting_node: JSON, kind: str, name: str | None
) -> JSON:
    """``rejecting`` with its keyword(s) at ``node`` taken from ``accepting_node``: one change
    made alone.

    The witness search applies a single change to the old schema this way: a witness must
    fail that schema, so it is rejected because of *this* change, not because of another one
    elsewhere in the same tool (a required property added beside a property removed from an
    open object would otherwise "prove" the removal too).
    """
    target = _at(rejecting, node)
    if target is None:
        target = {}  # the keyword holding the node is absent on this side (no `items` yet)
    if not isinstance(target, dict) or not isinstance(accepting_node, dict):
        return _replaced(rejecting, node, accepting_node)
    out = dict(target)
    family = kind.split("/", 1)[1].split("-", 1)[0]
    if kind in _ONE_VALUE and name is not None and isinstance(out.get("enum"), list):
        # one enum value added or removed: only that value changes, so each removed value is
        # proven by a witness of its own (two removals made at once shared one witness)
        values = [v for v in out["enum"] if literal(v) != name]
        source = accepting_node.get("enum")
        if isinstance(source, list):
            values += [v for v in source if literal(v) == name]
        out["enum"] = values
    elif "property" in kind and name is not None:
        props = dict(out.get("properties") or {})
        source = accepting_node.get("properties") or {}
        if name in source:
            props[name] = source[name]
        else:
            props.pop(name, None)
        out["properties"] = props
        required = [n for n in out.get("required") or [] if n != name]
        if name in (accepting_node.get("required") or []):
            required.append(name)
        out["required"] = required
    elif family in _REVERT_KEYS:
        for key in _REVERT_KEYS[family]:
            if key in accepting_node:
                out[key] = accepting_node[key]
            else:
                out.pop(key, None)
    elif kind == "diff/schema-changed" and name is not None and not name.startswith("{"):
        if name in accepting_node:
            out[name] = accepting_node[name]
        else:
            out.pop(name, None)
    else:
        out = dict(accepting_node)
    return _replaced(rejecting, node, out)


_ONE_VALUE = frozenset({"diff/enum-value-removed", "diff/enum-value-added"})


@dataclass
class WitnessSearch:
    """Finds witnesses between two schemas of one tool (one direction)."""

    accepting_raw: JSON
    rejecting_raw: JSON
    accepting: JSON  # canonical
    rejecting: JSON  # canonical
    validators: Validators
    _generator: Generator | None = None
    _tried: dict[str, JSON] = field(default_factory=dict)
    # targets whose screened pass without ``applied`` found nothing (only the fallback is left)
    _screened: dict[str, JSON] = field(default_factory=dict)
    _pool: list[JSON] | None = None
    _confirmed: list[bool | None] = field(default_factory=list)
    # proven that the rejecting side accepts every value the accepting side does: no witness
    impossible: bool = False
    _forms: tuple[tuple[JSON, ...], tuple[JSON, ...]] | None = None

    def confirm(self, value: JSON) -> bool:
        """Whether ``value`` is a witness by the real validators (unresolvable references
        read both ways: ``checked_forms``)."""
        if self._forms is None:
            self._forms = (checked_forms(self.accepting_raw), checked_forms(self.rejecting_raw))
        return confirm_forms(self.validators, self._forms[0], self._forms[1], value)

    def find(self, target: Sequence[str], applied: JSON = None) -> tuple[bool, JSON]:
        """``(found, witness)`` for a change whose accepting-side node is at ``target``.

        ``applied`` is the accepting schema with only this change made (``reverted`` with the
        roles swapped): a witness must fail it, so it is rejected because of *this* change and
        not because of another one in the same tool. ``None`` skips that check.

        The search for ``applied`` also settles the one without it at the same ``target``
        (the same candidates, one check fewer), which ``classify`` asks for next when no
        single change has a witness; its fallback pass runs only if it is asked for.
        """
        if self.impossible:
            return False, None
        where = "/".join(target)
        # ``applied`` differs from the accepting schema at ``target`` only, so that node names
        # it: a key of the whole schema would cost a dump of it per change, and keep it (an
        # inlined shared definition repeats each change at every reference, and the schema
        # with it: that grew as the cube of the definition's size).
        key = loose_key = where + "\x00null"
        if applied is not None:
            key = where + "\x00=" + json.dumps(_at(applied, target), sort_keys=True, default=str)
        if key in self._tried:
            value = self._tried[key]
            return (value is not ...), (None if value is ... else value)
        track_loose = applied is not None and loose_key not in self._tried
        if key == loose_key and where in self._screened:
            result = self._screened.pop(where)
        else:
            result, loose = self._search(target, applied, track_loose)
            if track_loose and loose is not ...:
                self._tried[loose_key] = loose
            elif track_loose:
                self._screened[where] = ...  # the screen found none: only the fallback is left
        if result is ...:
            result = self._fallback(applied)
        self._tried[key] = result
        return (result is not ...), (None if result is ... else result)

    def _search(self, target: Sequence[str], applied: JSON, track_loose: bool) -> tuple[JSON, JSON]:
        """The directed pass: the first candidate that passes the screens and is confirmed, for
        ``applied`` and (``track_loose``) for no ``applied``; ``...`` where there is none."""
        if self._generator is None:
            self._generator = Generator()
        old, new = _node(self.accepting), _node(self.rejecting)
        result: JSON = ...
        loose: JSON = ...
        checked = 0
        seen: set[str] = set()
        for generated, value in enumerate(self._generator.navigate(old, new, list(target))):
            # Repeats count too: a generator may yield the same value many times (each costs a
            # dump), and only distinct ones are checked.
            if checked >= MAX_CANDIDATES or generated >= MAX_GENERATED:
                break
            text = json.dumps(value, sort_keys=True, default=str)
            if text in seen:
                continue
            seen.add(text)
            checked += 1
            if not accepts(self.accepting, value) or accepts(self.rejecting, value):
                continue
            wanted = applied is None or not accepts(applied, value)
            want_loose = track_loose and loose is ...
            if (wanted or want_loose) and self.confirm(value):
                if want_loose:
                    loose = value
                if wanted:
                    result = value
                    break
        return result, loose

    def _fallback(self, applied: JSON) -> JSON:
        """Screens can be wrong (cycles, formats): check the real validators directly.

        The candidates and their confirmations do not depend on ``applied``, so they are
        built and checked once per search and reused by every change of the pair."""
        if self._generator is None:
            self._generator = Generator()
        if self._pool is None:
            old, new = _node(self.accepting), _node(self.rejecting)
            self._pool = list(itertools.islice(self._generator.pool(old, new, 0), 150))
            self._confirmed = [None] * len(self._pool)
        for index, value in enumerate(self._pool):
            if applied is not None and accepts(applied, value):
                continue
            confirmed = self._confirmed[index]
            if confirmed is None:
                confirmed = self._confirmed[index] = self.confirm(value)
            if confirmed:
                return value
        return ...

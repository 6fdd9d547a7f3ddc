"""Parse JSON and YAML text into JSON values, strictly and within bounds.

Strict where parsers disagree, so two consumers of one file never see two schemas: duplicate
object keys (JSON and YAML), ``NaN``/``Infinity`` (JSON literals, YAML ``.nan``/``.inf``), and
numbers past the range other languages' JSON parsers read (an ``|x|`` above the largest
float64: ``1e400``, a 400-digit integer) are refused, naming the file and the JSON pointer.

YAML types JSON lacks follow one documented rule: a date or timestamp (``2024-01-01``,
``2024-01-01T10:00:00Z``) is the string it is written as, since that is what the author of a
tool schema meant (a ``default`` or an ``example``); ``!!binary``, ``!!set``, ``!!omap`` and
``!!pairs`` have no JSON value and are refused. Python tags (``!!python/object``) are refused
by the safe loader. YAML aliases are bounded: a document whose aliases expand it past a million
values and ten times its own size (the "billion laughs" shape: 1 KB that a JSON dump turns
into gigabytes) is refused before anything walks it.

Nesting is bounded before parsing: ``nesting_depth`` scans the text without recursion, and a
document nested deeper than ``MAX_DEPTH`` levels is refused naming the file and its depth.
Deep-but-allowed documents (a ``default`` 5,000 levels deep, which ``json-schema/too-deep``
reports) are parsed once, on the deep stack the CLI runs every command on (``schema/stack.py``).
"""

from __future__ import annotations

import functools
import json
import math
import re
from typing import Any

from schemadrift.errors import InputError
from schemadrift.model import JSON
from schemadrift.schema.pointer import join

MAX_DEPTH = 25_000
"""Levels of nesting (arrays and objects) a JSON or YAML document may have: room for a schema
10,000 levels deep (two JSON levels each, ``properties`` and the schema), which is read and
reported by ``json-schema/too-deep``. No provider accepts a schema past a few hundred; past
this bound each level only costs stack and time in every recursive step of a run, so the
input is refused before it is parsed."""

EXPANDED_LIMIT = 1_000_000
"""Values a YAML document may expand to through its aliases (when also 10x its own size)."""

# A run of this many digits can be a number beyond float64 (whose largest value has 309).
_LONG_DIGITS = re.compile(r"\d{309}")
FLOAT_MAX_INT = 2**1024
"""Integers from here on have no float64 value: JSON parsers that read numbers as doubles
(most) turn them into infinity or refuse them."""


class NotJSON:
    """A value a YAML tag gave that JSON cannot hold, kept until its pointer is known."""

    __slots__ = ("line", "what")

    def __init__(self, what: str, line: int) -> None:
        self.what, self.line = what, line


# Strings (which may hold brackets) and runs of anything but a bracket or a quote: what the
# depth scan deletes, leaving the brackets in order (a stray quote of invalid JSON stays, and
# counts as nothing).
_NOT_BRACKETS = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[^\[\]{}"]+')
_STEP = {"[": 1, "{": 1, "]": -1, "}": -1, '"': 0}


def nesting_depth(text: str) -> int:
    """The bracket depth of JSON text (``[]``/``{}`` outside strings), without parsing it.

    Linear and non-recursive (a regular expression and ``itertools`` at C speed), so it can
    run before ``json.loads``, whose recursion a deep document would exhaust. For invalid JSON
    the number is an estimate (the parser words the error).
    """
    from itertools import accumulate

    brackets = _NOT_BRACKETS.sub("", text)
    return max(accumulate(map(_STEP.__getitem__, brackets)), default=0)


def could_pass_depth(text: str, limit: int = MAX_DEPTH) -> bool:
    """Whether ``text`` is long enough, with enough opening brackets, to nest past ``limit``
    (each level takes two characters and one opening bracket): when not, no scan is needed."""
    return len(text) > 2 * limit and text.count("[") + text.count("{") > limit


def refuse_depth(depth: int, label: str, kind: str = "JSON") -> None:
    """``InputError`` naming the file and the depth when ``depth`` passes ``MAX_DEPTH``."""
    if depth > MAX_DEPTH:
        raise InputError(
            label,
            f"{kind} nested {depth:,} levels deep, past the limit of {MAX_DEPTH:,} that "
            "schemadrift reads "
            "(no provider reads a schema this deep; json-schema/too-deep reports from 512)",
        )


def _reject_constant(value: str) -> Any:
    raise ValueError(f"{value} is not valid JSON")


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out = dict(pairs)  # at C speed; only an object that lost a key is walked again
    if len(out) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise ValueError(
                    f"duplicate key {key!r} in one object (parsers disagree on which wins)"
                )
            seen.add(key)
    return out


def _big_int(text: str) -> int | NotJSON:
    """An integer token of a document that holds a long digit run: past float64, kept apart."""
    if len(text.lstrip("-")) > 4000:
        return NotJSON(f"an integer of {len(text)} digits", 0)
    value = int(text)
    return NotJSON(f"the integer {text[:20]}…", 0) if abs(value) >= FLOAT_MAX_INT else value


def _finite_float(text: str) -> float | NotJSON:
    value = float(text)
    return NotJSON(f"the number {text}", 0) if math.isinf(value) else value


def _loads(text: str) -> JSON:
    extra: dict[str, Any] = {}
    if "e" in text or "E" in text:
        extra["parse_float"] = _finite_float
    if _LONG_DIGITS.search(text):
        extra["parse_int"] = _big_int
    return json.loads(
        text, object_pairs_hook=_no_duplicates, parse_constant=_reject_constant, **extra
    )


def parse_json(text: str, label: str) -> JSON:
    """Parse JSON text strictly; deeper than ``MAX_DEPTH`` is refused before parsing."""
    try:
        return _parse_json(text, label)
    except json.JSONDecodeError as error:
        raise InputError(
            label, f"invalid JSON: {error.msg} (line {error.lineno}, column {error.colno})"
        ) from error


def parse_json_line(text: str, label: str) -> JSON | None:
    """``parse_json`` for one line of a protocol stream (an MCP server's stdout): ``None`` when
    the line is not JSON at all (a banner or a log line, which the caller reports as such);
    JSON that parsers read differently (NaN, a duplicate key, ``1e400``) or nested past
    ``MAX_DEPTH`` is refused as it is in a file."""
    try:
        return _parse_json(text, label)
    except json.JSONDecodeError:
        return None


def _parse_json(text: str, label: str) -> JSON:
    """``parse_json``, with text that is not JSON left as ``json.JSONDecodeError``."""
    if could_pass_depth(text):
        refuse_depth(nesting_depth(text), label)
    try:
        value = _on_enough_stack(_loads, text)
    except json.JSONDecodeError:
        raise
    except ValueError as error:
        raise InputError(label, f"invalid JSON: {error}") from error
    except RecursionError as error:  # not expected below MAX_DEPTH on the deep stack
        raise InputError(label, "invalid JSON: nested too deeply to parse") from error
    _refuse_out_of_range(value, label, "JSON", bool(_LONG_DIGITS.search(text)) or "e" in text)
    return value


def _on_enough_stack(parse: Any, text: str) -> Any:
    """``parse(text)``; where the stack is the ordinary one (a library caller: the CLI runs its
    commands on the deep stack) and it overflows, once more on a deep-stack thread."""
    from schemadrift.schema.stack import call_deep, on_deep_stack

    try:
        return parse(text)
    except RecursionError:
        if on_deep_stack():
            raise
        return call_deep(parse, text)


@functools.cache
def _loader() -> Any:
    """The safe YAML loader, with schemadrift's constructors (built once)."""
    import yaml

    base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    class Loader(base):  # type: ignore[misc, valid-type]
        """Safe loading, strict on duplicate keys, with JSON's value types only."""

        found_not_json = False

        def construct_mapping(self, node: Any, deep: bool = False) -> Any:
            keys: set[Any] = set()
            for key_node, _ in node.value:
                key = self.construct_object(key_node, deep=True)
                try:
                    duplicate = key in keys
                except TypeError:  # an unhashable key: the base class words the error
                    break
                if duplicate:
                    raise yaml.constructor.ConstructorError(
                        None,
                        None,
                        f"duplicate key {key!r} in one mapping (parsers disagree on which wins)",
                        key_node.start_mark,
                    )
                keys.add(key)
            return super().construct_mapping(node, deep=deep)

    def timestamp(loader: Any, node: Any) -> str:
        return str(node.value)

    def not_json(what: str) -> Any:
        def construct(loader: Any, node: Any) -> NotJSON:
            loader.found_not_json = True
            return NotJSON(what, node.start_mark.line + 1)

        return construct

    Loader.add_constructor("tag:yaml.org,2002:timestamp", timestamp)
    for tag in ("binary", "set", "omap", "pairs"):
        Loader.add_constructor(f"tag:yaml.org,2002:{tag}", not_json(f"a YAML !!{tag}"))
    return Loader


def parse_yaml(text: str, label: str) -> JSON:
    """Parse YAML text strictly; deeper than ``MAX_DEPTH`` is refused before composing."""
    import yaml

    # libyaml refuses past 1,000 levels itself ("exceeded maximum nesting depth"). The pure
    # Python parser has no bound, and scanning its event stream is quadratic in flow depth, so
    # the bracket scan bounds flow style; block style costs a line or an indent per level and
    # meets the recursion limit ("nested too deeply").
    if not hasattr(yaml, "CSafeLoader") and could_pass_depth(text):
        refuse_depth(nesting_depth(text), label, "YAML")
    try:
        value, found_not_json = _on_enough_stack(_compose, text)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark
        where = f" (line {mark.line + 1}, column {mark.column + 1})" if mark else ""
        problem = error.problem or str(error)
        raise InputError(label, f"invalid YAML: {problem}{where}") from error
    except yaml.YAMLError as error:
        raise InputError(label, f"invalid YAML: {error}") from error
    except RecursionError as error:
        raise InputError(label, "invalid YAML: nested too deeply to parse") from error
    except ValueError as error:  # an integer past Python's digit limit
        raise InputError(label, f"invalid YAML: a number too long to read ({error})") from error
    if "&" in text and "*" in text:
        _refuse_expansion(value, label)
    numbers = bool(_LONG_DIGITS.search(text)) or ".inf" in text.lower() or ".nan" in text.lower()
    _refuse_out_of_range(value, label, "YAML", numbers or found_not_json)
    return value


def _compose(text: str) -> tuple[JSON, bool]:
    """The document's value, and whether a tag gave a value JSON cannot hold."""
    loader = _loader()(text)
    try:
        return loader.get_single_data(), bool(loader.found_not_json)
    finally:
        loader.dispose()


def _refuse_out_of_range(value: JSON, label: str, kind: str, suspect: bool) -> None:
    """Refuse a value JSON cannot hold (a ``NotJSON``, a non-finite float, an integer past
    float64), naming its pointer; walked only when the text holds a suspect token.

    A first walk only asks whether there is one, without making a pointer per value (a long
    integer anywhere in a 10,000-tool file sent every value through it, ~30% of a ``diff``);
    the document is walked again, pointers made, only to name the first one."""
    if not suspect or not _holds_out_of_range(value):
        return
    stack: list[tuple[str, Any]] = [("", value)]
    while stack:
        pointer, item = stack.pop()
        problem = _out_of_range(item)
        if problem is not None:
            raise InputError(
                label,
                f"invalid {kind}: {problem}, which JSON parsers do not read alike",
                pointer=pointer or "the document root",
            )
        if isinstance(item, dict):
            stack += [(join(pointer, str(k)), v) for k, v in reversed(item.items())]
        elif isinstance(item, list):
            stack += [(join(pointer, i), v) for i, v in reversed(list(enumerate(item)))]


def _holds_out_of_range(value: JSON) -> bool:
    stack: list[Any] = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
        elif _out_of_range(item) is not None:
            return True
    return False


def _out_of_range(item: Any) -> str | None:
    """What makes a scalar a value JSON cannot hold, or ``None``."""
    if isinstance(item, NotJSON):
        at = f" (line {item.line})" if item.line else ""
        return f"{item.what}{at} has no JSON value"
    if isinstance(item, float) and not math.isfinite(item):
        return f"{item} is not a JSON number"
    if isinstance(item, int) and not isinstance(item, bool) and abs(item) >= FLOAT_MAX_INT:
        return f"the integer {str(item)[:20]}… is past the range of float64"
    return None


def _refuse_expansion(value: JSON, label: str) -> None:
    """Refuse a YAML document whose aliases expand it past ``EXPANDED_LIMIT`` values and past
    ten times the values it holds (each shared container is counted once per reference)."""
    sizes: dict[int, int] = {}
    open_: set[int] = set()  # containers whose children are being counted: a cycle's ends
    unique = 0
    stack: list[tuple[Any, bool]] = [(value, False)]
    while stack:
        item, done = stack.pop()
        if not isinstance(item, (dict, list)):
            continue
        if done:
            open_.discard(id(item))
            children = item.values() if isinstance(item, dict) else item
            sizes[id(item)] = 1 + sum(
                sizes.get(id(child), 1) if isinstance(child, (dict, list)) else 1
                for child in children
            )
            if sizes[id(item)] > EXPANDED_LIMIT and sizes[id(item)] > 10 * (unique + 1):
                raise InputError(
                    label,
                    f"invalid YAML: its aliases expand it to more than {EXPANDED_LIMIT:,} values "
                    f"from {unique:,} (refused: a document that grows like this is an attack "
                    "on whatever reads it)",
                )
            continue
        if id(item) in open_:
            raise InputError(label, "invalid YAML: an alias refers to a value that holds it")
        if id(item) in sizes:
            continue
        sizes[id(item)] = 1  # seen; counted when its children are
        open_.add(id(item))
        unique += 1
        stack.append((item, True))
        children = item.values() if isinstance(item, dict) else item
        stack += [(child, False) for child in children if isinstance(child, (dict, list))]


def decode(data: bytes, label: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError(
            label, f"not UTF-8 text: invalid byte at offset {error.start}; save the file as UTF-8"
        ) from error


def parse_text(text: str, label: str, *, suffix: str = "") -> JSON:
    """Parse JSON or YAML; the suffix decides, and unknown suffixes try JSON first."""
    if not text.strip():
        raise InputError(label, "the file is empty")
    if reads_as_json(text, suffix):
        return parse_json(text, label)
    return parse_yaml(text, label)


def reads_as_json(text: str, suffix: str) -> bool:
    """Whether ``parse_text`` reads ``text`` as JSON (else as YAML)."""
    if suffix in (".yaml", ".yml"):
        return False
    return suffix == ".json" or text.lstrip()[:1] in "{["

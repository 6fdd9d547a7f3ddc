"""Sample values a search tries: numbers around a node's bounds, strings of its lengths,
formats and patterns.

Values are literal and few on purpose: a witness is read by a person, so ``"a"`` beats a random
string, and each candidate costs a screen and maybe a real validation.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from typing import Any

from schemadrift.diff.witness.screen import is_number, json_equal, pattern_matches

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
        if pattern_matches(pattern, text) and text not in out:
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


def numbers(nodes: Sequence[dict[str, Any]]) -> list[float]:
    """Small numbers, then each bound of ``nodes`` and its neighbours (and multiples of a
    ``multipleOf``), each once: a narrowed bound is crossed by a value next to it."""
    values: list[float] = [0, 1, -1, 2, 10, 0.5, -0.5, 1.5]
    for node in nodes:
        for key in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
            bound = node.get(key)
            if is_number(bound):
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
        if is_number(step) and step > 0:
            values += [step, step * 2, step * 3, step / 2, step + 1]
            for key in ("minimum", "exclusiveMinimum", "maximum", "exclusiveMaximum"):
                bound = node.get(key)
                if is_number(bound):
                    first = math.ceil(bound / step) * step
                    values += [first, first + step, first - step]
    out: list[float] = []
    for value in values:
        number: float = value
        if isinstance(number, float) and number.is_integer() and abs(number) < 2**53:
            number = int(number)
        if not any(json_equal(number, seen) for seen in out):
            out.append(number)
    return out


def strings(nodes: Sequence[dict[str, Any]]) -> list[str]:
    """A few plain strings, strings at and around the lengths ``nodes`` name, samples of
    their formats and patterns, then every format's example, each once."""
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

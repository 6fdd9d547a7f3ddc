"""Sample values a search tries: numbers around a node's bounds, strings of its lengths,
formats and patterns.

Values are literal and few on purpose: a witness is read by a person, so ``"a"`` beats a random
string, and each candidate costs a screen and maybe a real validation.
"""

from __future__ import annotations

import contextlib
import functools
import math
import os
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from schemadrift.diff.witness.screen import is_number, json_equal, pattern_matches

if TYPE_CHECKING:
    from hypothesis.strategies import SearchStrategy

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
    """Up to ``limit`` strings that match ``pattern``: the shortest, then ever longer ones
    (a narrowed length or repeat is crossed by a long sample), then one more of any length (a
    narrowed alternation is crossed by another branch). Empty when ``pattern`` cannot be read
    or sampled."""
    return list(_regex_samples(pattern, limit))


@functools.lru_cache(maxsize=512)
def _regex_samples(pattern: str, limit: int) -> tuple[str, ...]:
    """``sample_regex``, remembered per pattern: a pool asks for the same pattern at every
    level of every change, and a sample costs a search.

    Samples come from ``hypothesis.strategies.from_regex``, searched with ``hypothesis.find``
    with no example database and derandomised: the same pattern gives the same samples on every
    run, whatever the hash seed. The first and the last are shrunk (the simplest match, and the
    simplest other one), so a witness stays readable; the longer ones in between are only
    drawn, from the characters of the first (``aaaa`` for ``^[a-z]+$``): shrinking a string
    to a length costs ten times more. hypothesis is imported here only: most schemas have no
    pattern.
    """
    try:
        re.compile(pattern)
    except (re.error, OverflowError, RecursionError, TypeError, ValueError):
        return ()
    _keep_hypothesis_files_in_our_cache()
    from hypothesis import strategies as st
    from hypothesis.errors import HypothesisException

    failures = (HypothesisException, re.error, RecursionError, TypeError, ValueError)
    try:
        first = _find(st.from_regex(pattern, fullmatch=True), pattern)
    except failures:
        return ()
    out = [first]
    try:
        alphabet = st.from_regex(pattern, fullmatch=True, alphabet="".join(sorted(set(first))))
        while len(out) < limit - 1:
            out.append(_find(alphabet, pattern, least=len(out[-1]) + 2, shrink=False))
    except failures:
        pass  # no longer match (a fixed length), or none from those characters
    with contextlib.suppress(*failures):
        out.append(_find(st.from_regex(pattern, fullmatch=True), pattern, avoid=tuple(out)))
    return tuple(out[:limit])


def _keep_hypothesis_files_in_our_cache() -> None:
    """hypothesis keeps a Unicode table under ``./.hypothesis`` by default: a ``diff`` must not
    leave that in the user's project, so it goes to schemadrift's cache directory (unless
    ``HYPOTHESIS_STORAGE_DIRECTORY`` says otherwise, or hypothesis already chose one, as under
    pytest). Writing it is best effort on hypothesis' side."""
    from schemadrift.cache import default_directory

    os.environ.setdefault("HYPOTHESIS_STORAGE_DIRECTORY", str(default_directory() / "hypothesis"))


def _find(
    strategy: SearchStrategy[str],
    pattern: str,
    *,
    least: int = 0,
    avoid: tuple[str, ...] = (),
    shrink: bool = True,
) -> str:
    """The first string ``strategy`` draws that ``pattern`` matches, at least ``least`` long
    and not in ``avoid`` (shrunk to the simplest such string with ``shrink``); raises
    ``NoSuchExample`` when the draws run out."""
    from hypothesis import HealthCheck, Phase, Verbosity, find, settings

    phases = (Phase.generate, Phase.shrink) if shrink else (Phase.generate,)
    config = settings(
        database=None,
        derandomize=True,
        max_examples=_DRAWS,
        deadline=None,
        phases=phases,
        suppress_health_check=list(HealthCheck),
        verbosity=Verbosity.quiet,
    )
    return find(
        strategy,
        lambda t: len(t) >= least and t not in avoid and pattern_matches(pattern, t),
        settings=config,
    )


_DRAWS = 25
"""Strings ``find`` draws per sample before it gives up (a pattern with no longer match)."""


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

"""Growth of schemadrift's time and memory with input size, on inputs that once grew super-linearly.

pre-commit runs schemadrift on every commit, so a large project pays for every run; one
super-linear path (a quadratic walk, a search that backtracks, a structure copied per
reference) turns that run from seconds into minutes, and a benchmark at one size does not
show it. Each family below is a shape of input a stress scan found super-linear, since fixed:
it is run at three sizes (n, 2n, 4n; ``mutual-refs`` at 12, 14 and 16 definitions) and the
growth exponent between the smallest and the largest is printed, ``log(t4n / tn) / log(4)``
for the wall time and the same for the peak RSS (1 is linear, 2 quadratic).

A family fails (``NO``) when its time exponent is above 1.5, when its RSS exponent is above
1.5 with more than 200 MB at 4n, or when a run takes more than 120 s. ``mutual-refs`` is the
exception: its input (the schema with its references inlined) grows exponentially with the
number of definitions, capped by the inliner, so its exponents are printed for reference only
and it fails when the run at 16 definitions takes more than 10 s.

Every run is a fresh process of the installed console script, cold (``--no-cache``), in one
process (``--jobs 1``) and with ``--fail-on never``; wall time is ``time.perf_counter()``
around it, peak RSS the child's ``ru_maxrss``. Start-up is included in each time, so the
exponents read low at small sizes: the sizes are chosen so that the work dominates. The
absolute targets (speed of ``lint``, ``diff`` and ``check`` on ordinary tool sets) are in
``benchmarks/run.py``.

Usage: ``python benchmarks/scaling.py [--quick] [--family NAME]``; ``--quick`` halves the sizes
and runs one family per command (a smoke test). Exit status 1 when a family fails.
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import os
import random
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import run
import toolgen

TIMEOUT = 120.0
"""Seconds one run may take; the linear versions of these families take a few."""
MAX_EXPONENT = 1.5
"""Between linear (1) and quadratic (2): start-up and noise stay well below it."""
RSS_FLOOR = 200 * 2**20
"""Peak RSS below which a steep RSS exponent is not a failure (interpreter and imports)."""
MUTUAL_LIMIT = 10.0
"""Seconds ``mutual-refs`` may take at its largest size."""

Tools = list[dict[str, Any]]
Setup = Callable[[Path, int], list[str]]
"""Writes one family's input of the given size into a folder; the command's arguments."""


@dataclass(frozen=True)
class Family:
    """One shape of input, the command it is run with and its sizes."""

    name: str
    command: str
    sizes: tuple[int, int, int]
    quick: tuple[int, int, int]
    setup: Setup
    exponential: bool = False


@dataclass
class Result:
    """What the runs of one family measured; ``note`` says why a run gave no figure."""

    family: Family
    sizes: tuple[int, ...]
    seconds: list[float]
    peaks: list[int]
    note: str = ""


def write_tools(path: Path, tools: Tools, *, indent: int | None = 2) -> str:
    """Write ``tools`` as an Anthropic-shaped tool file; its path as a command argument."""
    path.write_text(json.dumps({"tools": tools}, indent=indent) + "\n", "utf-8")
    return str(path)


def tool(name: str, schema: dict[str, Any], description: str = "A generated tool.") -> Tools:
    """One Anthropic-shaped tool, beside a small second one (a tool file rarely holds one)."""
    return [
        {"name": name, "description": description, "input_schema": schema},
        {"name": "other", "description": "Another tool.", "input_schema": {"type": "object"}},
    ]


def diff_pair(directory: Path, old: Tools, new: Tools) -> list[str]:
    """Write the old and new tool files; the arguments of ``diff OLD NEW``."""
    return [write_tools(directory / "old.json", old), write_tools(directory / "new.json", new)]


def anthropic(tools: Tools) -> Tools:
    """``toolgen``'s MCP-shaped tools in the Anthropic shape."""
    return [
        {"name": t["name"], "description": t["description"], "input_schema": t["inputSchema"]}
        for t in tools
    ]


def shared_definition(directory: Path, n: int) -> list[str]:
    """``n`` root properties all ``$ref`` one definition of 100 properties, one of which changes
    type. Inlined, the schema holds the definition ``n`` times, so it grows linearly with
    ``n``; the change is repeated at each reference, and each witness search once kept the
    whole changed schema (memory grew as the cube of the definition)."""

    def schema(leaf: str) -> dict[str, Any]:
        big = {f"f{j}": {"type": "string" if j else leaf} for j in range(SHARED_WIDTH)}
        return {
            "type": "object",
            "properties": {f"p{i}": {"$ref": "#/$defs/Big"} for i in range(n)},
            "$defs": {"Big": {"type": "object", "properties": big}},
        }

    return diff_pair(directory, tool("refs", schema("integer")), tool("refs", schema("string")))


SHARED_WIDTH = 100
"""Properties of the shared definition (fixed: the family grows the references)."""


def mutual_refs(directory: Path, n: int) -> list[str]:
    """``n`` cyclic definitions, each referring to the next two: the inlined schema is a
    binary tree, so everything that follows references must stop at the inliner's cap."""

    def schema(leaf: str) -> dict[str, Any]:
        defs = {
            f"d{i}": {
                "type": "object",
                "properties": {
                    "a": {"$ref": f"#/$defs/d{(i + 1) % n}"},
                    "b": {"$ref": f"#/$defs/d{(i + 2) % n}"},
                    "leaf": {"type": leaf if i == n - 1 else "string"},
                },
            }
            for i in range(n)
        }
        return {"type": "object", "properties": {"start": {"$ref": "#/$defs/d0"}}, "$defs": defs}

    return diff_pair(directory, tool("refs", schema("integer")), tool("refs", schema("string")))


def all_properties_changed(directory: Path, n: int) -> list[str]:
    """One tool whose ``n`` properties all change type: ``n`` findings, each of which must be
    explained without searching the whole schema again."""

    def schema(kind: str) -> dict[str, Any]:
        props = {f"field_{i}": {"type": kind, "description": f"Field {i}."} for i in range(n)}
        return {"type": "object", "properties": props}

    return diff_pair(directory, tool("wide", schema("integer")), tool("wide", schema("string")))


def wide_required(directory: Path, n: int) -> list[str]:
    """``n`` properties, all required; the new version removes one, adds one and changes one's
    type: required lists compared by scanning a list per name are quadratic."""

    def schema(new: bool) -> dict[str, Any]:
        props = {f"field_{i}": {"type": "integer" if i % 3 == 0 else "string"} for i in range(n)}
        if new:
            del props["field_7"]
            props["added_field"] = {"type": "string"}
            props["field_10"] = {"type": "number"}
        return {"type": "object", "properties": props, "required": list(props)}

    return diff_pair(directory, tool("wide", schema(False)), tool("wide", schema(True)))


COMMON = (
    "the of and to a in is it that for on with as by this be are from or an at which when "
    "returns return user system value list each if not all can may will should must only more "
    "results previous ignore data request response field name type file page time id item query"
)
"""Real words, the most frequent in the generated prose (some reach the security pack's
pre-check, as real descriptions do)."""


def vocabulary(rng: random.Random, size: int = 2_000) -> list[str]:
    """``size`` distinct words: the common ones, then made-up ones of two to four syllables."""
    syllables = [c + v for c in "bcdfghklmnprstvwz" for v in ("a", "e", "i", "o", "u", "ai", "en")]
    words = list(dict.fromkeys(COMMON.split()))
    seen = set(words)
    while len(words) < size:
        word = "".join(rng.choice(syllables) for _ in range(rng.randint(2, 4)))
        if word not in seen:
            seen.add(word)
            words.append(word)
    return words


def sentences(rng: random.Random, words: list[str], size: int) -> list[str]:
    """Sentences of Zipf-distributed words, ``size`` characters in all (joined by spaces)."""
    weights = list(itertools.accumulate(1 / (rank + 1) for rank in range(len(words))))
    out: list[str] = []
    total = 0
    while total < size:
        chosen = rng.choices(words, cum_weights=weights, k=rng.randint(6, 24))
        if len(chosen) > 8 and rng.random() < 0.4:
            chosen[rng.randrange(3, len(chosen) - 2)] += ","
        text = " ".join(chosen)
        out.append(text[0].upper() + text[1:] + ".")
        total += len(out[-1]) + 1
    return out


def long_descriptions(directory: Path, kb: int) -> list[str]:
    """One tool whose description is ``kb`` KB of prose; the new version has a sentence
    inserted in the middle and another rewritten: a text diff must not be quadratic in the
    length of the text."""
    rng = random.Random(40)  # noqa: S311 - reproducible prose, not secrecy
    words = vocabulary(rng)
    old = sentences(rng, words, kb * 1024)
    new = list(old)
    new.insert(len(new) // 2, sentences(rng, words, 1)[0])
    new[len(new) // 4] = sentences(rng, words, 1)[0]
    schema = {"type": "object", "properties": {"q": {"type": "string"}}}
    return diff_pair(
        directory, tool("long", schema, " ".join(old)), tool("long", schema, " ".join(new))
    )


def wide_anyof(directory: Path, n: int) -> list[str]:
    """A root ``anyOf`` of ``n`` object branches, one of which gains a ``maxLength``: pairing
    branches by trying every old one against every new one is quadratic."""

    def schema(new: bool) -> dict[str, Any]:
        branches = [
            {
                "type": "object",
                "properties": {"kind": {"const": f"k{i}"}, f"f{i}": {"type": "string"}},
                "required": ["kind"],
            }
            for i in range(n)
        ]
        if new:
            branches[n // 2]["properties"][f"f{n // 2}"]["maxLength"] = 64
        return {"type": "object", "anyOf": branches}

    return diff_pair(directory, tool("comb", schema(False)), tool("comb", schema(True)))


def blank_run_after_lt(directory: Path, k: int) -> list[str]:
    """A ``<`` followed by ``k`` characters of blanks and newlines: a tag pattern that
    backtracks over the run from every position is quadratic. The word "system" lets the text
    past the security pack's substring pre-check, so the ``<SYSTEM>`` pattern reads it."""
    description = "Returns the system status. <" + " \n" * (k // 2) + "b> done."
    return [write_tools(directory / "tools.json", tool("t", {"type": "object"}, description))]


def one_line_file(directory: Path, n: int) -> list[str]:
    """``n`` tools in a file of one line, whose descriptions hold ``name:`` text: read as a
    YAML plain value, each ran on to the end of the line, that is of the file (quadratic, and a
    copy of the rest of the file kept for each)."""
    tools = anthropic(toolgen.generate(n))
    for item in tools:
        item["description"] += " Qualifiers: `author-name: y`, `filename:x`."
    return [write_tools(directory / "tools.json", tools, indent=None)]


def many_tools_check(directory: Path, n: int) -> list[str]:
    """``check`` of a project of ``n`` tools against a changed baseline (``run.project``)."""
    run.project(directory, n)
    return []


def duplicate_names(directory: Path, n: int) -> list[str]:
    """``n`` tools all named ``same``: reporting each duplicate against all the others is
    quadratic."""
    tools = anthropic(toolgen.generate(n))
    for item in tools:
        item["name"] = "same"
    return [write_tools(directory / "tools.json", tools)]


def sizes(n: int) -> tuple[int, int, int]:
    """``n``, ``2n`` and ``4n``."""
    return n, 2 * n, 4 * n


FAMILIES = [
    Family("shared-definition", "diff", sizes(100), sizes(50), shared_definition),
    Family("mutual-refs", "diff", (12, 14, 16), (11, 13, 15), mutual_refs, exponential=True),
    Family("all-properties-changed", "diff", sizes(1_000), sizes(500), all_properties_changed),
    Family("wide-required", "diff", sizes(2_500), sizes(1_250), wide_required),
    Family("long-descriptions", "diff", sizes(40), sizes(20), long_descriptions),
    Family("wide-anyof", "diff", sizes(500), sizes(250), wide_anyof),
    Family("blank-run-after-lt", "lint", sizes(5_000), sizes(2_500), blank_run_after_lt),
    Family("one-line-file", "lint", sizes(2_000), sizes(1_000), one_line_file),
    Family("many-tools-check", "check", sizes(500), sizes(250), many_tools_check),
    Family("duplicate-names", "lint", sizes(2_000), sizes(1_000), duplicate_names),
]


def measure(family: Family, root: Path, quick: bool) -> Result:
    """Run ``family`` at each of its sizes, each input written into a folder of its own; the
    larger sizes are skipped once a run fails, as they would fail too."""
    result = Result(family, family.quick if quick else family.sizes, [], [])
    for size in result.sizes:
        directory = root / f"{family.name}-{size}"
        directory.mkdir()
        args = family.setup(directory, size)
        argv = [*run.schemadrift_argv(), family.command, run.NO_CACHE]
        argv += ["--fail-on", "never", "--jobs", "1", *args]
        seconds, peak, code, err = run.timed(argv, directory, TIMEOUT)
        if code is None:
            result.note = f"timeout at {size}"
            break
        if code not in (0, 1):
            result.note = f"exit {code} at {size}"
            print(f"{family.name} {size}: {' '.join(argv)}\n{err[-2000:]}", file=sys.stderr)
            break
        result.seconds.append(seconds)
        result.peaks.append(peak)
    return result


def exponent(result: Result, values: list[float] | list[int]) -> float:
    """Growth exponent between the smallest and the largest size: 1 linear, 2 quadratic."""
    return math.log(values[-1] / values[0]) / math.log(result.sizes[-1] / result.sizes[0])


def verdict(result: Result) -> bool:
    """Whether the family scales: no failed run and exponents within the limits."""
    if result.note:
        return False
    if result.family.exponential:
        return result.seconds[-1] <= MUTUAL_LIMIT
    if exponent(result, result.seconds) > MAX_EXPONENT:
        return False
    return not (exponent(result, result.peaks) > MAX_EXPONENT and result.peaks[-1] > RSS_FLOOR)


def row(result: Result) -> tuple[str, ...]:
    """The table cells of one family (``-`` for the figures a failed run did not give)."""
    done = len(result.seconds) == len(result.sizes)
    times = [f"{s:.2f}" for s in result.seconds] + ["-"] * (3 - len(result.seconds))
    peaks = [f"{p / 2**20:.0f}" for p in result.peaks] + ["-"] * (3 - len(result.peaks))
    time_exp = f"{exponent(result, result.seconds):.2f}" if done else "-"
    rss_exp = f"{exponent(result, result.peaks):.2f}" if done else "-"
    note = result.note or (
        f"judged by time ≤ {MUTUAL_LIMIT:.0f} s" if result.family.exponential else ""
    )
    return (
        result.family.name,
        result.family.command,
        "/".join(map(str, result.sizes)),
        " / ".join(times),
        time_exp,
        " / ".join(peaks),
        rss_exp,
        "yes" if verdict(result) else "NO",
        note,
    )


def table(results: list[Result]) -> None:
    """Print one row per family, in the layout of ``benchmarks/run.py``."""
    header = (
        "family",
        "command",
        "sizes",
        "time n / 2n / 4n (s)",
        "exp",
        "RSS n / 2n / 4n (MB)",
        "exp",
        "ok",
        "note",
    )
    rows = [header, *map(row, results)]
    widths = [max(len(r[i]) for r in rows) for i in range(len(header))]
    for index, cells in enumerate(rows):
        print(" | ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip())
        if index == 0:
            print("-|-".join("-" * w for w in widths))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument(
        "--quick", action="store_true", help="half sizes, one family per command (smoke test)"
    )
    parser.add_argument("--family", choices=[f.name for f in FAMILIES], help="run this one only")
    args = parser.parse_args()
    chosen = [f for f in FAMILIES if args.family in (None, f.name)]
    if args.quick and args.family is None:
        firsts: dict[str, Family] = {}
        for family in chosen:
            firsts.setdefault(family.command, family)
        chosen = list(firsts.values())
    results = []
    with tempfile.TemporaryDirectory(prefix="schemadrift-scaling-") as tmp:
        root = Path(tmp)
        # Nothing is read from or written to the user's ~/.cache (as in run.py).
        run.CHILD_ENV["SCHEMADRIFT_CACHE_DIR"] = str(root / "cache")
        run.run_once([*run.schemadrift_argv(), "--version"], root)  # writes .pyc files
        for family in chosen:
            results.append(measure(family, root, args.quick))
            print(f"{family.name}: done", file=sys.stderr, flush=True)
    table(results)
    print(f"\nmachine: {os.cpu_count()} CPUs, Python {sys.version.split()[0]}")
    return 0 if all(map(verdict, results)) else 1


if __name__ == "__main__":
    raise SystemExit(main())

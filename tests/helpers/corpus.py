"""The corpus of real provider cases (``fixtures/corpus/cases``), read one way for every test.

Each case is a fact from a public issue (schema, provider error, verdict, source URL); the
README beside the cases says where each came from. Verdict strings start with the verdict
(``reject (before) / accept (after)``); anything else (``not asserted``, ``see …``) asserts
nothing. Corpus dialect names map to schemadrift's ids through ``DIALECT_IDS``.

A verdict is read as users read it: each side of a case is written to a file, linted through
the command line with ``--format json``, and the report's per-dialect ``verdicts`` column for
the tool gives it (``fail`` = reject, ``warn`` = warn, ``pass`` = accept). The same code scores
the shared corpus in CI (``benchmarks/corpus.py``), so it imports nothing from pytest.
"""

from __future__ import annotations

import contextlib
import io
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

CASES_DIR = Path(__file__).resolve().parents[2] / "fixtures" / "corpus" / "cases"
DIALECT_IDS = {
    "openai-nonstrict": "openai",
    "vertex-gemini": "vertex",
    "gemini-parametersJsonSchema": "gemini-json",
    "bedrock-converse": "bedrock",
    "bedrock-converse-strict": "bedrock-strict",
}
VERDICTS = ("reject", "accept", "warn")
REPORTED = {"fail": "reject", "warn": "warn", "pass": "accept"}


@dataclass(frozen=True)
class Expectation:
    """One verdict a case asserts: ``side`` is ``before``/``after``/``schema``/``tool``, or
    ``tools`` for a toolset case, where ``tool`` names the judged tool."""

    case: str
    dialect: str
    side: str
    verdict: str
    tool: str | None = None

    @property
    def id(self) -> str:
        where = f"{self.side}:{self.tool}" if self.tool else self.side
        return f"{self.case}-{self.dialect}-{where}"


def dialect_id(name: str) -> str:
    return DIALECT_IDS.get(name, name)


def verdict_of(text: object) -> str | None:
    """The verdict a corpus string asserts (``reject (before) / ...`` → ``reject``), or None."""
    if not isinstance(text, str):
        return None
    word = text.strip().split(" ", 1)[0].rstrip(",;:")
    return word if word in VERDICTS else None


def load(case: str, folder: Path = CASES_DIR) -> dict[str, Any]:
    """The case named ``case`` (its file name without ``.json``)."""
    data: dict[str, Any] = json.loads((folder / f"{case}.json").read_text("utf-8"))
    return data


def case_ids(folder: Path = CASES_DIR) -> list[str]:
    return sorted(path.stem for path in folder.glob("*.json"))


def document(case: str, side: str, folder: Path = CASES_DIR) -> Any:
    """The JSON document a side of the case holds, in a shape ``lint`` reads: a toolset's
    ``{name: schema}`` map becomes an MCP ``tools/list`` result."""
    data = load(case, folder)
    if side == "tools":
        tools = data["tools"]
        if isinstance(tools, dict):
            examples = tools.get("after_examples", tools)
            return {"tools": [{"name": n, "inputSchema": s} for n, s in examples.items()]}
        return tools
    return data[side]


def _sides(data: dict[str, Any]) -> tuple[str, ...]:
    if data["case_type"] == "before_after":
        return ("before", "after")
    return ("tool",) if data["case_type"] == "tool_definition" else ("schema",)


def expectations(folder: Path = CASES_DIR) -> list[Expectation]:
    """Every verdict the corpus asserts, per case, dialect and side."""
    out: list[Expectation] = []
    for case in case_ids(folder):
        data = load(case, folder)
        expected = data["expected"]
        if data["case_type"] == "toolset":
            for tool, per in sorted((expected.get("per_tool") or {}).items()):
                for name, text in per.items():
                    if verdict := verdict_of(text):
                        out.append(Expectation(case, dialect_id(name), "tools", verdict, tool))
            continue
        per_dialect = expected.get("per_dialect")
        if per_dialect is None:
            per_dialect = dict.fromkeys(data["dialect"], expected.get("verdict"))
        if "all" in per_dialect:
            per_dialect = dict.fromkeys(data["dialect"], per_dialect["all"])
        for name, value in per_dialect.items():
            if isinstance(value, dict):
                for side in ("before", "after"):
                    if verdict := verdict_of(value.get(side)):
                        out.append(Expectation(case, dialect_id(name), side, verdict))
            elif verdict := verdict_of(value):
                out.append(Expectation(case, dialect_id(name), _sides(data)[-1], verdict))
    return out


@dataclass(frozen=True)
class Judgement:
    """What the report said of one expectation: the verdict, and the error rules behind it."""

    verdict: str
    causes: frozenset[str]
    findings: tuple[tuple[str, str, str], ...]


def judge(expectation: Expectation, workdir: Path, folder: Path = CASES_DIR) -> Judgement:
    """Lint the expectation's side with ``schemadrift lint --format json`` (in-process) in
    ``workdir`` and read the tool's verdict for the dialect from the report."""
    from schemadrift.cli import main

    path = workdir / f"{expectation.case.replace('-', '_')[:60]}.json"
    path.write_text(json.dumps(document(expectation.case, expectation.side, folder)), "utf-8")
    out, err = io.StringIO(), io.StringIO()
    args = ["lint", str(path), "--dialect", expectation.dialect, "--format", "json"]
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main([*args, "--fail-on", "never", "--no-cache"])
    if code != 0:
        raise AssertionError(f"{expectation.id}: exit {code}: {err.getvalue()}")
    report = json.loads(out.getvalue())
    rows = report["tools"]
    if expectation.tool is not None:
        rows = [row for row in rows if row["name"] == expectation.tool]
    if len(rows) != 1:
        raise AssertionError(f"{expectation.id}: {len(rows)} tools judged")
    name = rows[0]["name"]
    mine = [f for f in report["findings"] if f["tool"] in (name, None)]
    return Judgement(
        REPORTED[rows[0]["verdicts"][expectation.dialect]],
        frozenset(f["rule"] for f in mine if f["severity"] == "error"),
        tuple((f["rule"], f["pointer"], f["severity"]) for f in mine),
    )


def agrees(expectation: Expectation, judgement: Judgement) -> bool:
    """Whether the verdict is the corpus verdict (an ``accept`` is met by a warning too)."""
    got, want = judgement.verdict, expectation.verdict
    return got == want or (want == "accept" and got == "warn")

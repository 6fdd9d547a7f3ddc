"""The Markdown report: for a pull-request comment or ``$GITHUB_STEP_SUMMARY``.

A headline with the verdict and counts, the tool × dialect matrix, then the findings grouped by
tool, worst first, each with its witness and the version bumps it came with. Text from tool
schemas is put in code spans or fenced blocks so it cannot become Markdown or HTML. The report
stops adding tools before GitHub's size limits (65,536 characters for a comment, 1 MiB for a
step summary) and says how many it left out.
"""

from __future__ import annotations

import json
import re
from itertools import groupby

from schemadrift.model import Finding, Severity
from schemadrift.report.escape import no_commands, visible
from schemadrift.result import RunResult, ToolSummary

LIMIT = 60_000
ICON = {"pass": "✅ pass", "warn": "⚠️ warn", "known": "☑️ known", "fail": "❌ fail"}
LABEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "info"}


def code(text: str) -> str:
    """``text`` as an inline code span that survives backticks and table pipes inside it."""
    text = visible(text.replace("\r", " ").replace("\n", " ")).replace("|", "\\|")
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") or not text.strip() else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def prose(text: str) -> str:
    """Free text (messages, hints): its `code spans` kept, markup characters elsewhere escaped.

    Rule messages quote keywords in backticks on purpose; everything outside them is escaped
    so a tool name or description quoted in a message cannot open a tag or a link.
    """
    parts = re.split(r"(`[^`\n]*`)", visible(text.replace("\r", " ").replace("\n", " ")))
    for index in range(0, len(parts), 2):
        out = parts[index].replace("\\", "\\\\")
        for char in "<>*_[]|":
            out = out.replace(char, "\\" + char)
        parts[index] = out
    return "".join(parts)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'s' if count != 1 else ''}"


def _headline(result: RunResult) -> list[str]:
    errors = result.count(Severity.ERROR)
    warnings = result.count(Severity.WARNING)
    infos = result.count(Severity.INFO)
    verdict = "❌ failed" if result.exit_code else "✅ passed"
    counts = f"{_plural(errors, 'error')}, {_plural(warnings, 'warning')}, {infos} info"
    if result.acknowledged:
        counts += f", {result.acknowledged} acknowledged"
    lines = [f"## schemadrift {result.command}: {verdict}", ""]
    detail = f"{_plural(len(result.tools), 'tool')}"
    if result.dialects:
        detail += " against " + ", ".join(code(d) for d in result.dialects)
    if result.baseline:
        detail += f"; baseline {code(result.baseline)}"
    lines.append(f"{detail}: **{counts}** (fail on {code(result.fail_on)}).")
    return [*lines, ""]


def _matrix(result: RunResult) -> list[str]:
    if not result.tools or not result.dialects:
        return []
    lines = [
        "| tool | " + " | ".join(code(d) for d in result.dialects) + " |",
        "|---|" + "---|" * len(result.dialects),
    ]
    listed, passing = result.matrix_tools()
    size = cut = 0
    for index, tool in enumerate(listed):
        cells = [_cell(tool, d) for d in result.dialects]
        row = f"| {code(tool.name)} | " + " | ".join(cells) + " |"
        size += len(row) + 1
        if size > LIMIT // 2:  # the findings below get the other half
            cut = len(listed) - index
            break
        lines.append(row)
    notes = []
    if passing:
        notes.append(f"{_plural(passing, 'more tool')} {_pass(passing)} every dialect.")
    if cut:
        notes.append(
            f"{_plural(cut, 'more tool')} with findings left out to stay within GitHub's size "
            "limits; see the findings below."
        )
    if notes:
        lines += ["", f"_{' '.join(notes)}_"]
    return [*lines, ""]


def _cell(tool: ToolSummary, dialect: str) -> str:
    """A matrix cell: the verdict, and how many acknowledged errors it carries."""
    if dialect not in tool.verdicts:
        return "–"
    cell = ICON[tool.verdicts[dialect]]
    known = tool.known.get(dialect, 0)
    if known:
        cell += f" ({_plural(known, 'error')})"
    return cell


def _pass(count: int) -> str:
    return "passes" if count == 1 else "pass"


def _finding(finding: Finding) -> list[str]:
    scope = f" [{code(finding.dialect)}]" if finding.dialect else ""
    lines = [
        f"- **{LABEL[finding.severity]}** {code(finding.rule_id)}{scope} at "
        f"{code(finding.pointer or '(tool)')}: {prose(finding.message)}"
    ]
    if finding.consumers:
        lines.append("  - breaks: " + ", ".join(finding.consumers))
    if finding.has_witness:
        body = json.dumps(finding.witness, indent=2, ensure_ascii=False)
        fence = "`" * max(3, max((len(r) for r in re.findall(r"`+", body)), default=0) + 1)
        lines += ["  - witness (valid before, rejected now):", "", f"    {fence}json"]
        lines += [f"    {visible(line)}" for line in body.splitlines()]
        lines += [f"    {fence}", ""]
    if finding.attribution:
        lines.append("  - came with: " + ", ".join(code(str(b)) for b in finding.attribution))
    if finding.hint:
        lines.append(f"  - fix: {prose(finding.hint)}")
    return lines


def _rank(finding: Finding) -> tuple[int, str, str, str]:
    return (-int(finding.severity), finding.pointer, finding.rule_id, finding.dialect or "")


def render(result: RunResult) -> str:
    threshold = (
        Severity.ERROR
        if result.verbosity <= 0
        else Severity.WARNING
        if result.verbosity == 1
        else Severity.INFO
    )
    lines = _headline(result) + _matrix(result)
    shown = [f for f in result.findings if not f.acknowledged and f.severity >= threshold]
    hidden = sum(1 for f in result.findings if not f.acknowledged and f.severity < threshold)
    ordered = sorted(shown, key=lambda f: (f.tool or "", _rank(f)))
    groups = [(tool, list(items)) for tool, items in groupby(ordered, key=lambda f: f.tool or "")]
    size = sum(len(line) + 1 for line in lines)
    left_out = 0
    for tool, items in groups:
        first = items[0].location
        where = ""
        if first.file:
            where = f" — {code(first.file + (f':{first.line}' if first.line else ''))}"
        section = [f"### {code(tool) if tool else '(toolset)'}{where}", ""]
        for finding in items:
            section += _finding(finding)
        section.append("")
        cost = sum(len(line) + 1 for line in section)
        if size + cost > LIMIT:
            left_out += len(items)
            continue
        size += cost
        lines += section
    if left_out:
        lines += [
            f"_{_plural(left_out, 'more finding')} left out to stay within GitHub's size "
            "limits; see the full report (`--format json`)._",
            "",
        ]
    if hidden:
        lines += [f"_{_plural(hidden, 'finding')} below the shown level (use `-v`)._", ""]
    if result.stale_acks:
        lines += ["### Stale acknowledgements", ""]
        lines += [
            f"- {code(ack.fingerprint)} matches no finding; remove it from the acks file"
            for ack in result.stale_acks
        ]
        lines.append("")
    if not shown and not hidden:
        lines += ["No findings.", ""]
    return "\n".join(no_commands(lines)).rstrip("\n") + "\n"

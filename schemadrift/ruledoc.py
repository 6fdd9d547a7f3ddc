"""The documentation of a rule or change kind: ``RuleDoc``, read from a docstring by ``parse_doc``.

Rules keep their docs in their check function's docstring under fixed headings, as ruff does;
change kinds, which have no check function, write the same text and are read the same way, so
every page of the catalogue has one form.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class RuleDoc:
    """A rule's or change kind's documentation, section by section (``DOC_SECTIONS``)."""

    summary: str
    why: str
    fix: str
    known_problems: str = ""


DOC_SECTIONS = {"Why": "why", "Fix": "fix", "Known problems": "known_problems"}
"""The headings of a rule's docstring (``## Why``...), in the order they are written."""


def parse_doc(text: str, where: str) -> RuleDoc:
    """A rule's documentation from its check function's docstring.

    The first paragraph is the summary; ``## Why`` and ``## Fix`` follow (both required), then
    an optional ``## Known problems``. The lines of a paragraph are joined with single spaces
    (a docstring wraps at the line length, a rendered doc does not); blank lines separate
    paragraphs, and a line starting with ``- `` starts a list item of its own.
    """
    import inspect

    sections: dict[str, list[str]] = {"summary": []}
    current = "summary"
    for line in inspect.cleandoc(text).splitlines():
        if line.startswith("## "):
            heading = line[3:].strip()
            if heading not in DOC_SECTIONS or DOC_SECTIONS[heading] in sections:
                raise ValueError(f"{where}: unexpected docstring heading {line!r}")
            current = DOC_SECTIONS[heading]
            sections[current] = []
            continue
        sections[current].append(line)
    texts = {name: _paragraphs(lines) for name, lines in sections.items()}
    for required in ("summary", "why", "fix"):
        if not texts.get(required):
            raise ValueError(f"{where}: the docstring has no {required}")
    return RuleDoc(
        summary=texts["summary"],
        why=texts["why"],
        fix=texts["fix"],
        known_problems=texts.get("known_problems", ""),
    )


def _paragraphs(lines: list[str]) -> str:
    """Paragraphs joined by a blank line, each paragraph's lines joined by a space."""
    paragraphs: list[list[str]] = [[]]
    for line in lines:
        stripped = line.strip()
        if not stripped:
            paragraphs.append([])
        elif stripped.startswith("- ") and paragraphs[-1]:
            paragraphs[-1].append("\n" + stripped)
        else:
            paragraphs[-1].append(stripped)
    joined = (" ".join(words).replace(" \n", "\n") for words in paragraphs if words)
    return "\n\n".join(joined)

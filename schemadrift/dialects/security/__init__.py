"""The always-on ``security`` pack: tool definitions that can steer or deceive the model.

A tool's name, description, parameter docs, titles, defaults, enum values, examples and
extension keys are all prompt text the model reads on every call, written by whoever ships
the tool (often a third-party MCP server). These rules look for the known tool-poisoning
patterns: text the user cannot see, text addressed to the model instead of describing the
tool, and names that impersonate another tool.

Text is matched after folding the usual evasions away: invisible characters are removed
(``ig\\u00adnore``), NFKC folds fullwidth and styled forms (``＜IMPORTANT＞``, ``𝐢𝐠𝐧𝐨𝐫𝐞``),
and look-alike letters are mapped to their Unicode TR39 prototypes (a Cyrillic ``і``). The
confusables table is Unicode's own ``confusables.txt`` (UTS #39, shipped under
``schemadrift/data/``, loaded on first use). Patterns are deliberately narrow: the production
toolsets in the conformance suite must stay quiet (``benchmarks/security.py`` measures both).

Where things are:

- ``invisible.py``, ``injection.py``, ``names.py``: the three rules, one module each (importing
  them registers them);
- ``patterns.py``: the attack phrasings the injection rule looks for;
- ``text.py``: invisible characters, Unicode folding and TR39 skeletons;
- ``tool_text.py``: every text of a tool the model reads, with its pointer;
- ``evidence.py``: the published sources; ``examples.py``: escaped documentation examples.
"""

from __future__ import annotations

from schemadrift.dialects.security import injection, invisible, names
from schemadrift.registry import Dialect, dialect

__all__ = ["SECURITY", "injection", "invisible", "names"]

SECURITY = dialect(
    Dialect(
        id="security",
        title="Security (always on)",
        always=True,
        notes=(
            "Tool-poisoning patterns in every text a model reads; warnings by default, an "
            "order to send a credential file out is an error."
        ),
    )
)

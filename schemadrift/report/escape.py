"""Text from schemas shown safely: control characters made visible, no line a runner obeys.

Tool names, property names, descriptions and values come from files, servers and frameworks
schemadrift does not control. A line report printed in CI must not let them:

- move the terminal (CSI/OSC escapes: clear the screen, set the window title, hide text),
- start a line of their own (a newline inside a name), and above all
- start a line with ``::``, which the GitHub Actions runner executes as a workflow command
  (``::error file=README.md::`` forges an annotation, ``::add-mask::`` hides log text).

``visible`` escapes every C0 and C1 control character, DEL, the Unicode line and paragraph
separators and the bidirectional overrides (Trojan Source) as ``\\n``, ``\\x1b``, ``\\u202e``;
``no_commands`` is the last pass of each line-based report: a line that still begins with
``::`` is indented by one space, so the runner prints it as text. JSON reports (``json_text``)
escape what ``json.dumps`` leaves raw inside strings (C1 controls, U+2028/2029, bidi
overrides) as ``\\uXXXX``: the same value, and nothing a terminal acts on.
"""

from __future__ import annotations

import json
import re
from typing import Any

_SHOWN = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    if char in _SHOWN:
        return _SHOWN[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str) -> str:
    """``text`` with its control, separator and bidi-override characters written as escapes."""
    if text.isascii() and text.isprintable():
        return text  # nearly every message: nothing in it for ``_CONTROL`` to match
    return _CONTROL.sub(_escape, text)


def no_commands(lines: list[str]) -> list[str]:
    """``lines`` with any that starts with ``::`` indented by one space (a workflow command
    must start its line)."""
    return [" " + line if line.startswith("::") else line for line in lines]


_RAW_IN_JSON = re.compile("[\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def json_text(value: Any) -> str:
    """``value`` as indented JSON whose strings hold no raw control or bidi character."""
    text = json.dumps(value, indent=2, ensure_ascii=False)
    return _RAW_IN_JSON.sub(lambda match: f"\\u{ord(match.group()):04x}", text)

"""Documentation examples for rules about characters a reader cannot see.

The rule pages print each example as JSON; printed as they are, invisible and look-alike
characters would hide the very thing the page is about, so `shown` escapes them.
"""

from __future__ import annotations

import json
import unicodedata

from schemadrift.dialects.security.text import is_selector
from schemadrift.model import JSON
from schemadrift.registry import Example


def shown(value: JSON, note: str = "") -> Example:
    """A documentation example whose invisible and look-alike characters are shown as JSON
    escapes (``\\u200b``, ``\\u0435``): printed as they are, the page would hide the very
    thing it is about. The value itself is what the example tests run."""

    def escape(char: str) -> str:
        code = ord(char)
        if code > 0xFFFF:
            code -= 0x10000
            return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"
        return f"\\u{code:04x}"

    text = json.dumps(value, indent=2, ensure_ascii=False)
    escaped = "".join(
        escape(c)
        if c in _SHOWN
        or is_selector(c)
        or "\uff00" <= c <= "\uffef"
        or (not c.isascii() and unicodedata.category(c)[0] in "LC")
        else c
        for c in text
    )
    return Example(value, note, escaped)


_SHOWN = frozenset("\u00ad\u034f\u115f\u1160\u2028\u2029\u3164\uffa0")

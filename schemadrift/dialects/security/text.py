"""Text as the security rules read it: which characters render as nothing, and Unicode folding.

Attackers hide words from filters with invisible characters (``ig\\u00adnore``), fullwidth and
styled forms (``＜IMPORTANT＞``) and look-alike letters (a Cyrillic ``і``). `fold` undoes all
three for the instruction patterns; `skeleton` and `confusable_skeleton` give the Unicode TR39
comparison keys for tool names. The look-alike table is Unicode's own ``confusables.txt`` (UTS
#39, shipped under ``schemadrift/data/``, read on first use).
"""

from __future__ import annotations

import functools
import os
import re
import unicodedata
from collections.abc import Callable

# --- Invisible characters ------------------------------------------------------------------

# Characters that render as nothing (or nearly): the format characters (Cf) that hide text,
# zero-width and bidirectional controls, the soft hyphen, the combining grapheme joiner, Khmer
# inherent vowels, Mongolian selectors, line/paragraph separators, Hangul fillers,
# interlinear annotation controls, shorthand and musical format controls, variation
# selectors and the whole tag/selector plane (U+E0000-E0FFF). Legitimate uses are told apart
# by context in `invisible.py`. Visible format characters (Arabic number signs, Egyptian
# hieroglyph controls) are not listed.
_INVISIBLE_CLASS = (
    "\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u2028-\u202e"
    "\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff9-\ufffb"
    "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0000-\U000e0fff"
)
INVISIBLE = re.compile(f"[{_INVISIBLE_CLASS}]")
_IGNORABLE = INVISIBLE  # what `fold` and the skeletons drop (U+2028/2029 become newlines first)


def is_selector(char: str) -> bool:
    """A variation selector (U+FE00-FE0F, U+E0100-E01EF): legitimate alone after a character
    with variants, a hiding place for bytes in a run; the examples escape it too."""
    return "\ufe00" <= char <= "\ufe0f" or "\U000e0100" <= char <= "\U000e01ef"


# --- Unicode data: TR39 confusables --------------------------------------------------------


# schemadrift/data/confusables.txt, two levels above this package.
_DATA_FILE = os.path.join(os.path.dirname(__file__), "..", "..", "data", "confusables.txt")


@functools.cache
def _confusables_text() -> str:
    """The shipped UTS #39 ``confusables.txt`` (read once; 129 kB, about 0.3 ms)."""
    with open(_DATA_FILE, encoding="utf-8") as handle:
        return "\n" + handle.read()


def _prototype(char: str) -> str | None:
    """The TR39 prototype of one character, or ``None`` when it has none. The table is not
    parsed: a name or a text holds few distinct characters, and each is looked up once (a
    ``find`` in the file's text) and memoised by the translation tables below."""
    data = _confusables_text()
    key = f"\n{ord(char):04X} ;\t"
    at = data.find(key)
    if at < 0:
        return None
    start = at + len(key)
    return "".join(chr(int(code, 16)) for code in data[start : data.index(" ;", start)].split())


def confusables() -> dict[str, str]:
    """Every mapping of the shipped table: source character -> prototype string."""
    rows = re.findall(r"^([0-9A-F]+) ;\t([0-9A-F ]+?) ;", _confusables_text(), re.MULTILINE)
    return {chr(int(src, 16)): "".join(chr(int(c, 16)) for c in dst.split()) for src, dst in rows}


class _Memo(dict[int, str]):
    """A ``str.translate`` table filled on first use of each character."""

    def __init__(self, convert: Callable[[str], str]) -> None:
        super().__init__()
        self.convert = convert

    def __missing__(self, key: int) -> str:
        value = self[key] = self.convert(chr(key))
        return value


def _prose_prototype(char: str) -> str:
    """How `fold` rewrites a character: a non-ASCII character whose prototype is ASCII becomes
    that ASCII (patterns written in ASCII then match a Cyrillic ``і`` or a ``‹``). ASCII itself
    is left alone: TR39 folds ``m`` to ``rn`` and ``I`` to ``l``, which would break words. An
    upper-case letter whose prototype is ``l`` becomes ``I`` (a Cyrillic ``І`` in ``ІGNORE``)."""
    if char.isascii():
        return char
    target = _prototype(char)
    if target is None:
        return char
    target = unicodedata.normalize("NFKC", target)
    if not target.isascii() or not target.strip():
        return char
    if target == "l" and unicodedata.category(char) == "Lu":
        return "I"
    return target


@functools.cache
def _ascii_skeleton() -> dict[int, str]:
    """The prototypes of ASCII characters (``I``, ``1`` and ``|`` are ``l``, ``0`` is ``O``,
    ``m`` is ``rn``...), read from the table in one pass: most tool names are ASCII."""
    rows = re.findall(r"\n(00[0-7][0-9A-F]) ;\t([0-9A-F ]+?) ;", _confusables_text())
    return {int(src, 16): "".join(chr(int(c, 16)) for c in dst.split()) for src, dst in rows}


def _skeleton_prototype(char: str) -> str:
    """How the skeletons rewrite a character: its TR39 prototype, ASCII included."""
    if char.isascii():
        return _ascii_skeleton().get(ord(char), char)
    return _prototype(char) or char


_SKELETON_TABLE = _Memo(_skeleton_prototype)
_PROSE_TABLE = _Memo(_prose_prototype)


def confusable_skeleton(text: str) -> str:
    """The Unicode TR39 skeleton: NFD, default-ignorable characters removed, each character
    replaced by its prototype, NFD again. Two strings are confusable when skeletons are equal."""
    if text.isascii():  # NFD changes nothing, nothing is ignorable, prototypes are in NFD
        return text.translate(_ascii_skeleton())
    text = _IGNORABLE.sub("", unicodedata.normalize("NFD", text))
    return unicodedata.normalize("NFD", text.translate(_SKELETON_TABLE))


def skeleton(name: str) -> str:
    """A case-insensitive comparison key: NFKC and case folding around the TR39 skeleton."""
    if name.isascii():
        return confusable_skeleton(name.lower()).lower()
    return confusable_skeleton(unicodedata.normalize("NFKC", name).casefold()).casefold()


def fold(text: str) -> str:
    """Prose as the patterns read it: invisible characters removed, line and paragraph
    separators made newlines, NFKC, and non-ASCII look-alikes mapped to ASCII (TR39)."""
    if text.isascii():
        return text
    text = _IGNORABLE.sub("", text.replace("\u2028", "\n").replace("\u2029", "\n"))
    return unicodedata.normalize("NFKC", text).translate(_PROSE_TABLE)

"""Clean: turn a scraped title and body into the text eventwire codes.

General rules, no site-specific ones: drop repeated title lines, tracking-pixel and image alt-text lines,
share/subscribe/cookie/advertising lines, menus, lines without a letter or digit, bylines glued to the
text; normalise quotation marks, dashes, whitespace and line breaks (``\n`` is the only one left); remove
control characters. The cleaned body is the text every offset refers to.

Cleaning is idempotent: cleaning a cleaned text again (with its title) changes nothing.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

__all__ = ["CleanText", "clean_document", "normalise_text", "dateline_end", "MAX_CHARS"]

#: Bodies longer than this many characters (about 15,000 words, longer than nearly any news article)
#: are cut at a paragraph or sentence end, with a note: a 20 MB scrape is not an article, and coding
#: time grows with length.
MAX_CHARS = 100_000

_TRANSLATE = str.maketrans({
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u00ab": '"', "\u00bb": '"',
    "\u2033": '"', "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u2013": "-", "\u2014": "-", "\u2015": "-", "\u2212": "-", "\u00a0": " ", "\u2009": " ",
    "\u202f": " ", "\u2007": " ", "\u200b": "", "\u200e": "", "\u200f": "", "\ufeff": "",
    "\u2026": "...",
    # line breaks other than "\n" (vertical tab, form feed, separators, NEL): one kind of line break
    "\x0b": "\n", "\x0c": "\n", "\x1c": "\n", "\x1d": "\n", "\x1e": "\n", "\x85": "\n", "\u2028": "\n",
    "\u2029": "\n",
})
# C0/C1 controls (not tab and newline) and lone surrogates, which no encoder accepts.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
_SPACES = re.compile(r"[ \t]+")
_MANY_NEWLINES = re.compile(r"\n{3,}")
#: Page furniture is short: longer lines are text, and are not matched against the debris patterns.
_MAX_DEBRIS_CHARS = 400

# Whole lines that are page furniture rather than article text (the last: a menu, "Home | World | Sport").
_DEBRIS_LINE = re.compile(
    r"""^(
        (online|offline)\s+view\s+pixel.*
      | .*\btracking\s+pixel\b.*
      | (image|photo|picture|video|graphic)\s*(:|credit|caption|source).{0,120}
      | (share|tweet|email|print|pin)\s*(this|on|via|the)?\s*(article|story|page|post|facebook|twitter|x|whatsapp|linkedin|email)?\s*[:!.]?
      | share\s+(this|on|via)\b.{0,60}
      | (subscribe|sign\s+up|register|log\s*in|join)\b.{0,80}(newsletter|subscribe|inbox|updates|free|account|now)\b.*
      | (this\s+(web)?site|we)\s+uses?\s+cookies\b.{0,200}
      | (accept|reject|manage)\s+(all\s+)?cookies\b.{0,100}
      | cookie\s+(policy|settings|preferences|consent|notice)\b.{0,100}
      | (advertisement|advertising|sponsored(\s+content)?|ad)\s*:?
      | (read|see)\s+(more|also)\s*:?.{0,120}
      | related\s*(articles|stories|coverage|content)?\s*:.*
      | (click|tap)\s+here\b.{0,100}
      | follow\s+us\b.{0,100}
      | (getty\s+images|afp\s+photo|reuters/|ap\s+photo).{0,80}
      | (copyright|©|\(c\))\s*\d{0,4}.{0,120}
      | all\s+rights\s+reserved\.?
      | (comments?|\d+\s+comments?)\s*:?
      | (next|previous)\s+(article|story)\s*:?.{0,120}
      | (skip\s+to\s+(main\s+)?content|back\s+to\s+top|menu|home)\s*
      | ([^|\u2022\u00b7]{1,25}[|\u2022\u00b7]){2,}[^|\u2022\u00b7]{1,25}
    )$""",
    re.IGNORECASE | re.VERBOSE,
)
# A byline glued to the first words of the text: "By Jane Doe, Staff WriterBEIRUT -" or "By JANE DOE".
# The byline ends where a lower-case letter meets the capitals of the dateline ("KhouryBEIRUT"), so the
# dateline itself ("DAMASCUS, Syria -") is never cut.
_GLUED_BYLINE = re.compile(
    r"^By\s+[A-Z][\w.'-]*[a-z](?:\s+[A-Z][\w.'-]*[a-z]){0,3}(?:\s*(?:,|and)\s*[A-Z][\w ]{0,40}?[a-z])??"
    r"(?=[A-Z]{2,}[A-Z]*[\s,(-])"
)
#: A glued byline is short; matching only the text's start keeps the pattern's backtracking bounded.
_BYLINE_WINDOW = 200
# A byline line: "By Jane Doe", "By Jane Doe and Ali Reza, Staff Writers"; not "By Tuesday the army had ..."
_BYLINE_LINE = re.compile(
    r"^(By|Written by|Reporting by|Edited by)\s+[A-Z][\w.'-]+(?:\s+(?:[A-Z][\w.'-]+|and|de|al|van|von|bin|el)){0,5}"
    r"(?:\s*[,|]\s*[A-Z][\w ]{0,40})?\.?$"
)
# Where a cut may end: a paragraph break, else a sentence end, else a space.
_CUT_POINTS = (re.compile(r"\n\s*\n"), re.compile(r"[.!?]\s"), re.compile(r"\s"))


@dataclass(slots=True)
class CleanText:
    """The cleaned title and body, and notes on what cleaning removed."""

    title: str
    text: str
    notes: list[str] = field(default_factory=list)


def normalise_text(text: str) -> str:
    """Normalise Unicode, quotation marks, dashes, control characters and spaces within lines.

    Normalising twice gives the same text as normalising once.

    >>> normalise_text("\u201cHe  said\u2019s\u201d\u2014ok")
    '"He said\\'s"-ok'
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.translate(_TRANSLATE)
    text = _CONTROL.sub("", text)
    # NFC last: removing a control or zero-width character can bring a letter and its accent together
    text = unicodedata.normalize("NFC", text)
    return _SPACES.sub(" ", text)


def _key(line: str) -> str:
    return re.sub(r"[\W_]+", " ", line).strip().lower()


def _cut(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` characters, at a paragraph or sentence end when one is near."""
    window = text[:limit]
    floor = limit * 9 // 10
    for pattern in _CUT_POINTS:
        ends = [m.start() + 1 for m in pattern.finditer(window, floor)]
        if ends:
            return window[: ends[-1]]
    return window


def _is_debris(line: str, title_key: str) -> bool:
    if title_key and _key(line) == title_key:
        return True
    if not any(c.isalnum() for c in line):
        return True  # separators ("* * *", "---") and stray markup ("</"): nothing to read
    if len(line) > _MAX_DEBRIS_CHARS:
        return False
    return bool(_DEBRIS_LINE.match(line) or _BYLINE_LINE.match(line))


def _drop_debris(body: str, title_key: str) -> tuple[str, int]:
    kept: list[str] = []
    removed = 0
    for raw in body.split("\n"):
        line = raw.strip()
        if not line:
            kept.append("")
        elif _is_debris(line, title_key):
            removed += 1
        else:
            kept.append(line)
    return _MANY_NEWLINES.sub("\n\n", "\n".join(kept)).strip(), removed


def clean_document(title: str, body: str) -> CleanText:
    """Clean one document's title and body.

    >>> c = clean_document("Talks resume", "Talks resume\\n\\nEnvoys met in Geneva.\\nShare this article\\nOnline view pixel")
    >>> c.title, c.text
    ('Talks resume', 'Envoys met in Geneva.')
    >>> again = clean_document(c.title, c.text)
    >>> (again.title, again.text) == (c.title, c.text)
    True
    """
    notes: list[str] = []
    title = normalise_text(title).strip()
    cut = len(body) > 2 * MAX_CHARS
    if cut:
        body = body[: 2 * MAX_CHARS]  # normalising a 20 MB body only to cut it would be slow
    body = normalise_text(body)
    if len(body) > MAX_CHARS:
        body = _cut(body, MAX_CHARS)
        cut = True
    if cut:
        notes.append(f"text longer than {MAX_CHARS} characters: cut")
    title_key = _key(title)
    text, removed = _drop_debris(body, title_key)
    # A byline glued to the first words; once removed, the line it leaves may itself be debris.
    while glued := _GLUED_BYLINE.match(text[:_BYLINE_WINDOW]):
        text, more = _drop_debris(text[glued.end():], title_key)
        removed += 1 + more
    if removed:
        notes.append(f"removed {removed} debris line(s)")
    if not title:
        # A document without a title line: use its first sentence-like line as a display title only.
        first = text.split("\n", 1)[0]
        title = first[:120].rstrip()
    return CleanText(title=title, text=text, notes=notes)


_DATELINE = re.compile(
    r"^\s*[A-Z][A-Z.'\- ]{1,40}[A-Z]"              # BEIRUT, NEW DELHI, DEIR EZZOR
    r"(?:\s*,\s*[A-Z][\w.' ]{1,40}?)?"            # , Syria
    r"(?:\s*,\s*[A-Z][a-z]{2,9}\.?\s+\d{1,2})?"     # , March 3
    r"\s*(?:\([^)\n]{1,60}\))?"                   # (Reuters)
    r"\s*[-:\u2013\u2014]\s+"                     # - : – —
)


def dateline_end(text: str) -> int:
    """Where a wire dateline ("BEIRUT, March 3 (Reuters) - ") ends, or 0 when the text has none.

    The dateline says where a report was filed: its place is not an actor and not, by itself, where
    the events happened.

    >>> dateline_end("DAMASCUS, Syria (AP) - Troops shelled Homs.")
    23
    >>> dateline_end("Troops shelled Homs - residents said.")
    0
    """
    match = _DATELINE.match(text)
    return match.end() if match else 0

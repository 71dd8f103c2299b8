"""Read actor and agent dictionaries in the Phoenix/PETRARCH text format.

Users keep their own actor dictionaries in the format the Open Event Data Alliance's Phoenix
dictionaries use (``Phoenix.Countries.actors.txt``, ``Phoenix.International.actors.txt``,
``Phoenix.MilNonState.actors.txt``, ``Phoenix.agents.txt``). This module reads them into plain,
immutable records; matching them against text is somebody else's job.

Common rules (both kinds of file)
---------------------------------
* The file is read as UTF-8 (a byte-order mark is ignored); a file that is not valid UTF-8 is read
  as Latin-1 instead, which counts as a *problem* (see below).
* ``#`` starts a comment that runs to the end of the line, wherever it appears. Lines starting with
  ``<!`` and XML comments ``<!-- ... -->`` (also spanning lines) are comments too. Blank lines are
  skipped. Indentation means nothing.
* ``_`` joins the words of a phrase (``BASHAR_AL_ASSAD``); spaces do too. A trailing ``_`` (TABARI's
  "stopped word", i.e. no stemming) is dropped: PETRARCH matches whole words only.
* Dates are ``YYMMDD`` (6 digits) or ``YYYYMMDD`` (8 digits). Six-digit years follow PETRARCH's
  (and KEDS/TABARI's) century rule: ``00``-``30`` are 2000-2030, ``31``-``99`` are 1931-1999. That
  is why the Phoenix files write e.g. ``19270101`` for early dates.

Actor dictionaries
------------------
An *entry* line names an actor, optionally followed by one or more codes in brackets::

    SYRIA_  [SYR]
    BASHAR_AL_ASSAD_  # comment
    +BASHAR_ASSAD_
        [SYRELI 830101-000101]
        [SYRGOV >000717]
        [SYRELI]

``+PHRASE`` lines add synonyms to the current entry; ``[CODE ...]`` lines add codes to it. A code
may carry a date restriction: ``[SYRGOV >000717]`` applies *from* that day on (inclusive),
``[SYRGOV <120101]`` *before* that day, ``[SYRELI 500101-000610]`` from the first day (inclusive)
to the second (exclusive), exactly as PETRARCH's ``check_date`` compares them. A code without a
restriction is the entry's default (see :meth:`DictionaryActor.code_on`). ``---`` is PETRARCH's
null code ("known, but do not code").

Agent dictionaries
------------------
::

    !PERSON! = MAN, MEN, WOMAN, WOMEN, PERSON
    AMBASSADOR [~GOV]
    CATTLE!PERSON! [~AGR]
    ATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~GOVATG]
    POLICE {} [~COP]
    HUMAN_RIGHTS_BODY [NGO~]

``[~XXX]`` codes are added after the actor's code, ``[XXX~]`` codes before it (``prefix=True``).
``!NAME! = A, B, C`` defines a substitution set; a phrase containing ``!NAME!`` is expanded into one
phrase per member, with no further plurals. Otherwise the regular plural of the phrase's last word
is added (see :func:`regular_plural`) unless ``{...}`` gives the plural explicitly (``{}``: none).

Problems
--------
Structural errors, which leave the rest of the file meaningless (a synonym or code line before any
entry, an entry line with no name, an unreadable file, a malformed substitution-set definition),
always raise
:class:`~eventwire.errors.DictionaryError`. Problems confined to one code or one agent line (a bad or
impossible date, an unclosed bracket, an empty or malformed code, text after a code, an entry with no
code, an agent line without code, an undefined substitution set, a file that is not UTF-8) raise
too when ``strict=True``; by default the offending code or agent line is skipped (an actor entry
without codes is kept, as in PETRARCH: it just never yields a code) and a message ``"path:line: what is wrong"`` is appended to the ``warnings`` list
the caller passes, or logged when none is passed. The real Phoenix files have a handful of such
problems (``[KORGOVBUS 2004017-20061201]``, ``[IRQOCC 1920030320-20060520]``, ``[~ENV}``, ...)
and load in the default mode.
"""

from __future__ import annotations

import datetime
import functools
import logging
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

from eventwire.errors import DictionaryError

__all__ = [
    "Agent",
    "DatedCode",
    "DictionaryActor",
    "parse_dictionary_date",
    "read_actor_dictionary",
    "read_agent_dictionary",
    "regular_plural",
]

_log = logging.getLogger(__name__)

#: A code inside brackets: upper-case letters and digits, or PETRARCH's null code.
_CODE_RE = re.compile(r"[A-Z0-9]+|---")
#: A substitution-set definition in an agents file: ``!NAME! = A, B, C``.
_SUBST_DEF_RE = re.compile(r"!([^!\s=]+)!\s*=(.*)")


# ----------------------------------------------------------------------------------------------
# Records
# ----------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DatedCode:
    """One code of an actor entry and the days it applies on.

    ``start`` is inclusive and ``end`` exclusive; ``None`` leaves that side open. A code with both
    sides open is *undated*: the entry's default.

    >>> import datetime as dt
    >>> gov = DatedCode("SYRGOV", start=dt.date(2000, 7, 17), end=None)
    >>> gov.applies_on(dt.date(2012, 7, 12)), gov.applies_on(dt.date(2000, 7, 16))
    (True, False)
    >>> gov.applies_on(None), DatedCode("SYRELI", None, None).applies_on(None)
    (False, True)
    """

    code: str
    start: datetime.date | None
    end: datetime.date | None

    @property
    def dated(self) -> bool:
        """True when the code carries a date restriction."""
        return self.start is not None or self.end is not None

    def applies_on(self, day: datetime.date | None) -> bool:
        """Whether the code applies on ``day``.

        An undated code applies on every day, and also when the day is unknown (``day is None``).
        A dated code applies when ``start <= day < end`` (open sides always satisfied) and never
        when the day is unknown; :meth:`DictionaryActor.code_on` has a fallback for entries whose
        codes are all dated.
        """
        if day is None:
            return self.start is None and self.end is None
        if isinstance(day, datetime.datetime):  # a datetime is a date too, but does not compare
            day = day.date()
        if self.start is not None and day < self.start:
            return False
        return self.end is None or day < self.end


@dataclass(frozen=True, slots=True)
class DictionaryActor:
    """An actor entry: its name, synonyms and codes.

    ``name`` and ``synonyms`` keep the file's text (usually upper case) with ``_`` turned into
    spaces, runs of spaces collapsed and a trailing stop ``_`` dropped, e.g. ``"BASHAR AL ASSAD"``.
    ``codes`` are in file order. ``source`` is ``"<file name>:<line>"`` of the entry line.
    """

    name: str
    synonyms: tuple[str, ...]
    codes: tuple[DatedCode, ...]
    source: str

    @property
    def phrases(self) -> tuple[tuple[str, ...], ...]:
        """Every phrase naming the actor, as lower-cased word tuples: the name, then the synonyms.

        Duplicates are dropped. Words are split on white space only, so ``"AL-ASSAD"`` stays one
        word (``"al-assad"``); tokenising it like the text being matched is the matcher's job.
        """
        seen: dict[tuple[str, ...], None] = {}
        for phrase in (self.name, *self.synonyms):
            seen.setdefault(tuple(phrase.lower().split()), None)
        return tuple(seen)

    def code_on(self, day: datetime.date | None) -> str | None:
        """The code that applies on ``day``, or ``None`` if none does.

        Rules, in order:

        1. A known day: among the dated codes that apply on it, the one with the latest start
           wins (an open start counts as the earliest; ties go to the code listed last, as in
           PETRARCH where later lines override earlier ones).
        2. Otherwise, or when the day is unknown (``None``): the undated default code (the last
           one if several are listed).
        3. An unknown day and no undated code: the dated code with the latest start (ties: the
           last listed) -- the most recent role the dictionary knows of.
        4. ``None`` when the entry has no code at all, or on a known day no code applies.

        >>> import datetime as dt
        >>> a = DictionaryActor("X", (), (DatedCode("ABCELI", dt.date(1983, 1, 1), dt.date(2000, 1, 1)),
        ...     DatedCode("ABCGOV", dt.date(2000, 7, 17), None), DatedCode("ABCELI", None, None)), "f:1")
        >>> a.code_on(dt.date(1995, 1, 1)), a.code_on(dt.date(2012, 7, 12)), a.code_on(dt.date(2000, 3, 1))
        ('ABCELI', 'ABCGOV', 'ABCELI')
        >>> a.code_on(None)
        'ABCELI'
        """
        if day is not None:
            best = _latest_start(c for c in self.codes if c.dated and c.applies_on(day))
            if best is not None:
                return best.code
        default: DatedCode | None = None
        for code in self.codes:
            if not code.dated:
                default = code
        if default is not None:
            return default.code
        if day is None:
            best = _latest_start(self.codes)
            if best is not None:
                return best.code
        return None


@dataclass(frozen=True, slots=True)
class Agent:
    """One agent phrase (after substitution-set and plural expansion) and its code.

    ``phrase`` is lower-cased words joined by single spaces (``"cattle rancher"``); ``code`` has no
    ``~`` (``"GOV"``); ``prefix`` is True for ``[XXX~]`` codes, which go *before* the actor code
    (``NGO~``), False for the usual ``[~XXX]`` suffix codes. ``source`` is ``"<file name>:<line>"``;
    the phrases expanded from one line share it.
    """

    phrase: str
    code: str
    prefix: bool
    source: str

    @property
    def words(self) -> tuple[str, ...]:
        """The phrase as a word tuple."""
        return tuple(self.phrase.split())


def _latest_start(codes: Iterable[DatedCode]) -> DatedCode | None:
    best: DatedCode | None = None
    best_key = datetime.date.min
    for code in codes:
        key = code.start or datetime.date.min
        if best is None or key >= best_key:
            best, best_key = code, key
    return best


# ----------------------------------------------------------------------------------------------
# Small public helpers
# ----------------------------------------------------------------------------------------------


@functools.lru_cache(maxsize=8192)
def parse_dictionary_date(text: str) -> datetime.date:
    """Parse a dictionary date: ``YYMMDD`` or ``YYYYMMDD``.

    Six-digit years ``00``-``30`` mean 2000-2030 and ``31``-``99`` mean 1931-1999 (PETRARCH's rule).
    Raises :class:`ValueError` with a readable message for anything else.

    >>> parse_dictionary_date("000717"), parse_dictionary_date("830101")
    (datetime.date(2000, 7, 17), datetime.date(1983, 1, 1))
    >>> parse_dictionary_date("19270101")
    datetime.date(1927, 1, 1)
    """
    if not (text.isascii() and text.isdigit()) or len(text) not in (6, 8):
        raise ValueError(
            f"bad date {text!r}: expected 6 digits (YYMMDD) or 8 digits (YYYYMMDD)"
        )
    if len(text) == 6:
        yy = int(text[:2])
        year = 2000 + yy if yy <= 30 else 1900 + yy
        month, day = int(text[2:4]), int(text[4:6])
    else:
        year, month, day = int(text[:4]), int(text[4:6]), int(text[6:8])
    try:
        return datetime.date(year, month, day)
    except ValueError:
        raise ValueError(f"bad date {text!r}: no such day ({year:04d}-{month:02d}-{day:02d})") from None


def regular_plural(word: str) -> str | None:
    """The regular English plural of ``word`` (any case), or ``None`` if it looks plural already.

    PETRARCH adds these forms automatically to agent phrases; the rules here are slightly better:
    ``-ss``/``-x``/``-z``/``-ch``/``-sh`` add ``ES``, consonant + ``y`` becomes ``IES``, vowel + ``y``
    adds ``S``, another final ``s`` means "already plural", everything else adds ``S``. The suffix
    follows the word's case.

    >>> regular_plural("MINISTER"), regular_plural("DEPUTY"), regular_plural("ENVOY")
    ('MINISTERS', 'DEPUTIES', 'ENVOYS')
    >>> regular_plural("BOSS"), regular_plural("church"), regular_plural("FORCES")
    ('BOSSES', 'churches', None)
    """
    if not word:
        return None
    lower = word.lower()
    upper = word[-1].isupper()

    def suffix(s: str) -> str:
        return s.upper() if upper else s

    if lower.endswith(("ss", "x", "z", "ch", "sh")):
        return word + suffix("es")
    if lower.endswith("s"):
        return None
    if lower.endswith("y") and len(lower) > 1 and lower[-2] not in "aeiou":
        return word[:-1] + suffix("ies")
    return word + suffix("s")


# ----------------------------------------------------------------------------------------------
# Reading machinery
# ----------------------------------------------------------------------------------------------


class _Problems:
    """Collects or raises the problems found in one file."""

    __slots__ = ("path", "strict", "sink", "found")

    def __init__(self, path: str, strict: bool, sink: list[str] | None) -> None:
        self.path = path
        self.strict = strict
        self.sink = sink
        self.found: list[str] = []

    def fatal(self, message: str, line: int | None) -> NoReturn:
        raise DictionaryError(message, path=self.path, line=line)

    def minor(self, message: str, line: int | None) -> None:
        error = DictionaryError(message, path=self.path, line=line)
        if self.strict:
            raise error
        self.found.append(str(error))

    def finish(self) -> None:
        if self.sink is not None:
            self.sink.extend(self.found)
        elif self.found:
            for message in self.found:
                _log.debug("%s", message)
            _log.warning(
                "%s: %d dictionary problem(s) skipped, first: %s (pass warnings=[] to collect them,"
                " strict=True to raise)",
                self.path,
                len(self.found),
                self.found[0],
            )


def _read_lines(path: str, problems: _Problems) -> list[str]:
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        problems.fatal(f"cannot read dictionary: {exc.strerror or exc}", None)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        problems.minor("file is not valid UTF-8; read as Latin-1", line)
        text = data.decode("latin-1")
    return text.split("\n")


def _content_lines(lines: list[str]) -> Iterator[tuple[int, str]]:
    """Yield ``(1-based line number, stripped content)`` with comments and blank lines removed."""
    in_xml_comment = False
    for number, line in enumerate(lines, 1):
        if in_xml_comment:
            end = line.find("-->")
            if end < 0:
                continue
            line = line[end + 3 :]
            in_xml_comment = False
        pos = 0
        while True:  # whichever comes first: '#' (to the end of the line) or '<!--'
            hash_at = line.find("#", pos)
            xml_at = line.find("<!--", pos)
            if xml_at < 0 or 0 <= hash_at < xml_at:
                if hash_at >= 0:
                    line = line[:hash_at]
                break
            end = line.find("-->", xml_at + 4)
            if end < 0:
                line = line[:xml_at]
                in_xml_comment = True
                break
            line = line[:xml_at] + " " + line[end + 3 :]
            pos = xml_at
        line = line.strip()
        if line and not line.startswith("<!"):
            yield number, line


def _phrase(text: str) -> str:
    """``"BASHAR_AL_ASSAD_"`` -> ``"BASHAR AL ASSAD"``."""
    return " ".join(text.replace("_", " ").split())


def _brackets(text: str, number: int, problems: _Problems) -> list[str]:
    """Split ``"[A 1-2] [B]"`` into ``["A 1-2", "B"]``; report unclosed brackets and stray text."""
    groups: list[str] = []
    pos, size = 0, len(text)
    while pos < size:
        char = text[pos]
        if char.isspace():
            pos += 1
            continue
        if char != "[":
            problems.minor(f"text after the code ignored: {text[pos:].strip()!r}", number)
            break
        end = text.find("]", pos + 1)
        reopen = text.find("[", pos + 1)
        if end < 0 or 0 <= reopen < end:
            stop = size if reopen < 0 else reopen
            problems.minor(f"unclosed bracket in {text[pos:stop].strip()!r}; code skipped", number)
            if reopen < 0:
                break
            pos = reopen
            continue
        groups.append(text[pos + 1 : end])
        pos = end + 1
    return groups


def _dated_code(group: str, number: int, problems: _Problems) -> DatedCode | None:
    """Parse the inside of one actor-code bracket, e.g. ``"SYRGOV >000717"``."""
    parts = group.split(None, 1)
    if not parts:
        problems.minor("empty code brackets '[]'; skipped", number)
        return None
    code = parts[0]
    spec = parts[1].strip() if len(parts) > 1 else ""
    shown = f"[{group.strip()}]"
    if not _CODE_RE.fullmatch(code):
        problems.minor(
            f"bad code {code!r} in {shown}: expected upper-case letters and digits; code skipped",
            number,
        )
        return None
    if not spec:
        return DatedCode(code, None, None)
    try:
        if spec[0] in "<>":
            day = parse_dictionary_date(spec[1:].strip())
            return DatedCode(code, None, day) if spec[0] == "<" else DatedCode(code, day, None)
        if "-" in spec:
            first, _, second = spec.partition("-")
            start = parse_dictionary_date(first.strip())
            end = parse_dictionary_date(second.strip())
            if start >= end:
                problems.minor(
                    f"empty date range in {shown}: {start.isoformat()} is not before "
                    f"{end.isoformat()}; code skipped",
                    number,
                )
                return None
            return DatedCode(code, start, end)
        day = parse_dictionary_date(spec)
    except ValueError as exc:
        problems.minor(f"{exc} in {shown}; code skipped", number)
        return None
    problems.minor(
        f"date without '<', '>' or a range in {shown}; read as '>{spec}' (from that day)", number
    )
    return DatedCode(code, day, None)


def _dedupe(items: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))


# ----------------------------------------------------------------------------------------------
# Actor dictionaries
# ----------------------------------------------------------------------------------------------


def read_actor_dictionary(
    path: str | os.PathLike[str],
    *,
    strict: bool = False,
    warnings: list[str] | None = None,
) -> list[DictionaryActor]:
    """Read a Phoenix/PETRARCH actor dictionary; entries in file order.

    ``strict=True`` raises :class:`~eventwire.errors.DictionaryError` on every problem; by default
    problems confined to one code are skipped and described in ``warnings`` (appended to, if
    given; logged otherwise). See the module docstring for the format and the problem policy.
    """
    file = os.fspath(path)
    name = Path(file).name
    problems = _Problems(file, strict, warnings)
    lines = _read_lines(file, problems)

    actors: list[DictionaryActor] = []
    entry_name: str | None = None
    entry_line = 0
    synonyms: list[str] = []
    codes: list[DatedCode] = []

    def close_entry() -> None:
        if entry_name is None:
            return
        if not codes:
            problems.minor(f"actor entry {entry_name!r} has no code", entry_line)
        syns = [s for s in _dedupe(synonyms) if s != entry_name]
        actors.append(DictionaryActor(entry_name, tuple(syns), tuple(codes), f"{name}:{entry_line}"))

    for number, text in _content_lines(lines):
        first = text[0]
        if first == "[":
            if entry_name is None:
                problems.fatal(f"code line {text!r} before any actor entry", number)
            for group in _brackets(text, number, problems):
                code = _dated_code(group, number, problems)
                if code is not None:
                    codes.append(code)
        elif first == "+":
            if entry_name is None:
                problems.fatal(f"synonym line {text!r} before any actor entry", number)
            body = text[1:]
            bracket = body.find("[")
            if bracket >= 0:
                problems.minor(
                    f"codes are not allowed on a synonym line; put them on their own line: {text!r}",
                    number,
                )
                body = body[:bracket]
            synonym = _phrase(body)
            if synonym:
                synonyms.append(synonym)
            else:
                problems.minor("empty synonym line '+'", number)
        else:
            close_entry()
            bracket = text.find("[")
            head = text if bracket < 0 else text[:bracket]
            entry_name = _phrase(head)
            entry_line = number
            if not entry_name:
                problems.fatal(f"actor entry {text!r} has no name", number)
            synonyms = []
            codes = []
            if "]" in head:
                problems.minor(f"stray ']' in actor name {head.strip()!r}", number)
            if bracket >= 0:
                for group in _brackets(text[bracket:], number, problems):
                    code = _dated_code(group, number, problems)
                    if code is not None:
                        codes.append(code)
    close_entry()
    problems.finish()
    return actors


# ----------------------------------------------------------------------------------------------
# Agent dictionaries
# ----------------------------------------------------------------------------------------------


def _expand_markers(
    text: str, sets: dict[str, list[str]], number: int, problems: _Problems
) -> list[str] | None:
    """Expand every ``!NAME!`` in ``text``; ``None`` (after reporting) if one is undefined."""
    start = text.find("!")
    if start < 0:
        return [text]
    end = text.find("!", start + 1)
    if end < 0:
        problems.minor(f"unpaired '!' in agent phrase {text.strip()!r}; line skipped", number)
        return None
    marker = text[start + 1 : end]
    if marker not in sets:
        problems.minor(f"undefined substitution set !{marker}!; line skipped", number)
        return None
    rest = _expand_markers(text[end + 1 :], sets, number, problems)
    if rest is None:
        return None
    head = text[:start]
    return [head + member + tail for member in sets[marker] for tail in rest]


def _agent_code(group: str, number: int, problems: _Problems) -> tuple[str, bool] | None:
    code = group.strip()
    if code.startswith("~") and _CODE_RE.fullmatch(code[1:]):
        return code[1:], False
    if code.endswith("~") and _CODE_RE.fullmatch(code[:-1]):
        return code[:-1], True
    problems.minor(
        f"bad agent code [{code}]: expected [~XXX] or [XXX~] with upper-case letters and digits;"
        " line skipped",
        number,
    )
    return None


def read_agent_dictionary(
    path: str | os.PathLike[str],
    *,
    plurals: bool = True,
    strict: bool = False,
    warnings: list[str] | None = None,
) -> list[Agent]:
    """Read a Phoenix/PETRARCH agent dictionary; agents in file order, expansions in place.

    Substitution sets are expanded; with ``plurals=True`` (the default, as in PETRARCH) each plain
    phrase is followed by its regular plural (:func:`regular_plural` of the last word) unless the
    line gives ``{PLURAL}`` (``{}``: none) or uses a substitution set. ``strict`` and ``warnings``
    work as in :func:`read_actor_dictionary`; by default a problem line is skipped whole, except
    that text after the code (or after ``{...}``) and codes after the first are merely ignored.
    """
    file = os.fspath(path)
    name = Path(file).name
    problems = _Problems(file, strict, warnings)
    lines = _read_lines(file, problems)

    sets: dict[str, list[str]] = {}
    agents: list[Agent] = []
    for number, text in _content_lines(lines):
        if text.startswith("!") and "=" in text and "[" not in text:
            match = _SUBST_DEF_RE.fullmatch(text)
            members = [m.strip() for m in match.group(2).split(",")] if match else []
            members = [m for m in members if m]
            if match is None or not members:
                problems.fatal(
                    f"bad substitution set {text!r}: expected '!NAME! = WORD, WORD, ...'", number
                )
            sets[match.group(1)] = members
            continue

        bracket = text.find("[")
        if bracket < 0:
            problems.minor(f"agent line {text!r} has no [~CODE]; line skipped", number)
            continue
        head, tail = text[:bracket], text[bracket:]
        groups = _brackets(tail, number, problems)
        if not groups:
            continue  # unclosed bracket, already reported
        if len(groups) > 1:
            problems.minor(f"agent line has {len(groups)} codes; only the first is used", number)
        parsed = _agent_code(groups[0], number, problems)
        if parsed is None:
            continue
        code, prefix = parsed

        explicit_plural: str | None = None
        brace = head.find("{")
        if brace >= 0:
            close = head.find("}", brace + 1)
            if close < 0:
                problems.minor(f"unclosed '{{' in {head.strip()!r}; line skipped", number)
                continue
            if head[close + 1 :].strip():
                problems.minor(f"text after '}}' ignored: {head[close + 1 :].strip()!r}", number)
            explicit_plural = head[brace + 1 : close]
            head = head[:brace]

        forms = _expand_markers(head, sets, number, problems)
        if forms is None:
            continue
        has_markers = "!" in head
        if explicit_plural is not None and explicit_plural.strip():
            extra = _expand_markers(explicit_plural, sets, number, problems)
            if extra is None:
                continue
            forms += extra
        elif explicit_plural is None and plurals and not has_markers:
            words = _phrase(head).split(" ")
            plural = regular_plural(words[-1])
            if plural is not None:
                forms.append(" ".join([*words[:-1], plural]))

        phrases = [p for p in dict.fromkeys(_phrase(f).lower() for f in forms) if p]
        if not phrases:
            problems.minor(f"agent line {text!r} has no phrase; line skipped", number)
            continue
        source = f"{name}:{number}"
        agents.extend(Agent(p, code, prefix, source) for p in phrases)
    problems.finish()
    return agents

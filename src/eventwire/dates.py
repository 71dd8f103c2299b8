"""Dates: when an event happened, from what the text says, relative to the publication date.

:func:`find_date_mentions` finds date expressions in a parsed document (spaCy ``DATE`` entities and
the relative words NER misses) and resolves each against the publication date: "on Wednesday" is the
last Wednesday on or before publication, "until December" the last December, "earlier this month" the
publication month. Durations ("a 16-month-old uprising", "a three-day siege") are not dates.
:func:`event_date` picks the date tied to an event in the parse, else the date of the speech that
reports it, else the publication date (``date_source="published"``).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

__all__ = ["DateMention", "resolve_expression", "find_date_mentions", "event_date"]

WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}
MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
    "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9,
    "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
           "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "several": 3, "few": 3, "couple": 2}
LEADING = re.compile(r"^(on|in|at|by|since|until|till|from|during|of|earlier|later|early|late|last|this|"
                     r"the|before|after|around|about|through|throughout)\b\s*", re.IGNORECASE)
DURATION = re.compile(r"\b(\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|few)[- ]"
                      r"(day|week|month|year|hour|decade)s?[- ](old|long)\b|\b(for|over|within)\s+"
                      r"(the\s+)?(past|last|next)?\s*(\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|few)\s+"
                      r"(day|week|month|year|hour|decade)s?\b|-old\b|\blong\b", re.IGNORECASE)
RELATIVE_WORDS = {"yesterday", "today", "tomorrow", "tonight", "overnight"}


@dataclass(frozen=True, slots=True)
class DateMention:
    """A resolved date expression: token span, ISO value (``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``)."""

    start: int
    end: int
    text: str
    value: str
    precision: str  # day | month | year


def _last_weekday(published: dt.date, weekday: int) -> dt.date:
    return published - dt.timedelta(days=(published.weekday() - weekday) % 7)


def _month_value(published: dt.date, month: int, *, future: bool = False) -> str:
    year = published.year
    if month > published.month and not future:
        year -= 1
    if month < published.month and future:
        year += 1
    return f"{year:04d}-{month:02d}"


def resolve_expression(text: str, published: dt.date, *, prospective: bool = False) -> tuple[str, str] | None:
    """Resolve one date expression against the publication date; ``None`` for durations and misses.

    ``prospective``: the expression dates something to come ("will hold a summit on March 16"), so a day or
    month without a year is the next one, not the last.

    >>> pub = dt.date(2012, 7, 12)  # a Thursday
    >>> resolve_expression("on Wednesday", pub)
    ('2012-07-11', 'day')
    >>> resolve_expression("until December", pub)
    ('2011-12', 'month')
    >>> resolve_expression("a near 16-month-old", pub) is None
    True
    >>> resolve_expression("last year", pub)
    ('2011', 'year')
    """
    raw = " ".join(text.replace("\u2019", "'").split())
    low = raw.lower().strip(" ,.")
    if not low or DURATION.search(low):
        return None
    future = prospective or bool(re.search(r"\b(next|coming|tomorrow)\b", low))
    stripped = low
    for _ in range(3):
        stripped = LEADING.sub("", stripped).strip()
    # relative words
    if "yesterday" in low or low in ("last night", "overnight") or "last night" in low:
        return (published - dt.timedelta(days=1)).isoformat(), "day"
    if low in ("today", "tonight", "this morning", "this afternoon", "this evening") or stripped in ("today", "tonight"):
        return published.isoformat(), "day"
    if "tomorrow" in low:
        return (published + dt.timedelta(days=1)).isoformat(), "day"
    m = re.search(r"\b(\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|few|couple of)\s+"
                  r"(day|week|month|year)s?\s+ago\b", low)
    if m:
        n = NUMBERS.get(m.group(1).replace("couple of", "couple"), None) or int(m.group(1)) if m.group(1).isdigit() \
            else NUMBERS.get(m.group(1).split()[0], 1)
        unit = m.group(2)
        if unit == "day":
            return (published - dt.timedelta(days=n)).isoformat(), "day"
        if unit == "week":
            return (published - dt.timedelta(days=7 * n)).isoformat()[:7], "month"
        if unit == "month":
            month_index = published.year * 12 + published.month - 1 - n
            return f"{month_index // 12:04d}-{month_index % 12 + 1:02d}", "month"
        return f"{published.year - n:04d}", "year"
    if re.search(r"\b(last|past) week\b", low):
        return (published - dt.timedelta(days=7)).isoformat()[:7], "month"
    if re.search(r"\b(this|earlier this|later this) week\b", low):
        return published.isoformat()[:7], "month"
    if re.search(r"\bnext week\b", low):
        return (published + dt.timedelta(days=7)).isoformat()[:7], "month"
    if re.search(r"\b(this|earlier this|later this) month\b", low):
        return published.isoformat()[:7], "month"
    if re.search(r"\b(last|past) month\b", low):
        month_index = published.year * 12 + published.month - 2
        return f"{month_index // 12:04d}-{month_index % 12 + 1:02d}", "month"
    if re.search(r"\bnext month\b", low):
        month_index = published.year * 12 + published.month
        return f"{month_index // 12:04d}-{month_index % 12 + 1:02d}", "month"
    if re.search(r"\b(this|earlier this|later this) year\b", low):
        return f"{published.year:04d}", "year"
    if re.search(r"\blast year\b", low):
        return f"{published.year - 1:04d}", "year"
    if re.search(r"\bnext year\b", low):
        return f"{published.year + 1:04d}", "year"
    # ISO dates
    m = re.search(r"\b(\d{4})-(\d{2})-(\d{2})\b", low)
    if m:
        try:
            return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat(), "day"
        except ValueError:
            return None
    # weekday names
    for name, weekday in WEEKDAYS.items():
        if re.search(rf"\b{name}\b", low):
            if future:
                delta = (weekday - published.weekday()) % 7 or 7
                return (published + dt.timedelta(days=delta)).isoformat(), "day"
            if "last" in low.split() and published.weekday() == weekday:
                return (published - dt.timedelta(days=7)).isoformat(), "day"
            return _last_weekday(published, weekday).isoformat(), "day"
    # month names with optional day and year
    month = day = year = None
    for token in re.findall(r"[a-z]+\.?|\d+(?:st|nd|rd|th)?", low):
        word = token.rstrip(".")
        if word in MONTHS and month is None:
            month = MONTHS[word]
        elif re.fullmatch(r"\d{4}", word):
            year = int(word)
        elif re.fullmatch(r"\d{1,2}(st|nd|rd|th)?", word):
            value = int(re.sub(r"\D", "", word))
            if 1 <= value <= 31 and day is None:
                day = value
    if month is not None:
        if year is None:
            if day is not None:
                candidate_year = published.year
                try:
                    candidate = dt.date(candidate_year, month, day)
                except ValueError:
                    return None
                if candidate > published + dt.timedelta(days=2) and not future:
                    candidate_year -= 1
                elif future and candidate < published - dt.timedelta(days=2):
                    candidate_year += 1
                year = candidate_year
            else:
                return _month_value(published, month, future=future), "month"
        if day is not None:
            try:
                return dt.date(year, month, day).isoformat(), "day"
            except ValueError:
                return None
        return f"{year:04d}-{month:02d}", "month"
    if year is not None and 1900 <= year <= published.year + 5 and re.fullmatch(r"(in |since |by |until )?\d{4}s?", low) is None:
        return f"{year:04d}", "year"
    if year is not None and 1900 <= year <= published.year + 5:
        return f"{year:04d}", "year"
    return None


def find_date_mentions(doc, published: dt.date | None) -> list[DateMention]:
    """Resolve the document's date expressions (DATE entities and relative words) against publication."""
    if published is None:
        return []
    mentions: list[DateMention] = []
    covered: set[int] = set()
    for ent in doc.ents:
        if ent.label_ not in ("DATE", "TIME"):
            continue
        start = ent.start
        # keep a preceding preposition for "until December", "last week"
        text = ent.text
        if start > 0 and doc[start - 1].lower_ in ("until", "till", "since", "last", "next", "earlier"):
            text = f"{doc[start - 1].text} {text}"
        resolved = resolve_expression(text, published, prospective=_prospective(doc, ent))
        if resolved is None:
            continue
        mentions.append(DateMention(ent.start, ent.end, ent.text, resolved[0], resolved[1]))
        covered.update(range(ent.start, ent.end))
    for tok in doc:
        if tok.i in covered:
            continue
        low = tok.lower_
        if low in RELATIVE_WORDS or low in WEEKDAYS:
            resolved = resolve_expression(("next " if tok.i > 0 and doc[tok.i - 1].lower_ == "next" else "") + low,
                                          published)
            if resolved:
                mentions.append(DateMention(tok.i, tok.i + 1, tok.text, resolved[0], resolved[1]))
    mentions.sort(key=lambda m: m.start)
    return mentions


# "is set to hold", "is due to meet", "plans to", "will": the clause speaks of something to come
PROSPECTIVE_HEADS = {"set", "due", "scheduled", "expected", "plan", "intend", "prepare", "poise", "slate", "aim"}


def _prospective(doc, span) -> bool:
    """Whether a date expression hangs on a verb of something to come ("will stage a walkout from July 25",
    "is set to hold a summit on March 16")."""
    verb = _attached_verb(doc, span)
    for _ in range(3):
        if any(c.dep_ == "aux" and c.lower_ in ("will", "shall", "'ll") for c in verb.children):
            return True
        # "is set to hold", "is due to meet": the verb is the infinitive of a head of things to come (but "set
        # part of it ablaze", "set up camps" are acts of their own)
        if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in PROSPECTIVE_HEADS:
            return True
        if verb.dep_ not in ("xcomp", "conj") or verb.head.i == verb.i:
            return False
        verb = verb.head
    return False


def _attached_verb(doc, mention: DateMention):
    tok = doc[mention.start:mention.end].root
    for _ in range(5):
        if tok.pos_ in ("VERB", "AUX") or tok.head.i == tok.i:
            return tok
        tok = tok.head
    return tok


UNIT_DAYS = {"hour": 0, "day": 1, "week": 7}
COUNT_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
               "eight": 8, "nine": 9, "ten": 10, "several": None, "few": None}


def _offset(unit_tok, mark: str) -> int | None:
    """Days from "two days", "a week", "hours" before (negative) or after a dated clause."""
    unit = unit_tok.lemma_.lower()
    if unit not in UNIT_DAYS:
        return None
    count = 1
    for child in unit_tok.children:
        if child.dep_ in ("nummod", "det"):
            word = child.lower_
            count = int(word) if word.isdigit() else COUNT_WORDS.get(word, 1)
            if count is None:
                return None
    days = count * UNIT_DAYS[unit]
    # "two days after X, Y happened": X is two days before Y
    return -days if mark == "after" else days


def _relative_to(doc, anchor):
    """(the clause an event is counted from, days to add to its date) for "a day after X", "two days after
    the military seized power", "a week after bombers attacked", or None."""
    tok = anchor
    for _ in range(6):
        marks = [c for c in tok.children if c.dep_ == "mark" and c.lower_ in ("after", "before")]
        units = [c for c in tok.children if c.dep_ == "npadvmod"]
        if marks and units and tok.dep_ == "advcl" and tok.head.i != tok.i:
            days = _offset(units[0], marks[0].lower_)
            return (tok.head, days) if days is not None else None
        head = tok.head
        if head.i == tok.i:
            return None
        if tok.dep_ == "pobj" and head.lower_ in ("after", "before"):
            unit = next((c for c in head.children if c.dep_ == "npadvmod"), None)
            governor = head.head
            if unit is None and head.head.dep_ == "npadvmod":
                unit, governor = head.head, head.head.head  # "a day after the arrest" hung on "day"
            if unit is None or governor.i == unit.i:
                return None
            days = _offset(unit, head.lower_)
            return (governor, days) if days is not None else None
        if tok.dep_ not in ("conj", "compound", "amod", "dobj", "nsubj", "nsubjpass", "pobj", "prep", "acl"):
            return None
        tok = head
    return None


# clauses that date background, not the event: "since the uprising began", "before troops withdrew"
BACKGROUND_MARKS = {"since", "before", "until", "till"}


def _in_other_clause(doc, mention: DateMention, chain: list[int]) -> bool:
    verb = _attached_verb(doc, mention)
    tok = verb
    for _ in range(6):
        if tok.i in chain:
            return False
        if tok.dep_ == "relcl" or (tok.dep_ in ("advcl", "pcomp", "ccomp") and any(
                c.dep_ == "mark" and c.lower_ in BACKGROUND_MARKS for c in tok.children)):
            return True
        if tok.dep_ == "pcomp" and tok.head.lower_ in BACKGROUND_MARKS:
            return True
        if tok.head.i == tok.i:
            return False
        tok = tok.head
    return False


def event_date(doc, anchor: int, *, mentions: list[DateMention], published: dt.date | None,
               speech_verb: int | None = None, date_tokens: tuple[int, int] | None = None
               ) -> tuple[str | None, str | None, str | None]:
    """The date of an event: (value, precision, source) with source ``text`` or ``published``."""
    if date_tokens is not None:
        for m in mentions:
            if m.start < date_tokens[1] and date_tokens[0] < m.end:
                return m.value, m.precision, "text"
    anchor_tok = doc[anchor]
    relative = _relative_to(doc, anchor_tok)
    if relative is not None:
        # "suspended disbursements on Wednesday, two days after the military seized power": the date of the
        # clause it is counted from, shifted
        governor, days = relative
        base, precision, source = event_date(doc, governor.i, mentions=mentions, published=published,
                                             speech_verb=speech_verb)
        if base and precision == "day" and source == "text":
            return (dt.date.fromisoformat(base) + dt.timedelta(days=days)).isoformat(), "day", "text"
    sent = anchor_tok.sent
    # "since March 2011", "for three weeks": the start or length of a period, not when the event happened
    in_sentence = [m for m in mentions if sent.start <= m.start < sent.end
                   and not (m.start > 0 and doc[m.start - 1].lower_ in ("since", "for", "throughout"))]
    if in_sentence:
        # the clause verb of the anchor and its governors up to the sentence root
        chain = []
        tok = anchor_tok
        for _ in range(8):
            chain.append(tok.i)
            if tok.head.i == tok.i:
                break
            tok = tok.head
        best = None
        for m in in_sentence:
            verb = _attached_verb(doc, m)
            if verb.i in chain:
                rank = chain.index(verb.i)
                if best is None or rank < best[0]:
                    best = (rank, m)
        if best is not None:
            return best[1].value, best[1].precision, "text"
        if speech_verb is not None:
            for m in in_sentence:
                if _attached_verb(doc, m).i == speech_verb:
                    return m.value, m.precision, "text"
        if len(in_sentence) == 1 and not _in_other_clause(doc, in_sentence[0], chain):
            # one date in the sentence: the sentence's events happened then ("In a statement released
            # late on Sunday, the party condemned ..."), unless it dates another clause ("since the
            # uprising began in March 2011", "which was signed in 1998")
            return in_sentence[0].value, in_sentence[0].precision, "text"
    if published is not None:
        return published.isoformat(), "day", "published"
    return None, None, None

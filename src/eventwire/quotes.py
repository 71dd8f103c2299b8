"""Quotes: who said what, attributed to an actor.

Direct quotes are found from quotation marks (straight or curly, normalised by cleaning), including
multi-sentence and multi-paragraph quotes and the unbalanced marks scrapers leave: a closing mark
whose opening was lost starts the quote at its sentence; an opening mark never closed runs to the end
of the paragraph, and on into the next paragraph only when that one opens with a mark (the newspaper
convention for a quote that goes on) or closes a mark it never opened. A quoted name is no quote
(a nickname between first name and surname, a title after "dubbed"). Indirect quotes are the
complements of speech verbs ("X said that ...", "X said in a report that ..."), the stated (not requested)
complements of the other cue verbs ("X warned that ...", "denied that ..."; not "demanded that Y leave"),
and the clauses "according to X" reports; an indirect quote may hold a direct one ("said it would take
'adequate measures'") and ends before a speech act the parse hung at its end ("said Russia would not
withdraw, dismissing calls to ...").

A direct quote's speaker is found in this order:

1. the speech act its clause hangs from in the parse: a speech, description, request or commitment verb
   above the quoted words (``X said the soldiers had "no place ..."``, ``"...," X said``, ``X warned that
   it would "reconsider" ...``) or a speech noun (``lodged a "stern protest"``, ``spread claims that ...``);
   words a verb answers, acts with or qualifies are not its words (``X said its troops had responded to
   "provocations"``, ``would respond "decisively"``): the speech act above it is taken;
2. a cue verb right after the quote with nothing but its subject in between (``"...," the ministry said``)
   or right before it (``X told reporters: "..."``), phrasal cues included (``"...," she went on``,
   ``X shot back: "..."``), else "according to" right after it (``"...," according to a statement from
   the army``);
3. for a quote with no cue: a source the next sentence names through a speech noun pointing back at it
   (``"..." The words came from X``, ``That was the message from X``), else the speaker of the quote it
   continues into (a multi-paragraph quote whose last paragraph says ``..." he said``), else of the quote
   before it, direct or indirect, else the subject of the sentence before (a speaker introduced first), or,
   for a quote opening a paragraph, of the paragraph before; a quoted phrase inside a sentence is the words
   of that sentence's subject, or, when that is no actor, of whoever speaks earlier in the sentence.

The speaker of a cue is its subject, the agent of a passive, the noun after an inverted ``said``, the
subject of the clause a subjectless cue hangs from (``..., saying ...``), the name written just before
it when the parse lost the subject, or, when the scrape cut the subject off (``... ambassadors," said``
at a paragraph's end), the subject of the previous sentence. That noun phrase is resolved to an actor
with country and sector through :class:`~eventwire.actors.DocumentActors`: names, pronouns and
descriptions ("the minister", "the ministry", "he"). On top of it: a speaker's "he" or "she" is the
last person who was the subject of a clause before it (``X met Y. "...," she said`` is X), passing over
a person the text gives the other gender (an honorific, ``X hosted his counterpart``), or the one quoted
before when no person is named; a named apposition is preferred to its description (``the bloc's
chairman, Kouassi Yao``) and lends it the description's country and sector; a definite role description
that resolves to no person is the person named before with that role (``Kenya's interior minister, Peter
Kamau, ... the minister told reporters``); an unresolved
description falls back to its possessor or owner (``the prime minister's office``, ``the UN refugee
agency``), "the statement" to who the sentence before is about, "the council" to the organisation named
before whose name it ends; a speaker the actors do not know (an unknown name, ``researchers at ...``) is
kept as written, of unknown kind.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from .actors import DocumentActors, Entity
from .lexicon import Lexicon
from .schema import Actor
from .textutil import slug

__all__ = ["FoundQuote", "find_quotes"]

MIN_WORDS = 1
# verb classes (data/lexicon/verbs.tsv) that put a quote next to them in someone's mouth
CUE_CLASSES = ("speech", "describe", "quote_cue")
# verb classes whose clause makes the quoted words below them the subject's ("demanded that X respect
# her 'legitimate rights'", "warned that it would 'reconsider'")
GOVERNING_CLASSES = CUE_CLASSES + ("content", "commitment")
# words that can stand between a quote and the cue after it when the parse does not link them
_NP_POS = frozenset({"PROPN", "NOUN", "DET", "ADJ", "PART", "ADP", "NUM", "PRON", "CCONJ", "ADV", "AUX"})
_SUBJECT_DEPS = ("nsubj", "nsubjpass")
_CLAUSE_DEPS = ("advcl", "conj", "xcomp", "acl", "pcomp", "relcl")
_PERSON_PRONOUNS = frozenset({"he", "she"})
# prepositions of a speech verb whose object is not what the verb says ("replied to", "responded with")
_NOT_THE_WORDS_OF = frozenset({"to", "with"})
_NOT_SPEAKERS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT"})


@dataclass
class FoundQuote:
    """A quote found in the text: character span of the quoted words, kind, cue and speaker."""

    start: int
    end: int
    kind: str
    cue: tuple[int, int] | None = None  # character span of the cue verb
    speaker: Actor | None = None
    entity: Entity | None = None
    attribution: str = ""
    continued: bool = False  # the quote runs on into the next paragraph's quote


@dataclass
class _Context:
    doc: object
    acts: DocumentActors
    lexicon: Lexicon
    text: str
    quoted: list[tuple[int, int]] = field(default_factory=list)  # character spans of the direct quotes
    attributed: list[FoundQuote] = field(default_factory=list)  # quotes attributed so far, in text order
    token_starts: list[int] = field(default_factory=list)  # character offset of each token of the doc
    genders: dict[int, str] | None = None  # the gender the text gives persons (see _genders), once computed

    def __post_init__(self) -> None:
        from spacy.attrs import IDX

        self.token_starts = self.doc.to_array(IDX).tolist()  # without making a Token object per word


# ----- spans of quoted words -----------------------------------------------------------------------------
def _paragraphs(text: str) -> list[tuple[int, int]]:
    spans = []
    pos = 0
    for match in re.finditer(r"\n\s*\n", text):
        spans.append((pos, match.start()))
        pos = match.end()
    spans.append((pos, len(text)))
    return [(a, b) for a, b in spans if b > a]


def _mark_roles(text: str, pos: int, p_start: int, p_end: int) -> tuple[bool, bool]:
    """Whether a quotation mark looks like an opening and like a closing mark."""
    before = text[pos - 1] if pos > p_start else " "
    after = text[pos + 1] if pos + 1 < p_end else " "
    opening = (before.isspace() or before in "([-:,—") and not after.isspace()
    closing = not before.isspace() and (after.isspace() or after in ".,;:!?)-")
    return opening, closing


def _quote_spans(text: str) -> list[tuple[int, int, bool]]:
    """Spans of quoted words (marks excluded) and whether each runs on into the next paragraph's span.

    >>> _quote_spans('He said: "We won.\\n\\n"They lost," he added.')
    [(10, 17, True), (20, 29, False)]
    """
    spans: list[list] = []
    paragraphs = _paragraphs(text)
    carry = False
    for p_start, p_end in paragraphs:
        marks = [p_start + m.start() for m in re.finditer('"', text[p_start:p_end])]
        open_at = None
        if carry and spans:
            if marks and marks[0] == p_start:
                spans[-1][2] = True  # the convention: each paragraph of a long quote opens with a mark
            elif marks and not _mark_roles(text, marks[0], p_start, p_end)[0]:
                # the paragraph closes a mark it never opened: the quote went on without its mark
                open_at = p_start
                spans[-1][2] = True
        carry = False
        for pos in marks:
            opening, closing = _mark_roles(text, pos, p_start, p_end)
            if open_at is None:
                if opening or not closing:
                    open_at = pos + 1
                else:
                    # a closing mark without its opening: the quote starts at its sentence
                    spans.append([_sentence_start(text, p_start, pos, spans), pos, False])
            else:
                # a new opening before the old one closed closes the old one there
                spans.append([open_at, pos, False])
                open_at = pos + 1 if opening and not closing else None
        if open_at is not None:
            spans.append([open_at, p_end, False])
            carry = True
    cleaned = []
    for a, b, continued in spans:
        while a < b and text[a].isspace():
            a += 1
        while b > a and (text[b - 1].isspace() or text[b - 1] in ",;:"):
            b -= 1  # "...the frontier," said X: the comma belongs to the sentence, not the quote
        if b > a:
            cleaned.append((a, b, continued))
        elif cleaned and continued:
            cleaned[-1] = (*cleaned[-1][:2], True)
    return cleaned


def _sentence_start(text: str, p_start: int, pos: int, spans) -> int:
    last_end = max([b + 1 for a, b, _ in spans if b < pos] + [p_start])
    region = text[last_end:pos]
    # the last sentence boundary before the mark that is not inside the previous quote
    boundaries = [m.end() for m in re.finditer(r"[.!?]\s+(?=[A-Z\"])", region)]
    return last_end + (boundaries[-1] if boundaries else 0)


def _is_quoted_name(text: str, start: int, end: int, lexicon: Lexicon) -> bool:
    """A quoted name rather than quoted words: a nickname (``Jimmy "Barbecue" Cherizier``) or a title
    after a naming word (``drills dubbed "Nile Eagles 2"``)."""
    words = text[start:end].split()
    if not words or len(words) > 5 or text[end - 1] in ".!?":
        return False
    if not all(w[0].isupper() or w[0].isdigit() for w in words):
        return False
    before = text[max(0, start - 40):start].rstrip('" ').split()
    after = text[end:end + 40].lstrip('" ').split()
    previous = before[-1] if before else ""
    if lexicon.in_class(previous.lower(), "quote_naming"):
        return True
    # between a first name and a surname: 'Jimmy "Barbecue" Cherizier', 'Jean "Le Lion" Mbeki'
    return len(words) <= 3 and previous[:1].isupper() and bool(after) and after[0][:1].isupper() and (
        previous[-1:].isalpha() and after[0][-1:].isalpha())


# ----- cues ----------------------------------------------------------------------------------------------
def _lemmas(tok) -> list[str]:
    """A verb's lemma and, with the particle written right after it, its phrasal verb ("went on" is
    ``go_on``, "shot back" ``shoot_back``): the lexicon lists phrasal cues that way."""
    lemma = tok.lemma_.lower()
    return [lemma] + [f"{lemma}_{c.lower_}" for c in tok.children
                      if c.dep_ in ("prt", "advmod") and c.i == tok.i + 1 and c.is_alpha]


def _in_classes(tok, lexicon: Lexicon, classes) -> bool:
    return any(lexicon.in_class(lemma, c) for lemma in _lemmas(tok) for c in classes)


def _is_cue(tok, lexicon: Lexicon) -> bool:
    return tok.pos_ in ("VERB", "AUX") and _in_classes(tok, lexicon, CUE_CLASSES)


def _quote_tokens(doc, start: int, end: int):
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return []
    return [t for t in span if not t.is_space]


def _governing_cue(doc, start: int, end: int, lexicon: Lexicon):
    """The speech act the quoted words hang from in the parse: a cue verb or speech noun above them.

    Tried from the quote's last clause backwards, so ``"A. B," she said`` finds "said" from B. Words the
    verb answers or acts with, or says how it acts, are not its words (``X said its troops had responded to
    "provocations"``, ``would respond with "overwhelming force"``, ``would respond "decisively"``): such a verb
    is taken only when nothing above it speaks.
    """
    tokens = _quote_tokens(doc, start, end)
    outward = [t for t in tokens if t.head.i == t.i or not (start <= t.head.idx < end)]
    fallback = None
    for tok in reversed(outward):
        if tok.is_punct:
            continue
        if tok.pos_ == "NOUN" and tok.dep_ == "dobj" and lexicon.in_class(tok.lemma_.lower(), "quote_noun"):
            return tok  # 'lodged a "stern protest"': the quoted words name the speech act
        cur = tok
        for _ in range(12):
            if cur.head.i == cur.i:
                break
            below, cur = cur, cur.head
            if start <= cur.idx < end or cur.is_space:
                continue
            if cur.pos_ in ("VERB", "AUX") and _in_classes(cur, lexicon, GOVERNING_CLASSES):
                if (below.dep_ == "prep" and below.lower_ in _NOT_THE_WORDS_OF) or below.dep_ in ("advmod", "npadvmod"):
                    fallback = fallback or cur
                    continue
                return cur
            if cur.pos_ == "NOUN" and lexicon.in_class(cur.lemma_.lower(), "quote_noun"):
                return cur
    return fallback


def _subject_subtree(verb) -> set[int]:
    return {t.i for c in verb.children if c.dep_ in _SUBJECT_DEPS for t in c.subtree}


def _cue_after(ctx: _Context, end: int, para_end: int):
    """A cue verb right after the quote: ``"...," the ministry said``, ``"...," said Fares``."""
    doc, text, lexicon = ctx.doc, ctx.text, ctx.lexicon
    first = bisect.bisect_left(ctx.token_starts, end)
    tokens = doc[first:min(len(doc), first + 24)]
    following = text[end:end + 80].lstrip('" ')
    if text[end - 1:end] == "." and following[:1].isupper():
        return None  # '"We will win." He said ...': the quote ended its sentence
    i = 0
    while i < len(tokens) and (tokens[i].is_punct or tokens[i].is_space) and tokens[i].text not in ".!?":
        i += 1  # the closing mark and its comma
    window = tokens[i:i + 14]
    for tok in window:
        if tok.idx >= para_end or tok.text == '"' or tok.text in (".", "!", "?", ";"):
            return None
        if _is_cue(tok, lexicon):
            subject = _subject_subtree(tok)
            between = [t for t in window if t.i < tok.i and not (t.is_punct or t.is_space)]
            if all(t.i in subject or t.pos_ in _NP_POS for t in between):
                return tok
            return None
        if tok.pos_ == "VERB" and tok.dep_ not in ("amod", "compound") and not any(
                tok.i in _subject_subtree(v) for v in window if v.i > tok.i and _is_cue(v, lexicon)):
            return None  # another clause comes first ("..., who fled, said" keeps its relative clause)
    return None


def _cue_before(ctx: _Context, start: int, para_start: int):
    """A cue verb right before the quote with nothing but its own objects and adjuncts in between:
    ``X said: "..."``, ``X told reporters on Monday, "..."``."""
    doc, lexicon = ctx.doc, ctx.lexicon
    last = bisect.bisect_left(ctx.token_starts, start)
    tokens = [t for t in doc[max(0, last - 24):last] if t.idx >= para_start and not t.is_space]
    while tokens and (tokens[-1].text == '"'):
        tokens.pop()
    for tok in reversed(tokens[-12:]):
        if tok.text in ('"', ".", "!", "?", ";"):
            return None
        if _is_cue(tok, lexicon):
            between = [t for t in tokens if t.i > tok.i and not t.is_punct and t.lower_ != "that"]
            subtree = {t.i for t in tok.subtree}
            if all(t.i in subtree for t in between):
                return tok
            return None
    return None


# ----- speaker noun phrases ----------------------------------------------------------------------------------
def _governing_subject(tok):
    """The subject of the nearest clause above a token ("... condemned X, saying it 'made a mockery'")."""
    cur = tok
    for _ in range(12):
        subj = [c for c in cur.children if c.dep_ in _SUBJECT_DEPS and c.i != tok.i]
        if subj and cur.pos_ in ("VERB", "AUX"):
            return subj[0]
        if cur.head.i == cur.i:
            return None
        cur = cur.head
    return None


def _speaker_tokens(verb):
    subj = [c for c in verb.children if c.dep_ in _SUBJECT_DEPS]
    if subj:
        return subj
    agents = [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
    if agents:
        return agents
    # "said Fares on Wednesday" may parse Fares as an object; "told reporters" names the audience, not the speaker
    if verb.lemma_.lower() in ("say", "add", "declare", "state", "write", "insist", "explain", "continue"):
        return [c for c in verb.children if c.dep_ in ("dobj", "attr", "npadvmod") and c.i > verb.i
                and c.pos_ in ("PROPN", "NOUN")]
    return []


def _adjacent_name(verb, start: int, end: int):
    """The noun written right before a subjectless cue verb (``..., the bloc's chairman, Kouassi Yao,
    said`` parsed with the name as an apposition of a place), or right after it (``said Yao``)."""
    doc = verb.doc
    i = verb.i - 1
    while i >= verb.sent.start and (doc[i].is_punct or doc[i].is_space) and doc[i].text != '"':
        i -= 1
    candidates = [doc[i]] if i >= verb.sent.start else []
    j = verb.i + 1
    if j < len(doc) and doc[j].pos_ in ("PROPN", "DET", "NOUN", "ADJ"):
        tok = doc[j]
        while tok.dep_ in ("compound", "det", "amod", "poss", "nmod", "case") and tok.head.i > tok.i:
            tok = tok.head
        candidates.append(tok)
    for tok in candidates:
        if tok.ent_type_ in _NOT_SPEAKERS or tok.like_num:
            continue  # "said on Tuesday", "..., 45, said"
        if tok.pos_ in ("PROPN", "NOUN", "PRON") and not (start <= tok.idx < end):
            return tok.head if tok.dep_ == "compound" and tok.head.i > tok.i else tok
    return None


def _previous_subject(doc, acts: DocumentActors, before_char: int, para_start: int):
    """The subject of the previous sentence in the paragraph: the speaker a scrape cut off."""
    first = None
    for sent in doc.sents:
        if sent.end_char <= before_char and sent.start_char >= para_start and sent.text.strip():
            first = sent
    if first is None:
        return None
    for tok in first:
        if tok.dep_ == "nsubj" and tok.head.dep_ == "ROOT":
            actor = acts.actor_for(tok)
            if actor is not None:
                return tok
    for tok in first:
        if tok.i in acts.token_entity and acts.entities[acts.token_entity[tok.i]].kind == "person":
            return tok
    return None


def _speaker_of_cue(ctx: _Context, cue, start: int, end: int, para: tuple[int, int]):
    """The token naming whoever performs a cue (a verb or a speech noun), and how it was found."""
    def inside(tok) -> bool:
        return start <= tok.idx < end

    if cue.pos_ == "NOUN":
        owner = [c for c in cue.children if c.dep_ == "poss" and not inside(c)]
        owner += [g for c in cue.children if c.dep_ == "prep" and c.lower_ in ("by", "from")
                  for g in c.children if g.dep_ == "pobj" and not inside(g)]
        if owner:
            return owner[0], ":speech-noun"
        subj = _governing_subject(cue)
        return (subj, ":speech-noun") if subj is not None and not inside(subj) else (None, ":speech-noun")
    candidates = [t for t in _speaker_tokens(cue) if not inside(t)]
    if candidates:
        return candidates[0], ""
    if cue.head.i != cue.i and cue.dep_ in _CLAUSE_DEPS:
        subj = _governing_subject(cue.head)
        if subj is not None and not inside(subj):
            # "..., saying the proceedings 'made a mockery of justice'": the main clause's subject
            return subj, ":governing-clause"
    near = _adjacent_name(cue, start, end)
    if near is not None:
        return near, ":adjacent-name"
    return _previous_subject(ctx.doc, ctx.acts, start, para[0]), "cue-without-subject:previous-sentence"


# ----- actors for speakers ---------------------------------------------------------------------------------
def _is_name(tok, acts: DocumentActors) -> bool:
    if tok.i in acts.token_entity:
        return True
    hit = acts.kb_hits.get(tok.i)
    return tok.pos_ == "PROPN" and (hit is None or hit[2].kind == "organisation")


def _np_bounds(tok) -> tuple[int, int]:
    """Token span of a noun phrase head with its modifiers and of/for complements, without appositions
    and clauses."""
    left = min([tok.i] + [c.left_edge.i for c in tok.lefts if c.dep_ not in ("punct",)])
    right = tok.i
    for c in tok.rights:
        if c.dep_ == "prep" and c.lower_ in ("of", "for", "in", "at", "from"):
            right = max(right, c.right_edge.i)
        elif c.dep_ in ("compound", "nmod", "case"):
            right = max(right, c.right_edge.i)
        else:
            break
    return left, right + 1


def _with_span(actor: Actor, doc, text: str, left: int, right: int) -> Actor:
    while left < right - 1 and (doc[left].is_space or doc[left].is_punct):
        left += 1
    while right > left + 1 and (doc[right - 1].is_space or doc[right - 1].is_punct):
        right -= 1
    start, end = doc[left].idx, doc[right - 1].idx + len(doc[right - 1].text)
    return actor.model_copy(update={"text": text[start:end], "start": start, "end": end})


def _fill_from(actor: Actor, other: Actor | None) -> Actor:
    """A named speaker lent the country and sector its description says ("Kouassi Yao, the bloc's
    chairman")."""
    if other is None or (actor.country and actor.sector):
        return actor
    country = actor.country or other.country
    sector = actor.sector or other.sector
    code = (country or "") + (sector if sector and sector != country else "") or None
    update = {"country": country, "sector": sector, "code": code}
    if actor.kind in ("person", "organisation"):
        update["actor_id"] = f"{slug(actor.name)}@{country or 'UNK'}"
    elif actor.kind == "unknown":
        update["kind"] = other.kind if other.kind != "country" else "organisation"
    return actor.model_copy(update=update)


def _description_antecedent(ctx: _Context, tok) -> Actor | None:
    """ "the council" after "the Transitional Military Council": the organisation named before whose name
    ends with the description's noun."""
    acts, doc = ctx.acts, ctx.doc
    if not any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in tok.children):
        return None
    head = tok.lemma_.lower()
    best = None
    for entity in acts.entities:
        if entity.kind == "person":
            continue
        words = entity.name.lower().split()
        if not words or words[-1] not in (head, tok.lower_):
            continue
        for s, e in entity.mentions:
            if e <= tok.i and (best is None or s > best[0]):
                best = (s, e)
    for i, (s, e, entry) in acts.kb_hits.items():
        if i == s and e <= tok.i and entry.kind == "organisation" and entry.name.lower().split()[-1:] == [head]:
            if best is None or s > best[0]:
                best = (s, e)
    if best is None:
        return None
    actor = acts.actor_for(doc[best[1] - 1])
    if actor is None:
        return None
    left, right = _np_bounds(tok)
    return _with_span(actor, doc, ctx.text, left, right)


def _as_written(ctx: _Context, tok) -> Actor | None:
    """A speaker the actor resolution does not know, kept as it is written ("researchers at the
    university", an unknown name): who spoke is known even when the actor is not."""
    if tok.pos_ == "NOUN" and tok.dep_ in _SUBJECT_DEPS and _is_cue(tok.head, ctx.lexicon):
        left, right = _np_bounds(tok)
        doc = ctx.doc
        start, end = doc[left].idx, doc[right - 1].idx + len(doc[right - 1].text)
        name = re.sub(r"\s+", " ", ctx.text[start:end])
        return Actor(text=ctx.text[start:end], name=name, actor_id=slug(name), kind="unknown", start=start, end=end)
    if tok.pos_ != "PROPN":
        return None
    doc = ctx.doc
    left = tok.i
    while left > tok.sent.start and (doc[left - 1].pos_ == "PROPN" or (
            doc[left - 1].text == '"' and left - 2 >= tok.sent.start and doc[left - 2].pos_ == "PROPN")):
        left -= 1
    while doc[left].text == '"':
        left += 1
    right = tok.i
    for c in tok.rights:
        if c.dep_ == "prep" and c.lower_ in ("of", "for") and all(
                g.pos_ in ("PROPN", "DET", "ADP", "CCONJ") for g in c.subtree if g.i != c.i):
            right = c.right_edge.i  # "the Citizens Coalition for Change"
    start, end = doc[left].idx, doc[right].idx + len(doc[right].text)
    name = re.sub(r"\s+", " ", ctx.text[start:end])
    return Actor(text=ctx.text[start:end], name=name, actor_id=slug(name), kind="unknown", start=start, end=end)


def _resolve(ctx: _Context, tok) -> Actor | None:
    """The actor a speaker noun phrase head stands for, with the fallbacks of the module docstring."""
    acts, doc = ctx.acts, ctx.doc
    actor = acts.actor_for(tok)
    if actor is not None:
        return actor
    if tok.pos_ == "PRON":
        return None
    # "the Iraqi prime minister's office", "a spokesman for the interior ministry", "the UN refugee agency"
    owners = [c for c in tok.children if c.dep_ == "poss"]
    owners += [g for c in tok.children if c.dep_ == "prep" and c.lower_ in ("of", "for", "from", "at", "by")
               for g in c.children if g.dep_ == "pobj"]
    owners += [c for c in tok.children if c.dep_ in ("compound", "nmod") and c.i in acts.kb_hits
               and acts.kb_hits[c.i][2].kind == "organisation"]
    for owner in owners:
        inner = acts.actor_for(owner)
        if inner is not None and (inner.kind != "person" or ctx.lexicon.in_class(tok.lemma_.lower(), "quote_noun")):
            left, right = _np_bounds(tok)
            return _with_span(inner, doc, ctx.text, left, right)
    if ctx.lexicon.in_class(tok.lemma_.lower(), "quote_noun"):
        # "the statement said": whoever the sentence before was about issued it
        issuer = _previous_subject(doc, acts, tok.sent.start_char, 0)
        inner = acts.actor_for(issuer) if issuer is not None else None
        if inner is not None:
            left, right = _np_bounds(tok)
            return _with_span(inner, doc, ctx.text, left, right)
    return _description_antecedent(ctx, tok) or _as_written(ctx, tok)


def _entity_of(token, acts: DocumentActors) -> Entity | None:
    if token is None:
        return None
    if token.i in acts.token_entity:
        return acts.entities[acts.token_entity[token.i]]
    if token.pos_ == "PRON":
        return acts.resolve_pronoun(token)
    return None


def _speaker(ctx: _Context, tok) -> tuple[Actor | None, Entity | None]:
    """The speaker actor of a noun phrase head; a named apposition wins over its description."""
    if tok is None:
        return None, None
    acts = ctx.acts
    if tok.dep_ == "compound" and tok.head.i > tok.i:
        tok = tok.head
    if tok.lower_ in _PERSON_PRONOUNS:
        entity = _person_antecedent(ctx, tok)
        if entity is not None:
            return _mention_actor(ctx, entity, tok) or acts.actor_for(tok), entity
        earlier = [q for q in ctx.attributed if q.end <= tok.idx and q.speaker is not None
                   and q.speaker.kind in ("person", "unknown")]
        if earlier:
            # no person named before: the one quoted before ("Mr Obi told ... '...,' he said")
            speaker = earlier[-1].speaker
            return speaker.model_copy(update={"text": tok.text, "start": tok.idx,
                                              "end": tok.idx + len(tok.text)}), earlier[-1].entity
    appositions = [c for c in tok.children if c.dep_ == "appos"]
    name, description = tok, None
    if not _is_name(tok, acts):
        named = [c for c in appositions if _is_name(c, acts)]
        # "the spokesman for the Iranian foreign ministry, Hassan Rezaei": the name may hang lower
        named += [t for t in tok.subtree if t.dep_ == "appos" and t.i > tok.i and t.i in acts.token_entity
                  and acts.entities[acts.token_entity[t.i]].kind == "person"]
        if named:
            name, description = named[0], tok
    else:
        description = next((c for c in appositions if not _is_name(c, acts)), None)
    actor = _resolve(ctx, name)
    if description is not None:
        described = _resolve(ctx, description)
        actor = _fill_from(actor, described) if actor is not None else described
        if actor is described:
            name = description
    if description is None and (actor is None or actor.kind != "person"):
        holder = _named_holder(ctx, name)
        if holder is not None:
            return holder
    return actor, _entity_of(name, acts)


def _in_noun_phrase(tok, head) -> bool:
    """Whether a token hangs from a noun phrase head through nouns and prepositions only (no clause)."""
    cur = tok
    while cur.i != head.i:
        cur = cur.head
        if cur.pos_ in ("VERB", "AUX") or cur.head.i == cur.i and cur.i != head.i:
            return False
    return True


def _named_holder(ctx: _Context, tok) -> tuple[Actor, Entity] | None:
    """ "Kenya's interior minister, Peter Kamau, ... 'the minister told reporters'": the person named
    before whose title ends with the words of a definite role description ("minister", "foreign minister")."""
    acts, doc = ctx.acts, ctx.doc
    if tok.pos_ != "NOUN" or not any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children):
        return None
    if any(c.dep_ in ("poss", "prep", "appos") for c in tok.children):
        return None  # "the minister of defence", "Kenya's minister" say whose
    left, _ = _np_bounds(tok)
    words = [t.lemma_.lower() for t in doc[left:tok.i + 1] if t.dep_ in ("amod", "compound") or t.i == tok.i]
    best = None
    for entity in acts.entities:
        title = (entity.title or "").lower().split()
        if entity.kind != "person" or len(title) < len(words) or title[len(title) - len(words):] != words:
            continue
        before = [s for s, _ in entity.mentions if s < tok.i]
        if before and (best is None or max(before) > best[0]):
            best = (max(before), entity)
    # "The president of the European Commission, Ingrid Falk, ...": the role written as an apposition
    for prev in doc[max(0, tok.i - 200):tok.i]:
        if prev.lemma_.lower() != words[-1] or prev.pos_ not in ("NOUN", "PROPN"):
            continue
        # the name may hang lower ("The president of the Commission, Ingrid Falk" parsed as the Commission's)
        named = [t for t in prev.subtree if t.dep_ == "appos" and t.i > prev.i and _in_noun_phrase(t, prev)] + (
            [prev.head] if prev.dep_ == "appos" else [])
        for person in named:
            if person.i in acts.token_entity and acts.entities[acts.token_entity[person.i]].kind == "person" and (
                    best is None or prev.i > best[0]):
                best = (prev.i, acts.entities[acts.token_entity[person.i]])
    if best is None:
        return None
    actor = acts.actor_for(doc[best[1].mentions[0][1] - 1])
    if actor is None:
        return None
    left, right = _np_bounds(tok)
    return _with_span(actor, doc, ctx.text, left, right), best[1]


def _person_antecedent(ctx: _Context, pronoun) -> Entity | None:
    """The person a speaker's "he" or "she" stands for: the last person who was the subject of a clause
    before it ("X met Y. '...,' he said" is X), else the last person named (the actor resolution). A person
    the text shows to be of the other gender is passed over ("X hosted his counterpart, Y. ... she said")."""
    acts, doc = ctx.acts, ctx.doc
    wanted = _GENDER_WORDS[pronoun.lower_]

    def fits(entity: Entity) -> bool:
        return _genders(ctx).get(entity.entity_id, wanted) == wanted

    low = max(0, pronoun.sent.start - 120)
    for tok in reversed(doc[low:pronoun.i]):
        if tok.dep_ not in _SUBJECT_DEPS or any(a <= tok.idx < b for a, b in ctx.quoted):
            continue
        if tok.i in acts.token_entity and acts.entities[acts.token_entity[tok.i]].kind == "person":
            if fits(acts.entities[acts.token_entity[tok.i]]):
                return acts.entities[acts.token_entity[tok.i]]
            continue
        if tok.lower_ == pronoun.lower_:
            return _person_antecedent(ctx, tok)
        named = [acts.entities[acts.token_entity[c.i]] for c in tok.children if c.dep_ == "appos"
                 and c.i in acts.token_entity and acts.entities[acts.token_entity[c.i]].kind == "person"]
        if named and fits(named[0]):
            return named[0]
    entity = acts.resolve_pronoun(pronoun)
    if entity is not None and not fits(entity):
        # the resolution's choice is of the other gender: the last person named before who is not
        named = [(max(s for s, _ in e.mentions if s < pronoun.i), e) for e in acts.entities
                 if e.kind == "person" and fits(e) and any(low <= s < pronoun.i for s, _ in e.mentions)]
        if named:
            return max(named, key=lambda pair: pair[0])[1]
    return entity


_GENDER_WORDS = {"he": "m", "him": "m", "his": "m", "himself": "m", "mr": "m", "mr.": "m", "sir": "m",
                 "she": "f", "her": "f", "hers": "f", "herself": "f", "ms": "f", "ms.": "f", "mrs": "f",
                 "mrs.": "f", "miss": "f", "madam": "f", "dame": "f"}
_HONORIFICS = frozenset({"mr", "mr.", "sir", "ms", "ms.", "mrs", "mrs.", "miss", "madam", "dame"})


def _genders(ctx: _Context) -> dict[int, str]:
    """The gender the text gives persons, by entity id: an honorific before a mention ("Ms Whitfield"), or
    a his/her/himself/herself in a clause the person is the subject of ("Otieno hosted his counterpart")."""
    if ctx.genders is not None:
        return ctx.genders
    acts, doc = ctx.acts, ctx.doc
    found: dict[int, set[str]] = {}
    for entity in acts.entities:
        if entity.kind != "person":
            continue
        for s, _ in entity.mentions:
            if s > 0 and doc[s - 1].lower_ in _HONORIFICS:
                found.setdefault(entity.entity_id, set()).add(_GENDER_WORDS[doc[s - 1].lower_])
    for tok in doc:
        if tok.lower_ not in ("his", "her", "himself", "herself") or any(a <= tok.idx < b for a, b in ctx.quoted):
            continue
        if tok.lower_ == "her" and tok.dep_ != "poss":
            continue  # "X thanked her": someone else
        verb = tok.head
        while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
            verb = verb.head
        subjects = [c for c in verb.children if c.dep_ in _SUBJECT_DEPS and c.i < tok.i]
        if subjects and subjects[0].i in acts.token_entity:
            entity = acts.entities[acts.token_entity[subjects[0].i]]
            if entity.kind == "person":
                found.setdefault(entity.entity_id, set()).add(_GENDER_WORDS[tok.lower_])
    ctx.genders = {eid: next(iter(g)) for eid, g in found.items() if len(g) == 1}
    return ctx.genders


def _mention_actor(ctx: _Context, entity: Entity, pronoun) -> Actor | None:
    """The actor of an entity, written as the pronoun that refers to it."""
    acts = ctx.acts
    mentions = [m for m in entity.mentions if m[1] <= pronoun.i] or entity.mentions
    if not mentions:
        return None
    actor = acts.actor_for(ctx.doc[mentions[-1][1] - 1])
    if actor is None:
        return None
    return actor.model_copy(update={"text": pronoun.text, "start": pronoun.idx, "end": pronoun.idx + len(pronoun.text)})


def _earlier_speaker(quotes: list[FoundQuote], start: int, para: tuple[int, int]) -> FoundQuote | None:
    """The nearest quote with a speaker before a position, in its paragraph or just before it."""
    before = [q for q in quotes if q.end <= start]
    if not before:
        return None
    previous = max(before, key=lambda q: q.end)
    if previous.speaker is not None and (previous.end >= para[0] or para[0] - previous.end < 400):
        return previous
    return None


# ----- the stage ---------------------------------------------------------------------------------------------
def find_quotes(doc, acts: DocumentActors, lexicon: Lexicon, *, text: str | None = None) -> list[FoundQuote]:
    """Find direct and indirect quotes and attribute their speakers (see the module docstring).

    ``text`` is the article's text when the parsed ``doc`` is a pre-filtered copy of it (same offsets).
    """
    text = text if text is not None else doc.text
    ctx = _Context(doc=doc, acts=acts, lexicon=lexicon, text=text)
    paragraphs = _paragraphs(text)

    def para_of(pos: int) -> tuple[int, int]:
        for span in paragraphs:
            if span[0] <= pos <= span[1]:
                return span
        return (0, len(text))

    direct = [FoundQuote(start=start, end=end, kind="direct", continued=continued)
              for start, end, continued in _quote_spans(text)
              if len(text[start:end].split()) >= MIN_WORDS and not _is_quoted_name(text, start, end, lexicon)]
    ctx.quoted = [(q.start, q.end) for q in direct]
    indirect = _indirect_quotes(ctx, direct)
    # in text order, so that a "he" can fall back on the speaker of the quote before
    for quote, speaker_tok in sorted([(q, None) for q in direct] + indirect, key=lambda pair: pair[0].start):
        if speaker_tok is None:
            _attribute_by_cue(ctx, quote, para_of(quote.start))
        else:
            quote.speaker, quote.entity = _speaker(ctx, speaker_tok)
        ctx.attributed.append(quote)
    indirect = [q for q, _ in indirect]

    # quotes with no cue, in text order: a quote that runs on takes the speaker of its continuation
    for i in reversed(range(len(direct))):
        quote = direct[i]
        if quote.attribution or not quote.continued or i + 1 >= len(direct):
            continue
        nxt = direct[i + 1]
        if nxt.speaker is not None:
            quote.speaker, quote.entity = nxt.speaker, nxt.entity
            quote.attribution = "continued-by-next-quote"
    for quote in direct:
        if not quote.attribution:
            _attribute_without_cue(ctx, quote, para_of(quote.start), direct + indirect)
    quotes = direct + indirect
    quotes.sort(key=lambda q: q.start)
    return quotes


def _attribute_by_cue(ctx: _Context, quote: FoundQuote, para: tuple[int, int]) -> None:
    """Attribute a quote through its cue (steps 1 and 2 of the module docstring), if it has one."""
    start, end = quote.start, quote.end
    governing = _governing_cue(ctx.doc, start, end, ctx.lexicon)
    cues = [governing, _cue_after(ctx, end, para[1]), _cue_before(ctx, start, para[0])]
    first = None
    for cue in dict.fromkeys(c for c in cues if c is not None):  # in order, once each
        speaker_tok, how = _speaker_of_cue(ctx, cue, start, end, para)
        speaker, entity = _speaker(ctx, speaker_tok)
        first = first or (cue, how, speaker, entity)
        if speaker is not None:
            first = (cue, how, speaker, entity)
            break  # a cue the parse links to the quote whose speaker is no actor gives way to the next
    if first is None or first[2] is None:
        according = _according_after(ctx, end, para[1])
        if according is not None:
            speaker, entity = _speaker(ctx, according[2])
            if speaker is not None:
                quote.speaker, quote.entity = speaker, entity
                quote.cue = (according[0].idx, according[1].idx + len(according[1].text))
                quote.attribution = "according-to-after"
                return
    if first is None:
        return
    cue, how, quote.speaker, quote.entity = first
    if start <= cue.idx < end:
        quote.attribution = "speech-noun"  # the quoted words name the act: no cue outside them
    else:
        where = "after" if cue.idx >= end else "before"
        quote.cue = (cue.idx, cue.idx + len(cue.text))
        quote.attribution = how if how.startswith("cue-without") else f"cue-{where}{how}"


def _according_after(ctx: _Context, end: int, para_end: int):
    """ '"...," according to a statement from the army': "according", "to" and the source they name."""
    doc = ctx.doc
    i = bisect.bisect_left(ctx.token_starts, end)
    while i < len(doc) and (doc[i].is_punct or doc[i].is_space) and doc[i].text not in ".!?;":
        i += 1
    if i + 1 >= len(doc) or doc[i].idx >= para_end or doc[i].lower_ != "according" or doc[i + 1].lower_ != "to":
        return None
    source = next((c for c in doc[i + 1].children if c.dep_ == "pobj"), None) or next(
        (g for c in doc[i].children for g in c.children if g.dep_ == "pobj"), None)
    return (doc[i], doc[i + 1], source) if source is not None else None


def _opens_sentence(ctx: _Context, quote: FoundQuote) -> bool:
    """Whether the quote stands as a sentence of its own rather than a phrase inside one."""
    before = ctx.text[:quote.start].rstrip('" \t')
    return not before or before[-1] in ".!?:\n"


_BACK_REFERENCES = frozenset({"the", "that", "this", "those", "these", "such"})


def _source_named_after(ctx: _Context, quote: FoundQuote):
    """A quote standing alone whose source the next sentence names through a speech noun that points back
    at it: ``"..." The words came from X``, ``That was the message from X``, ``Those were the words of X``,
    ``Such was the warning of X's spokesman``. The speech noun and the token naming the source, or None."""
    doc, lexicon = ctx.doc, ctx.lexicon
    if ctx.text[quote.end - 1:quote.end] not in (".", "!", "?"):
        return None
    i = bisect.bisect_left(ctx.token_starts, quote.end)
    while i < len(doc) and (doc[i].is_punct or doc[i].is_space):
        i += 1
    if i >= len(doc):
        return None
    for noun in doc[i:min(len(doc), i + 6, doc[i].sent.end)]:
        if noun.pos_ != "NOUN" or not lexicon.in_class(noun.lemma_.lower(), "quote_noun"):
            continue
        head = noun.head
        pointed = any(c.dep_ == "det" and c.lower_ in _BACK_REFERENCES for c in noun.children) or (
            noun.dep_ == "attr" and any(c.dep_ == "nsubj" and c.lower_ in _BACK_REFERENCES for c in head.children))
        if noun.dep_ not in ("nsubj", "nsubjpass", "attr") or not pointed:
            continue
        owners = [c for c in noun.children if c.dep_ == "poss"]
        owners += [g for c in noun.children if c.dep_ == "prep" and c.lower_ in ("from", "of", "by")
                   for g in c.children if g.dep_ == "pobj"]
        if noun.dep_ != "attr":  # "The words came from X"
            owners += [g for c in head.children if c.dep_ == "prep" and c.lower_ in ("from", "of", "by")
                       for g in c.children if g.dep_ == "pobj"]
        if owners:
            return noun, owners[0]
    return None


def _attribute_without_cue(ctx: _Context, quote: FoundQuote, para: tuple[int, int], others) -> None:
    """Attribute a quote with no cue (step 3 of the module docstring)."""
    doc = ctx.doc
    if _opens_sentence(ctx, quote):
        named = _source_named_after(ctx, quote)
        if named is not None:
            noun, owner = named
            speaker, entity = _speaker(ctx, owner)
            if speaker is not None:
                quote.speaker, quote.entity = speaker, entity
                quote.cue = (noun.idx, noun.idx + len(noun.text))
                quote.attribution = "speech-noun-after"
                return
        previous = _earlier_speaker(others, quote.start, para)
        if previous is not None:
            quote.speaker, quote.entity = previous.speaker, previous.entity
            quote.attribution = "continues-previous-quote"
            return
        tok = _previous_subject(doc, ctx.acts, quote.start, para[0])
        if tok is not None:
            quote.speaker, quote.entity = _speaker(ctx, tok)
            quote.attribution = "previous-sentence-subject"
            return
        before = [a for a, b in _paragraphs(ctx.text) if b <= para[0]]
        if before and not ctx.text[para[0]:quote.start].strip(' "'):
            # a paragraph opening with a quote nobody is said to speak: whom the paragraph before ends on
            tok = _previous_subject(doc, ctx.acts, quote.start, before[-1])
            if tok is not None:
                quote.speaker, quote.entity = _speaker(ctx, tok)
                quote.attribution = "previous-paragraph-subject"
                return
    # a phrase quoted inside a sentence: the sentence's subject is the one who uses the words
    tokens = _quote_tokens(doc, quote.start, quote.end)
    outward = [t for t in tokens if t.head.i == t.i or not (quote.start <= t.head.idx < quote.end)]
    for tok in outward:
        subj = _governing_subject(tok)
        if subj is not None and not (quote.start <= subj.idx < quote.end):
            quote.kind = "mixed"
            quote.attribution = "governing-clause-subject"
            quote.speaker, quote.entity = _speaker(ctx, subj)
            break
    if quote.speaker is None and tokens:
        # no actor there either (a parse gone wrong): whoever speaks earlier in the sentence
        sent = tokens[0].sent
        for tok in reversed(doc[sent.start:tokens[0].i]):
            if any(a <= tok.idx < b for a, b in ctx.quoted):
                continue
            if tok.pos_ in ("VERB", "AUX") and tok.dep_ not in ("amod", "compound") and _in_classes(
                    tok, ctx.lexicon, GOVERNING_CLASSES):
                speaker_tok, _ = _speaker_of_cue(ctx, tok, quote.start, quote.end, para)
                speaker, entity = _speaker(ctx, speaker_tok)
                if speaker is not None:
                    quote.kind, quote.cue = "direct", (tok.idx, tok.idx + len(tok.text))
                    quote.speaker, quote.entity, quote.attribution = speaker, entity, "cue-before:same-sentence"
                return


# ----- indirect quotes ---------------------------------------------------------------------------------------
def _that_clause(verb):
    """The reported clause of a speech verb: its complement, or a that-clause the parse hung on a noun
    after it ("said in a report that ...", "told a news conference that ...")."""
    comp = next((c for c in verb.children if c.dep_ == "ccomp"), None)
    if comp is not None:
        return comp
    nouns = [g for c in verb.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
    nouns += [c for c in verb.children if c.dep_ in ("dobj", "dative", "npadvmod")]
    for noun in nouns:
        for clause in noun.children:
            if clause.dep_ in ("relcl", "acl", "ccomp", "advcl") and clause.i > noun.i and any(
                    m.dep_ == "mark" and m.lower_ == "that" and m.i == clause.left_edge.i for m in clause.children):
                return clause
    return None


def _reports_a_statement(clause) -> bool:
    """Whether a complement clause states something ("warned that Israel would strike") rather than asks
    for it ("demanded that Togo respect ...", the bare verb of a request) or asks a question ("whether")."""
    if any(c.dep_ == "mark" and c.lower_ in ("whether", "if") for c in clause.children):
        return False
    if any(c.dep_ in ("aux", "auxpass") for c in clause.children):
        return not any(c.lower_ == "should" for c in clause.children if c.dep_ == "aux")
    return clause.tag_ in ("VBD", "VBZ", "VBP") or clause.pos_ == "AUX"


def _reported_tokens(clause, lexicon: Lexicon) -> list:
    """The tokens of a reported clause without a speech act the parse hung at its end ("said Russia would
    not withdraw, dismissing calls to ...", "..., accusing NATO of ..."): that is the reporter's act."""
    doc = clause.doc
    dropped: set[int] = set()
    for child in clause.children:
        if (child.dep_ == "advcl" and child.tag_ == "VBG" and child.i > clause.i
                and child.right_edge.i >= clause.right_edge.i - 1 and doc[child.left_edge.i - 1].text == ","
                and _in_classes(child, lexicon, GOVERNING_CLASSES)):
            dropped |= {t.i for t in child.subtree} | {child.left_edge.i - 1}
    return [t for t in clause.subtree if t.i not in dropped]


def _clause_span(tokens, text: str) -> tuple[int, int] | None:
    words = [t for t in tokens if not t.is_space]
    while words and (words[0].is_punct or (words[0].dep_ == "mark" and words[0].lower_ in ("that", "whether"))):
        words = words[1:]
    while words and words[-1].is_punct and words[-1].text != '"':
        words = words[:-1]
    if not words:
        return None
    start, end = words[0].idx, words[-1].idx + len(words[-1].text)
    if text[start:end].count('"') % 2:
        if words[-1].text == '"':
            end = words[-1].idx  # a mark that closes nothing inside the clause
        elif text[end:end + 1] == '"':
            end += 1  # the closing mark of a quote the clause ends with
    return start, end


def _holds_direct_quotes_whole(c_start: int, c_end: int, direct: list[FoundQuote], text: str) -> bool:
    """An indirect quote may hold whole direct quotes, as long as it says something of its own."""
    overlapping = [q for q in direct if q.start < c_end and c_start < q.end]
    if not overlapping:
        return True
    if any(q.start < c_start or q.end > c_end for q in overlapping):
        return False
    own = text[c_start:c_end]
    for q in sorted(overlapping, key=lambda q: -q.start):
        own = own[:q.start - c_start] + own[q.end - c_start:]
    return len(re.findall(r"\w+", own)) >= 3


def _indirect_quotes(ctx: _Context, direct: list[FoundQuote]) -> list[tuple[FoundQuote, object]]:
    """Indirect quotes ("X said (that) ...", "X said in a statement that ...", "..., according to X"),
    each with the token that names its speaker."""
    doc, lexicon, text = ctx.doc, ctx.lexicon, ctx.text
    found: list[FoundQuote] = []
    for tok in doc:
        if tok.lower_ != "according" and tok.pos_ != "VERB":
            continue
        if any(a <= tok.idx < b for a, b in ctx.quoted):
            continue
        if tok.lower_ == "according":
            quote = _according_to(ctx, tok, direct)
            if quote is not None:
                found.append(quote)
            continue
        if lexicon.in_class(tok.lemma_.lower(), "speech") and not any(
                c.dep_ == "prt" and c.lower_ in ("off", "down") for c in tok.children):
            comp = _that_clause(tok)  # (not "wrote off loans", "wrote down the debt": no words reported)
        elif _in_classes(tok, lexicon, ("quote_cue",)):
            # "warned that Israel would strike", "denied that ...": a statement, not a request
            comp = next((c for c in tok.children if c.dep_ == "ccomp" and _reports_a_statement(c)), None)
        else:
            continue
        if comp is None:
            continue
        span = _clause_span(_reported_tokens(comp, lexicon), text)
        if span is None:
            continue
        c_start, c_end = span
        if len(re.findall(r"\w+", text[c_start:c_end])) < 4 or not _holds_direct_quotes_whole(c_start, c_end,
                                                                                                  direct, text):
            continue
        subj = [t for t in _speaker_tokens(tok) if not (c_start <= t.idx < c_end)]
        if not subj and tok.dep_ in _CLAUSE_DEPS and _governing_subject(tok.head) is not None:
            # "called the move X and said it would ...", "was quoted as saying that ...": the clause above's
            subj = [_governing_subject(tok.head)]
        if not subj and tok.dep_ == "ROOT":
            # "In a letter to the council, the ambassador, Tadesse Bekele, wrote that ...": the parse hung the
            # speaker elsewhere; the name written right before the verb says who it is
            near = _adjacent_name(tok, c_start, c_end)
            if near is not None and (near.pos_ == "PROPN" or near.i in ctx.acts.token_entity):
                subj = [near]
        if not subj:
            continue
        found.append((FoundQuote(start=c_start, end=c_end, kind="indirect", cue=(tok.idx, tok.idx + len(tok.text)),
                                 attribution="speech-verb-complement"), subj[0]))
    return found


def _according_to(ctx: _Context, according, direct: list[FoundQuote]):
    """ "Troops shelled the town, according to local officials": the rest of the sentence is reported."""
    doc, text = ctx.doc, ctx.text
    to = next((c for c in according.children if c.lower_ == "to"), None)
    if to is None and according.i + 1 < len(doc) and doc[according.i + 1].lower_ == "to":
        to = doc[according.i + 1]
    source = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
    if source is None:
        return None
    sent = according.sent
    phrase_start = min(according.i, according.left_edge.i)
    phrase_end = max(according.right_edge.i, to.right_edge.i) + 1
    sides = [list(doc[sent.start:phrase_start]), list(doc[phrase_end:sent.end])]
    best = None
    for side in sides:
        span = _clause_span(side, text)
        if span is None or not any(t.pos_ in ("VERB", "AUX") for t in side):
            continue
        words = len(re.findall(r"\w+", text[span[0]:span[1]]))
        if words >= 4 and (best is None or words > best[0]):
            best = (words, span)
    if best is None:
        return None
    c_start, c_end = best[1]
    if not _holds_direct_quotes_whole(c_start, c_end, direct, text):
        return None
    quote = FoundQuote(start=c_start, end=c_end, kind="indirect", cue=(according.idx, to.idx + len(to.text)),
                       attribution="according-to")
    return quote, source

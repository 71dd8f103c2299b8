"""Quotes: who said what, attributed to an actor.

Direct quotes are found from quotation marks (straight or curly, normalised by cleaning), including
multi-sentence and multi-paragraph quotes and the unbalanced marks scrapers leave: a closing mark
whose opening was lost starts the quote at its sentence; an opening mark never closed runs to the end
of the paragraph. Indirect quotes are the complements of speech verbs ("X said that ...") and
"according to X" clauses.

Speakers come from the cue verb before or after the quote (``"...," said Fares``, ``Fares said: "..."``,
``"...", he told reporters``), resolved through :class:`~eventwire.actors.DocumentActors`; a cue verb
with its subject cut off by the scrape (``... ambassadors," said`` at a paragraph's end) takes the
subject of the previous sentence; a quote with no cue continues the previous quote's speaker.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .actors import DocumentActors, Entity
from .lexicon import Lexicon
from .schema import Actor

__all__ = ["FoundQuote", "find_quotes"]

MIN_WORDS = 1


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


def _paragraphs(text: str) -> list[tuple[int, int]]:
    spans = []
    pos = 0
    for match in re.finditer(r"\n\s*\n", text):
        spans.append((pos, match.start()))
        pos = match.end()
    spans.append((pos, len(text)))
    return [(a, b) for a, b in spans if b > a]


def _quote_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of quoted words (marks excluded), handling unbalanced marks per paragraph."""
    spans: list[tuple[int, int]] = []
    paragraphs = _paragraphs(text)
    carry_open = False
    for p_start, p_end in paragraphs:
        marks = [m.start() for m in re.finditer('"', text[p_start:p_end])]
        marks = [p_start + m for m in marks]
        open_at = p_start if carry_open and not (marks and marks[0] == p_start) else None
        carry_open = False
        i = 0
        while i < len(marks):
            pos = marks[i]
            before = text[pos - 1] if pos > p_start else " "
            after = text[pos + 1] if pos + 1 < p_end else " "
            opening = (before.isspace() or before in "([-:,—") and not after.isspace()
            closing = not before.isspace() and (after.isspace() or after in ".,;:!?)-")
            if open_at is None:
                if opening or not closing:
                    open_at = pos + 1
                else:
                    # a closing mark without its opening: the quote starts at its sentence
                    sentence_start = _sentence_start(text, p_start, pos, spans)
                    spans.append((sentence_start, pos))
            else:
                if closing or not opening:
                    spans.append((open_at, pos))
                    open_at = None
                else:
                    # a new opening before the old one closed: close the old one at the paragraph
                    spans.append((open_at, pos))
                    open_at = pos + 1
            i += 1
        if open_at is not None:
            end = p_end
            spans.append((open_at, end))
            # a paragraph that ends inside a quote continues if the next one opens with a mark
            carry_open = True
    cleaned = []
    for a, b in spans:
        while a < b and text[a].isspace():
            a += 1
        while b > a and (text[b - 1].isspace() or text[b - 1] in ",;:"):
            b -= 1  # "...the frontier," said X: the comma belongs to the sentence, not the quote
        if b > a:
            cleaned.append((a, b))
    return cleaned


def _sentence_start(text: str, p_start: int, pos: int, spans) -> int:
    last_end = max([b + 1 for a, b in spans if b < pos] + [p_start])
    region = text[last_end:pos]
    # the last sentence boundary before the mark that is not inside the previous quote
    boundaries = [m.end() for m in re.finditer(r"[.!?]\s+(?=[A-Z\"])", region)]
    return last_end + (boundaries[-1] if boundaries else 0)


def _speech_verb_near(doc, char_start: int, char_end: int, lexicon: Lexicon, para: tuple[int, int]):
    """A speech verb outside the quote in the same sentence(s), and whether it comes after the quote."""
    first = doc.char_span(char_start, char_end, alignment_mode="expand")
    if first is None:
        return None, None
    sent_after = doc[first.end - 1].sent
    sent_before = doc[first.start].sent
    after = first.end
    while after < len(doc) and (doc[after].is_punct or doc[after].is_space):
        after += 1  # the closing mark and its comma
    for tok in doc[after : min(len(doc), max(sent_after.end, after + 1) + 1)]:
        if tok.idx >= para[1] or tok.text == '"':
            break
        if tok.pos_ in ("VERB", "AUX") and _is_cue(tok, lexicon):
            return tok, "after"
        if tok.is_sent_start and tok.i > after:
            break
    before = first.start
    while before > 0 and doc[before - 1].text == '"':
        before -= 1
    for tok in reversed(doc[sent_before.start : before]):
        if tok.idx < para[0] or tok.text == '"':
            break
        if tok.pos_ in ("VERB", "AUX") and _is_cue(tok, lexicon):
            return tok, "before"
    return None, None


def _is_cue(tok, lexicon: Lexicon) -> bool:
    lemma = tok.lemma_.lower()
    return lexicon.in_class(lemma, "speech") or lexicon.in_class(lemma, "describe")


def _governing_subject(tok):
    """The subject of the nearest clause above a token ("... condemned X, saying it 'made a mockery'")."""
    cur = tok
    for _ in range(8):
        subj = [c for c in cur.children if c.dep_ in ("nsubj", "nsubjpass") and c.i != tok.i]
        if subj and cur.pos_ in ("VERB", "AUX"):
            return subj[0]
        if cur.head.i == cur.i:
            return None
        cur = cur.head
    return None


def _speaker_tokens(verb):
    subj = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
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


def _previous_subject(doc, acts: DocumentActors, before_char: int, para_start: int):
    """The subject of the previous sentence in the paragraph: the speaker a scrape cut off."""
    first = None
    for sent in doc.sents:
        if sent.end_char <= before_char and sent.start_char >= para_start:
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


def _entity_of(token, acts: DocumentActors) -> Entity | None:
    if token is None:
        return None
    if token.i in acts.token_entity:
        return acts.entities[acts.token_entity[token.i]]
    if token.pos_ == "PRON":
        return acts.resolve_pronoun(token)
    return None


def find_quotes(doc, acts: DocumentActors, lexicon: Lexicon, *, text: str | None = None) -> list[FoundQuote]:
    """Find direct and indirect quotes and attribute their speakers (see the module docstring).

    ``text`` is the article's text when the parsed ``doc`` is a pre-filtered copy of it (same offsets).
    """
    text = text if text is not None else doc.text
    paragraphs = _paragraphs(text)

    def para_of(pos: int) -> tuple[int, int]:
        for span in paragraphs:
            if span[0] <= pos <= span[1]:
                return span
        return (0, len(text))

    quotes: list[FoundQuote] = []
    previous: FoundQuote | None = None
    for start, end in _quote_spans(text):
        if len(text[start:end].split()) < MIN_WORDS:
            continue
        para = para_of(start)
        verb, where = _speech_verb_near(doc, start, end, lexicon, para)
        quote = FoundQuote(start=start, end=end, kind="direct")
        speaker_tok = None
        if verb is not None:
            quote.cue = (verb.idx, verb.idx + len(verb.text))
            candidates = [t for t in _speaker_tokens(verb) if not (start <= t.idx < end)]
            if candidates:
                speaker_tok = candidates[0]
                quote.attribution = f"cue-{where}"
            elif verb.head.i != verb.i and verb.dep_ in ("advcl", "conj", "xcomp", "acl", "pcomp") and (
                    _governing_subject(verb.head) is not None):
                # "..., saying the proceedings 'made a mockery of justice'": the main clause's subject
                speaker_tok = _governing_subject(verb.head)
                quote.attribution = f"cue-{where}:governing-clause"
            else:
                speaker_tok = _previous_subject(doc, acts, start, para[0])
                quote.attribution = "cue-without-subject:previous-sentence"
        elif previous is not None and (para_of(previous.start) == para or para[0] - previous.end < 400):
            quote.speaker, quote.entity = previous.speaker, previous.entity
            quote.attribution = "continues-previous-quote"
        else:
            # a scare quote inside a sentence: the sentence's subject is the one who uses the words
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is not None:
                subj = _governing_subject(span.root)
                if subj is not None:
                    speaker_tok = subj
                    quote.kind = "mixed"
                    quote.attribution = "governing-clause-subject"
        if speaker_tok is not None:
            quote.speaker = acts.actor_for(speaker_tok)
            quote.entity = _entity_of(speaker_tok, acts)
        quotes.append(quote)
        previous = quote

    # indirect quotes: "X said (that) ...", outside direct quotes
    inside = [(q.start, q.end) for q in quotes]
    for tok in doc:
        if tok.pos_ not in ("VERB",) or not lexicon.in_class(tok.lemma_.lower(), "speech"):
            continue
        if any(a <= tok.idx < b for a, b in inside):
            continue
        comp = next((c for c in tok.children if c.dep_ == "ccomp"), None)
        if comp is None:
            continue
        words = [t for t in comp.subtree if not (t.dep_ == "mark" and t.head.i == comp.i and t.i == comp.left_edge.i)]
        if len(words) < 4:
            continue
        c_start, c_end = words[0].idx, words[-1].idx + len(words[-1].text)
        if any(a < c_end and c_start < b for a, b in inside):
            continue
        subj = [t for t in _speaker_tokens(tok) if not (c_start <= t.idx < c_end)]
        if not subj:
            continue
        quote = FoundQuote(start=c_start, end=c_end, kind="indirect", cue=(tok.idx, tok.idx + len(tok.text)),
                           attribution="speech-verb-complement")
        quote.speaker = acts.actor_for(subj[0])
        quote.entity = _entity_of(subj[0], acts)
        quotes.append(quote)
    quotes.sort(key=lambda q: q.start)
    return quotes

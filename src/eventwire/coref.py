"""Event coreference inside one article: a mention that names an event the article tells elsewhere.

"Petro on Friday hailed an agreement with the ELN ... Negotiators for the government and the ELN agreed
late on Thursday in Havana to extend the truce": the agreement Petro hailed is the one reached on Thursday
in Havana, not an agreement of Friday. "The agreement, read out at a ceremony in Havana, also commits both
sides to a new round of negotiations in Caracas next month": what the agreement commits them to is told of
the agreement reached before, not of Caracas next month.

An **anaphor** is either

- an event noun coded on its own (not through a verb of its phrase: "signed an agreement on Monday" is
  told where it is), singular, that names no date, order or novelty of its own ("the 2015 agreement",
  "Tuesday's attack", "a second attack", "another deal", "a new truce" are other events); or
- a clause whose subject is such a noun of the clause's own type ("The agreement ... commits both sides").

Its **antecedent** is the nearest event of the same type in another sentence (at most ``WINDOW`` sentences
away, before or after), told by a verb, dated by its own text, negated and conditional alike, whose
parties include every party of the anaphor that has a country (the same actor, or the same country and
sector), and not placed more than ``MAX_KM`` from a place the anaphor's noun phrase names.

The anaphor is then dated by its antecedent's words and placed where the antecedent is (or where its own
noun phrase says, "read out at a ceremony in Havana"); an unplaced antecedent takes that place too. The
anaphor's ``rule`` says which sentence it was resolved to (``+same-as:s2``), so a person can check it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .cluster import MAX_KM
from .gazetteer import distance_km

__all__ = ["Link", "link_anaphors", "elaborated_places", "WINDOW"]

WINDOW = 3
# modifiers that make a noun another event than one told before ("a second attack", "a new truce")
_OTHER = frozenset({
    "new", "second", "third", "fourth", "another", "other", "previous", "earlier", "last", "first", "latest",
    "next", "former", "further", "separate", "similar", "fresh", "past", "prior", "recent", "later", "subsequent",
    "original", "initial", "renewed", "additional", "failed", "proposed", "planned", "possible", "future",
})
_DEFINITE = frozenset({"the", "this", "that", "its", "their", "his", "her"})
_CONDITIONS = ("negation", "hypothetical")


@dataclass
class Link:
    """An anaphor and its antecedent (indexes into the candidates)."""

    anaphor: int
    antecedent: int


def _bare_noun(noun, date_mentions) -> bool:
    """A singular event noun with no date, order or novelty of its own."""
    if noun.pos_ != "NOUN" or noun.tag_ in ("NNS", "NNPS"):
        return False
    for child in noun.children:
        if child.dep_ in ("amod", "det", "advmod", "nummod", "compound", "poss") and (
                child.lower_ in _OTHER or child.like_num or child.ent_type_ in ("DATE", "TIME", "ORDINAL")):
            return False
        if child.dep_ == "poss" and child.ent_type_ in ("DATE", "TIME"):
            return False  # "Tuesday's attack"
    lo, hi = noun.left_edge.i, noun.right_edge.i + 1
    return not any(lo <= m.start < hi for m in date_mentions)


def _anaphor_noun(doc, cand, lexicon, date_mentions) -> int | None:
    """The event noun a candidate is read from, when the candidate may name an event told elsewhere."""
    anchor = doc[cand.anchor]
    if cand.rule.startswith("lexicon:N:") and cand.trigger_end - cand.trigger_start == 1 and (
            cand.trigger_start == cand.anchor):
        if not _bare_noun(anchor, date_mentions):
            return None
        head = anchor.head
        if head.pos_ in ("VERB", "AUX") and (
                (anchor.dep_ == "dobj" and lexicon.in_class(head.lemma_.lower(), "light"))
                or (anchor.dep_ in ("nsubj", "nsubjpass") and lexicon.in_class(head.lemma_.lower(), "underway"))):
            return None  # "lodged a formal protest", "the walkout began on Wednesday": told here, not named again
        return cand.anchor
    if anchor.pos_ in ("VERB", "AUX"):
        subjects = [c for c in anchor.children if c.dep_ in ("nsubj", "nsubjpass")]
        if not subjects and anchor.dep_ in ("conj", "dep"):
            # "The agreement, read out in Havana, also commits ...": the parse may hang the clause on another
            # verb of the same subject
            subjects = [c for c in anchor.head.children if c.dep_ in ("nsubj", "nsubjpass")]
        for child in subjects:
            determiners = {c.lower_ for c in child.children if c.dep_ in ("det", "poss")}
            if not determiners & _DEFINITE:
                return None  # "an agreement commits ..." introduces one
            patterns = lexicon.candidates(child.lemma_.lower(), "N")
            if any(p.event_type == cand.event_type and not p.words for p in patterns) and _bare_noun(
                    child, date_mentions):
                return child.i
    return None


def _parties_covered(anaphor, antecedent) -> bool:
    """Every country among the anaphor's parties is among the antecedent's, and one party is the same (the
    same actor, or the same country and sector): "the prime minister welcomed an agreement with the rebels"
    and "negotiators for the government and the rebel movement agreed", where the parse may keep only the
    negotiators."""
    theirs = antecedent.source + antecedent.target
    countries = {other.country for other in theirs if other.country}
    ours = [actor for actor in anaphor.source + anaphor.target if actor.country]
    if not ours or any(actor.country not in countries for actor in ours):
        return False
    # a named person or body of the anaphor is not another one of its kind, country and sector in the
    # antecedent ("the ambassador's defection" is Nawaf Fares's, not the one told of Bassam Imadi)
    ids = {other.actor_id for other in theirs}
    if any(actor.kind in _NAMED and actor.actor_id not in ids and any(
            other.kind == actor.kind and (other.country, other.sector) == (actor.country, actor.sector)
            for other in theirs) for actor in ours):
        return False
    return any(_same_party(actor, other) for actor in ours for other in theirs)


_NAMED = ("person", "organisation")


def _same_party(a, b) -> bool:
    """The same actor, or of the same country and sector where not both are named (two persons are two)."""
    if a.actor_id == b.actor_id:
        return True
    if a.kind in _NAMED and b.kind in _NAMED:
        return False
    return a.country == b.country and a.sector == b.sector


def link_anaphors(doc, candidates, lexicon, *, date_mentions, place_mentions, places: list,
                  text_dated: Callable[[object], bool]) -> list[Link]:
    """Find each anaphor's antecedent among the candidates of one document (see the module docstring).

    ``places`` holds each candidate's place (a PlaceMention or None); ``text_dated(candidate)`` says whether
    the text dates a candidate by its own words. Resolved anaphors are dated by their antecedent's words
    (``date_anchor``, ``date_tokens``) and say so in their rule; ``places`` is updated: the anaphor is
    placed by its own phrase or else where its antecedent is, and an unplaced antecedent by the anaphor's
    phrase.
    """
    links: list[Link] = []
    # the event noun each candidate is read from when it may name an event told elsewhere (an antecedent is
    # told, not named again)
    nouns = [_anaphor_noun(doc, cand, lexicon, date_mentions) for cand in candidates]
    for i, (cand, noun) in enumerate(zip(candidates, nouns)):
        if noun is None:
            continue
        conditions = {m for m in cand.aux_modes if m in _CONDITIONS}
        sent = doc[noun].sent
        lo, hi = doc[noun].left_edge.i, doc[noun].right_edge.i + 1
        actor_chars = [(a.start, a.end) for a in cand.source + cand.target]
        own = [m for m in place_mentions if lo <= m.start < hi and sent.start <= m.start < sent.end
               and not m.inferred and not any(a <= m.start_char < b for a, b in actor_chars)]
        own_place = own[0] if own else None
        best = None
        for j, other in enumerate(candidates):
            distance = abs(other.sentence_index - cand.sentence_index)
            if distance == 0 or distance > WINDOW or other.event_type != cand.event_type:
                continue
            if doc[other.anchor].pos_ not in ("VERB", "AUX") or nouns[j] is not None:
                continue
            if {m for m in other.aux_modes if m in _CONDITIONS} != conditions:
                continue
            if not _parties_covered(cand, other) or not text_dated(other):
                continue
            there = places[j]
            if own_place is not None and there is not None and distance_km(
                    own_place.place.lat, own_place.place.lon, there.place.lat, there.place.lon) > MAX_KM:
                continue
            key = (distance, other.sentence_index > cand.sentence_index, j)
            if best is None or key < best[0]:
                best = (key, j)
        if best is None:
            continue
        antecedent = candidates[best[1]]
        links.append(Link(anaphor=i, antecedent=best[1]))
        cand.date_anchor = antecedent.anchor if antecedent.date_anchor is None else antecedent.date_anchor
        cand.date_tokens = antecedent.date_tokens
        cand.rule += f"+same-as:s{antecedent.sentence_index}"
        if places[best[1]] is None:
            places[best[1]] = own_place
        places[i] = own_place or places[best[1]]
    return links


def _elaborated_noun(sent, lexicon):
    """The event noun a sentence goes on to tell more of, and the verb that tells it: "The exercise was
    staged in the foothills outside Jizzakh", "The march set off from the Baglar district"."""
    root = sent.root
    if root.pos_ in ("VERB", "AUX"):
        nouns = [c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")]
        verb = root
    elif root.pos_ == "NOUN":  # "The march set off from ...": the parse may make the noun the root
        nouns = [root]
        verb = next((c for c in root.children if c.dep_ == "acl" and c.pos_ == "VERB"), None)
    else:
        return None, None
    for noun in nouns:
        determiners = {c.lower_ for c in noun.children if c.dep_ in ("det", "poss")}
        if verb is not None and determiners & _DEFINITE and noun.pos_ == "NOUN" and (
                lexicon.candidates(noun.lemma_.lower(), "N")):
            return noun, verb
    return None, None


def elaborated_places(doc, candidates, lexicon, *, places: list, locate: Callable[[int], object]) -> None:
    """Place events by the sentence that goes on to tell where they happened.

    "Soldiers from Niger and Burkina Faso have begun joint patrols ... The patrols are run from Torodi":
    a sentence whose subject is a definite event noun ("the patrols", "the exercise", "the march") and
    whose verb is placed (``locate(verb index)``) places the nearest event before it, at most ``WINDOW``
    sentences back, of a type the noun can name, when that event is unplaced or placed only by a country
    ("extradited to Morocco ... The handover took place at the port of Algeciras") or by a region of the
    same country. Every pair of actors of that event's trigger takes the place.
    """
    by_sentence: dict[int, list[int]] = {}
    for i, cand in enumerate(candidates):
        by_sentence.setdefault(cand.sentence_index, []).append(i)
    for s, sent in enumerate(doc.sents):
        if s == 0:
            continue
        noun, verb = _elaborated_noun(sent, lexicon)
        if noun is None:
            continue
        place = locate(verb.i)
        if place is None:
            continue
        types = {p.event_type for p in lexicon.candidates(noun.lemma_.lower(), "N")}
        for back in range(s - 1, max(-1, s - 1 - WINDOW), -1):
            told = [i for i in by_sentence.get(back, ()) if candidates[i].event_type in types]
            if not told:
                continue
            first = candidates[told[0]]
            current = places[told[0]]
            if current is not None and not (place.place.precision == "city" and (
                    current.place.precision == "country" or (current.place.precision == "admin1"
                                                             and current.place.country == place.place.country))):
                break
            for i in told:
                if (candidates[i].trigger_start, candidates[i].event_type) == (first.trigger_start, first.event_type):
                    places[i] = place
                    candidates[i].rule += f"+placed-by:s{s}"
            break

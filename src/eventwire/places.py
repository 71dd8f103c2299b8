"""Places: the place mentions of a document and the location of each event.

Place mentions come from spaCy's GPE/LOC/FAC entities and from a gazetteer pass over the text for
names NER misses (lower-case, unusual transliterations). Each is resolved by
:mod:`eventwire.gazetteer`, preferring the article's countries. An event's location is the place tied
to it in the parse ("in", "near", "outside", the place a relative clause describes), else the most
specific place of its sentence that is not one of its actors, else the nearest place context in the
paragraph before it; never blindly the dateline.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from .gazetteer import ADMIN_WORDS, Gazetteer, Place, normalise_place_name
from .schema import Location

__all__ = ["PlaceMention", "find_places", "event_location", "to_location"]

LOCATIVE_PREPS = {"in", "near", "outside", "at", "around", "across", "inside", "into", "on", "from", "throughout", "to",
                  "north", "south", "east", "west", "towards", "toward", "through", "within", "between", "along",
                  "off", "over", "beyond"}
# Nouns that make a place name a site in that place: "Dhaka University", "Sfax port", "Kabul airport".
FACILITY_NOUNS = {"university", "airport", "square", "stadium", "hospital", "port", "harbour", "harbor", "prison",
                  "camp", "base", "station", "bridge", "market", "mosque", "church", "cathedral", "campus", "park",
                  "street", "avenue", "road", "highway", "district", "province", "region", "governorate", "city",
                  "town", "village", "crossing", "checkpoint", "refinery", "plant", "palace", "hotel", "embassy"}
# prepositions after which a name is a place whatever NER calls it ("rounded up migrants in Sfax")
PLACE_PREPS = {"in", "near", "outside", "around", "inside", "across", "throughout", "towards", "toward"}
# Event types whose "to X" / "in X" place is the destination even when X also names an actor ("a visit to
# Dhaka", "sent troops to Belarus", "delivered aid to Gaza")
DESTINATION_TYPES = {"CONSULT", "AGREE", "MOBILIZE", "AID", "COOPERATE"}
DESTINATION_PREPS = frozenset({"to", "into", "in", "at"})
PRECISION_RANK = {"city": 0, "admin1": 1, "country": 2}
# Nouns whose place modifier qualifies an actor ("ambassador to Iraq", "Baghdad's envoy"), not a place.
ACTOR_HEADS = {"ambassador", "envoy", "embassy", "consul", "consulate", "diplomat", "mission", "delegation",
               "representative", "minister", "government", "president", "leader", "official", "authorities",
               "ministry", "army", "forces", "troops", "military", "police", "people", "citizen", "national",
               "prime", "king", "emir", "spokesman", "spokeswoman", "counterpart", "regime", "relations",
               "ties", "border"}


@dataclass(frozen=True, slots=True)
class PlaceMention:
    """A place named in the text: token span and the gazetteer's answer."""

    start: int
    end: int
    start_char: int
    end_char: int
    text: str
    place: Place


def find_places(doc, gazetteer: Gazetteer, *, countries: tuple[str, ...] = ()) -> list[PlaceMention]:
    """Every place mention of the document, resolved against the gazetteer.

    ``doc`` may be the pre-filtered copy of the article (same offsets): masked sentences hold no places.
    """
    mentions: dict[int, PlaceMention] = {}
    for ent in doc.ents:
        if ent.label_ not in ("GPE", "LOC", "FAC"):
            continue
        start = ent.start + (1 if doc[ent.start].lower_ == "the" else 0)
        span = doc[start:ent.end]
        name = span.text.removesuffix("'s").strip()
        if not name:
            continue
        place = _lookup(gazetteer, name, countries)
        if place is None or not _plausible(span, name, place):
            continue
        mentions[span.start] = PlaceMention(span.start, span.end, span.start_char, span.start_char + len(name),
                                            name, place)
    covered = {i for m in mentions.values() for i in range(m.start, m.end)}
    # the parsed copy has the pre-pass's blanked sentences as spaces: nothing to find there
    for start_char, end_char, place in gazetteer.find_mentions(doc.text):
        span = doc.char_span(start_char, end_char, alignment_mode="contract")
        if span is None or len(span) == 0 or any(i in covered for i in range(span.start, span.end)):
            continue
        if any(t.is_space for t in span):
            continue  # a masked sentence
        # a name NER gave another label is usually not a place; but the small model often calls an
        # unfamiliar town a PERSON: trust the gazetteer after a locative preposition or for a large place
        before = doc[span.start - 1].lower_ if span.start > 0 else ""
        after = doc[span.end].lower_ if span.end < len(doc) else ""
        if any(t.ent_type_ == "NORP" for t in span):
            continue
        if any(t.ent_type_ == "ORG" for t in span) and not (
                after in FACILITY_NOUNS or (before in PLACE_PREPS and place.population >= 20_000)
                or (len(span) == 1 and place.population >= 100_000 and normalise_place_name(span.text) == (
                    normalise_place_name(place.name)))):
            continue
        # "the town of Taftanaz": a place noun says it is a place
        named_place = before == "of" and span.start > 1 and doc[span.start - 2].lemma_.lower() in FACILITY_NOUNS
        if any(t.ent_type_ == "PERSON" for t in span):
            if before not in LOCATIVE_PREPS and not named_place and not (place.population >= 100_000 and (
                    not countries or place.country in countries)):
                continue
        better = _lookup(gazetteer, span.text, countries) or place
        if not _plausible(span, span.text, better):
            continue
        mentions[span.start] = PlaceMention(span.start, span.end, span.start_char, span.end_char, span.text, better)
    return sorted(mentions.values(), key=lambda m: m.start)


_NAME_PARTICLES = {"al", "el", "ad", "ar", "as", "az", "ash", "at", "an", "ez", "es", "ed", "de", "del", "la", "le",
                   "di", "da", "do", "dos", "van", "von", "bin", "ibn", "abu", "bou", "ben"}


@functools.lru_cache(maxsize=65536)
def _lookup(gazetteer: Gazetteer, name: str, countries: tuple[str, ...]) -> Place | None:
    """Gazetteer look-ups repeat across a corpus ("Gaza", "Kyiv"): remember them. A one-word name must
    be a known spelling: the loose spelling match would make "Unite" (a union) Unity, Canada."""
    return gazetteer.lookup(name, countries=countries, loose=len(name.split()) > 1 or "-" in name)


def _plausible(span, text: str, place: Place) -> bool:
    """Reject spelling-variant matches that are really words or acronyms ("More" is not Morez, "BRICS" not Barcs)."""
    exact = normalise_place_name(text) == normalise_place_name(place.name)
    if exact:
        return True
    if len(span) == 1 and (span[0].is_stop or span[0].pos_ not in ("PROPN",)):
        return False
    if text.isupper():
        return False
    # a spelling variant must still look like a name: "A new" is not Änew, "Papua" alone not Popua
    words = [t for t in span if t.is_alpha and t.lower_ not in _NAME_PARTICLES and t.lower_ not in ADMIN_WORDS]
    if len(span) > 1 and (not words or span[0].is_stop or any(t.pos_ != "PROPN" for t in words)):
        return False
    return True


def _tree_distance(a, b) -> int:
    ancestors = {}
    tok, d = a, 0
    while True:
        ancestors[tok.i] = d
        if tok.head.i == tok.i or d > 20:
            break
        tok, d = tok.head, d + 1
    tok, d = b, 0
    while True:
        if tok.i in ancestors:
            return ancestors[tok.i] + d
        if tok.head.i == tok.i or d > 20:
            return 99
        tok, d = tok.head, d + 1


def _attached(mention: PlaceMention, anchor, doc, preps: frozenset[str] | set[str] = LOCATIVE_PREPS) -> bool:
    """Whether a place hangs on the event's clause through a locative preposition or a relative clause."""
    root = doc[mention.start:mention.end].root
    tok = root
    for _ in range(6):
        head = tok.head
        if head.i == tok.i:
            break
        if tok.dep_ == "pobj" and head.lower_ in preps and head.head.i in _chain(anchor):
            return True
        if tok.dep_ in ("npadvmod",) and head.i in _chain(anchor) and preps is LOCATIVE_PREPS:
            return True
        tok = head
    if preps is not LOCATIVE_PREPS:
        return False
    # "Deir Ezzor, ..., which has been the scene of an onslaught": the relative clause's antecedent
    cur = anchor
    for _ in range(8):
        if cur.dep_ in ("relcl",) and _tree_distance(cur.head, root) <= 6:
            return True
        if cur.head.i == cur.i:
            break
        cur = cur.head
    return False


def _is_modifier(doc, mention: PlaceMention) -> bool:
    """"Syria's ambassador", "the Iraq envoy", "ambassador to Iraq": a place that qualifies an actor."""
    root = doc[mention.start:mention.end].root
    if root.dep_ in ("poss",):
        # "Syria's ambassador" qualifies an actor; "Yerevan's Republic Square" is a site in Yerevan
        return root.head.lemma_.lower() in ACTOR_HEADS or root.head.ent_type_ in ("PERSON", "NORP") or not (
            root.head.ent_type_ in ("FAC", "LOC", "GPE") or root.head.lemma_.lower() in FACILITY_NOUNS)
    if root.dep_ in ("compound", "amod", "nmod") and root.head.lemma_.lower() in ACTOR_HEADS:
        return True
    head = root.head
    return root.dep_ == "pobj" and head.lower_ in ("to", "of", "for", "from") and (
        head.head.lemma_.lower() in ACTOR_HEADS)


def _chain(anchor) -> set[int]:
    out = set()
    tok = anchor
    for _ in range(4):
        out.add(tok.i)
        if tok.head.i == tok.i:
            break
        if tok.pos_ in ("VERB", "AUX") and tok.dep_ not in ("xcomp", "conj", "acl", "relcl"):
            if tok.dep_ == "pcomp":
                out.add(tok.head.i)
            break
        tok = tok.head
    return out


def event_location(doc, anchor_i: int, mentions: list[PlaceMention], *, actor_spans: list[tuple[int, int]],
                   source_spans: list[tuple[int, int]] = (), destination: bool = False) -> PlaceMention | None:
    """The place of one event (see the module docstring for the order of preference)."""
    anchor = doc[anchor_i]
    sent = anchor.sent
    sentence = [m for m in mentions if sent.start <= m.start < sent.end and not _is_modifier(doc, m)]
    in_sentence = [m for m in sentence if not any(a <= m.start_char < b for a, b in actor_spans)]
    attached = [m for m in in_sentence if _attached(m, anchor, doc)]
    if destination:
        # "a visit to Dhaka", "sent troops to Belarus": where one goes is where it happens, even when the
        # place also names the host
        attached += [m for m in sentence if m not in in_sentence and _attached(m, anchor, doc, DESTINATION_PREPS)]
    if attached:
        return min(attached, key=lambda m: (PRECISION_RANK[m.place.precision], _tree_distance(anchor, doc[m.start])))
    # "Moscow denied ...", "Kabul's decision": a capital standing for its government is no place
    in_sentence = [m for m in in_sentence if m.place.precision != "country"
                   and doc[m.start:m.end].root.dep_ not in ("nsubj", "nsubjpass", "poss")]
    if in_sentence:
        return min(in_sentence, key=lambda m: (PRECISION_RANK[m.place.precision],
                                               _tree_distance(anchor, doc[m.start:m.end].root)))
    # "a Moscow court ordered ...", "residents of Buenos Aires banged pots": the doer's own town
    local = [m for m in sentence if m.place.precision in ("city", "admin1")
             and any(a <= m.start_char < b for a, b in source_spans)]
    if local:
        return local[0]
    # the nearest place context before the event, in the same paragraph
    para_start = 0
    for tok in reversed(doc[: sent.start]):
        if "\n\n" in tok.whitespace_ or (tok.is_space and "\n\n" in tok.text):
            para_start = tok.idx + len(tok.text)
            break
    # (a dateline such as "HAVANA -" says where the report was filed, not where things happened)
    before = [m for m in mentions if para_start <= m.start_char < sent.start_char
              and m.place.precision in ("city", "admin1") and not m.text.isupper()]
    if before:
        return before[-1]
    return None


def to_location(mention: PlaceMention) -> Location:
    """The schema record for a resolved place mention."""
    place = mention.place
    return Location(name=place.name, country=place.country, admin1=place.admin1, lat=round(place.lat, 5),
                    lon=round(place.lon, 5), geonameid=place.geonameid, precision=place.precision,
                    text=mention.text, start=mention.start_char, end=mention.end_char)

"""Places: the place mentions of a document and the location of each event.

Place mentions come from spaCy's GPE/LOC/FAC entities and from a gazetteer pass over the text for
names NER misses or mislabels (lower-case, unusual transliterations, towns tagged as persons or
organisations), kept when the sentence treats them as places ("the town of X", "in X", "X airport",
"shelled X"). Each is resolved by :mod:`eventwire.gazetteer`, preferring the article's countries and
the country a phrase names ("Lewiston, Maine", "Tessalit in northern Mali", "Chile's Escondida mine");
a hand-listed feature named with its kind ("the Torkham border crossing", "Zaporizhzhia nuclear power
plant") is that feature, not the town of its first word. Phrases that name a place without naming it
are read too: "the Malian capital", "Kenya's parliament" (the capital), "Belarusian territory" (the
country).

An event's location is the place tied to it in the parse ("in", "near", "outside", "at", the town of
a clause the event's participle opens: "Visiting Kabul, the envoy said ..."; the place acted on:
"shelled Kupiansk", "the siege of the Gaza Strip"; the place a relative clause describes), else the
most specific place of its sentence that is not one of its actors nor qualifies an actor ("ambassador
to Iraq", "the defence ministry in Paris said"), else the doer's own town ("a Nairobi court"), else a
place the next sentence gives the event ("The attack took place near Bamenda"), else the nearest place
context in the paragraph before it; never blindly the dateline.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, replace

from .gazetteer import ADMIN_WORDS, _DIRECTIONS, Gazetteer, Place, normalise_place_name
from .nlp import doc_text
from .schema import Location

__all__ = ["PlaceMention", "find_places", "event_location", "to_location"]

LOCATIVE_PREPS = frozenset(
    """
    in near outside at around across inside into on from throughout to north south east west towards toward
    through within along off over beyond onto underneath under beside nearby
    """.split()
)
# Nouns that make a place name a site in that place: "Dhaka University", "Sfax port", "Kabul airport".
FACILITY_NOUNS = frozenset(
    """
    university airport square stadium hospital port harbour harbor prison camp base station bridge market
    mosque church cathedral campus park street avenue road highway district province region governorate city
    town village crossing checkpoint refinery plant palace hotel embassy airbase airfield air border gate
    terminal mine dam jail court courthouse parliament compound complex facility reactor forest field
    oilfield headquarters residence building museum school college post pass tunnel valley mountains
    mountain island islands lake river coast countryside outskirts suburbs centre center shoal reef strait
    """.split()
)
# Site nouns named after a person or a thing, not after the town: "Pushkin Square", "Downing Street".
STREET_NOUNS = frozenset(
    """
    square street avenue road boulevard lane bridge park gardens garden stadium memorial monument hall tower
    gate quay plaza circle mosque church cathedral temple shrine school college hotel bank
    """.split()
)
# prepositions after which a name is a place whatever NER calls it ("rounded up migrants in Sfax")
PLACE_PREPS = frozenset({"in", "near", "outside", "around", "inside", "across", "throughout", "towards", "toward"})
# "the town of X", "the outskirts of X", "residents of X": X is a place; the first are also part of X
PLACE_PART_NOUNS = frozenset(
    """
    town city village villages hamlet port island islands province region governorate district districts
    state area areas outskirts outskirt suburbs suburb streets centre center heart countryside neighbourhood
    neighborhood neighbourhoods neighborhoods capital shores shore coast coastline waters edge edges parts
    part environs vicinity municipality county department territory enclave camp settlement oblast
    prefecture frontier hills highlands valley mountains outpost islet atoll archipelago peninsula delta
    plain plains desert
    """.split()
)
PLACE_OF_NOUNS = PLACE_PART_NOUNS | {"residents", "resident", "people", "inhabitants", "citizens", "mayor",
                                     "governor", "streets", "people", "siege", "capture", "fall", "shelling",
                                     "bombing", "bombardment", "liberation", "occupation", "evacuation"}
# Event types whose "to X" / "in X" place is the destination even when X also names an actor ("a visit to
# Dhaka", "sent troops to Belarus", "delivered aid to Gaza")
DESTINATION_TYPES = frozenset({"CONSULT", "AGREE", "MOBILIZE", "AID", "COOPERATE"})
DESTINATION_PREPS = frozenset({"to", "into", "in", "at"})
ONWARD_PREPS = frozenset({"to", "into", "toward", "towards"})
PRECISION_RANK = {"city": 0, "admin1": 1, "country": 2}
# Nouns whose place modifier qualifies an actor ("ambassador to Iraq", "Baghdad's envoy"), not a place.
ACTOR_HEADS = frozenset(
    """
    ambassador envoy embassy consul consulate diplomat mission delegation representative minister government
    president leader official authorities ministry army forces troops military police people citizen
    national prime king emir spokesman spokeswoman counterpart regime relations ties border administration
    officials diplomats staff command spokesperson correspondent lawmakers legislators negotiators
    """.split()
)
# Speakers whose "in X" is their seat, not the place of what they report: "the defence ministry in Paris
# said", "officials in Dhaka said", "Havana's ambassador in Nairobi said".
SEATED_ACTOR_HEADS = ACTOR_HEADS - {"people", "citizen", "national", "border", "relations", "ties", "forces",
                                    "troops", "army", "military", "police"} | {
    "sources", "source", "media", "television", "broadcaster", "agency", "office"}
# Bodies that act at home: "Hong Kong police summoned ...", "Pakistan's supreme court ordered ...".
DOMESTIC_HEADS = frozenset({"police", "court", "courts", "prosecutor", "prosecutors", "judge", "judges",
                            "authorities", "magistrate", "magistrates", "tribunal"})
# Verbs of reporting: their subject's seat is not where the reported event happened.
# Nouns of talk and dispute whose "on"/"over"/"about" phrase is their subject, not a place
TOPIC_PREPS = frozenset({"on", "over", "about", "regarding", "concerning"})
TOPIC_NOUNS = frozenset({"talk", "talks", "negotiation", "agreement", "deal", "accord", "dispute", "row", "feud",
                         "report", "statement", "resolution", "dialogue", "consultation", "discussion", "treaty",
                         "pact"})
STATEMENT_NOUNS = frozenset({"statement", "report", "word", "message", "comment", "claim", "announcement",
                             "confirmation", "account", "briefing", "communique", "communiqué", "official", "source"})
SPEECH_LEMMAS = frozenset(
    """
    say tell announce confirm report state add claim note write declare insist allege quote cite deny
    acknowledge disclose reveal explain
    """.split()
)
# "the government in Damascus", "the Taliban administration in Kabul": a government named by its seat,
# wherever it is acted on
GOVERNMENT_HEADS = frozenset({"government", "administration", "regime", "authorities", "junta", "leadership", "rulers"})
# Verbs and nouns of acting on a place: the place acted on is where it happens ("shelled Kupiansk", "the
# siege of the Gaza Strip", "an onslaught on the suburbs of Damascus", "stormed Kenya's parliament").
PHYSICAL_LEMMAS = frozenset(
    """
    shell shelling bomb bombing bombard bombardment strike hit attack assault pound pummel capture seize
    recapture retake storm raid besiege siege encircle overrun enter visit tour target blockade occupy
    occupation liberate liberation surround invade invasion ambush rocket onslaught offensive incursion
    airstrike barrage torch loot ransack destroy flatten raze hammer batter paralyse paralyze seal cordon
    overwhelm blow reach return cede surrender abandon evacuate ram
    """.split()
)
# Nouns of a country's seat of power: "Kenya's parliament", "the Kenyan parliament" stand in its capital.
SEAT_NOUNS = frozenset({"parliament", "legislature", "senate", "congress"})
# Nouns after a demonym that name the country itself: "Belarusian territory", "Iraqi airspace".
TERRITORY_NOUNS = frozenset({"territory", "soil", "airspace", "waters", "land", "lands"})
# "The attack took place near Bamenda": a sentence opening with one of these restates an event just told.
EVENT_NOUNS = frozenset(
    """
    attack attacks assault raid raids strike strikes airstrike airstrikes bombing bombings shooting
    shootings arrest arrests detention detentions clash clashes killing killings incident explosion blast
    ambush protest protests rally rallies march demonstration demonstrations meeting talks fighting violence
    operation abduction abductions kidnapping kidnappings deployment visit massacre shelling crackdown
    seizure evacuation exchange handover release sit-in summit negotiations ceremony offensive
    """.split()
)
# A town found by one of its alternate names, abroad, in an article about other countries, is most likely
# a homonym the gazetteer lacks ("the town of Boni" in Mali is not Bonn), unless it is this large.
ALTERNATE_ABROAD_MIN_POP = 500_000


@dataclass(frozen=True, slots=True)
class PlaceMention:
    """A place named in the text: token span and the gazetteer's answer. ``inferred`` marks a place the
    text names without its name: the country of a town the gazetteer lacks ("near Anefis"), a capital
    named by its country ("the Malian capital"), a country named by its territory ("Iraqi territory")."""

    start: int
    end: int
    start_char: int
    end_char: int
    text: str
    place: Place
    inferred: bool = False


# --------------------------------------------------------------------------------------------------
# Finding the place mentions


def find_places(doc, gazetteer: Gazetteer, *, countries: tuple[str, ...] = ()) -> list[PlaceMention]:
    """Every place mention of the document, resolved against the gazetteer.

    ``doc`` may be the pre-filtered copy of the article (same offsets): masked sentences hold no places.
    ``countries`` are the article's countries (ISO3), most relevant first.
    """
    mentions: dict[int, PlaceMention] = {}
    for ent in doc.ents:
        if ent.label_ in ("GPE", "LOC", "FAC"):
            _add_entity(doc, gazetteer, ent, countries, mentions, weak=False)
    _add_gazetteer_names(doc, gazetteer, countries, mentions)
    # a person or a body NER named, where the sentence treats it as a place ("near Tessalit", "the town of
    # Bulobarde"): names of towns too small or too oddly spelt for the gazetteer pass
    covered = {i for m in mentions.values() for i in range(m.start, m.end)}
    for ent in doc.ents:
        if ent.label_ in ("PERSON", "ORG", "NORP") and not any(i in covered for i in range(ent.start, ent.end)):
            _add_entity(doc, gazetteer, ent, countries, mentions, weak=True)
    _add_features(doc, gazetteer, countries, mentions)
    found = [_with_feature(doc, gazetteer, _with_direction(doc, gazetteer, _with_kind(doc, gazetteer, m, countries),
                                                          countries), countries)
             for m in sorted(mentions.values(), key=lambda m: m.start)]
    found = _merge_phrases(doc, gazetteer, found, countries)
    found = _qualify(doc, gazetteer, found, countries)
    found = _referring_places(doc, gazetteer, found, countries)
    return _unknown_places(doc, gazetteer, found, countries, _named_countries(doc, gazetteer))


def _add_gazetteer_names(doc, gazetteer: Gazetteer, countries, mentions: dict) -> None:
    """The gazetteer pass: names NER did not call places (lower-case runs, odd spellings, towns NER took
    for persons or bodies), kept where the sentence treats them as places or where the place is large."""
    ent_of = {i: ent for ent in doc.ents for i in range(ent.start, ent.end)}
    covered = {i for m in mentions.values() for i in range(m.start, m.end)}
    # the parsed copy has the pre-pass's blanked sentences as spaces: nothing to find there
    for start_char, end_char, place in gazetteer.find_mentions(doc_text(doc)):
        span = doc.char_span(start_char, end_char, alignment_mode="contract")
        if span is None or len(span) == 0 or any(i in covered for i in range(span.start, span.end)):
            continue
        if any(t.is_space for t in span):
            continue  # a masked sentence
        if not _inner_name_is_place(doc, span, ent_of.get(span.start)):
            continue
        before = doc[span.start - 1].lower_ if span.start > 0 else ""
        after = doc[span.end].lower_ if span.end < len(doc) else ""
        context = _place_context(doc, span)
        if any(t.ent_type_ == "NORP" for t in span) and not context:
            continue
        # a name NER gave another label is usually not a place; but the small model often calls an
        # unfamiliar town a PERSON or an ORG: trust the gazetteer where the sentence treats it as a place
        # or for a large place
        if any(t.ent_type_ == "ORG" for t in span) and not (
                context or after in FACILITY_NOUNS or (before in PLACE_PREPS and place.population >= 20_000)
                or place.kind
                or (len(span) == 1 and place.population >= 100_000 and normalise_place_name(span.text) == (
                    normalise_place_name(place.name)))):
            continue
        if any(t.ent_type_ == "PERSON" for t in span):
            if not context and not (place.population >= 100_000 and (not countries or place.country in countries)):
                continue
        hinted = _demonym_hint(doc, span, gazetteer) + tuple(countries)  # "the Syrian town of Kobani"
        better = _lookup(gazetteer, span.text, hinted) or place
        whose = _whose_town(doc, span, gazetteer)
        if whose and better.country != whose:
            continue  # the text says whose town it is: not a namesake abroad
        # a known name ("the Kyiv region" is Kyiv Oblast) or a spelling variant that looks like a name
        if not (_plausible(span, span.text, better) or (context and _named(span))
                or _lookup_exact(gazetteer, span.text, hinted) == better):
            continue
        if not _credible(gazetteer, span.text, better, hinted):
            continue
        mentions[span.start] = PlaceMention(span.start, span.end, span.start_char, span.end_char, span.text, better)


def _add_features(doc, gazetteer: Gazetteer, countries, mentions: dict) -> None:
    """"the Neelum valley", "Ofer prison": a hand-listed feature whose first word is no place by itself."""
    covered = {i for m in mentions.values() for i in range(m.start, m.end)}
    seeds = [(ent.start + (1 if doc[ent.start].lower_ == "the" else 0), ent.end) for ent in doc.ents
             if ent.label_ in ("PERSON", "ORG", "NORP", "GPE", "LOC", "FAC")]
    seeds += [(t.i, t.i + 1) for t in doc if t.pos_ == "PROPN" and t.text[:1].isupper() and t.ent_type_ == ""]
    nowhere = Place("", "", None, 0.0, 0.0, None, "city")
    for start, end in seeds:
        if start >= end or any(i in covered for i in range(start, end)):
            continue
        end_char = doc[end - 1].idx + len(doc[end - 1].text)
        seed = PlaceMention(start, end, doc[start].idx, end_char, doc_text(doc)[doc[start].idx:end_char], nowhere)
        feature = _with_feature(doc, gazetteer, seed, countries)
        if feature is not seed:
            mentions[start] = feature
            covered.update(range(feature.start, feature.end))


def _with_kind(doc, gazetteer: Gazetteer, mention: PlaceMention, countries) -> PlaceMention:
    """"Katsina state", "Kunduz province", "the North-West region": the region, when NER left the kind word
    out of the name ("Katsina" alone is the city)."""
    if mention.place.precision == "country":
        return mention
    # "the department of Arauca", "the province of Idlib"
    if mention.start > 1 and doc[mention.start - 1].lower_ == "of" and doc[mention.start - 2].lower_ in ADMIN_WORDS:
        kind = doc[mention.start - 2]
        text = doc_text(doc)[kind.idx:mention.end_char]
        place = gazetteer.lookup(text, countries=countries, loose=False)
        if place is not None and place.precision == "admin1":
            return PlaceMention(kind.i, mention.end, kind.idx, mention.end_char, text, place)
    if mention.end >= len(doc) or doc[mention.end].lower_ not in ADMIN_WORDS:
        return mention
    word = doc[mention.end]
    text = doc_text(doc)[mention.start_char:word.idx + len(word.text)]
    place = gazetteer.lookup(text, countries=countries, loose=False)
    if place is None or place.precision != "admin1":
        return mention
    return PlaceMention(mention.start, mention.end + 1, mention.start_char, word.idx + len(word.text), text, place)


def _with_direction(doc, gazetteer: Gazetteer, mention: PlaceMention, countries) -> PlaceMention:
    """"southern Lebanon", "northern Gaza": a part of a country or region the gazetteer knows by that name
    (South Governorate, North Gaza) rather than the whole."""
    if mention.start == 0 or mention.place.kind:
        return mention
    adj = doc[mention.start - 1]
    if adj.lower_ not in _DIRECTION_WORDS or adj.lower_ in ("besieged", "rebel-held", "occupied"):
        return mention
    text = doc_text(doc)[adj.idx:mention.end_char]
    place = gazetteer.lookup(text, countries=countries, loose=False)
    if place is None or place == mention.place or place.country != mention.place.country or place.precision == (
            "country"):
        return mention
    return PlaceMention(adj.i, mention.end, adj.idx, mention.end_char, text, place)


def _unknown_places(doc, gazetteer: Gazetteer, mentions: list[PlaceMention], countries,
                    named: frozenset[str] = frozenset()) -> list[PlaceMention]:
    """A town the gazetteer lacks, named as a place ("near Anefis", "the town of Boni", "in Yelwata"), is
    somewhere in the country the text gives it ("the Syrian town of X"), else in the article's country
    when the document's places and peoples include it (or name none), else in the one country they name,
    at country precision; otherwise it stays unplaced."""
    known = {m.place.country for m in mentions} | set(named)
    default = None
    if countries and (countries[0] in known or not known):
        default = gazetteer.country(countries[0])
    elif len(known) == 1:
        default = gazetteer.country(next(iter(known)))
    covered = {i for m in mentions for i in range(m.start, m.end)}
    out = list(mentions)
    for ent in doc.ents:
        if ent.label_ not in ("GPE", "LOC", "FAC", "PERSON", "ORG") or any(i in covered for i in range(ent.start,
                                                                                                      ent.end)):
            continue
        start = ent.start + (1 if doc[ent.start].lower_ == "the" else 0)
        span = doc[start:ent.end]
        if not span or not all(t.pos_ == "PROPN" or t.lower_ in _NAME_PARTICLES or t.text == "-" for t in span):
            continue
        if gazetteer.is_blocked(span.text) or span.text.isupper():
            continue
        before = doc[start - 1] if start > 0 else None
        town_of = start > 1 and before is not None and before.lower_ == "of" and doc[start - 2].lower_ in (
            "town", "village", "villages", "hamlet", "city", "port", "island", "islet")
        site = ent.label_ in ("GPE", "LOC", "FAC") and any(
            t.lower_ in FACILITY_NOUNS for t in doc[ent.end:ent.end + 3] if t.is_lower)
        if not (town_of or site or (ent.label_ in ("GPE", "LOC") and before is not None and (
                before.lower_ in LOCATIVE_PREPS))):
            continue
        hint = _demonym_hint(doc, span, gazetteer)
        where = gazetteer.country(hint[0]) if hint else default
        if where is not None:
            out.append(PlaceMention(start, ent.end, span.start_char, span.end_char, span.text, where, inferred=True))
    return sorted(out, key=lambda m: m.start)


_BACKER_WORDS = frozenset({"backed", "supported", "sponsored", "funded", "financed", "trained", "armed", "allied",
                           "aligned", "affiliated", "inspired", "friendly", "leaning", "oriented", "led"})


def _stance_or_backer(doc, span) -> bool:
    after = span.end + 1 < len(doc) and doc[span.end].text == "-" and doc[span.end + 1].lower_ in _BACKER_WORDS
    before = span.start >= 2 and doc[span.start - 1].text == "-" and doc[span.start - 2].lower_ in ("pro", "anti")
    return after or before


def _add_entity(doc, gazetteer: Gazetteer, ent, countries, mentions: dict, *, weak: bool) -> None:
    start = ent.start + (1 if doc[ent.start].lower_ == "the" else 0)
    span = doc[start:ent.end]
    countries = _demonym_hint(doc, span, gazetteer) + tuple(countries)  # "the Syrian town of Kobani"
    name = span.text.removesuffix("'s").removesuffix("’s").strip()
    if not name or (weak and not _place_context(doc, span)):
        return
    if _stance_or_backer(doc, span):
        return  # "Iran-backed militias", "pro-Russian separatists": a side taken, no place named
    if weak and (name.isupper() or gazetteer.country_of_demonym(name)):
        return  # "UN agencies", "EU membership", "Thai": an acronym or a people is no town
    if weak and ent.end < len(doc) and doc[ent.end].text in ("-", "‑") and not doc[ent.end - 1].whitespace_:
        return  # "Croix-des-Bouquets" split by NER: the gazetteer pass has the whole name or nothing
    place = _lookup(gazetteer, name, countries)
    if place is None and weak and len(span) == 1:
        # an unfamiliar spelling of a town NER took for a person ("near the town of Bulobarde"), looked
        # for in the article's countries only
        place = _lookup_loose_in(gazetteer, name, countries)
    if place is None or not _plausible(span, name, place) or not _credible(gazetteer, name, place, countries):
        return
    hint = _whose_town(doc, span, gazetteer)
    if hint and place.country != hint:
        return  # "the Nigerian town of Baga" is in Nigeria, not Bagà in Spain (an unknown town there, if any)
    if weak and place.precision == "city" and not place.kind and not gazetteer.is_own_name(name, place) and (
            place.country not in countries):
        return  # a person's or a body's name that is only another town's alternate name
    mentions[span.start] = PlaceMention(span.start, span.end, span.start_char, span.start_char + len(name), name,
                                        place)


_NAME_PARTICLES = frozenset(
    """
    al el ad ar as az ash at an ez es ed de del la le di da do dos van von bin ibn abu bou ben
    """.split()
)


@functools.lru_cache(maxsize=8192)  # keyed by each article's country hints: a larger cache only grows
def _lookup(gazetteer: Gazetteer, name: str, countries: tuple[str, ...]) -> Place | None:
    """Gazetteer look-ups repeat across a corpus ("Gaza", "Kyiv"): remember them. A one-word name must
    be a known spelling: the loose spelling match would make "Unite" (a union) Unity, Canada. A hint
    does not turn a capital into a village named like it: "Dhaka" in a story about India's foreign
    secretary is Bangladesh's capital, not Dhāka in Bihar."""
    place = gazetteer.lookup(name, countries=countries, loose=len(name.split()) > 1 or "-" in name)
    if place is None or not countries or place.precision != "city" or place.country != countries[0]:
        return place
    if gazetteer.capital(place.country) == place:
        return place
    plain = gazetteer.lookup(name, loose=False)
    if (plain is not None and plain.country != place.country and plain.precision == "city"
            and gazetteer.capital(plain.country) == plain and place.population < plain.population // 20):
        return plain
    return place


@functools.lru_cache(maxsize=16384)
def _lookup_exact(gazetteer: Gazetteer, name: str, countries: tuple[str, ...]) -> Place | None:
    return gazetteer.lookup(name, countries=countries, loose=False)


@functools.lru_cache(maxsize=16384)
def _lookup_loose_in(gazetteer: Gazetteer, name: str, countries: tuple[str, ...]) -> Place | None:
    """A one-word spelling variant, accepted only in the article's countries ("Bulobarde", Buulobarde)."""
    if not countries or len(name) < 5:
        return None
    place = gazetteer.lookup(name, countries=countries, loose=True)
    return place if place is not None and place.country in countries else None


def _credible(gazetteer: Gazetteer, text: str, place: Place, countries: tuple[str, ...]) -> bool:
    """A town known by an alternate name only, abroad, is no credible reading of a name in a story about
    other countries ("the town of Boni" in a Malian story is not Bonn); large cities and capitals are. (A
    town of its own name abroad is: cross-border strikes and raids are news.)"""
    if place.precision != "city" or place.kind or not countries or place.country in countries:
        return True
    if place.population >= ALTERNATE_ABROAD_MIN_POP or gazetteer.capital(place.country) == place:
        return True
    return gazetteer.is_own_name(text, place)


def _named_countries(doc, gazetteer: Gazetteer) -> frozenset[str]:
    """The countries the document names, by name or by their people ("Bolivia's interior minister", "in
    Syria", "the German government")."""
    out = set()
    for ent in doc.ents:
        if ent.label_ == "GPE":
            place = _lookup(gazetteer, ent.text.removeprefix("the ").removesuffix("'s").removesuffix("’s"), ())
            if place is not None and place.precision == "country":
                out.add(place.country)
        elif ent.label_ == "NORP":
            iso3 = gazetteer.country_of_demonym(ent.text)
            if iso3:
                out.add(iso3)
    return frozenset(out)


def _place_noun_of(doc, span):
    """The place noun of "the town of X", "the southern Lebanese village of X", or None."""
    if span.start < 3 or doc[span.start - 1].lower_ != "of" or doc[span.start - 2].lower_ not in PLACE_PART_NOUNS:
        return None
    return doc[span.start - 2]


def _demonym_hint(doc, span, gazetteer: Gazetteer) -> tuple[str, ...]:
    """The country of "the Syrian town of X", "the southern Lebanese village of X", if the text says."""
    if _place_noun_of(doc, span) is None:
        return ()
    words = [t for t in doc[max(span.start - 6, 0):span.start - 2] if t.text[:1].isupper()]
    iso3 = _demonym_country(gazetteer, words) if words else None
    return (iso3,) if iso3 else ()


def _whose_town(doc, span, gazetteer: Gazetteer) -> str | None:
    """The country a demonym on the place noun itself names: "the Nigerian town of Baga" (not "Russian
    forces captured the city of Lysychansk")."""
    noun = _place_noun_of(doc, span)
    if noun is None:
        return None
    words = [c for c in noun.children if c.dep_ in ("amod", "compound") and c.text[:1].isupper()]
    return _demonym_country(gazetteer, words) if words else None


def _named(span) -> bool:
    """Capitalised words, none a function word nor opening the sentence ("Taez" the tagger took for a noun)."""
    return all(t.text[:1].isupper() and not t.is_stop and not t.is_sent_start for t in span if t.is_alpha)


def _plausible(span, text: str, place: Place) -> bool:
    """Reject spelling-variant matches that are really words or acronyms ("More" is not Morez, "BRICS" not Barcs)."""
    exact = normalise_place_name(text) == normalise_place_name(place.name)
    if exact or place.kind:
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


def _np_head(tok):
    """The head noun of the noun phrase a name sits in: "the Kapikule border crossing" -> crossing."""
    for _ in range(4):
        if tok.dep_ in ("compound", "amod", "nmod", "nummod") and tok.head.i != tok.i and tok.head.pos_ in (
                "NOUN", "PROPN"):
            tok = tok.head
        else:
            break
    return tok


def _place_context(doc, span) -> bool:
    """Does the sentence treat the span as a place, whatever NER called it? After a locative
    preposition ("near Anefis"), as "the town of X" or "residents of X", before a site noun ("Merowe
    air base", "X, a town on ..."), as the object of shelling or capture ("shelled Kupiansk")."""
    before = doc[span.start - 1] if span.start > 0 else None
    if before is not None and before.lower_ in LOCATIVE_PREPS:
        return True
    # "the (Tigrayan) town of Adwa", "the streets of Dakar", "residents of Goma"
    if before is not None and before.lower_ == "of" and span.start > 1:
        noun = doc[span.start - 2]
        if noun.lower_ in PLACE_OF_NOUNS or noun.lemma_.lower() in PLACE_OF_NOUNS:
            return True
    root = span.root
    head = _np_head(root)
    # "east of Khan Younis", "out of eastern Ghouta"
    if head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.lower_ in _OF_PREPS and all(
            t.pos_ in ("DET", "ADJ") or t.lower_ in _DIRECTION_WORDS for t in doc[head.head.i + 1:span.start]):
        return True
    # "at the Kapikule border crossing", "in the Qandil mountains"
    if head.i != root.i and head.lower_ in FACILITY_NOUNS | PLACE_PART_NOUNS:
        return True
    if head.dep_ == "pobj" and head.head.lower_ in LOCATIVE_PREPS and (head.i == root.i or head.lower_ in (
            FACILITY_NOUNS | PLACE_PART_NOUNS)) and all(
            t.pos_ in ("DET", "ADJ", "PUNCT") or t.lower_ in _DIRECTION_WORDS
            for t in doc[head.head.i + 1:span.start]):
        return True
    # "Merowe air base", "Chaman crossing", "Mosul's airport"
    k = span.end
    if k < len(doc) and doc[k].lower_ in ("'s", "’s"):
        k += 1
    for j in range(k, min(k + 3, len(doc))):
        tok = doc[j]
        if tok.lower_ in FACILITY_NOUNS:
            return True
        if not (tok.is_lower and tok.is_alpha):
            break
    # "Bunagana, a town on Congo's border", "Rubaya, a mining town"
    if span.end + 2 < len(doc) and doc[span.end].text == "," and doc[span.end + 1].lower_ in ("a", "an", "the"):
        for j in range(span.end + 2, min(span.end + 6, len(doc))):
            if doc[j].lower_ in PLACE_PART_NOUNS:
                return True
            if not doc[j].is_alpha or doc[j].pos_ in ("VERB", "AUX"):
                break
    # the object of shelling or capture
    gov = head if head.dep_ != "appos" else head.head
    if (head.i == root.i or head.lower_ in PLACE_PART_NOUNS) and gov.dep_ in ("dobj", "nsubjpass", "pobj") and (
            gov.head.i != gov.i):
        verb = gov.head
        if gov.dep_ == "pobj" and verb.lower_ in ("of", "on", "against"):
            verb = verb.head
        if _physical(verb):
            return True
    return False


# words that make "of" locative: "out of Ghouta", "east of Khan Younis", "north of Kyiv"
_OF_PREPS = frozenset(
    """
    out east west north south northeast northwest southeast southwest outside
    """.split()
)
_DIRECTION_WORDS = _DIRECTIONS | frozenset("north south east west besieged rebel-held occupied".split())


def _physical(verb) -> bool:
    """A verb or noun of acting on a place ("shelled", "the siege"), not a phrasal use ("hit out at")."""
    return verb.lemma_.lower() in PHYSICAL_LEMMAS and not any(
        c.dep_ == "prt" and c.lower_ == "out" for c in verb.children)  # "hit out at Brussels" is a rebuke


def _inner_name_is_place(doc, span, ent) -> bool:
    """A name inside a longer entity the gazetteer did not know: a place only as the first word before
    site nouns ("Islamabad High Court", "Dhaka University"), not in names of streets and squares named
    after someone ("Pushkin Square") nor inside other names ("the Line of Control")."""
    if ent is None:
        return True
    start = ent.start + (1 if doc[ent.start].lower_ == "the" else 0)
    if start >= span.start and ent.end <= span.end:
        return True
    rest = [t for t in doc[span.end:ent.end] if not t.is_punct]
    # "Kyiv's Holosiivskyi district": a place's possessive names a part of it
    if span.end < ent.end and doc[span.end].lower_ in ("'s", "’s"):
        return True
    if span.start == start:
        if not rest:
            return True
        words = [t.lower_ for t in rest if t.lower_ not in ("'s", "’s")]
        if any(w in STREET_NOUNS for w in words):
            return False
        return all(w in FACILITY_NOUNS or w in ADMIN_WORDS or w in ("high", "supreme", "international", "national",
                                                                   "state", "central", "military", "general",
                                                                   "nuclear", "power", "criminal", "district",
                                                                   "city", "regional", "provincial") for w in words)
    # "the Beagle Channel near Ushuaia": NER merged a place after a preposition into the entity
    if span.start > start and doc[span.start - 1].lower_ in LOCATIVE_PREPS:
        return True
    # "University of Nairobi", "Port of Spain": after "of" in the name of a site
    if span.start > start and doc[span.start - 1].lower_ == "of" and span.end == ent.end:
        return doc[span.start - 2].lower_ in FACILITY_NOUNS | PLACE_PART_NOUNS
    return False


def _with_feature(doc, gazetteer: Gazetteer, mention: PlaceMention, countries) -> PlaceMention:
    """"Zaporizhzhia nuclear power plant", "the Torkham border crossing": a hand-listed feature named by
    the place and the site nouns after it is that feature, not the town."""
    best = None
    end = mention.end
    for j in range(mention.end, min(mention.end + 4, len(doc))):
        tok = doc[j]
        if not tok.is_alpha or tok.ent_type_ in ("DATE", "TIME", "CARDINAL"):
            break
        end = j + 1
        text = doc_text(doc)[mention.start_char:tok.idx + len(tok.text)]
        feature = gazetteer.feature(text, countries=countries)
        if feature is not None:
            best = (end, tok.idx + len(tok.text), text, feature)
    if best is None:
        return mention
    end, end_char, text, feature = best
    return PlaceMention(mention.start, end, mention.start_char, end_char, text, feature)


def _demonym_country(gazetteer: Gazetteer, tokens) -> str | None:
    """The country of a demonym of one or more words ("Malian", "Central African")."""
    words = [t for t in tokens if t.text[:1].isupper()]
    for k in range(len(words)):
        iso3 = gazetteer.country_of_demonym(" ".join(t.text for t in words[k:]))
        if iso3:
            return iso3
    return None


def _merge_phrases(doc, gazetteer: Gazetteer, mentions: list[PlaceMention], countries) -> list[PlaceMention]:
    """Phrases that name a place through a country: "the Malian capital", "Guinea's capital" and
    "Kenya's parliament" (the capital city), "Belarusian territory" (the country)."""
    by_end = {m.end: m for m in mentions}
    out = {m.start: m for m in mentions}
    for tok in doc:
        noun = tok.lower_
        if noun not in ("capital", *SEAT_NOUNS, *TERRITORY_NOUNS) or tok.pos_ not in ("NOUN", "PROPN") or (
                tok.dep_ == "compound"):
            continue  # ("the Russian land forces", "Kenya's parliament speaker" name no place)
        if noun == "capital" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ in ("city", "markets", "market",
                                                                                     "punishment", "gains"):
            continue
        iso3, first = None, None
        # "Guinea's capital", "Kenya's parliament"
        k = tok.i - 1
        while k > 0 and doc[k].pos_ == "ADJ" and doc[k].is_lower:
            k -= 1
        if k > 0 and doc[k].lower_ in ("'s", "’s") and k in by_end and by_end[k].place.precision == "country":
            owner = by_end[k]
            iso3, first = owner.place.country, owner.start
        if iso3 is None:
            # "the Malian capital", "the Central African capital", "Belarusian territory"
            k = tok.i - 1
            adjectives = []
            while k >= 0 and (doc[k].text[:1].isupper() or (doc[k].is_lower and doc[k].pos_ == "ADJ")) and (
                    doc[k].is_alpha) and k >= tok.sent.start:
                adjectives.insert(0, doc[k])
                k -= 1
            capitalised = [t for t in adjectives if t.text[:1].isupper() and not t.is_sent_start]
            if capitalised:
                iso3 = _demonym_country(gazetteer, capitalised)
                first = capitalised[0].i
        if iso3 is None or first is None:
            continue
        if noun in TERRITORY_NOUNS:
            place = gazetteer.country(iso3)
            if place is None:
                continue
        else:
            place = gazetteer.capital(iso3)
            if place is None:
                continue
        start_char, end_char = doc[first].idx, tok.idx + len(tok.text)
        for m in list(out.values()):
            if first <= m.start < tok.i + 1:
                del out[m.start]
        out[first] = PlaceMention(first, tok.i + 1, start_char, end_char, doc_text(doc)[start_char:end_char], place,
                                  inferred=True)
    return sorted(out.values(), key=lambda m: m.start)


REFERRING_TOWN_NOUNS = frozenset({"city", "town", "port"})


def _referring_places(doc, gazetteer: Gazetteer, mentions: list[PlaceMention], countries) -> list[PlaceMention]:
    """Bare descriptions that refer to a place named before or known from the story: "marched through the
    capital" (the capital of the story's country), "arrived in the city", "at the port" (the last town
    named before, a dateline's too, within a few sentences)."""
    taken = {i for m in mentions for i in range(m.start, m.end)}
    out = list(mentions)
    for tok in doc:
        noun = tok.lower_
        if tok.i in taken or tok.pos_ != "NOUN" or (noun != "capital" and noun not in REFERRING_TOWN_NOUNS):
            continue
        # only "the capital" itself: not "the Malian capital", "the capital of Sinaloa", "the capital's mayor"
        if [c.lower_ for c in tok.children if c.dep_ != "punct"] != ["the"] or tok.dep_ in (
                "compound", "poss", "nsubj") or (tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ in ("'s", "’s")):
            continue
        place = None
        if noun == "capital":
            place = gazetteer.capital(countries[0]) if countries else None
        else:
            earlier = [m for m in mentions if m.end <= tok.i and m.place.precision == "city" and not m.inferred
                       and m.start >= tok.sent.start - 120]
            place = earlier[-1].place if earlier else None
        if place is None:
            continue
        first = tok.i - 1
        out.append(PlaceMention(first, tok.i + 1, doc[first].idx, tok.idx + len(tok.text),
                                doc_text(doc)[doc[first].idx:tok.idx + len(tok.text)], place, inferred=True))
    return sorted(out, key=lambda m: m.start)


def _qualify(doc, gazetteer: Gazetteer, mentions: list[PlaceMention], countries) -> list[PlaceMention]:
    """A place named with its country or region ("Lewiston, Maine", "Athens, Georgia", "Agadez, Niger",
    "Tessalit in northern Mali", "Chile's Escondida mine") is the place of that name there; if the
    gazetteer has none, the region named ("Chautauqua, New York": the state)."""
    by_start = {m.start: m for m in mentions}
    by_end = {m.end: m for m in mentions}
    out = []
    regions: dict[int, Place] = {}  # qualifier start -> the place it stands for ("Georgia": the US state)
    for m in mentions:
        qualifier = None
        k = m.end
        suburb = _apposed_place(doc, m, by_start)
        if suburb is not None:
            # "Eastleigh, a Nairobi suburb": in that town, or the town itself if the gazetteer lacks it
            if m.place.country != suburb.place.country or m.place.kind:
                better = next((c for c in gazetteer.candidates(m.text, countries=(suburb.place.country,))
                               if c.country == suburb.place.country and c.precision == "city"), None)
                m = replace(m, place=better or suburb.place)
            out.append(m)
            continue
        if k + 1 < len(doc) and doc[k].text == "," and k + 1 in by_start and not _listed(doc, by_start[k + 1],
                                                                                          by_start):
            qualifier = by_start[k + 1]
        elif k + 1 < len(doc) and doc[k].lower_ == "in":
            j = k + 1
            while j < len(doc) and doc[j].is_lower and doc[j].pos_ == "ADJ":
                j += 1
            if j in by_start and by_start[j].place.precision == "country":
                qualifier = by_start[j]
        if qualifier is None and m.start > 1:
            j = m.start - 1
            while j > 0 and doc[j].is_lower and doc[j].pos_ == "ADJ":
                j -= 1
            if doc[j].lower_ in ("'s", "’s") and j in by_end and by_end[j].place.precision == "country":
                qualifier = by_end[j]
        if qualifier is None or m.place.precision == "country" or qualifier is m or m.place.kind:
            out.append(m)
            continue
        readings = _regions_named(gazetteer, qualifier)
        if qualifier.place.precision == "city" and m.place.country == qualifier.place.country and (
                m.place.population >= 100_000):
            readings = []  # two towns of one country side by side ("Homs, Aleppo"), not a town and its region
        if any(_within(m.place, q) for q in readings):
            q = next(q for q in readings if _within(m.place, q))
            if q != qualifier.place:
                regions[qualifier.start] = q
            out.append(m)
            continue
        better = None
        for q in readings:
            better = next((c for c in gazetteer.candidates(m.text, countries=(q.country,)) if _within(c, q)), None)
            if better is not None:
                if q != qualifier.place:
                    regions[qualifier.start] = q
                break
        if better is None and readings and readings[0].precision == "admin1":
            better = regions[qualifier.start] = readings[0]
        out.append(replace(m, place=better) if better is not None else m)
    # "Bemus Point, New York": after a name the gazetteer lacks, a state named like its city is the state
    for m in out:
        if m.start > 1 and m.start not in regions and doc[m.start - 1].text == "," and doc[m.start - 2].pos_ == (
                "PROPN") and m.start - 2 not in {i for o in out for i in range(o.start, o.end)} and not _listed(
                doc, m, by_start):
            readings = [q for q in _regions_named(gazetteer, m) if q.precision == "admin1"]
            if readings and m.place.precision == "city":
                regions[m.start] = readings[0]
    return [replace(m, place=regions[m.start]) if m.start in regions else m for m in out]


def _apposed_place(doc, mention: PlaceMention, by_start: dict) -> PlaceMention | None:
    """The town of "X, a Nairobi suburb", "X, a village near Goma"-style appositions, if any."""
    k = mention.end
    if not (k + 2 < len(doc) and doc[k].text == "," and doc[k + 1].lower_ in ("a", "an", "the")):
        return None
    for j in range(k + 2, min(k + 6, len(doc))):
        if j in by_start:
            town = by_start[j]
            after = doc[town.end] if town.end < len(doc) else None
            if town.place.precision == "city" and after is not None and after.lower_ in (
                    "suburb", "district", "neighbourhood", "neighborhood", "township"):
                return town
            return None
        if not (doc[j].is_alpha and doc[j].is_lower):
            return None
    return None


def _listed(doc, mention: PlaceMention, by_start: dict) -> bool:
    """Is the place one of a list ("Aleppo, Homs and Hama"), not the region of the name before it?"""
    k = mention.end
    if k < len(doc) and doc[k].lower_ in ("and", "or", "&"):
        return True
    return k + 1 < len(doc) and doc[k].text == "," and (k + 1 in by_start or doc[k + 1].lower_ in ("and", "or"))


def _regions_named(gazetteer: Gazetteer, qualifier: PlaceMention) -> list[Place]:
    """What a qualifying name may stand for, most likely first: "Georgia" the country or the US state; "New
    York" the state (a city qualifies nothing, its region does)."""
    out = []
    for c in [qualifier.place, *gazetteer.candidates(qualifier.text)]:
        if c.precision == "city":
            if not c.admin1:
                continue
            region = gazetteer.lookup(f"{c.admin1} region", countries=(c.country,), loose=False)
            if region is None or region.precision != "admin1" or normalise_place_name(region.name) != (
                    normalise_place_name(qualifier.text)):
                continue
            c = region
        if c not in out:
            out.append(c)
    return out[:4]


def _within(place: Place, region: Place) -> bool:
    if place.country != region.country:
        return False
    if region.precision == "country":
        return True
    return place.admin1 == region.name or place.name == region.name


# --------------------------------------------------------------------------------------------------
# The place of one event


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


def _place_root(doc, mention: PlaceMention):
    """The token standing for the place in the parse: the name's root, or the part noun it names ("the
    outskirts of Bangui" -> outskirts, "the town of Rastan" -> town, "Merowe air base" -> base)."""
    tok = doc[mention.start:mention.end].root
    for _ in range(4):
        head = tok.head
        if head.i == tok.i:
            break
        if tok.dep_ == "pobj" and head.lower_ == "of" and head.head.lower_ in PLACE_PART_NOUNS | FACILITY_NOUNS:
            tok = head.head
        elif tok.dep_ in ("compound", "amod", "nmod") and head.lower_ in FACILITY_NOUNS | PLACE_PART_NOUNS:
            tok = head
        elif tok.dep_ == "poss" and head.lower_ in FACILITY_NOUNS | PLACE_PART_NOUNS:
            tok = head  # "Mosul's airport", "Baghdad's Tahrir Square"
        elif tok.dep_ == "poss" and head.ent_type_ in ("FAC", "LOC", "ORG") and head.pos_ == "PROPN":
            tok = _np_head(head)  # "Kyiv's Holosiivskyi district", "Mosul's Grand al-Nuri Mosque"
        else:
            break
    return tok


def _attached(mention: PlaceMention, anchor, doc, preps: frozenset[str] | set[str] = LOCATIVE_PREPS,
              chain: set[int] | None = None) -> bool:
    """Whether a place hangs on the event's clause through a locative preposition or a relative clause."""
    chain = _chain(anchor) if chain is None else chain
    root = doc[mention.start:mention.end].root
    tok = root
    for _ in range(7):
        head = tok.head
        if head.i == tok.i:
            break
        if tok.dep_ == "pobj" and head.lower_ in TOPIC_PREPS and head.head.lemma_.lower() in TOPIC_NOUNS:
            break  # "talks on the Grand Ethiopian Renaissance Dam", "a dispute over Essequibo": what, not where
        if tok.dep_ == "pobj" and head.lower_ in preps and head.head.i in chain:
            return True
        # "took place in and around Titao": coordinated prepositions
        if tok.dep_ == "pobj" and head.lower_ in preps and head.dep_ == "conj" and head.head.dep_ == "prep" and (
                head.head.head.i in chain):
            return True
        # "shuttled between the delegations in Cairo" (but "flights between Addis Ababa and Asmara" join two
        # places, neither the place of the event)
        if tok.dep_ == "pobj" and head.lower_ == "between" and head.head.i in chain and tok.i != root.i and (
                preps is LOCATIVE_PREPS):
            return True
        # "detained the president in Conakry", "met the EU's ambassador in Amman": the place of the object
        # is the place of the act
        site = tok.i == root.i or tok.lower_ in FACILITY_NOUNS | PLACE_PART_NOUNS
        if tok.dep_ == "pobj" and head.lower_ in preps and head.head.dep_ == "dobj" and (
                head.head.head.i == anchor.i) and site and preps is LOCATIVE_PREPS:
            return True
        if tok.dep_ in ("npadvmod",) and head.i in chain and preps is LOCATIVE_PREPS:
            return True
        # "in the town of X", "into the streets of X": climb to the part noun
        if tok.dep_ == "pobj" and head.lower_ == "of" and head.head.lower_ not in (
                PLACE_PART_NOUNS | FACILITY_NOUNS | _OF_PREPS):
            break
        if tok.dep_ == "pobj" and head.lower_ == "of" and head.head.lower_ in _OF_PREPS and (
                head.head.head.i in chain):
            return True  # "opened a corridor out of Ghouta", "fired ... east of Khan Younis"
        if tok.dep_ == "pobj" and head.dep_ == "agent":
            break  # "in a swap mediated by the United Arab Emirates": the doer of a clause, not a place
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


def _acted_on(doc, mention: PlaceMention, anchor, chain: set[int]) -> bool:
    """The place the event acts on: "shelled Kupiansk", "stormed Kenya's parliament", "the siege of the Gaza
    Strip", "an onslaught by government forces on the suburbs of Damascus", "Visiting Kabul, ..."."""
    tok = _place_root(doc, mention)
    if tok.dep_ == "appos":
        tok = tok.head
    head = tok.head
    if tok.dep_ in ("dobj", "nsubjpass") and head.i in chain and _physical(head):
        return True
    if tok.dep_ == "dobj" and head.dep_ == "advcl" and head.tag_ == "VBG" and head.head.i in chain and (
            _physical(head)):
        return True
    if tok.dep_ == "pobj" and head.lower_ in ("of", "on", "against", "at", "into") and head.head.i in chain and (
            _physical(head.head)):
        return True
    return False


def _first_conjunct(tok):
    """The first of coordinated words ("Kyiv and Moscow": Kyiv), which bears their relation to the clause."""
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
    return tok


def _locative(doc, mention: PlaceMention) -> bool:
    """"ten protesters in Mombasa", "the BBC's offices in New Delhi": a place a preposition puts something in
    (not "pressure from Brussels", "a request to Moscow": a capital standing for its government)."""
    root = _first_conjunct(_place_root(doc, mention))
    return root.dep_ == "pobj" and root.head.lower_ in LOCATIVE_PREPS and root.head.lower_ not in ("from", "to")


def _is_modifier(doc, mention: PlaceMention, anchor=None) -> bool:
    """"Syria's ambassador", "the Iraq envoy", "ambassador to Iraq", "the defence ministry in Paris said": a
    place that qualifies an actor."""
    root = doc[mention.start:mention.end].root
    if root.dep_ in ("poss",):
        # "Syria's ambassador" qualifies an actor; "Yerevan's Republic Square" is a site in Yerevan
        return root.head.lemma_.lower() in ACTOR_HEADS and root.head.lower_ not in SEAT_NOUNS or (
            root.head.ent_type_ in ("PERSON", "NORP")) or not (
            root.head.ent_type_ in ("FAC", "LOC", "GPE") or root.head.lemma_.lower() in FACILITY_NOUNS
            or root.head.lower_ in FACILITY_NOUNS)
    if root.dep_ in ("compound", "amod", "nmod") and root.head.lemma_.lower() in ACTOR_HEADS:
        return True
    head = root.head
    if root.dep_ == "pobj" and head.lower_ in ("to", "of", "for") and head.head.lemma_.lower() in ACTOR_HEADS:
        return True
    # "a Madrid-based rights group", "the London-based monitor": where an actor sits
    after = doc[mention.end:mention.end + 2]
    if len(after) == 2 and after[0].text == "-" and after[1].lower_ in ("based", "headquartered"):
        return True
    # "according to statements from Kyiv and Moscow", "reports from Beirut": whose words, not where
    first = _first_conjunct(root)
    if first.dep_ == "pobj" and first.head.lower_ == "from" and first.head.head.lemma_.lower() in STATEMENT_NOUNS:
        return True
    # "according to the Pentagon": who says it, not where
    if root.dep_ == "pobj" and head.lower_ == "to" and head.head.lower_ == "according":
        return True
    # "diplomats from Iran" (but "evacuated nationals from Port Sudan")
    if root.dep_ == "pobj" and head.lower_ == "from" and head.head.lemma_.lower() in ACTOR_HEADS and (
            mention.place.precision == "country"):
        return True
    if root.dep_ == "pobj" and head.lower_ in ("in", "at"):
        actor = head.head
        if head.i > 0 and doc[head.i - 1].lower_ in GOVERNMENT_HEADS | SEATED_ACTOR_HEADS:
            actor = doc[head.i - 1]  # the parse may hang "in Kabul" on the verb
        noun = actor.lemma_.lower()
        # "the government in Damascus", "the Taliban administration in Kabul": a government named by its seat
        # (but "Authorities in Minsk returned the passports": the doer's own town)
        doer = anchor is not None and actor.dep_ in ("nsubj", "nsubjpass") and actor.head.i in _chain(anchor)
        if (noun in GOVERNMENT_HEADS or actor.lower_ in GOVERNMENT_HEADS) and actor.i == head.i - 1 and not doer:
            return True
        # "the defence ministry in Paris said", "officials in Dhaka said": the seat of the one reporting the
        # event, not where it happened
        seated = noun in SEATED_ACTOR_HEADS or actor.lower_ in SEATED_ACTOR_HEADS
        if anchor is not None and seated and (
                actor.dep_ == "nsubj" and actor.head.i not in _chain(anchor)
                and actor.head.lemma_.lower() in SPEECH_LEMMAS):
            return True
        # "..., the general staff in Kyiv said" however the parse hangs it
        after = doc[mention.end] if mention.end < len(doc) else None
        if seated and after is not None and after.lemma_.lower() in SPEECH_LEMMAS and (
                anchor is None or after.i not in _chain(anchor)):
            return True
        if noun in GOVERNMENT_HEADS | SEATED_ACTOR_HEADS and actor.i != head.head.i and (
                head.head.lemma_.lower() in SPEECH_LEMMAS) and head.head.i not in _chain(anchor or head.head):
            return True
    return False


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


def _clause_chain(anchor) -> set[int]:
    """The event's chain and a participle clause that opens it without a subject of its own: "Visiting
    Kabul on Sunday, the envoy gave ...", "Addressing a parade in Abbottabad, the army chief exhorted ..."
    (one that closes it, "..., triggering a war that ...", may tell of something else)."""
    chain = _chain(anchor)
    for i in list(chain):
        verb = anchor.doc[i]
        for child in verb.children:
            if child.dep_ == "advcl" and child.tag_ in ("VBG", "VBN") and child.i < verb.i and not any(
                    c.dep_ in ("nsubj", "nsubjpass") for c in child.children):
                chain.add(child.i)
    return chain


def _route_end(doc, mention: PlaceMention) -> bool:
    root = _first_conjunct(doc[mention.start:mention.end].root)
    return root.dep_ == "pobj" and root.head.lower_ == "between"


def _topic(doc, mention: PlaceMention) -> bool:
    """"talks on the Grand Ethiopian Renaissance Dam", "a dispute over Essequibo": what is talked about."""
    root = _first_conjunct(_place_root(doc, mention))
    return root.dep_ == "pobj" and root.head.lower_ in TOPIC_PREPS and root.head.head.lemma_.lower() in TOPIC_NOUNS


def _onward(doc, mention: PlaceMention, chain: set[int]) -> bool:
    """A destination those acted on are taken to afterwards, in a passive clause conjoined to the event's
    ("had been released ... and were being flown to Kyiv"); the doers' own onward movement ("crossed the
    border and advanced into Kherson") and a purpose hung on the verb that moves ("poured into the streets
    of Dakar to protest") keep their place."""
    root = _first_conjunct(_place_root(doc, mention))
    prep = root.head
    verb = prep.head
    return (root.dep_ == "pobj" and prep.lower_ in ONWARD_PREPS and verb.pos_ == "VERB" and verb.i not in chain
            and verb.dep_ == "conj" and verb.head.i in chain
            and any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children))


def _domestic(doc, mention: PlaceMention) -> bool:
    """"Hong Kong police", "a Kenya court": a country's police, courts and prosecutors act at home."""
    root = doc[mention.start:mention.end].root
    return root.dep_ in ("compound", "poss") and root.head.lemma_.lower() in DOMESTIC_HEADS


def _own_clause(doc, mention: PlaceMention, anchor, chain: set[int]) -> bool:
    """Is the place in the event's own clause, not in a clause of its own verb (a relative or adverbial
    clause telling another event)?"""
    tok = _place_root(doc, mention)
    for _ in range(12):
        if tok.i in chain:
            return True
        if tok.head.i == tok.i:
            return anchor.i in {t.i for t in tok.subtree} and not any(
                t.dep_ in ("relcl", "advcl", "ccomp", "acl", "pcomp") for t in (anchor, *anchor.ancestors))
        if tok.pos_ in ("VERB", "AUX") and tok.dep_ in ("relcl", "advcl", "acl", "ccomp", "xcomp", "conj", "pcomp"):
            return False
        tok = tok.head
    return False


def _narrowed(doc, best: PlaceMention, candidates: list[PlaceMention]) -> PlaceMention:
    """A town right before the region or country chosen, that it lies in ("near Tessalit in northern Mali",
    "in Yelwata, in Nigeria's Benue state")."""
    if best.place.precision == "city":
        return best
    if best.inferred:
        # "shelled the Abu Shouk camp for displaced people near El Fasher": a known town named close by
        near = [m for m in candidates if m is not best and m.place.country == best.place.country
                and PRECISION_RANK[m.place.precision] < PRECISION_RANK[best.place.precision]
                and 0 <= m.start - best.end <= 8 and not m.inferred
                and not any(t.text in ",;" or t.tag_ in ("VBD", "VBZ", "VBP", "MD") for t in doc[best.end:m.start])]
        if near:
            return near[0]
    for m in sorted(candidates, key=lambda m: -m.start):
        if m.end > best.start or best.start - m.end > 6 or PRECISION_RANK[m.place.precision] >= PRECISION_RANK[
                best.place.precision]:
            continue
        gap = doc[m.end:best.start]
        if not all(t.is_punct or t.lower_ in ("in", "of", "the", "'s", "’s") or t.lower_ in _DIRECTION_WORDS
                   or t.pos_ == "PROPN"
                   for t in gap):
            continue
        if m.place.country == best.place.country:
            return m
    return best


def _restated(doc, sent, mentions: list[PlaceMention]) -> PlaceMention | None:
    """The place a sentence right after the event's gives it: "The attack took place near Bamenda", "The
    arrests were made in Kisumu"."""
    nxt = doc[sent.end] if sent.end < len(doc) else None
    while nxt is not None and nxt.is_space and nxt.i + 1 < len(doc):
        nxt = doc[nxt.i + 1]
    if nxt is None or nxt.is_space:
        return None
    following = nxt.sent
    if "\n\n" in doc_text(doc)[sent.end_char:following.start_char]:
        return None
    subject = next((t for t in following if t.dep_ in ("nsubj", "nsubjpass") and t.i <= following.start + 2
                    and t.head.pos_ in ("VERB", "AUX")), None)
    if subject is None or subject.lower_ not in EVENT_NOUNS or not any(
            c.lower_ in ("the", "this", "that", "these", "those") for c in subject.children):
        return None
    root = subject.head
    chain = {root.i}
    places = [m for m in mentions if following.start <= m.start < following.end and _attached(m, root, doc,
                                                                                               chain=chain)]
    if not places:
        return None
    return min(places, key=lambda m: (PRECISION_RANK[m.place.precision], _tree_distance(root, doc[m.start])))


def said_here(doc, anchor_i: int) -> bool:
    """Whether an event's clause, or a clause it hangs from, happens "here" ("told supporters here on
    Saturday", "said here"): in a datelined report, the dateline's place."""
    tok = doc[anchor_i]
    for _ in range(4):
        if any(c.lower_ == "here" and c.dep_ == "advmod" for c in tok.children):
            return True
        if tok.head.i == tok.i:
            break
        tok = tok.head
    return False


def event_location(doc, anchor_i: int, mentions: list[PlaceMention], *, actor_spans: list[tuple[int, int]],
                   source_spans: list[tuple[int, int]] = (), destination: bool = False) -> PlaceMention | None:
    """The place of one event (see the module docstring for the order of preference)."""
    anchor = doc[anchor_i]
    sent = anchor.sent
    chain = _clause_chain(anchor)
    sentence = [m for m in mentions if sent.start <= m.start < sent.end and not _is_modifier(doc, m, anchor)]
    acted_on = [m for m in sentence if _acted_on(doc, m, anchor, chain)]
    # a place inside an actor's words is no place ("Moscow denied", "sanctions on Caracas"), unless the
    # target is the place acted on ("shelled Kupiansk") or a site in it ("Baghdad's parliament",
    # "residential districts of Taez")
    sources = set(source_spans)
    target_spans = [s for s in actor_spans if s not in sources]
    in_actor = [m for m in sentence if any(a <= m.start_char < b for a, b in actor_spans)]
    in_sentence = [m for m in sentence if m not in in_actor or (
        m.place.precision != "country" and not any(a <= m.start_char < b for a, b in source_spans)
        and any(a <= m.start_char < b for a, b in target_spans) and (
            m in acted_on or _place_root(doc, m).i != doc[m.start:m.end].root.i
            or _locative(doc, m)))]
    attached = [m for m in in_sentence if _attached(m, anchor, doc, chain=chain) or m in acted_on]
    if destination:
        # "a visit to Dhaka", "sent troops to Belarus": where one goes is where it happens, even when the
        # place also names the host
        attached += [m for m in sentence if m not in in_sentence and _attached(m, anchor, doc, DESTINATION_PREPS)]
    if attached:
        best = min(attached, key=lambda m: (PRECISION_RANK[m.place.precision], _tree_distance(anchor, doc[m.start])))
        # "near Tessalit in northern Mali", "in Yelwata, in Nigeria's Benue state": the parse may hang the
        # wider place on the verb; the town it qualifies is where it happened
        return _narrowed(doc, best, in_sentence)
    # "Moscow denied ...", "Kabul's decision": a capital standing for its government is no place ("Mosul's
    # Grand Mosque" is a site in Mosul)
    in_sentence = [m for m in in_sentence if (m.place.precision != "country" or m.inferred)
                   and (doc[m.start:m.end].root.dep_ not in ("nsubj", "nsubjpass", "poss")
                        or _place_root(doc, m).i != doc[m.start:m.end].root.i)]
    # "flights between Addis Ababa and Asmara", "the road between Maiduguri and Damboa": the ends of a route
    # are no better than any other place of the sentence
    ends = [m for m in in_sentence if _route_end(doc, m)]
    in_sentence = [m for m in in_sentence if m not in ends and not _topic(doc, m)]
    # "... had been returned and were being flown to the Moscow region": where the actors go in another
    # clause is where they went next, not where the event happened
    in_sentence = [m for m in in_sentence if not _onward(doc, m, chain)]
    # places of the event's own clause first; a place in another clause ("... to three men who were
    # tortured by police in Kisumu") comes after the doer's own town ("a Nairobi court")
    own = [m for m in in_sentence if _own_clause(doc, m, anchor, chain)]
    if own:
        return min(own, key=lambda m: (PRECISION_RANK[m.place.precision],
                                       _tree_distance(anchor, doc[m.start:m.end].root)))
    # "a Moscow court ordered ...", "residents of Buenos Aires banged pots": the doer's own town (a name
    # within the doer's words; "Washington slapped tariffs" names the government, not a place)
    hosting = any(doc[i].lemma_.lower() == "host" or any(c.lower_ == "host" for c in doc[i].children)
                  for i in chain)
    local = [m for m in mentions if sent.start <= m.start < sent.end
             and (m.place.precision in ("city", "admin1") or _domestic(doc, m))
             and (m in sentence or _domestic(doc, m))
             and any(a <= m.start_char and m.end_char <= b and ((b - a) > (m.end_char - m.start_char) + 1 or hosting)
                     for a, b in source_spans)]
    if local:
        return local[0]
    if in_sentence or ends:
        return min(in_sentence or ends, key=lambda m: (PRECISION_RANK[m.place.precision],
                                                       _tree_distance(anchor, doc[m.start:m.end].root)))
    restated = _restated(doc, sent, mentions)
    if restated is not None:
        return restated
    # the nearest place context before the event, in the same paragraph
    para_start = 0
    for tok in reversed(doc[: sent.start]):
        if "\n\n" in tok.whitespace_ or (tok.is_space and "\n\n" in tok.text):
            para_start = tok.idx + len(tok.text)
            break
    # (a dateline such as "HAVANA -" says where the report was filed, not where things happened)
    before = [m for m in mentions if para_start <= m.start_char < sent.start_char
              and m.place.precision in ("city", "admin1") and not m.text.isupper() and not _is_modifier(doc, m)]
    if before:
        return before[-1]
    return None


def to_location(mention: PlaceMention) -> Location:
    """The schema record for a resolved place mention."""
    place = mention.place
    return Location(name=place.name, country=place.country, admin1=place.admin1, lat=round(place.lat, 5),
                    lon=round(place.lon, 5), geonameid=place.geonameid, precision=place.precision,
                    text=mention.text, start=mention.start_char, end=mention.end_char)

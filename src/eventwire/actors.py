"""Actors: who, coded by country and sector, resolved within the article.

Two parts. :class:`ActorKB` is the immutable knowledge base (countries with their names, demonyms,
capitals and government metonyms; organisations; role nouns mapped to sectors; optionally a user's
Phoenix/PETRARCH actor and agent dictionaries), loaded once and passed in. :func:`resolve_actors`
reads one parsed document and returns a :class:`DocumentActors` index that the event stage asks
"who is the actor behind this token?".

Resolution inside a document: person names are grouped into entities ("Nawaf Fares" = "Nawaf
al-Fares" = "Fares"); roles come from titles ("President Bashar al-Assad"), appositions ("Syria's
ambassador to Iraq, Nawaf Fares"), relative clauses ("who was the Syrian ambassador"), membership
("a member of the Syrian National Council") and the dictionaries; pronouns and definite descriptions
("he", "the ambassador", "the regime", "the military") are resolved to the right entity, or take the
article's main country.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import re
from collections import Counter
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Mapping

from .schema import Actor
from .textutil import name_key, slug

__all__ = ["ActorKB", "KBEntry", "Entity", "DocumentActors", "load_actor_kb", "resolve_actors", "SECTORS"]

SECTORS = frozenset(
    "GOV MIL COP JUD LEG PTY OPP REB PRM SPY UAF UNK CVL JRN MED BUS LAB EDU REL REF CRM ELI SOC AGR IGO NGO PRE".split()
)
SECTOR_NAMES = {
    "GOV": "government", "MIL": "military", "COP": "police", "JUD": "judiciary", "LEG": "legislature",
    "PTY": "party", "OPP": "opposition", "REB": "rebels", "PRM": "militia", "SPY": "intelligence",
    "UAF": "gunmen", "CVL": "civilians", "JRN": "media", "MED": "health", "BUS": "business",
    "LAB": "labour", "EDU": "education", "REL": "religious", "REF": "refugees", "CRM": "criminals",
    "ELI": "elites", "SOC": "civil society", "AGR": "agriculture", "IGO": "IGO", "NGO": "NGO", "UNK": "unknown",
}
# Speech and description verbs whose subject is the one who speaks, never the one who acts.
PERSON_PRONOUNS = {"he", "him", "his", "himself", "she", "her", "hers", "herself"}
FIRST_PERSON = {"i", "me", "my", "mine", "myself", "we", "us", "our", "ours", "ourselves"}
PLURAL_PRONOUNS = {"they", "them", "their", "theirs", "themselves"}
NEUTER_PRONOUNS = {"it", "its", "itself"}
RELATIVE_PRONOUNS = {"who", "whom", "which", "that", "whose"}
# Nouns for a group's units, places and equipment: "army units", "rebel positions", "police vehicles" are
# the group's ("submarine construction" or "police reform" are not).
ASSET_NOUNS = {
    "unit", "position", "post", "base", "vehicle", "convoy", "camp", "checkpoint", "headquarters", "patrol",
    "jet", "plane", "aircraft", "helicopter", "drone", "ship", "boat", "vessel", "warship", "tank", "truck",
    "outpost", "barracks", "stronghold", "hideout", "column", "battalion", "brigade", "squad", "detachment",
    "contingent", "forces", "force", "command", "station", "compound", "facility", "installation", "depot",
    "office", "offices", "building", "bunker", "trench", "line", "lines", "garrison", "fighter", "member",
}
# descriptions of a country named before: "aid to the country", "a visit to the kingdom", "warships near the island"
COUNTRY_DESCRIPTIONS = frozenset({"country", "nation", "kingdom", "republic", "emirate", "sultanate", "island",
                                  "archipelago", "monarchy"})
# "Russian-backed", "Iran-aligned": the country backs the group, the group is not the country's ("Saudi-led"
# is: the leader's coalition)
BACKER_WORDS = {"backed", "supported", "sponsored", "funded", "financed", "trained", "armed", "allied", "aligned",
                "affiliated", "inspired", "friendly", "leaning", "oriented"}
STANCE_PREFIXES = {"pro", "anti"}
# Parts through which an organisation or a state acts: "UN agencies", "a Hamas delegation", "the EU mission"
BODY_NOUNS = {"boss", "delegation", "team", "staff", "agency", "mission", "office", "body", "arm", "branch",
              "wing", "negotiator", "envoy", "observer", "monitor", "inspector", "peacekeeper",
              # "the ELN guerrilla group", "the Wagner mercenary group": the organisation named before
              "group", "movement", "organisation", "organization", "outfit", "faction"}
MEMBERSHIP_NOUNS = {
    "member", "leader", "head", "chief", "spokesman", "spokeswoman", "spokesperson", "official",
    "commander", "chairman", "chairwoman", "chair", "president", "secretary", "representative",
    "envoy", "founder", "figure", "activist", "supporter", "fighter", "director", "minister", "ally", "partner",
    "adviser", "advisor", "aide", "negotiator", "commander", "lawmaker", "councillor", "delegate", "agent",
    "coordinator", "organiser", "organizer", "employee", "operative",
}
# Nouns for inhabited places: as a target of violence they stand for the people there.
PLACE_NOUNS = {"town", "city", "village", "suburb", "district", "neighbourhood", "neighborhood", "area", "camp",
               "market", "settlement", "hamlet", "quarter", "outskirts", "countryside", "region", "province",
               "home", "house", "residential", "school", "mosque", "church", "marketplace", "street"}
# Sites and property an act may be done to, by whose they usually are (see DocumentActors.site_actor).
SITE_SECTORS = {
    **dict.fromkeys("""home house homes houses village hamlet market marketplace neighbourhood neighborhood school
                    shop store restaurant hotel farm bus minibus train apartment building residence""".split(), "CVL"),
    **dict.fromkeys("mosque church temple synagogue shrine monastery cathedral".split(), "REL"),
    **dict.fromkeys("hospital clinic".split(), "MED"),
    **dict.fromkeys("""airport depot refinery ministry parliament embassy consulate port bridge dam pipeline
                    substation courthouse prison commission palace""".split(), "GOV"),
    **dict.fromkeys("""tanker vessel ship freighter trawler cargo mine factory plant company firm employer oilfield
                    mill""".split(), "BUS"),
}
# "a Chinese-owned employer", "a Greek-flagged tanker": whose the thing is
OWNER_WORDS = {"owned", "run", "flagged", "registered", "operated", "controlled", "funded", "built"}
# Regions whose states act together: "Arab leaders", "West African heads of state" (coded IGO)
REGION_WORDS = frozenset({"arab", "african", "european", "west african", "east african", "southern african",
                          "latin american", "south american", "central american", "caribbean", "asian",
                          "southeast asian", "central asian", "nordic", "baltic", "balkan", "gulf",
                          "g7", "g20", "sahel", "sahelian", "regional", "international"})
STATE_SECTORS = frozenset({"GOV", "MIL", "LEG", "JUD", "SPY", "IGO"})
# "the two sides", "both countries", "the two armies": the two parties named before, in this sector
PAIR_NOUNS = {**dict.fromkeys("""side country nation government leader president neighbour neighbor rival state
                              capital delegation minister premier""".split(), "GOV"),
              **dict.fromkeys("army military force troop".split(), "MIL")}
# Descriptions that refer back to an organisation named before ("the alliance said").
ORG_DESCRIPTIONS = {"alliance", "bloc", "organisation", "organization", "agency", "body", "union", "league",
                    "coalition", "group", "movement", "council", "commission", "court", "charity", "watchdog",
                    "fund", "bank", "lender", "tribunal", "forum", "federation", "association", "network"}
# Keywords in unknown organisation names that tell their sector.
ORG_KEYWORDS = (
    ("MIL", ("army", "armed forces", "military", "navy", "air force", "brigade", "battalion", "division", "regiment")),
    ("COP", ("police", "gendarmerie", "border guard", "security service")),
    ("JUD", ("court", "tribunal", "prosecutor", "judiciary")),
    ("LEG", ("parliament", "assembly", "congress", "senate", "duma", "legislature")),
    ("PTY", ("party",)),
    ("OPP", ("opposition", "coalition for", "national council", "resistance council")),
    ("REB", ("liberation", "front", "militia", "mujahideen", "jihad", "rebel", "insurgent", "movement for")),
    ("GOV", ("ministry", "government", "cabinet", "department", "presidency", "office of", "agency")),
    ("LAB", ("union", "workers", "federation of labour", "trade unions")),
    ("EDU", ("university", "school", "college", "academy")),
    ("JRN", ("news", "times", "post", "herald", "tribune", "television", "radio", "press", "broadcasting", "gazette")),
    ("MED", ("hospital", "clinic", "medical", "health")),
    ("NGO", ("foundation", "human rights", "watch", "relief", "aid", "charity", "institute")),
    ("BUS", ("bank", "company", "corporation", "inc", "ltd", "group plc", "airlines", "oil", "energy")),
    ("REL", ("church", "mosque", "diocese", "clergy")),
)


@dataclass(frozen=True, slots=True)
class KBEntry:
    """What a phrase in the knowledge base stands for."""

    kind: str  # country | demonym | capital | metonym | organisation | dictionary
    country: str | None
    sector: str | None
    name: str
    code: str | None = None
    dated: tuple = ()  # Phoenix dated codes, for dictionary entries

    def code_on(self, day: dt.date | None) -> tuple[str | None, str | None]:
        """Country and sector, taking dated dictionary roles into account."""
        if not self.dated:
            return self.country, self.sector
        chosen = None
        for dated in self.dated:
            if dated.start is None and dated.end is None:
                chosen = chosen or dated
            elif dated.applies_on(day):
                chosen = dated
        if chosen is None and day is not None:
            # outside every dated role: the nearest one in time
            def distance(role) -> int:
                if role.start is not None and day < role.start:
                    return (role.start - day).days
                if role.end is not None and day >= role.end:
                    return (day - role.end).days
                return 0
            dated = [d for d in self.dated if d.start is not None or d.end is not None]
            chosen = min(dated, key=distance) if dated else None
        if chosen is None:
            return self.country, self.sector
        return split_code(chosen.code)


def split_code(code: str) -> tuple[str | None, str | None]:
    """Split a CAMEO-style actor code into country and sector.

    >>> split_code("SYRGOV")
    ('SYR', 'GOV')
    >>> split_code("IGOUNO")
    ('IGO', 'IGO')
    >>> split_code("~MIL")
    (None, 'MIL')
    """
    code = code.strip().upper().lstrip("~").rstrip("~")
    if len(code) < 3:
        return None, None
    if code[:3] in SECTORS and code[:3] not in {"IGO", "NGO"}:
        return None, code[:3]
    country = code[:3]
    sector = None
    for i in range(3, len(code), 3):
        part = code[i : i + 3]
        if part in SECTORS:
            sector = part
            break
    if country in {"IGO", "NGO"}:
        sector = sector if sector in {"MED", "JUD", "MIL"} else country
    return country, sector


@dataclass(frozen=True)
class ActorKB:
    """The actor knowledge base: immutable, loaded once per process and passed to each document.

    ``phrases`` maps a lower-cased token tuple to its entry; ``names`` maps a :func:`name_key` to an
    entry (persons and organisations from dictionaries); ``roles`` maps a lower-cased role term
    ("ambassador", "security forces") to its sector.
    """

    phrases: Mapping[tuple[str, ...], KBEntry]
    names: Mapping[str, KBEntry]
    roles: Mapping[str, str]
    countries: Mapping[str, str]  # iso3 -> display name
    max_phrase: int = 6
    person_roles: frozenset[str] = frozenset()  # role terms that name one person ("adviser", "spokesman")

    def role_sector(self, term: str) -> str | None:
        """The sector of a role term, trying the singular of a plural."""
        term = term.lower()
        sector = self.roles.get(term)
        if sector is None and term.endswith("s"):
            sector = self.roles.get(term[:-1]) or (self.roles.get(term[:-2]) if term.endswith("es") else None)
        return sector

    @functools.cached_property
    def first_words(self) -> Mapping[str, int]:
        """The longest phrase starting with each word (phrase matching tries only those)."""
        longest: dict[str, int] = {}
        for phrase in self.phrases:
            if len(phrase) > longest.get(phrase[0], 0):
                longest[phrase[0]] = len(phrase)
        return MappingProxyType(longest)

    def country_name(self, iso3: str | None) -> str:
        return self.countries.get(iso3 or "", iso3 or "")


def _data_dir() -> Path:
    return Path(str(resources.files("eventwire") / "data" / "actors"))


def _read_tsv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return [
            {k: (v or "").strip() for k, v in row.items() if k}
            for row in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        ]


def _split(value: str) -> list[str]:
    return [v.strip() for v in value.split("|") if v.strip()]


def _phrase_tokens(phrase: str) -> tuple[str, ...]:
    # The same word split spaCy's English tokenizer makes for names: hyphens and possessives apart.
    phrase = phrase.replace("\u2019", "'")
    return tuple(t for t in re.findall(r"\w+(?:\.\w+)*\.?|'s|[^\w\s]", phrase.lower()) if t)


def _add(phrases: dict, phrase: str, entry: KBEntry) -> None:
    key = _phrase_tokens(phrase)
    if key and key not in phrases:
        phrases[key] = entry


@functools.lru_cache(maxsize=8)
def load_actor_kb(
    actors_files: tuple[str, ...] = (), agents_files: tuple[str, ...] = (), directory: str | None = None
) -> ActorKB:
    """Load the built-in knowledge base, plus users' Phoenix/PETRARCH dictionaries (cached per process).

    Raises :class:`~eventwire.errors.DictionaryError` for a malformed dictionary entry, naming the file
    and line.
    """
    base = Path(directory) if directory else _data_dir()
    phrases: dict[tuple[str, ...], KBEntry] = {}
    names: dict[str, KBEntry] = {}
    roles: dict[str, str] = {}
    countries: dict[str, str] = {}

    for row in _read_tsv(base / "countries.tsv"):
        iso3 = row["iso3"].upper()
        countries[iso3] = row["name"]
        for phrase in [row["name"], *_split(row.get("aliases", ""))]:
            _add(phrases, phrase, KBEntry("country", iso3, "GOV", row["name"], iso3 + "GOV"))
        for phrase in _split(row.get("demonyms", "")):
            _add(phrases, phrase, KBEntry("demonym", iso3, "CVL", row["name"], iso3))
        for phrase in _split(row.get("capitals", "")):
            _add(phrases, phrase, KBEntry("capital", iso3, "GOV", row["name"], iso3 + "GOV"))
        for phrase in _split(row.get("government_metonyms", "")):
            _add(phrases, phrase, KBEntry("metonym", iso3, "GOV", row["name"], iso3 + "GOV"))

    for row in _read_tsv(base / "organisations.tsv"):
        sector = row.get("sector") or None
        country = row.get("country") or None
        entry = KBEntry("organisation", country, sector, row["name"], row.get("code") or None)
        for phrase in [row["name"], *_split(row.get("aliases", ""))]:
            _add(phrases, phrase, entry)
            names.setdefault(name_key(phrase), entry)

    person_roles: set[str] = set()
    for row in _read_tsv(base / "roles.tsv"):
        term, sector = row["term"].lower(), row["sector"].upper()
        roles.setdefault(term, sector)
        if row.get("kind") == "person":
            person_roles.add(term)
        if row.get("plural"):
            roles.setdefault(row["plural"].lower(), sector)

    people_path = base / "people.tsv"
    if people_path.exists():
        _load_people(people_path, names)

    if actors_files or agents_files:
        from . import phoenix

        for path in actors_files:
            for actor in phoenix.read_actor_dictionary(path):
                default = next((c for c in actor.codes if c.start is None and c.end is None), None)
                first = default or (actor.codes[0] if actor.codes else None)
                country, sector = split_code(first.code) if first else (None, None)
                entry = KBEntry("dictionary", country, sector, actor.name.title(), first.code if first else None,
                                dated=tuple(actor.codes))
                for phrase in (actor.name, *actor.synonyms):
                    key = name_key(phrase.replace("_", " "))
                    if key:
                        names[key] = entry  # the user's dictionary wins over the built-in one
        for path in agents_files:
            for agent in phoenix.read_agent_dictionary(path):
                _, sector = split_code(agent.code)
                if sector:
                    roles[agent.phrase.lower()] = sector

    return ActorKB(
        phrases=MappingProxyType(phrases), names=MappingProxyType(names), roles=MappingProxyType(roles),
        countries=MappingProxyType(countries), max_phrase=max((len(k) for k in phrases), default=1),
        person_roles=frozenset(person_roles),
    )


def _load_people(path: Path, names: dict) -> None:
    """Known persons with dated roles; full names always, surnames when only one person has them."""
    from .phoenix import DatedCode  # a person's role is dated like a dictionary code

    rows: dict[str, list[dict]] = {}
    for row in _read_tsv(path):
        rows.setdefault(row["name"], []).append(row)
    surnames: dict[str, set[str]] = {}
    for name, periods in rows.items():
        periods.sort(key=lambda r: r.get("start") or "")
        roles = []
        for r in periods:
            try:
                start = dt.date.fromisoformat(r["start"]) if r.get("start") else None
                end = dt.date.fromisoformat(r["end"]) if r.get("end") else None
            except ValueError:
                continue
            roles.append(DatedCode(code=(r["country"] or "") + (r["sector"] or ""), start=start, end=end))
        latest = periods[-1]
        entry = KBEntry("person", latest["country"] or None, latest["sector"] or None, name,
                        (latest["country"] or "") + (latest["sector"] or ""), dated=tuple(roles))
        aliases = [name, *_split(periods[0].get("aliases", ""))]
        for alias in aliases:
            key = name_key(alias)
            if key and names.get(key, entry).kind != "dictionary":
                names[key] = entry
            parts = key.split()
            if len(parts) > 1:
                surnames.setdefault(parts[-1], set()).add(name)
    for surname, people in surnames.items():
        if len(people) == 1 and surname not in names and len(surname) > 3:
            person = next(iter(people))
            names[surname] = names[name_key(person)]


@dataclass
class Entity:
    """One actor of the document, with every mention resolved to it."""

    entity_id: int
    name: str
    kind: str  # person | organisation | group | country
    country: str | None = None
    sector: str | None = None
    title: str | None = None
    keys: set[str] = field(default_factory=set)
    mentions: list[tuple[int, int]] = field(default_factory=list)  # token spans [start, end)
    evidence: str = ""

    @property
    def surname(self) -> str:
        parts = name_key(self.name).split()
        return parts[-1] if parts else ""


@dataclass
class DocumentActors:
    """The actors of one parsed document and the means to ask who a token stands for."""

    doc: object
    kb: ActorKB
    published: dt.date | None
    entities: list[Entity]
    token_entity: dict[int, int]  # token index -> entity id
    kb_hits: dict[int, tuple[int, int, KBEntry]]  # token index -> (start, end, entry)
    default_country: str | None
    named_countries: tuple[str, ...] = ()  # the countries its mentions name, most named first
    speaker_at: object = None  # callable(char offset) -> Entity | None, set by the quote stage
    speaker_actor: object = None  # callable(char offset) -> Actor | None, set by the quote stage
    place_at: dict = field(default_factory=dict)  # token index -> gazetteer Place, set by the orchestrator
    cue_chars: frozenset = frozenset()  # character offsets of the verbs that attribute quotes (orchestrator)
    text: str | None = None  # the article's text, when the parsed doc is a pre-filtered copy of it

    # ----- public -----------------------------------------------------------------------------------
    def actors_for(self, token, *, conjuncts: bool = True) -> list[Actor]:
        """The actors a noun-phrase head stands for (coordinated heads too), most specific first."""
        pair = self._the_two(token)
        if pair:
            return pair
        if token.lower_ in RELATIVE_PRONOUNS and token.dep_ in ("nsubj", "nsubjpass"):
            # "Kenya and Tanzania, which signed a defence pact": every conjunct of the antecedent
            antecedent = _relative_antecedent(token)
            if antecedent is not None and antecedent.i != token.i and antecedent.conjuncts:
                return self.actors_for(antecedent)
        heads = [token]
        if conjuncts:
            heads += [t for t in token.conjuncts if t.i > token.i]
        actors = []
        for head in heads:
            actor = self.actor_for(head)
            if actor is not None and all(a.actor_id != actor.actor_id for a in actors):
                actors.append(actor)
            if actor is not None and (actor.kind == "group" or (actor.kind == "country" and head.i not in self.kb_hits)):
                # "Chinese and Russian warships", "the ministers of India and France": one group per country
                mods = [m for m in head.children if m.dep_ in ("amod", "compound", "nmod")]
                mods += [g for m in head.children if m.dep_ == "prep" and m.lower_ in ("of", "from")
                         for g in m.children if g.dep_ == "pobj"]  # "soldiers from Argentina and Chile"
                for mod in mods:
                    if mod.i not in self.kb_hits:
                        continue
                    for other in mod.conjuncts:
                        hit = self.kb_hits.get(other.i)
                        if hit is None or not hit[2].country or hit[2].country == actor.country:
                            continue
                        extra = regroup(actor, self.kb, country=hit[2].country, text=other.text, start=other.idx,
                                        end=other.idx + len(other.text))
                        if all(a.actor_id != extra.actor_id for a in actors):
                            actors.append(extra)
        return actors

    def _the_two(self, token) -> list[Actor]:
        """"the two sides", "both countries", "the two presidents": the last two parties named before (the
        countries, or the organisations when the noun is "sides")."""
        lemma = token.lemma_.lower()
        if lemma not in PAIR_NOUNS or token.tag_ not in ("NNS", "NNPS") or not any(
                (c.dep_ == "nummod" and c.lower_ == "two") or (c.dep_ in ("det", "predet") and c.lower_ == "both")
                for c in token.children):
            return []
        kinds = {"country", "capital", "demonym", "metonym"} | ({"organisation"} if lemma == "side" else set())
        def party(tok):
            # "Russia", "Colombia's government": a country or body, or the one a noun phrase belongs to; not
            # one named as a go-between ("read out by representatives of Cuba and Norway")
            if any(a.dep_ == "agent" for a in tok.ancestors):
                return None
            for t in (tok, *(c for c in tok.children if c.dep_ in ("poss", "compound", "amod"))):
                hit = self.kb_hits.get(t.i)
                if hit is not None and hit[2].kind in kinds and hit[2].country not in ("IGO", "NGO"):
                    return hit
            return None

        window = self.doc[max(0, token.sent.start - 150): token.i]
        # two parties named together ("Russia and China vetoed", "between Kabul and Islamabad") first
        for tok in reversed(window):
            first = party(tok)
            other = next((hit for hit in (party(c) for c in tok.conjuncts if c.i > tok.i) if hit), None) if (
                first) else None
            if other is not None and _party_key(other[2]) != _party_key(first[2]):
                return self._pair_actors(token, [other, first])
        parties: list[tuple[int, int, KBEntry]] = []
        for tok in reversed(window):
            hit = party(tok)
            if hit is None:
                continue
            if all(h[2].country != hit[2].country or (h[2].kind == "organisation") != (hit[2].kind == "organisation")
                   for h in parties) and all(h[2].name != hit[2].name for h in parties):
                parties.append(hit)
            if len(parties) == 2:
                break
        if len(parties) < 2:
            return []
        return self._pair_actors(token, parties)

    def _pair_actors(self, token, parties: list) -> list[Actor]:
        """The actors of "the two sides" from the knowledge-base hits of the parties, the last one first."""
        lemma = token.lemma_.lower()
        start, end = self._np_span(token)
        out = []
        for hit in reversed(parties):
            country, sector = hit[2].code_on(self.published)
            if hit[2].kind == "organisation":
                name = hit[2].name
            else:
                sector = PAIR_NOUNS[lemma]
                name = group_name(self.kb, country, sector)
            out.append(self._make(token, start, end, name=name, country=country, sector=sector,
                                  kind="organisation" if hit[2].kind == "organisation" else "group",
                                  title=f"the two {token.lower_}"))
        return out

    def actor_for(self, token) -> Actor | None:
        """The actor one token (a noun-phrase head or pronoun) stands for, or ``None``."""
        lower = token.lower_
        if lower in RELATIVE_PRONOUNS and token.dep_ in ("nsubj", "nsubjpass", "dobj", "poss"):
            antecedent = _relative_antecedent(token)
            if antecedent is not None and antecedent.i != token.i:
                return self._with_text(self.actor_for(antecedent), token)
            return None
        if lower in FIRST_PERSON:
            # "I", "we" inside a quote: the quote's speaker, whoever that is (a person, a ministry, a group)
            speaker = self.speaker_actor(token.idx) if self.speaker_actor is not None else None
            return self._with_text(speaker, token)
        if token.pos_ == "PRON" or lower in PERSON_PRONOUNS | FIRST_PERSON | PLURAL_PRONOUNS | NEUTER_PRONOUNS:
            if lower in PLURAL_PRONOUNS | NEUTER_PRONOUNS:
                # "Russian forces completed their pull-out": the nearest group, organisation or country before
                antecedent = self._group_antecedent(token)
                if antecedent is not None:
                    return self._with_text(self.actor_for(antecedent), token)
            if lower in PERSON_PRONOUNS:
                # "An RSF adviser rejected the accusation ... he accused the army": a person named by a role
                role = self._role_antecedent(token)
                if role is not None:
                    return self._with_text(self.actor_for(role), token)
            entity = self.resolve_pronoun(token)
            return self._entity_actor(entity, token.i, token.i + 1) if entity else None
        if token.i in self.token_entity:
            entity = self.entities[self.token_entity[token.i]]
            start, end = self._mention_span(token.i)
            return self._entity_actor(entity, start, end)
        # "Syria's ambassador to Iraq, Nawaf Fares": the named apposition is the actor
        for child in token.children:
            if child.dep_ == "appos" and child.i in self.token_entity:
                entity = self.entities[self.token_entity[child.i]]
                if entity.kind == "person":
                    start, _ = self._np_span(token)
                    return self._entity_actor(entity, start, token.i + 1)
        # "Fares ... is the second senior diplomat to quit": the subject of the copula
        if token.dep_ == "attr" and token.head.lemma_ == "be":
            subj = next((c for c in token.head.children if c.dep_ == "nsubj"), None)
            if subj is not None and subj.i in self.token_entity:
                start, end = self._np_span(token)
                return self._entity_actor(self.entities[self.token_entity[subj.i]], start, end)
        # "members of this party", "a dissident faction of the FARC", "a delegation of Houthi officials": the
        # group they belong to
        if (token.lemma_.lower() in MEMBERSHIP_NOUNS and token.tag_ in ("NNS", "NNPS")) or (
                token.lemma_.lower() in BODY_NOUNS and token.pos_ == "NOUN"):
            for child in token.children:
                if child.dep_ == "prep" and child.lower_ == "of":
                    pobj = next((g for g in child.children if g.dep_ == "pobj"), None)
                    if pobj is not None:
                        inner = self.actor_for(pobj)
                        if inner is not None:
                            start, end = self._np_span(token)
                            return inner.model_copy(update={
                                "text": self.doc[start:pobj.right_edge.i + 1].text,
                                "start": self.doc[start].idx, "end": pobj.right_edge.idx + len(pobj.right_edge.text)})
        # "the alliance", "the bloc": the organisation named last
        definite = any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in token.children)
        if definite and token.lower_ in ("men", "women") and not any(
                c.dep_ in ("amod", "compound", "poss", "nummod", "prep", "relcl", "acl") for c in token.children):
            # "Ninety-two Ukrainian servicemen were back on home soil ... The men were handed over": the group
            # of people named last in the sentences before
            for prev in reversed(self.doc[max(0, token.sent.start - 80): token.sent.start]):
                if prev.tag_ == "NNS" and prev.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj") and (
                        self.kb.role_sector(prev.lower_) or self.kb.role_sector(prev.lemma_.lower())):
                    antecedent = self._role_actor(prev)
                    if antecedent is not None:
                        return self._spanning(antecedent, token)
                    break
        if definite and token.lower_ in COUNTRY_DESCRIPTIONS and not any(
                c.dep_ in ("amod", "compound", "poss", "prep", "relcl", "acl") for c in token.children):
            # "... Burkina Faso. On Thursday Sweden cut off aid to the country": the country named last in
            # the sentences before (one named in the same sentence is most often the doer); so for "the
            # kingdom", "the island", "the emirate"
            previous = [h for i, h in self.kb_hits.items() if i < token.sent.start and h[2].kind in (
                "country", "capital", "metonym") and h[2].country and i >= token.sent.start - 150]
            if previous:
                return self._spanning(self._kb_actor(max(previous, key=lambda h: h[0]), token), token)
        if definite and token.lemma_.lower() in ORG_DESCRIPTIONS and not any(
                c.dep_ in ("amod", "compound", "poss") for c in token.children):
            previous = [h for i, h in self.kb_hits.items() if i < token.i and h[2].kind == "organisation"]
            if previous:
                return self._spanning(self._kb_actor(max(previous, key=lambda h: h[0]), token), token)
        if definite and token.tag_ in ("NN", "NNP") and not any(
            c.dep_ in ("poss", "amod", "compound") and (c.i in self.kb_hits or c.i in self.token_entity)
            for c in token.children
        ) and not self._country_of_np(token):  # "the President of Kazakhstan" says whose president
            title = token.lemma_.lower()
            for entity in reversed(self.entities):
                # "Interior Minister Ali Reza ... the minister": a title ending in the role
                if entity.kind == "person" and entity.title and (entity.title == title or entity.title.endswith(
                        " " + title)) and any(s < token.i for s, _ in entity.mentions):
                    start, end = self._np_span(token)
                    return self._entity_actor(entity, start, end)
            # "Kenya's foreign minister ... the minister": the last mention of that role, with its country
            for prev in reversed(self.doc[: token.i]):
                if prev.lemma_.lower() == title:
                    country = self._country_of_np(prev)
                    if country:
                        actor = self._role_actor(token)
                        if actor is not None:
                            return regroup(actor, self.kb, country=country)
                    break
        hit = self.kb_hits.get(token.i)
        if hit is not None and hit[2].kind not in {"demonym"}:
            if hit[1] - hit[0] == 1 and hit[2].kind == "organisation" and self.kb.role_sector(token.lower_):
                # "Nigeria's Senate" is no U.S. Senate: a generic name with another country's possessive, or
                # bare in a story about another country ("a week after the Senate demanded its withdrawal")
                country = self._country_of_np(token)
                if country and country != hit[2].country:
                    actor = self._role_actor(token)
                    if actor is not None:
                        return actor
                if country is None and self.default_country and self.default_country != hit[2].country and (
                        hit[2].country not in ("IGO", "NGO")) and not any(
                        h[2] is hit[2] for i, h in self.kb_hits.items() if i != token.i and h[0] != hit[0]):
                    actor = self._role_actor(token)
                    if actor is not None and actor.country == self.default_country:
                        return actor
            return self._kb_actor(hit, token)
        if hit is not None and hit[2].kind == "demonym" and token.tag_ in ("NNPS", "NNS") or (
            hit is not None and hit[2].kind == "demonym" and token.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj")
        ):
            # "Syrians", "the Iraqis": the people of a country
            entry = hit[2]
            return self._make(token, token.i, token.i + 1, name=f"{entry.name} civilians", country=entry.country,
                              sector="CVL", kind="group")
        return self._role_actor(token)

    def government_of(self, token, start_i: int, end_i: int, country: str, *,
                      country_source: str | None = None) -> Actor:
        """The generic government of a country, said by the words ``start_i:end_i`` ("the Eritrean border",
        "drills around Taiwan", a protest that names no one)."""
        actor = self._make(token, start_i, end_i, name=group_name(self.kb, country, "GOV"), country=country,
                           sector="GOV", kind="group")
        if country_source is not None:
            actor.country_source = country_source
        return actor

    def place_actor(self, token) -> Actor | None:
        """A town, a village or the people of a place as an event's target: "shelled Avdiivka",
        "attacked villages around Djibo", "the town of Saraqeb" (civilians of the place's country)."""
        place = self.place_at.get(token.i)
        if place is None and token.lemma_.lower() in PLACE_NOUNS:
            for child in token.children:
                if child.dep_ in ("prep",) and child.lower_ in ("of", "in", "around", "near", "outside"):
                    pobj = next((g for g in child.children if g.dep_ == "pobj"), None)
                    if pobj is not None and pobj.i in self.place_at:
                        place = self.place_at[pobj.i]
                        break
                if child.dep_ in ("compound", "nmod") and child.i in self.place_at:
                    place = self.place_at[child.i]
                    break
        if place is None:
            return None
        country = place.country
        start, end = self._np_span(token)
        actor = self._make(token, start, end, name=f"{self.kb.country_name(country)} civilians", country=country,
                           sector="CVL", kind="group", title="residents")
        actor.country_source = "text"
        return actor

    def site_actor(self, token) -> Actor | None:
        """The owners of a site or a piece of property acted on: "homes" (civilians), "a mosque" (religious),
        "fuel depots" (the government), "a Chinese-flagged vessel" (Chinese business), of the country its
        words name, else of the story's (the place of the event decides later, see the pipeline)."""
        sector = SITE_SECTORS.get(token.lemma_.lower()) if token.pos_ in ("NOUN", "PROPN") else None
        if sector is None:
            return None
        start, end = self._np_span(token)
        doc = self.doc
        # "the Russian refinery": a country anywhere in its words
        country = self._country_of_np(token) or next(
            (c for c in (self._country_of_modifier(t) for t in doc[start:token.i] if t.pos_ in ("PROPN", "ADJ"))
             if c), None)
        source = "text"
        if country is None:
            country, source = self.default_country, "context"
        if country is None:
            return None
        actor = self._make(token, start, end, name=group_name(self.kb, country, sector), country=country,
                           sector=sector, kind="group", title=token.lemma_.lower())
        actor.country_source = source
        return actor

    def _group_antecedent(self, token):
        """The noun phrase head a they/their/it/its refers to: the nearest actor-like head before it,
        in the same sentence first, then in the two sentences before."""
        sent = token.sent
        lower = token.lower_
        plural = lower in PLURAL_PRONOUNS
        start = max(0, sent.start - 80)
        barred = _own_subjects(token)
        # a subject is the likelier antecedent ("Russia shelled Kharkiv. It said ..."): try subjects first
        for deps in (("nsubj", "nsubjpass"), ("nsubj", "nsubjpass", "dobj", "pobj", "conj", "appos", "ROOT", "attr")):
            found = self._antecedent_among(token, start, deps, plural, barred)
            if found is not None:
                return found
        return None

    def _antecedent_among(self, token, start: int, deps: tuple[str, ...], plural: bool,
                          barred: frozenset[int] = frozenset()):
        doc = self.doc
        for tok in reversed(doc[start: token.i]):
            if tok.dep_ not in deps or tok.i in barred:
                continue
            if tok.pos_ not in ("NOUN", "PROPN"):
                continue
            is_plural = tok.tag_ in ("NNS", "NNPS")
            known = tok.i in self.kb_hits or tok.i in self.token_entity
            if plural and not (is_plural or known):
                continue
            if not plural and is_plural:
                continue
            hit = self.kb_hits.get(tok.i)
            if hit is not None and hit[2].kind == "demonym":
                continue
            if tok.i in self.token_entity and self.entities[self.token_entity[tok.i]].kind == "person":
                continue
            if known or self.kb.role_sector(tok.lower_) or self.kb.role_sector(tok.lemma_.lower()):
                return tok
        return None

    def _role_antecedent(self, token):
        """A role noun naming one person ("the adviser", "a spokesman") that is the subject of a clause
        closer before a he/she than any named person, or None."""
        start = max(0, token.sent.start - 80)
        for tok in reversed(self.doc[start: token.i]):
            if tok.i in self.token_entity and self.entities[self.token_entity[tok.i]].kind == "person":
                return None  # a named person is nearer
            if (tok.dep_ in ("nsubj", "nsubjpass") and tok.tag_ in ("NN", "NNP")
                    and (tok.lemma_.lower() in self.kb.person_roles or tok.lemma_.lower() in MEMBERSHIP_NOUNS)
                    and not any(c.dep_ == "appos" for c in tok.children)):
                return tok
        return None

    def resolve_pronoun(self, token) -> Entity | None:
        """The entity a pronoun refers to: the speaker for I/we in a quote, else a recent antecedent."""
        lower = token.lower_
        if lower in FIRST_PERSON:
            if self.speaker_at is not None:
                return self.speaker_at(token.idx)
            return None
        wanted = {"person"} if lower in PERSON_PRONOUNS else (
            {"group", "organisation", "country"} if lower in PLURAL_PRONOUNS | NEUTER_PRONOUNS else {"person"}
        )
        sent_start = token.sent.start
        best = None
        for entity in self.entities:
            if entity.kind not in wanted:
                continue
            for start, end in entity.mentions:
                if end <= token.i and start >= max(0, sent_start - 120):
                    # the subject of the current clause is a better antecedent than one inside it
                    if best is None or start > best[0]:
                        best = (start, entity)
        return best[1] if best else None

    # ----- internals --------------------------------------------------------------------------------
    def _mention_span(self, i: int) -> tuple[int, int]:
        entity = self.entities[self.token_entity[i]]
        for start, end in entity.mentions:
            if start <= i < end:
                return start, end
        return i, i + 1

    def _spanning(self, actor: Actor, token) -> Actor:
        """An actor found elsewhere, as the words of the noun phrase ``token`` heads ("the men", "the
        country", "the alliance")."""
        s_, e_ = self._np_span(token)
        return actor.model_copy(update={"text": self.doc[s_:e_].text, "start": self.doc[s_].idx,
                                        "end": self.doc[e_ - 1].idx + len(self.doc[e_ - 1].text)})

    def _with_text(self, actor: Actor | None, token) -> Actor | None:
        if actor is None:
            return None
        return actor.model_copy(update={"text": token.text, "start": token.idx, "end": token.idx + len(token.text)})

    def _make(self, token, start_i: int, end_i: int, *, name: str, country: str | None, sector: str | None,
              kind: str, title: str | None = None, entity: Entity | None = None) -> Actor:
        doc = self.doc
        # never start or end on whitespace (a blank line, a sentence the pre-pass masked)
        while start_i < end_i - 1 and doc[start_i].is_space:
            start_i += 1
        while end_i > start_i + 1 and doc[end_i - 1].is_space:
            end_i -= 1
        first = start_i
        for i in range(start_i, end_i):
            if doc[i].is_space or "\n\n" in doc[i].whitespace_:
                first = i + 1  # a noun phrase does not reach across a paragraph break
        if first < end_i:
            start_i = first
        span = doc[start_i:end_i]
        start, end = span.start_char, span.end_char
        text = self.text[start:end] if self.text is not None else span.text
        code = (country or "") + (sector if sector and sector != country else "") or None
        if kind == "person" or kind == "organisation":
            actor_id = f"{slug(name)}@{country or 'UNK'}"
        else:
            actor_id = code or f"{slug(name)}"
        return Actor(text=text, name=name, country=country, sector=sector, code=code,
                     actor_id=actor_id, title=title, kind=kind, start=start, end=end)

    def _entity_actor(self, entity: Entity, start_i: int, end_i: int) -> Actor:
        country, sector = entity.country, entity.sector
        if entity.kind == "person" and country is None:
            country = self.default_country if entity.sector else None
        actor = self._make(None, start_i, end_i, name=entity.name, country=country, sector=sector,
                           kind=entity.kind, title=entity.title, entity=entity)
        if actor.country is None and self.default_country and entity.kind in ("person", "organisation"):
            # a person or body the text does not place belongs, most likely, to the story's country; the
            # identity (actor_id) stays unplaced so that articles about other countries do not split it
            actor.country, actor.country_source = self.default_country, "context"
            actor.code = self.default_country + (sector or "")
        return actor

    def _kb_actor(self, hit: tuple[int, int, KBEntry], token) -> Actor:
        start, end, entry = hit
        country, sector = entry.code_on(self.published)
        kind = "country" if entry.kind in {"country", "capital", "metonym"} else "organisation"
        name = entry.name if kind == "organisation" else f"{entry.name} government"
        if kind == "country" and sector is None:
            sector = "GOV"  # a country that acts is its government ("Paraguay agreed")
        if country is None and kind == "organisation" and sector not in (None, "IGO", "NGO") and self.default_country:
            # a group the knowledge base files under no one country (Islamic State, al-Qaeda): the story's,
            # or the place where it acts
            actor = self._make(token, start, end, name=name, country=self.default_country, sector=sector, kind=kind)
            actor.country_source = "context"
            actor.code = self.default_country + sector
            return actor
        return self._make(token, start, end, name=name, country=country, sector=sector, kind=kind)

    def _np_span(self, token) -> tuple[int, int]:
        left = token.i
        for child in token.lefts:
            if child.dep_ in ("compound", "amod", "det", "nummod", "poss", "nmod", "quantmod", "predet") or (
                child.dep_ == "punct" and child.text == "-"
            ):
                left = min(left, child.left_edge.i)
        return left, token.i + 1

    def _role_actor(self, token) -> Actor | None:
        """A group or role noun: "the military", "Assad forces", "Syrian security", "his ambassador"."""
        if token.pos_ not in ("NOUN", "PROPN", "ADJ"):
            return None
        words = [c for c in token.lefts if c.dep_ in ("compound", "amod") and c.i == token.i - 1]
        sector = None
        country = None
        title = token.lemma_.lower()
        joined = _hyphenated(token)
        if joined:
            # "Australia's Governor-General" (one role, never its last part: "general")
            sector, title, words = self.kb.role_sector(joined), joined, []
            if sector is None:
                return None
        if words:
            two = f"{words[0].lower_} {token.lower_}"
            sector = self.kb.role_sector(two)
            if sector:
                title = two
        if sector is None:
            # "prisoners of war": a role of two nouns joined by "of"
            for obj in (g for c in token.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children
                        if g.dep_ == "pobj" and not any(True for _ in g.children)):
                sector = self.kb.role_sector(f"{token.lower_} of {obj.lower_}")
                if sector:
                    title = f"{token.lemma_.lower()} of {obj.lower_}"
        if sector is None:
            sector = self.kb.role_sector(token.lower_) or self.kb.role_sector(token.lemma_.lower())
        if sector is None and token.pos_ == "NOUN" and token.lemma_.lower() in ASSET_NOUNS:
            # "army units", "rebel positions", "police vehicles": the modifier says whose they are
            for child in token.children:
                if child.dep_ in ("compound", "amod") and child.i == token.i - 1:
                    sector = self.kb.role_sector(child.lower_) or self.kb.role_sector(child.lemma_.lower())
                    j = child.i
                    while sector is None and j > 0 and token.i - j < 4 and self.doc[j - 1].dep_ in ("compound", "amod"):
                        # "air force units", "Indian Air Force transport planes": a role further left
                        sector = self.kb.role_sector(f"{self.doc[j - 1].lower_} {self.doc[j].lower_}") or (
                            self.kb.role_sector(self.doc[j - 1].lower_))
                        j -= 1
                    if sector in ("CVL", "REF", None):
                        sector = None
                    else:
                        title = child.lemma_.lower()
        if token.lemma_.lower() in MEMBERSHIP_NOUNS | BODY_NOUNS:
            # "the EU's foreign policy chief", "a Hamas official", "an al-Shabaab spokesman": the organisation
            # speaks through them (a country's possessive only when the noun names no role of its own)
            for child in token.children:
                hit = self.kb_hits.get(child.i) if child.dep_ in ("poss", "compound", "nmod") else None
                if hit is None or hit[2].kind not in ("organisation", "country", "capital", "metonym"):
                    continue
                if hit[2].kind == "organisation" or sector is None:
                    country, sector = hit[2].code_on(self.published)
                    break
        if sector is None:
            return None
        country = self._country_of_np(token) or country
        start, end = self._np_span(token)
        if sector in ("GOV", "MIL", "LEG", "JUD", "COP", "SPY") and _is_former(token):
            sector, title = "ELI", f"former {title}"
        source = "text"
        if country is None and sector in STATE_SECTORS and self._regional(token):
            # "Arab leaders", "West African heads of state", "European regulators": several states together
            country, sector = "IGO", "IGO"
        if country is None:
            # a bare "the regime", "the military": the article's main country
            country, source = self.default_country, "context"
        org = self._organisation_modifier(token)
        org_country, org_sector = org.code_on(self.published) if org is not None else (None, None)
        if org is not None and org_country == country:
            # "EU foreign ministers", "UN peacekeepers", "Hamas fighters": the organisation acting through its
            # people keeps its own identity ("IGO" alone would make one actor of the EU, the UN and NATO)
            name = org.name if org_sector == sector else f"{org.name} {SECTOR_NAMES.get(sector, sector)}"
            return self._make(token, start, end, name=name, country=country, sector=sector, kind="organisation",
                              title=title)
        actor = self._make(token, start, end, name=group_name(self.kb, country, sector), country=country,
                           sector=sector, kind="group", title=title)
        actor.country_source = source
        return actor

    def withdrawn_from(self, token) -> Actor | None:
        """The country a place of "pulled its forces out of southern Lebanon", "from Niger" lies in, as its
        government."""
        for prep in token.children:
            if prep.dep_ not in ("prep", "prt") or prep.lower_ not in ("from", "of", "out"):
                continue
            for obj in [g for g in prep.children if g.dep_ == "pobj"] + [
                    g for c in prep.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children
                    if g.dep_ == "pobj"]:
                hit = self.kb_hits.get(obj.i)
                country = hit[2].country if hit is not None and hit[2].kind == "country" else None
                if country is None and obj.i in self.place_at:
                    country = self.place_at[obj.i].country
                if country:
                    start, end = self._np_span(obj)
                    actor = self._make(obj, start, obj.right_edge.i + 1, name=f"{self.kb.country_name(country)} "
                                       "government", country=country, sector="GOV", kind="country")
                    actor.country_source = "text"
                    return actor
        return None

    def as_forces(self, actor: Actor) -> Actor:
        """A country acting with force ("Russia launched 60 drones", "Azerbaijan massed troops") is its military."""
        if actor.kind != "country" or actor.sector != "GOV" or not actor.country:
            return actor
        return regroup(actor, self.kb, sector="MIL")

    def _regional(self, token) -> bool:
        """Whether a role noun is qualified by a region rather than a country ("Arab", "West African")."""
        return any(c.dep_ in ("amod", "compound") and c.i < token.i and (
            c.lower_ in REGION_WORDS or f"{self.doc[c.i - 1].lower_} {c.lower_}" in REGION_WORDS)
            for c in token.children)

    def _organisation_modifier(self, token) -> KBEntry | None:
        """The knowledge base's organisation named in a role noun's modifiers ("EU" in "EU officials")."""
        for child in token.children:
            if child.dep_ in ("poss", "compound", "nmod") and child.i < token.i:
                hit = self.kb_hits.get(child.i)
                if hit is not None and hit[2].kind == "organisation":
                    return hit[2]
        return None

    def _country_of_np(self, token, depth: int = 0) -> str | None:
        """Country of a role noun from its modifiers: "Syria's", "Syrian", "Assad (forces)", "of Iraq", "his"."""
        # "their Chinese-owned employer", "a Greek-flagged tanker in the Gulf of Oman": the owner first
        doc = self.doc
        for i in range(self._np_span(token)[0], token.i - 1):
            if doc[i + 1].text == "-" and i + 2 < token.i and doc[i + 2].lower_ in OWNER_WORDS:
                owner = self._country_of_modifier(doc[i])
                if owner:
                    return owner
        # "her South Korean counterpart": the demonym says whose, before the pronoun
        modifiers = sorted((c for c in token.children if c.dep_ in ("poss", "compound", "amod", "nmod")),
                           key=lambda c: c.lower_ in PERSON_PRONOUNS | NEUTER_PRONOUNS | PLURAL_PRONOUNS)
        # "the Seychelles coast guard": the modifier of a compound modifier
        modifiers += [g for c in modifiers if c.dep_ == "compound" and c.i < token.i for g in c.children
                      if g.dep_ in ("compound", "amod", "poss") and g.i < c.i]
        for child in modifiers:
            country = self._country_of_modifier(child)
            if country:
                return country
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ in ("of", "from", "for", "in", "inside", "at"):
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        country = self._country_of_modifier(pobj)
                        if country is None and child.lower_ in ("in", "inside", "at") and pobj.i in self.place_at:
                            country = self.place_at[pobj.i].country  # "militants in Kherson"
                        if country is None and child.lower_ == "of" and depth < 2:
                            # "a delegation of Pakistani tribal elders", "fighters of the Rwandan FDLR militia"
                            country = self._country_of_np(pobj, depth + 1)
                        if country and not (child.lower_ in ("in", "inside", "at") and country in ("IGO", "NGO")):
                            return country
        head = token.head
        if token.dep_ == "conj" and head.i < token.i and head.pos_ in ("NOUN", "PROPN") and not modifiers:
            # "Syria's government and opposition", "Iraqi soldiers and police": the qualifier of the first
            # conjunct qualifies the bare one after it
            return self._country_of_np(head)
        return None

    def _country_of_modifier(self, tok) -> str | None:
        doc = self.doc
        if tok.i + 2 < len(doc) and doc[tok.i + 1].text == "-" and doc[tok.i + 2].lower_ in BACKER_WORDS:
            return None  # "Iran-backed militias"
        if tok.i >= 2 and doc[tok.i - 1].text == "-" and doc[tok.i - 2].lower_ in STANCE_PREFIXES:
            return None  # "pro-Palestinian demonstrators"
        hit = self.kb_hits.get(tok.i)
        if hit is not None and hit[2].country and hit[2].kind != "organisation":
            return hit[2].country
        if hit is not None and hit[2].kind == "organisation":
            return hit[2].code_on(self.published)[0]
        if tok.i in self.token_entity:
            return self.entities[self.token_entity[tok.i]].country
        if tok.lower_ in PERSON_PRONOUNS | NEUTER_PRONOUNS | PLURAL_PRONOUNS:
            entity = self.resolve_pronoun(tok)
            return entity.country if entity else None
        if tok.i in self.place_at and tok.dep_ in ("poss", "compound", "nmod", "pobj"):
            return self.place_at[tok.i].country  # "Mosul's mosque", "the governor of Kherson"
        if tok.dep_ == "pobj":
            # "workers at Chile's Escondida mine": the country that owns the place
            for child in tok.children:
                hit = self.kb_hits.get(child.i) if child.dep_ == "poss" else None
                if hit is not None and hit[2].kind in ("country", "capital") and hit[2].country:
                    return hit[2].country
        return None


def group_name(kb: "ActorKB", country: str | None, sector: str | None) -> str:
    """The name of a country's generic group of a sector: "Kenya police", "Syria military"."""
    return f"{kb.country_name(country)} {SECTOR_NAMES.get(sector or '', sector or '')}".strip()


def regroup(actor: Actor, kb: "ActorKB", *, country: str | None = None, sector: str | None = None,
            **update) -> Actor:
    """A generic group as the same group of another country or sector: its name, code and identity follow
    ("prisoners of war" of the other side, "Russia" as its military, "civilians" where it happened)."""
    country = country or actor.country
    sector = sector or actor.sector
    code = (country or "") + (sector or "")
    return actor.model_copy(update=dict(country=country, sector=sector, code=code, actor_id=code,
                                        name=group_name(kb, country, sector), **update))


def _party_key(entry: KBEntry) -> str:
    """One party of "the two sides": an organisation by its name, a state by its country."""
    return entry.name if entry.kind == "organisation" else (entry.country or entry.name)


def _own_subjects(pronoun) -> frozenset[int]:
    """The words of the subject of an object pronoun's own clause, which the pronoun cannot stand for (that
    would be "themselves"): "Poland expelled 45 diplomats, accusing them of spying" (not Poland); a
    participle or infinitive without a subject of its own has its governing clause's."""
    if pronoun.dep_ in ("dobj", "dative"):
        verb = pronoun.head
    elif pronoun.dep_ == "pobj" and pronoun.head.dep_ in ("prep", "agent"):
        verb = pronoun.head.head
    else:
        return frozenset()
    for _ in range(3):
        if verb.pos_ not in ("VERB", "AUX"):
            return frozenset()
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subjects:
            return frozenset(t.i for s in subjects for t in s.subtree)
        if verb.dep_ not in ("advcl", "xcomp", "conj") or verb.head.i == verb.i:
            return frozenset()
        verb = verb.head
    return frozenset()


def _relative_antecedent(token):
    """The noun a relative pronoun stands for: the head of its relative clause's head."""
    clause = token.head
    while clause.dep_ not in ("relcl", "acl") and clause.head.i != clause.i:
        if clause.dep_ in ("ROOT",):
            return None
        clause = clause.head
    if clause.dep_ in ("relcl", "acl"):
        return clause.head
    return None


def _match_kb(doc, kb: ActorKB) -> dict[int, tuple[int, int, KBEntry]]:
    """Greedy longest match of knowledge-base phrases over the document's tokens."""
    tokens = list(doc)
    lowers = [t.lower_ for t in tokens]
    hits: dict[int, tuple[int, int, KBEntry]] = {}
    n = len(tokens)
    i = 0
    phrases = kb.phrases
    first_words = kb.first_words
    while i < n:
        found = None
        longest = first_words.get(lowers[i], 0)  # only phrases that can start with this word
        if longest:
            for length in range(min(longest, n - i), 0, -1):
                entry = phrases.get(tuple(lowers[i : i + length]))
                if entry is None:
                    continue
                text = doc[i : i + length].text
                # "us" is not the US, "chad" is not Chad: the text must be capitalised like a name
                if not text[:1].isupper():
                    continue
                if length == 1 and text.isupper() and len(text) <= 3 and tokens[i].pos_ not in ("PROPN", "NOUN"):
                    continue
                nxt = i + length
                if entry.kind == "demonym" and nxt < n and tokens[nxt].ent_iob_ == "I" and (
                        tokens[nxt].ent_type_ in ("GPE", "LOC", "FAC")):
                    break  # "British Columbia", "Indian Ocean": part of a place's name
                if nxt + 1 < n and tokens[nxt].text == "-" and lowers[nxt + 1] in BACKER_WORDS:
                    break  # "Russian-backed separatists" are not Russian
                if i >= 2 and tokens[i - 1].text == "-" and lowers[i - 2] in STANCE_PREFIXES:
                    break  # "pro-Palestinian demonstrators in London" are not Palestinian
                if entry.kind == "organisation" and _inside_another_name(tokens, i, hits, entry):
                    break  # "Social Democrats", "the Sweden Democrats": not the US Democrats
                found = (i, i + length, entry)
                break
        if found:
            for j in range(found[0], found[1]):
                hits[j] = found
            i = found[1]
        else:
            i += 1
    return hits


def _inside_another_name(tokens, i: int, hits: dict, entry: KBEntry) -> bool:
    """Whether a national organisation's name found at ``i`` is only the end of a longer name: the name
    goes on from a capitalised word before it that is no known name ("Social Democrats"), or from another
    country's name ("Sweden Democrats")."""
    if i == 0 or not entry.country or entry.country in ("IGO", "NGO"):
        return False
    before = tokens[i - 1]
    if not before.text[:1].isupper() or before.is_sent_start:
        return False
    hit = hits.get(i - 1)
    if hit is None:
        return tokens[i].ent_iob_ == "I" and before.pos_ in ("PROPN", "ADJ")
    return hit[2].kind == "country" and hit[2].country not in (None, entry.country)


def _person_spans(doc, kb_hits, kb: ActorKB) -> list[tuple[int, int]]:
    spans = []
    for ent in doc.ents:
        if ent.label_ != "PERSON":
            continue
        start, end = ent.start, ent.end
        while start < end and (doc[start].is_punct or doc[start].lower_ in ("the", "'s")):
            start += 1
        while end > start and (doc[end - 1].is_punct or doc[end - 1].lower_ == "'s"):
            end -= 1
        if end <= start:
            continue
        # "President Bashar al-Assad" may come with the title inside the entity: the name starts after it
        if any(h in kb_hits and kb_hits[h][2].kind in ("country", "capital", "demonym") for h in range(start, end)):
            if all(h in kb_hits for h in range(start, end)):
                continue
        spans.append((start, end))
    spans += _appositive_names(doc, kb_hits, kb, {i for start, end in spans for i in range(start, end)})
    return spans


def _appositive_names(doc, kb_hits, kb: ActorKB, taken: set[int]) -> list[tuple[int, int]]:
    """Names NER did not see as persons (it misses many it has not met: "Thet Naing Soe"), when a role that
    names one person stands in apposition: "Thet Naing Soe, deputy head of mission at the embassy",
    "the ministry's spokesman, Aung Myo Thant". The name is the run of capitalised proper nouns it heads."""
    out = []
    for tok in doc:
        if tok.pos_ != "PROPN" or tok.dep_ in ("compound", "flat") or tok.i in taken or tok.i in kb_hits or (
                tok.ent_type_ in ("GPE", "ORG", "NORP", "LOC", "FAC", "DATE", "EVENT", "WORK_OF_ART", "LAW")):
            continue
        role = next((c for c in tok.children if c.dep_ == "appos"), None)
        if role is None and tok.dep_ == "appos":
            role = tok.head  # "the ministry's spokesman, Aung Myo Thant"
        if role is None or not _names_one_person(role, kb):
            continue
        start = tok.i
        while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].head.i == tok.i and (
                doc[start - 1].text[:1].isupper() and start - 1 not in kb_hits and start - 1 not in taken):
            start -= 1
        out.append((start, tok.i + 1))
    return out


def _names_one_person(role, kb: ActorKB) -> bool:
    """Whether a noun is a role held by one person: "ambassador", "deputy head of mission", "spokesman"."""
    if role.pos_ not in ("NOUN", "PROPN"):
        return False
    return role.lemma_.lower() in kb.person_roles or role.lower_ in kb.person_roles or any(
        term in kb.person_roles for term in _of_terms(role))


def _of_terms(noun) -> list[str]:
    """A role noun read with its "of": "head of mission", "head of state"."""
    return [f"{noun.lemma_.lower()} of {g.lemma_.lower()}" for c in noun.children
            if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]


def _hyphenated(noun) -> str | None:
    """"Secretary-General" is one role, split by the tokenizer into three tokens."""
    doc = noun.doc
    if noun.i >= 2 and doc[noun.i - 1].text == "-" and doc[noun.i - 2].is_alpha:
        return f"{doc[noun.i - 2].lower_}-{noun.lower_}"
    return None


FORMER = {"former", "ex", "ex-", "ousted", "deposed", "exiled", "toppled", "erstwhile"}
# Religious honorifics before a name: a role of their own only for persons the knowledge base does not know
HONORIFICS = {"ayatollah", "sheikh", "sheik", "imam", "hojatoleslam", "mullah", "reverend", "rev"}


def _is_former(noun) -> bool:
    """"former president", "ex-minister", "the ousted leader": no longer in office (PLOVER's ELI)."""
    doc = noun.doc
    if any(c.dep_ in ("amod", "compound", "advmod") and c.lower_ in FORMER for c in noun.children):
        return True
    i = noun.i - 1
    while i >= 0 and i >= noun.i - 4 and doc[i].pos_ in ("PROPN", "NOUN", "ADJ", "PUNCT") and doc[i].lower_ != ",":
        if doc[i].lower_ in FORMER:
            return True
        i -= 1
    return noun.lower_.startswith("ex-")


def _role_info(kb: ActorKB, acts: "DocumentActors", noun) -> tuple[str | None, str | None, str | None]:
    """Sector, country and title from a role noun phrase ("Syria's ambassador to Iraq")."""
    sector, country, title = _role_info_now(kb, acts, noun)
    if sector in ("GOV", "MIL", "LEG", "JUD", "COP", "SPY") and _is_former(noun):
        return "ELI", country, f"former {title}" if title else "former official"
    return sector, country, title


def _role_info_now(kb: ActorKB, acts: "DocumentActors", noun) -> tuple[str | None, str | None, str | None]:
    sector = kb.role_sector(noun.lower_) or kb.role_sector(noun.lemma_.lower())
    prev = noun.doc[noun.i - 1] if noun.i > 0 else None
    title = noun.lemma_.lower()
    joined = _hyphenated(noun)
    if joined:
        # "Secretary-General", "Governor-General": the whole is the role, never its last part ("general")
        sector, title, prev = kb.role_sector(joined), joined, None
    if prev is not None:
        two = f"{prev.lower_} {noun.lower_}"
        if kb.role_sector(two):
            sector, title = kb.role_sector(two), two
    if sector is None:
        # "deputy head of mission", "head of state": a role named with its "of"
        term = next((t for t in _of_terms(noun) if kb.role_sector(t)), None)
        if term is not None:
            sector, title = kb.role_sector(term), term
    country = acts._country_of_np(noun)
    if noun.lower_ in MEMBERSHIP_NOUNS or noun.lemma_ in MEMBERSHIP_NOUNS:
        for child in noun.children:
            if child.dep_ == "prep" and child.lower_ in ("of", "for", "in", "with"):
                for pobj in child.children:
                    if pobj.dep_ != "pobj":
                        continue
                    hit = acts.kb_hits.get(pobj.i)
                    if hit and hit[2].kind in ("organisation", "dictionary"):
                        c, s = hit[2].code_on(acts.published)
                        return (s if s not in ("IGO", "NGO") else s), c or country, title
                    if pobj.i in acts.token_entity:
                        ent = acts.entities[acts.token_entity[pobj.i]]
                        if ent.kind == "organisation":
                            return ent.sector, ent.country or country, title
                    org_sector = kb.role_sector(pobj.lower_) or kb.role_sector(pobj.lemma_.lower())
                    if org_sector:
                        return org_sector, acts._country_of_np(pobj) or country, title
    return sector, country, title


def _org_sector_from_name(name: str, kb: "ActorKB | None" = None) -> str | None:
    words = name.lower().replace("-", " ").split()
    if kb is not None:
        # "the Election Commission", "Israel Prison Service": the longest role at the end of the name
        for n in (3, 2, 1):
            if len(words) >= n:
                sector = kb.role_sector(" ".join(words[-n:]))
                if sector:
                    return sector
    lower = f" {name.lower()} "
    for sector, words in ORG_KEYWORDS:
        if any(f" {w} " in lower or lower.strip().endswith(w) for w in words):
            return sector
    return None


def resolve_actors(doc, kb: ActorKB, *, published: dt.date | None = None, skip_before: int = 0) -> DocumentActors:
    """Find the document's actors and resolve their mentions (see the module docstring).

    Nothing before the character offset ``skip_before`` (a wire dateline) is taken as an actor.
    """
    kb_hits = {i: hit for i, hit in _match_kb(doc, kb).items() if doc[hit[0]].idx >= skip_before}
    entities: list[Entity] = []
    token_entity: dict[int, int] = {}
    by_key: dict[str, int] = {}
    by_surname: dict[str, int] = {}

    def add_mention(entity: Entity, start: int, end: int) -> None:
        entity.mentions.append((start, end))
        for i in range(start, end):
            token_entity[i] = entity.entity_id

    # 1. Persons named by NER, grouped by name key and surname.
    for start, end in _person_spans(doc, kb_hits, kb):
        span = doc[start:end]
        # drop a leading title or demonym the NER included ("President Assad")
        while start < end - 1 and (
            kb.role_sector(doc[start].lower_) or (start in kb_hits and kb_hits[start][2].kind == "demonym")
        ):
            start += 1
        span = doc[start:end]
        key = name_key(span.text)
        if not key:
            continue
        parts = key.split()
        entity_id = by_key.get(key)
        if entity_id is None and len(parts) == 1:
            entity_id = by_surname.get(parts[0])
        if entity_id is None and len(parts) > 1 and parts[-1] in by_surname:
            candidate = entities[by_surname[parts[-1]]]
            if candidate.keys and any(k.split()[0] == parts[0] for k in candidate.keys if len(k.split()) > 1):
                entity_id = candidate.entity_id
            elif not any(len(k.split()) > 1 for k in candidate.keys):
                entity_id = candidate.entity_id
        if entity_id is None:
            entity = Entity(entity_id=len(entities), name=span.text, kind="person")
            dict_entry = kb.names.get(key)
            if dict_entry is not None and dict_entry.kind in ("dictionary", "person"):
                entity.country, entity.sector = dict_entry.code_on(published)
                entity.evidence = dict_entry.kind
                if len(parts) == 1:
                    entity.name = dict_entry.name
            entities.append(entity)
            entity_id = entity.entity_id
        entity = entities[entity_id]
        if len(parts) > 1 and len(name_key(entity.name).split()) < 2:
            entity.name = span.text
        entity.keys.add(key)
        by_key[key] = entity_id
        by_surname.setdefault(parts[-1], entity_id)
        add_mention(entity, start, end)

    # 2. Surnames NER missed ("Fares also called ..." tagged as a common noun).
    for tok in doc:
        if tok.i in token_entity or not tok.text[:1].isupper() or tok.i in kb_hits:
            continue
        entity_id = by_surname.get(name_key(tok.text))
        if entity_id is not None and name_key(tok.text):
            add_mention(entities[entity_id], tok.i, tok.i + 1)

    # 3. Organisations: knowledge-base hits and NER ORG spans.
    for ent in doc.ents:
        if ent.label_ not in ("ORG", "NORP") or any(i in token_entity for i in range(ent.start, ent.end)):
            continue
        start = ent.start + (1 if doc[ent.start].lower_ == "the" else 0)
        hit = kb_hits.get(ent.end - 1)
        key = name_key(doc[start:ent.end].text)
        if not key:
            continue
        if hit is not None and hit[0] <= start and hit[2].kind in (
                "organisation", "dictionary", "metonym", "capital", "country"):
            # the knowledge base codes the whole name directly; "the Kremlin", "the White House", "Paraguay"
            # (tagged ORG) stand for their government
            continue
        if ent.label_ == "NORP" and (hit is not None or doc[ent.end - 1].tag_ != "NNPS"):
            continue
        entity_id = by_key.get(key)
        if entity_id is None:
            dict_entry = kb.names.get(key)
            entity = Entity(entity_id=len(entities), name=doc[start:ent.end].text, kind="organisation")
            if dict_entry is not None:
                entity.country, entity.sector = dict_entry.code_on(published)
                entity.name = dict_entry.name
            else:
                for i in range(start, ent.end):
                    if i in kb_hits and kb_hits[i][2].kind in ("country", "demonym", "capital"):
                        entity.country = kb_hits[i][2].country
                        break
                entity.sector = _org_sector_from_name(entity.name, kb)
            entities.append(entity)
            entity_id = entity.entity_id
            by_key[key] = entity_id
        add_mention(entities[entity_id], start, ent.end)

    acts = DocumentActors(doc=doc, kb=kb, published=published, entities=entities, token_entity=token_entity,
                          kb_hits=kb_hits, default_country=None)

    # 4. The article's main country: the most frequent country among its mentions.
    counts: Counter[str] = Counter()
    for start, end, entry in sorted(set(kb_hits.values()), key=lambda h: (h[0], h[1])):
        if entry.country and entry.country not in ("IGO", "NGO"):
            counts[entry.country] += 1
    acts.named_countries = tuple(c for c, _ in counts.most_common())
    acts.default_country = acts.named_countries[0] if counts else None

    # 5. Roles of persons and organisations from titles, appositions, relative clauses, membership.
    for entity in entities:
        # the text's own description of a known person wins over the knowledge base ("Syria's ambassador
        # to Iraq, Nawaf Fares" is GOV on the day, whatever he became later); the base fills the gaps
        known = entity.evidence in ("person", "dictionary")
        if entity.country and entity.sector and not known:
            continue
        if known:
            kb_country, kb_sector = entity.country, entity.sector
            entity.sector = None
        for start, end in entity.mentions:
            head = doc[start:end].root
            candidates = []
            # title or demonym right before the name: "Syrian President Bashar al-Assad"
            for child in head.lefts:
                if child.i < start and child.dep_ in ("compound", "amod", "nmod"):
                    candidates.append(child)
            # the most specific title first: "UN Secretary-General", "Foreign Minister"
            candidates.sort(key=lambda c: -c.i)
            # apposition either way: "Nawaf Fares, Syria's ambassador" / "Syria's ambassador, Nawaf Fares"
            candidates += [c for c in head.children if c.dep_ == "appos"]
            if head.dep_ == "appos":
                candidates.append(head.head)
            # "X, who was the Syrian ambassador", "X is the ambassador"
            for child in head.children:
                if child.dep_ == "relcl":
                    candidates += [g for g in child.children if g.dep_ in ("attr", "oprd")]
            if head.dep_ in ("nsubj",) and head.head.lemma_ == "be":
                candidates += [g for g in head.head.children if g.dep_ == "attr"]
            # "Sweden's Supreme Court", "France's Charles de Gaulle": a country's possessive says whose
            if entity.country is None:
                for child in head.children:
                    hit = kb_hits.get(child.i) if child.dep_ == "poss" and child.i < start else None
                    if hit is not None and hit[2].kind in ("country", "capital", "metonym", "demonym") and (
                            hit[2].country not in (None, "IGO", "NGO")):
                        entity.country = hit[2].country
                        break
            for cand in candidates:
                if cand.i in token_entity and token_entity[cand.i] == entity.entity_id:
                    continue
                hit = kb_hits.get(cand.i)
                if hit is not None and hit[2].kind == "demonym" and entity.country is None:
                    entity.country = hit[2].country
                    continue
                if hit is not None and hit[2].kind in ("organisation",) and entity.kind == "person":
                    continue
                if known and cand.lower_ in HONORIFICS:
                    continue  # "Ayatollah Ali Khamenei": an honorific, not the office the base knows him by
                sector, country, title = _role_info(kb, acts, cand)
                if sector and entity.sector is None:
                    entity.sector = sector
                    entity.title = entity.title or title
                    entity.evidence = entity.evidence or f"role '{cand.text}'"
                if country and entity.country is None:
                    entity.country = country
                if entity.sector and entity.country:
                    break
            if entity.sector and entity.country:
                break
        if known:
            entity.sector = entity.sector or kb_sector
            entity.country = entity.country or kb_country
        if entity.kind == "person" and entity.sector and entity.country is None:
            entity.country = acts.default_country
    return acts

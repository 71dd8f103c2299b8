"""Tests of :mod:`eventwire.places` (with the gazetteer): where an event happened."""

from __future__ import annotations

import pytest

from eventwire.pipeline import Pipeline, Settings
from eventwire.schema import CodedDocument

PUB = "2012-07-12"


@pytest.fixture(scope="module")
def coder(pipeline):
    """The shared resources without the language check (short sentences of place names are not always
    recognised as English; see test_api)."""
    return Pipeline(Settings(language_check=False))  # the loaded resources are cached per process


def _events(pipe, text: str):
    result = pipe.code_text(text, published=PUB)
    assert isinstance(result, CodedDocument), result
    text = result.article.text
    for event in result.events:
        if event.location is not None and event.location.start is not None:
            assert text[event.location.start:event.location.end] == event.location.text
    return result.events


def _location(pipe, text: str, event_type: str):
    events = [e for e in _events(pipe, text) if e.event_type == event_type]
    assert events, text
    locations = {(e.location.name, e.location.country) if e.location else None for e in events}
    assert len(locations) == 1, f"one event, one place: {locations}"
    return events[0].location


def row(text, event_type, name, country, precision, mention, *, xfail=None, id=None):
    marks = [pytest.mark.xfail(strict=False, reason=xfail)] if xfail else []
    return pytest.param(text, event_type, name, country, precision, mention, marks=marks, id=id)


PLACES = [
    # a locative preposition ties the place to the event
    row("Rebels attacked an army base outside Aleppo on Monday.", "ASSAULT", "Aleppo", "SYR", "city", "Aleppo",
        id="outside"),
    row("Syrian troops shelled villages near Hama on Monday.", "ASSAULT", "Ḩamāh", "SYR", "city", "Hama", id="near"),
    row("Kenyan police arrested ten protesters in Mombasa.", "COERCE", "Mombasa", "KEN", "city", "Mombasa", id="in"),
    row("Syrian troops shelled the town of Rastan on Tuesday.", "ASSAULT", "Ar Rastan", "SYR", "city", "Rastan",
        id="the-town-of"),
    # the place a relative clause describes
    row("Syrian troops tightened their grip on Deir Ezzor, which has been the scene of an onslaught by government "
        "forces for weeks.", "ASSAULT", "Deir ez-Zor", "SYR", "city", "Deir Ezzor", id="relative-clause"),
    # transliteration variants resolve to the gazetteer's name
    row("Government troops attacked rebels in Misurata on Tuesday.", "ASSAULT", "Misratah", "LBY", "city",
        "Misurata", id="variant-misurata"),
    row("Government troops attacked rebels in Maaret al-Numan on Tuesday.", "ASSAULT", "Ma‘arrat an Nu‘mān", "SYR",
        "city", "Maaret al-Numan", id="variant-maaret"),
    # a place NER calls a person, after a locative preposition
    row("Government troops attacked rebels in Bani Walid on Tuesday.", "ASSAULT", "Bani Walid", "LBY", "city",
        "Bani Walid", id="ner-misses-person-tag"),
    row("Government troops attacked rebels in Saraqeb on Tuesday.", "ASSAULT", "Saraqib", "SYR", "city", "Saraqeb",
        id="ner-misses-org-tag"),
    row("Syrian troops shelled the town of Taftanaz on Tuesday.", "ASSAULT", "Taftanāz", "SYR", "city", "Taftanaz",
        id="ner-misses-town-of"),
    # NER calls a city an organisation; the town shelled is where the shelling was
    row("Ukrainian forces shelled Horlivka on Sunday.", "ASSAULT", "Horlivka", "UKR", "city", "Horlivka",
        id="ner-org-city-as-target"),
    # a place's possessive names a site in it; a place before a facility noun is where the site is
    row("Thousands of protesters rallied in Tbilisi's Freedom Square on Friday.", "PROTEST", "Tbilisi", "GEO",
        "city", "Tbilisi", id="possessive-site"),
    row("Police rounded up dozens of students at Kabul University on Sunday.", "COERCE", "Kabul", "AFG", "city",
        "Kabul", id="facility-of-a-city"),
    # the doer's own town when nothing else places the act; the destination of a visit even when it is the host
    row("A Tbilisi court on Friday sentenced the opposition leader to five years in prison.", "COERCE", "Tbilisi",
        "GEO", "city", "Tbilisi", id="source-town"),
    row("The Indian foreign secretary wrapped up a two-day visit to Kathmandu on Tuesday.", "CONSULT", "Kathmandu",
        "NPL", "city", "Kathmandu", id="visit-destination-is-the-host"),
    # where troops are sent is where the mobilisation is
    row("India sent extra troops to Assam on Saturday.", "MOBILIZE", "Assam", "IND", "admin1", "Assam",
        id="destination"),
    row("Government forces shelled Deir el-Zour on Tuesday.", "ASSAULT", "Deir ez-Zor", "SYR", "city", "Deir el-Zour",
        id="shelled-place-is-the-location"),
    row("Taliban fighters attacked a police checkpoint in Kunduz province on Monday.", "ASSAULT", "Kunduz", "AFG",
        "admin1", "Kunduz province", id="province"),
    # no place named with the event: the nearest place before it in the paragraph
    row("Syrian troops shelled several districts of Homs on Monday. Rebels attacked an army checkpoint later in "
        "the day.", "ASSAULT", "Homs", "SYR", "city", "Homs", id="paragraph-context"),
    # towns NER calls an organisation or a person, where the sentence treats them as places
    row("Russian artillery shelled Kupiansk on Thursday, wounding four civilians.", "ASSAULT", "Kupyansk", "UKR",
        "city", "Kupiansk", id="ner-org-town-shelled"),
    row("Houthi fighters shelled residential districts of Taez on Monday.", "ASSAULT", "Taiz", "YEM", "city", "Taez",
        id="districts-of-a-variant"),
    row("Israeli troops fired at a group of men near the border fence east of Khan Younis on Tuesday.", "ASSAULT",
        "Khān Yūnis", "PSE", "city", "Khan Younis", id="east-of"),
    row("Security forces opened a corridor out of eastern Ghouta on Tuesday.", "RETREAT", "Eastern Ghouta", "SYR",
        "admin1", "Ghouta", id="out-of"),
    row("Thousands of people poured into the streets of Dakar on Friday to protest against the government.",
        "PROTEST", "Dakar", "SEN", "city", "Dakar", id="streets-of"),
    # hand-listed natural features, crossings and landmarks (data/places/features.tsv)
    row("Pakistani border guards detained 30 people at the Torkham border crossing on Friday.", "COERCE", "Torkham",
        "PAK", "city", "Torkham border crossing", id="border-crossing"),
    row("Russian troops shelled the area around the Zaporizhzhia nuclear power plant on Sunday.", "ASSAULT",
        "Zaporizhzhia nuclear power plant", "UKR", "city", "Zaporizhzhia nuclear power plant",
        id="feature-named-by-a-town-and-site-nouns"),
    row("Nigerian and Chadian troops raided militant camps on islands in Lake Chad on Tuesday.", "ASSAULT",
        "Lake Chad", "TCD", "admin1", "Lake Chad", id="lake"),
    row("Iranian forces seized a tanker in the Strait of Hormuz on Wednesday.", "COERCE", "Strait of Hormuz", "IRN",
        "admin1", "Strait of Hormuz", id="strait"),
    row("Chinese coast guard ships fired water cannon at a Philippine boat near Scarborough Shoal on Saturday, "
        "Manila said.", "ASSAULT", "Scarborough Shoal", "PHL", "city", "Scarborough Shoal", id="shoal"),
    row("Protesters stormed the Kremlin on Saturday.", "PROTEST", "Kremlin", "RUS", "city", "Kremlin", id="landmark"),
    # a place named through its country: a capital, a seat of power, a country's territory
    row("Thousands of protesters marched through the Malian capital on Friday.", "PROTEST", "Bamako", "MLI", "city",
        "Malian capital", id="demonym-capital"),
    row("Police fired tear gas at opposition supporters in the Ugandan capital on Thursday.", "ASSAULT", "Kampala",
        "UGA", "city", "Ugandan capital", id="demonym-capital-2"),
    row("Protesters stormed Kenya's parliament on Tuesday.", "PROTEST", "Nairobi", "KEN", "city",
        "Kenya's parliament", id="seat-of-power"),
    row("Turkish warplanes struck PKK targets on Iraqi territory on Sunday, the defence ministry in Ankara said.",
        "ASSAULT", "Iraq", "IRQ", "country", "Iraqi territory", id="demonym-territory"),
    # the place acted on, a site in a place, a participle clause, a place named with its kind
    row("Israel's defence minister ordered a complete siege of the Gaza Strip on Monday.", "COERCE", "Gaza Strip",
        "PSE", "admin1", "Gaza Strip", id="siege-of"),
    row("Al-Shabaab militants lobbed mortar rounds into Mogadishu's heavily fortified airport compound on Tuesday.",
        "ASSAULT", "Mogadishu", "SOM", "city", "Mogadishu", id="possessive-site-of-the-object"),
    row("Police sealed off Moscow's Pushkin Square on Saturday, detaining 200 people.", "COERCE", "Moscow", "RUS",
        "city", "Moscow", id="square-named-after-a-person"),
    row("Police dispersed protesters outside the Islamabad High Court on Tuesday.", "COERCE", "Islamabad", "PAK",
        "city", "Islamabad", id="court-of-a-city"),
    row("Visiting Juba on Tuesday, Kenya's president held talks with South Sudanese President Salva Kiir.",
        "CONSULT", "Juba", "SSD", "city", "Juba", id="participle-clause"),
    row("An Indian navy ship evacuated 300 Indian nationals from Port Sudan on Tuesday.", "AID", "Port Sudan", "SDN",
        "city", "Port Sudan", id="people-from-a-town"),
    row("Militants attacked a military camp in the Tillaberi region on Monday.", "ASSAULT", "Tillabéri", "NER",
        "admin1", "Tillaberi region", id="kind-word"),
    row("Gunmen abducted 30 passengers near Kankara in Katsina state on Tuesday.", "ASSAULT", "Kankara", "NGA",
        "city", "Kankara", id="town-before-its-state"),
    row("Israeli jets struck Hezbollah targets across southern Lebanon on Monday.", "ASSAULT", "South Governorate",
        "LBN", "admin1", "southern Lebanon", id="part-of-a-country"),
    # a place qualified by its country or region
    row("Police arrested 20 students in Athens, Georgia, on Friday.", "COERCE", "Athens", "USA", "city", "Athens",
        id="town-comma-state"),
    row("An assailant stabbed a novelist at a literary event in Bemus Point, New York, on Friday.", "ASSAULT",
        "New York", "USA", "admin1", "New York", id="unknown-town-comma-state"),
    row("Kenyan police arrested 15 people in Eastleigh, a Nairobi suburb, on Monday.", "COERCE", "Nairobi", "KEN",
        "city", "Eastleigh", id="suburb-of-a-city"),
    row("Ukraine's army said it had shot down 30 drones over the Kyiv region overnight.", "ASSAULT", "Kyiv Oblast",
        "UKR", "admin1", "Kyiv region", id="region-named-with-its-kind"),
    # a town the gazetteer lacks: the country of the story's places; an alternate name abroad is no reading
    row("Malian troops engaged jihadist fighters near the town of Ogossagou on Wednesday.", "ASSAULT", "Mali", "MLI",
        "country", "Ogossagou", id="unknown-town"),
    row("Malian troops engaged jihadist fighters near the town of Boni on Wednesday.", "ASSAULT", "Mali", "MLI",
        "country", "Boni", id="not-an-alternate-name-abroad"),
    row("Ukrainian troops pulled back from positions in the village of Robotyne, the general staff in Kyiv said.",
        "RETREAT", "Ukraine", "UKR", "country", "Robotyne", id="unknown-village-not-the-speakers-seat"),
    row("Turkish tanks shelled Kurdish positions near the Syrian village of Qarqozat on Sunday.", "ASSAULT", "Syria",
        "SYR", "country", "Qarqozat", id="unknown-village-of-a-named-people"),
    # a country's police and courts act at home
    row("Hong Kong police arrested three activists on Friday.", "COERCE", "Hong Kong", "HKG", "country",
        "Hong Kong", id="domestic-body"),
    # hand-listed features named after a country, inside a holy site's name
    row("Turkish authorities let 30 aid trucks cross into Syria at Bab al-Hawa on Thursday.", "AID", "Bab al-Hawa",
        "SYR", "city", "Bab al-Hawa", id="crossing-after-at"),
    row("Israeli police fired stun grenades at worshippers inside the al-Aqsa mosque compound on Monday.", "ASSAULT",
        "Al-Aqsa mosque compound", "PSE", "city", "al-Aqsa mosque compound", id="holy-site"),
    # the event's own clause before the doer's town, the doer's town before another clause's place
    row("A Lagos court on Monday sentenced two officers who had beaten protesters in Ibadan.", "COERCE", "Lagos",
        "NGA", "city", "Lagos", id="doer-town-before-relative-clause"),
    row("India and Pakistan agreed on Friday to reopen the bus service between Lahore and Amritsar after talks in "
        "the Pakistani capital.", "AGREE", "Islamabad", "PAK", "city", "Pakistani capital", id="route-ends-last"),
    # a later sentence that restates the event gives its place
    row("Unidentified gunmen opened fire on a minibus on Wednesday. The attack took place near Bamenda, a local "
        "official said.", "ASSAULT", "Bamenda", "CMR", "city", "Bamenda", id="restated-in-next-sentence"),
    # well-known regions and islands before same-named towns abroad
    row("Police arrested 12 people in Kent on Saturday.", "COERCE", "Kent", "GBR", "admin1", "Kent",
        id="known-region"),
    row("Police arrested three suspected militants in Bali on Thursday.", "COERCE", "Bali", "IDN", "admin1", "Bali",
        id="island"),
]


@pytest.mark.parametrize(("text", "event_type", "name", "country", "precision", "mention"), PLACES)
def test_event_location(coder, text, event_type, name, country, precision, mention):
    location = _location(coder, text, event_type)
    assert location is not None
    assert (location.name, location.country, location.precision, location.text) == (name, country, precision,
                                                                                      mention)
    assert -90 <= location.lat <= 90 and -180 <= location.lon <= 180


def test_gazetteer_knows_transliteration_variants(pipeline):
    gazetteer = pipeline.gazetteer
    canonical = {
        "Deir ez-Zor": ["Deir el-Zour", "Deir Ezzor", "Deir ez-Zor"],
        "Homs": ["Hims", "Homs"],
        "Aleppo": ["Halab", "Aleppo"],
        "Kyiv": ["Kiev", "Kyiv"],
        "Kharkiv": ["Kharkov", "Kharkiv"],
        "Odesa": ["Odessa", "Odesa"],
        "Misratah": ["Misurata", "Misrata"],
        "Avdiyivka": ["Avdiivka", "Avdeyevka"],
    }
    for name, variants in canonical.items():
        for variant in variants:
            place = gazetteer.lookup(variant)
            assert place is not None and place.name == name, (variant, place)


def test_dateline_is_not_the_location_of_an_event_placed_in_the_text(coder):
    location = _location(coder, "BEIRUT - Syrian troops shelled the town of Rastan on Tuesday.", "ASSAULT")
    assert (location.name, location.text) == ("Ar Rastan", "Rastan")
    location = _location(coder, "NAIROBI - Kenyan police arrested ten protesters in Mombasa.", "COERCE")
    assert location.name == "Mombasa"


def test_dateline_is_not_the_location_of_a_statement(coder):
    events = _events(coder, "BEIRUT (Reuters) - Kenya criticised Uganda on Monday over the border dispute.")
    accuse = [e for e in events if e.event_type == "ACCUSE"]
    assert accuse and all(e.location is None for e in accuse)


def test_here_is_the_datelines_place(coder):
    events = _events(coder, "DOUALA, Cameroon (Wire) - The opposition leader told supporters here on Saturday that "
                            "the electoral body was biased, accusing it of fraud.")
    accuse = [e for e in events if e.event_type == "ACCUSE"]
    assert accuse and all(e.location is not None and e.location.name == "Douala" for e in accuse)
    # without "here" the dateline places nothing
    events = _events(coder, "DOUALA, Cameroon (Wire) - The opposition leader told supporters on Saturday that the "
                            "electoral body was biased, accusing it of fraud.")
    assert all(e.location is None for e in events if e.event_type == "ACCUSE")


def test_dateline_with_country_and_agency(coder):
    events = _events(coder, "DAMASCUS, Syria (AP) - Syrian troops shelled the town of Rastan on Tuesday.")
    assert [(e.event_type, e.source[0].code, e.location.name if e.location else None) for e in events] == [
        ("ASSAULT", "SYRMIL", "Ar Rastan")]


def test_place_qualifying_an_actor_is_not_the_location(coder):
    events = _events(coder, "Syria's ambassador to Iraq criticised the Syrian government on Monday.")
    assert [e.location for e in events if e.event_type == "ACCUSE"] == [None]


def test_place_qualifying_an_actor_with_in_is_not_the_location(coder):
    events = _events(coder, "Syria's ambassador to Iraq criticised the government in Damascus.")
    assert [e.location for e in events if e.event_type == "ACCUSE"] == [None]


def test_no_place_no_location(coder):
    events = _events(coder, "Kenya criticised Uganda on Monday.")
    assert events and all(e.location is None for e in events)


def test_capital_standing_for_its_government_is_no_place(coder):
    events = _events(coder, "Moscow denied that its forces shelled the Zaporizhzhia nuclear power plant.")
    assert all(e.location is None or e.location.name != "Moscow" for e in events)


def test_one_word_name_is_no_loose_spelling_of_a_place(coder):
    events = _events(coder, "Unite, Britain's biggest union, announced an eight-day strike at the port on Thursday.")
    assert all(e.location is None or e.location.country == "GBR" for e in events)


def test_seat_of_the_one_reporting_is_not_the_location(coder):
    events = _events(coder, "Unidentified gunmen killed four villagers overnight, the interior ministry in Bamako "
                            "said.")
    assert [e.location for e in events if e.event_type == "ASSAULT"] == [None]


def test_ocean_is_no_town(coder):
    events = _events(coder, "North Korea fired a ballistic missile that crashed into the Pacific on Monday.")
    assert events and all(e.location is None for e in events)


def test_line_of_control_is_no_town(coder):
    events = _events(coder, "Indian and Pakistani troops exchanged fire along the Line of Control on Friday.")
    assert events and all(e.location is None for e in events)


def test_capital_as_the_doer_is_no_place(coder):
    events = _events(coder, "Washington slapped tariffs on Chinese steel on Friday.")
    assert events and all(e.location is None for e in events)


def test_the_agent_of_a_clause_is_no_place_of_the_event(coder):
    events = _events(coder, "Russia and Ukraine exchanged 92 prisoners of war on Wednesday in a swap mediated by "
                            "the United Arab Emirates, officials said.")
    exchange = [e for e in events if e.trigger.text == "exchanged"]
    assert exchange and all(e.location is None or e.location.country != "ARE" for e in exchange)


def test_a_backer_named_in_a_modifier_is_no_place(coder):
    events = _events(coder, "Kurdish officials blamed Iran-backed militias after a drone struck Erbil airport on "
                            "Sunday night.")
    assert events and all(e.location is None or e.location.country == "IRQ" for e in events)
    assert all(a.country != "IRN" for e in events for a in e.source + e.target)


def test_a_famous_site_beats_small_namesakes_abroad(coder):
    events = _events(coder, "Islamic State militants attacked an army post near Palmyra on Wednesday.")
    assert [e.location.country for e in events if e.location] == ["SYR"]


@pytest.mark.parametrize(("text", "trigger", "name"), [
    ("Doha hosted talks between the Taliban and US envoys on Saturday.", "hosted", "Doha"),
    # where those acted on are taken afterwards, in a passive clause conjoined to the event's, is no place
    ("The army said 40 soldiers had been released by Russian forces and were being flown to Kyiv for medical "
     "treatment.", "released", None),
    # but a sibling clause's place that is no destination, and the doers' own onward movement, still count
    ("Government troops shelled the village on Monday and killed five civilians in Idlib.", "shelled", "Idlib"),
    ("Rebels attacked an army checkpoint on Monday and pushed into Idlib.", "attacked", "Idlib"),
], ids=["host-city", "taken-afterwards", "sibling-place", "onward-movement"])
def test_place_of_the_event_a_trigger_tells(coder, text, trigger, name):
    events = [e for e in _events(coder, text) if e.trigger.text == trigger]
    assert events and [e.location.name if e.location else None for e in events][:1] == [name]


@pytest.mark.parametrize(("text", "trigger", "name"), [
    ("Chadian police fired tear gas at opposition supporters who tried to march through the capital on Thursday.",
     "march", "N'Djamena"),
    ("MOMBASA, Kenya (Wire) - Hundreds of dock workers walked off the job at the port yesterday.",
     "walked off the job", "Mombasa"),
    ("Protesters burned buildings in the Chinatown district of Honiara on Wednesday. Australian police officers "
     "arrived in the city on Friday.", "arrived", "Honiara"),
], ids=["the-capital", "the-port-of-the-dateline", "the-city-named-before"])
def test_a_bare_description_refers_to_a_place_known_from_the_story(coder, text, trigger, name):
    events = [e for e in _events(coder, text) if e.trigger.text == trigger]
    assert events and events[0].location is not None and events[0].location.name == name


def test_coordinated_prepositions_attach_the_place(coder):
    events = _events(coder, "Gunmen killed 30 civilians on Saturday. The killings took place in and around Titao, "
                            "the main town of the northern Loroum province.")
    assert [e.location.name if e.location else None for e in events if e.event_type == "ASSAULT"] == ["Titao"]


def test_the_seat_of_a_based_actor_is_no_place(coder):
    events = _events(coder, "Police detained several protesters in Santiago de Cuba on Sunday, a Madrid-based "
                            "rights group said.")
    assert [e.location.name for e in events if e.event_type == "COERCE"] == ["Santiago de Cuba"]


def test_whose_statements_is_no_place(coder):
    events = _events(coder, "Ukraine freed 92 Russian soldiers on Wednesday, according to statements from Kyiv and "
                            "Moscow.")
    assert events and all(e.location is None for e in events)


def test_what_talks_are_about_is_no_place(coder):
    events = _events(coder, "Negotiators from Ethiopia, Egypt and Sudan resumed talks on the Grand Ethiopian "
                            "Renaissance Dam in Khartoum on Sunday.")
    assert events and {e.location.name for e in events if e.location} == {"Khartoum"}


def test_the_town_of_a_country_is_no_namesake_abroad(coder):
    events = _events(coder, "Nigerian and Cameroonian troops resumed joint patrols on Monday near the Nigerian town "
                            "of Baga, Nigeria's army said.")
    assert events and all(e.location is None or e.location.country != "ESP" for e in events)


def test_a_capital_the_pressure_comes_from_is_no_place(coder):
    events = _events(coder, "Serbia's president rebuffed pressure from Brussels on Saturday, telling reporters in "
                            "Belgrade that Serbia would decide for itself.")
    assert [e.location.name for e in events if e.event_type == "REJECT"] == ["Belgrade"]

"""Tests for eventwire.phoenix: the Phoenix/PETRARCH actor and agent dictionary readers."""

from __future__ import annotations

import datetime as dt
import doctest
import logging
import time
from pathlib import Path

import pytest

import eventwire.phoenix as phoenix
from eventwire.errors import DictionaryError, InputError
from eventwire.phoenix import (
    Agent,
    DatedCode,
    DictionaryActor,
    parse_dictionary_date,
    read_actor_dictionary,
    read_agent_dictionary,
    regular_plural,
)

PHOENIX_DIR = Path(__file__).resolve().parents[2] / "shared" / "reference" / "phoenix"

D = dt.date


def write(tmp_path: Path, text: str, name: str = "test.actors.txt") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def by_name(actors: list[DictionaryActor]) -> dict[str, DictionaryActor]:
    return {a.name: a for a in actors}


def phoenix_file(name: str) -> Path:
    path = PHOENIX_DIR / name
    if not path.is_file():
        pytest.skip(f"../shared/reference/phoenix not found: {path} is missing (real-file test)")
    return path


def test_doctests() -> None:
    result = doctest.testmod(phoenix, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0
    assert result.failed == 0


# ------------------------------------------------------------------------------------------
# Dates and plurals
# ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("000717", D(2000, 7, 17)),
        ("300101", D(2030, 1, 1)),  # 00-30: 20YY
        ("310101", D(1931, 1, 1)),  # 31-99: 19YY
        ("830101", D(1983, 1, 1)),
        ("19270101", D(1927, 1, 1)),
        ("20121204", D(2012, 12, 4)),
        ("120229", D(2012, 2, 29)),
    ],
)
def test_parse_dictionary_date(text: str, expected: dt.date) -> None:
    assert parse_dictionary_date(text) == expected


@pytest.mark.parametrize("text", ["2004017", "201005011", "1920030320", "0007", "", "00o717", "１２０１０１"])
def test_parse_dictionary_date_rejects_bad_lengths(text: str) -> None:
    with pytest.raises(ValueError, match="6 digits"):
        parse_dictionary_date(text)


@pytest.mark.parametrize("text", ["990231", "130229", "001301", "20100931", "000700"])
def test_parse_dictionary_date_rejects_impossible_days(text: str) -> None:
    with pytest.raises(ValueError, match="no such day"):
        parse_dictionary_date(text)


@pytest.mark.parametrize(
    ("word", "plural"),
    [
        ("RANCHER", "RANCHERS"),
        ("DEPUTY", "DEPUTIES"),
        ("ATTORNEY", "ATTORNEYS"),
        ("BOSS", "BOSSES"),
        ("TAX", "TAXES"),
        ("CHURCH", "CHURCHES"),
        ("BUSH", "BUSHES"),
        ("FORCES", None),
        ("minister", "ministers"),
        ("", None),
    ],
)
def test_regular_plural(word: str, plural: str | None) -> None:
    assert regular_plural(word) == plural


# ------------------------------------------------------------------------------------------
# DatedCode and DictionaryActor.code_on
# ------------------------------------------------------------------------------------------


def test_dated_code_bounds() -> None:
    code = DatedCode("FRDGOV", D(2001, 1, 1), D(2005, 6, 1))
    assert not code.applies_on(D(2000, 12, 31))
    assert code.applies_on(D(2001, 1, 1))  # start inclusive
    assert code.applies_on(D(2005, 5, 31))
    assert not code.applies_on(D(2005, 6, 1))  # end exclusive
    assert not code.applies_on(None)
    assert code.applies_on(dt.datetime(2003, 3, 3, 12, 0))  # a datetime is accepted
    undated = DatedCode("FRD", None, None)
    assert undated.applies_on(None) and undated.applies_on(D(1900, 1, 1))
    assert not undated.dated and code.dated


def test_code_on_rules() -> None:
    actor = DictionaryActor(
        "RUFUS T FIREFLY",
        (),
        (
            DatedCode("FRDELI", D(1950, 1, 1), D(2000, 1, 1)),
            DatedCode("FRDGOV", D(1995, 1, 1), D(1999, 1, 1)),  # overlaps: later start wins
            DatedCode("FRDGOV", D(2000, 7, 17), None),
            DatedCode("FRDELI", None, None),
        ),
        "x:1",
    )
    assert actor.code_on(D(1960, 1, 1)) == "FRDELI"
    assert actor.code_on(D(1996, 1, 1)) == "FRDGOV"
    assert actor.code_on(D(2000, 3, 1)) == "FRDELI"  # gap: the undated default
    assert actor.code_on(D(2012, 7, 12)) == "FRDGOV"
    assert actor.code_on(None) == "FRDELI"


def test_code_on_without_undated_default() -> None:
    actor = DictionaryActor(
        "CHICOLINI",
        (),
        (
            DatedCode("FRDREB", None, D(1990, 1, 1)),
            DatedCode("FRDGOV", D(1990, 1, 1), D(1995, 1, 1)),
            DatedCode("FRDMIL", D(1995, 1, 1), D(1997, 1, 1)),
        ),
        "x:1",
    )
    assert actor.code_on(D(1980, 1, 1)) == "FRDREB"
    assert actor.code_on(D(2020, 1, 1)) is None
    assert actor.code_on(None) == "FRDMIL"  # the latest-starting dated code
    assert DictionaryActor("NOBODY", (), (), "x:1").code_on(None) is None
    assert DictionaryActor("NOBODY", (), (), "x:1").code_on(D(2000, 1, 1)) is None


def test_code_on_ties_go_to_the_last_listed() -> None:
    actor = DictionaryActor(
        "PINKY",
        (),
        (DatedCode("FRDGOVEDU", D(2010, 7, 1), None), DatedCode("FRDGOV", D(2010, 7, 1), None)),
        "x:1",
    )
    assert actor.code_on(D(2011, 1, 1)) == "FRDGOV"
    assert actor.code_on(None) == "FRDGOV"


# ------------------------------------------------------------------------------------------
# Actor dictionaries
# ------------------------------------------------------------------------------------------

ACTORS = """\
# A made-up actor dictionary
FREEDONIA_  [FRD]
+FREEDONIAN_
+REPUBLIC_OF_FREEDONIA   # trailing comment

RUFUS_T._FIREFLY_  # the president
+FIREFLY_
+PRESIDENT_FIREFLY
\t[FRDELI 830101-000101]
\t[FRDGOV >000717]
\t[FRDREB <750101]
\t[FRDELI]
AMBASSADOR_TRENTINO [SYLGOV 19270101-730717] [SYLELI]
CHICOLINI_
\t[FRDSPY 19300101-19450508]
"""


def test_read_actor_dictionary_entries(tmp_path: Path) -> None:
    path = write(tmp_path, ACTORS)
    warnings: list[str] = []
    actors = read_actor_dictionary(path, warnings=warnings)
    assert warnings == []
    assert [a.name for a in actors] == [
        "FREEDONIA",
        "RUFUS T. FIREFLY",
        "AMBASSADOR TRENTINO",
        "CHICOLINI",
    ]
    freedonia, firefly, trentino, chicolini = actors
    assert freedonia.synonyms == ("FREEDONIAN", "REPUBLIC OF FREEDONIA")
    assert freedonia.codes == (DatedCode("FRD", None, None),)
    assert freedonia.source == "test.actors.txt:2"
    assert freedonia.phrases == (("freedonia",), ("freedonian",), ("republic", "of", "freedonia"))
    assert freedonia.code_on(D(2020, 1, 1)) == "FRD"

    assert firefly.source == "test.actors.txt:6"
    assert firefly.synonyms == ("FIREFLY", "PRESIDENT FIREFLY")
    assert firefly.codes == (
        DatedCode("FRDELI", D(1983, 1, 1), D(2000, 1, 1)),
        DatedCode("FRDGOV", D(2000, 7, 17), None),
        DatedCode("FRDREB", None, D(1975, 1, 1)),
        DatedCode("FRDELI", None, None),
    )
    assert firefly.code_on(D(1970, 1, 1)) == "FRDREB"
    assert firefly.code_on(D(1995, 1, 1)) == "FRDELI"
    assert firefly.code_on(D(2000, 7, 16)) == "FRDELI"
    assert firefly.code_on(D(2000, 7, 17)) == "FRDGOV"

    # several codes on the entry line; mixed 8- and 6-digit dates in one range
    assert trentino.codes == (
        DatedCode("SYLGOV", D(1927, 1, 1), D(1973, 7, 17)),
        DatedCode("SYLELI", None, None),
    )
    # 8-digit dates, as the real files use for years the 6-digit century rule cannot express
    assert chicolini.codes == (DatedCode("FRDSPY", D(1930, 1, 1), D(1945, 5, 8)),)


def test_century_rule_in_ranges(tmp_path: Path) -> None:
    path = write(tmp_path, "HARPO_\n\t[FRDELI 310101-300101]\n")
    (harpo,) = read_actor_dictionary(path, strict=True)
    assert harpo.codes == (DatedCode("FRDELI", D(1931, 1, 1), D(2030, 1, 1)),)


def test_reversed_range_from_century_rule_is_a_problem(tmp_path: Path) -> None:
    path = write(tmp_path, "ZEPPO_\n\t[FRDELI 300101-310101]\n\t[FRD]\n")
    warnings: list[str] = []
    (zeppo,) = read_actor_dictionary(path, warnings=warnings)
    assert zeppo.codes == (DatedCode("FRD", None, None),)
    assert len(warnings) == 1 and "empty date range" in warnings[0] and ":2:" in warnings[0]


def test_comments_blank_lines_and_indentation(tmp_path: Path) -> None:
    text = (
        "<!-- header comment -->\n"
        "<!-- a comment\n"
        "   SPANNING_LINES [XXX]\n"
        "-->\n"
        "\n"
        "   # indented comment\n"
        "  GROUCHO_ [FRDGOV] <!-- inline # with a hash --> # and a hash comment [NOTME]\n"
        "+HACKENBUSH_#no space before the hash\n"
        "[FRDELI] # see <!-- not an XML comment\n"  # a code line need not be indented
        "\tMARGARET_DUMONT_\t\t[FRDELI]\t\n"  # an indented entry line is still an entry
    )
    actors = read_actor_dictionary(write(tmp_path, text), strict=True)
    assert [(a.name, a.synonyms, [c.code for c in a.codes], a.source) for a in actors] == [
        ("GROUCHO", ("HACKENBUSH",), ["FRDGOV", "FRDELI"], "test.actors.txt:7"),
        ("MARGARET DUMONT", (), ["FRDELI"], "test.actors.txt:10"),
    ]


def test_crlf_bom_and_spaces_inside_codes(tmp_path: Path) -> None:
    text = "\ufeffDUMONT_\r\n+MRS_TEASDALE_\r\n\t[FRDGOV > 140608]\r\n\t[FRDELI  <  900101 ]\r\n"
    path = tmp_path / "crlf.actors.txt"
    path.write_bytes(text.encode("utf-8"))
    (dumont,) = read_actor_dictionary(path, strict=True)
    assert dumont.name == "DUMONT"
    assert dumont.synonyms == ("MRS TEASDALE",)
    assert dumont.codes == (
        DatedCode("FRDGOV", D(2014, 6, 8), None),
        DatedCode("FRDELI", None, D(1990, 1, 1)),
    )


def test_adjacent_brackets_and_null_code(tmp_path: Path) -> None:
    text = "BANK_OF_FREEDONIA_\t[FRDGOVBUS >081004][MNCFRD]\nSOCCER_STAR_\n\t[---]\n"
    bank, star = read_actor_dictionary(write(tmp_path, text), strict=True)
    assert bank.codes == (DatedCode("FRDGOVBUS", D(2008, 10, 4), None), DatedCode("MNCFRD", None, None))
    assert star.code_on(None) == "---"


def test_synonyms_deduplicated_and_phrases(tmp_path: Path) -> None:
    text = "BASHIR_AL-FIREFLY\n+FIREFLY\n+FIREFLY\n+BASHIR_AL-FIREFLY\n+Mr._Firefly_\n\t[FRDGOV]\n"
    (actor,) = read_actor_dictionary(write(tmp_path, text), strict=True)
    assert actor.synonyms == ("FIREFLY", "Mr. Firefly")
    assert actor.phrases == (("bashir", "al-firefly"), ("firefly",), ("mr.", "firefly"))


def test_utf8_text_is_kept(tmp_path: Path) -> None:
    (actor,) = read_actor_dictionary(write(tmp_path, "MANFRED_WÖRNER_\t[IGOWST 880701-940813]\n"), strict=True)
    assert actor.name == "MANFRED WÖRNER"
    assert actor.phrases == (("manfred", "wörner"),)


def test_latin1_file_is_read_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "latin1.actors.txt"
    path.write_bytes("FRDGOV_ [FRDGOV]\nJOSÉ_FIREFLY_ [FRDELI]\n".encode("latin-1"))
    warnings: list[str] = []
    actors = read_actor_dictionary(path, warnings=warnings)
    assert actors[1].name == "JOSÉ FIREFLY"
    assert len(warnings) == 1 and "Latin-1" in warnings[0] and f"{path}:2:" in warnings[0]
    with pytest.raises(DictionaryError, match="not valid UTF-8"):
        read_actor_dictionary(path, strict=True)


# --- malformed actor dictionaries --------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "line", "what"),
    [
        ("+FIREFLY_\nFREEDONIA_ [FRD]\n", 1, "synonym line"),
        ("# comment\n\n\t[FRDGOV]\nFREEDONIA_ [FRD]\n", 3, "code line"),
        ("FREEDONIA_ [FRD]\n__ [FRDGOV]\n", 2, "has no name"),
    ],
)
def test_structural_errors_always_raise(tmp_path: Path, text: str, line: int, what: str) -> None:
    path = write(tmp_path, text)
    for strict in (False, True):
        with pytest.raises(DictionaryError, match=what) as info:
            read_actor_dictionary(path, strict=strict)
        assert info.value.path == str(path)
        assert info.value.line == line
        assert str(info.value).startswith(f"{path}:{line}: ")


@pytest.mark.parametrize(
    ("code_line", "what"),
    [
        ("[FRDGOV 2004017-20061201]", "bad date '2004017'"),  # 7 digits, as in the real files
        ("[FRDGOV >201005011]", "bad date '201005011'"),
        ("[FRDGOV 990231-000101]", "no such day"),
        ("[FRDGOV >0007I7]", "bad date"),
        ("[FRDGOV >000717", "unclosed bracket"),
        ("[]", "empty code brackets"),
        ("[frdgov]", "bad code 'frdgov'"),
        ("[FRDGOV 000101-000101]", "empty date range"),
        ("[FRDGOV 20121207-20120802]", "empty date range"),
        ("[FRDGOV 000717 010101]", "bad date"),
    ],
)
def test_bad_code_lines(tmp_path: Path, code_line: str, what: str) -> None:
    path = write(tmp_path, f"FREEDONIA_ [FRD]\nFIREFLY_\n\t{code_line}\n\t[FRDELI]\n")
    with pytest.raises(DictionaryError, match=what) as info:
        read_actor_dictionary(path, strict=True)
    assert info.value.line == 3
    assert str(info.value).startswith(f"{path}:3: ")
    assert isinstance(info.value, InputError)

    warnings: list[str] = []
    actors = read_actor_dictionary(path, warnings=warnings)  # default: skip the code, warn
    assert by_name(actors)["FIREFLY"].codes == (DatedCode("FRDELI", None, None),)
    assert len(warnings) == 1
    assert warnings[0].startswith(f"{path}:3: ") and what.split("'")[0] in warnings[0]


def test_unclosed_bracket_before_another_code(tmp_path: Path) -> None:
    path = write(tmp_path, "FIREFLY_\n\t[FRDGOV >000717 [FRDELI]\n")
    warnings: list[str] = []
    (actor,) = read_actor_dictionary(path, warnings=warnings)
    assert actor.codes == (DatedCode("FRDELI", None, None),)
    assert len(warnings) == 1 and "unclosed bracket in '[FRDGOV >000717'" in warnings[0]
    with pytest.raises(DictionaryError, match="unclosed bracket") as info:
        read_actor_dictionary(path, strict=True)
    assert info.value.line == 2


def test_bare_date_is_read_as_from(tmp_path: Path) -> None:
    path = write(tmp_path, "FIREFLY_\n\t[FRDGOV 20121204]\n")
    warnings: list[str] = []
    (actor,) = read_actor_dictionary(path, warnings=warnings)
    assert actor.codes == (DatedCode("FRDGOV", D(2012, 12, 4), None),)
    assert "without '<', '>' or a range" in warnings[0] and ":2:" in warnings[0]
    with pytest.raises(DictionaryError, match="without '<'"):
        read_actor_dictionary(path, strict=True)


def test_text_after_code_is_ignored_with_a_warning(tmp_path: Path) -> None:
    path = write(tmp_path, "FREEDONIA_BANK_\t[MNCFRD]\tBanking\t$1,000\n")
    warnings: list[str] = []
    (actor,) = read_actor_dictionary(path, warnings=warnings)
    assert actor.codes == (DatedCode("MNCFRD", None, None),)
    assert "text after the code ignored" in warnings[0]
    with pytest.raises(DictionaryError, match="text after the code"):
        read_actor_dictionary(path, strict=True)


def test_entry_without_code(tmp_path: Path) -> None:
    path = write(tmp_path, "IVO_FIREFLY_\nPRESIDENT_FIREFLY_\n\t[FRDGOV]\n")
    warnings: list[str] = []
    ivo, president = read_actor_dictionary(path, warnings=warnings)
    assert ivo.codes == () and ivo.code_on(None) is None
    assert president.code_on(None) == "FRDGOV"
    assert warnings == [f"{path}:1: actor entry 'IVO FIREFLY' has no code"]
    with pytest.raises(DictionaryError, match="has no code") as info:
        read_actor_dictionary(path, strict=True)
    assert info.value.line == 1


def test_code_on_a_synonym_line(tmp_path: Path) -> None:
    path = write(tmp_path, "FIREFLY_\n+RUFUS_ [FRDGOV]\n\t[FRDELI]\n")
    warnings: list[str] = []
    (actor,) = read_actor_dictionary(path, warnings=warnings)
    assert actor.synonyms == ("RUFUS",)
    assert [c.code for c in actor.codes] == ["FRDELI"]
    assert "synonym line" in warnings[0] and ":2:" in warnings[0]


def test_problems_are_logged_when_no_list_is_given(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    path = write(tmp_path, "FIREFLY_\n\t[FRDGOV 2004017-20061201]\n\t[FRDELI]\n")
    with caplog.at_level(logging.WARNING, logger="eventwire.phoenix"):
        actors = read_actor_dictionary(path)
    assert len(actors) == 1
    assert "1 dictionary problem" in caplog.text and "2004017" in caplog.text


def test_missing_file(tmp_path: Path) -> None:
    missing = tmp_path / "nope.actors.txt"
    with pytest.raises(DictionaryError, match="cannot read dictionary") as info:
        read_actor_dictionary(missing)
    assert info.value.path == str(missing)
    with pytest.raises(DictionaryError, match="cannot read dictionary"):
        read_agent_dictionary(missing)


def test_records_are_frozen() -> None:
    code = DatedCode("FRD", None, None)
    with pytest.raises(AttributeError):
        code.code = "XXX"  # type: ignore[misc]
    agent = Agent("ambassador", "GOV", False, "x:1")
    with pytest.raises(AttributeError):
        agent.code = "MIL"  # type: ignore[misc]
    assert agent.words == ("ambassador",)


# ------------------------------------------------------------------------------------------
# Agent dictionaries
# ------------------------------------------------------------------------------------------

AGENTS = """\
# made-up agents
!PERSON! = MAN, MEN, WOMAN, WOMEN, PERSON
!OFFICE! = MINISTER , MINISTRY

SPY_CATCHER [~SPY]    # a comment
GOAT!PERSON! [~AGR]
FOREIGN_!OFFICE!_SPOKES!PERSON! [~GOV]
HUMAN_RIGHTS_BODY  [NGO~]
DEPUTY [~GOV]
ENVOY [~GOV]
BOSS [~BUS]
LIBERATION_FORCES_ [~REB]
POLICE {} [~COP]
CATTLE_THIEF {CATTLE_THIEVES} [~CRM]
FIRE!PERSON! {} [~GOV]
"""


def test_read_agent_dictionary(tmp_path: Path) -> None:
    path = write(tmp_path, AGENTS, "test.agents.txt")
    warnings: list[str] = []
    agents = read_agent_dictionary(path, warnings=warnings)
    assert warnings == []
    got = [(a.phrase, a.code, a.prefix, a.source) for a in agents]
    src = "test.agents.txt:"
    assert got[:2] == [
        ("spy catcher", "SPY", False, src + "5"),
        ("spy catchers", "SPY", False, src + "5"),
    ]
    phrases = {a.phrase: a for a in agents}
    # substitution sets: every member, and no extra plural
    assert [a.phrase for a in agents if a.source == src + "6"] == [
        "goatman",
        "goatmen",
        "goatwoman",
        "goatwomen",
        "goatperson",
    ]
    # two sets on one line: the cartesian product
    foreign = [a.phrase for a in agents if a.source == src + "7"]
    assert len(foreign) == 10
    assert "foreign minister spokeswoman" in foreign and "foreign ministry spokesperson" in foreign
    assert all(a.code == "GOV" and not a.prefix for a in agents if a.source == src + "7")
    # prefix codes
    assert (phrases["human rights body"].code, phrases["human rights body"].prefix) == ("NGO", True)
    assert phrases["human rights bodies"].prefix is True
    # regular plurals
    assert {"deputy", "deputies", "envoy", "envoys", "boss", "bosses"} <= set(phrases)
    assert [a.phrase for a in agents if a.source == src + "12"] == ["liberation forces"]
    # {} means no plural, {X} gives it
    assert [a.phrase for a in agents if a.source == src + "13"] == ["police"]
    assert [a.phrase for a in agents if a.source == src + "14"] == ["cattle thief", "cattle thieves"]
    assert [a.phrase for a in agents if a.source == src + "15"] == [
        "fireman",
        "firemen",
        "firewoman",
        "firewomen",
        "fireperson",
    ]


def test_agent_plurals_can_be_switched_off(tmp_path: Path) -> None:
    path = write(tmp_path, AGENTS, "test.agents.txt")
    agents = read_agent_dictionary(path, plurals=False, strict=True)
    phrases = [a.phrase for a in agents]
    assert "spy catchers" not in phrases and "deputies" not in phrases
    assert "cattle thieves" in phrases  # explicit plurals stay
    assert "goatmen" in phrases  # substitution sets stay


@pytest.mark.parametrize(
    ("line", "what"),
    [
        ("DEPARTMENT_OF_GOATS [~ENV}", "unclosed bracket"),  # as in the real file
        ("ISLAMIC_GOATHERD", "has no"),
        ("GOATHERD [GOV]", "bad agent code"),
        ("GOATHERD [~gov]", "bad agent code"),
        ("GOATHERD [~]", "bad agent code"),
        ("GOAT!HERDER! [~AGR]", "undefined substitution set !HERDER!"),
        ("GOAT!PERSON [~AGR]", "unpaired '!'"),
        ("GOAT {GOATS [~AGR]", "unclosed '{'"),
        ("[~AGR]", "has no phrase"),
    ],
)
def test_bad_agent_lines(tmp_path: Path, line: str, what: str) -> None:
    text = f"!PERSON! = MAN, MEN\nFARMER [~AGR]\n{line}\nRANCHER [~AGR]\n"
    path = write(tmp_path, text, "bad.agents.txt")
    with pytest.raises(DictionaryError, match=what) as info:
        read_agent_dictionary(path, strict=True)
    assert info.value.line == 3
    assert str(info.value).startswith(f"{path}:3: ")

    warnings: list[str] = []
    agents = read_agent_dictionary(path, warnings=warnings)  # default: skip the line, warn
    assert [a.phrase for a in agents] == ["farmer", "farmers", "rancher", "ranchers"]
    assert len(warnings) == 1 and warnings[0].startswith(f"{path}:3: ")


@pytest.mark.parametrize("line", ["!PERSON! =", "!PERSON! = ,  ,", "!! = MAN"])
def test_bad_substitution_set_always_raises(tmp_path: Path, line: str) -> None:
    path = write(tmp_path, f"FARMER [~AGR]\n{line}\n", "bad.agents.txt")
    with pytest.raises(DictionaryError, match="bad substitution set") as info:
        read_agent_dictionary(path)
    assert info.value.line == 2


# ------------------------------------------------------------------------------------------
# The real Phoenix dictionaries (MIT licence), when present
# ------------------------------------------------------------------------------------------


def test_real_countries_file_loads_fast() -> None:
    path = phoenix_file("Phoenix.Countries.actors.txt")
    started = time.perf_counter()
    warnings: list[str] = []
    actors = read_actor_dictionary(path, warnings=warnings)
    elapsed = time.perf_counter() - started
    assert elapsed < 2.0, f"loading took {elapsed:.2f} s"
    assert len(actors) > 15_000
    # the known oddities are reported, with file and line, not raised
    assert any(w.startswith(f"{path}:2039: ") and "9008223" in w for w in warnings)
    assert any(w.startswith(f"{path}:22508: ") and "1920030320" in w for w in warnings)
    assert all(w.startswith(f"{path}:") for w in warnings)
    with pytest.raises(DictionaryError):
        read_actor_dictionary(path, strict=True)


def test_real_bashar_al_assad() -> None:
    path = phoenix_file("Phoenix.Countries.actors.txt")
    actors = read_actor_dictionary(path, warnings=[])
    # BASHAR_AL_ASSAD_  # CountryInfo.txt
    #     [SYRELI 830101-000101]
    #     [SYRGOV >000717]
    #     [SYRELI]
    (assad,) = [a for a in actors if a.name == "BASHAR AL ASSAD"]
    assert assad.source.startswith("Phoenix.Countries.actors.txt:")
    assert assad.codes == (
        DatedCode("SYRELI", D(1983, 1, 1), D(2000, 1, 1)),  # 83 -> 1983 by the century rule
        DatedCode("SYRGOV", D(2000, 7, 17), None),
        DatedCode("SYRELI", None, None),
    )
    assert assad.code_on(D(2012, 7, 12)) == "SYRGOV"
    assert assad.code_on(D(1995, 1, 1)) == "SYRELI"
    assert assad.code_on(D(2000, 3, 1)) == "SYRELI"  # between the two: the undated default
    assert ("bashar", "al", "assad") in assad.phrases

    # a second, undated entry spelled BASHAR_AL-ASSAD, with the common synonyms
    (hyphen,) = [a for a in actors if a.name == "BASHAR AL-ASSAD"]
    assert hyphen.code_on(D(2012, 7, 12)) == "SYRGOV"
    assert {"ASSAD", "BASHAR ASSAD", "ASSAD REGIME"} <= set(hyphen.synonyms)


def test_real_international_and_milnonstate_files() -> None:
    intl = phoenix_file("Phoenix.International.actors.txt")
    warnings: list[str] = []
    actors = read_actor_dictionary(intl, warnings=warnings)
    assert len(actors) > 7_000
    assert any(w.startswith(f"{intl}:40: ") and "2004017" in w for w in warnings)
    names = by_name(actors)
    assert names["THE UNITED NATIONS"].code_on(None) == "IGOUNO"
    ban = names["SECRETARY-GENERAL BAN KI-MOON"]
    assert ban.code_on(D(2010, 1, 1)) == "IGOUNO"
    assert ban.code_on(D(2005, 1, 1)) is None  # its KORGOVBUS code has the 7-digit date: skipped
    # several codes on the entry line
    cuellar = names["JAVIER DE CUELLAR"]
    assert cuellar.code_on(D(1990, 1, 1)) == "IGOUNO"
    assert cuellar.code_on(D(1995, 1, 1)) == "ELI"

    mns = phoenix_file("Phoenix.MilNonState.actors.txt")
    warnings = []
    actors = read_actor_dictionary(mns, warnings=warnings)
    assert warnings == []
    yassin = by_name(actors)["SHEIKH AHMED YASSIN"]
    assert yassin.code_on(D(2000, 1, 1)) == "PSEREBHMS"
    assert yassin.code_on(D(2005, 1, 1)) is None


def test_real_agents_file() -> None:
    path = phoenix_file("Phoenix.agents.txt")
    warnings: list[str] = []
    agents = read_agent_dictionary(path, warnings=warnings)
    assert len(agents) > 4_000
    codes: dict[str, set[tuple[str, bool]]] = {}
    for agent in agents:
        codes.setdefault(agent.phrase, set()).add((agent.code, agent.prefix))
    for phrase in (
        "ambassador",
        "ambassadors",  # regular plural, added automatically
        "minister",  # from !MINIST!
        "ministers",
        "ministry",
        "foreign minister",
        "prime minister",
        "cabinet minister",
    ):
        assert codes[phrase] == {("GOV", False)}, phrase
    assert codes["cattleman"] == {("AGR", False)}  # CATTLE!PERSON! [~AGR]
    assert codes["cattlemen"] == {("AGR", False)}
    assert codes["truce monitor"] == {("IGO", True)}  # TRUCE_MONITOR [IGO~]
    assert codes["attorney general"] == {("GOV", False)}
    # the file's two defects: DEPARMENT_OF_ENVIRONMENT [~ENV} and ISLAMIC_EXTREMIST (no code)
    assert len(warnings) == 2
    assert warnings[0].startswith(f"{path}:544: ") and "unclosed bracket" in warnings[0]
    assert warnings[1].startswith(f"{path}:1927: ")
    with pytest.raises(DictionaryError) as info:
        read_agent_dictionary(path, strict=True)
    assert info.value.line == 544

"""Tests of :mod:`eventwire.lexicon`: the trigger lexicon as versioned data, and its errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.errors import ConfigError
from eventwire.lexicon import Lexicon, load_lexicon
from eventwire.ontology import load_ontology
from eventwire.pipeline import Pipeline, Settings
from eventwire.schema import EVENT_TYPES, CodedDocument

CONSTRAINT_KINDS = {"obj", "subj", "mod", "gov", "prep", "agent", "pobj", "prt", "xcomp", "ccomp", "advcl", "acl",
                    "role", "recipient"}


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return load_lexicon()


def _patterns(lexicon: Lexicon):
    return [p for rows in lexicon.patterns.values() for p in rows]


def test_shipped_lexicon_loads(lexicon):
    patterns = _patterns(lexicon)
    assert len(patterns) > 500
    assert {p.event_type for p in patterns} == set(EVENT_TYPES), "every PLOVER type has triggers"
    assert lexicon.candidates("attack", "V") and lexicon.candidates("strike", "N")
    assert lexicon.candidates("no-such-lemma", "V") == ()
    for name in ("speech", "content", "commitment", "negating", "light", "weapon", "describe"):
        assert lexicon.classes.get(name) or lexicon.verbs.get(name), name
    assert lexicon.in_class("say", "speech") and lexicon.in_class("missile", "weapon")


def test_every_pattern_has_a_valid_type_and_mode(lexicon):
    ontology = load_ontology()
    bad = []
    for p in _patterns(lexicon):
        if p.event_type not in EVENT_TYPES:
            bad.append((p.line, p.head, p.event_type))
            continue
        try:
            ontology.validate(p.event_type, p.mode)  # None or one of the type's modes
        except ConfigError as exc:
            bad.append((p.line, p.head, str(exc)))
    assert bad == []


def test_every_pattern_is_well_formed(lexicon):
    ontology = load_ontology()
    for (head, pos), rows in lexicon.patterns.items():
        for p in rows:
            assert (p.head, p.pos) == (head, pos)
            assert p.pos in ("V", "N")
            assert p.line > 1
            assert p.name.startswith(f"lexicon:{p.pos}:{p.head}") and p.name.endswith(f"@{p.line}")
            for group in p.constraints:
                assert group, p
                assert all(alt.kind in CONSTRAINT_KINDS for alt in group), p
            if p.cameo:
                assert p.cameo.isdigit() and 2 <= len(p.cameo) <= 4, p
                ontology.goldstein(p.cameo)  # the code or a parent code is known
        # most specific first: more words, then more constraints
        keys = [(-len(p.words), -len(p.constraints)) for p in rows]
        assert keys == sorted(keys), (head, pos)


def test_surface_forms_cover_inflections(lexicon):
    for form in ("attack", "attacked", "attacking", "attacks", "met", "shelled", "fought", "seized", "urged"):
        assert form in lexicon.surface_forms, form


# ----- a lexicon of one's own, and its errors ----------------------------------------------------------------

CLASSES = "# word classes\nweapon\tmissile|rocket\n"
VERBS = "# verb classes\nspeech\tsay|tell\ncontent\turge\n"
TRIGGERS = ("pattern\tpos\tevent_type\tmode\tcameo\tconstraints\n"
            "# a comment line\n"
            "[zap]\tV\tASSAULT\t\t190\n"
            "[fire]\tV\tASSAULT\t\t190\tobj:weapon|prep:at,!subj:sports\n"
            "[call] on\tV\tREQUEST\t\t020\n"
            "[blockade]\tN\tCOERCE\tseize\n")


def _lexicon_dir(tmp_path: Path, *, classes: str = CLASSES, verbs: str = VERBS, triggers: str = TRIGGERS) -> Path:
    folder = tmp_path / "lexicon"
    folder.mkdir()
    (folder / "classes.tsv").write_text(classes, encoding="utf-8")
    (folder / "verbs.tsv").write_text(verbs, encoding="utf-8")
    (folder / "triggers.tsv").write_text(triggers, encoding="utf-8")
    return folder


def test_small_lexicon_loads(tmp_path):
    lexicon = load_lexicon(str(_lexicon_dir(tmp_path)))
    zap, = lexicon.candidates("zap", "V")
    assert (zap.event_type, zap.mode, zap.cameo, zap.line, zap.name) == ("ASSAULT", None, "190", 3, "lexicon:V:zap@3")
    fire, = lexicon.candidates("fire", "V")
    assert [[(a.kind, a.value, a.negated) for a in g] for g in fire.constraints] == [
        [("obj", "weapon", False), ("prep", "at", False)], [("subj", "sports", True)]]
    call, = lexicon.candidates("call", "V")
    assert call.words == ("on",) and call.name == "lexicon:V:call+on@5"
    blockade, = lexicon.candidates("blockade", "N")
    assert (blockade.mode, blockade.cameo) == ("seize", None)
    assert lexicon.in_class("rocket", "weapon") and lexicon.in_class("tell", "speech")
    assert {"zapped", "zapping", "zaps"} <= lexicon.surface_forms


def test_a_lexicon_of_ones_own_drives_the_coder(tmp_path, pipeline):
    pipe = Pipeline(Settings(lexicon_dir=str(_lexicon_dir(tmp_path)), language_check=False))
    result = pipe.code_text("Kenyan troops zapped Somali militants near the border.", published="2012-07-12")
    assert isinstance(result, CodedDocument), result
    assert [(e.event_type, e.source[0].code, e.target[0].code, e.rule) for e in result.events] == [
        ("ASSAULT", "KENMIL", "SOMREB", "lexicon:V:zap@3")]
    # the shipped lexicon knows no such verb
    assert not pipeline.code_text("Kenyan troops zapped Somali militants near the border.",
                                  published="2012-07-12").events


@pytest.mark.parametrize(("bad_row", "message"), [
    ("[attack]\tX\tASSAULT\t\t190", "pos must be V or N"),
    ("[attack]\tV\tATTACK\t\t190", "unknown PLOVER event type 'ATTACK'"),
    ("launch attack\tV\tASSAULT\t\t190", "mark exactly one head word"),
    ("[launch] [attack]\tV\tASSAULT\t\t190", "mark exactly one head word"),
    ("[attack]\tV\tASSAULT\t\t190\tobject:weapon", "unknown constraint 'object:weapon'"),
    ("[attack]\tV", "expected pattern, pos, event_type"),
])
def test_malformed_trigger_row_names_file_and_line(tmp_path, bad_row, message):
    triggers = TRIGGERS + bad_row + "\n"
    folder = _lexicon_dir(tmp_path, triggers=triggers)
    line = triggers.count("\n")
    with pytest.raises(ConfigError) as info:
        load_lexicon(str(folder))
    assert f"{folder / 'triggers.tsv'}:{line}:" in str(info.value)
    assert message in str(info.value)


def test_malformed_class_row_names_file_and_line(tmp_path):
    folder = _lexicon_dir(tmp_path, classes=CLASSES + "weapon missile rocket\n")
    with pytest.raises(ConfigError) as info:
        load_lexicon(str(folder))
    assert f"{folder / 'classes.tsv'}:3:" in str(info.value)


def test_unknown_mode_names_file_and_line(tmp_path):
    triggers = TRIGGERS + "[attack]\tV\tASSAULT\tvisit\t190\n"
    folder = _lexicon_dir(tmp_path, triggers=triggers)
    with pytest.raises(ConfigError) as info:
        load_lexicon(str(folder))
    assert f"{folder / 'triggers.tsv'}:7:" in str(info.value)


def test_missing_lexicon_file_is_a_config_error(tmp_path):
    folder = _lexicon_dir(tmp_path)
    (folder / "verbs.tsv").unlink()
    with pytest.raises(ConfigError):
        load_lexicon(str(folder))


def test_cue_requirements_follow_the_patterns():
    from eventwire.lexicon import Constraint, TriggerPattern, cue_requirements

    def row(head, words=(), constraints=()):
        return TriggerPattern(head=head, pos="V", words=tuple(words), event_type="CONSULT", mode=None, cameo=None,
                              constraints=tuple(constraints), line=1)

    patterns = {
        ("hold", "V"): (row("hold", ["talk"]),),
        ("fire", "V"): (row("fire", constraints=[(Constraint("obj", "weapon"),)]),),
        ("meet", "V"): (row("meet", constraints=[(Constraint("subj", "actor"),)]), row("meet", ["with"])),
        ("strike", "V"): (row("strike", constraints=[(Constraint("obj", "deal", negated=True),)]),),
    }
    patterns[("trade", "N")] = (row("trade", constraints=[(Constraint("prep", "between"),),
                                                          (Constraint("gov", "light"),)]),)
    needs = cue_requirements(patterns, {"weapon": {"rocket", "missile"}}, {"light": {"hold", "launch"}})
    assert needs["held"] == ((frozenset(f for f in needs["held"][0][0]),),)
    assert "talks" in needs["held"][0][0]
    assert "rockets" in needs["fired"][0][0] and "missile" in needs["fires"][0][0]
    assert needs["met"] is None  # a pattern with nothing but a subject constraint needs no other word
    assert needs["striking"] is None  # a negated constraint needs nothing
    # a preposition and a governor named by a constraint must be there too (verb classes count for governors)
    assert {"between"} <= set().union(*needs["trading"][0]) and "launched" in needs["trade"][0][1]

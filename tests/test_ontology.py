"""Tests of the PLOVER/CAMEO ontology data and its loader (eventwire.ontology)."""

from __future__ import annotations

import doctest
import shutil
import types
from pathlib import Path

import pytest

import eventwire.ontology as ontology_module
from eventwire.errors import ConfigError
from eventwire.ontology import DEFAULT_CAMEO, CameoCode, EventType, Ontology, load_ontology

SHARED = Path(__file__).resolve().parents[2] / "shared"
GOLDSTEIN_TSV = SHARED / "reference" / "cameo-goldstein.tsv"

TYPES_BY_QUAD = {
    1: {"AGREE", "CONSULT", "SUPPORT", "CONCEDE"},
    2: {"COOPERATE", "AID", "RETREAT"},
    3: {"REQUEST", "ACCUSE", "REJECT", "THREATEN"},
    4: {"PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"},
}
ALL_TYPES = set().union(*TYPES_BY_QUAD.values())


@pytest.fixture(scope="module")
def onto() -> Ontology:
    return load_ontology()


# ---------------------------------------------------------------- types
def test_sixteen_types(onto: Ontology) -> None:
    assert len(ALL_TYPES) == 16
    assert set(onto.event_types) == ALL_TYPES
    for name, etype in onto.event_types.items():
        assert isinstance(etype, EventType)
        assert etype.name == name
        assert etype.description and len(etype.description) < 250


@pytest.mark.parametrize("quad", sorted(TYPES_BY_QUAD))
def test_quad_classes_follow_the_manual(onto: Ontology, quad: int) -> None:
    for name in TYPES_BY_QUAD[quad]:
        assert onto.quad_class(name) == quad, name


def test_sanction_is_material_conflict(onto: Ontology) -> None:
    # the manual's SANCTION section says MATERIAL CONFLICT (a summary table disagrees)
    assert onto.quad_class("SANCTION") == 4


def test_requires_target_per_manual(onto: Ontology) -> None:
    required = {name for name, t in onto.event_types.items() if t.requires_target}
    assert required == {"COOPERATE", "AID", "SANCTION"}


def test_modes_per_manual(onto: Ontology) -> None:
    modes = {name: t.modes for name, t in onto.event_types.items()}
    assert modes["RETREAT"] == ("withdraw", "release", "disarm", "ceasefire", "access", "resign")
    assert modes["REQUEST"] == modes["REJECT"] == ("assist", "change", "yield", "meet")
    assert modes["CONSULT"] == ("visit", "third-party", "multilateral", "phone")
    assert "aerial" in modes["ASSAULT"] and "drone" in modes["ASSAULT"]
    assert "massacre" not in modes["ASSAULT"]  # commented out in the manual
    assert "strike" in modes["PROTEST"] and "martial-law" in modes["COERCE"]
    for name in ("AGREE", "SUPPORT", "CONCEDE", "COOPERATE", "AID"):
        assert modes[name] == ()


# ---------------------------------------------------------------- CAMEO codes
def test_every_cameo_type_is_plover_or_empty(onto: Ontology) -> None:
    for code, row in onto.cameo_codes.items():
        assert isinstance(row, CameoCode)
        assert row.code == code and code.isdigit() and 2 <= len(code) <= 4
        assert row.event_type is None or row.event_type in ALL_TYPES, code
        assert row.name, code


def test_every_cameo_mode_and_context_is_known(onto: Ontology) -> None:
    for code, row in onto.cameo_codes.items():
        if row.mode is not None:
            assert row.event_type is not None, code
            onto.validate(row.event_type, row.mode)
        for context in row.contexts:
            assert context in onto.contexts, (code, context)


def test_cameo_quad_class_is_its_types(onto: Ontology) -> None:
    for code, row in onto.cameo_codes.items():
        if row.event_type is not None:
            assert row.quad_class == onto.quad_class(row.event_type), code
        else:
            assert row.quad_class in (0, 1, 2, 3, 4), code


def test_statements_dropped_appeals_and_demands_are_request(onto: Ontology) -> None:
    for code, row in onto.cameo_codes.items():
        if code.startswith("01"):
            assert row.event_type is None and row.quad_class == 0, code
        if code.startswith(("02", "10")):
            assert row.event_type == "REQUEST" and row.quad_class == 3, code
    assert onto.cameo("0253").mode == onto.cameo("1053").mode == "yield"
    assert onto.cameo("08").event_type is None  # split between CONCEDE and RETREAT
    assert onto.cameo("081").event_type == "CONCEDE"
    assert onto.cameo("0841").event_type == "RETREAT"


def test_expected_rows_exist(onto: Ontology) -> None:
    for code in ("01", "010", "020", "0256", "036", "042", "0874", "1053", "175", "195", "2042"):
        assert code in onto.cameo_codes, code
    assert onto.cameo("195").mode == "aerial"
    assert onto.cameo("042").name == "Make a visit"
    assert onto.cameo("175").name == "Use tactics of violent repression"  # listed twice in the table


def test_unknown_cameo_is_config_error(onto: Ontology) -> None:
    with pytest.raises(ConfigError, match="unknown CAMEO code '999'"):
        onto.cameo("999")
    with pytest.raises(ConfigError):
        onto.cameo(195)  # type: ignore[arg-type]


def test_goldstein_parent_fallback(onto: Ontology) -> None:
    assert onto.goldstein("195") == -10.0
    assert onto.goldstein("1641") == onto.goldstein("164") == -7.0  # not a row: parent's value
    assert onto.cameo("0313").goldstein == onto.cameo("031").goldstein == 5.2  # filled at build
    with pytest.raises(ConfigError):
        onto.goldstein("99")


def _reference_goldstein() -> dict[str, float]:
    if not GOLDSTEIN_TSV.is_file():
        pytest.skip(f"reference Goldstein list not found at {GOLDSTEIN_TSV} (needs /work/shared)")
    values = {}
    for line in GOLDSTEIN_TSV.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip() or line.startswith("cameo\t"):
            continue
        code, value = line.split("\t")
        values[code] = float(value)
    return values


@pytest.mark.parametrize(
    "code", ["01", "012", "020", "0256", "031", "043", "057", "0874", "100", "1382", "145", "163",
             "175", "1823", "186", "195", "204"],
)
def test_goldstein_matches_reference_sample(onto: Ontology, code: str) -> None:
    reference = _reference_goldstein()
    expected = reference.get(code)
    probe = code
    while expected is None and len(probe) > 2:  # codes missing there take their parent's value
        probe = probe[:-1]
        expected = reference.get(probe)
    assert onto.goldstein(code) == expected


def test_goldstein_matches_reference_for_every_shared_code(onto: Ontology) -> None:
    reference = _reference_goldstein()
    shared = set(reference) & set(onto.cameo_codes)
    assert len(shared) > 250
    for code in shared:
        assert onto.cameo(code).goldstein == reference[code], code


# ---------------------------------------------------------------- defaults and validation
def test_default_cameo_examples(onto: Ontology) -> None:
    assert onto.default_cameo("ASSAULT", "aerial") == "195"
    assert onto.default_cameo("CONSULT", "visit") == "042"
    assert onto.default_cameo("RETREAT", "resign") == "084"
    assert onto.default_cameo("REQUEST") == "100"
    assert onto.default_cameo("COERCE", "arrest") == "173"


def test_default_cameo_type_matches_for_every_type_and_mode(onto: Ontology) -> None:
    for name, etype in onto.event_types.items():
        for mode in (None, *etype.modes):
            code = onto.default_cameo(name, mode)
            assert onto.cameo(code).event_type == name, (name, mode, code)
            assert (name, mode) in DEFAULT_CAMEO, (name, mode)


def test_default_cameo_mode_agrees_where_cameo_has_the_mode(onto: Ontology) -> None:
    for (name, mode), code in DEFAULT_CAMEO.items():
        if mode is None:
            continue
        has_code_with_mode = any(
            r.event_type == name and r.mode == mode for r in onto.cameo_codes.values()
        )
        if has_code_with_mode and (name, mode) != ("RETREAT", "withdraw"):  # documented exception
            assert onto.cameo(code).mode == mode, (name, mode, code)


def test_validate(onto: Ontology) -> None:
    onto.validate("ASSAULT", "aerial")
    onto.validate("AGREE", None)
    with pytest.raises(ConfigError, match="unknown PLOVER event type 'ATTACK'"):
        onto.validate("ATTACK", None)
    with pytest.raises(ConfigError, match="unknown PLOVER event type 'assault'"):
        onto.validate("assault", None)
    with pytest.raises(ConfigError, match="'visit' is not a mode of ASSAULT"):
        onto.validate("ASSAULT", "visit")
    with pytest.raises(ConfigError, match="not a mode of AGREE"):
        onto.validate("AGREE", "negation")
    with pytest.raises(ConfigError):
        onto.default_cameo("RETREAT", "aerial")
    with pytest.raises(ConfigError):
        onto.quad_class("DEMAND")


# ---------------------------------------------------------------- loading
def test_load_is_cached_and_read_only(onto: Ontology) -> None:
    assert load_ontology() is load_ontology() is onto
    for mapping in (onto.event_types, onto.cameo_codes, onto.contexts):
        assert isinstance(mapping, types.MappingProxyType)
    with pytest.raises(TypeError):
        onto.event_types["NEW"] = onto.event_types["AID"]  # type: ignore[index]
    with pytest.raises(AttributeError):
        onto.contexts = {}  # type: ignore[misc]


def test_load_from_directory(tmp_path: Path, onto: Ontology) -> None:
    packaged = Path(ontology_module.__file__).parent / "data" / "ontology"
    for name in ("plover_types.tsv", "cameo.tsv", "contexts.tsv"):
        shutil.copy(packaged / name, tmp_path / name)
    other = load_ontology(tmp_path)
    assert other is not onto and other == onto
    assert load_ontology(tmp_path) is not other  # only the packaged ontology is cached


def test_load_errors(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="does not exist"):
        load_ontology(tmp_path / "missing")
    with pytest.raises(ConfigError, match="cannot read ontology file"):
        load_ontology(tmp_path)
    (tmp_path / "plover_types.tsv").write_text("wrong\theader\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="expected columns"):
        load_ontology(tmp_path)


def test_contexts(onto: Ontology) -> None:
    assert {"military", "diplomatic", "human_security", "pro_democracy", "cbrn"} <= set(onto.contexts)
    assert "humanitarian" not in onto.contexts and "democracy" not in onto.contexts
    assert all(onto.contexts.values())


def test_doctests() -> None:
    result = doctest.testmod(ontology_module, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 5 and result.failed == 0

"""The PLOVER event ontology and its CAMEO codes, as read-only data.

eventwire codes events into the 16 PLOVER event types (each with a quad class 1-4, optional
modes, and whether a target is required) and also gives every event a CAMEO code with its
Goldstein value. The data lives in ``eventwire/data/ontology/`` as three TSV files built by
``tools/build_ontology.py`` from the PLOVER manual, the CAMEO-to-PLOVER conversion table
(2021) and the Phoenix Goldstein list:

``plover_types.tsv``
    ``event_type  quad_class  requires_target  description  modes`` (modes ``|``-separated).
``cameo.tsv``
    ``cameo  name  event_type  mode  context  goldstein  quad_class``; several contexts are
    ``|``-separated. ``event_type`` is empty for codes PLOVER drops (01x public statements, and
    the cue category 08, which PLOVER splits between CONCEDE and RETREAT); their quad class is
    the one of their CAMEO root (0 for 01x).
``contexts.tsv``
    ``context  description``.

Decisions recorded in the data (details and reasons in ``tools/build_ontology.py``):

* Quad classes follow each type's own "Quad category" in the manual: SANCTION is 4 (material
  conflict), although one summary table of the manual lists it as verbal conflict.
* The conversion table drops CAMEO 02x (appeals) like 01x; eventwire codes appeals and calls as
  REQUEST, so 02x carry REQUEST with the mode and context of the parallel demand code (0253 ->
  1053). Demands (10x) are REQUEST in the table itself.
* The table maps 163 (impose embargo, sanctions) to COERCE and 116 (find guilty) to ACCUSE; both
  are kept as the table gives them.
* Table modes that are not mode names of the type in the manual are mapped to the manual's (e.g.
  185/186 ``assassinate`` -> ``targeted``) or dropped; 195 "Employ aerial weapons" is ``aerial``.

>>> onto = load_ontology()
>>> onto.quad_class("SANCTION")
4
>>> onto.cameo("195").mode, onto.goldstein("195")
('aerial', -10.0)
"""

from __future__ import annotations

import csv
import functools
import io
import os
import types
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Protocol

from eventwire.errors import ConfigError

__all__ = ["CameoCode", "EventType", "Ontology", "load_ontology", "DEFAULT_CAMEO"]


@dataclass(frozen=True, slots=True)
class CameoCode:
    """One CAMEO code (2 to 4 digits, kept as a string: ``"0253"``).

    ``event_type``/``mode`` are its PLOVER type and mode (``None`` when PLOVER has none);
    ``context`` holds one or more PLOVER contexts joined with ``|`` (see :attr:`contexts`).
    ``quad_class`` is the quad class of its PLOVER type, or of its CAMEO root when it has no type
    (0 for public statements).
    """

    code: str
    name: str
    event_type: str | None
    mode: str | None
    context: str | None
    goldstein: float
    quad_class: int

    @property
    def contexts(self) -> tuple[str, ...]:
        """The contexts as a tuple (``()`` when there is none).

        >>> load_ontology().cameo("094").contexts
        ('military', 'legal')
        """
        return tuple(self.context.split("|")) if self.context else ()


@dataclass(frozen=True, slots=True)
class EventType:
    """One of the 16 PLOVER event types."""

    name: str
    quad_class: int
    requires_target: bool
    description: str
    modes: tuple[str, ...]


# The most representative CAMEO code per (type, mode); (type, None) is the type's own default.
# Chosen from codes the conversion table assigns to that type (so the type always matches).
# Where CAMEO has no code for a mode, the closest code of the same type is used:
#   CONSULT multilateral -> 040 (CAMEO has no multilateral-meeting code; generic consult)
#   RETREAT resign       -> 084 (CAMEO has no resignation code; its nearest, 0831 "accede to
#                          demands for change in leadership", is CONCEDE in the table, so the
#                          generic material-yield code 084 "Return, release" is used)
#   RETREAT withdraw     -> 0874 "Retreat or surrender militarily" (the table labels it disarm;
#                          its only withdraw code, 0872, is "Ease military blockade")
#   REQUEST None         -> 100 "Demand": the table's own REQUEST code (02x appeals are REQUEST in
#                          eventwire but dropped by the table); use 020 explicitly for an appeal
#   THREATEN arrest      -> 132 "Threaten with administrative sanctions"
#   PROTEST strike       -> 143 "Conduct strike or boycott"; vandalize -> 145 "Protest violently"
#   SANCTION convict     -> 160 "Reduce relations" (CAMEO 116 "Find guilty" is ACCUSE in the table)
#   MOBILIZE weapons     -> 150 "Demonstrate military or police power"; militia -> 154
#   COERCE withhold, misinformation, cyber -> 170 "Coerce" (no CAMEO code)
#   ASSAULT primitive    -> 180 "Use unconventional violence"; drone -> 195 (aerial weapons);
#           crowd-control -> 175 "Use tactics of violent repression"
DEFAULT_CAMEO: Mapping[tuple[str, str | None], str] = types.MappingProxyType(
    {
        ("AGREE", None): "030",
        ("CONSULT", None): "040",
        ("CONSULT", "visit"): "042",
        ("CONSULT", "third-party"): "044",
        ("CONSULT", "multilateral"): "040",
        ("CONSULT", "phone"): "041",
        ("SUPPORT", None): "050",
        ("CONCEDE", None): "080",
        ("COOPERATE", None): "060",
        ("AID", None): "070",
        ("RETREAT", None): "084",
        ("RETREAT", "withdraw"): "0874",
        ("RETREAT", "release"): "0841",
        ("RETREAT", "disarm"): "0873",
        ("RETREAT", "ceasefire"): "0871",
        ("RETREAT", "access"): "086",
        ("RETREAT", "resign"): "084",
        ("REQUEST", None): "100",
        ("REQUEST", "assist"): "101",
        ("REQUEST", "change"): "104",
        ("REQUEST", "yield"): "105",
        ("REQUEST", "meet"): "106",
        ("ACCUSE", None): "110",
        ("ACCUSE", "disapprove"): "111",
        ("ACCUSE", "investigate"): "090",
        ("ACCUSE", "allege"): "112",
        ("REJECT", None): "120",
        ("REJECT", "assist"): "121",
        ("REJECT", "change"): "123",
        ("REJECT", "yield"): "124",
        ("REJECT", "meet"): "125",
        ("THREATEN", None): "130",
        ("THREATEN", "restrict"): "132",
        ("THREATEN", "arrest"): "132",
        ("THREATEN", "relations"): "1313",
        ("THREATEN", "expel"): "136",
        ("THREATEN", "territory"): "1382",
        ("THREATEN", "violence"): "138",
        ("PROTEST", None): "140",
        ("PROTEST", "demo"): "141",
        ("PROTEST", "riot"): "145",
        ("PROTEST", "strike"): "143",
        ("PROTEST", "hunger"): "142",
        ("PROTEST", "boycott"): "143",
        ("PROTEST", "obstruct"): "144",
        ("PROTEST", "vandalize"): "145",
        ("SANCTION", None): "160",
        ("SANCTION", "convict"): "160",
        ("SANCTION", "expel"): "166",
        ("SANCTION", "withdraw"): "161",
        ("SANCTION", "discontinue"): "162",
        ("MOBILIZE", None): "150",
        ("MOBILIZE", "troops"): "154",
        ("MOBILIZE", "weapons"): "150",
        ("MOBILIZE", "police"): "153",
        ("MOBILIZE", "militia"): "154",
        ("COERCE", None): "170",
        ("COERCE", "seize"): "171",
        ("COERCE", "restrict"): "172",
        ("COERCE", "censor"): "1721",
        ("COERCE", "curfew"): "1723",
        ("COERCE", "martial-law"): "1724",
        ("COERCE", "arrest"): "173",
        ("COERCE", "deport"): "174",
        ("COERCE", "withhold"): "170",
        ("COERCE", "misinformation"): "170",
        ("COERCE", "cyber"): "170",
        ("ASSAULT", None): "190",
        ("ASSAULT", "abduct"): "181",
        ("ASSAULT", "beat"): "182",
        ("ASSAULT", "torture"): "1822",
        ("ASSAULT", "sexual"): "1821",
        ("ASSAULT", "targeted"): "186",
        ("ASSAULT", "destroy"): "1712",
        ("ASSAULT", "primitive"): "180",
        ("ASSAULT", "firearms"): "193",
        ("ASSAULT", "explosives"): "183",
        ("ASSAULT", "suicide-attack"): "1831",
        ("ASSAULT", "aerial"): "195",
        ("ASSAULT", "drone"): "195",
        ("ASSAULT", "heavy-weapons"): "194",
        ("ASSAULT", "crowd-control"): "175",
        ("ASSAULT", "unconventional"): "204",
    }
)


def _code_sort_key(code: str) -> tuple[int, str]:
    return (len(code), code)


@dataclass(frozen=True)
class Ontology:
    """The 16 PLOVER types, the CAMEO codes and the contexts, read-only.

    All mappings are :class:`types.MappingProxyType`. Lookups that fail raise
    :class:`eventwire.errors.ConfigError` (never ``KeyError``) with a message naming the bad value.

    >>> onto = load_ontology()
    >>> len(onto.event_types), onto.event_types["AID"].requires_target
    (16, True)
    >>> onto.default_cameo("ASSAULT", "aerial")
    '195'
    """

    event_types: Mapping[str, EventType]
    cameo_codes: Mapping[str, CameoCode]
    contexts: Mapping[str, str]
    _by_type: Mapping[str, tuple[str, ...]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        for name in ("event_types", "cameo_codes", "contexts"):
            value = getattr(self, name)
            if not isinstance(value, types.MappingProxyType):
                object.__setattr__(self, name, types.MappingProxyType(dict(value)))
        by_type: dict[str, list[str]] = {name: [] for name in self.event_types}
        for code in sorted(self.cameo_codes, key=_code_sort_key):
            etype = self.cameo_codes[code].event_type
            if etype is not None:
                by_type.setdefault(etype, []).append(code)
        object.__setattr__(
            self, "_by_type", types.MappingProxyType({k: tuple(v) for k, v in by_type.items()})
        )

    # ------------------------------------------------------------------ lookups
    def cameo(self, code: str) -> CameoCode:
        """The CAMEO code ``code`` (a string such as ``"0253"``; leading zeros matter).

        >>> load_ontology().cameo("0253").event_type
        'REQUEST'
        >>> load_ontology().cameo("999")
        Traceback (most recent call last):
        ...
        eventwire.errors.ConfigError: unknown CAMEO code '999' (expected 2-4 digits such as '042' or '1823')
        """
        try:
            return self.cameo_codes[code]
        except (KeyError, TypeError):
            raise ConfigError(
                f"unknown CAMEO code {code!r} (expected 2-4 digits such as '042' or '1823')"
            ) from None

    def goldstein(self, code: str) -> float:
        """The Goldstein value of ``code``, falling back to the nearest parent code.

        Codes that are not rows (e.g. Phoenix's ``"1641"``) take their parent's value
        (``"164"``); a code with no known parent raises :class:`ConfigError`.

        >>> load_ontology().goldstein("1641")
        -7.0
        """
        probe = str(code)
        while len(probe) >= 2:
            found = self.cameo_codes.get(probe)
            if found is not None:
                return found.goldstein
            probe = probe[:-1]
        raise ConfigError(f"unknown CAMEO code {code!r}: neither it nor a parent code is known")

    def event_type(self, event_type: str) -> EventType:
        """The :class:`EventType` named ``event_type`` (upper case, e.g. ``"ASSAULT"``)."""
        try:
            return self.event_types[event_type]
        except (KeyError, TypeError):
            raise ConfigError(
                f"unknown PLOVER event type {event_type!r}; expected one of "
                f"{', '.join(self.event_types)}"
            ) from None

    def quad_class(self, event_type: str) -> int:
        """The quad class (1 verbal coop., 2 material coop., 3 verbal conflict, 4 material conflict).

        >>> [load_ontology().quad_class(t) for t in ("AGREE", "AID", "REQUEST", "ASSAULT")]
        [1, 2, 3, 4]
        """
        return self.event_type(event_type).quad_class

    def validate(self, event_type: str, mode: str | None) -> None:
        """Raise :class:`ConfigError` unless ``event_type`` is a PLOVER type and ``mode`` is
        ``None`` or one of its modes. Auxiliary modes (negation, future, ...) are not modes.

        >>> load_ontology().validate("ASSAULT", "aerial")
        >>> load_ontology().validate("ASSAULT", "visit")
        Traceback (most recent call last):
        ...
        eventwire.errors.ConfigError: 'visit' is not a mode of ASSAULT; its modes are: abduct, beat, torture, sexual, targeted, destroy, primitive, firearms, explosives, suicide-attack, aerial, drone, heavy-weapons, crowd-control, unconventional
        """
        etype = self.event_type(event_type)
        if mode is None or mode in etype.modes:
            return
        allowed = ", ".join(etype.modes) if etype.modes else "none (leave the mode empty)"
        raise ConfigError(f"{mode!r} is not a mode of {event_type}; its modes are: {allowed}")

    def default_cameo(self, event_type: str, mode: str | None = None) -> str:
        """The most representative CAMEO code for a PLOVER type, optionally refined by a mode.

        The choice is :data:`DEFAULT_CAMEO` (hand-picked among the codes the conversion table
        gives the type, so ``cameo(result).event_type == event_type`` always holds). Notable
        choices: ``("ASSAULT", "aerial") -> "195"``; ``("RETREAT", "resign") -> "084"`` (CAMEO
        has no resignation code; its nearest, 0831, is CONCEDE, so RETREAT's generic "Return,
        release" is used); ``("REQUEST", None) -> "100"`` ("Demand", the table's REQUEST code:
        appeals 02x are also REQUEST in eventwire but the table drops them; pass ``"020"``
        yourself for an appeal); ``("SANCTION", "convict") -> "160"`` (CAMEO 116 is ACCUSE).

        For an ontology loaded from another directory whose codes differ, the fallback is the
        shortest, lowest code of that type with that mode, then of that type.

        >>> onto = load_ontology()
        >>> onto.default_cameo("ASSAULT", "aerial"), onto.default_cameo("REQUEST")
        ('195', '100')
        >>> onto.default_cameo("RETREAT", "resign")
        '084'
        """
        self.validate(event_type, mode)
        own = self._by_type.get(event_type, ())

        def usable(code: str | None) -> bool:
            return code is not None and code in own

        chosen = DEFAULT_CAMEO.get((event_type, mode))
        if usable(chosen):
            return chosen  # type: ignore[return-value]
        if mode is not None:
            for candidate in own:
                if self.cameo_codes[candidate].mode == mode:
                    return candidate
        chosen = DEFAULT_CAMEO.get((event_type, None))
        if usable(chosen):
            return chosen  # type: ignore[return-value]
        if not own:
            raise ConfigError(f"no CAMEO code in the ontology has event type {event_type}")
        return own[0]


# ---------------------------------------------------------------------- loading
class _Readable(Protocol):
    def joinpath(self, *parts: str) -> _Readable: ...
    def read_text(self, encoding: str | None = None) -> str: ...


def _rows(base: _Readable, name: str, columns: tuple[str, ...]) -> list[dict[str, str]]:
    where = f"{base}/{name}"
    try:
        text = base.joinpath(name).read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"cannot read ontology file {where}: {exc}") from exc
    reader = csv.DictReader(io.StringIO(text), delimiter="\t", quoting=csv.QUOTE_NONE)
    if tuple(reader.fieldnames or ()) != columns:
        raise ConfigError(
            f"{where}: expected columns {', '.join(columns)}; found {', '.join(reader.fieldnames or [])}"
        )
    return list(reader)


def _build(base: _Readable) -> Ontology:
    event_types: dict[str, EventType] = {}
    for row in _rows(base, "plover_types.tsv",
                     ("event_type", "quad_class", "requires_target", "description", "modes")):
        try:
            event_types[row["event_type"]] = EventType(
                name=row["event_type"],
                quad_class=int(row["quad_class"]),
                requires_target=row["requires_target"].strip().lower() in ("true", "yes", "1"),
                description=row["description"],
                modes=tuple(m for m in row["modes"].split("|") if m),
            )
        except ValueError as exc:
            raise ConfigError(f"{base}/plover_types.tsv: bad row {row}: {exc}") from exc

    cameo_codes: dict[str, CameoCode] = {}
    for row in _rows(base, "cameo.tsv",
                     ("cameo", "name", "event_type", "mode", "context", "goldstein", "quad_class")):
        try:
            cameo_codes[row["cameo"]] = CameoCode(
                code=row["cameo"],
                name=row["name"],
                event_type=row["event_type"] or None,
                mode=row["mode"] or None,
                context=row["context"] or None,
                goldstein=float(row["goldstein"]),
                quad_class=int(row["quad_class"]),
            )
        except ValueError as exc:
            raise ConfigError(f"{base}/cameo.tsv: bad row {row}: {exc}") from exc
        etype = cameo_codes[row["cameo"]].event_type
        if etype is not None and etype not in event_types:
            raise ConfigError(f"{base}/cameo.tsv: code {row['cameo']} has unknown type {etype!r}")

    contexts = {row["context"]: row["description"]
                for row in _rows(base, "contexts.tsv", ("context", "description"))}
    return Ontology(
        event_types=types.MappingProxyType(event_types),
        cameo_codes=types.MappingProxyType(cameo_codes),
        contexts=types.MappingProxyType(contexts),
    )


@functools.lru_cache(maxsize=1)
def _load_packaged() -> Ontology:
    return _build(resources.files("eventwire").joinpath("data").joinpath("ontology"))


def load_ontology(directory: str | os.PathLike[str] | None = None) -> Ontology:
    """Load the ontology from ``directory`` (three TSV files) or, by default, from eventwire's
    package data. The default ontology is loaded once per process and shared.

    >>> load_ontology() is load_ontology()
    True
    """
    if directory is None:
        return _load_packaged()
    path = Path(directory)
    if not path.is_dir():
        raise ConfigError(f"ontology directory {path} does not exist")
    return _build(path)

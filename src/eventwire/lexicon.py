"""The trigger lexicon: which words and phrases express which PLOVER event, as versioned data.

``data/lexicon/triggers.tsv`` has one row per trigger pattern::

    pattern           pos  event_type  mode     cameo  constraints
    [call] upon       V    REQUEST              020
    [launch] attack   V    ASSAULT              190
    air [strike]      N    ASSAULT     aerial   195
    [fire]            V    ASSAULT              190    obj:weapon|prep:on|prep:at

The bracketed word is the head, matched by lemma (``V`` a verb, ``N`` a noun); the other words must be
its dependents (particles, prepositions, objects, compounds, modifiers), matched by lemma. Rows for the
same head are tried in order, most specific (most words) first; the first whose constraints hold wins.
A constraint is a ``|``-separated list of alternatives (one must hold), several constraints are joined
with ``,`` (all must hold). Alternatives: ``obj:CLASS`` (the direct object's lemma is in CLASS),
``subj:CLASS``, ``mod:CLASS`` (a compound or adjective modifier), ``gov:CLASS`` (the governing verb),
``prep:WORD`` (a preposition dependent), ``agent`` (an actor is found), each negated by a leading ``!``.
``advcl:purpose`` asks for an infinitive of purpose ("gathered ... to demand"), ``acl:any`` for a clause
on a noun ("an offer to mediate"), ``recipient:any`` for a recipient as a dative or the first of two objects
("handed Moldova 60 million euros"). ``role:inverse`` is no condition but says the subject undergoes the act
and a "from"/"by" phrase names the doer ("[come] under fire": "the police came under fire from rights
groups").
Word classes are in ``data/lexicon/classes.tsv``. ``data/lexicon/verbs.tsv`` lists the function-verb
classes the rules use (speech, request content, commitment, negating, light verbs, ...).
"""

from __future__ import annotations

import functools
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Mapping

from .errors import ConfigError
from .schema import EVENT_TYPES

__all__ = ["TriggerPattern", "Constraint", "Lexicon", "load_lexicon"]


@dataclass(frozen=True, slots=True)
class Constraint:
    """One alternative of a constraint: ``kind`` of ``value``, possibly negated."""

    kind: str
    value: str
    negated: bool = False


@dataclass(frozen=True, slots=True)
class TriggerPattern:
    """One row of the trigger lexicon."""

    head: str
    pos: str  # "V" or "N"
    words: tuple[str, ...]  # dependents' lemmas that must be present
    event_type: str
    mode: str | None
    cameo: str | None
    constraints: tuple[tuple[Constraint, ...], ...]  # all groups must hold; one alternative per group
    line: int

    @property
    def name(self) -> str:
        """The rule name reported in an event's provenance."""
        words = " ".join(self.words)
        return f"lexicon:{self.pos}:{self.head}{'+' + words.replace(' ', '+') if words else ''}@{self.line}"


@dataclass(frozen=True)
class Lexicon:
    """The loaded lexicon: patterns by head lemma, word classes and function-verb classes."""

    patterns: Mapping[tuple[str, str], tuple[TriggerPattern, ...]]
    classes: Mapping[str, frozenset[str]]
    verbs: Mapping[str, frozenset[str]]
    surface_forms: frozenset[str]
    # surface form -> what else a sentence must hold for the form to be a trigger (see cue_requirements)
    cues: Mapping[str, tuple[tuple[frozenset[str], ...], ...] | None] = field(
        default_factory=lambda: MappingProxyType({}))

    def is_cue(self, form: str, words: frozenset[str] | set[str]) -> bool:
        """Whether ``form`` (a lower-case word of a sentence whose words are ``words``) can be the trigger of
        some pattern there: a pattern with no word or dependent class needs nothing else; "[hold] talk" needs
        a form of "talk", "[fire] V obj:weapon" a weapon word."""
        if form not in self.cues:
            return form in self.surface_forms
        options = self.cues[form]
        return options is None or any(all(need & words for need in option) for option in options)

    def candidates(self, lemma: str, pos: str) -> tuple[TriggerPattern, ...]:
        return self.patterns.get((lemma, pos), ())

    @cached_property
    def heads(self) -> frozenset[str]:
        """Every head word of a pattern, whatever its part of speech: a word not among them triggers nothing."""
        return frozenset(head for head, _ in self.patterns)

    def in_class(self, word: str, name: str) -> bool:
        """Whether a word is in a word class (classes.tsv) or a function-verb class (verbs.tsv)."""
        return word in self.classes.get(name, ()) or word in self.verbs.get(name, ())

    def matches(self, word: str, value: str) -> bool:
        """A constraint value on a dependent: a word class of classes.tsv, else the word itself
        ("obj:speech" means the noun speech, not the speech verbs)."""
        if value in self.classes:
            return word in self.classes[value]
        return word == value


def _data_dir() -> Path:
    return Path(str(resources.files("eventwire") / "data" / "lexicon"))


def _parse_constraints(text: str, where: str) -> tuple[tuple[Constraint, ...], ...]:
    groups = []
    for group in filter(None, (g.strip() for g in text.split(","))):
        alternatives = []
        for alt in filter(None, (a.strip() for a in group.split("|"))):
            negated = alt.startswith("!")
            alt = alt.lstrip("!")
            kind, _, value = alt.partition(":")
            if kind not in {"obj", "subj", "mod", "gov", "prep", "agent", "pobj", "prt", "xcomp", "ccomp", "advcl", "acl",
                            "role", "recipient"}:
                raise ConfigError(f"{where}: unknown constraint '{alt}'")
            alternatives.append(Constraint(kind, value, negated))
        groups.append(tuple(alternatives))
    return tuple(groups)


def _inflections(word: str) -> set[str]:
    """Cheap surface forms of an English lemma for the pre-pass (over-generation is harmless)."""
    forms = {word, word + "s", word + "es", word + "ed", word + "d", word + "ing", word + "ped", word + "ping"}
    if word.endswith("e"):
        forms |= {word[:-1] + "ing", word + "d"}
    if word.endswith("y"):
        forms |= {word[:-1] + "ies", word[:-1] + "ied"}
    if len(word) > 2 and word[-1] not in "aeiouwxy" and word[-2] in "aeiou" and word[-3] not in "aeiou":
        forms |= {word + word[-1] + "ed", word + word[-1] + "ing"}
    return forms


IRREGULAR = {
    "hold": {"held"}, "meet": {"met"}, "fight": {"fought"}, "shoot": {"shot"}, "seize": {"seized"},
    "give": {"gave", "given"}, "send": {"sent"}, "take": {"took", "taken"}, "strike": {"struck", "stricken"},
    "lead": {"led"}, "break": {"broke", "broken"}, "withdraw": {"withdrew", "withdrawn"}, "beat": {"beaten"},
    "bring": {"brought"}, "drive": {"drove", "driven"}, "sell": {"sold"}, "lay": {"laid"}, "sit": {"sat"},
    "quit": {"quit"}, "cut": {"cut"}, "set": {"set"}, "put": {"put"}, "hit": {"hit"}, "spend": {"spent"},
    "fly": {"flew", "flown"}, "steal": {"stole", "stolen"}, "throw": {"threw", "thrown"}, "seek": {"sought"},
    "forgive": {"forgave", "forgiven"}, "make": {"made"}, "win": {"won"}, "keep": {"kept"}, "begin": {"began"},
    "overthrow": {"overthrew", "overthrown"}, "blow": {"blew", "blown"}, "tear": {"tore", "torn"},
    "sign": set(), "run": {"ran"}, "undertake": {"undertook", "undertaken"}, "rise": {"rose", "risen"},
    "bind": {"bound"}, "slay": {"slew", "slain"}, "speak": {"spoke", "spoken"}, "stand": {"stood"},
    "freeze": {"froze", "frozen"}, "lend": {"lent"}, "feed": {"fed"}, "flee": {"fled"},
    # the rest of the common irregular verbs, so the pre-pass knows every past form of a trigger
    "draw": {"drew", "drawn"}, "come": {"came"}, "go": {"went", "gone"}, "find": {"found"},
    "fall": {"fell", "fallen"}, "ring": {"rang", "rung"}, "stick": {"stuck"}, "write": {"wrote", "written"},
    "unfreeze": {"unfroze", "unfrozen"}, "underwrite": {"underwrote", "underwritten"}, "pay": {"paid"},
    "leave": {"left"}, "teach": {"taught"}, "swear": {"swore", "sworn"}, "say": {"said"}, "tell": {"told"},
    "buy": {"bought"}, "catch": {"caught"}, "choose": {"chose", "chosen"}, "deal": {"dealt"},
    "do": {"did", "done"}, "eat": {"ate", "eaten"}, "feel": {"felt"}, "forbid": {"forbade", "forbidden"},
    "forget": {"forgot", "forgotten"}, "get": {"got", "gotten"}, "grow": {"grew", "grown"},
    "hang": {"hung", "hanged"}, "hear": {"heard"}, "hide": {"hid", "hidden"}, "know": {"knew", "known"},
    "lose": {"lost"}, "mean": {"meant"}, "ride": {"rode", "ridden"}, "see": {"saw", "seen"},
    "shake": {"shook", "shaken"}, "shut": {"shut"}, "sink": {"sank", "sunk"}, "slide": {"slid"},
    "spread": {"spread"}, "spring": {"sprang", "sprung"}, "sting": {"stung"}, "strive": {"strove", "striven"},
    "swing": {"swung"}, "think": {"thought"}, "understand": {"understood"}, "uphold": {"upheld"},
    "wake": {"woke", "woken"}, "wear": {"wore", "worn"}, "weep": {"wept"}, "wind": {"wound"},
    "withhold": {"withheld"}, "withstand": {"withstood"}, "beset": {"beset"}, "bid": {"bid"},
    "broadcast": {"broadcast"}, "burst": {"burst"}, "cast": {"cast"}, "cost": {"cost"}, "let": {"let"},
    "rid": {"rid"}, "shed": {"shed"}, "split": {"split"}, "thrust": {"thrust"}, "upset": {"upset"},
    "arise": {"arose", "arisen"}, "awake": {"awoke", "awoken"}, "bear": {"bore", "borne"},
    "become": {"became"}, "bend": {"bent"}, "bite": {"bit", "bitten"}, "bleed": {"bled"},
    "build": {"built"}, "burn": {"burnt"}, "dig": {"dug"}, "dream": {"dreamt"}, "foresee": {"foresaw", "foreseen"},
    "grind": {"ground"}, "light": {"lit"}, "mislead": {"misled"}, "outdo": {"outdid", "outdone"},
    "overcome": {"overcame"}, "override": {"overrode", "overridden"}, "overrun": {"overran"},
    "oversee": {"oversaw", "overseen"}, "overtake": {"overtook", "overtaken"}, "rebuild": {"rebuilt"},
    "repay": {"repaid"}, "retake": {"retook", "retaken"}, "seek out": set(), "shine": {"shone"},
    "shrink": {"shrank", "shrunk"}, "sling": {"slung"}, "slit": {"slit"}, "smite": {"smote", "smitten"},
    "spill": {"spilt"}, "spin": {"spun"}, "spit": {"spat"}, "stride": {"strode"}, "string": {"strung"},
    "sweep": {"swept"}, "swim": {"swam", "swum"}, "tread": {"trod", "trodden"}, "undo": {"undid", "undone"},
    "uproot": set(), "weave": {"wove", "woven"}, "wring": {"wrung"}, "outlaw": set(), "forsake": {"forsook", "forsaken"},
    "overhear": {"overheard"}, "rethink": {"rethought"}, "sew": {"sewn"}, "stink": {"stank"}, "leap": {"leapt"},
}


# Words too common to mark a sentence as a candidate in the pre-pass.
_FUNCTION_WORDS = frozenset(
    "a an the in on at of to for by with from up out off over into onto as and or but so if be is are was were "
    "do does did have has had it its this that these those he she they we i you".split()
)


def _open(path: Path):
    try:
        return path.open(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read the lexicon file ({exc.strerror})") from exc


@functools.lru_cache(maxsize=4)
def load_lexicon(directory: str | None = None) -> Lexicon:
    """Load the trigger lexicon and word classes (cached per process).

    Raises :class:`ConfigError` naming file and line for a malformed row.
    """
    base = Path(directory) if directory else _data_dir()
    word_classes: dict[str, set[str]] = defaultdict(set)
    verb_classes: dict[str, set[str]] = defaultdict(set)
    for name, target in (("classes.tsv", word_classes), ("verbs.tsv", verb_classes)):
        path = base / name
        with _open(path) as fh:
            for number, line in enumerate(fh, start=1):
                line = line.split("#", 1)[0].rstrip("\n")
                if not line.strip():
                    continue
                cls, _, words = line.partition("\t")
                if not words:
                    raise ConfigError(f"{path}:{number}: expected 'class<TAB>word|word|...'")
                target[cls.strip()].update(w.strip().lower() for w in words.split("|") if w.strip())
    patterns: dict[tuple[str, str], list[TriggerPattern]] = defaultdict(list)
    surface: set[str] = set()
    path = base / "triggers.tsv"
    with _open(path) as fh:
        for number, raw in enumerate(fh, start=1):
            line = raw.rstrip("\n")
            if not line.strip() or line.lstrip().startswith("#") or line.startswith("pattern\t"):
                continue
            cells = line.split("\t")
            if len(cells) < 3:
                raise ConfigError(f"{path}:{number}: expected pattern, pos, event_type[, mode, cameo, constraints]")
            cells += [""] * (6 - len(cells))
            pattern, pos, event_type, mode, cameo, constraints = (c.strip() for c in cells[:6])
            where = f"{path}:{number}"
            if pos not in ("V", "N"):
                raise ConfigError(f"{where}: pos must be V or N, not '{pos}'")
            if event_type not in EVENT_TYPES:
                raise ConfigError(f"{where}: unknown PLOVER event type '{event_type}'")
            if mode:
                from .ontology import load_ontology

                try:
                    load_ontology().validate(event_type, mode)
                except ConfigError as exc:
                    raise ConfigError(f"{where}: {exc}") from None
            words = pattern.split()
            heads = [w for w in words if w.startswith("[") and w.endswith("]")]
            if len(words) == 1 and not heads:
                heads = [f"[{words[0]}]"]
                words = heads
            if len(heads) != 1:
                raise ConfigError(f"{where}: mark exactly one head word with brackets, e.g. '[call] upon'")
            head = heads[0][1:-1].lower()
            others = tuple(w.lower() for w in words if w != heads[0])
            patterns[(head, pos)].append(TriggerPattern(
                head=head, pos=pos, words=others, event_type=event_type, mode=mode or None, cameo=cameo or None,
                constraints=_parse_constraints(constraints, where), line=number,
            ))
            if head in _FUNCTION_WORDS:
                # "[in] ... mod:sit" codes the tokenizer's split of "sit-in": the pre-pass looks for "sit-in",
                # never for "in" alone (it would keep every sentence)
                pattern_row = patterns[(head, pos)][-1]
                surface |= {f"{alt.value}-{head}" for group in pattern_row.constraints for alt in group
                            if alt.kind == "mod" and not alt.negated}
            else:
                surface |= _inflections(head) | IRREGULAR.get(head, set())
    ordered = {
        key: tuple(sorted(rows, key=lambda p: (-len(p.words), -len(p.constraints), p.line)))
        for key, rows in patterns.items()
    }
    cues = cue_requirements(ordered, word_classes, verb_classes)
    return Lexicon(
        patterns=MappingProxyType(ordered),
        classes=MappingProxyType({k: frozenset(v) for k, v in word_classes.items()}),
        verbs=MappingProxyType({k: frozenset(v) for k, v in verb_classes.items()}),
        surface_forms=frozenset(surface),
        cues=MappingProxyType({form: need for form, need in cues.items() if form in surface}),
    )


# constraint kinds whose value names a word that must then be in the sentence
_WORD_CONSTRAINTS = {"obj", "mod", "pobj", "prt", "prep", "subj", "gov"}
# constraint values that name no word the sentence must hold
_SPECIAL_VALUES = {"actor_like", "gpe", "on", "any", "actor", "labour_actor", "purpose", "inverse"}


def cue_requirements(patterns: Mapping[tuple[str, str], tuple[TriggerPattern, ...]],
                     classes: Mapping[str, set[str]], verb_classes: Mapping[str, set[str]] | None = None
                     ) -> dict[str, tuple[tuple[frozenset[str], ...], ...] | None]:
    """For the pre-pass: per surface form of a head, the words a sentence must also hold for one of the
    head's patterns to be able to match, as alternatives (one per pattern) of requirements (each a set
    of forms, one of which must be present). ``None``: some pattern needs nothing more.

    A pattern needs a form of each of its other words, and, for each constraint group whose alternatives
    are all positive word constraints (object, subject, modifier, governor, preposition, prepositional
    object, particle), a form of one of the words they name. Special values ("actor", "labour_actor",
    "any", ...) and negated constraints need nothing here.
    """
    def forms(word: str) -> set[str]:
        return _inflections(word) | IRREGULAR.get(word, set())

    def words_of(kind: str, value: str) -> set[str] | None:
        if value in _SPECIAL_VALUES:
            return None
        members = classes.get(value)
        if kind == "gov" and verb_classes and value in verb_classes:
            members = set(verb_classes[value]) | set(members or ())  # the governor may be a function verb
        return set(members) if members is not None else {value}

    needs: dict[str, list | None] = {}
    for (head, _pos), rows in patterns.items():
        for pattern in rows:
            option = [frozenset(forms(w)) for w in pattern.words]
            for group in pattern.constraints:
                if not all(alt.kind in _WORD_CONSTRAINTS and not alt.negated for alt in group):
                    continue
                named = [words_of(alt.kind, alt.value) for alt in group]
                if any(n is None for n in named):
                    continue
                option.append(frozenset(f for n in named for w in n for f in forms(w)))
            for form in forms(head):
                if form in needs and needs[form] is None:
                    continue
                if not option:
                    needs[form] = None
                else:
                    needs.setdefault(form, []).append(tuple(option))
    return {form: (None if need is None else tuple(need)) for form, need in needs.items()}

"""Events: did what to whom, from the trigger lexicon and the dependency parse.

:func:`find_events` reads one parsed document and returns :class:`EventCandidate` values; the
orchestrator places and dates them and turns them into :class:`~eventwire.schema.Event` records.

The rules, in the order they run for each sentence:

1. **Triggers**: verbs and nouns whose lemma is in the lexicon, with their multiword parts (particles,
   objects, compounds) and constraints (sense choices such as "fire a missile" vs "fire a minister").
2. **Content suppression**: what is asked for, threatened, alleged or refused is not an act that
   happened: triggers inside the complement of a REQUEST/THREATEN/ACCUSE/REJECT trigger are dropped
   ("urged the army to join" is a REQUEST only). A description of an act as a crime ("described it as a
   massacre committed by the regime") is an ACCUSE against the perpetrator.
3. **Governors**: "denied shelling" is the shelling, negated; "agreed to withdraw" an intention
   (CONCEDE), "vowed to attack" a THREATEN; "plans to send aid" a future AID.
4. **Arguments**: source and target from active and passive voice, ``by``-agents, possessives,
   nominalisations under light verbs ("launched an offensive against"), control verbs, coordination
   and relative clauses, each resolved to actors by :mod:`eventwire.actors`.
5. **Aux modes and reporting**: negation, future, hypothetical, historical (past perfect; old dates are
   added later), and ``reported_by`` for events in the complement of a speech verb.
6. **Filter**: an event needs at least one coded actor, so that storms, markets and football
   produce nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from .actors import FIRST_PERSON, NEUTER_PRONOUNS, PERSON_PRONOUNS, PLURAL_PRONOUNS, DocumentActors, group_name, regroup
from .lexicon import Constraint, Lexicon, TriggerPattern
from .schema import Actor

__all__ = ["EventCandidate", "find_events", "TARGET_PREPS"]

# Prepositions whose object is the target, per event type (besides the direct object).
TARGET_PREPS: dict[str, tuple[str, ...]] = {
    "AGREE": ("with",),
    "CONSULT": ("with", "to"),
    "SUPPORT": ("for", "to"),
    "CONCEDE": ("to",),
    "COOPERATE": ("with", "to", "alongside"),
    "AID": ("to", "for"),
    "RETREAT": ("from", "to"),
    "REQUEST": ("on", "upon", "to", "from"),
    "ACCUSE": ("against", "at", "into"),
    "REJECT": ("from",),
    "SANCTION": ("on", "against", "with", "from"),
    "THREATEN": ("against", "at"),
    "PROTEST": ("against", "at"),
    "MOBILIZE": ("against",),
    "COERCE": ("against", "on", "of"),
    "ASSAULT": ("on", "against", "at", "upon", "into", "of", "with"),
}
NOUN_TARGET_OF = {"ASSAULT", "COERCE", "RETREAT", "SANCTION", "CONSULT", "AID"}
CONTENT_TYPES = {"REQUEST", "THREATEN", "ACCUSE", "REJECT"}
VERBAL_TYPES = {"AGREE", "SUPPORT", "CONCEDE", "REQUEST", "ACCUSE", "REJECT", "THREATEN"}
DURATION_NOUNS = {"hour", "day", "week", "month", "year", "round", "series", "session", "wave", "spate",
                  "flurry", "string", "night", "decade"}
# "after talks", "during a meeting", "at the summit": an event the clause's actors took part in
# "a bombing claimed by Islamic State": verbs whose agent did the act their noun names
CLAIM_VERBS = {"claim", "carry", "conduct", "launch", "stage", "perpetrate", "mount", "order", "commit", "organise",
               "organize", "lead"}
# "drew a rebuke from Israel", "sparked protests by farmers": the verb's subject receives the act
ELICIT_VERBS = {"draw", "provoke", "prompt", "spark", "trigger", "earn", "attract", "receive", "face", "incur",
                "win", "get", "suffer"}
# acts that two or more parties do together, whatever their type: "Bahrain and Israel signed a communiqué"
RECIPROCAL_LEMMAS = {"sign", "ink", "normalise", "normalize", "restore", "establish", "exchange", "swap", "trade",
                     "renew", "upgrade"}
PROTESTER_NOUNS = {"protester", "protestor", "demonstrator", "marcher", "picketer", "striker", "rioter"}
HOSTILE_TYPES = {"ASSAULT", "MOBILIZE", "COERCE", "SANCTION"}
HOSTILE_OPTIONS = {"operation", "offensive", "strike", "intervention", "deployment", "invasion", "incursion",
                   "force", "retaliation", "action", "sanction", "war", "attack", "response"}
MONEY_AMOUNTS = {"million", "billion", "trillion"}
HANDING_LEMMAS = {"extradite", "extradition", "deport", "deportation", "expel", "expulsion", "repatriate",
                  "repatriation", "hand", "handover", "transfer"}
PRONOUN_WORDS = frozenset(PERSON_PRONOUNS | NEUTER_PRONOUNS | PLURAL_PRONOUNS | FIRST_PERSON)
FORCE_TYPES = {"ASSAULT", "MOBILIZE"}
PASSIVE_THREATS = {"COERCE", "ASSAULT", "SANCTION"}
SEAT_PREPS = {"outside", "at", "near", "before", "opposite"}
EXCHANGE_LEMMAS = {"exchange", "swap", "trade"}
RECIPROCAL_WORDS = {"mutual", "mutually", "joint", "jointly", "bilateral", "reciprocal", "together"}
RECIPROCAL_PHRASES = ("each other", "one another")
# who is freed is the target of a release, not whom they are handed to ("freed 110 prisoners to the Red Cross")
RELEASED_NOUNS = frozenset({"prisoner", "hostage", "detainee", "captive", "inmate", "pow", "body", "remains",
                            "journalist", "activist", "soldier", "national", "citizen", "man", "woman", "child"})
# verbs whose object is whoever is set free, whatever the noun ("freed a French tourist from prison")
RELEASE_VERBS = frozenset({"release", "free", "pardon", "parole"})
# "the army and the rebels each blamed the other"
EACH_OTHER = re.compile(r"\beach\b.*\bthe other\b")
SETTING_PREPS = {"in", "at", "near", "inside", "outside", "across", "throughout", "around", "during", "after",
                 "before", "since", "until", "amid", "within", "despite", "over"}
# Documents whose words are their author's act: "a resolution urging", "a statement condemning"
DOCUMENT_NOUNS = {"resolution", "statement", "letter", "petition", "declaration", "communique", "communiqué",
                  "report", "motion", "decree", "order", "ruling", "verdict", "video", "message", "note", "memo",
                  "bill", "law", "ultimatum", "post", "tweet", "speech", "address", "editorial", "broadcast"}
# what a body adopts and that then acts in its name ("the sanctions, imposed by the EU, target ...")
MEASURE_NOUNS = DOCUMENT_NOUNS | {"measure", "sanction", "decision", "ban", "restriction", "penalty", "tariff",
                                  "embargo", "rule", "regulation", "legislation", "package", "policy", "directive"}
# acts done with bodies and weapons, which a verb that attributes a quotation never is
PHYSICAL_TYPES = {"ASSAULT", "COERCE", "MOBILIZE", "PROTEST", "RETREAT", "AID"}
FORCE_SECTORS = {"MIL", "REB", "PRM", "COP", "UAF", "SPY"}
CONTEXT_TYPES = {"CONSULT", "AGREE", "COOPERATE", "SUPPORT"}
CONTEXT_PREPS = {"after", "during", "at", "following", "before", "amid", "in", "on"}
# Crime nouns that, when something is described as them, make the description an accusation.
CRIME_TYPES = {"ASSAULT", "COERCE"}
DEFAULT_SECTOR = {"ASSAULT": "MIL", "MOBILIZE": "MIL"}
SUBJECT_DEPS = ("nsubj", "csubj")
OBJECT_DEPS = ("dobj", "dative", "attr", "oprd")


@dataclass
class EventCandidate:
    """An event found in a sentence, before it is placed, dated and given an id."""

    event_type: str
    mode: str | None
    cameo: str | None
    trigger_start: int  # token indexes [start, end)
    trigger_end: int
    anchor: int  # token the event hangs on in the parse (for places and dates)
    sentence_index: int
    source: list[Actor] = field(default_factory=list)
    target: list[Actor] = field(default_factory=list)
    aux_modes: set[str] = field(default_factory=set)
    reported_by: Actor | None = None
    rule: str = ""
    confidence: float = 0.5
    date_tokens: tuple[int, int] | None = None  # a date expression tied to the event by the rule
    modal: bool = False  # announced with will/would/could or by an intention verb, not as a condition
    reciprocal: bool = False  # done by its sources to each other ("signed a joint communiqué", "each other")
    mutual: bool = False  # a conversation: each side talks to the other ("spoke by phone with")
    conditional: bool = False  # announced on a condition: "would close the border if crossings kept rising"
    crossed: list[Actor] | None = None  # each source's own target ("Russia and Ukraine exchanged prisoners")
    date_anchor: int | None = None  # the token the event is dated by, when not its anchor ("agreed on Thursday
    # to hold talks in August" is an agreement of Thursday)


# --------------------------------------------------------------------------------------------------
# trigger matching


def _dependent_lemmas(token) -> dict[str, object]:
    """Lemmas of a token's dependents and of prepositions' objects, mapped to their tokens."""
    found = {}
    children = sorted(token.children, key=lambda c: (c.i < token.i, _is_temporal_prep(c), c.i))
    for child in children:
        found.setdefault(child.lemma_.lower(), child)
        found.setdefault(child.lower_, child)
        if child.dep_ in ("prep", "prt", "dobj", "agent", "attr", "acomp", "advmod", "xcomp"):
            for grand in child.children:
                if grand.dep_ in ("pobj", "dobj", "compound", "amod", "prep", "pcomp"):
                    found.setdefault(grand.lemma_.lower(), grand)
                    found.setdefault(grand.lower_, grand)
                    for great in grand.children:
                        if great.dep_ in ("pobj",):
                            found.setdefault(great.lemma_.lower(), great)
    return found


def _is_temporal_prep(tok) -> bool:
    """"on Wednesday", "in March": a preposition whose object is a date, not a particle of the verb."""
    return tok.dep_ == "prep" and any(g.dep_ == "pobj" and g.ent_type_ in ("DATE", "TIME") for g in tok.children)


QUANTITY_NOUNS = {
    "thousand", "hundred", "dozen", "score", "million", "billion", "tonne", "ton", "number", "batch", "lot",
    "pair", "couple", "handful", "contingent", "wave", "series", "consignment", "shipment", "convoy", "fleet",
    "squadron", "group", "set", "range", "host", "array", "package", "amount", "quantity", "volume", "barrage",
    "salvo", "volley", "total", "kilogram", "kilo", "litre", "liter", "barrel", "unit", "load", "column",
    # "350 million euros of debt", "150 trucks of flour", "2,000 sacks of rice": what is counted in them
    "euro", "dollar", "pound", "yen", "yuan", "rouble", "ruble", "franc", "rupee", "shilling", "naira", "rand",
    "peso", "dinar", "riyal", "dirham", "lira", "won", "ringgit", "baht", "birr", "kwacha", "cedi",
    "truck", "lorry", "truckload", "lorryload", "planeload", "shipload", "boatload", "sack", "bag", "carton",
    "crate", "box", "bottle", "dose", "tranche", "pallet", "instalment", "installment",
}


def _through_quantity(tok):
    """"tens of thousands of troops", "300 tonnes of rice", "€30 million in development aid": the noun the
    quantity measures."""
    for _ in range(3):
        if tok is None or tok.lemma_.lower() not in QUANTITY_NOUNS:
            return tok
        of = next((c for c in tok.children if c.dep_ == "prep" and (
            c.lower_ == "of" or (c.lower_ == "in" and tok.lemma_.lower() in MONEY_AMOUNTS))), None)
        inner = next((g for g in of.children if g.dep_ == "pobj"), None) if of is not None else None
        if inner is None:
            return tok
        tok = inner
    return tok


def _double_object(token):
    """(recipient, thing) of a verb with two objects side by side ("handed Moldova 60 million euros"), else
    None (a second object far away is a misparse: "shipped its first cargo ... the two countries signed")."""
    objects = [c for c in token.children if c.dep_ == "dobj"]
    if len(objects) == 2 and token.pos_ in ("VERB", "AUX") and objects[1].left_edge.i == objects[0].right_edge.i + 1:
        recipient = objects[0]
        # a recipient is someone ("Moldova", "them", "Haiti's police"), not a thing ("put behind bars 20 ...")
        if recipient.pos_ in ("PROPN", "PRON") or any(t.ent_type_ in ("GPE", "ORG", "PERSON", "NORP")
                                                        for t in recipient.subtree):
            return recipient, objects[1]
    return None


def _direct_object(token):
    double = _double_object(token)
    if double is not None:
        return _through_quantity(double[1])  # "handed Moldova 60 million euros": the euros
    objects = [c for c in token.children if c.dep_ == "dobj"]
    if objects:
        return _through_quantity(objects[0])
    for child in token.children:
        if child.dep_ == "nsubjpass":
            return _through_quantity(child)
    if token.dep_ == "acl" and token.tag_ == "VBN":
        return token.head  # "the peace deal signed in Pretoria", "supplies provided by China"
    if token.pos_ == "NOUN":
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                return _through_quantity(next((g for g in child.children if g.dep_ == "pobj"), None))
    return None


def _subject(token):
    for child in token.children:
        if child.dep_ in SUBJECT_DEPS:
            return child
    for child in token.children:
        if child.dep_ == "agent":
            return next((g for g in child.children if g.dep_ == "pobj"), None)
    # "protesters looted shops and set fire to a police station": the first verb's subject
    if token.dep_ in ("conj", "xcomp") and token.head.i != token.i and token.head.pos_ in ("VERB", "AUX"):
        return _subject(token.head)
    if token.dep_ == "amod" and token.tag_ == "VBG":
        return token.head  # "striking dockworkers"
    if token.dep_ == "acl" and token.head.dep_ == "ROOT" and token.head.pos_ in ("NOUN", "PROPN"):
        # "A UN convoy of 40 trucks ... crossed into Syria" parsed as a noun with a participle: the sentence's
        # noun is the verb's subject
        return token.head
    return None


def _governor(token):
    """The verb that governs a token: the light verb of a noun, the matrix verb of a complement."""
    head = token.head
    if head.i == token.i:
        return None
    if token.dep_ == "pobj" and head.dep_ in ("prep", "agent"):
        head = head.head
    if head.pos_ in ("VERB", "AUX"):
        return head
    if head.pos_ == "NOUN" and token.dep_ in ("pobj", "compound"):
        return head
    return head if token.dep_ in ("xcomp", "ccomp", "dobj", "nsubjpass", "attr", "oprd", "pcomp") else None


def _check(alt: Constraint, token, lexicon: Lexicon, acts: DocumentActors) -> bool:
    kind, value = alt.kind, alt.value
    if kind == "obj":
        obj = _direct_object(token)
        if value == "actor_like":
            ok = obj is not None and acts.actor_for(obj) is not None
        elif value == "gpe":
            ok = obj is not None and obj.ent_type_ in ("GPE", "LOC", "FAC")
        elif value == "on":
            ok = False
        else:
            ok = obj is not None and (lexicon.matches(obj.lemma_.lower(), value) or lexicon.matches(obj.lower_, value))
            if obj is not None and value in ("energy_good", "aid_object") and any(
                    c.dep_ in ("amod", "compound", "nmod") and lexicon.in_class(c.lemma_.lower(), "food_kind")
                    for c in obj.children):
                # "vegetable oil", "cooking oil": food, not fuel
                ok = value == "aid_object"
    elif kind == "subj":
        subj = _subject(token)
        if value == "actor":
            if subj is None:
                ok = True
            else:
                actor = acts.actor_for(subj)
                ok = actor is not None and bool(actor.country or actor.sector)
        else:
            # "hundreds of protesters surrounded ...": the noun the quantity counts
            subj = _through_quantity(subj)
            ok = subj is not None and (lexicon.matches(subj.lemma_.lower(), value) or lexicon.matches(subj.lower_, value))
            if not ok and value == "labour_actor" and subj is not None:
                # any role the knowledge base files under labour: "dockworkers", "nurses", "railwaymen"
                ok = acts.kb.role_sector(subj.lower_) == "LAB" or acts.kb.role_sector(subj.lemma_.lower()) == "LAB"
    elif kind == "mod":
        mods = [c for c in token.children if c.dep_ in ("compound", "amod", "nmod", "nummod")]
        # "a joint fisheries patrol", "joint counter-terrorism training": a modifier of a modifier
        mods += [g for c in mods if c.dep_ in ("compound", "nmod") for g in c.children
                 if g.dep_ in ("amod", "compound") and g.i < c.i]
        ok = any(lexicon.matches(m.lemma_.lower(), value) or lexicon.matches(m.lower_, value) for m in mods)
    elif kind == "gov":
        gov = _governor(token)
        ok = gov is not None and (lexicon.in_class(gov.lemma_.lower(), value) or gov.lemma_.lower() == value)
    elif kind == "prep":
        # (spaCy sometimes labels the "to" of "handed the suspect to Brazilian police" dative)
        ok = any(c.dep_ in ("prep", "prt", "agent", "dative") and c.lower_ == value for c in token.children)
    elif kind == "pobj":
        ok = any(
            g.dep_ == "pobj" and lexicon.matches(g.lemma_.lower(), value)
            for c in token.children if c.dep_ == "prep" for g in c.children
        )
    elif kind in ("xcomp", "ccomp", "advcl", "prt", "acl"):
        if kind == "advcl" and value == "purpose":
            # "gathered outside the prison to demand their release"
            ok = any(c.dep_ == "advcl" and any(g.dep_ in ("aux", "mark") and g.lower_ == "to" for g in c.children)
                     for c in token.children)
        elif kind == "prt":
            ok = any(c.dep_ == "prt" and c.lower_ == value for c in token.children)
        else:
            ok = any(c.dep_ == kind for c in token.children)
    elif kind == "recipient":
        # "handed Kyiv ...", "gave Moldova 60 million euros": a dative, or the first of two objects
        ok = any(c.dep_ == "dative" for c in token.children) or _double_object(token) is not None
    elif kind in ("agent", "role"):
        ok = True
    else:
        ok = False
    return ok != alt.negated


def _pattern_holds(pattern: TriggerPattern, token, deps, lexicon: Lexicon, acts: DocumentActors) -> bool:
    for word in pattern.words:
        if word not in deps:
            return False
    for group in pattern.constraints:
        # negated alternatives in one group must all hold (none of the excluded senses); positive
        # alternatives: one must hold
        positives = [a for a in group if not a.negated]
        negatives = [a for a in group if a.negated]
        if negatives and not all(_check(a, token, lexicon, acts) for a in negatives):
            return False
        if positives and not any(_check(a, token, lexicon, acts) for a in positives):
            return False
    return True


def lemma_of(token) -> str:
    """A token's lower-case lemma, read without the hyphen of a British prefix ("co-operate" -> "cooperate")."""
    lemma = token.lemma_.lower()
    if lemma.startswith("co-"):
        lemma = lemma.replace("-", "", 1)
    return lemma


def _match_trigger(token, lexicon: Lexicon, acts: DocumentActors):
    if token.pos_ == "VERB" or (token.pos_ == "AUX" and token.lemma_ not in ("be", "have", "do")) or (
            token.dep_ == "amod" and token.tag_ == "VBG"):
        pos = "V"
    elif token.pos_ in ("NOUN", "PROPN") or (token.pos_ == "ADJ" and token.dep_ in ("pobj", "dobj", "nsubj")):
        pos = "N"
    else:
        return None
    lemma = lemma_of(token)
    patterns = lexicon.candidates(lemma, pos) or lexicon.candidates(token.lower_, pos)
    if not patterns and pos == "N" and token.pos_ == "PROPN":
        return None
    if not patterns:
        return None
    deps = _dependent_lemmas(token)
    for pattern in patterns:
        if _pattern_holds(pattern, token, deps, lexicon, acts):
            extra = [deps[w] for w in pattern.words if w in deps]
            return pattern, extra
    return None


# --------------------------------------------------------------------------------------------------
# arguments


def _actors(tokens: Iterable, acts: DocumentActors) -> list[Actor]:
    found: list[Actor] = []
    for tok in tokens:
        if tok is None:
            continue
        inner = _through_quantity(tok)
        if inner is not tok and inner is not None and acts.actor_for(inner) is not None:
            tok = inner  # "hundreds of teachers", "thousands of trade unionists": the people counted
        for actor in acts.actors_for(tok):
            if all(a.actor_id != actor.actor_id or a.start != actor.start for a in found):
                found.append(actor)
    # "Turkish President Recep Tayyip Erdogan": the title before a name is the person, not a second actor
    return [a for a in found if not (a.kind == "group" and any(
        p.kind == "person" and p.country == a.country and -1 <= p.start - a.end <= 2 for p in found))]


def _misparsed_main_verb(token) -> bool:
    """"Georgia's opposition parties called on the prime minister to resign ...": the parser made the
    subject the root and the main verb a participle modifying it (a sentence needs a verb)."""
    head = token.head
    return (token.dep_ == "acl" and token.tag_ in ("VBN", "VBD") and head.dep_ == "ROOT"
            and head.pos_ in ("NOUN", "PROPN") and head.i < token.i
            and not any(c.dep_ in ("agent", "auxpass") for c in token.children)
            and any(c.dep_ in ("dobj", "prt", "ccomp", "xcomp") or (c.dep_ == "prep" and c.lower_ != "by")
                    for c in token.children))


def _is_passive(token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in token.children) or (
        token.dep_ == "acl" and token.tag_ == "VBN" and not _misparsed_main_verb(token)
    )


def _prep_objects(token, preps: tuple[str, ...]) -> list:
    out = []
    for child in token.children:
        # (spaCy sometimes labels "to" of "sent aid to Gaza" dative, with its object below it)
        if child.dep_ in ("prep", "prt", "dative") and child.lower_ in preps and not _is_temporal_prep(child):
            out += [g for g in child.children if g.dep_ == "pobj"]
    return out


def _verb_source_tokens(verb, depth: int = 0) -> list:
    """The tokens that denote the doer of a verb, inheriting through control, coordination and clauses."""
    if depth > 4:
        return []
    if _is_passive(verb):
        agents = [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
        return agents
    subj = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
    if subj:
        return [author for s in subj for author in (_adopted_by(s) or [s])]
    head = verb.head
    if head.i == verb.i:
        return []
    if verb.dep_ == "xcomp":
        if _is_passive(head) and not any(c.dep_ == "agent" for c in head.children):
            # raising: "Yoon is set to hold a summit", "troops are expected to withdraw"
            subjects = [c for c in head.children if c.dep_ == "nsubjpass"]
            if subjects:
                return subjects
        # object control: "urged the army to join" -> the army joins
        objects = [c for c in head.children if c.dep_ in ("dobj",)]
        if objects and head.lemma_.lower() not in ("promise",):
            return objects
        # "called upon the military to join", but not "agreed on Sunday to reopen"
        objects = [g for c in head.children if c.dep_ == "prep" and c.lower_ in ("on", "upon")
                   and not _is_temporal_prep(c) for g in c.children if g.dep_ == "pobj"]
        if objects:
            return objects
        return _verb_source_tokens(head, depth + 1)
    if verb.dep_ == "advcl" and verb.tag_ in ("VBD", "VBZ", "VBP") and any(c.dep_ == "mark" for c in verb.children):
        # "accused the RSF after a barrage ... killed 15": a finite clause of its own has its own doer, even
        # when the parser missed it
        return []
    if verb.dep_ in ("conj", "advcl", "pcomp", "acomp") and head.pos_ in ("VERB", "AUX"):
        return _verb_source_tokens(head, depth + 1)  # "Indonesia is prepared to send troops"
    if verb.dep_ == "pcomp" and head.dep_ == "prep" and head.head.pos_ in ("ADJ", "VERB", "AUX"):
        return _verb_source_tokens(head.head, depth + 1)  # "the opposition is open to resuming dialogue"
    if _misparsed_main_verb(verb):
        return [head]
    if verb.dep_ in ("relcl", "acl") and verb.tag_ != "VBN":
        if head.lemma_.lower() in DOCUMENT_NOUNS and verb.dep_ == "acl":
            # "passed a resolution urging X", "in a video threatening attacks, a spokesman said": the
            # document's author does it
            owner = [c for c in head.children if c.dep_ == "poss"]
            if owner:
                return owner
            if head.dep_ == "dobj" and head.head.pos_ in ("VERB", "AUX"):
                return _verb_source_tokens(head.head, depth + 1)
            if head.dep_ == "nsubjpass":
                return [g for c in head.head.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
            if head.dep_ == "pobj" and head.head.dep_ == "prep" and head.head.head.pos_ in ("VERB", "AUX"):
                return _verb_source_tokens(head.head.head, depth + 1)
        return [head]
    if verb.dep_ == "amod" and verb.tag_ == "VBG":
        return [head]  # "striking teachers", "his visiting counterpart"
    return []


def _adopted_by(subject) -> list:
    """The doers of a measure that acts as subject: "The measures, adopted by EU foreign ministers on Monday,
    freeze the assets of ...", "sanctions, which were imposed by Washington, target ..."."""
    if subject.lemma_.lower() not in MEASURE_NOUNS:
        return []
    for clause in subject.children:
        if clause.dep_ in ("acl", "relcl") and clause.tag_ in ("VBN", "VBD", "VBZ", "VBP"):
            agents = [g for c in clause.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
            if agents:
                return agents
    return []


def _verb_arguments(token, event_type: str) -> tuple[list, list]:
    passive = _is_passive(token)
    source = _verb_source_tokens(token)
    between = _prep_objects(token, ("between", "among"))
    if between and not any(c.dep_ in SUBJECT_DEPS for c in token.children):
        if source and (token.dep_ == "xcomp" or (token.dep_ == "advcl" and any(
                a.dep_ == "aux" and a.lower_ == "to" for a in token.children))):
            # "Beijing offered to mediate between Kabul and Islamabad": whom the doer acts between
            return source, between
        # "as fighting between the army and a paramilitary force raged": the parties are the doers
        return between, []
    target: list = []
    if passive:
        target = [c for c in token.children if c.dep_ == "nsubjpass"]
        if not target and token.dep_ == "acl":
            target = [token.head]
    else:
        target = [c for c in token.children if c.dep_ in ("dobj", "dative")]
        double = _double_object(token)
        if double is not None:
            target = [c for c in target if c.i != double[1].i]  # "handed Moldova 60 million euros": Moldova
    if event_type == "MOBILIZE":
        if passive and not source:
            # "90,000 police will be deployed", "missile systems have been redeployed": whoever sends them
            # goes unsaid; the forces stand for their side
            source = [_through_quantity(c) for c in token.children if c.dep_ == "nsubjpass"]
        target = []  # "deployed troops": the troops are the means, not the target
    if event_type in ("REJECT", "ACCUSE", "SUPPORT", "CONCEDE") and target:
        # "rejected a proposal by the EU", "dismissed the government's offer": the proposer is the target
        owners = []
        for obj in target:
            owners += [c for c in obj.children if c.dep_ == "poss"]
            owners += [g for c in obj.children if c.dep_ in ("prep", "agent") and c.lower_ in ("by", "from")
                       for g in c.children if g.dep_ == "pobj"]
        if owners:
            target = [t for t in target if t.ent_type_ in ("PERSON", "ORG", "GPE", "NORP")] + owners
    if event_type == "THREATEN" and not target:
        # "threatened to turn Seoul into a sea of fire": the threatened is the object of the threat
        for child in token.children:
            if child.dep_ == "xcomp":
                target += [c for c in child.children if c.dep_ in ("dobj",)]
                target += _prep_objects(child, ("on", "against", "at"))
    if event_type in ("REQUEST", "ACCUSE") and not target:
        # "demanded that Ottawa free ...", "urged that the army withdraw": who is asked is the clause's subject
        for child in token.children:
            if child.dep_ == "ccomp":
                target += [c for c in child.children if c.dep_ in ("nsubj", "nsubjpass")]
    preps = TARGET_PREPS.get(event_type, ())
    prep_targets = _prep_objects(token, preps)
    # "released a French tourist from Evin prison": whom one frees is the target, whence is no party
    released = event_type == "RETREAT" and any(
        c.dep_ in ("dobj", "nsubjpass") and (c.lemma_.lower() in RELEASED_NOUNS or c.ent_type_ == "PERSON"
                                             or token.lemma_.lower() in RELEASE_VERBS)
        for c in token.children)
    if event_type in ("AID", "COOPERATE", "RETREAT") and prep_targets and not released:
        # "dispatched 56 rescuers to Morocco", "handed the suspect over to Iraqi authorities", "was extradited
        # to the United States", "handed over their weapons to government forces", "withdrew its troops from
        # Mali": what is given or moved is the object, who receives it (or is left) the target
        target = ([c for c in token.children if c.dep_ == "dative"] if not passive else []) + prep_targets
    elif event_type in ("REQUEST", "ACCUSE", "THREATEN", "SUPPORT", "SANCTION", "COERCE", "ASSAULT", "CONSULT",
                        "AGREE", "COOPERATE", "AID", "PROTEST", "CONCEDE"):
        target += prep_targets
    elif not target:
        target = prep_targets
    return source, target


def _noun_arguments(token, event_type: str, lexicon: Lexicon, matched_verbs: frozenset[int] = frozenset(),
                    governed: bool = False) -> tuple[list, list, object]:
    """Source and target of a nominal trigger, and the light verb it hangs on (if any). ``governed``: the
    pattern asked for the governing verb ("[defence] gov:leap"), which is then the phrase's verb even
    through "to" ("leapt to the defence of", "came to the aid of")."""
    source = [c for c in token.children if c.dep_ == "poss"]
    source += [g for c in token.children if c.dep_ in ("prep", "agent") and c.lower_ == "by"
               for g in c.children if g.dep_ == "pobj"]
    if event_type in VERBAL_TYPES and not source:
        # "calls from the European Union", "an offer from Qatar"
        source += [g for c in token.children if c.dep_ == "prep" and c.lower_ == "from"
                   for g in c.children if g.dep_ == "pobj"]
    # "began a week of combined drills", "after 17 hours of talks": the quantity stands in the clause
    outer = token
    for _ in range(2):
        if outer.dep_ == "pobj" and outer.head.lower_ == "of" and outer.head.head.lemma_.lower() in DURATION_NOUNS:
            outer = outer.head.head
        else:
            break
    between = [g for c in token.children if c.dep_ == "prep" and c.lower_ in ("between", "among")
               for g in c.children if g.dep_ == "pobj"]
    if not between and token.dep_ in ("nsubj", "nsubjpass") and token.head.pos_ in ("VERB", "AUX"):
        # "clashes erupted between the army and rebels": the parser hangs the parties on the verb
        between = _prep_objects(token.head, ("between", "among"))
    if not source:
        # "a suicide bombing claimed by Islamic State", "strikes carried out by Israeli jets"
        for child in token.children:
            if child.dep_ == "acl" and child.lemma_.lower() in CLAIM_VERBS:
                source += [g for c in child.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
    modifiers = [c for c in token.children if c.dep_ in ("amod", "compound", "nmod") and c.i < token.i]
    preps = TARGET_PREPS.get(event_type, ())
    if event_type not in NOUN_TARGET_OF:
        preps = tuple(p for p in preps if p != "of")
    target = _prep_objects(token, preps)
    light = None
    gov = outer.head
    if outer.dep_ == "pobj" and gov.dep_ == "prep" and gov.lower_ in ("in", "for", "into", "to"):
        gov = None
    if gov is not None and outer.dep_ in ("dobj", "nsubjpass", "attr", "oprd", "conj", "appos") and gov.pos_ in ("VERB", "AUX"):
        lemma = gov.lemma_.lower()
        # "launched an offensive": the verb's subject did it; "condemned the raids", "welcomed the
        # release": the subject comments on somebody else's act
        comments = any(lexicon.in_class(lemma, c) for c in ("content", "describe", "speech", "negating")) or (
            gov.i in matched_verbs)
        if lemma in ELICIT_VERBS and outer.dep_ == "dobj":
            # "drawing an angry rebuke from Israel", "Iran faced new sanctions": the subject of the verb
            # receives the act
            if not target:
                target = _verb_source_tokens(gov)
            if not source:
                source = _prep_objects(gov, ("from", "by"))
        elif lexicon.in_class(lemma, "light") or (outer.dep_ == "dobj" and not comments):
            light = gov
    if not source and not between and light is None and outer.dep_ == "pobj":
        # "reached a deal after talks in Brussels", "at the close of a round of negotiations": the
        # clause's actors held the talks
        prep = outer.head
        for _ in range(3):
            if prep.lower_ != "of" or prep.head.dep_ != "pobj":
                break
            prep = prep.head.head
        clause = prep.head
        # (only for meetings and agreements: "imposed a curfew after the riots", "rushed troops after
        # clashes" name what others did)
        if prep.lower_ in CONTEXT_PREPS and clause.pos_ in ("VERB", "AUX") and event_type in CONTEXT_TYPES:
            source = _verb_source_tokens(clause)
            if event_type == "CONSULT" and not target and source:
                # "during talks in Beijing, Lula asked Xi to ...": the talks were with the clause's other party
                target = [c for c in clause.children if c.dep_ in ("dobj", "dative")] + _prep_objects(
                    clause, ("with",))
    if governed and light is None and outer is token and token.dep_ == "pobj" and token.head.lower_ == "to":
        verb = _governor(token)
        light = verb if verb is not None and verb.pos_ in ("VERB", "AUX") else None
    if not source and not between and light is not None:
        source = _verb_source_tokens(light)
        if not target:
            target = _prep_objects(light, preps)
            if event_type in ("CONSULT",) and not target:
                target = [c for c in light.children if c.dep_ == "dative"]
    return source + between, target, light, modifiers


def _modifier_actor(tokens, acts: DocumentActors, event_type: str) -> list[Actor]:
    """"Israeli strikes", "US sanctions", "Russian troops' offensive": a country modifier as the doer."""
    out, forces = [], []
    for tok in tokens:
        hit = acts.kb_hits.get(tok.i)
        role = acts.kb.role_sector(tok.lower_) if hit is None and tok.dep_ == "compound" and tok.pos_ == "NOUN" else None
        if role and event_type in VERBAL_TYPES:
            # "opposition demands", "union calls": the role noun's group said it
            actor = acts.actor_for(tok)
            if actor is not None:
                out.append(actor)
            continue
        if role in FORCE_SECTORS and event_type in PHYSICAL_TYPES:
            # "a police raid", "the police killings of protesters": the force did it, unless a country is
            # named too ("Russian sniper fire" is Russia's)
            actor = acts.actor_for(tok)
            if actor is not None:
                forces.append(actor)
            continue
        if hit is None or hit[2].kind not in ("demonym", "country", "organisation", "metonym"):
            if tok.i in acts.token_entity:
                actor = acts.actor_for(tok)
                if actor is not None:
                    out.append(actor)
            continue
        entry = hit[2]
        if entry.kind == "organisation":
            actor = acts.actor_for(tok)
            if actor is not None:
                out.append(actor)
            continue
        sector = DEFAULT_SECTOR.get(event_type, "GOV")
        out.append(acts._make(tok, hit[0], hit[1], name=f"{entry.name} {'military' if sector == 'MIL' else 'government'}",
                              country=entry.country, sector=sector, kind="group"))
    return out or forces[:1]


# --------------------------------------------------------------------------------------------------
# modes and reporting


def _clause_verb(token):
    """The verb whose clause a trigger belongs to (itself for verbs, the light/matrix verb for nouns)."""
    cur = token
    for _ in range(6):
        if cur.pos_ in ("VERB", "AUX"):
            return cur
        if cur.head.i == cur.i:
            return cur
        cur = cur.head
    return cur


def _aux_modes(token, anchor_verb, lexicon: Lexicon) -> set[str]:
    modes: set[str] = set()
    checks = [token] + ([anchor_verb] if anchor_verb is not None and anchor_verb.i != token.i else [])
    for tok in checks:
        for child in tok.children:
            low = child.lower_
            if child.dep_ == "neg" or (child.dep_ == "det" and low in ("no",)):
                modes.add("negation")
            if child.dep_ == "aux":
                if lexicon.in_class(low, "future_aux"):
                    modes.add("future")
                elif lexicon.in_class(low, "hypothetical_aux"):
                    modes.add("hypothetical")

            if child.dep_ == "mark" and low in ("if", "unless"):
                modes.add("hypothetical")
        # "is going to attack"
        if tok.dep_ == "xcomp" and tok.head.lemma_ == "go" and tok.head.tag_ == "VBG":
            modes.add("future")
    # governors up the xcomp chain: intention (future), failure (negation), hypothetical modals
    cur = anchor_verb or token
    for _ in range(4):
        if cur.dep_ not in ("xcomp", "ccomp", "pcomp", "dobj", "advcl") or cur.head.i == cur.i:
            break
        head = cur.head
        lemma = head.lemma_.lower()
        if head.dep_ == "prep":  # "accused of", "denied involvement in"
            cur = head
            continue
        if cur.dep_ in ("xcomp", "dobj", "pcomp") and lexicon.in_class(lemma, "intention"):
            modes.add("future")
        if cur.dep_ in ("xcomp",) and lexicon.in_class(lemma, "failure"):
            modes.add("negation")
        if cur.dep_ in ("xcomp",):
            for child in head.children:
                if child.dep_ == "aux" and lexicon.in_class(child.lower_, "future_aux"):
                    modes.add("future")
                if child.dep_ == "aux" and lexicon.in_class(child.lower_, "hypothetical_aux"):
                    modes.add("hypothetical")
                if child.dep_ == "neg":
                    modes.add("negation")
        if cur.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in cur.children):
            modes.add("hypothetical")
        if cur.dep_ != "xcomp":
            break
        cur = head
    return modes


def _announced(token, anchor_verb, lexicon: Lexicon) -> bool:
    """Whether an act is announced by its doer (a future or conditional modal, an intention verb), rather
    than being the condition of a sentence ("if Russia invades")."""
    verbs = [v for v in (token, anchor_verb) if v is not None]
    for verb in verbs:
        if any(c.dep_ == "mark" and c.lower_ in ("if", "unless", "until", "before", "when") for c in verb.children):
            return False
    for verb in verbs:
        if any(c.dep_ == "aux" and (lexicon.in_class(c.lower_, "future_aux") or lexicon.in_class(c.lower_, "hypothetical_aux"))
               for c in verb.children):
            return True
        cur = verb
        for _ in range(3):
            if cur.dep_ != "xcomp" or cur.head.i == cur.i:
                break
            cur = cur.head
            if lexicon.in_class(cur.lemma_.lower(), "intention") or any(
                    c.dep_ == "aux" and lexicon.in_class(c.lower_, "future_aux") for c in cur.children):
                return True
    return False


def _speech_source(token, lexicon: Lexicon):
    """The speech verb whose complement holds the token, if any ("X said Y attacked Z")."""
    cur = token
    for _ in range(8):
        head = cur.head
        if head.i == cur.i:
            return None
        if cur.dep_ in ("ccomp", "parataxis", "xcomp", "advcl", "conj") and lexicon.in_class(head.lemma_.lower(), "speech"):
            return head
        if cur.dep_ == "ROOT":
            return None
        cur = head
    return None


def _according_to(sentence):
    for tok in sentence:
        if tok.lower_ == "according" and tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ == "to":
            to = tok.doc[tok.i + 1]
            pobj = next((g for g in to.children if g.dep_ == "pobj"), None)
            if pobj is None:
                pobj = next((g for g in tok.children if g.dep_ == "pobj"), None)
            if pobj is None:
                for g in tok.children:
                    pobj = next((x for x in g.children if x.dep_ == "pobj"), None)
                    if pobj is not None:
                        break
            return pobj
    return None


# --------------------------------------------------------------------------------------------------
# the main entry point


COMMITMENT_TYPE = {"RETREAT": "CONCEDE", "CONCEDE": "AGREE", "AID": "AGREE", "COOPERATE": "AGREE", "CONSULT": "AGREE",
                   "SUPPORT": "AGREE", "ASSAULT": "THREATEN", "COERCE": "THREATEN", "SANCTION": "THREATEN",
                   "MOBILIZE": "AGREE"}
READINESS = {"ready", "prepared", "willing", "eager", "determined", "keen", "poised", "open"}
# "agreed to impose sanctions", "decided to deploy troops": a decision is the act itself, not a promise of it
DECISIVE = {"agree", "decide", "approve", "resolve"}
DECIDED = {"SANCTION", "MOBILIZE", "COERCE"}


def _commit(verb, lemma: str, trigger_at: dict, transforms: dict[int, tuple[str, str, int]]) -> bool:
    """Recode the acts a commitment commits to as the commitment ("vowed to attack" is a threat, "agreed to
    withdraw" a concession); return whether it commits to any trigger."""
    committed = False
    for inner in _commitment_content(verb):
        if inner.i not in trigger_at:
            continue
        committed = True
        inner_type = trigger_at[inner.i][1].event_type
        if lemma in DECISIVE and inner_type in DECIDED:
            continue
        new = COMMITMENT_TYPE.get(inner_type)
        if new == "CONCEDE" and _joint(verb):
            new = "AGREE"  # "Kenya and Ethiopia pledged to reopen the crossing": a concession to each other
        if new is not None:
            transforms[inner.i] = (new, f"commitment:{lemma}", verb.i)
    return committed


def _hostile_option(verb, trigger_at: dict) -> bool:
    """"did not rule out a new military operation", "refused to rule out strikes": a negated ruling-out of
    force or of a penalty."""
    negated = any(c.dep_ == "neg" for c in verb.children) or (
        verb.dep_ == "xcomp" and verb.head.lemma_.lower() in ("refuse", "decline"))
    if not negated:
        return False
    for obj in (c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")):
        inner = trigger_at.get(obj.i)
        if (inner is not None and inner[1].event_type in HOSTILE_TYPES) or obj.lemma_.lower() in HOSTILE_OPTIONS:
            return True
    return False


def _joint(verb) -> bool:
    """Whether two or more parties commit together ("Ethiopia and Eritrea agreed to ...")."""
    subjects = _verb_source_tokens(verb)
    return len(subjects) > 1 or any(t.dep_ == "conj" for s in subjects for t in s.conjuncts)


def _commitment_content(verb) -> list:
    """The acts a commitment commits to: the infinitive, its coordinated verbs, and their object nouns
    ("agreed to reopen the border and resume flights", "agreed to hold joint drills")."""
    out = []
    # ("offered on Friday to mediate": the parser may take the infinitive for an adverbial clause)
    acts = [c for c in verb.children if c.dep_ == "xcomp" or (
        c.dep_ == "advcl" and c.i > verb.i and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children))]
    # "open to resuming dialogue", "committed to holding talks"
    acts += [g for c in verb.children if c.dep_ == "prep" and c.lower_ == "to" for g in c.children
             if g.dep_ == "pcomp" and g.tag_ == "VBG"]
    for child in acts:
        for act in [child, *child.conjuncts]:
            out.append(act)
            out += [c for c in act.children if c.dep_ in ("dobj",)]
    return out


def _warns_of_others(verb, acts: DocumentActors) -> bool:
    """Whether a warning's clause is about an actor other than the one warning."""
    warner = {(a.country, a.sector) for t in _verb_source_tokens(verb) for a in acts.actors_for(t)}
    warner |= {(a.country, None) for t in _verb_source_tokens(verb) for a in acts.actors_for(t)}
    for child in verb.children:
        if child.dep_ != "ccomp":
            continue
        subjects = [c for c in child.children if c.dep_ in ("nsubj", "nsubjpass")]
        for subj in subjects:
            if subj.pos_ == "PRON" and subj.lower_ in ("it", "we", "they", "he", "she", "i"):
                return False  # "warned it would retaliate": the warner's own act
            actors = acts.actors_for(subj)
            # the same side ("the EU's chief warned that the bloc would ...") is the warner's own act
            if actors and not any((a.country, a.sector) in warner or (a.country, None) in warner for a in actors):
                return True
    return False


def _clausal_content(trigger) -> set[int]:
    """Tokens of a verb's clausal complement ("denied shelling the village", "denied that troops fired")."""
    inside: set[int] = set()
    for child in trigger.children:
        if child.dep_ in ("xcomp", "ccomp", "pcomp") or (child.dep_ == "dobj" and child.tag_ == "VBG"):
            inside.update(t.i for t in child.subtree)
        if child.dep_ == "prep":
            for grand in child.children:
                if grand.dep_ == "pcomp":
                    inside.update(t.i for t in grand.subtree)
    return inside


def _content_tokens(trigger, event_type: str) -> set[int]:
    """Token indexes inside what a REQUEST/THREATEN/ACCUSE/REJECT trigger asks, threatens or alleges."""
    inside: set[int] = set()
    for child in trigger.children:
        if child.dep_ in ("xcomp", "ccomp", "pcomp", "advcl") or (
            child.dep_ == "prep" and child.lower_ in ("for", "of", "over", "to", "into", "about")
        ) or (child.dep_ == "dobj" and event_type in ("REJECT", "ACCUSE", "REQUEST", "THREATEN")):
            if child.dep_ == "advcl" and not any(
                (c.dep_ == "mark" and c.lower_ in ("to", "that")) or (c.dep_ == "aux" and c.lower_ == "to")
                for c in child.children
            ):
                continue
            inside.update(t.i for t in child.subtree)
    if trigger.pos_ == "NOUN" and trigger.dep_ == "dobj" and event_type in CONTENT_TYPES:
        # "piled pressure on the EU to impose sanctions", "issued an ultimatum to withdraw": the parser hangs
        # the infinitive on the light verb
        verb = trigger.head
        if verb.pos_ in ("VERB", "AUX"):
            for child in verb.children:
                if child.i > trigger.i and (child.dep_ == "xcomp" or (child.dep_ == "advcl" and any(
                        c.dep_ == "aux" and c.lower_ == "to" for c in child.children))):
                    inside.update(t.i for t in child.subtree)
    if event_type == "REQUEST":
        # "called on the government of X to free prisoners": the infinitive may hang on the addressee
        for t in trigger.subtree:
            if t.dep_ in ("acl", "relcl", "advcl") and any(c.dep_ == "aux" and c.lower_ == "to" for c in t.children):
                inside.update(x.i for x in t.subtree)
    # "vowed to hunt down the gunmen who killed 14 passengers": a relative clause describing someone in the
    # content tells what happened
    doc = trigger.doc
    for i in list(inside):
        tok = doc[i]
        if tok.dep_ == "relcl" and tok.tag_ in ("VBD", "VBN", "VBZ") and not any(
                c.dep_ == "aux" and c.lower_ in ("to", "will", "would") for c in tok.children):
            inside.difference_update(t.i for t in tok.subtree)
    return inside


# Works whose content is told, not done: "the novel follows a journalist who is arrested", "in the film, a
# general seizes the capital". Documentaries, reports, videos and memoirs show what happened and are not here.
WORK_NOUNS = {"film", "movie", "novel", "book", "play", "musical", "opera", "series", "miniseries", "sitcom",
              "drama", "thriller", "comedy", "satire", "show", "episode", "season", "sequel", "prequel", "biopic",
              "story", "tale", "fable", "novella", "poem", "song", "album", "game", "comic", "manga", "anime",
              "exhibition", "painting", "ballet", "screenplay", "script", "fiction", "blockbuster", "trilogy"}
DEPICT_VERBS = {"depict", "portray", "tell", "follow", "show", "see", "imagine", "explore", "chronicle", "recount",
                "dramatise", "dramatize", "feature", "centre", "center", "revolve", "star", "recall", "revisit",
                "retell", "trace", "focus", "present", "envision", "satirise", "satirize", "lampoon", "narrate",
                "describe", "be", "open", "begin", "end"}


def _told(sent) -> set[int]:
    """Tokens that tell the content of a work of fiction: the clause of a verb whose subject is a work
    ("the novel follows ...", "season two sees rebels storm the palace") or that opens "In the film, ..."."""
    told: set[int] = set()
    for verb in sent:
        if verb.pos_ not in ("VERB", "AUX"):
            continue
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        frame = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == "in" and any(
            g.dep_ == "pobj" and g.lemma_.lower() in WORK_NOUNS and any(
                d.dep_ in ("det", "poss", "amod") for d in g.children) for g in c.children)), None)
        work = subject
        if subject is not None and subject.lower_ in ("which", "that") and verb.dep_ == "relcl":
            work = verb.head  # "the film, which depicts the 2009 protests"
        if work is not None and work.lemma_.lower() in WORK_NOUNS and verb.lemma_.lower() in DEPICT_VERBS:
            keep_out = {t.i for t in subject.subtree}
        elif frame is not None:
            keep_out = {t.i for t in frame.subtree}
        else:
            continue
        told.update(t.i for t in verb.subtree if t.i not in keep_out)
    return told


def _conditions(sent) -> set[int]:
    """Tokens of if/unless clauses: "would retaliate if Hezbollah attacked" codes the threat, not the attack."""
    inside: set[int] = set()
    for tok in sent:
        if _is_condition(tok):
            inside.update(t.i for t in tok.subtree)
    return inside


def _is_condition(tok) -> bool:
    """Whether a token heads an if/unless clause."""
    return tok.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in tok.children)


def find_events(doc, acts: DocumentActors, lexicon: Lexicon) -> list[EventCandidate]:
    """Find every event in a parsed document (see the module docstring for the rules)."""
    results: list[EventCandidate] = []
    heads = lexicon.heads
    for sent_index, sent in enumerate(doc.sents):
        found: list[tuple] = []  # (token, pattern, extra tokens)
        told = _told(sent) | _conditions(sent)
        sporting = sum(lexicon.in_class(t.lemma_.lower(), "sports_only") for t in sent) >= 2
        for token in sent:
            if token.i in told or (token.lower_ not in heads and lemma_of(token) not in heads):
                continue  # a word no pattern is headed by
            # "riot police", "an attack helicopter", "protest leaders": a noun modifying another names a kind
            if token.dep_ == "compound" and token.pos_ == "NOUN" and token.head.pos_ in ("NOUN", "PROPN") and not (
                    lexicon.candidates(token.head.lemma_.lower(), "N")):
                continue
            # "Amnesty International", "the Peace and Security Council": a name, not an act
            hit = acts.kb_hits.get(token.i)
            if hit is not None and hit[2].kind in ("organisation", "dictionary") and hit[1] - hit[0] > 1:
                continue
            if token.ent_type_ in ("ORG", "WORK_OF_ART", "LAW", "EVENT", "DATE", "TIME") and token.pos_ in ("PROPN", "NOUN") and (
                    token.text[:1].isupper()):
                continue
            # "an instrument to kill people": an infinitive describing a noun is no act
            if token.dep_ in ("acl", "relcl") and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children):
                # "the first ambassador to break with Damascus" happened; "an instrument to kill people" did not
                if acts.actor_for(token.head) is None:
                    continue
            match = _match_trigger(token, lexicon, acts)
            if match is not None and _what_a_ban_covers(token):
                continue  # "lifted a six-year ban on political rallies", "a law restricting demonstrations"
            if match is not None and match[0].event_type == "ACCUSE" and token.dep_ == "acl" and token.tag_ == "VBN" and (
                    not any(c.dep_ == "agent" for c in token.children)):
                continue  # "a Serbian man accused of running a cocaine ring was extradited": who he is, no act
            if match is not None and match[0].event_type in ("ASSAULT", "COERCE", "SANCTION") and _done_by_nature(
                    token, lexicon):
                continue  # "an earthquake shook the province, injuring 23 people", "floodwaters besieged villages"
            if match is not None and match[0].event_type != "ACCUSE" and _restates(token, heads):
                continue  # "It was the deadliest attack on police this year": what an act told before was
            if match is not None and token.idx in acts.cue_chars and match[0].event_type in PHYSICAL_TYPES and not (
                    match[0].words):
                # '"...," the minister shot back': the verb attributes words, it does no violence ("wrote off
                # loans", a phrase of the lexicon, is an act whatever clause hangs from it)
                continue
            if match is not None:
                found.append((token, match[0], match[1]))
        found += _role_end_events(sent, sent_index, lexicon, acts)
        found += _joint_acts(sent, {tok.i for tok, _, _ in found}, acts)
        deliveries = _deliveries(sent, {tok.i for tok, _, _ in found}, lexicon)  # arrival verb -> its parts
        found += [(verb, DELIVERY, []) for verb, _, _ in deliveries.values()]

        suppressed: set[int] = set()
        negated: set[int] = set()
        verb_triggers = {tok.i for tok, pattern, _ in found if pattern is not None and pattern.pos == "V"}
        matched_verbs = frozenset(verb_triggers)
        trigger_at = {tok.i: (tok, pattern) for tok, pattern, _ in found if pattern is not None}
        for tok, pattern, extra in found:
            if pattern is None:
                continue
            head_pattern = trigger_at[tok.head.i][1] if tok.head.i in trigger_at else None
            # "held talks" (a verb pattern) and "talks" (a noun): one event; "provide a loan": the verb's
            if pattern.pos == "N" and any(t.i == tok.i for t2, p2, ex in found if p2 is not None and p2.pos == "V"
                                          for t in ex):
                suppressed.add(tok.i)
            elif pattern.pos == "N" and (measured := _measured(tok)).head.i in verb_triggers and (
                    measured.dep_ in ("dobj", "nsubjpass", "attr")):
                # ("hold a new round of talks": the round stands for the talks)
                head_pattern = trigger_at[measured.head.i][1]
                if head_pattern.event_type == pattern.event_type and not _own_doer(tok):
                    suppressed.add(tok.i)  # ("accepted Sall's invitation": the invitation was his act, kept)
                elif pattern.event_type == "AGREE" and head_pattern.event_type == "SUPPORT" and (
                        head_pattern.cameo == "057"):
                    suppressed.add(tok.i)  # "inked a trade pact", "ratified a treaty": the signing is the act
                elif head_pattern.event_type == "CONCEDE" and pattern.event_type in ("SANCTION", "COERCE") and (
                        measured.dep_ == "dobj"):
                    suppressed.add(tok.i)  # "lifted its ban on beef imports": the lifting, not a new ban
            elif pattern.pos == "V" and pattern.event_type == "REQUEST" and tok.dep_ in ("advcl", "xcomp", "acl") and (
                    (head_pattern is not None and head_pattern.event_type == "PROTEST")
                    or tok.head.lemma_.lower() in PROTESTER_NOUNS):
                suppressed.add(tok.i)  # "rallied to demand the minister's resignation": what the protest demands
            elif pattern.pos == "V" and pattern.event_type == "CONSULT" and tok.dep_ in ("advcl", "xcomp") and any(
                    c.dep_ == "aux" and c.lower_ == "to" for c in tok.children) and (
                    head_pattern is not None and head_pattern.event_type == "CONSULT"):
                suppressed.add(tok.i)  # "met the commissioner to discuss ...": what the meeting was for
            elif (pattern.pos == "N" or tok.tag_ == "VBG") and tok.dep_ in ("nsubj", "csubj") and tok.head.i in verb_triggers:
                # "an Israeli air strike hit a house": one act, told by the noun (its doer and kind) and the
                # verb (what it hit)
                if head_pattern.event_type == pattern.event_type and _act_told_by_its_verb(tok, acts):
                    suppressed.add(tok.head.i)
                elif head_pattern.event_type == pattern.event_type:
                    suppressed.add(tok.i)  # "protesters rallied", "suicide bombers attacked": the doers, told by the verb
        for tok, pattern, _ in found:
            if pattern is not None and tok.i not in suppressed and _consequence_of_assault(tok, pattern, trigger_at):
                suppressed.add(tok.i)  # "ambushed a police convoy, killing four officers and wounding two": one act
        transforms: dict[int, tuple[str, str, int]] = {}
        accusations: list[EventCandidate] = []
        # "denied shelling the village", "refuted claims that troops fired": the act, negated, even where the
        # denial itself is no trigger
        for tok in sent:
            if tok.i not in trigger_at and tok.pos_ == "VERB" and lexicon.in_class(tok.lemma_.lower(), "negating"):
                negated.update(i for i in _clausal_content(tok) if i in trigger_at)
        # "Indonesia is prepared to send troops", "would be willing to hold talks": an intention the trigger
        # lexicon does not hold itself
        for tok in sent:
            lemma = tok.lemma_.lower()
            if tok.i in trigger_at or not (lemma in READINESS or lexicon.in_class(lemma, "commitment")):
                continue
            _commit(tok, lemma, trigger_at, transforms)
        for tok, pattern, _ in found:
            if pattern is None:
                continue
            lemma = tok.lemma_.lower()
            # "did not rule out a new military operation": a threat
            if lemma == "rule" and pattern.event_type == "REJECT" and _hostile_option(tok, trigger_at):
                transforms[tok.i] = ("THREATEN", "not-ruled-out", tok.i)
                suppressed.update(c.i for c in tok.children if c.dep_ in ("dobj", "nsubjpass") and c.i in trigger_at)
                continue
            # "denied shelling": the shelling, negated; the denial itself is not coded again
            if lexicon.in_class(lemma, "negating"):
                content = _clausal_content(tok)
                inner = [i for i in content if i in trigger_at and i != tok.i]
                if inner and pattern.event_type == "REJECT" and not any(
                    trigger_at[i][1].event_type in CONTENT_TYPES for i in inner
                ):
                    negated.update(inner)
                    suppressed.add(tok.i)
                    continue
            # "agreed to withdraw", "vowed to attack", "ready to send troops": the intention, coded once
            if lexicon.in_class(lemma, "commitment") or lemma in READINESS:
                if _commit(tok, lemma, trigger_at, transforms):
                    suppressed.add(tok.i)
            presupposes = pattern.event_type == "ACCUSE" and pattern.mode == "disapprove"
            if lemma in ("warn", "caution") and _warns_of_others(tok, acts):
                # "analysts warned that Russian forces could launch an offensive": a prediction about
                # someone else's act, which is coded (hypothetical); no threat by the analysts
                suppressed.add(tok.i)
                continue
            if (pattern.event_type in CONTENT_TYPES or lexicon.in_class(lemma, "content")) and not presupposes:
                for i in _content_tokens(tok, pattern.event_type):
                    if i == tok.i:
                        continue
                    inner = trigger_at.get(i)
                    # "spurned an offer", "rejected calls for talks": the offer and the calls were made
                    if (pattern.event_type == "REJECT" and inner is not None and inner[1].pos == "N"
                            and inner[1].event_type in ("REQUEST", "AGREE", "SUPPORT")
                            and inner[0].dep_ == "dobj" and inner[0].head.i == tok.i):
                        continue
                    suppressed.add(i)
            # "described X as a massacre committed by the regime": an accusation of the perpetrator
            if pattern.event_type in CRIME_TYPES and tok.pos_ == "NOUN":
                describer = _describer(tok, lexicon)
                if describer is not None:
                    governor = trigger_at.get(describer.head.i) if _free_relative(describer) else None
                    # "condemned what it called a massacre by the regime": one accusation, the condemnation's
                    if governor is None or governor[1].event_type != "ACCUSE":
                        accusations.append(_accusation(tok, describer, sent_index, acts, lexicon))
                    suppressed.add(tok.i)

        for tok, pattern, extra in found:
            if tok.i in suppressed and tok.i not in negated:
                continue
            if pattern is None:
                # rule-produced candidate (role ends) carried in `extra`
                results.append(extra)
                continue
            cand = _build(tok, pattern, extra, sent_index, acts, lexicon, matched_verbs)
            if pattern is JOINT_ACT:
                cand.rule = "rule:joint-act"
                cand.mutual = True
                if not cand.target:
                    cand.target = _excluding(_actors(_joint_partners(tok), acts), cand.source)
            if pattern is DELIVERY:
                _, vehicle, destination = deliveries[tok.i]
                cand.rule = "rule:aid-delivery"
                cand.source = [a for a in [acts.actor_for(vehicle)] if a is not None] or cand.source
                if destination is not None:
                    cand.target = _excluding([a for a in [acts.place_actor(destination) or acts.actor_for(
                        destination)] if a is not None], cand.source) or cand.target
            if tok.i in negated:
                cand.aux_modes.add("negation")
                cand.rule += "+negated-by-governor"
            if tok.i in transforms:
                new_type, why, committed_by = transforms[tok.i]
                cand.event_type, cand.mode, cand.cameo = new_type, None, None
                cand.rule += f"+{why}"
                cand.date_anchor = committed_by  # the commitment is the event, dated when it was made
                cand.aux_modes.discard("future")
                if why == "not-ruled-out":
                    cand.aux_modes.discard("negation")  # not ruling force out is the threat itself
            if cand is not None and sporting and cand.event_type in GAME_SENSES and not any(
                    a.sector in STATE_SECTORS | {"IGO"} for a in cand.source + cand.target):
                continue  # "came to the aid of his struggling side with two goals", "launched a kingside attack"
            if cand is not None:
                _single_category(cand)
                results.append(cand)
                joint = _joint_operation(tok, cand)
                if joint is not None:
                    results.append(joint)
                verdict = _court_verdict(tok, cand)
                if verdict is not None:
                    results.append(verdict)
        results.extend(accusations)

        according = _according_to(sent)
        if according is not None:
            reporter = acts.actor_for(according)
            for cand in results:
                if cand.sentence_index == sent_index and cand.reported_by is None and reporter is not None:
                    cand.reported_by = reporter
    for cand in results:
        if cand.event_type in FORCE_TYPES:
            cand.source = [acts.as_forces(a) for a in cand.source]  # "Russia launched drones": its military did
        if cand.event_type == "PROTEST" and not any(a.country or a.sector for a in cand.source):
            _generic_protesters(doc, cand, acts)
        if cand.event_type == "PROTEST" and not cand.target and cand.source and cand.source[0].country:
            # a protest with no stated target is addressed to the government of its country
            country = cand.source[0].country
            if country not in ("IGO", "NGO"):
                cand.target = [acts.government_of(doc[cand.anchor], cand.trigger_start, cand.trigger_end, country,
                                                  country_source="context")]
                cand.rule += "+implied-target"
    for cand in results:
        if cand.event_type == "CONCEDE" and not cand.target and cand.source:
            _concession_target(cand, results)
        elif cand.event_type in REACTION_TYPES and not cand.target and cand.source:
            _reaction_target(doc[cand.trigger_start], cand, results)
    return _one_per_dyad([pair for c in results if _has_coded_actor(c) for pair in _pairs(c)])


def _one_per_dyad(cands: list[EventCandidate]) -> list[EventCandidate]:
    """One event per sentence, type, source and target: "held a telephone conversation ... exchanged
    views", "attacked and shelled" said twice of the same pair is one event (the first said)."""
    seen: set[tuple] = set()
    out = []
    for cand in cands:
        key = (cand.sentence_index, cand.event_type, tuple(a.actor_id for a in cand.source),
               tuple(a.actor_id for a in cand.target), frozenset(cand.aux_modes))
        if cand.source and cand.target:
            if key in seen:
                continue
            seen.add(key)
        out.append(cand)
    return out


def _generic_protesters(doc, cand: EventCandidate, acts: DocumentActors) -> None:
    """"Thousands marched in Yerevan": protesters nobody names are civilians of the article's country."""
    if acts.default_country is None:
        return
    head = doc[cand.anchor]
    subject = next((c for c in head.children if c.dep_ in ("nsubj",)), None)
    if subject is None and head.pos_ == "NOUN":
        subject = head
    if subject is None or subject.pos_ == "PRON":
        return
    start, end = subject.left_edge.i, subject.i + 1
    sector = "LAB" if cand.mode == "strike" else "CVL"
    cand.source = [acts._make(subject, start, end, name=f"{acts.kb.country_name(acts.default_country)} "
                              f"{'labour' if sector == 'LAB' else 'civilians'}", country=acts.default_country,
                              sector=sector, kind="group")]
    cand.rule += "+generic-protesters"


# Conversations: talks, calls and negotiations are coded both ways (visits and hosting are not)
MUTUAL_LEMMAS = {"talk", "talks", "call", "telephone", "phone", "ring", "speak", "negotiate", "negotiation",
                 "conversation", "discuss", "discussion", "dialogue", "exchange", "confer", "consultation",
                 "conference", "session", "round", "chat", "videoconference", "parley"}
SYMMETRIC_TYPES = {"AGREE", "CONSULT", "COOPERATE"}
# words of an act done together: each party cooperates with the other
JOINT_WORDS = {"joint", "jointly", "together", "alongside", "side", "combined", "coordinated", "mutual"}
SYMMETRIC_LEMMAS = {"clash", "fight", "fighting", "battle", "skirmish", "hostility", "relation", "tie", "ties"}
MAX_PAIRS = 6


def _pairs(cand: EventCandidate) -> list[EventCandidate]:
    """One event per source-target pair, as event datasets count them.

    "Serbia and Kosovo reached a deal" is AGREE Serbia->Kosovo and Kosovo->Serbia; "X praised A and B"
    is two SUPPORT events. Sources without a target of a symmetric event become each other's targets.
    """
    sources, targets = cand.source, cand.target
    # "Serbia and Kosovo reached a deal", "Tajik and Kyrgyz guards exchanged fire": each did it to the other
    symmetric = cand.event_type in SYMMETRIC_TYPES or cand.event_type == "ASSAULT" or cand.reciprocal
    if len(sources) >= 2 and (not targets or cand.event_type == "COOPERATE") and symmetric:
        # ("Nigerian and Chadian troops carried out joint raids on Boko Haram camps": the cooperation is
        # between the troops)
        combos = [(s, t) for s in sources for t in sources if s.actor_id != t.actor_id or s.start != t.start]
    elif cand.mutual and cand.event_type in ("CONSULT", "COOPERATE") and len(sources) == 1 and len(targets) == 1 and (
            sources[0].actor_id != targets[0].actor_id):
        combos = [(sources[0], targets[0]), (targets[0], sources[0])]
    elif cand.crossed is not None:
        combos = list(zip(sources, cand.crossed))
    elif len(sources) <= 1 and len(targets) <= 1:
        return [cand]
    else:
        combos = [(s, t) for s in (sources or [None]) for t in (targets or [None])]
    out = []
    for index, (s, t) in enumerate(combos[:MAX_PAIRS]):
        out.append(replace(cand, source=[s] if s else [], target=[t] if t else [],
                           rule=cand.rule + (f"+pair{index}" if index else ""), aux_modes=set(cand.aux_modes)))
    return out


# A sanction announced for later is still a sanction ("will stage a diplomatic boycott"); an attack or an
# arrest announced is a threat.
FUTURE_TYPE = {"RETREAT": "CONCEDE", "CONSULT": "AGREE", "SUPPORT": "AGREE", "COOPERATE": "AGREE", "AID": "AGREE",
               "ASSAULT": "THREATEN", "COERCE": "THREATEN"}


CONDITIONAL_THREATS = {"SANCTION", "REJECT", "COERCE", "ASSAULT", "MOBILIZE", "PROTEST"}
REFUSABLE = {"AGREE", "CONSULT", "COOPERATE", "SUPPORT", "AID", "CONCEDE", "RETREAT"}


def _single_category(cand: EventCandidate) -> None:
    """PLOVER codes one category, not a category plus an auxiliary mode: "will attack" is THREATEN,
    "will withdraw" CONCEDE, "will meet" AGREE (the auxiliary mode is kept as well)."""
    if "negation" in cand.aux_modes:
        if cand.aux_modes & {"future", "hypothetical"} and cand.event_type in REFUSABLE:
            # "will not negotiate", "would never accept": a refusal; "would stop supplying gas unless Kyiv
            # paid": a threat
            threat = cand.conditional
            cand.rule += f"+refused-{cand.event_type.lower()}" + ("+conditional-threat" if threat else "")
            cand.event_type, cand.mode, cand.cameo = "THREATEN" if threat else "REJECT", None, None
            cand.aux_modes -= {"negation", "future", "hypothetical"}
        return
    # only an act its doer announces ("will attack", "would free"), not the condition of a sentence ("if
    # Russia invades Ukraine", "if Washington lifted sanctions")
    if cand.modal and cand.aux_modes & {"future", "hypothetical"} and cand.event_type in FUTURE_TYPE:
        cand.rule += f"+{cand.event_type.lower()}-as-intent"
        cand.event_type, cand.mode, cand.cameo = FUTURE_TYPE[cand.event_type], None, None
    elif cand.modal and cand.conditional and cand.aux_modes & {"future", "hypothetical"} and (
            cand.event_type in CONDITIONAL_THREATS):
        # "Lithuania would close its border if crossings kept rising": a penalty announced on a condition
        cand.rule += "+conditional-threat"
        cand.event_type, cand.mode, cand.cameo = "THREATEN", None, None


# Sectors that make a cooperative event political on their own: a merger or a donation between companies
# is no political event ("Apple and Google reached a settlement"), a sanction on a company is.
POLITICAL_SECTORS = {"GOV", "MIL", "COP", "JUD", "LEG", "PTY", "OPP", "REB", "PRM", "SPY", "UAF", "IGO", "NGO",
                     "ELI", "CVL", "REF", "CRM", "SOC", "PRE", "LAB", "REL", "JRN", "MED"}
CONTENTIOUS_TYPES = {"PROTEST", "COERCE", "ASSAULT"}
# ... and conflictual acts done to a company by an unnamed hand ("Rosneft was hit with sanctions")
TARGETED_TYPES = {"SANCTION", "ACCUSE", "REJECT", "THREATEN", "REQUEST", "COOPERATE"}


def _has_coded_actor(cand: EventCandidate) -> bool:
    # the residents of a shelled place make an event's target, but not alone an event
    # (a person or body known only by a name the story's country was lent to does not make an event political)
    # (nor does the government a protest is taken to address: that target is implied, not read)
    target = [] if "+implied-target" in cand.rule else cand.target
    coded = [a for a in cand.source + target if (a.sector or (a.country and not (
        a.country_source == "context" and a.kind in ("person", "organisation")))) and a.title != "residents"]
    if not coded:
        return False
    if cand.event_type in CONTENTIOUS_TYPES:
        return True
    if any(a.sector in POLITICAL_SECTORS or (a.sector is None and a.kind in ("country", "person", "organisation"))
           for a in coded):
        return True
    return cand.event_type in TARGETED_TYPES and not any(a.country or a.sector for a in cand.source)


def _build(token, pattern: TriggerPattern, extra, sent_index: int, acts: DocumentActors,
           lexicon: Lexicon, matched_verbs: frozenset[int] = frozenset()) -> EventCandidate:
    event_type = pattern.event_type
    tokens = [token, *extra]
    start = min(t.i for t in tokens)
    end = max(t.i for t in tokens) + 1
    if end - start > 6:  # a multiword pattern spread over the clause: report the head only
        start, end = token.i, token.i + 1
    cand = EventCandidate(event_type=event_type, mode=pattern.mode, cameo=pattern.cameo, trigger_start=start,
                          trigger_end=end, anchor=token.i, sentence_index=sent_index, rule=pattern.name)
    if pattern.pos == "V" and any(alt.kind == "role" and alt.value == "inverse" for group in pattern.constraints
                                  for alt in group):
        # "Nigeria's police came under fire from rights groups": the subject undergoes it
        target_toks = _verb_source_tokens(token)
        source_toks = _prep_objects(token, ("from", "by")) + [
            g for t in extra for p in t.children if p.dep_ == "prep" and p.lower_ in ("from", "by")
            for g in p.children if g.dep_ == "pobj"]
        anchor_verb = token
        source = _actors(source_toks, acts)
        target = _actors(target_toks, acts)
    elif pattern.pos == "V":
        source_toks, target_toks = _verb_arguments(token, event_type)
        anchor_verb = token
        source = _actors(source_toks, acts)
        target = _actors(target_toks, acts)
    else:
        source_toks, target_toks, light, modifiers = _noun_arguments(
            token, event_type, lexicon, matched_verbs,
            governed=any(a.kind == "gov" and not a.negated for group in pattern.constraints for a in group))
        anchor_verb = light if light is not None else _clause_verb(token)
        if light is None and token.dep_ in ("nsubj", "nsubjpass"):
            # "Russia's ban on food imports will cost ...": the ban exists; the verb's tense is not its own
            anchor_verb = None
        source = _actors(source_toks, acts)
        if not source:
            source = _modifier_actor(modifiers, acts, event_type)
        if not target_toks and token.head.i in matched_verbs and _act_told_by_its_verb(token, acts):
            # "an Israeli air strike hit a house": what the act's own verb hit
            target_toks = [c for c in token.head.children if c.dep_ == "dobj"]
        target = _actors(target_toks, acts)
        if not source and event_type in ("RETREAT", "MOBILIZE"):
            # "the withdrawal of Eritrean troops", "the deployment of 5,000 police": forces move themselves
            of = [_through_quantity(t) for t in _prep_objects(token, ("of",))]
            source = [a for a in _actors(of, acts) if a.sector in FORCE_SECTORS]
    if not source and token.lemma_.lower() in HANDING_LEMMAS:
        # "was extradited from Switzerland to the United States", "the expulsion of four Russian diplomats
        # from Bulgaria": the state it happens from does it
        senders = [a for a in _actors(_prep_objects(token, ("from",)), acts) if a.kind == "country"]
        if senders:
            source = senders[:1]
            target = _excluding(target, source)
    if not source and event_type == "AID" and pattern.pos == "N":
        # "a shipment of U.S. artillery shells for Ukraine": whose the goods are gives them
        goods = [_through_quantity(g) for g in _prep_objects(token, ("of",))]
        givers = _modifier_actor([m for g in goods if g is not None for m in g.children
                                  if m.dep_ in ("amod", "compound", "nmod", "poss") and m.i < g.i], acts, event_type)
        if givers:
            source = givers[:1]
            target = _excluding(target, source)
    if not source and pattern.pos == "V" and _is_passive(token):
        # "were hit with US sanctions": the country the pattern's own noun names imposed them
        nouns = [t for t in extra if t.pos_ == "NOUN"]
        source = _excluding(_modifier_actor([m for t in nouns for m in t.children
                                             if m.dep_ in ("amod", "compound", "nmod") and m.i < t.i], acts,
                                            event_type), target)[:1]
    if source:
        # one actor is not its own target ("threw its weight behind ...": "its" is the doer)
        target = _excluding(target, source)
    if not target and pattern.pos == "V":
        # "threw its weight behind X", "cracked down on X": the pattern's own preposition leads to the target
        target_toks = target_toks + [g for t in extra if t.dep_ == "prep" for g in t.children if g.dep_ == "pobj"]
        target = _excluding(_actors(target_toks, acts), source)
    if not target and pattern.pos == "V" and target_toks:
        # "held a summit with Kishida", "signed a deal with Iraq": the partner hangs on the object
        preps = TARGET_PREPS.get(event_type, ())
        inner = [g for t in target_toks if t.dep_ == "dobj" for g in _prep_objects(t, preps)]
        target = _excluding(_actors(inner, acts), source)
    if pattern.pos == "N" and event_type in ("AGREE", "CONSULT", "COOPERATE") and token.dep_ == "dobj" and (
            token.head.pos_ == "VERB"):
        # "hailed an agreement with the ELN", "welcomed talks with Tehran" (the parse may hang the partner on
        # the verb): the partner is the target, and the one who comments on it is the other party
        partners = target_toks or _prep_objects(token.head, ("with",))
        if not target:
            target = _excluding(_actors(partners, acts), source)
        if target and not source and any(p.head.lower_ == "with" for p in partners):
            source = _excluding(_actors(_verb_source_tokens(token.head), acts), target)
    if not target and event_type in ("REQUEST", "AGREE") and pattern.pos == "N":
        # "the junta stonewalled a request by the envoy", "rejected calls from Beijing", "despite appeals from
        # the Church, the government has yet to pardon ...": a request is addressed to whoever answers it
        target = _excluding(_actors(_respondent(token), acts), source)
    if not target and event_type == "REQUEST" and pattern.pos == "V":
        # "applied to join NATO", "sought to enter the EU": the body the request is about
        inner = [g for c in token.children if c.dep_ == "xcomp" for g in c.children if g.dep_ == "dobj"]
        target = _excluding(_actors(inner, acts), source)
    if not target and not target_toks and pattern.pos == "N" and event_type in CONTENT_TARGET_TYPES | {"ACCUSE"}:
        # "voiced reservations about Finland's bid", "criticism of the plan": what the noun is about
        target_toks = _prep_objects(token, ("about", "over", "of", "on")) + (
            _prep_objects(token.head, ("about", "over")) if token.dep_ == "dobj" else [])
        target = _excluding(_actors(target_toks, acts), source)
    if not target and target_toks:
        # "backed Australia's plan", "defied an order from the High Representative", "raided its studios":
        # the owner of what is acted on
        owners = [o for t in target_toks for o in _owners(t)] + [
            c for t in target_toks for c in t.children if c.dep_ == "compound" and c.i < t.i and c.pos_ == "NOUN"
            and acts.kb.role_sector(c.lower_) and event_type in VERBAL_TYPES]  # "rejected opposition demands"
        target = _actors(owners, acts) or _modifier_actor(
            [o for o in owners if o.dep_ in ("amod", "compound", "nmod")], acts, "AGREE")  # "a French proposal"
        # (the first owner found, with those named together with it: "support for Argentina's claim to the
        # Falklands" concerns Argentina; "tariffs on steel imports from South Korea and Vietnam" both)
        target = _first_named(_excluding(target, source), acts)
    if target_toks and event_type in ("ASSAULT", "COERCE", "SANCTION", "THREATEN"):
        # "shelled Horlivka" with the town taken for an unknown organisation: the town's people
        target = [acts.place_actor(t) or a if a.sector is None and a.kind in ("organisation", "group") else a
                  for t, a in zip(target_toks, target)] if len(target) == len(target_toks) else target
    if not target and target_toks and event_type in ("ASSAULT", "COERCE", "SANCTION", "THREATEN"):
        # "shelled Avdiivka", "attacked villages around Djibo": the people of the place
        target = [a for a in (acts.place_actor(t) for t in target_toks) if a is not None]
    if not target and target_toks and event_type in ("ASSAULT", "COERCE", "RETREAT", "SANCTION", "THREATEN"):
        # "set ablaze dozens of homes", "impounded a Chinese-flagged fishing vessel", "bombed a mosque": the
        # owners of the site or property acted on
        target = _excluding([a for a in (acts.site_actor(_through_quantity(t)) for t in target_toks)
                             if a is not None], source)
    if not target and event_type == "PROTEST":
        # "demonstrated outside the Indian High Commission", "a sit-in at parliament": whose seat it is
        verb = anchor_verb if anchor_verb is not None else token
        heads = {token.i: token, verb.i: verb}
        held = _direct_object(verb) if verb.pos_ in ("VERB", "AUX") else None
        if held is not None:
            heads[held.i] = held  # "staged a sit-in outside the Israeli embassy": the place hangs on the noun
        seats = [g for head in heads.values() for c in head.children
                 if c.dep_ == "prep" and c.lower_ in SEAT_PREPS for g in c.children if g.dep_ == "pobj"]
        target = _excluding([a for a in (acts.site_actor(t) or acts.actor_for(t) for t in seats)
                             if a is not None and a.sector in ("GOV", "LEG", "JUD", "MIL", "COP", "BUS", "IGO")],
                            source)
    if not target and event_type in ("AGREE", "CONSULT") and token.pos_ in ("VERB", "AUX"):
        # "is willing to host direct negotiations between Mali's junta and the rebels": an offer to each party
        hosted = _direct_object(token)
        if hosted is not None:
            # "a new round of talks between ...": the round's talks
            inner = [g for c in hosted.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children
                     if g.dep_ == "pobj"] if hosted.lemma_.lower() in DURATION_NOUNS else []
            parties = [p for noun in [hosted] + inner for p in _prep_objects(noun, ("between", "among"))]
            target = _excluding(_actors(parties, acts), source)
    if not target and pattern.pos == "V" and event_type in VERBAL_TYPES:
        # "condemned what he called an illegal incursion by a Venezuelan navy patrol boat"
        target = _excluding(_actors(_described_doer(token, lexicon), acts), source)
    if not target and event_type == "ACCUSE":
        target = _complaint_target(token, acts, source)
    if not target and event_type == "REJECT":
        target = _refused_target(token, acts, source)
    if not target and event_type in CONTENT_TARGET_TYPES:
        target = _content_target(token, source, acts)
    if not target and event_type in ("MOBILIZE", "THREATEN", "ASSAULT"):
        target = _border_target(token, acts, source)
    if not target and event_type == "MOBILIZE":
        target = _provocation_target(anchor_verb if anchor_verb is not None else token, acts, source)
    if not target and event_type == "MOBILIZE":
        target = _encircled_country(token, anchor_verb, acts, source)
    if not target and event_type == "MOBILIZE" and source:
        target = _counterpart(token, acts, source)
    if not target and event_type in COUNTERPART_TYPES and len(source) == 1:
        # "Armenia's prime minister rejected any change ... as a precondition for a peace treaty with
        # Azerbaijan": the party of another country the sentence names (one doer: "fighting between the army
        # and the RSF" is between them)
        target = _counterpart(token, acts, source, foreign_only=True, physical=event_type in ("ASSAULT", "COERCE"))
    if event_type in ("RETREAT", "CONCEDE") and source and target and all(
            a.country == source[0].country and a.text.split()[0].lower() in ("its", "their", "his", "her")
            for a in target):
        # "Israel will pull its forces out of southern Lebanon": the doer's own forces move; whom it concedes
        # to is the country it leaves
        left = next((country for country in map(acts.withdrawn_from, (token, *extra)) if country is not None), None)
        if left is not None and left.country != source[0].country:
            target = [left]
    # "dropped a chlorine bomb on the town of Saraqeb", "deliver food to El Fasher": a place without a sector
    # of its own stands for its people
    target = [_people_of_place(a, acts) if a.sector is None else a for a in target]
    # one actor is not its own target ("the ambassador's defection from the ambassador")
    target = _excluding(target, source)
    if not source and event_type == "COERCE" and lemma_of(token) in ARREST_LEMMAS and target:
        source = _arresting_police(token, target, acts)
    cand.source, cand.target = source, target
    cand.reciprocal = len(source) >= 2 and not target and _reciprocal(token, anchor_verb)
    if (len(source) == 2 and len(target) == 1 and token.lemma_.lower() in EXCHANGE_LEMMAS
            and target[0].kind == "group" and target[0].country_source == "context"
            and all(a.country and a.country not in ("IGO", "NGO") for a in source)
            and source[0].country != source[1].country):
        # "Russia and Ukraine exchanged 92 prisoners of war": each side hands over the other's people
        cand.crossed = [regroup(target[0], acts.kb, country=side.country, country_source="context")
                        for side in (source[1], source[0])]
    # "X spoke by telephone with Y", "X held talks with Y": a conversation goes both ways; so does an act done
    # together ("patrolled side by side with", "working alongside", "held joint drills with")
    words = {t.lemma_.lower() for t in tokens}
    cand.mutual = (event_type == "CONSULT" and bool(words & MUTUAL_LEMMAS)) or (
        event_type == "COOPERATE" and bool((words | {c.lower_ for c in token.children}) & JOINT_WORDS))
    cand.aux_modes = _aux_modes(token, anchor_verb, lexicon)
    cand.modal = _announced(token, anchor_verb, lexicon)
    cand.conditional = _conditional(anchor_verb)
    if event_type == "ASSAULT" and "negation" in cand.aux_modes and token.dep_ == "xcomp" and (
            token.head.lemma_.lower() in CEASING_VERBS):
        # "Government forces and ethnic rebels stopped fighting on Monday": fighting that stops is a ceasefire
        cand.event_type, cand.mode, cand.cameo = "RETREAT", "ceasefire", "0871"
        cand.aux_modes.discard("negation")
        cand.reciprocal = len(cand.source) >= 2 and not cand.target  # each side stops firing at the other
        cand.rule += "+ceased"
    if event_type == "MOBILIZE" and pattern.pos == "V" and _sent_to_help(token, lexicon):
        # "dispatched two firefighting aircraft to Bolivia to help battle wildfires": forces sent to help are aid
        cand.event_type, cand.mode, cand.cameo = "AID", None, "073"
        cand.rule += "+sent-to-help"
    speech = _speech_source(anchor_verb if anchor_verb is not None else token, lexicon)
    if speech is not None and speech.i != token.i:
        speaker = _actors(_verb_source_tokens(speech), acts)
        if speaker:
            cand.reported_by = speaker[0]
            if (pattern.pos == "V" and not source and _is_passive(token) and event_type in PASSIVE_THREATS
                    and "future" in cand.aux_modes and "negation" not in cand.aux_modes):
                # "anyone carrying a firearm will be arrested, the minister said": the one who says what
                # will be done to others threatens it
                cand.source = [speaker[0]]
                cand.event_type, cand.mode, cand.cameo = "THREATEN", None, None
                cand.rule += "+announced-to-others"
    cand.confidence = round(min(0.95, 0.45 + (0.25 if source else 0) + (0.15 if target else 0)
                                + (0.1 if pattern.pos == "V" else 0)), 2)
    return cand


CONTENT_TARGET_TYPES = {"REJECT", "THREATEN", "SANCTION", "AID", "COOPERATE", "AGREE", "CONCEDE", "SUPPORT"}
TARGET_POSITIONS = ("dobj", "dative", "pobj", "nsubj", "nsubjpass")


OWNER_PREPS = {"by", "from", "of", "to", "on", "against", "for", "with", "about", "over"}


def _respondent(noun) -> list:
    """Who answers a request or an offer named by a noun: the subject of the verb it is the object of, the
    agent of a passive, the subject of the clause a "despite" or "after" phrase hangs on."""
    gov = noun.head
    if noun.dep_ == "dobj" and gov.pos_ in ("VERB", "AUX"):
        return _verb_source_tokens(gov)
    if noun.dep_ == "nsubjpass" and gov.pos_ in ("VERB", "AUX"):
        return [g for c in gov.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
    if noun.dep_ == "pobj" and gov.dep_ == "prep" and gov.lower_ in ("despite", "after", "following", "amid") and (
            gov.head.pos_ in ("VERB", "AUX")):
        return _verb_source_tokens(gov.head)
    return []


def _owners(tok, depth: int = 0) -> list:
    """Whose a thing is, or whom it concerns: "Australia's plan", "a US offer", "an order from the High
    Representative", "access to Facebook", "restrictions on the entry of Palestinian workers"."""
    out = [c for c in tok.children if c.dep_ == "poss"]
    out += [c for c in tok.children if c.dep_ in ("compound", "amod", "nmod") and c.i < tok.i
            and (c.ent_type_ in ("GPE", "NORP", "ORG", "PERSON"))]
    objects = [g for c in tok.children if c.dep_ in ("prep", "agent") and c.lower_ in OWNER_PREPS
               for g in c.children if g.dep_ == "pobj"]
    # "loans owed by Zambia", "debt held by Ghana": who owes or holds it
    objects += [g for c in tok.children if c.dep_ == "acl" and c.lemma_.lower() in ("owe", "hold", "own", "incur")
                for a in c.children if a.dep_ == "agent" for g in a.children if g.dep_ == "pobj"]
    out += objects
    if depth == 0:
        out += [o for g in objects for o in _owners(g, 1)]
        # "$150 million in interest-free loans owed by Zambia": the thing a sum of money is in
        inner = _through_quantity(tok)
        if inner is not None and inner is not tok:
            out += _owners(inner, 1)
    return out


def _excluding(actors: list[Actor], source: list[Actor]) -> list[Actor]:
    """The actors that are not among the doers: one actor is not its own target (two groups of one code
    named apart, "armed herders set ablaze homes", are two actors)."""
    doers = {a.actor_id: a for a in source}
    return [a for a in actors if a.actor_id not in doers or (
        a.kind == "group" and doers[a.actor_id].kind == "group" and a.start != doers[a.actor_id].start
        and not _pronoun(a.text) and not _pronoun(doers[a.actor_id].text))]


def _head_of(actor: Actor, acts: DocumentActors):
    """The token heading an actor's words, or None."""
    span = acts.doc.char_span(actor.start, actor.end, alignment_mode="expand")
    return span.root if span is not None else None


def _named_with(actor: Actor, first: Actor, acts: DocumentActors) -> bool:
    """Whether an actor's words are coordinated with the first actor's ("South Korea and Vietnam")."""
    a, b = _head_of(actor, acts), _head_of(first, acts)
    return a is not None and b is not None and a.i in {t.i for t in b.conjuncts}


def _first_named(actors: list[Actor], acts: DocumentActors) -> list[Actor]:
    """The first of some actors, with those named together with it ("imports from South Korea and Vietnam")."""
    first = next(iter(actors), None)
    return [a for a in actors if a is first or _named_with(a, first, acts)]


def _people_of_place(actor: Actor, acts: DocumentActors) -> Actor:
    head = _head_of(actor, acts)
    return (acts.place_actor(head) if head is not None else None) or actor


def _act_told_by_its_verb(noun, acts: DocumentActors) -> bool:
    """"An Israeli air strike hit a house": the subject names the act, the verb what it did (but "suicide
    bombers attacked" names the doers)."""
    return noun.dep_ == "nsubj" and noun.head.pos_ == "VERB" and acts.actor_for(noun) is None


def _pronoun(text: str) -> bool:
    return text.lower() in PRONOUN_WORDS


def _conditional(verb) -> bool:
    """Whether a verb (or the verb it is the infinitive or gerund of: "would stop supplying gas") carries an
    if/unless clause."""
    for _ in range(3):
        if verb is None:
            return False
        if any(_is_condition(c) for c in verb.children):
            return True
        if verb.dep_ not in ("xcomp",):
            return False
        verb = verb.head
    return False


def _reciprocal(token, anchor_verb) -> bool:
    """Whether the act is one its doers do to each other: "signed a joint communiqué", "restored ties",
    "agreed to respect each other's borders"."""
    lemmas = {token.lemma_.lower()} | ({anchor_verb.lemma_.lower()} if anchor_verb is not None else set())
    if lemmas & RECIPROCAL_LEMMAS:
        return True
    heads = [token] + ([anchor_verb] if anchor_verb is not None else [])
    for head in heads:
        words = [t for t in head.subtree if t.i - head.i < 12]
        text = " ".join(t.lower_ for t in words)
        if any(t.lower_ in RECIPROCAL_WORDS for t in words) or any(p in text for p in RECIPROCAL_PHRASES) or (
                EACH_OTHER.search(text)):
            return True
    return False


def _content_target(token, source: list[Actor], acts: DocumentActors) -> list[Actor]:
    """The target inside what is refused, threatened, agreed or cut: "refused to resume deliveries to
    Germany", "warned it would impose measures on Minsk", "froze licences to Israel", or the subject of
    a condition ("... if protesters continued")."""
    source_ids = {a.actor_id for a in source}
    queue = [(c, 1) for c in token.children if c.dep_ in ("xcomp", "ccomp", "dobj", "advcl", "prep")]
    seen = set()
    while queue:
        tok, depth = queue.pop(0)
        if tok.i in seen or depth > 4:
            continue
        if tok.dep_ == "prep" and tok.lower_ in SETTING_PREPS:
            continue  # "established relations in Manama": where, not with whom
        seen.add(tok.i)
        if tok.dep_ in TARGET_POSITIONS and tok.pos_ in ("NOUN", "PROPN", "PRON"):
            actors = [a for a in acts.actors_for(tok) if a.actor_id not in source_ids and (a.country or a.sector)]
            if actors:
                return actors
        queue += [(c, depth + 1) for c in tok.children
                  if c.dep_ in ("xcomp", "ccomp", "dobj", "prep", "pobj", "advcl", "dative", "nsubj", "pcomp")]
    return []


def _border_target(token, acts: DocumentActors, source: list[Actor] = ()) -> list[Actor]:
    """"massed troops near its border with Ukraine", "toward the Eritrean border": the country across the
    border (not the doer's own)."""
    own = {a.country for a in source}
    for tok in token.sent:
        if tok.lemma_.lower() not in ("border", "frontier", "boundary"):
            continue
        for prep in tok.children:
            if prep.dep_ == "prep" and prep.lower_ == "with":
                pobj = next((g for g in prep.children if g.dep_ == "pobj"), None)
                if pobj is not None:
                    actors = [a for a in acts.actors_for(pobj) if a.country and a.country not in own]
                    if actors:
                        return actors
        for mod in tok.children:
            # "the Eritrean border", "Cambodia's border"
            hit = acts.kb_hits.get(mod.i) if mod.dep_ in ("amod", "compound", "poss") else None
            if hit is not None and hit[2].country and hit[2].country not in own | {"IGO", "NGO"}:
                country = hit[2].country
                return [acts.government_of(mod, hit[0], hit[1], country)]
    return []


def _consequence_of_assault(tok, pattern, trigger_at: dict) -> bool:
    """A participle telling what an attack did ("shelled the camp, killing 11 civilians", "..., killing four
    officers and wounding two") is that attack, when the attack names what it hit."""
    if pattern.event_type != "ASSAULT" or tok.tag_ != "VBG" or tok.dep_ not in ("advcl", "conj"):
        return False
    head = tok.head
    for _ in range(3):  # "killing four and wounding six": up the chain of participles to the attack
        if head.i in trigger_at or head.tag_ != "VBG" or head.dep_ not in ("conj", "advcl") or head.head.i == head.i:
            break
        head = head.head
    if head.i == tok.i or head.i not in trigger_at or trigger_at[head.i][1].event_type != "ASSAULT":
        return False
    return any(c.dep_ in ("dobj", "nsubjpass") for c in head.children) or any(
        c.dep_ == "prep" and any(g.dep_ == "pobj" for g in c.children) and c.lower_ in ("on", "into", "at")
        for c in head.children)


# acts that answer another ("rejected the remarks", "condemned the drills", "welcomed the move")
REACTION_TYPES = frozenset({"ACCUSE", "REJECT", "SUPPORT"})
DEFINITE = frozenset({"the", "this", "these", "those", "that", "such"})


def _reaction_target(token, cand: EventCandidate, found: list[EventCandidate]) -> None:
    """An answer to an act told in the sentence before ("India's ministry rejected the remarks", "Taipei
    condemned the drills", "Tehran dismissed the move") is aimed at whoever did it: the object is a definite
    description with no owner of its own, and the doer is the source of the last act of the sentence before
    (of the kind the noun names, when it names one), someone other than the one answering."""
    obj = _direct_object(token) if token.pos_ in ("VERB", "AUX") else None
    if obj is None or obj.pos_ != "NOUN" or not any(c.dep_ == "det" and c.lower_ in DEFINITE for c in obj.children):
        return
    if any((c.dep_ in ("poss", "compound", "acl", "relcl", "amod") and c.pos_ != "ADJ")
           or (c.dep_ == "prep" and c.lower_ != "as") for c in obj.children):
        return  # "the Egyptian proposal", "the remarks by X", "the decision to ...": said in the sentence itself
    own = {a.actor_id for a in cand.source}
    countries = {a.country for a in cand.source}
    before = [c for c in found if c.sentence_index == cand.sentence_index - 1 and c.source]
    if not before:
        return
    # "condemned the drills" after "launched exercises ... sending warships": the act the noun names, if any
    named = [c for c in before if token.doc[c.trigger_start].lemma_.lower() == obj.lemma_.lower()]
    chosen = named or before
    last = max(chosen, key=lambda c: c.trigger_start)
    doers = [a for a in last.source if a.actor_id not in own and a.country not in countries]
    if doers:
        cand.target = doers
        cand.rule += "+answers-previous"


# subjects of "was the third attack": the act just told
RESTATING_SUBJECTS = frozenset({"it", "this", "that"})


def _restates(token, heads: frozenset[str]) -> bool:
    """A noun that says what an act told before was ("It was the third attack on troops this month", "The
    strike was an attack on civilians"), not another act; calling it a crime is an accusation, kept apart."""
    return token.dep_ == "attr" and token.pos_ == "NOUN" and token.head.lemma_ == "be" and any(
        c.dep_ == "nsubj" and (c.lower_ in RESTATING_SUBJECTS or c.lemma_.lower() in heads)
        for c in token.head.children)


# events by which others press for a concession
PRESSING_TYPES = frozenset({"PROTEST", "REQUEST", "ACCUSE", "THREATEN"})


def _concession_target(cand: EventCandidate, found: list[EventCandidate]) -> None:
    """A concession that names nobody is made to whoever pressed for it in the same sentence: "backed down
    after truck drivers blockaded the roads", "bowing to protests by farmers", "shelved the bill after an
    outcry from press freedom groups" (protesters, or those who demanded or accused, of the conceder)."""
    own = {a.actor_id for a in cand.source}
    countries = {a.country for a in cand.source}
    for other in found:
        if other is cand or other.sentence_index != cand.sentence_index or other.event_type not in PRESSING_TYPES:
            continue
        if other.event_type != "PROTEST" and other.target and not any(
                a.actor_id in own or (a.country in countries and a.sector == "GOV") for a in other.target):
            continue  # a demand or an accusation aimed at someone else
        pressers = [a for a in other.source if a.actor_id not in own and (a.country or a.sector)]
        if pressers:
            cand.target = pressers
            cand.rule += "+pressed-by"
            return


# clause markers of what a show of force answers ("after", "when" the other side acted) and verbs of what
# it is for ("to deter", "to fight in")
ANSWERING_MARKS = frozenset({"after", "when", "as", "following", "because", "since"})
DETERRING_VERBS = frozenset({"deter", "counter", "confront", "fight", "repel", "warn", "dissuade", "reassure"})


def _provocation_target(verb, acts: DocumentActors, source: list[Actor] = ()) -> list[Actor]:
    """Whom a show of force answers or is aimed at, when it names no target: the foreign doer of the clause
    it follows ("scrambled fighter jets after two Russian bombers flew near its airspace", "raised its alert
    level when the North fired shells") or the object of its purpose ("sent a carrier group to deter Iran",
    "called up reservists to fight in Ukraine"); never the doer's own country."""
    if verb.pos_ not in ("VERB", "AUX"):
        return []
    own = {a.country for a in source}
    for clause in verb.children:
        if clause.dep_ not in ("advcl", "xcomp"):
            continue
        marks = {c.lower_ for c in clause.children if c.dep_ in ("mark", "aux")}
        if clause.dep_ == "advcl" and marks & ANSWERING_MARKS:
            candidates = _verb_source_tokens(clause)
        elif "to" in marks and clause.lemma_.lower() in DETERRING_VERBS:
            candidates = [c for c in clause.children if c.dep_ == "dobj"] + _prep_objects(clause, ("in", "against"))
        else:
            continue
        actors = [a for a in _actors(candidates, acts) if a.country and a.country not in own | {"IGO", "NGO"}]
        if actors:
            return actors
    return []


STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "SPY", "JUD", "LEG"})
# types whose words sport, music and film use in other senses: an attack, a surrender, coming to the aid, joining
# forces, a threat
GAME_SENSES = frozenset({"ASSAULT", "COERCE", "RETREAT", "AID", "COOPERATE", "THREATEN", "MOBILIZE", "CONCEDE"})


# types whose missing target is the foreign party of their sentence (measured on dev per type: for AGREE,
# CONSULT, SUPPORT, COOPERATE, PROTEST and RETREAT it cost more than it gained, see docs/accuracy.md)
COUNTERPART_TYPES = frozenset({"THREATEN", "REJECT", "ACCUSE", "CONCEDE", "ASSAULT", "COERCE", "REQUEST", "SANCTION",
                               "AID"})


# arrests and detentions whose doer the text does not name are the police's
ARREST_LEMMAS = frozenset({"arrest", "detain", "detention", "round", "apprehend", "jail", "imprison"})


def _arresting_police(token, target: list[Actor], acts: DocumentActors) -> list[Actor]:
    """Who arrested when the text does not say ("Istanbul's mayor was detained", "the arrest of ..."): the
    police of the country where it happened (a place named in the sentence), else of those arrested."""
    place = next((acts.place_at[t.i] for t in token.sent if t.i in acts.place_at), None)
    country = place.country if place is not None else target[0].country
    if not country or country in ("IGO", "NGO"):
        return []
    police = acts._make(token, token.i, token.i + 1, name=group_name(acts.kb, country, "COP"), country=country,
                        sector="COP", kind="group", title="police")
    police.country_source = "context"
    return [police]


def _counterpart(token, acts: DocumentActors, source: list[Actor], foreign_only: bool = False,
                 physical: bool = False) -> list[Actor]:
    """Whom a show of force faces when no rule above found it: the other party its sentence names. First
    an actor or a place of another country ("North Korea fired a ballistic missile that flew over the
    northern island of Hokkaido": Japan; "Chinese warships massed east of the island" after "Taiwan's armed
    forces"), else a party of the doer's country outside the state when the doer is the state, or the
    state when the doer is not ("deployed soldiers to the prisons after inmates took guards hostage", "Fano
    militiamen massed ahead of an offensive by Ethiopian federal troops"). Never the doer's own forces.

    With ``foreign_only`` (the other types of COUNTERPART_TYPES) only an actor of another country counts, not
    a place; with ``physical`` (an attack, an arrest) a place where it happens that names such a country
    stands for its people ("pounded towns across eastern Ukraine"), and stays the event's place."""
    own = {a.country for a in source if a.country}
    ids = {a.actor_id for a in source}
    sectors = {a.sector for a in source}
    spans = [(a.start, a.end) for a in source]
    state_doer = bool(sectors & STATE_SECTORS)
    foreign, places, domestic = [], [], []
    for tok in token.sent:
        if tok.i == token.i or any(a <= tok.idx < b for a, b in spans) or tok.pos_ not in ("NOUN", "PROPN", "PRON"):
            continue
        owner = next((acts.actor_for(c) for c in tok.children if c.dep_ == "poss"), None)
        if owner is not None and owner.actor_id in ids:
            continue  # "recalled its ambassador from Israel": the doer's own envoy
        actor = acts.actor_for(tok)
        if actor is not None and physical and tok.i in acts.place_at and tok.dep_ == "pobj" and (
                tok.head.lower_ in SETTING_PREPS):
            # "pounded towns across eastern Ukraine": the people of the place where it happens (which stays
            # the event's place)
            actor = acts.place_actor(tok)
        if actor is not None and actor.actor_id not in ids and actor.country:
            if actor.country not in own | {"IGO", "NGO"}:
                foreign.append(actor)
            elif actor.country in own and actor.sector and actor.sector not in sectors and (
                    (actor.sector in STATE_SECTORS) != state_doer):
                domestic.append(actor)
            continue
        place = acts.place_at.get(tok.i)
        if place is not None and own and place.country not in own and not foreign_only:
            places.append(acts.government_of(tok, tok.i, tok.i + 1, place.country, country_source="text"))
    found = foreign or places or ([] if foreign_only else domestic)
    return found[:1]


SURROUNDING_PREPS = frozenset({"around", "near", "off", "toward", "towards", "encircling"})


def _encircled_country(token, verb, acts: DocumentActors, source: list[Actor] = ()) -> list[Actor]:
    """A show of force held around or near another country's land ("launched drills around Taiwan", "massed
    warships off the coast of Guyana") is aimed at that country's government."""
    own = {a.country for a in source}
    heads = [token] + ([verb] if verb is not None and verb.i != token.i else [])
    held = _direct_object(verb) if verb is not None and verb.pos_ in ("VERB", "AUX") else None
    if held is not None:
        heads.append(held)
    for head in heads:
        for prep in head.children:
            if prep.dep_ != "prep" or prep.lower_ not in SURROUNDING_PREPS:
                continue
            for pobj in (g for g in prep.children if g.dep_ == "pobj"):
                where, place = pobj, acts.place_at.get(pobj.i)
                if place is None:  # "off the coast of Guyana"
                    where = next((g for c in pobj.children if c.dep_ == "prep" and c.lower_ == "of"
                                  for g in c.children if g.dep_ == "pobj"), pobj)
                    place = acts.place_at.get(where.i)
                country = place.country if place is not None else None
                if country and country not in own:
                    return [acts.government_of(where, where.i, where.i + 1, country, country_source="text")]
    return []


def _describer(noun, lexicon: Lexicon):
    """The description verb that characterises something as this noun ("described ... as a massacre")."""
    head = noun.head
    if noun.dep_ == "pobj" and head.lower_ == "as" and lexicon.in_class(head.head.lemma_.lower(), "describe"):
        return head.head
    if noun.dep_ in ("oprd", "dobj", "attr") and lexicon.in_class(head.lemma_.lower(), "describe") and any(
        c.dep_ in ("dobj", "oprd") and c.i != noun.i for c in head.children
    ):
        return head
    return None


def _free_relative(describer) -> bool:
    """Whether a description verb describes a free relative object: "condemned what it called ..."."""
    return describer.dep_ == "ccomp" and any(c.dep_ == "dobj" and c.lower_ == "what" for c in describer.children)


def _perpetrators(noun) -> list:
    """Who a described act is laid on: "a massacre committed by the regime", "Morocco's interference", "an
    incursion by a Venezuelan navy patrol boat"."""
    perpetrators = []
    for child in noun.children:
        if child.dep_ == "acl":  # "a massacre committed by the regime"
            perpetrators += [g for c in child.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
        if child.dep_ in ("poss",):
            perpetrators.append(child)
        if child.dep_ == "prep" and child.lower_ == "by":
            perpetrators += [g for g in child.children if g.dep_ == "pobj"]
    return perpetrators


def _described_doer(verb, lexicon: Lexicon) -> list:
    """The doer of the act a verb's free-relative object is described as: "denounced what it called
    Morocco's interference" is aimed at Morocco."""
    for clause in verb.children:
        if not (lexicon.in_class(clause.lemma_.lower(), "describe") and _free_relative(clause)):
            continue
        described = [c for c in clause.children if c.dep_ in ("oprd", "attr") or (c.dep_ == "dobj" and c.lower_ != "what")]
        described += [g for c in clause.children if c.dep_ == "prep" and c.lower_ == "as" for g in c.children
                      if g.dep_ == "pobj"]
        return [p for noun in described for p in _perpetrators(noun)]
    return []


def _refused_target(token, acts: DocumentActors, source: list[Actor]) -> list[Actor]:
    """Whom a refusal turns down, read in what is refused: "refused to let the UN's special rapporteur into
    the country" (the one not let in), "refusal to ratify Sweden's NATO accession" (whose it is), "declined
    to sign a pact championed by Australia", "did not reject a proposal presented by Egyptian mediators"
    (whoever put it forward)."""
    clauses = [c for c in token.children if c.dep_ in ("xcomp", "acl") and any(
        g.dep_ == "aux" and g.lower_ == "to" for g in c.children)] + [token]
    objects = [g for c in clauses for g in c.children if g.dep_ == "dobj"]
    target = _excluding(_actors(objects, acts), source)
    if target:
        return target
    backers = [o for t in objects for o in _owners(t)]
    backers += [g for t in objects for c in t.children if c.dep_ == "acl" for a in c.children if a.dep_ == "agent"
                for g in a.children if g.dep_ == "pobj"]
    # the first found, with those named together with it ("Sweden's NATO accession" is Sweden's)
    return _first_named(_excluding(_actors(backers, acts), source), acts)


# verbs whose stopping the violence under them is a ceasefire (not "failed to attack", "refused to fight")
CEASING_VERBS = frozenset({"stop", "cease", "halt", "end", "suspend"})
HELP_VERBS = frozenset({"help", "assist", "aid", "rescue", "evacuate", "relieve", "treat", "rebuild", "feed",
                        "distribute", "deliver", "search", "restore"})


def _sent_to_help(token, lexicon: Lexicon) -> bool:
    """Whether forces are sent with the purpose of helping: "to help battle wildfires", "to search for
    earthquake survivors", "to evacuate citizens" (not "to fight jihadists", "to secure the border")."""
    for clause in token.children:
        if clause.dep_ not in ("advcl", "xcomp") or not any(
                c.dep_ == "aux" and c.lower_ == "to" for c in clause.children):
            continue
        if clause.lemma_.lower() in HELP_VERBS:
            return True
        if any(lexicon.in_class(t.lemma_.lower(), "disaster") for t in clause.subtree if t.pos_ == "NOUN"):
            return True  # "to fight the wildfires", "to tackle the floods"
    return False


RESTRICTION_NOUNS = frozenset({"ban", "curb", "restriction", "moratorium", "prohibition", "limit", "embargo"})
RESTRICTING_VERBS = frozenset({"ban", "restrict", "prohibit", "outlaw", "forbid", "criminalise", "criminalize"})


def _what_a_ban_covers(token) -> bool:
    """Whether an event noun is what a ban or restriction covers, not an event that happened: "a ban on
    political rallies", "a law restricting demonstrations", "banned protests" (a kind of act; "banned an
    opposition rally planned for Saturday" is one planned event, coded as such)."""
    if token.pos_ != "NOUN":
        return False
    head = token.head
    if token.dep_ == "pobj" and head.lower_ in ("on", "against") and head.head.lemma_.lower() in RESTRICTION_NOUNS:
        return True
    generic = token.tag_ == "NNS" and not any(c.dep_ in ("det", "poss", "nummod") for c in token.children)
    return generic and token.dep_ == "dobj" and head.pos_ == "VERB" and head.lemma_.lower() in RESTRICTING_VERBS


def _done_by_nature(token, lexicon: Lexicon) -> bool:
    """Whether a verb's doer (inherited through participles and coordination) is a disaster: "an earthquake
    shook the province, damaging buildings and injuring 23 people", "floodwaters besieged villages"."""
    if token.pos_ not in ("VERB", "AUX"):
        return False
    for doer in _verb_source_tokens(token):
        # "a wave of Russian drones slammed into the port": what comes in a wave is the doer
        inner = next((g for c in doer.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children
                      if g.dep_ == "pobj"), None)
        if inner is not None:
            doer = inner
        lemma = doer.lemma_.lower()
        # "floodwaters": the disaster the water comes with
        words = {lemma, doer.lower_, lemma.removesuffix("waters"), lemma.removesuffix("water")}
        if any(lexicon.in_class(w, "disaster") for w in words if w):
            return True
    return False


def _complaint_target(token, acts: DocumentActors, source: list[Actor]) -> list[Actor]:
    """Whom a complaint is about: "lodged a complaint with the UN Security Council against Israel" (the
    parse may hang "against" anywhere in the phrase), "lodged a protest with China" (whoever it is lodged
    with, unless a forum: the UN, a court of the IGOs), "complained about the shelling of Thai villages
    by Cambodian artillery" (the doer of the act complained about)."""
    heads = [token]
    if token.dep_ == "dobj" and token.head.pos_ in ("VERB", "AUX"):
        heads.append(token.head)  # "lodged a protest with China": the parse may hang it on the verb
    against = [t for t in token.subtree if t.dep_ == "pobj" and t.head.lower_ == "against"]
    against += [g for h in heads[1:] for g in _prep_objects(h, ("against",))]
    target = _excluding(_actors(against, acts), source)
    if target:
        return target
    if token.pos_ in ("NOUN", "PROPN"):
        addressed = [a for a in _actors([g for h in heads for g in _prep_objects(h, ("with",))], acts)
                     if a.country not in ("IGO", "NGO")]
        target = _excluding(addressed, source)
        if target:
            return target
    acts_about = [g for h in heads for g in _prep_objects(h, ("about", "over"))]
    return _excluding(_actors([p for noun in acts_about for p in _perpetrators(noun)], acts), source)


def _accusation(noun, describer, sent_index: int, acts: DocumentActors, lexicon: Lexicon) -> EventCandidate:
    source = _actors(_verb_source_tokens(describer), acts)
    perpetrators = _perpetrators(noun)
    if not perpetrators:
        perpetrators = [c for c in describer.children if c.dep_ == "dobj" and c.lower_ not in ("what", "it", "this")]
    target = _actors(perpetrators, acts)
    cand = EventCandidate(event_type="ACCUSE", mode="allege", cameo="112", trigger_start=describer.i,
                          trigger_end=describer.i + 1, anchor=describer.i, sentence_index=sent_index,
                          source=source, target=target, rule=f"rule:describe-as-crime:{noun.lemma_}")
    cand.aux_modes = _aux_modes(describer, describer, lexicon)
    cand.confidence = 0.7 if source and target else 0.5
    return cand


def _measured(noun):
    """The noun a duration or round of an event noun stands for in the clause: "a new round of talks",
    "two days of clashes" (the round, the days); else the noun itself."""
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.lemma_.lower() in DURATION_NOUNS:
        return noun.head.head
    return noun


def _own_doer(noun) -> bool:
    """Whether an event noun names its own doer ("Sall's invitation", "an offer by Qatar"), so that the verb
    it is the object of ("accepted") is another act, not the same one said twice ("held talks")."""
    return any(c.dep_ == "poss" and c.lower_ not in PRONOUN_WORDS for c in noun.children) or any(
        c.dep_ in ("prep", "agent") and c.lower_ in ("by", "from") for c in noun.children)


# any act done together by parties of two countries is material cooperation (CAMEO 06)
JOINT_ACT = TriggerPattern(head="*", pos="V", words=(), event_type="COOPERATE", mode=None, cameo="060",
                           constraints=(), line=0)
JOINT_ADVERBS = frozenset({"together", "jointly"})


def _joint_acts(sent, taken: set[int], acts: DocumentActors) -> list[tuple]:
    """Acts done together by parties of two countries, whatever the verb: "Danish and Swedish investigators
    jointly examined the cable", "Kenyan troops patrolled side by side with Somali forces", "Australian
    police began patrolling alongside Papua New Guinea's constabulary" (the verb is no trigger of its own)."""
    out = []
    for verb in sent:
        if verb.pos_ != "VERB" or verb.i in taken or _is_passive(verb):
            continue
        # "patrolled the coast together on Thursday": the parse may hang the adverb on a phrase of the verb
        together = any(c.dep_ == "advmod" and c.lower_ in JOINT_ADVERBS for c in verb.children) or any(
            g.dep_ == "advmod" and g.lower_ in JOINT_ADVERBS for c in verb.children if c.dep_ in ("prep", "dobj")
            for g in c.children)
        side_by_side = any(c.lower_ == "side" and any(g.lower_ == "by" for g in c.children) for c in verb.children)
        partners = _joint_partners(verb)
        if not (together or side_by_side or partners):
            continue
        doers = [a for t in _verb_source_tokens(verb) for a in acts.actors_for(t)]
        others = [a for t in partners for a in acts.actors_for(t)]
        # parties of two countries, or a country and an international body ("warships from India and the EU's
        # Atalanta mission jointly escorted ...")
        parties = {a.country if a.country not in ("IGO", "NGO") else a.actor_id for a in doers + others if a.country}
        if len(parties) >= 2 and (others or len(doers) >= 2):
            out.append((verb, JOINT_ACT, []))
    return out


JOINT_MODIFIERS = frozenset({"joint", "coordinated", "co-ordinated", "combined", "concerted", "synchronised",
                             "synchronized"})


def _joint_operation(token, cand: EventCandidate) -> EventCandidate | None:
    """The cooperation in a joint operation of forces of two countries: "Cameroonian and Chadian troops
    launched a coordinated assault on Boko Haram positions" is an assault on Boko Haram and cooperation
    between the two armies."""
    if cand.event_type not in ("ASSAULT", "COERCE", "MOBILIZE") or "negation" in cand.aux_modes:
        return None
    if len({a.country for a in cand.source if a.country and a.country not in ("IGO", "NGO")}) < 2:
        return None
    nouns = [token] + [c for c in token.children if c.dep_ == "dobj"]
    if not any(m.dep_ in ("amod", "compound") and m.lower_ in JOINT_MODIFIERS for n in nouns for m in n.children):
        return None
    return replace(cand, event_type="COOPERATE", mode=None, cameo="062", target=[], mutual=True,
                   rule=cand.rule + "+joint-operation", aux_modes=set(cand.aux_modes))


SENTENCING_LEMMAS = frozenset({"sentence", "jail", "imprison"})


def _court_verdict(token, cand: EventCandidate) -> EventCandidate | None:
    """A court that jails or sentences someone both holds them (COERCE) and convicts them (SANCTION, CAMEO
    convict): "A Baku court jailed an investigative journalist for nine years"."""
    if cand.event_type != "COERCE" or lemma_of(token) not in SENTENCING_LEMMAS or not cand.target:
        return None
    if not any(a.sector == "JUD" for a in cand.source) or cand.aux_modes & {"negation", "hypothetical"}:
        return None
    return replace(cand, event_type="SANCTION", mode="convict", cameo="160", rule=cand.rule + "+verdict",
                   aux_modes=set(cand.aux_modes))


def _joint_partners(verb) -> list:
    """Whom an act is done with: "alongside X" (on the verb or, as the parser often hangs it, on its object:
    "searched the passes alongside Italian police"), "side by side with X", "together with X"."""
    partners = _prep_objects(verb, ("alongside",))
    partners += [g for o in verb.children if o.dep_ == "dobj" for g in _prep_objects(o, ("alongside",))]
    if any(c.lower_ in JOINT_ADVERBS | {"side"} for c in verb.children):
        partners += _prep_objects(verb, ("with",))
        partners += [g for c in verb.children if c.lower_ in JOINT_ADVERBS | {"side"} for g in _prep_objects(c, ("with",))]
    return partners


# a vehicle carrying relief that arrives somewhere delivers aid there (CAMEO 07)
DELIVERY = TriggerPattern(head="*", pos="V", words=(), event_type="AID", mode=None, cameo="070", constraints=(),
                          line=0)
VEHICLE_NOUNS = frozenset({"convoy", "truck", "lorry", "plane", "aircraft", "ship", "vessel", "boat", "flight",
                           "helicopter", "train", "jet", "airlift", "barge", "ferry"})
ARRIVAL_VERBS = frozenset({"arrive", "reach", "dock", "land", "touch", "cross", "enter", "roll", "pull", "sail",
                           "fly", "drive", "berth"})


def _deliveries(sent, taken: set[int], lexicon: Lexicon) -> dict[int, tuple]:
    """Relief brought by a vehicle that arrives: "Two Mexican navy ships carrying 1,500 tonnes of powdered
    milk docked in Havana", "a UN convoy of 40 trucks carrying wheat flour and medicines crossed into
    northwest Syria", "Carrying tents and blankets, an Indian air force plane touched down in Nepalgunj".
    By the arrival verb's index: (arrival verb, vehicle, destination)."""
    out = {}
    for carry in sent:
        parts = _delivery_parts(carry, lexicon)
        if parts is not None and parts[0].i not in taken:
            out.setdefault(parts[0].i, parts)
    return out


def _delivery_parts(carry, lexicon: Lexicon):
    """(arrival verb, vehicle, destination or None) of a "carrying" relief goods, else None. The doer is
    whoever the vehicle belongs to, the recipient the people of the place it reaches."""
    if carry.lemma_.lower() != "carry" or carry.pos_ != "VERB":
        return None
    objects = [c for c in carry.children if c.dep_ == "dobj"]
    goods = objects + [g for o in objects for g in o.conjuncts] + [_through_quantity(o) for o in objects]
    if not any(g is not None and lexicon.matches(g.lemma_.lower(), "aid_object") for g in goods):
        return None
    if carry.dep_ == "acl":  # "ships carrying milk docked"
        vehicle = carry.head
        if vehicle.dep_ == "pobj" and vehicle.head.lower_ == "of":  # "a convoy of 40 trucks carrying ..."
            vehicle = vehicle.head.head
        if vehicle.dep_ not in ("nsubj", "nsubjpass"):
            return None
        verb = vehicle.head
    elif carry.dep_ == "advcl":  # "Carrying tents, a plane touched down"
        verb = carry.head
        vehicle = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    else:
        return None
    if vehicle is None or vehicle.lemma_.lower() not in VEHICLE_NOUNS or verb.lemma_.lower() not in ARRIVAL_VERBS:
        return None
    destination = next((g for g in _prep_objects(verb, ("in", "into", "to", "at", "on")) if g.ent_type_ != "DATE"),
                       None)
    return verb, vehicle, destination


def _role_end_events(sent, sent_index: int, lexicon: Lexicon, acts: DocumentActors) -> list[tuple]:
    """"X, who was the Syrian ambassador to Sweden until December": a role that ended, a RETREAT."""
    out = []
    for tok in sent:
        if not lexicon.in_class(tok.lemma_.lower(), "serve"):
            continue
        until = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ in ("until", "till", "through")), None)
        if until is None:
            continue
        when = next((g for g in until.children if g.dep_ == "pobj"), None)
        if when is None or not (when.ent_type_ == "DATE" or when.like_num or when.lemma_.lower() in MONTHS):
            continue
        role = [c for c in tok.children if c.dep_ in ("attr", "acomp")]
        role += [g for c in tok.children if c.dep_ == "prep" and c.lower_ == "as" for g in c.children if g.dep_ == "pobj"]
        role = [r for r in role if acts.kb.role_sector(r.lower_) or acts.kb.role_sector(r.lemma_.lower())]
        if not role:
            continue
        source = _actors(_verb_source_tokens(tok), acts)
        if not source:
            continue
        cand = EventCandidate(event_type="RETREAT", mode="resign", cameo="084", trigger_start=until.i,
                              trigger_end=when.right_edge.i + 1, anchor=tok.i, sentence_index=sent_index,
                              source=source, target=[], rule="rule:role-ended-until")
        cand.date_tokens = (when.left_edge.i, when.right_edge.i + 1)
        cand.confidence = 0.6
        out.append((tok, None, cand))
    return out


MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"}

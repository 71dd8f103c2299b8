"""Pre-pass: parse only the sentences that can hold an event.

Before spaCy's tagger, parser and NER run, each article is split into sentences by a cheap rule and each
sentence is checked for a trigger word of the lexicon (any inflection), a speech verb (reported
statements are quotes, and report events), a quotation mark or "until" (a role that ended), and for
a word that can name an actor (a country, demonym, capital, organisation, known person or role noun of the
knowledge base) or a pronoun: a sentence about a football match or a share price names none. Sentences that pass are kept as they are; the others are
replaced by spaces of the same length, so every character offset of the article stays valid and the
parser has almost nothing to do there. The sentence just before a kept sentence is kept too when the
kept one opens with a pronoun or a description, or holds a quotation, so antecedents and cut-off
speakers stay visible; and the sentence just after a kept one is kept when it opens with a definite event
word ("The patrols are run from Torodi"), which may tell where or when the event before it happened.

The effect on accuracy is measured with ``eventwire eval`` (see ``docs/performance.md``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from .lexicon import Lexicon

__all__ = ["Prefilter", "split_sentences"]

_SENTENCE_END = re.compile(r"(?<=[.!?])[\"')\]]*\s+(?=[\"'(\[]?[A-Z0-9])|\n\s*\n")
# "the U.S. Treasury", "Gen. Abdel Fattah al-Burhan": a full stop that ends an abbreviation ends no sentence
# (a fragment "The U.S." alone would hold no trigger and be blanked, taking the country with it)
_ABBREVIATION_END = re.compile(
    r"(?:\b(?:[A-Z]\.){1,4}|\b(?:Mr|Mrs|Ms|Dr|Gen|Lt|Col|Sgt|Capt|Cpl|Gov|Sen|Rep|St|Prof|Rev|Jr|Sr|No|Maj|Adm|"
    r"Brig|Cmdr|Insp|Supt|Mt|Ft|Co|Corp|Inc|Ltd|vs|Jan|Feb|Mar|Apr|Aug|Sept|Sep|Oct|Nov|Dec)\.)$")
_QUOTE_MARK = re.compile(r"[\"\u201c\u201d]")
_WORD = re.compile(r"[^\W\d_][\w'\u2019-]*")
_POSSESSIVE = re.compile(r"['\u2019]s?$")
# "who was the Syrian ambassador to Sweden until December": a role that ended is an event too
_ROLE_END = re.compile(r"\b(until|till)\b", re.IGNORECASE)
# words the rules read beyond the lexicon: "jointly examined", "patrolled alongside" (any act done together
# by two parties is cooperation), "ships carrying rice docked" (relief delivered)
_RULE_WORDS = frozenset({"together", "jointly", "alongside", "side", "carrying", "carried"})
_PRONOUNS = frozenset("he she they it we i his her their its our my him them us me".split())
# Words too plain to mark an actor even when some name ends with them ("the", "new", "people" in a team name)
_PLAIN_WORDS = frozenset(
    "the of and new city united national people group team club year day man woman times post news star "
    "sun mail world international university researchers research company firm shipping motors bank".split()
)
_OPENS_WITH_REFERENCE = re.compile(r"^\W*(he|she|they|it|his|her|their|its|we|i|the)\b", re.IGNORECASE)
# "cut off aid to the country", "the kingdom", "the two sides", "both capitals": parties named in the sentence before
# "The patrols are run from Torodi", "The exercise was staged outside Jizzakh": a sentence that goes on to
# tell where or when the event before it happened
_OPENS_WITH_DEFINITE = re.compile(r"^\W*(?:the|this|that)\s+([a-z][a-z-]*)", re.IGNORECASE)
_REFERS_BACK = re.compile(r"\b(the (country|nation|kingdom|republic|emirate|sultanate|island|archipelago|monarchy)\b"
                          r"|the two [a-z]+s\b|both [a-z]+s\b)", re.IGNORECASE)


def _words(sentence: str) -> list[str]:
    """Lower-case words as the parser will see them: "Sudan's" -> "sudan", "rubber-stamp" -> "rubber-stamp",
    "rubber", "stamp"; accented letters kept ("démarche")."""
    out = []
    for word in _WORD.findall(sentence):
        word = _POSSESSIVE.sub("", word.lower())
        out.append(word)
        if "-" in word:
            out += [part for part in word.split("-") if part]
            if word.startswith("co-"):
                out.append(word.replace("-", "", 1))  # "co-operated" is "cooperated"
    return out


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Cheap sentence spans (start, end) covering the text; over-splitting is harmless here.

    >>> split_sentences("Troops left. Talks began.\\n\\nA new one")
    [(0, 12), (13, 25), (27, 36)]
    """
    spans = []
    pos = 0
    for match in _SENTENCE_END.finditer(text):
        end = match.start()
        if _ABBREVIATION_END.search(text, max(0, end - 12), end):
            continue
        if end > pos:
            spans.append((pos, end))
        pos = match.end()
    if pos < len(text):
        spans.append((pos, len(text)))
    return [(a, b) for a, b in spans if text[a:b].strip()]


@dataclass(frozen=True)
class Prefilter:
    """Masks the sentences of an article that cannot hold an event."""

    lexicon: Lexicon
    kb: object = None  # an ActorKB: with it, a sentence must also name a possible actor

    @cached_property
    def actor_words(self) -> frozenset[str]:
        """Words that can name a political actor: the last word of every country, demonym, capital,
        organisation and known person of the knowledge base, and every non-business role noun."""
        if self.kb is None:
            return frozenset()
        from spacy.lang.en.stop_words import STOP_WORDS

        words = set()
        for phrase, entry in self.kb.phrases.items():
            if entry.sector not in ("BUS", "AGR") and phrase[-1].isalpha() and len(phrase[-1]) > 1:
                words.add(phrase[-1])
        for name in self.kb.names:
            parts = name.split()
            if parts:
                words.add(parts[-1])
        # a person called Said or a paper called the Times must not make every sentence a candidate
        plain = _PLAIN_WORDS | STOP_WORDS
        common = plain | self.lexicon.surface_forms | self.speech_forms
        words = {w for w in words if w not in common}
        # a role noun is an actor word even when it is also the head of a trigger ("protesters", "envoy",
        # "opposition", "forces")
        for term, sector in self.kb.roles.items():
            last = term.split()[-1]
            if sector not in ("BUS", "AGR") and last not in plain:
                words.add(last)
        return frozenset(w for w in words if len(w) > 2)

    @cached_property
    def speech_forms(self) -> frozenset[str]:
        from .lexicon import IRREGULAR, _inflections

        # speech verbs and the other verbs that attribute a quotation ("...," she warned / went on)
        verbs = (self.lexicon.verbs.get("speech", frozenset()) | {"according"}
                 | {v.split("_")[0] for v in self.lexicon.verbs.get("quote_cue", frozenset())})
        return frozenset(f for v in verbs for f in _inflections(v) | IRREGULAR.get(v, set()) | {"said", "told"})

    def keep(self, sentence: str) -> bool:
        """Whether a sentence may hold an event: a trigger form (or a speech verb, a quotation, "until")
        and, when the knowledge base is known, a word that can name an actor or a pronoun."""
        words = _words(sentence)
        present = set(words)
        lexicon = self.lexicon
        speech = self.speech_forms
        said = any(w in speech for w in present)
        quoted = _QUOTE_MARK.search(sentence) is not None
        cue = (quoted or _ROLE_END.search(sentence) or said or not present.isdisjoint(_RULE_WORDS)
               or any(lexicon.is_cue(w, present) for w in present))
        if not cue:
            return False
        if self.kb is None or (said and quoted):
            return True  # a quotation with its cue: the speaker may be a name nobody knows yet
        actors = self.actor_words
        return any(w in actors or w in _PRONOUNS for w in words)

    def mask(self, text: str) -> tuple[str, float]:
        """The text with non-candidate sentences blanked, and the fraction of characters kept."""
        spans = split_sentences(text)
        if not spans:
            return text, 1.0
        keep = [self.keep(text[a:b]) for a, b in spans]
        for i in range(1, len(spans)):
            a, b = spans[i]
            sentence = text[a:b]
            # antecedents of "he", "they", "the minister", and speakers named before a quote
            if keep[i] and not keep[i - 1] and (_OPENS_WITH_REFERENCE.match(sentence) or '"' in sentence
                                                or _REFERS_BACK.search(sentence)):
                keep[i - 1] = True
        surface = self.lexicon.surface_forms
        for i in range(1, len(spans)):
            if keep[i - 1] and not keep[i]:
                opening = _OPENS_WITH_DEFINITE.match(text[spans[i][0]:spans[i][1]])
                keep[i] = opening is not None and opening.group(1).lower() in surface
        if all(keep):
            return text, 1.0
        chars = list(text)
        kept = 0
        for (a, b), flag in zip(spans, keep):
            if flag:
                kept += b - a
                continue
            for j in range(a, b):
                if chars[j] != "\n":
                    chars[j] = " "
        total = sum(b - a for a, b in spans) or 1
        return "".join(chars), kept / total

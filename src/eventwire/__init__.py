"""eventwire: news articles to PLOVER/CAMEO political event data, offline.

>>> import eventwire
>>> result = eventwire.code_text("Rebels attacked an army base near Aleppo on Monday.", published="2020-03-04")
>>> [(e.event_type, e.source[0].sector, e.date) for e in result.events]
[('ASSAULT', 'REB', '2020-03-02')]
"""

from .errors import ConfigError, DictionaryError, EventwireError, InputError, StoreError, StoreLockedError
from .pipeline import Pipeline, Settings, code_articles, code_text
from .schema import (
    SCHEMA_VERSION,
    Actor,
    Article,
    CodedDocument,
    Event,
    Location,
    Quote,
    RunSummary,
    Skipped,
    Span,
)

__version__ = "0.1.0"

__all__ = [
    "__version__",
    "SCHEMA_VERSION",
    "code_text",
    "code_articles",
    "Pipeline",
    "Settings",
    "Article",
    "Actor",
    "Location",
    "Event",
    "Quote",
    "Span",
    "Skipped",
    "CodedDocument",
    "RunSummary",
    "EventwireError",
    "InputError",
    "ConfigError",
    "DictionaryError",
    "StoreError",
    "StoreLockedError",
]

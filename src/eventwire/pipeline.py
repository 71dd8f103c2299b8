"""The orchestrator: one article in, coded events and quotes out. Read it top to bottom like a recipe.

    load -> clean -> check language -> parse -> find actors -> attribute quotes -> find events
         -> place them -> date them -> emit records

Every input document ends as a :class:`~eventwire.schema.CodedDocument` or a
:class:`~eventwire.schema.Skipped` with a reason; an unexpected error in one document becomes a
``Skipped(failed=True)`` for that document and the run goes on.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property

from . import actors as actors_stage
from . import coref as coref_stage
from . import dates as dates_stage
from . import events as events_stage
from . import places as places_stage
from . import quotes as quotes_stage
from .clean import clean_document, dateline_end
from .ingest import RawDocument, read_inputs
from .lexicon import load_lexicon
from .nlp import PARSED_TEXT, limit_blas_threads, load_pipeline
from .ontology import load_ontology
from .schema import Actor, Article, CodedDocument, Event, Quote, Skipped, Span
from .textutil import stable_id

__all__ = ["Settings", "Pipeline", "code_text", "code_articles", "default_pipeline"]

HISTORICAL_DAYS = 30
_ENGLISH = frozenset(
    "the of and to in a is that for on was with he it as at by from his said have has are be an were this "
    "which not but they had its who after their will been also would more than over into government".split()
)


@dataclass(frozen=True, kw_only=True)
class Settings:
    """What a pipeline loads and how it runs. Every option is keyword-only at the API surface."""

    spacy_model: str | None = None
    actors_files: tuple[str, ...] = ()
    agents_files: tuple[str, ...] = ()
    lexicon_dir: str | None = None
    batch_size: int = 32
    prefilter: bool = True
    language_check: bool = True
    # BLAS threads per process (None: the library's default); parallelism comes from workers, one per core
    blas_threads: int | None = 1


def content_hash(title: str, text: str) -> str:
    """The identity of a document's content, for resumable runs and stable event ids."""
    return hashlib.sha256(f"{title}\n\n{text}".encode("utf-8")).hexdigest()[:32]


def _english_ratio(text: str) -> tuple[float, int]:
    words = re.findall(r"[a-zA-Z]+", text[:5000].lower())
    if not words:
        return 0.0, 0
    return sum(w in _ENGLISH for w in words) / len(words), len(words)


_OTHER_FUNCTION_WORDS = tuple(frozenset(words.split()) for words in (
    "der die das und ist nicht mit von den dem zu auf für sich des eine ein im wurde hat sind auch",  # de
    "le la les des et est une un du dans pour pas qui que sur au aux avec ont été par",  # fr
    "el los las del y es una un por para con que se su al lo como fue han",  # es
    "il gli della di che è per una non sono con del nel alla dei",  # it
    "o os da do das dos em um uma para com não foi são pelo pela",  # pt
    "de het een en van is niet op met voor zijn werd door",  # nl
))


def _function_word_ratio(text: str, words: frozenset[str]) -> float:
    tokens = re.findall(r"[a-zA-Zàâäéèêëïîôöùûüçñáíóú]+", text[:5000].lower())
    return sum(t in words for t in tokens) / len(tokens) if tokens else 0.0


def detect_language(text: str) -> str:
    """``en`` for English text; otherwise an ISO 639-1 code from an offline detector (``xx`` if unsure)."""
    ratio, count = _english_ratio(text)
    letters = [c for c in text[:5000] if c.isalpha()]
    latin = sum(1 for c in letters if c.isascii())
    mostly_latin = not letters or latin / len(letters) > 0.7
    # short news sentences full of names have few function words: English unless another language's
    # function words are more frequent
    other = max(_function_word_ratio(text, words) for words in _OTHER_FUNCTION_WORDS)
    if ratio >= 0.1 and ratio >= other:
        return "en"
    if mostly_latin and count < 25 and ratio >= other:
        return "en"
    try:
        from langdetect import DetectorFactory, detect

        DetectorFactory.seed = 0
        code = detect(text[:3000])
    except Exception:  # langdetect raises on text without letters
        return "xx"
    if code == "en" and ratio < 0.05:
        return "xx"
    return code


@dataclass
class Pipeline:
    """Loaded resources (spaCy, actor knowledge base, lexicon, ontology, gazetteer) and the stages."""

    settings: Settings = field(default_factory=Settings)

    @cached_property
    def nlp(self):
        nlp = load_pipeline(self.settings.spacy_model)
        limit_blas_threads(self.settings.blas_threads)
        return nlp

    @cached_property
    def kb(self):
        return actors_stage.load_actor_kb(tuple(self.settings.actors_files), tuple(self.settings.agents_files))

    @cached_property
    def lexicon(self):
        return load_lexicon(self.settings.lexicon_dir)

    @cached_property
    def ontology(self):
        return load_ontology()

    @cached_property
    def gazetteer(self):
        from .gazetteer import load_gazetteer

        return load_gazetteer()

    @cached_property
    def prefilter(self):
        from .prefilter import Prefilter

        return Prefilter(self.lexicon, self.kb)

    def load(self) -> "Pipeline":
        """Load every resource now (spaCy, knowledge base, dictionaries, lexicon, ontology, gazetteer).

        Raises :class:`~eventwire.errors.ConfigError` or :class:`~eventwire.errors.DictionaryError` for a
        setting or user file that cannot be used; otherwise they would load lazily inside a document.
        """
        for name in ("nlp", "kb", "lexicon", "ontology", "gazetteer", "prefilter"):
            getattr(self, name)  # each is a cached property: touching it loads it
        return self

    # ----- the recipe ---------------------------------------------------------------------------------
    def parse_text(self, article: Article) -> str:
        """What spaCy parses: the text, with sentences that cannot hold an event blanked, and a wire
        dateline ended as a sentence of its own ("EL FASHER, Sudan (Wire) - At least 14 civilians ..." is
        parsed as "EL FASHER, Sudan (Wire) . At least 14 civilians ..."); offsets stay those of the text."""
        text = article.text
        if self.settings.prefilter:
            text, _ = self.prefilter.mask(text)
        end = dateline_end(article.text)
        if end:
            separator = max(i for i in range(end) if article.text[i] in "-:\u2013\u2014")
            text = text[:separator] + "." + text[separator + 1:]
        return text

    def prepare(self, raw: RawDocument) -> Article | Skipped:
        """Clean one raw document into an :class:`Article`, or say why it is skipped."""
        cleaned = clean_document(raw.title, raw.body)
        if not cleaned.text.strip():
            reason = "no_text" if raw.body.strip() or raw.title.strip() else "empty"
            return Skipped(doc_id=raw.doc_id, reason=reason, path=raw.path, line=raw.line,
                           detail=f"{raw.path or raw.doc_id}{':' + str(raw.line) if raw.line else ''}: "
                                  f"{'no article text after cleaning' if reason == 'no_text' else 'empty document'}")
        language = "en"
        if self.settings.language_check:
            language = detect_language(cleaned.text)
            if language != "en":
                return Skipped(doc_id=raw.doc_id, reason=f"language={language}", path=raw.path, line=raw.line,
                               detail=f"{raw.path or raw.doc_id}{':' + str(raw.line) if raw.line else ''}: "
                                      f"not English (detected '{language}')")
        return Article(
            doc_id=raw.doc_id, title=cleaned.title, text=cleaned.text, url=raw.url, published=raw.published,
            published_source=raw.published_source, outlet=raw.outlet, source_path=raw.path, source_line=raw.line,
            language=language, content_hash=content_hash(cleaned.title, cleaned.text),
            notes=raw.notes + cleaned.notes,
        )

    def annotate(self, article: Article, doc) -> CodedDocument:
        """Find actors, quotes and events in a parsed article, and place and date the events."""
        published = article.published
        dateline = dateline_end(article.text)
        acts = actors_stage.resolve_actors(doc, self.kb, published=published, skip_before=dateline)
        acts.text = article.text
        found_quotes = quotes_stage.find_quotes(doc, acts, self.lexicon, text=article.text)
        acts.speaker_at = _speaker_lookup(found_quotes)
        acts.speaker_actor = _speaker_lookup(found_quotes, actor=True)
        acts.cue_chars = frozenset(q.cue[0] for q in found_quotes if q.cue is not None)
        # the article's countries, most named first, steer ambiguous place names ("Paris" in a Texan story)
        place_mentions = places_stage.find_places(doc, self.gazetteer, countries=acts.named_countries[:4])
        acts.place_at = {i: m.place for m in place_mentions for i in range(m.start, m.end)}
        if acts.default_country is None and place_mentions:
            # no country named as an actor: the places say where the story is
            acts.default_country = Counter(m.place.country for m in place_mentions).most_common(1)[0][0]
        candidates = events_stage.find_events(doc, acts, self.lexicon)
        # a dateline's date is when the report was filed, not when things happened
        date_mentions = [m for m in dates_stage.find_date_mentions(doc, published)
                         if doc[m.start].idx >= dateline]
        quotes = [self._quote_record(article, q, i) for i, q in enumerate(found_quotes)]
        sentences = list(doc.sents)
        # the dateline's place tells where the report was filed, not where things happened
        event_places = [m for m in place_mentions if m.start_char >= dateline]
        filed_at = next((m for m in place_mentions if m.start_char < dateline), None)
        places = [self._place_of(doc, cand, event_places) for cand in candidates]
        if filed_at is not None:
            # "told supporters here on Saturday": here is where the report was filed
            places = [place if place is not None or not places_stage.said_here(doc, cand.anchor) else filed_at
                      for cand, place in zip(candidates, places)]
        # "hailed an agreement ...", "The agreement commits ...": an event the article tells elsewhere is
        # dated and placed as told there
        links = coref_stage.link_anaphors(
            doc, candidates, self.lexicon, date_mentions=date_mentions, place_mentions=event_places, places=places,
            text_dated=lambda c: dates_stage.event_date(
                doc, c.anchor if c.date_anchor is None else c.date_anchor, mentions=date_mentions, published=None,
                date_tokens=c.date_tokens)[2] == "text")
        # "... began joint patrols. The patrols are run from Torodi": a later sentence tells where it happened
        coref_stage.elaborated_places(doc, candidates, self.lexicon, places=places, locate=lambda i: (
            places_stage.event_location(doc, i, event_places, actor_spans=[])))
        events = [self._event_record(article, doc, sentences, cand, found_quotes, quotes, place, date_mentions)
                  for cand, place in zip(candidates, places)]
        for link in links:
            events[link.anaphor] = events[link.anaphor].model_copy(
                update={"same_as": events[link.antecedent].event_id})
        actors = _document_actors(acts)
        return CodedDocument(article=article, events=_dedupe(events), quotes=quotes, actors=actors)

    def code_documents(self, inputs: Iterable[RawDocument | Skipped]) -> Iterator[CodedDocument | Skipped]:
        """Code a stream of raw documents, batching the parse; yields one result per input, in order."""
        self.load()  # a broken dictionary or model is the user's error, raised before any document
        stream = iter(inputs)
        while True:
            batch = list(itertools.islice(stream, self.settings.batch_size))
            if not batch:
                return
            prepared: list[Article | Skipped] = []
            for raw in batch:
                if isinstance(raw, Skipped):
                    prepared.append(raw)
                    continue
                try:
                    prepared.append(self.prepare(raw))
                except Exception as exc:  # one odd document must not end the run
                    prepared.append(_failure(raw.doc_id, raw.path, raw.line, "prepare", exc))
            articles = [a for a in prepared if isinstance(a, Article)]
            docs = iter(self.nlp.pipe(((text, text) for text in map(self.parse_text, articles)), as_tuples=True,
                                      batch_size=self.settings.batch_size))
            for item in prepared:
                if isinstance(item, Skipped):
                    yield item
                    continue
                try:
                    doc, text = next(docs)
                    doc.user_data[PARSED_TEXT] = text  # Doc.text would join every token again
                    yield self.annotate(item, doc)
                except Exception as exc:
                    yield _failure(item.doc_id, item.source_path, item.source_line, "annotate", exc)

    def code_text(self, text: str, *, title: str = "", published: dt.date | str | None = None,
                  doc_id: str | None = None, url: str | None = None) -> CodedDocument | Skipped:
        """Code one text (the body; give the title separately)."""
        if isinstance(published, str):
            published = dt.date.fromisoformat(published)
        raw = RawDocument(doc_id=doc_id or stable_id(title, text, length=12), title=title, body=text, url=url,
                          published=published, published_source="option" if published else None)
        return next(iter(self.code_documents([raw])))

    # ----- records ------------------------------------------------------------------------------------
    def _quote_record(self, article: Article, q: quotes_stage.FoundQuote, index: int) -> Quote:
        return Quote(
            quote_id=stable_id(article.doc_id, article.content_hash, "quote", q.start, q.end),
            doc_id=article.doc_id, speaker=q.speaker, text=article.text[q.start:q.end], kind=q.kind,
            start=q.start, end=q.end,
            cue=Span(text=article.text[q.cue[0]:q.cue[1]], start=q.cue[0], end=q.cue[1]) if q.cue else None,
            attribution=q.attribution,
        )

    def _place_of(self, doc, cand, place_mentions):
        """Where the text places one event (a PlaceMention or None)."""
        # a shelled town is both the target's home and the event's place: only other actors are no place
        actor_spans = [(a.start, a.end) for a in cand.source + cand.target if a.title != "residents"]
        return places_stage.event_location(
            doc, cand.anchor, place_mentions, actor_spans=actor_spans,
            source_spans=[(a.start, a.end) for a in cand.source],
            destination=cand.event_type in places_stage.DESTINATION_TYPES)

    def _event_record(self, article, doc, sentences, cand, found_quotes, quotes, place, date_mentions) -> Event:
        sent = sentences[cand.sentence_index] if 0 <= cand.sentence_index < len(sentences) else doc[cand.anchor].sent
        trigger = doc[cand.trigger_start:cand.trigger_end]
        first = next((t for t in sent if not t.is_space), None)
        last = next((doc[i] for i in range(sent.end - 1, sent.start - 1, -1) if not doc[i].is_space), None)
        sent_start = first.idx if first is not None else sent.start_char
        sent_end = last.idx + len(last.text) if last is not None else sent.end_char
        aux = set(cand.aux_modes)
        reported_by, quote_id = cand.reported_by, None
        for q, record in zip(found_quotes, quotes):
            if q.start <= trigger.start_char < q.end:
                quote_id = record.quote_id
                if q.speaker is not None:
                    reported_by = q.speaker
                break
        speech_verb = None
        if reported_by is not None:
            speech = events_stage._speech_source(doc[cand.anchor], self.lexicon)
            speech_verb = speech.i if speech is not None else None
            if speech_verb is None:
                for q in found_quotes:
                    if q.start <= trigger.start_char < q.end and q.cue is not None:
                        cue = doc.char_span(q.cue[0], q.cue[1], alignment_mode="expand")
                        speech_verb = cue.root.i if cue is not None else None
        dated_by = cand.anchor if cand.date_anchor is None else cand.date_anchor
        date, precision, date_source = dates_stage.event_date(
            doc, dated_by, mentions=date_mentions, published=article.published, speech_verb=speech_verb,
            date_tokens=cand.date_tokens)
        if date and article.published and date_source == "text":
            first_day = dt.date.fromisoformat((date + "-01-01")[:10] if len(date) == 4 else (date + "-01")[:10])
            if first_day > article.published:
                aux.add("future")
            last_day = _period_end(date)
            if (article.published - last_day).days > HISTORICAL_DAYS:
                aux.add("historical")
        if place is not None:
            # "three civilians were wounded in Avdiivka": unnamed groups belong to where it happened
            cand.source = [_localise(a, place.place.country, self.kb) for a in cand.source]
            cand.target = [_localise(a, place.place.country, self.kb) for a in cand.target]
        elif cand.event_type in HOME_TYPES and cand.source and cand.source[0].country not in (None, "IGO", "NGO") and (
                cand.source[0].country_source != "context" and cand.source[0].sector in HOME_SECTORS):
            # "Belarus freed 16 political prisoners", "police detained dozens": a state arrests, frees and
            # pardons its own people unless the text says whose they are
            country = cand.source[0].country
            cand.target = [_localise(a, country, self.kb) for a in cand.target]
        cameo = cand.cameo or self.ontology.default_cameo(cand.event_type, cand.mode)
        mode = cand.mode
        if mode is not None:
            try:
                self.ontology.validate(cand.event_type, mode)
            except Exception:
                mode = None
        return Event(
            event_id=stable_id(article.doc_id, article.content_hash, cand.event_type, cand.trigger_start,
                               cand.trigger_end, cand.rule),
            doc_id=article.doc_id, event_type=cand.event_type, mode=mode, cameo=cameo,
            quad_class=self.ontology.quad_class(cand.event_type), goldstein=self.ontology.goldstein(cameo),
            source=cand.source, target=cand.target,
            location=places_stage.to_location(place) if place else None,
            date=date, date_precision=precision, date_source=date_source,
            aux_modes=sorted(aux, key=["negation", "hypothetical", "future", "historical"].index),
            reported_by=reported_by, quote_id=quote_id,
            sentence=article.text[sent_start:sent_end], sentence_index=cand.sentence_index,
            sentence_start=sent_start, sentence_end=sent_end,
            trigger=Span(text=article.text[trigger.start_char:trigger.end_char], start=trigger.start_char,
                         end=trigger.end_char),
            confidence=cand.confidence, rule=cand.rule,
        )


# acts a state does at home, to its own people unless the text says otherwise
HOME_TYPES = {"COERCE", "RETREAT", "CONCEDE"}
HOME_SECTORS = {"GOV", "COP", "JUD", "MIL", "SPY"}
LOCAL_SECTORS = {"CVL", "REF", "LAB", "EDU", "MED", "REL", "BUS", "CRM", "UAF", "COP", "JRN", "AGR", "REB", "OPP", "PRM"}


def _localise(actor: Actor, country: str, kb) -> Actor:
    if actor.country_source != "context" or actor.country == country:
        return actor
    if actor.kind in ("person", "organisation"):
        # a person or body the text does not place is most likely of the place where it acts or is acted on
        return actor.model_copy(update={"country": country, "code": country + (actor.sector or "")})
    if actor.sector not in LOCAL_SECTORS:
        return actor
    return actors_stage.regroup(actor, kb, country=country)


def _period_end(value: str) -> dt.date:
    if len(value) == 4:
        return dt.date(int(value), 12, 31)
    if len(value) == 7:
        year, month = int(value[:4]), int(value[5:7])
        nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
        return nxt - dt.timedelta(days=1)
    return dt.date.fromisoformat(value)


def _speaker_lookup(found_quotes, *, actor: bool = False):
    def speaker_at(offset: int):
        for q in found_quotes:
            if q.start <= offset < q.end:
                return q.speaker if actor else q.entity
        return None

    return speaker_at


def _document_actors(acts) -> list[Actor]:
    """Every named actor of the document once: persons and organisations, knowledge-base organisations."""
    out: dict[str, Actor] = {}
    for entity in acts.entities:
        if not entity.mentions:
            continue
        start, end = entity.mentions[0]
        actor = acts._entity_actor(entity, start, end)
        out.setdefault(actor.actor_id, actor)
    for start, end, entry in sorted(set(acts.kb_hits.values()), key=lambda h: h[0]):
        if entry.kind == "organisation":
            actor = acts._kb_actor((start, end, entry), acts.doc[start])
            out.setdefault(actor.actor_id, actor)
    return list(out.values())


def _dedupe(events: list[Event]) -> list[Event]:
    seen: set[str] = set()
    out = []
    for event in events:
        if event.event_id in seen:
            continue
        seen.add(event.event_id)
        out.append(event)
    return out


def _failure(doc_id: str, path: str | None, line: int | None, stage: str, exc: Exception) -> Skipped:
    return Skipped(doc_id=doc_id, reason=f"error:{type(exc).__name__}", path=path, line=line, failed=True,
                   detail=f"{path or doc_id}{':' + str(line) if line else ''}: {stage} failed "
                          f"({type(exc).__name__}: {str(exc)[:200]}); please report it with this document")


_DEFAULT: Pipeline | None = None


def default_pipeline() -> Pipeline:
    """The process-wide pipeline with default settings (loaded on first use)."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Pipeline()
    return _DEFAULT


def code_text(text: str, *, title: str = "", published: dt.date | str | None = None, doc_id: str | None = None,
              url: str | None = None, pipeline: Pipeline | None = None) -> CodedDocument | Skipped:
    """Code one article's text into events and quotes.

    ``published`` anchors relative dates ("on Wednesday"). Returns a :class:`CodedDocument`, or a
    :class:`Skipped` saying why the text was not coded (empty, not English).
    """
    return (pipeline or default_pipeline()).code_text(text, title=title, published=published, doc_id=doc_id,
                                                      url=url)


def code_articles(inputs: Iterable[str], *, published: dt.date | None = None, settings: Settings | None = None,
                  pipeline: Pipeline | None = None) -> Iterator[CodedDocument | Skipped]:
    """Code files, directories or ``-`` (see :func:`eventwire.ingest.read_inputs`), one result per document."""
    pipe = pipeline or (Pipeline(settings) if settings else default_pipeline())
    yield from pipe.code_documents(read_inputs(inputs, published=published))

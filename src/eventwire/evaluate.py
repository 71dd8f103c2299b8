"""Evaluation: code gold documents and measure eventwire against them, per type and per field.

Matching rules (documented in ``docs/evaluation.md``): a predicted event matches a gold event of the
same PLOVER type when its trigger overlaps an occurrence of the gold trigger in the text; events left
over are then matched by type within the same sentence. Each gold and each predicted event is used at
most once. Unmatched predictions are false positives, unmatched gold events false negatives.
Field accuracies (mode, source/target country and sector, location, date, aux modes) are computed on
matched pairs where the gold value is given. A no-event document with any prediction is a false alarm.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import os
import re
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputError
from .schema import EVENT_TYPES, CodedDocument, Event
from .textutil import name_key

__all__ = ["GoldDocument", "EvalReport", "load_gold", "evaluate", "format_report"]


@dataclass
class GoldDocument:
    id: str
    text: str
    published: dt.date | None
    events: list[dict]
    quotes: list[dict]
    path: str


def load_gold(paths: list[str | os.PathLike]) -> list[GoldDocument]:
    """Read gold documents from JSONL files or directories; errors name the file and line."""
    files: list[Path] = []
    for p in paths:
        path = Path(p)
        if path.is_dir():
            files += sorted(path.rglob("*.jsonl"))
        elif path.exists():
            files.append(path)
        else:
            raise InputError("no such gold file or directory", path=str(p))
    docs = []
    for file in files:
        for number, line in enumerate(file.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                docs.append(GoldDocument(
                    id=str(record["id"]), text=record["text"],
                    published=dt.date.fromisoformat(record["published"]) if record.get("published") else None,
                    events=record.get("events") or [], quotes=record.get("quotes") or [], path=f"{file}:{number}"))
            except (json.JSONDecodeError, KeyError, ValueError, TypeError) as exc:
                raise InputError(f"not a gold document ({type(exc).__name__}: {exc})", path=str(file),
                                 line=number) from exc
    return docs


@dataclass
class Tally:
    right: int = 0
    total: int = 0

    def add(self, ok: bool) -> None:
        self.total += 1
        self.right += bool(ok)

    @property
    def value(self) -> float | None:
        return round(self.right / self.total, 3) if self.total else None


@dataclass
class EvalReport:
    documents: int = 0
    seconds: float = 0.0
    tp: Counter = field(default_factory=Counter)
    fp: Counter = field(default_factory=Counter)
    fn: Counter = field(default_factory=Counter)
    fields: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    no_event_docs: int = 0
    false_alarm_docs: int = 0
    quote_chars: Counter = field(default_factory=Counter)
    mistakes: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))

    def per_type(self) -> dict[str, dict]:
        out = {}
        for t in EVENT_TYPES:
            tp, fp, fn = self.tp[t], self.fp[t], self.fn[t]
            p = tp / (tp + fp) if tp + fp else None
            r = tp / (tp + fn) if tp + fn else None
            f = 2 * p * r / (p + r) if p and r else (0.0 if (tp + fp + fn) else None)
            out[t] = {"precision": _r(p), "recall": _r(r), "f1": _r(f), "tp": tp, "fp": fp, "fn": fn,
                      "support": tp + fn}
        return out

    def micro(self) -> dict:
        tp, fp, fn = sum(self.tp.values()), sum(self.fp.values()), sum(self.fn.values())
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        return {"precision": _r(p), "recall": _r(r), "f1": _r(2 * p * r / (p + r) if p + r else 0.0)}

    def macro_f1(self) -> float:
        values = [v["f1"] for v in self.per_type().values() if v["support"]]
        return _r(sum(values) / len(values)) if values else 0.0

    def quote_overlap(self) -> dict:
        inter, pred, gold = self.quote_chars["overlap"], self.quote_chars["pred"], self.quote_chars["gold"]
        p = inter / pred if pred else 0.0
        r = inter / gold if gold else 0.0
        return {"precision": _r(p), "recall": _r(r), "f1": _r(2 * p * r / (p + r) if p + r else 0.0)}

    def to_dict(self) -> dict:
        return {
            "documents": self.documents, "seconds": round(self.seconds, 2),
            "documents_per_second": round(self.documents / self.seconds, 2) if self.seconds else None,
            "per_type": self.per_type(), "micro": self.micro(), "macro_f1": self.macro_f1(),
            "false_alarm_rate": _r(self.false_alarm_docs / self.no_event_docs) if self.no_event_docs else None,
            "no_event_documents": self.no_event_docs,
            "fields": {k: {"accuracy": v.value, "n": v.total} for k, v in sorted(self.fields.items())},
            "quote_span": self.quote_overlap(),
        }


def _r(x):
    return None if x is None else round(x, 3)


def _occurrences(text: str, trigger: str) -> list[tuple[int, int]]:
    if not trigger:
        return []
    return [(m.start(), m.end()) for m in re.finditer(re.escape(trigger), text)] or [
        (m.start(), m.end()) for m in re.finditer(re.escape(trigger), text, re.IGNORECASE)]


def _normalise_gold_text(text: str) -> str:
    from .clean import normalise_text

    return normalise_text(text)


def _match(doc_text: str, gold_events: list[dict], predicted: list[Event]) -> list[tuple[dict, Event]]:
    pairs: list[tuple[dict, Event]] = []
    used_pred: set[int] = set()
    unmatched_gold = []
    for g in gold_events:
        spans = _occurrences(doc_text, _normalise_gold_text(g.get("trigger") or ""))
        found = None
        candidates = [i for i, e in enumerate(predicted) if i not in used_pred and e.event_type == g["event_type"]
                      and any(a < e.trigger.end and e.trigger.start < b for a, b in spans)]
        if candidates:
            # of several events on one trigger ("A and B met": A->B and B->A), the one whose actors agree
            found = max(candidates, key=lambda i: (_actor_agreement(g, predicted[i]), -i))
        if found is None:
            unmatched_gold.append((g, spans))
        else:
            used_pred.add(found)
            pairs.append((g, predicted[found]))
    for g, spans in unmatched_gold:
        candidates = [i for i, e in enumerate(predicted) if i not in used_pred and e.event_type == g["event_type"]
                      and (any(e.sentence_start <= a < e.sentence_end for a, _ in spans) or not spans)]
        if candidates:
            i = max(candidates, key=lambda i: (_actor_agreement(g, predicted[i]), -i))
            used_pred.add(i)
            pairs.append((g, predicted[i]))
    return pairs


def _actor_agreement(gold: dict, event: Event) -> int:
    score = 0
    for role, actors in (("source", event.source), ("target", event.target)):
        country = (gold.get(role) or {}).get("country")
        if country and any(a.country == country for a in actors):
            score += 1
    return score


def _km(lat1, lon1, lat2, lon2) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def _same_name(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return False
    ka, kb = name_key(a), name_key(b)
    if ka == kb or ka in kb or kb in ka:
        return True
    ta, tb = set(ka.split()), set(kb.split())
    return bool(ta & tb - {"the", "of", "and", "a"}) and (ka.split()[-1] == kb.split()[-1])


def _same_entry(kb, predicted: str | None, gold: str | None) -> bool:
    """Whether two names are one entry of the actor knowledge base ("NATO" and "North Atlantic Treaty
    Organization")."""
    if kb is None or not predicted or not gold:
        return False
    from .actors import _phrase_tokens

    def entry(name: str):
        words = _phrase_tokens(name)
        if words[:1] == ("the",):
            words = words[1:]
        return kb.phrases.get(words)

    a, b = entry(predicted), entry(gold)
    return a is not None and b is not None and (a is b or a.name == b.name)


def evaluate(paths: list[str], *, pipeline=None) -> EvalReport:
    """Code every gold document and compare (see the module docstring for the matching rules)."""
    from .pipeline import default_pipeline

    pipe = pipeline or default_pipeline()
    gold = load_gold(paths)
    report = EvalReport()
    started = time.perf_counter()
    from .ingest import RawDocument

    raws = [RawDocument(doc_id=g.id, title="", body=g.text, published=g.published) for g in gold]
    results = list(pipe.code_documents(raws))
    report.seconds = time.perf_counter() - started
    for g, result in zip(gold, results):
        report.documents += 1
        if not isinstance(result, CodedDocument):
            for ge in g.events:
                report.fn[ge["event_type"]] += 1
            continue
        text = result.article.text
        predicted = result.events
        if not g.events:
            report.no_event_docs += 1
            if predicted:
                report.false_alarm_docs += 1
                report.mistakes["false alarm"].append(f"{g.id}: {predicted[0].event_type} '{predicted[0].trigger.text}' "
                                                      f"in: {predicted[0].sentence[:140]}")
        pairs = _match(text, g.events, predicted)
        matched_gold = {id(ge) for ge, _ in pairs}
        matched_pred = {id(e) for _, e in pairs}
        for ge, e in pairs:
            report.tp[ge["event_type"]] += 1
            _score_fields(report, g, ge, e)
        for ge in g.events:
            if id(ge) not in matched_gold:
                report.fn[ge["event_type"]] += 1
                report.mistakes[f"missed {ge['event_type']}"].append(f"{g.id}: '{ge.get('trigger')}' in: {g.text[:160]}")
        for e in predicted:
            if id(e) not in matched_pred:
                report.fp[e.event_type] += 1
                if g.events:
                    report.mistakes[f"spurious {e.event_type}"].append(f"{g.id}: '{e.trigger.text}' ({e.rule}) in: "
                                                                      f"{e.sentence[:160]}")
        _score_quotes(report, g, result, getattr(pipe, "kb", None))
    return report


def _score_fields(report: EvalReport, g: GoldDocument, ge: dict, e: Event) -> None:
    f = report.fields
    if ge.get("mode"):
        f["mode"].add(ge["mode"] == e.mode)
    for role, actors in (("source", e.source), ("target", e.target)):
        gold_actor = ge.get(role)
        if not gold_actor:
            continue
        for attribute in ("country", "sector"):
            if not gold_actor.get(attribute):
                continue
            ok = any(getattr(a, attribute) == gold_actor[attribute] for a in actors)
            f[f"{role}_{attribute}"].add(ok)
            if not ok:
                report.mistakes[f"{role} {attribute}"].append(
                    f"{g.id}: gold {gold_actor.get('name')} {gold_actor[attribute]}, got "
                    f"{[(a.text, getattr(a, attribute)) for a in actors]}")
    loc = ge.get("location")
    if loc and loc.get("country"):
        f["location_country"].add(e.location is not None and e.location.country == loc["country"])
        if loc.get("lat") is not None:
            ok = e.location is not None and _km(loc["lat"], loc["lon"], e.location.lat, e.location.lon) <= 25
            f["location_25km"].add(ok)
            if not ok:
                report.mistakes["location"].append(f"{g.id}: gold {loc.get('name')}, got "
                                                   f"{e.location.name if e.location else None}")
    gold_date = ge.get("date")
    if gold_date:
        ok = e.date == gold_date
        f["date"].add(ok)
        if not ok:
            report.mistakes["date"].append(f"{g.id}: gold {gold_date}, got {e.date} ('{e.trigger.text}')")
    elif g.published:
        # the text gives no date: the event carries the publication date or the date of its report
        f["date_undated"].add(e.date is not None)
    f["aux_modes"].add(set(ge.get("aux_modes") or []) == set(e.aux_modes))
    if set(ge.get("aux_modes") or []) != set(e.aux_modes):
        report.mistakes["aux modes"].append(f"{g.id}: gold {ge.get('aux_modes')}, got {e.aux_modes} "
                                            f"('{e.trigger.text}')")


def _score_quotes(report: EvalReport, g: GoldDocument, result: CodedDocument, kb=None) -> None:
    text = result.article.text
    gold_spans = []
    for gq in g.quotes:
        spans = _occurrences(text, _normalise_gold_text(gq.get("text", "")))
        if spans:
            gold_spans.append((spans[0], gq))
    pred_chars: set[int] = set()
    # gold documents that annotate no indirect quotes are scored on direct quotes only
    scored_kinds = {"direct", "mixed"} | ({"indirect"} if any(q.get("kind") == "indirect" for q in g.quotes) else set())
    for q in result.quotes:
        if q.kind in scored_kinds:
            pred_chars.update(range(q.start, q.end))
    gold_chars: set[int] = set()
    for (a, b), _ in gold_spans:
        gold_chars.update(range(a, b))
    report.quote_chars["overlap"] += len(pred_chars & gold_chars)
    report.quote_chars["pred"] += len(pred_chars)
    report.quote_chars["gold"] += len(gold_chars)
    for (a, b), gq in gold_spans:
        best = max(result.quotes, key=lambda q: (min(b, q.end) - max(a, q.start), q.kind != "indirect"), default=None)
        overlap = best is not None and min(b, best.end) - max(a, best.start) > 0
        ok = overlap and best.speaker is not None and (
            _same_name(best.speaker.name, gq.get("speaker")) or _same_name(best.speaker.text, gq.get("speaker"))
            or _same_entry(kb, best.speaker.name, gq.get("speaker")))
        report.fields["quote_speaker"].add(bool(ok))
        if not ok:
            report.mistakes["quote speaker"].append(
                f"{g.id}: gold {gq.get('speaker')}, got {best.speaker.name if overlap and best.speaker else None}")


def format_report(report: EvalReport, *, errors: int = 0) -> str:
    """The evaluation as a printable table."""
    d = report.to_dict()
    lines = [f"{'type':<10} {'P':>6} {'R':>6} {'F1':>6} {'support':>8}"]
    for t, v in d["per_type"].items():
        if not v["support"] and not v["fp"]:
            continue
        fmt = lambda x: "   -  " if x is None else f"{x:6.3f}"  # noqa: E731
        lines.append(f"{t:<10} {fmt(v['precision'])} {fmt(v['recall'])} {fmt(v['f1'])} {v['support']:>8}")
    m = d["micro"]
    lines += ["", f"micro P/R/F1   {m['precision']:.3f} / {m['recall']:.3f} / {m['f1']:.3f}",
              f"macro F1       {d['macro_f1']:.3f}",
              f"false alarms   {d['false_alarm_rate']} of {d['no_event_documents']} no-event documents"
              if d["false_alarm_rate"] is not None else "false alarms   (no no-event documents)", ""]
    for name, v in d["fields"].items():
        lines.append(f"{name:<16} {v['accuracy'] if v['accuracy'] is not None else '-':>6}  (n={v['n']})")
    q = d["quote_span"]
    lines += [f"quote span P/R/F1 {q['precision']:.3f} / {q['recall']:.3f} / {q['f1']:.3f}",
              f"{d['documents']} documents in {d['seconds']}s ({d['documents_per_second']} documents/s)"]
    if errors:
        for kind, items in sorted(report.mistakes.items(), key=lambda kv: -len(kv[1])):
            lines += ["", f"{kind} ({len(items)}):"] + [f"  {x}" for x in items[:errors]]
    return "\n".join(lines)

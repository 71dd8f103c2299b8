"""Ingest: read input files and streams into raw documents, one at a time.

Supported inputs: ``.txt`` (first non-empty line is the title), ``.html``/``.htm`` (main text and
metadata through trafilatura and htmldate), ``.jsonl``/``.ndjson`` and ``.csv`` (columns ``id, text,
title, url, published``), ``.warc``/``.warc.gz`` (HTML responses), directories (recursively) and ``-``
for standard input. Every input yields either a :class:`RawDocument` or a :class:`~eventwire.schema.Skipped`
naming the file and line: nothing is dropped silently and nothing raises for bad content.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputError
from .schema import Skipped

__all__ = ["RawDocument", "read_inputs", "read_path", "decode_bytes", "parse_date", "MAX_BYTES"]

#: Documents larger than this are cut (with a note) so one odd file cannot exhaust memory.
MAX_BYTES = 2_000_000
TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
CSV_SUFFIXES = {".csv"}
WARC_SUFFIXES = {".warc", ".warc.gz", ".arc", ".arc.gz"}


@dataclass(slots=True)
class RawDocument:
    """A document as read, before cleaning: the title and body as the input gave them."""

    doc_id: str
    body: str
    title: str = ""
    url: str | None = None
    published: dt.date | None = None
    published_source: str | None = None
    outlet: str | None = None
    path: str | None = None
    line: int | None = None
    is_html: bool = False
    notes: list[str] = field(default_factory=list)


def parse_date(value: object) -> dt.date | None:
    """Parse an ISO-ish date (``2012-07-12``, ``2012-07-12T10:00:00Z``); ``None`` when empty or bad.

    >>> parse_date("2012-07-12T08:00:00Z")
    datetime.date(2012, 7, 12)
    >>> parse_date("not a date") is None
    True
    """
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        return None


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if not sample:
        return False
    if sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False  # UTF-16 with a BOM is text
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13, 27))
    return controls / len(sample) > 0.1


def decode_bytes(data: bytes) -> tuple[str, list[str]]:
    """Decode bytes as text: UTF-8 (with or without BOM), UTF-16 with a BOM, else Windows-1252.

    Returns the text and notes on what was done (empty when it was clean UTF-8). Raises
    :class:`InputError` for binary data.
    """
    notes: list[str] = []
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), ["decoded as UTF-16"]
        except UnicodeDecodeError as exc:
            raise InputError(f"UTF-16 byte-order mark but undecodable content ({exc.reason})") from exc
    if _looks_binary(data):
        raise InputError("binary content, not text: give a .txt, .html, .jsonl, .csv or .warc file")
    try:
        return data.decode("utf-8-sig"), notes
    except UnicodeDecodeError:
        pass
    # Mixed or legacy encodings: decode line by line so one Latin-1 line does not spoil the rest.
    lines = []
    for raw_line in data.split(b"\n"):
        try:
            lines.append(raw_line.decode("utf-8"))
        except UnicodeDecodeError:
            lines.append(raw_line.decode("cp1252", errors="replace"))
    notes.append("not valid UTF-8: undecodable lines read as Windows-1252")
    return "\n".join(lines), notes


def _read_bytes(path: Path) -> tuple[bytes, list[str]]:
    with path.open("rb") as fh:
        data = fh.read(MAX_BYTES + 1)
    notes = []
    if len(data) > MAX_BYTES:
        data = data[:MAX_BYTES]
        # do not cut a UTF-8 sequence in half
        while data and (data[-1] & 0xC0) == 0x80:
            data = data[:-1]
        if data and data[-1] >= 0xC0:
            data = data[:-1]
        notes.append(f"file larger than {MAX_BYTES} bytes: only the first {MAX_BYTES} bytes were read")
    return data, notes


def _suffix(path: Path) -> str:
    name = path.name.lower()
    for double in (".warc.gz", ".arc.gz"):
        if name.endswith(double):
            return double
    return path.suffix.lower()


def _text_document(text: str, *, doc_id: str, path: str | None, notes: list[str]) -> RawDocument:
    lines = text.splitlines()
    title = ""
    for i, line in enumerate(lines):
        if line.strip():
            title = line.strip()
            body = "\n".join(lines[i + 1 :])
            break
    else:
        body = ""
    return RawDocument(doc_id=doc_id, title=title, body=body, path=path, notes=list(notes))


def _html_document(html: str, *, doc_id: str, path: str | None, url: str | None, notes: list[str]) -> RawDocument:
    import trafilatura
    from htmldate import find_date

    try:
        extracted = trafilatura.bare_extraction(
            html, url=url, with_metadata=True, include_comments=False, favor_precision=True
        )
    except Exception as exc:  # trafilatura raises a variety of lxml errors on broken markup
        raise InputError(f"HTML could not be parsed ({type(exc).__name__})") from exc
    title = body = ""
    published = None
    if extracted is not None:
        get = extracted.get if isinstance(extracted, dict) else lambda k: getattr(extracted, k, None)
        title = get("title") or ""
        body = get("text") or ""
        published = parse_date(get("date"))
        url = url or get("url")
    if published is None and body:
        try:
            published = parse_date(find_date(html, original_date=True, extensive_search=False))
        except Exception:  # htmldate is best effort; a missing date is not an error
            published = None
    return RawDocument(
        doc_id=doc_id, title=title, body=body, url=url, published=published,
        published_source="html" if published else None, path=path, is_html=True, notes=list(notes),
    )


def _record_document(record: dict, *, default_id: str, path: str, line: int) -> RawDocument:
    text = record.get("text")
    if text is None:
        text = record.get("body")
    if not isinstance(text, str):
        raise InputError("record has no 'text' string field", path=path, line=line)
    doc_id = str(record.get("id") or record.get("doc_id") or default_id)
    title = record.get("title") or ""
    published = parse_date(record.get("published"))
    is_html = bool(record.get("html")) or text.lstrip().startswith("<")
    if is_html and "<" in text[:200]:
        doc = _html_document(text, doc_id=doc_id, path=path, url=record.get("url"), notes=[])
        doc.title = doc.title or str(title)
        doc.published = published or doc.published
    else:
        doc = RawDocument(doc_id=doc_id, title=str(title), body=text, url=record.get("url") or None)
        doc.published = published
    if published is not None:
        doc.published_source = "input"
    doc.outlet = record.get("outlet") or record.get("source") or None
    doc.path, doc.line = path, line
    return doc


def _read_jsonl(text: str, path: str) -> Iterator[RawDocument | Skipped]:
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        default_id = f"{Path(path).name}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Skipped(doc_id=default_id, reason="malformed_jsonl", path=path, line=number,
                          detail=f"{path}:{number}: not valid JSON ({exc.msg} at column {exc.colno})")
            continue
        if not isinstance(record, dict):
            yield Skipped(doc_id=default_id, reason="malformed_jsonl", path=path, line=number,
                          detail=f"{path}:{number}: a JSON object is expected, got {type(record).__name__}")
            continue
        try:
            yield _record_document(record, default_id=default_id, path=path, line=number)
        except InputError as exc:
            yield Skipped(doc_id=default_id, reason="malformed_record", path=path, line=number, detail=str(exc))


def _read_csv(text: str, path: str) -> Iterator[RawDocument | Skipped]:
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [h.strip().lower() for h in next(reader)]
    except StopIteration:
        return
    except csv.Error as exc:
        yield Skipped(doc_id=f"{Path(path).name}:1", reason="malformed_csv", path=path, line=1,
                      detail=f"{path}:1: header row unreadable ({exc})")
        return
    if "text" not in header and "body" not in header:
        yield Skipped(doc_id=f"{Path(path).name}:1", reason="malformed_csv", path=path, line=1,
                      detail=f"{path}:1: no 'text' column (columns: id, text, title, url, published)")
        return
    while True:
        line = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            yield Skipped(doc_id=f"{Path(path).name}:{line}", reason="malformed_csv", path=path, line=line,
                          detail=f"{path}:{line}: unreadable row ({exc})")
            continue
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            yield Skipped(doc_id=f"{Path(path).name}:{line}", reason="malformed_csv", path=path, line=line,
                          detail=f"{path}:{line}: {len(row)} fields where the header has {len(header)}")
            continue
        record = dict(zip(header, row, strict=True))
        try:
            yield _record_document(record, default_id=f"{Path(path).name}:{line}", path=path, line=line)
        except InputError as exc:
            yield Skipped(doc_id=f"{Path(path).name}:{line}", reason="malformed_csv", path=path, line=line,
                          detail=str(exc))


def _read_warc(path: Path) -> Iterator[RawDocument | Skipped]:
    from warcio.archiveiterator import ArchiveIterator

    name = str(path)
    try:
        with path.open("rb") as fh:
            for number, record in enumerate(ArchiveIterator(fh), start=1):
                if record.rec_type != "response":
                    continue
                url = record.rec_headers.get_header("WARC-Target-URI")
                ctype = (record.http_headers.get_header("Content-Type") if record.http_headers else "") or ""
                doc_id = record.rec_headers.get_header("WARC-Record-ID") or f"{path.name}:{number}"
                doc_id = doc_id.strip("<>").removeprefix("urn:uuid:")
                if "html" not in ctype.lower():
                    yield Skipped(doc_id=doc_id, reason="not_html", path=name, line=number,
                                  detail=f"{name}: record {number} ({url}) is {ctype or 'untyped'}, not HTML")
                    continue
                data = record.content_stream().read(MAX_BYTES)
                try:
                    html, notes = decode_bytes(data)
                    doc = _html_document(html, doc_id=doc_id, path=name, url=url, notes=notes)
                except InputError as exc:
                    yield Skipped(doc_id=doc_id, reason="unreadable", path=name, line=number, detail=f"{name}: {exc}")
                    continue
                doc.line = number
                yield doc
    except Exception as exc:  # warcio raises plain exceptions on truncated archives
        yield Skipped(doc_id=path.name, reason="malformed_warc", path=name,
                      detail=f"{name}: WARC archive unreadable or truncated ({type(exc).__name__}: {exc})", failed=True)


def read_path(path: Path, *, display: str | None = None) -> Iterator[RawDocument | Skipped]:
    """Read one file (not a directory) into documents or skips."""
    name = display or str(path)
    suffix = _suffix(path)
    doc_id = path.stem if suffix not in WARC_SUFFIXES else path.name
    if suffix in WARC_SUFFIXES:
        yield from _read_warc(path)
        return
    if suffix not in TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | CSV_SUFFIXES:
        yield Skipped(doc_id=doc_id, reason="unsupported_format", path=name,
                      detail=f"{name}: unsupported file type '{suffix or 'none'}' (use .txt, .html, .jsonl, .csv, .warc)")
        return
    try:
        data, size_notes = _read_bytes(path)
    except OSError as exc:
        yield Skipped(doc_id=doc_id, reason="unreadable", path=name, detail=f"{name}: cannot read ({exc.strerror})",
                      failed=True)
        return
    try:
        text, notes = decode_bytes(data)
    except InputError as exc:
        yield Skipped(doc_id=doc_id, reason="binary", path=name, detail=f"{name}: {exc}")
        return
    notes = size_notes + notes
    if suffix in JSONL_SUFFIXES:
        yield from _read_jsonl(text, name)
    elif suffix in CSV_SUFFIXES:
        yield from _read_csv(text, name)
    elif suffix in HTML_SUFFIXES:
        try:
            yield _html_document(text, doc_id=doc_id, path=name, url=None, notes=notes)
        except InputError as exc:
            yield Skipped(doc_id=doc_id, reason="unreadable", path=name, detail=f"{name}: {exc}")
    else:
        yield _text_document(text, doc_id=doc_id, path=name, notes=notes)


def _iter_directory(root: Path) -> Iterator[Path]:
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for filename in sorted(filenames):
            if not filename.startswith("."):
                yield Path(dirpath) / filename


def _read_stdin(stream) -> Iterator[RawDocument | Skipped]:
    data = stream.buffer.read() if hasattr(stream, "buffer") else stream.read().encode("utf-8")
    try:
        text, notes = decode_bytes(data)
    except InputError as exc:
        yield Skipped(doc_id="stdin", reason="binary", path="-", detail=f"<stdin>: {exc}")
        return
    if text.lstrip().startswith("{"):
        yield from _read_jsonl(text, "<stdin>")
    elif text.lstrip()[:15].lower().startswith(("<!doctype", "<html")):
        try:
            yield _html_document(text, doc_id="stdin", path="<stdin>", url=None, notes=notes)
        except InputError as exc:
            yield Skipped(doc_id="stdin", reason="unreadable", path="<stdin>", detail=f"<stdin>: {exc}")
    else:
        yield _text_document(text, doc_id="stdin", path="<stdin>", notes=notes)


def read_inputs(
    inputs: Iterable[str | os.PathLike], *, published: dt.date | None = None, stdin=None
) -> Iterator[RawDocument | Skipped]:
    """Yield a document or a skip for every input: files, directories (recursive) and ``-``.

    ``published`` is the publication date given where the input carries none. A path that does not
    exist is reported as a skip (reason ``not_found``), not raised, so a batch goes on.
    """
    for item in inputs:
        if str(item) == "-":
            stream = iter(_read_stdin(stdin or sys.stdin))
        else:
            path = Path(item)
            if path.is_dir():
                stream = (doc for file in _iter_directory(path) for doc in read_path(file))
            elif path.exists():
                stream = read_path(path, display=str(item))
            else:
                stream = iter([Skipped(doc_id=path.name or str(item), reason="not_found", path=str(item),
                                       detail=f"{item}: no such file or directory", failed=True)])
        for doc in stream:
            if isinstance(doc, RawDocument) and doc.published is None and published is not None:
                doc.published, doc.published_source = published, "option"
            yield doc

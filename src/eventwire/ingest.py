"""Ingest: read input files and streams into raw documents, one at a time.

Supported inputs: ``.txt`` (first non-empty line is the title, unless it is the only line or longer than
a title can be), ``.html``/``.htm`` (main text and metadata through trafilatura and htmldate),
``.jsonl``/``.ndjson`` and ``.csv`` (columns ``id, text, title, url, published``), ``.warc``/``.warc.gz``
(HTML responses), directories (recursively) and ``-`` for standard input. Every input yields either a
:class:`RawDocument` or a :class:`~eventwire.schema.Skipped` naming the file and line: nothing is dropped
silently and nothing raises for bad content.

JSONL and CSV files are streamed record by record (any size); a single-document file (text, HTML) is
read up to :data:`MAX_BYTES`, with a note when it was cut. A document id used twice in one run is made
unique (``id#2``, with a note), so no document replaces another.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import json
import os
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from .errors import InputError
from .schema import Skipped

__all__ = [
    "RawDocument", "read_inputs", "read_path", "decode_bytes", "parse_date", "unique_ids", "MAX_BYTES",
    "MAX_RECORD_BYTES",
]

#: Single-document files (text, HTML, a WARC record) larger than this are cut (with a note) so one odd
#: file cannot exhaust memory.
MAX_BYTES = 2_000_000
#: One JSONL line or CSV row larger than this is skipped (with its file and line).
MAX_RECORD_BYTES = 64_000_000
#: A first line longer than this is the start of the body, not a title.
MAX_TITLE_CHARS = 300
TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
CSV_SUFFIXES = {".csv"}
WARC_SUFFIXES = {".warc", ".warc.gz", ".arc", ".arc.gz"}
PARQUET_SUFFIXES = {".parquet", ".pq"}
_PARQUET_INPUT_COLUMNS = {"id", "doc_id", "text", "body", "title", "url", "published", "outlet", "source", "html"}

# Signatures of common binary formats given by mistake, so the message can say what the file is.
_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"), (b"\xff\xd8\xff", "JPEG image"), (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"), (b"%PDF-", "PDF document"), (b"PK\x03\x04", "ZIP archive or Office document"),
    (b"\x1f\x8b", "gzip archive"), (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "Office document"),
    (b"\x7fELF", "executable"), (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"), (b"Rar!\x1a\x07", "RAR archive"),
    (b"BZh", "bzip2 archive"), (b"\xfd7zXZ\x00", "xz archive"), (b"OggS", "Ogg media"), (b"ID3", "MP3 audio"),
    (b"PAR1", "Parquet file"), (b"SQLite format 3\x00", "SQLite database"),
)
# Valid UTF-8 multi-byte sequences, and bytes that cannot start or continue one.
_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
_HIGH_BYTE = re.compile(rb"[\x80-\xff]")
_SURROGATES = re.compile("[\ud800-\udfff]")


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


# ----- bytes to text ------------------------------------------------------------------------------------
def _binary_kind(data: bytes) -> str | None:
    """What binary format ``data`` starts with (``"binary data"`` when unknown); ``None`` for text."""
    sample = data[:8192]
    if not sample:
        return None
    for magic, kind in _MAGIC:
        if sample.startswith(magic):
            return kind
    if sample.startswith((b"\xff\xfe", b"\xfe\xff")) or _utf16_without_bom(sample):
        return None  # UTF-16 is text
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13, 27))
    try:
        sample.decode("utf-8")
        utf8 = True
    except UnicodeDecodeError as exc:
        utf8 = exc.start >= len(sample) - 3  # only the sample's cut at the end is undecodable
    # Valid UTF-8 with a few stray control characters is text with debris (cleaning removes them);
    # random bytes are never valid UTF-8 and are about one tenth control bytes.
    return "binary data" if controls / len(sample) > (0.3 if utf8 else 0.05) else None


def _utf16_without_bom(sample: bytes) -> str | None:
    """``utf-16-le`` or ``utf-16-be`` for text that is plainly UTF-16 without a byte-order mark."""
    sample = sample[: len(sample) // 2 * 2]
    if len(sample) < 8:
        return None
    even, odd = sample[0::2], sample[1::2]
    half = len(sample) // 2
    if odd.count(0) >= 0.9 * half and even.count(0) <= 0.1 * half:
        return "utf-16-le"
    if even.count(0) >= 0.9 * half and odd.count(0) <= 0.1 * half:
        return "utf-16-be"
    return None


def _decode_line(raw: bytes) -> tuple[str, bool]:
    """One line of bytes as text, and whether it was not valid UTF-8.

    An invalid line is read as UTF-8 with replacement characters when it mostly holds UTF-8 sequences (a
    corrupted byte), else as Windows-1252 (a Latin-1 line in a UTF-8 file).
    """
    try:
        return raw.decode("utf-8"), False
    except UnicodeDecodeError:
        pass
    sequences = len(_UTF8_SEQUENCE.findall(raw))
    high = len(_HIGH_BYTE.findall(raw))
    if sequences and high - 2 * sequences < sequences:  # mostly well-formed multi-byte sequences
        return raw.decode("utf-8", errors="replace"), True
    return raw.decode("cp1252", errors="replace"), True


def decode_bytes(data: bytes) -> tuple[str, list[str]]:
    """Decode bytes as text: UTF-8 (with or without BOM), UTF-16 (with a BOM, or plainly UTF-16 without
    one), else line by line (see :func:`_decode_line`).

    Returns the text and notes on what was done (empty when it was clean UTF-8). Raises
    :class:`InputError` for binary data.

    >>> decode_bytes("café".encode("latin-1"))
    ('café', ['not valid UTF-8: undecodable lines read as Windows-1252'])
    """
    notes: list[str] = []
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), ["decoded as UTF-16"]
        except UnicodeDecodeError as exc:
            raise InputError(f"UTF-16 byte-order mark but undecodable content ({exc.reason})") from exc
    kind = _binary_kind(data)
    if kind is not None:
        raise InputError(f"binary content ({kind}), not text: give a .txt, .html, .jsonl, .csv or .warc file")
    utf16 = _utf16_without_bom(data[:8192])
    if utf16 is not None:
        return data.decode(utf16, errors="replace"), [f"decoded as {utf16.upper()} (no byte-order mark)"]
    try:
        return data.decode("utf-8-sig"), notes
    except UnicodeDecodeError:
        pass
    # Mixed or legacy encodings: decode line by line so one Latin-1 line does not spoil the rest.
    lines = []
    for raw_line in data.removeprefix(codecs.BOM_UTF8).split(b"\n"):
        lines.append(_decode_line(raw_line)[0])
    notes.append("not valid UTF-8: undecodable lines read as Windows-1252")
    return "\n".join(lines), notes


def _read_bytes(path: Path) -> tuple[bytes, list[str]]:
    with path.open("rb") as fh:
        data = fh.read(MAX_BYTES + 1)
    notes = []
    if len(data) > MAX_BYTES:
        data = _cut_bytes(data, MAX_BYTES)
        notes.append(f"file larger than {MAX_BYTES} bytes: only the first {MAX_BYTES} bytes were read")
    return data, notes


def _cut_bytes(data: bytes, size: int) -> bytes:
    data = data[:size]
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data[: len(data) // 2 * 2]
    # do not cut a UTF-8 sequence in half
    while data and (data[-1] & 0xC0) == 0x80:
        data = data[:-1]
    if data and data[-1] >= 0xC0:
        data = data[:-1]
    return data


def _suffix(path: Path) -> str:
    name = path.name.lower()
    for double in (".warc.gz", ".arc.gz"):
        if name.endswith(double):
            return double
    return path.suffix.lower()


def _clean_str(value: object) -> str:
    """A record's field as a string without lone surrogates (JSON allows ``"\\ud800"``; UTF-8 does not)."""
    text = value if isinstance(value, str) else str(value)
    return _SURROGATES.sub("\ufffd", text)


# ----- one document per file ----------------------------------------------------------------------------
def _text_document(text: str, *, doc_id: str, path: str | None, notes: list[str]) -> RawDocument:
    """A plain-text document: the first non-empty line is its title when it looks like one.

    A file of one line, or whose first line is longer than :data:`MAX_TITLE_CHARS`, is all body.
    """
    lines = text.splitlines()
    title, body = "", text
    for i, line in enumerate(lines):
        if line.strip():
            rest = lines[i + 1 :]
            if len(line.strip()) <= MAX_TITLE_CHARS and any(r.strip() for r in rest):
                title, body = line.strip(), "\n".join(rest)
            else:
                body = "\n".join(lines[i:])
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
        doc_id=doc_id, title=str(title), body=str(body), url=url, published=published,
        published_source="html" if published else None, path=path, is_html=True, notes=list(notes),
    )


# ----- records (JSONL, CSV, Parquet) --------------------------------------------------------------------
def _record_document(record: dict, *, default_id: str, path: str, line: int) -> RawDocument:
    text = record.get("text")
    if text is None:
        text = record.get("body")
    if not isinstance(text, str):
        raise InputError("record has no 'text' string field", path=path, line=line)
    text = _clean_str(text)
    notes: list[str] = []
    raw_id = record.get("id")
    if raw_id is None or raw_id == "":
        raw_id = record.get("doc_id")
    doc_id = _clean_str(raw_id) if raw_id is not None and raw_id != "" else default_id
    title = _clean_str(record.get("title") or "")
    url = record.get("url")
    url = _clean_str(url) if isinstance(url, str) and url.strip() else None
    published = parse_date(record.get("published"))
    is_html = bool(record.get("html")) or text.lstrip().startswith("<")
    if is_html and "<" in text[:200]:
        if len(text) > MAX_BYTES:
            text = text[:MAX_BYTES]
            notes.append(f"HTML longer than {MAX_BYTES} characters: only the first {MAX_BYTES} were read")
        doc = _html_document(text, doc_id=doc_id, path=path, url=url, notes=notes)
        doc.title = doc.title or title
        doc.published = published or doc.published
    else:
        doc = RawDocument(doc_id=doc_id, title=title, body=text, url=url, notes=notes)
        doc.published = published
    if published is not None:
        doc.published_source = "input"
    outlet = record.get("outlet") or record.get("source") or None
    doc.outlet = _clean_str(outlet) if outlet is not None else None
    doc.path, doc.line = path, line
    return doc


def _raw_lines(fh: BinaryIO) -> Iterator[tuple[int, bytes | None]]:
    """Number and bytes of each line (split on ``\\n`` only); ``None`` for a line over the size limit."""
    number = 0
    while True:
        chunk = fh.readline(MAX_RECORD_BYTES + 1)
        if not chunk:
            return
        number += 1
        if len(chunk) > MAX_RECORD_BYTES and not chunk.endswith(b"\n"):
            while (more := fh.readline(1 << 20)) and not more.endswith(b"\n"):
                pass  # drain the rest of the overlong line
            yield number, None
            continue
        yield number, chunk


def _text_lines(fh: BinaryIO, name: str) -> tuple[Iterator[tuple[int, str | None, bool]], Skipped | None]:
    """Decoded lines of a record file: ``(number, text or None when overlong, was not UTF-8)``.

    Returns a skip instead when the file is binary.
    """
    head = fh.read(8192)
    fh.seek(0)
    encoding = None
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding = "utf-16"
    else:
        encoding = _utf16_without_bom(head)
        if encoding is None:
            kind = _binary_kind(head)
            if kind is not None:
                return iter(()), Skipped(
                    doc_id=Path(name).name, reason="binary", path=name,
                    detail=f"{name}: binary content ({kind}), not text: give a .txt, .html, .jsonl, .csv or .warc file")

    def utf16_lines():
        stream = io.TextIOWrapper(fh, encoding=encoding, errors="replace", newline="")
        for number, line in enumerate(_split_keep_newline(stream), start=1):
            yield number, line, False

    def utf8_lines():
        for number, raw in _raw_lines(fh):
            if raw is None:
                yield number, None, False
                continue
            if number == 1:
                raw = raw.removeprefix(codecs.BOM_UTF8)
            text, bad = _decode_line(raw)
            yield number, text, bad

    return (utf16_lines() if encoding else utf8_lines()), None


def _split_keep_newline(stream) -> Iterator[str]:
    buffer = ""
    while chunk := stream.read(1 << 16):
        buffer += chunk
        *lines, buffer = buffer.split("\n")
        for line in lines:
            yield line + "\n"
    if buffer:
        yield buffer


def _read_jsonl(lines: Iterable[tuple[int, str | None, bool]], path: str) -> Iterator[RawDocument | Skipped]:
    for number, line, not_utf8 in lines:
        default_id = f"{Path(path).name}:{number}"
        if line is None:
            yield Skipped(doc_id=default_id, reason="malformed_jsonl", path=path, line=number,
                          detail=f"{path}:{number}: line longer than {MAX_RECORD_BYTES} bytes, not read")
            continue
        if not line.strip():
            continue
        try:
            # strict=False: a raw tab or newline inside a string is a common producer's slip, not an error
            record = json.loads(line, strict=False)
        except json.JSONDecodeError as exc:
            yield Skipped(doc_id=default_id, reason="malformed_jsonl", path=path, line=number,
                          detail=f"{path}:{number}: not valid JSON ({exc.msg} at column {exc.colno})")
            continue
        except RecursionError:
            yield Skipped(doc_id=default_id, reason="malformed_jsonl", path=path, line=number,
                          detail=f"{path}:{number}: JSON nested too deeply")
            continue
        if not isinstance(record, dict):
            yield Skipped(doc_id=default_id, reason="malformed_jsonl", path=path, line=number,
                          detail=f"{path}:{number}: a JSON object is expected, got {type(record).__name__}")
            continue
        try:
            doc = _record_document(record, default_id=default_id, path=path, line=number)
        except InputError as exc:
            yield Skipped(doc_id=default_id, reason="malformed_record", path=path, line=number, detail=str(exc))
            continue
        if not_utf8:
            doc.notes.append("line not valid UTF-8: read as Windows-1252")
        yield doc


def _read_csv(lines: Iterable[tuple[int, str | None, bool]], path: str) -> Iterator[RawDocument | Skipped]:
    name = Path(path).name
    overlong: set[int] = set()
    not_utf8: set[int] = set()

    def text_lines():
        for number, line, bad in lines:
            if line is None:
                overlong.add(number)
                line = "\n"
            if bad:
                not_utf8.add(number)
            yield line

    csv.field_size_limit(max(csv.field_size_limit(), MAX_RECORD_BYTES))  # the default 128 KiB is one long article
    reader = csv.reader(text_lines())
    try:
        header = [h.strip().lower().lstrip("\ufeff") for h in next(reader)]
    except StopIteration:
        return
    except csv.Error as exc:
        yield Skipped(doc_id=f"{name}:1", reason="malformed_csv", path=path, line=1,
                      detail=f"{path}:1: header row unreadable ({exc})")
        return
    if "text" not in header and "body" not in header:
        yield Skipped(doc_id=f"{name}:1", reason="malformed_csv", path=path, line=1,
                      detail=f"{path}:1: no 'text' column (columns: id, text, title, url, published)")
        return
    while True:
        line = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            yield Skipped(doc_id=f"{name}:{line}", reason="malformed_csv", path=path, line=line,
                          detail=f"{path}:{line}: unreadable row ({exc})")
            continue
        span = range(line, reader.line_num + 1)
        if any(n in overlong for n in span):
            yield Skipped(doc_id=f"{name}:{line}", reason="malformed_csv", path=path, line=line,
                          detail=f"{path}:{line}: row longer than {MAX_RECORD_BYTES} bytes, not read")
            continue
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            what = "unterminated quoted field?" if reader.line_num > line and len(row) < len(header) else ""
            yield Skipped(doc_id=f"{name}:{line}", reason="malformed_csv", path=path, line=line,
                          detail=f"{path}:{line}: {len(row)} fields where the header has {len(header)}"
                                 + (f" ({what})" if what else ""))
            continue
        record = dict(zip(header, row, strict=True))
        try:
            doc = _record_document(record, default_id=f"{name}:{line}", path=path, line=line)
        except InputError as exc:
            yield Skipped(doc_id=f"{name}:{line}", reason="malformed_csv", path=path, line=line,
                          detail=str(exc))
            continue
        if any(n in not_utf8 for n in span):
            doc.notes.append("row not valid UTF-8: read as Windows-1252")
        yield doc


def _read_records(path: Path, name: str, reader) -> Iterator[RawDocument | Skipped]:
    """Stream a JSONL or CSV file through ``reader`` (any size: records are read one at a time)."""
    try:
        fh = path.open("rb")
    except OSError as exc:
        yield Skipped(doc_id=path.name, reason="unreadable", path=name, failed=True,
                      detail=f"{name}: cannot read ({exc.strerror})")
        return
    number = 0
    with fh:
        lines, binary = _text_lines(fh, name)
        if binary is not None:
            yield binary
            return

        def counted():
            nonlocal number
            for item in lines:
                number = item[0]
                yield item

        try:
            yield from reader(counted(), name)
        except OSError as exc:  # a disk or network file system error half way: say where
            yield Skipped(doc_id=f"{path.name}:{number + 1}", reason="unreadable", path=name, line=number + 1,
                          failed=True, detail=f"{name}:{number + 1}: read error ({exc.strerror or exc}); "
                                              f"the lines after this were not read")


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
                data = record.content_stream().read(MAX_BYTES + 1)
                notes = []
                if len(data) > MAX_BYTES:
                    data = _cut_bytes(data, MAX_BYTES)
                    notes.append(f"record larger than {MAX_BYTES} bytes: only the first {MAX_BYTES} bytes were read")
                try:
                    html, decode_notes = decode_bytes(data)
                    doc = _html_document(html, doc_id=doc_id, path=name, url=url, notes=notes + decode_notes)
                except InputError as exc:
                    yield Skipped(doc_id=doc_id, reason="unreadable", path=name, line=number, detail=f"{name}: {exc}")
                    continue
                doc.line = number
                yield doc
    except Exception as exc:  # warcio raises plain exceptions on truncated archives
        yield Skipped(doc_id=path.name, reason="malformed_warc", path=name,
                      detail=f"{name}: WARC archive unreadable or truncated ({type(exc).__name__}: {exc})", failed=True)


def read_path(path: Path, *, display: str | None = None, doc_id: str | None = None
              ) -> Iterator[RawDocument | Skipped]:
    """Read one file (not a directory) into documents or skips.

    ``doc_id`` names a single-document file (default: the file name without its extension).
    """
    name = display or str(path)
    suffix = _suffix(path)
    doc_id = doc_id or (path.stem if suffix not in WARC_SUFFIXES else path.name)
    if path.exists() and not path.is_file():
        # a FIFO or device would block or never end
        yield Skipped(doc_id=doc_id, reason="unsupported_format", path=name,
                      detail=f"{name}: not a regular file (give files or directories)")
        return
    if suffix in WARC_SUFFIXES:
        yield from _read_warc(path)
        return
    if suffix in PARQUET_SUFFIXES:
        yield from read_parquet(path, display=name)
        return
    if suffix not in TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | CSV_SUFFIXES:
        yield Skipped(doc_id=doc_id, reason="unsupported_format", path=name,
                      detail=f"{name}: unsupported file type '{suffix or 'none'}' "
                             f"(use .txt, .html, .jsonl, .csv, .parquet, .warc)")
        return
    if suffix in JSONL_SUFFIXES:
        yield from _read_records(path, name, _read_jsonl)
        return
    if suffix in CSV_SUFFIXES:
        yield from _read_records(path, name, _read_csv)
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
    if suffix in HTML_SUFFIXES:
        try:
            yield _html_document(text, doc_id=doc_id, path=name, url=None, notes=notes)
        except InputError as exc:
            yield Skipped(doc_id=doc_id, reason="unreadable", path=name, detail=f"{name}: {exc}")
    else:
        yield _text_document(text, doc_id=doc_id, path=name, notes=notes)


def read_parquet(path: str | os.PathLike, *, display: str | None = None, batch_rows: int = 1024,
                 published: dt.date | None = None) -> Iterator[RawDocument | Skipped]:
    """Read a Parquet file of articles (columns ``id, text, title, url, published``), row group by row group.

    Rows become documents exactly as JSONL records and CSV rows do (``line`` is the 1-based row
    number); a row without a text string is a ``Skipped(reason="malformed_record")``, a file that is
    not Parquet a ``Skipped(reason="malformed_parquet", failed=True)``. Only one batch of
    ``batch_rows`` rows of the wanted columns is in memory at a time.
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    path = Path(path)
    name = display or str(path)
    try:
        parquet = pq.ParquetFile(path)
    except (OSError, pa.ArrowException) as exc:
        yield Skipped(doc_id=path.name, reason="malformed_parquet", path=name, failed=True,
                      detail=f"{name}: not a readable Parquet file ({type(exc).__name__}: {str(exc)[:200]})")
        return
    columns = [c for c in parquet.schema_arrow.names if c.lower() in _PARQUET_INPUT_COLUMNS]
    if not {"text", "body"} & {c.lower() for c in columns}:
        yield Skipped(doc_id=path.name, reason="malformed_parquet", path=name,
                      detail=f"{name}: no 'text' column (columns: id, text, title, url, published; "
                             f"found: {', '.join(parquet.schema_arrow.names) or 'none'})")
        return
    row = 0
    for group in range(parquet.num_row_groups):
        try:
            for batch in parquet.iter_batches(batch_size=batch_rows, row_groups=[group], columns=columns):
                for values in batch.to_pylist():
                    row += 1
                    record = {key.lower(): value for key, value in values.items()}
                    default_id = f"{path.name}:{row}"
                    try:
                        doc = _record_document(record, default_id=default_id, path=name, line=row)
                    except InputError as exc:
                        yield Skipped(doc_id=default_id, reason="malformed_record", path=name, line=row,
                                      detail=str(exc))
                        continue
                    if doc.published is None and published is not None:
                        doc.published, doc.published_source = published, "option"
                    yield doc
        except (OSError, pa.ArrowException) as exc:
            yield Skipped(doc_id=f"{path.name}:group{group}", reason="malformed_parquet", path=name, line=row + 1,
                          failed=True, detail=f"{name}: row group {group} (from row {row + 1}) unreadable "
                                              f"({type(exc).__name__}: {str(exc)[:200]})")


def _relative_id(file: Path, root: Path) -> str:
    relative = file.relative_to(root)
    if _suffix(file) in WARC_SUFFIXES:
        return relative.as_posix()
    return relative.with_name(relative.name[: len(relative.name) - len(_suffix(file))] or relative.name).as_posix()


def _iter_directory(root: Path) -> Iterator[Path]:
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for filename in sorted(filenames):
            if not filename.startswith("."):
                yield Path(dirpath) / filename


def _read_stdin(stream) -> Iterator[RawDocument | Skipped]:
    data = stream.buffer.read() if hasattr(stream, "buffer") else stream.read()
    if isinstance(data, str):
        data = data.encode("utf-8", errors="surrogatepass")
    head = data[:8192].removeprefix(codecs.BOM_UTF8)
    kind = _binary_kind(head)
    if kind is not None:
        yield Skipped(doc_id="stdin", reason="binary", path="-",
                      detail=f"<stdin>: binary content ({kind}), not text: give a .txt, .html, .jsonl, .csv or .warc file")
        return
    try:
        start, _ = decode_bytes(head[:4096])
    except InputError:
        start = ""
    if start.lstrip().startswith("{"):
        lines, _ = _text_lines(io.BytesIO(data), "<stdin>")
        yield from _read_jsonl(lines, "<stdin>")
        return
    try:
        text, notes = decode_bytes(data)
    except InputError as exc:
        yield Skipped(doc_id="stdin", reason="binary", path="-", detail=f"<stdin>: {exc}")
        return
    if text.lstrip()[:15].lower().startswith(("<!doctype", "<html")):
        try:
            yield _html_document(text, doc_id="stdin", path="<stdin>", url=None, notes=notes)
        except InputError as exc:
            yield Skipped(doc_id="stdin", reason="unreadable", path="<stdin>", detail=f"<stdin>: {exc}")
    else:
        yield _text_document(text, doc_id="stdin", path="<stdin>", notes=notes)


def unique_ids(stream: Iterable[RawDocument | Skipped]) -> Iterator[RawDocument | Skipped]:
    """Make document ids unique within one run: the second ``dup`` becomes ``dup#2`` (with a note).

    Two records with one id in a JSONL file, or ``a.txt`` next to ``a.html``, are different documents:
    both are coded and both are stored, neither replaces the other.

    >>> docs = unique_ids([RawDocument("dup", "A."), RawDocument("dup", "B."), RawDocument("dup#2", "C.")])
    >>> [d.doc_id for d in docs]
    ['dup', 'dup#2', 'dup#2#2']
    """
    seen: set[str] = set()
    for doc in stream:
        doc_id = doc.doc_id
        if doc_id in seen:
            n = 2
            while f"{doc_id}#{n}" in seen:
                n += 1
            new_id = f"{doc_id}#{n}"
            if isinstance(doc, RawDocument):
                doc.doc_id = new_id
                doc.notes.append(f"document id '{doc_id}' already used earlier in this run: renamed '{new_id}'")
            else:
                doc = doc.model_copy(update={"doc_id": new_id})
            doc_id = new_id
        seen.add(doc_id)
        yield doc


def read_inputs(
    inputs: Iterable[str | os.PathLike], *, published: dt.date | None = None, stdin=None
) -> Iterator[RawDocument | Skipped]:
    """Yield a document or a skip for every input: files, directories (recursive) and ``-``.

    ``published`` is the publication date given where the input carries none. A path that does not
    exist is reported as a skip (reason ``not_found``), not raised, so a batch goes on. Document ids
    are unique across the run (see :func:`unique_ids`).
    """
    yield from unique_ids(_read_all(inputs, published=published, stdin=stdin))


def _read_all(inputs, *, published, stdin) -> Iterator[RawDocument | Skipped]:
    for item in inputs:
        if str(item) == "-":
            stream = iter(_read_stdin(stdin or sys.stdin))
        else:
            path = Path(item)
            if path.is_dir():
                # files in a directory are named by their path inside it: a/report.txt and b/report.txt differ
                stream = (doc for file in _iter_directory(path)
                          for doc in read_path(file, doc_id=_relative_id(file, path)))
            elif path.exists():
                stream = read_path(path, display=str(item))
            else:
                stream = iter([Skipped(doc_id=path.name or str(item), reason="not_found", path=str(item),
                                       detail=f"{item}: no such file or directory", failed=True)])
        for doc in stream:
            if isinstance(doc, RawDocument) and doc.published is None and published is not None:
                doc.published, doc.published_source = published, "option"
            yield doc

"""Reliability (issue 10): bad input never loses a document or crashes a run.

Every input document ends as exactly one result, coded, skipped with a reason or failed with an error,
and a run's accounting says so: ``read == coded + skipped + failed``, printed at the end of the run and
stored in the store's ``runs`` table. The inputs are written into ``tmp_path`` by the tests; the
sentences are the tests' own.

Decided here and tested: a document id used twice in one run (two JSONL records, ``a.txt`` beside
``a.html``) is made unique on reading (``dup``, ``dup#2``, with a note), so both documents are coded and
both are stored; neither replaces the other.
"""

from __future__ import annotations

import io
import json
import random
import re
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from eventwire.clean import MAX_CHARS
from eventwire.errors import StoreLockedError
from eventwire.ingest import MAX_BYTES, RawDocument, read_inputs
from eventwire.schema import CodedDocument, Skipped
from eventwire.store import open_store

# ----- the tests' own articles -----------------------------------------------------------------------------
GOOD = {
    "aleppo": ("Rebels attack army base near Aleppo",
               "Rebels attacked an army base near Aleppo on Monday, killing four soldiers, the Syrian Observatory "
               "for Human Rights said.\n\nThe Syrian government accused Turkey of arming the fighters."),
    "geneva": ("Envoys meet in Geneva",
               "The United Nations envoy met Syrian opposition leaders in Geneva on Tuesday.\n\nRussia called for "
               "an immediate ceasefire, and Iran said it would send humanitarian aid to Damascus."),
    "cairo": ("Police disperse protest in Cairo",
              "Thousands of protesters marched in Cairo on Friday to demand the resignation of the prime "
              "minister.\n\nPolice fired tear gas at the demonstrators near Tahrir Square, witnesses said."),
    "sanctions": ("EU widens sanctions on Iran",
                  "The European Union imposed new sanctions on Iran on Wednesday over its nuclear programme.\n\n"
                  "\"We will not accept threats,\" the Iranian foreign minister said in Tehran."),
}
NON_ENGLISH = {
    "fr": "Le gouvernement français a annoncé mardi que les négociations avec les syndicats reprendraient la "
          "semaine prochaine à Paris. Le ministre du Travail a déclaré que la réforme des retraites était "
          "nécessaire pour l'avenir du pays, mais les manifestants ont promis de poursuivre la grève.",
    "de": "Die Bundesregierung hat am Dienstag angekündigt, dass die Verhandlungen mit den Gewerkschaften in der "
          "nächsten Woche in Berlin fortgesetzt werden. Der Arbeitsminister sagte, die Rentenreform sei für die "
          "Zukunft des Landes notwendig, doch die Demonstranten kündigten weitere Streiks an.",
    "ar": "أعلنت الحكومة السورية يوم الثلاثاء أن المفاوضات مع المعارضة ستستأنف الأسبوع المقبل في جنيف. وقال "
          "وزير الخارجية إن الحل السياسي هو الطريق الوحيد لإنهاء الحرب، بينما اتهمت المعارضة الجيش بقصف "
          "الأحياء السكنية في حلب.",
    "zh": "叙利亚政府星期二宣布，与反对派的谈判将于下周在日内瓦恢复。外交部长表示，政治解决是结束战争的唯一途径，"
          "而反对派指责军队炮击阿勒颇的居民区。联合国秘书长呼吁各方保持克制。",
}
# One paragraph of plain news prose, repeated to make a 20 MB "article".
PROSE = ("The defence ministry said on Thursday that troops had secured the main road into the city after "
         "three days of fighting. Aid agencies warned that food and medicine were running short in the camps "
         "outside the town. Local officials said the market had reopened and that schools would follow next "
         "week if the calm held.\n\n")
LONG_SENTENCE_WORDS = ("the army attacked rebels near Aleppo while Russia and Turkey said talks in Geneva "
                       "would resume and protesters marched in Cairo against the government and the police "
                       "fired on them").split()
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
SUMMARY = re.compile(r"^eventwire: read (\d+); coded (\d+); skipped (\d+)(?: \(([^)]*)\))?; "
                     r"failed (\d+)(?: \(([^)]*)\))?; events (\d+), quotes (\d+)", re.MULTILINE)


def article_file(title: str, body: str) -> str:
    return f"{title}\n\n{body}\n"


# ----- writing bad inputs ----------------------------------------------------------------------------------
@dataclass
class Expect:
    """One document the corpus holds, and what must become of it."""

    path: Path
    line: int | None
    outcome: str  # "coded", "skipped:<reason>", "skipped:<reason>|<reason>" or "any"


def write_corpus(root: Path, *, big: bool) -> list[Expect]:
    """Write every kind of bad input and four good articles under ``root``; one Expect per document."""
    rng = random.Random(10)
    root.mkdir(parents=True, exist_ok=True)
    expect: list[Expect] = []

    def put(name: str, data: bytes | str, outcome: str) -> Path:
        path = root / name
        path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
        expect.append(Expect(path, None, outcome))
        return path

    for name, (title, body) in GOOD.items():
        put(f"good-{name}.txt", article_file(title, body), "coded")
    put("empty.txt", b"", "skipped:empty")
    put("blank.txt", b"  \n\t\r\n   \n", "skipped:empty")
    put("image.txt", b"\x89PNG\r\n\x1a\n" + rng.randbytes(6000), "skipped:binary")
    put("noise.txt", rng.randbytes(6000), "skipped:binary")
    put("photo.png", b"\x89PNG\r\n\x1a\n" + rng.randbytes(600), "skipped:unsupported_format")
    put("latin1.txt", article_file("Hervé Morin condemns attack", "French defence minister Hervé Morin condemned "
                                   "the attack on the embassy in Nouakchott on Sunday.").encode("latin-1"), "coded")
    put("utf16.txt", article_file(*GOOD["geneva"]).encode("utf-16"), "coded")
    put("mixed-encoding.txt", "Talks in Zürich\n\n".encode("latin-1")
        + "Swiss diplomats met Iranian officials at a café in Geneva on Monday.\n".encode("utf-8")
        + "The talks will move to Zürich next week, the Swiss foreign ministry said.\n".encode("latin-1"),
        "coded")
    put("control.txt", "Talks\x07 resume\n\nThe United Nations\x00 envoy met Syrian\x1b opposition leaders in "
        "Geneva on Tuesday, the UN said.\x7f Russia\x0c called for a ceasefire.\x08\n", "coded")
    put("nobody.html", "<html><head><title>Nothing here</title></head></html>", "skipped:empty|no_text")
    put("empty-body.html", "<!doctype html><html><head><title>Nothing</title></head><body></body></html>",
        "skipped:empty|no_text")
    put("long-sentence.txt", " ".join(rng.choice(LONG_SENTENCE_WORDS) for _ in range(5000)) + "\n", "coded")
    put("french.txt", article_file("Reprise des négociations", NON_ENGLISH["fr"]), "skipped:language=fr")
    put("german.txt", article_file("Verhandlungen gehen weiter", NON_ENGLISH["de"]), "skipped:language=de")
    put("arabic.txt", article_file("الحكومة السورية", NON_ENGLISH["ar"]), "skipped:language=ar")
    put("chinese.txt", article_file("叙利亚谈判", NON_ENGLISH["zh"]), "skipped:language=zh-cn|language=zh-tw")
    if big:
        put("big.txt", article_file("A very long report", PROSE * (20 * 2**20 // len(PROSE) + 1)), "coded")

    jsonl = root / "records.jsonl"
    lines = [
        (json.dumps({"id": "j-good", "text": GOOD["aleppo"][1], "published": "2020-03-02"}), "coded"),
        ('{"id": "j-truncated", "text": "Rebels attacked an army', "skipped:malformed_jsonl"),
        ("[1, 2, 3]", "skipped:malformed_jsonl"),
        (json.dumps({"id": "j-notext", "title": "A record without text"}), "skipped:malformed_record"),
        (json.dumps({"id": "dup", "text": "Russia condemned the attack on the embassy on Monday."}), "coded"),
        (json.dumps({"id": "dup", "text": "Turkey condemned the attack on the embassy on Tuesday."}), "coded"),
        ('{"id": "j-surrogate", "text": "Iran accused Israel \\ud800 of an attack on Monday."}', "coded"),
        (json.dumps({"id": "j-separator", "text": "Iran said\u2028talks with Russia resumed on Monday."},
                    ensure_ascii=False), "coded"),
        ("", None),
        (json.dumps({"id": "j-number", "text": 42}), "skipped:malformed_record"),
        ('{"id": "j-cut-off", "te', "skipped:malformed_jsonl"),  # the file ends mid-record
    ]
    jsonl.write_text("\n".join(text for text, _ in lines), encoding="utf-8")
    expect += [Expect(jsonl, n, outcome) for n, (_, outcome) in enumerate(lines, start=1) if outcome]

    table = root / "records.csv"
    rows = [
        ("id,text,title,published", None),
        ('c-good,"Iran accused Israel of an attack on its embassy on Monday.",Iran accuses Israel,2020-03-02',
         "coded"),
        ("c-extra,too,many,fields,here", "skipped:malformed_csv"),
        ("c-short,only two", "skipped:malformed_csv"),
        ('c-good2,"Police fired tear gas at protesters in Cairo on Friday, witnesses said.",Cairo,2020-03-06',
         "coded"),
        ('c-unterminated,"This quoted text never ends,A title,2020-03-06', "skipped:malformed_csv"),
    ]
    table.write_text("\n".join(text for text, _ in rows) + "\n", encoding="utf-8")
    expect += [Expect(table, n, outcome) for n, (_, outcome) in enumerate(rows, start=1) if outcome]
    return expect


def check_outcome(expected: Expect, result: CodedDocument | Skipped) -> None:
    where = f"{expected.path.name}:{expected.line}"
    assert not (isinstance(result, Skipped) and result.failed), f"{where} failed: {result.detail}"
    if expected.outcome == "coded":
        assert isinstance(result, CodedDocument), f"{where} not coded: {getattr(result, 'detail', '')}"
    elif expected.outcome.startswith("skipped:"):
        assert isinstance(result, Skipped), f"{where} coded, expected {expected.outcome}"
        assert result.reason in expected.outcome.removeprefix("skipped:").split("|"), (where, result.reason)


def code_paths(pipeline, *paths) -> list[CodedDocument | Skipped]:
    return list(pipeline.code_documents(read_inputs([str(p) for p in paths])))


def only(pipeline, path) -> CodedDocument | Skipped:
    results = code_paths(pipeline, path)
    assert len(results) == 1, results
    return results[0]


def check_spans(doc: CodedDocument) -> None:
    """Every offset indexes the cleaned text: ``text[start:end] == span.text``."""
    text = doc.article.text

    def span(s, what):
        assert 0 <= s.start <= s.end <= len(text), (what, s)
        assert text[s.start:s.end] == s.text, (what, s)

    for e in doc.events:
        span(e.trigger, "trigger")
        for a in e.source + e.target:
            span(a, "actor")
        assert text[e.sentence_start:e.sentence_end] == e.sentence
    for q in doc.quotes:
        span(q, "quote")
        if q.cue:
            span(q.cue, "cue")


def run_cli(*args: str, cwd: Path, timeout: int = 900) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "eventwire.cli", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=timeout)


def parse_summary(stderr: str) -> dict:
    match = SUMMARY.search(stderr)
    assert match, f"no summary line in stderr:\n{stderr[-2000:]}"
    read, coded, skipped, skipped_by, failed, failed_by, events, quotes = match.groups()

    def reasons(text):
        return {k: int(v) for k, v in (item.rsplit(" ", 1) for item in text.split(", "))} if text else {}

    return {"read": int(read), "coded": int(coded), "skipped": int(skipped), "skipped_by": reasons(skipped_by),
            "failed": int(failed), "failed_by": reasons(failed_by), "events": int(events), "quotes": int(quotes)}


def runs_rows(db: Path) -> list[dict]:
    with open_store(db, read_only=True) as store:
        columns, rows = store.query("SELECT * FROM runs ORDER BY started")
    return [dict(zip(columns, r)) for r in rows]


# ----- accounting and exit codes -----------------------------------------------------------------------------
def test_accounting_is_printed_and_stored(tmp_path):
    expect = write_corpus(tmp_path / "in", big=False)
    db = tmp_path / "store.duckdb"
    done = run_cli("code", str(tmp_path / "in"), "--db", str(db), "-o", str(tmp_path / "events.jsonl"),
                   "--published", "2020-03-04", "--no-progress", cwd=tmp_path)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "Traceback" not in done.stderr
    printed = parse_summary(done.stderr)
    assert printed["read"] == len(expect)
    assert printed["read"] == printed["coded"] + printed["skipped"] + printed["failed"]
    assert printed["skipped"] == sum(printed["skipped_by"].values())
    assert printed["failed"] == sum(printed["failed_by"].values())
    # the summary is the last thing the run prints
    assert done.stderr.strip().splitlines()[-1].startswith("eventwire: read ")

    [run] = runs_rows(db)
    assert run["complete"] is True
    assert (run["read"], run["coded"], run["skipped"], run["failed"], run["events"], run["quotes"]) == (
        printed["read"], printed["coded"], printed["skipped"], printed["failed"], printed["events"], printed["quotes"])
    assert json.loads(run["skipped_by_reason"]) == printed["skipped_by"]
    assert json.loads(run["failed_by_reason"]) == printed["failed_by"]
    # one row per document read, whatever became of it
    with open_store(db, read_only=True) as store:
        _, status = store.query("SELECT status, count(*) FROM documents GROUP BY status")
    counts = dict(status)
    assert sum(counts.values()) == printed["read"]
    assert counts.get("coded", 0) == printed["coded"]
    assert counts.get("failed", 0) == printed["failed"]


def test_accounting_through_the_api(tmp_path, pipeline):
    from eventwire.runner import run_code

    expect = write_corpus(tmp_path / "in", big=False)
    skips: list[Skipped] = []
    summary = run_code([str(tmp_path / "in")], db=str(tmp_path / "s.duckdb"), output=str(tmp_path / "e.jsonl"),
                       pipeline=pipeline, progress=False, on_skip=skips.append)
    assert summary.balanced and summary.read == len(expect)
    assert summary.read == summary.coded + sum(summary.skipped.values()) + sum(summary.failed.values())
    assert len(skips) == sum(summary.skipped.values()) + sum(summary.failed.values())
    [run] = runs_rows(tmp_path / "s.duckdb")
    assert (run["read"], run["coded"], run["skipped"], run["failed"]) == (
        summary.read, summary.coded, sum(summary.skipped.values()), sum(summary.failed.values()))


@pytest.mark.parametrize("args", [["code", "--batch-size", "0", "x.txt"], ["code", "--no-such-option", "x.txt"],
                                  ["code", "x.txt", "--published", "yesterday"], ["code"]])
def test_usage_errors_exit_non_zero(tmp_path, args):
    (tmp_path / "x.txt").write_text(article_file(*GOOD["cairo"]))
    done = run_cli(*args, cwd=tmp_path)
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr


def test_nothing_readable_exits_non_zero(tmp_path):
    (tmp_path / "empty-dir").mkdir()
    missing = run_cli("code", "no-such-file.txt", "--no-progress", cwd=tmp_path)
    assert missing.returncode != 0
    assert "no-such-file.txt: no such file or directory" in missing.stderr
    assert parse_summary(missing.stderr)["read"] == 1
    nothing = run_cli("code", "empty-dir", "--no-progress", cwd=tmp_path)
    assert nothing.returncode != 0
    assert parse_summary(nothing.stderr)["read"] == 0
    assert "Traceback" not in missing.stderr + nothing.stderr


def test_a_run_of_only_skipped_documents_completes(tmp_path):
    """Skipping is not failing: a run that read documents and skipped them all ends with 0."""
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "french.txt").write_text(article_file("Reprise", NON_ENGLISH["fr"]))
    done = run_cli("code", "empty.txt", "french.txt", "--no-progress", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert parse_summary(done.stderr)["skipped_by"] == {"empty": 1, "language=fr": 1}


# ----- each bad input --------------------------------------------------------------------------------------
def test_empty_and_whitespace_files_are_skipped(tmp_path, pipeline):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_bytes(" \n\t\r\n\u3000\n".encode())
    (tmp_path / "empty.jsonl").write_bytes(b"\n\n  \n")
    (tmp_path / "empty.csv").write_bytes(b"")
    (tmp_path / "header-only.csv").write_bytes(b"id,text\n")
    results = code_paths(pipeline, tmp_path / "empty.txt", tmp_path / "blank.txt", tmp_path / "empty.jsonl",
                         tmp_path / "empty.csv", tmp_path / "header-only.csv")
    # an empty JSONL or CSV file holds no documents; an empty text file is one empty document
    assert [(r.reason, Path(r.path).name) for r in results] == [("empty", "empty.txt"), ("empty", "blank.txt")]
    assert all(str(tmp_path) in r.detail for r in results)


def test_binary_files_are_skipped_with_what_they_are(tmp_path, pipeline):
    rng = random.Random(1)
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + rng.randbytes(5000))
    (tmp_path / "noise.txt").write_bytes(rng.randbytes(5000))
    (tmp_path / "scan.html").write_bytes(b"%PDF-1.4\n" + rng.randbytes(5000))
    (tmp_path / "noise.jsonl").write_bytes(rng.randbytes(50_000))
    (tmp_path / "noise.csv").write_bytes(rng.randbytes(50_000))
    (tmp_path / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + rng.randbytes(100))
    results = {Path(r.path).name: r for r in code_paths(pipeline, tmp_path)}
    assert len(results) == 6  # one result per file: a binary JSONL file is not 200 malformed lines
    for name in ("image.txt", "noise.txt", "scan.html", "noise.jsonl", "noise.csv"):
        assert results[name].reason == "binary", (name, results[name])
        assert results[name].detail.startswith(str(tmp_path / name) + ":")
    assert "PNG image" in results["image.txt"].detail
    assert "PDF document" in results["scan.html"].detail
    assert results["photo.png"].reason == "unsupported_format"


def test_latin1_text_is_decoded(tmp_path, pipeline):
    body = "French defence minister Hervé Morin condemned the attack on the embassy in Nouakchott on Sunday."
    (tmp_path / "latin1.txt").write_bytes(article_file("Hervé Morin condemns attack", body).encode("latin-1"))
    doc = only(pipeline, tmp_path / "latin1.txt")
    assert isinstance(doc, CodedDocument)
    assert doc.article.title == "Hervé Morin condemns attack" and doc.article.text == body
    assert any("Windows-1252" in note for note in doc.article.notes)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_is_decoded(tmp_path, pipeline, encoding):
    title, body = GOOD["geneva"]
    (tmp_path / "utf16.txt").write_bytes(article_file(title, body).encode(encoding))  # "utf-16" writes a BOM
    doc = only(pipeline, tmp_path / "utf16.txt")
    assert isinstance(doc, CodedDocument), doc
    assert (doc.article.title, doc.article.text) == (title, body)
    assert doc.events


def test_a_file_mixing_utf8_and_latin1_lines_keeps_both(tmp_path, pipeline):
    data = ("Talks in Zürich\n\n".encode("latin-1")
            + "Swiss diplomats met Iranian officials at a café in Geneva on Monday.\n".encode("utf-8")
            + "The talks will move to Zürich next week, the Swiss foreign ministry said.\n".encode("latin-1"))
    (tmp_path / "mixed.txt").write_bytes(data)
    doc = only(pipeline, tmp_path / "mixed.txt")
    assert isinstance(doc, CodedDocument)
    assert doc.article.title == "Talks in Zürich"
    assert "at a café in Geneva" in doc.article.text and "move to Zürich next week" in doc.article.text
    assert "\ufffd" not in doc.article.text


def test_a_corrupted_byte_in_utf8_spoils_only_itself(tmp_path, pipeline):
    line = "Swiss diplomats met Iranian officials at a café in Zürich on Monday, the ministry said.".encode()
    (tmp_path / "corrupt.txt").write_bytes(b"Talks\n\n" + line.replace(b" on Monday", b" \xff on Monday") + b"\n")
    doc = only(pipeline, tmp_path / "corrupt.txt")
    assert isinstance(doc, CodedDocument)
    assert "at a café in Zürich" in doc.article.text  # not mojibake "cafÃ©"


def test_control_characters_are_removed(tmp_path, pipeline):
    (tmp_path / "control.txt").write_text(
        "Talks\x07 resume\n\nThe United Nations\x00 envoy met Syrian\x1b opposition leaders in Geneva on "
        "Tuesday, the UN said.\x7f Russia\x0c called for a ceasefire.\x08\x85\n")
    doc = only(pipeline, tmp_path / "control.txt")
    assert isinstance(doc, CodedDocument), doc
    assert not _CONTROL.search(doc.article.text) and not _CONTROL.search(doc.article.title)
    assert "The United Nations envoy met Syrian opposition leaders in Geneva" in doc.article.text
    assert doc.events
    check_spans(doc)


def test_malformed_jsonl_lines_are_skipped_naming_file_and_line(tmp_path, pipeline):
    path = tmp_path / "records.jsonl"
    lines = [
        json.dumps({"id": "ok-1", "text": "Rebels attacked an army base near Aleppo on Monday."}),
        '{"id": "truncated", "text": "Rebels attacked',
        "[1, 2, 3]",
        '"just a string"',
        json.dumps({"id": "no-text", "title": "A record without text"}),
        json.dumps({"id": "number", "text": 42}),
        "",
        json.dumps({"id": "ok-2", "text": "Police fired tear gas at protesters in Cairo on Friday."}),
        "{" * 100_000,  # deeper than the JSON parser goes
        '{"id": "cut-off", "te',  # the file ends mid-record, without a newline
    ]
    path.write_text("\n".join(lines))
    results = code_paths(pipeline, path)
    assert len(results) == 9  # every non-blank line
    by_line = {r.line if isinstance(r, Skipped) else r.article.source_line: r for r in results}
    assert isinstance(by_line[1], CodedDocument) and isinstance(by_line[8], CodedDocument)
    expected = {2: "malformed_jsonl", 3: "malformed_jsonl", 4: "malformed_jsonl", 5: "malformed_record",
                6: "malformed_record", 9: "malformed_jsonl", 10: "malformed_jsonl"}
    for number, reason in expected.items():
        skip = by_line[number]
        assert isinstance(skip, Skipped) and skip.reason == reason and not skip.failed, skip
        assert skip.detail.startswith(f"{path}:{number}: "), skip.detail
        assert "\n" not in skip.detail and len(skip.detail) < 300


def test_jsonl_records_with_odd_characters_are_read(tmp_path, pipeline):
    path = tmp_path / "odd.jsonl"
    path.write_text("\n".join([
        # U+2028 is a line break to str.splitlines() but legal inside a JSON string
        json.dumps({"id": "separator", "text": "Iran said\u2028talks with Russia resumed on Monday."},
                   ensure_ascii=False),
        '{"id": "surrogate\\udc00", "title": "\\ud83d", "text": "Iran accused Israel \\ud800 of an attack."}',
        '{"id": "raw-tab", "text": "Iran accused\tIsrael of an attack on Monday."}',
        json.dumps({"id": "fields", "text": "Iran accused Israel of an attack.", "url": 5, "outlet": ["x"],
                    "title": 7, "published": "not a date"}),
    ]) + "\r\n", encoding="utf-8")
    results = code_paths(pipeline, path)
    assert [type(r).__name__ for r in results] == ["CodedDocument"] * 4, results
    for doc in results:
        doc.model_dump_json()  # every string can be written out as UTF-8
        check_spans(doc)
    assert results[1].article.doc_id == "surrogate\ufffd"


def test_malformed_csv_rows_are_skipped_naming_file_and_line(tmp_path, pipeline):
    path = tmp_path / "records.csv"
    path.write_text("\n".join([
        "id,text,title,published",
        'c1,"Iran accused Israel of an attack on its embassy on Monday.",Iran accuses Israel,2020-03-02',
        "c2,too,many,fields,here",
        "c3,only two",
        'c4,"Police fired tear gas at protesters\nin Cairo on Friday, witnesses said.",Cairo,2020-03-06',
        'c5,"This quoted text never ends,A title,2020-03-06',
    ]) + "\n")
    results = code_paths(pipeline, path)
    assert len(results) == 5
    assert [r.article.doc_id for r in results if isinstance(r, CodedDocument)] == ["c1", "c4"]
    skips = [r for r in results if isinstance(r, Skipped)]
    assert [(s.reason, s.line) for s in skips] == [("malformed_csv", 3), ("malformed_csv", 4), ("malformed_csv", 7)]
    for s in skips:
        assert s.detail.startswith(f"{path}:{s.line}: ") and "\n" not in s.detail
    (tmp_path / "no-text.csv").write_text("id,headline\n1,Talks resume\n")
    [skip] = code_paths(pipeline, tmp_path / "no-text.csv")
    assert skip.reason == "malformed_csv" and skip.detail.startswith(f"{tmp_path / 'no-text.csv'}:1: ")


def test_a_csv_field_longer_than_the_csv_module_default_is_read(tmp_path):
    text = PROSE * (200_000 // len(PROSE))  # the csv module refuses fields over 128 KiB by default
    path = tmp_path / "long-field.csv"
    path.write_text("id,text\n" + f'long,"{text}"\n' + 'short,"Iran accused Israel of an attack."\n')
    docs = list(read_inputs([path]))
    assert [d.doc_id for d in docs] == ["long", "short"]
    assert isinstance(docs[0], RawDocument) and len(docs[0].body) == len(text)


def test_large_record_files_are_read_whole(tmp_path):
    """A JSONL corpus is not one document: no record is lost past the single-document size cap."""
    path = tmp_path / "corpus.jsonl"
    record = GOOD["aleppo"][1] * 20
    with path.open("w") as fh:
        for i in range(3000):
            fh.write(json.dumps({"id": f"d{i}", "text": record}) + "\n")
    assert path.stat().st_size > 2 * MAX_BYTES
    docs = list(read_inputs([path]))
    assert len(docs) == 3000 and all(isinstance(d, RawDocument) for d in docs)
    assert docs[-1].doc_id == "d2999" and docs[-1].line == 3000


@pytest.mark.parametrize("html", [
    "<html><head><title>Nothing here</title></head></html>",
    "<!doctype html><html><head><title>Nothing</title></head><body></body></html>",
    "<html><body><nav>Home | World | Sport</nav><script>var x = 1;</script></body></html>",
    "<html><body><p><div><span></",  # broken markup, no text
])
def test_html_without_a_body_is_skipped(tmp_path, pipeline, html):
    (tmp_path / "page.html").write_text(html)
    result = only(pipeline, tmp_path / "page.html")
    assert isinstance(result, Skipped) and not result.failed, result
    assert result.reason in ("empty", "no_text")
    assert result.detail.startswith(str(tmp_path / "page.html"))


def test_a_20_mb_document_is_cut_with_a_note(tmp_path, pipeline):
    path = tmp_path / "big.txt"
    path.write_text(article_file("A very long report", PROSE * (20 * 2**20 // len(PROSE) + 1)))
    assert path.stat().st_size > 20 * 2**20
    started = time.perf_counter()
    doc = only(pipeline, path)
    assert isinstance(doc, CodedDocument), doc
    notes = " ".join(doc.article.notes)
    assert f"file larger than {MAX_BYTES} bytes" in notes and f"text longer than {MAX_CHARS} characters" in notes
    assert len(doc.article.text) <= MAX_CHARS
    assert doc.article.text.endswith("next week if the calm held.")  # cut at a paragraph end
    check_spans(doc)
    print(f"20 MB document coded in {time.perf_counter() - started:.1f}s")  # reported, not asserted


def test_a_20_mb_record_is_cut_with_a_note(tmp_path, pipeline):
    path = tmp_path / "big.jsonl"
    path.write_text(json.dumps({"id": "big", "text": PROSE * (20 * 2**20 // len(PROSE) + 1)}) + "\n"
                    + json.dumps({"id": "next", "text": GOOD["cairo"][1]}) + "\n")
    raws = list(read_inputs([path]))
    assert [r.doc_id for r in raws] == ["big", "next"]
    article = pipeline.prepare(raws[0])
    assert len(article.text) <= MAX_CHARS
    assert f"text longer than {MAX_CHARS} characters: cut" in article.notes


def test_an_extremely_long_sentence_is_coded(tmp_path, pipeline):
    rng = random.Random(5)
    words = " ".join(rng.choice(LONG_SENTENCE_WORDS) for _ in range(5000))
    (tmp_path / "long.txt").write_text(words + "\n")  # one line, no title, no full stop
    doc = only(pipeline, tmp_path / "long.txt")
    assert isinstance(doc, CodedDocument), doc
    assert doc.article.text == words
    check_spans(doc)


@pytest.mark.parametrize("language", ["fr", "de", "ar", "zh"])
def test_non_english_is_skipped(tmp_path, pipeline, language):
    path = tmp_path / f"{language}.txt"
    path.write_text(article_file("Nouvelles" if language == "fr" else "Headline", NON_ENGLISH[language]))
    result = only(pipeline, path)
    assert isinstance(result, Skipped), f"coded as {result.article.language}"
    assert result.reason.startswith(f"language={language}") and not result.failed
    assert result.detail.startswith(str(path))


def test_a_non_english_record_is_skipped_naming_its_line(tmp_path, pipeline):
    path = tmp_path / "records.jsonl"
    path.write_text(json.dumps({"id": "ok", "text": GOOD["cairo"][1]}) + "\n"
                    + json.dumps({"id": "fr", "text": NON_ENGLISH["fr"]}) + "\n")
    skip = code_paths(pipeline, path)[1]
    assert skip.reason == "language=fr" and skip.line == 2
    assert skip.detail.startswith(f"{path}:2: ")


def test_duplicate_ids_are_made_unique_and_both_kept(tmp_path, pipeline):
    from eventwire.runner import run_code

    (tmp_path / "in").mkdir()
    jsonl = tmp_path / "in" / "dups.jsonl"
    jsonl.write_text("\n".join(json.dumps(r) for r in [
        {"id": "dup", "text": "Russia condemned the attack on the embassy on Monday."},
        {"id": "dup", "text": "Turkey condemned the attack on the embassy on Tuesday."},
        {"id": "dup#2", "text": "Iran condemned the attack on the embassy on Wednesday."},
    ]) + "\n")
    # a.txt beside a.html: two documents with one file stem
    (tmp_path / "in" / "a.txt").write_text(article_file(*GOOD["cairo"]))
    (tmp_path / "in" / "a.html").write_text(f"<html><body><article><h1>{GOOD['geneva'][0]}</h1>"
                                            f"<p>{GOOD['geneva'][1]}</p></article></body></html>")
    raws = list(read_inputs([tmp_path / "in"]))
    assert [r.doc_id for r in raws] == ["a", "a#2", "dup", "dup#2", "dup#2#2"]
    assert any("already used" in n for n in raws[3].notes)

    db = tmp_path / "store.duckdb"
    summary = run_code([str(tmp_path / "in")], db=str(db), output=str(tmp_path / "e.jsonl"), pipeline=pipeline,
                       progress=False)
    assert summary.read == summary.coded == 5
    with open_store(db, read_only=True) as store:
        _, docs = store.query("SELECT doc_id, source_line, text FROM documents ORDER BY doc_id")
        _, events = store.query("SELECT DISTINCT doc_id FROM events ORDER BY doc_id")
    assert [d[0] for d in docs] == ["a", "a#2", "dup", "dup#2", "dup#2#2"]
    assert [d[1] for d in docs if d[0].startswith("dup")] == [1, 2, 3]
    assert {"dup", "dup#2", "dup#2#2"} <= {e[0] for e in events}
    # and a second run of the same input codes nothing again and loses nothing
    again = run_code([str(tmp_path / "in")], db=str(db), output=str(tmp_path / "e2.jsonl"), pipeline=pipeline,
                     progress=False)
    assert again.read == 5 and again.skipped == {"already_coded": 5}


def test_standard_input_is_read(pipeline):
    stream = io.TextIOWrapper(io.BytesIO("\n".join([
        json.dumps({"id": "s1", "text": GOOD["aleppo"][1]}), "not json", ""]).encode()), encoding="utf-8")
    results = list(pipeline.code_documents(read_inputs(["-"], stdin=stream)))
    assert [type(r).__name__ for r in results] == ["CodedDocument", "Skipped"]
    assert results[1].detail.startswith("<stdin>:2: ")


# ----- the whole mixed corpus through the real command ---------------------------------------------------------
@pytest.mark.slow
def test_mixed_corpus_through_the_cli(tmp_path):
    expect = write_corpus(tmp_path / "corpus", big=True)
    db, events_out = tmp_path / "store.duckdb", tmp_path / "events.jsonl"
    done = run_cli("code", str(tmp_path / "corpus"), "-o", str(events_out), "--db", str(db),
                   "--published", "2020-03-04", "--no-progress", cwd=tmp_path)
    stderr = done.stderr
    assert done.returncode == 0, stderr[-3000:]
    assert "Traceback" not in stderr
    printed = parse_summary(stderr)
    assert printed["read"] == len(expect) == 36  # 21 files, 10 JSONL records, 5 CSV rows
    assert printed["failed"] == 0, printed["failed_by"]
    assert printed["read"] == printed["coded"] + printed["skipped"]
    assert printed["coded"] >= sum(e.outcome == "coded" for e in expect)
    assert printed["skipped_by"]["language=fr"] == printed["skipped_by"]["language=de"] == 1
    assert printed["skipped_by"]["language=ar"] == 1

    # every skip is one line naming its file (and its line, for records)
    messages = [line for line in stderr.splitlines() if line.startswith("eventwire: skipped ")]
    assert len(messages) == printed["skipped"] + printed["failed"]
    for e in expect:
        if e.outcome.startswith("skipped:"):
            where = f"{e.path}:{e.line}" if e.line else str(e.path)
            reasons = e.outcome.removeprefix("skipped:").split("|")
            assert any(where in m and any(f"[{r}]" in m for r in reasons) for m in messages), (where, e.outcome)

    # the store holds one row per document, with the outcome each should have had
    with open_store(db, read_only=True) as store:
        columns, rows = store.query("SELECT * FROM documents")
    documents = [dict(zip(columns, r)) for r in rows]
    assert len(documents) == len(expect)
    by_place = {(Path(d["source_path"]).name, d["source_line"]): d for d in documents}
    for e in expect:
        row = by_place[(e.path.name, e.line if e.path.suffix in (".jsonl", ".csv") else None)]
        if e.outcome == "coded":
            assert row["status"] == "coded", row
        elif e.outcome.startswith("skipped:"):
            assert row["status"] == "skipped" and row["reason"] in e.outcome.removeprefix("skipped:").split("|")
    big = by_place[("big.txt", None)]
    assert f"text longer than {MAX_CHARS} characters: cut" in big["detail"] and len(big["text"]) <= MAX_CHARS
    assert {d["doc_id"] for d in documents} >= {"dup", "dup#2"}

    events = [json.loads(line) for line in events_out.read_text(encoding="utf-8").split("\n") if line]
    assert len(events) == printed["events"] > 0
    coded_ids = {d["doc_id"] for d in documents if d["status"] == "coded"}
    assert {e["doc_id"] for e in events} <= coded_ids
    assert {"good-aleppo", "good-geneva", "good-cairo", "good-sanctions"} <= {e["doc_id"] for e in events}


# ----- two processes, one store --------------------------------------------------------------------------------
HOLDER = """
import sys, time
from eventwire.store import open_store
store = open_store(sys.argv[1])
print("holding", flush=True)
time.sleep(120)
"""


def test_a_locked_store_is_reported_and_never_corrupted(tmp_path):
    article = tmp_path / "cairo.txt"
    article.write_text(article_file(*GOOD["cairo"]))
    db = tmp_path / "store.duckdb"
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(db)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "holding"
        # the command: one clear line, exit code 2, no traceback
        locked = run_cli("code", str(article), "--db", str(db), "--no-progress", cwd=tmp_path, timeout=300)
        assert locked.returncode == 2, locked.stderr
        assert "Traceback" not in locked.stderr
        [message] = [line for line in locked.stderr.splitlines() if line.startswith("eventwire")]
        assert message.startswith("eventwire: ") and "store is locked" in message and str(db) in message
        # the API: a typed error
        with pytest.raises(StoreLockedError, match="store is locked"):
            open_store(db)
    finally:
        holder.terminate()
        holder.wait(timeout=60)

    done = run_cli("code", str(article), "--db", str(db), "--published", "2020-03-06", "--no-progress",
                   cwd=tmp_path)
    assert done.returncode == 0, done.stderr[-2000:]
    printed = parse_summary(done.stderr)
    with open_store(db, read_only=True) as store:
        _, docs = store.query("SELECT doc_id, status FROM documents")
        _, n_events = store.query("SELECT count(*) FROM events")
    assert docs == [("cairo", "coded")]
    assert n_events[0][0] == printed["events"] > 0
    [run] = runs_rows(db)  # the refused attempt left no run behind
    assert run["read"] == 1 and run["complete"] is True

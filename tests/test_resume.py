"""Crash safety: a run killed with SIGKILL and run again loses nothing and duplicates nothing."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import duckdb
import pytest

pytestmark = pytest.mark.slow

SENTENCES = [
    "Police in {city} arrested {n} protesters on {day} after a march against fuel prices turned violent.",
    "The foreign ministers of {a} and {b} met in {city} on {day} to discuss border security.",
    "Rebels attacked an army checkpoint near {city} on {day}, killing {n} soldiers, the military said.",
    "The government of {a} pledged {n} million dollars in aid to flood victims in {b}.",
    "Thousands of teachers went on strike in {city} on {day} to demand higher pay.",
]
PLACES = [("Nairobi", "Kenya", "Uganda"), ("Lagos", "Nigeria", "Niger"), ("Quito", "Ecuador", "Peru"),
          ("Dhaka", "Bangladesh", "India"), ("Tunis", "Tunisia", "Libya")]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def _corpus(path, n):
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            city, a, b = PLACES[i % len(PLACES)]
            text = " ".join(s.format(city=city, a=a, b=b, n=3 + i % 40, day=DAYS[i % 5])
                            for s in SENTENCES[i % 3:] + SENTENCES[: i % 3])
            fh.write(json.dumps({"id": f"doc-{i:04d}", "text": f"{text} (report {i})", "published": "2021-06-11"}) + "\n")


def _run(args, **kwargs):
    return subprocess.Popen([sys.executable, "-m", "eventwire.cli", *args], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True, **kwargs)


def test_kill_9_mid_run_then_rerun_loses_and_duplicates_nothing(tmp_path):
    corpus = tmp_path / "corpus.jsonl"
    n = 400
    _corpus(corpus, n)
    db = tmp_path / "store.duckdb"
    proc = _run(["code", str(corpus), "--db", str(db), "--batch-size", "16"], start_new_session=True)
    deadline = time.monotonic() + 240
    seen = ""
    try:
        # wait until the progress bar shows a good part of the corpus done, then kill without warning
        while time.monotonic() < deadline:
            chunk = os.read(proc.stderr.fileno(), 4096).decode("utf-8", "replace")
            if not chunk:
                break
            seen += chunk
            counts = [int(x) for x in __import__("re").findall(r"(\d+)doc", seen.replace(" ", ""))]
            if counts and max(counts) >= n // 2:
                break
        assert proc.poll() is None, "the run ended before it could be killed: " + seen[-500:]
        os.killpg(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL

    second = subprocess.run([sys.executable, "-m", "eventwire.cli", "code", str(corpus), "--db", str(db),
                             "--no-progress"], capture_output=True, text=True, timeout=600)
    assert second.returncode == 0, second.stderr
    assert "Traceback" not in second.stderr

    con = duckdb.connect(str(db), read_only=True)
    try:
        docs = con.execute("SELECT count(*), count(DISTINCT doc_id) FROM documents WHERE status = 'coded'").fetchone()
        assert docs == (n, n)
        events = con.execute("SELECT count(*), count(DISTINCT event_id) FROM events").fetchone()
        assert events[0] == events[1] > 0
        orphans = con.execute("SELECT count(*) FROM events WHERE doc_id NOT IN (SELECT doc_id FROM documents)").fetchone()
        assert orphans == (0,)
        # the rerun skipped what the killed run had committed, and coded the rest
        last = con.execute("SELECT read, coded, skipped_by_reason FROM runs ORDER BY finished DESC LIMIT 1").fetchone()
        already = json.loads(last[2]).get("already_coded", 0)
        assert already > 0 and last[1] + already == n
    finally:
        con.close()

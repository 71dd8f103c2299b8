"""Distributed runs: Parquet input, and a real Dask cluster (scheduler + two workers) against a local run.

The cluster test starts ``dask scheduler`` and two ``dask worker`` processes on 127.0.0.1, runs
``eventwire code --scheduler ...`` through the real command, and checks that the Parquet parts hold
exactly the events (and skips) a local ``eventwire code`` run finds.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from eventwire.errors import ConfigError
from eventwire.schema import Skipped

VENV_BIN = Path(sys.executable).parent
EVENTWIRE = [sys.executable, "-m", "eventwire.cli"]
# Every process of the test (local run, client, scheduler, workers) gets the same string-hash seed, so that
# a tie the pipeline breaks in set order cannot make two processes code one article differently: this
# test is about the cluster machinery, not about the pipeline's determinism across processes. The seed is
# the one a Dask nanny gives every worker it starts (distributed's nanny.py: 6640, whatever the environment).
ENV = {**os.environ, "PYTHONHASHSEED": "6640"}

ARTICLES = [
    ("a01", "Police clash with protesters in Nairobi",
     "Kenyan police fired tear gas at protesters in Nairobi on Tuesday. The demonstrators had marched "
     "against a new fuel tax.", "2023-07-12"),
    ("a02", "Ministers meet in Geneva",
     "The foreign minister of Iran met the British foreign secretary in Geneva on Monday to discuss the "
     "nuclear talks.", "2022-11-15"),
    ("a03", "Rebels attack army base",
     "Rebels attacked an army base near Aleppo on Saturday, killing four soldiers.", "2020-03-09"),
    ("a04", "Sanctions announced",
     "The United States imposed sanctions on Venezuela on Friday over the disputed election.", "2019-01-28"),
    ("a05", "Aid for flood victims",
     "Japan sent emergency aid to Pakistan after the floods, the foreign ministry said on Wednesday.",
     "2022-09-01"),
    ("a06", "President condemns strike",
     "The President of France condemned the air strike on Thursday and called for calm.", "2021-05-14"),
    ("a07", "Opposition rejects proposal",
     "The opposition party in Zimbabwe rejected the government's proposal for early elections on Sunday.",
     "2018-04-30"),
    ("a08", "Troops withdraw",
     "Russia withdrew its troops from the border with Ukraine on Tuesday, the defence ministry announced.",
     "2021-04-23"),
    ("a09", "Leaders sign accord",
     "Ethiopia and Eritrea signed a peace agreement in Riyadh on Sunday.", "2018-09-17"),
    ("a10", "Government accused of abuses",
     "Human rights groups accused the government of Myanmar of abuses against civilians on Monday.",
     "2019-08-27"),
    ("a11", "Army arrests activists",
     "Soldiers arrested twelve activists in Khartoum on Wednesday, witnesses said.", "2019-06-06"),
    ("a12", "China threatens Taiwan",
     "China threatened Taiwan with military action on Friday after the island's president visited the "
     "United States.", "2023-04-08"),
    ("a13", "Talks called",
     "Egypt urged Israel and Hamas to return to negotiations in Cairo on Thursday.", "2021-05-21"),
    ("a14", "Workers strike",
     "Thousands of workers went on strike in Lagos on Monday to demand higher wages.", "2024-06-04"),
    ("a15", "Turkey supports agreement",
     "Turkey praised the grain agreement between Russia and Ukraine on Saturday.", "2022-07-24"),
    ("a16", "Embassy closed",
     "Canada expelled two Saudi diplomats from Ottawa on Monday and froze trade talks.", "2018-08-07"),
    ("a17", "Police raid offices",
     "Police raided the offices of an opposition newspaper in Caracas on Tuesday.", "2017-03-15"),
    ("a18", "Mediation offered",
     "Qatar offered to mediate between the Afghan government and the Taliban on Wednesday.", "2020-09-10"),
    ("a19", "Nothing happened", "", "2020-01-01"),
    ("a20", "Une manifestation à Paris",
     "Des milliers de manifestants ont défilé à Paris samedi contre la réforme des retraites proposée "
     "par le gouvernement, selon les syndicats qui dénoncent une loi injuste.", "2023-03-12"),
]

PAGES = [
    ("https://news.example.org/2021/ghana-talks", "2021-10-04", "Ghana hosts regional talks",
     ["The President of Ghana met the leaders of Togo and Benin in Accra on Monday to discuss border security.",
      "The three governments agreed to share intelligence on armed groups operating in the region, officials "
      "said after the meeting.",
      "Diplomats described the talks as constructive and said a further meeting would be held next month."]),
    ("https://news.example.org/2020/chile-protest", "2020-02-20", "Students protest in Santiago",
     ["Thousands of students protested in Santiago on Wednesday against the cost of education.",
      "Police detained dozens of demonstrators near the presidential palace, according to local media.",
      "The education minister said the government would consider the students' demands."]),
    ("https://news.example.org/2019/un-appeal", "2019-11-13", "United Nations appeals for aid",
     ["The United Nations appealed for humanitarian aid for Yemen on Tuesday, warning of famine.",
      "Saudi Arabia pledged five hundred million dollars to the relief effort, the agency said.",
      "Aid workers said the fighting around the port city had cut supply routes for weeks."]),
]


def _write_jsonl(path: Path) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for doc_id, title, text, published in ARTICLES:
            fh.write(json.dumps({"id": doc_id, "title": title, "text": text, "published": published}) + "\n")
        fh.write("{this line is not json\n")


def _html(url: str, day: str, title: str, paragraphs: list[str]) -> bytes:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f"<!DOCTYPE html><html><head><title>{title}</title>"
            f'<meta property="article:published_time" content="{day}T09:00:00Z"></head>'
            f"<body><nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
            f"<article><h1>{title}</h1>{body}</article><footer>Copyright Example News</footer></body></html>"
            ).encode("utf-8")


def _write_warc(path: Path) -> None:
    from io import BytesIO

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        records = [(url, "text/html; charset=utf-8", _html(url, day, title, paras))
                   for url, day, title, paras in PAGES]
        records.append(("https://news.example.org/logo.png", "image/png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64))
        for url, ctype, payload in records:
            headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.0")
            writer.write_record(writer.create_warc_record(url, "response", payload=BytesIO(payload),
                                                          http_headers=headers))


# ----- Parquet input ------------------------------------------------------------------------------------
def test_parquet_input_reads_rows_as_documents(tmp_path):
    from eventwire.distributed import read_documents, read_parquet

    table = pa.table({
        "ID": ["p1", "p2", None, "p4"],
        "text": ["Rebels attacked a base.", "Police arrested protesters.", "No id here.", None],
        "title": ["One", "Two", "", "Four"],
        "url": ["https://example.org/1", None, None, None],
        "published": pa.array([dt.date(2020, 3, 4), None, dt.date(2021, 1, 2), None], pa.date32()),
        "ignored": [1, 2, 3, 4],
    })
    path = tmp_path / "articles.parquet"
    pq.write_table(table, path, row_group_size=2)  # two row groups, read one at a time
    docs = list(read_parquet(path, batch_rows=1, published=dt.date(1999, 1, 1)))
    assert [type(d).__name__ for d in docs] == ["RawDocument", "RawDocument", "RawDocument", "Skipped"]
    first, second, third, fourth = docs
    assert (first.doc_id, first.title, first.body, first.url) == ("p1", "One", "Rebels attacked a base.",
                                                                   "https://example.org/1")
    assert (first.published, first.published_source, first.line) == (dt.date(2020, 3, 4), "input", 1)
    assert (second.published, second.published_source) == (dt.date(1999, 1, 1), "option")
    assert third.doc_id == "articles.parquet:3" and third.line == 3
    assert fourth.reason == "malformed_record" and fourth.line == 4 and not fourth.failed

    # directories are walked with the local readers, Parquet files included
    (tmp_path / "notes.txt").write_text("A title\n\nTroops withdrew from the town.\n", encoding="utf-8")
    found = list(read_documents([tmp_path]))
    assert [d.doc_id for d in found] == ["p1", "p2", "articles.parquet:3", "articles.parquet:4", "notes"]


def test_parquet_input_without_text_column_or_not_parquet(tmp_path):
    from eventwire.distributed import read_parquet

    no_text = tmp_path / "no_text.parquet"
    pq.write_table(pa.table({"id": ["x"], "headline": ["y"]}), no_text)
    (skip,) = read_parquet(no_text)
    assert skip.reason == "malformed_parquet" and "no 'text' column" in skip.detail and not skip.failed
    broken = tmp_path / "broken.parquet"
    broken.write_bytes(b"not parquet at all")
    (skip,) = read_parquet(broken)
    assert skip.reason == "malformed_parquet" and skip.failed and str(broken) in skip.detail


def test_unreachable_scheduler_is_a_config_error(tmp_path):
    from eventwire.distributed import run_distributed

    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(ConfigError, match=r"cannot reach the Dask scheduler at tcp://127\.0\.0\.1:\d+"):
        run_distributed(["nothing.jsonl"], scheduler=f"tcp://127.0.0.1:{port}", out_dir=str(tmp_path / "out"),
                        connect_timeout=2)
    # through the command: one line, no traceback, exit code 2
    done = subprocess.run(EVENTWIRE + ["code", "--scheduler", f"tcp://127.0.0.1:{port}", "nothing.jsonl", "-o",
                                       str(tmp_path / "out")], capture_output=True, text=True, timeout=60,
                          stdin=subprocess.DEVNULL, cwd=tmp_path)
    assert done.returncode == 2, done.stderr
    assert done.stderr.startswith(f"eventwire: cannot reach the Dask scheduler at tcp://127.0.0.1:{port}")
    assert "Traceback" not in done.stderr


def test_partition_failure_is_accounted_not_dropped(tmp_path):
    from eventwire.distributed import _fail_partition

    members = [("d1", "in.jsonl", 1), Skipped(doc_id="d2", reason="malformed_jsonl", path="in.jsonl", line=2)]
    summary = _fail_partition(str(tmp_path), 7, members, RuntimeError("worker died"))
    assert (summary.read, summary.failed, summary.skipped) == (2, {"error:RuntimeError": 1}, {"malformed_jsonl": 1})
    rows = pq.read_table(tmp_path / "skipped-part-00007.parquet").to_pylist()
    assert [(r["doc_id"], r["reason"], r["failed"]) for r in rows] == [
        ("d1", "error:RuntimeError", True), ("d2", "malformed_jsonl", False)]
    assert pq.read_table(tmp_path / "events-part-00007.parquet").num_rows == 0


# ----- a real cluster -----------------------------------------------------------------------------------
def _start(args: list[str], log: Path) -> subprocess.Popen:
    return subprocess.Popen(args, stdout=log.open("wb"), stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                            start_new_session=True, env=ENV)


def _stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        try:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=10)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            proc.wait(timeout=10)


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    """A scheduler and two single-threaded workers on 127.0.0.1; yields the scheduler's address."""
    from distributed import Client

    root = tmp_path_factory.mktemp("cluster")
    scheduler_file = root / "scheduler.json"
    dask = str(VENV_BIN / "dask")
    procs = [_start([dask, "scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard",
                     "--scheduler-file", str(scheduler_file)], root / "scheduler.log")]
    try:
        deadline = time.monotonic() + 30
        while not scheduler_file.exists() or not scheduler_file.read_text().strip():
            if procs[0].poll() is not None or time.monotonic() > deadline:
                pytest.fail("dask scheduler did not start:\n" + (root / "scheduler.log").read_text())
            time.sleep(0.2)
        time.sleep(0.2)  # the file is written in one go, but be safe about a partial read
        address = json.loads(scheduler_file.read_text())["address"]
        for n in range(2):
            procs.append(_start([dask, "worker", address, "--nworkers", "1", "--nthreads", "1", "--host",
                                 "127.0.0.1", "--no-dashboard", "--memory-limit", "4GiB", "--local-directory",
                                 str(root / f"worker{n}"), "--death-timeout", "60"], root / f"worker{n}.log"))
        with Client(address, timeout=20, set_as_default=False) as client:
            try:
                client.wait_for_workers(2, timeout=60)
            except TimeoutError:
                logs = "\n".join(p.read_text() for p in sorted(root.glob("*.log")))
                pytest.fail("two dask workers did not join:\n" + logs)
        yield address
    finally:
        for proc in reversed(procs):
            _stop(proc)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    root = tmp_path_factory.mktemp("corpus")
    _write_jsonl(root / "articles.jsonl")
    _write_warc(root / "pages.warc.gz")
    return [str(root / "articles.jsonl"), str(root / "pages.warc.gz")]


def _run(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(EVENTWIRE + args, cwd=cwd, capture_output=True, text=True, timeout=100,
                          stdin=subprocess.DEVNULL, env=ENV)


def _counts(stderr: str) -> str:
    """The summary line without its timing: 'read 24; coded 20; skipped ...; events 30, quotes 2'."""
    line = [ln for ln in stderr.splitlines() if ln.startswith("eventwire: read ")][-1]
    return re.sub(r" in [0-9.]+s$", "", line)


def _event_rows(paths) -> set[tuple]:
    rows = set()
    for path in paths:
        for row in pq.read_table(path).to_pylist():
            rows.add(tuple(sorted(row.items())))
    return rows


@pytest.fixture(scope="module")
def local_run(corpus, tmp_path_factory):
    out = tmp_path_factory.mktemp("local")
    done = _run(["code", *corpus, "-o", str(out / "local.parquet"), "--no-progress"], out)
    assert done.returncode == 0, done.stderr
    skips = set(re.findall(r"eventwire: skipped .*? \[([^\]]+)\]", done.stderr))
    return {"events": _event_rows([out / "local.parquet"]), "counts": _counts(done.stderr), "skip_reasons": skips}


@pytest.mark.slow
@pytest.mark.timeout(180)
def test_cluster_run_matches_local_run(cluster, corpus, local_run, tmp_path):
    done = _run(["code", "--scheduler", cluster, *corpus, "-o", str(tmp_path / "out") + "/"], tmp_path)
    assert done.returncode == 0, done.stderr
    out = tmp_path / "out"
    assert sorted(p.name for p in out.glob("*.parquet")) == [
        "events-part-00000.parquet", "quotes-part-00000.parquet", "skipped-part-00000.parquet"]
    events = _event_rows(sorted(out.glob("events-part-*.parquet")))
    assert len(local_run["events"]) >= 15  # the corpus is news with events: a run finding nothing proves nothing
    assert events == local_run["events"]
    key = {(dict(r)["event_id"], dict(r)["event_type"], dict(r)["source_code"], dict(r)["target_code"],
            dict(r)["date"]) for r in events}
    assert len(key) == len(events)
    assert _counts(done.stderr) == local_run["counts"]

    skipped = pq.read_table(out / "skipped-part-00000.parquet").to_pylist()
    assert {r["reason"] for r in skipped} == local_run["skip_reasons"]
    assert {"malformed_jsonl", "not_html", "language=fr"} <= {r["reason"] for r in skipped}
    assert all(r["detail"] for r in skipped)
    record = json.loads((out / "_run.json").read_text())
    assert record["complete"] and record["partitions"] == 1
    assert record["summary"]["read"] == record["summary"]["coded"] + len(skipped)


@pytest.mark.slow
@pytest.mark.timeout(180)
def test_cluster_partitions_spread_over_workers_are_reproducible(cluster, corpus, local_run, tmp_path):
    from distributed import Client

    from eventwire.distributed import run_distributed

    first = run_distributed(corpus, scheduler=cluster, out_dir=str(tmp_path / "a"), partition_size=3)
    assert first.balanced and first.read == len(ARTICLES) + 1 + len(PAGES) + 1
    parts = sorted(p.name for p in (tmp_path / "a").glob("events-part-*.parquet"))
    assert parts == [f"events-part-{i:05d}.parquet" for i in range(9)]  # 25 documents in 9 partitions
    assert _event_rows(sorted((tmp_path / "a").glob("events-part-*.parquet"))) == local_run["events"]
    def partitions_run(run_id: str, dask_worker=None) -> list[str]:
        """On a worker (a nested function, so the worker gets it by value): the partitions it computed."""
        prefix = f"eventwire-partition-{run_id}-"
        return sorted({entry[0] for entry in dask_worker.state.log
                       if isinstance(entry[0], str) and entry[0].startswith(prefix) and entry[2] == "memory"})

    run_id = json.loads((tmp_path / "a" / "_run.json").read_text())["run_id"]
    with Client(cluster, timeout=20, set_as_default=False) as client:
        ran = client.run(partitions_run, run_id)
    assert len(ran) == 2 and all(ran.values()), ran  # both workers coded partitions
    assert sorted(k for keys in ran.values() for k in keys) == [
        f"eventwire-partition-{run_id}-{i:05d}" for i in range(9)]

    # the same inputs give the same files, byte for byte, whichever worker wrote which part
    run_distributed(corpus, scheduler=cluster, out_dir=str(tmp_path / "b"), partition_size=3)
    for part in sorted((tmp_path / "a").glob("*-part-*.parquet")):
        assert part.read_bytes() == (tmp_path / "b" / part.name).read_bytes(), part.name

    with pytest.raises(ConfigError, match="already holds Parquet parts"):
        run_distributed(corpus, scheduler=cluster, out_dir=str(tmp_path / "a"))


def test_scheduler_without_workers_is_a_config_error(tmp_path):
    from distributed import LocalCluster

    from eventwire.distributed import run_distributed

    with LocalCluster(n_workers=0, processes=False, protocol="tcp", host="127.0.0.1",
                      dashboard_address=":0") as cluster:
        with pytest.raises(ConfigError, match="no Dask worker joined the scheduler"):
            run_distributed(["nothing.jsonl"], scheduler=cluster.scheduler_address, out_dir=str(tmp_path / "out"),
                            worker_timeout=1)
    record = json.loads((tmp_path / "out" / "_run.json").read_text())
    assert record["complete"] is False and record["partitions"] == 0

"""Throughput benchmark: eventwire against bare spaCy over the same generated articles, in one run.

Usage::

    .venv/bin/python bench/throughput.py                 # 2,000 articles, half political news
    .venv/bin/python bench/throughput.py --articles 5000 --political-share 0.3
    .venv/bin/python bench/throughput.py --stream 100000 # peak memory of eventwire on a long stream
    .venv/bin/python bench/throughput.py --articles 600 --rounds 3  # best of 3 interleaved rounds

Articles are generated deterministically (seeded) from sentence pools: political sentences taken from the
bundled demo corpus and the team's *dev* gold items (never the test half), and general-news sentences
(sports, markets, weather, culture) made from templates below, so the stream looks like a general news
feed. Each measurement runs in its own process (so peak RSS is its own): the reference is spaCy's full
pipeline ``nlp.pipe`` over the texts; eventwire is ``Pipeline.code_documents`` (pre-pass on, then off).
All use the same batch size and a single process. Prints articles/s, sentences/s, peak RSS, how many cores
each kept busy (CPU time over wall time: both sides must use the same) and the ratio. eventwire multiplies
matrices through numpy's BLAS on one thread (``eventwire.nlp.use_numpy_blas``) where spaCy as shipped uses
thinc's BLIS, so a fourth run gives spaCy the same matrix products: the ratio against it is what the
pre-pass and eventwire's own work come to without that.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import random
import re
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

TEAMS = ["Rovers", "United", "City", "Athletic", "Wanderers", "Rangers", "Albion", "Harriers", "Dynamo", "Sporting"]
PLAYERS = ["Okafor", "Lindqvist", "Moreau", "Tanaka", "Ferreira", "Novak", "Haddad", "Kowalski", "Mensah", "Ortiz"]
COMPANIES = ["Norvik Foods", "Altara Systems", "Bluewater Shipping", "Kestrel Motors", "Granite Bank", "Solace Pharma"]
CITIES = ["Lyon", "Osaka", "Porto", "Leeds", "Gdansk", "Valencia", "Adelaide", "Nagoya", "Rotterdam", "Cork"]
GENERAL_TEMPLATES = [
    "{team1} beat {team2} {n}-{m} on {day}, with {player} scoring twice in the second half.",
    "{player} was named player of the month after a run of {n} goals in {m} games for {team1}.",
    "Shares in {company} rose {n}.{m} percent in early trading after the firm raised its profit forecast.",
    "{company} said quarterly revenue grew to {n}{m}0 million dollars, slightly above analysts' expectations.",
    "The benchmark index closed {n}.{m} percent higher, led by banks and energy stocks.",
    "Forecasters expect heavy rain across {city} on {day}, with temperatures around {n}{m} degrees.",
    "A new exhibition of {n}0 paintings opens at the {city} city museum next month.",
    "The film festival in {city} will screen {n}{m} titles from {m} countries this year.",
    "Commuters in {city} faced delays of up to {n}{m} minutes after a signal fault on the main line.",
    "Researchers at the university of {city} said the new battery lasts {n} times longer than current designs.",
    "{team1} confirmed that coach {player} had signed a contract extension until {year}.",
    "Tourist numbers in {city} reached a record {n}.{m} million last year, the city council said.",
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+(?=[\"A-Z])", text) if len(s.split()) > 3]


def political_pool() -> list[str]:
    pool = []
    demo = ROOT / "src" / "eventwire" / "data" / "demo" / "articles.jsonl"
    for line in demo.read_text(encoding="utf-8").splitlines():
        pool += _sentences(json.loads(line)["text"])
    for path in sorted((ROOT / "gold" / "dev").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            if record.get("events"):
                pool += _sentences(record["text"])
    return pool


def general_sentence(rng: random.Random) -> str:
    template = rng.choice(GENERAL_TEMPLATES)
    team1, team2 = rng.sample(TEAMS, 2)
    return template.format(team1=team1, team2=team2, player=rng.choice(PLAYERS), company=rng.choice(COMPANIES),
                           city=rng.choice(CITIES), day=rng.choice(DAYS), n=rng.randint(1, 9), m=rng.randint(0, 9),
                           year=rng.randint(2026, 2030))


def generate(n: int, *, political_share: float, seed: int = 7, sentences_range: tuple[int, int] = (8, 20),
             pool: list[str] | None = None) -> list[str]:
    """``n`` articles of 8-20 sentences in 2-5 paragraphs; ``political_share`` of them political news."""
    rng = random.Random(seed)
    pool = pool if pool is not None else political_pool()
    articles = []
    for _ in range(n):
        political = rng.random() < political_share
        sentences = []
        for _ in range(rng.randint(*sentences_range)):
            # political articles still carry some background and colour; general ones none of the pool
            if political and rng.random() < 0.8:
                sentences.append(rng.choice(pool))
            else:
                sentences.append(general_sentence(rng))
        paragraphs, i = [], 0
        while i < len(sentences):
            k = rng.randint(2, 5)
            paragraphs.append(" ".join(sentences[i:i + k]))
            i += k
        articles.append("\n\n".join(paragraphs))
    return articles


def _installed(name: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(name) is not None


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def _cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _timed(work) -> dict:
    """Run ``work()`` (which returns what it counted) and add its wall time, the cores it kept busy (CPU time
    over wall time) and the process's peak RSS."""
    started, cpu = time.perf_counter(), _cpu_seconds()
    counts = work()
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "cores": (_cpu_seconds() - cpu) / seconds, **counts, "rss_mb": _peak_rss_mb()}


def _run_spacy(texts: list[str], batch_size: int, numpy_blas: bool, queue) -> None:
    import spacy

    from eventwire.nlp import DEFAULT_MODELS, limit_blas_threads, use_numpy_blas

    # the reference is spaCy as shipped: the same model eventwire loads, without eventwire's faster
    # attribute ruler (eventwire.nlp.FastAttributeRuler) and matrix products (eventwire.nlp.use_numpy_blas);
    # with numpy_blas, spaCy as shipped given eventwire's matrix products, on one thread like eventwire
    name = next(n for n in DEFAULT_MODELS if _installed(n))
    nlp = spacy.load(name)
    if numpy_blas:
        use_numpy_blas(nlp)
        limit_blas_threads(1)
    for _ in nlp.pipe(texts[:20]):
        pass  # warm up, like eventwire's own load
    queue.put(_timed(lambda: {"sentences": sum(1 for doc in nlp.pipe(texts, batch_size=batch_size)
                                               for _ in doc.sents)}))


def _run_eventwire(texts: list[str], batch_size: int, prefilter: bool, queue) -> None:
    from eventwire.ingest import RawDocument
    from eventwire.pipeline import Pipeline, Settings

    pipe = Pipeline(Settings(batch_size=batch_size, prefilter=prefilter, language_check=True))
    for _ in pipe.code_documents(RawDocument(doc_id=f"w{i}", body=t) for i, t in enumerate(texts[:20])):
        pass  # load the model, lexicon, gazetteer and knowledge base outside the timing

    def code() -> dict:
        events = coded = 0
        for result in pipe.code_documents(RawDocument(doc_id=str(i), body=t) for i, t in enumerate(texts)):
            if hasattr(result, "events"):
                coded += 1
                events += len(result.events)
        return {"events": events, "coded": coded}

    queue.put(_timed(code))


def _in_process(target, *args) -> dict:
    ctx = mp.get_context("spawn")
    queue = ctx.Queue()
    proc = ctx.Process(target=target, args=(*args, queue))
    proc.start()
    result = queue.get()
    proc.join()
    return result


def _stream(n: int, batch_size: int, sentences_range: tuple[int, int] = (8, 20)) -> dict:
    """Code ``n`` generated articles as a stream (never all in memory) and report peak RSS."""
    from eventwire.ingest import RawDocument
    from eventwire.pipeline import Pipeline, Settings

    pipe = Pipeline(Settings(batch_size=batch_size))
    rng_seed = 11
    pool = political_pool()

    def articles():
        block = 500
        for start in range(0, n, block):
            for j, text in enumerate(generate(min(block, n - start), political_share=0.5, seed=rng_seed + start,
                                              sentences_range=sentences_range, pool=pool)):
                yield RawDocument(doc_id=str(start + j), body=text)

    started = time.perf_counter()
    done = 0
    rss_points = []
    for _ in pipe.code_documents(articles()):
        done += 1
        if done % 5000 == 0:
            rss_points.append((done, round(_peak_rss_mb())))
            print(f"  {done} articles, peak RSS {rss_points[-1][1]} MB", file=sys.stderr, flush=True)
    return {"articles": done, "seconds": time.perf_counter() - started, "peak_rss_mb": _peak_rss_mb(),
            "rss_points": rss_points}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--political-share", type=float, default=0.5)
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--stream", type=int, default=0, help="also code a stream of N articles for peak RSS")
    parser.add_argument("--stream-only", action="store_true", help="only the stream (no speed comparison)")
    parser.add_argument("--stream-sentences", type=int, nargs=2, default=(8, 20), metavar=("MIN", "MAX"),
                        help="sentences per streamed article")
    parser.add_argument("--rounds", type=int, default=1,
                        help="measure each configuration this many times, interleaved, and keep each one's best "
                             "time (on a shared machine the best time is the one least disturbed)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)

    if args.stream_only:
        s = _stream(args.stream, args.batch_size, tuple(args.stream_sentences))
        print(json.dumps(s, indent=1) if args.json else
              f"stream of {s['articles']} articles: {s['articles'] / s['seconds']:.1f} articles/s, "
              f"peak RSS {s['peak_rss_mb']:.0f} MB")
        return 0
    texts = generate(args.articles, political_share=args.political_share)
    sentences = sum(len(_sentences(t)) for t in texts)
    chars = sum(len(t) for t in texts)
    print(f"{len(texts)} articles, {sentences} sentences, {chars / 1e6:.1f} M characters "
          f"({args.political_share:.0%} political)", file=sys.stderr)
    rounds = []
    for _ in range(max(1, args.rounds)):
        rounds.append((_in_process(_run_spacy, texts, args.batch_size, False),
                       _in_process(_run_eventwire, texts, args.batch_size, True),
                       _in_process(_run_eventwire, texts, args.batch_size, False),
                       _in_process(_run_spacy, texts, args.batch_size, True)))
        if args.rounds > 1:
            ref, pre, nopre, same_blas = rounds[-1]
            print(f"round {len(rounds)}: ratio {ref['seconds'] / pre['seconds']:.2f}x with the pre-pass, "
                  f"{ref['seconds'] / nopre['seconds']:.2f}x without; "
                  f"{same_blas['seconds'] / pre['seconds']:.2f}x against spaCy given numpy's BLAS", file=sys.stderr)
    reference, with_prepass, without_prepass, same_blas = (
        min((r[k] for r in rounds), key=lambda m: m["seconds"]) for k in range(4))

    def entry(m: dict) -> dict:
        out = {"articles_per_s": len(texts) / m["seconds"], "sentences_per_s": sentences / m["seconds"],
               "peak_rss_mb": m["rss_mb"], "cores": m["cores"]}
        if "events" in m:
            out["events"] = m["events"]
        return out

    report = {"articles": len(texts), "sentences": sentences, "political_share": args.political_share,
              "spacy": entry(reference), "eventwire": entry(with_prepass),
              "eventwire_no_prepass": entry(without_prepass), "spacy_numpy_blas": entry(same_blas)}
    report["rounds"] = len(rounds)
    report["ratio"] = report["eventwire"]["articles_per_s"] / report["spacy"]["articles_per_s"]
    report["ratio_no_prepass"] = report["eventwire_no_prepass"]["articles_per_s"] / report["spacy"]["articles_per_s"]
    report["ratio_same_blas"] = report["eventwire"]["articles_per_s"] / report["spacy_numpy_blas"]["articles_per_s"]
    if args.stream:
        report["stream"] = _stream(args.stream, args.batch_size, tuple(args.stream_sentences))
    if args.json:
        print(json.dumps(report, indent=1))
        return 0
    for name in ("spacy", "eventwire", "eventwire_no_prepass", "spacy_numpy_blas"):
        r = report[name]
        print(f"{name:<22} {r['articles_per_s']:8.1f} articles/s {r['sentences_per_s']:9.1f} sentences/s "
              f"peak RSS {r['peak_rss_mb']:7.0f} MB  {r['cores']:.2f} cores busy"
              + (f"  {r['events']} events" if "events" in r else ""))
    print(f"ratio to bare spaCy: {report['ratio']:.2f}x with the pre-pass, {report['ratio_no_prepass']:.2f}x without")
    print(f"ratio to spaCy given eventwire's matrix products (numpy's BLAS, one thread): "
          f"{report['ratio_same_blas']:.2f}x with the pre-pass")
    if "stream" in report:
        s = report["stream"]
        print(f"stream of {s['articles']} articles: {s['articles'] / s['seconds']:.1f} articles/s, "
              f"peak RSS {s['peak_rss_mb']:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The protocol of the peer harness (see benchmarks/peers/README.md) for the Python engines.

The same steps, options and result lines as PeerHarness.java and PeerProtocol.cs, so only the engine differs:
an engine module provides an Engine object and calls run(engine).
"""

import argparse
import datetime
import gc
import os
import re
import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from typing import List, Optional

# .NET's DateOnly.DayNumber counts days from 0001-01-01 as 0; Python's ordinal counts it as 1. Every engine
# indexes the same numbers.
def day_number(date: datetime.date) -> int:
    return date.toordinal() - 1


@dataclass(frozen=True)
class SeedDoc:
    id: str
    title: str
    body: str
    day: Optional[int]


@dataclass(frozen=True)
class BenchQuery:
    category: str
    text: str
    from_day: Optional[int]
    to_day: Optional[int]

    @property
    def has_range(self) -> bool:
        return self.from_day is not None or self.to_day is not None


# ---- seed format, as src/Search/Documents/SeedDocumentReader.cs reads it ----

_DATE_HEADER = re.compile(r"^\s*date\s+(?P<date>[0-9]{1,4}-[0-9]{1,2}-[0-9]{1,2})(?:\s+(?P<title>.*))?$")
_STRICT_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")


def read_seed(path: str, doc_id: str) -> SeedDoc:
    with open(path, "rb") as f:
        data = f.read()
    nul = data.find(b"\0")
    if nul >= 0:
        raise ValueError(f"{path}: binary content (NUL byte at offset {nul}).")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    text = data.decode("utf-8")  # strict: invalid UTF-8 raises, as the C# reader refuses it
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    line_start = 0
    while line_start < len(text):
        line_end = text.find("\n", line_start)
        if line_end < 0:
            line_end = len(text)
        line = text[line_start:line_end]
        if line.strip():
            body = text[line_end + 1:] if line_end < len(text) else ""
            header = _DATE_HEADER.match(line)
            if not header:
                return SeedDoc(doc_id, line.strip(), _trim_blank_lines(body), None)
            date = header.group("date")
            if not _STRICT_DATE.match(date):
                raise ValueError(f"{path}: the header date '{date}' is not in the form YYYY-MM-DD.")
            title = header.group("title") or ""
            return SeedDoc(doc_id, title.strip(), _trim_blank_lines(body), day_number(datetime.date.fromisoformat(date)))
        line_start = line_end + 1
    raise ValueError(f"{path}: the file is empty.")


def _trim_blank_lines(body: str) -> str:
    start = 0
    while True:
        line_end = body.find("\n", start)
        if line_end < 0 or body[start:line_end].strip():
            break
        start = line_end + 1
    return body[start:].rstrip()


def list_txt(folder: str) -> List[str]:
    files = []
    for root, _dirs, names in os.walk(folder):
        for name in names:
            if name.endswith(".txt"):
                files.append(os.path.join(root, name))
    return files


def id_of(folder: str, path: str) -> str:
    """A file's path below the folder without ".txt", with '/' separators."""
    return os.path.relpath(path, folder)[:-4].replace(os.sep, "/")


def seeds(folder: str):
    """Reads and parses the folder's files one at a time, inside the timed indexing run."""
    for path in list_txt(folder):
        yield read_seed(path, id_of(folder, path))


def load_queries(path: str) -> List[BenchQuery]:
    queries = []
    with open(path, encoding="utf-8") as f:
        for line in f.read().splitlines():
            if not line or line[0] == "#":
                continue
            parts = line.split("\t")

            def day(i):
                return day_number(datetime.date.fromisoformat(parts[i])) if len(parts) > i and parts[i] else None

            queries.append(BenchQuery(parts[0], parts[1], day(2), day(3)))
    return queries


# ---- the protocol ----

class Engine:
    """What an engine provides; timing, warm-up and output are the harness's."""

    id = ""
    name = ""
    version = ""
    multi_threaded = False

    def index(self, folder: str, index_dir: str, threads: int) -> None:
        """Lists, reads, parses, analyses and indexes every *.txt under folder into index_dir, then commits."""
        raise NotImplementedError

    def count(self, index_dir: str) -> int:
        raise NotImplementedError

    def open(self, index_dir: str) -> "Searcher":
        raise NotImplementedError


class Searcher:
    modes = ("top10", "highlight")

    def support(self, mode: str, query: BenchQuery) -> Optional[str]:
        """None when the engine runs this query in this mode as the others do; else a short note ("n/a: ..." skips it)."""
        return None

    def run(self, mode: str, query: BenchQuery) -> int:
        raise NotImplementedError

    def total_hits(self, query: BenchQuery) -> int:
        """Exact number of matching documents, outside any timing."""
        raise NotImplementedError

    def describe(self) -> str:
        return ""

    def close(self) -> None:
        pass


def _emit(out, *fields) -> None:
    out.write("\t".join(str(f) for f in fields) + "\n")
    out.flush()


def _skipped(support: Optional[str]) -> bool:
    return support is not None and support.startswith("n/a")


def run(engine: Engine) -> None:
    parser = argparse.ArgumentParser(description=f"{engine.name} under the peer protocol")
    parser.add_argument("--x1", required=True)
    parser.add_argument("--x4", required=True)
    parser.add_argument("--queries", required=True)
    parser.add_argument("--output", required=True)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--warmup-seconds", type=float, default=2.0)
    parser.add_argument("--query-seconds", type=float, default=1.0)
    args = parser.parse_args()

    scratch = tempfile.mkdtemp(prefix=f"peer-{engine.id}-")
    try:
        with open(args.output, "w", encoding="utf-8") as out:
            _emit(out, "engine", engine.id, engine.name, engine.version)
            _emit(out, "protocol", args.runs, args.warmup_seconds, args.query_seconds)
            _emit(out, "note", f"runtime: Python {sys.version.split()[0]}")
            configs = [(1, 1), (4, 1)] + ([(4, 2)] if engine.multi_threaded else [])
            for scale, threads in configs:
                _measure_indexing(engine, args.x1 if scale == 1 else args.x4, scale, threads, args.runs, scratch, out)
            _measure_queries(engine, args.x1, load_queries(args.queries), args.warmup_seconds, args.query_seconds, scratch, out)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def _measure_indexing(engine, folder, scale, threads, runs, scratch, out) -> None:
    files = list_txt(folder)
    size = sum(os.path.getsize(f) for f in files)
    seconds = []
    indexed = -1
    for run_number in range(runs + 1):
        index_dir = os.path.join(scratch, f"index-{scale}x{threads}-{run_number}")
        os.mkdir(index_dir)
        gc.collect()
        start = time.perf_counter()
        engine.index(folder, index_dir, threads)
        elapsed = time.perf_counter() - start
        if run_number == runs:
            indexed = engine.count(index_dir)
        shutil.rmtree(index_dir)
        if run_number > 0:
            seconds.append(elapsed)
        label = "warm-up" if run_number == 0 else f"run {run_number}"
        print(f"{engine.id} index {scale}x {threads} thread(s) {label}: {elapsed:.2f} s", file=sys.stderr, flush=True)
    _emit(out, "index", scale, threads, len(files), size, f"{statistics.median(seconds):.4f}",
          ",".join(f"{s:.4f}" for s in seconds), indexed)


def _measure_queries(engine, x1, queries, warmup_seconds, query_seconds, scratch, out) -> None:
    index_dir = os.path.join(scratch, "query-index")
    os.mkdir(index_dir)
    engine.index(x1, index_dir, 1)
    searcher = engine.open(index_dir)
    try:
        _emit(out, "query-index", searcher.describe())
        sink = 0
        warmup_end = time.perf_counter() + warmup_seconds
        passes = 0
        while passes < 3 or time.perf_counter() < warmup_end:
            for mode in searcher.modes:
                for query in queries:
                    if not _skipped(searcher.support(mode, query)):
                        sink += searcher.run(mode, query)
            passes += 1
        _emit(out, "note", f"query warm-up: {passes} passes over the set")
        for mode in searcher.modes:
            for query in queries:
                support = searcher.support(mode, query)
                if _skipped(support):
                    _emit(out, "query", mode, query.category, "", 0, "", support)
                    continue
                reps = 0
                start = time.perf_counter()
                limit = start + query_seconds
                while True:
                    sink += searcher.run(mode, query)
                    reps += 1
                    now = time.perf_counter()
                    if now >= limit and reps >= 3:
                        break
                mean_ms = (now - start) * 1000 / reps
                _emit(out, "query", mode, query.category, f"{mean_ms:.4f}", reps, searcher.total_hits(query), support or "")
                print(f"{engine.id} {mode} {query.category}: {mean_ms:.3f} ms ({reps} reps)", file=sys.stderr, flush=True)
    finally:
        searcher.close()

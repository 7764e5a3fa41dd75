"""Prints the markdown tables of a peer run from the engines' result files (see README.md for the line format).

    python3 report.py RESULT.tsv...      (in the order the engines should appear)
"""

import statistics
import sys
from collections import OrderedDict

MODES_HIGHLIGHT = ("highlight", "highlight-postings")


def load(path):
    engine = {"id": "", "name": "", "version": "", "index": {}, "query": OrderedDict(), "notes": [], "query_index": "",
              "protocol": None}
    with open(path, encoding="utf-8") as f:
        for line in f.read().splitlines():
            parts = line.split("\t")
            kind = parts[0]
            if kind == "engine":
                engine["id"], engine["name"], engine["version"] = parts[1], parts[2], parts[3]
            elif kind == "index":
                scale, threads, docs, size, median, runs, indexed = parts[1:8]
                engine["index"][(int(scale), int(threads))] = {
                    "docs": int(docs), "bytes": int(size), "median": float(median),
                    "runs": [float(r) for r in runs.split(",") if r], "indexed": int(indexed)}
            elif kind == "query":
                mode, category, mean, reps, hits, support = (parts[1:7] + [""] * 6)[:6]
                engine["query"][(mode, category)] = {
                    "ms": float(mean) if mean else None, "reps": int(reps or 0), "hits": hits, "support": support}
            elif kind == "protocol":
                engine["protocol"] = (int(parts[1]), float(parts[2]), float(parts[3]))
            elif kind == "query-index":
                engine["query_index"] = parts[1]
            elif kind == "note":
                engine["notes"].append(parts[1])
    return engine


def categories(engines):
    seen = OrderedDict()
    for engine in engines:
        for (_mode, category) in engine["query"]:
            seen[category] = True
    return list(seen)


def ms(engine, mode, category):
    entry = engine["query"].get((mode, category))
    return None if entry is None else entry["ms"]


def fmt_ms(value):
    return "—" if value is None else f"{value:.2f}"


def fmt_rate(engine, scale, threads):
    entry = engine["index"].get((scale, threads))
    if entry is None:
        return "—"
    docs_per_s = entry["docs"] / entry["median"]
    mb_per_s = entry["bytes"] / 1e6 / entry["median"]
    return f"{docs_per_s:,.0f} ({mb_per_s:.2f} MB/s)"


def mean_over(engine, mode, cats):
    values = [ms(engine, mode, c) for c in cats]
    if not values or any(v is None for v in values):
        return None
    return statistics.mean(values)


def highlight_modes(engine):
    return [m for m in MODES_HIGHLIGHT if any(k[0] == m for k in engine["query"])]


def column_label(engine, mode):
    return engine["name"] if mode in ("top10", "highlight") else f"{engine['name']} (postings)"


def main(paths):
    engines = [load(p) for p in paths]
    cats = categories(engines)
    common = [c for c in cats
              if all(ms(e, "top10", c) is not None and all(ms(e, m, c) is not None for m in highlight_modes(e)) for e in engines)]
    any_x4 = next((e["index"][(4, 1)] for e in engines if (4, 1) in e["index"]), None)
    any_x1 = next((e["index"][(1, 1)] for e in engines if (1, 1) in e["index"]), None)

    protocols = {e["protocol"] for e in engines}
    runs, warmup, seconds = engines[0]["protocol"] or (0, 0, 0)

    print("### Peers, same machine, same protocol")
    print()
    if len(protocols) > 1:
        print("**The engines ran with different protocol settings:** "
              + "; ".join(f"{e['name']} {e['protocol']}" for e in engines) + " (runs, warm-up s, s per query).")
        print()
    if any_x1 and any_x4:
        print(f"Indexing: median of {runs} runs after 1 warm-up, read + parse + analyse + index + commit of "
              f"{any_x1['docs']:,} documents ({any_x1['bytes'] / 1e6:.1f} MB) at 1x and {any_x4['docs']:,} "
              f"({any_x4['bytes'] / 1e6:.1f} MB) at 4x, into a new index each run. Queries on an index of the 1x corpus: "
              f"mean ms per query over the {len(common)} categories every engine ran ({', '.join(common)}); each query "
              f"repeated for {seconds:g} s, after at least 3 passes and {warmup:g} s over the whole set.")
        print()
    print("| engine | index docs/s (MB/s) 1x, 1 thread | 4x, 1 thread | 4x, 2 threads | top-10 mean ms | + highlighting ms |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for e in engines:
        highlights = []
        for mode in highlight_modes(e):
            value = fmt_ms(mean_over(e, mode, common))
            highlights.append(value if mode == "highlight" and len(highlight_modes(e)) == 1
                              else f"{value} ({'classic' if mode == 'highlight' else 'postings'})")
        print(f"| {e['name']} | {fmt_rate(e, 1, 1)} | {fmt_rate(e, 4, 1)} | {fmt_rate(e, 4, 2)} | "
              f"{fmt_ms(mean_over(e, 'top10', common))} | {' / '.join(highlights) or '—'} |")
    print()

    columns = [(e, "top10") for e in engines]
    print("### Top-10, mean ms per query")
    print()
    per_category_table(engines, cats, common, columns)
    columns = [(e, m) for e in engines for m in highlight_modes(e)]
    print("### Top-10 + highlighting, mean ms per query")
    print()
    per_category_table(engines, cats, common, columns)

    print("### Matching documents per query (exact counts, outside the timing)")
    print()
    print("| category | " + " | ".join(e["name"] for e in engines) + " |")
    print("| --- |" + " ---: |" * len(engines))
    for c in cats:
        cells = []
        for e in engines:
            entry = e["query"].get(("top10", c))
            cells.append("—" if entry is None or not entry["hits"] else f"{int(entry['hits']):,}")
        print(f"| {c} | " + " | ".join(cells) + " |")
    print()

    print("### Indexing runs, seconds (median; fastest–slowest of the timed runs)")
    print()
    print("| engine | 1x, 1 thread | 4x, 1 thread | 4x, 2 threads | documents in the index (1x / 4x) |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for e in engines:
        cells = []
        for key in ((1, 1), (4, 1), (4, 2)):
            entry = e["index"].get(key)
            cells.append("—" if entry is None else
                         f"{entry['median']:.2f} ({min(entry['runs']):.2f}–{max(entry['runs']):.2f})")
        counts = " / ".join(f"{e['index'][k]['indexed']:,}" for k in ((1, 1), (4, 1)) if k in e["index"])
        print(f"| {e['name']} | " + " | ".join(cells) + f" | {counts} |")
    print()

    print("### Engines")
    print()
    for e in engines:
        details = "; ".join([e["version"], f"query index: {e['query_index']}"] + e["notes"])
        print(f"- **{e['name']}**: {details}")
        notes = OrderedDict()
        for (mode, c), entry in e["query"].items():
            if entry["support"]:
                notes.setdefault(entry["support"], []).append(f"{c} ({mode})")
        for support, where in notes.items():
            print(f"  - {', '.join(where)}: {support}")
    print()


def per_category_table(engines, cats, common, columns):
    print("| category | " + " | ".join(column_label(e, m) for e, m in columns) + " |")
    print("| --- |" + " ---: |" * len(columns))
    for c in cats:
        cells = []
        for e, m in columns:
            entry = e["query"].get((m, c))
            if entry is None or entry["ms"] is None:
                cells.append("n/a")
            else:
                cells.append(fmt_ms(entry["ms"]) + (" *" if entry["support"] else ""))
        print(f"| {c} | " + " | ".join(cells) + " |")
    print(f"| **mean, {len(common)} common** | " + " | ".join(fmt_ms(mean_over(e, m, common)) for e, m in columns) + " |")
    print(f"| mean, all {len(cats)} | " + " | ".join(fmt_ms(mean_over(e, m, cats)) for e, m in columns) + " |")
    print()
    print("\\* the engine does this category differently; see Engines below.")
    print()


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    main(sys.argv[1:])

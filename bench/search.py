"""Plots the search benchmark: reads bench/results/search.json (written by
`crates/search/examples/bench_search.rs`) and draws docs/img/search.svg — p50 and p99 latency per engine against
the number of documents (log scales, with the 2 ms p99 target) and nDCG@10 per engine and size.
Usage: bench/search.py [results.json] [out.svg]; `bench/run search` runs it after the benchmark."""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

ENGINES = [
    ("samverkan", "Samverkan", "tab:blue", "-"),
    ("samverkan-merged", "Samverkan, one segment (diagnostic)", "tab:cyan", "-"),
    ("postgres", "PostgreSQL tsvector + GIN (pg_search)", "tab:red", "-"),
    ("sqlite", "SQLite FTS5 bm25", "tab:green", "-"),
]


def main() -> int:
    src = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "results", "search.json")
    out = sys.argv[2] if len(sys.argv) > 2 else os.path.join(ROOT, "docs", "img", "search.svg")
    with open(src) as f:
        report = json.load(f)
    rows = report["results"]
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, (lat, qual) = plt.subplots(1, 2, figsize=(11, 4.2), gridspec_kw={"width_ratios": [1.15, 1]})
    for key, label, color, _ in ENGINES:
        pts = [(r["docs"], r["engines"][key]) for r in rows if key in r["engines"]]
        if not pts:
            continue
        xs = [p[0] for p in pts]
        lat.plot(xs, [p[1]["p99_ms"] for p in pts], marker="o", color=color, label=f"{label}, p99")
        lat.plot(xs, [p[1]["p50_ms"] for p in pts], marker=".", color=color, linestyle="--", alpha=0.7,
                 label=f"{label}, p50")
    lat.axhline(2.0, color="grey", linestyle=":", label="2 ms p99 target (100k documents)")
    lat.set_xscale("log")
    lat.set_yscale("log")
    lat.set_xlabel("documents (62 real + generated filler)")
    lat.set_ylabel("milliseconds per query (warm, in-process)")
    lat.set_title(f"Latency of the {report.get('queries', '')} judged queries")
    lat.legend(fontsize=6.5, loc="upper left")
    lat.grid(True, which="major", alpha=0.3)

    # The merged index ranks exactly as the production one; only its latency differs.
    present = [e for e in ENGINES if e[0] != "samverkan-merged" and any(e[0] in r["engines"] for r in rows)]
    width = 0.8 / max(1, len(present))
    for i, (key, label, color, _) in enumerate(present):
        xs = [j + (i - (len(present) - 1) / 2) * width for j in range(len(rows))]
        ys = [r["engines"].get(key, {}).get("ndcg10", 0) for r in rows]
        bars = qual.bar(xs, ys, width, color=color, label=label)
        for b, y in zip(bars, ys):
            qual.text(b.get_x() + b.get_width() / 2, y + 0.01, f"{y:.2f}", ha="center", fontsize=6)
    qual.set_xticks(range(len(rows)))
    qual.set_xticklabels([f"{r['docs']:,}" for r in rows])
    qual.set_xlabel("documents")
    qual.set_ylabel(f"nDCG@10 ({report.get('queries', '')} judged queries)")
    qual.set_ylim(0, 1)
    qual.set_title("Ranking quality")
    qual.legend(fontsize=6.5, loc="upper right")
    m = report.get("machine", {})
    fig.suptitle(f"Search: Samverkan vs PostgreSQL FTS vs SQLite FTS5 — {m.get('nproc')} cores ({m.get('cpu')}), "
                 f"{(m.get('date') or '')[:10]}", fontsize=9)
    fig.tight_layout()
    os.makedirs(os.path.dirname(out), exist_ok=True)
    fig.savefig(out)
    print(f"wrote {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

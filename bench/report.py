"""Plots the follow-up report benchmark: reads bench/results/report.json (written by
`crates/samverkan/examples/bench_report.rs`) and draws docs/img/report.svg — median milliseconds per size for the
HTML report and the PDF (typst fresh, typst with the same data again, Chromium printing the HTML), log scale, with
the issue's targets (HTML 50 ms, PDF 500 ms at 100 measures) as dashed lines.
Usage: bench/report.py [results.json] [out.svg]; `bench/run report` runs it after the benchmark."""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

# (key in "series" or a path, label, colour, hatch)
BARS = [
    ("build", "build the model", "tab:gray", ""),
    ("html", "HTML (build + render)", "tab:blue", ""),
    ("pdf_same", "PDF, same data again (memoised)", "tab:cyan", "//"),
    ("pdf_changed", "PDF, one narrative changed", "tab:olive", ""),
    ("pdf_fresh", "PDF, fresh (fonts loaded)", "tab:orange", ""),
    ("pdf_cold", "PDF, cold (first in process)", "tab:red", ""),
    ("chromium", "Chromium --print-to-pdf of the HTML", "tab:purple", "\\\\"),
]


def median(size, key):
    if key == "pdf_cold":
        return size.get("pdf_cold_ms")
    if key == "chromium":
        return ((size.get("chromium") or {}).get("print") or {}).get("median_ms")
    return (size["series"].get(key) or {}).get("median_ms")


def main() -> int:
    src = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "results", "report.json")
    out = sys.argv[2] if len(sys.argv) > 2 else os.path.join(ROOT, "docs", "img", "report.svg")
    with open(src) as f:
        report = json.load(f)
    sizes = report["sizes"]
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    bars = [b for b in BARS if any(median(s, b[0]) is not None for s in sizes)]
    fig, ax = plt.subplots(figsize=(10, 4.8))
    width = 0.8 / max(1, len(bars))
    for i, (key, label, color, hatch) in enumerate(bars):
        xs = [j + (i - (len(bars) - 1) / 2) * width for j in range(len(sizes))]
        ys = [median(s, key) or 0 for s in sizes]
        drawn = ax.bar(xs, ys, width, color=color, hatch=hatch, edgecolor="white", label=label)
        for b, y in zip(drawn, ys):
            if y:
                text = f"{y:.0f}" if y >= 10 else f"{y:.1f}"
                ax.text(b.get_x() + b.get_width() / 2, y * 1.08, text, ha="center", fontsize=6.5)
    targets = report.get("targets", {})
    ax.axhline(targets.get("html_ms", 50), color="tab:blue", linestyle="--", linewidth=1,
               label=f"target: HTML ≤ {targets.get('html_ms', 50)} ms (100 measures)")
    ax.axhline(targets.get("pdf_ms", 500), color="tab:orange", linestyle="--", linewidth=1,
               label=f"target: PDF ≤ {targets.get('pdf_ms', 500)} ms warm (100 measures)")
    ax.set_yscale("log")
    ax.set_xticks(range(len(sizes)))
    ax.set_xticklabels([
        f"{s['measures']:,} measures, {s['indicators']:,} indicators\n"
        f"(HTML {s['html_bytes'] / 1e6:.1f} MB, PDF {s['pdf_pages']} pages)"
        for s in sizes
    ])
    ax.set_xlabel("strategy size (5 areas, 5 yearly cycles, every report accepted)")
    ax.set_ylabel("median milliseconds (log scale)")
    ax.grid(True, axis="y", which="major", alpha=0.3)
    ax.legend(fontsize=7, loc="upper left", ncol=2)
    top = max((median(s, b[0]) or 0) for s in sizes for b in bars)
    ax.set_ylim(bottom=max(0.1, min((median(s, b[0]) or top) for s in sizes for b in bars) / 3), top=top * 12)
    m = report.get("machine", {})
    ax.set_title(f"Yearly follow-up report 2026: HTML and PDF time — {m.get('nproc')} cores ({m.get('cpu')}), "
                 f"{(m.get('date') or '')[:10]}", fontsize=9)
    fig.tight_layout()
    os.makedirs(os.path.dirname(out), exist_ok=True)
    fig.savefig(out)
    print(f"wrote {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

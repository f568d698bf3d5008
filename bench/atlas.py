"""The atlas benchmark: at 1k, 10k and 100k generated actors (about 5 relations each), measure
  - how long `samverkan generate` takes to write the ecosystem (import path, audited),
  - how long the server takes to compute the layout and metrics (once per version of the data),
  - the graph JSON served from the warm cache (median and p99 of 30 requests, whole network and one campus),
  - the atlas page with its table (median of 20),
  - frames per second while panning and zooming in headless Chromium (software WebGL on this machine).
Writes bench/results/atlas.json and docs/img/atlas.svg. Usage: bench/run atlas [--sizes 1000,10000,100000]."""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(ROOT, "scripts"))
from pyserver import start_server  # noqa: E402


def timed_get(url: str) -> tuple[float, int]:
    t0 = time.perf_counter()
    with urllib.request.urlopen(url, timeout=600) as res:
        body = res.read()
    return (time.perf_counter() - t0) * 1000, len(body)


def pct(values, p):
    s = sorted(values)
    return s[min(len(s) - 1, int(round(p / 100 * (len(s) - 1))))]


def run_size(binary: str, n: int) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        db = f"sqlite://{tmp}/bench.db"
        env = {k: v for k, v in os.environ.items() if not k.startswith("SAMVERKAN_")}
        t0 = time.perf_counter()
        subprocess.run([binary, "generate", "--actors", str(n), "--db", db, "--data-dir", tmp],
                       check=True, env=env, cwd=tmp, stdout=subprocess.DEVNULL)
        generate_s = time.perf_counter() - t0
        base, proc = start_server(binary, tmp, db)
        try:
            first_ms, size = timed_get(f"{base}/api/v1/graph")
            layout_ms = None
            for line in proc.stderr:
                if "computed the atlas layout" in line:
                    layout_ms = json.loads(line).get("ms")
                    break
            whole = [timed_get(f"{base}/api/v1/graph")[0] for _ in range(30)]
            campus = [timed_get(f"{base}/api/v1/graph?campus=flemingsberg")[0] for _ in range(30)]
            page = [timed_get(f"{base}/en/atlas?sort=degree")[0] for _ in range(20)]
            if n <= 20000:
                fps_out = subprocess.run(["node", os.path.join(HERE, "atlas-fps.mjs"), base], check=True,
                                         capture_output=True, text=True).stdout
                fps = json.loads(fps_out.strip().splitlines()[-1])
            else:
                # Beyond 20k actors the whole network is too much for a browser without a GPU; not measured.
                fps = {"fps": None, "first_draw_ms": None, "renderer": None, "runs": []}
        finally:
            proc.terminate()
            proc.wait(timeout=60)
    return {
        "actors": n,
        "generate_s": round(generate_s, 2),
        "layout_ms": layout_ms,
        "first_graph_request_ms": round(first_ms, 1),
        "graph_json_bytes": size,
        "graph_json_ms_p50": round(statistics.median(whole), 2),
        "graph_json_ms_p99": round(pct(whole, 99), 2),
        "campus_json_ms_p50": round(statistics.median(campus), 2),
        "atlas_page_ms_p50": round(statistics.median(page), 2),
        "fps": fps["fps"],
        "first_draw_ms": fps["first_draw_ms"],
        "fps_renderer": fps.get("renderer"),
        "fps_runs": fps.get("runs", []),
    }


def plot(rows, out):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    xs = [r["actors"] for r in rows]
    fig, ax = plt.subplots(figsize=(7, 4))
    ax.plot(xs, [r["layout_ms"] for r in rows], marker="o", label="layout + metrics, once per data version")
    ax.plot(xs, [r["graph_json_ms_p50"] for r in rows], marker="s", label="graph JSON, median (warm)")
    ax.plot(xs, [r["graph_json_ms_p99"] for r in rows], marker="^", label="graph JSON, p99 (warm)")
    ax.plot(xs, [r["atlas_page_ms_p50"] for r in rows], marker="d", label="atlas page with table, median")
    ax.axhline(100, color="grey", linestyle=":", label="100 ms target (graph JSON)")
    ax.axhline(2000, color="grey", linestyle="--", label="2 s target (layout)")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("actors (about 5 relations each)")
    ax.set_ylabel("milliseconds")
    ax.set_title("Atlas: time against network size (release build, 2 cores)")
    ax.legend(fontsize=7)
    fig.tight_layout()
    fig.savefig(out)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("binary")
    ap.add_argument("--sizes", default="1000,10000,100000")
    args = ap.parse_args()
    rows = []
    for n in [int(x) for x in args.sizes.split(",")]:
        print(f"atlas benchmark: {n} actors ...", file=sys.stderr, flush=True)
        rows.append(run_size(args.binary, n))
        print(json.dumps(rows[-1]), file=sys.stderr, flush=True)
    os.makedirs(os.path.join(HERE, "results"), exist_ok=True)
    with open(os.path.join(HERE, "results", "atlas.json"), "w") as f:
        json.dump({"machine": machine(), "rows": rows}, f, indent=2)
    os.makedirs(os.path.join(ROOT, "docs", "img"), exist_ok=True)
    plot(rows, os.path.join(ROOT, "docs", "img", "atlas.svg"))
    print(json.dumps(rows, indent=2))
    return 0


def machine() -> dict:
    cpu = ""
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next((l.split(":", 1)[1].strip() for l in f if l.startswith("model name")), "")
    except OSError:
        pass
    return {"cpu": cpu, "cores": os.cpu_count(), "date": time.strftime("%Y-%m-%d")}


if __name__ == "__main__":
    sys.exit(main())

"""The page benchmark (run it with `bench/run pages`): how close each public page comes to the server's own
ceiling.

Starts the release binary on a temporary SQLite database with the Stockholm data and, in one run:
  1. GET /healthz with wrk (64 connections, 2 threads, --duration seconds) at the start and at the end: the
     ceiling, their mean the denominator of every share;
  2. every public page template (the list the accessibility test visits, e2e/lib/pages.js, in Swedish; the home
     and actor pages in English too) and the main API lists, each alone for --duration seconds: requests/s and
     its share of /healthz;
  3. the 200-user mix with wrk (200 connections, --mix-duration seconds): the pages and API lists at random, the
     reads only, then with scripts/load's PATCH of an actor once a second per wrk thread, then with that PATCH at
     scripts/load's weight (one request in 36): p50 and p99;
  4. memory at regional scale: a second server on `samverkan generate --actors 10000`, every actor page and list
     page read in both languages, resident memory (VmRSS) and its peak (VmHWM) after the crawl.
Writes bench/results/pages.json and pages.md. Exits 1 when any request failed.

Usage: bench/run pages [--duration 10] [--mix-duration 30] [--connections 64] [--mix-connections 200]
                       [--actors 10000] [--only PATTERN]"""
import argparse
import concurrent.futures
import json
import os
import re
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(ROOT, "scripts"))
import benchkit  # noqa: E402

# The main API lists (public reads).
API_LISTS = [
    "/api/v1/actors", "/api/v1/actors?campus=flemingsberg&kind=infrastructure", "/api/v1/relations",
    "/api/v1/campuses", "/api/v1/graph", "/api/v1/infrastructures", "/api/v1/services", "/api/v1/premises",
    "/api/v1/strategy", "/api/v1/focus-areas", "/api/v1/measures", "/api/v1/indicators", "/api/v1/events",
    "/api/v1/events.ics", "/api/v1/health-data/sources",
]
UPDATE_SLUGS = ["vecura", "a-working-lab", "akademiska-hus", "karolinska-centrum-for-cellterapi",
                "stockholm-life-tech"]


def page_templates() -> list[tuple[str, str]]:
    """(name, path) of every public page template answered with 200, from the accessibility test's list."""
    with open(os.path.join(ROOT, "e2e", "lib", "pages.js")) as f:
        text = f.read()
    body = text.split("export const PAGES = [", 1)[1].split("];", 1)[0]
    pages = []
    for m in re.finditer(r"name: '([^']+)', path: '([^']+)', status: (\d+)", body):
        if m.group(3) == "200":
            pages.append((m.group(1), "/sv" + m.group(2)))
    if len(pages) < 20:
        raise RuntimeError(f"read only {len(pages)} pages from e2e/lib/pages.js")
    return pages + [("home (English)", "/en/"), ("actor vecura (English)", "/en/actors/vecura")]


def wrk(url: str, connections: int, seconds: int, pid: int, script: str | None = None) -> dict:
    r = benchkit.run_wrk(url, connections, seconds, pid, script)
    return {"requests": r["requests"], "rps": r["rps"], "p50_ms": r["p50_ms"], "p99_ms": r["p99_ms"],
            "failures": r["failures"], "server_cpu_cores": r["server_cpu_cores_used"]}


def memory(pid: int) -> dict:
    out = {}
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(("VmRSS:", "VmHWM:")):
                out[line.split(":")[0]] = round(int(line.split()[1]) / 1024, 1)
    return {"rss_mib": out["VmRSS"], "peak_rss_mib": out["VmHWM"]}


def status(url: str, headers: dict | None = None) -> int:
    req = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=120) as res:
            res.read()
            return res.status
    except urllib.error.HTTPError as e:
        return e.code


def lua_mix(paths: list[str], token: str | None, folder: str, every_second: bool = False) -> str:
    """A wrk script that picks a path at random per request; with a token, one request in 36 is scripts/load's
    PATCH of an actor's description (or, `every_second`, the first request of each second on each wrk thread)."""
    lines = ["local paths = {" + ",".join(json.dumps(p) for p in paths) + "}",
             "local slugs = {" + ",".join(json.dumps(s) for s in UPDATE_SLUGS) + "}",
             "local n = 0",
             "local second = 0",
             "math.randomseed(os.time())",
             "request = function()"]
    if token:
        condition = "os.time() ~= second" if every_second else "math.random(36) == 1"
        lines += [f"  if {condition} then",
                  "    second = os.time()",
                  "    n = n + 1",
                  "    local body = string.format('{\"description\":{\"sv\":\"Beskrivning under last, ändring %d.\","
                  "\"en\":\"Description under load, change %d.\"}}', n, n)",
                  "    return wrk.format('PATCH', '/api/v1/actors/' .. slugs[math.random(#slugs)],",
                  f"      {{['Authorization'] = 'Bearer {token}', ['Content-Type'] = 'application/json'}}, body)",
                  "  end"]
    lines += ["  return wrk.format('GET', paths[math.random(#paths)])", "end"]
    path = os.path.join(folder, f"mix-{'none' if not token else 'second' if every_second else 'request'}.lua")
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")
    return path


def crawl(base: str, paths: list[str], workers: int = 8) -> int:
    """Reads every path once with a few workers; answers how many were not 200."""
    with concurrent.futures.ThreadPoolExecutor(workers) as pool:
        return sum(1 for s in pool.map(lambda p: status(base + p), paths) if s != 200)


def regional_memory(binary: str, folder: str, actors: int) -> dict:
    db = f"sqlite://{folder}/regional.db"
    print(f"==> memory: generating {actors} actors", file=sys.stderr)
    subprocess.run([binary, "generate", "--actors", str(actors), "--db", db, "--data-dir", folder], check=True,
                   env=benchkit.clean_env(), cwd=folder, stdout=subprocess.DEVNULL)
    server = benchkit.Server(binary, folder, db)
    try:
        start = memory(server.proc.pid)
        slugs, page = [], 1
        while True:
            url = f"{server.base}/api/v1/actors?per_page=100&page={page}"
            items = json.load(urllib.request.urlopen(url, timeout=300))["items"]
            if not items:
                break
            slugs += [a["slug"] for a in items]
            page += 1
        paths = [f"/{lang}/actors/{s}" for s in slugs for lang in ("sv", "en")]
        pages = max(1, (len(slugs) + 49) // 50)
        paths += [f"/{lang}/actors?page={p}" for p in range(1, pages + 1) for lang in ("sv", "en")]
        paths += [f"/{lang}{p}" for lang in ("sv", "en") for p in ("/", "/atlas", "/campuses", "/strategy")]
        paths += ["/api/v1/graph", "/api/v1/actors"]
        print(f"==> memory: reading {len(paths)} pages", file=sys.stderr)
        t0 = time.monotonic()
        failed = crawl(server.base, paths)
        seconds = time.monotonic() - t0
        after = memory(server.proc.pid)
    finally:
        server.stop()
    return {"actors": len(slugs), "pages_read": len(paths), "failed": failed, "crawl_s": round(seconds, 1),
            "rss_at_start_mib": start["rss_mib"], **after}


def plot(rows: list[dict]) -> None:
    """docs/img/pages.svg: each page's and API list's share of /healthz, with the goals."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    fig, ax = plt.subplots(figsize=(8, 0.22 * len(rows) + 1.2))
    names = [r["name"] for r in rows]
    colors = ["tab:blue" if r["kind"] == "page" else "tab:orange" for r in rows]
    ax.barh(range(len(rows)), [r["share_of_healthz"] for r in rows], color=colors)
    ax.set_yticks(range(len(rows)), [n if len(n) < 60 else n[:57] + "..." for n in names], fontsize=7)
    ax.invert_yaxis()
    ax.axvline(0.25, color="grey", linestyle=":", label="25% goal (every public page)")
    ax.axvline(0.40, color="black", linestyle="--", label="40% goal (home and actor pages)")
    ax.set_xlabel("requests/s ÷ /healthz's in the same run\n(wrk, 64 connections)", fontsize=8)
    ax.set_title("Share of /healthz, 2 cores\n(blue: pages, orange: API lists)", fontsize=9)
    ax.legend(fontsize=7, loc="lower right")
    fig.tight_layout()
    fig.savefig(os.path.join(ROOT, "docs", "img", "pages.svg"))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("binary")
    ap.add_argument("--duration", type=int, default=10, help="seconds per page (default 10)")
    ap.add_argument("--mix-duration", type=int, default=30, help="seconds per mix run (default 30)")
    ap.add_argument("--connections", type=int, default=64)
    ap.add_argument("--mix-connections", type=int, default=200)
    ap.add_argument("--actors", type=int, default=10000, help="actors for the memory measure (0: skip it)")
    ap.add_argument("--only", default="", help="time only the pages whose name or path contains this")
    args = ap.parse_args()

    pages = [(n, p) for n, p in page_templates() if args.only in n or args.only in p]
    apis = [(p, p) for p in API_LISTS if args.only in p]
    with tempfile.TemporaryDirectory(prefix="samverkan-pages-") as tmp:
        binary = benchkit.private_binary(args.binary, tmp)
        meta = benchkit.meta(binary)
        db = f"sqlite://{tmp}/pages.db"
        server = benchkit.Server(binary, tmp, db)
        try:
            benchkit.add_user(binary, tmp, db, "bench-admin@example.se", "admin")
            token = benchkit.create_token(binary, tmp, db, "bench-admin@example.se")
            pid = server.proc.pid
            bad = [(n, p, s) for n, p in pages + apis if (s := status(server.base + p)) != 200]
            if bad:
                raise RuntimeError(f"pages that do not answer 200: {bad}")
            print(f"==> /healthz ({args.duration} s)", file=sys.stderr)
            healthz = [wrk(server.base + "/healthz", args.connections, args.duration, pid)]
            rows = []
            for kind, items in (("page", pages), ("api", apis)):
                for name, path in items:
                    print(f"==> {path}", file=sys.stderr)
                    r = wrk(server.base + path, args.connections, args.duration, pid)
                    rows.append({"kind": kind, "name": name, "path": path, **r})
            healthz.append(wrk(server.base + "/healthz", args.connections, args.duration, pid))
            ceiling = sum(h["rps"] for h in healthz) / len(healthz)
            for r in rows:
                r["share_of_healthz"] = round(r["rps"] / ceiling, 3)
            paths = [p for _, p in pages + apis]
            print(f"==> mix, reads ({args.mix_duration} s)", file=sys.stderr)
            mix = wrk(server.base, args.mix_connections, args.mix_duration, pid, lua_mix(paths, None, tmp))
            print(f"==> mix with an update a second ({args.mix_duration} s)", file=sys.stderr)
            mix_second = wrk(server.base, args.mix_connections, args.mix_duration, pid,
                             lua_mix(paths, token, tmp, every_second=True))
            print(f"==> mix with updates ({args.mix_duration} s)", file=sys.stderr)
            mix_writes = wrk(server.base, args.mix_connections, args.mix_duration, pid, lua_mix(paths, token, tmp))
            idle = memory(pid)
        finally:
            server.stop()
        problems = server.problems
        regional = regional_memory(binary, tmp, args.actors) if args.actors else None

    failures = sum(r["failures"] for r in rows + healthz) + mix["failures"] + mix_writes["failures"] + mix_second[
        "failures"] + (
        regional["failed"] if regional else 0)
    result = {**meta, "connections": args.connections, "duration_s": args.duration, "healthz": healthz,
              "healthz_mean_rps": round(ceiling, 1), "pages": rows, "mix_reads": mix, "mix_update_each_second": mix_second, "mix_with_updates": mix_writes,
              "memory_stockholm": idle, "memory_regional": regional, "server_warnings": problems[:50],
              "failures": failures}
    rerun = "bench/run pages" + (f" --duration {args.duration}" if args.duration != 10 else "") + (
        f" --only {args.only}" if args.only else "")
    md = benchkit.header_lines("Pages against the server's ceiling", rerun, meta)
    md += [f"Release binary on a temporary SQLite database with the Stockholm data, on loopback; wrk "
           f"({args.connections} connections, {args.duration} s per row) shares the 2 cores with the server. "
           f"/healthz: {' and '.join(str(h['rps']) for h in healthz)} req/s at the start and the end "
           f"(mean {round(ceiling)}).", ""]
    md += benchkit.md_table(
        ["page", "path", "req/s", "share of /healthz", "p50 ms", "p99 ms", "server CPU", "failures"],
        [[r["name"], f"`{r['path']}`", r["rps"], r["share_of_healthz"], r["p50_ms"], r["p99_ms"],
          r["server_cpu_cores"], r["failures"]] for r in rows])
    md += ["", f"The mix: {args.mix_connections} connections for {args.mix_duration} s, each request a page or API "
           "list above at random; then the same with scripts/load's PATCH of an actor's description once a second on "
           "each of wrk's two threads; then with that PATCH as one request in 36 (scripts/load's weight).", ""]
    md += benchkit.md_table(["mix", "requests", "req/s", "p50 ms", "p99 ms", "failures"],
                            [[name, m["requests"], m["rps"], m["p50_ms"], m["p99_ms"], m["failures"]]
                             for name, m in (("reads", mix), ("reads, an update a second per thread", mix_second),
                                             ("reads, one request in 36 an update", mix_writes))])
    md += ["", f"- Memory with the Stockholm data after the runs: {idle['rss_mib']} MiB resident, "
           f"peak {idle['peak_rss_mib']} MiB"]
    if regional:
        md += [f"- Memory at regional scale: {regional['actors']} actors (`samverkan generate`), "
               f"{regional['pages_read']} pages read in {regional['crawl_s']} s: {regional['rss_mib']} MiB "
               f"resident after, peak {regional['peak_rss_mib']} MiB (at start {regional['rss_at_start_mib']})"]
    md += [f"- Failures: **{failures}**; server warnings logged: {len(problems)}"]
    benchkit.write_results("pages", result, md)
    print("\n".join(md))
    if not args.only:
        plot(rows)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

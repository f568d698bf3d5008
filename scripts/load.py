"""The load test behind scripts/load (run that; it installs the tools and finds the binary).

Starts the release binary on a temporary SQLite database on loopback, creates an admin with an API token, a
BioLamina member and a Vecura manager with tokens (access requests) and 20 editors who sign in, then in one run:
  1. the server's ceiling on GET /healthz with wrk (2 threads, as many connections as virtual users),
  2. the load generator's own ceiling on GET /healthz with locust (same users, no think time),
  3. the realistic mix with locust (scripts/load_locustfile.py): page views (15 pages, among them the strategy,
     a focus area, an indicator, the follow-up, the events, an event and its matchmaking page, the news, the
     meeting places and the search page), graph JSON, actor list API with filters, search API, match API,
     sign-in with CSRF (and the posts page signed in), PATCH updates, access requests sent and accepted;
     200 users for 60 s by default.
Reports per endpoint requests, failures, throughput, p50 and p99, and the mix's throughput as a share of the
/healthz ceilings. Writes bench/results/load.json and load.md. Exits 1 when any request failed.

Usage: scripts/load [--database sqlite|postgres] [--no-updates] [--users N] [--run-time SECONDS] [--spawn-rate N] [--ceiling-time SECONDS] [--wait 0|MIN-MAX]
(environment: LOAD_USERS, LOAD_RUN_TIME, LOAD_SPAWN_RATE, LOAD_CEILING_TIME, LOAD_WAIT)."""
import argparse
import contextlib
import csv
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request

sys.dont_write_bytecode = True  # no __pycache__ in scripts/
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import benchkit  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
LOCUSTFILE = os.path.join(HERE, "load_locustfile.py")
SIGNIN_ACTORS = ["vecura", "a-working-lab", "akademiska-hus", "stockholm-life-tech"]


def run_wrk(base: str, connections: int, seconds: int, server_pid: int) -> dict:
    r = benchkit.run_wrk(f"{base}/healthz", connections, seconds, server_pid)
    print(r.pop("output"))
    return r


def run_locust(base: str, mode: str, users: int, spawn_rate: int, seconds: int, wait: str, env_extra: dict,
               folder: str, server_pid: int) -> dict:
    prefix = os.path.join(folder, f"locust-{mode}")
    env = {**os.environ, **env_extra, "SVK_LOAD_MODE": mode, "SVK_WAIT": wait}
    cmd = [os.path.join(os.path.dirname(sys.executable), "locust"), "-f", LOCUSTFILE, "--headless",
           "--users", str(users), "--spawn-rate", str(spawn_rate), "--run-time", f"{seconds}s",
           "--host", base, "--csv", prefix, "--only-summary", "--stop-timeout", "10",
           "--exit-code-on-error", "0", "--loglevel", "WARNING"]
    print(f"==> locust ({mode}): {users} users, spawn rate {spawn_rate}/s, {seconds} s, think time {wait}",
          file=sys.stderr)
    cpu0 = benchkit.proc_cpu_seconds(server_pid)
    t0 = time.monotonic()
    before = os.times()
    res = subprocess.run(cmd, env=env, capture_output=True, text=True)
    after = os.times()
    wall = time.monotonic() - t0
    cpu = benchkit.proc_cpu_seconds(server_pid) - cpu0
    sys.stderr.write(res.stderr[-6000:])
    if res.returncode != 0:
        raise RuntimeError(f"locust exited with {res.returncode}")
    rows = []
    total = None
    with open(prefix + "_stats.csv", newline="") as f:
        for r in csv.DictReader(f):
            row = {
                "endpoint": r["Name"],
                "requests": int(r["Request Count"]),
                "failures": int(r["Failure Count"]),
                "rps": round(float(r["Requests/s"]), 1),
                "p50_ms": float(r["50%"]) if r["50%"] not in ("N/A", "") else None,
                "p99_ms": float(r["99%"]) if r["99%"] not in ("N/A", "") else None,
                "mean_ms": round(float(r["Average Response Time"]), 2),
                "max_ms": round(float(r["Max Response Time"]), 1),
            }
            if r["Name"] == "Aggregated":
                total = row
            else:
                rows.append(row)
    failures = []
    fpath = prefix + "_failures.csv"
    if os.path.exists(fpath):
        with open(fpath, newline="") as f:
            failures = [{"endpoint": r["Name"], "method": r["Method"], "error": r["Error"],
                         "occurrences": int(r["Occurrences"])} for r in csv.DictReader(f)]
    child_cpu = (after.children_user + after.children_system) - (before.children_user + before.children_system)
    return {"users": users, "spawn_rate": spawn_rate, "run_time_s": seconds, "think_time_s": wait,
            "endpoints": rows, "total": total, "failure_messages": failures,
            "server_cpu_cores_used": round(cpu / wall, 2), "locust_cpu_cores_used": round(child_cpu / wall, 2)}


def get(url: str) -> int:
    with urllib.request.urlopen(url, timeout=60) as res:
        res.read()
        return res.status


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("binary")
    ap.add_argument("--users", type=int, default=int(os.environ.get("LOAD_USERS", "200")))
    ap.add_argument("--run-time", type=int, default=int(os.environ.get("LOAD_RUN_TIME", "60")),
                    help="seconds of the mix")
    ap.add_argument("--spawn-rate", type=int, default=int(os.environ.get("LOAD_SPAWN_RATE", "50")))
    ap.add_argument("--ceiling-time", type=int, default=int(os.environ.get("LOAD_CEILING_TIME", "30")),
                    help="seconds of each /healthz ceiling run")
    ap.add_argument("--wait", default=os.environ.get("LOAD_WAIT", "0"),
                    help="think time between a user's tasks: 0 (default) or MIN-MAX seconds")
    ap.add_argument("--signin-users", type=int, default=20)
    ap.add_argument("--no-updates", action="store_true", help="leave the PATCH updates out of the mix")
    ap.add_argument("--database", choices=["sqlite", "postgres"], default=os.environ.get("LOAD_DATABASE", "sqlite"),
                    help="sqlite (default): a temporary file; postgres: a temporary database on the local server")
    args = ap.parse_args()
    if not shutil.which("wrk"):
        print("error: wrk is not installed (scripts/load installs it)", file=sys.stderr)
        return 2

    with tempfile.TemporaryDirectory(prefix="samverkan-load-") as tmp, contextlib.ExitStack() as stack:
        binary = benchkit.private_binary(args.binary, tmp)
        meta = benchkit.meta(binary)
        if args.database == "postgres":
            db = stack.enter_context(benchkit.postgres_database("samverkan_load"))
        else:
            db = f"sqlite://{tmp}/load.db"
        server = benchkit.Server(binary, tmp, db)
        try:
            accounts = benchkit.mix_accounts(binary, tmp, db, "load", args.signin_users, SIGNIN_ACTORS)
            # Warm up: the graph snapshot is computed on the first request.
            for path in ["/healthz", "/sv/", "/api/v1/graph", "/sv/atlas"]:
                get(server.base + path)
            pid = server.proc.pid
            print(f"==> /healthz ceiling with wrk ({args.ceiling_time} s)", file=sys.stderr)
            wrk = run_wrk(server.base, args.users, args.ceiling_time, pid)
            locust_healthz = run_locust(server.base, "healthz", args.users, args.spawn_rate, args.ceiling_time,
                                        "0", {}, tmp, pid)
            computations_before = server.graph_computations
            mix = run_locust(server.base, "mix", args.users, args.spawn_rate, args.run_time, args.wait,
                             {**accounts, "SVK_NO_UPDATES": "1" if args.no_updates else ""}, tmp, pid)
            mix["graph_recomputations"] = server.graph_computations - computations_before
            alive = server.proc.poll() is None
        finally:
            server.stop()
        problems = server.problems

    mix_rps = mix["total"]["rps"] if mix["total"] else 0.0
    lh_rps = locust_healthz["total"]["rps"] if locust_healthz["total"] else 0.0
    failures = mix["total"]["failures"] + (locust_healthz["total"]["failures"]) + wrk["failures"]
    result = {
        **meta,
        "scenario": {
            "users": args.users, "spawn_rate": args.spawn_rate, "run_time_s": args.run_time,
            "ceiling_time_s": args.ceiling_time, "think_time_s": args.wait, "signin_accounts": args.signin_users,
            "database": "SQLite (temporary file, WAL)" if args.database == "sqlite"
            else "PostgreSQL (temporary database, local server)", "address": "127.0.0.1 (loopback)",
            "weights": {"page views (15 pages)": 20, "graph JSON": 3, "actor list API": 4, "search API": 4,
                        "match API": 1, "sign-in (5 requests, posts page included)": 1,
                        "PATCH update": 0 if args.no_updates else 1,
                        "access request sent and accepted (2 requests)": 0 if args.no_updates else 1},
        },
        "healthz_ceiling_wrk": wrk,
        "healthz_ceiling_locust": locust_healthz,
        "mix": mix,
        "mix_rps_over_wrk_healthz": round(mix_rps / wrk["rps"], 3) if wrk["rps"] else None,
        "mix_rps_over_locust_healthz": round(mix_rps / lh_rps, 3) if lh_rps else None,
        "server_alive_at_end": alive,
        "server_warnings": problems[:50],
        "failures": failures,
    }

    rerun = "scripts/load" + ("" if (args.users, args.run_time) == (200, 60)
                              else f" --users {args.users} --run-time {args.run_time}") + (
        "" if args.database == "sqlite" else " --database postgres") + (" --no-updates" if args.no_updates else "")
    md = benchkit.header_lines("Load test", rerun, meta)
    md += [f"{args.users} virtual users (spawn rate {args.spawn_rate}/s) for {args.run_time} s, think time "
           f"{args.wait} s, against the release binary on a temporary "
           f"{'SQLite' if args.database == 'sqlite' else 'PostgreSQL'} database on loopback; load generator and "
           "server share the machine. Mix weights: " + ", ".join(
               f"{k} {v}" for k, v in result["scenario"]["weights"].items()) + ".", ""]
    rows = [[r["endpoint"], r["requests"], r["failures"], r["rps"], r["p50_ms"], r["p99_ms"]]
            for r in sorted(mix["endpoints"], key=lambda r: -r["requests"])]
    t = mix["total"]
    rows.append(["**all (mix)**", t["requests"], t["failures"], t["rps"], t["p50_ms"], t["p99_ms"]])
    md += benchkit.md_table(["endpoint", "requests", "failures", "req/s", "p50 ms", "p99 ms"], rows)
    lt = locust_healthz["total"]
    md += ["", "Ceilings on GET /healthz (same number of connections, "
           f"{args.ceiling_time} s each):", ""]
    md += benchkit.md_table(
        ["tool", "requests", "failures", "req/s", "p50 ms", "p99 ms", "server CPU (cores)"],
        [[wrk["tool"], wrk["requests"], wrk["failures"], wrk["rps"], wrk["p50_ms"], wrk["p99_ms"],
          wrk["server_cpu_cores_used"]],
         [f"locust, {args.users} users", lt["requests"], lt["failures"], lt["rps"], lt["p50_ms"], lt["p99_ms"],
          locust_healthz["server_cpu_cores_used"]]])
    md += ["",
           f"- Mix throughput / wrk /healthz ceiling: **{result['mix_rps_over_wrk_healthz']}**",
           f"- Mix throughput / locust /healthz ceiling (same generator): "
           f"**{result['mix_rps_over_locust_healthz']}**",
           f"- CPU during the mix: server {mix['server_cpu_cores_used']} cores, locust "
           f"{mix['locust_cpu_cores_used']} cores (of {meta['machine']['cores']})",
           f"- Network snapshot (layout and metrics) recomputed {mix['graph_recomputations']} times during the mix "
           "(the description updates change no actor or relation, so the snapshot keeps its layout and metrics)",
           f"- Failures in all runs: **{failures}**"
           + ("" if failures == 0 else " (see load.json: failure_messages)"),
           f"- Server warnings/errors logged: {len(problems)}"]
    name = ("load" + ("" if args.database == "sqlite" else "-postgres") + ("-no-updates" if args.no_updates else "")
            + ("" if args.wait == "0" else f"-wait-{args.wait}"))
    benchkit.write_results(name, result, md)
    print("\n".join(md))
    if failures or not alive:
        print(f"\nFAILED: {failures} failed requests" + ("" if alive else "; the server died"), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

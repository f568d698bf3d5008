"""The crash-safety test behind scripts/crash (run that; it installs what is missing and finds the binary).

For each database (SQLite in a temporary file, PostgreSQL in a database of its own that is dropped afterwards):
start the release binary, create an admin with an API token, then for each round
  - write actor descriptions through PATCH /api/v1/actors/{slug}, every write with a unique marker: in odd
    rounds one sequential client, in even rounds several parallel clients; each client owns a disjoint set of
    actors and writes them in turn, so the last acknowledged (2xx) write of every actor is well defined,
  - SIGKILL the server after a random 1-3 s, in the middle of the writes,
  - (SQLite) run PRAGMA integrity_check on the file,
  - restart the server on the same database and check, for every actor, that
      * the current description (GET /api/v1/actors/{slug}) is the last acknowledged write or a later
        unacknowledged one (in flight at the kill), never an older one, and
      * every acknowledged write has its entry in the audit log (/en/admin/audit, read as an admin).
Writes bench/results/crash.json and crash.md. Exits 1 on any lost acknowledged write, missing audit entry, a
failed integrity check or a server that does not come back.

Usage: scripts/crash [--rounds 5] [--clients 4] [--databases sqlite,postgres]"""
import argparse
import html
import json
import os
import random
import re
import sqlite3
import sys
import tempfile
import threading
import time
import urllib.error

sys.dont_write_bytecode = True  # no __pycache__ in scripts/
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import benchkit  # noqa: E402
from benchkit import request  # noqa: E402

ADMIN = "crash-admin@example.se"
MARKER = re.compile(r"crash-[a-z]+-r\d+-c\d+-n\d+")


class Writer(threading.Thread):
    """One client: writes its actors in turn until told to stop or the server goes away. Every attempt is
    recorded in order with its outcome: 'ack' (2xx), 'refused' (another HTTP status), 'unknown' (no answer)."""

    def __init__(self, base: str, token: str, client: int, slugs: list[str], tag: str, stop: threading.Event):
        super().__init__(daemon=True)
        self.base, self.token, self.client, self.slugs, self.tag, self.stop = base, token, client, slugs, tag, stop
        self.attempts: list[dict] = []
        self.statuses: dict[str, int] = {}

    def run(self):
        n = 0
        while not self.stop.is_set():
            slug = self.slugs[n % len(self.slugs)]
            marker = f"{self.tag}-c{self.client}-n{n}"
            body = {"description": {"sv": f"Kraschtest {marker}.", "en": f"Crash test {marker}."}}
            attempt = {"slug": slug, "marker": marker, "outcome": "unknown"}
            self.attempts.append(attempt)
            try:
                status, _ = request("PATCH", f"{self.base}/api/v1/actors/{slug}", self.token, body)
                attempt["outcome"] = "ack" if 200 <= status < 300 else "refused"
                attempt["status"] = status
                self.statuses[str(status)] = self.statuses.get(str(status), 0) + 1
            except (OSError, urllib.error.URLError):
                break  # the server is gone: this attempt stays 'unknown'
            n += 1


def audit_markers(base: str, cookie: str) -> set[str]:
    """Every crash-test marker that appears in the audit log (as a before or after value)."""
    found: set[str] = set()
    page = 1
    while True:
        status, body = request("GET", f"{base}/en/admin/audit?object_type=actor&action=update&per_page=100"
                                      f"&page={page}", cookie=cookie, timeout=60)
        if status != 200:
            raise RuntimeError(f"GET /en/admin/audit answered {status}")
        text = html.unescape(body.decode())
        rows = text.count("<tr><td>")
        found.update(MARKER.findall(text))
        if rows == 0:
            return found
        page += 1


def check_round(base: str, token: str, cookie: str, writers: list[Writer]) -> dict:
    lost, missing_audit = [], []
    audit = audit_markers(base, cookie)
    acked = 0
    for w in writers:
        by_slug: dict[str, list[dict]] = {}
        for a in w.attempts:
            by_slug.setdefault(a["slug"], []).append(a)
            if a["outcome"] == "ack":
                acked += 1
                if a["marker"] not in audit:
                    missing_audit.append(a["marker"])
        for slug, attempts in by_slug.items():
            status, body = request("GET", f"{base}/api/v1/actors/{slug}")
            if status != 200:
                raise RuntimeError(f"GET /api/v1/actors/{slug} answered {status}")
            desc = json.loads(body)["description"]
            current = MARKER.search(desc.get("en") or "")
            current_sv = MARKER.search(desc.get("sv") or "")
            last_ack = max((i for i, a in enumerate(attempts) if a["outcome"] == "ack"), default=None)
            if last_ack is None:
                continue
            allowed = {a["marker"] for a in attempts[last_ack:] if a["outcome"] != "refused"}
            cur = current.group(0) if current else None
            cur_sv = current_sv.group(0) if current_sv else None
            if cur not in allowed or cur_sv != cur:
                refused = {a["marker"] for a in attempts if a["outcome"] == "refused"}
                lost.append({"slug": slug, "last_acknowledged": attempts[last_ack]["marker"],
                             "current_en": cur, "current_sv": cur_sv,
                             "note": "the current value is from a write that was answered with an error"
                             if cur in refused else "an acknowledged write is missing"})
    return {"acknowledged": acked, "lost": lost, "missing_in_audit_log": missing_audit[:50],
            "missing_in_audit_log_count": len(missing_audit)}


def run_database(binary: str, kind: str, db: str, folder: str, rounds: int, clients: int, rng: random.Random):
    print(f"\n==> {kind}: {db.split('@')[-1]}", file=sys.stderr)
    server = benchkit.Server(binary, folder, db)
    benchkit.add_user(binary, folder, db, ADMIN, "admin")
    token = benchkit.create_token(binary, folder, db, ADMIN)
    status, body = request("GET", f"{server.base}/api/v1/actors?per_page=100")
    slugs = [a["slug"] for a in json.loads(body)["items"]]
    results = []
    problems: list[str] = []
    ok = True
    try:
        for r in range(1, rounds + 1):
            parallel = r % 2 == 0
            n_clients = clients if parallel else 1
            stop = threading.Event()
            writers = [Writer(server.base, token, c, slugs[c::n_clients], f"crash-{kind}-r{r}", stop)
                       for c in range(n_clients)]
            for w in writers:
                w.start()
            delay = rng.uniform(1.0, 3.0)
            time.sleep(delay)
            server.kill()
            problems += server.problems
            for w in writers:
                w.join(timeout=60)
            stop.set()
            integrity = None
            if kind == "sqlite":
                con = sqlite3.connect(db.removeprefix("sqlite://"))
                integrity = con.execute("PRAGMA integrity_check").fetchone()[0]
                con.close()
            t0 = time.monotonic()
            server = benchkit.Server(binary, folder, db)
            restart_s = time.monotonic() - t0
            cookie = benchkit.sign_in(server.base, ADMIN)
            check = check_round(server.base, token, cookie, writers)
            statuses: dict[str, int] = {}
            for w in writers:
                for k, v in w.statuses.items():
                    statuses[k] = statuses.get(k, 0) + v
            row = {
                "round": r, "clients": n_clients, "killed_after_s": round(delay, 2),
                "attempts": sum(len(w.attempts) for w in writers), "answers_by_status": statuses,
                "in_flight_at_kill": sum(1 for w in writers for a in w.attempts if a["outcome"] == "unknown"),
                "restart_s": round(restart_s, 2), "sqlite_integrity_check": integrity, **check,
            }
            results.append(row)
            bad = check["lost"] or check["missing_in_audit_log_count"] or (integrity not in (None, "ok"))
            ok = ok and not bad
            print(f"round {r}: {n_clients} client(s), killed after {delay:.1f} s, {check['acknowledged']} "
                  f"acknowledged, answers {statuses}, lost {len(check['lost'])}, missing in audit "
                  f"{check['missing_in_audit_log_count']}" + (f", integrity {integrity}" if integrity else ""),
                  file=sys.stderr)
    finally:
        server.stop()
        problems += server.problems
    return {"database": kind, "rounds": results, "server_errors_logged": len(problems),
            "server_errors_sample": sorted(set(_error_causes(problems)))[:20], "ok": ok}


def _error_causes(lines: list[str]) -> list[str]:
    out = []
    for line in lines:
        try:
            j = json.loads(line)
        except ValueError:
            continue
        if "cause" in j:
            out.append(f"{j.get('path')}: {j['cause']}")
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("binary")
    ap.add_argument("--rounds", type=int, default=int(os.environ.get("CRASH_ROUNDS", "5")))
    ap.add_argument("--clients", type=int, default=int(os.environ.get("CRASH_CLIENTS", "4")),
                    help="parallel clients in the even rounds")
    ap.add_argument("--databases", default=os.environ.get("CRASH_DATABASES", "sqlite,postgres"))
    ap.add_argument("--seed", type=int, default=None)
    args = ap.parse_args()
    seed = args.seed if args.seed is not None else int(time.time())
    rng = random.Random(seed)
    runs = []
    with tempfile.TemporaryDirectory(prefix="samverkan-crash-") as tmp:
        binary = benchkit.private_binary(args.binary, tmp)
        meta = benchkit.meta(binary)
        for kind in args.databases.split(","):
            folder = os.path.join(tmp, kind)
            os.makedirs(folder)
            if kind == "sqlite":
                runs.append(run_database(binary, kind, f"sqlite://{folder}/crash.db", folder, args.rounds,
                                         args.clients, rng))
            elif kind == "postgres":
                with benchkit.postgres_database("samverkan_crash") as db:
                    runs.append(run_database(binary, kind, db, folder, args.rounds, args.clients, rng))
            else:
                raise SystemExit(f"unknown database {kind}")

    ok = all(r["ok"] for r in runs)
    result = {**meta, "seed": seed, "rounds": args.rounds, "parallel_clients": args.clients, "runs": runs,
              "ok": ok}
    rerun = "scripts/crash" + (f" --rounds {args.rounds}" if args.rounds != 5 else "")
    md = benchkit.header_lines("Crash safety", rerun, meta)
    md += ["PATCH /api/v1/actors/{slug} with a unique marker per write (odd rounds: 1 sequential client; even "
           f"rounds: {args.clients} parallel clients on disjoint actors), SIGKILL of the server after 1-3 s, restart "
           "on the same database, then every actor's current description and the audit log are checked against "
           f"the acknowledged (2xx) writes. Random seed {seed}.", ""]
    rows = []
    for run in runs:
        for r in run["rounds"]:
            non2xx = sum(v for k, v in r["answers_by_status"].items() if not k.startswith("2"))
            rows.append([run["database"], r["round"], r["clients"], r["killed_after_s"], r["attempts"],
                         r["acknowledged"], non2xx, r["in_flight_at_kill"], len(r["lost"]),
                         r["missing_in_audit_log_count"], r["sqlite_integrity_check"] or "–", r["restart_s"]])
    md += benchkit.md_table(["database", "round", "clients", "kill after s", "writes sent", "acknowledged",
                             "non-2xx answers", "in flight at kill", "lost", "missing in audit log",
                             "integrity_check", "restart s"], rows)
    md += ["", f"Result: **{'no acknowledged write lost' if ok else 'ACKNOWLEDGED WRITES LOST or checks failed'}**."]
    for run in runs:
        codes: dict[str, int] = {}
        for r in run["rounds"]:
            for k, v in r["answers_by_status"].items():
                codes[k] = codes.get(k, 0) + v
        bad = {k: v for k, v in codes.items() if not k.startswith("2")}
        if bad:
            md.append(f"- {run['database']}: non-2xx answers to the writes {bad} (not acknowledged, so not "
                      "expected to survive; see server_errors_logged in crash.json)")
    benchkit.write_results("crash", result, md)
    print("\n".join(md))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

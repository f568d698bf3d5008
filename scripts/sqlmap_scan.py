"""The injection scan behind scripts/sqlmap (run that; it installs sqlmap and finds the binary).

Starts the release binary on a temporary SQLite database on loopback, creates an admin with a session and an
API token, and runs sqlmap in batch mode (level 3, risk 2 by default: every query, form and JSON field, plus
the Cookie, User-Agent and Referer headers; level 2, risk 1 for the forms with a CSRF token, which sqlmap can
only send one request at a time) against each target below, each bounded in time.
Counts injectable parameters per target (expected zero) and the HTTP status codes sqlmap saw (a 500 means an
input the server did not handle). Writes bench/results/sqlmap.json and sqlmap.md. Exits 1 when any parameter
is injectable or a target's scan did not finish.

The sign-in throttle would answer every probe after the 20th failed sign-in with the same 429 page, before the
e-mail address reaches the database, which would blind the scan of the sign-in form. So the scan adds a trigger
to its temporary database that dates every recorded login attempt back to 1970 (the attempts are still
written, they just never count in the throttle window). Nothing else is changed.

Usage: scripts/sqlmap [--level 3] [--risk 2] [--target-timeout 300] [--only NAME,NAME]"""
import argparse
import json
import os
import re
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.parse

sys.dont_write_bytecode = True  # no __pycache__ in scripts/
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import benchkit  # noqa: E402

ADMIN = "scan-admin@example.se"


def targets(base: str, token: str, cookie: str) -> list[dict]:
    """Each target: a name, a description and the sqlmap arguments that point at it."""
    q = urllib.parse.urlencode
    patch_body = json.dumps({"description": {"sv": "Skannad beskrivning", "en": "Scanned description"},
                             "short_name": "Vecura", "address": "Hälsovägen 7, Huddinge"})
    return [
        {"name": "api-actors", "what": "GET /api/v1/actors (q, kind, campus, ownership, tag, page, per_page)",
         "args": ["-u", f"{base}/api/v1/actors?" + q({"q": "Vecura", "kind": "infrastructure",
                                                       "campus": "flemingsberg", "ownership": "region",
                                                       "tag": "atmp", "page": 1, "per_page": 10})]},
        {"name": "api-graph", "what": "GET /api/v1/graph (campus, kind, ownership, tag)",
         "args": ["-u", f"{base}/api/v1/graph?" + q({"campus": "flemingsberg", "kind": "infrastructure",
                                                      "ownership": "region", "tag": "atmp"})]},
        {"name": "api-relations", "what": "GET /api/v1/relations (page, per_page)",
         "args": ["-u", f"{base}/api/v1/relations?" + q({"page": 1, "per_page": 10})]},
        {"name": "api-actor-slug", "what": "GET /api/v1/actors/{slug} (slug in the path)",
         "args": ["-u", f"{base}/api/v1/actors/vecura*"]},
        {"name": "page-actors", "what": "GET /en/actors (q, kind, campus, ownership, tag, page, per_page)",
         "args": ["-u", f"{base}/en/actors?" + q({"q": "Vecura", "kind": "infrastructure",
                                                  "campus": "flemingsberg", "ownership": "region",
                                                  "tag": "atmp", "page": 1, "per_page": 20})]},
        {"name": "page-actor-slug", "what": "GET /en/actors/{slug} and /en/campuses/{slug} (slugs in the path)",
         "args": ["-u", f"{base}/en/actors/vecura*"], "extra": [["-u", f"{base}/en/campuses/flemingsberg*"]]},
        {"name": "page-atlas", "what": "GET /en/atlas (q, sort, dir, campus, kind, ownership, tag, size, "
                                       "selected, page)",
         "args": ["-u", f"{base}/en/atlas?" + q({"q": "Vecura", "sort": "degree", "dir": "desc",
                                                 "campus": "flemingsberg", "kind": "infrastructure",
                                                 "ownership": "region", "tag": "atmp", "size": "degree",
                                                 "selected": "vecura", "page": 1})]},
        {"name": "page-admin-audit", "what": "GET /en/admin/audit as an admin (object_type, object_key, action, "
                                             "who, page; session cookie)",
         "args": ["-u", f"{base}/en/admin/audit?" + q({"object_type": "actor", "object_key": "vecura",
                                                       "action": "update", "who": ADMIN, "page": 1}),
                  "--cookie", f"svk_session={cookie}", "--drop-set-cookie"]},
        {"name": "form-login", "what": "POST /en/login (email, password, next; CSRF token refreshed per "
                                       "request)",
         "args": ["-u", f"{base}/en/login", "--data",
                  q({"csrf": "x", "email": "nobody@example.se", "password": "not the password at all",
                     "next": "/en/"}),
                  "--csrf-token", "csrf", "--csrf-url", f"{base}/en/login", "--ignore-code", "401"],
         "light": True},
        {"name": "form-forgot", "what": "POST /en/password/forgot (email; CSRF token refreshed per request)",
         "args": ["-u", f"{base}/en/password/forgot", "--data", q({"csrf": "x", "email": "nobody@example.se"}),
                  "--csrf-token", "csrf", "--csrf-url", f"{base}/en/password/forgot"], "light": True},
        {"name": "form-signup", "what": "POST /en/signup (display_name, email, password, password_confirm; CSRF "
                                        "token refreshed per request)",
         "args": ["-u", f"{base}/en/signup", "--data",
                  q({"csrf": "x", "display_name": "Scan Person", "email": "scan-signup@example.se",
                     "password": "a scanning pass phrase 42", "password_confirm": "a scanning pass phrase 42"}),
                  "--csrf-token", "csrf", "--csrf-url", f"{base}/en/signup"], "light": True},
        {"name": "api-patch", "what": "PATCH /api/v1/actors/vecura JSON body (description.sv/en, short_name, "
                                      "address) with an admin token",
         "args": ["-u", f"{base}/api/v1/actors/vecura", "--method", "PATCH", "--data", patch_body,
                  "-H", "Content-Type: application/json", "-H", f"Authorization: Bearer {token}"]},
    ]


INJECTABLE = re.compile(r"^Parameter: (.+) \(([^)]+)\)$", re.M)
NOT_INJECTABLE = re.compile(r"\[WARNING\] (?:(.+?) )?parameter '([^']+)' does not seem to be injectable")
HEURISTIC = re.compile(r"heuristic \(basic\) test shows that (.+?) parameter '([^']+)' might be injectable.*")
HTTP_CODES = re.compile(r"^(\d{3}) \(([^)]*)\) - (\d+) times", re.M)


def run_sqlmap(sqlmap: str, args: list[str], level: int, risk: int, out_dir: str, timeout: int) -> dict:
    # sqlmap refuses several threads together with --csrf-token (each request needs a fresh token).
    threads = [] if "--csrf-token" in args else ["--threads", "4"]
    cmd = [sqlmap, *args, "--batch", f"--level={level}", f"--risk={risk}", "--flush-session",
           "--output-dir", out_dir, "--disable-coloring", *threads, "--timeout", "20", "--retries", "1"]
    t0 = time.monotonic()
    try:
        res = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
        out, finished, code = res.stdout + res.stderr, True, res.returncode
    except subprocess.TimeoutExpired as e:
        out = (e.stdout or b"").decode(errors="replace") if isinstance(e.stdout, bytes) else (e.stdout or "")
        finished, code = False, None
    secs = time.monotonic() - t0
    injectable = sorted({f"{p} ({place})" for p, place in INJECTABLE.findall(out)})
    tested = sorted({f"{p} ({place or 'header'})" for place, p in NOT_INJECTABLE.findall(out)} | set(injectable))
    heuristics = sorted({m.group(0) for m in HEURISTIC.finditer(out)})
    codes = {f"{c} {n}": int(k) for c, n, k in HTTP_CODES.findall(out)}
    critical = [line.strip() for line in out.splitlines() if "[CRITICAL]" in line]
    completed = finished and ("all tested parameters do not appear to be injectable" in out
                              or "sqlmap identified the following injection point" in out
                              or "fetched data logged to text files" in out)
    return {"command": " ".join(a if " " not in a else repr(a) for a in cmd[1:]),
            "seconds": round(secs, 1), "finished": completed, "exit_code": code, "injectable": injectable,
            "tested": tested, "heuristic_warnings": heuristics, "http_codes": codes, "critical": critical,
            "output_tail": out[-3000:] if not completed or injectable else ""}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("binary")
    ap.add_argument("--sqlmap", default=os.path.join(os.path.dirname(sys.executable), "sqlmap"))
    ap.add_argument("--level", type=int, default=int(os.environ.get("SQLMAP_LEVEL", "3")))
    ap.add_argument("--risk", type=int, default=int(os.environ.get("SQLMAP_RISK", "2")))
    ap.add_argument("--form-level", type=int, default=int(os.environ.get("SQLMAP_FORM_LEVEL", "2")),
                    help="level for the forms with a CSRF token (one request at a time, each sign-in hashes)")
    ap.add_argument("--form-risk", type=int, default=int(os.environ.get("SQLMAP_FORM_RISK", "1")))
    ap.add_argument("--target-timeout", type=int, default=int(os.environ.get("SQLMAP_TARGET_TIMEOUT", "300")),
                    help="seconds one target may take")
    ap.add_argument("--only", default="", help="comma-separated target names")
    args = ap.parse_args()
    started = time.monotonic()
    results = []
    with tempfile.TemporaryDirectory(prefix="samverkan-sqlmap-") as tmp:
        binary = benchkit.private_binary(args.binary, tmp)
        meta = benchkit.meta(binary)
        db = f"sqlite://{tmp}/scan.db"
        server = benchkit.Server(binary, tmp, db)
        try:
            con = sqlite3.connect(db.removeprefix("sqlite://"), timeout=30)
            con.execute("CREATE TRIGGER scan_no_login_throttle AFTER INSERT ON login_attempts BEGIN "
                        "UPDATE login_attempts SET at = 0 WHERE rowid = NEW.rowid; END")
            con.commit()
            con.close()
            benchkit.add_user(binary, tmp, db, ADMIN, "admin")
            token = benchkit.create_token(binary, tmp, db, ADMIN)
            cookie = benchkit.sign_in(server.base, ADMIN)
            # One audited change, so that the audit log filters have something to find.
            import urllib.request
            req = urllib.request.Request(f"{server.base}/api/v1/actors/vecura", method="PATCH",
                                         data=json.dumps({"short_name": "Vecura"}).encode(),
                                         headers={"Content-Type": "application/json",
                                                  "Authorization": f"Bearer {token}"})
            urllib.request.urlopen(req, timeout=30).read()
            only = set(filter(None, args.only.split(",")))
            for t in targets(server.base, token, cookie):
                if only and t["name"] not in only:
                    continue
                runs = [t["args"], *t.get("extra", [])]
                merged = None
                for i, a in enumerate(runs):
                    print(f"==> sqlmap {t['name']}" + (f" ({i + 1}/{len(runs)})" if len(runs) > 1 else ""),
                          file=sys.stderr, flush=True)
                    level, risk = (args.form_level, args.form_risk) if t.get("light") else (args.level, args.risk)
                    r = run_sqlmap(args.sqlmap, a, level, risk, os.path.join(tmp, "sqlmap", t["name"]),
                                   args.target_timeout)
                    r["level"], r["risk"] = level, risk
                    if merged is None:
                        merged = r
                    else:
                        merged["seconds"] += r["seconds"]
                        merged["finished"] = merged["finished"] and r["finished"]
                        for k in ("injectable", "tested", "heuristic_warnings", "critical"):
                            merged[k] = sorted(set(merged[k]) | set(r[k]))
                        for k, v in r["http_codes"].items():
                            merged["http_codes"][k] = merged["http_codes"].get(k, 0) + v
                        merged["command"] += " ; " + r["command"]
                        merged["output_tail"] += r["output_tail"]
                    print(f"    {r['seconds']} s, finished={r['finished']}, injectable={r['injectable']}, "
                          f"tested={len(r['tested'])}, http={r['http_codes']}", file=sys.stderr, flush=True)
                results.append({"target": t["name"], "what": t["what"], **merged})
            alive = server.proc.poll() is None
        finally:
            server.stop()
        problems = server.problems

    # Keep secrets out of the results: the token and cookie were only valid on the temporary database, but
    # there is no reason to publish them either.
    for r in results:
        r["command"] = re.sub(r"svk_[0-9a-f]{20,}", "svk_…", r["command"])
        r["command"] = re.sub(r"svk_session=[0-9a-f]+", "svk_session=…", r["command"])
        r["command"] = re.sub(r"http://127\.0\.0\.1:\d+", "http://127.0.0.1:PORT", r["command"])
    causes = sorted({f"{j.get('path')}: {j.get('cause')}" for j in (json.loads(p) for p in problems)
                     if "cause" in j})
    injectable = sum(len(r["injectable"]) for r in results)
    unfinished = [r["target"] for r in results if not r["finished"]]
    server_errors = {r["target"]: v for r in results for k, v in r["http_codes"].items() if k.startswith("5")}
    version = subprocess.run([args.sqlmap, "--version"], capture_output=True, text=True).stdout.strip()
    result = {**meta, "sqlmap_version": version, "level": args.level, "risk": args.risk,
              "form_level": args.form_level, "form_risk": args.form_risk,
              "form_level": args.form_level, "form_risk": args.form_risk, "database": "SQLite (temporary file)",
              "total_seconds": round(time.monotonic() - started, 1), "targets": results,
              "injectable_parameters": injectable, "unfinished_targets": unfinished,
              "server_alive_at_end": alive, "server_error_causes": causes[:50]}
    rerun = "scripts/sqlmap" + ("" if (args.level, args.risk) == (3, 2) else f" --level {args.level} --risk {args.risk}")
    md = benchkit.header_lines("SQL injection scan (sqlmap)", rerun, meta)
    md += [f"sqlmap {result['sqlmap_version']} in batch mode, all techniques, level {args.level} and risk {args.risk} "
           f"(level {args.form_level}, risk {args.form_risk} for the forms with a CSRF token, which sqlmap must "
           "send one at a time), against the release binary on a temporary SQLite database; "
           f"{result['total_seconds']} s in all. 'tested' counts the parameters sqlmap reports as tested, headers "
           "(User-Agent, Referer) and the session cookie included.", ""]
    rows = [[r["target"], r["what"], f"{r['level']}/{r['risk']}", len(r["tested"]), f"**{len(r['injectable'])}**" if r["injectable"] else 0,
             "yes" if r["finished"] else "NO", ", ".join(f"{k}: {v}" for k, v in sorted(r["http_codes"].items())),
             r["seconds"]] for r in results]
    md += benchkit.md_table(["target", "parameters", "level/risk", "tested", "injectable", "finished", "HTTP codes seen",
                             "seconds"], rows)
    md += ["", f"Injectable parameters: **{injectable}**" + ("" if not injectable else " — " + "; ".join(
        f"{r['target']}: {', '.join(r['injectable'])}" for r in results if r["injectable"]))]
    if unfinished:
        md.append(f"Targets whose scan did not finish: {', '.join(unfinished)}")
    if not server_errors and not causes:
        md.append("No answer with a 5xx status during the scan, and no error in the server's log.")
    if server_errors:
        md.append(f"Answers with a 5xx status during the scan: {server_errors}; causes logged by the server: "
                  + "; ".join(causes[:5]))
    heur = [f"{r['target']}: {h}" for r in results for h in r["heuristic_warnings"]]
    if heur:
        md += ["", "sqlmap's heuristic hints (not confirmed injections):", ""] + [f"- {h}" for h in heur]
    benchkit.write_results("sqlmap", result, md)
    print("\n".join(md))
    if injectable or unfinished or not alive:
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

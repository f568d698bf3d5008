"""Several servers on one PostgreSQL, proved on loopback: the work behind scripts/cluster (run that; it installs the
tools and finds the binary).

Sets up one PostgreSQL database, an SMTP sink (aiosmtpd) that keeps every message it is given, two `samverkan
serve --role all` servers (each delivers mail and may take the upkeep lease) and HAProxy in front of them, as
docs/deploy.md describes. Then:
  1. edits on server A found by search on server B: each edit is a PATCH of an actor's description with a word
     of its own, timed from A's answer until B's search API returns the actor (median and worst; at most 1 s);
  2. the load mix of scripts/load (users who wait between actions, writes included) through HAProxy across both
     servers, with 0 failures and both servers answering;
  3. the same mix again, with server B killed (SIGKILL) part-way: no failure except requests that were in flight
     at the kill, no acknowledged write lost (every acknowledged description change is in the change log, every
     acknowledged access request is stored, and every accepted one is accepted), and, once server A has delivered
     the outbox, every e-mail received by the SMTP sink exactly once.
Writes bench/results/cluster.json and cluster.md (not with --quick, the reduced form the test command runs).
Exits 1 when any check fails.

Usage: scripts/cluster [--quick] [--edits N] [--users N] [--run-time SECONDS] [--kill-after SECONDS] [--wait 0|MIN-MAX]
"""
import argparse
import contextlib
import email
import email.policy
import json
import os
import socket
import statistics
import string
import subprocess
import sys
import tempfile
import threading
import time

sys.dont_write_bytecode = True  # no __pycache__ in scripts/
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import benchkit  # noqa: E402
from benchkit import request  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
LOCUSTFILE = os.path.join(HERE, "load_locustfile.py")
EDIT_SLUGS = ["vecura", "a-working-lab", "karolinska-institutet", "kth", "biolamina", "scilifelab"]
SEARCH_BOUND_S = 1.0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Sink:
    """An SMTP server on loopback (aiosmtpd) that keeps every message: (recipient, subject, body)."""

    def __init__(self):
        from aiosmtpd.controller import Controller

        self.messages: list[tuple[str, str, str]] = []
        self.lock = threading.Lock()
        sink = self

        class Handler:
            async def handle_DATA(self, server, session, envelope):
                msg = email.message_from_bytes(envelope.content, policy=email.policy.default)
                body = msg.get_body(preferencelist=("plain",))
                text = body.get_content() if body is not None else ""
                with sink.lock:
                    for rcpt in envelope.rcpt_tos:
                        sink.messages.append((rcpt, str(msg["Subject"]), normalise(text)))
                return "250 OK"

        self.port = free_port()
        self.controller = Controller(Handler(), hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self):
        self.controller.stop()


def normalise(text: str) -> str:
    return "\n".join(line.rstrip() for line in text.replace("\r\n", "\n").strip().split("\n"))


def psql(db: str, sql: str):
    """The rows of `sql` on `db` as a list of JSON objects (read with psql, as an operator would)."""
    out = subprocess.run(["psql", db, "-v", "ON_ERROR_STOP=1", "-qtA", "-c",
                          f"SELECT COALESCE(json_agg(q), '[]') FROM ({sql}) q"],
                         check=True, capture_output=True, text=True, timeout=120).stdout
    return json.loads(out)


@contextlib.contextmanager
def haproxy(folder: str, backends: list[str]):
    """HAProxy on a free loopback port in front of `backends` (base URLs), checking each one's /readyz twice a
    second; yields the proxy's base URL."""
    port = free_port()
    servers = "\n".join(
        f"    server s{i} {b.removeprefix('http://')} check" for i, b in enumerate(backends))
    cfg = os.path.join(folder, "haproxy.cfg")
    with open(cfg, "w") as f:
        f.write(f"""global
    maxconn 4096

defaults
    mode http
    timeout connect 2s
    timeout client 60s
    timeout server 60s
    # A request whose connection to a server fails goes to another (nothing reached the dead server).
    retries 3
    option redispatch 1

frontend samverkan
    bind 127.0.0.1:{port}
    default_backend servers

backend servers
    balance roundrobin
    option httpchk GET /readyz
    http-check expect status 200
    default-server inter 500ms fall 2 rise 2
{servers}
""")
    proc = subprocess.Popen(["haproxy", "-f", cfg, "-db"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                if request("GET", base + "/readyz", timeout=2)[0] == 200:
                    break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"HAProxy did not start: {proc.stderr.read() if proc.stderr else ''}")
            time.sleep(0.1)
        # Both servers marked up (rise 2 at 500 ms) before anything is measured.
        time.sleep(1.2)
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def word(n: int) -> str:
    """A word of letters only, different for each n, that no text of the data set has."""
    letters = ""
    n += 26 * 26
    while n:
        n, r = divmod(n, 26)
        letters = string.ascii_lowercase[r] + letters
    return f"klusterprov{letters}"


def edits_reach_the_other_server(a: str, b: str, token: str, n: int) -> list[float]:
    """PATCHes descriptions on `a`, and times until `b`'s search finds each one; returns the seconds."""
    latencies = []
    for i in range(n):
        slug = EDIT_SLUGS[i % len(EDIT_SLUGS)]
        w = word(i)
        status, body = request("PATCH", f"{a}/api/v1/actors/{slug}", token,
                               {"description": {"sv": f"Ändrad för prov {w}.", "en": f"Edited for test {w}."}})
        if status != 200:
            raise RuntimeError(f"PATCH {slug} on server A: HTTP {status}: {body[:200]!r}")
        acknowledged = time.monotonic()
        while True:
            status, body = request("GET", f"{b}/api/v1/search?q={w}&lang=en")
            if status == 200 and any(i.get("slug") == slug for i in json.loads(body).get("items", [])):
                latencies.append(time.monotonic() - acknowledged)
                break
            if time.monotonic() - acknowledged > 10:
                raise RuntimeError(f"server B's search did not find {w} ({slug}) within 10 s")
            time.sleep(0.005)
    return latencies


def run_locust(base: str, users: int, seconds: int, wait: str, env_extra: dict, folder: str, name: str,
               during=None) -> dict:
    """The scripts/load mix against `base`; `during(t0)` runs in a thread while it does. Returns locust's totals
    and the journal's lines."""
    prefix = os.path.join(folder, f"locust-{name}")
    journal = prefix + "-journal.jsonl"
    env = {**os.environ, **env_extra, "SVK_LOAD_MODE": "mix", "SVK_WAIT": wait, "SVK_JOURNAL": journal}
    cmd = [os.path.join(os.path.dirname(sys.executable), "locust"), "-f", LOCUSTFILE, "--headless",
           "--users", str(users), "--spawn-rate", str(max(users // 4, 1)), "--run-time", f"{seconds}s",
           "--host", base, "--csv", prefix, "--only-summary", "--stop-timeout", "10",
           "--exit-code-on-error", "0", "--loglevel", "WARNING"]
    print(f"==> locust ({name}): {users} users, {seconds} s, think time {wait} s, through HAProxy",
          file=sys.stderr)
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    t0 = time.time()
    thread = None
    if during is not None:
        thread = threading.Thread(target=during, args=(t0,), daemon=True)
        thread.start()
    _, err = proc.communicate()
    if thread is not None:
        thread.join()
    if proc.returncode != 0:
        sys.stderr.write(err[-4000:])
        raise RuntimeError(f"locust exited with {proc.returncode}")
    import csv
    total = None
    with open(prefix + "_stats.csv", newline="") as f:
        for r in csv.DictReader(f):
            if r["Name"] == "Aggregated":
                total = {"requests": int(r["Request Count"]), "failures": int(r["Failure Count"]),
                         "rps": round(float(r["Requests/s"]), 1),
                         "p50_ms": float(r["50%"]) if r["50%"] not in ("N/A", "") else None,
                         "p99_ms": float(r["99%"]) if r["99%"] not in ("N/A", "") else None}
    lines = []
    if os.path.exists(journal):
        with open(journal) as f:
            lines = [json.loads(line) for line in f if line.strip()]
    return {"total": total, "journal": lines}


def requests_answered(base: str) -> int:
    """The HTTP requests a server has answered, from its /metrics."""
    _, body = request("GET", base + "/metrics")
    n = 0
    for line in body.decode().splitlines():
        if line.startswith("samverkan_http_requests_total{"):
            n += int(float(line.rsplit(" ", 1)[1]))
    return n


def lost_writes(db: str, journal: list[dict]) -> dict:
    """Acknowledged writes the database does not have: description changes missing from the change log,
    access requests not stored, accepted requests not accepted."""
    described = {e["n"] for e in journal if e.get("ack") == "description"}
    created = {e["id"] for e in journal if e.get("ack") == "request"}
    accepted = {e["id"] for e in journal if e.get("ack") == "accepted"}
    logged = set()
    for row in psql(db, "SELECT diff FROM audit_log WHERE object_type = 'actor' AND action = 'update'"):
        diff = json.dumps(row["diff"], ensure_ascii=False)
        for n in described:
            if f"change {n}." in diff:
                logged.add(n)
    stored = {r["id"]: r["status"] for r in psql(db, "SELECT id, status FROM access_requests")}
    return {
        "acknowledged": {"descriptions": len(described), "requests": len(created), "accepted": len(accepted)},
        "descriptions_missing": sorted(described - logged),
        "requests_missing": sorted(created - stored.keys()),
        "acceptances_missing": sorted(i for i in accepted if stored.get(i) in (None, "submitted")),
    }


def mail_once(db: str, sink: Sink, deadline_s: float) -> dict:
    """Waits until the outbox has nothing left to send (a message claimed by the killed server waits for its claim
    to lapse), then compares what the sink received with what the outbox holds."""
    start = time.monotonic()
    while True:
        waiting = psql(db, "SELECT COUNT(*) AS n FROM email_outbox WHERE sent_at IS NULL")[0]["n"]
        if waiting == 0:
            break
        if time.monotonic() - start > deadline_s:
            break
        print(f"    {waiting} e-mail(s) still to deliver ({time.monotonic() - start:.0f} s)", file=sys.stderr)
        time.sleep(5)
    rows = psql(db, "SELECT to_addr, subject, body FROM email_outbox")
    queued: dict[tuple, int] = {}
    for r in rows:
        key = (r["to_addr"], r["subject"], normalise(r["body"]))
        queued[key] = queued.get(key, 0) + 1
    with sink.lock:
        received: dict[tuple, int] = {}
        for m in sink.messages:
            received[m] = received.get(m, 0) + 1
    twice = sum(n - queued.get(k, 0) for k, n in received.items() if n > queued.get(k, 0))
    never = sum(n - received.get(k, 0) for k, n in queued.items() if n > received.get(k, 0))
    return {"queued": len(rows), "received": sum(received.values()), "sent_more_than_queued": twice,
            "not_received": never, "still_waiting": waiting, "waited_s": round(time.monotonic() - start, 1)}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("binary")
    ap.add_argument("--quick", action="store_true",
                    help="the reduced form the test command runs: 20 edits, 20 users, 12 s runs; no results file")
    ap.add_argument("--edits", type=int)
    ap.add_argument("--users", type=int)
    ap.add_argument("--run-time", type=int, help="seconds of each load run")
    ap.add_argument("--kill-after", type=float, help="seconds into the second run when server B is killed")
    ap.add_argument("--wait", default="1-3", help="think time between a user's actions: 0 or MIN-MAX seconds")
    args = ap.parse_args()
    edits = args.edits or (20 if args.quick else 100)
    users = args.users or (20 if args.quick else 200)
    run_time = args.run_time or (12 if args.quick else 60)
    kill_after = args.kill_after or run_time / 2
    checks: list[tuple[str, bool, str]] = []

    with tempfile.TemporaryDirectory(prefix="samverkan-cluster-") as tmp, contextlib.ExitStack() as stack:
        binary = benchkit.private_binary(args.binary, tmp)
        meta = benchkit.meta(binary)
        db = stack.enter_context(benchkit.postgres_database("samverkan_cluster"))
        sink = Sink()
        stack.callback(sink.stop)
        flags = ("--role", "all", "--smtp-url", f"smtp://127.0.0.1:{sink.port}")
        dirs = [os.path.join(tmp, d) for d in ("a", "b")]
        for d in dirs:
            os.mkdir(d)
        print("==> server A (seeds the database), then server B", file=sys.stderr)
        a = benchkit.Server(binary, dirs[0], db, flags)
        stack.callback(a.stop)
        env = benchkit.mix_accounts(binary, tmp, db, "cluster", 10, ["vecura"])
        b = benchkit.Server(binary, dirs[1], db, flags)
        stack.callback(b.stop)
        proxy = stack.enter_context(haproxy(tmp, [a.base, b.base]))

        print(f"==> {edits} edits on server A, each searched for on server B", file=sys.stderr)
        latencies = edits_reach_the_other_server(a.base, b.base, env["SVK_ADMIN_TOKEN"], edits)
        worst = max(latencies)
        median = statistics.median(latencies)
        checks.append(("an edit on A is found by search on B within 1 s", worst <= SEARCH_BOUND_S,
                       f"median {median * 1000:.0f} ms, worst {worst * 1000:.0f} ms over {edits} edits"))

        answered = (requests_answered(a.base), requests_answered(b.base))
        steady = run_locust(proxy, users, run_time, args.wait, env, tmp, "steady")
        share = (requests_answered(a.base) - answered[0], requests_answered(b.base) - answered[1])
        st = steady["total"]
        checks.append((f"{users} users for {run_time} s across both servers: no failure",
                       st["failures"] == 0 and min(share) > 0,
                       f"{st['requests']} requests, {st['failures']} failures, p50 {st['p50_ms']} ms, "
                       f"p99 {st['p99_ms']} ms; server A answered {share[0]}, server B {share[1]} "
                       "(the proxy's health checks included)"))

        killed = {}

        def kill_b(t0):
            time.sleep(max(0.0, t0 + kill_after - time.time()))
            killed["at"] = time.time()
            b.kill()
            print(f"==> server B killed (SIGKILL) {killed['at'] - t0:.1f} s into the run", file=sys.stderr)

        killrun = run_locust(proxy, users, run_time, args.wait, env, tmp, "kill", during=kill_b)
        failures = [e for e in killrun["journal"] if "failed" in e]
        in_flight = [e for e in failures if e["start"] <= killed["at"] + 0.05 <= e["end"] + 0.1]
        beyond = [e for e in failures if e not in in_flight]
        kt = killrun["total"]
        checks.append(("server B killed mid-load: no failure beyond the requests in flight at the kill",
                       not beyond,
                       f"{kt['requests']} requests, {len(failures)} failed"
                       + (", each in flight at the kill" if failures else "")
                       if not beyond else
                       f"{len(beyond)} failed that were not in flight at the kill: {beyond[:5]}"))
        lost = lost_writes(db, steady["journal"] + killrun["journal"])
        missing = lost["descriptions_missing"] + lost["requests_missing"] + lost["acceptances_missing"]
        checks.append(("no acknowledged write lost", not missing,
                       f"acknowledged: {lost['acknowledged']['descriptions']} description changes, "
                       f"{lost['acknowledged']['requests']} access requests, {lost['acknowledged']['accepted']} "
                       f"acceptances; missing: {missing or 'none'}"))
        mail = mail_once(db, sink, 330)
        checks.append(("every e-mail sent exactly once",
                       mail["sent_more_than_queued"] == 0 and mail["not_received"] == 0 and mail["queued"] > 0,
                       f"{mail['queued']} queued, {mail['received']} received by the SMTP sink, "
                       f"{mail['sent_more_than_queued']} more than once, {mail['not_received']} never "
                       f"(outbox drained {mail['waited_s']} s after the runs)"))
        a_alive = a.proc.poll() is None

    checks.append(("server A still running", a_alive, ""))
    failed = [c for c in checks if not c[1]]
    md = benchkit.header_lines("Two servers on one PostgreSQL behind HAProxy", "scripts/cluster", meta)
    md += [f"Two `samverkan serve --role all` on one PostgreSQL database, HAProxy (round robin, `/readyz` checked "
           f"every 500 ms), an SMTP sink; {users} users with think time {args.wait} s, {run_time} s per run, "
           f"server B killed {kill_after:.0f} s into the second run.", ""]
    md += benchkit.md_table(["check", "result", "figures"],
                            [[name, "**passed**" if ok else "**FAILED**", detail] for name, ok, detail in checks])
    result = {**meta, "edits": edits, "users": users, "run_time_s": run_time, "think_time_s": args.wait,
              "kill_after_s": kill_after,
              "search_latency_ms": {"median": round(median * 1000, 1), "worst": round(worst * 1000, 1),
                                    "all": [round(x * 1000, 1) for x in latencies]},
              "steady": steady["total"], "steady_share": share, "kill": kt,
              "failed_at_kill": len(failures), "lost": lost, "mail": mail,
              "checks": [{"check": n, "passed": ok, "figures": d} for n, ok, d in checks]}
    if not args.quick:
        benchkit.write_results("cluster", result, md)
    print("\n".join(md))
    if failed:
        print(f"\nFAILED: {', '.join(c[0] for c in failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

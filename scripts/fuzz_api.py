"""Fuzzes the JSON API with schemathesis against its own OpenAPI document (/api/v1/openapi.json).

Starts the real binary on a temporary SQLite database (with the Stockholm data set), creates one user and API token
per role, and runs schemathesis once signed out and once per role with `Authorization: Bearer TOKEN`. Every run
is bounded (a few dozen test cases per operation, a fixed seed) and must show no server error (5xx) and no
response that breaks the document: an undocumented status code, a wrong content type, a body or header that does
not match its schema. PATCH requests really change the temporary database; that is the point.

    python scripts/fuzz_api.py BINARY [--max-examples N] [--seed S] [--roles anonymous,admin,...] [--db URL]

Needs schemathesis in the running Python (scripts/test installs it into its tool venv). Exits 1 when any run
found a failure, printing each failing request as a curl command.
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
import xml.etree.ElementTree as ET

from pyserver import start_server

CHECKS = [
    "not_a_server_error",
    "positive_data_acceptance",
    "status_code_conformance",
    "content_type_conformance",
    "response_schema_conformance",
    "response_headers_conformance",
]

# (name, role, actor): one account per role; "anonymous" runs signed out. Ordered so that the runs whose PATCH
# requests can really change data (editor, admin) come last.
ACCOUNTS = [
    ("anonymous", None, None),
    ("company", "company", "ana-futura"),
    ("reporter", "reporter", "ana-futura"),
    ("manager", "manager", "vecura"),
    ("editor", "editor", "vecura"),
    ("admin", "admin", None),
]

PASSWORD = "a long pass phrase for the fuzzer"

# Per-operation settings: the writes whose rules JSON Schema cannot state (see the file).
CONFIG = os.path.join(os.path.dirname(os.path.abspath(__file__)), "schemathesis.toml")


def cli_env() -> dict:
    """The environment without SAMVERKAN_* settings, so the commands use exactly the flags given."""
    return {k: v for k, v in os.environ.items() if not k.startswith("SAMVERKAN_")}


def samverkan(binary: str, folder: str, db: str, args: list, stdin: str = "") -> str:
    res = subprocess.run([binary, *args, "--db", db, "--data-dir", folder], input=stdin, capture_output=True,
                         text=True, env=cli_env(), cwd=folder, timeout=120)
    if res.returncode != 0:
        raise RuntimeError(f"samverkan {' '.join(args)} failed ({res.returncode}):\n{res.stdout}{res.stderr}")
    return res.stdout


def create_account(binary: str, folder: str, db: str, name: str, role: str, actor) -> str:
    """Creates a verified user with `role` (for `actor`) and returns a new API token of theirs."""
    email = f"fuzz-{name}@example.se"
    args = ["user", "add", "--email", email, "--role", role, "--password-stdin"]
    if actor:
        args += ["--actor", actor]
    samverkan(binary, folder, db, args, stdin=PASSWORD + "\n")
    out = samverkan(binary, folder, db, ["token", "create", "--email", email, "--name", "fuzz"])
    m = re.search(r"\bsvk_[A-Za-z0-9_-]+", out)
    if not m:
        raise RuntimeError(f"no token in the output of token create: {out!r}")
    return m.group(0)


def drain(stream, path: str):
    """Keeps reading the server's log (so it never blocks on a full pipe) into a file."""
    def run():
        with open(path, "a", encoding="utf-8") as f:
            for line in stream:
                f.write(line)
                f.flush()
    t = threading.Thread(target=run, daemon=True)
    t.start()
    return t


def parse_junit(path: str) -> list:
    """The failures and errors of one run: (operation, check, text) with text as schemathesis wrote it."""
    if not os.path.exists(path):
        return []
    found = []
    for case in ET.parse(path).getroot().iter("testcase"):
        for kind in ("failure", "error"):
            for el in case.findall(kind):
                text = (el.text or el.get("message") or "").strip()
                for block in split_cases(text):
                    found.append((case.get("name", "?"), el.get("message") or kind, block))
    return found


def split_cases(text: str) -> list:
    """Splits a JUnit failure text into its numbered test cases ("1. Test Case ID: ..."). """
    parts = re.split(r"(?m)^(?=\d+\. Test Case ID:)", text)
    return [p.strip() for p in parts if p.strip()] or [text]


def signature(op: str, block: str) -> tuple:
    """What makes two failures the same finding: the operation, the checks that failed with their first detail
    line, and the response status."""
    checks = []
    lines = block.splitlines()
    for i, line in enumerate(lines):
        m = re.match(r"\s*- (ST\d+ .*|[A-Z][A-Za-z ]+)$", line)
        if m:
            detail = next((x.strip() for x in lines[i + 1:] if x.strip()), "")
            checks.append(f"{m.group(1).strip()}: {detail}")
    status = next((m.group(1) for m in re.finditer(r"(?m)^\[(\d{3})\]", block)), "?")
    return op, tuple(checks) or (block.splitlines()[0] if block else "?",), status


def curl_of(block: str) -> str:
    m = re.search(r"(?m)^\s*(curl .*)$", block)
    return m.group(1) if m else "(no reproduction given)"


def response_of(block: str) -> str:
    m = re.search(r"(?ms)^(\[\d{3}\][^\n]*)\n\s*\n?\s*(`.*?`|<.*?>)?\s*$", block)
    if not m:
        m2 = re.search(r"(?m)^\[\d{3}\].*$", block)
        return m2.group(0) if m2 else ""
    body = (m.group(2) or "").strip()
    return f"{m.group(1)} {body[:400]}"


def run_schemathesis(base: str, token, name: str, args, workdir: str) -> tuple:
    junit = os.path.join(workdir, f"junit-{name}.xml")
    cmd = [
        sys.executable, "-m", "schemathesis.cli", "--config-file", CONFIG, "run", f"{base}/api/v1/openapi.json",
        "--checks", ",".join(CHECKS),
        "--max-examples", str(args.max_examples),
        "--seed", str(args.seed),
        "--workers", str(args.workers),
        "--generation-database", "none",
        "--request-timeout", "60",
        "--no-color",
        "--output-sanitize", "false",
        "--report", "junit", "--report-junit-path", junit,
    ]
    if args.continue_on_failure:
        cmd.append("--continue-on-failure")
    if token:
        cmd += ["--header", f"Authorization: Bearer {token}"]
    sys.stdout.flush()
    started = time.monotonic()
    # The work folder is the current directory so that schemathesis' and hypothesis' caches stay out of the tree.
    code = subprocess.run(cmd, cwd=workdir, env={**os.environ, "NO_COLOR": "1"}).returncode
    return code, time.monotonic() - started, parse_junit(junit)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("binary", help="the samverkan binary")
    ap.add_argument("--max-examples", type=int, default=25, help="test cases per operation and phase (25)")
    ap.add_argument("--seed", type=int, default=20240601, help="the random seed (fixed, for reproducible runs)")
    # One worker: with two, CPython 3.11's parser can fail inside hypothesis ("AST constructor recursion depth
    # mismatch", a thread-safety bug of ast.parse), which schemathesis reports as a runtime error of the run.
    ap.add_argument("--workers", type=int, default=1, help="concurrent schemathesis workers (1)")
    ap.add_argument("--roles", default=",".join(a[0] for a in ACCOUNTS),
                    help="comma-separated runs to do, of " + ", ".join(a[0] for a in ACCOUNTS))
    ap.add_argument("--db", help="an empty database to use instead of a temporary SQLite file, e.g. "
                    "postgres://USER:PASSWORD@127.0.0.1:5432/DB (it gets the data set, the accounts and the changes)")
    ap.add_argument("--stop-on-failure", dest="continue_on_failure", action="store_false",
                    help="stop testing an operation at its first failure (default: keep going, to see them all)")
    args = ap.parse_args()

    try:
        import schemathesis  # noqa: F401
    except ImportError:
        print("schemathesis is not installed in this Python (see ensure_python_tools in scripts/test)",
              file=sys.stderr)
        return 2
    wanted = [r.strip() for r in args.roles.split(",") if r.strip()]
    unknown = set(wanted) - {a[0] for a in ACCOUNTS}
    if unknown:
        ap.error(f"unknown roles: {', '.join(sorted(unknown))}")
    binary = os.path.abspath(args.binary)

    started = time.monotonic()
    results = []  # (name, exit code, seconds, failures)
    with tempfile.TemporaryDirectory(prefix="samverkan-fuzz-") as tmp:
        db = args.db or f"sqlite://{tmp}/fuzz.db"
        log = os.path.join(tmp, "server.log")
        base, proc = start_server(binary, tmp, db)
        drainer = drain(proc.stderr, log)
        try:
            tokens = {}
            for name, role, actor in ACCOUNTS:
                if name in wanted and role:
                    tokens[name] = create_account(binary, tmp, db, name, role, actor)
            print(f"fuzz_api: server at {base}, schemathesis with seed {args.seed}, "
                  f"{args.max_examples} examples per operation, runs: {', '.join(wanted)}", flush=True)
            for name, role, actor in ACCOUNTS:
                if name not in wanted:
                    continue
                who = "signed out" if not role else f"role {role}" + (f" for {actor}" if actor else "")
                print(f"\n==> schemathesis as {name} ({who})", flush=True)
                work = os.path.join(tmp, f"run-{name}")
                os.makedirs(work)
                code, secs, failures = run_schemathesis(base, tokens.get(name), name, args, work)
                if proc.poll() is not None:
                    failures.append(("server", "crash", f"the server exited with {proc.returncode}"))
                    code = code or 1
                results.append((name, code, secs, failures))
                if proc.poll() is not None:
                    break
        finally:
            if proc.poll() is None:
                proc.terminate()
                try:
                    proc.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait()
            drainer.join(timeout=10)
        server_errors = []
        with open(log, encoding="utf-8", errors="replace") as f:
            for line in f:
                if '"level":"ERROR"' in line or "panicked" in line:
                    server_errors.append(line.rstrip())

    return report(results, server_errors, time.monotonic() - started)


def report(results: list, server_errors: list, total_secs: float) -> int:
    print("\n" + "=" * 30 + " fuzz_api summary " + "=" * 30)
    for name, code, secs, failures in results:
        state = "ok" if code == 0 else f"FAILED (exit {code}, {len(failures)} failing test cases)"
        print(f"  {name:<10} {secs:6.1f}s  {state}")
    groups = {}
    for name, code, secs, failures in results:
        if code != 0 and not failures:
            groups.setdefault(("(run)", (f"schemathesis exited with {code} without a reported failure; "
                                         "see its output above",), "?"), []).append((name, ""))
        for op, check, block in failures:
            groups.setdefault(signature(op, block), []).append((name, block))
    if groups:
        print(f"\n{len(groups)} distinct findings (operation, check, status), each with one reproduction:")
        for i, ((op, checks, status), hits) in enumerate(sorted(groups.items()), 1):
            roles = sorted({n for n, _ in hits})
            block = hits[0][1]
            print(f"\n{i}. {op} -> {status}   [runs: {', '.join(roles)}; {len(hits)} test cases]")
            for c in checks:
                print(f"   check: {c}")
            if block:
                resp = response_of(block)
                if resp:
                    print(f"   response: {resp}")
                print(f"   {curl_of(block)}")
    if server_errors:
        print(f"\nthe server logged {len(server_errors)} errors; the first ones:")
        for line in server_errors[:10]:
            print(f"  {line[:600]}")
    failed = any(code != 0 for _, code, _, _ in results) or bool(server_errors)
    print(f"\nfuzz_api: {'FAILED' if failed else 'passed'} in {total_secs:.0f}s "
          f"({sum(1 for r in results if r[1] == 0)} of {len(results)} runs clean)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

"""Shared helpers for the measurement scripts (scripts/load, scripts/crash, scripts/sqlmap, scripts/lighthouse):
a private copy of the binary, a server on a temporary database (through pyserver.start_server) whose log is
drained in the background, accounts and tokens through the CLI, PostgreSQL databases for a run, the machine's
description and the result files in bench/results/."""
import contextlib
import datetime
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
RESULTS = os.path.join(ROOT, "bench", "results")
sys.path.insert(0, HERE)
from pyserver import start_server  # noqa: E402

PASSWORD = "a long pass phrase for the benchmarks"


def private_binary(binary: str, folder: str) -> str:
    """Copies the binary into `folder`, so that a build that replaces it meanwhile cannot change or break the
    run (the crash test starts it several times)."""
    for _ in range(12):
        try:
            dest = os.path.join(folder, "samverkan")
            shutil.copy2(binary, dest)
            subprocess.run([dest, "--version"], check=True, capture_output=True, timeout=30)
            return dest
        except (OSError, subprocess.SubprocessError):
            print(f"the binary {binary} is missing or being written; waiting", file=sys.stderr)
            time.sleep(10)
    raise RuntimeError(f"no usable binary at {binary}")


def clean_env() -> dict:
    return {k: v for k, v in os.environ.items() if not k.startswith("SAMVERKAN_")}


class Server:
    """A running `samverkan serve`: base URL, process, and the log lines at WARN and above (read by a thread so
    that the server never blocks on a full pipe)."""

    def __init__(self, binary: str, folder: str, db: str, extra: tuple[str, ...] = ()):
        self.base, self.proc = start_server(binary, folder, db, extra)
        self.problems: list[str] = []
        self.lines = 0
        self.graph_computations = 0
        self._reader = threading.Thread(target=self._drain, daemon=True)
        self._reader.start()

    def _drain(self):
        for line in self.proc.stderr:
            self.lines += 1
            if "computed the atlas layout" in line:
                self.graph_computations += 1
            if '"level":"WARN"' in line or '"level":"ERROR"' in line:
                if len(self.problems) < 200:
                    self.problems.append(line.strip())

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self._reader.join(timeout=5)

    def kill(self):
        self.proc.kill()
        self.proc.wait()
        self._reader.join(timeout=5)


def cli(binary: str, folder: str, db: str, *args: str, stdin: str | None = None) -> str:
    """Runs a samverkan subcommand on `db` and returns its standard output."""
    res = subprocess.run([binary, *args, "--db", db, "--data-dir", folder], input=stdin, capture_output=True,
                         text=True, env=clean_env(), cwd=folder, timeout=120)
    if res.returncode != 0:
        raise RuntimeError(f"samverkan {' '.join(args)} failed: {res.stderr.strip()}")
    return res.stdout


def add_user(binary: str, folder: str, db: str, email: str, role: str = "admin", actor: str | None = None):
    """Creates a verified user with PASSWORD and `role` (held for `actor` unless admin)."""
    extra = ["--actor", actor] if actor else []
    cli(binary, folder, db, "user", "add", "--email", email, "--role", role, *extra, "--password-stdin",
        stdin=PASSWORD + "\n")


def create_token(binary: str, folder: str, db: str, email: str) -> str:
    out = cli(binary, folder, db, "token", "create", "--email", email)
    m = re.search(r"svk_[0-9a-f]+", out)
    if not m:
        raise RuntimeError(f"no token in the output of token create: {out!r}")
    return m.group(0)


def mix_accounts(binary: str, folder: str, db: str, prefix: str, signin_users: int, actors: list[str]) -> dict:
    """The accounts scripts/load_locustfile.py works with, created on `db`: an admin, a BioLamina member and a
    Vecura manager with API tokens, and `signin_users` editors (of `actors` in turn) who sign in with PASSWORD.
    Returns the locustfile's SVK_* settings for them."""
    tokens = {}
    for who, role, actor in [("admin", "admin", None), ("company", "company", "biolamina"),
                             ("manager", "manager", "vecura")]:
        email = f"{prefix}-{who}@example.se"
        add_user(binary, folder, db, email, role, actor)
        tokens[who] = create_token(binary, folder, db, email)
    emails = []
    for i in range(signin_users):
        email = f"{prefix}-user-{i:02d}@example.se"
        add_user(binary, folder, db, email, "editor", actors[i % len(actors)])
        emails.append(email)
    return {"SVK_ADMIN_TOKEN": tokens["admin"], "SVK_COMPANY_TOKEN": tokens["company"],
            "SVK_MANAGER_TOKEN": tokens["manager"], "SVK_SIGNIN_EMAILS": ",".join(emails), "SVK_PASSWORD": PASSWORD}


def request(method: str, url: str, token: str | None = None, body: dict | None = None, cookie: str | None = None,
            timeout: float = 30) -> tuple[int, bytes]:
    """One HTTP request with urllib: JSON `body`, a bearer `token`, a session `cookie`; returns (status, body),
    an HTTP error status included."""
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(url, data=data, method=method)
    if body is not None:
        req.add_header("Content-Type", "application/json")
    if token:
        req.add_header("Authorization", f"Bearer {token}")
    if cookie:
        req.add_header("Cookie", f"svk_session={cookie}")
    try:
        with urllib.request.urlopen(req, timeout=timeout) as res:
            return res.status, res.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()


def sign_in(base: str, email: str, lang: str = "en") -> str:
    """Signs in through the form (GET for the CSRF token, POST) and returns the session cookie's value."""
    import http.cookiejar
    jar = http.cookiejar.CookieJar()

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *a, **k):
            return None

    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect)
    html = opener.open(f"{base}/{lang}/login", timeout=30).read().decode()
    csrf = re.search(r'name="csrf" value="([^"]+)"', html).group(1)
    body = urllib.parse.urlencode({"csrf": csrf, "email": email, "password": PASSWORD, "next": ""}).encode()
    try:
        opener.open(f"{base}/{lang}/login", data=body, timeout=30)
        raise RuntimeError("sign-in did not redirect")
    except urllib.error.HTTPError as e:
        if e.code != 303:
            raise
    for c in jar:
        if c.name == "svk_session":
            return c.value
    raise RuntimeError("no session cookie after sign-in")


def machine() -> dict:
    cpu = platform.processor() or "unknown"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    mem_gib = None
    try:
        with open("/proc/meminfo") as f:
            kb = int(f.readline().split()[1])
            mem_gib = round(kb / 1024 / 1024, 1)
    except (OSError, ValueError, IndexError):
        pass
    return {"cpu": cpu, "cores": os.cpu_count(), "memory_gib": mem_gib, "kernel": platform.release(),
            "load_average_at_start": [round(x, 2) for x in os.getloadavg()]}


def now_utc() -> str:
    return datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def binary_version(binary: str) -> str:
    try:
        return subprocess.run([binary, "--version"], capture_output=True, text=True, timeout=30).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "unknown"


def git_commit() -> str:
    try:
        rev = subprocess.run(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"], capture_output=True, text=True,
                             timeout=30).stdout.strip()
        dirty = subprocess.run(["git", "-C", ROOT, "status", "--porcelain", "--untracked-files=no"],
                               capture_output=True, text=True, timeout=30).stdout.strip()
        return rev + ("+changes" if dirty else "")
    except (OSError, subprocess.SubprocessError):
        return "unknown"


def header_lines(title: str, rerun: str, meta: dict) -> list[str]:
    m = meta["machine"]
    return [
        f"# {title}",
        "",
        f"- Date: {meta['date']}",
        f"- Machine: {m['cpu']}, {m['cores']} cores, {m['memory_gib']} GiB "
        f"(load average at start {', '.join(str(x) for x in m['load_average_at_start'])})",
        f"- Binary: {meta['binary_version']} (commit {meta['commit']})",
        f"- Rerun: `{rerun}`",
        "",
    ]


def meta(binary: str) -> dict:
    return {"date": now_utc(), "machine": machine(), "binary_version": binary_version(binary),
            "commit": git_commit()}


def write_results(name: str, data: dict, markdown: list[str]) -> None:
    os.makedirs(RESULTS, exist_ok=True)
    with open(os.path.join(RESULTS, f"{name}.json"), "w") as f:
        json.dump(data, f, indent=2, ensure_ascii=False)
        f.write("\n")
    with open(os.path.join(RESULTS, f"{name}.md"), "w") as f:
        f.write("\n".join(markdown).rstrip() + "\n")
    print(f"\nwrote bench/results/{name}.json and bench/results/{name}.md")


def md_table(headers: list[str], rows: list[list]) -> list[str]:
    out = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    for r in rows:
        out.append("| " + " | ".join("" if v is None else str(v) for v in r) + " |")
    return out


# PostgreSQL, the way scripts/test sets it up: Debian's packages, the `main` cluster started on loopback, the
# role samverkan_test; each run gets a database of its own that it drops afterwards.
PG_USER = "samverkan_test"
PG_PASSWORD = "samverkan_test"


def _as_root(cmd: list[str]) -> list[str]:
    return cmd if os.geteuid() == 0 else ["sudo", *cmd]


def _psql(port: str, sql: str) -> str:
    cmd = ["su", "postgres", "-c", f"psql -p {port} -v ON_ERROR_STOP=1 -qtAc \"{sql}\""]
    return subprocess.run(_as_root(cmd), check=True, capture_output=True, text=True, timeout=120).stdout.strip()


def ensure_postgres() -> str:
    """Installs and starts PostgreSQL when needed; returns its port."""
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    have = shutil.which("pg_ctlcluster") and os.path.isdir("/usr/lib/postgresql") and any(
        os.path.exists(f"/usr/lib/postgresql/{v}/bin/postgres") for v in os.listdir("/usr/lib/postgresql"))
    if not have:
        print("==> Installing PostgreSQL from the OS packages", file=sys.stderr)
        subprocess.run(_as_root(["apt-get", "update", "-qq"]), check=True, env=env)
        subprocess.run(_as_root(["apt-get", "install", "-y", "-qq", "--no-install-recommends", "postgresql",
                                 "postgresql-contrib"]), check=True, env=env, stdout=subprocess.DEVNULL)
    version = sorted(os.listdir("/usr/lib/postgresql"), key=lambda v: [int(x) for x in re.findall(r"\d+", v)])[-1]

    def clusters():
        out = subprocess.run(["pg_lsclusters", "-h"], capture_output=True, text=True).stdout
        return [line.split() for line in out.splitlines() if line.strip()]

    if not any(c[0] == version and c[1] == "main" for c in clusters()):
        port = os.environ.get("SAMVERKAN_TEST_PG_PORT", "5432")
        subprocess.run(_as_root(["pg_createcluster", version, "main", "-p", port]), check=True,
                       stdout=subprocess.DEVNULL)
    main = next(c for c in clusters() if c[0] == version and c[1] == "main")
    if main[3] != "online":
        print(f"==> Starting PostgreSQL {version} on loopback", file=sys.stderr)
        subprocess.run(_as_root(["pg_ctlcluster", version, "main", "start", "--", "-o",
                                 "-c listen_addresses=127.0.0.1"]), check=True)
    port = next(c for c in clusters() if c[0] == version and c[1] == "main")[2]
    for _ in range(30):
        try:
            _psql(port, "select 1")
            break
        except subprocess.CalledProcessError:
            time.sleep(1)
    _psql(port, "DO \\$\\$BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '" + PG_USER +
          "') THEN CREATE ROLE " + PG_USER + " LOGIN CREATEDB PASSWORD '" + PG_PASSWORD + "'; END IF; END\\$\\$;")
    return port


@contextlib.contextmanager
def postgres_database(prefix: str):
    """Yields the URL of a new, empty PostgreSQL database owned by samverkan_test; drops it afterwards."""
    port = ensure_postgres()
    name = f"{prefix}_{os.getpid()}_{int(time.time())}"
    _psql(port, f"CREATE DATABASE {name} OWNER {PG_USER}")
    try:
        yield f"postgres://{PG_USER}:{PG_PASSWORD}@127.0.0.1:{port}/{name}"
    finally:
        _psql(port, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def proc_cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def to_ms(value: str) -> float:
    """A wrk duration (`812.00us`, `4.59ms`, `1.19s`) in milliseconds."""
    m = re.match(r"([\d.]+)(us|ms|s|m)$", value)
    n, unit = float(m.group(1)), m.group(2)
    return round(n * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit], 3)


def run_wrk(url: str, connections: int, seconds: int, server_pid: int, script: str | None = None) -> dict:
    """wrk against `url` (with a Lua `script` when given): requests, req/s, p50 and p99, failures (non-2xx/3xx and
    socket errors), the server's CPU in cores, and wrk's own report as `output`."""
    threads = max(1, min(os.cpu_count() or 1, connections))
    cmd = ["wrk", "-t", str(threads), "-c", str(connections), "-d", f"{seconds}s", "--latency", "--timeout", "10s"]
    if script:
        cmd += ["-s", script]
    cpu0 = proc_cpu_seconds(server_pid)
    out = subprocess.run(cmd + [url], capture_output=True, text=True, check=True).stdout
    cpu = proc_cpu_seconds(server_pid) - cpu0
    total = int(re.search(r"(\d+) requests in", out).group(1))
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    pct = {p: to_ms(v) for p, v in re.findall(r"^\s+(50|75|90|99)%\s+(\S+)", out, re.M)}
    non2xx = int(m.group(1)) if (m := re.search(r"Non-2xx or 3xx responses: (\d+)", out)) else 0
    sock = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    socket_errors = sum(int(x) for x in sock.groups()) if sock else 0
    return {"tool": f"wrk -t{threads} -c{connections} -d{seconds}s", "requests": total,
            "failures": non2xx + socket_errors, "non_2xx": non2xx, "socket_errors": socket_errors,
            "rps": round(rps, 1), "p50_ms": pct.get("50"), "p99_ms": pct.get("99"),
            "server_cpu_cores_used": round(cpu / seconds, 2), "output": out}

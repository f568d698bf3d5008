"""Runs every command that README.md shows in a ```sh block, as written, from the repository root.

Each command runs in bash with a fresh database and data folder given through the environment
(SAMVERKAN_DB, SAMVERKAN_DATA_DIR, SAMVERKAN_ADDR), so the commands themselves stay exactly as the README writes
them. A command that starts the server (`... serve`) is run until the server answers /readyz, then stopped with
SIGTERM and must exit cleanly; while it runs, its atlas must list the Stockholm data. Blocks run in order and share their database, as a reader following the README
would. The one command not run is the test command itself (`scripts/test`), which is what runs this script.

    python scripts/readme_commands.py [README.md]

Exits 1 when a command fails, printing its output.
"""
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SELF = {"scripts/test"}


def commands(readme: str) -> list:
    """The shell commands of the ```sh blocks, one a line; comments and blank lines left out."""
    out = []
    for block in re.findall(r"```sh\n(.*?)```", readme, re.S):
        for line in block.splitlines():
            line = re.sub(r"\s+#.*$", "", line).strip()
            if line and not line.startswith("#"):
                out.append(line)
    return out


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_ready(base: str, proc: subprocess.Popen, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            return False
        try:
            with urllib.request.urlopen(f"{base}/readyz", timeout=2) as res:
                if res.status == 200:
                    return True
        except OSError:
            pass
        time.sleep(0.5)
    return False


def serves_stockholm(base: str) -> bool:
    """True when the atlas lists the Stockholm data set (the README promises it loaded on a fresh database)."""
    try:
        with urllib.request.urlopen(f"{base}/en/actors", timeout=30) as res:
            return res.status == 200 and "Karolinska Institutet" in res.read().decode("utf-8")
    except OSError:
        return False


def run(command: str, env: dict) -> tuple:
    """Runs one command; returns (ok, output)."""
    if re.search(r"\bserve\b", command):
        port = free_port()
        env = {**env, "SAMVERKAN_ADDR": f"127.0.0.1:{port}"}
        log = tempfile.TemporaryFile(mode="w+")
        proc = subprocess.Popen(["bash", "-c", f"exec {command}"], cwd=ROOT, env=env, stdout=log,
                                stderr=subprocess.STDOUT, start_new_session=True)
        # The first `cargo run --release` may build; later ones start at once.
        base = f"http://127.0.0.1:{port}"
        ready = wait_ready(base, proc, 3600) and serves_stockholm(base)
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
        try:
            code = proc.wait(timeout=120)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            code = proc.wait()
        log.seek(0)
        output = log.read()
        return ready and code == 0, output
    res = subprocess.run(["bash", "-o", "pipefail", "-c", command], cwd=ROOT, env=env, capture_output=True,
                         text=True, timeout=3600)
    return res.returncode == 0, res.stdout + res.stderr


def main() -> int:
    readme_path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "README.md")
    with open(readme_path, encoding="utf-8") as f:
        cmds = commands(f.read())
    if not cmds:
        print("readme_commands: no ```sh commands found", file=sys.stderr)
        return 1
    failed = 0
    with tempfile.TemporaryDirectory(prefix="samverkan-readme-") as tmp:
        env = {k: v for k, v in os.environ.items() if not k.startswith("SAMVERKAN_")}
        env.update({"SAMVERKAN_DB": f"sqlite://{tmp}/readme.db", "SAMVERKAN_DATA_DIR": f"{tmp}/data"})
        for command in cmds:
            if command in SELF:
                print(f"  skip  {command}  (the test command runs this script)")
                continue
            started = time.monotonic()
            ok, output = run(command, env)
            print(f"  {'ok  ' if ok else 'FAIL'}  {command}  ({time.monotonic() - started:.0f} s)", flush=True)
            if not ok:
                failed += 1
                print("\n".join("        " + line for line in output.strip().splitlines()[-40:]))
    print(f"readme_commands: {len(cmds) - failed} of {len(cmds)} commands as README.md shows them: "
          f"{'passed' if not failed else 'FAILED'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

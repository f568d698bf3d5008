"""Starts the real samverkan binary for the Python checks in scripts/ and the benchmarks in bench/."""
import contextlib
import os
import re
import subprocess
import tempfile


def start_server(binary: str, folder: str, db: str, extra: tuple[str, ...] = ()):
    """Starts `samverkan serve` on a free loopback port with `db` (and the further flags `extra`); returns (base
    URL, process). The process's stderr (JSON log lines) is left for the caller to read further."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("SAMVERKAN_")}
    proc = subprocess.Popen(
        [binary, "serve", "--addr", "127.0.0.1:0", "--db", db, "--data-dir", folder, "--log-format", "json",
         *extra],
        stderr=subprocess.PIPE, text=True, env=env, cwd=folder)
    for line in proc.stderr:
        m = re.search(r"serving on (http://[0-9.:]+)/", line)
        if m:
            return m.group(1), proc
    proc.kill()
    raise RuntimeError("the server did not start")


@contextlib.contextmanager
def running_server(binary: str):
    """Yields the base URL (http://127.0.0.1:PORT) of a fresh server with the Stockholm data set."""
    with tempfile.TemporaryDirectory() as tmp:
        base, proc = start_server(binary, tmp, f"sqlite://{tmp}/check.db")
        try:
            yield base
        finally:
            proc.terminate()
            proc.wait(timeout=30)

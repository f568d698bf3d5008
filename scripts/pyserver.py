"""Starts the real samverkan binary on a temporary SQLite database for the Python checks in scripts/."""
import contextlib
import os
import re
import subprocess
import tempfile


@contextlib.contextmanager
def running_server(binary: str):
    """Yields the base URL (http://127.0.0.1:PORT) of a fresh server with the Stockholm data set."""
    with tempfile.TemporaryDirectory() as tmp:
        env = {k: v for k, v in os.environ.items() if not k.startswith("SAMVERKAN_")}
        proc = subprocess.Popen(
            [binary, "serve", "--addr", "127.0.0.1:0", "--db", f"sqlite://{tmp}/check.db", "--data-dir", tmp,
             "--log-format", "json"],
            stderr=subprocess.PIPE, text=True, env=env, cwd=tmp)
        try:
            addr = None
            for line in proc.stderr:
                m = re.search(r"serving on http://([0-9.:]+)/", line)
                if m:
                    addr = m.group(1)
                    break
            if not addr:
                raise RuntimeError("the server did not start")
            yield f"http://{addr}"
        finally:
            proc.terminate()
            proc.wait(timeout=30)

"""Starts the real server on a temporary SQLite database and validates /api/v1/openapi.json as OpenAPI 3.1."""
import json
import os
import re
import subprocess
import sys
import tempfile
import urllib.request

from openapi_spec_validator import validate
from openapi_spec_validator.validation.exceptions import OpenAPIValidationError


def main(binary: str) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        env = {k: v for k, v in os.environ.items() if not k.startswith("SAMVERKAN_")}
        proc = subprocess.Popen(
            [binary, "serve", "--addr", "127.0.0.1:0", "--db", f"sqlite://{tmp}/openapi.db", "--data-dir", tmp,
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
                print("the server did not start", file=sys.stderr)
                return 1
            with urllib.request.urlopen(f"http://{addr}/api/v1/openapi.json") as res:
                doc = json.load(res)
            try:
                validate(doc)
            except OpenAPIValidationError as e:
                print(f"openapi.json is not valid OpenAPI {doc.get('openapi')}: {e}", file=sys.stderr)
                return 1
            if not str(doc.get("openapi", "")).startswith("3.1"):
                print(f"expected OpenAPI 3.1, got {doc.get('openapi')}", file=sys.stderr)
                return 1
            print(f"openapi.json: valid OpenAPI {doc['openapi']}, {len(doc['paths'])} paths")
            return 0
        finally:
            proc.terminate()
            proc.wait(timeout=30)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))

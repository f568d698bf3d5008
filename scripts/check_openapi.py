"""Starts the real server on a temporary SQLite database and validates /api/v1/openapi.json as OpenAPI 3.1."""
import json
import sys
import urllib.request

from openapi_spec_validator import validate
from openapi_spec_validator.validation.exceptions import OpenAPIValidationError

from pyserver import running_server


def main(binary: str) -> int:
    with running_server(binary) as base:
        with urllib.request.urlopen(f"{base}/api/v1/openapi.json") as res:
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


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))

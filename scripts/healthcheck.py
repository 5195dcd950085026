"""The container's health check (Dockerfile HEALTHCHECK): GET /healthz from inside the container.

It asks as the site's clients do, for a name in ALLOWED_HOSTS (Django answers 400 to any other
Host, 127.0.0.1 included), over plain HTTP to gunicorn (settings exempt /healthz from the HTTPS
redirect). Exits 0 on a 200, 1 otherwise. Standard library only: it must not load Django.
"""

import http.client
import os
import sys


def health_check_host() -> str:
    first = os.environ.get("ALLOWED_HOSTS", "localhost").split(",")[0].strip()
    if first in ("", "*"):
        return "localhost"
    return first.lstrip(".")  # ".example.org" allows example.org and its subdomains


def main() -> int:
    port = int(os.environ.get("PORT", "8000"))
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=4)
    try:
        connection.request("GET", "/healthz", headers={"Host": health_check_host()})
        response = connection.getresponse()
    except OSError as error:
        print(f"healthz: {error}", file=sys.stderr)
        return 1
    if response.status != 200:
        print(f"healthz answered {response.status}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Public pages against the static-file ceiling of the same server.

Sets up a throwaway SQLite database with the launch content, serves it with
gunicorn exactly as `make run` does, and times a run of sequential requests
for a static file (the ceiling: WhiteNoise answers without Django's views)
and for each page type. Prints requests per second and each page's ratio to
the ceiling. Not a test: it prints numbers for a person to read.

    .venv/bin/python scripts/bench_pages.py [--requests 200] [--page-cache]
"""

import argparse
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PAGES = [
    ("home", "/"),
    ("conditions A-Z", "/conditions/"),
    ("condition", "/conditions/als/"),
    ("remedy guide", "/remedies/"),
    ("remedy", "/remedies/massage/"),
    ("article", "/articles/muscle-twitches-in-the-legs/"),
    ("search", "/search/?q=Lou+Gehrig"),
    ("checker step", "/symptom-checker/step/symptoms/?s=leg-twitching"),
    ("checker results", "/symptom-checker/results/?s=leg-twitching&s=muscle-weakness"),
]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url):
    with urllib.request.urlopen(url, timeout=10) as response:
        response.read()
        return response.status


def timed(url, requests):
    fetch(url)  # warm up
    start = time.perf_counter()
    for _ in range(requests):
        fetch(url)
    return requests / (time.perf_counter() - start)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument(
        "--page-cache",
        action="store_true",
        help="turn on the anonymous page cache (measured off by default)",
    )
    args = parser.parse_args(argv)
    python = sys.executable
    with tempfile.TemporaryDirectory() as tmp:
        env = {
            **{k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"},
            "DJANGO_ENV": "development",
            "DEBUG": "false",
            "DATABASE_URL": f"sqlite:///{tmp}/bench.sqlite3",
            "STATIC_ROOT": f"{tmp}/static",
            "CACHE_DIR": f"{tmp}/cache",
            "PAGE_CACHE_ENABLED": "true" if args.page_cache else "false",
        }
        for command in (["migrate"], ["load_demo"], ["collectstatic", "--noinput"]):
            subprocess.run(
                [python, "manage.py", *command, "-v", "0"],
                cwd=REPO,
                env=env,
                check=True,
                stdout=subprocess.DEVNULL,
            )
        port = free_port()
        server = subprocess.Popen(
            [
                str(Path(python).with_name("gunicorn")),
                "-c",
                "gunicorn.conf.py",
                "--workers",
                "1",
                "--bind",
                f"127.0.0.1:{port}",
                "--access-logfile",
                "/dev/null",
                "portal.wsgi",
            ],
            cwd=REPO,
            env=env,
            stderr=subprocess.DEVNULL,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            for _ in range(100):
                try:
                    fetch(base + "/healthz")
                    break
                except OSError:
                    time.sleep(0.1)
            home = urllib.request.urlopen(base + "/").read().decode()
            css = re.search(r'href="(/static/css/portal\.[^"]+\.css)"', home).group(1)
            ceiling = timed(base + css, args.requests)
            print(f"{args.requests} sequential requests each, one gunicorn worker")
            print(f"{'page':<18}{'req/s':>9}{'of ceiling':>12}")
            print(f"{'static file':<18}{ceiling:>9.0f}{'1.00':>12}")
            for name, path in PAGES:
                rate = timed(base + path, args.requests)
                print(f"{name:<18}{rate:>9.0f}{rate / ceiling:>12.2f}")
        finally:
            server.terminate()
            server.wait(timeout=10)


if __name__ == "__main__":
    main()

"""A signed-in member's page against anyone's cached page, in-process.

Loads the demo content into a throwaway SQLite database (as `make run`
does, the page cache on in files), logs the demo member in, and times the
same condition page through Django's handler for an anonymous visitor (a
cache hit) and for the member (the cached page with their parts swapped
in). Prints milliseconds per page and the member/anonymous ratio; the
served throughput ratio is printed by bench_pages.py. Not a test: compare
the ratio within one run only.

    .venv/bin/python scripts/bench_members.py [--requests 200] [--rounds 10]
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PAGE = "/conditions/als/"


def per_page(clients, requests, rounds):
    """Milliseconds per page for each client: the best of `rounds` runs,
    taken in turn, so both see the same moments of the machine's load."""
    best = [float("inf")] * len(clients)
    for _ in range(rounds):
        for index, client in enumerate(clients):
            start = time.perf_counter()
            for _ in range(requests):
                client.get(PAGE)
            elapsed = (time.perf_counter() - start) / requests * 1000
            best[index] = min(best[index], elapsed)
    return best


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=10)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        os.environ.update(
            DJANGO_ENV="development",
            DEBUG="false",
            DATABASE_URL=f"sqlite:///{tmp}/bench.sqlite3",
            CACHE_DIR=f"{tmp}/cache",
            STATIC_ROOT=f"{tmp}/static",
            ALLOWED_HOSTS="testserver",
            PAGE_CACHE_ENABLED="true",
            DJANGO_SETTINGS_MODULE="portal.settings",
        )
        for command in (["migrate"], ["load_demo"], ["collectstatic", "--noinput"]):
            subprocess.run(
                [sys.executable, "manage.py", *command, "-v", "0"],
                cwd=REPO,
                check=True,
                stdout=subprocess.DEVNULL,
            )
        sys.path.insert(0, str(REPO))
        import django

        django.setup()
        from django.test import Client

        anonymous, member = Client(), Client()
        logged_in = member.post(
            "/account/log-in/", {"username": "member", "password": "member-demo"}
        )
        if logged_in.status_code != 302:
            raise SystemExit("The demo member could not log in.")
        states = (anonymous.get(PAGE)["X-Page-Cache"], member.get(PAGE)["X-Page-Cache"])
        anonymous_ms, member_ms = per_page((anonymous, member), args.requests, args.rounds)
        print(f"condition page in-process ({states[0]} then hit / {states[1]}):")
        print(
            f"anonymous {anonymous_ms:.2f} ms, member {member_ms:.2f} ms "
            f"({member_ms / anonymous_ms:.2f}x anonymous)"
        )


if __name__ == "__main__":
    main()

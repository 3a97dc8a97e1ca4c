"""What a publish costs visitors at scale: 16 clients read the checker's
results, the home page, the A–Z and a condition from gunicorn (2 workers)
over 10,000 generated conditions, with the task worker beside it as in
production, while an editor's change is saved every few seconds. Prints,
for the requests after each publish, for all and for each page: how many,
how many took over 1 s, the 99th percentile and the slowest.

Before single-flight rebuilds every thread of every worker rebuilt the
checker's data (1-2 s of CPU each) at the same moment after a publish;
before the task worker built it, one thread of one web worker did, and the
request threads beside it stalled. `--no-task-worker` serves without the
worker, as a site that runs none (the web workers build it themselves).

    .venv/bin/python scripts/bench_publish.py [--conditions 10000] [--clients 16]

Not a test: it prints numbers for a person to read.
"""

import argparse
import itertools
import os
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

from bench_server import served

REPO = Path(__file__).resolve().parent.parent
PAGES = [
    "/symptom-checker/results/?s=leg-twitching&s=muscle-weakness&s=cramps&done=1",
    "/",
    "/conditions/",
    "/conditions/als/",
]
EDIT = """
from conditions.models import Condition
page = Condition.objects.get(slug="als")
page.summary = page.summary.rstrip(" .") + " ."
page.save()
"""


def client(base, stop, timings, offset):
    pages = itertools.cycle(PAGES[offset % len(PAGES) :] + PAGES[: offset % len(PAGES)])
    while not stop.is_set():
        page = next(pages)
        started = time.monotonic()
        try:
            with urllib.request.urlopen(base + page, timeout=30) as response:
                response.read()
        except OSError:
            pass
        timings.append((started, time.monotonic() - started, page))


def summary(name, seconds):
    """One line: how many, how many over 1 s, the 99th percentile, the slowest."""
    ordered = sorted(seconds)
    if not ordered:
        return f"{name}: no requests"
    slow = sum(1 for s in ordered if s > 1)
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
    return (
        f"{name}: {len(ordered)} requests, {slow} over 1 s, "
        f"p99 {p99 * 1000:.0f} ms, slowest {ordered[-1]:.2f} s"
    )


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--conditions", type=int, default=10_000)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--publishes", type=int, default=3)
    parser.add_argument(
        "--no-task-worker",
        action="store_true",
        help="serve without manage.py db_worker: the web workers build each version's data",
    )
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        editor_env = {
            **{k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"},
            "DJANGO_ENV": "development",
            "DATABASE_URL": f"sqlite:///{tmp}/bench.sqlite3",
            "CACHE_DIR": f"{tmp}/cache",
        }
        generate = ["generate_content", "--conditions", str(args.conditions)]
        with served(
            load="load_content",
            then=[generate],
            folder=tmp,
            task_worker=not args.no_task_worker,
        ) as base:
            for page in PAGES:  # warm both workers' copies
                for _ in range(4):
                    urllib.request.urlopen(base + page, timeout=120).read()
            stop, timings = threading.Event(), []
            threads = [
                threading.Thread(target=client, args=(base, stop, timings, n))
                for n in range(args.clients)
            ]
            for thread in threads:
                thread.start()
            time.sleep(5)
            published = []
            for _ in range(args.publishes):
                saving = time.monotonic()
                subprocess.run(
                    [sys.executable, "manage.py", "shell", "--no-imports", "-c", EDIT],
                    cwd=REPO,
                    env=editor_env,
                    check=True,
                )
                # The save lands at some moment while the editor's process runs.
                published.append((saving, time.monotonic()))
                time.sleep(8)
            stop.set()
            for thread in threads:
                thread.join()
    after = [
        seconds
        for started, seconds, _ in timings
        if any(saving <= started < saved + 5 for saving, saved in published)
    ]
    worker = "without a task worker" if args.no_task_worker else "with the task worker"
    print(
        f"Publish under load: {args.conditions:,} conditions, {args.clients} clients, "
        f"{args.publishes} publishes, {worker}"
    )
    print(summary("  from each save to 5 s after it", after))
    print(summary("  all", [seconds for _, seconds, _ in timings]))
    for page in PAGES:
        print(summary(f"  {page.split('?')[0]}", [s for _, s, p in timings if p == page]))


if __name__ == "__main__":
    main()

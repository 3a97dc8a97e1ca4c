"""The content API against the static-file ceiling of the same server.

Serves the demo content as `make run` does (two gthread workers, the page
cache on in shared files) and times, from concurrent client processes, a
static file, a condition's API detail, the same with `If-None-Match` (a
304), and a list page; each beside a fresh timing of the static file.
The anonymous limit is raised for the run: the limit's own database count
is part of every request, as in production. Prints requests per second
and ratios; compare ratios within one run only. Not a test.

    .venv/bin/python scripts/bench_api.py [--requests 400] [--clients 8]
"""

import argparse
import concurrent.futures
import re
import time
import urllib.request

from bench_server import served

DETAIL = "/api/v1/content/condition/als"
TARGETS = [
    ("API detail", DETAIL, False),
    ("API detail, 304", DETAIL, True),
    ("API list", "/api/v1/content?kind=condition", False),
]


def fetch(url, etag=""):
    request = urllib.request.Request(url, headers={"If-None-Match": etag} if etag else {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            response.read()
            return response.headers.get("ETag", "")
    except urllib.error.HTTPError as error:  # a 304 comes as one
        if error.code != 304:
            raise
        return etag


def client(url, count, etag=""):
    for _ in range(count):
        fetch(url, etag)


def timed(url, requests, clients, pool, etag=""):
    fetch(url, etag)  # warm up (and fill the cache)
    share = requests // clients
    start = time.perf_counter()
    list(pool.map(client, [url] * clients, [share] * clients, [etag] * clients))
    return share * clients / (time.perf_counter() - start)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=400)
    parser.add_argument("--clients", type=int, default=8, help="concurrent clients")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (make run: 2)")
    args = parser.parse_args(argv)
    env = {"PAGE_CACHE_ENABLED": "true", "API_ANONYMOUS_LIMIT": "100000000"}
    with served(workers=args.workers, env=env) as base:
        home = urllib.request.urlopen(base + "/").read().decode()
        css = re.search(r'href="(/static/css/portal\.[^"]+\.css)"', home).group(1)
        pool = concurrent.futures.ProcessPoolExecutor(args.clients)
        print(f"{args.requests} requests each from {args.clients} clients; {args.workers} workers")
        print(f"{'request':<18}{'req/s':>9}{'static req/s':>14}{'of static':>11}")
        for name, path, conditional in TARGETS:
            etag = fetch(base + path) if conditional else ""
            ceiling = timed(base + css, args.requests, args.clients, pool)
            rate = timed(base + path, args.requests, args.clients, pool, etag)
            print(f"{name:<18}{rate:>9.0f}{ceiling:>14.0f}{rate / ceiling:>11.2f}")
        pool.shutdown()


if __name__ == "__main__":
    main()

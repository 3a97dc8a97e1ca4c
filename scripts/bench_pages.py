"""Public pages against the static-file ceiling of the same server.

Sets up a throwaway SQLite database with the launch content, serves it with
gunicorn exactly as `make run` does (two gthread workers, the page cache on
in files shared by both), and times requests from several concurrent
clients for a static file (the ceiling: WhiteNoise answers without Django's
views) and for each page type. Prints requests per second and each page's
ratio to the ceiling; compare ratios within one run only. Not a test: it
prints numbers for a person to read.

    .venv/bin/python scripts/bench_pages.py [--requests 400] [--clients 8] [--no-page-cache]
"""

import argparse
import concurrent.futures
import http.cookiejar
import re
import time
import urllib.parse
import urllib.request

from bench_server import served

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


def fetch(url, cookie=""):
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    with urllib.request.urlopen(request, timeout=10) as response:
        response.read()
        return response.status


def client(url, count, cookie=""):
    for _ in range(count):
        fetch(url, cookie)


def timed(url, requests, clients, pool, cookie=""):
    fetch(url, cookie)  # warm up (and fill the page cache)
    share = requests // clients
    start = time.perf_counter()
    # Client processes, not threads: one Python process cannot send requests
    # as fast as the server answers a cached page.
    list(pool.map(client, [url] * clients, [share] * clients, [cookie] * clients))
    return share * clients / (time.perf_counter() - start)


def member_cookie(base):
    """Log the demo member in through the form; their cookies, as a header."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    opener.open(base + "/account/log-in/").read()
    token = next(c.value for c in jar if c.name == "csrftoken")
    form = urllib.parse.urlencode(
        {"username": "member", "password": "member-demo", "csrfmiddlewaretoken": token}
    ).encode()
    opener.open(urllib.request.Request(base + "/account/log-in/", data=form)).read()
    return "; ".join(f"{c.name}={c.value}" for c in jar)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=400)
    parser.add_argument("--clients", type=int, default=8, help="concurrent clients")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (make run: 2)")
    parser.add_argument(
        "--no-page-cache",
        action="store_true",
        help="turn off the anonymous page cache (on, as in make run, by default)",
    )
    args = parser.parse_args(argv)
    cache = "false" if args.no_page_cache else "true"
    # The demo content: the condition page is also timed for the demo member.
    with served(workers=args.workers, env={"PAGE_CACHE_ENABLED": cache}) as base:
        home = urllib.request.urlopen(base + "/").read().decode()
        css = re.search(r'href="(/static/css/portal\.[^"]+\.css)"', home).group(1)
        pool = concurrent.futures.ProcessPoolExecutor(args.clients)
        cache_state = "off" if args.no_page_cache else "on"
        print(
            f"{args.requests} requests each from {args.clients} clients; "
            f"{args.workers} gunicorn workers; page cache {cache_state}"
        )
        # The static file is timed again beside each page, so a page's
        # ratio compares two runs made under the same load.
        print(f"{'page':<18}{'req/s':>9}{'static req/s':>14}{'of static':>11}")
        for name, path in PAGES:
            ceiling = timed(base + css, args.requests, args.clients, pool)
            rate = timed(base + path, args.requests, args.clients, pool)
            print(f"{name:<18}{rate:>9.0f}{ceiling:>14.0f}{rate / ceiling:>11.2f}")
        # The same condition page for the signed-in demo member: the cached
        # page with their tray, badge and follow button swapped in.
        cookie = member_cookie(base)
        anonymous = timed(base + "/conditions/als/", args.requests, args.clients, pool)
        member = timed(base + "/conditions/als/", args.requests, args.clients, pool, cookie)
        print(
            f"condition, member vs anonymous: {member:.0f} vs {anonymous:.0f} req/s "
            f"({member / anonymous:.2f} of anonymous)"
        )
        pool.shutdown()


if __name__ == "__main__":
    main()

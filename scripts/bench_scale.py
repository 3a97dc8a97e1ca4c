"""How each public page's time and query count grow with the content.

Builds two throwaway SQLite databases, one with the launch content and one
with generated content on top (`manage.py generate_content`, 10,000
conditions and 500 symptoms by default), and renders each page type in
process with Django's test client: the median of several runs after a
warm-up, with the anonymous page cache off so the render itself is timed
(caches the code keeps for itself, such as the checker's data and the
sitemap, stay on: their first request is shown as "first"). Prints a table
with each page's time and queries at both sizes and the ratio of the times.
Not a test: it prints numbers for a person to read.

    .venv/bin/python scripts/bench_scale.py [--conditions 10000] [--symptoms 500] [--runs 15]

The work per size runs in a child process of its own (`--measure DB`), as
Django's settings are read once per process.
"""

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from bench_server import environment, manage

REPO = Path(__file__).resolve().parent.parent
# Pages whose address does not depend on the data. The launch content's
# pages exist at both sizes, so the same page is compared with itself.
FIXED_PAGES = [
    ("home", "/"),
    ("A-Z, first page", "/conditions/"),
    ("condition", "/conditions/als/"),
    ("remedy guide", "/remedies/"),
    ("remedy", "/remedies/massage/"),
    ("article", "/articles/muscle-twitches-in-the-legs/"),
    ("search", "/search/?q=twitch"),
    ("checker start", "/symptom-checker/"),
    ("checker one-page form", "/symptom-checker/all/"),
    (
        "checker results",
        "/symptom-checker/results/?s=leg-twitching&s=muscle-weakness&s=cramps&done=1",
    ),
    ("sitemap index", "/sitemap.xml"),
    ("RSS feed", "/feeds/latest/"),
]


# In the child process: measure one database.


def data_dependent_pages(client) -> list[tuple[str, str]]:
    """Pages picked from the data: the busiest author and tag, a later A-Z
    page, a sitemap section, checker results for the most-linked symptoms."""
    from django.db.models import Count

    from conditions.models import Condition, Symptom
    from portal.models import Author

    busiest_author = (
        Author.objects.published()
        .annotate(n=Count("conditions_conditions_written"))
        .order_by("-n", "pk")
        .first()
    )
    tag = (
        Condition.tags.through.objects.filter(content_object__in=Condition.objects.published())
        .values("tag__slug")
        .annotate(n=Count("pk"))
        .order_by("-n", "tag__slug")
        .first()
    )
    busiest_symptoms = (
        Symptom.objects.published()
        .filter(kind="sign", urgency="self-care", is_listed=True)
        .annotate(n=Count("condition_links"))
        .order_by("-n", "pk")[:3]
    )
    pages = [
        ("author (most written)", busiest_author.get_absolute_url()),
        ("tag (most tagged)", f"/tags/{tag['tag__slug']}/"),
        (
            "checker results, busiest",
            "/symptom-checker/results/?"
            + "&".join(f"s={s.slug}" for s in busiest_symptoms)
            + "&done=1",
        ),
    ]
    az = client.get("/conditions/").content.decode()
    later = [
        (int(page), letter)
        for page, letter in re.findall(r"\?page=(\d+)#letter-([A-Z#])", az.replace("&amp;", "&"))
    ]
    # The page of the last letter (with the launch content, the only page).
    page = max(later)[0] if later else 1
    pages.append(("A-Z, last letter's page", f"/conditions/?page={page}"))
    index = client.get("/sitemap.xml").content.decode()
    sections = re.findall(r"<loc>https?://[^/<]+(/[^<]+)</loc>", index)
    if "<sitemapindex" in index:
        conditions = [s for s in sections if "conditions" in s]
        if conditions:
            pages.append(("sitemap section", conditions[-1].replace("&amp;", "&")))
    return pages


def measure(runs: int) -> dict:
    sys.path.insert(0, str(REPO))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from conditions.models import Condition, Symptom

    client = Client(HTTP_HOST="localhost")
    results = {}

    def run(name: str, url: str) -> None:
        start = time.perf_counter()
        response = client.get(url)
        first = time.perf_counter() - start
        if response.status_code != 200:
            results[name] = {"url": url, "status": response.status_code}
            return
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            client.get(url)
            times.append(time.perf_counter() - start)
        counts = []
        for _ in range(3):
            with CaptureQueriesContext(connection) as queries:
                client.get(url)
            counts.append(len(queries))
        results[name] = {
            "url": url,
            "status": 200,
            "first_ms": first * 1000,
            "median_ms": statistics.median(times) * 1000,
            "queries": Counter(counts).most_common(1)[0][0],
        }

    # The fixed pages first, so that "first" is each one's first request
    # in a fresh process (choosing the other pages requests some of them).
    for name, url in FIXED_PAGES:
        run(name, url)
    for name, url in data_dependent_pages(client):
        run(name, url)
    return {
        "conditions": Condition.objects.published().count(),
        "symptoms": Symptom.objects.published().count(),
        "pages": results,
    }


# In the parent process: build the databases, run the children, print.


def run_size(tmp: str, name: str, generate: list[str], runs: int) -> dict:
    env = environment(tmp, name)
    manage(env, "migrate", "-v", "0")
    manage(env, "load_content")
    if not Path(env["STATIC_ROOT"]).exists():
        manage(env, "collectstatic", "--noinput", "-v", "0")
    if generate:
        started = time.perf_counter()
        manage(env, "generate_content", *generate)
        print(f"generated {name} in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    child = subprocess.run(
        [sys.executable, __file__, "--measure", "--runs", str(runs)],
        cwd=REPO,
        env=env,
        check=True,
        stdout=subprocess.PIPE,
        text=True,
    )
    return json.loads(child.stdout)


def print_table(small: dict, large: dict) -> None:
    a, b = small["pages"], large["pages"]
    small_label = f"{small['conditions']} cond."
    large_label = f"{large['conditions']} cond., {large['symptoms']} sympt."
    print(f"Median of the runs, page cache off. Launch: {small_label}; large: {large_label}.")
    print("q: queries per request once warm; first: the large site's first request, cold.")
    header = (
        f"{'page':<34}{'launch ms':>10}{'q':>4}{'large ms':>10}{'q':>5}{'ratio':>7}{'first ms':>10}"
    )
    print(header)
    print("-" * len(header))
    for name in dict.fromkeys([*a, *b]):
        one, two = a.get(name), b.get(name)
        if not one or not two or one.get("status") != 200 or two.get("status") != 200:
            print(f"{name:<34}  not measured at both sizes: {one} {two}")
            continue
        ratio = two["median_ms"] / one["median_ms"]
        flag = "  > 3x" if ratio > 3 else ""
        print(
            f"{name:<34}{one['median_ms']:>10.1f}{one['queries']:>4}"
            f"{two['median_ms']:>10.1f}{two['queries']:>5}{ratio:>7.1f}"
            f"{two['first_ms']:>10.0f}{flag}"
        )


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--conditions", type=int, default=10_000)
    parser.add_argument("--symptoms", type=int, default=500)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.measure:
        print(json.dumps(measure(args.runs)))
        return
    with tempfile.TemporaryDirectory() as tmp:
        small = run_size(tmp, "launch", [], args.runs)
        generate = ["--conditions", str(args.conditions), "--symptoms", str(args.symptoms)]
        large = run_size(tmp, "large", [*generate, "--seed", str(args.seed)], args.runs)
    print_table(small, large)


if __name__ == "__main__":
    main()

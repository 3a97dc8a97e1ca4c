"""How long the admin's lists take at scale, for a moderator.

Builds a throwaway SQLite database with the demo content and accounts and
generated content on top (`manage.py generate_content`, 10,000 conditions
and 500 symptoms by default), signs in as the demo moderator (or another
demo account, `--user`) through the admin's own sign-in form, and requests
in process with Django's test client the admin index, the moderation queue
and the changelist of every model registered with the admin that she may
see. Each page is timed in
interleaved rounds (every page once per round, so a burst of load from
elsewhere on the machine spreads over all of them); prints the best and
the median of the rounds and the queries per request. Not a test: it
prints numbers for a person to read.

    .venv/bin/python scripts/bench_admin.py [--conditions 10000] [--rounds 15]
        [--keep DIR] [--compare-with TREE] [--user moderator|editor|neurologist|admin]

`--keep DIR` keeps (and on the next run reuses) the database in DIR, so
that the content is generated once. `--compare-with TREE` measures the
code in another source tree too (a checkout of an earlier commit, e.g. made
with `git archive`), on its own copy of the database migrated by that
tree, alternating the two trees' children so both see the same load; the
table then shows both and the ratio.

Each measurement runs in a child process (`--measure`), as Django's
settings are read once per process.
"""

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from bench_server import environment, manage

REPO = Path(__file__).resolve().parent.parent
# Demo accounts (portal/demo/accounts.py): each one's password is "<name>-demo".
ACCOUNTS = ("moderator", "editor", "neurologist", "admin")


# In the child process: measure one tree on one database.


def pages(client) -> list[tuple[str, str]]:
    """(name, address) of the index, the queue and every changelist the
    signed-in moderator may view, in the order the index lists them."""
    from django.contrib import admin
    from django.urls import reverse

    found = [("admin index", reverse("admin:index")), ("moderation queue", "/admin/queue/")]
    for model in sorted(admin.site._registry, key=lambda m: (m._meta.app_label, m.__name__)):
        opts = model._meta
        found.append(
            (
                f"{opts.app_label}.{opts.model_name}",
                reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"),
            )
        )
    return found


def measure(rounds: int, username: str) -> dict:
    sys.path.insert(0, os.getcwd())
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    import logging

    import django

    django.setup()
    # Pages the moderator may not see answer 403, which Django logs in full.
    logging.getLogger("django.request").setLevel(logging.CRITICAL)
    logging.getLogger("django.security").setLevel(logging.CRITICAL)
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from conditions.models import Condition

    client = Client(HTTP_HOST="localhost")
    # The admin's own sign-in form (name, password; the moderator has no
    # authenticator app, so no code), as a person signs in.
    response = client.post(
        "/admin/login/?next=/admin/", {"username": username, "password": f"{username}-demo"}
    )
    if response.status_code != 302:
        raise SystemExit(f"signing in as {username} failed: {response.status_code}")
    listed = []
    results: dict[str, dict] = {}
    for name, url in pages(client):
        # The first request warms what the code keeps between requests.
        response = client.get(url)
        if response.status_code != 200:
            results[name] = {"url": url, "status": response.status_code}
            continue
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        results[name] = {"url": url, "status": 200, "queries": len(queries), "times": []}
        listed.append((name, url))
    for _ in range(rounds):
        for name, url in listed:
            started = time.perf_counter()
            client.get(url)
            results[name]["times"].append((time.perf_counter() - started) * 1000)
    return {"conditions": Condition.objects.count(), "user": username, "pages": results}


# In the parent process: build the database, run the children, print.


def prepare(tree: Path, folder: Path, name: str, generate: list[str]) -> dict[str, str]:
    env = environment(folder, name)
    database = folder / f"{name}.sqlite3"
    if not database.exists():
        manage(env, "migrate", "-v", "0", tree=tree)
        manage(env, "load_demo", tree=tree)
        started = time.perf_counter()
        manage(env, "generate_content", *generate, tree=tree)
        print(f"generated in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    manage(env, "migrate", "-v", "0", tree=tree)
    if not Path(env["STATIC_ROOT"]).exists():
        manage(env, "collectstatic", "--noinput", "-v", "0", tree=tree)
    return env


def child(tree: Path, env: dict[str, str], rounds: int, user: str) -> dict:
    done = subprocess.run(
        [
            *(sys.executable, str(Path(__file__).resolve()), "--measure"),
            *("--rounds", str(rounds), "--user", user),
        ],
        cwd=tree,
        env={**env, "PYTHONPATH": str(tree)},
        check=True,
        stdout=subprocess.PIPE,
        text=True,
    )
    return json.loads(done.stdout)


def merge(runs: list[dict]) -> dict:
    pages: dict[str, dict] = {}
    times: dict[str, list[float]] = defaultdict(list)
    for run in runs:
        for name, page in run["pages"].items():
            pages.setdefault(name, page)
            times[name] += page.get("times", [])
    for name, page in pages.items():
        if times[name]:
            page["best"] = min(times[name])
            page["median"] = statistics.median(times[name])
            page["n"] = len(times[name])
    return {"conditions": runs[0]["conditions"], "user": runs[0]["user"], "pages": pages}


def print_table(labels: list[str], results: list[dict]) -> None:
    print(
        f"Admin pages for {results[0]['user']!r}, {results[0]['conditions']} conditions, SQLite, "
        f"page cache off; {results[0]['pages']['admin index'].get('n', 0)} requests each, "
        "in interleaved rounds."
    )
    header = f"{'page':<34}" + "".join(
        f"{label + ' best':>14}{'median':>9}{'q':>5}" for label in labels
    )
    if len(results) == 2:
        header += f"{'ratio':>7}"
    print(header)
    print("-" * len(header))
    for name in results[-1]["pages"]:
        cells = []
        for result in results:
            page = result["pages"].get(name, {})
            if page.get("status") != 200:
                cells.append(f"{'status ' + str(page.get('status', '-')):>28}")
                continue
            cells.append(f"{page['best']:>14.1f}{page['median']:>9.1f}{page['queries']:>5}")
        row = f"{name:<34}" + "".join(cells)
        if len(results) == 2 and all(r["pages"].get(name, {}).get("median") for r in results):
            before, after = (r["pages"][name]["median"] for r in results)
            row += f"{after / before:>7.2f}"
        print(row)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--conditions", type=int, default=10_000)
    parser.add_argument("--symptoms", type=int, default=500)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--batches", type=int, default=3, help="child processes per tree")
    parser.add_argument("--keep", type=Path, help="keep and reuse the database in this folder")
    parser.add_argument("--compare-with", type=Path, help="another source tree to measure")
    parser.add_argument("--user", choices=ACCOUNTS, default="moderator", help="demo account")
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.measure:
        print(json.dumps(measure(args.rounds, args.user)))
        return
    generate = ["--conditions", str(args.conditions), "--symptoms", str(args.symptoms)]
    generate += ["--seed", str(args.seed)]
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        trees = [("this", REPO, "admin")]
        if args.compare_with:
            trees.insert(0, ("other", args.compare_with.resolve(), "admin-other"))
        envs = []
        for _, tree, name in trees:
            if name != "admin" and not (folder / f"{name}.sqlite3").exists():
                # The same content for both: a copy of this tree's database,
                # migrated by the other tree (backwards, if it has fewer).
                prepare(REPO, folder, "admin", generate)
                shutil.copy(folder / "admin.sqlite3", folder / f"{name}.sqlite3")
                env = environment(folder, name)
                migrate_to_other_tree(tree, env)
            envs.append(prepare(tree, folder, name, generate))
        # Each tree's children in turn, batch by batch, rounds split between them.
        per_batch = max(1, args.rounds // args.batches)
        runs: list[list[dict]] = [[] for _ in trees]
        for _ in range(args.batches):
            for index, ((_, tree, _), env) in enumerate(zip(trees, envs, strict=True)):
                runs[index].append(child(tree, env, per_batch, args.user))
        print_table([label for label, _, _ in trees], [merge(r) for r in runs])


def migrate_to_other_tree(tree: Path, env: dict[str, str]) -> None:
    """Bring a copy of this tree's database to the other tree's migrations:
    each app back to the latest migration the other tree has."""
    for app_dir in sorted(REPO.glob("**/migrations")):
        if ".venv" in app_dir.parts:
            continue
        relative = app_dir.relative_to(REPO)
        theirs = tree / relative
        ours = {p.stem for p in app_dir.glob("[0-9]*.py")}
        if not theirs.exists():
            continue
        other = {p.stem for p in theirs.glob("[0-9]*.py")}
        if ours - other and other:
            manage(env, "migrate", app_dir.parent.name, max(other), "-v", "0")


if __name__ == "__main__":
    main()

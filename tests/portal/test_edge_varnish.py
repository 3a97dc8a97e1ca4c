"""The edge cache for real: Debian's varnishd with the shipped VCL
(portal/serving/varnish/portal.vcl) in front of two gunicorn instances
serving the launch content. A change reaches visitors through the edge and
from both instances within a second; while the database is down, every page
the edge holds is still served, emergency numbers and all."""

import shutil
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.programs import require_program
from tests.served import ROOT, free_port, get, start_gunicorn, stop

VARNISH_DIR = ROOT / "portal" / "serving" / "varnish"
PAGES = ROOT / "portal" / "serving" / "pages"
# Short, so that the outage test serves pages past their time: only
# stale-if-error keeps them then.
EDGE_MAX_AGE = 2
CONDITION = "/conditions/muscle-overexertion/"


@dataclass
class Site:
    edge: str
    instances: list[str]
    env: dict
    database: Path


def origin_vcl(folder, ports):
    backends = "".join(
        f"""
backend instance_{n} {{
    .host = "127.0.0.1";
    .port = "{port}";
    .probe = healthz;
    .connect_timeout = 1s;
    .first_byte_timeout = 10s;
}}
"""
        for n, port in enumerate(ports)
    )
    adds = "".join(f"    origin.add_backend(instance_{n});\n" for n in range(len(ports)))
    (folder / "origin.vcl").write_text(
        f"""
probe healthz {{
    .url = "/healthz";
    .timeout = 1s;
    .interval = 0.5s;
    .window = 3;
    .threshold = 2;
}}
{backends}
sub vcl_init {{
    new origin = directors.round_robin();
{adds}}}

acl purgers {{
    "127.0.0.1";
}}

sub portal_unavailable_page {{
    synthetic(std.fileread("{PAGES / "unavailable.html"}"));
}}
"""
    )


@pytest.fixture(scope="module")
def site(served_env, tmp_path_factory):
    varnishd = require_program("/usr/sbin/varnishd", "varnish", "for the edge-cache tests")
    base_env, tmp = served_env
    folder = tmp_path_factory.mktemp("edge")
    database = folder / "db.sqlite3"
    shutil.copy(tmp / "db.sqlite3", database)
    edge_port = free_port()
    env = {
        **base_env,
        "DATABASE_URL": f"sqlite:///{database}",
        "CACHE_DIR": str(folder / "cache"),
        "EDGE_CACHE_URLS": f"http://127.0.0.1:{edge_port}",
        "EDGE_MAX_AGE": str(EDGE_MAX_AGE),
        # A new connection per request: a database taken away shows at once.
        "DB_CONN_MAX_AGE": "0",
    }
    subprocess.run(
        [sys.executable, "manage.py", "load_content"],
        cwd=ROOT,
        env=env,
        check=True,
        timeout=300,
        capture_output=True,
    )
    ports = [free_port(), free_port()]
    instances = [
        start_gunicorn({**env, "GUNICORN_THREADS": "4"}, port, folder / f"instance-{n}.log")
        for n, port in enumerate(ports)
    ]
    origin_vcl(folder, ports)
    varnish = subprocess.Popen(
        [
            varnishd,
            "-F",
            "-j",
            "none",
            "-n",
            str(folder / "varnish"),
            "-a",
            f"127.0.0.1:{edge_port}",
            "-f",
            str(VARNISH_DIR / "portal.vcl"),
            "-p",
            f"vcl_path={folder}:{VARNISH_DIR}",
            "-s",
            "malloc,64m",
            "-T",
            "none",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    edge = f"http://127.0.0.1:{edge_port}"
    try:
        for _ in range(100):
            try:
                if get(f"{edge}/healthz")[0] == 200:
                    break
            except OSError:
                time.sleep(0.1)
        else:
            raise AssertionError(varnish.stdout.read().decode() if varnish.stdout else "")
        yield Site(edge, [f"http://127.0.0.1:{port}" for port in ports], env, database)
    finally:
        varnish.terminate()
        varnish.wait(timeout=10)
        for instance in instances:
            stop(instance)


def text(url):
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode()


def test_a_shared_page_is_served_by_the_edge(site):
    get(f"{site.edge}{CONDITION}")
    status, headers, body = get(f"{site.edge}{CONDITION}")
    assert status == 200 and headers["X-Edge-Cache"] == "hit"
    assert "Surrogate-Key" not in headers
    assert 'href="tel:999"' in body.decode()


def test_pages_for_one_person_are_never_kept(site):
    for _ in range(2):
        _, headers, _ = get(f"{site.edge}/symptom-checker/")
    assert headers["X-Edge-Cache"] == "miss"


def ban_everything(site):
    request = urllib.request.Request(f"{site.edge}/", method="BAN", headers={"X-Ban-Keys": "site"})
    with urllib.request.urlopen(request, timeout=5) as response:
        assert response.status == 200


def test_a_change_shows_through_the_edge_and_on_both_instances_within_a_second(site, tmp_path):
    # The editor's process is ready before the page is cached, so the page
    # is well inside its time (EDGE_MAX_AGE) when the change lands: only the
    # ban can make it fresh within the second.
    go = tmp_path / "go"
    editor = subprocess.Popen(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", EDIT.format(go=go)],
        cwd=ROOT,
        env=site.env,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert editor.stdout.readline().strip() == "ready"
    ban_everything(site)
    assert get(f"{site.edge}{CONDITION}")[1]["X-Edge-Cache"] == "miss"
    assert get(f"{site.edge}{CONDITION}")[1]["X-Edge-Cache"] == "hit"
    go.touch()
    assert editor.wait(timeout=30) == 0
    changed = time.monotonic()
    where = [site.edge, *site.instances]
    fresh = set()
    while time.monotonic() - changed < 1 and len(fresh) < len(where):
        fresh |= {base for base in where if "Edited summary" in text(f"{base}{CONDITION}")}
    assert fresh == set(where)
    assert time.monotonic() - changed < EDGE_MAX_AGE


EDIT = """
import os, sys, time
from conditions.models import Condition
page = Condition.objects.get(slug="muscle-overexertion")
print("ready", flush=True)
while not os.path.exists("{go}"):
    time.sleep(0.02)
page.summary = "Edited summary: muscles worked past what they are used to."
page.save()
"""


def test_with_the_database_down_every_page_the_edge_holds_is_served(site):
    pages = ["/", "/conditions/", CONDITION, "/remedies/", "/about/", "/sitemap.xml"]
    for page in pages:
        get(f"{site.edge}{page}")
    # The database goes: its file is replaced by a folder SQLite cannot open.
    away = site.database.with_suffix(".away")
    site.database.rename(away)
    site.database.mkdir()
    try:
        # Every instance fails its probe (503) and every page is past its time.
        time.sleep(EDGE_MAX_AGE + 2)
        assert get(f"{site.instances[0]}/healthz")[0] == 503
        served = {page: get(f"{site.edge}{page}") for page in pages}
        assert {page: status for page, (status, _, _) in served.items()} == dict.fromkeys(
            pages, 200
        )
        for page in ("/", CONDITION, "/about/"):
            assert 'href="tel:999"' in served[page][2].decode()
        # A page the edge never held: the origin's error page, which still
        # says where to get help.
        status, _, body = get(f"{site.edge}/remedies/leg-elevation/?never-seen=1")
        assert status >= 500 and 'href="tel:999"' in body.decode()
    finally:
        site.database.rmdir()
        away.rename(site.database)


def test_a_ban_without_keys_is_refused(site):
    request = urllib.request.Request(f"{site.edge}/", method="BAN")
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=5)
    assert refused.value.code == 400

"""The edge cache's own speed: Varnish (portal/serving/varnish/portal.vcl) in
front of gunicorn with the launch content, a cached condition page against
a static file Varnish also holds, each fetched by the same keep-alive
clients for the same time. Prints both rates and their ratio: the ratio is
the figure to read (the clients share the machine's cores with Varnish).

    .venv/bin/python scripts/bench_edge.py [--seconds 5] [--clients 8]

Needs Debian's varnish package. Not a test: it prints numbers for a person
to read.
"""

import argparse
import http.client
import subprocess
import tempfile
import threading
import time
from pathlib import Path

from bench_server import REPO, free_port, served

CONDITION = "/conditions/als/"
STATIC = "/static/css/portal.css"
ORIGIN = """
probe healthz {{ .url = "/healthz"; .interval = 1s; .window = 3; .threshold = 2; }}
backend instance {{ .host = "127.0.0.1"; .port = "{port}"; .probe = healthz; }}
sub vcl_init {{ new origin = directors.round_robin(); origin.add_backend(instance); }}
acl purgers {{ "127.0.0.1"; }}
sub portal_unavailable_page {{
    synthetic(std.fileread("{pages}/unavailable.html"));
}}
"""


def rate(port, path, seconds, clients):
    """Requests a second for `path`, and whether every answer came from the edge."""
    done, misses, stop = [0] * clients, [0] * clients, threading.Event()

    def client(n):
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        while not stop.is_set():
            connection.request("GET", path)
            response = connection.getresponse()
            response.read()
            done[n] += 1
            misses[n] += response.getheader("X-Edge-Cache") != "hit"

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for thread in threads:
        thread.start()
    time.sleep(seconds)
    stop.set()
    for thread in threads:
        thread.join()
    return sum(done) / seconds, sum(misses)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=5)
    parser.add_argument("--clients", type=int, default=8)
    args = parser.parse_args(argv)
    edge_port = free_port()
    with (
        tempfile.TemporaryDirectory() as folder,
        served(
            load="load_content", workers=1, env={"EDGE_CACHE_URLS": f"http://127.0.0.1:{edge_port}"}
        ) as base,
    ):
        origin_port = base.rsplit(":", 1)[1]
        pages = REPO / "portal" / "serving" / "pages"
        (Path(folder) / "origin.vcl").write_text(ORIGIN.format(port=origin_port, pages=pages))
        varnish_dir = REPO / "portal" / "serving" / "varnish"
        varnish = subprocess.Popen(
            [
                *("/usr/sbin/varnishd", "-F", "-j", "none", "-T", "none"),
                *("-n", f"{folder}/varnish", "-a", f"127.0.0.1:{edge_port}"),
                *("-f", str(varnish_dir / "portal.vcl"), "-s", "malloc,64m"),
                *("-p", f"vcl_path={folder}:{varnish_dir}"),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            for _ in range(100):  # until the edge answers
                try:
                    http.client.HTTPConnection("127.0.0.1", edge_port, timeout=1).request(
                        "HEAD", "/healthz"
                    )
                    break
                except OSError:
                    time.sleep(0.1)
            time.sleep(2)  # and has probed the origin healthy
            for path in (CONDITION, STATIC):  # into the edge
                for _ in range(2):
                    rate(edge_port, path, 0.2, 1)
            page, page_misses = rate(edge_port, CONDITION, args.seconds, args.clients)
            static, static_misses = rate(edge_port, STATIC, args.seconds, args.clients)
        finally:
            varnish.terminate()
            varnish.wait(timeout=10)
    print(f"condition page from the edge: {page:,.0f} requests/s ({page_misses} misses)")
    print(f"static file from the edge:    {static:,.0f} requests/s ({static_misses} misses)")
    print(f"ratio: {page / static:.2f}")


if __name__ == "__main__":
    main()

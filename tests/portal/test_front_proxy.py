"""The production front: Debian's nginx, configured by the file the
repository ships (portal/serving/nginx/nginx.conf.template), in front of
gunicorn. Each attack that took a bare gunicorn down is replayed through it,
and the health probe must still answer in under half a second."""

import os
import re
import socket
import subprocess
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.programs import require_program
from tests.served import ROOT, free_port, get, stalled_upload, start_gunicorn, stop

TEMPLATE = ROOT / "portal" / "serving" / "nginx" / "nginx.conf.template"
PAGES = ROOT / "portal" / "serving" / "pages"
ATTACKERS = 64
# gunicorn as the front tests run it: one worker of 4 threads, so that 64
# attackers are many times what it could hold without the front.
THREADS = "4"


def render(**values):
    """The template with its ${PORTAL_…} names filled in, as envsubst would."""
    text = TEMPLATE.read_text()
    rendered = re.sub(r"\$\{(PORTAL_\w+)\}", lambda match: values[match.group(1)], text)
    assert "${PORTAL_" not in rendered
    return rendered


@dataclass
class Front:
    port: int
    app_port: int
    app_log: Path
    run: Path

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"


def start_nginx(run, listen_port, upstream_port):
    nginx = require_program("/usr/sbin/nginx", "nginx-light", "for the front-proxy tests")
    run.mkdir(parents=True, exist_ok=True)
    conf = run / "nginx.conf"
    conf.write_text(
        render(
            PORTAL_LISTEN=f"127.0.0.1:{listen_port}",
            PORTAL_UPSTREAM=f"127.0.0.1:{upstream_port}",
            PORTAL_NGINX_RUN=str(run),
            # Started by root (as in CI), its workers must read these folders.
            PORTAL_NGINX_USER="root" if os.geteuid() == 0 else "nobody",
            PORTAL_PAGES=str(PAGES),
        )
    )
    command = [nginx, "-c", str(conf), "-p", str(run), "-e", str(run / "error.log")]
    checked = subprocess.run([*command, "-t"], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr
    process = subprocess.Popen([*command, "-g", "daemon off;"], stderr=subprocess.PIPE)
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", listen_port), timeout=1).close()
            return process
        except OSError:
            time.sleep(0.05)
    process.kill()
    raise AssertionError(process.stderr.read().decode())


@pytest.fixture(scope="module")
def front(served_env, tmp_path_factory):
    env, tmp = served_env
    app_port, port = free_port(), free_port()
    app_log = tmp / "behind-front.log"
    app = start_gunicorn({**env, "GUNICORN_THREADS": THREADS}, app_port, app_log)
    run = tmp_path_factory.mktemp("nginx")
    proxy = start_nginx(run, port, app_port)
    try:
        yield Front(port=port, app_port=app_port, app_log=app_log, run=run)
    finally:
        proxy.terminate()
        proxy.wait(timeout=10)
        stop(app)


def probe_seconds(base, tries=5):
    """The slowest of a few health probes, each allowed 5 s."""
    slowest = 0.0
    for _ in range(tries):
        started = time.monotonic()
        try:
            with urllib.request.urlopen(f"{base}/healthz", timeout=5) as response:
                assert response.status == 200
        except OSError:
            return float("inf")
        slowest = max(slowest, time.monotonic() - started)
    return slowest


def slow_headers(port):
    """Sends a request line and one header, then nothing more."""
    sock = socket.create_connection(("127.0.0.1", port), timeout=5)
    sock.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
    return sock


def slow_body(port):
    """Sends headers and half a feedback answer, then goes quiet."""
    return stalled_upload(port)


def slow_reader(port):
    """Asks for a large file with a tiny receive window and never reads it."""
    sock = socket.socket()
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1024)
    sock.settimeout(5)
    sock.connect(("127.0.0.1", port))
    sock.sendall(
        b"GET /static/admin/js/vendor/jquery/jquery.js HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
    )
    return sock


def under_attack(attack, port):
    sockets = [attack(port) for _ in range(ATTACKERS)]
    time.sleep(0.5)  # let every attacker reach the server
    return sockets


def close_all(sockets):
    for sock in sockets:
        sock.close()


@pytest.mark.parametrize("attack", [slow_headers, slow_body, slow_reader])
def test_the_health_probe_answers_in_half_a_second_under_attack(front, attack):
    attackers = under_attack(attack, front.port)
    try:
        assert probe_seconds(front.url) < 0.5
        # A visitor's page too, not just the probe.
        assert get(f"{front.url}/")[0] == 200
    finally:
        close_all(attackers)


def test_without_the_front_the_same_attack_stalls_gunicorn(front):
    """The control: the attack is real. Sent to gunicorn directly, 64 slow
    headers hold its threads, and the probe waits."""
    attackers = under_attack(slow_headers, front.app_port)
    try:
        started = time.monotonic()
        with pytest.raises(OSError, match="timed out"):
            urllib.request.urlopen(f"http://127.0.0.1:{front.app_port}/healthz", timeout=1)
        assert time.monotonic() - started >= 1
    finally:
        close_all(attackers)
    assert probe_seconds(f"http://127.0.0.1:{front.app_port}") < 5  # and it recovers


def test_a_stalled_upload_never_reaches_gunicorn(front):
    attackers = under_attack(slow_body, front.port)
    try:
        assert probe_seconds(front.url, tries=1) < 0.5
        assert "POST /feedback" not in front.app_log.read_text()
    finally:
        close_all(attackers)


def test_an_oversized_body_is_refused_by_the_front(front):
    request = urllib.request.Request(
        f"{front.url}/feedback/condition/als/", data=b"a" * (7 * 1024 * 1024), method="POST"
    )
    try:
        urllib.request.urlopen(request, timeout=10)
        status = 200
    except urllib.error.HTTPError as error:
        status = error.code
    except ConnectionError:
        status = 413  # nginx may answer and close before the body is sent
    assert status == 413
    assert "POST /feedback" not in front.app_log.read_text()


def test_the_front_logs_paths_never_the_checkers_answers(front):
    get(f"{front.url}/symptom-checker/?s=chest-pain&age=16-64")
    time.sleep(0.2)
    logged = (front.run / "access.log").read_text() + (front.run / "error.log").read_text()
    assert '"GET /symptom-checker/"' in logged
    assert "chest-pain" not in logged


def test_the_front_names_no_version(front):
    _, headers, _ = get(f"{front.url}/")
    assert headers["Server"] == "nginx"


def test_when_no_instance_answers_the_front_says_where_to_get_help(tmp_path):
    port, nobody_there = free_port(), free_port()
    proxy = start_nginx(tmp_path / "nginx", port, nobody_there)
    try:
        status, headers, body = get(f"http://127.0.0.1:{port}/conditions/als/")
    finally:
        proxy.terminate()
        proxy.wait(timeout=10)
    page = body.decode()
    assert status == 503
    assert headers["Retry-After"] == "30" and headers["Cache-Control"] == "no-store"
    assert 'href="tel:999"' in page and 'href="tel:111"' in page

"""The portal served as an operator runs it: a migrated SQLite database with
collected static files, and gunicorn started from gunicorn.conf.py."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
GUNICORN = Path(sys.executable).with_name("gunicorn")


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(url, headers=None):
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


@pytest.fixture(scope="module")
def served_env(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("served")
    leaked = {"DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE", "DATABASE_URL", "DEBUG"}
    env = {k: v for k, v in os.environ.items() if k not in leaked}
    env.update(
        DJANGO_ENV="development",
        DEBUG="false",
        DATABASE_URL=f"sqlite:///{tmp / 'db.sqlite3'}",
        STATIC_ROOT=str(tmp / "static"),
        CACHE_DIR=str(tmp / "cache"),
    )
    for command in (["migrate", "--noinput"], ["collectstatic", "--noinput"]):
        subprocess.run(
            [sys.executable, "manage.py", *command, "-v", "0"],
            cwd=ROOT,
            env=env,
            check=True,
            timeout=180,
        )
    return env, tmp


def start_gunicorn(env, port, log):
    """gunicorn as `make run` starts it, logging to `log`; returns once it answers."""
    process = subprocess.Popen(
        [str(GUNICORN), "-c", "gunicorn.conf.py", "--workers", "1", "portal.wsgi"],
        cwd=ROOT,
        env={**env, "GUNICORN_BIND": f"127.0.0.1:{port}"},
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
    )
    for _ in range(100):
        try:
            if get(f"http://127.0.0.1:{port}/healthz")[0] == 200:
                return process
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise AssertionError(log.read_text())


def stop(process):
    process.terminate()
    process.wait(timeout=10)


def stalled_upload(port):
    """A client that sends its headers and half a feedback answer, then goes
    quiet. With a CSRF cookie, the server reads the body to look for the
    token."""
    sock = socket.create_connection(("127.0.0.1", port), timeout=5)
    sock.sendall(
        b"POST /feedback/condition/als/ HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        b"Cookie: csrftoken=" + b"k" * 32 + b"\r\n"
        b"Content-Type: application/x-www-form-urlencoded\r\n"
        b"Content-Length: 100000\r\n\r\n" + b"a" * 50000
    )
    return sock

"""The portal served for a benchmark, as `make run` serves it: a throwaway
SQLite database with the content loaded, static files collected, gunicorn
with gunicorn.conf.py on a free port and the task worker beside it (it
sends mail and builds each new content version's shared data). Used by
the bench_* scripts."""

import contextlib
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def environment(folder, name):
    """The environment of a benchmark's own development site: its database
    and cache named `name` in `folder`, the page cache off, no Redis (a
    local cache, whatever the caller's shell says)."""
    return {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"},
        "DJANGO_ENV": "development",
        "DEBUG": "false",
        "DATABASE_URL": f"sqlite:///{folder}/{name}.sqlite3",
        "CACHE_DIR": f"{folder}/cache-{name}",
        "STATIC_ROOT": f"{folder}/static",
        "PAGE_CACHE_ENABLED": "false",
        "REDIS_URL": "",
    }


def manage(env, *command, tree=REPO):
    """Run a management command of the checkout `tree`, quietly."""
    subprocess.run(
        [sys.executable, "manage.py", *command],
        cwd=tree,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def served(
    *,
    load="load_demo",
    workers=2,
    env=None,
    gunicorn_args=(),
    quiet=True,
    then=(),
    folder=None,
    task_worker=True,
):
    """Yields the server's base address; stops it and deletes everything on
    the way out. `load` is the management command that loads the content,
    `then` more commands to run before serving (each a list of words).
    `folder`, if given, holds the database and cache instead of a
    throwaway one (so the caller can run commands against them too).
    `task_worker=False` serves without `manage.py db_worker`."""
    python = sys.executable
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with contextlib.ExitStack() as stack:
        tmp = folder or stack.enter_context(tempfile.TemporaryDirectory())
        environment = {
            **{k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"},
            "DJANGO_ENV": "development",
            "DEBUG": "false",
            "DATABASE_URL": f"sqlite:///{tmp}/bench.sqlite3",
            "STATIC_ROOT": f"{tmp}/static",
            "CACHE_DIR": f"{tmp}/cache",
            # The sitemap is precomputed for this address.
            "SITE_URL": base,
            **(env or {}),
        }
        for command in (["migrate"], [load], *then, ["collectstatic", "--noinput"]):
            subprocess.run(
                [python, "manage.py", *command, "-v", "0"],
                cwd=REPO,
                env=environment,
                check=True,
                stdout=subprocess.DEVNULL,
            )
        if task_worker:
            # As `make run` starts it; stopped first on the way out.
            worker = subprocess.Popen(
                [python, "manage.py", "db_worker", "--interval", "2", "--no-reload"],
                cwd=REPO,
                env=environment,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL if quiet else None,
            )
            stack.callback(worker.wait, timeout=15)
            stack.callback(worker.terminate)
        server = subprocess.Popen(
            [
                *(str(Path(python).with_name("gunicorn")), "-c", "gunicorn.conf.py"),
                *("--workers", str(workers), "--bind", f"127.0.0.1:{port}"),
                *("--access-logfile", "/dev/null", *gunicorn_args, "portal.wsgi"),
            ],
            cwd=REPO,
            env=environment,
            stderr=subprocess.DEVNULL if quiet else None,
        )
        try:
            for _ in range(100):
                try:
                    with urllib.request.urlopen(base + "/healthz", timeout=1):
                        break
                except OSError:
                    time.sleep(0.1)
            yield base
        finally:
            server.terminate()
            server.wait(timeout=15)

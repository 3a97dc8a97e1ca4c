"""Slow clients against the server as `make run` starts it.

Opens clients that send a request's headers and half its body, then stall
(a phone on a bad line, or an attacker), and meanwhile times /healthz and a
page. Run it for each worker class to compare:

    .venv/bin/python scripts/bench_slow_clients.py [--slow 16] [--worker-class sync]

Not a test: it prints numbers for a person to read.
"""

import argparse
import socket
import time
import urllib.request

from bench_server import served


def timed_get(url, timeout):
    start = time.perf_counter()
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            response.read()
            status = response.status
    except OSError as error:
        status = type(error).__name__
    return status, time.perf_counter() - start


def stalled_client(port, path):
    sock = socket.create_connection(("127.0.0.1", port))
    body_length = 100_000
    sock.sendall(
        (
            f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            "Content-Type: application/x-www-form-urlencoded\r\n"
            # With a CSRF cookie, the server reads the body for the token.
            f"Cookie: csrftoken={'k' * 32}\r\n"
            f"Content-Length: {body_length}\r\n\r\n"
        ).encode()
        + b"a" * (body_length // 2)
    )
    return sock


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--slow", type=int, default=16, help="stalled clients to open")
    parser.add_argument("--worker-class", default=None, help="override gunicorn.conf.py's")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--verbose", action="store_true", help="show gunicorn's log")
    args = parser.parse_args(argv)
    extra = ["--worker-class", args.worker_class] if args.worker_class else []
    with served(
        load="load_content", workers=args.workers, gunicorn_args=extra, quiet=not args.verbose
    ) as base:
        port = int(base.rsplit(":", 1)[1])
        clients = [stalled_client(port, "/feedback/condition/als/") for _ in range(args.slow)]
        time.sleep(0.5)
        label = args.worker_class or "gunicorn.conf.py"
        print(f"{label}: {args.workers} workers, {args.slow} stalled clients")
        # Twice: while the clients stall, and after the server has had
        # time to give up on them.
        for _ in range(2):
            for path in ("/healthz", "/", "/conditions/als/"):
                status, took = timed_get(base + path, 20)
                print(f"  {path:<20} {status!s:>12} {took * 1000:8.0f} ms")
        for client in clients:
            client.close()


if __name__ == "__main__":
    main()

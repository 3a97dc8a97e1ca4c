"""The portal as an operator runs it: collected static files with hashed,
compressed names, served by WhiteNoise under gunicorn."""

import socket
import time

from tests.served import free_port, get, stalled_upload, start_gunicorn, stop


def test_collectstatic_writes_hashed_and_compressed_files(served_env):
    _, tmp = served_env
    names = {path.name for path in (tmp / "static" / "css").iterdir()}
    hashed = [
        n for n in names if n.startswith("portal.") and n.endswith(".css") and n != "portal.css"
    ]
    assert hashed, names
    assert f"{hashed[0]}.gz" in names


def test_two_gunicorn_instances_serve_side_by_side(served_env):
    env, tmp = served_env
    ports = [free_port(), free_port()]
    processes = [start_gunicorn(env, port, tmp / f"gunicorn-{port}.log") for port in ports]
    try:
        for port in ports:
            status, _, body = get(f"http://127.0.0.1:{port}/")
            assert status == 200
            html = body.decode()
            css = html.split('rel="stylesheet" href="')[1].split('"')[0]
            assert css.startswith("/static/css/portal.") and css != "/static/css/portal.css"
            status, headers, _ = get(f"http://127.0.0.1:{port}{css}", {"Accept-Encoding": "gzip"})
            assert status == 200
            assert headers.get("Content-Encoding") == "gzip"
            assert "immutable" in headers.get("Cache-Control", "")
    finally:
        for process in processes:
            stop(process)


def test_access_log_leaves_out_query_strings(served_env):
    env, tmp = served_env
    port = free_port()
    log = tmp / "access.log"
    process = start_gunicorn(env, port, log)
    try:
        get(f"http://127.0.0.1:{port}/symptom-checker/results/?s=secret-answer")
    finally:
        stop(process)
    output = log.read_text()
    assert "GET /symptom-checker/results/" in output
    assert "secret-answer" not in output


def test_a_malformed_request_leaves_its_query_out_of_every_log(served_env):
    """gunicorn quotes a bad request line in its error log; the checker's
    answers in its query must not get there."""
    env, tmp = served_env
    port = free_port()
    log = tmp / "malformed.log"
    process = start_gunicorn(env, port, log)
    try:
        for request_line in (
            b"GET /symptom-checker/results/?s=MARKER-one-7f3a HTTP/1.1 extra\r\n",
            b"GET /symptom-checker/results/?s=MARKER-two-7f3a HTTP/9.9\r\n",
            b"G\x01T /symptom-checker/results/?s=MARKER-three-7f3a HTTP/1.1\r\n",
        ):
            with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
                sock.sendall(request_line + b"Host: 127.0.0.1\r\n\r\n")
                answer = sock.recv(4096)
            assert answer.startswith(b"HTTP/1.1 400"), answer[:80]
    finally:
        stop(process)
    output = log.read_text()
    assert "Invalid request" in output  # the error was logged ...
    assert "MARKER" not in output  # ... without the query


def test_the_server_header_names_no_software(served_env):
    env, tmp = served_env
    port = free_port()
    process = start_gunicorn(env, port, tmp / "server.log")
    try:
        _, headers, _ = get(f"http://127.0.0.1:{port}/")
    finally:
        stop(process)
    assert "gunicorn" not in headers.get("Server", "").lower()


def test_clients_stalled_mid_upload_do_not_stall_the_site(served_env):
    """One worker of 8 threads and 6 stalled uploads: the health probe and
    pages still answer at once. (scripts/bench_slow_clients.py shows where
    each worker class gives way.)"""
    env, tmp = served_env
    port = free_port()
    process = start_gunicorn(
        {**env, "GUNICORN_THREADS": "8", "GUNICORN_BODY_READ_TIMEOUT": "30"},
        port,
        tmp / "slow.log",
    )
    stalled = [stalled_upload(port) for _ in range(6)]
    try:
        time.sleep(0.3)  # let the server start reading every upload
        started = time.monotonic()
        assert get(f"http://127.0.0.1:{port}/healthz")[0] == 200
        assert get(f"http://127.0.0.1:{port}/")[0] == 200
        assert time.monotonic() - started < 3
    finally:
        for sock in stalled:
            sock.close()
        stop(process)


def test_a_client_stalled_mid_upload_is_let_go(served_env):
    env, tmp = served_env
    port = free_port()
    process = start_gunicorn({**env, "GUNICORN_BODY_READ_TIMEOUT": "1"}, port, tmp / "let-go.log")
    sock = stalled_upload(port)
    try:
        sock.settimeout(5)
        # Raises TimeoutError if the server is still waiting for the body.
        sock.recv(4096)
    finally:
        sock.close()
        stop(process)

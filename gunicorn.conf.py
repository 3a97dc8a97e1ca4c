"""gunicorn settings, read from the environment.

Run with `gunicorn -c gunicorn.conf.py portal.wsgi`.
"""

import multiprocessing
import os

import gunicorn.http.wsgi

# The Server header names no software (and no version) to a scanner.
gunicorn.http.wsgi.SERVER = "web"

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Threads carry the concurrency, so one worker per core (and one more). Each
# thread may keep a database connection (DB_CONN_MAX_AGE): workers × threads
# per instance must stay under PostgreSQL's max_connections.
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() + 1))
# Threads, not one request per process: a client that sends its request
# slowly holds one thread while the others keep serving (scripts/
# bench_slow_clients.py measures it). Views mostly wait on the database, so
# threads share a process's GIL well.
worker_class = os.environ.get("GUNICORN_WORKER_CLASS", "gthread")
threads = int(os.environ.get("GUNICORN_THREADS", "8"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
# Web requests only: PostgreSQL cancels a statement running longer than this
# many seconds (portal/settings.py), before nginx gives up on the answer (35
# s) and while the thread can still answer with the 500 page and its 999 and
# 111. Set before the app loads, so every worker has it.
os.environ.setdefault("DB_STATEMENT_TIMEOUT", "25")
# A client silent this long in the middle of its request body loses the
# connection, so stalled uploads cannot hold every thread for long.
body_read_timeout = float(os.environ.get("GUNICORN_BODY_READ_TIMEOUT", "5"))
# Request line and headers: gunicorn's defaults, stated so they are seen.
# Bodies are capped by MAX_REQUEST_BYTES in the app (portal/uploads.py).
limit_request_line = 4094
limit_request_fields = 60
limit_request_field_size = 8190
# Let the proxy in front of us decide which addresses to trust.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = "-"
# The request line carries the symptom checker's answers in its query
# string; log the path only (%(U)s), never the query (%(q)s or %(r)s).
access_log_format = '%(h)s %(t)s "%(m)s %(U)s" %(s)s %(b)s %(M)sms'
errorlog = "-"
# gunicorn quotes bad request lines, query and all, in its error log.
logger_class = "portal.serving.gunicorn_logging.QuerylessLogger"
# Two instances on one machine would otherwise fight over one control socket.
control_socket_disable = True


def pre_request(worker, req):
    """Bound every read of this request's body (gunicorn waits forever);
    portal/wsgi.py gives the answer's send a longer bound."""
    sock = getattr(req.unreader, "sock", None)
    if sock is not None:
        sock.settimeout(body_read_timeout)

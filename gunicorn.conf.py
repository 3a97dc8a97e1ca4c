"""gunicorn settings, read from the environment.

Run with `gunicorn -c gunicorn.conf.py portal.wsgi`.
"""

import multiprocessing
import os

import gunicorn.http.wsgi

# The Server header names no software (and no version) to a scanner.
gunicorn.http.wsgi.SERVER = "web"

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
# Let the proxy in front of us decide which addresses to trust.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = "-"
# The request line carries the symptom checker's answers in its query
# string; log the path only (%(U)s), never the query (%(q)s or %(r)s).
access_log_format = '%(h)s %(t)s "%(m)s %(U)s" %(s)s %(b)s %(M)sms'
errorlog = "-"
# gunicorn quotes bad request lines, query and all, in its error log.
logger_class = "portal.gunicorn_logging.QuerylessLogger"
# Two instances on one machine would otherwise fight over one control socket.
control_socket_disable = True

"""WSGI entry point, served by gunicorn (see gunicorn.conf.py)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

django_application = get_wsgi_application()

# gunicorn.conf.py bounds each read of a request body (a stalled upload lets
# its thread go). A socket timeout also bounds a whole send, which would cut
# off a large page on a slow connection: once the request has been read,
# the answer gets longer.
SEND_TIMEOUT = float(os.environ.get("GUNICORN_SEND_TIMEOUT", "60"))


def application(environ, start_response):
    response = django_application(environ, start_response)
    sock = environ.get("gunicorn.socket")
    if sock is not None:
        sock.settimeout(SEND_TIMEOUT)
    return response

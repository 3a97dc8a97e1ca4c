"""The /healthz probe for load balancers.

The database is essential: without it this instance answers 503 and should
be taken out of rotation. The shared cache is a speed-up: without it pages
are served uncached, so the instance reports itself "degraded" but stays in
rotation (answering 503 would drain every instance at once, since they all
share the one cache).
"""

from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as NoAnswer

from django.db import DatabaseError, connection, connections
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

from portal.caching import shared_cache

# A frozen database (one that takes connections and never answers) must
# not freeze the probe with it: a load balancer waiting 20 s cannot take the
# instance out of rotation. The query runs on a thread of its own, with a
# connection of its own, and the probe waits this long for it.
ANSWER_SECONDS = 1.5
# At most two such threads: while both wait on a frozen database, probes
# answer 503 at once instead of starting more.
_checks = ThreadPoolExecutor(max_workers=2, thread_name_prefix="healthz")


def _select_one() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return False
    finally:
        connections.close_all()  # this thread's own connection
    return True


def check_database() -> bool:
    """Whether the database answered a query within ANSWER_SECONDS."""
    try:
        return _checks.submit(_select_one).result(timeout=ANSWER_SECONDS)
    except NoAnswer:
        return False


@never_cache
def healthz(request):
    database = check_database()
    cache = shared_cache.probe()
    if not database:
        status = "error"
    elif not cache:
        status = "degraded"
    else:
        status = "ok"
    body = {
        "status": status,
        "checks": {
            "database": "ok" if database else "error",
            "cache": "ok" if cache else "degraded",
        },
    }
    return JsonResponse(body, status=503 if not database else 200)

"""The /healthz probe for load balancers.

The database is essential: without it this instance answers 503 and should
be taken out of rotation. The shared cache is a speed-up: without it pages
are served uncached, so the instance reports itself "degraded" but stays in
rotation (answering 503 would drain every instance at once, since they all
share the one cache).
"""

from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

from portal.caching import shared_cache


def check_database() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return False
    return True


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

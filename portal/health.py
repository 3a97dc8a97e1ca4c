"""The /healthz probe: can this instance reach its database and cache?"""

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache


def check_database():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return False
    return True


def check_cache():
    # Redis-py raises its own exceptions; any failure means "not healthy".
    try:
        cache.set("healthz", "ok", timeout=10)
        return cache.get("healthz") == "ok"
    except Exception:
        return False


@never_cache
def healthz(request):
    checks = {"database": check_database()}
    if settings.REDIS_URL:
        checks["cache"] = check_cache()
    healthy = all(checks.values())
    body = {
        "status": "ok" if healthy else "error",
        "checks": {name: "ok" if passed else "error" for name, passed in checks.items()},
    }
    return JsonResponse(body, status=200 if healthy else 503)

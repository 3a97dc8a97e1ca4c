"""What stands between the web and the API: CORS for reading, a limit per
client shared by every worker (counted in the database, like feedback's,
by portal.serving.rate_limits), API keys for a higher one, and the
publisher named on every answer.

It sits outside Django's conditional GET, so a 304 carries the same
headers as the 200 it stands for.
"""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.utils import timezone

from portal.api.models import ApiKey
from portal.api.responses import answer_from_cache, problem
from portal.serving.rate_limits import WINDOW_SECONDS, client_over_limit, over_limit

PREFIX = "/api/"
# The API itself; its human docs are not counted.
LIMITED = "/api/v1/"
KEY_HEADER = "X-API-Key"
# Cross-origin reading only: no credentials, no writes from other sites'
# pages (the checker's assessment is for servers and same-site use).
CORS_HEADERS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Methods": "GET, HEAD, OPTIONS",
    "Access-Control-Allow-Headers": f"{KEY_HEADER}, If-None-Match, If-Modified-Since",
    "Access-Control-Expose-Headers": "ETag, Last-Modified, Retry-After, Link",
    "Access-Control-Max-Age": "86400",
}
READING = ("GET", "HEAD", "OPTIONS")


def retry_after(now: float | None = None) -> int:
    """Seconds until the current counting window ends."""
    now = timezone.now().timestamp() if now is None else now
    return WINDOW_SECONDS - int(now) % WINDOW_SECONDS or WINDOW_SECONDS


def _limited(request: HttpRequest) -> HttpResponse | None:
    """A 401 for a key that is not (or no longer) valid, a 429 past the
    limit, else None (and the request is counted)."""
    raw = request.headers.get(KEY_HEADER, "").strip()
    if raw:
        key = ApiKey.for_key(raw)
        if key is None:
            return problem("This API key is not valid or has been revoked.", 401)
        key.note_use()
        exceeded = over_limit("api-key", str(key.pk), key.rate_limit)
    else:
        exceeded = client_over_limit(request, "api", settings.API_ANONYMOUS_LIMIT)
    if not exceeded:
        return None
    wait = retry_after()
    return problem(
        f"Too many requests: try again in {wait} seconds, or ask us for an API key.",
        429,
        Retry_After=str(wait),
    )


class ApiMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if not request.path.startswith(PREFIX):
            return self.get_response(request)
        head = request.method == "HEAD"
        if head:
            # Answered as the GET it asks about, without the body.
            request.method = "GET"
        if request.method == "OPTIONS":
            response: HttpResponseBase = HttpResponse(status=204)
        else:
            limited = _limited(request) if request.path.startswith(LIMITED) else None
            cached = None if limited or request.method != "GET" else answer_from_cache(request)
            response = limited or cached or self.get_response(request)
        if request.method in READING:
            for header, value in CORS_HEADERS.items():
                response[header] = value
        if head:
            request.method = "HEAD"
            if isinstance(response, HttpResponse):
                length = len(response.content)
                response.content = b""
                response["Content-Length"] = str(length)
        # Other sites may read the API (the pages stay same-origin).
        response["Cross-Origin-Resource-Policy"] = "cross-origin"
        if "Link" not in response:
            response["Link"] = (
                f'<{settings.SITE_URL or request.build_absolute_uri("/")}>; rel="publisher"'
            )
        return response

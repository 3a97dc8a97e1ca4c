from django.http import HttpRequest, HttpResponse
from django.urls import path

from portal.api.endpoints import api


def docs(request: HttpRequest) -> HttpResponse:
    """The API's human docs (Swagger UI), from this site's own static files:
    django-ninja's bundled copy, collected like every other file, so the
    page needs no other host and keeps the site's CSP."""
    return api.docs.render_page(request, api)


urlpatterns = [
    path("v1/", api.urls),
    path("docs/", docs, name="api_docs"),
]

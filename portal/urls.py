from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.static import serve

from portal import health, sitemaps, views

urlpatterns = [
    path("", include("portal.site_urls")),
    path("conditions/", include("conditions.urls")),
    path("symptom-checker/", include("conditions.checker_urls")),
    path("remedies/", include("remedies.urls")),
    path("sitemap.xml", sitemaps.sitemap_view, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("healthz", health.healthz, name="healthz"),
    path("admin/", admin.site.urls),
    # Browsers ask for /favicon.ico whatever the page says.
    path("favicon.ico", views.favicon),
]

if settings.SERVE_MEDIA:
    urlpatterns.append(
        re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT})
    )

handler500 = "portal.views.server_error"

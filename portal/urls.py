from django.contrib import admin
from django.urls import include, path, re_path

from portal.public import sitemaps, views
from portal.serving import health

urlpatterns = [
    path("", include("portal.public.urls")),
    path("conditions/", include("conditions.urls")),
    path("symptom-checker/", include("conditions.checker.urls")),
    path("remedies/", include("remedies.urls")),
    path("account/", include("portal.members.urls")),
    path("sitemap.xml", sitemaps.sitemap_index_view, name="sitemap"),
    path("sitemap-<slug:section>.xml", sitemaps.sitemap_section_view, name="sitemap_section"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("healthz", health.healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("api/", include("portal.api.urls")),
    # Browsers ask for /favicon.ico whatever the page says.
    path("favicon.ico", views.favicon),
]

urlpatterns.append(re_path(r"^media/(?P<path>.*)$", views.media_file, name="media"))

handler500 = "portal.public.views.server_error"

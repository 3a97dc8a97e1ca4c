from django.contrib import admin
from django.urls import path

from portal import health, views

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", health.healthz, name="healthz"),
    path("admin/", admin.site.urls),
]

handler500 = "portal.views.server_error"

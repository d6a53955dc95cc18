"""Top-level URL configuration: one URL conf per surface (public pages, the JSON API)
and the admin."""

from django.contrib import admin
from django.urls import include, path

from agreements.api.health import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("api/", include("agreements.api.urls")),
    path("", include("agreements.web.urls")),
]

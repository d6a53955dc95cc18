"""Top-level URL configuration: public pages, the JSON API and the admin."""

from django.contrib import admin
from django.urls import include, path

from agreements.api.health import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("", include("agreements.search_urls")),
    path("api/", include("agreements.api.urls")),
    path("", include("agreements.subscription_urls")),
    path("", include("agreements.history_urls")),
    path("", include("agreements.data_urls")),
    path("", include("agreements.urls")),
]

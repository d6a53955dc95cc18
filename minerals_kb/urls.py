"""Top-level URL configuration: one URL conf per surface (public pages, the JSON API)
and the admin. The public pages are in English at their plain addresses and in Spanish
under /es/; the API and the admin take the language from the request."""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from agreements.api.health import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("api/", include("agreements.api.urls")),
    *i18n_patterns(path("", include("agreements.web.urls")), prefix_default_language=False),
]

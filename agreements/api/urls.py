"""The JSON API under /api/: version 1 of the resources, the schema and its docs."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView
from rest_framework.reverse import reverse
from rest_framework.routers import APIRootView, DefaultRouter

from agreements import record_types

from . import views
from .search import SearchAPIView

app_name = "api"


class RootView(APIRootView):
    """The API's resources, and its search (not a resource of the router)."""

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        response.data["search"] = reverse("api:search", request=request)
        return response


router = DefaultRouter()
router.APIRootView = RootView
router.include_format_suffixes = False  # `?format=` is the one way to pick a format
for _record_type in record_types.in_api():
    router.register(
        _record_type.api_resource, views.VIEWSETS[_record_type.kind], basename=_record_type.kind
    )

urlpatterns = [
    path("v1/search/", SearchAPIView.as_view(), name="search"),
    path("v1/", include(router.urls)),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api:schema"), name="docs"),
    path("redoc/", SpectacularRedocView.as_view(url_name="api:schema"), name="redoc"),
]

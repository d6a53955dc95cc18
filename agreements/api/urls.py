"""The JSON API under /api/: version 1 of the resources, the schema and its docs."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView
from rest_framework.reverse import reverse
from rest_framework.routers import APIRootView, DefaultRouter

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
router.register("agreements", views.AgreementViewSet, basename="agreement")
router.register("participants", views.ParticipantViewSet, basename="participant")
router.register("participations", views.ParticipationViewSet, basename="participation")
router.register("milestones", views.MilestoneViewSet, basename="milestone")
router.register("events", views.EventViewSet, basename="event")
router.register("measures", views.MeasureViewSet, basename="measure")
router.register("minerals", views.MineralViewSet, basename="mineral")
router.register("mineral-lists", views.MineralListViewSet, basename="mineral-list")
router.register("documents", views.DocumentViewSet, basename="document")
router.register("citations", views.CitationViewSet, basename="citation")

urlpatterns = [
    path("v1/search/", SearchAPIView.as_view(), name="search"),
    path("v1/", include(router.urls)),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api:schema"), name="docs"),
    path("redoc/", SpectacularRedocView.as_view(url_name="api:schema"), name="redoc"),
]

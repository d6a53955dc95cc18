"""Search: the public page and its JSON twin."""

from django.urls import path

from agreements import search_views
from agreements.api.search import SearchAPIView

app_name = "search"

urlpatterns = [
    path("search/", search_views.search_page, name="page"),
    path("api/v1/search/", SearchAPIView.as_view(), name="api"),
]

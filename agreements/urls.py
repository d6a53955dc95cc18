"""Public pages."""

from django.contrib.sitemaps.views import sitemap
from django.urls import path

from agreements import views
from agreements.sitemaps import SITEMAPS

app_name = "agreements"

urlpatterns = [
    path("", views.home, name="home"),
    path("agreements/", views.agreement_list, name="agreements"),
    path("agreements/<slug:slug>/", views.agreement_detail, name="agreement-detail"),
    path("timeline/", views.timeline, name="timeline"),
    path("milestones/", views.milestone_list, name="milestones"),
    path("milestones/<int:pk>/", views.milestone_detail, name="milestone-detail"),
    path("participants/", views.participant_list, name="participants"),
    path("participants/<slug:slug>/", views.participant_detail, name="participant-detail"),
    path("minerals/", views.mineral_list, name="minerals"),
    # Before the slug pattern, which would otherwise take "compare" for a mineral.
    path("minerals/compare/", views.mineral_compare, name="mineral-compare"),
    path("minerals/<slug:slug>/", views.mineral_detail, name="mineral-detail"),
    path("mineral-lists/", views.mineral_list_index, name="mineral-lists"),
    path("mineral-lists/<slug:slug>/", views.mineral_list_detail, name="mineral-list-detail"),
    path("documents/", views.document_list, name="documents"),
    path("documents/<slug:slug>/", views.document_detail, name="document-detail"),
    path("events/", views.event_list, name="events"),
    path("events/<slug:slug>/", views.event_detail, name="event-detail"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots"),
    path("favicon.ico", views.favicon, name="favicon"),
]

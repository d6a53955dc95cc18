"""sitemap.xml: every public page, with the date its record last changed."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from agreements import models as m


class RecordSitemap(Sitemap):
    """A model's detail pages; `lastmod` from `updated_at`."""

    model: type[m.KBModel]

    def items(self):
        return self.model.objects.order_by("pk")

    def lastmod(self, item):
        return item.updated_at


class AgreementSitemap(RecordSitemap):
    model = m.Agreement
    priority = 0.8


class MilestoneSitemap(RecordSitemap):
    model = m.Milestone


class ParticipantSitemap(RecordSitemap):
    model = m.Participant


class MineralSitemap(RecordSitemap):
    model = m.Mineral


class MineralListSitemap(RecordSitemap):
    model = m.MineralList


class DocumentSitemap(RecordSitemap):
    model = m.Document


class EventSitemap(RecordSitemap):
    model = m.Event


class SectionSitemap(Sitemap):
    """The home page, the list pages and the data page."""

    priority = 0.6
    changefreq = "daily"

    def items(self):
        return [
            "agreements:home",
            "agreements:agreements",
            "agreements:timeline",
            "agreements:milestones",
            "agreements:participants",
            "agreements:minerals",
            "agreements:mineral-lists",
            "agreements:documents",
            "agreements:events",
            "data:page",
        ]

    def location(self, item):
        return reverse(item)


SITEMAPS = {
    "sections": SectionSitemap,
    "agreements": AgreementSitemap,
    "milestones": MilestoneSitemap,
    "participants": ParticipantSitemap,
    "minerals": MineralSitemap,
    "mineral-lists": MineralListSitemap,
    "documents": DocumentSitemap,
    "events": EventSitemap,
}

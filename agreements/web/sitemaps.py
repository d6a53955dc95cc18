"""sitemap.xml: every public page, with the date its record last changed."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from agreements import models as m
from agreements import record_types


class RecordSitemap(Sitemap):
    """A record type's detail pages, in every language; `lastmod` from `updated_at`."""

    i18n = True
    alternates = True

    def __init__(self, model: type[m.KBModel], *, priority: float | None = None):
        super().__init__()
        self.model = model
        if priority is not None:
            self.priority = priority

    def items(self):
        return self.model.objects.order_by("pk")

    def lastmod(self, item):
        return item.updated_at


# Agreements are what the site is about: they come first for a crawler.
PRIORITIES = {m.Agreement: 0.8}


class SectionSitemap(Sitemap):
    """The home page, the list pages and the data page."""

    priority = 0.6
    changefreq = "daily"
    i18n = True
    alternates = True

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
            "agreements:how-we-source",
        ]

    def location(self, item):
        return reverse(item)


SITEMAPS = {
    "sections": SectionSitemap,
    **{
        record_type.list_url.partition(":")[2]: RecordSitemap(
            record_type.model, priority=PRIORITIES.get(record_type.model)
        )
        for record_type in record_types.with_pages()
    },
}

"""Documents: the tracked sources every fact comes from."""

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .base import KBModel, Language


class DocumentKind(models.TextChoices):
    OFFICIAL_TEXT = "official_text", _("Official text")
    PRESS_RELEASE = "press_release", _("Press release")
    FACT_SHEET = "fact_sheet", _("Fact sheet")
    NOTICE = "notice", _("Official notice")
    STATEMENT = "statement", _("Statement")
    NEWS_REPORT = "news_report", _("News report")
    ANALYSIS = "analysis", _("Analysis")
    OTHER = "other", _("Other")


class Document(KBModel):
    """A tracked source: its metadata, a summary in our words, and its text for search.

    `content_hash` is the SHA-256 of `text`, kept by `services.record_save` so a
    changed text is noticed.
    """

    slug = models.SlugField(_("slug"), max_length=140, unique=True)
    title = models.CharField(_("title"), max_length=400)
    url = models.URLField(
        _("address"),
        max_length=1000,
        blank=True,
        help_text=_("Where the publisher has it: the original."),
    )
    archived_url = models.URLField(
        _("archived copy"),
        max_length=1000,
        blank=True,
        help_text=_("A copy a reader can open where the original has moved or gone."),
    )
    no_address_reason = models.CharField(
        _("why there is no address"),
        max_length=300,
        blank=True,
        help_text=_("For a document with no public address: why, in a sentence readers see."),
    )
    publisher = models.CharField(_("publisher"), max_length=200, blank=True)
    author = models.CharField(_("author"), max_length=200, blank=True)
    published_on = models.DateField(_("published on"), null=True, blank=True)
    language = models.CharField(
        _("language"), max_length=5, choices=Language.choices, default=Language.ENGLISH
    )
    kind = models.CharField(_("kind"), max_length=20, choices=DocumentKind.choices)
    is_primary = models.BooleanField(
        _("primary source"),
        default=False,
        help_text=_(
            "Issued by a party to the facts (a government, an agency), not a report on them."
        ),
    )
    summary = models.TextField(_("summary (our words)"), blank=True)
    text = models.TextField(
        _("text"),
        blank=True,
        help_text=_(
            "The document's text as published, pasted or uploaded: searched, shown on its "
            "page, and where citations' quotes must be found."
        ),
    )
    content_hash = models.CharField(
        _("content hash (SHA-256)"), max_length=64, blank=True, editable=False
    )
    mentioned_agreements = models.ManyToManyField(
        "agreements.Agreement",
        related_name="mentioned_in",
        blank=True,
        verbose_name=_("agreements mentioned"),
    )
    mentioned_participants = models.ManyToManyField(
        "agreements.Participant",
        related_name="mentioned_in",
        blank=True,
        verbose_name=_("participants mentioned"),
    )
    mentioned_minerals = models.ManyToManyField(
        "agreements.Mineral",
        related_name="mentioned_in",
        blank=True,
        verbose_name=_("minerals mentioned"),
    )

    class Meta:
        ordering = ["-published_on", "title"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        constraints = [
            models.UniqueConstraint(
                fields=["url"],
                condition=~Q(url=""),
                name="document_url_unique",
                violation_error_message=_("A document with this URL is already tracked."),
            ),
            models.CheckConstraint(
                condition=Q(content_hash="") | Q(content_hash__regex=r"^[0-9a-f]{64}$"),
                name="document_content_hash_sha256",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("agreements:document-detail", kwargs={"slug": self.slug})

    def clean(self) -> None:
        # A new text must still hold every passage its citations quote.
        if not self.text or self.pk is None:
            return
        lost = [
            quote
            for quote in self.citations_made.exclude(quote="").values_list("quote", flat=True)
            if find_passage(self.text, quote) is None
        ]
        if lost:
            raise ValidationError(
                {
                    "text": _(
                        "This text no longer holds passages that citations quote: %(quotes)s. "
                        "Correct those citations first."
                    )
                    % {"quotes": "; ".join(f"“{quote}”" for quote in lost)}
                }
            )

    @property
    def address(self) -> str:
        """Where a reader can open it: the original, else the archived copy."""
        return self.url or self.archived_url


def find_passage(text: str, quote: str) -> re.Match | None:
    """Where `quote` stands in `text`, however the two break lines or space words."""
    words = quote.split()
    if not words:
        return None
    return re.search(r"\s+".join(map(re.escape, words)), text)

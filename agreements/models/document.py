"""Documents: the tracked sources every fact comes from."""

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
    url = models.URLField(_("URL"), max_length=1000, blank=True)
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
    text = models.TextField(_("text"), blank=True, help_text=_("Full text, for search."))
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

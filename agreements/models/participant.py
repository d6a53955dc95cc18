"""Participants: countries, blocs, bodies, organisations, companies and people."""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .alias import Alias
from .base import KBModel, Language


class ParticipantKind(models.TextChoices):
    COUNTRY = "country", _("Country")
    BLOC = "bloc", _("Bloc")
    GOVERNMENT_BODY = "government_body", _("Government body")
    INTERNATIONAL_ORG = "international_org", _("International organisation")
    COMPANY = "company", _("Company")
    PERSON = "person", _("Person")
    OTHER = "other", _("Other")


class ParticipantQuerySet(models.QuerySet):
    def with_parent(self):
        return self.select_related("parent")


class Participant(KBModel):
    """Anyone who takes part in an agreement: a country, a ministry, a minister…

    `parent` places a person in a body and a body in a country; aliases let documents
    in English and Spanish be matched to the same participant.
    """

    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=60, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=ParticipantKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    title = models.CharField(
        _("title or office"),
        max_length=200,
        blank=True,
        help_text=_("For a person: the office held, e.g. “U.S. Trade Representative”."),
    )
    country_code = models.CharField(
        _("country code"), max_length=2, blank=True, help_text=_("ISO 3166-1 alpha-2")
    )
    description = models.TextField(_("description"), blank=True)
    website = models.URLField(_("website"), blank=True)

    objects = ParticipantQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        constraints = [
            models.CheckConstraint(
                condition=~Q(parent=models.F("id")), name="participant_not_own_parent"
            ),
            models.CheckConstraint(
                condition=Q(country_code="") | Q(country_code__regex=r"^[A-Z]{2}$"),
                name="participant_country_code_iso2",
                violation_error_message=_("A country code is two capital letters (ISO 3166-1)."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("agreements:participant-detail", kwargs={"slug": self.slug})

    @property
    def display_name(self) -> str:
        return self.short_name or self.name


class ParticipantAlias(Alias):
    """Another name for a participant: a Spanish name, an acronym, a former name."""

    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(_("alias"), max_length=200)
    language = models.CharField(
        _("language"), max_length=5, choices=Language.choices, default=Language.ENGLISH
    )

    class Meta(Alias.Meta):
        verbose_name = _("participant alias")
        verbose_name_plural = _("participant aliases")
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "name"], name="participant_alias_unique"
            ),
        ]


class ParticipationRole(models.TextChoices):
    PARTY = "party", _("Party")
    LEAD = "lead", _("Lead")
    SIGNATORY = "signatory", _("Signatory")
    ANNOUNCER = "announcer", _("Announcer")
    CHAIR = "chair", _("Chair")
    HOST = "host", _("Host")
    PARTICIPANT = "participant", _("Participant")
    OBSERVER = "observer", _("Observer")
    ISSUER = "issuer", _("Issuer")


class Participation(KBModel):
    """A participant's role in an agreement (one row per role)."""

    participant = models.ForeignKey(
        Participant, on_delete=models.PROTECT, related_name="participations"
    )
    agreement = models.ForeignKey(
        "agreements.Agreement", on_delete=models.CASCADE, related_name="participations"
    )
    role = models.CharField(_("role"), max_length=20, choices=ParticipationRole.choices)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["agreement", "role", "participant__name"]
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "agreement", "role"],
                name="participation_unique_role",
                violation_error_message=_("This participant already has this role here."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.participant} — {self.get_role_display()} — {self.agreement}"

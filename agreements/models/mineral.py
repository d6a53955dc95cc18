"""Minerals, their aliases, and the official lists that name them."""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .alias import Alias
from .base import KBModel, Language


class MineralGroup(models.TextChoices):
    LIGHT_REE = "light_ree", _("Light rare earth")
    HEAVY_REE = "heavy_ree", _("Heavy rare earth")
    RARE_EARTHS = "rare_earths", _("Rare earths (group)")
    PLATINUM_GROUP = "platinum_group", _("Platinum group")
    BATTERY = "battery", _("Battery metal")
    BASE_METAL = "base_metal", _("Base metal")
    PRECIOUS_METAL = "precious_metal", _("Precious metal")
    MINOR_METAL = "minor_metal", _("Minor or specialty metal")
    INDUSTRIAL = "industrial", _("Industrial mineral")
    ENERGY = "energy", _("Energy mineral or fuel")
    MATERIAL = "material", _("Processed material")
    OTHER = "other", _("Other")


class Mineral(KBModel):
    """A mineral, element or material, under one canonical name with its aliases."""

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=100, unique=True)
    symbol = models.CharField(_("symbol"), max_length=4, blank=True)
    group = models.CharField(
        _("group"), max_length=20, choices=MineralGroup.choices, default=MineralGroup.OTHER
    )
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("mineral")
        verbose_name_plural = _("minerals")
        constraints = [
            models.CheckConstraint(
                condition=Q(symbol="") | Q(symbol__regex=r"^[A-Z][a-z]{0,2}$"),
                name="mineral_symbol_format",
                violation_error_message=_(
                    "A chemical symbol is a capital letter and up to two small ones."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("agreements:mineral-detail", kwargs={"slug": self.slug})


class MineralAlias(Alias):
    """Another spelling or name: aluminium/aluminio, fluorite, baryte…"""

    mineral = models.ForeignKey(Mineral, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(_("alias"), max_length=100)
    language = models.CharField(
        _("language"), max_length=5, choices=Language.choices, default=Language.ENGLISH
    )

    class Meta(Alias.Meta):
        verbose_name = _("mineral alias")
        verbose_name_plural = _("mineral aliases")
        constraints = [
            models.UniqueConstraint(fields=["mineral", "name"], name="mineral_alias_unique"),
        ]


class MineralListStage(models.TextChoices):
    DRAFT = "draft", _("Draft")
    FINAL = "final", _("Final")
    STATEMENT = "statement", _("Statement (not a legal list)")
    REPORTED = "reported", _("As reported")


class MineralListQuerySet(models.QuerySet):
    def with_counts(self):
        return self.select_related("issuer", "previous_edition").annotate(
            entry_count=models.Count("entries", distinct=True)
        )


class MineralList(KBModel):
    """An issuer's list of minerals in one edition (USGS 2025, EU CRMA Annex I…)."""

    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    name = models.CharField(_("name"), max_length=200)
    issuer = models.ForeignKey(
        "agreements.Participant", on_delete=models.PROTECT, related_name="mineral_lists"
    )
    edition = models.PositiveSmallIntegerField(_("edition (year)"))
    stage = models.CharField(
        _("stage"),
        max_length=20,
        choices=MineralListStage.choices,
        default=MineralListStage.FINAL,
    )
    published_on = models.DateField(_("published on"), null=True, blank=True)
    legal_reference = models.CharField(_("legal reference"), max_length=200, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    agreement = models.ForeignKey(
        "agreements.Agreement",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="mineral_lists",
        help_text=_("The agreement this list belongs to, if any."),
    )
    previous_edition = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="next_editions"
    )
    minerals = models.ManyToManyField(
        Mineral, through="MineralListEntry", related_name="mineral_lists"
    )

    objects = MineralListQuerySet.as_manager()

    class Meta:
        ordering = ["-edition", "name"]
        verbose_name = _("mineral list")
        verbose_name_plural = _("mineral lists")
        constraints = [
            models.CheckConstraint(
                condition=Q(edition__gte=1900) & Q(edition__lte=2200),
                name="mineral_list_edition_year",
                violation_error_message=_("The edition is a year."),
            ),
            models.CheckConstraint(
                condition=~Q(previous_edition=models.F("id")),
                name="mineral_list_not_own_previous",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("agreements:mineral-list-detail", kwargs={"slug": self.slug})


class EntryCategory(models.TextChoices):
    CRITICAL = "critical", _("Critical")
    STRATEGIC = "strategic", _("Strategic")
    ENERGY_CRITICAL = "energy_critical", _("Critical for energy")
    MUTUAL_INTEREST = "mutual_interest", _("Of mutual interest")
    SCARCE = "scarce", _("Scarce or absent")
    PRODUCED = "produced", _("Produced or held")
    NAMED = "named", _("Named")


class EntryChange(models.TextChoices):
    ADDED = "added", _("Added")
    RETAINED = "retained", _("Retained")
    FIRST_EDITION = "first_edition", _("First edition")
    UNKNOWN = "unknown", _("Unknown")


class MineralListEntry(KBModel):
    """One mineral on one list, with its category and change against the prior edition."""

    mineral_list = models.ForeignKey(MineralList, on_delete=models.CASCADE, related_name="entries")
    mineral = models.ForeignKey(Mineral, on_delete=models.PROTECT, related_name="list_entries")
    name_as_listed = models.CharField(
        _("name as listed"),
        max_length=200,
        blank=True,
        help_text=_("The wording the list uses, e.g. “Lithium (battery grade)”."),
    )
    category = models.CharField(
        _("category"),
        max_length=20,
        choices=EntryCategory.choices,
        default=EntryCategory.CRITICAL,
    )
    change = models.CharField(
        _("change against the prior edition"),
        max_length=20,
        choices=EntryChange.choices,
        default=EntryChange.UNKNOWN,
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["mineral_list", "mineral__name"]
        verbose_name = _("mineral list entry")
        verbose_name_plural = _("mineral list entries")
        constraints = [
            models.UniqueConstraint(
                fields=["mineral_list", "mineral", "category"],
                name="mineral_list_entry_unique",
                violation_error_message=_("This mineral is already on this list in this category."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.mineral} ({self.get_category_display()}) — {self.mineral_list}"

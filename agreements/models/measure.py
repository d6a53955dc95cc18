"""Measures: what an agreement does or explores, and the minerals it covers."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .base import KBModel


class MeasureKind(models.TextChoices):
    PRICE_FLOOR = "price_floor", _("Price floor or reference price")
    TARIFF = "tariff", _("Tariff")
    STOCKPILING = "stockpiling", _("Stockpiling")
    STANDARDS = "standards", _("Regulatory or technical standards")
    TECHNICAL_COOPERATION = "technical_cooperation", _("Technical and regulatory cooperation")
    INVESTMENT = "investment", _("Investment promotion or screening")
    PROJECT_FINANCE = "project_finance", _("Project finance")
    GEOLOGICAL_MAPPING = "geological_mapping", _("Geological mapping")
    RAPID_RESPONSE = "rapid_response", _("Rapid response to disruptions")
    RESEARCH = "research", _("Research and development")
    MINERAL_SELECTION = "mineral_selection", _("Selection of minerals")
    TRADE_AGREEMENT = "trade_agreement", _("Trade agreement negotiation")
    OFFTAKE = "offtake", _("Offtake")
    EXPORT_RESTRICTION = "export_restriction", _("Export restriction")
    OTHER = "other", _("Other")


class MeasureStage(models.TextChoices):
    COMMITTED = "committed", _("Committed")
    TO_EXPLORE = "to_explore", _("To be explored")
    PROPOSED = "proposed", _("Proposed")
    IN_EFFECT = "in_effect", _("In effect")
    UNKNOWN = "unknown", _("Unknown")


class Measure(KBModel):
    """Something an agreement does or explores: a price floor, stockpiling, mapping…"""

    agreement = models.ForeignKey(
        "agreements.Agreement", on_delete=models.CASCADE, related_name="measures"
    )
    kind = models.CharField(_("kind"), max_length=30, choices=MeasureKind.choices)
    stage = models.CharField(
        _("stage"), max_length=20, choices=MeasureStage.choices, default=MeasureStage.UNKNOWN
    )
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    minerals = models.ManyToManyField(
        "agreements.Mineral", related_name="measures", blank=True, verbose_name=_("minerals")
    )
    price_floor_amount = models.DecimalField(
        _("price floor"), max_digits=14, decimal_places=4, null=True, blank=True
    )
    price_floor_currency = models.CharField(
        _("currency"), max_length=3, blank=True, help_text=_("ISO 4217, e.g. USD")
    )
    price_floor_unit = models.CharField(
        _("unit"), max_length=40, blank=True, help_text=_("e.g. tonne, kg, lb")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["agreement", "position", "id"]
        verbose_name = _("measure")
        verbose_name_plural = _("measures")
        constraints = [
            models.CheckConstraint(
                condition=Q(price_floor_amount__isnull=True) | Q(kind="price_floor"),
                name="measure_amount_only_for_price_floor",
                violation_error_message=_("Only a price-floor measure has a price floor."),
            ),
            models.CheckConstraint(
                condition=Q(price_floor_amount__isnull=True) | Q(price_floor_amount__gt=0),
                name="measure_price_floor_positive",
                violation_error_message=_("A price floor is greater than zero."),
            ),
            models.CheckConstraint(
                condition=(
                    Q(price_floor_amount__isnull=True)
                    | (Q(price_floor_currency__regex=r"^[A-Z]{3}$") & ~Q(price_floor_unit=""))
                ),
                name="measure_price_floor_has_currency_and_unit",
                violation_error_message=_(
                    "A price floor needs a currency (three capital letters) and a unit."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.title

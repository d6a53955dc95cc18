"""The query and its filters as the page, the feeds and the API take them."""

from __future__ import annotations

from dataclasses import dataclass, field

from django import forms
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from agreements import models as m
from agreements.models import SearchEntry, SearchKind
from agreements.search.query import MAX_QUERY_LENGTH
from agreements.search.text import uses_postgres


class SearchForm(forms.Form):
    """The query and its filters, shared by the page and the API."""

    q = forms.CharField(label=_("Search for"), max_length=MAX_QUERY_LENGTH, required=False)
    kind = forms.ChoiceField(
        label=_("Type"), choices=[("", _("Any"))] + SearchKind.choices, required=False
    )
    year = forms.IntegerField(label=_("Year"), min_value=1900, max_value=2200, required=False)
    language = forms.ChoiceField(
        label=_("Language"), choices=[("", _("Any"))] + m.Language.choices, required=False
    )
    participant = forms.SlugField(label=_("Participant"), max_length=120, required=False)
    mineral = forms.SlugField(label=_("Mineral"), max_length=80, required=False)

    def clean_participant(self) -> str:
        return self._known_slug("participant", m.Participant, _("No participant has this slug."))

    def clean_mineral(self) -> str:
        return self._known_slug("mineral", m.Mineral, _("No mineral has this slug."))

    def _known_slug(self, name, model, message) -> str:
        slug = self.cleaned_data[name]
        if slug:
            pk = model.objects.filter(slug=slug).values_list("pk", flat=True).first()
            if pk is None:
                raise forms.ValidationError(message, code="unknown")
            self.cleaned_data[f"{name}_id"] = pk
        return slug

    def filters(self) -> SearchFilters:
        data = self.cleaned_data
        return SearchFilters(
            kind=data.get("kind") or None,
            year=data.get("year"),
            language=data.get("language") or None,
            participant=data.get("participant") or None,
            mineral=data.get("mineral") or None,
            participant_id=data.get("participant_id"),
            mineral_id=data.get("mineral_id"),
        )


@dataclass(frozen=True)
class SearchFilters:
    kind: str | None = None
    year: int | None = None
    language: str | None = None
    participant: str | None = None
    mineral: str | None = None
    # The ids of `participant` and `mineral` when the caller has them (the form looks them
    # up as it checks the slugs); otherwise `as_q` looks them up, one query each.
    participant_id: int | None = field(default=None, compare=False, repr=False)
    mineral_id: int | None = field(default=None, compare=False, repr=False)

    def as_q(self) -> Q:
        condition = Q()
        if self.kind:
            condition &= Q(kind=self.kind)
        if self.year:
            condition &= Q(year=self.year)
        if self.language:
            condition &= Q(language=self.language)
        if self.participant:
            condition &= _linked(
                "participant", m.Participant, self.participant, self.participant_id
            )
        if self.mineral:
            condition &= _linked("mineral", m.Mineral, self.mineral, self.mineral_id)
        return condition


def _linked(name: str, model: type[models.Model], slug: str, pk: int | None) -> Q:
    """Entries linked to the record with `slug`, its id a constant the planner can weigh.

    PostgreSQL reads the link in the row (`mineral_ids @> ARRAY[5]`, GIN-indexed); SQLite
    probes the link table's unique index once per entry (EXISTS, not a join, so the
    condition stays on the entries' table)."""
    if pk is None:
        pk = model.objects.filter(slug=slug).values_list("pk", flat=True).first()
    if pk is None:  # no such record: nothing is linked to it
        return Q(pk__isnull=True)
    if uses_postgres():
        return Q(**{f"{name}_ids__contains": [pk]})
    link = getattr(SearchEntry, f"{name}s").through
    return Q(Exists(link.objects.filter(searchentry_id=OuterRef("pk"), **{f"{name}_id": pk})))

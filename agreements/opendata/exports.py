"""Downloads of the public lists as CSV and JSON, selected by the page's own filters.

Each list is validated by the FilterSet (or form) its page uses, so a download link that
carries the page's filters selects exactly the page's rows, all pages at once. The link
keeps only the parameters the list accepts (`ListExport.link_query`): a page reached by a
shared link may carry others (`fbclid`, `utm_…`) that the page ignores. Asked directly, a
download refuses a bad or unknown parameter with `InvalidParameters` (a 400 naming the
field), so a typo never silently selects everything. Rows are streamed:
read `CHUNK_SIZE` at a time with `.iterator()`, each chunk's prefetches run once, so the
queries per chunk and the memory held stay the same however many rows there are.

Each list's columns are in `columns.py`; `writers.py` writes the rows as CSV or JSON.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from django.db import models
from django.db.models import Prefetch
from django.http import QueryDict
from django.utils.functional import Promise
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from agreements import filtersets, forms
from agreements import models as m
from agreements.opendata.columns import (
    AGREEMENT_COLUMNS,
    DOCUMENT_COLUMNS,
    EVENT_COLUMNS,
    MILESTONE_COLUMNS,
    MINERAL_COLUMNS,
    MINERAL_LIST_COLUMNS,
    PARTICIPANT_COLUMNS,
    TIMELINE_COLUMNS,
    Column,
)
from agreements.selectors.dated import DatedItem, TimelineFilters, iter_dated_items
from agreements.selectors.records import (
    MILESTONE_LIST_ORDER,
    agreement_list_queryset,
    document_list_queryset,
    event_list_queryset,
    milestone_list_queryset,
    mineral_list_list_queryset,
    mineral_list_queryset,
    participant_list_queryset,
)

# Rows per database read. Under SQLite's 999 parameters, so each prefetch of a chunk is
# one query.
CHUNK_SIZE = 500
# Parameters the list pages put in their own links, which a download ignores.
IGNORED_PARAMETERS = frozenset({"page"})


class InvalidParameters(Exception):
    """Parameters that select nothing: `errors` maps each parameter to its messages."""

    def __init__(self, errors: dict[str, list[str]]):
        super().__init__(errors)
        self.errors = errors


# --- Selecting rows --------------------------------------------------------------------


def form_errors(form) -> dict[str, list[str]]:
    # The API's shape: {"field": ["message"], "non_field_errors": [...]}.
    return {
        "non_field_errors" if name == "__all__" else name: [error["message"] for error in errors]
        for name, errors in form.errors.get_json_data().items()
    }


def refuse_unknown(params: QueryDict, known: Iterable[str]) -> None:
    """A typo must not silently select everything: an unknown parameter is an error."""
    unknown = sorted(set(params) - set(known) - IGNORED_PARAMETERS)
    if unknown:
        raise InvalidParameters({name: [str(_("Unknown parameter."))] for name in unknown})


@dataclass(frozen=True)
class Selection:
    """How a list's rows are chosen: the parameters it accepts, and the rows they select
    (not yet read; `InvalidParameters` before any is)."""

    parameters: frozenset[str]
    rows: Callable[[QueryDict], Iterator]


def _filtered(
    filterset_class: type[filtersets.KBFilterSet],
    queryset: Callable[[], models.QuerySet],
    *,
    order: tuple = (),
) -> Selection:
    # The filters and the ordering, if any: a FilterSet's parameters are its filters' names.
    parameters = frozenset(filterset_class.base_filters) - filtersets.API_ONLY_FILTERS

    def select(params: QueryDict) -> Iterator:
        refuse_unknown(params, parameters)
        filterset = filterset_class(params, queryset=queryset())
        if not filterset.is_valid():
            raise InvalidParameters(form_errors(filterset.form))
        rows = filterset.qs
        if order and not params.get("ordering"):
            rows = rows.order_by(*order)
        return rows.iterator(chunk_size=CHUNK_SIZE)

    return Selection(parameters, select)


def _timeline(params: QueryDict) -> Iterator[DatedItem]:
    form = forms.TimelineFilterForm(params)
    refuse_unknown(params, form.fields)
    if not form.is_valid():
        raise InvalidParameters(form_errors(form))
    return iter_dated_items(TimelineFilters.from_form(form.cleaned_data), chunk_size=CHUNK_SIZE)


def _slugs_only(model: type[models.Model], *names: str) -> models.QuerySet:
    # Linked records need only what the columns show (a document's text is large).
    return model.objects.only("pk", "slug", *names)


@dataclass(frozen=True)
class ListExport:
    """One public list as a download: its columns and how its rows are selected."""

    name: str  # in the URL and the file name
    title: str | Promise
    page: str  # the list page's URL name
    columns: tuple[Column, ...]
    selection: Selection

    def rows(self, params: QueryDict) -> Iterator:
        """The rows the parameters select, not yet read; `InvalidParameters` before any is."""
        return self.selection.rows(params)

    def link_query(self, params: QueryDict) -> str:
        """The query string of the download links on a page asked with `params`: the
        filters and ordering this list accepts, each set to something. Whatever else the
        page was asked with (its page number, a tracking parameter) is left out, so the
        link selects the page's rows instead of being refused."""
        kept = [
            (name, value)
            for name, values in params.lists()
            if name in self.selection.parameters
            for value in values
            if value  # a filter left at "Any"
        ]
        return f"?{urlencode(kept)}" if kept else ""


EXPORTS = {
    export.name: export
    for export in (
        ListExport(
            "agreements",
            _("Agreements"),
            "agreements:agreements",
            AGREEMENT_COLUMNS,
            _filtered(filtersets.AgreementFilterSet, agreement_list_queryset),
        ),
        ListExport(
            "timeline",
            _("Timeline"),
            "agreements:timeline",
            TIMELINE_COLUMNS,
            Selection(frozenset(forms.TimelineFilterForm.base_fields), _timeline),
        ),
        ListExport(
            "milestones",
            _("Milestones"),
            "agreements:milestones",
            MILESTONE_COLUMNS,
            _filtered(
                filtersets.MilestoneFilterSet,
                lambda: milestone_list_queryset().prefetch_related(
                    Prefetch("evidence", queryset=_slugs_only(m.Document))
                ),
                order=MILESTONE_LIST_ORDER,
            ),
        ),
        ListExport(
            "participants",
            _("Participants"),
            "agreements:participants",
            PARTICIPANT_COLUMNS,
            _filtered(
                filtersets.ParticipantFilterSet,
                lambda: participant_list_queryset().prefetch_related("aliases"),
            ),
        ),
        ListExport(
            "minerals",
            _("Minerals"),
            "agreements:minerals",
            MINERAL_COLUMNS,
            _filtered(
                filtersets.MineralFilterSet,
                lambda: mineral_list_queryset().prefetch_related(
                    Prefetch("mineral_lists", queryset=_slugs_only(m.MineralList))
                ),
            ),
        ),
        ListExport(
            "mineral-lists",
            _("Mineral lists"),
            "agreements:mineral-lists",
            MINERAL_LIST_COLUMNS,
            _filtered(
                filtersets.MineralListFilterSet,
                lambda: (
                    mineral_list_list_queryset()
                    .select_related("agreement")
                    .prefetch_related(
                        Prefetch(
                            "entries",
                            queryset=m.MineralListEntry.objects.select_related("mineral").order_by(
                                "mineral__name", "category"
                            ),
                        )
                    )
                ),
            ),
        ),
        ListExport(
            "documents",
            _("Documents"),
            "agreements:documents",
            DOCUMENT_COLUMNS,
            _filtered(
                filtersets.DocumentFilterSet,
                lambda: (
                    document_list_queryset()
                    .defer("text")
                    .prefetch_related(
                        Prefetch(
                            "mentioned_agreements", queryset=_slugs_only(m.Agreement, "title")
                        ),
                        Prefetch(
                            "mentioned_participants", queryset=_slugs_only(m.Participant, "name")
                        ),
                        Prefetch("mentioned_minerals", queryset=_slugs_only(m.Mineral, "name")),
                    )
                ),
            ),
        ),
        ListExport(
            "events",
            _("Events"),
            "agreements:events",
            EVENT_COLUMNS,
            _filtered(filtersets.EventFilterSet, event_list_queryset),
        ),
    )
}

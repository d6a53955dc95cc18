"""The API's resources: each declares its records, representation and filters only.

Everything else (conditional reads, If-Match, writes through the services, strict
parameters, CSV) lives in `KBViewSet`.
"""

from agreements import filtersets as f
from agreements import models as m

from .serializers import records as s
from .viewsets import KBViewSet


class AgreementViewSet(KBViewSet):
    """Agreements: any instrument, from a joint statement to a treaty, with its window."""

    queryset = m.Agreement.objects.all()
    serializer_class = s.AgreementSerializer
    filterset_class = f.AgreementFilterSet
    search_fields = ("title", "short_title", "summary")


class ParticipantViewSet(KBViewSet):
    """Countries, blocs, government bodies, organisations, companies and people."""

    queryset = m.Participant.objects.all()
    serializer_class = s.ParticipantSerializer
    filterset_class = f.ParticipantFilterSet
    search_fields = ("name", "short_name", "aliases__name")
    ordering_fields = ("name", "updated_at")


class ParticipationViewSet(KBViewSet):
    """A participant's role in an agreement."""

    queryset = m.Participation.objects.all()
    serializer_class = s.ParticipationSerializer
    filterset_class = f.ParticipationFilterSet
    lookup_field = "pk"


class MilestoneViewSet(KBViewSet):
    """Commitments and deadlines, with their due date and state as of today."""

    queryset = m.Milestone.objects.all()
    serializer_class = s.MilestoneSerializer
    filterset_class = f.MilestoneFilterSet
    search_fields = ("title", "description", "outcome")
    lookup_field = "pk"


class EventViewSet(KBViewSet):
    """Dated happenings that are not commitments: ministerials, summits, meetings."""

    queryset = m.Event.objects.all()
    serializer_class = s.EventSerializer
    filterset_class = f.EventFilterSet
    search_fields = ("title", "summary", "location")
    ordering_fields = ("starts_on", "title", "updated_at")


class MeasureViewSet(KBViewSet):
    """What agreements do or explore, and the minerals each measure covers."""

    queryset = m.Measure.objects.all()
    serializer_class = s.MeasureSerializer
    filterset_class = f.MeasureFilterSet
    search_fields = ("title", "description")
    ordering_fields = ("position", "title", "updated_at")
    lookup_field = "pk"


class MineralViewSet(KBViewSet):
    """Minerals, elements and materials, with their aliases."""

    queryset = m.Mineral.objects.all()
    serializer_class = s.MineralSerializer
    filterset_class = f.MineralFilterSet
    search_fields = ("name", "symbol", "aliases__name")
    ordering_fields = ("name", "updated_at")


class MineralListViewSet(KBViewSet):
    """Official lists of critical minerals, each edition with its entries."""

    queryset = m.MineralList.objects.all()
    serializer_class = s.MineralListSerializer
    filterset_class = f.MineralListFilterSet
    search_fields = ("name", "legal_reference")
    ordering_fields = ("edition", "name", "updated_at")


class DocumentViewSet(KBViewSet):
    """The tracked sources every fact comes from."""

    queryset = m.Document.objects.all()
    serializer_class = s.DocumentSerializer
    filterset_class = f.DocumentFilterSet
    search_fields = ("title", "summary", "publisher")


class CitationViewSet(KBViewSet):
    """Which document states which fact (a record, or one field of it)."""

    queryset = m.Citation.objects.all()
    serializer_class = s.CitationSerializer
    filterset_class = f.CitationFilterSet
    search_fields = ("locator", "stated_value", "note")
    lookup_field = "pk"


# The viewset of each record type the API serves (record_types.in_api()), by kind.
VIEWSETS: dict[str, type[KBViewSet]] = {
    "agreement": AgreementViewSet,
    "participant": ParticipantViewSet,
    "participation": ParticipationViewSet,
    "milestone": MilestoneViewSet,
    "event": EventViewSet,
    "measure": MeasureViewSet,
    "mineral": MineralViewSet,
    "mineral-list": MineralListViewSet,
    "document": DocumentViewSet,
    "citation": CitationViewSet,
}

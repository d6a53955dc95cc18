"""Helpers shared by the API test modules (their fixtures are in the conftest files).

Modules mark themselves with `pytest.mark.usefixtures("api_test_settings")`. It holds
no tests of its own.
"""

from django.apps import apps
from django.contrib.auth.models import Permission
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from agreements import models as m
from tests import factories


def token_client(user) -> APIClient:
    client = APIClient()
    token, _created = Token.objects.get_or_create(user=user)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


def user_with_perms(username: str, model, actions=("add", "change", "delete")):
    user = factories.UserFactory(username=username)
    codenames = [f"{action}_{model._meta.model_name}" for action in actions]
    user.user_permissions.add(*Permission.objects.filter(codename__in=codenames))
    return user


def database_state() -> dict[str, tuple]:
    """Every knowledge-base table's rows (ids and update times), to prove nothing changed."""
    state = {}
    for model in apps.get_app_config("agreements").get_models():
        state[model._meta.label] = tuple(model._default_manager.order_by("pk").values_list())
    return state


def new_slug(prefix: str = "new") -> str:
    new_slug.counter += 1
    return f"{prefix}-{new_slug.counter}"


new_slug.counter = 0


# Every resource: its model, how to make an existing record, a valid body for POST/PUT
# (creating what it refers to), and a small PATCH.
RESOURCES = {
    "agreement": (
        m.Agreement,
        factories.AgreementFactory,
        lambda: {"slug": new_slug(), "title": "New agreement", "kind": "action_plan"},
        {"title": "Patched"},
    ),
    "participant": (
        m.Participant,
        factories.ParticipantFactory,
        lambda: {"slug": new_slug(), "name": "New participant", "kind": "country"},
        {"name": "Patched"},
    ),
    "participation": (
        m.Participation,
        factories.ParticipationFactory,
        lambda: {
            "agreement": factories.AgreementFactory().slug,
            "participant": factories.ParticipantFactory().slug,
            "role": "party",
        },
        {"note": "Patched"},
    ),
    "milestone": (
        m.Milestone,
        factories.MilestoneFactory,
        lambda: {
            "agreement": factories.WindowedAgreementFactory().slug,
            "title": "New milestone",
            "due_on": None,
            "due_day": 10,
        },
        {"title": "Patched"},
    ),
    "event": (
        m.Event,
        factories.EventFactory,
        lambda: {
            "slug": new_slug(),
            "title": "New event",
            "kind": "meeting",
            "starts_on": "2026-02-04",
        },
        {"title": "Patched"},
    ),
    "measure": (
        m.Measure,
        factories.MeasureFactory,
        lambda: {
            "agreement": factories.AgreementFactory().slug,
            "kind": "stockpiling",
            "title": "New measure",
        },
        {"title": "Patched"},
    ),
    "mineral": (
        m.Mineral,
        factories.MineralFactory,
        lambda: {"slug": new_slug(), "name": new_slug("New mineral")},
        {"description": "Patched"},
    ),
    "mineral-list": (
        m.MineralList,
        factories.MineralListFactory,
        lambda: {
            "slug": new_slug(),
            "name": "New list",
            "issuer": factories.ParticipantFactory().slug,
            "edition": 2025,
        },
        {"name": "Patched"},
    ),
    "document": (
        m.Document,
        factories.DocumentFactory,
        lambda: {"slug": new_slug(), "title": "New document", "kind": "news_report"},
        {"title": "Patched"},
    ),
    "citation": (
        m.Citation,
        factories.CitationFactory,
        lambda: {
            "subject_type": "agreement",
            "subject_id": factories.AgreementFactory().pk,
            "document": factories.DocumentFactory().slug,
        },
        {"note": "Patched"},
    ),
}


def detail_url(resource: str, record) -> str:
    lookup = getattr(record, "slug", None) or record.pk
    return f"/api/v1/{LIST_PATHS[resource]}/{lookup}/"


LIST_PATHS = {
    "agreement": "agreements",
    "participant": "participants",
    "participation": "participations",
    "milestone": "milestones",
    "event": "events",
    "measure": "measures",
    "mineral": "minerals",
    "mineral-list": "mineral-lists",
    "document": "documents",
    "citation": "citations",
}


# One new record of each resource, with what its list shows (links, citations), for the
# query budgets.
def _cite(record):
    factories.CitationFactory(subject_record=record)


def agreement_row():
    agreement = factories.WindowedAgreementFactory()
    factories.ParticipationFactory.create_batch(2, agreement=agreement)
    factories.AgreementLinkFactory(source=agreement)
    factories.MilestoneFactory(agreement=agreement)
    factories.MeasureFactory(agreement=agreement)
    _cite(agreement)
    return agreement


def participant_row():
    participant = factories.ParticipantFactory(parent=factories.ParticipantFactory())
    factories.ParticipantAliasFactory(participant=participant)
    _cite(participant)
    return participant


def participation_row():
    participation = factories.ParticipationFactory()
    _cite(participation)
    return participation


def milestone_row():
    milestone = factories.MilestoneFactory(due_on=None, due_day=5)
    milestone.responsible.add(factories.ParticipantFactory())
    milestone.evidence.add(factories.DocumentFactory())
    _cite(milestone)
    return milestone


def event_row():
    event = factories.EventFactory()
    event.participants.add(factories.ParticipantFactory())
    event.agreements.add(factories.AgreementFactory())
    _cite(event)
    return event


def measure_row():
    measure = factories.MeasureFactory()
    measure.minerals.add(factories.MineralFactory())
    _cite(measure)
    return measure


def mineral_row():
    mineral = factories.MineralFactory()
    factories.MineralAliasFactory(mineral=mineral)
    _cite(mineral)
    return mineral


def mineral_list_row():
    mineral_list = factories.MineralListFactory(agreement=factories.AgreementFactory())
    factories.MineralListEntryFactory.create_batch(2, mineral_list=mineral_list)
    _cite(mineral_list)
    return mineral_list


def document_row():
    document = factories.DocumentFactory()
    document.mentioned_agreements.add(factories.AgreementFactory())
    document.mentioned_participants.add(factories.ParticipantFactory())
    document.mentioned_minerals.add(factories.MineralFactory())
    _cite(document)
    return document


def citation_row():
    return factories.CitationFactory()


ROWS = {
    "agreement": agreement_row,
    "participant": participant_row,
    "participation": participation_row,
    "milestone": milestone_row,
    "event": event_row,
    "measure": measure_row,
    "mineral": mineral_row,
    "mineral-list": mineral_list_row,
    "document": document_row,
    "citation": citation_row,
}

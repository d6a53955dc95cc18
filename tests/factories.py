"""factory_boy factories for every model of the knowledge base."""

import datetime as dt

import factory
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType

from agreements import models as m


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.org")
    password = factory.django.Password("correct horse battery staple")


class StaffFactory(UserFactory):
    is_staff = True
    is_superuser = True


class ParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.Participant

    name = factory.Sequence(lambda n: f"Participant {n}")
    slug = factory.Sequence(lambda n: f"participant-{n}")
    kind = m.ParticipantKind.COUNTRY


class AgreementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.Agreement

    title = factory.Sequence(lambda n: f"Agreement {n}")
    slug = factory.Sequence(lambda n: f"agreement-{n}")
    kind = m.AgreementKind.ACTION_PLAN
    status = m.AgreementStatus.ANNOUNCED
    announced_on = dt.date(2026, 2, 4)


class WindowedAgreementFactory(AgreementFactory):
    window_start = dt.date(2026, 2, 4)
    window_days = 60


class ParticipationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.Participation

    participant = factory.SubFactory(ParticipantFactory)
    agreement = factory.SubFactory(AgreementFactory)
    role = m.ParticipationRole.PARTY


class AgreementLinkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.AgreementLink

    source = factory.SubFactory(AgreementFactory)
    target = factory.SubFactory(AgreementFactory)
    kind = m.AgreementLinkKind.LEADS_TO


class DocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.Document

    title = factory.Sequence(lambda n: f"Document {n}")
    slug = factory.Sequence(lambda n: f"document-{n}")
    url = factory.Sequence(lambda n: f"https://example.org/doc/{n}")
    publisher = "Example Publisher"
    published_on = dt.date(2026, 2, 4)
    kind = m.DocumentKind.NEWS_REPORT


class MilestoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.Milestone

    agreement = factory.SubFactory(WindowedAgreementFactory)
    title = factory.Sequence(lambda n: f"Milestone {n}")
    due_on = dt.date(2026, 3, 19)


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.Event

    title = factory.Sequence(lambda n: f"Event {n}")
    slug = factory.Sequence(lambda n: f"event-{n}")
    kind = m.EventKind.MEETING
    starts_on = dt.date(2026, 2, 4)


class MineralFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.Mineral

    name = factory.Sequence(lambda n: f"Mineral {n}")
    slug = factory.Sequence(lambda n: f"mineral-{n}")
    group = m.MineralGroup.OTHER


class MineralAliasFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.MineralAlias

    mineral = factory.SubFactory(MineralFactory)
    name = factory.Sequence(lambda n: f"Alias {n}")


class ParticipantAliasFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.ParticipantAlias

    participant = factory.SubFactory(ParticipantFactory)
    name = factory.Sequence(lambda n: f"Alias {n}")


class MeasureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.Measure

    agreement = factory.SubFactory(AgreementFactory)
    kind = m.MeasureKind.STOCKPILING
    title = factory.Sequence(lambda n: f"Measure {n}")


class MineralListFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.MineralList

    name = factory.Sequence(lambda n: f"Mineral list {n}")
    slug = factory.Sequence(lambda n: f"mineral-list-{n}")
    issuer = factory.SubFactory(ParticipantFactory, kind=m.ParticipantKind.GOVERNMENT_BODY)
    edition = 2025


class MineralListEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.MineralListEntry

    mineral_list = factory.SubFactory(MineralListFactory)
    mineral = factory.SubFactory(MineralFactory)


class CitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.Citation
        exclude = ["subject_record"]

    subject_record = factory.SubFactory(AgreementFactory)
    content_type = factory.LazyAttribute(
        lambda o: ContentType.objects.get_for_model(o.subject_record)
    )
    object_id = factory.LazyAttribute(lambda o: o.subject_record.pk)
    document = factory.SubFactory(DocumentFactory)

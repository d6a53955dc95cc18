"""A volume of synthetic records, for benchmarks (never for the real site).

Records are slugged `vol-…` and written with simple-history's bulk helper, so their
history exists as for any other write (PostgreSQL or SQLite ≥ 3.35, which return the
ids of bulk inserts).
"""

import datetime as dt
import random

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from simple_history.utils import bulk_create_with_history
from tqdm import tqdm

from agreements import models as m

PREFIX = "vol"
KINDS = [kind for kind, _label in m.AgreementKind.choices]
DOC_KINDS = [kind for kind, _label in m.DocumentKind.choices]


def _batched(items, size):
    for start in range(0, len(items), size):
        yield items[start : start + size]


def counts() -> tuple[int, int]:
    """How many generated agreements and documents the database holds."""
    existing = m.Agreement.objects.filter(slug__startswith=f"{PREFIX}-").count()
    documents = m.Document.objects.filter(slug__startswith=f"{PREFIX}-").count()
    return existing, documents


def delete() -> None:
    """Delete the generated records."""
    m.Citation.objects.filter(document__slug__startswith=f"{PREFIX}-").delete()
    m.Document.objects.filter(slug__startswith=f"{PREFIX}-").delete()
    m.Agreement.objects.filter(slug__startswith=f"{PREFIX}-").delete()
    m.Participant.objects.filter(slug__startswith=f"{PREFIX}-").delete()
    m.Mineral.objects.filter(slug__startswith=f"{PREFIX}-").delete()


class Volume:
    """Writes a volume from one seed, `batch_size` rows at a time, with progress bars
    on `progress` (a stream)."""

    def __init__(self, *, seed: int, batch_size: int, progress):
        self.rng = random.Random(seed)
        self.batch = batch_size
        self.progress = progress

    def generate(self, *, agreements: int, documents: int, participants: int, minerals: int):
        """Participants, minerals, agreements (with participations, milestones and a
        measure each), documents mentioning them, and a citation per agreement."""
        with transaction.atomic():
            participants = self._create(
                m.Participant,
                [
                    m.Participant(
                        slug=f"{PREFIX}-participant-{i}",
                        name=f"Volume participant {i}",
                        kind=m.ParticipantKind.COUNTRY,
                    )
                    for i in range(participants)
                ],
            )
            minerals = self._create(
                m.Mineral,
                [
                    m.Mineral(slug=f"{PREFIX}-mineral-{i}", name=f"Volume mineral {i}")
                    for i in range(minerals)
                ],
            )
            agreements = self._create(m.Agreement, self._agreements(agreements))
            self._create(
                m.Participation,
                [
                    m.Participation(agreement=agreement, participant=participant, role=role)
                    for agreement in agreements
                    for participant, role in zip(
                        self.rng.sample(participants, 2), ("lead", "party"), strict=True
                    )
                ],
            )
            self._create(
                m.Milestone,
                [
                    m.Milestone(agreement=agreement, title=f"Milestone {n}", due_day=n * 20)
                    for agreement in agreements
                    for n in (1, 2, 3)
                ],
            )
            self._create(
                m.Measure,
                [
                    m.Measure(agreement=agreement, kind="stockpiling", title="Stockpiling")
                    for agreement in agreements
                ],
            )
            documents = self._create(m.Document, self._documents(documents))
            self._mentions(documents, agreements, participants, minerals)
            self._create(
                m.Citation,
                [
                    m.Citation(
                        content_type_id=self._content_type(m.Agreement),
                        object_id=agreement.pk,
                        document=self.rng.choice(documents),
                        locator="para. 1",
                    )
                    for agreement in agreements
                ],
            )

    def _agreements(self, count):
        start = dt.date(2024, 1, 1)
        for i in range(count):
            announced = start + dt.timedelta(days=i % 900)
            yield m.Agreement(
                slug=f"{PREFIX}-agreement-{i}",
                title=f"Volume agreement {i} on critical minerals",
                kind=KINDS[i % len(KINDS)],
                summary="A synthetic agreement for benchmarks. " * 4,
                announced_on=announced,
                window_start=announced,
                window_days=60,
            )

    def _documents(self, count):
        start = dt.date(2020, 1, 1)
        for i in range(count):
            yield m.Document(
                slug=f"{PREFIX}-document-{i}",
                title=f"Volume document {i}",
                url=f"https://example.org/volume/{i}",
                publisher="Volume Press",
                published_on=start + dt.timedelta(days=i % 2500),
                kind=DOC_KINDS[i % len(DOC_KINDS)],
                summary="A synthetic source. " * 10,
            )

    def _create(self, model, records):
        records = list(records)
        created = []
        label = model._meta.verbose_name_plural
        with tqdm(total=len(records), desc=str(label), unit="rows", file=self.progress) as bar:
            for chunk in _batched(records, self.batch):
                created += bulk_create_with_history(chunk, model, batch_size=self.batch)
                bar.update(len(chunk))
        return created

    def _mentions(self, documents, agreements, participants, minerals):
        through = m.Document.mentioned_agreements.through
        rows = [
            through(document_id=document.pk, agreement_id=self.rng.choice(agreements).pk)
            for document in documents
        ]
        for chunk in tqdm(
            list(_batched(rows, self.batch)), desc="mentions", unit="batches", file=self.progress
        ):
            through.objects.bulk_create(chunk)

    def _content_type(self, model):
        return ContentType.objects.get_for_model(model).pk

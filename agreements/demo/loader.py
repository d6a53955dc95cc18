"""Write the demo data through the services.

A first run creates everything. A later run brings the database to the current demo data
where, and only where, no one else has touched it: a record whose every history row was
written by this loader is updated (or, if the demo data no longer has it, deleted), with
a history row whose reason names the demo revision, so staff see what changed and why. A
record anyone has edited is kept exactly as it is, and counted as kept.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import ProtectedError, RestrictedError
from django.db.models.deletion import Collector

from agreements import services
from agreements.models import (
    Agreement,
    AgreementLink,
    Citation,
    Document,
    Event,
    Measure,
    Milestone,
    Mineral,
    MineralAlias,
    MineralList,
    MineralListEntry,
    Participant,
    ParticipantAlias,
    Participation,
)

from .documents import DOCUMENTS
from .events import EVENTS
from .instruments import AGREEMENTS, LINKS
from .lists import MINERAL_LISTS
from .minerals import MINERALS
from .participants import PARTICIPANTS
from .spec import Cite

# Dependents before what they depend on, so a stale record's parts go first.
STALE_ORDER = (
    Citation,
    MineralListEntry,
    MineralAlias,
    ParticipantAlias,
    Participation,
    Milestone,
    Measure,
    AgreementLink,
    Event,
    MineralList,
    Agreement,
    Document,
    Participant,
    Mineral,
)

REASON = "load_demo"
# Named in the history of every record a run updates or removes.
REVISION = "demo data revision 2: sources checked against the research"
UPDATE_REASON = f"{REASON}: {REVISION}"


@dataclass
class Tally:
    created: int = 0
    present: int = 0
    edited: int = 0  # edited by someone and no longer as the demo data has it: kept
    updated: int = 0  # untouched since the loader wrote it: brought to the demo data
    removed: int = 0  # untouched, and no longer in the demo data: deleted


@dataclass
class LoadReport:
    """What one run did, per model."""

    tallies: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))

    @property
    def created(self) -> int:
        return sum(t.created for t in self.tallies.values())

    def lines(self) -> list[str]:
        width = max(len(name) for name in self.tallies)
        lines = [
            f"{name:<{width}}  created {t.created:>4}  already present {t.present:>4}"
            + (f"  updated {t.updated}" if t.updated else "")
            + (f"  removed {t.removed}" if t.removed else "")
            + (f"  (edited since, kept: {t.edited})" if t.edited else "")
            for name, t in self.tallies.items()
        ]
        lines.append(f"{self.created} records created.")
        return lines


def _untouched(instance: models.Model) -> bool:
    """Whether only this loader has ever written the record."""
    return not instance.history.exclude(history_change_reason__startswith=REASON).exists()


def _deletes_only_ours(instance: models.Model) -> bool:
    """Whether deleting `instance` removes nothing anyone but this loader wrote: the
    records its deletion cascades to included."""
    collector = Collector(using=instance._state.db)
    collector.collect([instance])
    for model, records in collector.data.items():
        history = getattr(model, "history", None)
        if history is None:
            continue
        pks = [record.pk for record in records]
        if (
            history.model.objects.filter(id__in=pks)
            .exclude(history_change_reason__startswith=REASON)
            .exists()
        ):
            return False
    return True


def _links_differ(instance: models.Model, m2m: dict | None) -> bool:
    return any(
        set(getattr(instance, name).values_list("pk", flat=True)) != {r.pk for r in records}
        for name, records in (m2m or {}).items()
    )


def _differs(instance: models.Model, values: dict) -> bool:
    for name, value in values.items():
        if isinstance(value, models.Model):
            if getattr(instance, f"{name}_id") != value.pk:
                return True
        elif getattr(instance, name) != value:
            return True
    return False


class _Loader:
    def __init__(self) -> None:
        self.report = LoadReport()
        self.documents: dict[str, Document] = {}
        self.participants: dict[str, Participant] = {}
        self.minerals: dict[str, Mineral] = {}
        self.agreements: dict[str, Agreement] = {}
        self.lists: dict[str, MineralList] = {}
        self.new_documents: set[str] = set()
        # The records the demo data has, by model: anything else of the loader's is stale.
        self.seen: dict[type[models.Model], set[int]] = defaultdict(set)

    def ensure(
        self, model: type[models.Model], lookup: dict, values: dict, m2m: dict | None = None
    ) -> tuple[models.Model, bool]:
        """The record with this natural key, and whether it was created (with its M2M sets).

        An existing record differing from the data is updated if only this loader ever
        wrote it, and otherwise left exactly as it is.
        """
        tally = self.report.tallies[model._meta.verbose_name_plural.capitalize()]
        instance = model._default_manager.filter(**lookup).first()
        created = instance is None
        if created:
            instance = services.record_save(
                instance=model(**lookup, **values), reason=REASON, relations=m2m
            )
            tally.created += 1
        else:
            tally.present += 1
            if _differs(instance, values) or _links_differ(instance, m2m):
                if _untouched(instance):
                    for name, value in values.items():
                        setattr(instance, name, value)
                    services.record_save(instance=instance, reason=UPDATE_REASON, relations=m2m)
                    tally.updated += 1
                else:
                    tally.edited += 1
        self.seen[model].add(instance.pk)
        return instance, created

    def cite(self, subject: models.Model, cites: list[Cite]) -> None:
        content_type = ContentType.objects.get_for_model(subject)
        for c in cites:
            self.ensure(
                Citation,
                {
                    "content_type": content_type,
                    "object_id": subject.pk,
                    "field_name": c.field,
                    "document": self.documents[c.doc],
                },
                {"locator": c.locator, "stated_value": c.value, "note": c.note},
            )

    def remove_stale(self) -> None:
        """Delete what the loader wrote, no one else touched, and the data no longer has."""
        for model in STALE_ORDER:
            tally = self.report.tallies[model._meta.verbose_name_plural.capitalize()]
            history = model.history.model.objects
            loaded = history.filter(history_change_reason__startswith=REASON)
            touched = history.exclude(history_change_reason__startswith=REASON)
            stale = (
                model._default_manager.filter(pk__in=loaded.values("id"))
                .exclude(pk__in=touched.values("id"))
                .exclude(pk__in=self.seen[model])
            )
            for instance in stale:
                try:
                    if not _deletes_only_ours(instance):
                        raise ValidationError("an edited record depends on it")
                    services.record_delete(instance=instance, reason=UPDATE_REASON)
                except (ProtectedError, RestrictedError, ValidationError):
                    tally.edited += 1  # something someone else wrote still needs it: kept
                else:
                    tally.removed += 1

    def run(self) -> None:
        self.load_documents()
        self.load_participants()
        self.load_minerals()
        self.load_agreements()
        self.load_links()
        self.load_events()
        self.load_mineral_lists()
        self.load_mentions()
        self.remove_stale()

    def load_documents(self) -> None:
        for spec in DOCUMENTS:
            document, created = self.ensure(Document, {"slug": spec["slug"]}, spec["fields"])
            self.documents[spec["slug"]] = document
            if created:
                self.new_documents.add(spec["slug"])

    def load_participants(self) -> None:
        for spec in PARTICIPANTS:
            parent = self.participants[spec["parent"]] if spec["parent"] else None
            participant, _ = self.ensure(
                Participant, {"slug": spec["slug"]}, {**spec["fields"], "parent": parent}
            )
            self.participants[spec["slug"]] = participant
            for name, language in spec["aliases"]:
                self.ensure(
                    ParticipantAlias,
                    {"participant": participant, "name": name},
                    {"language": language},
                )
            self.cite(participant, spec["cite"])

    def load_minerals(self) -> None:
        for spec in MINERALS:
            mineral, _ = self.ensure(Mineral, {"slug": spec["slug"]}, spec["fields"])
            self.minerals[spec["slug"]] = mineral
            for name, language in spec["aliases"]:
                self.ensure(
                    MineralAlias, {"mineral": mineral, "name": name}, {"language": language}
                )

    def load_agreements(self) -> None:
        for spec in AGREEMENTS:
            agreement, _ = self.ensure(Agreement, {"slug": spec["slug"]}, spec["fields"])
            self.agreements[spec["slug"]] = agreement
            self.cite(agreement, spec["cite"])
        # Participations, milestones and measures may name any agreement's participants.
        for spec in AGREEMENTS:
            agreement = self.agreements[spec["slug"]]
            for p in spec["participations"]:
                participation, _ = self.ensure(
                    Participation,
                    {
                        "participant": self.participants[p["participant"]],
                        "agreement": agreement,
                        "role": p["role"],
                    },
                    {"note": p["note"]},
                )
                self.cite(participation, p["cite"])
            for position, m in enumerate(spec["milestones"]):
                milestone, _ = self.ensure(
                    Milestone,
                    {"agreement": agreement, "title": m["title"]},
                    {**m["fields"], "position": position},
                    m2m={
                        "responsible": [self.participants[s] for s in m["responsible"]],
                        "evidence": [self.documents[s] for s in m["evidence"]],
                    },
                )
                self.cite(milestone, m["cite"])
            for position, m in enumerate(spec["measures"]):
                measure, _ = self.ensure(
                    Measure,
                    {"agreement": agreement, "title": m["title"]},
                    {**m["fields"], "position": position},
                    m2m={"minerals": [self.minerals[s] for s in m["minerals"]]},
                )
                self.cite(measure, m["cite"])

    def load_links(self) -> None:
        for spec in LINKS:
            link, _ = self.ensure(
                AgreementLink,
                {
                    "source": self.agreements[spec["source"]],
                    "target": self.agreements[spec["target"]],
                    "kind": spec["kind"],
                },
                {"note": spec["note"]},
            )
            self.cite(link, spec["cite"])

    def load_events(self) -> None:
        for spec in EVENTS:
            event, _ = self.ensure(
                Event,
                {"slug": spec["slug"]},
                spec["fields"],
                m2m={
                    "participants": [self.participants[s] for s in spec["participants"]],
                    "agreements": [self.agreements[s] for s in spec["agreements"]],
                },
            )
            self.cite(event, spec["cite"])

    def load_mineral_lists(self) -> None:
        for spec in MINERAL_LISTS:
            values = {
                **spec["fields"],
                "issuer": self.participants[spec["issuer"]],
                "agreement": self.agreements[spec["agreement"]] if spec["agreement"] else None,
                "previous_edition": (
                    self.lists[spec["previous_edition"]] if spec["previous_edition"] else None
                ),
            }
            mineral_list, _ = self.ensure(MineralList, {"slug": spec["slug"]}, values)
            self.lists[spec["slug"]] = mineral_list
            for entry in spec["entries"]:
                self.ensure(
                    MineralListEntry,
                    {
                        "mineral_list": mineral_list,
                        "mineral": self.minerals[entry["mineral"]],
                        "category": entry["category"],
                    },
                    {
                        "change": entry["change"],
                        "name_as_listed": entry.get("name_as_listed", ""),
                    },
                )
            self.cite(mineral_list, spec["cite"])

    def load_mentions(self) -> None:
        # Only on documents this run created: a staff member's choice of mentions is kept.
        by_field = {
            "mentioned_agreements": self.agreements,
            "mentioned_participants": self.participants,
            "mentioned_minerals": self.minerals,
        }
        for spec in DOCUMENTS:
            if spec["slug"] not in self.new_documents:
                continue
            document = self.documents[spec["slug"]]
            for name, slugs in spec["mentions"].items():
                getattr(document, name).set([by_field[name][s] for s in slugs])


def load_demo() -> LoadReport:
    """Load the demo data in one transaction and say what was created."""
    loader = _Loader()
    with transaction.atomic():
        loader.run()
    return loader.report

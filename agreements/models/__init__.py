"""The knowledge base's models, one module per aggregate.

Import from agreements.models only; the modules are an implementation detail.
"""

from .agreement import (
    KEY_DATES,
    Agreement,
    AgreementKind,
    AgreementLink,
    AgreementLinkKind,
    AgreementStatus,
    Binding,
    KeyDate,
)
from .base import KBModel, Language, TrackedModel, Via, citable_models
from .citation import Citation
from .correction import CorrectionRequest, CorrectionStatus
from .document import Document, DocumentKind, find_passage
from .editor import EditorProfile
from .event import Event, EventKind
from .measure import Measure, MeasureKind, MeasureStage
from .milestone import Milestone, MilestoneStatus
from .mineral import (
    EntryCategory,
    EntryChange,
    Mineral,
    MineralAlias,
    MineralGroup,
    MineralList,
    MineralListEntry,
    MineralListStage,
)
from .participant import (
    Participant,
    ParticipantAlias,
    ParticipantKind,
    Participation,
    ParticipationRole,
)
from .search import SAMPLE_KEYS, WORD_PAIRS_SQL, SearchEntry, SearchKind

__all__ = [
    "Agreement",
    "AgreementKind",
    "AgreementLink",
    "AgreementLinkKind",
    "AgreementStatus",
    "Binding",
    "KEY_DATES",
    "Citation",
    "CorrectionRequest",
    "CorrectionStatus",
    "Document",
    "DocumentKind",
    "EditorProfile",
    "EntryCategory",
    "EntryChange",
    "Event",
    "EventKind",
    "KBModel",
    "KeyDate",
    "Language",
    "Measure",
    "MeasureKind",
    "MeasureStage",
    "Milestone",
    "MilestoneStatus",
    "Mineral",
    "MineralAlias",
    "MineralGroup",
    "MineralList",
    "MineralListEntry",
    "MineralListStage",
    "Participant",
    "ParticipantAlias",
    "ParticipantKind",
    "Participation",
    "ParticipationRole",
    "SAMPLE_KEYS",
    "WORD_PAIRS_SQL",
    "SearchEntry",
    "SearchKind",
    "TrackedModel",
    "Via",
    "citable_models",
    "find_passage",
]

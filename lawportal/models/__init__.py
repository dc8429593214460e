"""SQLAlchemy models, one module per domain. Importing this package registers them all."""

from lawportal.models.hearing import (
    AgencyResponse,
    Answer,
    Attachment,
    AuditEntry,
    Comment,
    DraftRound,
    DraftSection,
    Hearing,
    Question,
)
from lawportal.models.law import CrossReference, Division, Footnote, Law, Section
from lawportal.models.precedent import Precedent, PrecedentSection
from lawportal.models.user import Agency, User

__all__ = [
    "Agency",
    "AgencyResponse",
    "Answer",
    "Attachment",
    "AuditEntry",
    "Comment",
    "CrossReference",
    "Division",
    "DraftRound",
    "DraftSection",
    "Footnote",
    "Hearing",
    "Law",
    "Precedent",
    "PrecedentSection",
    "Question",
    "Section",
    "User",
]

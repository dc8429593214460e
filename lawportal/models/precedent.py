"""Decided cases (precedents) as stored: the facts and the sections the court applied.

Loaded from a JSONL file by ``lawportal precedents load``; the file name and a hash of the case
let a second load of the same file change nothing.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Integer, String, Text, func
from sqlalchemy.orm import Mapped, mapped_column, relationship

from lawportal.db import Base


class Precedent(Base):
    """One decided case, by the id its source gives it (it appears in ``/cases/<id>``)."""

    __tablename__ = "precedents"

    id: Mapped[str] = mapped_column(String(128), primary_key=True)
    facts: Mapped[str] = mapped_column(Text)
    court: Mapped[str] = mapped_column(Text, default="")
    case_number: Mapped[str] = mapped_column(String(128), default="")
    year: Mapped[int | None] = mapped_column(Integer)
    source_url: Mapped[str] = mapped_column(Text, default="")
    source_file: Mapped[str] = mapped_column(Text, default="")
    content_hash: Mapped[str] = mapped_column(String(64))
    loaded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())

    sections: Mapped[list[PrecedentSection]] = relationship(
        order_by="PrecedentSection.position", cascade="all, delete-orphan", passive_deletes=True
    )

    @property
    def section_ids(self) -> list[str]:
        return [link.section_id for link in self.sections]


class PrecedentSection(Base):
    """A section a precedent applied, as its canonical id (``443287/288``), in the source's order."""

    __tablename__ = "precedent_sections"

    precedent_id: Mapped[str] = mapped_column(ForeignKey("precedents.id", ondelete="CASCADE"), primary_key=True)
    section_id: Mapped[str] = mapped_column(String(96), primary_key=True, index=True)
    position: Mapped[int] = mapped_column(Integer)

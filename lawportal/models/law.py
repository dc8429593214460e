"""Laws as stored: a law, its divisions, sections, footnotes and the references between sections."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Boolean, DateTime, ForeignKey, Index, Integer, String, Text, func
from sqlalchemy.orm import Mapped, mapped_column, relationship

from lawportal.db import Base


class Law(Base):
    """One act, code or announcement, identified by its Council of State ``sysid``."""

    __tablename__ = "laws"

    sysid: Mapped[str] = mapped_column(String(32), primary_key=True)
    title: Mapped[str] = mapped_column(Text)
    law_type: Mapped[str] = mapped_column(String(64), index=True)
    groups: Mapped[list[str]] = mapped_column(JSON, default=list)
    source_url: Mapped[str] = mapped_column(Text, default="")
    year_be: Mapped[int | None] = mapped_column(Integer, index=True)
    is_current: Mapped[bool] = mapped_column(Boolean, default=True)
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False)
    preamble: Mapped[str] = mapped_column(Text, default="")
    history: Mapped[str] = mapped_column(Text, default="")
    content_hash: Mapped[str] = mapped_column(String(64))
    section_count: Mapped[int] = mapped_column(Integer, default=0)
    loaded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())

    sections: Mapped[list[Section]] = relationship(
        back_populates="law", order_by="Section.position", cascade="all, delete-orphan", passive_deletes=True
    )
    divisions: Mapped[list[Division]] = relationship(
        order_by="Division.position", cascade="all, delete-orphan", passive_deletes=True
    )
    footnotes: Mapped[list[Footnote]] = relationship(
        order_by="Footnote.position", cascade="all, delete-orphan", passive_deletes=True
    )

    @property
    def year_ce(self) -> int | None:
        return self.year_be - 543 if self.year_be else None


class Division(Base):
    """A heading (ภาค, ลักษณะ, หมวด, ส่วน) grouping the sections that follow it."""

    __tablename__ = "divisions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    law_sysid: Mapped[str] = mapped_column(ForeignKey("laws.sysid", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(32))
    number: Mapped[str] = mapped_column(String(32), default="")
    title: Mapped[str] = mapped_column(Text, default="")
    level: Mapped[int] = mapped_column(Integer)
    parent_position: Mapped[int | None] = mapped_column(Integer)


class Section(Base):
    """A section (มาตรา), clause (ข้อ) or the preamble (number ``"0"``).

    ``id`` is the canonical id ``<sysid>/<number>``. Sections of the act enacting a code are
    stored with ``part="enacting"`` and id ``<sysid>/enacting/<number>`` so they never collide
    with the code's own sections.
    """

    __tablename__ = "sections"
    __table_args__ = (Index("ix_sections_law_position", "law_sysid", "position"),)

    id: Mapped[str] = mapped_column(String(96), primary_key=True)
    law_sysid: Mapped[str] = mapped_column(ForeignKey("laws.sysid", ondelete="CASCADE"))
    number: Mapped[str] = mapped_column(String(48))
    label: Mapped[str] = mapped_column(Text, default="")
    kind: Mapped[str] = mapped_column(String(16), default="section")
    part: Mapped[str] = mapped_column(String(16), default="main")
    position: Mapped[int] = mapped_column(Integer)
    division_position: Mapped[int | None] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    footnote_marks: Mapped[list[str]] = mapped_column(JSON, default=list)

    law: Mapped[Law] = relationship(back_populates="sections")


class Footnote(Base):
    """A footnote of the official text, kept apart from the section it annotates."""

    __tablename__ = "footnotes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    law_sysid: Mapped[str] = mapped_column(ForeignKey("laws.sysid", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    mark: Mapped[str] = mapped_column(String(16))
    text: Mapped[str] = mapped_column(Text)


class CrossReference(Base):
    """A reference in one section's text to another section, with its span for linking."""

    __tablename__ = "cross_references"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    law_sysid: Mapped[str] = mapped_column(ForeignKey("laws.sysid", ondelete="CASCADE"), index=True)
    source_id: Mapped[str] = mapped_column(ForeignKey("sections.id", ondelete="CASCADE"), index=True)
    target_id: Mapped[str] = mapped_column(String(96), index=True)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)

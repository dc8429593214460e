"""SQLAlchemy models, one module per domain. Importing this package registers them all."""

from lawportal.models.law import CrossReference, Division, Footnote, Law, Section

__all__ = ["CrossReference", "Division", "Footnote", "Law", "Section"]

"""precedents and the sections they applied

Revision ID: 0004_precedents
Revises: 0003_comment_attachments
Create Date: 2026-11-24 19:00:00
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_precedents"
down_revision = "0003_comment_attachments"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "precedents",
        sa.Column("id", sa.String(length=128), nullable=False),
        sa.Column("facts", sa.Text(), nullable=False),
        sa.Column("court", sa.Text(), nullable=False),
        sa.Column("case_number", sa.String(length=128), nullable=False),
        sa.Column("year", sa.Integer(), nullable=True),
        sa.Column("source_url", sa.Text(), nullable=False),
        sa.Column("source_file", sa.Text(), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("loaded_at", sa.DateTime(timezone=True), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_precedents")),
    )
    op.create_table(
        "precedent_sections",
        sa.Column("precedent_id", sa.String(length=128), nullable=False),
        sa.Column("section_id", sa.String(length=96), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["precedent_id"],
            ["precedents.id"],
            name=op.f("fk_precedent_sections_precedent_id_precedents"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("precedent_id", "section_id", name=op.f("pk_precedent_sections")),
    )
    with op.batch_alter_table("precedent_sections", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_precedent_sections_section_id"), ["section_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("precedent_sections", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_precedent_sections_section_id"))
    op.drop_table("precedent_sections")
    op.drop_table("precedents")

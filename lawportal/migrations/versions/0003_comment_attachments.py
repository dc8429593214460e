"""hearing comments may carry one PDF

Revision ID: 0003_comment_attachments
Revises: 0002_hearings
Create Date: 2026-11-24 19:10:00
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_comment_attachments"
down_revision = "0002_hearings"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("hearing_comments", schema=None) as batch_op:
        batch_op.add_column(sa.Column("attachment_filename", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("attachment_stored_name", sa.String(length=128), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("hearing_comments", schema=None) as batch_op:
        batch_op.drop_column("attachment_stored_name")
        batch_op.drop_column("attachment_filename")

"""laptop rows: each record as a laptop stores it, worked out when it is written, for fast snapshots

Revision ID: 0003
Revises: 0002

Existing records get NULL: a snapshot works their rows out while it is built (slower, the same
lines), and each record's row is kept from its next write on.
"""

import sqlalchemy as sa
from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("records", sa.Column("laptop_row", sa.Text(), nullable=True))


def downgrade() -> None:
    raise NotImplementedError("migrations are append-only")

"""annex outside the seal: a sealed record's annotations (公示, 审核, 履行) may change, its document not

Revision ID: 0002
Revises: 0001
"""

from alembic import op

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None

# The record types' ANNEX_FIELDS when this migration was written (gridapp.models): the fields a
# sealed record's content hash does not cover. Everything else of its `data` stays frozen.
ANNEX = ("filing", "implementation", "jc_state", "performance_status", "publicity", "review")

_SQLITE_DOC = "json_remove({row}.data, " + ", ".join(f"'$.{name}'" for name in ANNEX) + ")"
_PG_DOC = "({row}.data::jsonb - ARRAY[" + ", ".join(f"'{name}'" for name in ANNEX) + "]::text[])"
_SEALED_CHANGED = (
    "OLD.sealed AND ({new_doc} IS DISTINCT FROM {old_doc} OR NEW.content_hash IS DISTINCT FROM "
    "OLD.content_hash OR NOT NEW.sealed OR NEW.deleted OR NEW.bucket IS DISTINCT FROM OLD.bucket "
    "OR NEW.root_id IS DISTINCT FROM OLD.root_id OR NEW.revision IS DISTINCT FROM OLD.revision)"
)


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        sealed = _SEALED_CHANGED.format(new_doc=_SQLITE_DOC.format(row="NEW"), old_doc=_SQLITE_DOC.format(row="OLD"))
        op.execute("DROP TRIGGER records_sealed_no_update")
        op.execute(f"""CREATE TRIGGER records_sealed_no_update BEFORE UPDATE ON records
            WHEN {sealed.replace("IS DISTINCT FROM", "IS NOT")}
            BEGIN SELECT RAISE(ABORT, 'sealed record: its content cannot change'); END""")
        return
    sealed = _SEALED_CHANGED.format(new_doc=_PG_DOC.format(row="NEW"), old_doc=_PG_DOC.format(row="OLD"))
    op.execute(f"""CREATE OR REPLACE FUNCTION gridapp_sealed_guard() RETURNS trigger AS $$
        BEGIN
            IF TG_OP = 'DELETE' THEN
                IF OLD.sealed THEN RAISE EXCEPTION 'sealed record: it cannot be deleted'; END IF;
                RETURN OLD;
            END IF;
            IF {sealed} THEN
                RAISE EXCEPTION 'sealed record: its content cannot change';
            END IF;
            RETURN NEW;
        END $$ LANGUAGE plpgsql""")


def downgrade() -> None:
    raise NotImplementedError("migrations are append-only")

"""initial schema

Revision ID: 0001
Revises: 
"""

from alembic import op
import sqlalchemy as sa


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('audit',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('username', sa.String(length=64), nullable=True),
    sa.Column('device_id', sa.String(length=36), nullable=True),
    sa.Column('action', sa.String(length=40), nullable=False),
    sa.Column('record_type', sa.String(length=40), nullable=True),
    sa.Column('record_id', sa.String(length=36), nullable=True),
    sa.Column('bucket', sa.String(length=12), nullable=True),
    sa.Column('detail', sa.Text(), server_default='{}', nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit'))
    )
    with op.batch_alter_table('audit', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_record_id'), ['record_id'], unique=False)

    op.create_table('blobs',
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('size', sa.BigInteger(), nullable=False),
    sa.Column('received', sa.BigInteger(), server_default='0', nullable=False),
    sa.Column('complete', sa.Boolean(), server_default='0', nullable=False),
    sa.Column('created_by', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('completed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('uploader', sa.Integer(), nullable=True),
    sa.Column('progress_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('sha256', name=op.f('pk_blobs'))
    )
    op.create_table('buckets',
    sa.Column('code', sa.String(length=12), nullable=False),
    sa.Column('last_change_no', sa.BigInteger(), server_default='0', nullable=False),
    sa.Column('record_count', sa.BigInteger(), server_default='0', nullable=False),
    sa.Column('xor', sa.BigInteger(), server_default='0', nullable=False),
    sa.PrimaryKeyConstraint('code', name=op.f('pk_buckets'))
    )
    op.create_table('conflicts',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('record_id', sa.String(length=36), nullable=False),
    sa.Column('record_type', sa.String(length=40), nullable=False),
    sa.Column('bucket', sa.String(length=12), nullable=False),
    sa.Column('field', sa.String(length=100), nullable=False),
    sa.Column('base_value', sa.Text(), nullable=True),
    sa.Column('server_value', sa.Text(), nullable=True),
    sa.Column('client_value', sa.Text(), nullable=True),
    sa.Column('mutation_id', sa.String(length=36), nullable=False),
    sa.Column('device_id', sa.String(length=36), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('resolved_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_conflicts'))
    )
    with op.batch_alter_table('conflicts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_conflicts_bucket'), ['bucket'], unique=False)
        batch_op.create_index(batch_op.f('ix_conflicts_record_id'), ['record_id'], unique=False)

    op.create_table('mutations',
    sa.Column('device_id', sa.String(length=36), nullable=False),
    sa.Column('device_seq', sa.BigInteger(), nullable=False),
    sa.Column('mutation_id', sa.String(length=36), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('record_id', sa.String(length=36), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('result', sa.Text(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('device_id', 'device_seq', name=op.f('pk_mutations')),
    sa.UniqueConstraint('mutation_id', name=op.f('uq_mutations_mutation_id'))
    )
    op.create_table('quarantine',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('mutation_id', sa.String(length=36), nullable=False),
    sa.Column('device_id', sa.String(length=36), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('bucket', sa.String(length=12), nullable=False),
    sa.Column('record_id', sa.String(length=36), nullable=False),
    sa.Column('record_type', sa.String(length=40), nullable=False),
    sa.Column('mutation', sa.Text(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('decided_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('decided_by', sa.Integer(), nullable=True),
    sa.Column('decision', sa.String(length=20), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_quarantine')),
    sa.UniqueConstraint('mutation_id', name=op.f('uq_quarantine_mutation_id'))
    )
    with op.batch_alter_table('quarantine', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_quarantine_bucket'), ['bucket'], unique=False)

    op.create_table('record_versions',
    sa.Column('record_id', sa.String(length=36), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('state', sa.String(length=40), nullable=False),
    sa.Column('data', sa.Text(), nullable=False),
    sa.Column('device_id', sa.String(length=36), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('record_id', 'version', name=op.f('pk_record_versions'))
    )
    op.create_table('records',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('type', sa.String(length=40), nullable=False),
    sa.Column('bucket', sa.String(length=12), nullable=False),
    sa.Column('state', sa.String(length=40), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('change_no', sa.BigInteger(), nullable=False),
    sa.Column('sealed', sa.Boolean(), server_default='0', nullable=False),
    sa.Column('content_hash', sa.String(length=64), nullable=True),
    sa.Column('deleted', sa.Boolean(), server_default='0', nullable=False),
    sa.Column('root_id', sa.String(length=36), nullable=False),
    sa.Column('revision', sa.Integer(), server_default='1', nullable=False),
    sa.Column('supersedes_id', sa.String(length=36), nullable=True),
    sa.Column('supersedes_hash', sa.String(length=64), nullable=True),
    sa.Column('amend_reason', sa.Text(), nullable=True),
    sa.Column('parent_id', sa.String(length=36), nullable=True),
    sa.Column('mediator_ids', sa.Text(), nullable=True),
    sa.Column('ref_ids', sa.Text(), nullable=True),
    sa.Column('data', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('created_by', sa.String(length=64), nullable=False),
    sa.Column('updated_by', sa.String(length=64), nullable=False),
    sa.Column('device_id', sa.String(length=36), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_records')),
    sa.UniqueConstraint('bucket', 'change_no', name=op.f('uq_records_bucket_change_no'))
    )
    with op.batch_alter_table('records', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_records_parent_id'), ['parent_id'], unique=False)
        batch_op.create_index('ix_records_supersedes', ['supersedes_id'], unique=True, postgresql_where=sa.text('supersedes_id IS NOT NULL'), sqlite_where=sa.text('supersedes_id IS NOT NULL'))

    op.create_table('server_meta',
    sa.Column('key', sa.String(length=40), nullable=False),
    sa.Column('value', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_server_meta'))
    )
    op.create_table('login_throttle',
    sa.Column('username', sa.String(length=64), nullable=False),
    sa.Column('failures', sa.Integer(), server_default='0', nullable=False),
    sa.Column('locked_until', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('username', name=op.f('pk_login_throttle'))
    )
    op.create_table('townships',
    sa.Column('code', sa.String(length=9), nullable=False),
    sa.Column('name', sa.String(length=50), nullable=False),
    sa.PrimaryKeyConstraint('code', name=op.f('pk_townships'))
    )
    op.create_table('users',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('username', sa.String(length=64), nullable=False),
    sa.Column('display_name', sa.String(length=50), nullable=False),
    sa.Column('role', sa.String(length=20), nullable=False),
    sa.Column('password_hash', sa.String(length=200), nullable=False),
    sa.Column('disabled', sa.Boolean(), server_default='0', nullable=False),
    sa.Column('mediator_id', sa.String(length=36), nullable=True),
    sa.Column('assignment_epoch', sa.Integer(), server_default='0', nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_users')),
    sa.UniqueConstraint('username', name=op.f('uq_users_username'))
    )
    op.create_table('assignment_history',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('epoch', sa.Integer(), nullable=False),
    sa.Column('buckets', sa.Text(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_assignment_history_user_id_users')),
    sa.PrimaryKeyConstraint('user_id', 'epoch', name=op.f('pk_assignment_history'))
    )
    op.create_table('assignments',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('scope_code', sa.String(length=40), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_assignments_user_id_users')),
    sa.PrimaryKeyConstraint('user_id', 'scope_code', name=op.f('pk_assignments'))
    )
    op.create_table('devices',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('last_seen_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('revoked_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_devices_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_devices')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_devices_token_hash'))
    )
    with op.batch_alter_table('devices', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_devices_user_id'), ['user_id'], unique=False)

    op.create_table('villages',
    sa.Column('code', sa.String(length=12), nullable=False),
    sa.Column('name', sa.String(length=50), nullable=False),
    sa.Column('township_code', sa.String(length=9), nullable=False),
    sa.ForeignKeyConstraint(['township_code'], ['townships.code'], name=op.f('fk_villages_township_code_townships')),
    sa.PrimaryKeyConstraint('code', name=op.f('pk_villages'))
    )
    with op.batch_alter_table('villages', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_villages_township_code'), ['township_code'], unique=False)

    op.create_table('grids',
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('name', sa.String(length=50), nullable=False),
    sa.Column('village_code', sa.String(length=12), nullable=False),
    sa.Column('hamlets', sa.Text(), server_default='[]', nullable=False),
    sa.ForeignKeyConstraint(['village_code'], ['villages.code'], name=op.f('fk_grids_village_code_villages')),
    sa.PrimaryKeyConstraint('code', name=op.f('pk_grids'))
    )
    with op.batch_alter_table('grids', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_grids_village_code'), ['village_code'], unique=False)

    _guards()


# Sealed records and the audit log are protected by the database as well as by the code, so
# no other program (or a bug) can change them.
_SEALED_CHANGED = (
    "OLD.sealed AND (NEW.data IS DISTINCT FROM OLD.data OR NEW.content_hash IS DISTINCT FROM "
    "OLD.content_hash OR NOT NEW.sealed OR NEW.deleted OR NEW.bucket IS DISTINCT FROM OLD.bucket "
    "OR NEW.root_id IS DISTINCT FROM OLD.root_id OR NEW.revision IS DISTINCT FROM OLD.revision)"
)


def _guards() -> None:
    if op.get_bind().dialect.name == "sqlite":
        sealed = _SEALED_CHANGED.replace("IS DISTINCT FROM", "IS NOT")
        op.execute(f"""CREATE TRIGGER records_sealed_no_update BEFORE UPDATE ON records
            WHEN {sealed} BEGIN SELECT RAISE(ABORT, 'sealed record: its content cannot change'); END""")
        op.execute("""CREATE TRIGGER records_sealed_no_delete BEFORE DELETE ON records
            WHEN OLD.sealed BEGIN SELECT RAISE(ABORT, 'sealed record: it cannot be deleted'); END""")
        op.execute("""CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
            BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END""")
        op.execute("""CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
            BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END""")
        return
    op.execute(f"""CREATE FUNCTION gridapp_sealed_guard() RETURNS trigger AS $$
        BEGIN
            IF TG_OP = 'DELETE' THEN
                IF OLD.sealed THEN RAISE EXCEPTION 'sealed record: it cannot be deleted'; END IF;
                RETURN OLD;
            END IF;
            IF {_SEALED_CHANGED} THEN
                RAISE EXCEPTION 'sealed record: its content cannot change';
            END IF;
            RETURN NEW;
        END $$ LANGUAGE plpgsql""")
    op.execute("""CREATE TRIGGER records_sealed_guard BEFORE UPDATE OR DELETE ON records
        FOR EACH ROW EXECUTE FUNCTION gridapp_sealed_guard()""")
    op.execute("""CREATE FUNCTION gridapp_append_only() RETURNS trigger AS $$
        BEGIN RAISE EXCEPTION 'the audit log is append-only'; END $$ LANGUAGE plpgsql""")
    op.execute("""CREATE TRIGGER audit_append_only BEFORE UPDATE OR DELETE ON audit
        FOR EACH ROW EXECUTE FUNCTION gridapp_append_only()""")


def downgrade() -> None:
    raise NotImplementedError("migrations are append-only")

"""The county server's tables (SQLAlchemy Core); the same schema on SQLite and PostgreSQL.

Alembic migrations in `sync/server/migrations/` create them; `tests/server/test_schema.py`
checks that the migrated database matches these definitions, so the two never drift.
Text columns hold JSON where a value is a document (record data, a result, an audit detail):
the server reads them whole, never queries inside them.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger, Boolean, Column, DateTime, ForeignKey, Index, Integer, MetaData, String, Table,
    Text, UniqueConstraint,
)

metadata = MetaData(naming_convention={
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
})


def _when(name: str, nullable: bool = False) -> Column:
    return Column(name, DateTime(timezone=True), nullable=nullable)


# Server-wide values: the county's ID-number HMAC key (laptops receive it at hello so that the
# same person has the same HMAC on every laptop, domain.md §12).
server_meta = Table(
    "server_meta", metadata,
    Column("key", String(40), primary_key=True),
    Column("value", Text, nullable=False),
)

# ---------------------------------------------------------------- geography

townships = Table(
    "townships", metadata,
    Column("code", String(9), primary_key=True),
    Column("name", String(50), nullable=False),
)

villages = Table(
    "villages", metadata,
    Column("code", String(12), primary_key=True),
    Column("name", String(50), nullable=False),
    Column("township_code", String(9), ForeignKey("townships.code"), nullable=False, index=True),
)

grids = Table(
    "grids", metadata,
    Column("code", String(40), primary_key=True),
    Column("name", String(50), nullable=False),
    Column("village_code", String(12), ForeignKey("villages.code"), nullable=False, index=True),
    Column("hamlets", Text, nullable=False, server_default="[]"),  # JSON list of hamlet names
)

# ---------------------------------------------------------------- accounts

users = Table(
    "users", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("username", String(64), nullable=False, unique=True),
    Column("display_name", String(50), nullable=False),
    Column("role", String(20), nullable=False),
    Column("password_hash", String(200), nullable=False),
    Column("disabled", Boolean, nullable=False, server_default="0"),
    Column("mediator_id", String(36)),  # the Mediator record of a 五老 mediator
    Column("assignment_epoch", Integer, nullable=False, server_default="0"),
    _when("created_at"),
)

# Failed logins per *name* (existing or not), so that slowing down and locking out look the
# same for every name and do not reveal which accounts exist.
login_throttle = Table(
    "login_throttle", metadata,
    Column("username", String(64), primary_key=True),
    Column("failures", Integer, nullable=False, server_default="0"),
    _when("locked_until", nullable=True),
)

# What a user is assigned to: grid codes (grid worker), village or township codes (mediator),
# a township code (township staff). County admins need none.
assignments = Table(
    "assignments", metadata,
    Column("user_id", Integer, ForeignKey("users.id"), primary_key=True),
    Column("scope_code", String(40), primary_key=True),
)

# Each assignment change bumps the user's epoch and keeps the buckets it gave: a mutation made
# offline under an older epoch is quarantined, not refused, if its bucket was the user's then.
assignment_history = Table(
    "assignment_history", metadata,
    Column("user_id", Integer, ForeignKey("users.id"), primary_key=True),
    Column("epoch", Integer, primary_key=True),
    Column("buckets", Text, nullable=False),  # JSON list
    _when("at"),
)

devices = Table(
    "devices", metadata,
    Column("id", String(36), primary_key=True),
    Column("user_id", Integer, ForeignKey("users.id"), nullable=False, index=True),
    Column("name", String(100), nullable=False),
    Column("token_hash", String(64), nullable=False, unique=True),
    _when("created_at"),
    _when("last_seen_at", nullable=True),
    _when("revoked_at", nullable=True),
)

# ---------------------------------------------------------------- sync

# One row per bucket: the change counter, locked by every write to the bucket, and the running
# checksum of its records (see the checksums section of sync/protocol.py).
buckets = Table(
    "buckets", metadata,
    Column("code", String(12), primary_key=True),
    Column("last_change_no", BigInteger, nullable=False, server_default="0"),
    Column("record_count", BigInteger, nullable=False, server_default="0"),
    Column("xor", BigInteger, nullable=False, server_default="0"),
)

records = Table(
    "records", metadata,
    Column("id", String(36), primary_key=True),
    Column("type", String(40), nullable=False),
    Column("bucket", String(12), nullable=False),
    Column("state", String(40), nullable=False),
    Column("version", Integer, nullable=False),
    Column("change_no", BigInteger, nullable=False),
    Column("sealed", Boolean, nullable=False, server_default="0"),
    Column("content_hash", String(64)),
    Column("deleted", Boolean, nullable=False, server_default="0"),
    Column("root_id", String(36), nullable=False),
    Column("revision", Integer, nullable=False, server_default="1"),
    Column("supersedes_id", String(36)),
    Column("supersedes_hash", String(64)),
    Column("amend_reason", Text),
    Column("parent_id", String(36), index=True),  # a session's case, an attachment's owner …
    Column("mediator_ids", Text),  # JSON list, for cases: who may see them
    Column("ref_ids", Text),  # JSON list of records a case references (parties, households)
    Column("data", Text, nullable=False),
    # The record's whole snapshot line as a laptop of this build stores it, after its row format
    # (writes.kept_row, writes.kept_prefix), worked out once when the record is written, so a
    # snapshot does not validate every record again. NULL for a tombstone; a line of another row
    # format or change number is worked out again.
    Column("laptop_row", Text),
    _when("created_at"),
    _when("updated_at"),
    Column("created_by", String(64), nullable=False),
    Column("updated_by", String(64), nullable=False),
    Column("device_id", String(36), nullable=False),
    UniqueConstraint("bucket", "change_no"),
)
Index("ix_records_supersedes", records.c.supersedes_id, unique=True,
      postgresql_where=records.c.supersedes_id.isnot(None),
      sqlite_where=records.c.supersedes_id.isnot(None))

# Every version's data, for merging an edit against the version the laptop started from.
record_versions = Table(
    "record_versions", metadata,
    Column("record_id", String(36), primary_key=True),
    Column("version", Integer, primary_key=True),
    Column("state", String(40), nullable=False),
    Column("data", Text, nullable=False),
    Column("device_id", String(36), nullable=False),
    _when("at"),
)

# The result of every mutation, stored in the transaction that applied it (rule 1).
mutations = Table(
    "mutations", metadata,
    Column("device_id", String(36), primary_key=True),
    Column("device_seq", BigInteger, primary_key=True),
    Column("mutation_id", String(36), nullable=False, unique=True),
    Column("user_id", Integer, nullable=False),
    Column("record_id", String(36), nullable=False),
    Column("status", String(20), nullable=False),
    Column("result", Text, nullable=False),
    _when("at"),
)

conflicts = Table(
    "conflicts", metadata,
    Column("id", String(36), primary_key=True),
    Column("record_id", String(36), nullable=False, index=True),
    Column("record_type", String(40), nullable=False),
    Column("bucket", String(12), nullable=False, index=True),
    Column("field", String(100), nullable=False),
    Column("base_value", Text),
    Column("server_value", Text),
    Column("client_value", Text),
    Column("mutation_id", String(36), nullable=False),
    Column("device_id", String(36), nullable=False),
    Column("user_id", Integer, nullable=False),
    _when("created_at"),
    _when("resolved_at", nullable=True),
)

# Mutations made under an older assignment for a bucket the user no longer holds: kept whole
# for the township to apply or discard (rule 9).
quarantine = Table(
    "quarantine", metadata,
    Column("id", String(36), primary_key=True),
    Column("mutation_id", String(36), nullable=False, unique=True),
    Column("device_id", String(36), nullable=False),
    Column("user_id", Integer, nullable=False),
    Column("bucket", String(12), nullable=False, index=True),
    Column("record_id", String(36), nullable=False),
    Column("record_type", String(40), nullable=False),
    Column("mutation", Text, nullable=False),
    Column("reason", Text, nullable=False),
    _when("created_at"),
    _when("decided_at", nullable=True),
    Column("decided_by", Integer),
    Column("decision", String(20)),
)

# Append-only (a trigger refuses UPDATE and DELETE): who changed what, from which device, when.
audit = Table(
    "audit", metadata,
    Column("id", BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True),
    _when("at"),
    Column("user_id", Integer),
    Column("username", String(64)),
    Column("device_id", String(36)),
    Column("action", String(40), nullable=False),
    Column("record_type", String(40)),
    Column("record_id", String(36), index=True),
    Column("bucket", String(12)),
    Column("detail", Text, nullable=False, server_default="{}"),
)

blobs = Table(
    "blobs", metadata,
    Column("sha256", String(64), primary_key=True),
    Column("size", BigInteger, nullable=False),
    Column("received", BigInteger, nullable=False, server_default="0"),
    Column("complete", Boolean, nullable=False, server_default="0"),
    Column("created_by", Integer, nullable=False),
    _when("created_at"),
    _when("completed_at", nullable=True),
    # Who is sending the bytes now, and when they last sent some: nobody else may reset or
    # append to an upload in progress, unless it has been abandoned (blobs.ABANDONED).
    Column("uploader", Integer),
    _when("progress_at", nullable=True),
)

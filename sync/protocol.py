"""The wire messages of the sync protocol (architecture.md §3), shared by the laptop and the server.

Every message is a pydantic model; unknown keys are refused so a typo is a clear 422, not a
silently dropped field. Versions:

- `PROTOCOL_VERSION` is the shape of these messages. The server accepts mutations from clients
  down to `MIN_PUSH_PROTOCOL` (old laptops keep pushing their outbox, rule 10) and serves pulls
  to clients down to `MIN_PULL_PROTOCOL`; an older client is told to update.
- `schema_version` of a mutation is the laptop's record schema; schema changes are additive.

A push answers each mutation with one `MutationResult`; `status_code` is the HTTP status the
mutation would have had on its own (a stale amendment is 409, a record outside the caller's
territory 403), so a batch never fails as a whole because one mutation is bad (rule 8).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import datetime
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

PROTOCOL_VERSION = 1
MIN_PUSH_PROTOCOL = 1
MIN_PULL_PROTOCOL = 1

# A bucket is a village (村/社区): its 12-digit statistical code.
BucketCode = str
_SHA256 = r"^[0-9a-f]{64}$"
Sha256Hex = Annotated[str, Field(pattern=_SHA256)]
_UUID = r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
_BUCKET = r"^\d{12}$"
# The largest values the server's columns hold: bigger numbers are a 422, not a database error.
MAX_BIGINT = 2**63 - 1
MAX_INT = 2**31 - 1


class Message(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Role(StrEnum):
    GRID_WORKER = "grid_worker"
    MEDIATOR = "mediator"
    TOWNSHIP_STAFF = "township_staff"
    COUNTY_ADMIN = "county_admin"


class Op(StrEnum):
    CREATE = "create"
    UPDATE = "update"
    TRANSITION = "transition"
    SEAL = "seal"
    AMEND = "amend"
    DELETE = "delete"


class Status(StrEnum):
    APPLIED = "applied"
    DUPLICATE = "duplicate"
    CONFLICT = "conflict"
    REJECTED = "rejected"
    QUARANTINED = "quarantined"


# ---------------------------------------------------------------- accounts


class LoginRequest(Message):
    username: str = Field(min_length=1, max_length=64)
    password: str = Field(min_length=1, max_length=256)
    device_name: str = Field(min_length=1, max_length=100)


class UserInfo(Message):
    username: str
    display_name: str
    role: Role
    mediator_id: str | None = None


class LoginResponse(Message):
    device_id: str
    token: str
    user: UserInfo


class Limits(Message):
    max_body_bytes: int
    max_batch: int
    max_page: int
    max_blob_bytes: int
    blob_chunk_bytes: int


class Hello(Message):
    protocol_version: int
    min_push_protocol: int
    min_pull_protocol: int
    schema_version: int
    server_time: datetime
    user: UserInfo
    device_id: str
    buckets: list[BucketCode]
    assignment_epoch: int
    limits: Limits
    id_hmac_key: str  # hex; the county-wide key for ID-number HMACs (see gridapp.privacy)
    # The highest device_seq the server holds a result for, from this device: lower than what the
    # laptop saw acknowledged means the server was restored from a backup (the laptop re-sends).
    last_seq: int = 0


# ---------------------------------------------------------------- push


class Mutation(Message):
    """One change from a laptop's outbox.

    `record` is the record's data as the laptop has it when the mutation is sent (the model's
    JSON dump, store metadata left out). For `update`, `fields` names the fields the user changed
    since `base_version` (the server version the laptop edited); only those are merged. For
    `transition` and `seal`, `from_state`/`to_state`; a seal also carries the laptop's
    `content_hash`. For `amend`, `supersedes_id` and `supersedes_hash` name the sealed version
    corrected. `client_time` is recorded, never compared (rule 4)."""

    mutation_id: str = Field(pattern=_UUID)
    device_seq: int = Field(ge=1, le=MAX_BIGINT)
    op: Op
    record_type: str = Field(min_length=1, max_length=40)
    record_id: str = Field(pattern=_UUID)
    bucket: BucketCode = Field(pattern=_BUCKET)
    base_version: int | None = Field(default=None, ge=1, le=MAX_INT)
    record: dict[str, Any] | None = None
    fields: list[str] | None = Field(default=None, max_length=200)
    from_state: str | None = Field(default=None, max_length=40)
    to_state: str | None = Field(default=None, max_length=40)
    reason: str | None = Field(default=None, max_length=500)
    content_hash: Sha256Hex | None = Field(default=None, pattern=_SHA256)
    supersedes_id: str | None = Field(default=None, pattern=_UUID)
    supersedes_hash: Sha256Hex | None = Field(default=None, pattern=_SHA256)
    attachment_hashes: list[Sha256Hex] = Field(default_factory=list, max_length=500)
    assignment_epoch: int = Field(default=0, ge=0, le=MAX_INT)
    schema_version: int = Field(default=1, ge=1, le=MAX_INT)
    client_time: datetime | None = None


class PushRequest(Message):
    protocol_version: int = Field(ge=1, le=MAX_INT)
    mutations: list[Mutation] = Field(max_length=10_000)


class FieldConflict(Message):
    """A field both sides changed: the server kept `server_value`; the laptop's value is here,
    so nothing the user entered is lost. Resolved by an ordinary edit."""

    conflict_id: str
    record_id: str
    record_type: str
    field: str
    base_value: Any = None
    server_value: Any = None
    client_value: Any = None


class Problem(Message):
    field: str
    code: str
    message: str


class MutationResult(Message):
    mutation_id: str
    device_seq: int
    status: Status
    status_code: int
    original_status: Status | None = None  # for a duplicate: what the first delivery got
    record_id: str
    version: int | None = None
    change_no: int | None = None
    code: str | None = None
    message: str | None = None
    problems: list[Problem] = Field(default_factory=list)
    conflicts: list[FieldConflict] = Field(default_factory=list)
    content_hash: Sha256Hex | None = None


class PushResponse(Message):
    results: list[MutationResult]


# ---------------------------------------------------------------- pull


class PullRequest(Message):
    protocol_version: int = Field(ge=1, le=MAX_INT)
    cursors: dict[BucketCode, Annotated[int, Field(ge=0, le=MAX_BIGINT)]] = Field(default_factory=dict,
                                                                                   max_length=2000)
    limit: int | None = Field(default=None, ge=1, le=MAX_INT)


class Change(Message):
    """The current state of one record after change `change_no` of its bucket. A tombstone
    has `deleted` true and no `record`."""

    bucket: BucketCode
    change_no: int
    record_type: str
    record_id: str
    version: int
    state: str | None = None
    deleted: bool = False
    sealed: bool = False
    content_hash: Sha256Hex | None = None
    root_id: str | None = None
    revision: int = 1
    supersedes_id: str | None = None
    supersedes_hash: Sha256Hex | None = None
    amend_reason: str | None = None
    record: dict[str, Any] | None = None
    updated_at: datetime | None = None
    updated_by: str | None = None


class BucketChecksum(Message):
    """What a laptop holding every record of the bucket up to `change_no` must have: `count`
    records (tombstones included) whose (id, version) pairs XOR to `xor` (see the checksums section below)."""

    change_no: int
    count: int
    xor: str


class PullResponse(Message):
    changes: list[Change]
    cursors: dict[BucketCode, int]
    has_more: bool
    checksums: dict[BucketCode, BucketChecksum] = Field(default_factory=dict)
    removed_buckets: list[BucketCode] = Field(default_factory=list)


class SnapshotHeader(Message):
    """First line of a snapshot file; the rest are `Change` lines (JSON lines, gzip) or, when
    `rows` names the laptop's row format, mostly row lines (`sync.server.pull.row_line`)."""

    kind: Literal["gridapp-snapshot"] = "gridapp-snapshot"
    bucket: BucketCode
    change_no: int
    count: int
    checksum: BucketChecksum
    rows: str | None = None


# ---------------------------------------------------------------- blobs


class BlobStart(Message):
    size: int = Field(ge=0, le=MAX_BIGINT)


class BlobStatus(Message):
    sha256: Sha256Hex
    size: int
    offset: int
    complete: bool


# ---------------------------------------------------------------- errors


class ErrorBody(Message):
    """Every 4xx/5xx answer: a code for programs, a Chinese message for people."""

    code: str
    message: str
    problems: list[Problem] = Field(default_factory=list)


# ---------------------------------------------------------------- bucket checksums
# The XOR of a 64-bit hash of each record's (id, version), and a count. XOR makes the checksum
# incremental — the server updates it inside the writing transaction by XOR-ing the old version
# out and the new one in — and order-free, so a laptop computes it from its own rows however
# they arrived. Tombstones count (their version moves too).


def item_hash(record_id: str, version: int) -> int:
    """An unsigned 64-bit hash of one record version."""
    digest = hashlib.sha256(f"{record_id}:{version}".encode()).digest()
    return int.from_bytes(digest[:8], "big")


def combine(pairs: Iterable[tuple[str, int]]) -> tuple[int, int]:
    """(count, xor) over (record_id, version) pairs."""
    count, xor = 0, 0
    for record_id, version in pairs:
        count += 1
        xor ^= item_hash(record_id, version)
    return count, xor


def to_hex(xor: int) -> str:
    return f"{xor & 0xFFFF_FFFF_FFFF_FFFF:016x}"


def to_signed(xor: int) -> int:
    """The unsigned value as a signed 64-bit integer (what BIGINT columns hold)."""
    xor &= 0xFFFF_FFFF_FFFF_FFFF
    return xor - (1 << 64) if xor >= 1 << 63 else xor

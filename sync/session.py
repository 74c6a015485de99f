"""Signing in and syncing with the saved account: what the `gridapp login/sync/status` commands
and the desktop app share (no Qt, no prompts)."""

from __future__ import annotations

import platform

from gridapp.store import Store
from sync.client import AuthError, Client, ConflictError
from sync.credentials import ServerAccount, forget_token, load_account, save_account
from sync.engine import Progress, SyncReport, run_sync
from sync.protocol import LoginResponse


def device_name() -> str:
    return f"{platform.node() or '笔记本'}（{platform.system()}）"


def login(store: Store, url: str, username: str, password: str, *, client: Client | None = None) -> ServerAccount:
    """Register this laptop with the county server as a new device and keep the account.

    A laptop that signs in again (another user, or after a clone was detected) gets a new
    device id; its unsent changes keep their sequence numbers, which are unique per device."""
    return keep_account(store, url, ask_server(url, username, password, client=client))


def ask_server(url: str, username: str, password: str, *, client: Client | None = None) -> LoginResponse:
    """The network half of `login` (no database): the window runs it on a network thread."""
    client = client or Client(url)
    return client.login(username, password, device_name())


def keep_account(store: Store, url: str, answer: LoginResponse) -> ServerAccount:
    """The database half of `login`: refuses another user's sign-in while the previous user's
    changes are unsent (they would be sent under the wrong name), else keeps the account."""
    account = ServerAccount(url.rstrip("/"), answer.user.username, answer.device_id, answer.token)
    previous = store.get_meta("server_username")
    if previous and previous != account.username and store.pending_count():
        raise AuthError(f"这台电脑上还有 {previous} 未同步的修改，请先用该账号同步后再换人登录。",
                        code="auth.pending_other_user")
    save_account(store, account)
    store.set_meta("server_role", str(answer.user.role))  # what the window may show (ID numbers masked …)
    return account


def sync_now(store: Store, progress: Progress | None = None, *, client: Client | None = None) -> SyncReport:
    """One sync with the saved account. Raises AuthError when there is no account or the
    server refused the token (the token is then forgotten: the user must sign in again), and
    ConflictError `device.clone` when another copy of this database synced as this device."""
    account = load_account(store)
    if account is None:
        raise AuthError("还没有登录县服务器，请先登录。", code="auth.required")
    client = client or Client(account.url)
    client.token = account.token
    try:
        return run_sync(store, client, progress)
    except AuthError as exc:
        if exc.status == 401:  # the token is dead; a 429 (locked, rate-limited) is not
            forget_token(store)
        raise
    except ConflictError as exc:
        if exc.code == "device.clone":
            forget_token(store)
        raise

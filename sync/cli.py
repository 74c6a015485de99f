"""Headless `gridapp` commands for support staff and scripts: check, backup, restore, demo-data,
login, sync, status.

Exit codes: 0 success, 1 the command ran and found a problem, 2 bad usage or no access.
Messages are Chinese, for the person at the keyboard; nothing here needs a window.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path

from gridapp import __version__
from gridapp.errors import GridAppError, message_for
from sync.client import SyncError


def default_db_path() -> Path:
    """`GRIDAPP_DB`, else the platform's per-user data folder (…/GridApp/gridapp.db)."""
    env = os.environ.get("GRIDAPP_DB")
    if env:
        return Path(env)
    import platformdirs

    return Path(platformdirs.user_data_dir("GridApp", appauthor=False)) / "gridapp.db"


def default_actor() -> str:
    try:
        return os.environ.get("GRIDAPP_USER") or getpass.getuser()
    except (KeyError, OSError):
        return "local"


def _prompt_passphrase(creating: bool) -> str | None:
    env = os.environ.get("GRIDAPP_PASSPHRASE")
    if env:
        return env
    if not sys.stdin or not sys.stdin.isatty():
        return None
    if creating:
        first = getpass.getpass("这台电脑没有系统钥匙串。请设置数据库口令（至少 8 个字符）：")
        second = getpass.getpass("请再输入一次：")
        if first != second:
            raise GridAppError("两次输入的口令不一致。", code="passphrase.mismatch")
        return first
    return getpass.getpass("请输入数据库口令：")


def _open(args: argparse.Namespace, *, create: bool = False):
    from sync.credentials import open_local_store

    path = Path(args.db)
    if not create and not path.exists():
        raise GridAppError(f"找不到数据库：{path}（可用 --db 指定）", code="db.missing")
    return open_local_store(path, actor=default_actor(), prompt=_prompt_passphrase)


def cmd_check(args: argparse.Namespace) -> int:
    with _open(args) as store:
        problems = store.check()
        print(f"数据库：{store.path}")
        print(f"结构版本：{store.schema_version}，待同步修改：{store.pending_count()} 条")
    if problems:
        for line in problems:
            print(f"问题：{line}")
        return 1
    print("检查通过：数据库完好（integrity_check ok，操作日志与封存指纹一致）")
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    from gridapp.backup import make_backup

    with _open(args) as store:
        target = make_backup(store, Path(args.to) if args.to else None)
    print(f"已备份到：{target}")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from gridapp.backup import restore_backup
    from sync.credentials import store_key

    db = Path(args.db)
    pending = 0
    if db.exists():
        with _open(args) as store:
            pending = store.pending_count()
    if pending and not args.yes:
        print(
            f"当前数据库还有 {pending} 条修改没有同步到县服务器。恢复备份后它们只留在旧文件的副本里。\n"
            "请先同步；确定要恢复，请加 --yes。"
        )
        return 1
    key = store_key(db, _prompt_passphrase)
    kept = restore_backup(Path(args.file), db, key)
    print(f"已从 {args.file} 恢复。原数据库已另存为：{kept}")
    print("下次同步前，本机会重新向县服务器登记。")
    return 0


def cmd_demo_data(args: argparse.Namespace) -> int:
    from gridapp import demo

    records = demo.generate(households=args.households, seed=args.seed, township=args.township)
    with _open(args, create=True) as store:
        changes = store.import_records(records)
        counts = {t: store.count(t) for t in sorted(changes.record_types)}
    print(f"已生成演示数据（{args.township}，{args.households} 户，随机种子 {args.seed}）：")
    for rtype, n in counts.items():
        print(f"  {rtype}: {n}")
    return 0


DEMO_PASSPHRASE = "rongan-demo-2024"


def cmd_demo(args: argparse.Namespace) -> int:
    """Create (once) and show a demo database: synthetic data for 浮石镇, searched and checked.

    The demo lives in its own folder, never in the user's real database. Without a keyring its
    passphrase is the published demo passphrase: the data is synthetic."""
    from gridapp import demo
    from gridapp.backup import make_backup

    if args.db == str(default_db_path()):
        args.db = str(default_db_path().parent / "demo" / "gridapp-demo.db")
    os.environ.setdefault("GRIDAPP_PASSPHRASE", DEMO_PASSPHRASE)
    fresh = not Path(args.db).exists()
    with _open(args, create=True) as store:
        if fresh:
            print(f"正在生成演示数据（{args.township}，{args.households} 户）……")
            store.import_records(demo.generate(households=args.households, seed=args.seed,
                                               township=args.township))
        print(f"演示数据库：{store.path}")
        for rtype, label in (("household", "住户"), ("person", "人员"), ("visit", "走访"),
                             ("meeting", "微议事"), ("case", "纠纷案件")):
            print(f"  {label}：{store.count(rtype)}")
        for query in ("下岭尾", "韦"):
            hits = store.search(query, limit=5)
            shown = "、".join(h.title for h in hits if h.title) or "（无）"
            print(f"  搜索“{query}”：{shown}")
        problems = store.check()
        print("  数据库检查：" + ("通过" if not problems else "；".join(problems)))
        print(f"  备份：{make_backup(store)}")
    print("桌面界面将在后续版本中提供；现在可以用 gridapp check / backup / restore 管理这个演示数据库。")
    return 0 if not problems else 1


def cmd_login(args: argparse.Namespace) -> int:
    from sync.session import login

    password = os.environ.get("GRIDAPP_PASSWORD")
    if not password:
        if not sys.stdin or not sys.stdin.isatty():
            raise GridAppError("请输入密码（或设置 GRIDAPP_PASSWORD）。", code="password.missing")
        password = getpass.getpass(f"{args.user} 的密码：")
    with _open(args, create=True) as store:
        account = login(store, args.server, args.user, password)
    print(f"已登录 {account.url}，用户 {account.username}，本机设备编号 {account.device_id}")
    return 0


def cmd_sync(args: argparse.Namespace) -> int:
    from sync.session import sync_now

    def progress(phase: str, done: int, total: int) -> None:
        if args.verbose:
            print(f"  {phase} {done}/{total}", file=sys.stderr)

    with _open(args) as store:
        report = sync_now(store, progress)
    print("同步完成。")
    print(report.summary())
    return 1 if report.problems or report.unverified_buckets else 0


def cmd_status(args: argparse.Namespace) -> int:
    from sync.credentials import load_account

    with _open(args) as store:
        account = load_account(store)
        problems = store.sync_problems()
        print(f"县服务器：{account.url}（{account.username}）" if account else "县服务器：未登录")
        print(f"待同步修改：{store.pending_count()} 条")
        print(f"上次同步：{store.get_meta('last_sync_at') or '从未同步'}")
        print(f"同步问题：{len(problems)} 个")
        for item in problems[:20]:
            what = f"“{item['field']}”" if item["field"] else ""
            print(f"  - {_PROBLEM_KINDS.get(item['kind'], item['kind'])}：{item['record_type']} {item['record_id'][:8]} "
                  f"{what} {item['message'] or ''}".rstrip())
    return 1 if problems else 0


_PROBLEM_KINDS = {"conflict": "冲突", "rejected": "被拒绝", "quarantined": "待乡镇审核"}


def cmd_self_check(_args: argparse.Namespace) -> int:
    from gridapp.selfcheck import run_self_check

    return run_self_check()


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="gridapp", description="GridApp 网格工作台（无界面命令）")
    parser.add_argument("--version", action="version", version=f"gridapp {__version__}")
    parser.add_argument("--self-check", action="store_true", help="自检：加密数据库能否写入和读取")
    parser.add_argument("--db", default=str(default_db_path()), help="数据库文件（默认：本用户的数据文件夹）")
    sub = parser.add_subparsers(dest="command")
    sub.add_parser("check", help="检查数据库是否完好").set_defaults(run=cmd_check)
    backup = sub.add_parser("backup", help="备份数据库（加密）")
    backup.add_argument("--to", help="备份文件夹（默认：数据库旁的 backups 文件夹）")
    backup.set_defaults(run=cmd_backup)
    restore = sub.add_parser("restore", help="从备份恢复")
    restore.add_argument("file")
    restore.add_argument("--yes", action="store_true", help="有未同步的修改也恢复（旧文件会保留）")
    restore.set_defaults(run=cmd_restore)
    login = sub.add_parser("login", help="登录县服务器（密码从提示输入或 GRIDAPP_PASSWORD）")
    login.add_argument("--server", required=True, help="县服务器地址，例如 https://gridapp.rongan.gov.cn")
    login.add_argument("--user", required=True, help="用户名")
    login.set_defaults(run=cmd_login)
    sync = sub.add_parser("sync", help="与县服务器同步")
    sync.add_argument("-v", "--verbose", action="store_true", help="显示进度")
    sync.set_defaults(run=cmd_sync)
    sub.add_parser("status", help="同步状态：待同步修改、上次同步、同步问题").set_defaults(run=cmd_status)
    for name, run, help_text in (
        ("demo-data", cmd_demo_data, "生成演示数据"),
        ("demo", cmd_demo, "演示：生成并查看演示数据库"),
    ):
        demo = sub.add_parser(name, help=help_text)
        demo.add_argument("--households", type=int, default=200)
        demo.add_argument("--seed", type=int, default=2024)
        demo.add_argument("--township", default="浮石镇")
        demo.set_defaults(run=run)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        if args.self_check:
            return cmd_self_check(args)
        if not getattr(args, "run", None):
            build_parser().print_help()
            return 2
        return int(args.run(args))
    except GridAppError as exc:
        print(f"错误：{message_for(exc)}", file=sys.stderr)
        return 2
    except SyncError as exc:
        print(f"同步失败：{exc.message}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("已取消。", file=sys.stderr)
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

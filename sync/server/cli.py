"""`gridapp-server`: the county server's command line — init, serve, users, assignments,
geography and a self-contained demo (docs/server.md).

Exit codes, as for `gridapp`: 0 success; 1 the command ran and found a problem (a name already
taken, a bad row in a data file); 2 bad usage or no access (wrong arguments, unknown user or
code, a database that is missing, unreachable or not initialised, a bad configuration).
Expected errors are one Chinese line on stderr, never a traceback.

Settings come from `load_settings()`: the TOML file named by `--config` (or
GRIDAPP_SERVER_CONFIG), then GRIDAPP_SERVER_* variables; `--database` overrides the URL. Both
options are passed on through the environment, so `serve --workers N` processes see them too.
"""

from __future__ import annotations

import argparse
import getpass
import json
import logging
import os
import socket
import sys
import tomllib
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sync.protocol import Role

ROLE_NAMES = {Role.GRID_WORKER: "网格员", Role.MEDIATOR: "调解员", Role.TOWNSHIP_STAFF: "乡镇工作人员",
              Role.COUNTY_ADMIN: "县级管理员"}
SCOPE_HELP = "网格员填网格编码；调解员填村或乡镇代码；乡镇工作人员填乡镇代码；县级管理员不填"

FUSHI = "浮石镇"
FUSHI_CODE = "450224101"
QUANTOU = "450224101206"  # 浮石镇泉头村 (下岭尾屯's village)
# (username, password, role, display name) of the demo; the passwords are published: the data is synthetic.
DEMO_ACCOUNTS = (
    ("quantou", "quantou-2024", Role.GRID_WORKER, "泉头村网格员"),
    ("tiaojie", "tiaojie-2024", Role.MEDIATOR, "浮石镇调解员"),
    ("fushi", "fushi-2024", Role.TOWNSHIP_STAFF, "浮石镇工作人员"),
    ("rongan", "rongan-2024", Role.COUNTY_ADMIN, "融安县管理员"),
)
DEMO_HOUSEHOLDS = 300


class Stop(Exception):
    """An expected failure: `message` goes to stderr as one line, `code` is the exit code."""

    def __init__(self, message: str, code: int = 2) -> None:
        super().__init__(message)
        self.message = message
        self.code = code


# ---------------------------------------------------------------- settings and database


@contextmanager
def _environment(args: argparse.Namespace) -> Iterator[None]:
    """--config / --database as GRIDAPP_SERVER_* variables for the duration of the command (a
    server's worker processes inherit them), restored afterwards."""
    wanted = {}
    if args.config:
        wanted["GRIDAPP_SERVER_CONFIG"] = str(Path(args.config).resolve())
    if args.database:
        wanted["GRIDAPP_SERVER_DATABASE_URL"] = args.database
    saved = {k: os.environ.get(k) for k in wanted}
    os.environ.update(wanted)
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def _settings(**overrides: Any):  # noqa: ANN202 - Settings; imported late (pydantic-settings is an extra)
    from pydantic import ValidationError

    from sync.server.config import load_settings

    path = os.environ.get("GRIDAPP_SERVER_CONFIG")
    try:
        return load_settings(**overrides)
    except FileNotFoundError:
        raise Stop(f"找不到配置文件：{path}") from None
    except tomllib.TOMLDecodeError as exc:
        raise Stop(f"配置文件格式不对：{path}（{exc}）") from None
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first.get("loc", ()))
        raise Stop(f"配置有误：{where}：{first.get('msg', '')}（共 {exc.error_count()} 处）") from None


def _sqlite_file(url: str) -> Path | None:
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database or parsed.database == ":memory:":
        return None
    return Path(parsed.database)


def _head_revision() -> str:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from sync.server.db import MIGRATIONS

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return ScriptDirectory.from_config(config).get_current_head() or ""


@contextmanager
def _engine(url: str, *, create: bool = False, initialised: bool = True) -> Iterator[Any]:
    """An engine for `url`. Unless `create`, an SQLite file must exist; if `initialised`, the
    schema must be at the newest migration."""
    from sqlalchemy.exc import ArgumentError, NoSuchModuleError

    from sync.server.db import make_engine, schema_revision

    path = _sqlite_file(url)
    if path is not None:
        if not create and not path.exists():
            raise Stop(f"找不到数据库文件：{path}。请先运行 gridapp-server init（或用 --database 指定）。")
        if create:
            path.parent.mkdir(parents=True, exist_ok=True)
    try:
        engine = make_engine(url, pool_size=2)
    except (ArgumentError, NoSuchModuleError) as exc:
        raise Stop(f"数据库地址不对：{url}（{exc}）") from None
    try:
        if initialised:
            revision, head = schema_revision(engine), _head_revision()
            if revision is None:
                raise Stop("数据库还没有初始化。请先运行 gridapp-server init。")
            if revision != head:
                raise Stop(f"数据库结构是 {revision} 版，本程序需要 {head} 版。请先运行 gridapp-server init 升级。")
        yield engine
    finally:
        engine.dispose()


def _initialise(engine: Any, villages: Path | None = None) -> tuple[int, int]:
    from gridapp.geography import load_geography
    from sync.server import geography
    from sync.server.db import migrate

    migrate(engine)
    with engine.begin() as conn:
        return geography.import_geography(conn, load_geography(villages))


def _revision(engine: Any) -> str:
    from sync.server.db import schema_revision

    return schema_revision(engine) or "?"


# ---------------------------------------------------------------- init, serve


def _every_50000(done: int) -> None:
    if done % 50_000 == 0:
        print(f"  已处理 {done} 条需要重新计算快照行的记录……", flush=True)


def cmd_init(args: argparse.Namespace) -> int:
    from sync.server.writes import refresh_kept_rows

    settings = _settings()
    with _engine(settings.database_url, create=True, initialised=False) as engine:
        added_t, added_v = _initialise(engine)
        print(f"数据库：{_safe_url(settings.database_url)}")
        print(f"数据库结构版本：{_revision(engine)}")
        print(f"县域地理：新增乡镇 {added_t} 个、村/社区 {added_v} 个"
              + ("" if added_t or added_v else "（已全部导入）"))
        refreshed = refresh_kept_rows(engine, progress=_every_50000)
        if refreshed:
            print(f"快照行：按本版本重新计算了 {refreshed} 条记录（首次同步因此更快）")
        grids = _count(engine, "grids")
        if not grids:
            print("还没有网格：用 gridapp-server import-geography --grids 网格.csv 导入（或 --demo-grids 演示网格）。")
    return 0


def app_from_environment():  # noqa: ANN201 - FastAPI
    """The uvicorn app factory (`sync.server.cli:app_from_environment`, factory=True): each
    worker process builds its app from the configuration file and GRIDAPP_SERVER_* variables."""
    from sync.server.app import create_app

    return create_app(_settings())


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger and the message — merged in when the
    message is itself a JSON object (the access log of sync/server/app.py)."""

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {"time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
                                "level": record.levelname, "logger": record.name}
        message = record.getMessage()
        parsed = None
        if message.startswith("{"):
            try:
                parsed = json.loads(message)
            except ValueError:
                parsed = None
        if isinstance(parsed, dict):
            line.update(parsed)
        else:
            line["message"] = message
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False, default=str)


def log_config(level: str) -> dict[str, Any]:
    level = level.upper()
    handler = {"class": "logging.StreamHandler", "formatter": "json", "stream": "ext://sys.stderr"}
    quiet = {"handlers": ["stderr"], "level": level, "propagate": False}
    return {
        "version": 1, "disable_existing_loggers": False,
        "formatters": {"json": {"()": "sync.server.cli.JsonFormatter"}},
        "handlers": {"stderr": handler},
        "loggers": {"uvicorn": quiet, "uvicorn.error": {"level": level}, "uvicorn.access": quiet,
                    "gridapp": quiet},
        "root": {"handlers": ["stderr"], "level": "WARNING"},
    }


def _check_port(host: str, port: int) -> None:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as exc:
            raise Stop(f"无法在 {host}:{port} 上启动：端口已被占用或地址不对（{exc.strerror}）。") from None


def _uvicorn(app: Any, *, host: str, port: int, workers: int, level: str, factory: bool) -> int:
    import uvicorn

    _check_port(host, port)
    uvicorn.run(app, factory=factory, host=host, port=port, workers=workers if factory else None,
                log_config=log_config(level), log_level=level.lower(), access_log=False,
                proxy_headers=True, server_header=False)
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    if args.workers < 1:
        raise Stop("--workers 至少为 1。")
    settings = _settings()
    with _engine(settings.database_url):
        pass  # refuses a missing or uninitialised database before anything listens
    if args.workers > 1 and _sqlite_file(settings.database_url):
        print("提示：SQLite 一次只允许一个写入者；多个工作进程请用 PostgreSQL。")
    print(f"GridApp 县级同步服务器：http://{_url_host(args.host)}:{args.port}"
          f"（数据库 {_safe_url(settings.database_url)}，{args.workers} 个工作进程；Ctrl+C 停止）", flush=True)
    return _uvicorn("sync.server.cli:app_from_environment", host=args.host, port=args.port,
                    workers=args.workers, level=settings.log_level, factory=True)


# ---------------------------------------------------------------- users and assignments


def _password(args: argparse.Namespace, username: str) -> str:
    if getattr(args, "password_stdin", False):
        password = sys.stdin.readline().rstrip("\r\n")
        if not password:
            raise Stop("标准输入里没有密码。")
        return password
    env = os.environ.get("GRIDAPP_PASSWORD")
    if env:
        return env
    if not sys.stdin or not sys.stdin.isatty():
        raise Stop("请给出密码：--password-stdin（从标准输入读一行）或环境变量 GRIDAPP_PASSWORD。")
    first = getpass.getpass(f"请输入“{username}”的新密码（至少 8 位）：")
    second = getpass.getpass("请再输入一次：")
    if first != second:
        raise Stop("两次输入的密码不一致。")
    return first


def cmd_user_add(args: argparse.Namespace) -> int:
    from sync.server import accounts

    settings = _settings()
    with _engine(settings.database_url) as engine:
        password = _password(args, args.name)
        with engine.begin() as conn:
            accounts.add_user(conn, args.name, password, args.role, display_name=args.display_name,
                              mediator_id=args.mediator_id)
    role = Role(args.role)
    print(f"已创建用户 {args.name.strip()}（{ROLE_NAMES[role]}）。")
    if role is not Role.COUNTY_ADMIN:
        print(f"下一步：gridapp-server assign {args.name.strip()} 代码……（{SCOPE_HELP}）")
    return 0


def cmd_user_list(args: argparse.Namespace) -> int:
    from sync.server import accounts
    from sync.server.db import reading

    settings = _settings()
    with _engine(settings.database_url) as engine, reading(engine) as conn:
        items = accounts.list_users(conn)
    if not items:
        print("还没有用户。用 gridapp-server user add 创建。")
        return 0
    rows = [(u["username"], u["display_name"], f"{u['role']}（{ROLE_NAMES[Role(u['role'])]}）",
             ",".join(u["scopes"]) or "-", "是" if u["disabled"] else "") for u in items]
    print(_table(("用户名", "姓名", "角色", "辖区", "停用"), rows))
    print(f"共 {len(items)} 个用户")
    return 0


def cmd_user_disable(args: argparse.Namespace, disabled: bool = True) -> int:
    from sync.server import accounts

    settings = _settings()
    with _engine(settings.database_url) as engine, engine.begin() as conn:
        revoked = accounts.set_disabled(conn, args.name, disabled)
    if disabled:
        print(f"已停用 {args.name}，收回了 {revoked} 台设备的登录。")
    else:
        print(f"已启用 {args.name}。以前的设备需要重新登录。")
    return 0


def cmd_user_enable(args: argparse.Namespace) -> int:
    return cmd_user_disable(args, disabled=False)


def cmd_user_reset_password(args: argparse.Namespace) -> int:
    from sync.server import accounts

    settings = _settings()
    with _engine(settings.database_url) as engine:
        with engine.begin() as conn:
            accounts.user_by_name(conn, args.name)  # "no such user" before asking for a password
        password = _password(args, args.name)
        with engine.begin() as conn:
            accounts.reset_password(conn, args.name, password)
    print(f"已重设 {args.name} 的密码并解除锁定；其所有设备需要用新密码重新登录。")
    return 0


def cmd_assign(args: argparse.Namespace) -> int:
    from sync.server import accounts

    settings = _settings()
    with _engine(settings.database_url) as engine, engine.begin() as conn:
        buckets = accounts.assign(conn, args.name, args.scopes, role=args.role)
        role = Role(accounts.user_by_name(conn, args.name)["role"])
    print(f"已为 {args.name}（{ROLE_NAMES[role]}）分配辖区：{'、'.join(sorted(set(args.scopes))) or '（全县）'}")
    if role is Role.COUNTY_ADMIN:
        print(f"同步范围：全县 {len(buckets)} 个村/社区")
    else:
        shown = "、".join(buckets[:20]) + (f" 等 {len(buckets)} 个" if len(buckets) > 20 else "")
        print(f"同步范围：{len(buckets)} 个村/社区" + (f"：{shown}" if buckets else ""))
    return 0


# ---------------------------------------------------------------- geography


def cmd_import_geography(args: argparse.Namespace) -> int:
    from gridapp.geography import load_geography
    from sync.server import geography

    settings = _settings()
    villages = Path(args.villages) if args.villages else None
    geo = load_geography(villages)
    rows = None
    if args.grids:
        try:
            rows = geography.read_grid_csv(Path(args.grids))
        except FileNotFoundError:
            raise Stop(f"找不到网格文件：{args.grids}") from None
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            raise Stop(f"读不了网格文件：{args.grids}（{exc}）", code=1) from None
    elif args.demo_grids:
        rows = geography.demo_grid_rows(geo)
    with _engine(settings.database_url) as engine:
        with engine.begin() as conn:
            added_t, added_v = geography.import_geography(conn, geo)
            written = geography.import_grids(conn, rows) if rows is not None else 0
        print(f"乡镇：新增 {added_t} 个；村/社区：新增 {added_v} 个（共 {_count(engine, 'villages')} 个）")
        if rows is not None:
            print(f"网格：写入 {written} 个（共 {_count(engine, 'grids')} 个）")
    return 0


# ---------------------------------------------------------------- demo


def default_demo_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_data_dir("GridApp", appauthor=False)) / "server-demo"


def _demo_mediator(records: list[Any]) -> Any | None:
    """The demo Mediator who sits on the most 浮石镇 cases (the first such, deterministically)."""
    mediators = {r.id: r for r in records if r.RECORD_TYPE == "mediator"}
    counts: dict[str, int] = {}
    for case in (r for r in records if r.RECORD_TYPE == "case"):
        for assigned in case.mediators:
            if assigned.mediator_id in mediators:
                counts[assigned.mediator_id] = counts.get(assigned.mediator_id, 0) + 1
    if not counts:
        return next(iter(mediators.values()), None)
    best = max(counts.values())
    return mediators[next(mid for mid, n in counts.items() if n == best)]


def cmd_demo(args: argparse.Namespace) -> int:
    """A demo server in its own folder: an SQLite database with the county's geography, the demo
    grid plan, one account per role in 浮石镇 and synthetic data for 浮石镇; then serve it."""
    from sqlalchemy import select

    from gridapp import demo
    from sync.server import accounts, geography
    from sync.server.app import create_app
    from sync.server.config import Settings
    from sync.server.tables import grids

    if args.database or args.config:
        raise Stop("demo 总是使用 --data-dir 里自己的 SQLite 数据库，不能和 --database/--config 一起用。")
    folder = Path(args.data_dir) if args.data_dir else default_demo_dir()
    db_file = folder / "gridapp-server-demo.db"
    reused = db_file.exists()
    settings = Settings(database_url=f"sqlite:///{db_file}", blob_dir=folder / "blobs",
                        snapshot_dir=folder / "snapshots")
    print(("使用已有的" if reused else "正在创建") + f"演示服务器数据库：{db_file}")
    records = demo.generate(households=args.households, seed=args.seed, township=FUSHI)
    mediator = _demo_mediator(records)
    with _engine(settings.database_url, create=True, initialised=False) as engine:
        _initialise(engine)
        if not _count(engine, "grids"):
            with engine.begin() as conn:
                from gridapp.geography import load_geography

                geography.import_grids(conn, geography.demo_grid_rows(load_geography()))
        with engine.begin() as conn:
            quantou_grids = sorted(conn.execute(select(grids.c.code).where(grids.c.village_code == QUANTOU)).scalars())
            scopes = {Role.GRID_WORKER: quantou_grids, Role.MEDIATOR: [FUSHI_CODE],
                      Role.TOWNSHIP_STAFF: [FUSHI_CODE], Role.COUNTY_ADMIN: []}
            existing = {u["username"] for u in accounts.list_users(conn)}
            for username, password, role, display in DEMO_ACCOUNTS:
                if username in existing:
                    continue
                mediator_id = mediator.id if role is Role.MEDIATOR and mediator else None
                if mediator_id and mediator.name:
                    display = f"{mediator.name}（调解员）"
                accounts.add_user(conn, username, password, role, display_name=display, mediator_id=mediator_id)
                if scopes[role]:
                    accounts.assign(conn, username, scopes[role])
        have = _count(engine, "records")
        if have:
            print(f"演示数据已经导入（{have} 条记录），不再重复导入。")
        else:
            _load_demo_records(engine, settings, records, args.households, args.seed)
        with engine.begin() as conn:
            shown = {u["username"]: u for u in accounts.list_users(conn)}
    url = f"http://{_url_host(args.host)}:{args.port}"
    print()
    print(f"演示服务器地址：{url}（接口说明：{url}/docs）")
    rows = []
    for username, password, role, _display in DEMO_ACCOUNTS:
        user = shown.get(username)
        territory = {Role.GRID_WORKER: f"泉头村 {len(scopes[role])} 个网格", Role.MEDIATOR: "浮石镇（调解案件）",
                     Role.TOWNSHIP_STAFF: "浮石镇", Role.COUNTY_ADMIN: "全县"}[role]
        rows.append((ROLE_NAMES[role], username, password, user["display_name"] if user else "", territory))
    print(_table(("角色", "用户名", "密码", "姓名", "辖区"), rows))
    print("这些是公开的演示密码，数据全是虚构的；不要把演示服务器放到公网上。")
    if args.no_serve:
        return 0
    print("按 Ctrl+C 停止。", flush=True)
    return _uvicorn(create_app(settings), host=args.host, port=args.port, workers=1, level=settings.log_level,
                    factory=False)


def _load_demo_records(engine: Any, settings: Any, records: list[Any], households: int, seed: int) -> None:
    from gridapp.demo import stand_in_bytes
    from sync.server import accounts, blobs
    from sync.server.push import import_records

    print(f"正在导入浮石镇演示数据（{households} 户）……")
    count = import_records(engine, records, username="demo")
    with engine.begin() as conn:
        admin = accounts.user_by_name(conn, "rongan")["id"]
    attachments = [r for r in records if r.RECORD_TYPE == "attachment" and r.sha256]
    for record in attachments:  # the bytes the records point at, so laptops can download them
        blobs.store_complete(engine, settings, stand_in_bytes(seed, record.id, record.filename or ""), admin)
    print(f"已导入 {count} 条演示记录、{len(attachments)} 个附件。")


# ---------------------------------------------------------------- small helpers


def _count(engine: Any, table_name: str) -> int:
    from sqlalchemy import func, select

    from sync.server import tables
    from sync.server.db import reading

    with reading(engine) as conn:
        return conn.execute(select(func.count()).select_from(getattr(tables, table_name))).scalar_one()


def _safe_url(url: str) -> str:
    from sqlalchemy.engine import make_url

    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # noqa: BLE001 - only for display
        return url


def _url_host(host: str) -> str:
    return f"[{host}]" if ":" in host else host


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _table(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> str:
    """A plain-text table whose columns line up with Chinese text (double-width characters)."""
    widths = [max(_width(str(r[i])) for r in (header, *rows)) for i in range(len(header))]
    lines = []
    for row in (header, tuple("-" * w for w in widths), *rows):
        cells = [str(cell) + " " * (w - _width(str(cell))) for cell, w in zip(row, widths, strict=True)]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)


# ---------------------------------------------------------------- parser


class _Parser(argparse.ArgumentParser):
    """argparse with its usage errors in Chinese (exit code 2)."""

    _WORDS = (("the following arguments are required", "缺少参数"), ("unrecognized arguments", "无法识别的参数"),
              ("invalid choice", "无效的选项"), ("choose from", "可选"), ("invalid int value", "不是整数"),
              ("expected one argument", "需要一个值"), ("not allowed with argument", "不能与此同用"),
              ("argument ", "参数 "))

    def error(self, message: str) -> None:  # type: ignore[override]
        for english, chinese in self._WORDS:
            message = message.replace(english, chinese)
        self.print_usage(sys.stderr)
        self.exit(2, f"错误：{message}\n")


def build_parser() -> argparse.ArgumentParser:
    roles = [r.value for r in Role]
    role_help = "角色：" + "，".join(f"{r.value}（{ROLE_NAMES[r]}）" for r in Role)
    parser = _Parser(prog="gridapp-server", description="GridApp 县级同步服务器（融安县）：初始化、运行、账号与辖区管理")
    parser.add_argument("--config", metavar="FILE", help="TOML 配置文件（[server] 表；默认读环境变量 GRIDAPP_SERVER_CONFIG）")
    parser.add_argument("--database", metavar="URL",
                        help="数据库地址，覆盖配置：sqlite:///文件路径 或 postgresql+psycopg://用户:密码@主机/库名")
    sub = parser.add_subparsers(dest="command", metavar="命令", parser_class=_Parser)

    sub.add_parser("init", help="创建或升级数据库结构，导入县域乡镇和村").set_defaults(run=cmd_init)

    serve = sub.add_parser("serve", help="运行同步服务器")
    serve.add_argument("--host", default="127.0.0.1", help="监听地址（默认 127.0.0.1；反向代理在本机时保持默认）")
    serve.add_argument("--port", type=int, default=8080, help="端口（默认 8080）")
    serve.add_argument("--workers", type=int, default=1, help="工作进程数（默认 1；多个进程需 PostgreSQL）")
    serve.set_defaults(run=cmd_serve)

    user = sub.add_parser("user", help="账号管理：add / list / disable / enable / reset-password")
    user_sub = user.add_subparsers(dest="user_command", metavar="操作", parser_class=_Parser)
    add = user_sub.add_parser("add", help="新建账号")
    add.add_argument("name", help="用户名（登录用，不能有空格）")
    add.add_argument("--role", required=True, choices=roles, help=role_help)
    add.add_argument("--display-name", help="姓名（默认同用户名）")
    add.add_argument("--mediator-id", help="调解员对应的调解员记录 id（Mediator）")
    add.add_argument("--password-stdin", action="store_true", help="从标准输入读密码（否则用 GRIDAPP_PASSWORD 或提示输入）")
    add.set_defaults(run=cmd_user_add)
    user_sub.add_parser("list", help="列出所有账号").set_defaults(run=cmd_user_list)
    for name, run, text in (("disable", cmd_user_disable, "停用账号（同时收回其所有设备的登录）"),
                            ("enable", cmd_user_enable, "重新启用账号")):
        one = user_sub.add_parser(name, help=text)
        one.add_argument("name", help="用户名")
        one.set_defaults(run=run)
    reset = user_sub.add_parser("reset-password", help="重设密码（解除锁定，所有设备需重新登录）")
    reset.add_argument("name", help="用户名")
    reset.add_argument("--password-stdin", action="store_true", help="从标准输入读密码（否则用 GRIDAPP_PASSWORD 或提示输入）")
    reset.set_defaults(run=cmd_user_reset_password)
    user.set_defaults(run=None, help_parser=user)

    assign = sub.add_parser("assign", help="分配辖区（替换原有的）")
    assign.add_argument("name", help="用户名")
    assign.add_argument("scopes", nargs="*", metavar="SCOPE", help=SCOPE_HELP)
    assign.add_argument("--role", choices=roles, help="同时改变角色；" + role_help)
    assign.set_defaults(run=cmd_assign)

    geo = sub.add_parser("import-geography", help="导入乡镇、村和网格")
    geo.add_argument("--villages", metavar="CSV", help="村名单（默认：程序自带的 rongan-villages.csv）")
    grids = geo.add_mutually_exclusive_group()
    grids.add_argument("--grids", metavar="CSV", help="网格表：列 grid_code,grid_name,village_code,hamlets（屯用“、”分隔）")
    grids.add_argument("--demo-grids", action="store_true", help="演示用网格方案（全县 1516 个网格）")
    geo.set_defaults(run=cmd_import_geography)

    demo = sub.add_parser("demo", help="演示服务器：浮石镇的虚构数据和每种角色一个账号")
    demo.add_argument("--host", default="127.0.0.1", help="监听地址（默认 127.0.0.1）")
    demo.add_argument("--port", type=int, default=8765, help="端口（默认 8765）")
    demo.add_argument("--data-dir", metavar="DIR", help="演示数据文件夹（默认：本用户数据文件夹下的 GridApp/server-demo）")
    demo.add_argument("--households", type=int, default=DEMO_HOUSEHOLDS, help=f"演示住户数（默认 {DEMO_HOUSEHOLDS}）")
    demo.add_argument("--seed", type=int, default=2024, help="随机种子（默认 2024）")
    demo.add_argument("--no-serve", action="store_true", help="只准备好数据库，不启动服务器")
    demo.set_defaults(run=cmd_demo)
    return parser


def _exit_code_for(exc: Exception) -> int:
    """1: the command ran and found a problem in the data; 2: bad usage or no access."""
    from gridapp.geography import GeographyDataError
    from sync.server.errors import Conflict, ServerError

    if isinstance(exc, Conflict | GeographyDataError):
        return 1
    if isinstance(exc, ServerError) and exc.code == "grid.bad_row":
        return 1
    return 2


def main(argv: list[str] | None = None) -> int:
    from sqlalchemy.exc import OperationalError

    from gridapp.errors import GridAppError, message_for
    from sync.server.errors import ServerError

    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, or a usage error already printed
        return int(exc.code or 0)
    run = getattr(args, "run", None)
    if run is None:
        (getattr(args, "help_parser", None) or parser).print_help(sys.stderr)
        return 2
    try:
        with _environment(args):
            return int(run(args))
    except Stop as exc:
        print(f"错误：{exc.message}", file=sys.stderr)
        return exc.code
    except (ServerError, GridAppError) as exc:
        message = exc.message if isinstance(exc, ServerError) else message_for(exc)
        print(f"错误：{message}", file=sys.stderr)
        return _exit_code_for(exc)
    except OperationalError as exc:
        reason = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
        print(f"错误：连不上数据库或数据库出错：{reason}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("已取消。", file=sys.stderr)
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

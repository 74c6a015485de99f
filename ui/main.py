"""The `gridapp` command: the desktop app, or a headless command for support staff and scripts."""

from __future__ import annotations

import sys

HEADLESS_COMMANDS = {
    "check", "backup", "restore", "demo-data", "demo", "login", "sync", "status", "--self-check", "-h", "--help",
    "--version",
}


def main(argv: list[str] | None = None) -> int:
    """Run a headless command when one is named, else start the desktop window.

    The headless path never imports Qt, so support staff can repair a database on a machine
    whose display libraries are broken.
    """
    args = list(sys.argv[1:] if argv is None else argv)
    if args[:1] == ["demo"] and "--headless" not in args:  # the newcomer's demo: server + window
        from ui.demo import run_demo

        return run_demo(args[1:])
    if args[:1] == ["demo"]:
        args.remove("--headless")
    if any(arg in HEADLESS_COMMANDS for arg in args):
        from sync.cli import main as headless_main

        return headless_main(args)
    from ui.app import run_desktop

    return run_desktop(args)


if __name__ == "__main__":  # pragma: no cover - PyInstaller and `python -m ui.main`
    sys.exit(main())

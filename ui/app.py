"""The desktop application's start. The windows arrive with the desktop issue; until then the
command says so plainly instead of opening an empty window."""

from __future__ import annotations

import sys


def run_desktop(args: list[str]) -> int:
    print(
        "GridApp 桌面界面尚在开发中。现在可用的命令：gridapp demo、gridapp check、"
        "gridapp backup、gridapp restore 文件、gridapp demo-data --households N、gridapp login、gridapp sync、"
        "gridapp status、gridapp --self-check",
        file=sys.stderr,
    )
    return 2

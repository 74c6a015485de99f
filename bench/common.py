"""Shared pieces of the benchmarks: synthetic visits and a small timing helper."""

from __future__ import annotations

import os
import random
import statistics
import time
from contextlib import contextmanager
from datetime import datetime, timedelta, timezone

from gridapp.ids import new_id
from gridapp.models import VisitRecord

CST = timezone(timedelta(hours=8))
VILLAGE = "450224101201"
SURNAMES = ["韦", "覃", "蓝", "莫", "梁", "黄", "潘", "龙", "吴", "杨", "石", "欧阳", "廖", "唐"]
GIVEN = ["秀英", "桂芳", "志强", "小燕", "明", "建华", "玉兰", "海", "春梅", "国庆", "金凤", "德才"]
HAMLETS = ["下岭尾屯", "上寨屯", "大塘屯", "高岩屯", "新村屯", "龙门屯"]
PHRASES = [
    "了解到老人腿脚不便，已联系村医上门。", "宣讲了医保缴费政策，户主表示理解。",
    "排查邻里用水纠纷苗头，已约双方到村委协商。", "核实家庭人口信息，新增一名新生儿。",
    "留守儿童学习情况良好，叮嘱监护人注意防溺水。", "检查房屋用电线路，提醒更换老化插座。",
    "户主反映道路积水，已报村委安排修补。", "彩椒基地务工收入稳定，家庭生活改善。",
]


def synthetic_visits(n: int, seed: int = 7) -> list[VisitRecord]:
    """`n` valid, varied draft visits in one village (the bulk benchmark and search corpus)."""
    rng = random.Random(seed)
    start = datetime(2026, 1, 5, 8, 0, tzinfo=CST)
    staff = new_id()
    visits = []
    for i in range(n):
        at = start + timedelta(minutes=37 * i)
        name = rng.choice(SURNAMES) + rng.choice(GIVEN)
        visits.append(VisitRecord(
            village_code=VILLAGE, target_kind="household", household_id=new_id(),
            interviewee_name_text=name, visitor_staff_ids=[staff], started_at=at,
            ended_at=at + timedelta(minutes=30), visit_mode="home",
            purposes=[rng.choice(["info_collection", "policy_explanation", "risk_followup"])],
            summary=f"{rng.choice(HAMLETS)}{name}家：{rng.choice(PHRASES)}{rng.choice(PHRASES)}",
            notice_given=True, visit_no=f"{VILLAGE}-ZF-{at:%Y%m%d}-{i + 1}",
        ))
    return visits


@contextmanager
def timer(results: dict[str, float], name: str):
    """The block's time under `name`, started after `os.sync()`: the write-back of what ran
    before (earlier runs' databases) must not slow this one's commits (as in bench_sync)."""
    os.sync()
    t0 = time.perf_counter()
    yield
    results[name] = time.perf_counter() - t0


@contextmanager
def best_of(results: dict[str, float], name: str):
    """Like `timer`, but keeps the smallest time seen under `name`."""
    seen: dict[str, float] = {}
    with timer(seen, name):
        yield
    results[name] = min(seen[name], results.get(name, seen[name]))


def median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def p95_ms(samples: list[float]) -> float:
    return sorted(samples)[int(len(samples) * 0.95) - 1] * 1000

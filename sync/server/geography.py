"""Loading the county's geography into the server: townships, villages (the sync buckets) and
grids. The villages come from `resources/data/rongan-villages.csv`; grids from a CSV with
columns `grid_code,grid_name,village_code,hamlets` (hamlets separated by "、")."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from sqlalchemy import Connection, select

from gridapp.geography import Geography
from sync.server.errors import BadRequest
from sync.server.tables import buckets, grids, townships, villages


def import_geography(conn: Connection, geography: Geography) -> tuple[int, int]:
    """Insert the townships and villages not yet present, and a bucket per village;
    returns (townships added, villages added). Existing rows are kept (codes never change)."""
    have_t = set(conn.execute(select(townships.c.code)).scalars())
    have_v = set(conn.execute(select(villages.c.code)).scalars())
    have_b = set(conn.execute(select(buckets.c.code)).scalars())
    new_t = [{"code": t.code, "name": t.name} for t in geography.townships if t.code not in have_t]
    all_v = [v for t in geography.townships for v in geography.villages_of(t.code)]
    new_v = [{"code": v.code, "name": v.name, "township_code": v.township_code} for v in all_v if v.code not in have_v]
    new_b = [{"code": v.code} for v in all_v if v.code not in have_b]
    for table, rows in ((townships, new_t), (villages, new_v), (buckets, new_b)):
        if rows:
            conn.execute(table.insert(), rows)
    return len(new_t), len(new_v)


def import_grids(conn: Connection, rows: list[dict[str, str]]) -> int:
    """Insert or update grids; returns how many rows were written. Raises BadRequest naming the
    first row whose village is unknown (nothing is written then)."""
    known = set(conn.execute(select(villages.c.code)).scalars())
    existing = set(conn.execute(select(grids.c.code)).scalars())
    inserts, updates = [], []
    for n, row in enumerate(rows, start=2):
        code, name = row.get("grid_code", "").strip(), row.get("grid_name", "").strip()
        village = row.get("village_code", "").strip()
        if not code or not name or village not in known:
            raise BadRequest(f"第 {n} 行：网格编码、名称不能为空，村代码必须是已导入的村（{village}）。",
                             code="grid.bad_row")
        hamlets = json.dumps([h for h in row.get("hamlets", "").split("、") if h], ensure_ascii=False)
        values = {"code": code, "name": name, "village_code": village, "hamlets": hamlets}
        (updates if code in existing else inserts).append(values)
        existing.add(code)
    if inserts:
        conn.execute(grids.insert(), inserts)
    for values in updates:
        conn.execute(grids.update().where(grids.c.code == values["code"]).values(**values))
    return len(rows)


def read_grid_csv(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


COUNTY_GRIDS = 1516  # 融安县's grid count (background-rongan.txt)


def demo_grid_rows(geography: Geography, total: int = COUNTY_GRIDS) -> list[dict[str, str]]:
    """A plausible grid plan for the demo and benchmarks: `total` grids shared among the
    villages in proportion to their (demo) hamlets, each grid holding some of its village's
    hamlets. Codes are `<village code>G<nn>`. The real plan is imported with `import-geography --grids`."""
    from gridapp.demo import hamlet_names

    villages_ = [v for t in geography.townships for v in geography.villages_of(t.code)]
    hamlets = {v.code: hamlet_names(v) for v in villages_}
    weight = sum(len(h) for h in hamlets.values())
    shares = {v.code: total * len(hamlets[v.code]) / weight for v in villages_}
    counts = {code: max(1, int(share)) for code, share in shares.items()}
    # Largest remainders get the grids still missing, so the total is exact.
    for code in sorted(shares, key=lambda c: shares[c] - int(shares[c]), reverse=True):
        if sum(counts.values()) >= total:
            break
        counts[code] += 1
    rows = []
    for v in villages_:
        names = hamlets[v.code]
        for i in range(counts[v.code]):
            mine = names[i::counts[v.code]] or [names[i % len(names)]]
            rows.append({"grid_code": f"{v.code}G{i + 1:02d}", "grid_name": f"{v.name[:-3] or v.name}第{i + 1}网格",
                         "village_code": v.code, "hamlets": "、".join(mine)})
    return rows

"""The desktop's lists (`gridapp.listing`): ids in order, columns labelled, filters that narrow."""

from __future__ import annotations

from datetime import date

from gridapp import demo
from gridapp.listing import LISTS, ListFilter


def _households_with_visits(store):
    store.import_records(demo.generate(households=40, seed=11))
    return store.list_ids("household")


def test_lists_hold_every_live_record_once_with_labelled_columns(store):
    ids = _households_with_visits(store)
    assert len(ids) == len(set(ids)) == store.count("household")
    rows = store.list_rows("household", ids)
    assert set(rows) == set(ids)
    assert all(len(row) == len(LISTS["household"]) for row in rows.values())
    visits = store.list_ids("visit")
    starts = [r[0] for r in store.list_rows("visit", visits).values()]
    assert sorted(starts, reverse=True) == [store.list_rows("visit", [i])[i][0] for i in visits]  # newest first
    assert all(s in {"草稿", "已完成", "已同步", "已审核", "已受理", "已退回"}
               for s in (r[-1] for r in store.list_rows("visit", visits).values()))


def test_not_visited_for_n_days_uses_the_last_visit(store):
    ids = _households_with_visits(store)
    rows = store.list_rows("household", ids)
    today = date(2026, 11, 1)
    stale = set(store.list_ids("household", ListFilter(not_visited_days=60, today=today)))
    for household_id, row in rows.items():
        last = row[-1]
        expected = (not last) or date.fromisoformat(last) < date(2026, 9, 2)
        assert (household_id in stale) == expected, (household_id, last)


def test_a_deleted_household_leaves_the_list(store):
    ids = _households_with_visits(store)
    store.delete(ids[0], reason="重复登记")
    assert ids[0] not in store.list_ids("household")
    assert store.list_rows("household", [ids[0]]) == {}


def test_a_tag_filter_finds_households_by_their_own_tag(store):
    ids = _households_with_visits(store)
    tagged = {i for i in ids if store.get(i).household_tags}
    for tag in {t for i in tagged for t in store.get(i).household_tags}:
        found = set(store.list_ids("household", ListFilter(household_tag=tag)))
        assert {i for i in tagged if tag in store.get(i).household_tags} <= found


def test_a_family_disputes_content_never_shows_in_the_case_list(store):
    """婚姻家庭 content is sensitive (privacy C3): the list names the kind of case, not its story."""

    store.import_records(demo.generate(households=30, seed=7))
    family = [s.id for s in store.summaries("case") if store.get(s.id).dispute_type == "marriage_family"]
    other = [s.id for s in store.summaries("case") if store.get(s.id).dispute_type != "marriage_family"]
    assert family and other
    rows = store.list_rows("case", family + other[:3])
    summary = [c.key for c in LISTS["case"]].index("summary")
    for case_id in family:
        assert store.get(case_id).summary[:6] not in rows[case_id][summary]
        assert "家事纠纷" in rows[case_id][summary]
    for case_id in other[:3]:
        assert rows[case_id][summary] == store.get(case_id).summary[:40]

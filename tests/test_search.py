"""Chinese search: any substring of three characters or more, and a surname prefix for shorter."""

from __future__ import annotations

from tests.support import factories as f


def _ids(hits):
    return [h.id for h in hits]


def test_a_three_character_substring_finds_names_addresses_and_free_text(store):
    wei = f.person("韦桂英")
    home = f.household(wei)
    visit = f.visit(home.id, summary="了解到韦家老人腿脚不便，已联系村医上门。")
    for record in (wei, home, visit):
        store.save(record)
    assert _ids(store.search("下岭尾")) == [home.id]          # inside an address
    assert _ids(store.search("联系村医")) == [visit.id]        # inside free text
    assert _ids(store.search("韦桂英")) == [wei.id]
    assert store.search("彩椒基地") == []


def test_a_short_query_finds_people_by_surname_prefix(store):
    people = [f.person(n) for n in ("欧阳明", "欧阳秀兰", "欧小红", "韦欧阳")]
    for p in people:
        store.save(p)
    assert sorted(h.title for h in store.search("欧阳")) == ["欧阳明", "欧阳秀兰"]
    assert sorted(h.title for h in store.search("欧")) == ["欧小红", "欧阳明", "欧阳秀兰"]
    assert store.search(" ") == []


def test_search_follows_edits_and_can_be_limited_to_types(store):
    p = f.person("覃小燕")
    store.save(p)
    current = store.get(p.id)
    current.full_name = "覃晓燕"
    store.save(current)
    assert store.search("覃小燕") == []
    assert _ids(store.search("覃晓燕")) == [p.id]
    assert store.search("覃晓燕", types=["visit"]) == []
    assert _ids(store.search("覃", types=["person"])) == [p.id]


def test_quotes_and_operators_in_a_query_are_plain_text(store):
    store.save(f.person("韦\"AND\"明"))
    assert store.search('"AND" OR') == []
    assert len(store.search('韦"AND"明')) == 1

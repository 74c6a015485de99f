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


def test_many_records_indexed_at_once_are_found_exactly_as_text_bound_as_it_is(store):
    # The index gets its texts as one JSON array (a first sync's part, an import, a single save):
    # text that JSON must escape reads back as it was, found as the same text bound plainly is.
    from gridapp import search

    texts = ['他说"明天再来"', "路径 C:\\村委\\台账", "第一行\n第二行\t缩进", "点赞👍三次", "括号[0]与{键}",
             "\u2028分隔\x01控制", "长" * 3000 + "尾巴在这里", "普通的走访记录"]
    names = [f'韦"{i}"\\' for i in range(len(texts))]
    conn = store._conn
    with store._transaction():
        for i, (text, name) in enumerate(zip(texts, names, strict=True), start=1):
            conn.execute("INSERT INTO search(rowid, text) VALUES (?, ?)", (i, text))
            conn.execute("INSERT INTO search_names(record_rowid, name) VALUES (?, ?)", (i, name))
        search.index_many(conn, [(100 + i, t) for i, t in enumerate(texts, start=1)],
                          [(100 + i, n) for i, n in enumerate(names, start=1)])

    def matches(word: str) -> list[int]:
        sql, args = search.rowids_matching(word)
        return sorted(r[0] for r in conn.execute(sql, args))

    for word in ['"明天再', "C:\\村", "第二行", "赞👍三", "[0]与", "分隔\x01控制", "尾巴在这里", "走访记录"]:
        one_at_a_time = [r for r in matches(word) if r < 100]
        assert one_at_a_time, word
        assert [r + 100 for r in one_at_a_time] == [r for r in matches(word) if r > 100], word
    stored = conn.execute("SELECT record_rowid, name FROM search_names ORDER BY record_rowid").fetchall()
    assert stored == [*enumerate(names, start=1), *enumerate(names, start=101)]

"""The 住户 page over a real encrypted store: filters narrow the list as the store's own list does,
the household's page masks ID numbers and audits a reveal, edits are saved, and a wrong value is
explained under its field while the store stays as it was."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton

from gridapp.idnumber import check_char
from gridapp.listing import ListFilter
from gridapp.privacy import mask_id_number
from gridapp.household_view import household_view
from ui.households import HouseholdsPage, LinkRow


@pytest.fixture
def page(qtbot, desktop):
    shown = HouseholdsPage(desktop.runner)
    qtbot.addWidget(shown)
    shown.resize(1280, 700)
    shown.show()
    qtbot.waitUntil(lambda: shown.model.rowCount() == 30 and desktop.runner.busy == 0)
    yield shown
    desktop.runner.wait()


def listed(page: HouseholdsPage) -> list[str]:
    return [page.model.id_at(row) for row in range(page.model.rowCount())]


def idle(qtbot, desktop) -> None:
    qtbot.waitUntil(lambda: desktop.runner.busy == 0)


def open_household(qtbot, desktop, page: HouseholdsPage, household_id: str) -> None:
    page.show_record(household_id)
    qtbot.waitUntil(lambda: getattr(page.detail, "view", None) is not None and page.detail.view.id == household_id)


def big_household(store) -> str:
    return next(h for h in store.list_ids("household") if len(store.get(h).members) >= 3)


def valid_id(body17: str) -> str:
    return body17 + check_char(body17)


# --- the list ----------------------------------------------------------------------------

def test_each_filter_narrows_the_list_as_the_store_does(qtbot, desktop, page):
    store = desktop.store
    page.hamlet.setCurrentIndex(1)
    wanted = store.list_ids("household", ListFilter(hamlet=page.hamlet.itemData(1)))
    assert 0 < len(wanted) < 30
    qtbot.waitUntil(lambda: listed(page) == wanted)

    page.hamlet.setCurrentIndex(0)
    page.tag.setCurrentIndex(page.tag.findData("tuopin"))
    wanted = store.list_ids("household", ListFilter(household_tag="tuopin"))
    assert 0 < len(wanted) < 30
    qtbot.waitUntil(lambda: listed(page) == wanted)

    page.tag.setCurrentIndex(0)
    page.not_visited.setChecked(True)
    page.days.setValue(120)
    wanted = store.list_ids("household", ListFilter(not_visited_days=120))
    assert 0 < len(wanted) < 30 and page.days.isEnabled()
    qtbot.waitUntil(lambda: listed(page) == wanted)

    page.not_visited.setChecked(False)
    qtbot.waitUntil(lambda: len(listed(page)) == 30)


def test_the_hamlet_filter_offers_every_hamlet_after_all(desktop, page):
    offered = [page.hamlet.itemText(i) for i in range(page.hamlet.count())]
    assert offered == ["全部自然屯/组", *desktop.store.hamlets()]


# --- the household's page ----------------------------------------------------------------

def test_the_household_page_lists_members_with_masked_id_numbers(qtbot, desktop, page):
    store = desktop.store
    hid = big_household(store)
    open_household(qtbot, desktop, page, hid)
    home = store.get(hid)
    assert list(page.detail.cards) == [m.person_id for m in home.members]
    texts = " ".join(label.text() for label in page.detail.findChildren(QLabel))
    for member in home.members:
        person = store.get(member.person_id)
        card = page.detail.cards[member.person_id]
        assert card.findChild(QLabel, "name").text() == person.full_name
        assert card.id_label.text() == mask_id_number(person.id_number)
        assert person.id_number not in texts
    assert store.get(home.head_person_id).full_name in page.detail.findChild(QLabel, "detail_title").text()


def test_revealing_an_id_number_shows_it_and_is_audited(qtbot, desktop, page):
    store = desktop.store
    hid = big_household(store)
    open_household(qtbot, desktop, page, hid)
    pid = store.get(hid).members[1].person_id
    assert "unmask" not in [e.action for e in store.history(pid)]
    card = page.detail.cards[pid]
    qtbot.mouseClick(card.reveal_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: card.id_label.text() == store.get(pid).id_number)
    idle(qtbot, desktop)
    last = store.history(pid)[-1]
    assert (last.action, last.detail, last.actor) == ("unmask", {"field": "id_number"}, "韦网格员")
    assert not card.reveal_button.isVisible()


def test_a_grid_worker_signed_in_gets_no_reveal_button_on_the_page_or_in_the_member_form(qtbot, desktop, page):
    store = desktop.store
    store.set_meta("server_role", "grid_worker")  # as signing in as 网格员 records it
    hid = big_household(store)
    open_household(qtbot, desktop, page, hid)
    pid = store.get(hid).members[1].person_id
    card = page.detail.cards[pid]
    assert card.id_label.text() != store.get(pid).id_number and not card.reveal_button.isVisible()
    page.edit_person(pid)
    qtbot.waitUntil(lambda: page.dialog is not None and page.dialog.isVisible())
    dialog = page.dialog
    assert not dialog.reveal_button.isVisible() and dialog.id_number.text() == ""
    assert "直接输入新的完整号码" in dialog.id_note.text()
    dialog.reject()
    idle(qtbot, desktop)
    assert "unmask" not in [e.action for e in store.history(pid)]


@pytest.mark.parametrize("record_type", ["visit", "case"])
def test_clicking_a_visit_or_case_asks_to_open_it(qtbot, desktop, page, record_type):
    store = desktop.store
    hid = next(h for h in store.list_ids("household") if household_lines(store, h, record_type))
    open_household(qtbot, desktop, page, hid)
    wanted = household_lines(store, hid, record_type)[0]
    row = next(r for r in page.detail.findChildren(LinkRow) if r.record_id == wanted)
    with qtbot.waitSignal(page.open_requested) as opened:
        qtbot.mouseClick(row, Qt.MouseButton.LeftButton)
    assert opened.args == [record_type, wanted]


def household_lines(store, hid: str, record_type: str) -> list[str]:
    view = household_view(store, hid)
    return [line.id for line in (view.visits if record_type == "visit" else view.cases)]


# --- editing -----------------------------------------------------------------------------

def open_dialog(qtbot, page: HouseholdsPage, button: str, card_pid: str | None = None):
    holder = page.detail.cards[card_pid] if card_pid else page.detail
    assert page.dialog is None
    qtbot.mouseClick(_button(holder, button), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.dialog is not None and page.dialog.isVisible())
    return page.dialog


def _button(holder, name: str) -> QPushButton:
    return holder.findChild(QPushButton, name)


def test_an_edited_address_is_saved_and_shown(qtbot, desktop, page):
    store = desktop.store
    hid = big_household(store)
    open_household(qtbot, desktop, page, hid)
    dialog = open_dialog(qtbot, page, "edit_household")
    dialog.address.setText("东江村凤塘屯8号")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.dialog is None)
    idle(qtbot, desktop)
    assert store.get(hid).address_detail == "东江村凤塘屯8号"
    qtbot.waitUntil(lambda: page.detail.findChild(QLabel, "address") is not None
                    and page.detail.findChild(QLabel, "address").text() == "东江村凤塘屯8号")


def test_cancel_saves_nothing(qtbot, desktop, page):
    store = desktop.store
    hid = big_household(store)
    before = store.get(hid).model_dump()
    open_household(qtbot, desktop, page, hid)
    dialog = open_dialog(qtbot, page, "edit_household")
    dialog.address.setText("别处")
    qtbot.mouseClick(_button(dialog, "cancel"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.dialog is None)
    idle(qtbot, desktop)
    assert store.get(hid).model_dump() == before


def test_two_heads_and_a_wrong_household_phone_are_refused_under_their_fields(qtbot, desktop, page):
    store = desktop.store
    hid = big_household(store)
    before = store.get(hid).model_dump()
    open_household(qtbot, desktop, page, hid)
    dialog = open_dialog(qtbot, page, "edit_household")
    second = store.get(hid).members[1].person_id
    combo = dialog.relations[second]
    combo.setCurrentIndex(combo.findData("02"))
    dialog.phone.setText("12345")
    members_error = dialog.findChild(QLabel, "members_error")
    phone_error = dialog.findChild(QLabel, "phone_error")
    assert members_error.isVisible() and "只有一名户主" in members_error.text()
    assert phone_error.isVisible() and "手机号码应为11位" in phone_error.text()
    assert not dialog.save_button.isEnabled()
    dialog.save()  # what pressing Enter would do
    idle(qtbot, desktop)
    assert dialog.isVisible() and store.get(hid).model_dump() == before


@pytest.mark.parametrize("field, value, shown", [
    ("id_number", valid_id("45022419620607585")[:-1] + ("0" if valid_id("45022419620607585")[-1] != "0" else "1"),
     "校验码不对"),
    ("id_number", "450224620607585", "旧的15位身份证号码"),
    ("phone", "1380013", "手机号码应为11位"),
    ("phone", "8123456", "固定电话要带区号"),
    ("full_name", "", "缺少姓名"),
])
def test_a_wrong_member_value_is_explained_under_its_field_and_nothing_is_saved(
        qtbot, desktop, page, field, value, shown):
    store = desktop.store
    hid = big_household(store)
    pid = store.get(hid).members[1].person_id
    before, history = store.get(pid).model_dump(), len(store.history(pid))
    open_household(qtbot, desktop, page, hid)
    dialog = open_dialog(qtbot, page, "edit_member", card_pid=pid)
    assert dialog.findChild(QLabel, f"{field}_error").isHidden()
    getattr(dialog, field).setText(value)
    error = dialog.findChild(QLabel, f"{field}_error")
    assert error.isVisible() and shown in error.text()
    assert not dialog.save_button.isEnabled()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    dialog.save()
    idle(qtbot, desktop)
    assert dialog.isVisible()
    assert store.get(pid).model_dump() == before and len(store.history(pid)) == history


def test_a_new_member_gets_sex_and_birth_date_from_the_id_number_and_joins_the_household(qtbot, desktop, page):
    store = desktop.store
    hid = big_household(store)
    count = len(store.get(hid).members)
    open_household(qtbot, desktop, page, hid)
    dialog = open_dialog(qtbot, page, "add_member")
    number = valid_id("45022420120304002")  # 2012-03-04, 17th digit 2: a girl
    dialog.full_name.setText("韦小妹")
    dialog.id_number.setText(number)
    assert (dialog.sex.currentData(), dialog.birth_date.text()) == ("2", "2012-03-04")
    dialog.relation.setCurrentIndex(dialog.relation.findData("30"))
    dialog.ethnicity.setCurrentIndex(dialog.ethnicity.findData("08"))
    dialog.tag_boxes["left_behind_child"].setChecked(True)
    assert dialog.save_button.isEnabled()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.dialog is None)
    idle(qtbot, desktop)
    home = store.get(hid)
    assert len(home.members) == count + 1 and home.members[-1].relation_to_head == "30"
    person = store.get(home.members[-1].person_id)
    assert (person.full_name, person.id_number, person.sex, person.birth_date.isoformat(),
            person.current_household_id, [t.tag for t in person.special_tags]) == (
        "韦小妹", number, "2", "2012-03-04", hid, ["left_behind_child"])
    qtbot.waitUntil(lambda: person.id in page.detail.cards)


def test_missing_facts_warn_but_the_member_can_be_saved(qtbot, desktop, page):
    store = desktop.store
    hid = big_household(store)
    open_household(qtbot, desktop, page, hid)
    dialog = open_dialog(qtbot, page, "add_member")
    dialog.full_name.setText("韦阿婆")
    dialog.relation.setCurrentIndex(dialog.relation.findData("62"))
    sex_error = dialog.findChild(QLabel, "sex_error")
    assert sex_error.isVisible() and sex_error.text().startswith("待补全")
    assert dialog.save_button.isEnabled()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.dialog is None)
    idle(qtbot, desktop)
    assert store.get(store.get(hid).members[-1].person_id).full_name == "韦阿婆"


def test_a_second_head_is_refused_under_relation(qtbot, desktop, page):
    store = desktop.store
    hid = big_household(store)
    before = store.get(hid).model_dump()
    open_household(qtbot, desktop, page, hid)
    dialog = open_dialog(qtbot, page, "add_member")
    dialog.full_name.setText("韦二")
    dialog.relation.setCurrentIndex(dialog.relation.findData("02"))
    error = dialog.findChild(QLabel, "relation_error")
    assert error.isVisible() and "只有一名户主" in error.text()
    dialog.save()
    idle(qtbot, desktop)
    assert store.get(hid).model_dump() == before


def test_the_member_form_keeps_the_number_hidden_until_revealed_and_audits_the_reveal(qtbot, desktop, page):
    store = desktop.store
    hid = big_household(store)
    pid = store.get(hid).members[0].person_id
    number = store.get(pid).id_number
    open_household(qtbot, desktop, page, hid)
    dialog = open_dialog(qtbot, page, "edit_member", card_pid=pid)
    assert dialog.id_number.text() == "" and dialog.id_number.placeholderText() == mask_id_number(number)
    assert "unmask" not in [e.action for e in store.history(pid)]
    qtbot.mouseClick(dialog.reveal_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.id_number.text() == number)
    idle(qtbot, desktop)
    assert store.history(pid)[-1].action == "unmask"


# --- 新建户, 移出成员 ------------------------------------------------------------------------

def pending(store) -> list[tuple[str, str, str]]:
    return [(e.op, e.record_type, e.record_id) for e in store.outbox()]


def records(store) -> int:
    return store.db.execute("SELECT count(*) FROM records").fetchone()[0]


def synced(store) -> None:
    store.db.execute("UPDATE outbox SET status = 'sent'")  # the demo county as if synced already


def open_new_household(qtbot, page: HouseholdsPage, *, shortcut: bool = False):
    assert page.dialog is None
    if shortcut:
        page.activateWindow()
        qtbot.keyClick(page.search, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    else:
        qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.dialog is not None and page.dialog.isVisible())
    return page.dialog


def test_a_new_household_and_its_head_are_created_in_one_save_and_shown(qtbot, desktop, page):
    store = desktop.store
    synced(store)
    page.hamlet.setCurrentIndex(2)
    hamlet = page.hamlet.currentData()
    dialog = open_new_household(qtbot, page, shortcut=True)
    assert not any(label.isVisible() for label in dialog.errors.values())  # a blank form opens quiet
    assert not dialog.save_button.isEnabled()
    assert dialog.hamlet.currentData().hamlet == hamlet
    assert dialog.address.text().endswith(hamlet)  # the village's address start, ready for the number
    number = valid_id("45022419750812002")  # 1975-08-12, 17th digit 2: a woman
    dialog.address.setText(dialog.address.text() + "18号")
    dialog.full_name.setText("覃新英")
    dialog.id_number.setText(number)
    assert (dialog.sex.currentData(), dialog.birth_date.text()) == ("2", "1975-08-12")
    dialog.ethnicity.setCurrentIndex(dialog.ethnicity.findData("08"))
    dialog.phone.setText("139 0772 1234")
    dialog.tag_boxes["dibao"].setChecked(True)
    idle(qtbot, desktop)
    assert dialog.save_button.isEnabled()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.dialog is None)
    idle(qtbot, desktop)

    hid, pid = dialog.household_id, dialog.person_id
    home, head = store.get(hid), store.get(pid)
    assert (home.hamlet, home.head_person_id, home.household_tags, home.phones[0].number) == (
        hamlet, pid, ["dibao"], "13907721234")
    assert (head.full_name, head.id_number, head.current_household_id) == ("覃新英", number, hid)
    assert pending(store) == [("create", "person", pid), ("create", "household", hid)]  # one action, both synced
    assert [e.action for e in store.history(hid)] == ["create"]
    qtbot.waitUntil(lambda: getattr(page.detail, "view", None) is not None and page.detail.view.id == hid)
    assert "覃新英" in page.detail.findChild(QLabel, "detail_title").text()
    qtbot.waitUntil(lambda: page.table.currentIndex().isValid()
                    and page.model.id_at(page.table.currentIndex().row()) == hid)


@pytest.mark.parametrize("field, value, shown", [
    ("full_name", "", "缺少姓名"),
    ("id_number", valid_id("45022419750812002")[:-1] + ("1" if valid_id("45022419750812002")[-1] != "1" else "2"),
     "校验码不对"),
    ("id_number", "450224750812003", "旧的15位身份证号码"),
    ("birth_date", "1975-02-30", "日期格式不对"),
    ("phone", "1390772", "手机号码应为11位"),
])
def test_a_wrong_new_household_value_is_explained_under_its_field_and_nothing_is_stored(
        qtbot, desktop, page, field, value, shown):
    store = desktop.store
    before = (records(store), len(store.outbox()))
    dialog = open_new_household(qtbot, page)
    dialog.full_name.setText("覃新英")
    assert shown not in dialog.findChild(QLabel, f"{field}_error").text() and dialog.save_button.isEnabled()
    getattr(dialog, field).setText(value)
    error = dialog.findChild(QLabel, f"{field}_error")
    assert error.isVisible() and shown in error.text()
    assert not dialog.save_button.isEnabled()
    dialog.save()  # what pressing Enter would do
    idle(qtbot, desktop)
    assert dialog.isVisible()
    assert (records(store), len(store.outbox())) == before


def test_an_id_number_already_registered_is_named_before_saving(qtbot, desktop, page):
    store = desktop.store
    someone = next(p for p in (store.get(m.person_id) for h in store.list_ids("household")
                               for m in store.get(h).members) if p.id_number)
    dialog = open_new_household(qtbot, page)
    dialog.full_name.setText("覃新英")
    dialog.id_number.setText(someone.id_number)
    error = dialog.findChild(QLabel, "id_number_error")
    qtbot.waitUntil(lambda: error.isVisible() and someone.full_name in error.text())
    assert error.text().startswith("请注意：已有人登记了这个号码") and dialog.save_button.isEnabled()


def test_a_member_who_moves_out_leaves_the_page_and_the_person_record_stays(qtbot, desktop, page):
    store = desktop.store
    synced(store)
    hid = big_household(store)
    pid = store.get(hid).members[-1].person_id
    open_household(qtbot, desktop, page, hid)
    dialog = open_dialog(qtbot, page, "remove_member", card_pid=pid)
    assert not dialog.save_button.isEnabled()  # no reason chosen yet ...
    assert not dialog.findChild(QLabel, "reason_error").isVisible()  # ... which it does not scold for
    dialog.reason.setCurrentIndex(dialog.reason.findData("moved_out"))
    dialog.note.setText("迁往柳州市落户")
    assert dialog.save_button.isEnabled() and dialog.save_button.text() == "确认移出"
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.dialog is None)
    idle(qtbot, desktop)
    assert pid not in [m.person_id for m in store.get(hid).members]
    assert store.get(pid).current_household_id is None and store.get(pid).full_name
    assert store.history(pid)[-1].detail["reason"] == "迁出：迁往柳州市落户"
    assert sorted(pending(store)) == [("update", "household", hid), ("update", "person", pid)]
    qtbot.waitUntil(lambda: pid not in page.detail.cards and len(page.detail.cards) > 0)


def test_other_needs_words_and_nothing_is_stored_without_them(qtbot, desktop, page):
    store = desktop.store
    hid = big_household(store)
    pid = store.get(hid).members[-1].person_id
    before = store.get(hid).model_dump()
    open_household(qtbot, desktop, page, hid)
    dialog = open_dialog(qtbot, page, "remove_member", card_pid=pid)
    dialog.reason.setCurrentIndex(dialog.reason.findData("other"))
    error = dialog.findChild(QLabel, "note_error")
    assert error.isVisible() and "写明原因" in error.text() and not dialog.save_button.isEnabled()
    dialog.save()
    idle(qtbot, desktop)
    assert dialog.isVisible() and store.get(hid).model_dump() == before


def test_the_head_is_removed_only_after_a_new_head_is_chosen(qtbot, desktop, page):
    store = desktop.store
    hid = big_household(store)
    home = store.get(hid)
    head, successor = home.head_person_id, home.members[1].person_id
    before = home.model_dump()
    open_household(qtbot, desktop, page, hid)
    dialog = open_dialog(qtbot, page, "remove_member", card_pid=head)
    dialog.reason.setCurrentIndex(dialog.reason.findData("deceased"))
    error = dialog.findChild(QLabel, "new_head_error")
    assert error.isVisible() and "请先选定新户主" in error.text() and not dialog.save_button.isEnabled()
    dialog.save()
    idle(qtbot, desktop)
    assert store.get(hid).model_dump() == before
    dialog.new_head.setCurrentIndex(dialog.new_head.findData(successor))
    assert error.isHidden() and dialog.save_button.isEnabled()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.dialog is None)
    idle(qtbot, desktop)
    after = store.get(hid)
    assert after.head_person_id == successor and [m.person_id for m in after.head_members()] == [successor]
    assert head not in [m.person_id for m in after.members]
    qtbot.waitUntil(lambda: store.get(successor).full_name in page.detail.findChild(QLabel, "detail_title").text())


def test_a_head_living_alone_is_told_at_once_why_they_cannot_be_removed(qtbot, desktop, page):
    store = desktop.store
    hid = next(h for h in store.list_ids("household") if len(store.get(h).members) == 1)
    open_household(qtbot, desktop, page, hid)
    dialog = open_dialog(qtbot, page, "remove_member", card_pid=store.get(hid).head_person_id)
    error = dialog.findChild(QLabel, "new_head_error")
    assert error.isVisible() and "只有户主一人" in error.text() and not dialog.save_button.isEnabled()
    dialog.reject()

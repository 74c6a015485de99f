"""The 走访 page over a real encrypted store: a visit is typed at the doorstep, saved as a draft,
completed and sealed; what is wrong shows next to its field and nothing is written; a sealed
visit is corrected only with a reason; a dispute found becomes a mediation case."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from gridapp.listing import ListFilter
from gridapp.models.dispute import DisputeCase
from gridapp.models.visit import VisitRecord
from ui.visits import VisitsPage

SUMMARY = "核实了家庭成员和联系电话，户主身体健康，暂无其他诉求。"


@pytest.fixture
def page(qtbot, desktop):
    built = VisitsPage(desktop.runner)  # closed below, once every answer it waits for has come
    built.resize(1226, 688)
    built.show()
    yield built
    built.flush()  # as the window does on close; answers are delivered before the store closes
    qtbot.waitUntil(lambda: desktop.runner.busy == 0)
    built.close()
    built.deleteLater()


@pytest.fixture
def store(desktop):
    return desktop.store


def _type(widget, text: str) -> None:
    """Type `text` key by key, as a keyboard (and an input method, for Chinese) would deliver it.
    (QTest.keyClicks knows Latin-1 keys only.)"""
    for ch in text:
        QApplication.sendEvent(widget, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_unknown,
                                                 Qt.KeyboardModifier.NoModifier, ch))
        QApplication.sendEvent(widget, QKeyEvent(QEvent.Type.KeyRelease, Qt.Key.Key_unknown,
                                                 Qt.KeyboardModifier.NoModifier, ch))


def _idle(qtbot, page) -> None:
    qtbot.waitUntil(lambda: page.runner.busy == 0)


def _pick_household(qtbot, form, store) -> str:
    """Type part of the head's name and choose the household from the completer's list."""
    hid = store.list_ids("household")[0]
    head = store.list_rows("household", [hid])[hid][0]
    form.household_edit.setFocus()
    _type(form.household_edit, head)
    qtbot.waitUntil(lambda: hid in form._choices.values())
    label = next(label for label, found in form._choices.items() if found == hid)
    form._household_picked(label)  # what choosing the line in the completer popup does
    qtbot.waitUntil(lambda: form.household is not None and form.household.id == hid)
    return hid


def _fill_valid(form) -> None:
    form.purpose_boxes["info_collection"].setChecked(True)
    form.notice.setCurrentIndex(1)
    form.summary.setFocus()
    _type(form.summary, SUMMARY)


def _stored(store, record_id: str) -> VisitRecord | None:
    return store.get(record_id) if store.exists(record_id) else None


def test_a_typed_visit_is_autosaved_as_a_draft_then_completed_and_sealed(qtbot, page, store):
    form = page.form
    hid = _pick_household(qtbot, form, store)
    _fill_valid(form)
    qtbot.waitUntil(lambda: (v := _stored(store, form.base.id)) is not None and v.summary == SUMMARY, timeout=3000)
    draft = store.get(form.base.id)
    assert (draft.state, draft.sealed, draft.household_id) == ("DRAFT", False, hid)
    assert draft.interviewee_name_text == form.household.members[0][1]

    QTest.keyClick(form.summary, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # typing, then done
    qtbot.waitUntil(lambda: store.get(draft.id).sealed and form.sealed)
    sealed = store.get(draft.id)
    assert sealed.state == "COMPLETED" and sealed.content_hash and sealed.visit_no
    assert form.summary.isReadOnly() and not form.purpose_boxes["info_collection"].isEnabled()
    assert form.amend_button.isVisible() and not form.complete_button.isVisible()


def test_ctrl_s_saves_at_once(qtbot, page, store):
    form = page.form
    _pick_household(qtbot, form, store)
    form.summary.setPlainText("刚进门")
    QTest.keySequence(form, "Ctrl+S")
    _idle(qtbot, page)
    assert store.get(form.base.id).summary == "刚进门"


def test_without_a_household_the_field_says_so_and_nothing_is_saved(qtbot, page, store):
    before = store.count("visit")
    form = page.form
    form.summary.setFocus()
    _type(form.summary, SUMMARY)
    qtbot.waitUntil(lambda: form.problem_text("household") != "", timeout=3000)
    assert "请先选择走访户" in form.problem_text("household")
    _idle(qtbot, page)
    assert store.count("visit") == before


def test_a_next_visit_not_after_this_one_is_refused_next_to_its_field(qtbot, page, store):
    form = page.form
    before = store.count("visit")
    # household, then the wrong date, before the event loop runs: the first save meets the error
    hid = store.list_ids("household")[0]
    form.choose_household(hid)
    form.has_next.setChecked(True)
    form.next_visit.setDate(form.started_at.date().addDays(-1))
    qtbot.waitUntil(lambda: form.problem_text("next_visit_due") != "", timeout=3000)
    assert form.problem_text("next_visit_due") == "下次走访日期应在本次走访之后"
    _idle(qtbot, page)
    assert store.count("visit") == before and not store.exists(form.base.id)

    form.next_visit.setDate(form.started_at.date().addDays(30))  # corrected: the draft is saved
    qtbot.waitUntil(lambda: store.exists(form.base.id), timeout=3000)
    assert form.problem_text("next_visit_due") == ""
    assert store.get(form.base.id).next_visit_due == form.started_at.date().addDays(30).toPython()


def test_completing_shows_each_missing_field_and_changes_nothing(qtbot, page, store):
    form = page.form
    _pick_household(qtbot, form, store)
    form.summary.setPlainText("太短")
    form.save_now()
    _idle(qtbot, page)
    saved = store.get(form.base.id)

    form.complete()
    assert form.problem_text("summary") == "小结至少要写10个字"
    assert form.problem_text("purposes") == "走访记录缺少走访事由"
    assert form.problem_text("notice_given") == "走访记录须注明是否已告知受访人"
    _idle(qtbot, page)
    after = store.get(form.base.id)
    assert (after.state, after.sealed, after.version) == ("DRAFT", False, saved.version)

    form.summary.clear()
    form.complete()
    assert form.problem_text("summary") == "走访记录缺少小结"


def test_an_issue_sent_on_without_a_report_blocks_completion(qtbot, page, store):
    form = page.form
    _pick_household(qtbot, form, store)
    _fill_valid(form)
    form.issues.add_button.click()
    category, text, handling, _remove = form.issues.rows[0]
    category.setCurrentIndex(category.findData("fire_hazard"))
    text.setText("厨房电线老化")
    handling.setCurrentIndex(1)  # 转事件/案件
    form.complete()
    assert form.problem_text("issues") == "第1个问题未当场解决，须先上报事件"
    _idle(qtbot, page)
    assert not (v := _stored(store, form.base.id)) or not v.sealed


def test_a_sealed_visit_opens_read_only_and_is_corrected_only_with_a_reason(qtbot, page, store):
    original_id = next(i for i in store.list_ids("visit", ListFilter(states=("COMPLETED",))))
    original = store.get(original_id)
    form = page.form
    page.show_record(original_id)
    qtbot.waitUntil(lambda: form.base.id == original_id)
    assert form.sealed and form.summary.isReadOnly() and form.amend_button.isVisible()

    form.amend_button.click()
    assert not form.summary.isReadOnly() and form.amend_reason.isVisible()
    form.summary.setPlainText(SUMMARY)
    count = store.count("visit")
    form.submit_amend.click()
    assert form.errors["amend_reason"].isVisible()
    assert form.errors["amend_reason"].text() == "请写明更正原因（至少两个字）"
    _idle(qtbot, page)
    assert store.count("visit") == count

    _type(form.amend_reason, "小结记错了")
    with qtbot.waitSignal(form.record_loaded, timeout=5000):
        form.submit_amend.click()
    qtbot.waitUntil(lambda: form.base.id != original_id)
    correction = store.get(form.base.id)
    assert (correction.supersedes_id, correction.amend_reason, correction.summary) == (
        original_id, "小结记错了", SUMMARY)
    assert correction.sealed and correction.revision == original.revision + 1
    kept = store.get(original_id)
    assert (kept.content_hash, kept.summary, kept.sealed) == (original.content_hash, original.summary, True)
    assert form.sealed and not form.amend_bar.isVisible()


def test_a_dispute_found_opens_a_mediation_case_linked_to_the_visit(qtbot, page, store):
    form = page.form
    hid = _pick_household(qtbot, form, store)
    _fill_valid(form)
    form.purpose_boxes["dispute_screening"].setChecked(True)
    form.screening.setCurrentIndex(form.screening.findData("dispute_found"))
    form.issues.add_button.click()
    category, text, handling, _remove = form.issues.rows[0]
    category.setCurrentIndex(category.findData("dispute"))
    text.setText("与邻居因排水沟占地发生争执")
    handling.setCurrentIndex(1)
    assert form.to_case.isEnabled()
    cases = store.count("case")
    asked: list[tuple[str, str]] = []
    page.open_requested.connect(lambda kind, rid: asked.append((kind, rid)))  # the window answers this

    with qtbot.waitSignal(form.open_requested, timeout=5000) as opened:
        form.to_case.click()
    kind, case_id = opened.args
    assert kind == "case" and store.count("case") == cases + 1 and asked == [("case", case_id)]
    case = store.get(case_id)
    assert isinstance(case, DisputeCase)
    household = store.get(hid)
    members = {m.person_id for m in household.members}
    assert (case.state, case.source, case.source_visit_id) == ("REGISTERED", "grid_screening", form.base.id)
    assert case.summary == "与邻居因排水沟占地发生争执" and case.parties[0].person_id in members
    visit = store.get(form.base.id)
    assert visit.dispute_case_ids == [case_id] and visit.issues[0].event_report_id == case_id

    qtbot.waitUntil(lambda: form.base.dispute_case_ids == [case_id])
    form.complete()  # the dispute has its case, the issue its report: the visit completes
    qtbot.waitUntil(lambda: store.get(visit.id).sealed, timeout=5000)


def test_the_state_filter_narrows_the_list(qtbot, page, store):
    qtbot.waitUntil(lambda: page.model.rowCount() == store.count("visit"))
    drafts = store.list_ids("visit", ListFilter(states=("DRAFT",)))
    page.state_filter.setCurrentIndex(page.state_filter.findText("草稿"))
    qtbot.waitUntil(lambda: [page.model.id_at(r) for r in range(page.model.rowCount())] == drafts)


def test_ctrl_n_starts_a_new_visit_after_saving_the_open_one(qtbot, page, store):
    form = page.form
    _pick_household(qtbot, form, store)
    form.summary.setPlainText("先记一笔")
    first = form.base.id
    QTest.keySequence(page, "Ctrl+N")
    assert form.base.id != first and form.summary.toPlainText() == ""
    _idle(qtbot, page)
    assert store.get(first).summary == "先记一笔"


def test_the_window_opens_a_visit_on_this_page_and_saves_typing_when_it_closes(qtbot, desktop, settings):
    from ui.main_window import MainWindow

    window = MainWindow(desktop.runner, desktop.control, settings,
                        pages=[("visit", "走访", lambda runner, _control: VisitsPage(runner))])
    store = desktop.store
    draft_id = store.list_ids("visit", ListFilter(states=("DRAFT",)))[0]
    page = window.pages["visit"]
    window.open_record("visit", draft_id)
    qtbot.waitUntil(lambda: page.form.base.id == draft_id)
    page.form.summary.setPlainText(SUMMARY)
    window.close()  # before the autosave timer fires
    qtbot.waitUntil(lambda: desktop.runner.busy == 0)
    assert store.get(draft_id).summary == SUMMARY
    window.deleteLater()

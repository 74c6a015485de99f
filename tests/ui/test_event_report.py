"""上报事件 in the visit form, over a real encrypted store: an issue sent on that is not a dispute
gets a 上报事件 button; its dialog refuses a report without a place (message under the field,
nothing stored) and otherwise saves the report with the visit, which can then be completed."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QLabel, QWidget

from gridapp.models.event import EventReport
from tests.ui.screens import clipped_texts, save
from tests.ui.test_visits import _fill_valid, _idle, _pick_household, _type, page, store  # noqa: F401
from ui.households import HouseholdsPage


def _issue(qtbot, form, category: str, text: str) -> int:
    form.issues.add_button.click()
    n = len(form.issues.rows) - 1
    category_box, description, handled, _remove = form.issues.rows[n]
    category_box.setCurrentIndex(category_box.findData(category))
    description.setText(text)
    handled.setCurrentIndex(handled.findData(False))
    return n


def _visit_with_issue(qtbot, form, store, category: str, text: str) -> tuple[str, int]:
    """A valid visit of a picked household with one issue sent on, its 上报事件 button shown:
    (household id, the issue's row)."""
    hid = _pick_household(qtbot, form, store)
    _fill_valid(form)
    n = _issue(qtbot, form, category, text)
    qtbot.waitUntil(form.issues._report_widgets[n][0].isVisible)  # a row added to a shown form is shown later
    return hid, n


def _open_report(qtbot, form, n: int):  # noqa: ANN202
    form.issues._report_widgets[n][0].click()
    qtbot.waitUntil(lambda: form.event_dialog is not None and form.event_dialog.isVisible())
    return form.event_dialog


def test_an_issue_sent_on_is_reported_from_the_form_then_the_visit_completes(qtbot, page, store):
    form = page.form
    hid, n = _visit_with_issue(qtbot, form, store, "public_facility", "屯口便桥桥面开裂")
    report_button, reported = form.issues._report_widgets[n]
    assert not reported.isVisible()

    form.complete()  # not yet: the issue must be reported first
    qtbot.waitUntil(lambda: "上报事件" in form.problem_text("issues"))
    assert not store.get(form.base.id).sealed if store.exists(form.base.id) else True

    dialog = _open_report(qtbot, form, n)
    save(dialog, "dialog-event-report-zh_CN-standard")
    assert clipped_texts(dialog) == []
    assert dialog.description.text() == "屯口便桥桥面开裂" and dialog.location.text()
    dialog.location.clear()
    assert dialog.errors["location"].isVisible() and "地点" in dialog.errors["location"].text()
    assert not dialog.save_button.isEnabled()
    dialog.save_button.click()
    _idle(qtbot, page)
    assert store.count("event") == 0

    _type(dialog.location, "屯口便桥")
    dialog.urgency.setCurrentIndex(dialog.urgency.findData("urgent"))
    dialog.level.setCurrentIndex(dialog.level.findData("township"))
    assert dialog.save_button.isEnabled()
    dialog.save_button.click()
    qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted)
    qtbot.waitUntil(lambda: store.count("event") == 1)
    _idle(qtbot, page)
    [event_id] = [s.id for s in store.summaries("event")]
    event = store.get(event_id)
    assert isinstance(event, EventReport)
    assert (event.location, event.urgency, event.level, event.household_id) == ("屯口便桥", "urgent", "township", hid)
    assert store.get(form.base.id).issues[0].event_report_id == event_id

    qtbot.waitUntil(lambda: form.issues._report_widgets and form.issues._report_widgets[0][1].isVisible())
    assert event.report_no in form.issues._report_widgets[0][1].text()
    assert not form.issues._report_widgets[0][0].isVisible()
    save(page, "visit-reported-issue-zh_CN-standard")
    form.complete()
    qtbot.waitUntil(lambda: store.get(form.base.id).sealed)
    assert store.get(form.base.id).state == "COMPLETED"

    # The household's page lists the report; its line opens the visit that sent it.
    households = HouseholdsPage(page.runner)
    qtbot.addWidget(households)
    households.show()
    opened = []
    households.open_requested.connect(lambda kind, rid: opened.append((kind, rid)))
    households.show_record(hid)
    qtbot.waitUntil(lambda: getattr(households.detail, "view", None) is not None
                    and households.detail.view.id == hid and bool(households.detail.view.events))
    assert any(label.text() == "上报事件（1 件）" for label in households.detail.findChildren(QLabel))
    households.detail.findChild(QWidget, f"link_{form.base.id}").activated.emit(form.base.id)
    assert opened == [("visit", form.base.id)]
    _idle(qtbot, page)


def test_a_dispute_goes_to_a_case_not_to_an_event_report(qtbot, page, store):
    form = page.form
    _pick_household(qtbot, form, store)
    n = _issue(qtbot, form, "dispute", "两户为宅基地边界争吵")
    qtbot.waitUntil(form.issues.rows[n][0].isVisible)
    assert not form.issues._report_widgets[n][0].isVisible()
    assert form.to_case.isVisible()


def test_cancelling_the_report_keeps_what_was_typed(qtbot, page, store):
    form = page.form
    _, n = _visit_with_issue(qtbot, form, store, "fire_hazard", "厨房电线老化")
    _open_report(qtbot, form, n).reject()
    qtbot.waitUntil(lambda: store.exists(form.base.id) and store.get(form.base.id).issues
                    and store.get(form.base.id).issues[0].description == "厨房电线老化", timeout=3000)
    assert store.count("event") == 0


def test_a_visit_changed_by_sync_while_the_dialog_was_open_is_said_and_nothing_is_reported(qtbot, page, store):
    form = page.form
    _, n = _visit_with_issue(qtbot, form, store, "fire_hazard", "厨房电线老化")
    form.save_now()
    _idle(qtbot, page)
    dialog = _open_report(qtbot, form, n)
    stored = store.get(form.base.id)  # meanwhile a sync brings a newer version of this visit
    store.save(stored.model_copy(update={"summary": stored.summary + "（另一台电脑补充）"}))
    dialog.save_button.click()
    qtbot.waitUntil(lambda: dialog.form_error.isVisible())
    assert "已被更新" in dialog.form_error.text() and dialog.isVisible() and dialog.save_button.isEnabled()
    _idle(qtbot, page)
    assert store.count("event") == 0
    assert store.get(form.base.id).issues[0].event_report_id is None

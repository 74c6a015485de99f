"""The 调解 page over a real encrypted store: the list of cases, the chosen case's parties, state and
deadlines in words, masked ID numbers, a family matter's content left out, the open-cases filter."""

from __future__ import annotations

import pytest

from gridapp import codes
from gridapp.case_view import HIDDEN
from gridapp.listing import ListFilter
from gridapp.states import state_label
from ui.cases import MEDIATING_STATES, CasesPage


@pytest.fixture
def page(qtbot, desktop):
    widget = CasesPage(desktop.runner)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitUntil(lambda: widget.model.rowCount() == desktop.store.count("case") and desktop.runner.busy == 0)
    return widget


def _detail_text(page) -> str:
    return "\n".join(label.text() for label in [page.case_detail.title, *page.case_detail.sections.values()])


def _case(store, test):
    return next(c for c in (store.get(s.id) for s in store.summaries("case")) if test(c))


def test_choosing_a_case_shows_its_parties_and_state(qtbot, desktop, page):
    case = _case(desktop.store, lambda c: c.state == "PERFORMING")
    row = page.model.row_of(case.id)
    page.table.clicked.emit(page.model.index(row, 0))
    qtbot.waitUntil(lambda: page.case_detail.view is not None and page.case_detail.view.id == case.id)
    text = _detail_text(page)
    assert state_label("case", "PERFORMING") in page.case_detail.title.text()
    assert codes.DISPUTE_TYPE[case.dispute_type] in text
    for party in case.parties:
        assert party.name in text and codes.PARTY_ROLE[party.role] in text
        assert party.id_number[:6] + "********" + party.id_number[-4:] in text
        assert party.id_number not in text
    assert "调解期限" in text and "协议编号" in text
    assert page.case_detail.attachments.owner_id == case.id and page.case_detail.attachments.is_read_only()


def test_a_family_matters_content_is_not_shown(qtbot, desktop, page):
    case = _case(desktop.store, lambda c: c.dispute_type == "marriage_family" and c.summary)
    page.show_record(case.id)
    qtbot.waitUntil(lambda: page.case_detail.view is not None and page.case_detail.view.id == case.id)
    text = _detail_text(page)
    assert HIDDEN in text and case.summary not in text


def test_the_filter_lists_the_cases_being_mediated(qtbot, desktop, page):
    wanted = desktop.store.list_ids("case", ListFilter(states=MEDIATING_STATES))
    assert 0 < len(wanted) < desktop.store.count("case")
    page.state_filter.setCurrentIndex(1)
    qtbot.waitUntil(lambda: page.model.rowCount() == len(wanted) and desktop.runner.busy == 0)
    assert [page.model.id_at(r) for r in range(len(wanted))] == wanted

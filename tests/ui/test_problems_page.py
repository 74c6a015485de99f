"""The sync problems page over real conflicts and refusals: two laptops of one village sync with a
county server on loopback; the second laptop's page (run by the window's runner and sync control)
shows the fields side by side, resolves them as an ordinary edit that syncs, and the status bar's
problem count falls."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel, QPushButton, QRadioButton, QWidget

from gridapp.store import Store
from tests.server.conftest import app, engine, grid_of, make_user, settings  # noqa: F401  (fixtures)
from tests.support import factories as f
from tests.sync.conftest import make_laptop, server_url  # noqa: F401  (fixtures)
from tests.support.village_pair import VILLAGE, database_url, edit, household_in_both, pair  # noqa: F401
from ui.problems_page import CloseQuestion, ProblemsPage
from ui.status_bar import SyncStatusBar
from ui.sync_control import SyncControl
from ui.sync_page import SyncPage
from ui.worker import Runner

class Screen:
    """Laptop b's window parts: the runner on its store, a sync control with its own connection
    (as the app's), the problems page and the status bar."""

    def __init__(self, qtbot, laptop, db_key: bytes) -> None:
        store = laptop.store
        self.qtbot = qtbot
        self.runner = Runner(store)
        self.control = SyncControl(self.runner, lambda: Store.open(store.path, db_key, actor=store.actor,
                                                                   device_id=store.device_id), auto=False)
        self.page = ProblemsPage(self.runner, self.control)
        self.status = SyncStatusBar(self.control)
        qtbot.addWidget(self.page)
        qtbot.addWidget(self.status)
        self.page.resize(1100, 600)
        self.page.show()

    def sync(self) -> None:
        with self.qtbot.waitSignal(self.control.sync_finished, timeout=30_000):
            assert self.control.sync_now()
        self.settle()

    def settle(self) -> None:
        self.qtbot.waitUntil(lambda: self.runner.busy == 0, timeout=10_000)

    def text(self, name: str) -> str:
        return self.page.findChild(QLabel, name).text()

    def click(self, name: str) -> None:
        button = self.page.findChild(QPushButton, name)
        assert button is not None and button.isVisible() and button.isEnabled(), name
        button.click()

    def close(self) -> None:
        self.control.stop()
        self.runner.wait()


@pytest.fixture
def screen(qtbot, pair, db_key):
    made = Screen(qtbot, pair[1], db_key)
    yield made
    made.close()


@pytest.fixture
def household(household_in_both):
    return household_in_both


def clash(pair, screen: Screen, household) -> None:
    """Both laptops change the household's hamlet and tags; a syncs first, b (the screen's) second."""
    a, b = pair
    edit(a.store, household.id, hamlet="上岭屯", household_tags=["tekun"])
    a.sync()
    screen.runner.op(lambda store: edit(store, household.id, hamlet="中岭屯", household_tags=["military_family"]))
    screen.settle()
    screen.sync()


def test_a_conflict_shows_mine_the_servers_and_the_original_side_by_side(qtbot, pair, screen, household):
    clash(pair, screen, household)
    qtbot.waitUntil(lambda: len(screen.page.items) == 1)
    assert screen.page.list.count() == 1
    assert screen.page.list.item(0).text().splitlines()[:2] == ["冲突：你和别人同时改了同一条记录",
                                                                "住户：韦小明家（上岭屯）"]
    assert screen.text("headline") == "冲突：你和别人同时改了同一条记录"
    assert "由你决定用哪个" in screen.text("reason")
    assert "record.conflict" in screen.text("code")
    columns = [(screen.text(f"title_{field}"), screen.text(f"mine_value_{field}"),
                screen.text(f"server_value_{field}"), screen.text(f"base_value_{field}"))
               for field in ("hamlet", "household_tags")]
    assert columns == [("屯/村民小组", "中岭屯", "上岭屯", "下岭尾屯"),
                       ("户类别", "军属/优抚对象", "特困供养", "低保户")]


def test_using_mine_closes_the_problem_lowers_the_count_and_reaches_the_server(qtbot, pair, screen, household):
    a, b = pair
    clash(pair, screen, household)
    # one edit clashing on two fields is one problem, in the status bar as on the page
    qtbot.waitUntil(lambda: screen.control.status is not None and screen.control.status.problems == 1)
    assert len(b.store.sync_problems()) == 2 and len(screen.page.items) == 1
    assert screen.status.problems.text() == "同步问题 1 个" and not screen.status.problems.isHidden()

    screen.click("use_mine")
    qtbot.waitUntil(lambda: screen.page.items == [] and screen.control.status.problems == 0, timeout=10_000)
    assert screen.status.problems.isHidden()
    assert screen.page.stack.currentWidget() is screen.page.empty
    got = b.store.get(household.id)
    assert (got.hamlet, got.household_tags) == ("中岭屯", ["military_family"])

    screen.sync()  # my choice is an ordinary edit: it goes to the server like any other
    a.sync()
    got = a.store.get(household.id)
    assert (got.hamlet, got.household_tags) == ("中岭屯", ["military_family"])
    assert b.store.sync_problems() == []


def test_a_choice_per_field_keeps_mine_for_one_and_the_servers_for_the_other(qtbot, pair, screen, household):
    a, b = pair
    clash(pair, screen, household)
    qtbot.waitUntil(lambda: screen.page.view is not None)
    screen.page.view.findChild(QRadioButton, "server_household_tags").click()
    screen.click("use_chosen")
    qtbot.waitUntil(lambda: screen.page.items == [], timeout=10_000)
    got = b.store.get(household.id)
    assert (got.hamlet, got.household_tags) == ("中岭屯", ["tekun"])
    screen.sync()
    a.sync()
    assert a.store.get(household.id).hamlet == "中岭屯"


def test_using_the_servers_values_writes_nothing_to_send(qtbot, pair, screen, household):
    clash(pair, screen, household)
    qtbot.waitUntil(lambda: screen.page.view is not None)
    screen.click("use_server")
    qtbot.waitUntil(lambda: screen.page.items == [] and screen.control.status.problems == 0, timeout=10_000)
    assert pair[1].store.pending_count() == 0 and pair[1].store.get(household.id).hamlet == "上岭屯"


def test_a_choice_that_does_not_make_a_valid_household_is_explained_and_nothing_closes(qtbot, pair, screen, household):
    a, b = pair
    someone, child = f.person("韦新户主", id_number=None), f.person("韦小小", id_number=None)
    a.store.save(someone)
    old = [m.model_dump() for m in a.store.get(household.id).members]
    edit(a.store, household.id, head_person_id=someone.id,
         members=[{"person_id": someone.id, "relation_to_head": "02"},
                  *[{**m, "relation_to_head": "10"} for m in old]])
    a.sync()

    def b_adds_a_child(store):
        store.save(child)
        edit(store, household.id, members=[*old, {"person_id": child.id, "relation_to_head": "20"}])

    screen.runner.op(b_adds_a_child)
    screen.settle()
    screen.sync()
    qtbot.waitUntil(lambda: screen.page.view is not None)
    assert screen.text("title_members") == "成员"
    screen.click("use_mine")
    error = screen.page.view.error
    qtbot.waitUntil(lambda: error.isVisible())
    assert "户主" in error.text()
    assert len(b.store.sync_problems()) == 1 and b.store.pending_count() == 0
    assert screen.page.findChild(QPushButton, "use_server").isEnabled()


def test_an_edit_of_a_visit_completed_elsewhere_offers_the_record_and_no_merge(qtbot, pair, screen):
    a, b = pair
    visit = f.visit()
    a.store.save(visit)
    a.sync()
    screen.sync()
    a.store.transition(visit.id, "COMPLETED")
    a.sync()
    screen.runner.op(lambda store: edit(store, visit.id, summary="补充：已联系村医。"))
    screen.settle()
    screen.sync()
    qtbot.waitUntil(lambda: screen.page.view is not None)
    assert screen.text("headline") == "冲突：记录已被别人封存" and "更正" in screen.text("reason")
    assert screen.text("mine_value_summary") == "补充：已联系村医。"
    assert screen.page.findChild(QPushButton, "use_mine") is None
    with qtbot.waitSignal(screen.page.open_requested) as opened:
        screen.click("open_record")
    assert opened.args == ["visit", visit.id]


def test_a_refused_change_shows_the_reason_and_leaves_only_when_the_user_confirms(qtbot, pair, screen, monkeypatch):
    outside = f.person("韦外村").model_copy(update={"village_code": "450224106201"})
    screen.runner.op(lambda store: store.save(outside))
    screen.settle()
    screen.sync()
    qtbot.waitUntil(lambda: screen.page.view is not None)
    assert screen.text("headline") == "服务器拒收"
    assert screen.text("reason") == "这条记录不在你负责的村（辖区）内，服务器不收。"
    assert screen.text("record") == "人员：韦外村"
    assert "territory.outside" in screen.text("code")
    sent = [label.text() for label in screen.page.view.findChild(QWidget, "sent").findChildren(QLabel)]
    assert "姓名：" in sent and "韦外村" in sent  # what was sent stays readable: the record left with its village

    asked = []
    monkeypatch.setattr(CloseQuestion, "ask", classmethod(lambda cls, parent, item: asked.append(item) or False))
    screen.click("discard")
    screen.settle()
    assert len(asked) == 1 and len(screen.page.items) == 1 and len(pair[1].store.sync_problems()) == 1
    assert "只保存在这条问题里" in CloseQuestion.text(asked[0])  # the record left with its village

    monkeypatch.setattr(CloseQuestion, "ask", classmethod(lambda cls, parent, item: True))
    screen.click("discard")
    qtbot.waitUntil(lambda: screen.page.items == [] and screen.control.status.problems == 0, timeout=10_000)
    assert pair[1].store.sync_problems() == []


def test_the_sync_page_hosts_the_problems_and_passes_on_open_requests(qtbot, pair, screen, household):
    page = SyncPage(screen.runner, screen.control)
    qtbot.addWidget(page)
    clash(pair, screen, household)
    qtbot.waitUntil(lambda: len(page.problems.items) == 1)
    assert page.problems_box.title() == "同步问题（1 个待处理）"
    with qtbot.waitSignal(page.open_requested) as opened:
        page.problems.open_requested.emit("household", household.id)
    assert opened.args == ["household", household.id]


@pytest.mark.parametrize("points", [12, 17])
def test_the_sync_page_with_a_conflict_fits_a_laptop_screen(qtbot, qapp, pair, screen, household, tmp_path, points):
    from PySide6.QtCore import QSettings

    from tests.ui.screens import clipped_texts, save
    from ui.app import apply_font
    from ui.main_window import MainWindow
    from ui.settings import Settings

    before = qapp.font()
    apply_font(qapp, points)
    window = MainWindow(screen.runner, screen.control,
                        Settings(QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)),
                        pages=[("sync", "同步", lambda runner, control: SyncPage(runner, control))])
    qtbot.addWidget(window)
    try:
        outside = f.person("韦外村").model_copy(update={"village_code": "450224106201"})
        screen.runner.op(lambda store: store.save(outside))
        clash(pair, screen, household)
        page = window.pages["sync"]
        window.resize(1366, 705)  # a 1366×768 screen less the task bar
        window.show()
        qtbot.waitUntil(lambda: len(page.problems.items) == 2 and screen.runner.busy == 0, timeout=10_000)
        conflict = next(item.key for item in page.problems.items if item.kind == "conflict")
        page.problems.select(conflict)
        qtbot.waitUntil(lambda: page.problems.current_key() == conflict)
        save(window, f"problems_conflict_{points}pt")
        assert clipped_texts(window) == []
        page.problems.select(next(item.key for item in page.problems.items if item.kind == "rejected"))
        save(window, f"problems_rejected_{points}pt")
        assert clipped_texts(window) == []
    finally:
        window.hide()
        qapp.setFont(before)

"""The main window: navigation on the left (住户, 走访, 议事, 调解, 同步), the page in the middle,
the sync status at the bottom; text size and language in the 设置 menu. It remembers its
layout and the page the user left open."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout, QListWidget, QListWidgetItem, QMainWindow, QMessageBox, QStackedWidget, QWidget,
)

from ui.i18n import translated
from ui.settings import FONT_SIZES, LANGUAGES, Settings
from ui.status_bar import SyncStatusBar
from ui.sync_control import SyncControl
from ui.worker import Runner

PageFactory = Callable[[Runner, SyncControl], QWidget]


def _default_pages() -> list[tuple[str, str, PageFactory]]:
    """(key, Chinese title, factory) in navigation order; a page module is imported when built."""
    from ui import pages

    return pages.PAGES


class MainWindow(QMainWindow):
    language_chosen = Signal(str)
    font_chosen = Signal(str)

    def __init__(self, runner: Runner, control: SyncControl, settings: Settings,
                 pages: list[tuple[str, str, PageFactory]] | None = None) -> None:
        super().__init__()
        self.runner = runner
        self.control = control
        self.settings = settings
        self.setObjectName("main_window")
        self.setWindowTitle(self.tr("网格工作台 GridApp"))
        self.setMinimumSize(QSize(960, 600))

        self.nav = QListWidget(self)
        self.nav.setObjectName("nav")
        titles = [translated("pages", title) for _key, title, _factory in pages or _default_pages()]
        widest = max(self.fontMetrics().horizontalAdvance(t) for t in [*titles, "调解调解"])
        self.nav.setFixedWidth(max(120, widest + 48))  # the longest title, in the chosen language
        self.stack = QStackedWidget(self)
        self.pages: dict[str, QWidget] = {}
        self._keys: list[str] = []
        for key, title, factory in pages or _default_pages():
            page = factory(runner, control)
            page.setObjectName(f"page_{key}")
            self.pages[key] = page
            self._keys.append(key)
            self.stack.addWidget(page)
            opener = getattr(page, "open_requested", None)  # Signal(str type, str id): "show me this record"
            if opener is not None:
                opener.connect(self.open_record)
            item = QListWidgetItem(translated("pages", title), self.nav)
            item.setSizeHint(QSize(0, self.fontMetrics().height() * 2 + 8))
            item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
        self.nav.currentRowChanged.connect(self._page_changed)

        central = QWidget(self)
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.nav)
        row.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.status = SyncStatusBar(control, self)
        self.setStatusBar(self.status)
        self.status.problems_clicked.connect(lambda: self.show_page("sync"))
        runner.failed.connect(self.show_error)

        self._build_menus()
        geometry, state = settings.window_state()
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 720)
        if state is not None:
            self.restoreState(state)
        self.show_page(settings.last_page if settings.last_page in self.pages else self._keys[0])
        control.refresh_status()

    def _build_menus(self) -> None:
        sync = QAction(self.tr("立即同步"), self)
        sync.setObjectName("action_sync")
        sync.setShortcut(QKeySequence(Qt.Key.Key_F5))
        sync.triggered.connect(self.control.sync_now)
        self.addAction(sync)

        menu = self.menuBar().addMenu(self.tr("设置(&S)"))
        sizes = menu.addMenu(self.tr("文字大小"))
        group = QActionGroup(self)
        for name in FONT_SIZES:
            action = sizes.addAction(translated("fonts", name))
            action.setCheckable(True)
            action.setChecked(name == self.settings.font_size_name)
            action.triggered.connect(lambda _checked=False, n=name: self.font_chosen.emit(n))
            group.addAction(action)
        languages = menu.addMenu(self.tr("语言 Language"))
        group = QActionGroup(self)
        for code, name in LANGUAGES.items():
            action = languages.addAction(name)
            action.setCheckable(True)
            action.setChecked(code == self.settings.language)
            action.triggered.connect(lambda _checked=False, c=code: self.language_chosen.emit(c))
            group.addAction(action)
        menu.addSeparator()
        menu.addAction(sync)
        quit_action = menu.addAction(self.tr("退出"))
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)

    def show_page(self, key: str) -> None:
        self.nav.setCurrentRow(self._keys.index(key))

    def open_record(self, record_type: str, record_id: str) -> None:
        """Go to the page of `record_type` and show one record there (a visit's household, the
        case a visit opened, a problem's record)."""
        page = self.pages.get(record_type)
        if page is None:
            return
        self.show_page(record_type)
        show = getattr(page, "show_record", None)
        if callable(show):
            show(record_id)

    def current_key(self) -> str:
        return self._keys[self.stack.currentIndex()]

    def _page_changed(self, row: int) -> None:
        if 0 <= row < len(self._keys):
            self.stack.setCurrentIndex(row)
            self.settings.last_page = self._keys[row]

    def show_error(self, message: str) -> None:
        QMessageBox.warning(self, self.tr("出错了"), message)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        for page in self.pages.values():
            flush = getattr(page, "flush", None)  # forms save what is typed before the window goes
            if callable(flush):
                flush()
        self.control.stop()
        self.settings.save_window_state(self.saveGeometry(), self.saveState())
        self.settings.sync()
        self.runner.wait()
        super().closeEvent(event)

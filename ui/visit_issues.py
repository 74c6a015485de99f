"""发现问题 in the visit form: a short list of issues, each its category, what was found, and 当场解决
or 转事件/案件; an issue sent on that is not a dispute gets a 上报事件 button, and once reported shows
its report number (a dispute goes to 转调解案件 instead)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QGridLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from gridapp import codes
from gridapp.visit_entry import DISPUTE_CATEGORY, IssueLine
from ui.i18n import code_label

Row = tuple[QComboBox, QLineEdit, QComboBox, QPushButton]


class IssuesEditor(QWidget):
    """发现问题: a short list, each issue its category, what was found, and 当场解决 or 转事件/案件."""

    changed = Signal()
    report_requested = Signal(int)  # the index of the issue to send on as an event report

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[Row] = []
        self._reports: list[str | None] = []
        self._report_widgets: list[tuple[QPushButton, QLabel]] = []
        self._numbers: dict[str, str] = {}
        self.column = QVBoxLayout(self)
        self.column.setContentsMargins(0, 0, 0, 0)
        self.add_button = QPushButton(self.tr("＋ 添加问题"), self)
        self.add_button.setObjectName("add_issue")
        self.add_button.clicked.connect(lambda: self._add(IssueLine(), focus=True))
        self.column.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignLeft)

    def _add(self, line: IssueLine, *, focus: bool = False) -> None:
        n = len(self.rows)
        category = QComboBox(self)
        category.setObjectName(f"issue_{n}_category")
        category.addItem(self.tr("（问题类别）"), "")
        for code, label in codes.ISSUE_CATEGORY.items():
            category.addItem(code_label(label), code)
        category.setCurrentIndex(max(0, category.findData(line.category)))
        text = QLineEdit(line.description, self)
        text.setObjectName(f"issue_{n}_description")
        text.setPlaceholderText(self.tr("发现了什么问题"))
        handled = QComboBox(self)
        handled.setObjectName(f"issue_{n}_handling")
        handled.addItem(self.tr("当场解决"), True)
        handled.addItem(self.tr("转事件/案件"), False)
        handled.setCurrentIndex(0 if line.handled_on_spot else 1)
        remove = QPushButton(self.tr("删除"), self)
        remove.setObjectName(f"issue_{n}_remove")
        report = QPushButton(self.tr("上报事件…"), self)
        report.setObjectName(f"issue_{n}_report")
        report.setToolTip(self.tr("把这个问题上报给村里或乡镇处理；上报后这次走访才能完成"))
        reported = QLabel(self)
        reported.setObjectName(f"issue_{n}_reported")
        reported.setWordWrap(True)
        box = QWidget(self)
        grid = QGridLayout(box)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(category, 0, 0)
        grid.addWidget(handled, 0, 1)
        grid.addWidget(remove, 0, 2)
        grid.addWidget(text, 1, 0, 1, 3)
        grid.addWidget(report, 2, 0, Qt.AlignmentFlag.AlignLeft)
        grid.addWidget(reported, 2, 0, 1, 3)
        grid.setColumnStretch(0, 1)
        self.column.insertWidget(self.column.count() - 1, box)
        before = self._report_widgets[-1][0] if self._report_widgets else self.add_button.previousInFocusChain()
        for first, second in zip((before, category, text, handled, remove, report),
                                 (category, text, handled, remove, report, self.add_button)):
            QWidget.setTabOrder(first, second)
        row = (category, text, handled, remove)
        self.rows.append(row)
        self._reports.append(line.event_report_id)
        self._report_widgets.append((report, reported))
        category.currentIndexChanged.connect(self.changed)
        text.textChanged.connect(self.changed)
        handled.currentIndexChanged.connect(self.changed)
        for signal in (category.currentIndexChanged, handled.currentIndexChanged):
            signal.connect(lambda *_: self._refresh_row(row))
        remove.clicked.connect(lambda: self._remove(row, box))
        report.clicked.connect(lambda: self.report_requested.emit(self.rows.index(row)))
        self._refresh_row(row)
        if focus:
            category.setFocus()
            self.changed.emit()

    def _refresh_row(self, row: Row) -> None:
        """上报事件 for an issue sent on that is not a dispute and has no report yet; a reported
        issue shows its report and keeps its category and handling."""
        i = self.rows.index(row)
        category, _text, handled, remove = row
        report_id = self._reports[i]
        button, label = self._report_widgets[i]
        sent_on = handled.currentData() is False
        is_case = category.currentData() == DISPUTE_CATEGORY
        button.setVisible(sent_on and not is_case and report_id is None)
        label.setVisible(report_id is not None)
        if report_id is not None:
            number = self._numbers.get(report_id, "")
            label.setText(self.tr("已转调解案件") if is_case and not number
                          else self.tr("已上报事件 %1").replace("%1", number).strip())
        for widget in (category, handled, remove):
            widget.setEnabled(report_id is None)

    def _remove(self, row: Row, box: QWidget) -> None:
        i = self.rows.index(row)
        del self.rows[i]
        del self._reports[i]
        del self._report_widgets[i]
        box.hide()
        box.deleteLater()
        self.changed.emit()

    def set_lines(self, lines: tuple[IssueLine, ...], numbers: dict[str, str] | None = None) -> None:
        """Show `lines`; `numbers` gives the report number of each reported issue's report id."""
        self._numbers = dict(numbers or {})
        for i in reversed(range(self.column.count() - 1)):
            widget = self.column.itemAt(i).widget()
            if widget is not None:
                widget.hide()
                widget.deleteLater()
        self.rows.clear()
        self._reports.clear()
        self._report_widgets.clear()
        for line in lines:
            self._add(line)

    def lines(self) -> tuple[IssueLine, ...]:
        return tuple(IssueLine(c.currentData() or "", t.text(), bool(h.currentData()), report)
                     for (c, t, h, _r), report in zip(self.rows, self._reports))

    def focus_chain(self) -> list[QWidget]:
        return [w for (c, t, h, r), (b, _l) in zip(self.rows, self._report_widgets) for w in (c, t, h, r, b)] + \
            [self.add_button]

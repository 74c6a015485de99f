"""Topics and votes (议题与表决): one box per topic with its vote and resolution, and the summary of
the discussion."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QGridLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit, QPushButton,
    QSizePolicy, QSpinBox, QVBoxLayout, QWidget,
)

from gridapp import codes
from gridapp.ids import new_id
from gridapp.minutes import TopicEntry
from ui.meeting_fields import RED, code_combo, set_code


class TopicRow(QGroupBox):
    """One topic: its title and type, its vote (present, yes, no, abstain) and its resolution."""

    changed = Signal()
    remove_requested = Signal(object)

    def __init__(self, entry: TopicEntry, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.topic_id = entry.topic_id or new_id()
        self.present_touched = entry.present is not None
        self.title_edit = QLineEdit(entry.title)
        self.title_edit.setPlaceholderText(self.tr("例如：屯内道路硬化"))
        self.kind = code_combo(codes.TOPIC_TYPE, blank=self.tr("请选择"))
        self.kind.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.kind.setMinimumContentsLength(6)
        set_code(self.kind, entry.topic_type)
        self.remove = QPushButton(self.tr("删除议题"))
        self.remove.clicked.connect(lambda: self.remove_requested.emit(self))
        self.voted = QCheckBox(self.tr("已表决"))
        self.voted.setChecked(entry.voted)
        self.method = code_combo(codes.VOTE_METHOD)
        set_code(self.method, entry.vote_method or "show_of_hands")
        self.present, self.yes, self.no, self.abstain = (QSpinBox() for _ in range(4))
        for box, value in ((self.present, entry.present or 0), (self.yes, entry.yes), (self.no, entry.no),
                           (self.abstain, entry.abstain)):
            box.setRange(0, 9999)
            box.setValue(value)
        self.result = QLabel()
        self.result.setWordWrap(True)
        self.resolution = QPlainTextEdit(entry.resolution)
        self.resolution.setPlaceholderText(self.tr("决议内容（表决通过或未通过都写明）"))
        self.resolution.setTabChangesFocus(True)
        self.resolution.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
        self.resolution.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 14)
        self.title_error, self.vote_error, self.resolution_error = (QLabel() for _ in range(3))

        head = QHBoxLayout()
        head.addWidget(QLabel(self.tr("议题")))
        head.addWidget(self.title_edit, 1)
        head.addWidget(self.remove)
        kind = QHBoxLayout()  # the type on its own line: long English names must not widen the form
        kind.addWidget(self.kind, 1)  # half the line: the type reads whole, yet never widens the form
        kind.addStretch(1)
        votes = QGridLayout()
        method = QHBoxLayout()
        method.addWidget(self.voted)
        method.addWidget(self.method)
        method.addStretch(1)
        votes.addLayout(method, 0, 0, 1, 4)
        for n, (text, box) in enumerate(((self.tr("实到"), self.present), (self.tr("同意"), self.yes),
                                         (self.tr("反对"), self.no), (self.tr("弃权"), self.abstain))):
            row, col = 1 + n // 2, 2 * (n % 2)  # two by two: fits beside the list at the largest text
            votes.addWidget(QLabel(text), row, col)
            votes.addWidget(box, row, col + 1)
            votes.setColumnStretch(col + 1, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addLayout(kind)
        layout.addWidget(self.title_error)
        layout.addLayout(votes)
        layout.addWidget(self.result)
        layout.addWidget(self.vote_error)
        layout.addWidget(QLabel(self.tr("决议")))
        layout.addWidget(self.resolution)
        layout.addWidget(self.resolution_error)

        self.title_edit.textChanged.connect(self.changed)
        self.kind.currentIndexChanged.connect(self.changed)
        self.voted.toggled.connect(self._voted_toggled)
        self.method.currentIndexChanged.connect(self.changed)
        self.present.valueChanged.connect(self._present_edited)
        for box in (self.yes, self.no, self.abstain):
            box.valueChanged.connect(self.changed)
        self.resolution.textChanged.connect(self.changed)
        self._voted_toggled(entry.voted, emit=False)

    def name(self, index: int) -> None:
        """Give the row's error labels their names for position `index` (they move when a row goes)."""
        self.setTitle(self.tr("议题 %1").replace("%1", str(index + 1)))
        for label, part in ((self.title_error, "title"), (self.vote_error, "vote"),
                            (self.resolution_error, "resolution")):
            label.setObjectName(f"topic_{index}_{part}_error")
            label.setWordWrap(True)
            label.setStyleSheet(f"color: {RED};")
        self.result.setObjectName(f"topic_{index}_vote_result")

    def _voted_toggled(self, on: bool, *, emit: bool = True) -> None:
        for box in (self.method, self.present, self.yes, self.no, self.abstain):
            box.setEnabled(on)
        if emit:
            self.changed.emit()

    def _present_edited(self, _value: int) -> None:
        if not self._following:
            self.present_touched = True
        self.changed.emit()

    _following = False

    def follow_present(self, present: int | None) -> None:
        """Until the worker types it, a vote's 实到 follows the meeting's."""
        if self.present_touched or present is None:
            return
        self._following = True
        self.present.setValue(present)
        self._following = False

    def entry(self) -> TopicEntry:
        return TopicEntry(title=self.title_edit.text(), topic_type=self.kind.currentData(), topic_id=self.topic_id,
                          vote_method=self.method.currentData(), present=self.present.value(),
                          yes=self.yes.value(), no=self.no.value(), abstain=self.abstain.value(),
                          voted=self.voted.isChecked(), resolution=self.resolution.toPlainText())


class TopicsAndVotes:
    """The minutes form's topics and discussion sections (a part of `MeetingForm`)."""

    def _topics_group(self) -> QGroupBox:
        box = QGroupBox(self.tr("议题与表决"))
        self.topics_column = QVBoxLayout()
        add = QPushButton(self.tr("添加议题"))
        add.setObjectName("add_topic")
        add.clicked.connect(lambda: self.add_topic(TopicEntry(present=None)))
        self.add_topic_button = add
        layout = QVBoxLayout(box)
        layout.addLayout(self.topics_column)
        layout.addWidget(self._error("topics"))
        row = QHBoxLayout()
        row.addWidget(add)
        row.addStretch(1)
        layout.addLayout(row)
        return box

    def _discussion_group(self) -> QGroupBox:
        box = QGroupBox(self.tr("讨论情况"))
        self.discussion = QPlainTextEdit()
        self.discussion.setObjectName("discussion_summary")
        self.discussion.setTabChangesFocus(True)
        self.discussion.setPlaceholderText(self.tr("与会人员的主要意见"))
        self.discussion.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 14)
        layout = QVBoxLayout(box)
        layout.addWidget(self.discussion)
        layout.addWidget(self._error("discussion_summary"))
        self.discussion.textChanged.connect(self._changed)
        return box

    def add_topic(self, entry: TopicEntry) -> TopicRow:
        row = TopicRow(entry, self)
        if entry.present is None:
            row.follow_present(self.present.value())
        row.changed.connect(self._changed)
        row.remove_requested.connect(self._remove_topic)
        self.topic_rows.append(row)
        self.topics_column.addWidget(row)
        self._rename_rows()
        self._changed()
        return row

    def _remove_topic(self, row: TopicRow) -> None:
        self.topic_rows.remove(row)
        row.deleteLater()
        self._rename_rows()
        self._changed()


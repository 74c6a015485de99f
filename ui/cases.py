"""The 调解 page: the list of mediation cases and, to the right, a read-only view of the chosen case
(parties, dispute type, state, deadlines, sessions, agreement, attachments). Editing cases comes
later; what a grid worker may see of a case is decided in `gridapp.case_view`."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from gridapp.case_view import HIDDEN, CaseView, DeadlineLine, case_view
from gridapp.listing import ListFilter
from gridapp.store import Changes
from ui.attachments import AttachmentsPanel
from ui.i18n import code_label, words
from ui.list_page import ListPage
from ui.worker import Runner

# Cases whose mediation has not ended yet (registered, being mediated, agreement not yet signed).
MEDIATING_STATES = ("REGISTERED", "ACCEPTED", "INVESTIGATING", "MEDIATING", "AGREEMENT_PENDING_SIGNATURE",
                    "REMEDIATED")


class CaseDetail(QWidget):
    """The read-only view of one case; `show_case(view)` fills it."""

    def __init__(self, runner: Runner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("case_detail")
        self.title = QLabel(self)
        self.title.setObjectName("case_title")
        self.title.setWordWrap(True)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.sections: dict[str, QLabel] = {}
        body = QWidget(self)
        column = QVBoxLayout(body)
        column.addWidget(self.title)
        for key in ("facts", "parties", "deadlines", "sessions", "agreement"):
            label = QLabel(body)
            label.setObjectName(f"case_{key}")
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.RichText)
            label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.sections[key] = label
            column.addWidget(label)
        self.attachments_title = QLabel(self.tr("<b>附件</b>"), body)
        column.addWidget(self.attachments_title)
        self.attachments = AttachmentsPanel(runner, "case", None, body)
        self.attachments.set_read_only(True)
        column.addWidget(self.attachments)
        column.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(body)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)
        self.view: CaseView | None = None
        self.show_case(None)

    def show_case(self, view: CaseView | None) -> None:
        self.view = view
        visible = view is not None
        for label in self.sections.values():
            label.setVisible(visible)
        self.attachments_title.setVisible(visible)
        self.attachments.setVisible(visible)
        if view is None:
            self.title.setText(self.tr("在左边的列表中选择一个案件。"))
            self.attachments.set_owner("case", None)
            return
        unnumbered = self.tr("（未编号）")
        self.title.setText(f"<b>{escape(view.case_no or unnumbered)}</b>　{escape(code_label(view.state))}")
        self.sections["facts"].setText(self._facts(view))
        self.sections["parties"].setText(self._parties(view))
        self.sections["deadlines"].setText(self._deadlines(view))
        self.sections["sessions"].setText(self._sessions(view))
        self.sections["agreement"].setText(self._agreement(view))
        self.attachments.set_owner("case", view.id)

    # ---------------------------------------------------------------- sections (rich text)

    def _heading(self, text: str) -> str:
        return f"<b>{escape(text)}</b><br>"

    def _rows(self, pairs: list[tuple[str, str]]) -> str:
        return "<br>".join(escape(self.tr("%1：%2").replace("%1", k).replace("%2", words(v))) for k, v in pairs if v)

    def _facts(self, v: CaseView) -> str:
        rows = [(self.tr("纠纷类型"), words(v.dispute_type)), (self.tr("状态"), code_label(v.state)),
                (self.tr("登记日期"), v.registered_on), (self.tr("来源"), code_label(v.source)),
                (self.tr("激化风险"), code_label(v.risk)), (self.tr("调解员"), "、".join(n for n in v.mediators if n)),
                (self.tr("调解结果"), code_label(v.outcome))]
        text = self._heading(self.tr("基本情况")) + self._rows(rows)
        if v.content_hidden:
            text += "<br><i>" + escape(words(HIDDEN)) + "</i>"
        elif v.summary:
            text += "<br>" + escape(self.tr("%1：%2").replace("%1", self.tr("简要情况")).replace("%2", v.summary))
        return text

    def _parties(self, v: CaseView) -> str:
        lines = []
        for p in v.parties:
            kind = self.tr("（%1）").replace("%1", code_label(p.kind)) if p.kind and p.kind != "自然人" else ""
            role = code_label(p.role) if p.role else self.tr("当事人")
            lines.append(escape(self.tr("%1：").replace("%1", role)) + f"<b>{escape(p.name)}</b>{escape(kind)}")
            contact = [(self.tr("电话"), p.phone_masked), (self.tr("证件"), p.id_number_masked),
                       (self.tr("住址"), p.address)]
            lines += [f"&emsp;{escape(k)} {escape(val)}" for k, val in contact if val]
        return self._heading(self.tr("当事人")) + ("<br>".join(lines) or escape(self.tr("未登记当事人")))

    def _deadline(self, d: DeadlineLine) -> str:
        # names and flags come from gridapp in Chinese, like the code labels
        text = escape(self.tr("%1：%2").replace("%1", words(d.name)).replace("%2", d.due.isoformat()))
        if not d.running:
            return text + escape(self.tr("（已不再计算）"))
        if d.days_left < 0:  # the warning itself is the red flag line below
            return text + escape(self.tr("（已过 %1 天）").replace("%1", str(-d.days_left)))
        if d.days_left == 0:
            return text + escape(self.tr("（今天到期）"))
        return text + escape(self.tr("（还有 %1 天）").replace("%1", str(d.days_left)))

    def _deadlines(self, v: CaseView) -> str:
        lines = [self._deadline(d) for d in v.deadlines]
        lines += [f"<span style='color:#b3261e'>{escape(words(flag))}</span>" for flag in v.flags]
        return self._heading(self.tr("期限")) + ("<br>".join(lines) or escape(self.tr("尚未受理，没有期限。")))

    def _sessions(self, v: CaseView) -> str:
        lines = []
        for s in v.sessions:
            where = self.tr("，%1").replace("%1", s.place) if s.place else ""
            matter = self.tr("：%1").replace("%1", s.matter) if s.matter else ""
            lines.append(escape(f"{s.day}{where}{matter}") + escape(self.tr("（%1）").replace("%1", code_label(s.state))))
        return self._heading(self.tr("调解记录")) + ("<br>".join(lines) or escape(self.tr("还没有调解记录。")))

    def _agreement(self, v: CaseView) -> str:
        heading = self._heading(self.tr("调解协议"))
        a = v.agreement
        if a is None:
            if v.oral_agreement:
                return heading + escape(self.tr("%1：%2").replace("%1", self.tr("口头协议")).replace("%2", v.oral_agreement))
            return heading + escape(self.tr("没有书面调解协议。"))
        rows = [(self.tr("协议编号"), a.number), (self.tr("状态"), code_label(a.state)),
                (self.tr("生效日期"), a.effective_on.isoformat() if a.effective_on else self.tr("尚未生效")),
                (self.tr("司法确认"), code_label(a.jc_state)), (self.tr("履行情况"), code_label(a.performance))]
        return heading + self._rows(rows)


class CasesPage(ListPage):
    """调解: cases newest first, filtered by open/closed, with the chosen case's read-only view."""

    def __init__(self, runner: Runner, parent: QWidget | None = None) -> None:
        super().__init__(runner, "case", parent)
        self.state_filter = QComboBox(self)
        self.state_filter.setObjectName("state_filter")
        self.state_filter.addItem(self.tr("全部案件"), ())
        self.state_filter.addItem(self.tr("正在调解的案件"), MEDIATING_STATES)
        self.filters.addWidget(self.state_filter)
        self.filters.addStretch(1)
        self.state_filter.currentIndexChanged.connect(lambda _i: self.apply_filter())
        self.case_detail = CaseDetail(runner, self)
        self.set_detail(self.case_detail)
        self.shown_id: str | None = None
        self._sized = False
        runner.changes_applied.connect(self._changes_applied)

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        if not self._sized:  # the case view needs room for its sentences: list 55 %, case 45 %
            self._sized = True
            width = max(self.width(), 600)
            self.splitter.setSizes([width * 55 // 100, width * 45 // 100])
        super().showEvent(event)

    def current_filter(self) -> ListFilter:
        return ListFilter(text=self.search.text(), states=tuple(self.state_filter.currentData() or ()))

    def show_record(self, record_id: str) -> None:
        self.shown_id = record_id
        row = self.model.row_of(record_id)
        if row >= 0 and self.table.currentIndex().row() != row:
            self.table.selectRow(row)
        self.runner.query(lambda store: case_view(store, record_id), lambda view: self._arrived(record_id, view),
                          error=lambda exc: self._arrived(record_id, None))

    def _arrived(self, record_id: str, view: CaseView | None) -> None:
        if record_id == self.shown_id:
            self.case_detail.show_case(view)

    def _changes_applied(self, changes: Changes) -> None:
        if self.shown_id and (self.shown_id in changes.record_ids
                              or changes.record_types & {"session", "agreement", "mediator"}):
            self.show_record(self.shown_id)

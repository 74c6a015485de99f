"""The database passphrase, asked only on a computer without a keyring (see README, "The database
key"): set once with a confirmation, then asked at each start. `ask()` is what tests replace."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from ui.i18n import words


class PassphraseDialog(QDialog):
    def __init__(self, creating: bool, parent: QWidget | None = None, message: str = "") -> None:
        super().__init__(parent)
        self.creating = creating
        self.setObjectName("passphrase")
        self.setWindowTitle(self.tr("数据库口令"))
        text = (self.tr("这台电脑没有系统钥匙串。请设置一个数据库口令（至少 8 个字符），每次打开网格工作台时输入。"
                        "口令丢失后本机数据无法打开（已同步到县服务器的数据不受影响）。") if creating
                else self.tr("请输入数据库口令。"))
        intro = QLabel(text, self)
        intro.setWordWrap(True)
        self.first = QLineEdit(self)
        self.first.setEchoMode(QLineEdit.EchoMode.Password)
        self.second = QLineEdit(self)
        self.second.setEchoMode(QLineEdit.EchoMode.Password)
        self.message = QLabel(words(message), self)
        self.message.setStyleSheet("color: #b00020;")
        self.message.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("口令："), self.first)
        if creating:
            form.addRow(self.tr("再输入一次："), self.second)
        else:
            self.second.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self._check)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

    def _check(self) -> None:
        if self.creating and self.first.text() != self.second.text():
            self.message.setText(self.tr("两次输入的口令不一致。"))
            return
        if self.creating and len(self.first.text()) < 8:
            self.message.setText(self.tr("口令至少需要 8 个字符。"))
            return
        self.accept()

    @classmethod
    def ask(cls, creating: bool, message: str = "") -> str | None:
        dialog = cls(creating, None, message)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.first.text()

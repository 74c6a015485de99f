"""The first start: the county server's address, user name and password — or 先离线工作 (work
offline for now; signing in later from the 同步 page). The password is sent once and never kept."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget,
)

from ui.errors import message_for
from ui.worker import Runner

DEFAULT_SERVER = "https://gridapp.rongan.gov.cn"


class SignInDialog(QDialog):
    """Accepted when the laptop is signed in; `offline` is True when the user chose to wait."""

    def __init__(self, runner: Runner, parent: QWidget | None = None, *, server: str = "",
                 username: str = "") -> None:
        super().__init__(parent)
        self.runner = runner
        self.offline = False
        self.setObjectName("sign_in")
        self.setWindowTitle(self.tr("登录县服务器"))
        self.setMinimumWidth(520)

        intro = QLabel(self.tr("请登录县服务器。登录后，本机记录的数据会在有网络时自动同步。"
                               "没有网络也可以先离线工作，以后在“同步”页面登录。"), self)
        intro.setWordWrap(True)
        self.server = QLineEdit(server or DEFAULT_SERVER, self)
        self.server.setObjectName("server")
        self.username = QLineEdit(username, self)
        self.username.setObjectName("username")
        self.password = QLineEdit(self)
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.message = QLabel(self)
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b00020;")
        form = QFormLayout()
        form.addRow(self.tr("服务器地址："), self.server)
        form.addRow(self.tr("用户名："), self.username)
        form.addRow(self.tr("密码："), self.password)

        self.sign_in_button = QPushButton(self.tr("登录"), self)
        self.sign_in_button.setObjectName("sign_in_button")
        self.sign_in_button.setDefault(True)
        self.sign_in_button.clicked.connect(self.sign_in)
        self.offline_button = QPushButton(self.tr("先离线工作"), self)
        self.offline_button.setObjectName("offline_button")
        self.offline_button.clicked.connect(self._work_offline)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.offline_button)
        buttons.addWidget(self.sign_in_button)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        (self.username if server else self.server).setFocus(Qt.FocusReason.OtherFocusReason)

    def sign_in(self) -> None:
        url, username, password = self.server.text().strip(), self.username.text().strip(), self.password.text()
        if not url.startswith(("http://", "https://")):
            self.message.setText(self.tr("服务器地址应以 https:// 开头。"))
            return
        if not username or not password:
            self.message.setText(self.tr("请填写用户名和密码。"))
            return
        self._busy(True)
        self.message.setText(self.tr("正在登录……"))
        from sync.session import ask_server, keep_account

        def kept(_account: object) -> None:
            self._busy(False)
            self.accept()

        def answered(answer: object) -> None:
            self.runner.query(lambda store: keep_account(store, url, answer), kept, error=self._failed)

        self.runner.network(lambda _progress: ask_server(url, username, password), answered, error=self._failed)

    def _failed(self, exc: BaseException) -> None:
        self._busy(False)
        self.message.setText(message_for(exc))
        self.password.selectAll()
        self.password.setFocus()

    def _busy(self, busy: bool) -> None:
        for widget in (self.sign_in_button, self.offline_button, self.server, self.username, self.password):
            widget.setEnabled(not busy)

    def _work_offline(self) -> None:
        self.offline = True
        self.accept()

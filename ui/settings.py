"""The few things the app remembers per Windows/Linux user (QSettings): language, text size,
window layout, the page last open, and whether the user chose to work offline at first start."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QByteArray, QSettings

# Text sizes in points. 标准 is comfortable on a 1366×768 laptop; the larger ones are for the
# elderly mediators and are offered plainly by name.
FONT_SIZES: dict[str, int] = {
    QT_TRANSLATE_NOOP("fonts", "标准"): 12, QT_TRANSLATE_NOOP("fonts", "大"): 14,
    QT_TRANSLATE_NOOP("fonts", "特大"): 17,
}
DEFAULT_FONT = "标准"
LANGUAGES = {"zh_CN": "简体中文", "en": "English"}


class Settings:
    def __init__(self, qsettings: QSettings | None = None) -> None:
        self._s = qsettings or QSettings("GridApp", "GridApp")

    def _get(self, key: str, default: str) -> str:
        value = self._s.value(key, default)
        return str(value) if value is not None else default

    @property
    def language(self) -> str:
        value = self._get("ui/language", "zh_CN")
        return value if value in LANGUAGES else "zh_CN"

    @language.setter
    def language(self, value: str) -> None:
        self._s.setValue("ui/language", value)

    @property
    def font_size_name(self) -> str:
        value = self._get("ui/font_size", DEFAULT_FONT)
        return value if value in FONT_SIZES else DEFAULT_FONT

    @font_size_name.setter
    def font_size_name(self, value: str) -> None:
        self._s.setValue("ui/font_size", value)

    @property
    def font_points(self) -> int:
        return FONT_SIZES[self.font_size_name]

    @property
    def last_page(self) -> str:
        return self._get("ui/last_page", "household")

    @last_page.setter
    def last_page(self, value: str) -> None:
        self._s.setValue("ui/last_page", value)

    @property
    def offline_chosen(self) -> bool:
        return self._get("start/offline_chosen", "false") == "true"

    @offline_chosen.setter
    def offline_chosen(self, value: bool) -> None:
        self._s.setValue("start/offline_chosen", "true" if value else "false")

    def window_state(self) -> tuple[QByteArray | None, QByteArray | None]:
        geometry, state = self._s.value("ui/geometry"), self._s.value("ui/state")
        return (geometry if isinstance(geometry, QByteArray) else None,
                state if isinstance(state, QByteArray) else None)

    def save_window_state(self, geometry: QByteArray, state: QByteArray) -> None:
        self._s.setValue("ui/geometry", geometry)
        self._s.setValue("ui/state", state)

    def sync(self) -> None:
        self._s.sync()

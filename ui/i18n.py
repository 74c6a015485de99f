"""Translations the Qt way: the Chinese source text is the default; English comes from
`resources/translations/gridapp_en.qm` (built from the committed `.ts` with `pyside6-lrelease`), after
Qt's own translation of its dialogs' buttons."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from gridapp.resources import resource_path
from gridapp.wording import Said

_installed: list[QTranslator] = []


def qm_path(language: str):
    return resource_path("translations", f"gridapp_{language}.qm")


def install(app: QCoreApplication, language: str) -> bool:
    """Switch the app to `language` ("zh_CN" or "en"); True when a translation was loaded.

    Widgets built afterwards are in the new language; open windows are rebuilt by the caller."""
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    locale = QLocale(QLocale.Language.Chinese, QLocale.Country.China) if language == "zh_CN" \
        else QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)
    QLocale.setDefault(locale)
    qt = QTranslator(app)
    if qt.load(locale, "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        _installed.append(qt)
    if language == "zh_CN":
        return True  # the source text is Chinese
    ours = QTranslator(app)
    path = qm_path(language)
    if path.exists() and ours.load(str(path)):
        app.installTranslator(ours)
        _installed.append(ours)
        return True
    return False


def translated(context: str, text: str, disambiguation: str | None = None, n: int = -1) -> str:
    """The translation of a text marked elsewhere with `QT_TRANSLATE_NOOP(context, text)` (page
    titles, code labels). Literal texts outside a QObject use `QCoreApplication.translate`
    directly, so `pyside6-lupdate` finds them; this name is one it does not scan."""
    return QCoreApplication.translate(context, text, disambiguation, n)


def code_label(label: str) -> str:
    """A code table's Chinese label (gridapp.codes, listed in ui/label_catalog.py) in the user's language."""
    return QCoreApplication.translate("codes", label)


def words(text: str) -> str:
    """A sentence of the core (gridapp.wording `Said`) in the user's language: its template through
    the "messages" translation, its parameters too (field titles and code labels are listed in
    ui/label_catalog.py). Plain text comes back unchanged; a translation that does not fit its
    parameters falls back to the Chinese sentence."""
    if not isinstance(text, Said):
        return text
    template = QCoreApplication.translate("messages", text.template)
    if not text.params:
        return template if template != text.template else QCoreApplication.translate("codes", template)
    try:
        return template.format(**{name: _param(value) for name, value in text.params.items()})
    except (KeyError, IndexError, ValueError):
        return str(text)


def _param(value: object) -> object:
    if isinstance(value, Said):
        return words(value)
    if isinstance(value, str) and value:
        shown = QCoreApplication.translate("messages", value)
        return shown if shown != value else QCoreApplication.translate("codes", value)
    return value

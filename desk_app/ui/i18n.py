"""The window's language: English or Chinese (中文), the Qt way.

The system's locale chooses, unless View > Language chose (remembered; it applies on the next
start). The app's own texts come from ``desk_app/translations/desk_app_<lang>.qm``, built by
``pyside6-lrelease`` from the ``.ts`` files kept in the repo (English has one too: it holds only
the plural forms, "1 sample" / "2 samples"); Qt's own (standard buttons, dialogs, key names)
from Qt's ``qtbase_<lang>.qm``. The core's words (``desk_app.words``) are translated by ``say``.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator

from desk_app.words import CONTEXT, QT_TRANSLATE_NOOP

TRANSLATIONS = Path(__file__).resolve().parent.parent / "translations"
LANGUAGES = {"system": "", "en": "English", "zh_CN": "中文"}  # View > Language, as each is named
SETTING = "language"
_installed: list[QTranslator] = []
NEXT_START = {  # what View > Language says, in the language chosen
    "system": QT_TRANSLATE_NOOP("i18n", "desk-app will follow the system's language from its next start."),
    "en": QT_TRANSLATE_NOOP("i18n", "desk-app will speak English from its next start."),
    "zh_CN": QT_TRANSLATE_NOOP("i18n", "desk-app will speak Chinese from its next start."),
}


def say(text: str) -> str:
    """One of ``desk_app.words`` in the window's language."""
    return QCoreApplication.translate(CONTEXT, text)


def choice(settings: QSettings) -> str:
    """What View > Language chose: "system", "en" or "zh_CN" (garbage reads as "system")."""
    value = str(settings.value(SETTING, "system"))
    return value if value in LANGUAGES else "system"


def language(chosen: str) -> str:
    """The language the window speaks for a choice: "zh_CN" for Chinese, else "en"."""
    if chosen == "system":
        return "zh_CN" if QLocale.system().language() == QLocale.Language.Chinese else "en"
    return chosen


def qt_translations() -> Path:
    """Qt's own translations: in the PySide6 wheel, or beside the app in a standalone bundle."""
    return Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))


def install(chosen: str | None = None) -> str:
    """Load the translations for ``chosen`` (default: the settings' choice) into the running
    application, replacing any loaded before; returns the language now spoken."""
    app = QCoreApplication.instance()
    if chosen is None:
        chosen = choice(QSettings("desk-app", "desk-app"))
    lang = language(chosen)
    for t in _installed:
        app.removeTranslator(t)
    _installed.clear()
    for name, folder in ((f"desk_app_{lang}", TRANSLATIONS), (f"qtbase_{lang}", qt_translations())):
        t = QTranslator(app)
        if t.load(name, str(folder)):
            app.installTranslator(t)
            _installed.append(t)
    QLocale.setDefault(QLocale(lang))
    return lang


def from_next_start(chosen: str) -> str:
    """That the window will speak ``chosen`` from the next start, said in that language."""
    t = QTranslator()
    t.load(f"desk_app_{language(chosen)}", str(TRANSLATIONS))
    return t.translate("i18n", NEXT_START[chosen]) or NEXT_START[chosen]

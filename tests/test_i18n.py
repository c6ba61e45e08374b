"""The window in Chinese, the Qt way: every visible text is in the .ts files and translated,
lupdate finds nothing new, the .qm files are lrelease's output of the .ts files, the system's
locale (or View > Language) chooses, and under zh_CN the window's titles, menus, actions, labels
and buttons speak Chinese, as do the readings' words."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDockWidget,
    QLabel,
    QMenu,
    QTableWidget,
    QToolBar,
)

from desk_app.ui import i18n
from tests.conftest import ROOT, shown_window
from tests.drive import draw, press

TS = ROOT / "desk_app" / "translations"
BIN = Path(sys.executable).parent
NAMES = re.compile(r"desk-app|MNIST|PNG|CSV|Ctrl|Shift|Esc|Del|px|[A-Z]\b")  # names, not English
ENGLISH = re.compile(r"[A-Za-z]{2,}")


def sources() -> list[str]:
    return sorted(str(p) for p in (ROOT / "desk_app").rglob("*.py"))


def messages(ts: Path) -> list[ET.Element]:
    return list(ET.parse(ts).getroot().iter("message"))


@pytest.mark.parametrize("name", ["desk_app_zh_CN.ts", "desk_app_en.ts"])
def test_every_text_in_the_ts_files_is_translated(name):
    found = messages(TS / name)
    assert len(found) >= (150 if "zh" in name else 15)
    for m in found:
        t = m.find("translation")
        assert t.get("type") is None, f"unfinished: {m.find('source').text!r}"
        forms = [f.text for f in t.findall("numerusform")] if m.get("numerus") else [t.text]
        assert all(forms), f"empty: {m.find('source').text!r}"
        fields = set(re.findall(r"\{\w+\}|%n", m.find("source").text))
        assert all(set(re.findall(r"\{\w+\}|%n", f)) == fields for f in forms), m.find("source").text


def test_lupdate_finds_no_text_missing_from_the_ts_files(tmp_path):
    lupdate = shutil.which("pyside6-lupdate", path=str(BIN)) or shutil.which("pyside6-lupdate")
    for name, extra in (("desk_app_zh_CN.ts", []), ("desk_app_en.ts", ["-pluralonly"])):
        copy = tmp_path / name
        shutil.copy(TS / name, copy)
        out = subprocess.run([lupdate, *sources(), "-locations", "none", "-no-obsolete", *extra,
                              "-ts", str(copy)], capture_output=True, text=True, check=True)
        print(out.stdout.strip())
        if not extra:  # (for English, lupdate counts the texts it strips as new)
            assert "(0 new and" in out.stdout, out.stdout
        assert {m.find("source").text for m in messages(copy)} == \
            {m.find("source").text for m in messages(TS / name)}  # nothing gone either


def test_the_qm_files_are_built_from_the_ts_files(tmp_path):
    lrelease = shutil.which("pyside6-lrelease", path=str(BIN)) or shutil.which("pyside6-lrelease")
    for lang in ("zh_CN", "en"):
        out = tmp_path / f"{lang}.qm"
        subprocess.run([lrelease, "-silent", str(TS / f"desk_app_{lang}.ts"), "-qm", str(out)], check=True)
        assert out.read_bytes() == (TS / f"desk_app_{lang}.qm").read_bytes(), "run `make translations`"


def test_the_system_locale_chooses_the_language(tmp_path):
    code = ("from PySide6.QtCore import QCoreApplication; app = QCoreApplication([]); "
            "from desk_app.ui import i18n; "
            "print(i18n.install(), QCoreApplication.translate('words', 'Not a digit'))")
    for lang, expected in (("zh_CN.UTF-8", "zh_CN 不是数字"), ("C.UTF-8", "en Not a digit"),
                           ("en_GB.UTF-8", "en Not a digit")):
        env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "LANG": lang, "LC_ALL": lang,
               "XDG_CONFIG_HOME": str(tmp_path / "config"), "PYTHONPATH": str(ROOT)}
        out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
        assert out.stdout.strip() == expected, out.stderr


def visible_texts(window) -> list[str]:
    """Every title, menu, action, label, button and column of the window, as a person sees them."""
    texts = [window.windowTitle()]

    def menu_texts(menu: QMenu) -> None:
        texts.append(menu.title())
        for act in menu.actions():
            if act.menu() is not None:
                menu_texts(act.menu())
            elif not act.isSeparator():
                texts.append(act.text())

    for act in window.menuBar().actions():
        menu_texts(act.menu())
    for bar in window.findChildren(QToolBar):
        texts += [a.text() for a in bar.actions() if a.text()]
    texts += [w.text() for w in window.findChildren(QLabel) if w.isVisible() and w.text()]
    texts += [w.text() for w in window.findChildren(QAbstractButton) if w.isVisible() and w.text()]
    texts += [w.windowTitle() for w in window.findChildren(QDockWidget)]
    for table in window.findChildren(QTableWidget):
        texts += [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
    texts.append(window.canvas.toolTip())
    return [t for t in texts if t]


def english(text: str) -> bool:
    return bool(ENGLISH.search(NAMES.sub("", text.replace("&", ""))))


@pytest.fixture
def chinese():
    i18n.install("zh_CN")
    yield
    i18n.install("en")
    QSettings("desk-app", "desk-app").remove("tape")


def test_the_window_speaks_chinese(chinese, qtbot, tmp_path, monkeypatch):
    w = shown_window(qtbot, tmp_path, monkeypatch, "zh_CN")
    press(w, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)  # the tape too
    texts = visible_texts(w)
    left = [t for t in texts if english(t)]
    print(f"{len(texts)} texts, {len(left)} with an English word: {left}")
    assert len(texts) >= 60 and len(left) <= 2  # "English" in View > Language
    assert w.windowTitle() == "desk-app：手写数字" and w.panel.confidence.text() == "写一个数字"
    t = np.linspace(0, 12 * np.pi, 200)  # a scribble: not a digit, in Chinese
    draw(w.canvas, [np.stack([300 + 120 * np.sin(t) * np.cos(3.1 * t), 200 + 120 * np.sin(1.7 * t)], 1)])
    assert w.panel.confidence.text() in ("不是数字", ) or w.panel.confidence.text().startswith("不确定：")
    press(w, Qt.Key.Key_Escape)
    draw(w.canvas, [np.array([[300.0, 100.0], [420.0, 100.0], [340.0, 330.0]])])
    assert w.panel.confidence.text().startswith("置信度 ") and w.windowTitle() == "desk-app：7"
    assert "<b>当前模型：</b>自带模型，训练于 " in w.about_text()  # Help > About, the model's words too


def test_the_readings_words_in_chinese(chinese):
    from desk_app import reading, verdicts

    unsure = verdicts.Reading("unsure", None, 0.5, np.eye(10)[1] * 0.5 + np.eye(10)[7] * 0.5, pair=(1, 7))
    small = verdicts.Reading("too small", None, 0.0, np.zeros(10), 0.0)
    assert unsure.said(i18n.say) == "不确定：1 还是 7？" and unsure.words == "Unsure: 1 or 7?"
    assert small.said(i18n.say) == "太小了：请写大一些"
    assert reading.confident(0.93, i18n.say) == "置信度 93%"


def test_view_language_is_remembered_and_said_in_the_language_chosen(window):
    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&View")
    languages = next(a.menu() for a in menu.actions() if a.menu() is not None and a.text() == "&Language")
    assert [a.text() for a in languages.actions()] == ["Follow the &system", "&English", "&中文"]
    try:
        languages.actions()[2].trigger()
        assert i18n.choice(QSettings("desk-app", "desk-app")) == "zh_CN"
        assert window.statusBar().currentMessage() == "desk-app 下次启动时将使用中文。"
        assert QApplication.instance() is not None and i18n.install() == "zh_CN"  # the next start
    finally:
        languages.actions()[0].trigger()
        i18n.install("en")
    assert i18n.choice(QSettings("desk-app", "desk-app")) == "system"


@pytest.mark.skipif(shutil.which("fc-list") is None, reason="needs fontconfig (.ci/run installs a CJK font)")
def test_chinese_glyphs_have_a_font(qapp):
    """Without a CJK font every Chinese text is a row of boxes: .ci/run installs fonts-noto-cjk."""
    from PySide6.QtGui import QFont, QFontDatabase, QFontMetrics

    found = QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)
    print(f"{len(found)} font families write Chinese, e.g. {found[:3]}")
    assert found, "no CJK font: apt-get install fonts-noto-cjk"
    assert all(QFontMetrics(QFont(found[0])).inFont(c) for c in "不是数字写一个")

"""The tape (View > Tape): numbers written one after another go onto it after a pause; an entry
is corrected by typing over it; it is copied, saved as CSV and kept across a restart. The file
format's edges (a damaged file is set aside, not lost) are tested without Qt."""

from __future__ import annotations

import csv
import json
import time

import numpy as np
import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog

from desk_app import tape
from tests.drive import draw, press

CTRL = Qt.KeyboardModifier.ControlModifier


def seven(x: float) -> np.ndarray:
    return np.array([[x, 100.0], [x + 70, 100.0], [x + 25, 220.0]])


def one(x: float) -> np.ndarray:
    return np.array([[x + 35, 90.0], [x + 35, 230.0]])


@pytest.fixture
def taped(window):
    """The window with its tape on (through its shortcut), turned off again afterwards (the
    tests share one settings file)."""
    press(window, Qt.Key.Key_T, CTRL)
    yield window
    QSettings("desk-app", "desk-app").remove("tape")


def test_three_numbers_go_onto_the_tape_are_corrected_copied_saved_and_kept(taped, qtbot, tmp_path,
                                                                             monkeypatch):
    window = taped
    assert window.tape.isVisible() and window.actions.tape.isChecked()
    window.tape.pause.setValue(0.5)
    for number in ([seven(100), one(300)], [seven(100), one(300), seven(500)], [one(300)]):
        draw(window.canvas, number)
        assert not window.canvas.is_empty  # not before the pause
        qtbot.waitUntil(lambda: window.canvas.is_empty, timeout=3000)
    entries = window.tape.entries
    assert [e.text for e in entries] == ["71", "717", "1"]
    assert all(0.5 <= e.confidence <= 1.0 for e in entries)
    assert window.panel.prediction.text() == "–"  # the canvas is clear for the next number

    # Correct the second entry by typing over it: 717 -> 711 keeps one sample, the 1 it meant.
    table = window.tape.table
    cell = table.visualItemRect(table.item(1, 0)).center()
    QTest.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, cell)
    for key in (Qt.Key.Key_7, Qt.Key.Key_1, Qt.Key.Key_1, Qt.Key.Key_Return):
        press(window, key)
    qtbot.waitUntil(lambda: entries[1].corrected)  # Return commits on the event loop's next turn
    assert entries[1].text == "711" and entries[1].corrected and entries[1].confidence == 1.0
    samples = window.corrections.store.samples()
    assert [s.label for s in samples] == [1]
    np.testing.assert_array_equal(samples[0].image, entries[1].pieces[2].image)

    QTest.mouseClick(window.tape.copy_button, Qt.MouseButton.LeftButton)
    assert QApplication.clipboard().text() == "71\n711\n1\n"
    out = tmp_path / "my numbers.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out.with_suffix("")), ""))
    QTest.mouseClick(window.tape.save_button, Qt.MouseButton.LeftButton)
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert [r["text"] for r in rows] == ["71", "711", "1"]
    assert float(rows[1]["confidence"]) == 1.0 and 0.5 <= float(rows[2]["confidence"]) <= 1.0
    assert abs(time.mktime(time.strptime(rows[0]["time"][:19], "%Y-%m-%dT%H:%M:%S")) - time.time()) < 120

    window.close()  # a restart: the tape is on again, with its numbers
    from desk_app.window import MainWindow

    again = MainWindow()
    qtbot.addWidget(again)
    assert again.actions.tape.isChecked()
    assert [(e.text, e.corrected) for e in again.tape.entries] == [("71", False), ("711", True), ("1", False)]
    assert again.tape.table.item(1, 0).text() == "711"


def test_ctrl_z_takes_an_answer_off_the_tape_and_brings_the_drawing_back(taped, qtbot):
    window = taped
    window.tape.pause.setValue(0.5)
    draw(window.canvas, [seven(100), seven(300)])
    qtbot.waitUntil(lambda: window.canvas.is_empty, timeout=3000)
    assert [e.text for e in window.tape.entries] == ["77"]
    press(window, Qt.Key.Key_Z, CTRL)
    assert window.tape.entries == [] and len(window.canvas.strokes) == 2
    press(window, Qt.Key.Key_1)  # corrected on the canvas: the tape takes the correction
    qtbot.waitUntil(lambda: window.canvas.is_empty, timeout=3000)
    assert [e.text for e in window.tape.entries] == ["71"]
    press(window, Qt.Key.Key_T, CTRL)  # off: drawings stay on the canvas
    draw(window.canvas, [seven(100)])
    QTest.qWait(800)
    assert not window.canvas.is_empty and not window.tape.isVisible()


def test_a_scribble_stays_off_the_tape(taped, qtbot):
    window = taped
    window.tape.pause.setValue(0.5)
    t = np.linspace(0, 12 * np.pi, 200)
    draw(window.canvas, [np.stack([300 + 120 * np.sin(t) * np.cos(3.1 * t), 200 + 120 * np.sin(1.7 * t)], 1)])
    QTest.qWait(900)
    assert window.reading.text in ("✗", "?")  # not a digit, or unsure: no digit stands
    assert not window.canvas.is_empty and window.tape.entries == []
    assert "Not put on the tape" in window.statusBar().currentMessage()


def test_only_the_newest_entries_keep_their_images(tmp_path, monkeypatch):
    monkeypatch.setattr(tape, "PIECES_KEPT", 2)
    entries = [tape.entry([str(k)], 0.9, [np.full((28, 28), k, np.uint8)]) for k in range(5)]
    tape.save(tmp_path / "tape.json", entries)
    back, _ = tape.load(tmp_path / "tape.json")
    assert [e.text for e in back] == list("01234") and [len(e.pieces) for e in back] == [0, 0, 0, 1, 1]
    assert tape.correction(back[0], "7") == [] and tape.correction(back[4], "7") == [(0, 7)]


def test_the_tape_file_survives_damage_and_bad_entries(tmp_path):
    path = tmp_path / "tape.json"
    assert tape.load(path) == ([], None)
    e = tape.entry(["2", "0", "2", "6"], 0.93, [np.full((28, 28), k, np.uint8) for k in range(4)],
                   [[[[1.0, 2.0], [3.0, 4.0]]]] * 4, at=1_700_000_000.0)
    tape.save(path, [e])
    (back,), problem = tape.load(path)
    assert problem is None and back.text == "2026" and back.confidence == 0.93
    np.testing.assert_array_equal(back.pieces[3].image, e.pieces[3].image)
    assert tape.correction(back, "2028") == [(3, 8)] and tape.correction(back, "202") == []
    assert tape.valid_text("2?26") and not tape.valid_text("12a") and not tape.valid_text("?")
    lines = tape.as_csv([back]).splitlines()
    assert lines[0] == "text,confidence,time" and lines[1].startswith("2026,0.9300,20")
    path.write_text(json.dumps({"entries": [{"text": "12x", "confidence": 2, "time": 0}]}))
    entries, problem = tape.load(path)
    assert entries == [] and "damaged" in problem and (tmp_path / "tape.json.damaged").is_file()
    path.write_bytes(b"\x00garbage")
    assert tape.load(path)[0] == [] and not path.exists()

"""The window as people use it (issue 10): keyboard focus, a steady layout, safe samples,
menus, themes. Keys go to the focused widget through Qt's shortcut handling (``press``)."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QSpinBox, QWidget

from desk_app.ui.theme import is_dark
from desk_app.window import MainWindow
from tests.drive import draw, pen_stroke, press

SEVEN = [np.array([[300.0, 100.0], [420.0, 100.0], [340.0, 330.0]])]


def answer(w) -> str:
    return "".join(c for c in w.findChild(QLabel, "prediction").text() if c.isdigit())


def test_the_canvas_has_the_keyboard_and_the_pen_box_never_keeps_it(window, qtbot):
    assert QApplication.focusWidget() is window.canvas
    pen = window.findChild(QSpinBox, "pen_width")
    start = pen.value()
    QTest.mouseClick(pen, Qt.MouseButton.LeftButton, pos=QPoint(pen.width() - 6, 5))  # its up arrow
    assert pen.value() == start + 1 and QApplication.focusWidget() is window.canvas
    draw(window.canvas, SEVEN)
    assert answer(window) == "7"
    for key in (Qt.Key.Key_0, Qt.Key.Key_7, Qt.Key.Key_Delete):
        target = press(window, key)
        assert target is window.canvas
    assert pen.value() == start + 1  # no key went into it
    assert len(window.corrections.store) == 2  # 0 and 7 were corrections; Delete cleared
    assert window.canvas.is_empty
    press(window, Qt.Key.Key_BracketRight)
    press(window, Qt.Key.Key_BracketRight)
    press(window, Qt.Key.Key_BracketLeft)
    assert pen.value() == start + 3


def test_escape_delete_and_ctrl_z_each_clear_a_drawing(window):
    for key, mods in ((Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier),
                      (Qt.Key.Key_Delete, Qt.KeyboardModifier.NoModifier),
                      (Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)):
        draw(window.canvas, SEVEN)
        assert answer(window) == "7"
        press(window, key, mods)
        assert answer(window) == "" and window.canvas.is_empty
    press(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert answer(window) == "7"  # redo


def test_the_canvas_keeps_its_size_while_a_long_number_is_written(window):
    canvas = window.canvas
    size, win = canvas.size(), window.size()
    for k in range(8):
        x = 30 + k * 92.0
        draw(canvas, [np.array([[x, 100.0], [x + 70, 100.0], [x + 25, 220.0]])])  # sevens
        QApplication.processEvents()
        assert canvas.size() == size and window.size() == win, k
    assert answer(window) == "7" * 8
    assert len(window.panel.digits.findChildren(QPushButton)) == 8


def test_a_correction_says_what_was_saved_and_ctrl_z_takes_it_back(window):
    draw(window.canvas, SEVEN)
    bars = window.panel.bars
    QTest.mouseClick(bars, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     QPoint(bars.width() // 2, int(bars.height() * 1.5 / 11)))  # the row of 1 (of 11)
    assert len(window.corrections.store) == 1 and window.corrections.store.samples()[0].label == 1
    assert "Saved as 1" in window.panel.note.text()
    press(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert len(window.corrections.store) == 0 and not window.canvas.is_empty  # the sample, not the stroke
    assert "removed" in window.panel.note.text()
    press(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.canvas.is_empty


def test_samples_dialog_deletes_undoably_relabels_and_imports_once(window, qtbot, tmp_path):
    from desk_app.samples import SampleStore
    from desk_app.ui.samples_dialog import SamplesDialog

    for digit in (7, 3, 5):
        draw(window.canvas, SEVEN)
        press(window, getattr(Qt.Key, f"Key_{digit}"))
        press(window, Qt.Key.Key_Escape)
    dialog = SamplesDialog(window.corrections.store, window)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    dialog.list.selectAll()
    press(dialog, Qt.Key.Key_Delete)
    assert len(SampleStore(window.corrections.store.folder)) == 0
    press(dialog, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert sorted(s.label for s in SampleStore(window.corrections.store.folder).samples()) == [3, 5, 7]
    dialog.list.clearSelection()
    dialog.list.item(1).setSelected(True)
    press(dialog, Qt.Key.Key_9)
    assert sorted(s.label for s in SampleStore(window.corrections.store.folder).samples()) == [5, 7, 9]
    out = tmp_path / "export"
    assert window.corrections.store.export(out) == 3
    assert window.corrections.store.import_folder(out) == 0  # all already here
    other = SampleStore(tmp_path / "other")
    assert other.import_folder(out) == 3 and other.import_folder(out) == 0


def test_escape_while_drawing_leaves_no_ghost_and_ink_stays_on_the_canvas(window):
    canvas = window.canvas
    blank = canvas.render_image()
    QTest.mousePress(canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(100, 100))
    QTest.mouseMove(canvas, QPoint(300, 300))
    press(window, Qt.Key.Key_Escape)
    QTest.mouseRelease(canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(300, 300))
    assert canvas.is_empty and canvas.render_image() == blank
    draw(canvas, [np.array([[100.0, 100.0], [5000.0, -300.0]])])
    xs, ys = zip(*canvas.strokes[0], strict=True)
    assert max(xs) < canvas.width() and min(ys) >= 0


def test_a_new_pen_width_leaves_what_is_drawn_alone(window):
    canvas = window.canvas
    draw(canvas, SEVEN)
    first = canvas.pen_width()
    before = canvas.render_image()
    window.pen_step(10)
    assert canvas.render_image() == before
    draw(canvas, [np.array([[600.0, 100.0], [600.0, 300.0]])])
    assert canvas.document.widths == (first, first + 10)


def test_menus_hold_every_action_and_help_lists_the_shortcuts(window):
    titles = [a.text().replace("&", "") for a in window.menuBar().actions()]
    assert titles == ["File", "Edit", "View", "Model", "Help"]
    in_menus = set()
    for menu_action in window.menuBar().actions():
        stack = [menu_action.menu()]
        while stack:
            m = stack.pop()
            for a in m.actions():
                in_menus.add(a)
                if a.menu():
                    stack.append(a.menu())
    for name in ("open", "save", "quit", "undo", "redo", "clear", "copy", "paste", "thinner", "thicker",
                 "samples", "retrain", "shortcuts", "about"):
        assert getattr(window.actions, name) in in_menus, name
    keys = " ".join(k for k, _ in window.actions.shortcut_rows())
    for k in ("Esc", "Ctrl+Z", "Ctrl+O", "Ctrl+V", "Ctrl+C", "[", "]", "0 - 9", "Ctrl+M", "Ctrl+R", "F1"):
        assert k in keys, k


def test_save_needs_a_drawing_and_ctrl_c_copies_the_answer(window):
    assert not window.actions.save.isEnabled()
    draw(window.canvas, SEVEN)
    assert window.actions.save.isEnabled()
    press(window, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.clipboard().text() == "7"
    press(window, Qt.Key.Key_Escape)
    assert "7" in window.panel.history.text()
    assert window.statusBar().currentMessage() == "Cleared. Ctrl+Z brings it back."
    draw(window.canvas, SEVEN)
    assert window.statusBar().currentMessage() == ""  # the next action replaces old news


def contrast(a: QColor, b: QColor) -> float:
    def lum(c: QColor) -> float:
        ch = [v / 255 for v in (c.red(), c.green(), c.blue())]
        ch = [v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4 for v in ch]
        return 0.2126 * ch[0] + 0.7152 * ch[1] + 0.0722 * ch[2]

    hi, lo = sorted((lum(a), lum(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_light_and_dark_keep_the_canvas_apart_and_readable(window, theme):
    window.set_theme(theme)
    QApplication.processEvents()
    canvas = window.canvas
    pal = window.palette()
    window_bg = pal.color(QPalette.ColorRole.Window)
    assert is_dark(canvas.palette()) == (theme == "dark")
    assert contrast(canvas.ink_color(), canvas.paper_color()) >= 7
    assert canvas.paper_color() != window_bg
    assert contrast(pal.color(QPalette.ColorRole.WindowText), window_bg) >= 7
    img = canvas.grab().toImage()
    assert QColor(img.pixel(0, canvas.height() // 2)) != canvas.paper_color()  # a visible border
    window.set_theme("system")


def test_garbage_settings_still_open_the_window(qtbot, tmp_path, monkeypatch):
    from PySide6.QtCore import QSettings

    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    for value in ("abc", "nan", "inf", "1e308", "-5"):
        s = QSettings("desk-app", "desk-app")
        s.setValue("pen_width", value)
        s.setValue("theme", 42)
        s.sync()
        w = MainWindow()
        qtbot.addWidget(w)
        assert 2 <= w.canvas.pen_width() <= 60, value
        w.close()


def test_the_digit_buttons_never_take_the_keyboard(window):
    h = window.canvas.height() * 0.5
    for x in (60.0, 200.0):
        draw(window.canvas, [np.array([[x, 60.0], [x, 60.0 + h]])])
    buttons = window.panel.digits.findChildren(QPushButton)
    QTest.mouseClick(buttons[0], Qt.MouseButton.LeftButton)
    assert QApplication.focusWidget() is window.canvas
    assert isinstance(window.findChild(QWidget, "canvas"), QWidget)


def test_at_its_smallest_the_window_hides_nothing(window, qtbot):
    from PySide6.QtWidgets import QToolBar, QToolButton

    window.resize(window.minimumSizeHint())
    qtbot.wait(50)
    bar = window.findChild(QToolBar, "tools")
    chevron = bar.findChild(QToolButton, "qt_toolbar_ext_button")
    assert chevron is None or not chevron.isVisible()
    assert window.canvas.width() >= 200 and window.panel.isVisible()


def test_an_opened_photo_keeps_its_colours_and_dialogs_remember_folders(window, tmp_path):
    from PIL import Image

    img = np.full((120, 120, 3), (250, 240, 200), np.uint8)  # cream paper
    img[20:100, 55:65] = (20, 40, 160)  # a blue 1
    Image.fromarray(img).save(tmp_path / "blue.png")
    assert window.files.open_image(tmp_path / "blue.png")
    pic = window.canvas.picture
    color = QColor(pic.pixel(60, 50))
    assert color.blue() > color.red() + 50  # blue ink, not grey
    assert answer(window) == "1"
    window.files._remember_folder("open", str(tmp_path / "blue.png"))
    assert window.files._folder("open") == str(tmp_path)
    assert window.last_error is None
    window.files.open_image(tmp_path / "missing.png")
    assert window.last_error[0].isupper() and window.last_error.count("missing.png") == 1


def test_retraining_without_the_training_side_says_how_to_get_it(window, monkeypatch, tmp_path):
    import importlib.util

    from desk_app.ui import retrain_process as retrain

    draw(window.canvas, SEVEN)
    press(window, Qt.Key.Key_7)
    monkeypatch.setattr(retrain, "SCRIPT", tmp_path / "train_model.py")  # as in the standalone app
    assert not window.retrain() and "standalone" in window.last_error
    monkeypatch.setattr(retrain, "SCRIPT", retrain.Path(__file__))  # a checkout, but no TensorFlow
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda n, *a: None if n == "tensorflow" else real(n, *a))
    assert not window.retrain() and "pip install 'desk-app[train]'" in window.last_error
    assert window.retraining.retrainer is None


def test_ink_the_window_no_longer_shows_is_not_read(window, qtbot):
    """A 1 drawn far right, then the window made small: the 1 is out of view and not read."""
    draw(window.canvas, [np.array([[700.0, 80.0], [700.0, 300.0]])])
    assert answer(window) == "1"
    window.resize(window.minimumSizeHint())
    qtbot.wait(50)
    assert window.canvas.width() < 690
    draw(window.canvas, [np.array([[40.0, 40.0], [120.0, 40.0], [60.0, 200.0]])])  # a 7
    assert answer(window) == "7"
    window.resize(1200, 640)  # bigger again: the 1 is back in view, and read
    qtbot.wait(50)
    window.recognize()
    assert answer(window) == "71"


def test_a_typed_correction_shows_in_the_label_and_the_title_until_the_drawing_changes(window):
    draw(window.canvas, SEVEN)
    press(window, Qt.Key.Key_1)  # "no, a 1"
    assert answer(window) == "1" and window.windowTitle() == "desk-app: 1"
    assert "correction" in window.panel.confidence.text()
    press(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # the correction taken back
    assert answer(window) == "7" and "removed" in window.panel.note.text()
    draw(window.canvas, [np.array([[600.0, 300.0], [600.0, 301.0]])])  # the drawing changes
    assert window.panel.note.text() == "" and window.statusBar().currentMessage() == ""


def test_on_a_number_the_message_says_which_digit_was_saved(window):
    for x in (100.0, 300.0, 500.0):
        draw(window.canvas, [np.array([[x, 100.0], [x + 70, 100.0], [x + 25, 220.0]])])  # sevens
    assert answer(window) == "777"
    window.select_digit(1)
    press(window, Qt.Key.Key_1)
    assert "digit 2 of 3 as 1" in window.panel.note.text()
    assert answer(window) == "717" and window.windowTitle() == "desk-app: 717"
    assert window.corrections.store.samples()[-1].label == 1


def test_the_canvas_gets_the_keyboard_back_when_a_dialog_closes(window, qtbot):
    from PySide6.QtWidgets import QMessageBox

    for open_it in (window.about, window.show_shortcuts, lambda: window._fail("Something went wrong.")):
        open_it()
        qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), QMessageBox))
        box = QApplication.activeModalWidget()
        QTest.keyClick(box, Qt.Key.Key_Escape)  # closes the box
        qtbot.waitUntil(lambda: QApplication.focusWidget() is window.canvas)
        draw(window.canvas, SEVEN)
        press(window, Qt.Key.Key_Escape)  # keys reach the canvas again: Esc clears
        assert window.canvas.is_empty


def test_escape_in_the_progress_dialog_asks_before_it_cancels(window, qtbot, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from desk_app.ui.retraining import ProgressDialog

    dialog = ProgressDialog("Training", "Cancel", 0, 100, window)
    cancelled = []
    dialog.canceled.connect(lambda: cancelled.append(True))
    dialog.show()
    asked = []
    for reply in (QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes):
        monkeypatch.setattr(QMessageBox, "question", lambda *a, r=reply, **k: asked.append(a) or r)
        press(dialog, Qt.Key.Key_Escape)  # as the keyboard sends it: to the active dialog
        assert len(cancelled) == (reply == QMessageBox.StandardButton.Yes)
    assert len(asked) == 2


def test_restoring_the_bundled_model_can_be_undone(window, tmp_path):
    import shutil

    from desk_app import model_files

    mine = window.retraining.user_model
    mine.parent.mkdir(parents=True)
    for name in ("model.tflite", "model_card.json"):
        shutil.copy(model_files.assets_dir() / name, mine.parent / name)
    window.load_model(reload=True)
    assert window.recognizer.path == mine and window.actions.model.text().startswith("Your retrained model")
    assert window.actions.restore.isEnabled()
    window.actions.restore.trigger()
    assert model_files.is_bundled(window.recognizer.path) and not mine.exists()
    assert window.actions.model.text().startswith("Bundled model") and window.actions.use_mine.isEnabled()
    press(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # undo
    assert window.recognizer.path == mine and mine.is_file()
    window.actions.restore.trigger()
    window.actions.use_mine.trigger()
    assert window.recognizer.path == mine


def test_my_samples_undoes_relabels_imports_digit_folders_and_follows_the_theme(window, qtbot, tmp_path):
    from PIL import Image
    from PySide6.QtWidgets import QDialogButtonBox

    from desk_app.samples import SampleStore
    from desk_app.ui.samples_dialog import SamplesDialog

    draw(window.canvas, SEVEN)
    press(window, Qt.Key.Key_7)
    dialog = SamplesDialog(window.corrections.store, window)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.list.selectAll()
    press(dialog, Qt.Key.Key_1)  # relabel
    assert [s.label for s in SampleStore(window.corrections.store.folder).samples()] == [1]
    press(dialog, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # and take it back
    assert [s.label for s in SampleStore(window.corrections.store.folder).samples()] == [7]
    defaults = [b.text() for b in dialog.findChildren(QPushButton) if b.isDefault() or b.autoDefault()]
    close = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Close)
    assert defaults == [close.text()]  # Enter closes; it never deletes
    # Digit-named folders import; a folder with neither layout says what it expects.
    for d in (3, 8):
        (tmp_path / "mine" / str(d)).mkdir(parents=True)
        img = np.full((40, 40), 255, np.uint8)
        img[8:32, 18:22] = 0
        Image.fromarray(img).save(tmp_path / "mine" / str(d) / "a.png")
    assert window.corrections.store.import_folder(tmp_path / "mine") == 2
    assert sorted(s.label for s in window.corrections.store.samples()) == [3, 7, 8]
    (tmp_path / "empty").mkdir()
    with pytest.raises(ValueError, match=r"labels.csv.*one folder per digit"):
        window.corrections.store.import_folder(tmp_path / "empty")
    assert window.corrections.store.export(tmp_path / "new" / "folder") == 3  # Export makes a new folder
    # The thumbnails are drawn in the canvas's colours, light or dark.
    for name in ("light", "dark"):
        window.set_theme(name)
        QApplication.processEvents()
        icon = dialog.list.item(0).icon().pixmap(56, 56).toImage()
        assert QColor(icon.pixel(1, 1)) == window.canvas.paper_color(), name
    window.set_theme("system")


def test_a_failed_retraining_names_its_log_and_shows_no_traceback(window, qtbot, monkeypatch, tmp_path):
    """What the run printed goes to a log file that the message names, never into the dialog."""
    from desk_app.ui import retrain_process as retrain

    script = tmp_path / "train_model.py"  # a run that fails the way training does: noise, then one line
    script.write_text("import sys\nprint('I0000 cuda_platform.cc:52] failed call to cuInit')\n"
                      "print('Traceback (most recent call last):')\n"
                      "print('error: the samples could not be read', file=sys.stderr)\nsys.exit(2)\n")
    monkeypatch.setattr(retrain, "SCRIPT", script)
    monkeypatch.setattr(window.retraining, "find_mnist", lambda: str(tmp_path))
    draw(window.canvas, SEVEN)
    press(window, Qt.Key.Key_7)
    assert window.retrain()
    qtbot.waitUntil(lambda: window.retraining.retrainer is None, timeout=30_000)
    message = window.last_error
    log = window.data_dir / "retrain.log"
    assert "The samples could not be read" in message and str(log) in message
    assert "Traceback" not in message and "cuInit" not in message
    assert "Traceback" in log.read_text()
    assert not list(window.data_dir.glob("retrain-*"))  # its temporary folder is gone


def test_temporary_folders_of_a_killed_retraining_go_at_the_next_start(qtbot, tmp_path, monkeypatch):
    import subprocess
    import sys

    from desk_app.model_files import data_dir

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    left = data_dir() / "retrain-left"  # a window killed mid-run left it
    left.mkdir(parents=True)
    (left / "owner.pid").write_text(str(dead.pid))
    running = data_dir() / "retrain-running"  # another window's run, still going
    running.mkdir()
    (running / "owner.pid").write_text(str(__import__("os").getpid()))
    w = MainWindow()
    qtbot.addWidget(w)
    w.load_model()
    assert not left.exists() and running.exists()


def test_retraining_without_mnist_asks_for_the_folder_once(window, qtbot, monkeypatch, tmp_path):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    monkeypatch.delenv("DESK_APP_MNIST", raising=False)
    monkeypatch.setenv("KERAS_HOME", str(tmp_path / "keras"))
    mnist = tmp_path / "mnist"
    mnist.mkdir()
    for stem in ("train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte",
                 "t10k-labels-idx1-ubyte"):
        (mnist / (stem + ".gz")).write_bytes(b"")
    said = []

    def choose():
        box = QApplication.activeModalWidget()
        said.append(box.text())
        next(b for b in box.buttons() if b.text().startswith("Choose")).click()

    QTimer.singleShot(200, choose)
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(mnist))
    try:
        assert window.retraining.find_mnist() == str(mnist)
        assert "MNIST" in said[0] and "\n" not in said[0] and "Traceback" not in said[0]
        assert window._settings.value("mnist_dir") == str(mnist)
        assert window.retraining.find_mnist() == str(mnist)  # remembered: no question the second time
        assert isinstance(QMessageBox, type) and len(said) == 1
    finally:  # the settings outlive the test: later retraining tests must not get this fake MNIST
        window._settings.remove("mnist_dir")


def test_a_number_cleared_leaves_no_stray_windows(window):
    for x in (100.0, 300.0):
        draw(window.canvas, [np.array([[x, 100.0], [x, 300.0]])])
    assert answer(window) == "11"
    press(window, Qt.Key.Key_Escape)
    QApplication.processEvents()
    assert not [t for t in QApplication.topLevelWidgets() if isinstance(t, QPushButton) and t.isVisible()]


def test_import_runs_off_the_window_thread_and_can_be_cancelled(window, qtbot, tmp_path):
    from PIL import Image

    from desk_app.ui.samples_dialog import SamplesDialog

    folder = tmp_path / "import"
    (folder / "4").mkdir(parents=True)
    for k in range(30):
        img = np.full((40, 40), 255, np.uint8)
        img[5 + k % 5 : 35, 18:22] = 0
        Image.fromarray(img).save(folder / "4" / f"{k}.png")
    dialog = SamplesDialog(window.corrections.store, window)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.import_from(str(folder))
    dialog._importer.request_stop()  # Cancel at once: nothing is added
    qtbot.waitUntil(lambda: not dialog.importing, timeout=30_000)
    assert len(window.corrections.store) == 0
    dialog.import_from(str(folder))
    assert dialog.importing  # the window's thread is free meanwhile
    qtbot.waitUntil(lambda: not dialog.importing, timeout=30_000)
    assert len(window.corrections.store) == 30 and "Imported 30 new samples" in dialog.count.text()


def test_a_stroke_drawn_before_the_model_is_loaded_is_read(qtbot, tmp_path, monkeypatch):
    """The window shows before NumPy and the model load; a 7 drawn at once waits for them and
    is read, nothing lost."""
    import sys

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    w = MainWindow()
    qtbot.addWidget(w)
    w.resize(1200, 640)
    w.show()
    assert not w._loaded and w.recognizer is None  # the model loads on the event loop's first turn
    assert "ai_edge_litert" not in sys.modules or w.recognizer is None
    canvas = w.findChild(QWidget, "canvas")
    draw(canvas, SEVEN)
    qtbot.waitUntil(lambda: w.windowTitle() == "desk-app: 7", timeout=10_000)
    assert w.recognizer is not None and answer(w) == "7"


def test_the_eraser_removes_whole_strokes_and_delete_removes_the_chosen_digit(window):
    """E and a drag over a stroke remove that stroke (one Ctrl+Z brings it back); on a number,
    a right click chooses a digit and Delete removes it; on one digit Delete clears all."""
    canvas = window.canvas
    ctrl = Qt.KeyboardModifier.ControlModifier
    for x in (100.0, 300.0, 500.0):
        draw(canvas, [np.array([[x, 100.0], [x, 300.0]])])
    assert answer(window) == "111"
    press(window, Qt.Key.Key_E)
    assert canvas.erasing and window.actions.eraser.isChecked()
    draw(canvas, [np.array([[285.0, 200.0], [300.0, 205.0], [315.0, 210.0]])])  # across the middle 1
    assert answer(window) == "11" and len(canvas.strokes) == 2
    press(window, Qt.Key.Key_Z, ctrl)  # the whole drag was one step
    assert answer(window) == "111" and len(canvas.strokes) == 3
    press(window, Qt.Key.Key_E)
    assert not canvas.erasing and not window.actions.eraser.isChecked()
    QTest.mouseClick(canvas, Qt.MouseButton.RightButton, Qt.KeyboardModifier.NoModifier, QPoint(500, 200))
    press(window, Qt.Key.Key_Delete)
    assert answer(window) == "11" and [s[0][0] for s in canvas.strokes] == [100.0, 300.0]
    press(window, Qt.Key.Key_Z, ctrl)
    assert answer(window) == "111"
    for _ in range(2):  # two digits deleted one by one (the last one written is chosen), then one
        press(window, Qt.Key.Key_Delete)
    assert answer(window) == "1"
    press(window, Qt.Key.Key_Delete)
    assert canvas.is_empty


def test_a_pen_inks_with_its_pressure_reads_the_same_and_its_eraser_erases(window):
    canvas = window.canvas
    window.pen_box.setValue(18)  # the settings keep the width an earlier test chose
    line = [(200.0, 100.0 + 10 * k) for k in range(21)]
    pen_stroke(canvas, line, 1.0)
    pen_stroke(canvas, [(x + 300, y) for x, y in line], 0.15)
    assert len(canvas.strokes) == 2  # no mouse strokes besides
    from desk_app.ui.images import qimage_to_array

    pixels = qimage_to_array(canvas.render_image())[200, :, :3].astype(int)
    row = np.abs(pixels - pixels[5]).sum(axis=1) > 150  # unlike the paper: ink, in either theme
    heavy, light = row[150:260].sum(), row[450:560].sum()
    print(f"ink width at pressure 1.0: {heavy} px, at 0.15: {light} px")
    assert heavy >= 1.5 * light and light > 0
    press(window, Qt.Key.Key_Escape)
    seven = [(300.0, 100.0), (420.0, 100.0), (340.0, 330.0)]
    pen_stroke(canvas, seven, 0.3)
    assert answer(window) == "7"
    by_pen = window.reading.groups[0].probs
    press(window, Qt.Key.Key_Escape)
    draw(canvas, SEVEN)  # the same 7 with the mouse: the same reading, whatever the pressure
    np.testing.assert_allclose(window.reading.groups[0].probs, by_pen, atol=1e-6)
    pen_stroke(canvas, [(330.0, 90.0), (370.0, 110.0)], 0.8, eraser=True)  # the pen's other end
    assert canvas.is_empty


def test_a_pen_drawn_correction_keeps_its_pressure_and_old_samples_still_load(window, tmp_path):
    seven = [(300.0, 100.0), (360.0, 100.0), (420.0, 100.0), (380.0, 215.0), (340.0, 330.0)]
    pen_stroke(window.canvas, seven, 0.4)
    press(window, Qt.Key.Key_1)  # "it is a 1": kept as a sample, through the shortcut
    from desk_app.samples import SampleStore

    sample, = SampleStore(window.data_dir / "samples").samples()
    assert sample.label == 1 and len(sample.strokes) == 1
    assert sample.pressures[0] == pytest.approx([0.4] * len(sample.strokes[0]), abs=1e-3)
    old = tmp_path / "old"  # a store written before pressure was kept: no "pressures" field
    store = SampleStore(old)
    store.add([np.array(seven)], 7)
    store.add_image(np.zeros((28, 28), np.uint8), 3, [np.array(seven)], [None])  # mouse: none kept
    again = SampleStore(old)
    assert [s.label for s in again.samples()] == [7, 3] and not again.warnings
    assert all(s.pressures == () for s in again.samples())
    assert "pressures" not in (old / "samples.log").read_bytes().decode("latin-1")

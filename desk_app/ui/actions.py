"""Every command of the window as a QAction with its shortcut, in the menu bar (File, Edit,
View, Model, Help) and, for the everyday ones, the toolbar. Keys reach them through Qt's
shortcut handling from whichever widget has the focus (the canvas, normally)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QSpinBox, QToolBar

from desk_app.ui.canvas import PEN_RANGE

K = QKeySequence.StandardKey


def _keys_text(keys) -> str:
    return " / ".join(QKeySequence(k).toString(QKeySequence.SequenceFormat.NativeText) for k in keys)


def add(window: QMainWindow, text: str, slot, keys=(), tip: str = "") -> QAction:
    act = QAction(text, window)
    act.setShortcuts([QKeySequence(k) for k in keys])
    act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)  # not in dialogs
    shortcut = _keys_text(keys)
    act.setToolTip(f"{tip or text} ({shortcut})" if shortcut else tip or text)
    act.setStatusTip(tip or text)
    act.triggered.connect(slot)
    window.addAction(act)  # works even where no menu or toolbar shows it
    return act


class Actions:
    """The window's commands, its menu bar, toolbar and pen control. The window makes it and
    hands it itself (the commands are its methods and its parts')."""

    def __init__(self, w) -> None:
        self.open = add(w, "&Open image…", w.files.open_dialog, [K.Open], "Read a digit from an image file")
        self.save = add(w, "&Save drawing…", w.files.save_dialog, [K.Save], "Save the drawing as PNG")
        self.quit = add(w, "&Quit", w.close, [K.Quit], "Quit desk-app")
        self.undo = add(w, "&Undo", w.undo, [K.Undo], "Undo the last stroke or correction")
        self.redo = add(w, "&Redo", w.redo, ["Ctrl+Shift+Z", "Ctrl+Y"], "Redo what was undone")
        self.clear = add(w, "C&lear", w.clear, [Qt.Key.Key_Escape], "Clear the canvas")
        self.delete = add(w, "&Delete digit", w.delete_digit, [Qt.Key.Key_Delete],
                          "Delete the chosen digit of a number (the whole drawing when it is one)")
        self.eraser = add(w, "&Eraser", w.set_eraser, ["E"], "Erase whole strokes by dragging over them")
        self.eraser.setCheckable(True)
        self.copy = add(w, "&Copy answer", w.copy_answer, [K.Copy], "Copy the answer as text")
        self.paste = add(w, "&Paste image", w.files.paste, [K.Paste],
                         "Read a digit from an image on the clipboard")
        self.digits = [add(w, f"It is a &{d}", lambda _=False, d=d: w.correct(d),
                           [str(d), Qt.KeyboardModifier.KeypadModifier | getattr(Qt.Key, f"Key_{d}")],
                           f"Keep the drawing as a sample of {d}") for d in range(10)]
        self.tape = add(w, "T&ape", w.set_tape, ["Ctrl+T"],
                        "Collect answers on a tape: after a pause each goes onto it and the canvas clears")
        self.tape.setCheckable(True)
        self.thinner = add(w, "&Thinner pen", lambda: w.pen_step(-2), ["["], "Thinner pen for new strokes")
        self.thicker = add(w, "T&hicker pen", lambda: w.pen_step(2), ["]"], "Thicker pen for new strokes")
        self.samples = add(w, "&My samples…", w.show_samples, ["Ctrl+M"],
                           "Your corrected drawings: view, relabel, delete, export, import")
        self.retrain = add(w, "&Retrain with my samples", w.retrain, ["Ctrl+R"],
                           "Adapt the model to your samples (a minute or two)")
        self.shortcuts = add(w, "&Keyboard shortcuts", w.show_shortcuts, ["Ctrl+/"], "List every shortcut")
        self.about = add(w, "&About desk-app", w.about, [K.HelpContents], "About desk-app and its model")
        self.theme_group = QActionGroup(w)
        self.themes: dict[str, QAction] = {}
        for name in ("system", "light", "dark"):
            act = QAction({"system": "Follow the &system", "light": "&Light", "dark": "&Dark"}[name], w)
            act.setCheckable(True)
            act.triggered.connect(lambda _=False, n=name: w.set_theme(n))
            self.theme_group.addAction(act)
            self.themes[name] = act
        self.model = QAction("No model loaded", w)  # which model reads, and how good it is
        self.model.setEnabled(False)
        self.restore = add(w, "Restore the &bundled model", w.restore_bundled, (),
                           "Read with the model that came with desk-app (your retrained one is kept)")
        self.use_mine = add(w, "&Use my retrained model", w.use_my_model, (),
                            "Read with the model you retrained again")
        self._menus(w)
        self.pen_box = self._toolbar(w)

    def _menus(self, w: QMainWindow) -> None:
        bar = w.menuBar()
        file_menu = bar.addMenu("&File")
        file_menu.addActions([self.open, self.save])
        file_menu.addSeparator()
        file_menu.addAction(self.quit)
        edit = bar.addMenu("&Edit")
        edit.addActions([self.undo, self.redo, self.clear, self.delete, self.eraser])
        edit.addSeparator()
        edit.addActions([self.copy, self.paste])
        edit.addSeparator()
        edit.addMenu("&This is what I meant").addActions(self.digits)
        view = bar.addMenu("&View")
        view.addActions([self.thinner, self.thicker])
        view.addSeparator()
        view.addAction(self.tape)
        view.addMenu("T&heme").addActions(list(self.themes.values()))
        model = bar.addMenu("&Model")
        model.addAction(self.model)
        model.addSeparator()
        model.addActions([self.samples, self.retrain])
        model.addSeparator()
        model.addActions([self.restore, self.use_mine])
        bar.addMenu("&Help").addActions([self.shortcuts, self.about])

    def _toolbar(self, w: QMainWindow) -> QSpinBox:
        """The everyday commands and the pen's width; returns the width's spin box."""
        tools = QToolBar("Tools", w)
        tools.setObjectName("tools")
        tools.setMovable(False)
        tools.addActions([self.clear, self.undo, self.redo, self.eraser, self.open, self.save])
        tools.addSeparator()
        tools.addWidget(QLabel(" Pen ", tools))
        pen_box = QSpinBox(tools)
        pen_box.setObjectName("pen_width")
        pen_box.setRange(*PEN_RANGE)
        pen_box.setSuffix(" px")
        pen_box.setToolTip("Pen width for new strokes ([ thinner, ] thicker)")
        # Only a click gives it the keyboard, and it hands it back: typed digits are corrections.
        pen_box.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        tools.addWidget(pen_box)
        w.addToolBar(tools)
        return pen_box

    def shortcut_rows(self) -> list[tuple[str, str]]:
        """(keys, what they do) for every action with a shortcut: the Help's list."""
        rows = [(_keys_text(act.shortcuts()), act.statusTip())
                for act in (self.clear, self.delete, self.eraser, self.undo, self.redo, self.copy, self.paste,
                            self.open, self.save, self.tape,
                            self.thinner, self.thicker, self.samples, self.retrain, self.shortcuts,
                            self.about, self.quit)]
        rows.insert(7, ("0 - 9", "This is what I meant: keep the drawing as a sample of that digit"))
        return rows

"""Every command of the window as a QAction with its shortcut, in the menu bar (File, Edit,
View, Model, Help) and, for the everyday ones, the toolbar. Keys reach them through Qt's
shortcut handling from whichever widget has the focus (the canvas, normally)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QSpinBox, QToolBar

from desk_app.ui.canvas import PEN_RANGE

K = QKeySequence.StandardKey
translate = QCoreApplication.translate


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
        self.open = add(w, translate("Actions", "&Open image…"), w.files.open_dialog, [K.Open],
                        translate("Actions", "Read a digit from an image file"))
        self.save = add(w, translate("Actions", "&Save drawing…"), w.files.save_dialog, [K.Save],
                        translate("Actions", "Save the drawing as PNG"))
        self.quit = add(w, translate("Actions", "&Quit"), w.close, [K.Quit],
                        translate("Actions", "Quit desk-app"))
        self.undo = add(w, translate("Actions", "&Undo"), w.undo, [K.Undo],
                        translate("Actions", "Undo the last stroke or correction"))
        self.redo = add(w, translate("Actions", "&Redo"), w.redo, ["Ctrl+Shift+Z", "Ctrl+Y"],
                        translate("Actions", "Redo what was undone"))
        self.clear = add(w, translate("Actions", "C&lear"), w.clear, [Qt.Key.Key_Escape],
                         translate("Actions", "Clear the canvas"))
        self.delete = add(w, translate("Actions", "&Delete digit"), w.delete_digit, [Qt.Key.Key_Delete],
                          translate("Actions", "Delete the chosen digit of a number (the whole drawing "
                                               "when it is one)"))
        self.eraser = add(w, translate("Actions", "&Eraser"), w.set_eraser, ["E"],
                          translate("Actions", "Erase whole strokes by dragging over them"))
        self.eraser.setCheckable(True)
        self.copy = add(w, translate("Actions", "&Copy answer"), w.copy_answer, [K.Copy],
                        translate("Actions", "Copy the answer as text"))
        self.paste = add(w, translate("Actions", "&Paste image"), w.files.paste, [K.Paste],
                         translate("Actions", "Read a digit from an image on the clipboard"))
        self.digits = [add(w, translate("Actions", "It is a &{digit}").format(digit=d),
                           lambda _=False, d=d: w.correct(d),
                           [str(d), Qt.KeyboardModifier.KeypadModifier | getattr(Qt.Key, f"Key_{d}")],
                           translate("Actions", "Keep the drawing as a sample of {digit}").format(digit=d))
                       for d in range(10)]
        self.tape = add(w, translate("Actions", "T&ape"), w.set_tape, ["Ctrl+T"],
                        translate("Actions", "Collect answers on a tape: after a pause each goes onto it and "
                                      "the canvas clears"))
        self.tape.setCheckable(True)
        self.thinner = add(w, translate("Actions", "&Thinner pen"), lambda: w.pen_step(-2), ["["],
                           translate("Actions", "Thinner pen for new strokes"))
        self.thicker = add(w, translate("Actions", "T&hicker pen"), lambda: w.pen_step(2), ["]"],
                           translate("Actions", "Thicker pen for new strokes"))
        self.samples = add(w, translate("Actions", "&My samples…"), w.show_samples, ["Ctrl+M"],
                           translate("Actions", "Your corrected drawings: view, relabel, delete, export, "
                                                "import"))
        self.retrain = add(w, translate("Actions", "&Retrain with my samples"), w.retrain, ["Ctrl+R"],
                           translate("Actions", "Adapt the model to your samples (a minute or two)"))
        self.shortcuts = add(w, translate("Actions", "&Keyboard shortcuts"), w.show_shortcuts, ["Ctrl+/"],
                             translate("Actions", "List every shortcut"))
        self.about = add(w, translate("Actions", "&About desk-app"), w.about, [K.HelpContents],
                         translate("Actions", "About desk-app and its model"))
        self.theme_group = QActionGroup(w)
        self.themes = self._choices(w, self.theme_group, w.set_theme, {
            "system": translate("Actions", "Follow the &system"), "light": translate("Actions", "&Light"),
            "dark": translate("Actions", "&Dark")})
        self.language_group = QActionGroup(w)
        self.languages = self._choices(w, self.language_group, w.set_language, {
            "system": translate("Actions", "Follow the &system"), "en": "&English", "zh_CN": "&中文"})
        self.model = QAction(translate("Actions", "No model loaded"), w)  # which model reads, and how good
        self.model.setEnabled(False)
        self.restore = add(w, translate("Actions", "Restore the &bundled model"), w.restore_bundled, (),
                           translate("Actions", "Read with the model that came with desk-app (your retrained "
                                         "one is kept)"))
        self.use_mine = add(w, translate("Actions", "&Use my retrained model"), w.use_my_model, (),
                            translate("Actions", "Read with the model you retrained again"))
        self._menus(w)
        self.pen_box = self._toolbar(w)

    @staticmethod
    def _choices(w: QMainWindow, group: QActionGroup, choose, names: dict[str, str]) -> dict[str, QAction]:
        """One checkable action per choice (a theme, a language), one of them checked."""
        actions = {}
        for key, text in names.items():
            act = QAction(text, w)
            act.setCheckable(True)
            act.triggered.connect(lambda _=False, k=key: choose(k))
            group.addAction(act)
            actions[key] = act
        return actions

    def _menus(self, w: QMainWindow) -> None:
        bar = w.menuBar()
        file_menu = bar.addMenu(translate("Actions", "&File"))
        file_menu.addActions([self.open, self.save])
        file_menu.addSeparator()
        file_menu.addAction(self.quit)
        edit = bar.addMenu(translate("Actions", "&Edit"))
        edit.addActions([self.undo, self.redo, self.clear, self.delete, self.eraser])
        edit.addSeparator()
        edit.addActions([self.copy, self.paste])
        edit.addSeparator()
        edit.addMenu(translate("Actions", "&This is what I meant")).addActions(self.digits)
        view = bar.addMenu(translate("Actions", "&View"))
        view.addActions([self.thinner, self.thicker])
        view.addSeparator()
        view.addAction(self.tape)
        view.addMenu(translate("Actions", "T&heme")).addActions(list(self.themes.values()))
        view.addMenu(translate("Actions", "&Language")).addActions(list(self.languages.values()))
        model = bar.addMenu(translate("Actions", "&Model"))
        model.addAction(self.model)
        model.addSeparator()
        model.addActions([self.samples, self.retrain])
        model.addSeparator()
        model.addActions([self.restore, self.use_mine])
        bar.addMenu(translate("Actions", "&Help")).addActions([self.shortcuts, self.about])

    def _toolbar(self, w: QMainWindow) -> QSpinBox:
        """The everyday commands and the pen's width; returns the width's spin box."""
        tools = QToolBar(translate("Actions", "Tools"), w)
        tools.setObjectName("tools")
        tools.setMovable(False)
        tools.addActions([self.clear, self.undo, self.redo, self.eraser, self.open, self.save])
        tools.addSeparator()
        tools.addWidget(QLabel(translate("Actions", " Pen "), tools))
        pen_box = QSpinBox(tools)
        pen_box.setObjectName("pen_width")
        pen_box.setRange(*PEN_RANGE)
        pen_box.setSuffix(translate("Actions", " px"))
        pen_box.setToolTip(translate("Actions", "Pen width for new strokes ([ thinner, ] thicker)"))
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
        rows.insert(7, ("0 - 9", translate("Actions", "This is what I meant: keep the drawing as a sample "
                                                       "of that digit")))
        return rows

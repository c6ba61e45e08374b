"""Every command of the window as a QAction with its shortcut, in the menu bar (File, Edit,
View, Model, Help) and, for the everyday ones, the toolbar. Keys reach them through Qt's
shortcut handling from whichever widget has the focus (the canvas, normally)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QSpinBox, QToolBar

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


def install(w) -> None:
    """Create the window's actions (``w.act_*``), its menu bar, toolbar and pen control."""
    w.act_open = add(w, "&Open image…", w.open_dialog, [K.Open], "Read a digit from an image file")
    w.act_save = add(w, "&Save drawing…", w.save_dialog, [K.Save], "Save the drawing as PNG")
    w.act_quit = add(w, "&Quit", w.close, [K.Quit], "Quit desk-app")
    w.act_undo = add(w, "&Undo", w.undo, [K.Undo], "Undo the last stroke or correction")
    w.act_redo = add(w, "&Redo", w.redo, ["Ctrl+Shift+Z", "Ctrl+Y"], "Redo what was undone")
    w.act_clear = add(w, "C&lear", w.clear, [Qt.Key.Key_Escape, Qt.Key.Key_Delete], "Clear the canvas")
    w.act_copy = add(w, "&Copy answer", w.copy_answer, [K.Copy], "Copy the answer as text")
    w.act_paste = add(w, "&Paste image", w.paste, [K.Paste], "Read a digit from an image on the clipboard")
    w.act_digits = [add(w, f"It is a &{d}", lambda _=False, d=d: w.correct(d),
                        [str(d), Qt.KeyboardModifier.KeypadModifier | getattr(Qt.Key, f"Key_{d}")],
                        f"Keep the drawing as a sample of {d}") for d in range(10)]
    w.act_thinner = add(w, "&Thinner pen", lambda: w.pen_step(-2), ["["], "Thinner pen for new strokes")
    w.act_thicker = add(w, "T&hicker pen", lambda: w.pen_step(2), ["]"], "Thicker pen for new strokes")
    w.act_samples = add(w, "&My samples…", w.show_samples, ["Ctrl+M"],
                        "Your corrected drawings: view, relabel, delete, export, import")
    w.act_retrain = add(w, "&Retrain with my samples", w.retrain, ["Ctrl+R"],
                        "Adapt the model to your samples (a minute or two)")
    w.act_shortcuts = add(w, "&Keyboard shortcuts", w.show_shortcuts, ["Ctrl+/"], "List every shortcut")
    w.act_about = add(w, "&About desk-app", w.about, [K.HelpContents], "About desk-app and its model")

    bar = w.menuBar()
    file_menu = bar.addMenu("&File")
    file_menu.addActions([w.act_open, w.act_save])
    file_menu.addSeparator()
    file_menu.addAction(w.act_quit)
    edit = bar.addMenu("&Edit")
    edit.addActions([w.act_undo, w.act_redo, w.act_clear])
    edit.addSeparator()
    edit.addActions([w.act_copy, w.act_paste])
    edit.addSeparator()
    meant = edit.addMenu("&This is what I meant")
    meant.addActions(w.act_digits)
    view = bar.addMenu("&View")
    view.addActions([w.act_thinner, w.act_thicker])
    view.addSeparator()
    theme_menu = view.addMenu("T&heme")
    w.theme_group = QActionGroup(w)
    w.act_themes = {}
    for name in ("system", "light", "dark"):
        act = QAction({"system": "Follow the &system", "light": "&Light", "dark": "&Dark"}[name], w)
        act.setCheckable(True)
        act.triggered.connect(lambda _=False, n=name: w.set_theme(n))
        w.theme_group.addAction(act)
        theme_menu.addAction(act)
        w.act_themes[name] = act
    w.act_model = QAction("No model loaded", w)  # which model reads, and how good it is
    w.act_model.setEnabled(False)
    w.act_restore = add(w, "Restore the &bundled model", w.restore_bundled, (),
                        "Read with the model that came with desk-app (your retrained one is kept)")
    w.act_use_mine = add(w, "&Use my retrained model", w.use_my_model, (),
                         "Read with the model you retrained again")
    model = bar.addMenu("&Model")
    model.addAction(w.act_model)
    model.addSeparator()
    model.addActions([w.act_samples, w.act_retrain])
    model.addSeparator()
    model.addActions([w.act_restore, w.act_use_mine])
    help_menu = bar.addMenu("&Help")
    help_menu.addActions([w.act_shortcuts, w.act_about])

    tools = QToolBar("Tools", w)
    tools.setObjectName("tools")
    tools.setMovable(False)
    tools.addActions([w.act_clear, w.act_undo, w.act_redo, w.act_open, w.act_save])
    tools.addSeparator()
    tools.addWidget(QLabel(" Pen ", tools))
    w.pen_box = QSpinBox(tools)
    w.pen_box.setObjectName("pen_width")
    w.pen_box.setRange(2, 60)
    w.pen_box.setSuffix(" px")
    w.pen_box.setToolTip("Pen width for new strokes ([ thinner, ] thicker)")
    # Only a click gives it the keyboard, and it hands it back: typed digits are corrections.
    w.pen_box.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
    tools.addWidget(w.pen_box)
    w.addToolBar(tools)


def shortcut_rows(w) -> list[tuple[str, str]]:
    """(keys, what they do) for every action with a shortcut: the Help's list."""
    rows = []
    for act in (w.act_clear, w.act_undo, w.act_redo, w.act_copy, w.act_paste, w.act_open, w.act_save,
                w.act_thinner, w.act_thicker, w.act_samples, w.act_retrain, w.act_shortcuts,
                w.act_about, w.act_quit):
        rows.append((_keys_text(act.shortcuts()), act.statusTip()))
    rows.insert(5, ("0 - 9", "This is what I meant: keep the drawing as a sample of that digit"))
    return rows

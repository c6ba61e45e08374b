# desk-app: `make run` opens the window, `make test` runs the whole suite.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DATA   ?=

.PHONY: install run test train bench lint screenshot dist install-desktop translations clean

install: $(STAMP)

# Re-install only when the project's dependencies change: quick when nothing did. setuptools
# says "Editable installation" as a warning on every editable install, and pip warns about every
# package index folder of the machine's configuration that lacks a package: information, not
# problems, so they stay out of the output (errors still show).
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	PYTHONWARNINGS=ignore::UserWarning $(BIN)/python -m pip install --quiet --quiet -e '.[train,test,dist]'
	$(BIN)/python -m compileall -q desk_app  # bytecode, as a wheel install makes: the window starts sooner
	touch $(STAMP)

run: install
	$(BIN)/python -m desk_app

test: install
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q

train: install
	$(BIN)/python train_model.py $(if $(DATA),--data $(DATA))

bench: install
	QT_QPA_PLATFORM=offscreen $(BIN)/python bench/run.py

lint: install
	$(BIN)/ruff check .

# The window's texts: lupdate collects them from the sources into the .ts files (Chinese, and
# English for its plural forms), which are translated with Qt Linguist (pyside6-linguist);
# lrelease builds the .qm files the app loads (kept in the repo, so the wheel ships them).
TS_DIR     := desk_app/translations
PY_SOURCES  = $(shell find desk_app -name '*.py' | sort)
translations: install
	$(BIN)/pyside6-lupdate $(PY_SOURCES) -locations none -no-obsolete -target-language zh_CN -ts $(TS_DIR)/desk_app_zh_CN.ts
	$(BIN)/pyside6-lupdate $(PY_SOURCES) -locations none -no-obsolete -pluralonly -target-language en -ts $(TS_DIR)/desk_app_en.ts
	$(BIN)/pyside6-lrelease -silent $(TS_DIR)/desk_app_zh_CN.ts $(TS_DIR)/desk_app_en.ts

screenshot: install
	$(BIN)/python docs/screenshot.py

# A standalone application folder (PyInstaller), packed as dist/desk-app-<version>-<platform>.tar.gz.
dist: install
	$(BIN)/python packaging/build_dist.py

install-desktop: install
	$(BIN)/python packaging/install_desktop.py

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache

# Two commands on a fresh machine: `make run` and `make test`. Both build .venv themselves.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
PKGS := -e ./contracts -e ./backend -e ./scheduler -e ./node -e ./desktop

.PHONY: run desktop screenshots test wheels lint check unit e2e lock clean bench scaleout desktop-bundle

$(STAMP): pyproject.toml requirements.lock contracts/pyproject.toml backend/pyproject.toml scheduler/pyproject.toml node/pyproject.toml desktop/pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --disable-pip-version-check -c requirements.lock $(PKGS) -e '.[dev]'
	touch $@

run: $(STAMP)
	$(BIN)/python scripts/run_stack.py

# The scale-out deployment on this machine: a backend, two schedulers on one database and one
# Redis queue, three labelled nodes (n-rio, n-sp, n-lab); prints the URLs. Two empty databases:
#   make scaleout BACKEND_DB=postgresql://postgres@127.0.0.1/noc_b SCHEDULER_DB=postgresql://postgres@127.0.0.1/noc_s
REDIS ?= redis://127.0.0.1:6379/0
scaleout: $(STAMP)
	$(BIN)/python -m noc_devstack.scaleout --backend-db '$(BACKEND_DB)' --scheduler-db '$(SCHEDULER_DB)' --redis '$(REDIS)'

# Only the desktop app (servers elsewhere: --server URL, or the last one used).
desktop: $(STAMP)
	$(BIN)/noc-desktop

# The desktop as a one-folder PyInstaller bundle that needs no Python (dist/noc-desktop/) and
# its archive with a .desktop launcher and an icon (dist/noc-desktop-<version>-linux-<arch>.tar.gz).
desktop-bundle: $(STAMP)
	$(BIN)/python build_spec/build_desktop.py

# Every main screen of the app, rendered offscreen against a demo stack, into docs/screenshots/.
screenshots: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python scripts/screenshots.py

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/lint-imports

# The wheel folder the server installers install from offline (installers/<layer>/install
# --wheels DIR); built for the python3 the installers run with. Dependencies come from PyPI the
# first time (pip's cache after), this repo's own packages are rebuilt each time.
WHEELS ?= build/wheels
wheels:
	installers/build-wheels $(WHEELS)

test: lint wheels
	$(BIN)/pytest

unit: $(STAMP)
	$(BIN)/pytest -m "not e2e"

# Refresh the pinned versions after changing a dependency in any pyproject.toml.
lock:
	rm -rf .lockvenv && $(PYTHON) -m venv .lockvenv
	.lockvenv/bin/python -m pip install -q $(PKGS) -e '.[dev]'
	.lockvenv/bin/python -m pip freeze --exclude-editable | grep -v '^noc-' > requirements.lock
	rm -rf .lockvenv

clean:
	rm -rf $(VENV)

# Two commands do everything (see README): `make demo` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
OUT ?= out/events.csv

.PHONY: setup chromium demo test schema clean

$(BIN)/conflict-events: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q torch==2.13.0   # the CPU wheel; must come before stanza
	$(BIN)/pip install -q -e '.[dev,dask,geo,dedupe]'
	touch $@

setup: $(BIN)/conflict-events

demo: setup
	$(BIN)/conflict-events extract data/samples/articles.jsonl data/samples/seed/deir_ez_zor_liwa_al_baqir.json -o $(OUT) --fresh
	$(BIN)/conflict-events show $(OUT)

# The review page's browser test drives Debian's chromium (never a browser downloaded by playwright).
# Installed here where apt-get can (as root); elsewhere the test run's last lines say the test did not run.
chromium:
	@[ -x /usr/bin/chromium ] || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 \
	  && apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; } \
	  || echo "make: no /usr/bin/chromium and apt-get could not install it: the browser test will not run"

test: setup chromium
	$(BIN)/pytest

schema: setup
	$(BIN)/conflict-events schema

clean:
	rm -rf $(VENV) out .pytest_cache

# Two commands do everything (see README): `make demo` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
OUT ?= out/events.csv

.PHONY: setup demo test schema clean

$(BIN)/conflict-events: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q torch==2.13.0   # the CPU wheel; must come before stanza
	$(BIN)/pip install -q -e '.[dev,dask,geo]'
	touch $@

setup: $(BIN)/conflict-events

demo: setup
	$(BIN)/conflict-events extract data/samples/articles.jsonl data/samples/seed/deir_ez_zor_liwa_al_baqir.json -o $(OUT) --fresh
	$(BIN)/conflict-events show $(OUT)

test: setup
	$(BIN)/pytest

schema: setup
	$(BIN)/conflict-events schema

clean:
	rm -rf $(VENV) out .pytest_cache

# extractor — numeric claims from saved Chinese bulletin pages.
# `make help` lists the targets. Every target creates .venv and installs what it needs.

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
SHARED := ../shared
OUT    ?= output

.PHONY: help run test lint eval bench report vocab clean

help:  ## list the targets
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test,dask,eval]'
	@touch $(STAMP)

run: $(STAMP)  ## extract samples/ into output/: the three tables and report.html
	$(PY) -m extractor samples/ --out $(OUT) --report

test: $(STAMP)  ## run the whole test suite
	$(PY) -m pytest

lint: $(STAMP)  ## ruff: style and common bugs
	$(PY) -m ruff check extractor tests
	$(PY) -m ruff format --check extractor tests

eval: $(STAMP)  ## body F1 vs trafilatura on ../shared/corpus; numeric suite recall vs anchors
	$(PY) tests/tools/eval_body.py
	$(PY) tests/tools/eval_numeric.py
	$(PY) tests/tools/eval_claims.py

bench: $(STAMP)  ## growth on hostile shapes; per-page cost vs trafilatura and lxml; batch throughput, memory, dask
	$(PY) tests/tools/bench.py

report: $(STAMP)  ## output/report.html for samples/, and a screenshot of it in headless Chromium
	$(PY) -m extractor samples/ --out $(OUT) --report --quiet
	$(PY) tests/tools/screenshot.py $(OUT)/report.html $(OUT)/report.png

vocab: $(STAMP)  ## rebuild the reference vocabularies (extractor/claims/reference.py, numeral_words.txt, word_classes.txt) from their sources
	$(PY) tests/tools/build_vocab.py

clean:  ## remove the virtualenv, caches and generated output
	rm -rf $(VENV) .pytest_cache .ruff_cache build *.egg-info
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
	find $(OUT) -mindepth 1 ! -name .gitkeep -delete 2>/dev/null || true

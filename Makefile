# The single entry point. `make help` lists the targets.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= $(shell command -v python3.10 2>/dev/null)
VENV   := .venv
BIN    := $(VENV)/bin
STAMPS := .stamps
MODEL  := models/assistant.tar.gz

export RASA_TELEMETRY_ENABLED := false
export TF_CPP_MIN_LOG_LEVEL := 3
export PYTHONPATH := $(CURDIR)
export RASA_PORT ?= 5005
export ACTION_PORT ?= 5055
export ACTION_HOST ?= 127.0.0.1
export WEB_PORT ?= 8080
export CONTENT_DB_PATH ?= $(CURDIR)/content.db
export TRACKER_DB ?= $(CURDIR)/tracker.db

TRAINING_INPUTS := config.yml $(wildcard domain/*.yml) kernel/registry.yml $(shell find data -name '*.yml' 2>/dev/null) \
                   $(wildcard components/*.py) $(wildcard kernel/*.py)

.PHONY: help run shell test content train validate lint test-stories pytest nlu-report bench clean crisis-locale web retention audit \
        mi-coder-report journeys bench-latency

help: ## List the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

$(STAMPS)/runtime: requirements.txt
	@if [ -z "$(PYTHON)" ]; then echo "Python 3.10 is needed (Rasa 3.6 supports 3.8-3.10). Install it, e.g. 'pyenv install 3.10.13'."; exit 1; fi
	@echo "==> [setup 1/4] Creating the virtual environment in $(VENV) with $(PYTHON)"
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@echo "==> [setup 2/4] Installing pinned dependencies (first time: a few minutes, mostly TensorFlow)"
	@$(BIN)/python -m pip install --disable-pip-version-check --progress-bar on -r requirements.txt
	@mkdir -p $(STAMPS) && touch $@

$(STAMPS)/dev: $(STAMPS)/runtime requirements-dev.txt
	@echo "==> Installing test and lint tools"
	@$(BIN)/python -m pip install --disable-pip-version-check -q -r requirements-dev.txt
	@touch $@

# --- Web chat (web/): npm packages (Socket.IO client, axe-core) and Debian's chromium for tests/e2e/test_web.py.
$(STAMPS)/web: web/package.json web/package-lock.json
	@command -v npm >/dev/null || { echo "npm is needed for the web chat (web/package.json): install Node.js and npm, e.g. 'apt-get install -y npm'."; exit 1; }
	@echo "==> Installing the web chat's npm packages (npm ci in web/)"
	@cd web && npm ci --no-audit --no-fund
	@mkdir -p $(STAMPS) && touch $@

web: $(STAMPS)/web ## Web chat: npm ci in web/, and Debian's chromium for the browser tests
	@if [ ! -x /usr/bin/chromium ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "==> Installing Debian's chromium for the browser tests"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
	  else \
	    echo "Debian's chromium is missing and the browser tests need it: sudo apt-get install -y chromium"; \
	  fi; \
	fi
# --- end web chat

content: $(STAMPS)/runtime ## Migrate the content database and load content/*.yml (idempotent)
	@echo "==> [setup 3/4] Migrating and seeding the content database"
	@$(BIN)/alembic upgrade head
	@$(BIN)/python -m contentdb.loader

$(MODEL): $(TRAINING_INPUTS) | $(STAMPS)/runtime
	@echo "==> [setup 4/4] Training the assistant (training data or config changed)"
	@$(BIN)/rasa train --domain domain --fixed-model-name assistant --out models

# --- MI coder (actions/rehearsal/coding.py): rules + a spaCy textcat_multilabel trained on tests/data/mi_corpus.
MI_CODER        := models/mi_coder/combination.json
MI_CODER_INPUTS := $(wildcard tests/data/mi_corpus/*.tsv) tests/data/coding_gold.tsv \
                   tests/data/mi_holdout/chat_family_blind.tsv tests/data/mi_holdout/chat_family_seen.tsv \
                   tests/data/mi_holdout2/chat_family_c.tsv tests/data/mi_holdout3/chat_family_d.tsv \
                   tests/data/mi_holdout4/chat_family_e.tsv tests/data/mi_holdout7/chat_family_h.tsv \
                   tests/data/mi_holdout8/chat_family_i.tsv tests/data/mi_holdout9/chat_family_j.tsv \
                   tests/data/mi_holdout11/chat_family_l.tsv tests/data/mi_holdout12/chat_family_m.tsv \
                   actions/rehearsal/coding.py actions/rehearsal/coder_model.py

$(MI_CODER): $(MI_CODER_INPUTS) | $(STAMPS)/runtime
	@echo "==> Training the MI coder (models/mi_coder; about two minutes)"
	@$(BIN)/python -m actions.rehearsal.coder_model train

models/mi_coder: $(MI_CODER)

mi-coder-report: $(MI_CODER) ## MI coder per-code scores on its test split -> results/mi_coder.md
	@$(BIN)/python -m actions.rehearsal.coder_model evaluate
# --- end MI coder

# --- Practice topics (actions/rehearsal/topic_model.py): a linear model on content/roleplay/topic_lines*.tsv, seconds.
TOPIC_MODEL := models/practice_topics/model.pkl
$(TOPIC_MODEL): $(wildcard content/roleplay/topic_lines*.tsv) actions/rehearsal/topic_model.py actions/rehearsal/topics.py | $(STAMPS)/runtime
	@echo "==> Training the practice topic reader (models/practice_topics; seconds)"
	@$(BIN)/python -m actions.rehearsal.topic_model train

# --- Crisis model (components/crisis_model.py): a linear model on data/safety/crisis_lines*.tsv and the NLU, seconds.
CRISIS_MODEL := models/crisis_model/model.pkl
$(CRISIS_MODEL): $(wildcard data/safety/crisis_lines*.tsv) $(wildcard data/nlu/*.yml) $(wildcard components/crisis_*.py) | $(STAMPS)/runtime
	@echo "==> Training the crisis model (models/crisis_model; seconds)"
	@$(BIN)/python -m components.crisis_model train

# --- Concern model (kernel/concern_model.py): a linear model on data/concerns/train_*.tsv, seconds.
CONCERN_MODEL := models/concern_model/model.pkl
$(CONCERN_MODEL): $(wildcard data/concerns/train_*.tsv) kernel/concern_model.py | $(STAMPS)/runtime
	@echo "==> Training the concern model (models/concern_model; seconds)"
	@$(BIN)/python -m kernel.concern_model train

train: $(MODEL) $(MI_CODER) $(TOPIC_MODEL) $(CRISIS_MODEL) $(CONCERN_MODEL) ## Train only if the training data or config changed

run: content train web ## Set everything up and serve Rasa (5005), actions (5055), web chat (8080)
	@scripts/serve.sh

shell: content train ## Chat with the assistant in the terminal
	@scripts/serve.sh --shell

validate: $(STAMPS)/runtime ## rasa data validate (warnings are errors), crisis responses match the locale, scenarios are valid
	@$(BIN)/rasa data validate --domain domain --fail-on-warnings
	@$(BIN)/python scripts/crisis_locale.py --check
	@$(BIN)/python -m actions.rehearsal.scenarios

retention: $(STAMPS)/runtime ## Remove conversations, rehearsals and ratings older than RETENTION_DAYS (default 30)
	@$(BIN)/python scripts/retention.py

crisis-locale: $(STAMPS)/runtime ## Render the crisis responses for CRISIS_LOCALE (us, uk) from safety/crisis_resources.yml
	@$(BIN)/python scripts/crisis_locale.py --write

lint: $(STAMPS)/dev ## ruff and mypy
	@$(BIN)/ruff check actions kernel contentdb components channels trackers rasa_patches tests scripts migrations web bench
	@$(BIN)/mypy

test-stories: train ## Conversation tests (tests/test_*.yml)
	@$(BIN)/rasa test core --stories tests/ --fail-on-prediction-errors --out results/core

pytest: $(STAMPS)/dev web train
	@$(BIN)/pytest
	@echo "==> The end-to-end conversation and rehearsal tests again, on Rasa without its patches (RASA_SPEEDUPS=0)"
	@RASA_SPEEDUPS=0 $(BIN)/pytest -q tests/e2e/test_rest_conversation.py tests/e2e/test_rehearsal_over_rest.py

journeys: $(STAMPS)/dev content train ## Play the dev conversations against the real servers; print every failing turn
	@$(BIN)/pytest -q -s -p no:cacheprovider tests/e2e/test_conversation_dev_set.py

test: $(STAMPS)/dev web lint validate content train test-stories pytest ## Set everything up and run every test

# --- Security audit: pip-audit in its own venv (requirements-audit.txt says why); not part of make test.
AUDIT_VENV    := .venv-audit
AUDIT_IGNORE  := security/audit-ignore.txt
AUDIT_SERVICE ?= pypi
AUDIT_FLAGS   := --vulnerability-service $(AUDIT_SERVICE) --no-deps --disable-pip --strict --progress-spinner off \
                 $(foreach id,$(shell grep -oE '^[A-Za-z0-9][A-Za-z0-9-]*' $(AUDIT_IGNORE)),--ignore-vuln $(id))

$(STAMPS)/audit: requirements-audit.txt
	@if [ -z "$(PYTHON)" ]; then echo "Python 3.10 is needed for the audit venv."; exit 1; fi
	@test -x $(AUDIT_VENV)/bin/python || $(PYTHON) -m venv $(AUDIT_VENV)
	@$(AUDIT_VENV)/bin/python -m pip install --disable-pip-version-check -q -r requirements-audit.txt
	@mkdir -p $(STAMPS) && touch $@

# --strict: a package pip-audit could not look up fails the audit instead of passing silently.
audit: $(STAMPS)/audit ## pip-audit the pins (AUDIT_SERVICE=pypi|osv); accepted advisories in security/audit-ignore.txt
	@echo "==> pip-audit: runtime and dev pins, then the audit tool's own"
	@$(AUDIT_VENV)/bin/pip-audit -r requirements.txt -r requirements-dev.txt $(AUDIT_FLAGS) \
	  && $(AUDIT_VENV)/bin/pip-audit -r requirements-audit.txt $(AUDIT_FLAGS) \
	  || { echo "make audit failed. A new advisory: upgrade the pin, or if it cannot move with Rasa 3.6, add its ID and the"; \
	       echo "reason to $(AUDIT_IGNORE). 'could not be audited': the vulnerability service was not reachable."; exit 1; }
# --- end security audit

nlu-report: train ## Cross-validate NLU; per-intent report and confusion matrix in results/nlu
	@$(BIN)/rasa test nlu --domain domain --cross-validation --folds 5 --out results/nlu
	@$(BIN)/python scripts/nlu_summary.py results/nlu

clean: ## Remove the trained model, databases and results
	rm -rf models/*.tar.gz models/mi_coder models/practice_topics results content.db tracker.db $(STAMPS)

bench: $(STAMPS)/dev content train ## Benchmark against the stock rasa init assistant; writes results/bench.md and plots
	@$(BIN)/python bench/run.py

bench-latency: $(STAMPS)/dev content train ## Only the four latency ratios against stock Rasa, BENCH_RUNS times (default 3), and their median
	@$(BIN)/python bench/latency.py

# The action server: the actions, the practice partner and the content database (python -m actions.server).
# Not built on our machines: base images can't be pulled there (README "Deployment"). Build from the repository root:
#   docker build -f deploy/actions.Dockerfile -t rehearsal-actions .
FROM python:3.10-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PYTHONPATH=/app SANIC_HOST=0.0.0.0 SANIC_KEEP_ALIVE_TIMEOUT=60
RUN useradd --create-home --uid 10001 actions
WORKDIR /app

COPY requirements.txt ./
RUN pip install -r requirements.txt

COPY alembic.ini ./
COPY migrations/ migrations/
COPY kernel/ kernel/
COPY contentdb/ contentdb/
COPY actions/ actions/
COPY content/ content/
COPY safety/ safety/

USER actions
EXPOSE 5055
# The endpoint `make run` waits on (scripts/serve.sh).
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
    CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:5055/health', timeout=4)"
CMD ["python", "-m", "actions.server", "--actions", "actions", "--port", "5055"]

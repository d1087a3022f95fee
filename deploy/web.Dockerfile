# The web chat page (web/server.py) and its npm packages (the Socket.IO browser client).
# Not built on our machines: base images can't be pulled there (README "Deployment"). Build from the repository root:
#   docker build -f deploy/web.Dockerfile -t rehearsal-web .
FROM node:20-slim AS npm
WORKDIR /web
COPY web/package.json web/package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund

FROM python:3.10-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PYTHONPATH=/app WEB_HOST=0.0.0.0 WEB_PORT=8080
RUN useradd --create-home --uid 10001 web
WORKDIR /app

COPY requirements.txt ./
RUN pip install -r requirements.txt

COPY kernel/ kernel/
COPY contentdb/ contentdb/
COPY safety/ safety/
COPY web/ web/
COPY --from=npm /web/node_modules web/node_modules

USER web
EXPOSE 8080
# The endpoint `make run` waits on (scripts/serve.sh).
HEALTHCHECK --interval=15s --timeout=5s --start-period=20s --retries=3 \
    CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8080/health', timeout=4)"
CMD ["python", "web/server.py"]

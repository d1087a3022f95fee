# The Rasa server: NLU, dialogue, the channels and the HTTP API (python -m rasa_patches.run run ...).
# Not built on our machines: base images can't be pulled there (README "Deployment"). Build from the repository root:
#   docker build -f deploy/rasa.Dockerfile -t rehearsal-rasa .
FROM python:3.10-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1 \
    RASA_TELEMETRY_ENABLED=false TF_CPP_MIN_LOG_LEVEL=3 PYTHONPATH=/app
RUN useradd --create-home --uid 10001 rasa
WORKDIR /app

COPY requirements.txt ./
RUN pip install -r requirements.txt

# What the Rasa process imports and trains from; the model is trained into the image, so every replica serves the same one.
COPY config.yml credentials.yml endpoints.yml ./
COPY domain/ domain/
COPY data/ data/
COPY kernel/ kernel/
COPY components/ components/
COPY channels/ channels/
COPY trackers/ trackers/
COPY rasa_patches/ rasa_patches/
COPY safety/ safety/
COPY scripts/ scripts/
COPY deploy/endpoints.yml deploy/endpoints.yml
RUN python -m rasa_patches.run train --domain domain --fixed-model-name assistant --out models \
    && python -m components.crisis_model train \
    && chown -R rasa:rasa /app

USER rasa
EXPOSE 5005
# The endpoint `make run` waits on (scripts/serve.sh): Rasa's root answers once the model is loaded.
HEALTHCHECK --interval=15s --timeout=5s --start-period=180s --retries=3 \
    CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:5005/', timeout=4)"
# As scripts/serve.sh: the credentials from credentials.yml with each platform on only when its variables are set,
# then Rasa through rasa_patches.run (the patches applied, then Rasa's own CLI). RASA_AUTH_TOKEN must be set.
CMD ["sh", "-c", "python scripts/credentials.py --out /tmp/credentials.yml && exec python -m rasa_patches.run run \
--model models/assistant.tar.gz --enable-api --auth-token \"$RASA_AUTH_TOKEN\" --endpoints deploy/endpoints.yml \
--credentials /tmp/credentials.yml --port 5005"]

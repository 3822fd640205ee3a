# syntax=docker/dockerfile:1
# newsmeta API image: the same install and start steps as `make run`.

FROM python:3.11-slim-bookworm AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /src
RUN python -m venv /opt/venv
ENV PATH="/opt/venv/bin:$PATH"
COPY pyproject.toml setup.py MANIFEST.in README.md ./
COPY app ./app
# The migrations' source: the wheel carries them as app/migrations (setup.py), as on PyPI.
COPY alembic ./alembic
RUN pip install --no-cache-dir .

FROM python:3.11-slim-bookworm AS runtime
ENV PATH="/opt/venv/bin:$PATH" \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    NEWSMETA_DATABASE_URL=sqlite:////data/newsmeta.db \
    NEWSMETA_HOST=0.0.0.0 \
    NEWSMETA_PORT=8000 \
    NEWSMETA_IMPORT_PATHS=examples
# A numeric user: the host and orchestrators can check it is not root without a passwd file.
RUN groupadd --system --gid 10001 newsmeta \
    && useradd --system --uid 10001 --gid 10001 --home-dir /app newsmeta \
    && mkdir -p /data /app && chown 10001:10001 /data /app
COPY --from=build /opt/venv /opt/venv
WORKDIR /app
COPY docker/start.sh ./docker/start.sh
COPY examples ./examples
USER 10001:10001
EXPOSE 8000
VOLUME ["/data"]
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import urllib.request,sys; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4).status == 200 else 1)"]
CMD ["sh", "docker/start.sh"]

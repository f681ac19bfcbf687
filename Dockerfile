# IL-2 Portal image: gunicorn for the web, the same image runs the Celery worker.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 \
    DJANGO_ENV=production VAR_DIR=/data FILE_STORAGE_DIR=/data/media STATIC_ROOT=/app/staticfiles

WORKDIR /app
COPY requirements/base.txt requirements/base.txt
RUN pip install -r requirements/base.txt

COPY . .
# collectstatic needs a key at build time only; the real one comes from the environment.
RUN SECRET_KEY=build-only-secret-key-not-used-at-runtime-0123456789abcdef \
    python manage.py collectstatic --noinput -v0 \
 && useradd --create-home --uid 1000 portal && mkdir -p /data && chown portal /data
USER portal

EXPOSE 8000
CMD ["gunicorn", "il2portal.wsgi", "--preload", "--bind", "0.0.0.0:8000", "--workers", "3", "--threads", "4", "--timeout", "60", "--access-logfile", "-"]

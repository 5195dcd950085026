# The production image: one image for web (gunicorn), the Celery worker and Celery beat.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    STATIC_MANIFEST=true \
    STATIC_ROOT=/app/var/staticfiles \
    MEDIA_ROOT=/app/var/media

# WeasyPrint needs Pango; gettext for compilemessages; no compilers are kept in the image.
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 \
       libharfbuzz-subset0 fonts-dejavu-core gettext \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY pyproject.toml README.md ./
COPY ogplocal ./ogplocal
COPY members ./members
COPY actionplans ./actionplans
COPY commitments ./commitments
COPY monitoring ./monitoring
COPY tracker ./tracker
RUN pip install .
COPY . .
RUN useradd --system --uid 10001 --home /app ogplocal \
    && mkdir -p var/media var/staticfiles \
    && SECRET_KEY="$(python -c 'import secrets; print(secrets.token_urlsafe(50))')" \
       python manage.py collectstatic --noinput \
    && chown -R ogplocal var
USER ogplocal

EXPOSE 8000
# Asks for /healthz with a Host from ALLOWED_HOSTS, over plain HTTP (exempt from the HTTPS redirect).
HEALTHCHECK --interval=30s --timeout=5s CMD python scripts/healthcheck.py
CMD ["gunicorn", "ogplocal.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]

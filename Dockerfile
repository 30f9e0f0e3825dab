# The production image: gunicorn serving the portal; the same image runs the Celery worker and beat.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    DJANGO_ENV=production

# gettext compiles the translation catalogs; Pango and DejaVu (Kazakh letters, ₸) draw the course certificates.
RUN apt-get update \
    && apt-get install -y --no-install-recommends gettext \
       libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY pyproject.toml ./
RUN pip install .
COPY . .
# The build has none of the production secrets: compile the catalogs under the development profile.
RUN DJANGO_ENV=development python manage.py compilemessages --ignore=.venv \
    && useradd --create-home --uid 1000 otbasy \
    && mkdir -p /app/staticfiles /data/media \
    && chown -R otbasy:otbasy /app/staticfiles /data

USER otbasy
EXPOSE 8000
CMD ["gunicorn", "otbasy.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]

# The dashboard for a network (see README, "Running it for a network"). Build and run:
#   docker build -t gap-tracker .
#   docker run -d -p 127.0.0.1:8501:8501 -v gap-data:/data gap-tracker
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# Chromium renders the map for PNG/PPTX downloads (kaleido); DejaVu is embedded in the PDF brief.
RUN apt-get update \
    && apt-get install -y --no-install-recommends chromium fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY requirements.lock .
RUN pip install --require-hashes -r requirements.lock

# An unprivileged user owns only the database volume; the code stays read-only to it.
RUN useradd --create-home --uid 10001 tracker && mkdir /data && chown tracker:tracker /data
COPY . .
USER tracker

ENV TRACKER_DB=/data/tracker.db \
    TRACKER_SNAPSHOTS=/data/snapshots \
    STREAMLIT_SERVER_ADDRESS=0.0.0.0 \
    STREAMLIT_SERVER_PORT=8501
VOLUME /data
EXPOSE 8501
HEALTHCHECK --interval=30s --timeout=5s --start-period=40s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8501/_stcore/health', timeout=4)"]
CMD ["sh", "-c", "python -m tracker init && exec python -m streamlit run serve.py"]

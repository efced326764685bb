"""The plain plotly HTML page of the home map, served on loopback: the benchmarks' baseline."""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import http.server
import shutil
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

from tracker.config import PROJECT_DIR


class _CachedFiles(http.server.SimpleHTTPRequestHandler):
    """Static files with a cache lifetime (as Streamlit gives its hashed bundles); no logging."""

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "public, max-age=3600")
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        return


@contextlib.contextmanager
def serve_directory(directory: Path | str) -> Iterator[str]:
    """Serve ``directory`` from a loopback HTTP server (cached, quiet); yields its base URL."""
    handler = functools.partial(_CachedFiles, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@contextlib.contextmanager
def static_server(db_path: Path) -> Iterator[str]:
    """A loopback HTTP server with the map page's figure as a plain plotly HTML page."""
    import plotly

    from tracker.db import connect
    from tracker.instruments import CORE
    from tracker.matrix import cells
    from tracker.views.charts import gap_map

    df = cells(connect(db_path), instruments=list(CORE), as_of=dt.date.today())
    fig = gap_map(df, title="Core gaps")
    with tempfile.TemporaryDirectory(prefix="bench-static-") as tmp:
        root = Path(tmp)
        js = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
        shutil.copy(js, root / "plotly.min.js")
        (root / "static").mkdir()
        shutil.copy(PROJECT_DIR / "static" / "world_50m.json", root / "static")
        config = {"topojsonURL": "/static/", "displaylogo": False, "responsive": True}
        html = fig.to_html(include_plotlyjs="directory", full_html=True, config=config)
        (root / "index.html").write_text(html, encoding="utf-8")
        with serve_directory(root) as base:
            yield f"{base}/index.html"

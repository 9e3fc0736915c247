"""Build the site atomically, and serve it locally with rebuilds when a source file changes.

`build` runs Pelican into a fresh folder next to `output/` and swaps it in only when the whole
build succeeded, so a failing build (a catalogue mistake, a template error) leaves the last
good site untouched. `serve` is the development server of the README's first command.
"""

from __future__ import annotations

import functools
import http.server
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

WATCHED = ("catalogue", "content", "theme", "plugins", "pelicanconf.py", "publishconf.py")


def build(
    settings: str = "pelicanconf.py", output: str | Path = "output", *, strict: bool = False
) -> bool:
    """True when the site was built and swapped in; with `strict`, any warning fails it."""
    output = Path(output).resolve()
    output.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{output.name}-", dir=output.parent))
    command = [
        sys.executable,
        "-m",
        "pelican",
        "--settings",
        settings,
        "--output",
        str(staging),
        "--delete-output-directory",
        "--quiet",
        *(["--extra-settings", "PERHEOVI_STRICT=true"] if strict else []),
    ]
    try:
        result = subprocess.run(command)
        if result.returncode != 0:
            print(f"The build failed; {output} was left as it was.", file=sys.stderr)
            return False
        _swap(staging, output)
        return True
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _swap(staging: Path, output: Path) -> None:
    """Replace `output` with `staging` in two renames: readers never see a half-written site."""
    retired = output.with_name(f".{output.name}-retired")
    shutil.rmtree(retired, ignore_errors=True)
    if output.exists():
        output.rename(retired)
    staging.rename(output)
    shutil.rmtree(retired, ignore_errors=True)


def _snapshot(paths) -> dict[str, float]:
    state = {}
    for name in paths:
        root = Path(name)
        files = [root] if root.is_file() else root.rglob("*") if root.is_dir() else []
        for path in files:
            if path.is_file() and "__pycache__" not in path.parts:
                state[str(path)] = path.stat().st_mtime
    return state


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Serves output/ like a static host: directory index, 404 page, no directory listings."""

    def list_directory(self, path):
        self.send_error(404)

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.exists():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format, *args):
        pass


def serve(
    settings: str = "pelicanconf.py",
    output: str = "output",
    port: int = 8000,
    host: str = "127.0.0.1",
) -> None:
    output_path = Path(output).resolve()
    build(settings, output_path)
    handler = functools.partial(SiteHandler, directory=str(output_path))
    server = http.server.ThreadingHTTPServer((host, port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(
        f"Serving the site on http://localhost:{port}/ (Ctrl+C stops). Watching: "
        f"{', '.join(WATCHED)}",
        flush=True,
    )
    state = _snapshot(WATCHED)
    try:
        while True:
            time.sleep(1)
            current = _snapshot(WATCHED)
            if current != state:
                state = current
                print("A file changed; rebuilding…", flush=True)
                if build(settings, output_path):
                    print("Rebuilt.", flush=True)
    except KeyboardInterrupt:
        server.shutdown()

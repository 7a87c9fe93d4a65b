"""A tiny static server that compresses as a real host does: gzip for text, and GitHub
Pages' ten-minute cache. For measuring pages (benchmarks/lighthouse.py) the way readers
get them; `python -m http.server` sends every file uncompressed.

    python -m benchmarks.serve site/ --port 8000
"""

from __future__ import annotations

import argparse
import functools
import gzip
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

COMPRESSED = {"text/html", "text/css", "text/javascript", "application/javascript", "application/json",
              "application/xml", "text/xml", "image/svg+xml", "text/plain", "text/csv",
              "application/atom+xml"}  # fmt: skip


class GzipHandler(SimpleHTTPRequestHandler):
    """Files from `directory`, gzip-compressed when the client accepts it and the type is text."""

    extensions_map: ClassVar[dict[str, str]] = {
        **SimpleHTTPRequestHandler.extensions_map,
        ".js": "text/javascript",
        ".xml": "application/xml",
    }
    _cache: ClassVar[dict[Path, bytes]] = {}  # compressed bodies, shared by all requests
    _lock = threading.Lock()
    protocol_version = "HTTP/1.1"  # connections are kept open, as every host does (1.0 closed each)

    def log_message(self, *args):
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        kind = self.guess_type(str(path))
        accepts = "gzip" in (self.headers.get("Accept-Encoding") or "")
        if not (path.is_file() and accepts and kind.split(";")[0] in COMPRESSED):
            return super().send_head()
        with self._lock:
            body = self._cache.get(path)
            if body is None:
                body = self._cache[path] = gzip.compress(path.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", f"{kind}; charset=utf-8" if kind.startswith("text/") else kind)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return _Body(body)

    def end_headers(self):
        if not any(line.startswith(b"Cache-Control") for line in getattr(self, "_headers_buffer", [])):
            self.send_header("Cache-Control", "max-age=600")
        super().end_headers()


class _Body:
    """What send_head returns: something copyfile can read, then close."""

    def __init__(self, data: bytes):
        self.data = data

    def read(self, size: int = -1) -> bytes:
        data, self.data = self.data, b""
        return data

    def close(self) -> None:
        pass


def start(folder: Path, port: int = 0) -> ThreadingHTTPServer:
    """Serve `folder` on 127.0.0.1 in a background thread; `server.server_address[1]` is the port."""
    GzipHandler._cache = {}
    server = ThreadingHTTPServer(("127.0.0.1", port), functools.partial(GzipHandler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.serve", description=__doc__.split("\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args(argv)
    server = ThreadingHTTPServer(("127.0.0.1", args.port), functools.partial(GzipHandler, directory=str(args.folder)))
    print(f"serving {args.folder} at http://127.0.0.1:{args.port}/ (gzip)")
    server.serve_forever()


if __name__ == "__main__":
    main()

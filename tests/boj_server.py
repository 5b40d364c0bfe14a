"""A stand-in for the Bank of Japan on 127.0.0.1: the API's answers in the documented format
(HTTP 200, the JSON envelope, paging by NEXTPOSITION) from tests/samples/boj/, unless a
test queues other answers for an endpoint; and the flat files (`/info/<name>.zip`) a test
puts in `files` (bytes, a `Raw`, or an HTTP status such as 404)."""

from __future__ import annotations

import json
import threading
import time
import urllib.parse
from collections import defaultdict
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

SAMPLES = Path(__file__).parent / "samples" / "boj"
PAGES = {None: 1, "4": 2, "6": 3}  # startPosition → page of the BP01 sample answer


def sample(name: str) -> dict:
    return json.loads((SAMPLES / name).read_text(encoding="utf-8"))


def error(status: int, message_id: str, message: str) -> dict:
    """An error answer as the API gives it: HTTP 200, the error in the envelope."""
    return {
        "STATUS": status,
        "MESSAGEID": message_id,
        "MESSAGE": message,
        "DATE": "2026-10-08T09:00:00.000+09:00",
        "PARAMETER": {},
        "NEXTPOSITION": None,
        "RESULTSET": [],
    }


@dataclass
class Raw:
    """An answer that is not a JSON object: bytes as given, optionally after a delay, or a
    Content-Length promising more than is sent (a connection cut short)."""

    body: bytes
    delay: float = 0.0
    promised: int | None = None


@dataclass
class FakeBoj:
    """`queued[endpoint]`: answers given, in order, before the samples (a dict is sent as
    JSON); `replaced[sample name]`: an answer given instead of that sample.
    `requests`: (path with query, User-Agent) of every request."""

    queued: dict[str, list] = field(default_factory=lambda: defaultdict(list))
    replaced: dict[str, dict] = field(default_factory=dict)
    requests: list[tuple[str, str]] = field(default_factory=list)
    files: dict[str, bytes | Raw | int] = field(default_factory=dict)
    url: str = ""

    def default(self, endpoint: str, query: dict) -> dict:
        db = query["db"]
        if endpoint == "getMetadata":
            name = f"metadata-{db}.json"
        else:
            name = f"data-{db}-page{PAGES[query.get('startPosition')]}.json"
        return self.replaced.get(name) or sample(name)


def handler_for(fake: FakeBoj) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (the http.server API)
            parsed = urllib.parse.urlsplit(self.path)
            endpoint = parsed.path.rsplit("/", 1)[-1]
            query = {k: v[0] for k, v in urllib.parse.parse_qs(parsed.query).items()}
            fake.requests.append((self.path, self.headers.get("User-Agent", "")))
            if parsed.path.endswith(".zip"):
                self.send_file(fake.files.get(endpoint, 404))
                return
            queue = fake.queued.get(endpoint)
            answer = queue.pop(0) if queue else fake.default(endpoint, query)
            if isinstance(answer, Raw):
                time.sleep(answer.delay)
                body, length = answer.body, answer.promised
            else:
                body, length = json.dumps(answer).encode(), None
            try:
                self.send_response(200)
                self.send_header("Content-Type", "application/json; charset=utf-8")
                self.send_header("Content-Length", str(length or len(body)))
                self.end_headers()
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up waiting (the timeout test)

        def send_file(self, served):
            if isinstance(served, int):
                self.send_error(served)
                return
            raw = served if isinstance(served, Raw) else Raw(served)
            time.sleep(raw.delay)
            try:
                self.send_response(200)
                self.send_header("Content-Type", "application/zip")
                self.send_header("Content-Length", str(raw.promised or len(raw.body)))
                self.end_headers()
                self.wfile.write(raw.body)
            except (BrokenPipeError, ConnectionResetError):
                pass

        def log_message(self, *args):
            pass

    return Handler


class Serving:
    """Context manager: a FakeBoj listening on a free port of 127.0.0.1."""

    def __init__(self):
        self.fake = FakeBoj()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), handler_for(self.fake))
        self.server.daemon_threads = True
        self.fake.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> FakeBoj:
        self.thread.start()
        return self.fake

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()

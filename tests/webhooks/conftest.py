"""A real HTTP receiver on 127.0.0.1 (a thread), and endpoints made through the services."""

from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from heard.webhooks import services
from heard.webhooks.models import Event
from tests.feedback.conftest import make_engagement, make_person  # noqa: F401 (fixtures)


class Receiver:
    """What the local server answers (`status`, `body`, `delay`) and what it received."""

    def __init__(self) -> None:
        self.requests: list[dict] = []
        self.status = 200
        self.body = b"ok"
        self.headers: dict[str, str] = {}
        self.delay = 0.0
        self.url = ""

    @property
    def last(self) -> dict:
        return self.requests[-1]


@pytest.fixture
def receiver():
    received = Receiver()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802 (the stdlib's name)
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            received.requests.append(
                {"path": self.path, "headers": dict(self.headers.items()), "body": body}
            )
            if received.delay:
                time.sleep(received.delay)
            self.send_response(received.status)
            for name, value in received.headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(received.body)))
            self.end_headers()
            self.wfile.write(received.body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    received.url = f"http://127.0.0.1:{server.server_port}/hooks/heard?source=test"
    yield received
    server.shutdown()
    server.server_close()


@pytest.fixture
def make_endpoint(workspace):
    """An endpoint through the service; returns (endpoint, secret)."""

    def make(url, events=tuple(Event.values), *, in_workspace=None, **fields):
        return services.create_endpoint(
            workspace=in_workspace or workspace, actor=None, url=url, events=list(events), **fields
        )

    return make

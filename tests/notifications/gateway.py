"""A fake SMS gateway on 127.0.0.1, answering with the responses a test scripts (tests never reach the
internet). It records every request it gets."""

import json
import threading
from collections import deque
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit


class FakeGateway:
    def __init__(self) -> None:
        self.requests: list[dict] = []
        self.responses: deque[tuple[int, dict]] = deque()
        self.default = (200, {"id": 1, "cnt": 1})
        self.hold = threading.Event()  # set → requests wait until release()
        self.released = threading.Event()
        self.received = threading.Event()
        gateway = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                form = parse_qs(self.rfile.read(length).decode())
                query = parse_qs(urlsplit(self.path).query)
                gateway.requests.append(
                    {
                        "path": urlsplit(self.path).path,
                        "form": {k: v[0] for k, v in form.items()},
                        "query": {k: v[0] for k, v in query.items()},
                    }
                )
                gateway.received.set()
                if gateway.hold.is_set():
                    gateway.released.wait(timeout=60)
                status, body = gateway.responses.popleft() if gateway.responses else gateway.default
                payload = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_port}"

    def answer(self, *responses: tuple[int, dict]) -> None:
        self.responses.extend(responses)

    def release(self) -> None:
        self.released.set()

    def close(self) -> None:
        self.released.set()
        self.server.shutdown()
        self.server.server_close()

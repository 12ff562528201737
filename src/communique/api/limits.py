"""Limits that keep one client from wearing the server down: the size of a request body, counted
before anything parses it, and the pace of failed sign-ins and token checks per client.

`BodyLimit` is plain ASGI middleware: a declared Content-Length over the limit is answered 413 at
once, and a body sent without one (chunked) is counted as it arrives: past the limit the application
sees the client disconnect (nothing more is read) and the client gets 413.

`FailureLimiter` counts failures per client address in a sliding window; past `max_failures` the
client gets 429 with Retry-After (seconds until its oldest failure leaves the window), even for a
good token, until then. Behind a reverse proxy every client has the proxy's address: run the proxy's
own limits there, or serve with the proxy headers trusted (uvicorn --forwarded-allow-ips).
"""

from __future__ import annotations

import math
import threading
import time
from collections import OrderedDict, deque

from starlette.requests import Request
from starlette.responses import PlainTextResponse

from . import problems

MAX_BODY_BYTES = 1024 * 1024  # the largest form or JSON this application takes is a few kilobytes
MAX_FAILURES = 10
FAILURE_WINDOW = 60.0  # seconds
MAX_CLIENTS = 10_000  # clients remembered at once; the longest quiet are forgotten first


async def _nothing() -> dict:
    """The receive channel of a refusal: its body is not read again."""
    return {"type": "http.disconnect"}


class BodyLimit:
    """Answer 413 to a request whose body is over `max_bytes`, before the application reads it."""

    def __init__(self, app, max_bytes: int = MAX_BODY_BYTES) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = next((v for k, v in scope.get("headers", []) if k == b"content-length"), None)
        if declared is not None and (not declared.isdigit() or int(declared) > self.max_bytes):
            await self._refuse(scope, send)
            return
        received = 0
        over = False  # the body went over the limit: the application saw a disconnect instead
        started = False  # the application's answer has begun (only a refusal before that can be sent)

        async def limited_receive():
            nonlocal received, over
            if over:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    over = True
                    return {"type": "http.disconnect"}
            return message

        async def watched_send(message):
            nonlocal started
            if over and not started:
                return  # what the application says about a "disconnected" client is replaced by the 413
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, limited_receive, watched_send)
        except BaseException:
            if not over or started:
                raise
        if over and not started:
            await self._refuse(scope, send)

    async def _refuse(self, scope, send) -> None:
        """413: problem details for the API (the one builder of problems), a line of text for pages."""
        request = Request(scope)
        detail = f"the request body is over the limit of {self.max_bytes} bytes"
        if problems.wants_json(request):
            response = problems.problem(request, 413, detail, headers={"connection": "close"})
        else:
            response = PlainTextResponse(f"413 Content Too Large: {detail}\n", status_code=413,
                                         headers={"connection": "close"})
        await response(scope, _nothing, send)


class FailureLimiter:
    """Failed authentications per client in a sliding window (thread-safe)."""

    def __init__(self, max_failures: int = MAX_FAILURES, window: float = FAILURE_WINDOW,
                 max_clients: int = MAX_CLIENTS, clock=time.monotonic) -> None:
        self.max_failures = max_failures
        self.window = window
        self.max_clients = max_clients
        self._clock = clock
        self._failures: OrderedDict[str, deque[float]] = OrderedDict()
        self._lock = threading.Lock()

    def _recent(self, client: str, now: float) -> deque[float] | None:
        times = self._failures.get(client)
        if times is None:
            return None
        while times and times[0] <= now - self.window:
            times.popleft()
        if not times:
            del self._failures[client]
            return None
        return times

    def retry_after(self, client: str) -> int | None:
        """Seconds this client must wait before trying again, or None when it may try now."""
        now = self._clock()
        with self._lock:
            times = self._recent(client, now)
            if times is None or len(times) < self.max_failures:
                return None
            return max(1, math.ceil(times[0] + self.window - now))

    def failed(self, client: str) -> None:
        now = self._clock()
        with self._lock:
            times = self._recent(client, now)
            if times is None:
                times = self._failures[client] = deque(maxlen=self.max_failures)
            times.append(now)
            self._failures.move_to_end(client)
            while len(self._failures) > self.max_clients:
                self._failures.popitem(last=False)


def client_of(request) -> str:
    return request.client.host if request.client else "unknown"

"""Run blocking store queries off the event loop, with a deadline and a concurrency limit.

pyoxigraph cannot interrupt a running query from Python, and a process per query would cost more
than most queries do. So each query runs in its own daemon thread: at the deadline the client
gets 503 at once while the thread finishes in the background and then drops its result. A
semaphore caps how many queries evaluate at the same time, so runaway queries can hold at most
`max_concurrent` threads (plus the ones waiting, which give up at their own deadline); while all
slots are busy, new queries wait for one until their deadline and then get 503 too.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


class Overloaded(Exception):
    """The query did not finish (or did not start) before its deadline."""


class QueryRunner:
    def __init__(self, timeout: float, max_concurrent: int) -> None:
        self.timeout = timeout
        self._slots = threading.BoundedSemaphore(max_concurrent)

    async def run(self, work: Callable[[], T]) -> T:
        loop = asyncio.get_running_loop()
        future: asyncio.Future[T] = loop.create_future()
        deadline = time.monotonic() + self.timeout

        def deliver(setter: Callable, value: object) -> None:
            if not future.done():  # the client may have been answered 503 already
                setter(value)

        def post(setter: Callable, value: object) -> None:
            # RuntimeError: the server stopped while this query ran, so there is nobody to tell.
            with contextlib.suppress(RuntimeError):
                loop.call_soon_threadsafe(deliver, setter, value)

        def worker() -> None:
            if not self._slots.acquire(timeout=max(0.0, deadline - time.monotonic())):
                post(future.set_exception, Overloaded("the server is busy with other queries"))
                return
            try:
                result = work()
            except BaseException as exc:  # handed to the request that asked, which maps it
                post(future.set_exception, exc)
            else:
                post(future.set_result, result)
            finally:
                self._slots.release()

        threading.Thread(target=worker, name="policygraph-query", daemon=True).start()
        try:
            return await asyncio.wait_for(asyncio.shield(future), self.timeout)
        except TimeoutError:
            future.cancel()
            raise Overloaded(f"the query did not finish within {self.timeout:g} s") from None

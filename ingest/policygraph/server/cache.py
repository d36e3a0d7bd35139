"""A small LRU cache of finished responses, bounded in bytes.

Sound because the store cannot change while it is served: Oxigraph holds the store folder's
lock, so `policygraph ingest` or `import` cannot open it until the server stops.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Hashable


class ResultCache:
    def __init__(self, max_bytes: int = 64_000_000, max_item: int = 4_000_000) -> None:
        self.max_bytes, self.max_item = max_bytes, max_item
        self._items: OrderedDict[Hashable, tuple[object, int]] = OrderedDict()
        self._size = 0
        self._lock = threading.Lock()

    def get(self, key: Hashable) -> object | None:
        with self._lock:
            if key not in self._items:
                return None
            self._items.move_to_end(key)
            return self._items[key][0]

    def put(self, key: Hashable, value: object, size: int) -> None:
        if size > self.max_item:  # one huge result would flush everything else
            return
        with self._lock:
            if key in self._items:
                self._size -= self._items.pop(key)[1]
            self._items[key] = (value, size)
            self._size += size
            while self._size > self.max_bytes:
                self._size -= self._items.popitem(last=False)[1][1]

"""The in-process cache bounded by bytes as well as entries (settings.CACHES without Redis).

Django's LocMemCache counts entries only, so a few thousand large rendered pages could take
gigabytes. This one also counts the pickled size of what it holds: past OPTIONS["MAX_BYTES"] the
least recently used entries go first, and a single value larger than the whole budget is not kept.
"""
from __future__ import annotations

from django.core.cache.backends.locmem import LocMemCache

_sizes: dict[str, dict[str, int]] = {}
_totals: dict[str, list[int]] = {}  # one mutable counter per cache name, shared like LocMemCache's store


class ByteBoundedLocMemCache(LocMemCache):
    def __init__(self, name, params):
        options = dict(params.get("OPTIONS") or {})
        self.max_bytes = int(options.pop("MAX_BYTES", 64 * 1024 * 1024))
        super().__init__(name, {**params, "OPTIONS": options})
        self._sizes = _sizes.setdefault(name, {})
        self._total = _totals.setdefault(name, [0])

    @property
    def total_bytes(self) -> int:
        return self._total[0]

    def _set(self, key, value, timeout=None):
        self._delete(key)
        if len(value) > self.max_bytes:
            return
        while self._cache and self._total[0] + len(value) > self.max_bytes:
            self._evict_oldest()
        super()._set(key, value, timeout)
        self._sizes[key] = len(value)
        self._total[0] += len(value)

    def _evict_oldest(self) -> None:
        key, _value = self._cache.popitem()  # the end of the OrderedDict: least recently used
        self._expire_info.pop(key, None)
        self._total[0] -= self._sizes.pop(key, 0)

    def _cull(self):
        if self._cull_frequency == 0:
            self._clear_sizes()
            super()._cull()
            return
        for _index in range(len(self._cache) // self._cull_frequency):
            self._evict_oldest()

    def _delete(self, key):
        self._total[0] -= self._sizes.pop(key, 0)
        return super()._delete(key)

    def _clear_sizes(self) -> None:
        self._sizes.clear()
        self._total[0] = 0

    def incr(self, key, delta=1, version=None):
        value = super().incr(key, delta, version)
        with self._lock:  # the counter's pickle may have changed length
            stored = self.make_and_validate_key(key, version=version)
            if stored in self._cache:
                self._total[0] += len(self._cache[stored]) - self._sizes.get(stored, 0)
                self._sizes[stored] = len(self._cache[stored])
        return value

    def clear(self):
        with self._lock:
            self._clear_sizes()
        super().clear()

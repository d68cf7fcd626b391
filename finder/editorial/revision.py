"""A counter of editors' changes in this process, so cached pages never outlive an edit here.

The answer cache keys its entries on the live index generation; a correction, a hold or a
confirmation changes what an offer page shows before the new generation is built. Bumping this
counter empties this worker's cache at once; other workers follow when the background rebuild
swaps in the new generation (or their cached page expires, `FINDER_PAGE_CACHE_SECONDS`).
"""

from __future__ import annotations

import itertools
import threading

_counter = itertools.count(1)
_lock = threading.Lock()
_current = 0


def bump() -> None:
    global _current
    with _lock:
        _current = next(_counter)


def current() -> int:
    return _current

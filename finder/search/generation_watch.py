"""Which generation a remote index serves, known without waiting for the network.

The answer cache asks on every request, on the event loop; asking Meilisearch each time would
add a request per page view and stall every page when Meilisearch is slow. So the last answer
is kept and refreshed in the background at most once per interval.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

log = logging.getLogger(__name__)


class GenerationWatch:
    def __init__(self, read: Callable[[], str], interval: float = 2.0) -> None:
        self.read = read
        self.interval = interval
        self.value = ""
        self._checked = -interval
        self._lock = threading.Lock()
        self._busy = False

    def current(self) -> str:
        now = time.monotonic()
        if now - self._checked >= self.interval:
            with self._lock:
                if not self._busy and now - self._checked >= self.interval:
                    self._busy = True
                    self._checked = now
                    threading.Thread(target=self._refresh, daemon=True).start()
        return self.value

    def _refresh(self) -> None:
        try:
            self.value = self.read()
        except Exception as exc:  # the search itself reports an outage; keep the last answer
            log.warning("could not read the live index generation: %s", exc)
        finally:
            self._busy = False

"""Counters in the cache (Redis in production) for actions that django-axes does not guard.

A fixed window: each identity gets ``limit`` hits per window, counted under a key named after the
window it falls in, so the count starts again when the clock enters the next window. The identity is
hashed: the cache never holds e-mail addresses or client addresses in clear.
"""

import hashlib
import logging
import time
from datetime import timedelta

from django.core.cache import cache

logger = logging.getLogger(__name__)


def hit(scope: str, identity: str, *, limit: int, window: timedelta) -> bool:
    """Counts one hit for ``identity``; True while it is within ``limit`` for the current window."""
    seconds = max(1, int(window.total_seconds()))
    digest = hashlib.sha256(identity.encode()).hexdigest()[:32]
    key = f"ratelimit:{scope}:{int(time.time()) // seconds}:{digest}"
    try:
        cache.add(key, 0, timeout=seconds)
        count = cache.incr(key)
    except ValueError:  # the key expired between add and incr: this is the first hit of a new window
        cache.add(key, 1, timeout=seconds)
        count = 1
    except Exception:
        # Without the cache there is no count: let the action through rather than refuse everybody.
        logger.warning("Rate limit %s not counted: the cache is unavailable", scope, exc_info=True)
        return True
    return count <= limit

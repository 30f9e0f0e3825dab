"""/healthz: the state of the database, the cache and the Celery broker, as JSON.

The checks are django-health-check's (plus one for the broker); 200 when all pass, 503 otherwise.
"""

import asyncio
import dataclasses

from django.core.cache import cache
from django.http import JsonResponse
from health_check.base import HealthCheck
from health_check.checks import Cache, Database
from health_check.exceptions import ServiceUnavailable
from health_check.views import HealthCheckView

from otbasy.tasks import HEARTBEAT_KEY


@dataclasses.dataclass
class CeleryBroker(HealthCheck):
    """Opens a connection to the broker the web processes enqueue tasks on."""

    def run(self):
        from otbasy.celery import app

        try:
            with app.connection_for_write() as connection:
                connection.ensure_connection(max_retries=1, timeout=2)
        except Exception as error:  # kombu wraps the transport's own errors in many types
            raise ServiceUnavailable(f"Broker unreachable: {type(error).__name__}") from error


class HealthView(HealthCheckView):
    checks = {"database": Database, "cache": Cache, "broker": CeleryBroker}

    async def get(self, request, *args, **kwargs):
        with self.get_executor() as executor:
            results = await asyncio.gather(*(check().get_result(executor) for check in self.checks.values()))
        states = {
            name: "ok" if not result.error else str(result.error) for name, result in zip(self.checks, results, strict=True)
        }
        healthy = all(state == "ok" for state in states.values())
        body = {"status": "ok" if healthy else "error", "checks": states, "worker_heartbeat": await _heartbeat()}
        return JsonResponse(body, status=200 if healthy else 503)


async def _heartbeat():
    """When a worker last ran the beat heartbeat (informational: a busy worker is not an outage)."""
    try:
        return await cache.aget(HEARTBEAT_KEY)
    except Exception:
        return None

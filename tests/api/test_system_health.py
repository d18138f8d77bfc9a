"""AMS's own health: its shared state beside its stores, and the alert deliveries waiting to be sent, shown to
anonymous probes without any tenant's data."""

from __future__ import annotations

import httpx

from ams.alerts.delivery import DeliveryJob
from tests.local_endpoint import refused_url


async def _health(client: httpx.AsyncClient) -> dict:
    response = await client.get("/api/v1/system/health")
    assert response.status_code == 200, response.text
    return dict(response.json())


async def test_the_in_process_shared_state_is_a_component(client):
    health = await _health(client)
    components = {c["name"]: c for c in health["components"]}
    assert components["shared_state"] == {"name": "shared_state", "ok": True, "detail": "memory"}
    assert health["status"] == "ok" and all(c["ok"] for c in components.values())


async def test_pending_alert_deliveries_are_counted_until_sent(tenant, client, monitor, endpoints, app):
    receiver = endpoints()
    channel = await tenant.client.post(
        "/api/v1/alert-channels",
        json={"organization_id": tenant.org_id, "name": "ops", "kind": "webhook", "url": f"{receiver.url}/in"},
        headers=tenant.admin,
    )
    assert channel.status_code == 201, channel.text
    before = (await _health(client))["alert_deliveries_pending"]
    # An agent whose endpoint refuses its probe turns unhealthy; its alert queues a delivery to the channel.
    agent = await tenant.agent(platform="langgraph", configuration={"server_url": refused_url(), "graph_id": "g"})
    await monitor.run_round()
    deliveries = f"/api/v1/alert-channels/{channel.json()['id']}/deliveries"
    [queued] = (await tenant.client.get(deliveries, headers=tenant.admin)).json()["items"]
    assert queued["status"] == "pending" and queued["event"] == "fired"
    anonymous = await client.get("/api/v1/system/health")
    pending = anonymous.json()["alert_deliveries_pending"]
    # At least: other tests' alerts may have queued deliveries meanwhile; the delivery daemon is stopped.
    assert pending >= before + 1
    for private in (tenant.org_id, agent["id"], agent["name"], receiver.url):
        assert private not in anonymous.text
    [sender] = [job for job in app.state.context.alerting.jobs if isinstance(job, DeliveryJob)]
    await sender.run_once()
    [sent] = (await tenant.client.get(deliveries, headers=tenant.admin)).json()["items"]
    assert sent["status"] == "delivered" and receiver.requests == [("POST", "/in")]
    assert (await _health(client))["alert_deliveries_pending"] <= pending - 1

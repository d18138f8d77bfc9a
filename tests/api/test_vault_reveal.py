"""The one service function that decrypts: it gives back exactly what was stored, and records the use."""

import asyncio

from ams.vault import service as vault


async def test_reveal_returns_the_secret_and_marks_it_used(app, tenant):
    agent = await tenant.agent()
    url = f"/api/v1/agents/{agent['id']}/credentials/upstream"
    await tenant.client.put(
        url, json={"type": "basic_auth", "username": "bot", "password": "pw-secret-1"}, headers=tenant.admin
    )
    context = app.state.context
    async with context.db.write() as session:
        secret = await vault.reveal(session, context.cipher, "agent", agent["id"], "upstream")
    assert secret == {"username": "bot", "password": "pw-secret-1"}
    listed = (await tenant.client.get(f"/api/v1/agents/{agent['id']}/credentials", headers=tenant.admin)).json()
    assert listed[0]["last_used_at"] is not None


async def test_expired_key_stops_working_and_use_is_recorded(tenant):
    made = await tenant.client.post(
        "/api/v1/api-keys",
        json={"project_id": tenant.project_id, "role": "viewer", "expires_in_days": 2 / 86400},
        headers=tenant.admin,
    )
    headers = {"Authorization": f"Bearer {made.json()['key']}"}
    assert (await tenant.client.get("/api/v1/agents", headers=headers)).status_code == 200
    listed = (await tenant.client.get("/api/v1/api-keys", headers=tenant.admin)).json()["items"]
    assert listed[0]["last_used_at"] is not None
    await asyncio.sleep(2.2)
    expired = await tenant.client.get("/api/v1/agents", headers=headers)
    assert expired.status_code == 401 and "expired" in expired.json()["detail"]

"""The OpenAI-compatible proxy in-process, against real local providers: answers, metering, refusals, limits,
failover, and Anthropic and Gemini translation."""

import asyncio

import orjson

from tests.api.gateway_helpers import active_agent, base_url, mock, register, spans_of

CHAT = {"model": "mock-model", "messages": [{"role": "user", "content": "hello"}]}


def sse_documents(text: str) -> list[dict]:
    return [orjson.loads(line[6:]) for line in text.splitlines() if line.startswith("data: {")]


async def test_a_call_is_answered_and_metered(tenant):
    agent, key = await active_agent(tenant)
    async with mock(prompt_tokens=1000, completion_tokens=500) as upstream:
        await register(tenant, upstream, "local")
        response = await tenant.client.post("/v1/chat/completions", json=CHAT, headers=key)
        assert response.status_code == 200, response.text
        assert response.json()["choices"][0]["message"]["content"].startswith("This is a mock answer")
        # The upstream got the key from the vault, not the agent's key.
        assert upstream.state.last["headers"]["authorization"] == "Bearer sk-upstream-secret"
    [span] = await spans_of(tenant, agent["id"], 1)
    assert span["kind"] == "llm" and span["provider"] == "local" and span["model"] == "mock-model"
    assert (span["input_tokens"], span["output_tokens"]) == (1000, 500)
    assert abs(span["cost_usd"] - (1000 * 1.0 + 500 * 2.0) / 1e6) < 1e-12  # the provider's own model price
    assert span["attributes"]["ams.gateway.attempts"][0]["status"] == 200


async def test_only_active_agents_call(tenant):
    agent, key = await active_agent(tenant)
    await tenant.client.post(f"/api/v1/agents/{agent['id']}/pause", json={}, headers=tenant.admin)
    response = await tenant.client.post("/v1/chat/completions", json=CHAT, headers=key)
    assert response.status_code == 403
    body = response.json()
    assert body["lifecycle_state"] == "paused" and "paused" in body["detail"]
    assert body["error"]["code"] == "agent_not_active"
    assert response.headers["content-type"] == "application/problem+json"


async def test_project_key_names_its_agent(tenant):
    agent, _ = await active_agent(tenant)
    project_key = await tenant.key(role="agent_owner")
    async with mock() as upstream:
        await register(tenant, upstream, "local")
        missing = await tenant.client.post("/v1/chat/completions", json=CHAT, headers=project_key)
        assert missing.status_code == 400 and "X-AMS-Agent" in missing.json()["detail"]
        named = await tenant.client.post(
            "/v1/chat/completions", json=CHAT, headers={**project_key, "X-AMS-Agent": agent["name"]}
        )
        assert named.status_code == 200, named.text
    login = await tenant.client.post("/v1/chat/completions", json=CHAT, headers=tenant.admin)
    assert login.status_code == 403


async def test_unknown_model_and_bad_body(tenant):
    _, key = await active_agent(tenant)
    unknown = await tenant.client.post("/v1/chat/completions", json={**CHAT, "model": "gpt-9"}, headers=key)
    assert unknown.status_code == 404 and unknown.json()["error"]["code"] == "model_not_found"
    bad = await tenant.client.post("/v1/chat/completions", content=b"{not json", headers=key)
    assert bad.status_code == 400
    no_messages = await tenant.client.post("/v1/chat/completions", json={"model": "x"}, headers=key)
    assert no_messages.status_code == 400 and no_messages.json()["errors"][0]["field"] == "messages"


async def test_agent_rate_limit_answers_429_with_headers(tenant):
    _, key = await active_agent(tenant, limits={"max_requests_per_minute": 2})
    async with mock() as upstream:
        await register(tenant, upstream, "local")
        first = await tenant.client.post("/v1/chat/completions", json=CHAT, headers=key)
        assert first.headers["x-ratelimit-limit-requests"] == "2"
        assert first.headers["x-ratelimit-remaining-requests"] == "1"
        await tenant.client.post("/v1/chat/completions", json=CHAT, headers=key)
        third = await tenant.client.post("/v1/chat/completions", json=CHAT, headers=key)
    assert third.status_code == 429
    assert int(third.headers["retry-after"]) >= 1
    assert third.headers["x-ratelimit-remaining-requests"] == "0"
    assert "agent requests per minute" in third.json()["detail"]


async def test_failover_and_retries_show_in_the_span(tenant):
    agent, key = await active_agent(tenant)
    async with mock(error_rate=1.0, error_status=503) as broken, mock() as healthy:
        a = await register(tenant, broken, "broken")
        b = await register(tenant, healthy, "healthy")
        await tenant.client.post(
            "/api/v1/routes",
            json={"alias": "resilient", "targets": [{"provider_id": a["id"], "model": "mock-model"},
                                                    {"provider_id": b["id"], "model": "mock-model"}],
                  "policy": {"retries": 1, "backoff_ms": 1}},
            headers=tenant.admin,
        )  # fmt: skip
        response = await tenant.client.post("/v1/chat/completions", json={**CHAT, "model": "resilient"}, headers=key)
        assert response.status_code == 200, response.text
        assert broken.state.calls == 2  # one retry on 503, then failover
    [span] = await spans_of(tenant, agent["id"], 1)
    attempts = span["attributes"]["ams.gateway.attempts"]
    assert [a["status"] for a in attempts] == [503, 503, 200]
    assert span["attributes"]["ams.gateway.target"] == "healthy/mock-model"
    assert span["status"] == "ok"


async def test_every_target_failing_is_a_502_and_an_error_span(tenant):
    agent, key = await active_agent(tenant)
    async with mock(error_rate=1.0, error_status=500) as broken:
        await register(tenant, broken, "down")
        response = await tenant.client.post("/v1/chat/completions", json=CHAT, headers=key)
    assert response.status_code == 502
    assert len(response.json()["attempts"]) == 3  # the default two retries
    [span] = await spans_of(tenant, agent["id"], 1)
    assert span["status"] == "error"


async def test_context_window_fallback(tenant):
    agent, key = await active_agent(tenant)
    async with mock(context_window=50) as small, mock() as large:
        a = await register(tenant, small, "small", models=[{"name": "mock-model"}])  # window unknown to AMS
        b = await register(tenant, large, "large", models=[{"name": "mock-model", "context_window": 100_000}])
        await tenant.client.post(
            "/api/v1/routes",
            json={"alias": "long", "targets": [{"provider_id": a["id"], "model": "mock-model"},
                                               {"provider_id": b["id"], "model": "mock-model"}]},
            headers=tenant.admin,
        )  # fmt: skip
        prompt = {"model": "long", "messages": [{"role": "user", "content": "word " * 200}]}
        response = await tenant.client.post("/v1/chat/completions", json=prompt, headers=key)
        assert response.status_code == 200, response.text
    [span] = await spans_of(tenant, agent["id"], 1)
    assert [a["status"] for a in span["attributes"]["ams.gateway.attempts"]] == [400, 200]


async def test_stream_passes_chunks_and_drops_usage_the_client_did_not_ask_for(tenant):
    agent, key = await active_agent(tenant)
    async with mock(chunks=4, prompt_tokens=30, completion_tokens=4) as upstream:
        await register(tenant, upstream, "local")
        plain = await tenant.client.post("/v1/chat/completions", json={**CHAT, "stream": True}, headers=key)
        assert orjson.loads(upstream.state.last["body"])["stream_options"] == {"include_usage": True}
        with_usage = await tenant.client.post(
            "/v1/chat/completions", json={**CHAT, "stream": True, "stream_options": {"include_usage": True}},
            headers=key,
        )  # fmt: skip
    chunks = sse_documents(plain.text)
    assert "".join(c["choices"][0]["delta"].get("content", "") for c in chunks if c["choices"]).count(" ") == 4
    assert all(c["choices"] for c in chunks) and plain.text.rstrip().endswith("data: [DONE]")
    assert sse_documents(with_usage.text)[-1]["usage"]["completion_tokens"] == 4
    spans = await spans_of(tenant, agent["id"], 2)
    assert sorted(s["output_tokens"] for s in spans) == [4, 4]
    assert all("ams.gateway.ttft_ms" in s["attributes"] for s in spans)


async def test_anthropic_is_translated_with_tool_calls(tenant):
    agent, key = await active_agent(tenant)
    tools = [{"type": "function", "function": {"name": "weather", "parameters": {"type": "object"}}}]
    async with mock(protocol="anthropic", prompt_tokens=11, completion_tokens=7) as upstream:
        await register(tenant, upstream, "claude")
        answer = await tenant.client.post("/v1/chat/completions", json={**CHAT, "tools": tools}, headers=key)
        sent = orjson.loads(upstream.state.last["body"])
        assert upstream.state.last["path"] == "/v1/messages" and sent["tools"][0]["name"] == "weather"
        assert upstream.state.last["headers"]["x-api-key"] == "sk-upstream-secret"
        stream = await tenant.client.post(
            "/v1/chat/completions",
            json={**CHAT, "tools": tools, "stream": True, "stream_options": {"include_usage": True}}, headers=key,
        )  # fmt: skip
    message = answer.json()["choices"][0]["message"]
    assert message["tool_calls"][0]["function"] == {"name": "weather", "arguments": '{"city":"Paris"}'}
    assert answer.json()["choices"][0]["finish_reason"] == "tool_calls"
    assert answer.json()["usage"]["total_tokens"] == 18
    chunks = sse_documents(stream.text)
    arguments = "".join(
        call["function"].get("arguments", "")
        for c in chunks if c["choices"] for call in c["choices"][0]["delta"].get("tool_calls", [])
    )  # fmt: skip
    assert orjson.loads(arguments) == {"city": "Paris"}
    assert chunks[-1]["usage"] == {"prompt_tokens": 11, "completion_tokens": 7, "total_tokens": 18,
                                   "prompt_tokens_details": {"cached_tokens": 0}}  # fmt: skip
    spans = await spans_of(tenant, agent["id"], 2)
    assert sorted(s["output_tokens"] for s in spans) == [7, 7]


async def test_gemini_is_translated_streams_and_embeddings(tenant):
    _, key = await active_agent(tenant)
    async with mock(protocol="gemini", chunks=3, completion_tokens=3) as upstream:
        await register(tenant, upstream, "gemini", kind="gemini")
        answer = await tenant.client.post("/v1/chat/completions", json=CHAT, headers=key)
        assert upstream.state.last["path"] == "/v1beta/models/mock-model:generateContent"
        stream = await tenant.client.post("/v1/chat/completions", json={**CHAT, "stream": True}, headers=key)
        embedded = await tenant.client.post(
            "/v1/embeddings", json={"model": "mock-model", "input": ["a", "b"]}, headers=key
        )
    assert answer.json()["choices"][0]["message"]["content"].startswith("This is")
    text = "".join(c["choices"][0]["delta"].get("content", "") for c in sse_documents(stream.text) if c["choices"])
    assert text == "This is a "
    assert [d["embedding"] for d in embedded.json()["data"]] == [[0.1, 0.2, 0.3]] * 2


async def test_models_lists_routes_and_provider_models(tenant):
    _, key = await active_agent(tenant)
    async with mock() as upstream:
        provider = await register(tenant, upstream, "local")
    await tenant.client.post(
        "/api/v1/routes", json={"alias": "fast", "targets": [{"provider_id": provider["id"], "model": "mock-model"}]},
        headers=tenant.admin,
    )  # fmt: skip
    listed = await tenant.client.get("/v1/models", headers=key)
    assert [m["id"] for m in listed.json()["data"]] == ["fast", "local/mock-model"]
    project_key = await tenant.key(role="agent_owner")  # needs no X-AMS-Agent to list
    assert (await tenant.client.get("/v1/models", headers=project_key)).json() == listed.json()
    viewer_key = await tenant.key(role="viewer")
    assert (await tenant.client.get("/v1/models", headers=viewer_key)).status_code == 403


async def test_traceparent_joins_the_callers_trace(tenant):
    agent, key = await active_agent(tenant)
    trace, parent = "ab" * 16, "cd" * 8
    async with mock() as upstream:
        await register(tenant, upstream, "local")
        await tenant.client.post(
            "/v1/chat/completions", json=CHAT, headers={**key, "traceparent": f"00-{trace}-{parent}-01"}
        )
    detail = await spans_of_trace(tenant, trace)
    assert detail["parent_span_id"] == parent


async def spans_of_trace(tenant, trace_id):
    import asyncio

    for _ in range(50):
        response = await tenant.client.get(f"/api/v1/traces/{trace_id}", headers=tenant.admin)
        if response.status_code == 200 and response.json()["roots"]:
            return response.json()["roots"][0]
        await asyncio.sleep(0.2)
    raise AssertionError("the span did not arrive")


async def test_provider_analytics_from_traffic(tenant):
    _, key = await active_agent(tenant)
    async with mock(prompt_tokens=1000, completion_tokens=1000) as upstream:
        await register(tenant, upstream, "local")
        for _ in range(3):
            await tenant.client.post("/v1/chat/completions", json=CHAT, headers=key)
    await spans_of(
        tenant, (await tenant.client.get("/api/v1/agents", headers=tenant.admin)).json()["items"][0]["id"], 3
    )
    compare = (await tenant.client.get("/api/v1/providers/compare", headers=tenant.admin)).json()
    [row] = compare["items"]
    assert (row["provider"], row["calls"], row["errors"]) == ("local", 3, 0)
    assert abs(row["cost_per_1k_tokens"] - 0.0015) < 1e-9  # (1.0 + 2.0) USD per 2M tokens
    costs = (await tenant.client.get("/api/v1/providers/cost-analysis", headers=tenant.admin)).json()
    assert abs(costs["by_provider"]["local"] - 0.009) < 1e-9
    assert costs["forecast"]["month_to_date_usd"] >= 0.009 - 1e-9


async def test_a_spent_monthly_budget_sends_calls_elsewhere(tenant):
    agent, key = await active_agent(tenant)
    async with mock(prompt_tokens=1_000_000, completion_tokens=0) as pricey, mock() as spare:
        a = await register(tenant, pricey, "pricey", limits={"monthly_budget_usd": 0.5})
        b = await register(tenant, spare, "spare")
        await tenant.client.post(
            "/api/v1/routes",
            json={"alias": "budgeted", "targets": [{"provider_id": a["id"], "model": "mock-model"},
                                                   {"provider_id": b["id"], "model": "mock-model"}]},
            headers=tenant.admin,
        )  # fmt: skip
        body = {**CHAT, "model": "budgeted"}
        assert (await tenant.client.post("/v1/chat/completions", json=body, headers=key)).status_code == 200
        await spans_of(tenant, agent["id"], 1)  # priced: $1 of the $0.50 budget
        await asyncio.sleep(0.2)  # the meter counts the spend just after the span is written
        assert (await tenant.client.post("/v1/chat/completions", json=body, headers=key)).status_code == 200
        # Chat calls only: the app's health probe may ask either mock for its models meanwhile.
        chats = [m.state.by_path.get("/v1/chat/completions", 0) for m in (pricey, spare)]
        assert chats == [1, 1]
    spans = await spans_of(tenant, agent["id"], 2)
    skipped = [s for s in spans if s["attributes"]["ams.gateway.attempts"][0]["status"] == "provider_budget"]
    assert len(skipped) == 1


async def test_a_malformed_tool_is_a_400_not_a_500(tenant):
    _, key = await active_agent(tenant)
    async with mock(protocol="anthropic") as upstream:
        await register(tenant, upstream, "claude")
        response = await tenant.client.post(
            "/v1/chat/completions", json={**CHAT, "tools": [{"type": "function"}]}, headers=key
        )
    assert response.status_code == 400 and response.json()["error"]["code"] == "invalid_request"
    assert upstream.state.calls == 0


async def test_a_provider_change_takes_effect_at_once(tenant):
    _, key = await active_agent(tenant)
    async with mock() as old, mock() as new:
        provider = await register(tenant, old, "moving")
        assert (await tenant.client.post("/v1/chat/completions", json=CHAT, headers=key)).status_code == 200
        changed = await tenant.client.patch(
            f"/api/v1/providers/{provider['id']}", json={"base_url": base_url(new)}, headers=tenant.admin
        )
        assert changed.status_code == 200, changed.text
        assert (await tenant.client.post("/v1/chat/completions", json=CHAT, headers=key)).status_code == 200
        assert (old.state.calls, new.state.calls) == (1, 1)


async def test_an_unexpected_failure_on_a_door_is_a_500_problem(app, tenant, monkeypatch, caplog):
    """The doors are served ahead of FastAPI's error layers: a bug in the proxy still answers AMS's 500 problem,
    logged, and the next call is served."""
    _, key = await active_agent(tenant)
    proxy = app.state.context.gateway.proxy

    async def broken(request):
        raise RuntimeError("a bug in the proxy")

    monkeypatch.setattr(proxy, "chat", broken)
    response = await tenant.client.post("/v1/chat/completions", json=CHAT, headers=key)
    assert response.status_code == 500
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["title"] == "Internal error" and "a bug" not in response.text
    assert any("a bug in the proxy" in (r.exc_text or "") for r in caplog.records)
    monkeypatch.undo()
    models = await tenant.client.get("/v1/models", headers=key)
    assert models.status_code == 200

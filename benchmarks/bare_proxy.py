"""The floor under any Python gateway on this machine: a bare forwarder, aiohttp server to aiohttp client.

No authentication, routing, limits or metering: it reads the request, posts the same bytes to the upstream's
`/v1/chat/completions` over a keep-alive pool, and relays the status and body (chunk by chunk, so streams
stream). `benchmarks/gateway.py` measures it beside AMS, so that what AMS adds can be set against what merely
passing a call through one Python event loop costs here.

    python benchmarks/bare_proxy.py PORT UPSTREAM_BASE_URL
"""

import asyncio
import sys

import aiohttp
import uvloop
from aiohttp import web


async def main(port: int, upstream: str) -> None:
    session = aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0), cookie_jar=aiohttp.DummyCookieJar())

    async def forward(request: web.Request) -> web.StreamResponse:
        body = await request.read()
        async with session.post(f"{upstream}/v1/chat/completions", data=body,
                                headers={"Content-Type": "application/json"}) as answer:  # fmt: skip
            response = web.StreamResponse(status=answer.status, headers={"Content-Type": answer.content_type})
            await response.prepare(request)
            async for chunk in answer.content.iter_any():
                await response.write(chunk)
            await response.write_eof()
            return response

    async def models(_request: web.Request) -> web.Response:
        return web.json_response({"object": "list", "data": []})

    app = web.Application()
    app.router.add_post("/v1/chat/completions", forward)
    app.router.add_get("/v1/models", models)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    await asyncio.Event().wait()


if __name__ == "__main__":
    uvloop.run(main(int(sys.argv[1]), sys.argv[2]))

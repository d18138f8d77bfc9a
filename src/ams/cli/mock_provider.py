"""`ams mock-provider`: the built-in mock LLM provider, for the demo, tests and benchmarks."""

from __future__ import annotations

import typer


def mock_provider(
    host: str = typer.Option("127.0.0.1", help="Interface to bind."),
    port: int = typer.Option(8090, help="Port to listen on (0: any free port, printed on start)."),
    protocol: str = typer.Option("openai", help="openai, anthropic or gemini."),
    latency_ms: float = typer.Option(0.0, help="Wait before each answer."),
    error_rate: float = typer.Option(0.0, min=0.0, max=1.0, help="Share of calls answered with --error-status."),
    error_status: int = typer.Option(503, help="Status of a failed call."),
    fail_first: int = typer.Option(0, help="The first N calls fail."),
    prompt_tokens: int = typer.Option(12, help="prompt_tokens reported in usage."),
    completion_tokens: int = typer.Option(8, help="completion_tokens reported in usage."),
    chunks: int = typer.Option(5, help="Content chunks of a streamed answer."),
    chunk_delay_ms: float = typer.Option(0.0, help="Wait between streamed chunks."),
    context_window: int | None = typer.Option(None, help="Refuse prompts longer than this many tokens (~4 bytes)."),
    model: list[str] = typer.Option(["mock-model", "gpt-4o-mini", "text-embedding-3-small"], help="Models listed."),
) -> None:
    """Serve a mock LLM provider (OpenAI-compatible by default) with configurable latency, errors and tokens."""
    import asyncio

    import uvloop

    from ams.gateway.mock_provider import MockConfig, run

    if protocol not in ("openai", "anthropic", "gemini"):
        raise typer.BadParameter("openai, anthropic or gemini", param_hint="--protocol")
    config = MockConfig(protocol, latency_ms, error_rate, error_status, fail_first, prompt_tokens, completion_tokens,
                        chunks, chunk_delay_ms, list(model), context_window)  # fmt: skip

    def ready(bound: int) -> None:
        typer.echo(f"mock {protocol} provider on http://{host}:{bound}", err=False)

    asyncio.set_event_loop_policy(uvloop.EventLoopPolicy())
    try:
        asyncio.run(run(config, host, port, ready))
    except KeyboardInterrupt:
        pass

"""The LLM gateway: providers, model routes, the OpenAI-compatible proxy, rate limits and provider analytics."""

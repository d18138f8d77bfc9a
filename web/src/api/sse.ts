// Server-sent events read with fetch rather than EventSource: EventSource cannot send the Authorization header,
// and a token in the URL would land in access logs and browser history. fetch streams the body just as well.

export interface SseMessage {
  event: string;
  data: string;
}

/** Splits an SSE byte stream into messages; feed it chunks of text as they arrive. Comments (": …") are skipped. */
export class SseParser {
  private buffer = "";

  push(chunk: string): SseMessage[] {
    this.buffer += chunk.replace(/\r\n?/g, "\n");
    const messages: SseMessage[] = [];
    let end: number;
    while ((end = this.buffer.indexOf("\n\n")) >= 0) {
      const block = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 2);
      let event = "message";
      const data: string[] = [];
      for (const line of block.split("\n")) {
        if (!line || line.startsWith(":")) continue;
        const colon = line.indexOf(":");
        const field = colon < 0 ? line : line.slice(0, colon);
        const value = colon < 0 ? "" : line.slice(colon + 1).replace(/^ /, "");
        if (field === "event") event = value;
        else if (field === "data") data.push(value);
      }
      if (data.length) messages.push({ event, data: data.join("\n") });
    }
    return messages;
  }
}

export interface StreamOptions {
  url: string;
  token: string;
  signal: AbortSignal;
  onOpen: () => void;
  onMessage: (message: SseMessage) => void;
}

/** Reads one SSE connection until it ends; resolves on a clean end, throws the HTTP status on a refusal. */
export async function readEventStream({ url, token, signal, onOpen, onMessage }: StreamOptions): Promise<void> {
  const response = await fetch(url, {
    headers: { Authorization: `Bearer ${token}`, Accept: "text/event-stream" },
    signal,
    cache: "no-store",
  });
  if (!response.ok || !response.body) throw new StreamRefused(response.status);
  onOpen();
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  const parser = new SseParser();
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    for (const message of parser.push(value)) onMessage(message);
  }
}

export class StreamRefused extends Error {
  constructor(readonly status: number) {
    super(`the live stream answered ${status}`);
  }
}

import { describe, expect, it } from "vitest";

import { SseParser } from "./sse";

describe("SseParser", () => {
  it("assembles events split across chunks and skips comments", () => {
    const parser = new SseParser();
    expect(parser.push(": connected\n\nevent: tra")).toEqual([]);
    expect(parser.push('ce\ndata: {"a":1}\n\n: keep-alive\n\nevent: task_outcome\ndata: {"b":2}\r\n\r\n')).toEqual([
      { event: "trace", data: '{"a":1}' },
      { event: "task_outcome", data: '{"b":2}' },
    ]);
  });

  it("joins multi-line data", () => {
    expect(new SseParser().push("data: one\ndata: two\n\n")).toEqual([{ event: "message", data: "one\ntwo" }]);
  });
});

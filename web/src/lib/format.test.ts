import { describe, expect, it } from "vitest";

import { formatCount, formatMs, formatPercent, formatUsd, formatUtc } from "./format";

describe("formatters", () => {
  it("formats rates as percentages without rounding 99.96% up to 100%", () => {
    expect(formatPercent(0.9534)).toBe("95.3%");
    expect(formatPercent(0.5)).toBe("50%");
    expect(formatPercent(0.9996)).toBe("99.96%");
    expect(formatPercent(null)).toBe("–");
  });

  it("formats durations from milliseconds to hours", () => {
    expect(formatMs(850)).toBe("850 ms");
    expect(formatMs(1234)).toBe("1.23 s");
    expect(formatMs(95_000)).toBe("1m 35s");
  });

  it("keeps the fractions of a cent LLM calls cost", () => {
    expect(formatUsd(0.00042)).toBe("$0.00042");
    expect(formatUsd(0.0123)).toBe("$0.012");
    expect(formatUsd(12.5)).toBe("$12.50");
    expect(formatUsd(0)).toBe("$0");
  });

  it("shortens large counts", () => {
    expect(formatCount(950)).toBe("950");
    expect(formatCount(12_345)).toBe("12.3k");
    expect(formatCount(4_200_000)).toBe("4.2M");
  });

  it("shows the UTC time a local time stands for", () => {
    expect(formatUtc("2026-06-10T12:34:56.789Z")).toBe("2026-06-10 12:34:56 UTC");
  });
});

import "@testing-library/jest-dom/vitest";

import { cleanup } from "@testing-library/react";
import { afterEach, vi } from "vitest";

import { setSession } from "@/api/session";

// jsdom has no matchMedia; uPlot reads it when its module loads (pages with a chart import it).
if (!window.matchMedia) {
  Object.defineProperty(window, "matchMedia", {
    value: (query: string) => ({ matches: false, media: query, onchange: null, addListener() {}, removeListener() {}, addEventListener() {}, removeEventListener() {}, dispatchEvent: () => false }),
  });
}

afterEach(() => {
  cleanup();
  setSession(null);
  sessionStorage.clear();
  localStorage.clear();
  vi.unstubAllGlobals();
});

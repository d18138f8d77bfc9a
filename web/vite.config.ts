/// <reference types="vitest/config" />
import { fileURLToPath, URL } from "node:url";

import tailwindcss from "@tailwindcss/vite";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// The dev server proxies AMS's own paths to a running AMS (AMS_URL, default the `ams serve` default),
// so `npm run dev` gives hot reload against real data.
const target = process.env.AMS_URL ?? "http://127.0.0.1:8080";
const proxied = ["/api", "/v1", "/openapi.json", "/docs", "/metrics"];

export default defineConfig({
  plugins: [react(), tailwindcss()],
  resolve: { alias: { "@": fileURLToPath(new URL("./src", import.meta.url)) } },
  server: {
    port: 5173,
    proxy: Object.fromEntries(proxied.map((path) => [path, { target, changeOrigin: true }])),
  },
  build: {
    // The Python package serves these files; see src/ams/dashboard/.
    outDir: "../src/ams/dashboard/static",
    emptyOutDir: true,
    assetsDir: "assets",
    sourcemap: false,
    chunkSizeWarningLimit: 400,
    rollupOptions: {
      output: {
        // Libraries change less often than our code: their own chunks stay cached across releases.
        manualChunks(id: string) {
          if (id.includes("node_modules/uplot")) return "uplot";
          if (/node_modules\/(react|react-dom|scheduler|react-router)\//.test(id)) return "react";
          if (id.includes("node_modules/@tanstack")) return "tanstack";
          return undefined;
        },
      },
    },
  },
  test: {
    environment: "jsdom",
    globals: true,
    setupFiles: ["./src/test/setup.ts"],
    css: false,
  },
});

/// <reference types="vitest/config" />
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, URL } from "node:url";
import { constants, gzipSync } from "node:zlib";

import tailwindcss from "@tailwindcss/vite";
import react from "@vitejs/plugin-react";
import { defineConfig, type Plugin } from "vite";

// Gzipped twins of the built scripts and styles: AMS sends them to browsers that accept gzip (a third of the bytes),
// compressed once at build time instead of on every request.
function precompress(): Plugin {
  let outDir = "";
  return {
    name: "ams-precompress",
    apply: "build",
    configResolved(config) {
      outDir = join(config.root, config.build.outDir, config.build.assetsDir);
    },
    closeBundle() {
      for (const name of readdirSync(outDir)) {
        if (!/\.(js|css|svg)$/.test(name)) continue;
        const path = join(outDir, name);
        writeFileSync(`${path}.gz`, gzipSync(readFileSync(path), { level: constants.Z_BEST_COMPRESSION }));
      }
    },
  };
}

// The dev server proxies AMS's own paths to a running AMS (AMS_URL, default the `ams serve` default),
// so `npm run dev` gives hot reload against real data.
const target = process.env.AMS_URL ?? "http://127.0.0.1:8080";
const proxied = ["/api", "/v1", "/openapi.json", "/docs", "/metrics"];

export default defineConfig({
  plugins: [react(), tailwindcss(), precompress()],
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

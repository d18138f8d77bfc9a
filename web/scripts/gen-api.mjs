// Regenerates src/api/schema.d.ts, the typed API client's types, from AMS's OpenAPI document.
// The document comes straight from the Python app factory (no server is started).
// defaultNonNullable is off: a field with a default is optional in a request body, as the API treats it.
// `--check` exits 1 when the committed file differs from what the current backend produces.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

import openapiTS, { astToString } from "openapi-typescript";

const web = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const target = resolve(web, "src/api/schema.d.ts");
const venvPython = resolve(web, "../.venv/bin/python");
const python = process.env.PYTHON ?? (existsSync(venvPython) ? venvPython : "python3");
const dump = [
  "import json, sys",
  "from ams.app import create_app",
  "from ams.settings import Settings",
  "sys.stdout.write(json.dumps(create_app(Settings()).openapi(), sort_keys=True))",
].join("\n");

const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith("AMS_")));
const document = JSON.parse(execFileSync(python, ["-c", dump], { env, maxBuffer: 64 * 1024 * 1024 }).toString());
const header =
  "// Generated from AMS's OpenAPI document by `npm run gen:api` (web/scripts/gen-api.mjs). Do not edit.\n\n";
const generated = header + astToString(await openapiTS(document, { alphabetize: true, defaultNonNullable: false }));

if (process.argv.includes("--check")) {
  const committed = existsSync(target) ? readFileSync(target, "utf8") : "";
  if (committed !== generated) {
    console.error("web/src/api/schema.d.ts is stale: run `make web-api` (or `npm run gen:api` in web/) and commit it.");
    process.exit(1);
  }
  console.log("web/src/api/schema.d.ts matches the backend's OpenAPI document.");
} else {
  writeFileSync(target, generated);
  console.log(`wrote ${target}`);
}

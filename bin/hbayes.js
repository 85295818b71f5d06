#!/usr/bin/env node
// The hbayes command. Runs the built CLI (dist/, made by `npm run build`, which `npm ci` runs).
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const built = new URL("../dist/cli/main.js", import.meta.url);
if (!existsSync(fileURLToPath(built))) {
  process.stderr.write("hbayes: dist/ is missing; run `npm run build` in the hbayes folder first\n");
  process.exit(2);
}
const { main } = await import(built.href);
process.exitCode = await main(process.argv.slice(2));

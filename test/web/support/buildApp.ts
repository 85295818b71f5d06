/** Builds web/ with Vite's API into a fresh temporary directory and returns that directory. */
import { mkdtempSync, realpathSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "vite";

export async function buildApp(): Promise<string> {
  const outDir = realpathSync(mkdtempSync(join(tmpdir(), "hbayes-web-")));
  await build({
    configFile: fileURLToPath(new URL("../../../web/vite.config.ts", import.meta.url)),
    logLevel: "error",
    build: { outDir, emptyOutDir: true },
  });
  return outDir;
}

/** Builds the reference harness page (support/reference) with Vite's API into a fresh temporary directory. */
import { mkdtempSync, realpathSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "vite";

export async function buildReference(): Promise<string> {
  const outDir = realpathSync(mkdtempSync(join(tmpdir(), "hbayes-ref-")));
  await build({
    configFile: false,
    root: fileURLToPath(new URL("./reference/", import.meta.url)),
    base: "./",
    publicDir: false,
    logLevel: "error",
    worker: { format: "es" },
    build: { outDir, emptyOutDir: true, target: "es2022", chunkSizeWarningLimit: 2000 },
  });
  return outDir;
}

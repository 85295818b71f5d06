import { describe, expect, it } from "vitest";
import { readFileSync, readdirSync } from "node:fs";

const NODE_ONLY = new Set(["readCsvFile.ts", "cmdStanFiles.ts", "node.ts"]);
const dir = new URL("../../src/io/", import.meta.url);

describe("src/io browser safety", () => {
  it("only readCsvFile.ts, cmdStanFiles.ts and node.ts import Node modules or Node's Buffer/process", () => {
    const files = readdirSync(dir).filter((f) => f.endsWith(".ts"));
    expect(files.length).toBeGreaterThan(8);
    for (const f of files) {
      const src = readFileSync(new URL(f, dir), "utf8");
      const usesNode = /from "node:|from "(fs|path|os)"|\bBuffer\b|\bprocess\./.test(src.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, ""));
      // node.ts only re-exports the two Node-only files.
      expect({ file: f, usesNode }).toEqual({ file: f, usesNode: NODE_ONLY.has(f) && f !== "node.ts" });
    }
  });

  it("index.ts re-exports only browser-safe modules", () => {
    const src = readFileSync(new URL("index.ts", dir), "utf8");
    for (const f of NODE_ONLY) expect(src).not.toContain(f.replace(".ts", ".js"));
    // csv-parse's Node build (csv-parse/sync) needs a global Buffer; the browser build does not.
    expect(readFileSync(new URL("readCsvText.ts", dir), "utf8")).toContain('from "csv-parse/browser/esm/sync"');
  });
});

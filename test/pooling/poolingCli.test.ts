/** `hbayes pooling model.ts --data …` (poolingCommand with a DSL model file): the JSON and the report. */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { poolingCommand, type PoolingCliOptions } from "../../src/cli/poolingCommand.js";

const BASE: PoolingCliOptions = { data: "data/pumps.csv", family: "gaussian", prior: [], chains: 2, warmup: 200, draws: 200, seed: 3, threads: 1 };

async function capture(o: PoolingCliOptions): Promise<string> {
  let out = "";
  const spy = vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  const err = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
  try {
    await poolingCommand(o);
  } finally {
    spy.mockRestore();
    err.mockRestore();
  }
  return out;
}

describe("poolingCommand with a DSL model file", () => {
  it("prints { groups, loo } for examples/pooling-dsl/pumps.ts and writes the report with the shrinkage plot", async () => {
    const dir = mkdtempSync(join(tmpdir(), "hbayes-pooling-"));
    const json = JSON.parse(await capture({ ...BASE, model: "examples/pooling-dsl/pumps.ts", json: true, out: dir })) as { groups: { group: string }[]; loo: object };
    expect(Object.keys(json)).toEqual(["groups", "loo"]);
    expect(json.groups.map((g) => g.group).sort((a, b) => Number(a) - Number(b))).toEqual(["1", "2", "3", "4", "5", "6", "7", "8", "9", "10"]);
    expect(JSON.parse(readFileSync(join(dir, "pooling.json"), "utf8"))).toEqual(json);
    const html = readFileSync(join(dir, "report.html"), "utf8");
    expect(html).toContain("<svg");
    expect(html.toLowerCase()).toContain("shrinkage");
  });

  it("asks for exactly one of a model file and --formula", async () => {
    await expect(poolingCommand({ ...BASE })).rejects.toThrow(/give a model/);
    await expect(poolingCommand({ ...BASE, model: "examples/pooling-dsl/pumps.ts", formula: "y ~ 1 + (1 | g)" })).rejects.toThrow(/not both/);
  });
});

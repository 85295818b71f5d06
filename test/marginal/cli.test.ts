// `hbayes fit --marginalize/--reparam`: the switches reach fit() and summary.json, and the footer under
// the table says what was integrated out. Runs `main()` in-process with captured stdout/stderr.
import { describe, expect, it } from "vitest";
import { runCli } from "../support/runCli.js";

const run = runCli;

const quick = ["--chains", "2", "--warmup", "150", "--draws", "100", "--threads", "1", "--seed", "3"];
const radon = ["fit", "--data", "data/radon_mn.csv", "--formula", "log_radon ~ floor + (1 | county)"];

describe("hbayes fit --marginalize / --reparam", () => {
  it("default: the footer names what was integrated out; --marginalize none --reparam none turns both off in summary.json", async () => {
    const on = await run([...radon, ...quick]);
    expect(on.code).toBe(0);
    expect(on.err).toMatch(/^marginalised: r_county \(normal–normal, 85 groups\); reparam: auto$/m);
    const off = await run([...radon, ...quick, "--marginalize", "none", "--reparam", "none", "--json"]);
    expect(off.code).toBe(0);
    expect(JSON.parse(off.out).settings).toMatchObject({ reparam: "none", marginalize: "none", marginalized: [], parameterisation: [] });
  });

  it("rejects an unknown mode, listing the choices", async () => {
    const r = await run([...radon, ...quick, "--marginalize", "yes"]);
    expect(r.code).not.toBe(0);
    expect(r.err).toMatch(/--marginalize.*choices.*auto.*none|Allowed choices are auto, none/);
  });
});

/**
 * Issue 6 item 4: ArviZ's `from_cmdstan` must load hbayes's draws CSVs. Runs ArviZ itself (Python)
 * when it is importable — CI installs arviz 0.23.4 from the machine's wheel mirror (.ci/run) — and
 * compares every value ArviZ read with the draws that were written. Where Python or ArviZ is missing
 * the test is skipped and says why; the golden-file tests in cmdStanCsv.test.ts still pin the format.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { getValue, SAMPLER_VARIABLES, variableIndex } from "../../src/posterior/draws.js";
import { writeCmdStanCsvFiles } from "../../src/io/cmdStanFiles.js";
import { goldenDraws } from "./fixtures/goldenDraws.js";

const script = fileURLToPath(new URL("./fixtures/check-arviz.py", import.meta.url));
const probe = spawnSync("python3", ["-c", "import arviz"], { encoding: "utf8" });
const hasArviz = probe.status === 0;
if (!hasArviz) console.warn(`test/io/arviz.test.ts skipped: python3 cannot import arviz (${(probe.stderr || String(probe.error)).trim().split("\n").pop()})`);

interface ArvizView {
  chains: number;
  draws: number;
  variables: Record<string, { shape: number[]; values: number[][][] }>;
  sample_stats: Record<string, number[][]>;
}

describe.skipIf(!hasArviz)("ArviZ from_cmdstan reads hbayes's CSVs", () => {
  const dir = mkdtempSync(join(tmpdir(), "hbayes-arviz-"));
  const draws = goldenDraws(2, 6);
  const paths = writeCmdStanCsvFiles(join(dir, "fit"), draws, {
    model: "golden_model",
    seed: 7,
    adaptation: [0, 1].map((c) => ({ stepSize: 0.5 + 0.125 * c, inverseMetric: Float64Array.from({ length: 14 }, (_, i) => 1 + i / 10) })),
  });
  const view = JSON.parse(execFileSync("python3", [script, ...paths], { encoding: "utf8", maxBuffer: 1 << 24 })) as ArvizView;
  const value = (name: string, c: number, t: number) => getValue(draws, variableIndex(draws, name), c, t);

  it("sees every chain and draw, with Stan's array shapes (labelled levels become positions)", () => {
    expect([view.chains, view.draws]).toEqual([2, 6]);
    const shapes = Object.fromEntries(Object.entries(view.variables).map(([k, v]) => [k, v.shape]));
    expect(shapes).toEqual({ mu: [], tau: [], theta: [3], L: [2, 2], b_Intercept: [], r_county: [3, 1], b_log_dose: [] });
  });

  it("reads every value exactly (row-major indices, as CmdStan)", () => {
    const checks: [string, string, number][] = [
      ["mu", "mu", 0],
      ["tau", "tau", 0],
      ["theta", "theta[1]", 0],
      ["theta", "theta[3]", 2],
      ["L", "L[2,1]", 2],
      ["L", "L[1,2]", 1],
      ["r_county", "r_county[ST LOUIS,Intercept]", 2],
      ["b_log_dose", "b_log.dose", 0],
    ];
    for (const [arviz, ours, k] of checks) {
      for (let c = 0; c < 2; c++) {
        for (let t = 0; t < 6; t++) expect(view.variables[arviz].values[c][t][k], `${ours} chain ${c + 1} draw ${t + 1}`).toBe(value(ours, c, t));
      }
    }
  });

  it("maps the sampler columns to ArviZ's sample_stats", () => {
    const map: Record<string, string> = {
      lp: "lp__",
      acceptance_rate: "accept_stat__",
      step_size: "stepsize__",
      tree_depth: "treedepth__",
      n_steps: "n_leapfrog__",
      diverging: "divergent__",
      energy: "energy__",
    };
    expect(Object.values(map).sort()).toEqual([...SAMPLER_VARIABLES].sort());
    for (const [arviz, ours] of Object.entries(map)) {
      for (let c = 0; c < 2; c++) for (let t = 0; t < 6; t++) expect(view.sample_stats[arviz][c][t], `${arviz} ${c} ${t}`).toBe(value(ours, c, t));
    }
  });
});

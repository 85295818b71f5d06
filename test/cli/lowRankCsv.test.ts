/**
 * `hbayes fit --out`'s CmdStan CSV carries a "fisher-lowrank" chain's whole adapted metric: as a
 * dense_e matrix (what CmdStan readers know) materialised from the factors, read back exactly.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cmdStanOptions } from "../../src/cli/outputs.js";
import { sample } from "../../src/inference/sample.js";
import { writeCmdStanCsvFiles } from "../../src/io/cmdStanFiles.js";
import { readCmdStanCsv } from "../../src/io/readCmdStanCsv.js";
import { correlatedNormal } from "../inference/support/models.js";

describe("cmdStanOptions with metric fisher-lowrank", () => {
  it("writes each chain's S (I + U (Λ − I) Uᵀ) S as dense_e; read back, it matches the factors to 1e-12", async () => {
    const result = await sample(correlatedNormal({ rho: 0.95 }), { chains: 2, warmup: 300, draws: 20, seed: 5, metric: "fisher-lowrank", threads: 1 });
    const dir = mkdtempSync(join(tmpdir(), "hbayes-lowrank-csv-"));
    const paths = writeCmdStanCsvFiles(join(dir, "draws"), result.draws, cmdStanOptions({ result }, "correlated normal", "none"));
    expect(paths).toHaveLength(2);
    paths.forEach((path, c) => {
      const f = readCmdStanCsv(readFileSync(path, "utf8"), path);
      expect(Object.entries(f.config).find(([k]) => k.endsWith(".metric"))?.[1]).toBe("dense_e");
      expect(f.adaptation!.metric).toBe("dense_e");
      const { stds, vectors, values } = result.chains[c].lowRank!;
      const dim = stds.length;
      const m = f.adaptation!.inverseMetric;
      expect(m.length).toBe(dim * dim);
      for (let i = 0; i < dim; i++) {
        for (let j = 0; j < dim; j++) {
          // diag(s²) + Σₖ (λₖ − 1) (S uₖ)(S uₖ)ᵀ, written out here apart from lowRankInverseDense.
          let want = i === j ? stds[i] * stds[i] : 0;
          values.forEach((lambda, k) => (want += (lambda - 1) * stds[i] * vectors[k * dim + i] * stds[j] * vectors[k * dim + j]));
          // The CSV holds round-trip text, so only the two summation orders differ: a few ulps.
          expect(Math.abs(m[i * dim + j] - want), `chain ${c + 1} M⁻¹[${i},${j}]`).toBeLessThan(1e-12 * Math.max(1, Math.abs(want)));
        }
      }
      // The off-diagonal is the correlation the metric corrected (ρ = 0.95 > 0), not zero.
      expect(m[1] / Math.sqrt(m[0] * m[3])).toBeGreaterThan(0.5);
    });
  });

  it("diag and dense fits keep their own CmdStan metric", async () => {
    for (const [metric, name, len] of [["diag", "diag_e", 2], ["dense", "dense_e", 4]] as const) {
      const result = await sample(correlatedNormal({ rho: 0.5 }), { chains: 1, warmup: 150, draws: 10, seed: 2, metric, threads: 1 });
      const o = cmdStanOptions({ result }, "m", "none");
      expect(o.settings?.metric).toBe(name);
      expect(o.adaptation![0].inverseMetric!.length).toBe(len);
      expect(o.adaptation![0].inverseMetric).toEqual(result.chains[0].inverseMetric);
    }
  });
});

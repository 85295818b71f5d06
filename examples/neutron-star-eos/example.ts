// Neutron-star equation of state: the causal bound c_s² < 1 as a parameter constraint, against a fit without it.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { fit, type FitOptions } from "../../src/api/fit.js";
import type { Fit } from "../../src/api/fitResult.js";
import { UserError } from "../../src/errors.js";
import { readCsvText } from "../../src/io/readCsvText.js";
import { quantileSorted } from "../../src/plots/quantile.js";
import type { ExampleOutcome } from "../types.js";
import { cumulativeMatrix, EPS, eosModel, firstDifferences, K, REF_NODE, segmentWidths, windowRow } from "./model.js";

const here = (f: string) => fileURLToPath(new URL(f, import.meta.url));

export const title = "Neutron-star equation of state: squared sound speed per density segment, causal bound 0 < c_s² < 1 vs unconstrained (simulated, known truth)";

const q = (a: Float64Array, p: number) => quantileSorted(Float64Array.from(a).sort(), p);

/** What one fit says about causality, the stiffest segment and the reference pressure. */
function assess(result: Fit) {
  const cs2 = result.get("cs2", "elements");
  const n = cs2[0].length;
  const max = new Float64Array(n);
  let acausal = 0;
  for (let d = 0; d < n; d++) {
    let m = 0;
    for (let k = 0; k < K; k++) m = Math.max(m, cs2[k][d]);
    max[d] = m;
    if (m >= 1) acausal++;
  }
  const pRef = result.get("P", "elements")[REF_NODE];
  return { max, pAcausal: acausal / n, pRef, top: cs2.map((c) => q(c, 0.95)) };
}

export async function run(options: FitOptions = {}): Promise<ExampleOutcome> {
  const table = readCsvText(readFileSync(here("./data.csv"), "utf8"));
  const truth = JSON.parse(readFileSync(here("./truth.json"), "utf8")) as { seed: number; cs2: number[]; P: number[]; cs2_max: number };
  const col = (name: string) => {
    const c = table.columns[name];
    if (c === undefined || c.kind !== "numeric") throw new UserError(`neutron-star-eos: data.csv needs a numeric column ${name}`);
    return Array.from(c.values);
  };
  const node = (eps: number) => {
    const i = (EPS as readonly number[]).indexOf(eps);
    if (i < 0) throw new UserError(`neutron-star-eos: window edge ${eps} is not a grid node (${EPS.join(", ")} MeV/fm³)`);
    return i;
  };
  const from = col("eps_from").map(node);
  const to = col("eps_to").map(node);
  const data = {
    y: col("pressure"),
    sd: col("sd"),
    deps: segmentWidths(),
    A: from.map((a, m) => windowRow(a, to[m])),
    C: cumulativeMatrix(),
    D: firstDifferences(),
  };

  const seed = options.seed ?? 1967;
  const causal = await fit(eosModel(true), data, { seed, adaptDelta: 0.95, ...options });
  const free = await fit(eosModel(false), data, { seed, adaptDelta: 0.95, ...options });
  const a = assess(causal);
  const b = assess(free);
  const pTrue = truth.P[REF_NODE];
  const n = {
    causal_p_acausal: a.pAcausal,
    free_p_acausal: b.pAcausal,
    causal_cs2max_q5: q(a.max, 0.05),
    causal_cs2max_q50: q(a.max, 0.5),
    causal_cs2max_q95: q(a.max, 0.95),
    free_cs2max_q5: q(b.max, 0.05),
    free_cs2max_q50: q(b.max, 0.5),
    free_cs2max_q95: q(b.max, 0.95),
    cs2max_true: truth.cs2_max,
    causal_pref_q5: q(a.pRef, 0.05),
    causal_pref_q50: q(a.pRef, 0.5),
    causal_pref_q95: q(a.pRef, 0.95),
    free_pref_q5: q(b.pRef, 0.05),
    free_pref_q50: q(b.pRef, 0.5),
    free_pref_q95: q(b.pRef, 0.95),
    pref_true: pTrue,
    causal_pref_covered: q(a.pRef, 0.05) <= pTrue && pTrue <= q(a.pRef, 0.95) ? 1 : 0,
    free_pref_covered: q(b.pRef, 0.05) <= pTrue && pTrue <= q(b.pRef, 0.95) ? 1 : 0,
    causal_cs2max_covered: q(a.max, 0.05) <= truth.cs2_max && truth.cs2_max <= q(a.max, 0.95) ? 1 : 0,
    free_divergences: free.divergences,
  };
  const f2 = (x: number) => x.toFixed(2);
  const f0 = (x: number) => x.toFixed(0);
  const iv = (m: string, f: (x: number) => string) => `${f(n[`${m}_q50` as keyof typeof n])} (90% ${f(n[`${m}_q5` as keyof typeof n])}–${f(n[`${m}_q95` as keyof typeof n])})`;
  return {
    fit: causal,
    numbers: n,
    conclusion: [
      `${data.y.length} mean-pressure measurements over density windows of ${EPS[0]}–${EPS[K]} MeV/fm³, ${K} segments of constant c_s² (simulation seed ${truth.seed}).`,
      `Unconstrained (c_s² > 0 only): ${(100 * b.pAcausal).toFixed(1)}% of draws have some segment faster than light; max c_s² ${iv("free_cs2max", f2)}.`,
      `Causal (0 < c_s² < 1): ${(100 * a.pAcausal).toFixed(1)}% acausal draws, by construction; max c_s² ${iv("causal_cs2max", f2)}; truth ${f2(truth.cs2_max)}.`,
      `Per-segment 95% quantile of c_s², unconstrained: ${b.top.map(f2).join(", ")}; causal: ${a.top.map(f2).join(", ")}.`,
      `Pressure at ε = ${EPS[REF_NODE]} MeV/fm³ (truth ${pTrue}): causal ${iv("causal_pref", f0)}, unconstrained ${iv("free_pref", f0)} MeV/fm³.`,
    ].join("\n"),
  };
}

/**
 * summarize / samplerDiagnostics / diagnose / formatSummaryTable / summaryJson on a Draws assembled
 * from the R fixtures of test/diagnostics (posterior 1.4.0 values, 1e-8 relative as explained in
 * test/diagnostics/kernels.test.ts).
 */
import { describe, expect, it } from "vitest";
import { diagnose } from "../../src/diagnostics/diagnose.js";
import { essBulk, essTail } from "../../src/diagnostics/ess.js";
import { mcseMean } from "../../src/diagnostics/mcse.js";
import { rhat } from "../../src/diagnostics/rhat.js";
import { samplerDiagnostics } from "../../src/diagnostics/sampler.js";
import { createDraws, SAMPLER_VARIABLES, type Draws } from "../../src/posterior/draws.js";
import { decimalsFor, formatSummaryTable } from "../../src/posterior/formatSummaryTable.js";
import { summarize, type SummaryRow } from "../../src/posterior/summary.js";
import { SUMMARY_SCHEMA_VERSION, summaryJson } from "../../src/posterior/summaryJson.js";
import { chainsOfSet, readFixture, relClose, type PosteriorRefs } from "../diagnostics/loadFixtures.js";
import { createRng } from "../../src/random/rng.js";

const refs = readFixture<PosteriorRefs>("posterior-refs.json");
const MODEL = { mu: "iid", tau: "ar1", "theta[1]": "cauchy", "theta[2]": "stuck" } as const;
const CHAINS = 4;
const DRAWS = 1000;

/** Sampler variables plus the four 4 × 1000 fixture sets as model variables; energy__ = the ar1 set. */
function fixtureDraws(opts: { divergent?: number; treedepthHits?: number; energy?: keyof PosteriorRefs["sets"] } = {}): Draws {
  const names = [...SAMPLER_VARIABLES, ...Object.keys(MODEL)];
  const d = createDraws(names, CHAINS, DRAWS);
  const put = (name: string, chains: Float64Array[]): void => {
    const v = names.indexOf(name);
    chains.forEach((c, k) => d.data.set(c, (v * CHAINS + k) * DRAWS));
  };
  for (const [name, set] of Object.entries(MODEL)) put(name, chainsOfSet(refs.sets[set]));
  put("energy__", chainsOfSet(refs.sets[opts.energy ?? "iid"]));
  const flags = (count: number, value: number): Float64Array[] =>
    Array.from({ length: CHAINS }, (_, c) => Float64Array.from({ length: DRAWS }, (_, i) => (c * DRAWS + i) % 97 === 0 && count-- > 0 ? value : 0));
  put("divergent__", flags(opts.divergent ?? 0, 1));
  put("treedepth__", flags(opts.treedepthHits ?? 0, 10).map((c) => c.map((x) => (x === 0 ? 4 : x))));
  return d;
}

describe("summarize", () => {
  const rows = summarize(fixtureDraws());
  it("summarize(draws) returns the model variables only, in draws order", () => {
    expect(rows.map((r) => r.name)).toEqual(["mu", "tau", "theta[1]", "theta[2]"]);
  });
  for (const [name, set] of Object.entries(MODEL)) {
    it(`summarize(draws) row ${name} equals posterior's mean, sd, quantile2, rhat, ess_bulk, ess_tail, mcse_mean on fixture ${set}`, () => {
      const r = rows.find((x) => x.name === name)!;
      const s = refs.sets[set];
      const want: Record<keyof Omit<SummaryRow, "name">, number> = {
        mean: s.mean, sd: s.sd, q5: s.quantile[0], q50: s.quantile[1], q95: s.quantile[2],
        rhat: s.rhat, ess_bulk: s.ess_bulk, ess_tail: s.ess_tail, mcse_mean: s.mcse_mean,
      };
      for (const [k, v] of Object.entries(want)) {
        if (!relClose(r[k as keyof typeof want], v, 1e-8)) expect.fail(`${name}.${k}: got ${r[k as keyof typeof want]}, R gives ${v}`);
      }
    });
  }
  it("summarize(draws, { variables }) keeps the requested order and rejects unknown names", () => {
    const d = fixtureDraws();
    expect(summarize(d, { variables: ["tau", "lp__"] }).map((r) => r.name)).toEqual(["tau", "lp__"]);
    expect(() => summarize(d, { variables: ["nope"] })).toThrow(/summarize: variables must be names in the draws, got "nope"/);
  });
  it("summarize(draws) of a constant variable gives NaN diagnostics, not an error", () => {
    const d = createDraws(["c"], 4, 100);
    d.data.fill(1.5);
    const [r] = summarize(d);
    expect(r.mean).toBe(1.5);
    expect(r.q50).toBe(1.5);
    expect(r.rhat).toBeNaN();
    expect(r.ess_bulk).toBeNaN();
  });
});

describe("samplerDiagnostics", () => {
  it("samplerDiagnostics(draws, { maxTreeDepth: 10 }) counts divergences and tree-depth hits and gives E-BFMI per chain", () => {
    const d = samplerDiagnostics(fixtureDraws({ divergent: 12, treedepthHits: 7, energy: "ar1" }), { maxTreeDepth: 10 });
    expect(d.divergences).toBe(12);
    expect(d.treedepth_hits).toBe(7);
    const want = refs.sets.ar1.ebfmi as number[];
    d.ebfmi.forEach((e, c) => expect(relClose(e, want[c], 1e-8)).toBe(true));
  });
  it("samplerDiagnostics: a depth below the maximum is not a hit", () => {
    expect(samplerDiagnostics(fixtureDraws({ treedepthHits: 7 }), { maxTreeDepth: 11 }).treedepth_hits).toBe(0);
  });
  it("samplerDiagnostics without sampler variables gives zeros and no E-BFMI", () => {
    const d = createDraws(["x"], 2, 10);
    expect(samplerDiagnostics(d, { maxTreeDepth: 10 })).toEqual({ divergences: 0, treedepth_hits: 0, ebfmi: [] });
  });
  it("samplerDiagnostics rejects a non-positive maxTreeDepth by name", () => {
    expect(() => samplerDiagnostics(fixtureDraws(), { maxTreeDepth: 0 })).toThrow(/samplerDiagnostics: maxTreeDepth must be a positive integer, got 0/);
  });
});

describe("diagnose", () => {
  it("diagnose(draws) of a troubled fit explains each problem in words", () => {
    const w = diagnose(fixtureDraws({ divergent: 12, treedepthHits: 7, energy: "ar1" }), { maxTreeDepth: 10 });
    const all = w.join("\n");
    expect(w[0]).toMatch(/^12 of 4000 transitions after warmup were divergent: the posterior has regions the sampler cannot explore/);
    expect(w[0]).toMatch(/Increase adapt_delta toward 0\.99, or non-centre the group-level parameters\.$/);
    expect(all).toMatch(/7 of 4000 transitions hit the maximum tree depth of 10/);
    expect(all).toMatch(/E-BFMI below 0\.3 \(chain 1: 0\.17, chain 2: 0\.20, chain 3: 0\.16, chain 4: 0\.17\)/);
    // stuck (1.070) is worse than ar1 (1.015); iid and cauchy are below 1.01.
    expect(all).toMatch(/R-hat above 1\.01 for 2 parameters \(worst: theta\[2\] 1\.070, tau 1\.015\)/);
    expect(all).toMatch(/Bulk ESS below 400 \(100 per chain\) for 2 parameters \(lowest: theta\[2\] 51, tau 215\)/);
    expect(all).not.toMatch(/Tail ESS/); // tail ESS: stuck 3034, ar1 403 — both ≥ 400
  });
  it("diagnose names sd_ parameters when suggesting non-centring", () => {
    const d = fixtureDraws({ divergent: 1 });
    const named = { ...d, names: d.names.map((n) => (n === "tau" ? "sd_county__Intercept" : n)) };
    expect(diagnose(named, { maxTreeDepth: 10 })[0]).toMatch(/non-centre the group-level parameters \(sd_county__Intercept\)\./);
  });
  it("diagnose(draws) of a clean fit returns no warnings", () => {
    const d = fixtureDraws();
    const rows = summarize(d, { variables: ["mu", "theta[1]"] });
    expect(diagnose(d, { maxTreeDepth: 10, rows })).toEqual([]);
  });
  it("diagnose reports non-finite draws", () => {
    const d = createDraws(["x"], 4, 100);
    chainsOfSet(refs.sets.withInf).forEach((c, k) => d.data.set(c, k * 100));
    expect(diagnose(d, { maxTreeDepth: 10 }).join("\n")).toMatch(/x has non-finite draws \(NaN or ±Inf\)/);
  });
});

describe("formatSummaryTable", () => {
  const rows: SummaryRow[] = [
    { name: "b_Intercept", mean: 1.4612, sd: 0.0498, q5: 1.3712, q50: 1.4609, q95: 1.5523, rhat: 1.0012, ess_bulk: 2810.4, ess_tail: 2990.6, mcse_mean: 0.001 },
    { name: "sd_county__Intercept", mean: 0.3221, sd: 0.0047, q5: 0.31456, q50: 0.3223, q95: 0.3299, rhat: 1.0153, ess_bulk: 380.2, ess_tail: 512, mcse_mean: 0.0002 },
    { name: "c", mean: -0.0001, sd: 0, q5: 0, q50: 0, q95: 0, rhat: NaN, ess_bulk: NaN, ess_tail: NaN, mcse_mean: NaN },
  ];
  it("formatSummaryTable(rows) aligns columns with the CLI headers (golden)", () => {
    expect(formatSummaryTable(rows)).toBe(
      [
        "parameter              mean     sd     5%    50%    95%  rhat  ess_bulk  ess_tail",
        "b_Intercept            1.46   0.05   1.37   1.46   1.55  1.00      2810      2991",
        "sd_county__Intercept  0.322  0.005  0.315  0.322  0.330  1.02       380       512",
        "c                      0.00   0.00   0.00   0.00   0.00    NA        NA        NA",
      ].join("\n"),
    );
  });
  it("decimalsFor(sd) shows the sd's leading digit, between 2 and 6 decimals", () => {
    expect([decimalsFor(3), decimalsFor(0.05), decimalsFor(0.0047), decimalsFor(1e-9), decimalsFor(NaN)]).toEqual([2, 2, 3, 6, 2]);
  });
});

describe("summaryJson", () => {
  it("summaryJson({ rows, diagnostics, timing, settings }) follows the DESIGN.md contract with schema_version", () => {
    const d = fixtureDraws({ divergent: 3 });
    const rows = summarize(d);
    const diagnostics = samplerDiagnostics(d, { maxTreeDepth: 10 });
    const doc = summaryJson({
      rows,
      diagnostics,
      timing: { compile_s: 0.004, warmup_s: 1.2, sampling_s: 0.7, gradients: 123456 },
      settings: { chains: 4, warmup: 1000, draws: 1000, seed: 1 },
      warnings: ["w"],
    });
    const parsed = JSON.parse(JSON.stringify(doc));
    expect(parsed.schema_version).toBe(SUMMARY_SCHEMA_VERSION);
    expect(Object.keys(parsed)).toEqual(["schema_version", "parameters", "diagnostics", "timing", "settings", "warnings"]);
    expect(Object.keys(parsed.parameters[0])).toEqual(["name", "mean", "sd", "q5", "q50", "q95", "rhat", "ess_bulk", "ess_tail", "mcse_mean"]);
    expect(parsed.parameters[1].rhat).toBe(rows[1].rhat);
    expect(parsed.diagnostics.divergences).toBe(3);
    expect(parsed.diagnostics.ebfmi).toHaveLength(4);
    expect(parsed.timing).toEqual({ compile_s: 0.004, warmup_s: 1.2, sampling_s: 0.7, gradients: 123456 });
    expect(parsed.settings).toEqual({ chains: 4, warmup: 1000, draws: 1000, seed: 1 });
  });
  it("summaryJson writes NaN and Inf as null, and omits warnings when not given", () => {
    const row: SummaryRow = { name: "c", mean: 1, sd: 0, q5: 1, q50: 1, q95: 1, rhat: NaN, ess_bulk: NaN, ess_tail: Infinity, mcse_mean: NaN };
    const doc = summaryJson({
      rows: [row],
      diagnostics: { divergences: 0, treedepth_hits: 0, ebfmi: [NaN] },
      timing: { compile_s: 0, warmup_s: 0, sampling_s: 0, gradients: 0 },
      settings: { chains: 1, warmup: 0, draws: 1, seed: "abc" },
    });
    expect(doc.parameters[0]).toMatchObject({ rhat: null, ess_bulk: null, ess_tail: null, mcse_mean: null });
    expect(doc.diagnostics.ebfmi).toEqual([null]);
    expect("warnings" in doc).toBe(false);
  });
});

describe("summarizeVariable shares steps but not results", () => {
  it("summarize(draws) rows equal the standalone kernels rhat, essBulk, essTail, mcseMean exactly on every fixture", () => {
    for (const [set, s] of Object.entries(refs.sets)) {
      const chains = chainsOfSet(s);
      const d = createDraws(["x"], chains.length, chains[0].length);
      chains.forEach((c, k) => d.data.set(c, k * c.length));
      const [r] = summarize(d);
      const want = [rhat(chains), essBulk(chains), essTail(chains), mcseMean(chains)];
      const got = [r.rhat, r.ess_bulk, r.ess_tail, r.mcse_mean];
      got.forEach((g, i) => expect(Object.is(g, want[i]) || g === want[i], `${set} column ${i}: ${g} vs ${want[i]}`).toBe(true));
    }
  });
});

describe("summarize fast paths", () => {
  /** Seeded AR(1) chains with ties, ±0, ±Inf or NaN mixed in, per `kind`. */
  function awkward(kind: string, chains: number, draws: number, rho: number, seed: number): Float64Array[] {
    const rng = createRng(seed, 0);
    return Array.from({ length: chains }, () => {
      let x = rng.normal();
      return Float64Array.from({ length: draws }, (_, i) => {
        x = rho * x + Math.sqrt(1 - rho * rho) * rng.normal();
        if (kind === "ties") return Math.round(2 * x) / 2 || (i % 2 ? -0 : 0);
        if (kind === "inf" && i % 97 === 5) return i % 2 ? Infinity : -Infinity;
        if (kind === "nan" && i === 11) return NaN;
        return x;
      });
    });
  }
  it("summarize(draws) equals rhat, essBulk, essTail, mcseMean exactly with ties, ±0, ±Inf, NaN, odd draws and sticky chains", () => {
    // rho 0.995 runs Geyer's sequence past the direct-sum lags into the FFT fallback.
    const cases = [
      ["plain", 4, 1000, 0.5], ["ties", 4, 1000, 0.3], ["inf", 4, 1000, 0.3], ["nan", 4, 1000, 0.3],
      ["plain", 3, 999, 0.5], ["ties", 2, 101, 0.2], ["plain", 4, 1000, 0.995], ["plain", 1, 8, 0], ["plain", 4, 3, 0],
    ] as const;
    cases.forEach(([kind, m, n, rho], k) => {
      const chains = awkward(kind, m, n, rho, 100 + k);
      const d = createDraws(["x"], m, n);
      chains.forEach((c, j) => d.data.set(c, j * n));
      const [r] = summarize(d);
      const want = [rhat(chains), essBulk(chains), essTail(chains), mcseMean(chains)];
      const got = [r.rhat, r.ess_bulk, r.ess_tail, r.mcse_mean];
      got.forEach((g, i) => expect(Object.is(g, want[i]), `${kind} ${m}×${n} ρ=${rho} column ${i}: ${g} vs ${want[i]}`).toBe(true));
    });
  });
});

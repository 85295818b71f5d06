/**
 * Automatic parameterisation: a short pilot run (the extra warmup phase) of the model with every
 * candidate non-centred estimates, per group, the population scale τ and the data information I_j,
 * and the weights λ_j = τ²I_j / (1 + τ²I_j) then fix each group's parameterisation for the real run.
 *
 * I_j comes from the pilot's own log density: with θ_j = μ + τ z_j, the curvature in z_j is
 * −τ² I_j − 1 (the −1 from z_j's standard normal prior), measured by central differences of the
 * gradient at a few pilot draws, so any likelihood (gaussian, Poisson, binomial, …) gets its own
 * information without a family-specific formula.
 *
 * Formula programs write every uncorrelated group effect non-centred the brms way (z ~ N(0, 1),
 * r = sd · z); glmmShape.ts's rewrite makes r a parameter with prior r ~ N(0, sd) sampled through
 * offset 0, multiplier sd (same density), which is a candidate like any other.
 *
 * Correlated group parameters b_j ~ multi_normal_cholesky(mu, diag(s) L) (detectMultiNormal.ts) are
 * sampled non-centred in the pilot too (z_j = (diag(s) L)⁻¹ (b_j − mu), curvature 1 + the data's
 * information in those whitened coordinates) and get one form for the whole parameter (classifyWhole
 * in choose.ts: no per-group mixture in the multivariate case). When every candidate
 * keeps the form it was written in, the program is returned untouched (the pilot's cost aside, "auto"
 * then samples exactly what "none" does).
 */
import { computeLayout } from "../compiler/layout.js";
import type { Program, ProgramData } from "../ir/types.js";
import type { LogDensity } from "../logDensity.js";
import { sample } from "../inference/sample.js";
import type { MetricKind } from "../inference/metric.js";
import { median, zScale } from "../diagnostics/ranks.js";
import { rhatCore } from "../diagnostics/rhat.js";
import { splitChains } from "../diagnostics/chains.js";
import type { Draws } from "../posterior/draws.js";
import { exprLength } from "../marginal/detect.js";
import { centreGlmmGroups } from "../marginal/glmmShape.js";
import { classify, classifyWhole, lambdaFromInformation, snapped, type Parameterisation } from "./choose.js";
import { findLocationScale, type LocationScaleCandidate } from "./detect.js";
import { applyMultiNormal, findMultiNormal, type MultiNormalCandidate } from "./detectMultiNormal.js";
import type { OutputRestore } from "./restore.js";
import { absorbLocation } from "./absorbLocation.js";
import { absorbGroupPredictors } from "./groupPredictors.js";
import { applyVip } from "./vip.js";
import { withHostGradient, type GradientFn } from "./hostGradient.js";
import { elementsSeparable, rowsSeparable } from "./separable.js";

/** A colouring of a parameter's elements: `of[j]` in 0 … count − 1. */
interface Colours {
  readonly count: number;
  readonly of: Int32Array;
}

export interface ReparamChoice {
  readonly param: string;
  readonly parameterisation: Parameterisation;
  /** The weights used, one per element (1 centred, 0 non-centred). */
  readonly lambda: readonly number[];
  /** Pilot posterior median of the population scale (one value, or one per element; a correlated parameter: one per effect). */
  readonly scale: readonly number[];
  /**
   * Estimated data information about each element. For a correlated parameter it is measured in the
   * prior's whitened coordinates (the univariate τ²I: information relative to the prior's precision).
   */
  readonly information: readonly number[];
  /**
   * Output names of the population coefficients (e.g. `b[2]`) whose predictors, constant within
   * each group, went into this group parameter's mean (groupPredictors.ts); absent when none did.
   */
  readonly groupMean?: readonly string[];
}

export interface PilotCost {
  readonly seconds: number;
  readonly gradients: number;
  /** The first chain was at its depth cap on most draws or had not mixed, and the fallback chain ran too (PILOT_FALLBACK). */
  readonly fallback?: boolean;
}

export interface PilotBudget {
  readonly warmup: number;
  readonly draws: number;
  /** Pilot draws the curvature is averaged over. */
  readonly curvaturePoints: number;
  /** Central-difference step in the unconstrained coordinates. */
  readonly step: number;
  readonly maxTreeDepth: number;
  readonly metric: MetricKind;
}

/**
 * The pilot's budget: one chain, short; curvature averaged over a few of its draws. Its metric is
 * adapted from gradients from the first draw (nutpie's "fisher-diag") and its tree depth capped at 6:
 * with Stan's windowed "diag" the first 100 warmup iterations ran on the unit metric, and on VerbAgg
 * (1,920 rows) they took 35k of the pilot's 41k gradients (~340 leapfrogs an iteration; its draws
 * then took 33). Capping the depth alone left cake's chain at the cap on every draw and changed its
 * choice on 4 seeds of 5. With both, 100 draws gave eight schools' median τ a spread of 0.46 over 30
 * seeds (the old pilot 0.32; its choice sits at τ ≈ 3, the true median 2.73), 200 draws 0.32 again.
 * So: the same forms as the old pilot on VerbAgg, grouseticks, epilepsy, cake and cbpp over seeds
 * 0–4 (cake seed 0 centred where the old pilot said partial with λ 0.89–0.92 and centred on seeds
 * 1–4: whole-fit ESS per gradient −2 %, per CPU second +10 % over 5 seeds), at 1/3–1/8 of the
 * gradients, and a chain bounded by 350 × 63 gradients whatever the rows (bench/RESULTS.md,
 * "Session 7: pilot cost"). A chain at its cap on most draws is rerun the old way (PILOT_FALLBACK):
 * on censored kidney data (exponential) the capped chain stuck at sd 4–7 on 4 seeds of 6.
 */
export const PILOT: PilotBudget = Object.freeze({ warmup: 150, draws: 200, curvaturePoints: 10, step: 1e-3, maxTreeDepth: 6, metric: "fisher-diag" });

/** More than this share of the pilot's draws at PILOT.maxTreeDepth: its chain is rerun as PILOT_FALLBACK. */
export const PILOT_SATURATION = 0.5;

/** The pilot before session 7: Stan's windowed diagonal metric, depth 10, 100 draws. */
export const PILOT_FALLBACK: Partial<PilotBudget> = Object.freeze({ draws: 100, maxTreeDepth: 10, metric: "diag" });

/**
 * Largest bulk split R-hat (Vehtari et al. 2021: the chain's halves, rank-normalised) of the pilot's
 * lp__ and population scales above which its chain counts as not mixed. Far above the spread of a
 * mixed 100–200-draw chain's value; a chain still drifting from its initial point (halves apart) or
 * frozen (NaN: constant draws) is well beyond it.
 */
export const PILOT_RHAT = 1.5;

/**
 * The pilot's chain has mixed: the split R-hat of lp__ and of every named column finite and below
 * PILOT_RHAT. A named column that is constant (a scale given as data) is skipped; a constant lp__
 * (a frozen chain) is not mixed.
 */
export function pilotMixed(draws: Draws, names: readonly string[]): boolean {
  const S = draws.chains * draws.draws;
  if (S < 4) return false;
  for (const name of ["lp__", ...names]) {
    const v = draws.names.indexOf(name);
    if (v < 0) continue;
    const x = draws.data.subarray(v * S, (v + 1) * S);
    if (name !== "lp__" && x.every((y) => y === x[0])) continue;
    const r = rhatCore(zScale(splitChains([x])));
    if (!(r < PILOT_RHAT)) return false;
  }
  return true;
}

/**
 * Share of a population scale's pilot draws below half their median above which the group stays
 * non-centred whatever its information. A partially centred or centred group's conditional scale
 * narrows like τ^λ as τ → 0; a posterior with this much mass at τ < median / 2 has a left tail in
 * log τ that the fit's 4 × 1000 draws follow much further than the pilot's 200 (censored kidney data:
 * divergences at τ = 0.001–0.006 against a median 0.45, exponential seeds 1 and 20261129, 39 and 81 of
 * them, against 1 and 1 non-centred). Measured shares (pilot, seeds 0–4 or 1–5): censored kidney
 * exponential 0.10–0.26, weibull 0.07–0.29; eight schools 0.26–0.31 (non-centred anyway); cbpp 0.005–0.03,
 * verbagg80 items ≤ 0.005, epilepsy and cake 0 (their choices stand). A half-normal posterior has 0.26,
 * a gamma(5) 0.09.
 */
export const PILOT_ZERO_REACH = 0.05;

/** Share of the draws below half their median. */
export function belowHalfMedian(x: Float64Array): number {
  if (x.length === 0) return 0;
  const half = median(x) / 2;
  let n = 0;
  for (let s = 0; s < x.length; s++) if (x[s] < half) n++;
  return n / x.length;
}

/** Share of the saved draws whose tree reached `maxDepth`. */
function saturation(draws: Draws, maxDepth: number): number {
  const v = draws.names.indexOf("treedepth__");
  if (v < 0 || draws.draws === 0) return 0;
  const S = draws.chains * draws.draws;
  let n = 0;
  for (let s = 0; s < S; s++) if (draws.data[v * S + s] >= maxDepth) n++;
  return n / S;
}

/** The pilot's output columns of candidate `c`'s scale: one for a scalar scale, else one per element. */
function scaleColumnNames(program: Program, c: LocationScaleCandidate): string[] {
  return exprLength(program, c.scale, c.n) === 0 ? [`${c.name}.scale__`] : Array.from({ length: c.n }, (_, j) => `${c.name}.scale__[${j + 1}]`);
}

export type TargetFactory = (program: Program, data: ProgramData) => LogDensity & {
  readonly outputNames: readonly string[];
  constrain(theta: Float64Array, out: Float64Array): void;
};

export interface AutoReparamResult {
  readonly program: Program;
  readonly data: ProgramData;
  readonly choices: readonly ReparamChoice[];
  readonly pilot: PilotCost;
  /**
   * Non-null when the returned program samples a formula program's group effects as parameters r
   * (outputs in another order, no z): its draws go back to the user's layout with `restoreOutputs`.
   */
  readonly restore: OutputRestore | null;
}

export interface AutoReparamOptions {
  /** Also consider formula programs' z/sd group effects (default true; off when inits name z). */
  readonly formulaGroups?: boolean;
  /** The fit's abort signal: the pilot then yields between chunks, and a stop keeps the program as written. */
  readonly signal?: AbortSignal;
  /** Another budget, for measurements only (tmp scripts, bench); fit() never passes it. */
  readonly budget?: Partial<PilotBudget>;
}

function pilotProgram(program: Program, data: ProgramData, cands: readonly LocationScaleCandidate[], mcands: readonly MultiNormalCandidate[]): { program: Program; data: ProgramData } {
  let p: Program = { ...program, generated: [] };
  let d = data;
  for (const c of cands) ({ program: p, data: d } = applyVip(p, d, c, new Float64Array(c.n)));
  for (const c of mcands) p = applyMultiNormal(p, c, "noncentred");
  const tparams = [...p.tparams, ...cands.map((c) => ({ name: `${c.name}.scale__`, n: exprLength(program, c.scale, c.n), expr: c.scale }))];
  return { program: { ...p, tparams }, data: d };
}

export async function autoReparam(
  original: Program,
  originalData: ProgramData,
  seed: number,
  makeTarget: TargetFactory,
  options: AutoReparamOptions = {},
): Promise<AutoReparamResult> {
  const shaped = options.formulaGroups === false ? null : centreGlmmGroups(original);
  const program = shaped !== null && shaped.pairs.length > 0 ? shaped.program : original;
  const data = originalData;
  const cands = findLocationScale(program);
  const mcands = findMultiNormal(program);
  const unchanged = (choices: readonly ReparamChoice[], pilot: PilotCost): AutoReparamResult => ({ program: original, data: originalData, choices, pilot, restore: null });
  if (cands.length === 0 && mcands.length === 0) return unchanged([], { seconds: 0, gradients: 0 });
  const t0 = globalThis.performance.now();
  const pilot = pilotProgram(program, data, cands, mcands);
  const inner = makeTarget(pilot.program, pilot.data);
  const nOut = inner.outputNames.length;
  const dim = inner.dim;
  // The pilot also reports its unconstrained coordinates, where the curvature is then measured.
  // It passes on the target's wasm gradient, as the fit's own target does: without it the sampler's
  // wasm core called back into the JavaScript function for every gradient even where the compiler had
  // translated it (same bits; the JavaScript one starts cold). Not the wasm constrain, which would
  // leave the u__ columns unwritten; the JavaScript one runs once per saved draw only.
  const w = inner.wasm;
  const recorder: LogDensity = {
    dim,
    outputNames: [...inner.outputNames, ...Array.from({ length: dim }, (_, k) => `u__[${k + 1}]`)],
    logDensityGradient: (t, g) => inner.logDensityGradient(t, g),
    constrain(t, out) {
      inner.constrain(t, out);
      for (let k = 0; k < dim; k++) out[nOut + k] = t[k];
    },
    ...(w !== undefined ? { wasm: { memory: w.memory, freeOffset: w.freeOffset, logDensityGradient: w.logDensityGradient } } : {}),
  };
  // The pilot's metric is its own (PILOT.metric), whatever the fit's default.
  // With the fit's abort signal the pilot yields to the event loop between chunks (a page stays
  // responsive while it runs on the page's thread) and a stop during it keeps the program as written.
  const budget: PilotBudget = { ...PILOT, ...options.budget };
  const run = (b: PilotBudget) =>
    sample(recorder, {
      chains: 1,
      warmup: b.warmup,
      draws: b.draws,
      maxTreeDepth: b.maxTreeDepth,
      seed,
      threads: 1,
      metric: b.metric,
      ...(options.signal ? { signal: options.signal } : {}),
    });
  let res = await run(budget);
  let chainGradients = res.timing.gradients;
  let fallback = false;
  // A chain at its depth cap on most draws wanted longer trajectories than it was allowed: its draws
  // may not have left where warmup put them (kidney exponential, censored: sd stuck at 4–7 against a
  // posterior median of 0.45 at seeds 1 and 3, every draw at depth 6). Then the pilot as it was before
  // session 7 (Stan's windowed diag, depth 10, 100 draws), whose choices it reproduces bit for bit.
  // A chain that has not mixed (kidney weibull, censored, seed 20261129: warmup left it at lp −1e17
  // with step size 3e-12, τ frozen at 0.26, and its curvature 1e7–1e18 made λ ≈ 1) is rerun the same way.
  const scaleNames = cands.flatMap((c) => scaleColumnNames(program, c));
  if (!res.partial && (saturation(res.draws, budget.maxTreeDepth) > PILOT_SATURATION || !pilotMixed(res.draws, scaleNames))) {
    res = await run({ ...budget, ...PILOT_FALLBACK });
    chainGradients += res.timing.gradients;
    fallback = true;
  }
  // The rerun has not mixed either: nothing the pilot measured can be trusted, so the program stays as
  // written ("auto" then samples what "none" does, the brms form for formula programs).
  if (res.partial || !pilotMixed(res.draws, scaleNames)) return unchanged([], { seconds: (globalThis.performance.now() - t0) / 1000, gradients: chainGradients, fallback });
  const dr = res.draws;
  const column = (name: string): Float64Array => {
    const v = dr.names.indexOf(name);
    return dr.data.subarray(v * dr.draws, (v + 1) * dr.draws);
  };
  const layout = computeLayout(pilot.program);
  let gradients = chainGradients;
  const u = new Float64Array(dim);
  const g = new Float64Array(dim);
  const gPlus = new Float64Array(dim);
  // The pilot's unconstrained coordinates, looked up once (not per curvature point and candidate: a scan of every name each).
  const uColumns = Array.from({ length: dim }, (_, k) => column(`u__[${k + 1}]`));
  /**
   * Per coordinate uOff + j (j < size), the pilot's curvature in it less the 1 of its standard normal
   * prior, by central differences of the gradient, divided by per(j, draw), averaged over a few of
   * the pilot's draws: the data's information, in the units the caller's divisor gives.
   * `colours` (separable.ts; null: none) groups the elements whose differences do not interfere: all
   * of a vector whose elements enter the density in terms of their own (grouseticks: 11,680 → 60
   * gradients), one column of a correlated matrix's whitened rows. The elements of a colour move
   * at once, two gradients a colour and point, with the same differences: each g[k] then reads the
   * terms of its own element (row) only, as when it moves alone. A point where a joint move leaves
   * the density's domain is measured one element at a time.
   */
  const pilotCurvature = (gradient: GradientFn, uOff: number, size: number, colours: Colours | null, per: (j: number, at: number) => number): Float64Array => {
    const info = new Float64Array(size);
    const h = budget.step;
    const points = Math.min(budget.curvaturePoints, dr.draws);
    const gp = new Float64Array(size);
    const gm = new Float64Array(size);
    for (let q = 0; q < points; q++) {
      const at = Math.floor(((q + 0.5) * dr.draws) / points);
      for (let k = 0; k < dim; k++) u[k] = uColumns[k][at];
      let joint = colours !== null && colours.count < size;
      if (joint && colours !== null) {
        for (let c = 0; c < colours.count && joint; c++) {
          for (let j = 0; j < size; j++) if (colours.of[j] === c) u[uOff + j] = uColumns[uOff + j][at] + h;
          const lp = gradient(u, gPlus);
          for (let j = 0; j < size; j++) if (colours.of[j] === c) u[uOff + j] = uColumns[uOff + j][at] - h;
          const lm = gradient(u, g);
          for (let j = 0; j < size; j++) if (colours.of[j] === c) u[uOff + j] = uColumns[uOff + j][at];
          gradients += 2;
          joint = Number.isFinite(lp) && Number.isFinite(lm);
          for (let j = 0; j < size; j++) {
            if (colours.of[j] !== c) continue;
            gp[j] = gPlus[uOff + j];
            gm[j] = g[uOff + j];
          }
        }
      }
      for (let j = 0; j < size; j++) {
        if (!joint) {
          const k = uOff + j;
          const x = u[k];
          u[k] = x + h;
          gradient(u, g);
          gp[j] = g[k];
          u[k] = x - h;
          gradient(u, g);
          gm[j] = g[k];
          u[k] = x;
          gradients += 2;
        }
        const curvature = -(gp[j] - gm[j]) / (2 * h);
        info[j] += (curvature - 1) / per(j, at) / points;
      }
    }
    return info;
  };
  const choices: ReparamChoice[] = [];
  const mchoices: ReparamChoice[] = [];
  // Through the target's wasm export where it has one: the same bits as its JavaScript function,
  // which the pilot's chain (in wasm) has left cold (hostGradient.ts).
  withHostGradient(inner, (gradient) => {
    for (const c of cands) {
      const scaleLen = exprLength(program, c.scale, c.n);
      const scaleCols = scaleColumnNames(program, c).map(column);
      // In z = θ / τ the curvature is τ² I + 1: per τ² gives the information about θ itself.
      const info = pilotCurvature(gradient, layout.params[c.param].uOff, c.n, elementsSeparable(pilot.program, c.param) ? { count: 1, of: new Int32Array(c.n) } : null, (j, at) => {
        const tau = scaleCols[scaleLen === 0 ? 0 : j][at];
        return tau * tau;
      });
      const scale = scaleCols.map(median);
      // A scale whose pilot draws reach down to half their median: the fit's twenty-fold draws go
      // further down, where any λ > 0 narrows the group's conditional scale like τ^λ (the funnel).
      const reach = Math.max(...scaleCols.map(belowHalfMedian));
      const lambda = reach > PILOT_ZERO_REACH ? new Float64Array(c.n) : snapped(lambdaFromInformation(scale.map((s) => s * s), info));
      choices.push({ param: c.name, parameterisation: classify(lambda), lambda: Array.from(lambda), scale, information: Array.from(info) });
    }
    // Correlated parameters: the curvature in each whitened coordinate z_jm is 1 + r_jm, r_jm the data's
    // information relative to the prior (the 1 is z's standard normal prior), averaged over the same draws.
    for (const c of mcands) {
      const size = c.n * c.k;
      // Whitened coordinates: the information relative to the prior, as it is (÷ 1 is exact).
      // Whitened coordinates row-major (z[j, m] at j·k + m): coloured by column when rows do not interfere.
      const byColumn = rowsSeparable(pilot.program, pilot.data, c.param) ? { count: c.k, of: Int32Array.from({ length: size }, (_, i) => i % c.k) } : null;
      const info = pilotCurvature(gradient, layout.params[c.param].uOff, size, byColumn, () => 1);
      const parameterisation = classifyWhole(lambdaFromInformation([1], info));
      const sref = c.noncentred.scale;
      const scale =
        sref === undefined ? [1] : sref.src === "data" ? Array.from(data[sref.id]) : layout.params[sref.id].names.map((name) => median(column(name)));
      mchoices.push({ param: c.name, parameterisation, lambda: new Array<number>(size).fill(parameterisation === "centred" ? 1 : 0), scale, information: Array.from(info) });
    }
  });
  let p = program;
  let d = data;
  const cost = { seconds: (globalThis.performance.now() - t0) / 1000, gradients, fallback };
  const pairs = program === original ? [] : (shaped as NonNullable<typeof shaped>).pairs;
  const isPair = (c: LocationScaleCandidate) => pairs.some((q) => q.r === c.name);
  // A formula program with one group effect: it takes the intercept as its mean (absorbLocation.ts).
  // With several (crossed, nested) every one stays non-centred: centred about 0 beside the intercept or
  // beside a group that took it, a group leaves a shared-location ridge the diagonal metric
  // under-explores (brms penicillin, plate × sample: both centred, ESS of r_sample ~250 and its sds
  // 10 % small vs brms at seeds 1, 3, 4; plate centred with the intercept and sample non-centred,
  // 5–15 divergences and sds 17 % small at seed 4; as written: 2–3 divergences, all within tolerance).
  const moved = new Map<string, { location: string; slopes?: { names: readonly string[]; xg: Float64Array } }>();
  const byWeight = cands.map((c, k) => ({ k, w: choices[k].lambda.reduce((s, l) => s + l, 0) / c.n })).sort((a, b) => b.w - a.w);
  for (const { k, w } of byWeight) {
    if (w === 0 || !isPair(cands[k]) || pairs.length > 1) continue;
    const a = absorbLocation(p, cands[k]);
    if (a === null) continue;
    p = a.program;
    cands[k] = a.candidate;
    // Population predictors constant within the groups go into the group mean too (groupPredictors.ts).
    const g = absorbGroupPredictors(p, d, cands[k]);
    if (g !== null) {
      ({ program: p, data: d } = g);
      cands[k] = g.candidate;
      const names = computeLayout(p).params[g.coefficients].names;
      moved.set(cands[k].name, { location: a.location, slopes: { names, xg: g.xg } });
      choices[k] = { ...choices[k], groupMean: g.columns.map((col) => names[col]) };
    } else moved.set(cands[k].name, { location: a.location });
    break;
  }
  cands.forEach((c, k) => {
    if (!isPair(c) || moved.has(c.name) || choices[k].parameterisation === "noncentred") return;
    choices[k] = { ...choices[k], parameterisation: "noncentred", lambda: new Array(c.n).fill(0) };
  });
  const all = [...choices, ...mchoices];
  if (cands.every((c, k) => choices[k].parameterisation === c.written) && mcands.every((c, k) => mchoices[k].parameterisation === c.written)) return unchanged(all, cost);
  for (const [k, c] of cands.entries()) ({ program: p, data: d } = applyVip(p, d, c, Float64Array.from(choices[k].lambda)));
  for (const [k, c] of mcands.entries()) p = applyMultiNormal(p, c, mchoices[k].parameterisation === "centred" ? "centred" : "noncentred");
  const restore = pairs.length === 0 ? null : { outputNames: computeLayout(original).outputNames, pairs: pairs.map((q) => { const m = moved.get(q.r); return m === undefined ? q : { ...q, ...m }; }) };
  return { program: p, data: d, choices: all, pilot: cost, restore };
}

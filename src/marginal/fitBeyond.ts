/**
 * `fit(model, data, { reparam: "auto", marginalize: "auto" })`: the two program rewrites that go
 * beyond Stan, applied between building the IR and sampling it.
 *   marginalize — integrate out conjugate group parameters (normal–normal, Poisson–Gamma,
 *                 binomial–Beta), sample the rest, then draw the group parameters from their exact
 *                 conditionals for every draw (seeded from the chain's stream);
 *   reparam     — choose centred / non-centred / per-group partial centring for the remaining
 *                 gaussian group parameters from a short pilot run.
 * Both default to "auto" (issue 12 item 4); "none" samples the model exactly as written. "auto" only
 * changes what it predicts will help: marginalisation only when some conjugate group parameter exists,
 * and the parameterisation pilot only for location–scale group parameters left after marginalisation
 * (written centred, or non-centred as formula programs' uncorrelated group effects are; a pilot that
 * keeps every one as written leaves the program untouched; models without candidates pay nothing).
 */
import { compileModel } from "../compiler/compile.js";
import { computeLayout } from "../compiler/layout.js";
import { UserError } from "../errors.js";
import { DEFAULT_SAMPLE_OPTIONS, type SampleOptions } from "../inference/options.js";
import { sample, type SampleResult } from "../inference/sample.js";
import { workersLoad } from "../inference/workerTarget.js";
import type { Program, ProgramData } from "../ir/types.js";
import type { Draws } from "../posterior/draws.js";
import { fitProgram, type FitOptions, type ProgramToFit } from "../api/fit.js";
import { Fit } from "../api/fitResult.js";
import { autoReparam, type PilotCost, type ReparamChoice, type TargetFactory } from "../reparam/auto.js";
import { prepareDrawsCore } from "../random/wasm/drawsModule.js";
import { fillZ, restoreOutputs, type OutputRestore } from "../reparam/restore.js";
import { completeMarginalDraws } from "./complete.js";
import { hasWeightedOrCensored, type DetectOptions } from "./detect.js";
import { planMarginalReport, type DeclinedCrossed } from "./plan.js";
import { marginalLogDensity } from "./target.js";
import type { MarginalChoice, MarginalPlan } from "./types.js";

/** Marginal models up to this many sampled coordinates get a dense metric unless one is asked for. */
export const DENSE_METRIC_MAX_DIM = 10;

export const BEYOND_SWITCHES = Object.freeze(["auto", "none"] as const);
export type BeyondSwitch = (typeof BEYOND_SWITCHES)[number];

export interface BeyondOptions {
  readonly reparam?: BeyondSwitch;
  readonly marginalize?: BeyondSwitch;
}

export interface BeyondReport {
  /** The switches as applied ("auto" unless the caller said "none"). */
  readonly switches: Required<BeyondOptions>;
  readonly reparam: readonly ReparamChoice[];
  readonly marginalized: readonly MarginalChoice[];
  /** Why a requested rewrite was not applied (e.g. initial values for an unknown parameter). */
  readonly notes: readonly string[];
  /** Cost of the parameterisation pilot, included in the fit's warmup time and gradient count. */
  readonly pilot: PilotCost;
}

function checkSwitch(name: string, v: unknown): BeyondSwitch {
  if (v === undefined) return "auto";
  if (!(BEYOND_SWITCHES as readonly unknown[]).includes(v)) {
    throw new UserError(`fit: ${name} must be one of ${BEYOND_SWITCHES.map((s) => JSON.stringify(s)).join(", ")}, got ${JSON.stringify(v)}`);
  }
  return v as BeyondSwitch;
}

/** Splits the two switches (default "auto") off the fit options; `switches` is null when both are "none". */
export function splitBeyondOptions<T extends BeyondOptions>(options: T): { switches: Required<BeyondOptions> | null; rest: Omit<T, "reparam" | "marginalize"> } {
  const { reparam, marginalize, ...rest } = options;
  const switches = { reparam: checkSwitch("reparam", reparam), marginalize: checkSwitch("marginalize", marginalize) };
  return { switches: switches.reparam === "none" && switches.marginalize === "none" ? null : switches, rest };
}

/**
 * The result with the pilot's cost added to warmup and the time spent completing the draws after the
 * chains (exact conditional draws of integrated-out parameters, z = r / sd) added to sampling: both
 * are part of making the draws, as generated quantities are of Stan's sampling time, so ESS per second
 * counts them.
 */
function withPilot(result: SampleResult, pilot: PilotCost, draws: Draws, warmupDraws: Draws | null, completionSeconds: number): SampleResult {
  const t = result.timing;
  return {
    ...result,
    draws,
    warmupDraws,
    timing: {
      ...t,
      warmup_s: t.warmup_s + pilot.seconds,
      sampling_s: t.sampling_s + completionSeconds,
      gradients: t.gradients + pilot.gradients,
      wall_s: t.wall_s + pilot.seconds + completionSeconds,
    },
  };
}

const seconds = (t0: number): number => (globalThis.performance.now() - t0) / 1000;

/** A module next to this one (.ts under tsx/vitest, .js once built); resolving drops any loader query tsx adds. */
function moduleUrl(file: string): string {
  const ext = new URL(import.meta.url).pathname.endsWith(".ts") ? "ts" : "js";
  // @vite-ignore: a bundler would otherwise glob this folder's sources into the page (28 kB of base64).
  return new URL(/* @vite-ignore */ `./${file}.${ext}`, import.meta.url).href;
}

/**
 * `detect` is for measurements only (e.g. { crossedMaxSmall: Infinity } to time the crossed marginal
 * past its size limit, test/slow/marginal/crossedLimit.ts); fit() never passes it.
 */
export async function fitBeyond(built: ProgramToFit, options: FitOptions, switches: Required<BeyondOptions>, t0: number, detect: DetectOptions = {}): Promise<Fit> {
  const notes: string[] = [];
  const seed = options.seed ?? DEFAULT_SAMPLE_OPTIONS.seed;
  let program: Program = built.program;
  let data: ProgramData = built.data;
  let plan: MarginalPlan | null = null;
  if (switches.marginalize === "auto" && !workersLoad(options.createWorker, "marginalLogDensity")) {
    // The caller's own workers (a bundle) say they cannot build marginal targets (see withFactories),
    // and running marginal chains on the caller's thread would block it (a page's Stop button).
    notes.push("marginalize: not applied, the caller's workers run compiled programs only");
  } else if (switches.marginalize === "auto") {
    const planned = planMarginalReport(program, data, detect);
    plan = planned.plan;
    // Said, so the footer does not read "nothing conjugate" when a conjugate pair was refused for size.
    for (const d of planned.declined) notes.push(declinedNote(d, built.rename));
    // Nor when weights(), cens() or trunc() are why: the same model with plain rows would have been integrated out.
    if (plan === null && hasWeightedOrCensored(program) && planMarginalReport(withPlainRows(program), data, detect).plan !== null) {
      notes.push("marginalize: not applied, the likelihood is weighted, censored or truncated (the conjugate algebra assumes each row enters once, uncensored and untruncated)");
    }
    if (plan !== null && computeLayout(plan.program).dim === 0) {
      // Everything would be integrated out (a fixed population, known σ): the sampler needs at least
      // one coordinate, so the model is sampled as written.
      notes.push("marginalize: not applied, nothing would be left to sample");
      plan = null;
    }
    if (plan !== null && options.init !== undefined) {
      const unknown = initNamesOutside(options.init, plan);
      if (unknown.length > 0) {
        notes.push(`marginalize: not applied, initial values name ${unknown.join(", ")}, which the marginalised model does not sample`);
        plan = null;
      }
    }
  }
  let choices: readonly ReparamChoice[] = [];
  let pilot: PilotCost = { seconds: 0, gradients: 0 };
  let restore: OutputRestore | null = null;
  if (switches.reparam === "auto") {
    const base = plan ?? { program, data };
    const make: TargetFactory = plan !== null ? (p, d) => marginalLogDensity({ ...(plan as MarginalPlan), program: p, data: d }) : (p, d) => compileModel(p, d);
    // Initial values name the formula program's z, which its reparameterised form does not sample.
    const r = await autoReparam(base.program, base.data, seed, make, { formulaGroups: options.init === undefined, ...(options.signal ? { signal: options.signal } : {}) });
    choices = r.choices;
    pilot = r.pilot;
    restore = r.restore;
    // planMarginal has already centred a formula program's group effects, so the pilot finds no z/sd
    // pair to restore; were it to, the marginal branch below (which fills z itself) would ignore it.
    if (plan !== null && restore !== null) throw new Error("fitBeyond: a reparameterisation that renames outputs on a marginalised plan");
    if (plan !== null) plan = { ...plan, program: r.program, data: r.data };
    else ({ program, data } = r);
  }
  // The pilot is reported once, in warmup (withPilot): compile time is counted from t0 without it.
  // It was in both, so the footer's "compile" grew with the pilot (verbagg, 1920 rows: "compile 5.4 s").
  const tCompile = t0 + pilot.seconds * 1000;
  const report: BeyondReport = {
    switches,
    reparam: choices,
    marginalized: plan?.blocks.flatMap(marginalChoices) ?? [],
    notes,
    pilot,
  };

  if (plan === null) {
    // Switched off explicitly: the rewritten program is sampled as it is (the defaults would recurse).
    const f = await fitProgram({ ...built, program, data }, { ...options, reparam: "none", marginalize: "none" }, tCompile);
    if (restore === null) return new Fit(f.model, f.compiled, withPilot(f.result, pilot, f.result.draws, f.result.warmupDraws, 0), f.timing.compile_s, built.rename, report);
    // A formula program's group effects were sampled as r: the fit keeps the user's program and its
    // output layout (z = r / sd), which predictions, log_lik and the draws CSV read.
    const own = compileModel(options.generated ? built.program : { ...built.program, generated: [] }, built.data);
    const t1 = globalThis.performance.now();
    const draws = restoreOutputs(f.result.draws, restore);
    const warmupDraws = f.result.warmupDraws ? restoreOutputs(f.result.warmupDraws, restore) : null;
    return new Fit(built, own, withPilot(f.result, pilot, draws, warmupDraws, seconds(t1)), f.timing.compile_s, built.rename, report);
  }
  // The user's program: generated quantities (y_rep, log_lik) run after sampling on the completed
  // draws (src/predict/generated.ts), which hold the drawn group parameters.
  const compiled = compileModel(options.generated ? built.program : { ...built.program, generated: [] }, built.data);
  const compileSeconds = (globalThis.performance.now() - tCompile) / 1000;
  const { init, generated: _generated, ...rest } = options;
  const sampleOptions: Partial<SampleOptions> = { ...rest };
  // What is left after integrating out is a few hyperparameters, often correlated (pumps: log α and
  // log β at 0.69); a dense metric costs nothing at that size and gave 1.1–2.4× the ESS per gradient
  // of the diagonal one on eight schools, radon and pumps (bench/RESULTS.md, beyond). Only as a default.
  const local = marginalLogDensity(plan);
  // Stan's 0.8 acceptance target stays, though a lower one looked free here: 0.65 gave 1.2–1.6× the
  // ESS per gradient on pumps, eight schools, radon and radon slopes with no divergence in 10 seeds, but
  // y ~ x + (1 | g) with 4 groups and a group sd near 0 diverged in 14 of 20 fits at 0.65 (78
  // transitions) and 6 of 20 at 0.7, against 1 of 20 at 0.8 (bench/RESULTS.md, session 7).
  if (options.metric === undefined && local.dim <= DENSE_METRIC_MAX_DIM) sampleOptions.metric = "dense";
  if (init !== undefined) sampleOptions.init = marginalInits(plan, init, options.chains ?? DEFAULT_SAMPLE_OPTIONS.chains);
  // As fitProgram does: threads unset, sample() starts chain 1 here and adds workers only for a big job.
  const target = options.threads === 1 ? local : { module: moduleUrl("target"), factory: "marginalLogDensity", payload: plan, local };
  // The completion's bulk-draws module compiles off this thread while the chains run.
  const drawsReady = prepareDrawsCore();
  const result = await sample(target, sampleOptions);
  await drawsReady;
  const t1 = globalThis.performance.now();
  // local lives here whether the chains ran here or in workers: its crossed blocks' statistics serve the completion.
  const draws = fillNonCentred(completeMarginalDraws(result.draws, plan.blocks, seed, false, local.crossed), plan);
  const warmupDraws = result.warmupDraws ? fillNonCentred(completeMarginalDraws(result.warmupDraws, plan.blocks, seed, true, local.crossed), plan) : null;
  return new Fit(built, compiled, withPilot(result, pilot, draws, warmupDraws, seconds(t1)), compileSeconds, built.rename, report);
}

/** The program with its likelihood statements' weights, censoring and truncation dropped (to ask whether they alone stop the marginalisation). */
function withPlainRows(program: Program): Program {
  return {
    ...program,
    statements: program.statements.map((st) => {
      if (st.kind !== "distribution" || (st.weights === undefined && st.cens === undefined && st.trunc === undefined)) return st;
      const { weights: _w, cens: _c, trunc: _t, ...plain } = st;
      return plain;
    }),
  };
}

/** Why a crossed pair was sampled as written, in the names the user sees (r_s, not r_1_1). */
function declinedNote(d: DeclinedCrossed, rename: ProgramToFit["rename"]): string {
  const shown = (name: string) => rename?.find(([from]) => from === `${name}[1]`)?.[1].replace(/\[.*$/, "") ?? name;
  const small = Math.min(d.groups[0], d.groups[1]);
  return (
    `marginalize: not applied, crossed intercepts ${shown(d.params[0])} (${d.groups[0]} levels) and ${shown(d.params[1])} (${d.groups[1]} levels): ` +
    `the smaller factor has ${small} levels, above ${d.limit} (dense Schur complement)`
  );
}

/** The report's entries for a block: crossed intercepts give one entry per factor, each naming the other. */
function marginalChoices(b: MarginalPlan["blocks"][number]): MarginalChoice[] {
  if (b.crossed !== undefined) {
    return [
      { param: b.name, kind: b.kind, groups: b.groups, crossedWith: b.crossed.name },
      { param: b.crossed.name, kind: b.kind, groups: b.crossed.groups, crossedWith: b.name },
    ];
  }
  return [{ param: b.name, kind: b.kind, groups: b.groups, ...(b.correlated ? { effects: b.correlated.effects } : {}) }];
}

/** Names in the initial values that are neither sampled by the plan's program nor integrated out. */
function initNamesOutside(init: NonNullable<FitOptions["init"]>, plan: MarginalPlan): string[] {
  const known = new Set([...plan.program.params.map((p) => p.name), ...plan.blocks.flatMap((b) => [b.name, ...(b.correlated?.coordNames ?? []), ...(b.crossed ? [b.crossed.name] : [])])]);
  return [...new Set(init.flatMap((v) => Object.keys(v)))].filter((n) => !known.has(n));
}

/**
 * Initial points of the marginalised model: the user's values for the parameters it still samples
 * (values for the integrated-out group parameters are not needed and are ignored), through the
 * plan's own transforms (after any reparameterisation).
 */
function marginalInits(plan: MarginalPlan, init: NonNullable<FitOptions["init"]>, chains: number): Float64Array[] {
  if (!Array.isArray(init) || (init.length !== 1 && init.length !== chains)) {
    throw new UserError(`fit: init must be a list with one entry per chain (${chains}) or a single entry for all chains`);
  }
  const reduced = compileModel(plan.program, plan.data);
  return Array.from({ length: chains }, (_, c) => {
    const values = init[init.length === 1 ? 0 : c];
    const perParam = plan.program.params.map((p) => {
      const v = values[p.name];
      if (v === undefined) throw new UserError(`fit: init for chain ${c + 1} has no value for parameter "${p.name}"`);
      return typeof v === "number" ? [v] : v;
    });
    return reduced.unconstrain(perParam);
  });
}

/**
 * A formula model's group effects were integrated out as r; its own program (which predictions and
 * log_lik recompile) samples z = r / sd, so those hidden columns get z from each draw's r and sd
 * (restore.ts's fillZ, as a non-marginal fit's restoreOutputs does; no location was absorbed here).
 */
function fillNonCentred(draws: Draws, plan: MarginalPlan): Draws {
  const S = draws.chains * draws.draws;
  const groups = plan.nonCentred ?? [];
  if (groups.length === 0) return draws;
  // Columns by name, built once (the first of equal names, as indexOf): a lookup per group level
  // was a scan of every name, quadratic in the number of levels.
  const columns = new Map<string, number>();
  draws.names.forEach((name, i) => columns.has(name) || columns.set(name, i));
  const at = (name: string): number => columns.get(name) ?? -1;
  // Groups left sampled are parameters r of the plan's program as well: every z is r / sd.
  for (const g of groups) {
    const sd = at(g.scale);
    for (let j = 1; ; j++) {
      const z = at(`${g.z}[${j}]`);
      const r = at(`${g.r}[${j}]`);
      if (z < 0 || r < 0 || sd < 0) break;
      fillZ(draws.data, z, draws.data, r, sd, -1, S);
    }
  }
  return draws;
}

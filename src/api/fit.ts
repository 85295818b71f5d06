/**
 * `fit(model, data, options)`: build the DSL model against the data, compile it to one fused
 * log-density-and-gradient function, run NUTS chains (in workers when there is more than one
 * thread), and return a `Fit` with the draws, summaries and diagnostics.
 */
import { compileModel, type CompiledModel } from "../compiler/compile.js";
import { UserError } from "../errors.js";
import type { SampleOptions } from "../inference/options.js";
import type { SampleResult } from "../inference/sample.js";
import { sample } from "../inference/sample.js";
import { buildModel, type BuiltModel, type Model } from "../model/model.js";
import { Fit } from "./fitResult.js";
import { explainInitFailure } from "./initDiagnosis.js";
import { createRng } from "../random/rng.js";
import { DEFAULT_SAMPLE_OPTIONS } from "../inference/options.js";
import type { CompiledPayload } from "./compiledTarget.js";
import { fitBeyond, splitBeyondOptions, type BeyondOptions } from "../marginal/fitBeyond.js";

export type FitOptions = Partial<Omit<SampleOptions, "init">> & BeyondOptions & {
  /** Compile posterior-predictive replicates and per-observation log-likelihood (for PPC and LOO). */
  readonly generated?: boolean;
  /** Initial values per chain as constrained values by parameter name (like Stan's init lists). */
  readonly init?: ReadonlyArray<Readonly<Record<string, number | readonly number[]>>>;
};

/** RNG stream of the init diagnosis: far above any chain number (chain c uses stream c). */
const DIAGNOSIS_STREAM = 0x7fff_fff0;

const now = (): number => (typeof performance !== "undefined" ? performance.now() : Date.now());

function isBuilt(x: Model | BuiltModel): x is BuiltModel {
  return (x as BuiltModel).program !== undefined;
}

export async function fit(m: Model | BuiltModel, data: Readonly<Record<string, unknown>> = {}, options: FitOptions = {}): Promise<Fit> {
  const t0 = now();
  const built = isBuilt(m) ? m : buildModel(m, data);
  return fitProgram(built, options, t0);
}

/** What `fitProgram` needs: a named IR program with its data, and optionally output renames. */
export interface ProgramToFit {
  readonly name: string;
  readonly program: BuiltModel["program"];
  readonly data: BuiltModel["data"];
  /** Compiled output name → reported name, in reported order; other outputs are dropped. */
  readonly rename?: ReadonlyArray<readonly [string, string]>;
}

export async function fitProgram(built: ProgramToFit, allOptions: FitOptions = {}, t0 = now()): Promise<Fit> {
  // reparam / marginalize ("auto" | "none", default "auto") rewrite the program first: src/marginal/fitBeyond.ts.
  const { switches, rest: options } = splitBeyondOptions(allOptions);
  if (switches !== null) return fitBeyond(built, options, switches, t0);
  const program = options.generated ? built.program : { ...built.program, generated: [] };
  const compiled = compileModel(program, built.data);
  const compileSeconds = (now() - t0) / 1000;

  const { init, generated: _generated, ...rest } = options;
  const sampleOptions: Partial<SampleOptions> = { ...rest };
  if (init !== undefined) sampleOptions.init = initsFor(compiled, built, init, options.chains ?? 4);

  // threads unset: sample() starts chain 1 here (`local`) and adds workers only for a big job.
  const threads = options.threads;
  const payload: CompiledPayload = { program, data: built.data };
  const target = threads === 1 ? compiled : { module: workerModuleUrl(), factory: "compiledLogDensity", payload, local: compiled };
  let result: SampleResult;
  try {
    result = await sample(target, sampleOptions);
  } catch (e) {
    throw withInitDiagnosis(e, compiled, built, sampleOptions);
  }
  return new Fit(built, compiled, result, compileSeconds, built.rename);
}

/**
 * A UserError from sampling gains the names of the parameters whose values make the log density
 * non-finite (the sampler's init only knows coordinates); other errors pass through unchanged.
 */
function withInitDiagnosis(e: unknown, compiled: CompiledModel, built: ProgramToFit, o: Partial<SampleOptions>): unknown {
  if (!(e instanceof UserError)) return e;
  // A stream no chain uses, so the diagnosis never shifts any chain's draws.
  const rng = createRng(o.seed ?? DEFAULT_SAMPLE_OPTIONS.seed, DIAGNOSIS_STREAM);
  const renamed = new Map(built.rename ?? []);
  const displayName = (param: string): string => {
    const p = compiled.params.find((q) => q.name === param);
    const shown = (p?.names ?? []).flatMap((n) => (renamed.has(n) ? [renamed.get(n) as string] : []));
    if (shown.length === 0) return param;
    return shown.length > 3 ? `${shown.slice(0, 3).join(", ")}, …` : shown.join(", ");
  };
  const why = explainInitFailure(compiled, o.init ?? null, rng, displayName);
  return why === null ? e : new UserError(`${e.message}\n${why}`, { cause: e });
}

/** The URL of the worker factory module, next to this file (.ts under tsx/vitest, .js once built). */
function workerModuleUrl(): string {
  // Resolved relative to this file, which also drops any loader query (tsx adds one under tsImport).
  const ext = new URL(import.meta.url).pathname.endsWith(".ts") ? "ts" : "js";
  // @vite-ignore: a bundler would otherwise inline the matching sources into the page as assets.
  return new URL(/* @vite-ignore */ `./compiledTarget.${ext}`, import.meta.url).href;
}

function initsFor(
  compiled: CompiledModel,
  built: ProgramToFit,
  init: NonNullable<FitOptions["init"]>,
  chains: number,
): Float64Array[] {
  if (!Array.isArray(init) || (init.length !== 1 && init.length !== chains)) {
    throw new UserError(`fit: init must be a list with one entry per chain (${chains}) or a single entry for all chains`);
  }
  return Array.from({ length: chains }, (_, c) => {
    const values = init[init.length === 1 ? 0 : c];
    const perParam = built.program.params.map((p) => {
      const v = values[p.name];
      if (v === undefined) throw new UserError(`fit: init for chain ${c + 1} has no value for parameter "${p.name}"`);
      return typeof v === "number" ? [v] : v;
    });
    for (const name of Object.keys(values)) {
      if (!built.program.params.some((p) => p.name === name)) throw new UserError(`fit: init names "${name}", which is not a parameter`);
    }
    return compiled.unconstrain(perParam);
  });
}

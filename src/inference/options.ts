/**
 * Options of `sample`, their frozen defaults, and the runtime checks (closed sets list their valid
 * choices; numbers say what they must be and what they got).
 */
import { UserError } from "../errors.js";
import type { ChainProgress } from "./chain.js";
import { METRIC_KINDS, type MetricKind } from "./metric.js";
import type { BrowserWorker } from "./threads.js";

export interface SampleOptions {
  chains: number;
  warmup: number;
  /** Post-warmup iterations per chain; ceil(draws / thin) of them are kept. */
  draws: number;
  seed: number;
  /** Worker threads for a worker target; undefined = number of cores; 1 = this thread. */
  threads?: number;
  adaptDelta: number;
  maxTreeDepth: number;
  /** Energy error that marks a divergence. */
  maxDeltaH: number;
  metric: MetricKind;
  /** Step size the warmup starts its search from (Stan's `stepsize`). */
  initialStepSize: number;
  /** One unconstrained point per chain. */
  init?: readonly Float64Array[];
  thin: number;
  saveWarmup: boolean;
  onProgress?: (progress: ChainProgress) => void;
  signal?: AbortSignal;
  /**
   * Browser bundles: makes one chain worker, e.g. `() => new Worker(new URL("./chainWorker.ts",
   * import.meta.url), { type: "module" })`, whose entry calls `startChainWorker(...)`.
   */
  createWorker?: () => BrowserWorker;
}

/**
 * Stan's defaults. The metric stays Stan's "diag": "fisher-diag" passes issue 12's ESS-per-gradient
 * rule on the benchmark models as written, but not under the default pipeline (reparam and
 * marginalize "auto"), where it loses on epilepsy, grouseticks and cake and on cake leaves chains
 * stuck (bench/RESULTS.md, metric section, "Session 6"); measure there before switching.
 * `seed` has a fixed default (nothing here may draw entropy), so two runs without
 * a seed give the same draws; pass your own to vary them. `threads` left out means one per core.
 */
export const DEFAULT_SAMPLE_OPTIONS: Readonly<Omit<SampleOptions, "threads" | "init" | "onProgress" | "signal" | "createWorker">> = Object.freeze({
  chains: 4,
  warmup: 1000,
  draws: 1000,
  seed: 0,
  adaptDelta: 0.8,
  maxTreeDepth: 10,
  maxDeltaH: 1000,
  metric: "diag",
  initialStepSize: 1,
  thin: 1,
  saveWarmup: false,
});

const KNOWN_OPTIONS = [
  "chains", "warmup", "draws", "seed", "threads", "adaptDelta", "maxTreeDepth", "maxDeltaH", "metric",
  "initialStepSize", "init", "thin", "saveWarmup", "onProgress", "signal", "createWorker",
] as const;

function check(ok: boolean, what: string, got: unknown): void {
  if (!ok) throw new UserError(`sample: ${what}, got ${typeof got === "string" ? JSON.stringify(got) : String(got)}`);
}

const isInt = (v: unknown): v is number => typeof v === "number" && Number.isInteger(v);

export function resolveOptions(options: Partial<SampleOptions> = {}): SampleOptions {
  for (const key of Object.keys(options)) {
    if (!(KNOWN_OPTIONS as readonly string[]).includes(key)) {
      throw new UserError(`sample: unknown option ${JSON.stringify(key)}; valid options are ${KNOWN_OPTIONS.join(", ")}`);
    }
  }
  const o: SampleOptions = { ...DEFAULT_SAMPLE_OPTIONS };
  for (const [k, v] of Object.entries(options)) if (v !== undefined) (o as unknown as Record<string, unknown>)[k] = v;
  check(isInt(o.chains) && o.chains >= 1, "chains must be a positive integer", o.chains);
  check(isInt(o.warmup) && o.warmup >= 0, "warmup must be a non-negative integer", o.warmup);
  check(isInt(o.draws) && o.draws >= 0, "draws must be a non-negative integer", o.draws);
  check(typeof o.seed === "number" && Number.isFinite(o.seed) && Number.isInteger(o.seed), "seed must be an integer", o.seed);
  check(o.threads === undefined || (isInt(o.threads) && o.threads >= 1), "threads must be a positive integer", o.threads);
  check(typeof o.adaptDelta === "number" && o.adaptDelta > 0 && o.adaptDelta < 1, "adaptDelta must be in (0, 1)", o.adaptDelta);
  check(isInt(o.maxTreeDepth) && o.maxTreeDepth >= 1 && o.maxTreeDepth <= 30, "maxTreeDepth must be an integer from 1 to 30", o.maxTreeDepth);
  check(typeof o.maxDeltaH === "number" && o.maxDeltaH > 0, "maxDeltaH must be positive", o.maxDeltaH);
  if (!(METRIC_KINDS as readonly string[]).includes(o.metric)) {
    throw new UserError(`sample: metric must be one of ${METRIC_KINDS.map((m) => JSON.stringify(m)).join(", ")}, got ${JSON.stringify(o.metric)}`);
  }
  check(typeof o.initialStepSize === "number" && o.initialStepSize > 0 && Number.isFinite(o.initialStepSize), "initialStepSize must be positive and finite", o.initialStepSize);
  check(isInt(o.thin) && o.thin >= 1, "thin must be a positive integer", o.thin);
  check(typeof o.saveWarmup === "boolean", "saveWarmup must be true or false", o.saveWarmup);
  if (o.init !== undefined) {
    check(Array.isArray(o.init) && o.init.length === o.chains, `init must be an array of ${o.chains} Float64Array (one per chain)`, Array.isArray(o.init) ? `${o.init.length} entries` : o.init);
    for (const x of o.init) check(x instanceof Float64Array, "each init must be a Float64Array on the unconstrained scale", x);
  }
  check(o.onProgress === undefined || typeof o.onProgress === "function", "onProgress must be a function", o.onProgress);
  return o;
}

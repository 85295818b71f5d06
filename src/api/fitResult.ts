/**
 * The result of `fit`: the draws, their summary and the sampler's diagnostics, with the same names
 * and numbers the CLI prints and writes.
 */
import type { CompiledModel } from "../compiler/compile.js";
import { UserError } from "../errors.js";
import type { SampleResult } from "../inference/sample.js";
import type { ProgramToFit } from "./fit.js";
import type { BeyondReport } from "../marginal/fitBeyond.js";
import { createDraws, modelVariableNames, SAMPLER_VARIABLES, variableOf, type Draws } from "../posterior/draws.js";

/**
 * Keeps the sampler variables and the listed outputs, renamed and in the listed order (a formula
 * model's internal z and L become invisible; `b[1]` becomes `b_floor`).
 */
export function selectOutputs(draws: Draws, rename: ReadonlyArray<readonly [string, string]>): Draws {
  const from = [...SAMPLER_VARIABLES.filter((n) => draws.names.includes(n)).map((n) => [n, n] as const), ...rename];
  const out = createDraws(from.map(([, to]) => to), draws.chains, draws.draws);
  const block = draws.chains * draws.draws;
  from.forEach(([name], k) => {
    const v = draws.names.indexOf(name);
    if (v < 0) throw new Error(`selectOutputs: the draws have no variable ${name}`);
    out.data.set(draws.data.subarray(v * block, (v + 1) * block), k * block);
  });
  return out;
}

export class Fit {
  readonly draws: Draws;
  readonly timing: { readonly compile_s: number; readonly warmup_s: number; readonly sampling_s: number; readonly wall_s: number; readonly gradients: number };

  constructor(
    readonly model: ProgramToFit,
    readonly compiled: CompiledModel,
    readonly result: SampleResult,
    compileSeconds: number,
    rename?: ReadonlyArray<readonly [string, string]>,
    /** What `reparam: "auto"` / `marginalize: "auto"` chose (null when neither was asked for). */
    readonly beyond: BeyondReport | null = null,
  ) {
    this.draws = rename ? selectOutputs(result.draws, rename) : result.draws;
    this.timing = { compile_s: compileSeconds, ...result.timing };
  }

  /** Names of the model's outputs (parameters, then derived quantities), Stan style. */
  get names(): string[] {
    return modelVariableNames(this.draws);
  }

  /**
   * The draws of one output, chains concatenated: an exact name (`"theta[1]"`, `"tau"`) gives one
   * array; a vector's base name (`"theta"`) gives one array per element, in order.
   */
  get(name: string): Float64Array;
  get(name: string, all: "elements"): Float64Array[];
  get(name: string, all?: "elements"): Float64Array | Float64Array[] {
    const names = this.draws.names;
    const exact = names.indexOf(name);
    if (all === undefined) {
      if (exact < 0) throw new UserError(`no output named "${name}"; outputs are ${preview(this.names)}`);
      return variableOf(this.draws, exact).slice();
    }
    const prefix = `${name}[`;
    const idx = names.flatMap((n, k) => (n === name || n.startsWith(prefix) ? [k] : []));
    if (idx.length === 0) throw new UserError(`no output named "${name}"; outputs are ${preview(this.names)}`);
    return idx.map((k) => variableOf(this.draws, k).slice());
  }

  get divergences(): number {
    return this.result.divergences;
  }
}

function preview(names: readonly string[]): string {
  return names.length > 12 ? `${names.slice(0, 12).join(", ")}, …` : names.join(", ");
}
